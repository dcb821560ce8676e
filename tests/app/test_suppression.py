"""Suppression: nothing published below the threshold, and no hidden count can be worked
out from what is published — checked by brute force, independently of the algorithm."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.suppression import SuppressedTable, suppress

THRESHOLD = 3


def tables(max_rows: int, max_cols: int, top: int) -> st.SearchStrategy[list[list[int]]]:
    return st.integers(1, max_rows).flatmap(
        lambda r: st.integers(1, max_cols).flatmap(
            lambda c: st.lists(
                st.lists(st.integers(0, top), min_size=c, max_size=c), min_size=r, max_size=r
            )
        )
    )


def consistent(candidate: list[list[int]], shown: SuppressedTable) -> bool:
    """Could ``candidate`` be the office's table, given everything published?"""
    for i, row in enumerate(candidate):
        if shown.row_totals[i] not in (None, sum(row)):
            return False
        for j, value in enumerate(row):
            if shown.cells[i][j] not in (None, value):
                return False
    for j in range(len(candidate[0])):
        if shown.col_totals[j] not in (None, sum(row[j] for row in candidate)):
            return False
    return shown.total in (None, sum(map(sum, candidate)))


def possible_values(shown: SuppressedTable, top: int) -> dict[tuple[int, int], set[int]]:
    """Every value each hidden cell takes in some table consistent with what is published
    (cells from 0 to ``top``; the hidden cells are enumerated exhaustively)."""
    hidden = [(i, j) for i, row in enumerate(shown.cells) for j, v in enumerate(row) if v is None]
    seen: dict[tuple[int, int], set[int]] = {cell: set() for cell in hidden}
    base = [[v if v is not None else 0 for v in row] for row in shown.cells]
    for values in itertools.product(range(top + 1), repeat=len(hidden)):
        for (i, j), v in zip(hidden, values, strict=True):
            base[i][j] = v
        if consistent(base, shown):
            for cell, v in zip(hidden, values, strict=True):
                seen[cell].add(v)
    return seen


def test_zeros_given_away_by_a_total_are_protected() -> None:
    shown = suppress([[0, 0, 3]], 3)  # equations alone would leave the zeros open
    assert shown.cells[0].count(None) == 3 or shown.row_totals[0] is None


def test_a_small_cell_hides_a_rectangle() -> None:
    shown = suppress([[10, 2], [8, 9]], 5)
    assert shown.cells == ((None, None), (None, None))
    assert (shown.row_totals, shown.col_totals, shown.total) == ((12, 17), (18, 11), 29)
    assert suppress([[10, 20], [8, 9]], 5).cells == ((10, 20), (8, 9))


@settings(max_examples=40, deadline=None)
@given(tables(4, 3, 30), st.integers(1, 10))
def test_nothing_below_the_threshold_is_published(table: list[list[int]], threshold: int) -> None:
    shown = suppress(table, threshold)
    assert all(v >= threshold for v in shown.published)
    for i, row in enumerate(table):  # what is published is true
        assert all(s in (None, v) for s, v in zip(shown.cells[i], row, strict=True))


@settings(max_examples=40, deadline=None)
@given(tables(2, 3, 4))
def test_no_hidden_cell_can_be_worked_out(table: list[list[int]]) -> None:
    shown = suppress(table, THRESHOLD)
    top = 8  # room for tables other than the true one (cells here are at most 4)
    for cell, values in possible_values(shown, top).items():
        assert table[cell[0]][cell[1]] in values
        assert len(values) >= 2, (table, shown, cell)


def test_the_simplex_finds_the_least_and_greatest_value() -> None:
    from tests.app.lp_simplex import lp_min

    # x + y = 3, y + z = 2 (x, y, z >= 0): z lies between 0 and 2, x between 1 and 3
    a, b = [[1, 1, 0], [0, 1, 1]], [3, 2]
    assert lp_min(a, b, [0, 0, 1]) == 0 and lp_min(a, b, [0, 0, -1]) == -2
    assert lp_min(a, b, [1, 0, 0]) == 1 and lp_min(a, b, [-1, 0, 0]) == -3
    assert lp_min([[1, -1]], [0], [-1, 0]) is None  # x = y: no upper bound
    assert lp_min([[1, 1], [2, 2]], [3, 6], [-1, 0]) == -3  # a redundant equation


# ---- the graph check against linear programming, and the secondary search ----------------

Item = tuple[str, int, int]


def _lp_determined(hidden: list[Item], table: list[list[int]]) -> list[Item]:
    """The old, slow definition: least and greatest value of each hidden item by exact
    linear programming over the table's equations with counts non-negative."""
    from tests.app.lp_simplex import lp_min

    rows, cols = len(table), len(table[0])

    def value(item: Item) -> int:
        kind, i, j = item
        if kind == "cell":
            return table[i][j]
        if kind == "row":
            return sum(table[i])
        return sum(r[j] for r in table) if kind == "col" else sum(map(sum, table))

    eqs: list[dict[Item, int]] = []
    for i in range(rows):
        eqs.append({**{("cell", i, j): 1 for j in range(cols)}, ("row", i, 0): -1})
    for j in range(cols):
        eqs.append({**{("cell", i, j): 1 for i in range(rows)}, ("col", 0, j): -1})
    eqs.append({**{("row", i, 0): 1 for i in range(rows)}, ("all", 0, 0): -1})
    eqs.append({**{("col", 0, j): 1 for j in range(cols)}, ("all", 0, 0): -1})
    a = [[eq.get(item, 0) for item in hidden] for eq in eqs]
    b = [-sum(k * value(item) for item, k in eq.items() if item not in hidden) for eq in eqs]
    found = []
    for n, item in enumerate(hidden):
        aim = [int(k == n) for k in range(len(hidden))]
        low, high = lp_min(a, b, aim), lp_min(a, b, [-v for v in aim])
        if high is not None and low == -high:
            found.append(item)
    return found


def all_items(rows: int, cols: int) -> list[Item]:
    items: list[Item] = [("cell", i, j) for i in range(rows) for j in range(cols)]
    items += [("row", i, 0) for i in range(rows)] + [("col", 0, j) for j in range(cols)]
    return [*items, ("all", 0, 0)]


@settings(max_examples=150, deadline=None)
@given(tables(3, 3, 6), st.data())
def test_the_graph_check_agrees_with_linear_programming(
    table: list[list[int]], data: st.DataObject
) -> None:
    from app.domain.suppression import determined

    items = all_items(len(table), len(table[0]))
    hidden = sorted(data.draw(st.lists(st.sampled_from(items), unique=True)))
    assert sorted(determined(hidden, table)) == sorted(_lp_determined(hidden, table))


def hidden_items(shown: SuppressedTable) -> list[Item]:
    return [
        *(("cell", i, j) for i, r in enumerate(shown.cells) for j, v in enumerate(r) if v is None),
        *(("row", i, 0) for i, v in enumerate(shown.row_totals) if v is None),
        *(("col", 0, j) for j, v in enumerate(shown.col_totals) if v is None),
        *((("all", 0, 0),) if shown.total is None else ()),
    ]


@settings(max_examples=60, deadline=None)
@given(tables(9, 6, 40), st.integers(1, 8))
def test_larger_tables_stay_protected_and_every_partner_is_needed(
    table: list[list[int]], threshold: int
) -> None:
    from app.domain.suppression import determined

    shown = suppress(table, threshold)
    assert all(v >= threshold for v in shown.published)
    hidden = hidden_items(shown)
    assert determined(hidden, table) == []
    values = dict(zip(all_items(len(table), len(table[0])), _flat(table), strict=True))
    for item in hidden:
        if values[item] >= threshold:  # a partner: publishing it would give something away
            assert determined([h for h in hidden if h != item], table) != [], item


def _flat(table: list[list[int]]) -> list[int]:
    cols = len(table[0])
    return [*(v for row in table for v in row), *map(sum, table),
            *(sum(r[j] for r in table) for j in range(cols)), sum(map(sum, table))]  # fmt: skip


def test_forced_items_are_hidden_and_protected() -> None:
    from app.domain.suppression import determined

    table = [[20, 30], [40, 50]]
    assert suppress(table, 5).published == [20, 30, 40, 50, 50, 90, 60, 80, 140]
    shown = suppress(table, 5, also=[("col", 0, 0)])
    assert shown.col_totals[0] is None
    assert determined(hidden_items(shown), table) == []
    assert shown.cells[0].count(None) + shown.cells[1].count(None) >= 1


def test_a_wide_table_with_empty_rows_is_quick_enough_to_protect() -> None:
    import random
    import time

    rng = random.Random(4)
    table = [[rng.choice((0, 0, 1, 3, rng.randint(5, 400))) for _ in range(12)] for _ in range(20)]
    started = time.perf_counter()
    shown = suppress(table, 5)
    # Generous: typical yearly tables take a few milliseconds; this guards against the
    # search going quadratic in the number of hidden items again.
    assert time.perf_counter() - started < 5
    assert all(v >= 5 for v in shown.published)


# ---- tables whose rows overlap (several answers per person) ------------------------------


@st.composite
def overlapping(draw: st.DrawFn) -> tuple[list[list[int]], list[int], list[int], int]:
    """A table of up to five persons: each in one column and in one or more rows."""
    rows, cols = draw(st.integers(1, 3)), draw(st.integers(1, 2))
    cells = [[0] * cols for _ in range(rows)]
    col_totals = [0] * cols
    for _ in range(draw(st.integers(0, 5))):
        j = draw(st.integers(0, cols - 1))
        col_totals[j] += 1
        for i in draw(st.lists(st.integers(0, rows - 1), min_size=1, unique=True)):
            cells[i][j] += 1
    return cells, [sum(r) for r in cells], col_totals, sum(col_totals)


def overlap_values(shown: SuppressedTable, top: int) -> dict[Item, set[int]] | None:
    """Every value each hidden item takes in some table that fits what is published: rows
    add up, column totals add up, no cell above its column total, a column's cells at
    least its total. Hidden cells and column totals are enumerated from 0 to ``top``;
    hidden row totals and grand total follow from them. None: too many to enumerate."""
    rows, cols = len(shown.cells), len(shown.cells[0])
    hidden = hidden_items(shown)
    free = [h for h in hidden if h[0] in ("cell", "col")]
    if len(free) > 6:
        return None
    seen: dict[Item, set[int]] = {slot: set() for slot in hidden}
    for values in itertools.product(range(top + 1), repeat=len(free)):
        v = dict(zip(free, values, strict=True))
        cell = [[shown.cells[i][j] if shown.cells[i][j] is not None else v[("cell", i, j)]
                 for j in range(cols)] for i in range(rows)]  # fmt: skip
        cts = [t if t is not None else v[("col", 0, j)] for j, t in enumerate(shown.col_totals)]
        v.update({("row", i, 0): sum(cell[i]) for i in range(rows)})
        v[("all", 0, 0)] = sum(cts)
        if any(t is not None and t != sum(cell[i]) for i, t in enumerate(shown.row_totals)):
            continue
        if shown.total is not None and shown.total != sum(cts):
            continue
        column = [[cell[i][j] for i in range(rows)] for j in range(cols)]
        if all(max(c) <= t <= sum(c) for c, t in zip(column, cts, strict=True)):
            for slot in hidden:
                seen[slot].add(v[slot])
    return seen


@settings(max_examples=80, deadline=None)
@given(overlapping(), st.integers(2, 4))
def test_overlapping_tables_publish_nothing_small_or_recomputable(
    table: tuple[list[list[int]], list[int], list[int], int], threshold: int
) -> None:
    from app.domain.suppression_overlap import suppress_overlapping

    shown = suppress_overlapping(*table, threshold)
    assert all(v >= threshold for v in shown.published)
    possible = overlap_values(shown, 5)  # five persons at most: no count above five
    for slot, values in (possible or {}).items():
        assert len(values) >= 2, (table, shown, slot)
