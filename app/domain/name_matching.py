"""Duplicate check for client intake: is this person already in the office's records?

While family name, given name and date of birth are typed, :func:`rank` lists likely
matches with a score and German, translatable reasons ("Schreibvariante
Mohammed/Muhammad", "Vor-/Nachname vertauscht", "Geburtsjahr gleich" …).

How two names are compared, token by token, strongest evidence first:

1. :func:`normalise` — NFKC, casefold, Arabic/Persian and Cyrillic (Russian and
   Ukrainian) letters transliterated to Latin, German and Turkish letters folded
   (ä→ae, ß→ss, ı→i, ş→s …), other diacritics stripped, hyphens and spaces unified,
   apostrophes dropped. Equal after this: *gleiche Schreibweise*.
2. :func:`phonetic_key` — spelling variants of the same sound merged (sch/sh/zh,
   tsch/ch, w/v, j/y, g/h for Ukrainian Г, ph/f, ee/ie/i, ou/oo/u, ei/ai …, double
   letters single, h after a consonant dropped). Equal: *gleiche Aussprache*.
3. The skeleton of the phonetic key: every vowel group becomes one slot, except a
   final vowel, which keeps its class (a/e, i/y, o/u) so that Ali/Alia or
   Ivanov/Ivanova stay apart. Equal: *Schreibvariante A/B* (Mohammed/Muhammad,
   Hussein/Hüseyin, Aleksandr/Oleksandr).
4. Damerau-Levenshtein distance 1 (2 for long names) on the normalised spelling or
   the phonetic key: *Tippfehler*.
5. For names written in Arabic script, which leaves out short vowels, the bare
   consonants are compared: محمد/Mohammad.

Family and given names are compared as token lists (extra given names, split or
joined names such as Abu Bakr/Abubakr, particles like al-/von), straight and
swapped. Each of the two name fields must reach :data:`FIELD_MIN`; the date of birth
then raises or lowers the score: the same full date raises it most; the same year
raises it less; ``01.01.`` (the placeholder in many refugees' papers) and year-only
dates count only as the year; full dates of the same year that differ are strong
evidence against (unless day and month are swapped or one digit differs); years
further apart than one make it no match.

Everything here is pure and cached; the public functions never touch a database.
:func:`blocking_keys` gives a few short keys per person so that storage can
pre-select candidates with an indexed lookup instead of scoring every client.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from app.domain.name_spelling import (
    ARABIC_SCRIPT,
    PARTICLES,
    damerau_levenshtein,
    normalise,
    phonetic_key,
    token_info,
    vowels_compatible,
)
from app.i18n import N_, _

__all__ = [
    "FIELD_MIN",
    "MIN_SCORE",
    "Match",
    "PersonKey",
    "blocking_keys",
    "damerau_levenshtein",
    "evaluate",
    "match",
    "normalise",
    "phonetic_key",
    "rank",
]

K = TypeVar("K")

MIN_SCORE = 0.6
"""Below this score :func:`match` returns ``None``."""

FIELD_MIN = 0.75
"""Family and given name must each be at least this similar (a typo or a variant)."""

# Similarity of one name token to another, by the strongest evidence found.
_SIM_EXACT = 1.0
_SIM_SOUND = 0.95
_SIM_VARIANT = 0.9
_SIM_TYPO = 0.85
_SIM_ABJAD = 0.85
_SIM_TYPO2 = 0.78
# Multipliers for weaker name agreement.
_EXTRA_TOKEN = 0.95
_PARTICLE = 0.97
_SWAPPED = 0.97
_MOVED = 0.95
_ONE_FIELD = 0.9
# Date of birth: the gap to 1.0 shrinks by this factor when dates agree …
_FULL_DATE_SAME = 0.5
_FULL_DATE_CLOSE = 0.8
_YEAR_SAME = 0.8
# … and the score is multiplied by this factor when they disagree.
_YEAR_CLOSE = 0.85
_SAME_YEAR_OTHER_DAY = 0.55
_DATE_CONFLICT = 0.3

_TYPO_MIN_LEN = 4
_TYPO2_MIN_LEN = 9
_TYPO_MAX_LEN = 64
_MAX_TOKENS = 8

_R_SPELLING = N_("gleiche Schreibweise")
_R_SOUND = N_("gleiche Aussprache")
_R_VARIANT = N_("Schreibvariante {a}/{b}")
_R_TYPO = N_("Tippfehler")
_R_SWAPPED = N_("Vor-/Nachname vertauscht")
_R_EXTRA_GIVEN = N_("weiterer Vorname")
_R_EXTRA_PART = N_("weiterer Namensteil")
_R_PARTICLE = N_("Namenszusatz fehlt")
_R_ONE_FIELD = N_("nur ein Namensteil verglichen")
_R_DATE_SAME = N_("Geburtsdatum gleich")
_R_DATE_CLOSE = N_("Geburtsdatum ähnlich")
_R_YEAR_SAME = N_("Geburtsjahr gleich")
_R_YEAR_CLOSE = N_("Geburtsjahr um ein Jahr verschieden")


@dataclass(frozen=True)
class PersonKey:
    """What the duplicate check compares: names as typed and the date of birth.

    A year-only date of birth is ``date(year, 1, 1)`` with ``birth_year_only=True``.
    A date on 1 January counts as a possible placeholder: only its year is evidence.
    """

    family_name: str
    given_name: str
    birth_date: dt.date | None
    birth_year_only: bool = False


@dataclass(frozen=True)
class Match:
    """A likely duplicate: score in 0..1 and translated reasons, strongest first."""

    score: float
    reasons: tuple[str, ...]


# -- token and field similarity ------------------------------------------------------
_EXACT, _SOUND, _VARIANT, _TYPO, _NONE = range(5)


def _gendered(a: str, b: str) -> bool:
    """Masculine and feminine form of one name: Ivanov/Ivanova, Karim/Karima, Ali/Alia."""
    if len(a) > len(b):
        a, b = b, a
    if len(b) == len(a) + 1 and b[-1] == "a" and b.startswith(a):
        return True
    return a[:-1] == b[:-1] and a[-3:-1] == "sk" and {a[-1], b[-1]} == {"a", "i"}


@lru_cache(maxsize=1 << 17)
def _similarity(a_text: str, b_text: str, abjad: bool) -> tuple[float, int]:
    if a_text == b_text:
        return _SIM_EXACT, _EXACT
    a, b = token_info(a_text), token_info(b_text)
    if a.phon == b.phon:
        return _SIM_SOUND, _SOUND
    if _gendered(a.phon, b.phon):
        return 0.0, _NONE
    if a.skel == b.skel and vowels_compatible(a.vowel, b.vowel):
        return _SIM_VARIANT, _VARIANT
    shortest = min(len(a_text), len(b_text))
    if shortest >= _TYPO_MIN_LEN and max(len(a_text), len(b_text)) <= _TYPO_MAX_LEN:
        limit = 2 if shortest >= _TYPO2_MIN_LEN else 1
        distance = min(
            damerau_levenshtein(a_text, b_text, limit), damerau_levenshtein(a.phon, b.phon, limit)
        )
        if distance == 1:
            return _SIM_TYPO, _TYPO
        if distance <= limit:
            return _SIM_TYPO2, _TYPO
    if abjad and a.cons and a.cons == b.cons:
        return _SIM_ABJAD, _VARIANT
    return 0.0, _NONE


def _sim(a: str, b: str, abjad: bool) -> tuple[float, int]:
    return _similarity(a, b, abjad) if a <= b else _similarity(b, a, abjad)


@dataclass(frozen=True, slots=True)
class _Name:
    """One name field, prepared: display form, tokens without particles, all joined."""

    display: str
    tokens: tuple[str, ...]
    particles: tuple[str, ...]
    joined: str  # every word, run together: Abu-Bakr = Abubakr, El-Sayed = Elsayed
    joined_kept: str  # the same without particles
    abjad: bool


@lru_cache(maxsize=1 << 16)
def _name(raw: str) -> _Name:
    display = " ".join(raw.split())
    words = normalise(raw).split()[:_MAX_TOKENS]
    if not words and display:
        words = [display.casefold()[:_TYPO_MAX_LEN]]
    kept = [w for w in words if w not in PARTICLES]
    particles = tuple(sorted(w for w in words if w in PARTICLES))
    if not kept:
        kept, particles = words, ()
    return _Name(
        display,
        tuple(kept),
        particles,
        "".join(words),
        "".join(kept),
        bool(ARABIC_SCRIPT.search(raw)),
    )


@dataclass(frozen=True, slots=True)
class _Field:
    score: float
    kind: int
    extra: bool = False
    particle: bool = False


_NO_FIELD = _Field(0.0, _NONE)


def _align(a: tuple[str, ...], b: tuple[str, ...], abjad: bool) -> _Field:
    """Best one-to-one pairing of tokens; extra tokens on one side cost a little."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    pairs = sorted(
        (
            (-score, min(x, y), max(x, y), i, j, kind)
            for i, x in enumerate(short)
            for j, y in enumerate(long)
            for score, kind in (_sim(x, y, abjad),)
            if score >= FIELD_MIN
        ),
    )
    used_short: set[int] = set()
    used_long: set[int] = set()
    total = 0.0
    worst = _EXACT
    for neg_score, _x, _y, i, j, kind in pairs:
        if i in used_short or j in used_long:
            continue
        used_short.add(i)
        used_long.add(j)
        total -= neg_score
        worst = max(worst, kind)
    if len(used_short) < len(short):
        return _Field(total / len(long), _NONE)
    extra = len(long) > len(short)
    return _Field(total / len(short) * (_EXTRA_TOKEN if extra else 1.0), worst, extra)


def _compare_field(a: _Name, b: _Name, abjad: bool) -> _Field:
    if a.joined == b.joined:
        return _Field(_SIM_EXACT, _EXACT)
    score, kind = _sim(a.joined_kept, b.joined_kept, abjad)
    if kind == _TYPO and (len(a.tokens) > 1 or len(b.tokens) > 1):
        score, kind = 0.0, _NONE  # two names run together are no typo of each other
    particle = a.particles != b.particles
    best = _Field(score * _PARTICLE, kind, particle=True) if particle else _Field(score, kind)
    if len(a.tokens) == 1 and len(b.tokens) == 1:
        if not particle:
            return best
        score, kind = _sim(a.tokens[0], b.tokens[0], abjad)
        found = _Field(score, kind)
    else:
        found = _align(a.tokens, b.tokens, abjad)
    if particle:
        found = _Field(found.score * _PARTICLE, found.kind, found.extra, True)
    return found if found.score > best.score else best


# -- names as a whole ----------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Names:
    score: float
    reasons: tuple[str, ...]


def _field_reasons(field: _Field, a: _Name, b: _Name, given: bool) -> list[str]:
    reasons: list[str] = []
    if field.kind == _SOUND:
        reasons.append(_(_R_SOUND))
    elif field.kind == _VARIANT:
        reasons.append(_(_R_VARIANT).format(a=a.display, b=b.display))
    elif field.kind == _TYPO:
        reasons.append(_(_R_TYPO))
    if field.extra:
        reasons.append(_(_R_EXTRA_GIVEN if given else _R_EXTRA_PART))
    if field.particle:
        reasons.append(_(_R_PARTICLE))
    return reasons


def _pair_reasons(
    family: _Field, given: _Field, names: tuple[_Name, _Name, _Name, _Name]
) -> list[str]:
    fa, fb, ga, gb = names
    reasons = _field_reasons(family, fa, fb, False) + _field_reasons(given, ga, gb, True)
    if family.kind == _EXACT and given.kind == _EXACT:
        reasons.insert(0, _(_R_SPELLING))
    return reasons


def _both_fields(
    family_a: _Name, family_b: _Name, given_a: _Name, given_b: _Name, abjad: bool
) -> tuple[_Field, _Field] | None:
    """Both fields compared, or ``None`` as soon as one falls below :data:`FIELD_MIN`."""
    family = _compare_field(family_a, family_b, abjad)
    if family.score < FIELD_MIN:
        return None
    given = _compare_field(given_a, given_b, abjad)
    if given.score < FIELD_MIN:
        return None
    return family, given


def _compare_names(a: PersonKey, b: PersonKey) -> _Names | None:
    fa, ga = _name(a.family_name), _name(a.given_name)
    fb, gb = _name(b.family_name), _name(b.given_name)
    if not (fa.tokens or ga.tokens) or not (fb.tokens or gb.tokens):
        return None
    abjad = fa.abjad or ga.abjad or fb.abjad or gb.abjad
    if not (fa.tokens and fb.tokens and ga.tokens and gb.tokens):
        return _compare_partial(fa, ga, fb, gb, abjad)

    best: _Names | None = None
    straight = _both_fields(fa, fb, ga, gb, abjad)
    if straight is not None:
        family, given = straight
        score = (family.score + given.score) / 2
        if score == 1.0:
            return _Names(1.0, (_(_R_SPELLING),))
        best = _Names(score, tuple(_pair_reasons(family, given, (fa, fb, ga, gb))))
        if score >= _SWAPPED:
            return best  # swapping cannot do better

    swapped = _both_fields(fa, gb, ga, fb, abjad)
    if swapped is not None:
        family, given = swapped
        score = (family.score + given.score) / 2 * _SWAPPED
        if best is None or score > best.score:
            reasons = [_(_R_SWAPPED), *_pair_reasons(family, given, (fa, gb, ga, fb))]
            best = _Names(score, tuple(dict.fromkeys(reasons)))

    bag_a, bag_b = fa.tokens + ga.tokens, fb.tokens + gb.tokens
    if best is None and min(len(bag_a), len(bag_b)) > 2:
        # Name parts moved between the fields: Omar | Ali Hassan and Hassan | Ali Omar.
        moved = _align(bag_a, bag_b, abjad)
        if moved.kind != _NONE and moved.score >= FIELD_MIN:
            reasons = [_(_R_SWAPPED)]
            if moved.extra:
                reasons.append(_(_R_EXTRA_PART))
            best = _Names(moved.score * _MOVED, tuple(reasons))
    return best


def _compare_partial(fa: _Name, ga: _Name, fb: _Name, gb: _Name, abjad: bool) -> _Names | None:
    """One side lacks a family or a given name (typing has just begun): compare the rest."""
    found: list[tuple[_Field, _Name, _Name, bool]] = []
    if fa.tokens and fb.tokens:
        found.append((_compare_field(fa, fb, abjad), fa, fb, False))
    if ga.tokens and gb.tokens:
        found.append((_compare_field(ga, gb, abjad), ga, gb, True))
    if not found or any(field.score < FIELD_MIN for field, *_rest in found):
        return None
    score = sum(field.score for field, *_rest in found) / len(found) * _ONE_FIELD
    reasons = [_(_R_ONE_FIELD)]
    for field, x, y, given in found:
        if field.kind == _EXACT:
            reasons.append(_(_R_SPELLING))
        reasons.extend(_field_reasons(field, x, y, given))
    return _Names(score, tuple(dict.fromkeys(reasons)))


# -- date of birth -------------------------------------------------------------------
def _partial(p: PersonKey, born: dt.date) -> bool:
    return p.birth_year_only or (born.month == 1 and born.day == 1)


def _year_evidence(years: int) -> tuple[float, float, str | None]:
    if years == 0:
        return _YEAR_SAME, 1.0, _R_YEAR_SAME
    if years == 1:
        return 1.0, _YEAR_CLOSE, _R_YEAR_CLOSE
    return 1.0, _DATE_CONFLICT, None


def _date_evidence(a: PersonKey, b: PersonKey) -> tuple[float, float, str | None]:
    """(factor for the gap to 1.0, multiplier, reason) from the two dates of birth."""
    da, db = a.birth_date, b.birth_date
    if da is None or db is None:
        return 1.0, 1.0, None
    if _partial(a, da) or _partial(b, db):
        return _year_evidence(abs(da.year - db.year))
    if da == db:
        return _FULL_DATE_SAME, 1.0, _R_DATE_SAME
    if da.year == db.year:
        swapped = da.day == db.month and da.month == db.day
        day_a, day_b = f"{da.day:02}{da.month:02}", f"{db.day:02}{db.month:02}"
        if swapped or damerau_levenshtein(day_a, day_b, 1) == 1:
            return _FULL_DATE_CLOSE, 1.0, _R_DATE_CLOSE  # typed wrongly, or US order
        return 1.0, _SAME_YEAR_OTHER_DAY, None
    if (da.month, da.day) == (db.month, db.day) and abs(da.year - db.year) == 1:
        return 1.0, _YEAR_CLOSE, _R_YEAR_CLOSE
    return 1.0, _DATE_CONFLICT, None


# -- public API ----------------------------------------------------------------------
def match(a: PersonKey, b: PersonKey) -> Match | None:
    """How likely ``a`` and ``b`` are the same person, or ``None`` below :data:`MIN_SCORE`.

    Symmetric: ``match(a, b)`` and ``match(b, a)`` give the same score.
    """
    gap, factor, date_reason = _date_evidence(a, b)
    if factor < MIN_SCORE:
        return None
    names = _compare_names(a, b)
    if names is None:
        return None
    score = (1.0 - (1.0 - names.score) * gap) * factor
    if score < MIN_SCORE:
        return None
    reasons = names.reasons if date_reason is None else (*names.reasons, _(date_reason))
    return Match(round(score, 4), tuple(dict.fromkeys(reasons)))


def rank(
    query: PersonKey, candidates: Iterable[tuple[K, PersonKey]], limit: int = 10
) -> list[tuple[K, Match]]:
    """The ``limit`` best matches for ``query`` among ``(id, person)`` pairs, best first.

    Candidates whose date of birth rules them out, or that share no
    :func:`blocking_keys` with the query, are skipped without scoring. Pass the whole
    client list or a pre-selection from storage. Ties keep the candidates' order.
    """
    keys = blocking_keys(query)
    hits: list[tuple[K, Match]] = []
    for ident, person in candidates:
        # Cheapest test first: birthdays years apart rule a candidate out before its names
        # are even prepared.
        if _date_evidence(query, person)[1] < MIN_SCORE:
            continue
        if keys.isdisjoint(blocking_keys(person)):
            continue
        found = match(query, person)
        if found is not None:
            hits.append((ident, found))
    hits.sort(key=lambda hit: hit[1].score, reverse=True)
    return hits[: max(limit, 0)]


def blocking_keys(p: PersonKey) -> frozenset[str]:
    """Short keys for pre-selecting candidates in storage; likely duplicates share one.

    One key per name token (family and given, so swapped names still meet) and per
    whole field (Abu Bakr/Abubakr): the first three consonants of the phonetic key,
    vowels, v/w and y/j left out, so transliteration variants (Mohammed/Muhammad/محمد,
    Olga/Olha, Yulia/Юлия) share a key. Store ``(client_id, key)`` rows with an index
    on ``key`` and load the clients that share any key with the query. The date of
    birth is not part of the keys. Keys are opaque and may change between releases:
    recompute them on upgrade.
    """
    return _blocking_keys(p.family_name, p.given_name)


@lru_cache(maxsize=1 << 16)
def _blocking_keys(family: str, given: str) -> frozenset[str]:
    keys: set[str] = set()
    for field in (_name(family), _name(given)):
        for text in {*field.tokens, field.joined}:
            if not text:
                continue
            token = token_info(text)
            keys.add(token.cons[:3] if token.cons else "~" + token.phon[:3])
    return frozenset(keys)


def evaluate(pairs: Iterable[tuple[PersonKey, PersonKey, bool]]) -> tuple[float, float]:
    """Precision and recall of :func:`match` on labelled pairs (``True``: same person)."""
    true_pos = false_pos = false_neg = 0
    for a, b, same in pairs:
        found = match(a, b) is not None
        if found and same:
            true_pos += 1
        elif found:
            false_pos += 1
        elif same:
            false_neg += 1
    precision = true_pos / (true_pos + false_pos) if true_pos + false_pos else 1.0
    recall = true_pos / (true_pos + false_neg) if true_pos + false_neg else 1.0
    return precision, recall
