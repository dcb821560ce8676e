"""Family members, languages and the full master data, on a real encrypted office."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.client import ClientDraft
from app.domain.family import (
    CEFR_LEVELS,
    FamilyMemberDraft,
    LanguageSkill,
    Relation,
    level_label,
    normalise_number,
    validate_family_member,
    validate_language,
)
from app.errors import FieldErrors, UsageError
from app.services.clients import add_client
from app.services.family import (
    add_family_member,
    client_by_number,
    client_details,
    family_members,
    languages,
    remove_family_member,
    remove_language,
    set_language,
)
from app.services.session import OfficeSession
from app.storage import models

TODAY = dt.date(2026, 11, 25)


def _client(session: OfficeSession, family: str, given_name: str, **kw: object) -> int:
    draft = ClientDraft(family, given_name, kw.pop("birth", None), **kw)  # type: ignore[arg-type]
    return add_client(session, draft, TODAY).id


def test_details_show_everything_and_who_created_the_record(session: OfficeSession) -> None:
    before = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=5)
    cid = _client(
        session,
        "Haddad",
        "Lina",
        birth=dt.date(1991, 1, 1),
        birth_year_only=True,
        sex="f",
        nationality="SYR",
        language="ar",
        arrival_date=dt.date(2023, 4, 1),
        permanent_since=dt.date(2025, 6, 1),
        counsellor_id=session.user.id,
    )
    details = client_details(session, cid)
    assert (details.family_name, details.given_name, details.sex) == ("Haddad", "Lina", "f")
    assert details.birth_year_only and details.birth_year == 1991
    assert (details.nationality, details.language) == ("SYR", "ar")
    assert (details.arrival_date, details.permanent_since) == (
        dt.date(2023, 4, 1),
        dt.date(2025, 6, 1),
    )
    assert details.counsellor == "Anna Alt"
    assert details.created_by == details.updated_by == "Anna Alt"
    assert details.created_at.tzinfo is dt.UTC and details.created_at >= before
    assert details.updated_at >= details.created_at
    with pytest.raises(UsageError):
        client_details(session, 999)


def test_family_members_linked_and_companions(session: OfficeSession) -> None:
    mother = _client(session, "Haddad", "Lina", birth=dt.date(1991, 3, 2))
    son = _client(session, "Haddad", "Omar", birth=dt.date(2015, 7, 8))
    number = client_details(session, son).number

    linked = add_family_member(
        session, mother, FamilyMemberDraft(Relation.CHILD, linked_client_id=son), TODAY
    )
    assert linked.linked is not None and linked.linked.number == number
    assert linked.name == "Omar Haddad" and linked.year == 2015
    assert linked.created_by == "Anna Alt"
    add_family_member(
        session,
        mother,
        FamilyMemberDraft(Relation.PARTNER, given_name="  Karim ", birth_year=1988),
        TODAY,
    )
    add_family_member(
        session,
        mother,
        FamilyMemberDraft(Relation.CHILD, given_name="Sara", birth_year=2020),
        TODAY,
    )

    members = family_members(session, mother)
    assert [(m.relation, m.name, m.year) for m in members] == [
        (Relation.PARTNER, "Karim", 1988),
        (Relation.CHILD, "Omar Haddad", 2015),
        (Relation.CHILD, "Sara", 2020),
    ]
    assert family_members(session, son) == []

    with pytest.raises(FieldErrors) as twice:
        add_family_member(
            session, mother, FamilyMemberDraft(Relation.CHILD, linked_client_id=son), TODAY
        )
    assert number in twice.value.errors["linked_client_id"]
    with pytest.raises(FieldErrors) as missing:
        add_family_member(
            session, mother, FamilyMemberDraft(Relation.CHILD, linked_client_id=999), TODAY
        )
    assert set(missing.value.errors) == {"linked_client_id"}
    with pytest.raises(FieldErrors) as itself:
        add_family_member(
            session, mother, FamilyMemberDraft(Relation.OTHER, linked_client_id=mother), TODAY
        )
    assert "eigene" in itself.value.errors["linked_client_id"]

    remove_family_member(session, members[0].id)
    assert [m.name for m in family_members(session, mother)] == ["Omar Haddad", "Sara"]
    with pytest.raises(UsageError):
        remove_family_member(session, members[0].id)


def test_client_by_number_accepts_short_forms(session: OfficeSession) -> None:
    cid = _client(session, "Nowak", "Jan")
    number = client_details(session, cid).number
    digits = str(int(number[2:]))
    for typed in (number, number.lower(), digits, f"k{digits}", f" K-{digits} "):
        found = client_by_number(session, typed)
        assert found is not None and found.id == cid, typed
    assert client_by_number(session, "K-99999") is None
    assert client_by_number(session, "Nowak") is None


def test_languages_set_replace_and_remove(session: OfficeSession) -> None:
    cid = _client(session, "Bondarenko", "Iryna")
    set_language(session, cid, LanguageSkill("UK", "C2"))
    set_language(session, cid, LanguageSkill("de", "A2"))
    set_language(session, cid, LanguageSkill("ru", "B2"))
    updated = set_language(session, cid, LanguageSkill("de", "B1"))  # same language: new level
    assert updated.updated_by == "Anna Alt" and updated.updated_at is not None
    assert [(s.language, s.level) for s in languages(session, cid)] == [
        ("de", "B1"),
        ("ru", "B2"),
        ("uk", "C2"),
    ]
    remove_language(session, cid, "ru")
    assert [s.language for s in languages(session, cid)] == ["de", "uk"]
    with pytest.raises(UsageError):
        remove_language(session, cid, "ru")
    with pytest.raises(FieldErrors) as bad:
        set_language(session, cid, LanguageSkill("deu", "B3"))
    assert set(bad.value.errors) == {"language", "level"}
    with pytest.raises(UsageError):
        set_language(session, 999, LanguageSkill("de", "A1"))


def test_removing_a_client_keeps_the_relatives_of_others(session: OfficeSession) -> None:
    mother = _client(session, "Haddad", "Lina")
    son = _client(session, "Haddad", "Omar")
    add_family_member(session, mother, FamilyMemberDraft(Relation.CHILD, linked_client_id=son))
    add_family_member(session, son, FamilyMemberDraft(Relation.PARENT, linked_client_id=mother))
    set_language(session, son, LanguageSkill("ar", "C2"))
    with session.orm() as orm, orm.begin():
        row = orm.get(models.Client, son)
        assert row is not None
        orm.delete(row)
    member = family_members(session, mother)[0]
    assert member.linked is None and member.name == "–"  # the link went, the entry stays
    assert languages(session, son) == []


# -- rules ------------------------------------------------------------------------


@given(st.integers(min_value=-10_000, max_value=10_000))
def test_birth_years_from_1900_to_this_year(year: int) -> None:
    draft = FamilyMemberDraft(Relation.CHILD, given_name="Sara", birth_year=year)
    if 1900 <= year <= TODAY.year:
        assert validate_family_member(1, draft, TODAY).birth_year == year
    else:
        with pytest.raises(FieldErrors) as exc:
            validate_family_member(1, draft, TODAY)
        assert set(exc.value.errors) == {"birth_year"}
        assert "1900" in exc.value.errors["birth_year"]


@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_the_latest_birth_year_is_the_current_one(today: dt.date) -> None:
    ok = FamilyMemberDraft(Relation.CHILD, given_name="Sara", birth_year=today.year)
    assert validate_family_member(1, ok, today) == ok
    late = FamilyMemberDraft(Relation.CHILD, given_name="Sara", birth_year=today.year + 1)
    with pytest.raises(FieldErrors):
        validate_family_member(1, late, today)


@given(st.text(max_size=30), st.one_of(st.none(), st.integers(1, 5)))
def test_either_a_linked_client_or_a_first_name(name: str, linked: int | None) -> None:
    draft = FamilyMemberDraft(Relation.OTHER, linked_client_id=linked, given_name=name)
    has_name = bool(name.split())
    allowed = (linked is None) == has_name
    try:
        clean = validate_family_member(99, draft, TODAY)
    except FieldErrors as exc:
        assert set(exc.errors) == {"given_name"}
        if allowed:  # the right combination, but the name itself is unusable
            assert any(unicodedata.category(c).startswith("C") for c in name)
    else:
        assert allowed
        assert clean.given_name == " ".join(name.split())


def test_rule_messages() -> None:
    with pytest.raises(FieldErrors) as none:
        validate_family_member(1, FamilyMemberDraft(Relation.CHILD), TODAY)
    assert set(none.value.errors) == {"given_name"}
    both = FamilyMemberDraft(Relation.CHILD, linked_client_id=2, given_name="Sara", birth_year=2020)
    with pytest.raises(FieldErrors) as exc:
        validate_family_member(1, both, TODAY)
    assert set(exc.value.errors) == {"given_name", "birth_year"}
    with pytest.raises(FieldErrors) as self_link:
        validate_family_member(1, FamilyMemberDraft(Relation.CHILD, linked_client_id=1), TODAY)
    assert set(self_link.value.errors) == {"linked_client_id"}
    with pytest.raises(FieldErrors):
        validate_family_member(1, FamilyMemberDraft(Relation.CHILD, given_name="Sa\u0000ra"), TODAY)


@given(st.text(max_size=4), st.sampled_from([*CEFR_LEVELS, "B3", "a1", ""]))
def test_language_codes_and_levels(code: str, level: str) -> None:
    good_code = len(code.strip()) == 2 and all("a" <= c <= "z" for c in code.strip().lower())
    try:
        clean = validate_language(LanguageSkill(code, level))
    except FieldErrors as exc:
        assert ("language" in exc.errors) == (not good_code)
        assert ("level" in exc.errors) == (level not in CEFR_LEVELS)
    else:
        assert good_code and level in CEFR_LEVELS
        assert clean.language == code.strip().lower()


def test_level_labels_and_numbers() -> None:
    assert level_label("none") == "keine Kenntnisse"
    assert level_label("B1") == "B1"
    assert normalise_number("7") == "K-00007"
    assert normalise_number("k-00012") == "K-00012"
    assert normalise_number("X-1") == "X-1"
