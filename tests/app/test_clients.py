"""Clients service on a real encrypted file: create, search in any script, duplicates."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.domain.client import ClientDraft, validate_client
from app.domain.name_matching import PersonKey
from app.errors import FieldErrors
from app.services.clients import (
    add_client,
    find_duplicates,
    reindex,
    scan_duplicates,
    search_clients,
)
from app.services.session import OfficeSession

TODAY = dt.date(2026, 11, 25)


def _add(session: OfficeSession, family: str, given: str, birth: dt.date | None) -> int:
    return add_client(session, ClientDraft(family, given, birth), TODAY).id


@pytest.fixture
def people(session: OfficeSession) -> dict[str, int]:
    return {
        "julija": _add(session, "Шевченко", "Юлия", dt.date(1988, 3, 14)),
        "mueller": _add(session, "Müller", "Hans-Peter", dt.date(1961, 7, 2)),
        "muhammad": _add(session, "Al-Hassan", "Muhammad", dt.date(1990, 1, 1)),
        "arabic": _add(session, "حسين", "أحمد", dt.date(1979, 5, 20)),
        "hueseyin": _add(session, "Yılmaz", "Hüseyin", dt.date(1975, 11, 30)),
    }


def ids(rows: list[object]) -> set[int]:
    return {r.id for r in rows}  # type: ignore[attr-defined]


def test_numbers_are_sequential_and_unique(session: OfficeSession, people: dict[str, int]) -> None:
    numbers = [c.number for c in search_clients(session, "K-")]
    assert sorted(numbers) == [f"K-{n:05d}" for n in range(1, 6)]


@pytest.mark.parametrize(
    ("query", "who"),
    [
        ("юлия", "julija"),  # Cyrillic, any case
        ("Yulia", "julija"),  # Latin transliteration of a Cyrillic record
        ("shevch", "julija"),
        ("mueller", "mueller"),  # German folding
        ("Müll", "mueller"),
        ("hans peter", "mueller"),  # two words, both must match
        ("1961", "mueller"),  # year of birth
        ("K-00002", "mueller"),  # client number
        ("حسين", "arabic"),  # Arabic script
        ("Huseyin", "hueseyin"),
        ("yilmaz", "hueseyin"),
    ],
)
def test_search_finds_in_any_script(
    session: OfficeSession, people: dict[str, int], query: str, who: str
) -> None:
    assert people[who] in ids(search_clients(session, query))


def test_search_does_not_find_unrelated(session: OfficeSession, people: dict[str, int]) -> None:
    assert search_clients(session, "Zzyzx") == []
    assert ids(search_clients(session, "mueller 1990")) == set()


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=30))
def test_search_never_crashes(session: OfficeSession, text: str) -> None:
    search_clients(session, text)


def test_duplicate_check_while_typing(session: OfficeSession, people: dict[str, int]) -> None:
    found = find_duplicates(session, PersonKey("Mohammed", "Alhassan", dt.date(1990, 1, 1)))
    found += find_duplicates(session, PersonKey("Alhassan", "Mohammed", dt.date(1990, 1, 1)))
    assert people["muhammad"] in {d.client.id for d in found}
    best = find_duplicates(session, PersonKey("Julia", "Shevchenko", dt.date(1988, 3, 14)))
    assert best and best[0].client.id == people["julija"]
    assert any("vertauscht" in r for r in best[0].reasons)
    assert find_duplicates(session, PersonKey("Schmidt", "Anna", dt.date(2001, 1, 5))) == []


def test_office_wide_scan_finds_the_planted_pair(
    session: OfficeSession, people: dict[str, int]
) -> None:
    twin = _add(session, "Mueller", "Hans Peter", dt.date(1961, 7, 2))
    pairs = scan_duplicates(session, 0.6)
    assert [(p.first.id, p.second.id) for p in pairs] == [(people["mueller"], twin)]
    assert pairs[0].score >= 0.9


def test_reindex_runs_once_per_rule_version(session: OfficeSession, people: dict[str, int]) -> None:
    assert reindex(session) is False  # done at unlock already
    assert reindex(session, force=True) is True
    assert people["julija"] in ids(search_clients(session, "Yulia"))


def test_validation_names_each_field() -> None:
    draft = ClientDraft(" ", "A\x00b", dt.date(2030, 1, 1), arrival_date=dt.date(2027, 1, 1))
    with pytest.raises(FieldErrors) as exc:
        validate_client(draft, TODAY)
    assert set(exc.value.errors) == {"family_name", "given_name", "birth_date", "arrival_date"}
    with pytest.raises(FieldErrors) as exc:
        validate_client(
            ClientDraft("A", "B", dt.date(1990, 1, 1), arrival_date=dt.date(1980, 1, 1)), TODAY
        )
    assert set(exc.value.errors) == {"arrival_date"}
    with pytest.raises(FieldErrors):
        validate_client(ClientDraft("A" * 10_000, "B", None), TODAY)


@given(
    st.text(max_size=300),
    st.text(max_size=300),
    st.one_of(st.none(), st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31))),
)
def test_validation_is_total(family: str, given_name: str, birth: dt.date | None) -> None:
    try:
        clean = validate_client(ClientDraft(family, given_name, birth), TODAY)
    except FieldErrors as exc:
        assert exc.errors and all(exc.errors.values())
    else:
        assert clean.family_name.strip() and clean.given_name.strip()
        assert birth is None or birth <= TODAY


def test_codes_for_nationality_and_language() -> None:
    with pytest.raises(FieldErrors) as exc:
        validate_client(ClientDraft("A", "B", None, nationality="Syrien", language="arab"), TODAY)
    assert set(exc.value.errors) == {"nationality", "language"}
    clean = validate_client(ClientDraft("A", "B", None, nationality="syr", language="AR"), TODAY)
    assert (clean.nationality, clean.language) == ("SYR", "ar")
