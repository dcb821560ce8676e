"""Retention: who is due, and anonymising keeps every statistic while the person goes."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import text

from app.domain.case import CaseDraft, CloseDraft, ClosingReason, GoalDraft, Rating, RatingDraft
from app.domain.client import ClientDraft
from app.domain.counselling import ConsentDraft, ConsentKind, ContactDraft, ContactForm, ContactKind
from app.domain.office import Role, UserInfo
from app.domain.residence import StatusEntry
from app.errors import AccessDenied, UsageError
from app.services import case_plan, cases, retention
from app.services.client_records import add_consent, add_status, record_contact
from app.services.clients import add_client, search_clients
from app.services.session import OfficeSession

DAY = dt.date(2026, 3, 17)
# Aggregates the yearly statistics are built from, counted here independently in SQL.
STATS = {
    "persons": "SELECT sex, nationality, strftime('%Y', birth_date), count(*) FROM clients "
    "GROUP BY 1, 2, 3",
    "arrival": "SELECT strftime('%Y', arrival_date), count(*) FROM clients GROUP BY 1",
    "status": "SELECT code, strftime('%Y', valid_from), count(*) FROM residence_status "
    "GROUP BY 1, 2",
    "contacts": "SELECT strftime('%Y-%m', date), kind, form, interpreter, life_areas, outcome, "
    "family_present, count(*) FROM contacts GROUP BY 1, 2, 3, 4, 5, 6, 7",
    "cases": "SELECT start, closed_on, closing_reason, counsellor_id FROM cases ORDER BY 1",
    "goals": "SELECT life_area, state, rating, rating_reason, count(*) FROM case_goals "
    "GROUP BY 1, 2, 3, 4",
    "languages": "SELECT language, level, count(*) FROM client_languages GROUP BY 1, 2",
}


def _stats(session: OfficeSession) -> dict[str, list[tuple[object, ...]]]:
    with session.engine.connect() as conn:
        return {name: [tuple(r) for r in conn.execute(text(sql))] for name, sql in STATS.items()}


def _person(session: OfficeSession, family: str, closed: bool) -> int:
    draft = ClientDraft(family, "Olena", dt.date(1988, 5, 9), sex="f", nationality="UKR",
                        arrival_date=dt.date(2025, 8, 3))  # fmt: skip
    cid = add_client(session, draft, DAY).id
    add_status(session, cid, StatusEntry("h24", dt.date(2025, 8, 20)), DAY)
    add_consent(session, cid, ConsentDraft(ConsentKind.PROCESSING, DAY, "MSB 1", "uk"), DAY)
    note = ContactDraft(ContactKind.CONTACT, DAY, 40, ContactForm.PHONE, True, ("housing",),
                        note=f"{family} sucht Wohnung")  # fmt: skip
    record_contact(session, cid, note, DAY)
    case = cases.open_case(session, cid, CaseDraft(DAY, session.user.id, "Wohnung"), DAY)
    goal = case_plan.add_goal(session, case.id, GoalDraft("housing", f"Wohnung für {family}"), DAY)
    if closed:
        case_plan.rate_goal(session, goal, RatingDraft(Rating.REACHED), DAY)
        cases.close_case(session, case.id, CloseDraft(DAY, ClosingReason.GOALS_REACHED, "ok"), DAY)
    return cid


def test_due_after_the_months_and_never_with_an_open_case(session: OfficeSession) -> None:
    done = _person(session, "Kovalenko", closed=True)
    _person(session, "Bondarenko", closed=False)
    assert retention.due(session, dt.date(2027, 3, 16)) == []
    due = retention.due(session, dt.date(2027, 3, 17))
    assert [d.client_id for d in due] == [done]  # twelve months after the closing
    assert due[0].last_activity == DAY


def test_anonymising_keeps_the_statistics_and_removes_the_person(
    session: OfficeSession,
) -> None:
    gone = _person(session, "Kovalenko", closed=True)
    kept = _person(session, "Bondarenko", closed=False)
    before = _stats(session)
    counsellor = dataclasses.replace(
        session, user=UserInfo(session.user.id, "bert", "Bert", Role.COUNSELLOR)
    )
    with pytest.raises(AccessDenied):
        retention.anonymise(counsellor, [gone], DAY)
    with pytest.raises(UsageError) as running:
        retention.anonymise(session, [kept], DAY)
    assert "laufende Integrationsbegleitung" in running.value.message
    assert retention.anonymise(session, [gone], DAY) == 1
    assert _stats(session) == before
    assert search_clients(session, "Kovalenko") == []
    with session.engine.connect() as conn:
        for (table,) in conn.execute(text("SELECT name FROM sqlite_master WHERE type='table'")):
            for row in conn.execute(text(f'SELECT * FROM "{table}"')):
                assert "Kovalenko" not in repr(row), table
        birth = conn.execute(text("SELECT birth_date, number FROM clients WHERE id = :i"),
                             {"i": gone}).one()  # fmt: skip
        consents = conn.execute(text("SELECT count(*) FROM consents WHERE client_id = :i"),
                                {"i": gone}).scalar()  # fmt: skip
    assert str(birth[0]) == "1988-01-01" and birth[1].startswith("X-")
    assert consents == 0
    assert [d.client_id for d in retention.due(session, dt.date(2030, 1, 1))] == []
