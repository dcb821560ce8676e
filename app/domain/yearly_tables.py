"""Counting the yearly export from plain facts: persons, contacts, cases, goals.

Who counts in reporting year Y
------------------------------
- A **person** counts when they had at least one counselling contact dated in Y, or a
  case of integration support *running* in Y: started on or before 31 December and not
  closed before 1 January. Anonymised records count like any other (what is counted
  survives anonymisation). Family members counselled along are not persons here; they
  are counted beside them (table ``offers``).
- A **contact** counts when dated in Y. It belongs to the offer of its kind; a plain
  contact (kind ``contact``) to integration support when it falls inside one of the
  client's cases (start to closing day), else to ``other``.
- A person **uses an offer** in Y: the initial consultation with an initial
  consultation in Y; short or crisis counselling with such a contact in Y or an initial
  consultation in Y with that outcome; integration support with a case running in Y
  (the staffing key's definition, ``app.domain.caseload``); ``other`` with a plain
  contact outside any case. A person may use several offers.
- Each person has one **main offer** (the breakdowns' columns): integration support if a
  case ran in Y, else crisis counselling, else short counselling, else ``other``
  (initial consultation only, e.g. referred on, or plain contacts).
- A person's **reference day** is the later of their last contact in Y and, for each
  case running in Y, its closing day or 31 December if it runs on. Residence status
  and time since arrival are taken on that day; age is the age reached in Y (year
  minus year of birth).

Cases, goals and referrals are counted in ``app.domain.yearly_case_tables``, whose
``count_tables`` assembles every table of the report in order.

Non-additive tables (``additive=False``: ``offers``, ``life_areas``) follow one rule:
each row adds up to its row total and the column totals add up to the grand total, but
a column's cells do not add up to its total, because a person counts in several rows;
no cell exceeds its column total and every counted person is in at least one row.
Suppression relies on exactly this (``app.domain.suppression_overlap``). The one
exception is ``staffing``: three independent figures (persons in integration support,
posts in hundredths, the staffing key) whose totals repeat the persons.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from app.domain.client import SEXES
from app.domain.counselling import LIFE_AREAS, ContactForm
from app.domain.eligibility import Offer
from app.domain.residence import StatusEntry, StatusTable, TargetGroupClass, status_on
from app.domain.yearly_groups import (
    AGE_GROUPS,
    ARRIVAL_BANDS,
    INTERPRETER,
    LANGUAGE_GROUPS,
    NATIONALITY_GROUPS,
    age_group,
    arrival_band,
    language_group,
    nationality_group,
)
from app.domain.yearly_report import CountTable

# Rows of ``offers``, columns of ``contacts``: the offer a contact or use belongs to.
OFFERS = ("initial", "short", "crisis", "case", "other")
# Columns of the breakdowns: each person's main offer.
MAIN_OFFERS = ("case", "crisis", "short", "other")
NO_AREA = "none"


class PersonFact(NamedTuple):
    client_id: int
    sex: str
    birth_year: int | None
    nationality: str
    language: str
    arrival: dt.date | None


class ContactFact(NamedTuple):
    client_id: int
    date: dt.date
    kind: str  # ContactKind value
    form: str  # ContactForm value
    interpreter: bool
    life_areas: tuple[str, ...]
    family_present: int
    outcome: str | None  # Offer value, initial consultations only


class CaseFact(NamedTuple):
    id: int
    client_id: int
    start: dt.date
    closed_on: dt.date | None
    closing_reason: str | None
    agreement_on: dt.date | None  # the first integration agreement printed


class GoalFact(NamedTuple):
    case_id: int
    life_area: str
    rating: str | None
    reason: str | None


class ReferralFact(NamedTuple):
    date: dt.date
    partner_kind: str


@dataclass(frozen=True)
class YearFacts:
    """Everything counted for one year. ``contacts``: those dated in the year; ``cases``:
    those running in it; ``goals``: those of these cases; ``referrals``: those dated in
    the year; ``persons``: at least everyone these refer to."""

    year: int
    persons: Sequence[PersonFact]
    statuses: Mapping[int, Sequence[StatusEntry]]  # client id -> dated history
    contacts: Sequence[ContactFact]
    cases: Sequence[CaseFact]
    goals: Sequence[GoalFact]
    referrals: Sequence[ReferralFact]
    status_table: StatusTable
    posts_hundredths: int  # full-time posts x 100
    staffing_key: int

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, 1, 1)

    @property
    def last_day(self) -> dt.date:
        return dt.date(self.year, 12, 31)


class _Usage:
    """What one person did in the year."""

    __slots__ = ("areas", "family", "family_all", "interpreter", "last_day", "offers")

    def __init__(self) -> None:
        self.offers: set[str] = set()
        self.family: dict[str, int] = {}
        self.family_all = 0
        self.interpreter = False
        self.areas: set[str] = set()
        self.last_day: dt.date | None = None

    def see(self, day: dt.date) -> None:
        if self.last_day is None or day > self.last_day:
            self.last_day = day

    @property
    def main_offer(self) -> str:
        return next((o for o in MAIN_OFFERS[:3] if o in self.offers), "other")


@dataclass(frozen=True)
class Person:
    """A counted person with the groups they fall into."""

    usage: _Usage
    main_offer: str
    groups: Mapping[str, str]  # breakdown table key -> row code


def case_spans(facts: YearFacts) -> dict[int, list[tuple[dt.date, dt.date | None]]]:
    spans: dict[int, list[tuple[dt.date, dt.date | None]]] = {}
    for case in facts.cases:
        spans.setdefault(case.client_id, []).append((case.start, case.closed_on))
    return spans


_OWN_OFFER = frozenset({"initial", "short", "crisis"})
_OUTCOME_OFFERS = {Offer.SHORT.value: "short", Offer.CRISIS.value: "crisis"}


def contact_offers(facts: YearFacts) -> list[str]:
    """The offer each contact of ``facts.contacts`` belongs to, in the same order."""
    spans = case_spans(facts)
    found = []
    for c in facts.contacts:
        if c.kind in _OWN_OFFER:
            found.append(c.kind)
            continue
        offer = "other"
        for start, end in spans.get(c.client_id, ()):
            if start <= c.date and (end is None or c.date <= end):
                offer = "case"
                break
        found.append(offer)
    return found


def usage_by_person(facts: YearFacts, offers: Sequence[str]) -> dict[int, _Usage]:
    usage: dict[int, _Usage] = {}
    for c, offer in zip(facts.contacts, offers, strict=True):
        use = usage.get(c.client_id)
        if use is None:
            use = usage[c.client_id] = _Usage()
        use.offers.add(offer)
        if c.outcome in _OUTCOME_OFFERS:
            use.offers.add(_OUTCOME_OFFERS[c.outcome])
        if c.family_present:
            if c.family_present > use.family.get(offer, 0):
                use.family[offer] = c.family_present
            use.family_all = max(use.family_all, c.family_present)
        if c.interpreter:
            use.interpreter = True
        if c.life_areas:
            use.areas.update(c.life_areas)
        if use.last_day is None or c.date > use.last_day:
            use.last_day = c.date
    for case in facts.cases:
        use = usage.setdefault(case.client_id, _Usage())
        use.offers.add("case")
        end = case.closed_on if case.closed_on is not None else facts.last_day
        use.see(min(end, facts.last_day))
    return usage


def persons(facts: YearFacts, offers: Sequence[str]) -> list[Person]:
    """Every person counted in the year, with their groups (``offers``: of the contacts)."""
    known = {p.client_id: p for p in facts.persons}
    counted = []
    for client_id, use in sorted(usage_by_person(facts, offers).items()):
        fact = known.get(client_id) or PersonFact(client_id, "u", None, "", "", None)
        day = use.last_day or facts.last_day
        status = status_on(facts.statuses.get(client_id, ()), day)
        cls = facts.status_table.classify(status.code) if status else TargetGroupClass.UNKNOWN
        groups = {
            "sex": fact.sex if fact.sex in SEXES else "u",
            "age_group": age_group(fact.birth_year, facts.year),
            "nationality": nationality_group(fact.nationality),
            "status_class": cls.value,
            "arrival": arrival_band(fact.arrival, day),
            "language": language_group(fact.language),
            "interpreter": "yes" if use.interpreter else "no",
        }
        counted.append(Person(use, use.main_offer, groups))
    return counted


BREAKDOWNS: dict[str, tuple[str, ...]] = {
    "sex": SEXES,
    "age_group": tuple(AGE_GROUPS),
    "nationality": tuple(NATIONALITY_GROUPS),
    "status_class": tuple(c.value for c in TargetGroupClass),
    "arrival": tuple(ARRIVAL_BANDS),
    "language": tuple(LANGUAGE_GROUPS),
    "interpreter": tuple(INTERPRETER),
}


def additive_table(
    key: str, rows: Sequence[str], columns: Sequence[str], counts: Sequence[Sequence[int]]
) -> CountTable:
    """A table whose totals are the sums of its cells."""
    cells = tuple(tuple(row) for row in counts)
    return CountTable(
        key=key,
        rows=tuple(rows),
        columns=tuple(columns),
        cells=cells,
        row_totals=tuple(sum(row) for row in cells),
        column_totals=tuple(sum(row[j] for row in cells) for j in range(len(columns))),
        total=sum(map(sum, cells)),
    )


def grid(rows: Sequence[str], columns: Sequence[str]) -> list[list[int]]:
    return [[0] * len(columns) for _ in rows]


def breakdown_tables(people: Sequence[Person]) -> list[CountTable]:
    column = {offer: j for j, offer in enumerate(MAIN_OFFERS)}
    tables = []
    for key, codes in BREAKDOWNS.items():
        counts = grid(codes, MAIN_OFFERS)
        row = {code: i for i, code in enumerate(codes)}
        for person in people:
            counts[row[person.groups[key]]][column[person.main_offer]] += 1
        tables.append(additive_table(key, codes, MAIN_OFFERS, counts))
    return tables


def offers_table(people: Sequence[Person]) -> CountTable:
    """Persons by offer used, and family members counselled along (per person the most
    present at one contact of that offer; column total: the most at any contact)."""
    counts = grid(OFFERS, ("clients", "family_members"))
    family_total = 0
    for person in people:
        use = person.usage
        for i, offer in enumerate(OFFERS):
            if offer in use.offers:
                counts[i][0] += 1
                counts[i][1] += use.family.get(offer, 0)
        family_total += use.family_all
    cells = tuple(tuple(row) for row in counts)
    columns = (len(people), family_total)
    return CountTable(
        "offers", OFFERS, ("clients", "family_members"), cells,
        tuple(sum(row) for row in cells), columns, sum(columns), additive=False,
    )  # fmt: skip


def life_areas_table(people: Sequence[Person]) -> CountTable:
    """Persons by life area touched in the year's contacts (several per person) and main
    offer; ``none``: persons whose contacts named no life area (or who had none)."""
    rows = (*LIFE_AREAS, NO_AREA)
    row = {code: i for i, code in enumerate(rows)}
    column = {offer: j for j, offer in enumerate(MAIN_OFFERS)}
    counts = grid(rows, MAIN_OFFERS)
    by_offer = [0] * len(MAIN_OFFERS)
    for person in people:
        j = column[person.main_offer]
        by_offer[j] += 1
        areas = [a for a in person.usage.areas if a in row] or [NO_AREA]
        for area in areas:
            counts[row[area]][j] += 1
    cells = tuple(tuple(r) for r in counts)
    return CountTable(
        "life_areas", rows, MAIN_OFFERS, cells, tuple(sum(r) for r in cells),
        tuple(by_offer), sum(by_offer), additive=False,
    )  # fmt: skip


def contact_tables(facts: YearFacts, offers: Sequence[str]) -> list[CountTable]:
    """Contacts by form and offer; initial consultations by their outcome."""
    forms = tuple(f.value for f in ContactForm)
    form_row = {code: i for i, code in enumerate(forms)}
    offer_col = {code: j for j, code in enumerate(OFFERS)}
    outcomes = tuple(o.value for o in Offer)
    outcome_row = {code: i for i, code in enumerate(outcomes)}
    by_form = grid(forms, OFFERS)
    by_outcome = grid(outcomes, ("consultations",))
    for c, offer in zip(facts.contacts, offers, strict=True):
        if c.form in form_row:
            by_form[form_row[c.form]][offer_col[offer]] += 1
        if c.kind == "initial" and c.outcome in outcome_row:
            by_outcome[outcome_row[c.outcome]][0] += 1
    return [
        additive_table("contacts", forms, OFFERS, by_form),
        additive_table("initial_outcomes", outcomes, ("consultations",), by_outcome),
    ]


def person_tables(facts: YearFacts) -> list[CountTable]:
    offers = contact_offers(facts)
    people = persons(facts, offers)
    return [
        offers_table(people),
        *breakdown_tables(people),
        life_areas_table(people),
        *contact_tables(facts, offers),
    ]
