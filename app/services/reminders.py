"""Reminders (Wiedervorlagen): computed from the open cases, plus those set by hand."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session as OrmSession

from app import config
from app.domain.case_rules import case_fits_since
from app.domain.counselling import ConsentKind, text_problem
from app.domain.reminders import CaseFacts, ManualReminder, OpenStep, Reminder, compute_reminders
from app.domain.residence import StatusEntry, StatusTable, status_on
from app.errors import FieldErrors, UsageError
from app.i18n import _
from app.services.case_query import first_review, next_reviews
from app.services.client_records import read_status_table
from app.services.session import OfficeSession
from app.services.settings import read_setting
from app.storage import models


@dataclass(frozen=True)
class ReminderDraft:
    due: dt.date
    text: str
    counsellor_id: int | None
    client_id: int | None = None
    case_id: int | None = None


def _label(number: str, family: str, given: str) -> str:
    return f"{number} {family}, {given}"


def _open_case_facts(
    orm: OrmSession, today: dt.date, counsellor_id: int | None = None
) -> list[CaseFacts]:
    """Facts of every open case, or of one counsellor's open cases."""
    interval = read_setting(orm, config.REVIEW_INTERVAL_MONTHS)
    table = read_status_table(orm)
    conn = orm.connection()  # plain rows: no ORM bookkeeping for thousands of tuples
    c, k = models.Case, models.Client
    is_open: ColumnElement[bool] = c.closed_on.is_(None)
    if counsellor_id is not None:
        is_open = is_open & (c.counsellor_id == counsellor_id)
    cases = conn.execute(
        select(
            c.id,
            c.client_id,
            c.counsellor_id,
            c.start,
            c.planned_end,
            k.number,
            k.family_name,
            k.given_name,
        )
        .join(k, k.id == c.client_id)
        .where(is_open)
    ).all()
    open_ids = select(c.id).where(is_open).scalar_subquery()
    open_clients = select(c.client_id).where(is_open).scalar_subquery()

    next_review = next_reviews(conn, open_ids)

    steps: dict[int, list[OpenStep]] = defaultdict(list)
    s, g = models.Step, models.Goal
    for case_id, step_id, text, due in conn.execute(
        select(g.case_id, s.id, s.text, s.due)
        .join(g, g.id == s.goal_id)
        .where(g.case_id.in_(open_ids), s.done_on.is_(None), s.due.is_not(None))
    ):
        if due is not None:
            steps[case_id].append(OpenStep(step_id, text, due))

    consent_active: set[int] = set()
    withdrawn: dict[int, dt.date] = {}
    n = models.Consent
    for client_id, given_on, withdrawn_on in conn.execute(
        select(n.client_id, n.given_on, n.withdrawn_on).where(
            n.client_id.in_(open_clients), n.kind == ConsentKind.PROCESSING.value
        )
    ):
        if withdrawn_on is None or withdrawn_on > today:
            if given_on <= today:
                consent_active.add(client_id)
        else:
            withdrawn[client_id] = max(withdrawn_on, withdrawn.get(client_id, withdrawn_on))

    history: dict[int, list[StatusEntry]] = defaultdict(list)
    st = models.ResidenceStatus
    for client_id, code, valid_from in conn.execute(
        select(st.client_id, st.code, st.valid_from)
        .where(st.client_id.in_(open_clients))
        .order_by(st.valid_from, st.id)
    ):
        history[client_id].append(StatusEntry(code, valid_from))

    fits_since = _fits_since(today, table)
    facts = []
    for case_id, client_id, counsellor, start, end, number, family, given in cases:
        upcoming = (
            next_review[case_id] if case_id in next_review else first_review(start, end, interval)
        )
        facts.append(
            CaseFacts(
                case_id=case_id,
                client_id=client_id,
                client_label=_label(number, family, given),
                counsellor_id=counsellor,
                start=start,
                planned_end=end,
                next_review=upcoming,
                open_steps=tuple(steps.get(case_id, ())),
                consent_given=client_id in consent_active,
                consent_withdrawn_on=withdrawn.get(client_id),
                case_fits_since=fits_since(history[client_id], start),
            )
        )
    return facts


def _fits_since(
    today: dt.date, table: StatusTable
) -> Callable[[Sequence[StatusEntry], dt.date], dt.date | None]:
    """``case_fits_since`` for many cases on one day, asked once per status code held today.

    Whether the status allows a case depends on the status held today only (arrival and
    permanent status shape the explanation, which is not used here), so the common answer
    None is remembered per code; this saves building and date-formatting a German
    explanation per open case, most of the time of this step.
    """
    allowed: dict[str | None, bool] = {}

    def fits(history: Sequence[StatusEntry], start: dt.date) -> dt.date | None:
        entry = status_on(history, today)
        code = entry.code if entry is not None else None
        if allowed.get(code, False):
            return None
        since = case_fits_since(history, None, None, start, today, table)
        allowed[code] = since is None
        return since

    return fits


def _manual(orm: OrmSession, counsellor_id: int | None = None) -> list[ManualReminder]:
    m, k = models.ReminderRow, models.Client
    query = (
        select(m, k.number, k.family_name, k.given_name)
        .outerjoin(k, k.id == m.client_id)
        .where(m.done_on.is_(None))
    )
    if counsellor_id is not None:
        query = query.where(m.counsellor_id == counsellor_id)
    rows = orm.execute(query)
    return [
        ManualReminder(
            row.id,
            row.due,
            row.text,
            row.counsellor_id,
            row.client_id,
            _label(number, family, given) if number else "",
            row.case_id,
        )
        for row, number, family, given in rows
    ]


def reminders(
    session: OfficeSession, counsellor_id: int | None = None, today: dt.date | None = None
) -> list[Reminder]:
    """Every reminder due for the office, or for one counsellor; earliest first."""
    day = today or dt.date.today()
    # One counsellor's reminders come from their cases and notes only (the sort is
    # stable, so this is the office's list filtered, without computing the rest).
    with session.orm() as orm:
        facts = _open_case_facts(orm, day, counsellor_id)
        manual = _manual(orm, counsellor_id)
    return compute_reminders(facts, manual, day)


def add_reminder(session: OfficeSession, draft: ReminderDraft, today: dt.date | None = None) -> int:
    errors: dict[str, str] = {}
    if not draft.text.strip():
        errors["text"] = _("Bitte beschreiben, woran erinnert werden soll.")
    problem = text_problem(draft.text, 1000)
    if problem:
        errors["text"] = problem
    if draft.due < (today or dt.date.today()):
        errors["due"] = _("Das Datum liegt in der Vergangenheit.")
    if errors:
        raise FieldErrors(errors)
    with session.orm() as orm, orm.begin():
        if draft.client_id is not None and orm.get(models.Client, draft.client_id) is None:
            raise UsageError(_("Diese Person ist nicht (mehr) gespeichert."))
        # Nobody named: the one who sets it, so it appears on someone's dashboard.
        counsellor_id = session.user.id if draft.counsellor_id is None else draft.counsellor_id
        user = orm.get(models.User, counsellor_id)
        if user is None or not user.active:
            raise FieldErrors({"counsellor_id": _("Bitte eine aktive Berater:in wählen.")})
        if draft.case_id is not None:
            case = orm.get(models.Case, draft.case_id)
            if case is None or case.client_id != draft.client_id:
                raise UsageError(_("Dieser Fall gehört nicht zu dieser Person."))
        row = models.ReminderRow(
            due=draft.due,
            text=draft.text.strip(),
            counsellor_id=counsellor_id,
            client_id=draft.client_id,
            case_id=draft.case_id,
            created_by=session.user.id,
        )
        orm.add(row)
        orm.flush()
        return row.id


def complete_reminder(
    session: OfficeSession, reminder_id: int, today: dt.date | None = None
) -> None:
    """Mark a hand-set reminder as done (computed ones go away when their cause does)."""
    with session.orm() as orm, orm.begin():
        row = orm.get(models.ReminderRow, reminder_id)
        if row is None:
            raise UsageError(_("Diese Wiedervorlage ist nicht (mehr) gespeichert."))
        if row.done_on is not None:
            raise UsageError(_("Diese Wiedervorlage ist bereits erledigt."))
        row.done_on = today or dt.date.today()
