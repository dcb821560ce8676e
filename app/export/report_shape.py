"""The tables format 1.0 defines, and whether a received report has exactly these.

The schema bounds sizes but cannot say which rows a table has; the coordinator adds
offices' tables cell by cell and protects them with links between tables, so every
file must carry the same tables, in the same order, with the same row and column codes
as this version of Lotse counts. The shapes come from counting an empty year.
"""

from __future__ import annotations

import functools

from app.domain.residence import StatusTable
from app.domain.yearly_case_tables import count_tables
from app.domain.yearly_report import CountTable, YearlyReport
from app.domain.yearly_tables import YearFacts
from app.i18n import _

Shape = tuple[str, tuple[str, ...], tuple[str, ...], bool]


@functools.cache
def canonical_tables() -> tuple[CountTable, ...]:
    """Every table of the report for a year without any counselling: all zeros."""
    empty = YearFacts(2000, [], {}, [], [], [], [], StatusTable(), 0, 0)
    return count_tables(empty)


def shape(table: CountTable) -> Shape:
    return table.key, table.rows, table.columns, table.additive


def shape_fault(report: YearlyReport) -> str | None:
    """A sentence naming the first table that differs from the format, else None."""
    expected = [shape(t) for t in canonical_tables()]
    found = [shape(t) for t in report.tables]
    keys = [s[0] for s in expected]
    for position, (want, got) in enumerate(zip(expected, found, strict=False)):
        if want != got:
            if got[0] not in keys:
                return _("Die Tabelle „{key}“ ist im Format nicht vorgesehen.").format(key=got[0])
            return _(
                "Die Tabelle „{key}“ (an Stelle {position}) ist anders aufgebaut als im "
                "Format vorgesehen."
            ).format(key=got[0], position=position + 1)
    if len(found) < len(expected):
        return _("Die Tabelle „{key}“ fehlt.").format(key=expected[len(found)][0])
    if len(found) > len(expected):
        return _("Die Tabelle „{key}“ ist im Format nicht vorgesehen.").format(
            key=found[len(expected)][0]
        )
    return None
