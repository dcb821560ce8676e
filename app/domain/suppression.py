"""Cell suppression for the yearly export: no published count below the threshold, and
no suppressed count recomputable from the published cells and totals.

Primary suppression hides every cell and total below the threshold (zero included:
the rule is "no emitted count below the threshold"). Secondary suppression then hides
further cells until no hidden value is determined by the table's equations (each row,
each column and the grand total add up) together with counts being non-negative:
[0, 0 | 3] with its total published gives the zeros away although the equations
alone would not. Checked exactly, with a small simplex over fractions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.domain.simplex import lp_min

# ("cell", row, col), ("row", row, 0), ("col", 0, col) or ("all", 0, 0)
Item = tuple[str, int, int]


@dataclass(frozen=True)
class SuppressedTable:
    cells: tuple[tuple[int | None, ...], ...]
    row_totals: tuple[int | None, ...]
    col_totals: tuple[int | None, ...]
    total: int | None

    @property
    def published(self) -> list[int]:
        values = [v for row in self.cells for v in row]
        values += [*self.row_totals, *self.col_totals, self.total]
        return [v for v in values if v is not None]


def _items(rows: int, cols: int) -> list[Item]:
    items: list[Item] = [("cell", i, j) for i in range(rows) for j in range(cols)]
    items += [("row", i, 0) for i in range(rows)] + [("col", 0, j) for j in range(cols)]
    return [*items, ("all", 0, 0)]


def _equations(rows: int, cols: int) -> list[dict[Item, int]]:
    """Coefficients of each additive identity of the table (all equal to zero)."""
    eqs: list[dict[Item, int]] = []
    for i in range(rows):
        eqs.append({**{("cell", i, j): 1 for j in range(cols)}, ("row", i, 0): -1})
    for j in range(cols):
        eqs.append({**{("cell", i, j): 1 for i in range(rows)}, ("col", 0, j): -1})
    eqs.append({**{("row", i, 0): 1 for i in range(rows)}, ("all", 0, 0): -1})
    eqs.append({**{("col", 0, j): 1 for j in range(cols)}, ("all", 0, 0): -1})
    return eqs


def determined(hidden: Sequence[Item], table: Sequence[Sequence[int]]) -> list[Item]:
    """The hidden items whose value follows from the published ones and from counts being
    non-negative: those whose least and greatest possible value coincide. The equations
    of a table with totals form a network matrix, so these extremes are whole numbers."""
    if not hidden:
        return []
    rows, cols = len(table), len(table[0])
    index = {item: n for n, item in enumerate(hidden)}
    a, b = [], []
    for eq in _equations(rows, cols):
        a.append([eq.get(item, 0) for item in hidden])
        b.append(-sum(k * _value(table, item) for item, k in eq.items() if item not in index))
    found = []
    for n, item in enumerate(hidden):
        aim = [int(k == n) for k in range(len(hidden))]
        low = lp_min(a, b, aim)
        high = lp_min(a, b, [-v for v in aim])
        if high is not None and low == -high:
            found.append(item)
    return found


def _value(table: Sequence[Sequence[int]], item: Item) -> int:
    kind, i, j = item
    if kind == "cell":
        return table[i][j]
    if kind == "row":
        return sum(table[i])
    if kind == "col":
        return sum(row[j] for row in table)
    return sum(map(sum, table))


def _partner(item: Item, hidden: set[Item], table: Sequence[Sequence[int]]) -> Item:
    """The published cell to hide next: in the same row or column if there is one, the
    smallest (least information lost), else the smallest published item anywhere."""
    rows, cols = len(table), len(table[0])
    kind, i, j = item
    near: list[Item] = []
    if kind in ("cell", "row"):
        near += [("cell", i, c) for c in range(cols)]
    if kind in ("cell", "col"):
        near += [("cell", r, j) for r in range(rows)]
    candidates = [c for c in near if c not in hidden]
    if not candidates:
        candidates = [c for c in _items(rows, cols) if c not in hidden]
    return min(candidates, key=lambda c: (_value(table, c), c))


def suppress(table: Sequence[Sequence[int]], threshold: int) -> SuppressedTable:
    """``table``: counts by row and column (at least one of each)."""
    rows, cols = len(table), len(table[0])
    hidden = {item for item in _items(rows, cols) if _value(table, item) < threshold}
    while True:
        known = determined(sorted(hidden), table)
        if not known:
            break
        hidden.add(_partner(known[0], hidden, table))

    def show(item: Item) -> int | None:
        return None if item in hidden else _value(table, item)

    return SuppressedTable(
        cells=tuple(tuple(show(("cell", i, j)) for j in range(cols)) for i in range(rows)),
        row_totals=tuple(show(("row", i, 0)) for i in range(rows)),
        col_totals=tuple(show(("col", 0, j)) for j in range(cols)),
        total=show(("all", 0, 0)),
    )
