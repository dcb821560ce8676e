from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.office import DISTRICTS, KREISFREIE_STAEDTE, district_label, parse_posts
from app.domain.passphrase import Strength, assess, check_passphrase
from app.domain.throttle import MAX_DELAY_SECONDS, unlock_delay
from app.errors import FieldErrors
from app.i18n import format_date, format_decimal, parse_decimal, set_language


def test_schleswig_holstein_has_11_kreise_and_4_cities() -> None:
    assert len(DISTRICTS) == 15
    assert len(KREISFREIE_STAEDTE) == 4
    assert {DISTRICTS[c] for c in KREISFREIE_STAEDTE} == {
        "Flensburg",
        "Kiel",
        "Lübeck",
        "Neumünster",
    }
    assert district_label("PLÖ") == "Plön (Kreis)"
    assert district_label("Hamburg") == "Hamburg"  # no district code: shown as it is


@pytest.mark.parametrize(("text", "value"), [("1", "1.00"), ("1,5", "1.50"), (" 0.75 ", "0.75")])
def test_posts_as_typed(text: str, value: str) -> None:
    assert parse_posts(text) == Decimal(value)


@given(st.text(max_size=12))
def test_posts_parser_never_crashes(text: str) -> None:
    try:
        value = parse_posts(text)
    except ValueError:
        return
    assert Decimal(0) < value <= Decimal(100)


@pytest.mark.parametrize(
    ("phrase", "at_least"),
    [("aaaaaaaaaaaa", Strength.VERY_WEAK), ("Sonnenblume-27", Strength.STRONG)],
)
def test_strength(phrase: str, at_least: Strength) -> None:
    assert assess(phrase).strength >= at_least


def test_weak_passphrases_are_refused() -> None:
    for weak in ("aaaaaaaaaaaa", "passwort1234", "abcdefghijkl", "1234567890"):
        with pytest.raises(FieldErrors):
            check_passphrase(weak, weak, 10)
    check_passphrase("Sonnenblume-27", "Sonnenblume-27", 10)


@given(st.text(max_size=40))
def test_assess_is_total(text: str) -> None:
    result = assess(text)
    assert result.bits >= 0
    assert Strength.VERY_WEAK <= result.strength <= Strength.VERY_STRONG


def test_unlock_delay_grows_and_is_capped() -> None:
    delays = [unlock_delay(n) for n in range(12)]
    assert delays[0] == 0
    assert delays == sorted(delays)
    assert max(delays) == MAX_DELAY_SECONDS


def test_german_dates_and_numbers() -> None:
    set_language("de")
    assert format_date(dt.date(2026, 11, 24)) == "24.11.2026"
    assert format_decimal(1234.5) == "1.234,50"
    assert parse_decimal("0,5") == Decimal("0.5")
    with pytest.raises(ValueError):
        parse_decimal("zwei")
