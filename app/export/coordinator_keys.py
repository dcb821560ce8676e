"""The state coordinator's key pair: offices encrypt their yearly file to its certificate.

CMS enveloping in ``cryptography`` accepts only RSA recipients, so the key is RSA 3072
(about 128-bit security, like the offices' EC P-256 seals). The certificate is
self-signed and valid for ten years; offices import it once and check its fingerprint
with the coordinator by phone. The private key is written as PKCS#8, encrypted with a
passphrase unless the coordinator explicitly chooses otherwise.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs7
from cryptography.x509.oid import NameOID

from app.atomic import write_atomic
from app.errors import AccessDenied, UsageError
from app.i18n import _

# Part of the certificate, not of the UI: stays German in every language.
DEFAULT_NAME = "Landeskoordination MSB Schleswig-Holstein"
KEY_BITS = 3072
VALID_YEARS = 10
KEY_FILE = "Landeskoordination_Schluessel.pem"
CERT_FILE = "Landeskoordination_Zertifikat.pem"
_NAME_MAX = 64  # X.520 upper bound for a common name


@dataclass(frozen=True)
class CoordinatorKey:
    """The unlocked key (unencrypted PKCS#8, in memory only) and its certificate."""

    key_pem: bytes
    cert_pem: bytes

    @functools.cached_property
    def _loaded(self) -> tuple[rsa.RSAPrivateKey, x509.Certificate]:
        key = serialization.load_pem_private_key(self.key_pem, password=None)
        if not isinstance(key, rsa.RSAPrivateKey):
            raise UsageError(_("Der Schlüssel der Landeskoordination ist kein RSA-Schlüssel."))
        return key, load_certificate(self.cert_pem)

    def decrypt(self, data: bytes) -> bytes:
        """The content of a CMS EnvelopedData addressed to this key.

        Like ``cms.decrypt``, but the key is parsed once, not once per file: parsing
        checks an RSA 3072 key for 0.1 s, which for 60 files was most of the time.
        ValueError or UnsupportedAlgorithm if the data cannot be decrypted."""
        key, cert = self._loaded
        return pkcs7.pkcs7_decrypt_der(data, cert, key, [])


@dataclass(frozen=True)
class CoordinatorKeys:
    key_pem: bytes  # PKCS#8, encrypted when a passphrase was given
    cert_pem: bytes
    fingerprint: str  # SHA-256, "AB:CD:…"


def fingerprint_of(cert: x509.Certificate) -> str:
    """SHA-256 fingerprint in the colon-separated form people compare by phone."""
    return ":".join(f"{b:02X}" for b in cert.fingerprint(hashes.SHA256()))


def common_name(cert: x509.Certificate) -> str:
    for attribute in cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME):
        value = attribute.value
        return value if isinstance(value, str) else value.decode("utf-8", "replace")
    return cert.subject.rfc4514_string()


def _add_years(value: dt.datetime, years: int) -> dt.datetime:
    try:
        return value.replace(year=value.year + years)
    except ValueError:  # 29 February
        return value.replace(year=value.year + years, day=28)


def _usage() -> x509.KeyUsage:
    # Recipients of CMS key transport need keyEncipherment; nothing else.
    return x509.KeyUsage(
        digital_signature=False,
        content_commitment=False,
        key_encipherment=True,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=False,
        crl_sign=False,
        encipher_only=False,
        decipher_only=False,
    )


def create_keys(
    name: str = DEFAULT_NAME, passphrase: str | None = None, now: dt.datetime | None = None
) -> CoordinatorKeys:
    """A new RSA key and its self-signed certificate; ``UsageError`` for an empty name."""
    cn = " ".join(name.split())[:_NAME_MAX].strip()
    if not cn:
        raise UsageError(_("Bitte geben Sie einen Namen für die Landeskoordination an."))
    start = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "DE"),
            x509.NameAttribute(NameOID.COMMON_NAME, cn),
        ]
    )
    ski = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(_add_years(start, VALID_YEARS))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_usage(), critical=True)
        .add_extension(ski, critical=False)
        .sign(key, hashes.SHA256())
    )
    encryption: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(passphrase.encode("utf-8"))
        if passphrase
        else serialization.NoEncryption()
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption
    )
    return CoordinatorKeys(
        key_pem=key_pem,
        cert_pem=cert.public_bytes(serialization.Encoding.PEM),
        fingerprint=fingerprint_of(cert),
    )


def write_keys(folder: Path, keys: CoordinatorKeys) -> tuple[Path, Path]:
    """Write key (mode 0600) and certificate; never overwrite an existing key."""
    key_path, cert_path = folder / KEY_FILE, folder / CERT_FILE
    for path in (key_path, cert_path):
        if path.exists():
            raise UsageError(
                _(
                    "In {folder} liegt bereits {name}. Es wurde nichts überschrieben; "
                    "bitte wählen Sie einen anderen Ordner."
                ).format(folder=folder, name=path.name)
            )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(key_path, keys.key_pem, mode=0o600)
        write_atomic(cert_path, keys.cert_pem, mode=0o644)
    except OSError:
        raise UsageError(
            _("Der Ordner {folder} kann nicht beschrieben werden.").format(folder=folder)
        ) from None
    return key_path, cert_path


def key_is_encrypted(key_pem: bytes) -> bool:
    return b"ENCRYPTED PRIVATE KEY" in key_pem


def unlock_key(key_pem: bytes, cert_pem: bytes, passphrase: str | None) -> bytes:
    """The key as unencrypted PKCS#8 PEM, held in memory only; checked against ``cert_pem``.

    ``AccessDenied`` for a wrong passphrase, ``UsageError`` for files that are no key or
    certificate or do not belong together."""
    secret = passphrase.encode("utf-8") if passphrase and key_is_encrypted(key_pem) else None
    try:
        key = serialization.load_pem_private_key(key_pem, password=secret)
    except TypeError:
        raise AccessDenied(
            _("Der Schlüssel ist mit einer Passphrase geschützt. Bitte geben Sie sie an.")
        ) from None
    except ValueError:
        if secret is not None:
            raise AccessDenied(
                _("Die Passphrase des Schlüssels ist falsch. Es wurde nichts verändert.")
            ) from None
        raise UsageError(_("Die Schlüsseldatei enthält keinen lesbaren Schlüssel.")) from None
    cert = load_certificate(cert_pem)
    if not isinstance(key, rsa.RSAPrivateKey) or key.public_key() != cert.public_key():
        raise UsageError(
            _("Schlüssel und Zertifikat der Landeskoordination gehören nicht zusammen.")
        )
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def load_certificate(cert_pem: bytes) -> x509.Certificate:
    try:
        return x509.load_pem_x509_certificate(cert_pem)
    except ValueError:
        raise UsageError(_("Die Datei enthält kein lesbares Zertifikat (PEM).")) from None
