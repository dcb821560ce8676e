"""The office seal's certificate, published next to the database.

The certificate is public: ``lotse verify`` compares sealed documents with it
without unlocking the office, and the office may hand it to anyone who wants to
check its documents. The private key never leaves the encrypted database.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from app.paths import OfficePaths

if TYPE_CHECKING:
    from app.services.session import OfficeSession

CERTIFICATE_NAME = "seal-certificate.pem"


def public_certificate_path(paths: OfficePaths) -> Path:
    return paths.home / CERTIFICATE_NAME


def current_certificate_pem(session: OfficeSession) -> bytes | None:
    """The PEM of the seal in use (the newest one), None if the office has none."""
    from sqlalchemy import select

    from app.storage import models

    with session.orm() as orm:
        pem = orm.scalar(
            select(models.SigningIdentity.cert_pem)
            .order_by(models.SigningIdentity.id.desc())
            .limit(1)
        )
    return bytes(pem) if pem else None


def publish_certificate(session: OfficeSession) -> Path:
    """Write the seal's certificate to the office folder when missing or different."""
    from app.atomic import write_atomic

    path = public_certificate_path(session.paths)
    pem = current_certificate_pem(session)
    if pem is None:
        return path
    try:
        if path.read_bytes() == pem:
            return path
    except OSError:
        pass  # missing or unreadable: write it
    write_atomic(path, pem, mode=0o644)
    return path
