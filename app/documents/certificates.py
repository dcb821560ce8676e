"""The office seal: a signing key and its certificate, made here or imported.

A new office gets a self-signed EC P-256 certificate valid for ten years. An
office that holds a certificate from a trust service provider imports it as a
PKCS#12 file instead. Either way the result is a ``SealMaterial``, stored only
inside the encrypted database, and ``make_signer`` turns it into a pyHanko
signer for sealing PDFs.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from app.domain.seal import SealMaterial
from app.errors import UsageError
from app.i18n import _, format_date

if TYPE_CHECKING:
    from pyhanko.sign.signers import SimpleSigner

VALID_YEARS = 10
# The common name is part of the certificate, not of the UI: it stays German in every language.
SEAL_CN_PREFIX = "Dienstsiegel "
COUNTRY = "DE"
_NAME_MAX = 64  # upper bound of X.520 common and organisation names (RFC 5280)

_SigningKey = (
    rsa.RSAPrivateKey
    | ec.EllipticCurvePrivateKey
    | ed25519.Ed25519PrivateKey
    | ed448.Ed448PrivateKey
)
_SIGNING_KEY_TYPES = (
    rsa.RSAPrivateKey,
    ec.EllipticCurvePrivateKey,
    ed25519.Ed25519PrivateKey,
    ed448.Ed448PrivateKey,
)


def _utc_naive(value: dt.datetime | None) -> dt.datetime:
    """``value`` (default: now) as naive UTC, whole seconds."""
    if value is None:
        value = dt.datetime.now(dt.UTC)
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return value.replace(microsecond=0)


def _add_years(value: dt.datetime, years: int) -> dt.datetime:
    try:
        return value.replace(year=value.year + years)
    except ValueError:  # 29 February in a year without one
        return value.replace(year=value.year + years, day=28)


def _name_part(text: str) -> str:
    return " ".join(text.split())[:_NAME_MAX].strip()


def _subject(office_name: str, provider: str) -> x509.Name:
    office = _name_part(office_name)
    organisation = _name_part(provider) or office
    common_name = _name_part(SEAL_CN_PREFIX + office)
    attributes = [x509.NameAttribute(NameOID.COUNTRY_NAME, COUNTRY)]
    if organisation:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation))
    attributes.append(x509.NameAttribute(NameOID.COMMON_NAME, common_name))
    return x509.Name(attributes)


def _signing_key_usage() -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=True,
        content_commitment=True,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=False,
        crl_sign=False,
        encipher_only=False,
        decipher_only=False,
    )


def _material(
    key: _SigningKey, cert: x509.Certificate, chain: list[x509.Certificate]
) -> SealMaterial:
    return SealMaterial(
        key_pem=key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
        cert_pem=cert.public_bytes(serialization.Encoding.PEM),
        chain_pem=b"".join(c.public_bytes(serialization.Encoding.PEM) for c in chain),
        subject=cert.subject.rfc4514_string(),
        fingerprint_sha256=cert.fingerprint(hashes.SHA256()).hex(),
        not_after=cert.not_valid_after_utc.replace(tzinfo=None),
        self_signed=_is_self_signed(cert),
    )


def _is_self_signed(cert: x509.Certificate) -> bool:
    if cert.issuer != cert.subject:
        return False
    try:
        cert.verify_directly_issued_by(cert)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def create_self_signed(
    office_name: str, provider: str, now: dt.datetime | None = None
) -> SealMaterial:
    """A new EC P-256 key and a self-signed seal certificate valid for ten years."""
    start = _utc_naive(now)
    key = ec.generate_private_key(ec.SECP256R1())
    name = _subject(office_name, provider)
    ski = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(_add_years(start, VALID_YEARS))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_signing_key_usage(), critical=True)
        .add_extension(ski, critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski), critical=False
        )
        .sign(key, hashes.SHA256())
    )
    return _material(key, cert, [])


def _load_pkcs12(
    data: bytes, password: str | None
) -> tuple[object, x509.Certificate | None, list[x509.Certificate]]:
    # An empty password may mean "no password" or "the empty password": try both.
    candidates: list[bytes | None] = [password.encode("utf-8")] if password else [None, b""]
    for candidate in candidates:
        try:
            return pkcs12.load_key_and_certificates(data, candidate)
        except (ValueError, TypeError):
            continue
    raise UsageError(_("Die Datei ist keine gültige PKCS#12-Datei oder das Kennwort ist falsch."))


def _check_pair(key: object, cert: x509.Certificate | None) -> tuple[_SigningKey, x509.Certificate]:
    if key is None:
        raise UsageError(
            _(
                "Die PKCS#12-Datei enthält keinen privaten Schlüssel. Bitte exportieren Sie "
                "das Zertifikat zusammen mit dem privaten Schlüssel."
            )
        )
    if cert is None:
        raise UsageError(_("Die PKCS#12-Datei enthält kein Zertifikat."))
    if not isinstance(key, _SIGNING_KEY_TYPES):
        raise UsageError(
            _(
                "Der Schlüssel in der PKCS#12-Datei eignet sich nicht zum Signieren "
                "(unterstützt werden RSA, EC und EdDSA)."
            )
        )
    if key.public_key() != cert.public_key():
        raise UsageError(_("Schlüssel und Zertifikat in der PKCS#12-Datei gehören nicht zusammen."))
    return key, cert


def _check_usable(cert: x509.Certificate, now: dt.datetime) -> None:
    not_after = cert.not_valid_after_utc.replace(tzinfo=None)
    not_before = cert.not_valid_before_utc.replace(tzinfo=None)
    if not_after < now:
        raise UsageError(
            _(
                "Das Zertifikat ist am {date} abgelaufen. Bitte beantragen Sie ein neues "
                "Zertifikat."
            ).format(date=format_date(not_after.date()))
        )
    if not_before > now:
        raise UsageError(
            _("Das Zertifikat ist erst ab dem {date} gültig.").format(
                date=format_date(not_before.date())
            )
        )
    try:
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return
    if not (usage.digital_signature or usage.content_commitment):
        raise UsageError(
            _(
                "Das Zertifikat ist nicht zum Signieren bestimmt: Seine Schlüsselverwendung "
                "erlaubt weder „Digitale Signatur“ noch „Nichtabstreitbarkeit“."
            )
        )


def import_pkcs12(
    data: bytes, password: str | None, now: dt.datetime | None = None
) -> SealMaterial:
    """Read a seal from a PKCS#12 file (.p12/.pfx); ``UsageError`` if it cannot serve."""
    key, cert, additional = _load_pkcs12(data, password)
    signing_key, signing_cert = _check_pair(key, cert)
    _check_usable(signing_cert, _utc_naive(now))
    return _material(signing_key, signing_cert, list(additional))


def _common_name(cert: x509.Certificate) -> str | None:
    for attribute in cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME):
        value = attribute.value
        return value if isinstance(value, str) else value.decode("utf-8", "replace")
    return None


def seal_summary(material: SealMaterial) -> str:
    """One line for people: whose seal it is and until when it is valid."""
    cert = x509.load_pem_x509_certificate(material.cert_pem)
    values = {
        "name": _common_name(cert) or material.subject,
        "date": format_date(material.not_after.date()),
    }
    if material.self_signed:
        return _("{name}, selbst ausgestellt, gültig bis {date}").format(**values)
    return _("{name}, gültig bis {date}").format(**values)


def make_signer(material: SealMaterial) -> SimpleSigner:
    """A pyHanko signer that seals PDFs with ``material``."""
    # pyHanko takes about 0.6 s to import: only load it when something is sealed.
    from pyhanko.keys import (
        load_certs_from_pemder_data,
        load_private_key_from_pemder_data,
    )
    from pyhanko.sign.signers import SimpleSigner
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    (signing_cert,) = load_certs_from_pemder_data(material.cert_pem)
    registry = SimpleCertificateStore()  # type: ignore[no-untyped-call]  # untyped __init__
    if material.chain_pem:
        registry.register_multiple(load_certs_from_pemder_data(material.chain_pem))
    return SimpleSigner(
        signing_cert=signing_cert,
        signing_key=load_private_key_from_pemder_data(material.key_pem, passphrase=None),
        cert_registry=registry,
    )
