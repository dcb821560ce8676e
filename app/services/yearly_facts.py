"""The facts the yearly export counts, read with a few column-only queries (no ORM
objects per row: a large office has tens of thousands of contacts a year)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import Integer, Select, String, and_, func, or_, select, type_coerce, union
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session as OrmSession

from app import config
from app.domain.case import CaseAction
from app.domain.residence import StatusEntry
from app.domain.yearly_tables import (
    CaseFact,
    ContactFact,
    GoalFact,
    PersonFact,
    ReferralFact,
    YearFacts,
)
from app.services.client_records import read_status_table
from app.services.settings import read_setting
from app.storage import models

AGREEMENT = "agreement"  # documents.kind and case_events.action of a printed agreement


def _bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def running_cases(year: int) -> Select[Any]:
    """Ids of the cases running in ``year``: started by its end, not closed before it."""
    first, last = _bounds(year)
    c = models.Case
    return select(c.id).where(c.start <= last, or_(c.closed_on.is_(None), c.closed_on >= first))


def _day(value: dt.date | str) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def _contacts(conn: Connection, year: int) -> list[ContactFact]:
    n = models.Contact
    # Date and flag as the driver gives them (SQLite: ISO text, 0/1), converted below:
    # SQLAlchemy's own processing would cost more than the query in a large office.
    rows = conn.execute(
        select(
            n.client_id, type_coerce(n.date, String), n.kind, n.form,
            type_coerce(n.interpreter, Integer),
            n.life_areas, n.family_present, n.outcome,
        ).where(n.date.between(*_bounds(year)))
    )  # fmt: skip
    return [
        ContactFact(cid, _day(day), kind, form, bool(interp),
                    tuple(areas.split(",")) if areas else (), family or 0, outcome)
        for cid, day, kind, form, interp, areas, family, outcome in rows
    ]  # fmt: skip


def _first_agreements(conn: Connection, year: int) -> dict[int, dt.date]:
    """Per running case, the day its first agreement was printed (UTC day)."""
    running = running_cases(year)
    e, d = models.CaseEventRow, models.Document
    found: dict[int, dt.date] = {}
    for query in (
        select(e.case_id, func.min(e.at))
        .where(e.action == CaseAction.AGREEMENT.value, e.case_id.in_(running))
        .group_by(e.case_id),
        select(d.case_id, func.min(d.created_at))
        .where(d.kind == AGREEMENT, d.case_id.in_(running))
        .group_by(d.case_id),
    ):
        for case_id, at in conn.execute(query):
            day = at.date() if isinstance(at, dt.datetime) else dt.date.fromisoformat(str(at)[:10])
            if case_id is not None and (case_id not in found or day < found[case_id]):
                found[case_id] = day
    return found


def _cases(conn: Connection, year: int) -> list[CaseFact]:
    c = models.Case
    agreed = _first_agreements(conn, year)
    rows = conn.execute(
        select(c.id, c.client_id, c.start, c.closed_on, c.closing_reason).where(
            c.id.in_(running_cases(year))
        )
    )
    return [
        CaseFact(cid, client, start, closed, reason, agreed.get(cid))
        for cid, client, start, closed, reason in rows
    ]


def _goals(conn: Connection, year: int) -> list[GoalFact]:
    g = models.Goal
    rows = conn.execute(
        select(g.case_id, g.life_area, g.rating, g.rating_reason).where(
            g.case_id.in_(running_cases(year))
        )
    )
    return [GoalFact(*row) for row in rows]


def _referrals(conn: Connection, year: int) -> list[ReferralFact]:
    r, p = models.Referral, models.Partner
    rows = conn.execute(
        select(r.date, p.kind).join(p, p.id == r.partner_id).where(r.date.between(*_bounds(year)))
    )
    return [ReferralFact(*row) for row in rows]


def _counted_clients(year: int) -> Select[Any]:
    n, c = models.Contact, models.Case
    in_cases = select(c.client_id).where(c.id.in_(running_cases(year)))
    with_contacts = select(n.client_id).where(n.date.between(*_bounds(year)))
    return select(union(with_contacts, in_cases).subquery().c.client_id)


def _persons(conn: Connection, year: int) -> list[PersonFact]:
    k = models.Client
    rows = conn.execute(
        select(k.id, k.sex, k.birth_date, k.nationality, k.language, k.arrival_date).where(
            k.id.in_(_counted_clients(year))
        )
    )
    return [
        PersonFact(cid, sex or "u", birth.year if birth else None, nat or "", lang or "", arrival)
        for cid, sex, birth, nat, lang, arrival in rows
    ]


def _statuses(conn: Connection, year: int) -> dict[int, list[StatusEntry]]:
    s = models.ResidenceStatus
    rows = conn.execute(
        select(s.client_id, s.code, s.valid_from)
        .where(and_(s.client_id.in_(_counted_clients(year)), s.valid_from <= _bounds(year)[1]))
        .order_by(s.valid_from, s.id)
    )
    history: dict[int, list[StatusEntry]] = {}
    for cid, code, valid_from in rows:
        history.setdefault(cid, []).append(StatusEntry(code, valid_from))
    return history


def office_posts(orm: OrmSession) -> Decimal:
    """The office's full-time posts as stored now (the session's copy may be older)."""
    posts = orm.scalar(select(models.Office.full_time_posts))
    return Decimal(posts or 0)


def read_facts(orm: OrmSession, year: int) -> YearFacts:
    """Everything ``app.domain.yearly_tables`` counts for ``year``, in one read."""
    posts = office_posts(orm)
    conn = orm.connection()
    return YearFacts(
        year=year,
        persons=_persons(conn, year),
        statuses=_statuses(conn, year),
        contacts=_contacts(conn, year),
        cases=_cases(conn, year),
        goals=_goals(conn, year),
        referrals=_referrals(conn, year),
        status_table=read_status_table(orm),
        posts_hundredths=int((posts * 100).to_integral_value()),
        staffing_key=read_setting(orm, config.STAFFING_KEY),
    )
