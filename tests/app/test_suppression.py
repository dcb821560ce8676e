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
    from app.domain.simplex import lp_min

    # x + y = 3, y + z = 2 (x, y, z >= 0): z lies between 0 and 2, x between 1 and 3
    a, b = [[1, 1, 0], [0, 1, 1]], [3, 2]
    assert lp_min(a, b, [0, 0, 1]) == 0 and lp_min(a, b, [0, 0, -1]) == -2
    assert lp_min(a, b, [1, 0, 0]) == 1 and lp_min(a, b, [-1, 0, 0]) == -3
    assert lp_min([[1, -1]], [0], [-1, 0]) is None  # x = y: no upper bound
    assert lp_min([[1, 1], [2, 2]], [3, 6], [-1, 0]) == -3  # a redundant equation
