"""Suppression of the whole yearly report: each table by its kind, then the figures that
several tables share kept hidden in all of them.

- additive tables: ``app.domain.suppression.suppress`` (exact protection);
- tables whose rows overlap (``offers``, ``life_areas``):
  ``app.domain.suppression_overlap.suppress_overlapping``;
- ``staffing``: independent figures, each hidden when below the threshold, the persons'
  totals with the persons.

Some figures appear in several tables by definition (the persons by main offer are the
column totals of every breakdown, the cases running in the year are the totals of both
``case_flow`` and ``agreements``, …). A figure hidden in one table but published in
another would undo the protection, so each such figure hidden anywhere is hidden
everywhere, and the tables concerned are protected again with it forced hidden, until
nothing changes. Hiding more never exposes what was protected, so this ends.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from app.domain.suppression import Item, SuppressedTable, suppress
from app.domain.suppression_overlap import suppress_overlapping
from app.domain.yearly_case_tables import FLOW_COLUMNS, GOAL_COLUMNS, REASON_COLUMNS
from app.domain.yearly_report import CountTable
from app.domain.yearly_tables import BREAKDOWNS, MAIN_OFFERS, OFFERS

Ref = tuple[str, Item]  # table key, item

_BY_MAIN_OFFER = (*BREAKDOWNS, "life_areas")


def _links() -> list[list[Ref]]:
    """Groups of (table, item) that carry the same figure by definition."""
    links: list[list[Ref]] = [
        [(key, ("col", 0, j)) for key in _BY_MAIN_OFFER] for j in range(len(MAIN_OFFERS))
    ]
    case = MAIN_OFFERS.index("case")
    links[case] += [
        ("offers", ("cell", OFFERS.index("case"), 0)),
        *(("staffing", item) for item in (("cell", 0, 0), ("row", 0, 0), ("col", 0, 0))),
        ("staffing", ("all", 0, 0)),
    ]
    links.append([*((key, ("all", 0, 0)) for key in _BY_MAIN_OFFER), ("offers", ("col", 0, 0))])
    links.append([("case_flow", ("all", 0, 0)), ("agreements", ("all", 0, 0))])
    for j in range(len(FLOW_COLUMNS)):
        links.append([("case_flow", ("col", 0, j)), ("agreements", ("col", 0, j))])
    links.append([("case_flow", ("col", 0, 0)), ("case_closing", ("all", 0, 0))])
    for j, rating in enumerate(REASON_COLUMNS):
        links.append(
            [("goals", ("col", 0, GOAL_COLUMNS.index(rating))), ("goal_reasons", ("col", 0, j))]
        )
    links.append(
        [("contacts", ("col", 0, OFFERS.index("initial"))), ("initial_outcomes", ("all", 0, 0))]
    )
    return links


LINKS = _links()
# Per table, the figures it shares: hidden as partners only where nothing cheap will do.
SHARED: dict[str, set[Item]] = {
    key: {item for link in LINKS for k, item in link if k == key}
    for key in {k for link in LINKS for k, _item in link}
}


def _hidden_items(table: CountTable) -> set[Item]:
    found: set[Item] = set()
    for i, row in enumerate(table.cells):
        found |= {("cell", i, j) for j, v in enumerate(row) if v is None}
    found |= {("row", i, 0) for i, v in enumerate(table.row_totals) if v is None}
    found |= {("col", 0, j) for j, v in enumerate(table.column_totals) if v is None}
    return found | ({("all", 0, 0)} if table.total is None else set())


def _figures(table: CountTable, threshold: int, also: Collection[Item]) -> SuppressedTable:
    """Independent figures (one column): each row hidden alone, the first row's with the
    totals, which repeat it."""
    hidden = {i for i, (v,) in enumerate(table.cells) if v is None or v < threshold}
    hidden |= {i for kind, i, _j in also if kind in ("cell", "row")}
    if any(kind in ("col", "all") for kind, _i, _j in also):
        hidden.add(0)
    cells = tuple((None,) if i in hidden else row for i, row in enumerate(table.cells))
    first = None if 0 in hidden else table.total
    return SuppressedTable(cells, tuple(row[0] for row in cells), (first,), first)


def suppress_table(table: CountTable, threshold: int, also: Collection[Item] = ()) -> CountTable:
    """``table`` (unsuppressed) with what must stay hidden set to None."""
    counts = [[v or 0 for v in row] for row in table.cells]
    precious = SHARED.get(table.key, set())
    if table.key == "staffing":
        shown = _figures(table, threshold, also)
    elif table.additive:
        shown = suppress(counts, threshold, also, precious)
    else:
        shown = suppress_overlapping(
            counts,
            [v or 0 for v in table.row_totals],
            [v or 0 for v in table.column_totals],
            table.total or 0,
            threshold,
            also,
            precious,
        )
    return CountTable(
        table.key, table.rows, table.columns, shown.cells, shown.row_totals,
        shown.col_totals, shown.total, table.additive,
    )  # fmt: skip


def suppress_report(tables: Sequence[CountTable], threshold: int) -> tuple[CountTable, ...]:
    """Every table protected on its own, and shared figures hidden alike everywhere."""
    raw = {t.key: t for t in tables}
    forced: dict[str, set[Item]] = {key: set() for key in raw}
    done = {key: suppress_table(t, threshold) for key, t in raw.items()}
    while True:
        more = _spread(done, forced)
        if not more:
            return tuple(done[t.key] for t in tables)
        for key in more:
            done[key] = suppress_table(raw[key], threshold, forced[key])


def _spread(done: Mapping[str, CountTable], forced: dict[str, set[Item]]) -> set[str]:
    """Force each linked figure hidden where a twin of it is; the tables that changed."""
    hidden = {key: _hidden_items(t) for key, t in done.items()}
    changed = set()
    for link in LINKS:
        present = [(key, item) for key, item in link if key in done]
        if not any(item in hidden[key] for key, item in present):
            continue
        for key, item in present:
            # Forced also where it is hidden already, so that protecting that table again
            # (for another figure) cannot publish it there.
            if item not in forced[key]:
                forced[key].add(item)
                if item not in hidden[key]:
                    changed.add(key)
    return changed
