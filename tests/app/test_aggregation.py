"""Summing the offices' tables per district and in total, and suppressing the sums again:
what is published is true or a true lower bound, and protected as an office protects."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.suppression_overlap import suppress_overlapping
from app.domain.yearly_report import CountTable, YearlyReport
from app.domain.yearly_suppression import suppress_report
from app.export.aggregation import (
    AggregateTable,
    Figure,
    aggregate,
    resuppress,
    sum_reports,
    sum_table,
)
from app.export.report_shape import canonical_tables
from tests.app.office_files import YEAR, Named, flat, random_report


# -- summing ------------------------------------------------------------------------
def count_tables(rows: int, cols: int) -> st.SearchStrategy[CountTable]:
    value = st.one_of(st.none(), st.integers(0, 500))
    line = st.lists(value, min_size=cols, max_size=cols)
    return st.builds(
        lambda cells, rt, ct, total: CountTable(
            "t", tuple(f"r{i}" for i in range(rows)), tuple(f"c{j}" for j in range(cols)),
            tuple(map(tuple, cells)), tuple(rt), tuple(ct), total,
        ),
        st.lists(line, min_size=rows, max_size=rows),
        st.lists(value, min_size=rows, max_size=rows),
        st.lists(value, min_size=cols, max_size=cols),
        value,
    )  # fmt: skip


def true_and_published(rows: int, cols: int) -> st.SearchStrategy[tuple[CountTable, CountTable]]:
    """An additive table as counted, and the same with some figures hidden at random."""

    def build(counts: list[list[int]], mask: list[bool]) -> tuple[CountTable, CountTable]:
        true = CountTable(
            "t", tuple(f"r{i}" for i in range(rows)), tuple(f"c{j}" for j in range(cols)),
            tuple(map(tuple, counts)), tuple(map(sum, counts)),
            tuple(map(sum, zip(*counts, strict=True))), sum(map(sum, counts)),
        )  # fmt: skip
        hide = iter(mask)
        cells = tuple(tuple(None if next(hide) else v for v in row) for row in true.cells)
        row_totals = tuple(None if next(hide) else v for v in true.row_totals)
        column_totals = tuple(None if next(hide) else v for v in true.column_totals)
        total = None if next(hide) else true.total
        return true, replace(
            true, cells=cells, row_totals=row_totals, column_totals=column_totals, total=total
        )

    counts = st.lists(
        st.lists(st.integers(0, 500), min_size=cols, max_size=cols), min_size=rows, max_size=rows
    )
    size = rows * cols + rows + cols + 1
    return st.builds(build, counts, st.lists(st.booleans(), min_size=size, max_size=size))


@settings(max_examples=80, deadline=None)
@given(st.lists(true_and_published(3, 2), min_size=1, max_size=8))
def test_every_figure_is_the_true_sum_or_a_lower_bound_of_it(
    pairs: list[tuple[CountTable, CountTable]],
) -> None:
    """Cells: the sum of what the offices published. Every figure lies between that sum
    and the true sum, and equals the true sum exactly when every office published it."""
    summed = sum_table("t", [published for _true, published in pairs])
    true_sum = sum_table("t", [true for true, _published in pairs])
    for got, exact in zip(flat(summed), flat(true_sum), strict=True):
        assert exact.complete and got.value <= exact.value
        if got.complete:
            assert got.value == exact.value
    for i in range(3):
        for j in range(2):
            values = [p.cells[i][j] for _t, p in pairs]
            assert summed.cells[i][j] == Figure(sum(v or 0 for v in values), None not in values)
    published_totals = [p.total for _t, p in pairs]
    assert summed.total.value >= sum(v or 0 for v in published_totals)
    assert summed.total.complete == (None not in published_totals)
    assert summed.contributors == len(pairs)


def test_a_hidden_total_counts_with_what_its_parts_show() -> None:
    cells = ((7, None), (9, 8))
    additive = CountTable("t", ("a", "b"), ("x", "y"), cells, (None, 17), (16, None), None)
    summed = sum_table("t", [additive])
    assert summed.row_totals[0] == Figure(7, complete=False)
    assert summed.column_totals[1] == Figure(8, complete=False)
    assert summed.total == Figure(24, complete=False)  # max(7 + 17, 16 + 8)
    overlapping = replace(additive, additive=False)
    summed = sum_table("t", [overlapping])
    assert summed.column_totals[1] == Figure(8, complete=False)  # at least its largest cell
    assert summed.total == Figure(24, complete=False)  # the column totals add up


def test_codes_an_office_lacks_count_as_zero() -> None:
    a = CountTable("t", ("x",), ("m",), ((7,),), (7,), (7,), 7)
    b = CountTable("t", ("y", "x"), ("f", "m"), ((5, 6), (8, 9)), (11, 17), (13, 15), 28)
    summed = sum_table("t", [a, b])
    assert (summed.rows, summed.columns) == (("x", "y"), ("m", "f"))
    assert [[f.value for f in row] for row in summed.cells] == [[16, 8], [6, 5]]
    assert summed.total == Figure(35)


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 10_000))
def test_aggregate_per_district_and_in_total_sums_the_inputs(seed: int) -> None:
    rng = random.Random(seed)
    districts = ["KI", "PLÖ", "FL"]
    offices = [make_office_cheap(n, rng.choice(districts)) for n in range(rng.randint(1, 7))]
    reports = [random_report(o, rng) for o in offices]
    result = aggregate(reports, YEAR, threshold=1)  # threshold 1: only zeros hide
    groups = {"": reports} | {
        code: [r for r in reports if r.district == code] for code, _n in result.offices_per_district
    }
    published = {"": result.total, **dict(result.districts)}
    for area, members in groups.items():
        for table in published[area]:
            raw = sum_table(table.key, [t for r in members for t in r.tables if t.key == table.key])
            for got, want in zip(flat(table), flat(raw), strict=True):
                assert (got.value, got.complete) == (want.value, want.complete)
                assert not got.shown or got.value >= 1


def make_office_cheap(number: int, district: str) -> Named:
    return Named(f"o{number}", f"MBE {number}", district)  # reports only: no seal needed


# -- re-suppression -----------------------------------------------------------------
@settings(max_examples=10, deadline=None)
@given(st.integers(0, 10_000))
def test_complete_reports_are_suppressed_exactly_as_an_office_would(seed: int) -> None:
    """Two offices that published everything: the state publishes what one office with
    the summed counts would publish, links between tables included."""
    rng = random.Random(seed)
    raw = [unsuppressed_report(make_office_cheap(n, "KI"), rng) for n in range(2)]
    result = aggregate(raw, YEAR, threshold=5)
    summed = [added(a, b) for a, b in zip(raw[0].tables, raw[1].tables, strict=True)]
    staffing = next(i for i, t in enumerate(summed) if t.key == "staffing")
    summed[staffing] = result_staffing_input(result.total[staffing])
    reference = suppress_report(summed, 5)
    for got, want in zip(result.total, reference, strict=True):
        assert shown_values(got) == published_values(want), got.key


def added(a: CountTable, b: CountTable) -> CountTable:
    def plus(x: Sequence[int | None], y: Sequence[int | None]) -> tuple[int, ...]:
        return tuple((u or 0) + (v or 0) for u, v in zip(x, y, strict=True))

    return replace(
        a,
        cells=tuple(plus(r, q) for r, q in zip(a.cells, b.cells, strict=True)),
        row_totals=plus(a.row_totals, b.row_totals),
        column_totals=plus(a.column_totals, b.column_totals),
        total=(a.total or 0) + (b.total or 0),
    )


def result_staffing_input(table: AggregateTable) -> CountTable:
    values = tuple(row[0].value for row in table.cells)
    return CountTable(
        table.key, table.rows, table.columns, tuple((v,) for v in values), values,
        (values[0],), values[0], False,
    )  # fmt: skip


def shown_values(table: AggregateTable) -> list[int | None]:
    return [f.value if f.shown else None for f in flat(table)]


def published_values(table: CountTable) -> list[int | None]:
    cells = [v for row in table.cells for v in row]
    return [*cells, *table.row_totals, *table.column_totals, table.total]


def unsuppressed_report(office: Named, rng: random.Random) -> YearlyReport:
    """Like an office's report, but with nothing hidden (threshold 0)."""
    return random_report(office, rng, threshold=0)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 30), min_size=2, max_size=5), st.integers(0, 1000))
def test_complete_multiple_answers_are_suppressed_as_an_office_would(
    areas: list[int], pick: int
) -> None:
    persons = max(areas) + pick % (sum(areas) - max(areas) + 1)
    rows = tuple(f"a{i}" for i in range(len(areas)))
    cells = tuple((v,) for v in areas)
    table = CountTable("t", rows, ("p",), cells, tuple(areas), (persons,), persons, False)
    (both,) = resuppress([sum_table("t", [table, table])], [], 5)
    doubled = [2 * v for v in areas]
    reference = suppress_overlapping([[v] for v in doubled], doubled, [2 * persons], 2 * persons, 5)
    assert [[f.value if f.shown else None for f in row] for row in both.cells] == [
        list(row) for row in reference.cells
    ]
    assert (both.total.value if both.total.shown else None) == reference.total


@settings(max_examples=40, deadline=None)
@given(st.lists(count_tables(3, 2), min_size=1, max_size=4), st.integers(1, 12))
def test_nothing_below_the_threshold_is_shown(tables: list[CountTable], threshold: int) -> None:
    for additive in (True, False):
        parts = [replace(t, additive=additive) for t in tables]
        (result,) = resuppress([sum_table("t", parts)], [], threshold)
        assert all(f.value >= threshold for f in flat(result) if f.shown)


def test_one_office_keeps_its_own_pattern() -> None:
    rng = random.Random(4)
    report = random_report(make_office_cheap(1, "KI"), rng)
    result = aggregate([report], YEAR, threshold=report.threshold)
    for table, office_table in zip(result.total, report.tables, strict=True):
        assert shown_values(table) == published_values(office_table), table.key


def test_a_higher_coordinator_threshold_hides_more() -> None:
    table = CountTable("t", ("a", "b"), ("x",), ((6,), (40,)), (6, 40), (46,), 46)
    (low,) = resuppress([sum_table("t", [table])], [], 5)
    (high,) = resuppress([sum_table("t", [table])], [], 10)
    assert low.cells[0][0].shown and not high.cells[0][0].shown
    assert not high.cells[1][0].shown  # else 46 - 40 gives the 6 away


def test_sum_reports_keeps_the_order_of_tables() -> None:
    rng = random.Random(1)
    reports = [random_report(make_office_cheap(n, "KI"), rng) for n in range(2)]
    assert [t.key for t in sum_reports(reports)] == [t.key for t in canonical_tables()]
