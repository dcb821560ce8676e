"""Exporting the office's yearly file: count, seal, encrypt, record.

The command line and the UI both call ``export_year``; they only decide where the
file goes (``save``). The export is recorded (``yearly_exports`` and the audit trail)
only after ``save`` returned, so a file that could not be written leaves no record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cryptography import x509
from sqlalchemy import select

from app import config
from app.domain.audit import AuditAction, AuditEntity
from app.domain.office import Role
from app.errors import AccessDenied, UsageError
from app.export.report_checks import YEAR_MIN
from app.export.summary_pdf import summary_pdf
from app.export.yearly_file import ExportFile, write_export
from app.i18n import _
from app.services.audit import log
from app.services.seal_public import office_seal
from app.services.settings import read_setting
from app.storage import models
from app.storage.models_records import YearlyExportRecord

if TYPE_CHECKING:
    from sqlalchemy.orm import Session as OrmSession

    from app.services.session import OfficeSession


@dataclass(frozen=True)
class ExportInfo:
    """One recorded export, for the lead's overview."""

    year: int
    exported_on: dt.date
    report_sha256: str
    by: str  # display name of who exported it


def _require_lead(session: OfficeSession) -> None:
    if session.user.role is not Role.LEAD:
        raise AccessDenied(_("Die Jahresmeldung kann nur die Leitung exportieren."))


def _check_year(year: int, today: dt.date) -> None:
    if not YEAR_MIN <= year <= today.year:
        raise UsageError(
            _("Für das Jahr {year} gibt es keine Jahresmeldung (möglich: {first} bis {last}).")
            .format(year=year, first=YEAR_MIN, last=today.year)
        )  # fmt: skip


def coordinator_certificate(orm: OrmSession) -> bytes | None:
    """The coordinator's certificate (PEM) the file is encrypted for; None if none is set."""
    text = str(read_setting(orm, config.COORDINATOR_CERTIFICATE)).strip()
    if not text:
        return None
    pem = text.encode("ascii", "replace")
    try:
        x509.load_pem_x509_certificate(pem)
    except ValueError:
        raise UsageError(
            _(
                "Das hinterlegte Zertifikat der Landeskoordination ist unlesbar. Es wurde keine "
                "Datei geschrieben; bitte hinterlegen Sie es in den Einstellungen neu."
            )
        ) from None
    return pem


def export_year(
    session: OfficeSession,
    year: int,
    today: dt.date,
    save: Callable[[ExportFile], object] | None = None,
) -> ExportFile:
    """Build, seal (and, with a coordinator certificate, encrypt) the yearly file for
    ``year``, hand it to ``save``, then record the export. Lead only."""
    # Loaded on use: counting pulls in most of the domain, labels the vocabularies.
    from app.domain.yearly_labels import label, table_title
    from app.services.yearly_export import build_report

    _require_lead(session)
    _check_year(year, today)
    with session.orm() as orm:
        seal = office_seal(orm)
        recipient = coordinator_certificate(orm)
    report = build_report(session, year)
    export = write_export(
        report,
        seal_key_pem=seal.key_pem,
        seal_cert_pem=seal.cert_pem,
        seal_chain_pem=seal.chain_pem,
        coordinator_cert_pem=recipient,
        summary=summary_pdf(report, table_title, label),
        title_of=table_title,
        label_of=label,
    )
    if save is not None:
        save(export)
    with session.orm() as orm, orm.begin():
        orm.add(
            YearlyExportRecord(
                year=year,
                exported_on=today,
                report_sha256=export.report_sha256,
                created_by=session.user.id,
            )
        )
        log(orm, session.user.id, AuditAction.EXPORT, AuditEntity.YEARLY_REPORT, year)
    return export


def exports(session: OfficeSession, year: int | None = None) -> list[ExportInfo]:
    """Recorded exports, newest first; only those of ``year`` if given."""
    r, u = YearlyExportRecord, models.User
    query = select(r.year, r.exported_on, r.report_sha256, u.display_name).outerjoin(
        u, u.id == r.created_by
    )
    if year is not None:
        query = query.where(r.year == year)
    with session.orm() as orm:
        rows = orm.execute(query.order_by(r.id.desc())).all()
    return [ExportInfo(y, on, sha, name or "") for y, on, sha, name in rows]


def set_coordinator_certificate(session: OfficeSession, pem: bytes) -> str:
    """Keep the coordinator's certificate, so yearly files are encrypted for it (lead only,
    audited as a settings change); returns its subject to show."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    from app.services.settings import set_setting

    try:
        cert = x509.load_pem_x509_certificate(pem.strip())
    except ValueError:
        raise UsageError(
            _("Die Datei enthält kein Zertifikat (PEM). Nichts wurde geändert.")
        ) from None
    if not isinstance(cert.public_key(), rsa.RSAPublicKey):
        raise UsageError(_("Das Zertifikat der Landeskoordination muss einen RSA-Schlüssel haben."))
    # Only the certificate itself is kept, whatever else the file held (a private key!).
    public = cert.public_bytes(serialization.Encoding.PEM).decode("ascii")
    set_setting(session, config.COORDINATOR_CERTIFICATE, public)
    return cert.subject.rfc4514_string()
