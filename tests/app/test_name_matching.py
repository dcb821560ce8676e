"""The intake duplicate check: labelled pairs, reasons, ranking and properties."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.domain.name_matching import (
    MIN_SCORE,
    PersonKey,
    blocking_keys,
    damerau_levenshtein,
    evaluate,
    match,
    normalise,
    phonetic_key,
    rank,
)
from tests.app.name_pairs import DIFFERENT, PAIRS, SAME, p

# -- the labelled table --------------------------------------------------------------


def test_table_has_enough_pairs_of_both_kinds() -> None:
    assert len(SAME) >= 50
    assert len(DIFFERENT) >= 50
    assert len(PAIRS) == len(SAME) + len(DIFFERENT)


def test_precision_and_recall_on_the_table() -> None:
    precision, recall = evaluate(PAIRS)
    assert precision >= 0.95, precision
    assert recall >= 0.90, recall


def test_evaluate_counts_correctly() -> None:
    anna = p("Müller", "Anna", "1970-04-04")
    other = p("Schneider", "Lena", "1999-09-09")
    assert evaluate([]) == (1.0, 1.0)
    assert evaluate([(anna, anna, True), (anna, other, False)]) == (1.0, 1.0)
    assert evaluate([(anna, anna, False), (anna, other, True)]) == (0.0, 0.0)


@pytest.mark.parametrize(("a", "b"), SAME)
def test_true_duplicates_share_a_blocking_key(a: PersonKey, b: PersonKey) -> None:
    # Storage pre-selects by these keys: a duplicate without a shared key is never shown.
    assert blocking_keys(a) & blocking_keys(b)


# -- reasons -------------------------------------------------------------------------


def reasons(a: PersonKey, b: PersonKey) -> tuple[str, ...]:
    found = match(a, b)
    assert found is not None
    return found.reasons


def test_transliteration_variant_names_both_spellings() -> None:
    found = reasons(p("Ahmad", "Mohammed", "1990-03-12"), p("Ahmad", "Muhammad", "1990-03-12"))
    assert found == ("Schreibvariante Mohammed/Muhammad", "Geburtsdatum gleich")


def test_same_spelling_after_folding() -> None:
    found = reasons(p("Müller", "Anna", "1970-04-04"), p("MUELLER", "anna", "1970-04-04"))
    assert found == ("gleiche Schreibweise", "Geburtsdatum gleich")
    assert match(p("Weiß", "Peter"), p("Weiss", "Peter")) is not None


def test_same_sound_across_scripts() -> None:
    found = reasons(p("Kovalenko", "Yuliia", "1992-07-14"), p("Коваленко", "Юлия", "1992-07-14"))
    assert "gleiche Aussprache" in found


def test_swapped_names() -> None:
    found = reasons(p("Karim", "Ahmad", "1995-06-01"), p("Ahmad", "Karim", "1995-06-01"))
    assert found[0] == "Vor-/Nachname vertauscht"


def test_placeholder_date_counts_only_the_year() -> None:
    found = reasons(p("Haidari", "Zahra", "1997-01-01"), p("Haidari", "Zahra", "1997-03-21"))
    assert "Geburtsjahr gleich" in found
    year_only = reasons(p("Haidari", "Zahra", "1997"), p("Haidari", "Zahra", "1997-03-21"))
    assert "Geburtsjahr gleich" in year_only


def test_typo_and_extra_given_name() -> None:
    assert "Tippfehler" in reasons(p("Schmidt", "Katharina"), p("Schmitd", "Katharina"))
    extra = reasons(p("Haddad", "Mohammed Ali"), p("Haddad", "Mohammed"))
    assert "weiterer Vorname" in extra


def test_particle_left_out() -> None:
    assert "Namenszusatz fehlt" in reasons(p("Al Hassan", "Omar"), p("Hassan", "Omar"))


def test_reasons_are_translated_at_return_time(monkeypatch: pytest.MonkeyPatch) -> None:
    from app.domain import name_matching

    monkeypatch.setattr(name_matching, "_", lambda message: "«" + message + "»")
    found = match(p("Ahmad", "Mohammed", "1990"), p("Ahmed", "Muhammad", "1990-03-12"))
    assert found is not None
    assert found.reasons == (
        "«Schreibvariante {a}/{b}»".format(a="Ahmad", b="Ahmed"),
        "«Schreibvariante {a}/{b}»".format(a="Mohammed", b="Muhammad"),
        "«Geburtsjahr gleich»",
    )


# -- dates ---------------------------------------------------------------------------


def test_birth_years_far_apart_are_no_match_even_with_equal_names() -> None:
    assert match(p("Ahmadi", "Mohammad", "1965-01-01"), p("Ahmadi", "Mohammad", "1995")) is None


def test_different_full_dates_in_the_same_year_are_no_match() -> None:
    assert match(p("Omar", "Hussein", "1979-05-30"), p("Omar", "Hussein", "1979-11-02")) is None


def test_day_and_month_swapped_or_one_digit_off_still_match() -> None:
    assert "Geburtsdatum ähnlich" in reasons(
        p("Lopez", "Maria", "1990-04-07"), p("Lopez", "Maria", "1990-07-04")
    )
    assert match(p("Lopez", "Maria", "1990-04-17"), p("Lopez", "Maria", "1990-04-18"))


def test_same_date_scores_higher_than_unknown_date() -> None:
    a, b = p("Ahmad", "Mohammed", "1990-03-12"), p("Ahmed", "Muhammad", "1990-03-12")
    with_date = match(a, b)
    without = match(p("Ahmad", "Mohammed"), p("Ahmed", "Muhammad"))
    assert with_date is not None
    assert without is not None
    assert with_date.score > without.score


def test_partial_query_while_typing() -> None:
    found = match(p("Ahmadi", ""), p("Ahmadi", "Fatima", "1991"))
    assert found is not None
    assert found.score < 1.0
    assert match(p("", ""), p("Ahmadi", "Fatima")) is None


# -- ranking -------------------------------------------------------------------------


def test_rank_orders_by_score_and_keeps_ids() -> None:
    query = p("Ahmad", "Mohammed", "1990-03-12")
    candidates = [
        ("far", p("Ahmad", "Mohammed", "1950-03-12")),
        ("variant", p("Ahmed", "Muhammad", "1990-03-12")),
        ("exact", p("Ahmad", "Mohammed", "1990-03-12")),
        ("other", p("Schneider", "Lena", "1990-03-12")),
        ("year", p("Ahmad", "Mohammed", "1990")),
    ]
    ranked = rank(query, candidates)
    assert [ident for ident, _m in ranked] == ["exact", "year", "variant"]
    scores = [found.score for _i, found in ranked]
    assert scores == sorted(scores, reverse=True)
    assert all(found.score >= MIN_SCORE for _i, found in ranked)
    assert rank(query, candidates, limit=1) == ranked[:1]
    assert rank(query, []) == []


def test_rank_handles_many_candidates() -> None:
    rng = random.Random(3)
    people = [person for pair in SAME + DIFFERENT for person in pair]
    candidates = [(i, rng.choice(people)) for i in range(2000)]
    query = p("Ahmed", "Muhammad", "1990-03-12")
    ranked = rank(query, candidates, limit=5)
    assert 0 < len(ranked) <= 5
    assert all(match(query, candidates[ident][1]) == found for ident, found in ranked)


# -- building blocks -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Müller", "mueller"),
        ("Weiß", "weiss"),
        ("  Abu-Bakr ", "abu bakr"),
        ("Юлия", "yuliya"),
        ("Олексій", "oleksiy"),
        ("Öztürk", "oeztuerk"),
        ("İbrahim", "ibrahim"),
        ("Yılmaz", "yilmaz"),
        ("Nguyễn Thị", "nguyen thi"),
        ("O'Brien", "obrien"),
        ("الحسن", "al hsn"),
        ("محمد", "mhmd"),
        ("", ""),
    ],
)
def test_normalise(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


def test_phonetic_key_merges_transliterations() -> None:
    assert len({phonetic_key(n) for n in ("Yuliia", "Julija", "Yulia", "Юлия")}) == 1
    assert phonetic_key("Olga") == phonetic_key("Olha")
    assert phonetic_key("Schukowa") == phonetic_key("Zhukova")
    assert phonetic_key("Mohammed") != phonetic_key("Mahmoud")


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [
        ("", "", 0),
        ("abc", "", 3),
        ("kitten", "sitting", 3),
        ("schmidt", "schmitd", 1),
        ("ab", "ba", 1),
        ("ca", "abc", 3),
    ],
)
def test_damerau_levenshtein(a: str, b: str, distance: int) -> None:
    assert damerau_levenshtein(a, b) == distance
    assert damerau_levenshtein(b, a) == distance
    assert damerau_levenshtein(a, b, 1) == min(distance, 2)


# -- properties ----------------------------------------------------------------------

NAMES = [name for pair in PAIRS for person in pair[:2] for name in person.__dict__.values()]
POOL = sorted({name for name in NAMES if isinstance(name, str)})
names = st.one_of(st.sampled_from(POOL), st.text(max_size=24))
dates = st.one_of(
    st.none(), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2030, 12, 31))
)


@st.composite
def people(draw: st.DrawFn, name: st.SearchStrategy[str] = names) -> PersonKey:
    born = draw(dates)
    year_only = born is not None and draw(st.booleans())
    if born is not None and year_only:
        born = dt.date(born.year, 1, 1)
    return PersonKey(draw(name), draw(name), born, year_only)


@given(people(), people())
@settings(max_examples=300)
def test_match_is_symmetric_in_score(a: PersonKey, b: PersonKey) -> None:
    ab, ba = match(a, b), match(b, a)
    assert (ab is None) == (ba is None)
    if ab is not None and ba is not None:
        assert ab.score == ba.score
        assert 0.0 <= ab.score <= 1.0


@given(
    people(st.one_of(st.sampled_from(POOL), st.text(min_size=1)).filter(lambda s: bool(s.split())))
)
def test_a_person_matches_itself_with_score_one(person: PersonKey) -> None:
    found = match(person, person)
    assert found is not None
    assert found.score == 1.0


@given(people(), people())
def test_reasons_are_non_empty_strings(a: PersonKey, b: PersonKey) -> None:
    for found in (match(a, b), match(a, a)):
        if found is not None:
            assert found.reasons
            assert all(isinstance(reason, str) and reason.strip() for reason in found.reasons)


@given(st.text())
def test_normalise_never_raises(text: str) -> None:
    result = normalise(text)
    assert result == result.strip()
    assert "  " not in result
    phonetic_key(text)


@given(st.text(max_size=10_000))
@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
def test_long_text_is_handled(text: str) -> None:
    normalise(text)
    person = PersonKey(text, text, None)
    match(person, PersonKey(text[::-1], text, None))


def test_ten_thousand_characters_of_mixed_scripts_and_control_characters() -> None:
    rng = random.Random(1)
    alphabet = "aäßİı-' \x00\x07\t\n\u200b\u0301ЮлияمحمدＭｏ日本\U0001f600\ufeff"
    text = "".join(rng.choice(alphabet) for _ in range(10_000))
    assert isinstance(normalise(text), str)
    assert match(PersonKey(text, text, None), PersonKey(text, text, None)) is not None
