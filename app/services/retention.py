"""Retention: list who is due for removal, and anonymise (lead only, audited).

Anonymising keeps what the statistics count — year of birth, sex, nationality,
residence-status codes, languages, contacts (date, kind, form, interpreter, life
areas), cases (dates, reasons, goal areas, states and ratings) — and removes names,
the client number, free text, consents, relatives' names, hand-set reminders and the
printed documents' PDFs and scans;
dates that identify the person (birth, arrival, permanent status, status changes)
keep only their year or month. Then the freed pages are overwritten (secure_delete
is on) and the file is compacted with VACUUM.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session as OrmSession

from app import config
from app.domain.audit import AuditAction, AuditEntity
from app.domain.office import Role
from app.domain.retention import RetentionDue, RetentionFacts, due_for_removal, month_start
from app.errors import AccessDenied, UsageError
from app.i18n import _
from app.services.audit import log
from app.services.session import OfficeSession
from app.services.settings import get_setting
from app.storage import models
from app.storage.engine import autocommit


def _facts(orm: OrmSession) -> list[RetentionFacts]:
    k, c, n = models.Client, models.Case, models.Contact
    last_contact: dict[int, dt.date] = {
        cid: day
        for cid, day in orm.execute(select(n.client_id, func.max(n.date)).group_by(n.client_id))
    }
    last_closed: dict[int, dt.date | None] = {
        cid: day
        for cid, day in orm.execute(
            select(c.client_id, func.max(c.closed_on)).group_by(c.client_id)
        )
    }
    open_clients = set(orm.scalars(select(c.client_id).where(c.closed_on.is_(None))))
    rows = orm.execute(select(k.id, k.number, k.created_at).where(k.anonymised_on.is_(None)))
    return [
        RetentionFacts(cid, number, created.date(), last_contact.get(cid), last_closed.get(cid),
                       cid in open_clients)
        for cid, number, created in rows
    ]  # fmt: skip


def due(session: OfficeSession, today: dt.date | None = None) -> list[RetentionDue]:
    """Who is due for removal today (the preview the lead confirms)."""
    months = get_setting(session, config.RETENTION_MONTHS)
    with session.orm() as orm:
        return due_for_removal(_facts(orm), months, today or dt.date.today())


def anonymise(session: OfficeSession, client_ids: list[int], today: dt.date | None = None) -> int:
    """Anonymise the given clients (due ones, or one erasure request); returns how many."""
    if session.user.role is not Role.LEAD:
        raise AccessDenied(_("Daten entfernen kann nur die Leitung."))
    day = today or dt.date.today()
    with session.orm() as orm, orm.begin():
        for cid in client_ids:
            _anonymise_one(orm, cid, day)
            log(orm, session.user.id, AuditAction.DELETE, AuditEntity.CLIENT, cid)
    with autocommit(session.engine) as conn:  # freed pages were zeroed; now shrink the file
        conn.exec_driver_sql("VACUUM")
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")  # no old page left in the WAL
    return len(client_ids)


def _anonymise_one(orm: OrmSession, cid: int, day: dt.date) -> None:
    client = orm.get(models.Client, cid)
    if client is None:
        raise UsageError(_("Diese Person ist nicht (mehr) gespeichert."))
    if client.anonymised_on is not None:
        return
    if orm.scalar(select(models.Case.id).where(models.Case.client_id == cid,
                                               models.Case.closed_on.is_(None))):  # fmt: skip
        raise UsageError(
            _("{number}: Bitte zuerst die laufende Integrationsbegleitung abschließen.").format(
                number=client.number
            )
        )
    client.family_name = client.given_name = client.search_text = ""
    client.number = f"X-{cid:06d}"
    if client.birth_date is not None:
        client.birth_date, client.birth_year_only = client.birth_date.replace(month=1, day=1), True
    client.arrival_date = month_start(client.arrival_date)
    client.permanent_since = month_start(client.permanent_since)
    client.anonymised_on = day
    orm.execute(delete(models.ClientNameKey).where(models.ClientNameKey.client_id == cid))
    orm.execute(delete(models.Consent).where(models.Consent.client_id == cid))
    orm.execute(delete(models.ReminderRow).where(models.ReminderRow.client_id == cid))
    statuses = select(models.ResidenceStatus).where(models.ResidenceStatus.client_id == cid)
    for status in orm.scalars(statuses):
        status.valid_from = status.valid_from.replace(day=1)
    orm.execute(update(models.Contact).where(models.Contact.client_id == cid)
                .values(note="", need="", written_need=""))  # fmt: skip
    orm.execute(update(models.FamilyMember).where(models.FamilyMember.client_id == cid)
                .values(given_name=""))  # fmt: skip
    case_ids = select(models.Case.id).where(models.Case.client_id == cid).scalar_subquery()
    goal_ids = select(models.Goal.id).where(models.Goal.case_id.in_(case_ids)).scalar_subquery()
    orm.execute(update(models.Case).where(models.Case.client_id == cid)
                .values(written_need="", closing_note=""))  # fmt: skip
    orm.execute(update(models.CaseAssessment).where(models.CaseAssessment.case_id.in_(case_ids))
                .values(situation="", resources="", need=""))  # fmt: skip
    orm.execute(update(models.Goal).where(models.Goal.case_id.in_(case_ids))
                .values(text="", rating_note=""))  # fmt: skip
    orm.execute(update(models.Step).where(models.Step.goal_id.in_(goal_ids)).values(text=""))
    orm.execute(update(models.Review).where(models.Review.case_id.in_(case_ids)).values(summary=""))
    orm.execute(
        update(models.Referral).where(models.Referral.case_id.in_(case_ids)).values(note="")
    )
    orm.execute(update(models.CaseEventRow).where(models.CaseEventRow.case_id.in_(case_ids))
                .values(note=""))  # fmt: skip
    # Printed documents carry the names: the PDFs and scans go, the row stays so that
    # "agreements made" in past yearly statistics keeps its count.
    doc_ids = select(models.Document.id).where(models.Document.client_id == cid)
    orm.execute(delete(models.DocumentScan).where(models.DocumentScan.document_id.in_(doc_ids)))
    orm.execute(update(models.Document).where(models.Document.client_id == cid)
                .values(pdf=b"", plan_sha256="", plan_json=""))  # fmt: skip
