"""Checks a yearly report must pass beyond its JSON schema: shapes, sums and the threshold.

Run on both sides: before an office writes its file (so it never sends one the
coordinator would refuse) and when the coordinator reads one.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.domain.office import DISTRICTS
from app.domain.yearly_report import CountTable, YearlyReport
from app.errors import UsageError
from app.i18n import _

YEAR_MIN, YEAR_MAX = 2000, 2100


class ReportFormatError(UsageError):
    """A yearly report (or its file) that does not follow the format. ``detail`` names
    the fault in one sentence; the message adds what it means for the reader."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail or message


def _fault(detail: str) -> ReportFormatError:
    return ReportFormatError(
        _("Die Jahresmeldung ist fehlerhaft: {detail}").format(detail=detail), detail
    )


def received_fault(detail: str) -> ReportFormatError:
    """The error for a file the coordinator received."""
    return ReportFormatError(
        _(
            "Die Datei der Jahresmeldung ist fehlerhaft: {detail} Es wurde nichts übernommen; "
            "bitte fordern Sie bei der Beratungsstelle eine neue Datei an."
        ).format(detail=detail),
        detail,
    )


def unsendable(fault: ReportFormatError) -> ReportFormatError:
    """The error for an office whose own report fails the checks (a bug, not the user's)."""
    return ReportFormatError(
        _(
            "Die Jahresmeldung kann so nicht verschickt werden: {detail} Es wurde keine "
            "Datei geschrieben; bitte wenden Sie sich an den Support."
        ).format(detail=fault.detail),
        fault.detail,
    )


def check_report(report: YearlyReport) -> None:
    """Raise ReportFormatError naming the first fault; return quietly if there is none."""
    if not YEAR_MIN <= report.year <= YEAR_MAX:
        raise _fault(_("Das Jahr {year} ist nicht plausibel.").format(year=report.year))
    if report.district not in DISTRICTS:
        raise _fault(_("Der Kreis „{code}“ ist unbekannt.").format(code=report.district))
    if not _is_count(report.threshold) or report.threshold < 1:
        raise _fault(_("Die Mindestfallzahl {value} ist ungültig.").format(value=report.threshold))
    _unique([t.key for t in report.tables], _("Die Tabelle „{key}“ kommt doppelt vor."))
    _unique([q.key for q in report.quality], _("Die Angabe „{key}“ kommt doppelt vor."))
    for table in report.tables:
        _check_shape(table)
        _check_counts(table, report.threshold)
        _check_sums(table)


def _unique(keys: Sequence[str], message: str) -> None:
    seen: set[str] = set()
    for key in keys:
        if key in seen:
            raise _fault(message.format(key=key))
        seen.add(key)


def _check_shape(table: CountTable) -> None:
    rows, cols = len(table.rows), len(table.columns)
    shaped = (
        len(table.cells) == rows
        and all(len(row) == cols for row in table.cells)
        and len(table.row_totals) == rows
        and len(table.column_totals) == cols
        and cols > 0
    )
    if not shaped:
        raise _fault(
            _(
                "In der Tabelle „{key}“ passen die Zellen nicht zu {rows} Zeilen und "
                "{cols} Spalten."
            ).format(key=table.key, rows=rows, cols=cols)
        )
    _unique(table.rows, _("Die Zeile „{key}“ kommt doppelt vor."))
    _unique(table.columns, _("Die Spalte „{key}“ kommt doppelt vor."))


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _published(table: CountTable) -> list[int | None]:
    values = [v for row in table.cells for v in row]
    return [*values, *table.row_totals, *table.column_totals, table.total]


def _check_counts(table: CountTable, threshold: int) -> None:
    for value in _published(table):
        if value is None:
            continue
        if not _is_count(value) or value < 0:
            raise _fault(
                _("Die Tabelle „{key}“ enthält einen Wert, der keine Anzahl ist.").format(
                    key=table.key
                )
            )
        if value < threshold:
            raise _fault(
                _(
                    "Die Tabelle „{key}“ veröffentlicht den Wert {value}, der unter der "
                    "Mindestfallzahl {threshold} liegt."
                ).format(key=table.key, value=value, threshold=threshold)
            )


def _line_fits(parts: Sequence[int | None], total: int | None) -> bool:
    """Published parts never exceed the published total; all parts published: equal."""
    if total is None:
        return True
    known = sum(v for v in parts if v is not None)
    if None in parts:
        return known <= total
    return known == total


def _columns(table: CountTable) -> list[list[int | None]]:
    return [[row[j] for row in table.cells] for j in range(len(table.columns))]


def _check_sums(table: CountTable) -> None:
    """Additive tables add up both ways. In the others (several answers per person, or
    independent figures such as the staffing key) each row still adds up to its total
    and the column totals to the grand total, but a column's cells do not."""
    lines: list[tuple[Sequence[int | None], int | None]] = list(
        zip(table.cells, table.row_totals, strict=True)
    )
    lines.append((table.column_totals, table.total))
    if table.additive:
        lines += zip(_columns(table), table.column_totals, strict=True)
        lines.append((table.row_totals, table.total))
    if not all(_line_fits(parts, total) for parts, total in lines):
        raise _fault(_("In der Tabelle „{key}“ gehen die Summen nicht auf.").format(key=table.key))
