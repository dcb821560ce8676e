"""The offices the coordinator trusts: a folder of their seal certificates (PEM).

A yearly file counts only when its signature was made with one of these certificates.
Trust is by exact certificate (SHA-256 fingerprint), added one by one after the
fingerprint was compared with the office, so no certificate authority is involved.
An office that is trusted but sent no accepted file is listed as missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization

from app.atomic import write_atomic
from app.errors import UsageError
from app.export.coordinator_keys import common_name, fingerprint_of
from app.i18n import _, format_date

_MAX_PEM_BYTES = 64 * 1024  # a certificate is a few KiB


@dataclass(frozen=True)
class TrustedOffice:
    fingerprint: str  # SHA-256, "AB:CD:…"
    name: str  # the certificate's common name, e.g. "Dienstsiegel MBE Kiel"
    valid_until: str  # formatted date, for people


def describe(cert: x509.Certificate) -> TrustedOffice:
    return TrustedOffice(
        fingerprint=fingerprint_of(cert),
        name=common_name(cert),
        valid_until=format_date(cert.not_valid_after_utc.date()),
    )


def _read_pem(path: Path, in_folder: bool) -> x509.Certificate:
    """``in_folder``: the file lies in the trusted folder (the fix is to remove it), else
    it is one being handed in."""
    try:
        size = path.stat().st_size
        if size > _MAX_PEM_BYTES:
            raise ValueError("too large")
        return x509.load_pem_x509_certificate(path.read_bytes())
    except (OSError, ValueError):
        problem = _("{path} ist kein lesbares Zertifikat (PEM).").format(path=path)
        if in_folder:
            problem += " " + _(
                "Bitte entfernen Sie die Datei aus dem Ordner der vertrauenswürdigen "
                "Beratungsstellen."
            )
        raise UsageError(problem) from None


def load_trusted(folder: Path) -> dict[str, TrustedOffice]:
    """Fingerprint → office for every ``*.pem`` in ``folder``."""
    if not folder.is_dir():
        raise UsageError(
            _(
                "Der Ordner {folder} mit den Zertifikaten der Beratungsstellen fehlt. Bitte "
                "nehmen Sie Zertifikate mit „lotse coordinator trust“ auf."
            ).format(folder=folder)
        )
    offices = (describe(_read_pem(p, True)) for p in sorted(folder.glob("*.pem")))
    return {office.fingerprint: office for office in offices}


def read_certificate(path: Path) -> x509.Certificate:
    """An office certificate handed to the coordinator; ``UsageError`` if unreadable."""
    return _read_pem(path, False)


def add_trusted(folder: Path, cert: x509.Certificate) -> tuple[TrustedOffice, bool]:
    """Store ``cert`` in ``folder``; returns the office and False if it was there already."""
    office = describe(cert)
    if folder.is_dir() and office.fingerprint in load_trusted(folder):
        return office, False
    digest = cert.fingerprint(hashes.SHA256()).hex()[:16]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(
            folder / f"{digest}.pem", cert.public_bytes(serialization.Encoding.PEM), mode=0o644
        )
    except OSError:
        raise UsageError(
            _("Der Ordner {folder} kann nicht beschrieben werden.").format(folder=folder)
        ) from None
    return office, True
