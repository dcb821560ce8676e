from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.eligibility import (
    Eligibility,
    Offer,
    add_years,
    assess_eligibility,
    check_case_allowed,
    newcomer_start,
    recheck,
)
from app.domain.residence import (
    DEFAULT_STATUS_CODES,
    STATUS_CODES,
    StatusCode,
    StatusEntry,
    StatusTable,
    TargetGroupClass,
)
from app.errors import UsageError

D = dt.date
TABLE = StatusTable()
TODAY = D(2025, 6, 15)
ARRIVED = D(2024, 1, 1)
ALL = frozenset(Offer)


def assess(
    code: str | None,
    arrival: dt.date | None = ARRIVED,
    permanent_since: dt.date | None = None,
    today: dt.date = TODAY,
    table: StatusTable = TABLE,
) -> Eligibility:
    history = [StatusEntry(code, D(2023, 1, 1))] if code else []
    return assess_eligibility(history, arrival, permanent_since, today, table)


# add_years ------------------------------------------------------------------


def test_add_years_examples() -> None:
    assert add_years(D(2024, 2, 29), 3) == D(2027, 2, 28)
    assert add_years(D(2024, 2, 29), 4) == D(2028, 2, 29)
    assert add_years(D(2024, 2, 29), -1) == D(2023, 2, 28)
    assert add_years(D(2023, 3, 1), 3) == D(2026, 3, 1)
    assert add_years(D(2025, 12, 31), 0) == D(2025, 12, 31)
    with pytest.raises(ValueError):
        add_years(D(9998, 1, 1), 3)


_dates = st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 12, 31))
_years = st.integers(min_value=0, max_value=50)


@given(_dates, _years)
def test_add_years_is_valid_and_keeps_the_day(day: dt.date, years: int) -> None:
    result = add_years(day, years)
    assert isinstance(result, dt.date)
    assert result.year == day.year + years
    assert result.month == day.month
    if (day.month, day.day) == (2, 29) and result.day != 29:
        assert result.day == 28
    else:
        assert result.day == day.day


@given(_dates, _dates, _years)
def test_add_years_is_monotonic(a: dt.date, b: dt.date, years: int) -> None:
    if a <= b:
        assert add_years(a, years) <= add_years(b, years)


@given(_dates, _years, _years)
def test_add_years_grows_with_years(day: dt.date, m: int, n: int) -> None:
    if m <= n:
        assert add_years(day, m) <= add_years(day, n)


# classes and offers ----------------------------------------------------------


@pytest.mark.parametrize("status", DEFAULT_STATUS_CODES, ids=lambda s: s.code)
def test_every_code_gets_an_explanation_naming_it(status: StatusCode) -> None:
    code = status.code
    elig = assess(code)
    assert elig.target_class is STATUS_CODES[code].default_class
    assert elig.status_code == code
    assert elig.explanation.strip()
    assert "„" + STATUS_CODES[code].display + "“" in elig.explanation
    assert elig.explanation.count(".") >= 1


def test_duldung_crisis_only() -> None:
    elig = assess("dul")
    assert elig.target_class is TargetGroupClass.NOT_RECOGNISED
    assert elig.allowed == {Offer.CRISIS, Offer.REFERRAL}
    assert not elig.case_allowed
    assert not elig.newcomer
    assert elig.newcomer_until is None
    assert elig.explanation.startswith("Der Status „Duldung")
    assert "nicht anerkannter Aufenthalt" in elig.explanation
    assert "nur Krisenberatung" in elig.explanation


@pytest.mark.parametrize("code", ["gest", "dul", "none"])
def test_not_recognised_codes(code: str) -> None:
    elig = assess(code)
    assert elig.allowed == {Offer.CRISIS, Offer.REFERRAL}


@pytest.mark.parametrize("code", ["fikt", "unk", None])
def test_unknown_means_check_first(code: str | None) -> None:
    elig = assess(code)
    assert elig.target_class is TargetGroupClass.UNKNOWN
    assert elig.allowed == {Offer.SHORT, Offer.CRISIS, Offer.REFERRAL}
    assert "geklärt" in elig.explanation


def test_no_history_explanation() -> None:
    elig = assess(None)
    assert elig.status_code is None
    assert "kein Aufenthaltsstatus erfasst" in elig.explanation


def test_status_entered_after_today_is_not_used() -> None:
    history = [StatusEntry("dul", D(2020, 1, 1)), StatusEntry("ne", TODAY + dt.timedelta(1))]
    elig = assess_eligibility(history, D(2020, 1, 1), None, TODAY, TABLE)
    assert elig.target_class is TargetGroupClass.NOT_RECOGNISED


def test_override_changes_the_rule() -> None:
    table = TABLE.with_override("dul", TargetGroupClass.TEMPORARY)
    elig = assess("dul", table=table)
    assert elig.allowed == ALL
    assert "vorübergehender Aufenthalt" in elig.explanation


# newcomer clock --------------------------------------------------------------

ARRIVAL = D(2022, 3, 15)


@pytest.mark.parametrize(
    ("today", "newcomer"),
    [
        (D(2025, 3, 13), True),
        (D(2025, 3, 14), True),  # day before the third anniversary
        (D(2025, 3, 15), False),  # exactly three years
        (D(2025, 3, 16), False),
    ],
)
@pytest.mark.parametrize("code", ["ne", "fam"])
def test_newcomer_boundaries(code: str, today: dt.date, newcomer: bool) -> None:
    elig = assess(code, arrival=ARRIVAL, today=today)
    assert elig.newcomer is newcomer
    assert elig.newcomer_until == D(2025, 3, 14)
    assert elig.case_allowed
    assert elig.allowed == ALL
    assert elig.case_needs_written_need is not newcomer
    assert "14.03.2025" in elig.explanation
    assert ("Förderbedarf" in elig.explanation) is not newcomer


def test_newcomer_clock_runs_from_the_later_date() -> None:
    assert newcomer_start(D(2015, 1, 1), D(2024, 2, 29)) == D(2024, 2, 29)
    assert newcomer_start(None, D(2020, 1, 1)) == D(2020, 1, 1)
    assert newcomer_start(D(2020, 1, 1), None) == D(2020, 1, 1)
    assert newcomer_start(None, None) is None
    elig = assess("ne", arrival=D(2015, 1, 1), permanent_since=D(2024, 2, 29))
    assert elig.newcomer
    assert elig.newcomer_until == D(2027, 2, 27)
    assert not assess("ne", D(2015, 1, 1), D(2024, 2, 29), today=D(2027, 2, 28)).newcomer


def test_unknown_arrival_needs_written_need() -> None:
    elig = assess("ne", arrival=None)
    assert not elig.newcomer
    assert elig.newcomer_until is None
    assert elig.case_needs_written_need
    assert "Einreisedatum" in elig.explanation


def test_custom_newcomer_years() -> None:
    history = [StatusEntry("ne", D(2020, 1, 1))]
    elig = assess_eligibility(history, D(2020, 1, 1), None, D(2024, 6, 1), TABLE, 5)
    assert elig.newcomer
    assert elig.newcomer_until == D(2024, 12, 31)
    with pytest.raises(ValueError):
        assess_eligibility(history, None, None, TODAY, TABLE, -1)


# recheck ----------------------------------------------------------------------


def test_recheck_duldung_to_aufenthaltserlaubnis() -> None:
    message = recheck(assess("dul"), assess("h25_3"))
    assert message is not None
    assert "Duldung" in message
    assert "Abschiebungsverbot" in message
    assert "„nicht anerkannt“ zu „vorübergehend“" in message
    assert "Integrationsbegleitung ist jetzt möglich." in message


def test_recheck_aufenthaltserlaubnis_to_duldung() -> None:
    message = recheck(assess("fam"), assess("dul"))
    assert message is not None
    assert "„vorübergehend“ zu „nicht anerkannt“" in message
    assert "Integrationsbegleitung ist nicht mehr möglich." in message


def test_recheck_gain_with_written_need() -> None:
    message = recheck(assess("dul", arrival=D(2010, 1, 1)), assess("ne", arrival=D(2010, 1, 1)))
    assert message is not None
    assert "wenn ein Förderbedarf schriftlich festgestellt ist" in message


def test_recheck_newcomer_time_ends() -> None:
    before = assess("ne", arrival=ARRIVAL, today=D(2025, 3, 14))
    after = assess("ne", arrival=ARRIVAL, today=D(2025, 3, 15))
    assert recheck(before, after) == (
        "Integrationsbegleitung ist nur noch mit schriftlich festgestelltem Förderbedarf möglich."
    )
    assert recheck(after, before) == (
        "Integrationsbegleitung ist jetzt ohne schriftlichen Förderbedarf möglich."
    )


def test_recheck_unknown_to_not_recognised_lists_offers() -> None:
    message = recheck(assess("unk"), assess("gest"))
    assert message is not None
    assert "Möglich sind jetzt: Krisenberatung, Weiterverweisung." in message


def test_recheck_after_table_change() -> None:
    table = TABLE.with_override("dul", TargetGroupClass.TEMPORARY)
    message = recheck(assess("dul"), assess("dul", table=table))
    assert message is not None
    assert message.startswith("Die Zielgruppe für „Duldung")
    assert "Integrationsbegleitung ist jetzt möglich." in message


def test_recheck_nothing_relevant() -> None:
    assert recheck(assess("dul"), assess("gest")) is None
    assert recheck(assess("fam"), assess("erw")) is None
    assert recheck(assess("ne"), assess("ne")) is None


# check_case_allowed -------------------------------------------------------------


def test_case_refused_for_not_recognised() -> None:
    elig = assess("dul")
    with pytest.raises(UsageError) as info:
        check_case_allowed(elig, "Förderbedarf Sprache")
    assert info.value.message == elig.explanation


def test_case_refused_until_status_clarified() -> None:
    with pytest.raises(UsageError) as info:
        check_case_allowed(assess(None), "irgendwas")
    assert "geklärt" in info.value.message


def test_case_for_newcomer_needs_nothing() -> None:
    check_case_allowed(assess("ne"), None)


@pytest.mark.parametrize("need", [None, "", "   "])
def test_case_for_long_resident_needs_written_need(need: str | None) -> None:
    elig = assess("ne", arrival=D(2010, 1, 1))
    with pytest.raises(UsageError) as info:
        check_case_allowed(elig, need)
    assert "Förderbedarf" in info.value.message
    check_case_allowed(elig, "Sprachkurs und Anerkennung des Abschlusses")
