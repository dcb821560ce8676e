"""Suppression for tables whose cells overlap: a person counts in several rows.

Such a table (``CountTable.additive`` false, see ``app.domain.yearly_tables``) tells a
reader less than an additive one, but not nothing: each row adds up to its row total,
the column totals add up to the grand total, no cell exceeds its column total and a
column's cells together reach at least its total (every person is in some row).

Primary suppression hides everything below the threshold. A hidden item counts as
protected only when a second table fits everything published: some move of one up or
down, over hidden items only, that keeps every equation and inequality above. The moves
tried shift one between two hidden items of a row (or of the totals), or between a
hidden item and its hidden total, optionally together with the cell's column total.
Other moves exist, so an item may be hidden that did not need to be; never the
reverse. Secondary suppression adds partners until every hidden item is protected.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass

from app.domain.suppression import Item, SuppressedTable

Move = dict[Item, int]


@dataclass
class _Overlap:
    cells: Sequence[Sequence[int]]
    row_totals: Sequence[int]
    col_totals: Sequence[int]
    total: int

    def __post_init__(self) -> None:
        self.rows, self.cols = len(self.cells), len(self.cells[0])
        self.items: list[Item] = [
            *(("cell", i, j) for i in range(self.rows) for j in range(self.cols)),
            *(("row", i, 0) for i in range(self.rows)),
            *(("col", 0, j) for j in range(self.cols)),
            ("all", 0, 0),
        ]

    def value(self, item: Item) -> int:
        kind, i, j = item
        if kind == "cell":
            return self.cells[i][j]
        if kind == "row":
            return self.row_totals[i]
        return self.col_totals[j] if kind == "col" else self.total

    def group(self, item: Item) -> tuple[list[Item], Item]:
        """The parts and the sum of the equation ``item`` belongs to."""
        kind, i, _j = item
        if kind in ("cell", "row"):
            return [("cell", i, j) for j in range(self.cols)], ("row", i, 0)
        return [("col", 0, j) for j in range(self.cols)], ("all", 0, 0)

    def _balanced(self, item: Item, d: int, hidden: Collection[Item]) -> Iterator[Move]:
        """Moves of one equation in which ``item`` changes by ``d``."""
        parts, whole = self.group(item)
        if item == whole:
            yield from ({item: d, p: d} for p in parts if p in hidden)
            return
        yield from ({item: d, p: -d} for p in parts if p != item and p in hidden)
        if whole in hidden:
            yield {item: d, whole: d}

    def _coupled(self, item: Item, hidden: Collection[Item]) -> list[Item]:
        """Hidden items bound to ``item`` by an inequality: a cell and its column total."""
        kind, _i, j = item
        if kind == "cell":
            return [("col", 0, j)] if ("col", 0, j) in hidden else []
        if kind == "col":
            return [c for c in (("cell", r, j) for r in range(self.rows)) if c in hidden]
        return []

    def moves(self, item: Item, hidden: Collection[Item]) -> Iterator[Move]:
        for d in (1, -1):
            for move in self._balanced(item, d, hidden):
                yield move
                # A cell going past its column total takes the total along, and back.
                for changed, delta in list(move.items()):
                    for bound in self._coupled(changed, hidden):
                        for other in self._balanced(bound, delta, hidden):
                            if not set(other) & set(move):
                                yield {**move, **other}

    def fits(self, move: Move) -> bool:
        """Does the table changed by ``move`` agree with everything a reader knows?"""
        if any(self.value(item) + d < 0 for item, d in move.items()):
            return False
        columns = {item[2] for item in move if item[0] in ("cell", "col")}
        for j in columns:
            column = [self.cells[i][j] + move.get(("cell", i, j), 0) for i in range(self.rows)]
            top = self.col_totals[j] + move.get(("col", 0, j), 0)
            if max(column) > top or sum(column) < top:
                return False
        return True

    def exposed(self, hidden: Collection[Item]) -> list[Item]:
        return [
            item
            for item in sorted(hidden)
            if not any(self.fits(m) for m in self.moves(item, hidden))
        ]


def _partner(
    table: _Overlap, item: Item, hidden: set[Item], precious: Collection[Item]
) -> Item | None:
    """The cheapest published item of ``item``'s equation (or its column total) whose
    hiding protects it; failing that, the one leaving the fewest items exposed."""
    parts, whole = table.group(item)
    near = [*parts, whole]
    if item[0] == "cell":
        near.append(("col", 0, item[2]))
    pool = [c for c in near if c not in hidden] or [c for c in table.items if c not in hidden]

    def cost(c: Item) -> tuple[int, Item]:
        return (table.value(c) + 1) * (100 if c in precious else 1), c

    best: tuple[int, tuple[int, Item], Item] | None = None
    for candidate in sorted(pool, key=cost):
        left = table.exposed(hidden | {candidate})
        if item not in left:
            return candidate
        if best is None or len(left) < best[0]:
            best = (len(left), cost(candidate), candidate)
    return best[2] if best else None


def suppress_overlapping(
    cells: Sequence[Sequence[int]],
    row_totals: Sequence[int],
    col_totals: Sequence[int],
    total: int,
    threshold: int,
    also: Collection[Item] = (),
    precious: Collection[Item] = (),
) -> SuppressedTable:
    """Hide what is below ``threshold`` (and ``also``), then partners until each hidden
    item is protected; finally publish again each partner that turned out unneeded.
    ``precious`` items are hidden as partners only where cheap ones will not do."""
    table = _Overlap(cells, row_totals, col_totals, total)
    fixed = {item for item in table.items if table.value(item) < threshold} | set(also)
    hidden = set(fixed)
    while exposed := table.exposed(hidden):
        extra = _partner(table, exposed[0], hidden, precious)
        if extra is None:
            break
        hidden.add(extra)
    for item in sorted(hidden - fixed, key=lambda c: (-table.value(c), c)):
        if not table.exposed(hidden - {item}):
            hidden.discard(item)

    def show(item: Item) -> int | None:
        return None if item in hidden else table.value(item)

    rows, cols = table.rows, table.cols
    return SuppressedTable(
        cells=tuple(tuple(show(("cell", i, j)) for j in range(cols)) for i in range(rows)),
        row_totals=tuple(show(("row", i, 0)) for i in range(rows)),
        col_totals=tuple(show(("col", 0, j)) for j in range(cols)),
        total=show(("all", 0, 0)),
    )
