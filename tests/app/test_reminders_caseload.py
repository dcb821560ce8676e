"""Reminders and caseload are pure functions of the data and today's date."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from app.domain.case_clock import limit_end
from app.domain.caseload import CaseSpan, active_in_year, caseload
from app.domain.reminders import (
    CaseFacts,
    DueGroup,
    ManualReminder,
    OpenStep,
    ReminderKind,
    compute_reminders,
    due_group,
    group_reminders,
)

TODAY = dt.date(2026, 11, 25)  # a Wednesday


def _facts(**changes: object) -> CaseFacts:
    start = dt.date(2025, 1, 15)
    base: dict[str, object] = {
        "case_id": 1,
        "client_id": 7,
        "client_label": "K-00007 Haddad, Rania",
        "counsellor_id": 2,
        "start": start,
        "planned_end": limit_end(start),
        "next_review": dt.date(2026, 11, 20),
    }
    base.update(changes)
    return CaseFacts(**base)  # type: ignore[arg-type]


def test_due_groups_by_week() -> None:
    assert due_group(dt.date(2026, 11, 24), TODAY) is DueGroup.OVERDUE
    assert due_group(TODAY, TODAY) is DueGroup.TODAY
    assert due_group(dt.date(2026, 11, 29), TODAY) is DueGroup.THIS_WEEK  # Sunday
    assert due_group(dt.date(2026, 11, 30), TODAY) is DueGroup.LATER  # next Monday


def test_reminders_come_from_reviews_steps_clock_consent_status_and_hand() -> None:
    facts = _facts(
        open_steps=(OpenStep(3, "Anmeldung Sprachkurs", dt.date(2026, 11, 27)),),
        consent_given=False,
        consent_withdrawn_on=dt.date(2026, 11, 1),
        case_fits_since=dt.date(2026, 10, 1),
    )
    manual = ManualReminder(9, dt.date(2026, 12, 3), "Bescheid abholen", 2, 7, "K-00007")
    found = compute_reminders([facts], [manual], TODAY)
    kinds = {r.kind: r for r in found}
    assert set(kinds) == set(ReminderKind)
    assert kinds[ReminderKind.REVIEW].due == dt.date(2026, 11, 20)
    assert kinds[ReminderKind.STEP].text == "Anmeldung Sprachkurs"
    assert kinds[ReminderKind.CONSENT].due == dt.date(2026, 11, 1)
    assert kinds[ReminderKind.STATUS].due == dt.date(2026, 10, 1)
    assert kinds[ReminderKind.MANUAL].manual_id == 9
    assert [r.due for r in found] == sorted(r.due for r in found)
    groups = group_reminders(found, TODAY)
    assert {r.kind for r in groups[DueGroup.OVERDUE]} == {
        ReminderKind.REVIEW,
        ReminderKind.CONSENT,
        ReminderKind.STATUS,
    }
    assert [r.kind for r in groups[DueGroup.THIS_WEEK]] == [ReminderKind.STEP]


def test_no_review_reminder_after_the_planned_end() -> None:
    facts = _facts(next_review=None)
    assert ReminderKind.REVIEW not in {r.kind for r in compute_reminders([facts], [], TODAY)}


@given(
    st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31)),
    st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31)),
)
def test_every_open_case_has_exactly_one_clock_reminder(start: dt.date, today: dt.date) -> None:
    facts = _facts(start=start, planned_end=limit_end(start), next_review=None)
    clocks = [r for r in compute_reminders([facts], [], today) if r.kind is ReminderKind.CLOCK]
    assert len(clocks) == 1
    end = limit_end(start)
    if today >= end:
        assert clocks[0].due == end  # must be closed: overdue from the end on
    assert clocks[0].due >= end - dt.timedelta(days=90)


def test_a_person_counts_once_per_year_and_part_time_posts_scale_the_key() -> None:
    spans = [
        CaseSpan(1, 10, dt.date(2025, 3, 1), dt.date(2026, 2, 1)),
        CaseSpan(1, 10, dt.date(2026, 3, 1), None),  # same person, second case: once
        CaseSpan(2, 10, dt.date(2026, 5, 1), None),
        CaseSpan(3, 11, dt.date(2024, 1, 1), dt.date(2025, 12, 31)),  # not in 2026
        CaseSpan(4, 11, dt.date(2026, 12, 31), None),  # starts on the last day: counts
        CaseSpan(1, 11, dt.date(2026, 1, 1), dt.date(2026, 1, 2)),  # same person, other counsellor
    ]
    load = caseload(spans, 2026, Decimal("1.5"), {10: Decimal("0.5"), 11: Decimal("1.0")}, 2)
    assert load.office.persons == 3
    assert load.office.capacity == 3 and not load.office.over
    assert load.by_counsellor[10].persons == 2 and load.by_counsellor[10].capacity == 1
    assert load.by_counsellor[10].over
    assert load.by_counsellor[10].per_post == Decimal("4.0")
    assert load.by_counsellor[11].persons == 2 and not load.by_counsellor[11].over


@given(
    st.lists(
        st.tuples(
            st.integers(1, 30),
            st.sampled_from([1, 2, 3]),
            st.dates(dt.date(2024, 1, 1), dt.date(2027, 12, 31)),
            st.integers(0, 1200),
            st.booleans(),
        ),
        max_size=40,
    ),
    st.integers(2024, 2027),
)
def test_office_persons_equal_distinct_clients_active_in_the_year(
    raw: list[tuple[int, int, dt.date, int, bool]], year: int
) -> None:
    spans = [
        CaseSpan(client, counsellor, start, start + dt.timedelta(days=length) if closed else None)
        for client, counsellor, start, length, closed in raw
    ]
    load = caseload(spans, year, Decimal("2"), {1: Decimal("1"), 2: Decimal("1")}, 75)
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    expected = {
        s.client_id
        for s in spans
        if s.start <= last and (s.closed_on is None or s.closed_on >= first)
    }
    assert load.office.persons == len(expected)
    assert {s.client_id for s in spans if active_in_year(s, year)} == expected
    assert sum(c.persons for c in load.by_counsellor.values()) >= load.office.persons
