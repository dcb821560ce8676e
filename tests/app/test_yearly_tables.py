"""Counting the yearly export from plain facts: the groups, the rules of who counts, the
shape every table keeps on any data, and the protection of the report as a whole."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.counselling import LIFE_AREAS, ContactForm
from app.domain.residence import StatusEntry, StatusTable
from app.domain.suppression import Item, determined
from app.domain.yearly_case_tables import count_tables
from app.domain.yearly_groups import (
    age_group,
    arrival_band,
    duration_band,
    language_group,
    nationality_group,
)
from app.domain.yearly_labels import label, table_title
from app.domain.yearly_report import CountTable
from app.domain.yearly_suppression import LINKS, suppress_report, suppress_table
from app.domain.yearly_tables import (
    BREAKDOWNS,
    CaseFact,
    ContactFact,
    GoalFact,
    PersonFact,
    ReferralFact,
    YearFacts,
)

D = dt.date
YEAR = 2025


def facts(
    contacts: list[ContactFact],
    cases: list[CaseFact] = (),  # type: ignore[assignment]
    persons: list[PersonFact] = (),  # type: ignore[assignment]
    statuses: dict[int, list[StatusEntry]] | None = None,
    goals: list[GoalFact] = (),  # type: ignore[assignment]
    referrals: list[ReferralFact] = (),  # type: ignore[assignment]
) -> YearFacts:
    return YearFacts(YEAR, persons, statuses or {}, contacts, cases, goals, referrals,
                     StatusTable(), 250, 75)  # fmt: skip


def contact(
    cid: int, day: dt.date, kind: str = "contact", family: int = 0, outcome: str | None = None
) -> ContactFact:
    return ContactFact(cid, day, kind, "phone", False, ("work",), family, outcome)


def by_key(data: YearFacts) -> dict[str, CountTable]:
    return {t.key: t for t in count_tables(data)}


def cell(table: CountTable, row: str, col: str) -> int | None:
    return table.cells[table.rows.index(row)][table.columns.index(col)]


def test_age_groups_by_the_age_reached_in_the_year() -> None:
    ages = {17: "under_18", 18: "18_26", 26: "18_26", 27: "27_44", 44: "27_44", 45: "45_64",
            64: "45_64", 65: "65_plus", 101: "65_plus"}  # fmt: skip
    for age, group in ages.items():
        assert age_group(YEAR - age, YEAR) == group, age
    assert age_group(None, YEAR) == age_group(YEAR + 1, YEAR) == "unknown"


def test_nationality_language_arrival_and_duration_groups() -> None:
    assert [nationality_group(c) for c in ("SYR", "syr ", "POL", "CHE", "USA", "XXA", "")] == [
        "SYR", "SYR", "eu", "eu", "other", "stateless_unknown", "stateless_unknown",
    ]  # fmt: skip
    assert [language_group(c) for c in ("AR", "fa", "sw", "")] == ["ar", "fa", "other", "unknown"]
    arrived = D(2022, 3, 1)
    assert arrival_band(arrived, D(2023, 2, 28)) == "under_1"
    assert arrival_band(arrived, D(2023, 3, 1)) == "1_3"
    assert arrival_band(arrived, D(2025, 3, 1)) == "1_3"  # three years to the day
    assert arrival_band(arrived, D(2025, 3, 2)) == "over_3"
    assert arrival_band(None, D(2025, 3, 2)) == arrival_band(D(2026, 1, 1), D(2025, 1, 1))
    start = D(2024, 1, 31)
    assert duration_band(start, D(2024, 7, 30)) == "under_6m"
    assert duration_band(start, D(2024, 7, 31)) == "6_12m"
    assert duration_band(start, D(2025, 1, 31)) == "12_24m"
    assert duration_band(start, D(2026, 1, 31)) == "24_36m"


def test_cases_on_the_edges_of_the_year() -> None:
    cases = [
        CaseFact(1, 1, D(2024, 3, 1), D(2025, 1, 1), "moved_away", None),  # ends on 1 Jan
        CaseFact(2, 2, D(2025, 12, 31), None, None, D(2025, 12, 31)),  # starts on 31 Dec
        CaseFact(3, 3, D(2024, 3, 1), D(2025, 12, 31), None, D(2024, 5, 1)),
        CaseFact(4, 4, D(2023, 3, 1), None, None, D(2026, 1, 2)),  # agreement later
    ]
    tables = by_key(facts([], cases))
    flow = tables["case_flow"]
    assert flow.cells == ((2, 1), (0, 1)) and flow.column_totals == (2, 2)
    assert tables["staffing"].cells[0] == (4,)
    assert tables["agreements"].cells == ((0, 1), (1, 0), (1, 1))
    closing = tables["case_closing"]
    assert cell(closing, "moved_away", "6_12m") == 1
    assert cell(closing, "other", "12_24m") == 1  # no reason recorded: counted as other
    assert tables["offers"].cells[3] == (4, 0)  # persons in a case, without contacts


def test_contacts_belong_to_the_offer_and_the_case_they_fall_in() -> None:
    case = CaseFact(1, 1, D(2025, 3, 1), D(2025, 6, 30), "referred", None)
    contacts = [
        contact(1, D(2025, 2, 28)),  # before the case: other
        contact(1, D(2025, 3, 1), family=2),  # first day: case
        contact(1, D(2025, 6, 30)),  # closing day: case
        contact(1, D(2025, 7, 1), family=4),  # after: other
        contact(2, D(2025, 1, 5), "initial", 1, "short"),
        contact(2, D(2025, 2, 5), "crisis"),
    ]
    tables = by_key(facts(contacts, [case]))
    assert tables["contacts"].cells[1] == (1, 0, 1, 2, 2)  # phone: by offer
    offers = tables["offers"]
    # person 2 used short counselling through the outcome of the initial consultation
    assert [row[0] for row in offers.cells] == [1, 1, 1, 1, 1]
    # family: the most at one contact of each offer, summed over persons
    assert [row[1] for row in offers.cells] == [1, 0, 0, 2, 4]
    assert offers.column_totals == (2, 5)  # person 1: four at most, person 2: one
    sex = tables["sex"]
    assert sex.column_totals == (1, 1, 0, 0)  # main offers: case, then crisis over short


def test_status_and_arrival_on_the_reference_day() -> None:
    persons = [PersonFact(1, "f", 1990, "SYR", "ar", D(2022, 6, 1)),
               PersonFact(2, "x", None, "", "", None)]  # fmt: skip
    history = {1: [StatusEntry("gest", D(2022, 6, 1)), StatusEntry("h25_2", D(2025, 8, 1)),
                   StatusEntry("dul", D(2025, 11, 1))]}  # fmt: skip
    contacts = [contact(1, D(2025, 5, 5)), contact(1, D(2025, 9, 9)), contact(2, D(2025, 1, 2))]
    tables = by_key(facts(contacts, persons=persons, statuses=history))
    # person 1's last contact was in September: the status then, not the Duldung later
    assert cell(tables["status_class"], "permanent", "other") == 1
    assert cell(tables["status_class"], "unknown", "other") == 1
    assert cell(tables["arrival"], "over_3", "other") == 1  # 2022-06-01 to 2025-09-09
    assert cell(tables["sex"], "u", "other") == 1  # an unknown code counts as no answer
    assert cell(tables["age_group"], "unknown", "other") == 1


def test_goals_and_their_reasons() -> None:
    cases = [CaseFact(1, 1, D(2025, 1, 1), None, None, None)]
    goals = [
        GoalFact(1, "work", "reached", None),
        GoalFact(1, "work", "partly", "health"),
        GoalFact(1, "housing", "dropped", None),  # legacy: no reason recorded
        GoalFact(1, "housing", None, None),
        GoalFact(1, "astrology", "reached", None),  # outside the list: not counted
    ]
    tables = by_key(facts([], cases, goals=goals))
    assert tables["goals"].column_totals == (1, 1, 0, 1, 1)
    assert cell(tables["goal_reasons"], "health", "partly") == 1
    assert cell(tables["goal_reasons"], "other", "dropped") == 1


def test_every_table_and_code_has_a_title_and_a_label() -> None:
    for table in count_tables(facts([contact(1, D(2025, 1, 1))])):
        assert table_title(table.key) != table.key
        for code in (*table.rows, *table.columns):
            assert label(table.key, code) not in ("", code), (table.key, code)
    assert label("quality", "interpreter_access") == "Zugang zu Sprachmittlung"
    assert label("quality", "volunteers") == "ehrenamtliche Sprachmittlung"
    assert label("nowhere", "x") == "x" and table_title("nowhere") == "nowhere"


days = st.dates(D(2024, 6, 1), D(2026, 3, 1))
contacts_st = st.builds(
    ContactFact,
    st.integers(1, 12),
    days.filter(lambda d: d.year == YEAR),
    st.sampled_from(["initial", "short", "crisis", "contact"]),
    st.sampled_from([f.value for f in ContactForm]),
    st.booleans(),
    st.lists(st.sampled_from(list(LIFE_AREAS)), max_size=3, unique=True).map(tuple),
    st.integers(0, 3),
    st.sampled_from([None, "short", "crisis", "case", "referral"]),
)


@st.composite
def year_facts(draw: st.DrawFn) -> YearFacts:
    cases = []
    for n, client in enumerate(draw(st.lists(st.integers(1, 12), max_size=8, unique=True))):
        start = draw(st.dates(D(2022, 6, 1), D(2025, 12, 31)))
        closed = draw(st.none() | st.dates(max(start, D(2025, 1, 1)), D(2026, 6, 1)))
        reason = draw(st.sampled_from([None, "goals_reached", "referred", "other"]))
        cases.append(CaseFact(n, client, start, closed, reason, draw(st.none() | days)))
    goals = [
        GoalFact(draw(st.sampled_from([c.id for c in cases])), draw(st.sampled_from(["work",
                 "health"])), draw(st.sampled_from([None, "reached", "partly", "dropped"])),
                 draw(st.sampled_from([None, "health"])))
        for _ in range(draw(st.integers(0, 6) if cases else st.just(0)))
    ]  # fmt: skip
    persons = [
        PersonFact(cid, draw(st.sampled_from("fmdu")), draw(st.none() | st.integers(1940, 2020)),
                   draw(st.sampled_from(["SYR", "POL", "", "USA"])),
                   draw(st.sampled_from(["ar", "", "sw"])), draw(st.none() | days))
        for cid in range(1, 13)
    ]  # fmt: skip
    return facts(draw(st.lists(contacts_st, max_size=30)), cases, persons, goals=goals)


def _check_shape(table: CountTable) -> None:
    cells, rows = table.cells, range(len(table.rows))
    assert table.row_totals == tuple(sum(row) for row in cells), table.key
    columns = [[row[j] for row in cells] for j in range(len(table.columns))]
    if table.additive:
        assert table.column_totals == tuple(map(sum, columns)), table.key
        assert table.total == sum(table.row_totals)
        return
    assert table.total == sum(table.column_totals)
    if table.key != "staffing":  # independent figures, not persons in rows
        for column, top in zip(columns, table.column_totals, strict=True):
            assert max(column) <= top <= sum(column), table.key
    assert all(v >= 0 for i in rows for v in cells[i])


@settings(max_examples=60, deadline=None)
@given(year_facts())
def test_tables_keep_their_shape_on_any_data(data: YearFacts) -> None:
    tables = by_key(data)
    for table in tables.values():
        _check_shape(table)
    persons = tables["offers"].column_totals[0]
    for key in (*BREAKDOWNS, "life_areas"):
        assert tables[key].column_totals == tables["sex"].column_totals
        assert tables[key].total == persons
    assert tables["case_flow"].total == len(data.cases) == tables["agreements"].total
    assert tables["contacts"].total == len(data.contacts)


def _hidden(table: CountTable) -> list[Item]:
    return [
        *(("cell", i, j) for i, r in enumerate(table.cells) for j, v in enumerate(r) if v is None),
        *(("row", i, 0) for i, v in enumerate(table.row_totals) if v is None),
        *(("col", 0, j) for j, v in enumerate(table.column_totals) if v is None),
        *((("all", 0, 0),) if table.total is None else ()),
    ]


@settings(max_examples=40, deadline=None)
@given(year_facts(), st.integers(2, 6))
def test_the_protected_report_publishes_nothing_small_or_recomputable(
    data: YearFacts, threshold: int
) -> None:
    raw = by_key(data)
    shown = {t.key: t for t in suppress_report(tuple(raw.values()), threshold)}
    for key, table in shown.items():
        values = [*(v for r in table.cells for v in r), *table.row_totals,
                  *table.column_totals, table.total]  # fmt: skip
        assert all(v is None or v >= threshold for v in values), key
        if table.additive:
            counts = [list(row) for row in raw[key].cells]
            assert determined(_hidden(table), counts) == [], key  # type: ignore[arg-type]
    for link in LINKS:
        states = {_value_of(shown[key], item) is None for key, item in link}
        assert len(states) == 1, link


def _value_of(table: CountTable, item: Item) -> int | None:
    kind, i, j = item
    if kind == "cell":
        return table.cells[i][j]
    if kind == "row":
        return table.row_totals[i]
    return table.column_totals[j] if kind == "col" else table.total


def test_a_figure_hidden_in_one_table_is_hidden_in_all() -> None:
    """Persons in a case: 3 in ``staffing`` (hidden), 30 in ``sex`` (would be published
    alone); the sex table is then protected again with that total hidden."""
    staffing = CountTable("staffing", ("persons_in_case_management", "posts_hundredths",
                          "staffing_key"), ("value",), ((3,), (250,), (75,)), (3, 250, 75),
                          (3,), 3, additive=False)  # fmt: skip
    counts = ((20, 30, 10, 10), (10, 20, 10, 10), (0, 0, 0, 0), (0, 0, 0, 0))
    sex = CountTable("sex", ("f", "m", "d", "u"), ("case", "crisis", "short", "other"), counts,
                     tuple(map(sum, counts)), (30, 50, 20, 20), 120)  # fmt: skip
    alone = suppress_table(sex, 5)
    assert alone.column_totals[0] == 30
    both = {t.key: t for t in suppress_report((staffing, sex), 5)}
    assert both["staffing"].cells[0] == (None,) and both["staffing"].cells[1] == (250,)
    assert both["sex"].column_totals[0] is None
    assert determined(_hidden(both["sex"]), [list(r) for r in counts]) == []
