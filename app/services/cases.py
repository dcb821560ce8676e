"""Opening, listing, showing, closing and reopening cases of integration support."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from app import config
from app.domain.audit import AuditAction, AuditEntity
from app.domain.case import (
    CaseAction,
    CaseDetails,
    CaseDraft,
    CaseEvent,
    CaseSummary,
    CloseDraft,
)
from app.domain.case_clock import clock
from app.domain.case_rules import (
    check_reopen,
    default_next_review,
    read_only_reason,
    validate_close,
    validate_open,
)
from app.domain.office import Role
from app.errors import AccessDenied, FieldErrors
from app.i18n import _
from app.services.audit import log
from app.services.case_plan import assessment_of, goals_of, referrals_of, reviews_of
from app.services.case_query import (
    case_row,
    load_summary,
    summaries,
)
from app.services.client_records import (
    assess_client,
    client_row,
    read_status_table,
    timeline_rows,
    user_names,
)
from app.services.session import OfficeSession
from app.services.settings import get_setting, read_setting
from app.storage import models


def client_cases(session: OfficeSession, client_id: int) -> list[CaseSummary]:
    """A client's cases, newest first."""
    interval = get_setting(session, config.REVIEW_INTERVAL_MONTHS)
    with session.orm() as orm:
        rows = orm.scalars(
            select(models.Case)
            .where(models.Case.client_id == client_id)
            .order_by(models.Case.start.desc(), models.Case.id.desc())
        ).all()
        return summaries(orm, rows, interval)


def open_cases(session: OfficeSession, counsellor_id: int | None = None) -> list[CaseSummary]:
    """Every open case (of one counsellor if given), the nearest planned end first."""
    interval = get_setting(session, config.REVIEW_INTERVAL_MONTHS)
    query = select(models.Case).where(models.Case.closed_on.is_(None))
    if counsellor_id is not None:
        query = query.where(models.Case.counsellor_id == counsellor_id)
    with session.orm() as orm:
        rows = orm.scalars(query.order_by(models.Case.planned_end, models.Case.id)).all()
        return summaries(orm, rows, interval)


def _event(
    orm: OrmSession, session: OfficeSession, case_id: int, action: CaseAction, note: str = ""
) -> None:
    orm.add(
        models.CaseEventRow(
            case_id=case_id, user_id=session.user.id, action=action.value, note=note
        )
    )


def insert_case(
    orm: OrmSession, session: OfficeSession, client_id: int, draft: CaseDraft, today: dt.date
) -> models.Case:
    """Open a case inside the caller's transaction (intake uses this too)."""
    client = client_row(orm, client_id)
    if orm.get(models.User, draft.counsellor_id) is None:
        raise FieldErrors({"counsellor_id": _("Bitte eine Berater:in wählen.")})
    elig = assess_client(orm, client, read_status_table(orm), draft.start)
    existing = orm.scalars(select(models.Case).where(models.Case.client_id == client_id)).all()
    interval = read_setting(orm, config.REVIEW_INTERVAL_MONTHS)
    others = summaries(orm, existing, interval) if existing else []
    end = validate_open(draft, elig, others, today)
    row = models.Case(
        client_id=client_id,
        counsellor_id=draft.counsellor_id,
        start=draft.start,
        planned_end=end,
        written_need=draft.written_need.strip(),
        created_by=session.user.id,
        updated_by=session.user.id,
    )
    orm.add(row)
    orm.flush()
    _event(orm, session, row.id, CaseAction.OPENED)
    log(orm, session.user.id, AuditAction.CREATE, AuditEntity.CASE, row.id)
    return row


def open_case(
    session: OfficeSession, client_id: int, draft: CaseDraft, today: dt.date | None = None
) -> CaseSummary:
    with session.orm() as orm, orm.begin():
        row = insert_case(orm, session, client_id, draft, today or dt.date.today())
        return load_summary(orm, row.id)


def case_details(
    session: OfficeSession, case_id: int, today: dt.date | None = None, *, opened: bool = True
) -> CaseDetails:
    """The whole case; ``opened`` False: read for a document, whose printing is audited
    instead of the opening (one commit less per print)."""
    day = today or dt.date.today()
    with session.orm() as orm, orm.begin():
        if opened:
            log(orm, session.user.id, AuditAction.OPEN, AuditEntity.CASE, case_id)
        summary = load_summary(orm, case_id)
        names = user_names(orm)
        events = orm.scalars(
            select(models.CaseEventRow)
            .where(models.CaseEventRow.case_id == case_id)
            .order_by(models.CaseEventRow.at, models.CaseEventRow.id)
        )
        contacts = timeline_rows(orm, summary.client_id, since=summary.start, names=names)
        reason = read_only_reason(summary, day)
        row = case_row(orm, case_id)
        return CaseDetails(
            summary=summary,
            clock=clock(summary.planned_end, day) if summary.is_open else None,
            closing_note=row.closing_note,
            assessment=assessment_of(orm, case_id),
            goals=goals_of(orm, case_id),
            reviews=reviews_of(orm, case_id, names),
            referrals=referrals_of(orm, case_id),
            events=tuple(
                CaseEvent(e.at, CaseAction(e.action), names.get(e.user_id or 0, ""), e.note)
                for e in events
            ),
            contacts=tuple(contacts),
            editable=not reason,
            read_only_reason=reason,
            created_by=names.get(row.created_by or 0, ""),
            created_at=row.created_at.replace(tzinfo=dt.UTC),
            updated_by=names.get(row.updated_by or 0, ""),
            updated_at=row.updated_at.replace(tzinfo=dt.UTC),
        )


def close_case(
    session: OfficeSession, case_id: int, draft: CloseDraft, today: dt.date | None = None
) -> CaseSummary:
    """Close with date and reason; every goal must have been rated."""
    day = today or dt.date.today()
    with session.orm() as orm, orm.begin():
        summary = load_summary(orm, case_id)
        validate_close(draft, summary, goals_of(orm, case_id), day)
        row = case_row(orm, case_id)
        row.closed_on = draft.closed_on
        row.closing_reason = draft.reason.value
        row.closing_note = draft.note.strip()
        row.updated_by = session.user.id
        _event(orm, session, case_id, CaseAction.CLOSED, draft.reason.value)
        log(orm, session.user.id, AuditAction.CHANGE, AuditEntity.CASE, case_id)
        orm.flush()
        return load_summary(orm, case_id)


def reopen_case(
    session: OfficeSession, case_id: int, note: str, today: dt.date | None = None
) -> CaseSummary:
    """Only the lead may reopen a closed case; the reason is kept with the case's events."""
    if session.user.role is not Role.LEAD:
        raise AccessDenied(_("Nur die Leitung kann einen abgeschlossenen Fall wieder öffnen."))
    if not note.strip():
        raise FieldErrors({"note": _("Bitte begründen, warum der Fall wieder geöffnet wird.")})
    day = today or dt.date.today()
    with session.orm() as orm, orm.begin():
        summary = load_summary(orm, case_id)
        others = client_cases_in(orm, summary.client_id)
        check_reopen(summary, others, day)
        row = case_row(orm, case_id)
        row.closed_on = None
        row.closing_reason = None
        row.closing_note = ""
        row.updated_by = session.user.id
        _event(orm, session, case_id, CaseAction.REOPENED, note.strip())
        log(orm, session.user.id, AuditAction.REOPEN, AuditEntity.CASE, case_id)
        orm.flush()
        return load_summary(orm, case_id)


def client_cases_in(orm: OrmSession, client_id: int) -> list[CaseSummary]:
    rows = orm.scalars(select(models.Case).where(models.Case.client_id == client_id)).all()
    return summaries(orm, rows, read_setting(orm, config.REVIEW_INTERVAL_MONTHS))


def next_review_default(session: OfficeSession, case_id: int, day: dt.date) -> dt.date | None:
    """What a review on ``day`` proposes as the next one (settings' interval, not past the end)."""
    interval = get_setting(session, config.REVIEW_INTERVAL_MONTHS)
    with session.orm() as orm:
        return default_next_review(day, load_summary(orm, case_id), interval)


def counsellors(session: OfficeSession) -> dict[int, str]:
    """Active users, who can be responsible for a case."""
    with session.orm() as orm:
        rows = orm.execute(
            select(models.User.id, models.User.display_name)
            .where(models.User.active.is_(True))
            .order_by(models.User.display_name)
        )
        return {uid: name for uid, name in rows}
