"""Printed documents: build, seal, keep as a frozen version, list, attach the signed paper.

Making a document is audited as created; each time it leaves the program (printer or
file) that is audited too, as printed or exported.

Every document is sealed with the office's certificate (PAdES) and stored inside the
encrypted database, so the exact bytes that were printed can be shown again and checked.
Agreements are numbered per case; the plan they were printed from is kept, so a later
change to the goals is noticed ("geändert seit Version N") and progress sheets quote the
signed goals word for word.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from sqlalchemy import func, select

from app.documents.document_data import DocumentKind, plan_canonical, plan_fingerprint
from app.documents.document_records import (
    MAX_SCAN_BYTES,
    DocumentInfo,
    DocumentRequest,
    MadeDocument,
    PlanState,
    ScanInfo,
    file_name,
)
from app.documents.signing import SealStamp, sign_pdf
from app.documents.verification import Verification, verify_pdf
from app.domain.audit import AuditAction, AuditEntity
from app.domain.case import GoalRecord
from app.errors import UsageError
from app.i18n import _
from app.services import document_inputs as inputs
from app.services.audit import log, record
from app.services.seal_public import office_seal
from app.services.session import OfficeSession
from app.storage import models

# Crockford's base32 without look-alikes: a reference read aloud on the phone is unambiguous.
_REF_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_doc_ref() -> str:
    chars = "".join(secrets.choice(_REF_ALPHABET) for _ in range(8))
    return f"LT-{chars[:4]}-{chars[4:]}"


def _builder(kind: DocumentKind) -> Callable[..., Any]:
    from app.documents import access_report, agreement, confirmation, consent_form, progress_sheet

    builders: dict[DocumentKind, Callable[..., Any]] = {
        DocumentKind.AGREEMENT: agreement.build_agreement,
        DocumentKind.PROGRESS: progress_sheet.build_progress_sheet,
        DocumentKind.CONSENT: consent_form.build_consent_form,
        DocumentKind.ACCESS: access_report.build_access_report,
        DocumentKind.CONFIRMATION: confirmation.build_confirmation,
    }
    return builders[kind]


def _case_of(request: DocumentRequest) -> int:
    if request.case_id is None:
        raise UsageError(_("Bitte den Fall (Integrationsbegleitung) wählen."))
    return request.case_id


def _data(session: OfficeSession, request: DocumentRequest, today: dt.date) -> Any:
    kind = request.kind
    drawn = request.client_signature_png
    if kind is DocumentKind.AGREEMENT:
        return replace(
            inputs.agreement_data(session, _case_of(request), today), client_signature_png=drawn
        )
    if kind is DocumentKind.PROGRESS:
        end = request.period_end or today
        return inputs.progress_data(session, _case_of(request), request.period_start, end, today)
    if kind is DocumentKind.CONSENT:
        data = inputs.consent_data(session, request.client_id, request.releases, today)
        return replace(data, client_signature_png=drawn)
    if kind is DocumentKind.ACCESS:
        return inputs.access_data(session, request.client_id, today)
    start = request.period_start or dt.date(today.year, 1, 1)
    return inputs.confirmation_data(
        session, request.client_id, start, request.period_end or today, today
    )


def _next_version(session: OfficeSession, case_id: int) -> int:
    with session.orm() as orm:
        newest = orm.scalar(
            select(func.max(models.Document.version)).where(
                models.Document.case_id == case_id,
                models.Document.kind == DocumentKind.AGREEMENT.value,
            )
        )
    return int(newest or 0) + 1


def make_document(
    session: OfficeSession, request: DocumentRequest, now: dt.datetime | None = None
) -> MadeDocument:
    """Build, seal and keep one document; returns the sealed PDF."""
    moment = now or dt.datetime.now(dt.UTC)
    today = moment.astimezone().date() if now is None else moment.date()
    data = _data(session, request, today)
    doc_ref = new_doc_ref()
    build = _builder(request.kind)
    plan_json = ""
    if request.kind is DocumentKind.AGREEMENT:
        version = _next_version(session, _case_of(request))
        plan_json = plan_canonical(data.case.goals)
        built = build(data, request.language, doc_ref, version)
    else:
        version = None
        built = build(data, request.language, doc_ref)
    stamp = SealStamp(session.office.name, doc_ref, moment.astimezone(dt.UTC))
    with session.orm() as orm:
        seal = office_seal(orm)
    pdf = sign_pdf(built.data, seal, stamp, built.seal_box)
    row = models.Document(
        client_id=request.client_id,
        case_id=request.case_id,
        kind=request.kind.value,
        version=version,
        language=request.language,
        doc_ref=doc_ref,
        sha256=hashlib.sha256(pdf).hexdigest(),
        plan_sha256=hashlib.sha256(plan_json.encode()).hexdigest() if plan_json else "",
        plan_json=plan_json,
        pdf=pdf,
        created_at=moment.astimezone(dt.UTC).replace(tzinfo=None),
        created_by=session.user.id,
    )
    with session.orm() as orm, orm.begin():
        orm.add(row)
        orm.flush()
        log(orm, session.user.id, AuditAction.CREATE, AuditEntity.DOCUMENT, row.id)
    info = _info(row, session.user.display_name, 0)
    return MadeDocument(info, pdf, file_name(info))


def _info(row: models.Document, created_by: str, scans: int) -> DocumentInfo:
    return DocumentInfo(
        row.id,
        row.client_id,
        row.case_id,
        DocumentKind(row.kind),
        row.version,
        row.language,
        row.doc_ref,
        row.sha256,
        row.created_at,
        created_by,
        scans,
    )


def client_documents(session: OfficeSession, client_id: int) -> list[DocumentInfo]:
    """The client's documents, newest first (without the PDFs)."""
    from app.services.client_records import user_names

    doc = models.Document
    scans = (
        select(func.count(models.DocumentScan.id))
        .where(models.DocumentScan.document_id == doc.id)
        .scalar_subquery()
    )
    columns = (doc.id, doc.client_id, doc.case_id, doc.kind, doc.version, doc.language)
    with session.orm() as orm:
        names = user_names(orm)
        rows = orm.execute(
            select(*columns, doc.doc_ref, doc.sha256, doc.created_at, doc.created_by, scans)
            .where(doc.client_id == client_id)
            .order_by(doc.created_at.desc(), doc.id.desc())
        ).all()
    return [
        DocumentInfo(
            r[0],
            r[1],
            r[2],
            DocumentKind(r[3]),
            r[4],
            r[5],
            r[6],
            r[7],
            r[8],
            names.get(r[9] or 0, ""),
            int(r[10]),
        )
        for r in rows
    ]


def document_pdf(session: OfficeSession, document_id: int) -> bytes:
    with session.orm() as orm:
        pdf = orm.scalar(select(models.Document.pdf).where(models.Document.id == document_id))
    if not pdf:
        raise UsageError(_("Dieses Dokument ist nicht (mehr) gespeichert."))
    record(session, AuditAction.OPEN, AuditEntity.DOCUMENT, document_id)
    return bytes(pdf)


def log_output(session: OfficeSession, document_id: int, printed: bool) -> None:
    """The document left the program again: printed, or saved as a file."""
    action = AuditAction.PRINT if printed else AuditAction.EXPORT
    record(session, action, AuditEntity.DOCUMENT, document_id)


def plan_state(
    session: OfficeSession, case_id: int, goals: tuple[GoalRecord, ...] | None = None
) -> PlanState:
    """``goals``: the case's goals when the caller has them already (the case page does),
    so the case is not read twice."""
    from app.services.cases import case_details

    with session.orm() as orm:
        row = orm.execute(
            select(models.Document.version, models.Document.plan_sha256)
            .where(
                models.Document.case_id == case_id,
                models.Document.kind == DocumentKind.AGREEMENT.value,
            )
            .order_by(models.Document.version.desc())
            .limit(1)
        ).first()
    if row is None:
        return PlanState(None, False)
    if goals is None:
        goals = case_details(session, case_id, opened=False).goals
    now = plan_fingerprint(inputs.plan_goals(goals))
    return PlanState(int(row.version), now != row.plan_sha256)


# The signed paper comes back as a scan or a phone photo; nothing else is accepted.
_SCAN_TYPES = ((b"%PDF-", "application/pdf"), (b"\xff\xd8\xff", "image/jpeg"),
               (b"\x89PNG\r\n\x1a\n", "image/png"))  # fmt: skip


def scan_type(data: bytes) -> str:
    """The file type by its first bytes (never by its name); UsageError for anything else."""
    for magic, mime in _SCAN_TYPES:
        if data.startswith(magic):
            return mime
    raise UsageError(_("Bitte eine PDF-, JPEG- oder PNG-Datei wählen."))


def attach_scan(session: OfficeSession, document_id: int, filename: str, data: bytes) -> ScanInfo:
    """Keep the signed paper with its document, encrypted like everything else."""
    if len(data) > MAX_SCAN_BYTES:
        raise UsageError(
            _("Die Datei ist größer als 25 MB. Bitte mit geringerer Auflösung scannen.")
        )
    mime = scan_type(data)
    with session.orm() as orm, orm.begin():
        document = orm.get(models.Document, document_id)
        if document is None or not document.pdf:  # gone, or emptied by retention
            raise UsageError(_("Dieses Dokument ist nicht (mehr) gespeichert."))
        row = models.DocumentScan(
            document_id=document_id,
            filename=filename[-200:],
            mime=mime,
            sha256=hashlib.sha256(data).hexdigest(),
            data=data,
            added_by=session.user.id,
        )
        orm.add(row)
        orm.flush()
        log(orm, session.user.id, AuditAction.CHANGE, AuditEntity.DOCUMENT, document_id)
        return ScanInfo(row.id, document_id, row.filename, mime, len(data), row.added_at)


def scans(session: OfficeSession, document_id: int) -> list[ScanInfo]:
    s = models.DocumentScan
    with session.orm() as orm:
        rows = orm.execute(
            select(s.id, s.document_id, s.filename, s.mime, func.length(s.data), s.added_at)
            .where(s.document_id == document_id)
            .order_by(s.id)
        ).all()
    return [ScanInfo(r[0], r[1], r[2], r[3], int(r[4]), r[5]) for r in rows]


def scan_data(session: OfficeSession, scan_id: int) -> tuple[ScanInfo, bytes]:
    with session.orm() as orm:
        row = orm.get(models.DocumentScan, scan_id)
        if row is None:
            raise UsageError(_("Dieser Scan ist nicht (mehr) gespeichert."))
        info = ScanInfo(row.id, row.document_id, row.filename, row.mime, len(row.data),
                        row.added_at)  # fmt: skip
        data = bytes(row.data)
    record(session, AuditAction.OPEN, AuditEntity.DOCUMENT, info.document_id)
    return info, data


def verify_document(session: OfficeSession, data: bytes) -> Verification:
    """Check a PDF's seal against this office's certificate."""
    from app.services.seal_public import current_certificate_pem

    return verify_pdf(data, current_certificate_pem(session))
