"""The three-year clock and calendar arithmetic, with Hypothesis over leap days and year ends."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from app.domain.case_clock import ClockLevel, add_months, clock, clock_due, limit_end
from app.domain.eligibility import add_years

DATES = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 31))


def test_limit_end_examples() -> None:
    assert limit_end(dt.date(2024, 1, 1)) == dt.date(2026, 12, 31)
    assert limit_end(dt.date(2024, 3, 1)) == dt.date(2027, 2, 28)
    assert limit_end(dt.date(2025, 3, 1)) == dt.date(2028, 2, 29)  # runs into a leap year
    assert limit_end(dt.date(2024, 2, 29)) == dt.date(2027, 2, 28)
    assert limit_end(dt.date(2025, 12, 31)) == dt.date(2028, 12, 30)


@given(DATES)
def test_a_case_lasts_three_years_counted_inclusively(start: dt.date) -> None:
    end = limit_end(start)
    days = (end - start).days + 1
    assert days in (1095, 1096)  # three years, one of them possibly a leap year
    following = end + dt.timedelta(days=1)
    if (start.month, start.day) == (2, 29):
        assert following == dt.date(start.year + 3, 3, 1)
    else:
        assert following == add_years(start, 3)  # the anniversary is the first day after


@given(DATES, st.integers(min_value=0, max_value=120))
def test_add_months_keeps_the_day_or_ends_the_month(day: dt.date, months: int) -> None:
    later = add_months(day, months)
    assert (later.year * 12 + later.month) - (day.year * 12 + day.month) == months
    if later.day != day.day:
        assert later.day < day.day
        assert (later + dt.timedelta(days=1)).day == 1  # clipped to the month's last day


@given(DATES, st.integers(min_value=-400, max_value=400))
def test_clock_levels_follow_the_days_left(end: dt.date, offset: int) -> None:
    today = end - dt.timedelta(days=offset)
    state = clock(end, today)
    assert state.days_left == offset
    expected = (
        ClockLevel.EXPIRED
        if offset < 0
        else ClockLevel.LAST_DAY
        if offset == 0
        else ClockLevel.WARN_30
        if offset <= 30
        else ClockLevel.WARN_90
        if offset <= 90
        else ClockLevel.RUNNING
    )
    assert state.level is expected
    assert state.sentence


@given(DATES, st.integers(min_value=-400, max_value=400))
def test_clock_reminder_is_due_at_the_latest_mark_reached(end: dt.date, offset: int) -> None:
    today = end - dt.timedelta(days=offset)
    due = clock_due(end, today)
    if offset > 90:
        assert due == end - dt.timedelta(days=90) and due > today
    elif offset > 30:
        assert due == end - dt.timedelta(days=90)
    elif offset > 0:
        assert due == end - dt.timedelta(days=30)
    else:
        assert due == end
