"""The office seal in use, and its certificate published next to the database.

The certificate is public: ``lotse verify`` compares sealed documents with it
without unlocking the office, and the office may hand it to anyone who wants to
check its documents. The private key never leaves the encrypted database.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from app.domain.seal import SealMaterial
from app.errors import UsageError
from app.i18n import _
from app.paths import OfficePaths

if TYPE_CHECKING:
    from sqlalchemy.orm import Session as OrmSession

    from app.services.session import OfficeSession

CERTIFICATE_NAME = "seal-certificate.pem"


def public_certificate_path(paths: OfficePaths) -> Path:
    return paths.home / CERTIFICATE_NAME


def read_seal(orm: OrmSession) -> SealMaterial | None:
    """The seal in use: the newest one (documents, the yearly file and the published
    certificate all take this one)."""
    # Loaded here: ``lotse verify`` needs only the path above, without SQLAlchemy.
    from sqlalchemy import select

    from app.storage import models

    newest = select(models.SigningIdentity).order_by(models.SigningIdentity.id.desc())
    row = orm.scalars(newest).first()
    if row is None:
        return None
    return SealMaterial(
        row.key_pem, row.cert_pem, row.chain_pem or b"", row.subject,
        row.fingerprint_sha256, row.not_after, row.self_signed,
    )  # fmt: skip


def office_seal(orm: OrmSession) -> SealMaterial:
    """The seal in use; UsageError (nothing was made) when the office has none."""
    seal = read_seal(orm)
    if seal is None:
        raise UsageError(
            _(
                "Die Beratungsstelle hat kein Dienstsiegel. Es wurde nichts erstellt; "
                "bitte richten Sie in den Einstellungen ein Dienstsiegel ein."
            )
        )
    return seal


def current_certificate_pem(session: OfficeSession) -> bytes | None:
    """The PEM of the seal in use, None if the office has none."""
    with session.orm() as orm:
        seal = read_seal(orm)
    return seal.cert_pem if seal else None


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
