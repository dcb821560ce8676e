"""Cell suppression for the yearly export: no published count below the threshold, and
no suppressed count recomputable from the published cells and totals.

Primary suppression hides every cell and total below the threshold (zero included:
the rule is "no emitted count below the threshold"). Secondary suppression then hides
further cells until no hidden value is determined by the table's equations (each row,
each column and the grand total add up) together with counts being non-negative:
[0, 0 | 3] with its total published gives the zeros away although the equations
alone would not.

The check is exact and fast because a table with its totals is a network: write the
table as an (R+1) x (C+1) array whose last column holds the negated row totals, whose
last row holds the negated column totals and whose corner holds the grand total; then
every row and every column of that array sums to zero. Each entry is an edge between
its row node and its column node, oriented so that its value is a non-negative flow.
A hidden entry can take another value exactly when some cycle of hidden entries lets
it move: up along its own direction always, down only while it is above zero. So a
hidden entry is determined when no such cycle runs through it, a question of paths
in a small directed graph (strongly connected components, then one search for the
entries that could otherwise only cycle through themselves).
"""

from __future__ import annotations

import heapq
from collections.abc import Collection, Sequence
from dataclasses import dataclass

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


def _value(table: Sequence[Sequence[int]], item: Item) -> int:
    kind, i, j = item
    if kind == "cell":
        return table[i][j]
    if kind == "row":
        return sum(table[i])
    if kind == "col":
        return sum(row[j] for row in table)
    return sum(map(sum, table))


def _ends(item: Item, rows: int, cols: int) -> tuple[int, int]:
    """The edge of ``item``: (from, to) nodes, rows 0..R (R: totals), columns after them."""
    kind, i, j = item
    last_col = rows + 1 + cols
    if kind == "cell":
        return i, rows + 1 + j
    if kind == "row":
        return last_col, i
    if kind == "col":
        return rows + 1 + j, rows
    return rows, last_col


def free_edges(edges: Sequence[tuple[int, int, int]], nodes: int) -> list[bool]:
    """For each edge (from, to, flow >= 0) of a circulation restricted to these edges: can
    its flow change while every node stays balanced and every flow stays non-negative?"""
    out: list[list[tuple[int, int]]] = [[] for _ in range(nodes)]
    for k, (u, v, flow) in enumerate(edges):
        out[u].append((v, k))
        if flow > 0:
            out[v].append((u, k))
    comp = _components(out)
    free = []
    for k, (u, v, flow) in enumerate(edges):
        if comp[u] != comp[v]:
            free.append(False)
        elif flow == 0:
            free.append(True)  # a path back from v never needs this edge's own arc
        else:
            free.append(_reaches(out, v, u, k) or _reaches(out, u, v, k))
    return free


def _components(out: Sequence[Sequence[tuple[int, int]]]) -> list[int]:
    """Strongly connected components (Tarjan, iterative): a component number per node."""
    n = len(out)
    index, low, comp = [-1] * n, [0] * n, [-1] * n
    stack: list[int] = []
    on_stack = [False] * n
    counter, found = 0, 0
    for root in range(n):
        if index[root] >= 0:
            continue
        work = [(root, 0)]
        while work:
            node, pos = work.pop()
            if pos == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack[node] = True
            if pos < len(out[node]):
                work.append((node, pos + 1))
                nxt = out[node][pos][0]
                if index[nxt] < 0:
                    work.append((nxt, 0))
                elif on_stack[nxt]:
                    low[node] = min(low[node], index[nxt])
                continue
            if low[node] == index[node]:
                while True:
                    top = stack.pop()
                    on_stack[top] = False
                    comp[top] = found
                    if top == node:
                        break
                found += 1
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return comp


def _reaches(out: Sequence[Sequence[tuple[int, int]]], start: int, goal: int, skip: int) -> bool:
    """Is there a path from ``start`` to ``goal`` that does not use edge ``skip``?"""
    seen = {start}
    todo = [start]
    while todo:
        node = todo.pop()
        for nxt, k in out[node]:
            if k == skip or nxt in seen:
                continue
            if nxt == goal:
                return True
            seen.add(nxt)
            todo.append(nxt)
    return False


def determined(hidden: Sequence[Item], table: Sequence[Sequence[int]]) -> list[Item]:
    """The hidden items whose value follows from the published ones and from counts being
    non-negative: those whose least and greatest possible value coincide."""
    if not hidden:
        return []
    rows, cols = len(table), len(table[0])
    edges = [(*_ends(item, rows, cols), _value(table, item)) for item in hidden]
    free = free_edges(edges, rows + cols + 2)
    return [item for item, ok in zip(hidden, free, strict=True) if not ok]


class _Search:
    """Secondary suppression for one table: while a hidden item is determined, hide the
    cheapest set of published items that closes a cycle through it (a shortest path in
    the graph of the array with totals, a published item costing its value and a hidden
    one nothing). Then publish again each partner that turned out unneeded, the largest
    first."""

    def __init__(
        self,
        table: Sequence[Sequence[int]],
        threshold: int,
        also: Collection[Item],
        precious: Collection[Item],
    ) -> None:
        self.rows, self.cols = len(table), len(table[0])
        self.items = _items(self.rows, self.cols)
        self.value = {item: _value(table, item) for item in self.items}
        self.ends = {item: _ends(item, self.rows, self.cols) for item in self.items}
        below = {item for item in self.items if self.value[item] < threshold}
        self.primary = below | set(also)
        self.cost = {item: (self.value[item] + 1) * (100 if item in precious else 1)
                     for item in self.items}  # fmt: skip
        self.arcs: list[list[tuple[int, Item]]] = [[] for _ in range(self.rows + self.cols + 2)]
        for item in self.items:
            u, v = self.ends[item]
            self.arcs[u].append((v, item))
            if self.value[item] > 0:
                self.arcs[v].append((u, item))

    def exposed(self, hidden: set[Item]) -> list[Item]:
        order = sorted(hidden)
        edges = [(*self.ends[item], self.value[item]) for item in order]
        free = free_edges(edges, self.rows + self.cols + 2)
        return [item for item, ok in zip(order, free, strict=True) if not ok]

    def _path(self, start: int, goal: int, skip: Item, hidden: set[Item]) -> tuple[int, list[Item]]:
        """The cheapest path from ``start`` to ``goal`` not using ``skip``: cost, items."""
        best = {start: 0}
        came: dict[int, tuple[int, Item]] = {}
        todo = [(0, start)]
        while todo:
            cost, node = heapq.heappop(todo)
            if node == goal:
                break
            if cost > best[node]:
                continue
            for nxt, item in self.arcs[node]:
                step = cost + (0 if item in hidden or item == skip else self.cost[item])
                if item != skip and step < best.get(nxt, step + 1):
                    best[nxt], came[nxt] = step, (node, item)
                    heapq.heappush(todo, (step, nxt))
        path, node = [], goal
        while node in came:
            node, item = came[node]
            path.append(item)
        return best.get(goal, -1), path

    def partners(self, item: Item, hidden: set[Item]) -> list[Item]:
        """Published items whose hiding lets ``item`` move up (or down, if above zero)."""
        u, v = self.ends[item]
        ways = [self._path(v, u, item, hidden)]
        if self.value[item] > 0:
            ways.append(self._path(u, v, item, hidden))
        found = [(cost, path) for cost, path in ways if cost >= 0]
        if not found:
            return []
        return [c for c in min(found)[1] if c not in hidden]

    def run(self) -> set[Item]:
        hidden = set(self.primary)
        while exposed := self.exposed(hidden):
            extra = self.partners(exposed[0], hidden)
            if not extra:  # cannot happen in a table with totals; hide all to be safe
                return set(self.items)
            hidden.update(extra)
        for item in sorted(hidden - self.primary, key=lambda c: (-self.value[c], c)):
            if not self.exposed(hidden - {item}):
                hidden.discard(item)
        return hidden


def suppress(
    table: Sequence[Sequence[int]],
    threshold: int,
    also: Collection[Item] = (),
    precious: Collection[Item] = (),
) -> SuppressedTable:
    """``table``: counts by row and column (at least one of each). ``also``: items to
    hide whatever their value (a figure hidden in another table); ``precious``: items to
    hide as partners only where much cheaper ones will not do (figures other tables
    share)."""
    rows, cols = len(table), len(table[0])
    hidden = _Search(table, threshold, also, precious).run()

    def show(item: Item) -> int | None:
        return None if item in hidden else _value(table, item)

    return SuppressedTable(
        cells=tuple(tuple(show(("cell", i, j)) for j in range(cols)) for i in range(rows)),
        row_totals=tuple(show(("row", i, 0)) for i in range(rows)),
        col_totals=tuple(show(("col", 0, j)) for j in range(cols)),
        total=show(("all", 0, 0)),
    )
