"""The state-wide aggregate as an XLSX workbook: an overview, one sheet per table, quality.

Each table sheet lists the state first, then every district with offices, one block
below the other with the district in the first column, so a filter on that column
shows one district. Counts are numbers; a lower bound is a number shown as "≥ n"
(number format), a suppressed figure the text ".". Built in memory with openpyxl.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import statistics
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app import __version__
from app.domain.office import district_label
from app.domain.quality import CRITERIA, Kind
from app.export.aggregation import (
    Aggregate,
    AggregateTable,
    Figure,
    QualitySummary,
    total_label,
)
from app.export.csv_tables import SUPPRESSED
from app.export.intake import Coverage
from app.export.language import LabelOf, TitleOf
from app.i18n import _, format_decimal, ngettext

QUALITY_KEY = "quality"
_KINDS = {c.key: c.kind for c in CRITERIA}
STATE = "Schleswig-Holstein"
_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=13)
_HEAD_FILL = PatternFill("solid", fgColor="E8ECF1")
_TOTAL_FILL = PatternFill("solid", fgColor="F6F7F9")
_RULE = Border(bottom=Side(style="thin", color="1A1A1A"))
_RIGHT = Alignment(horizontal="right")
_WRAP = Alignment(wrap_text=True, vertical="top")
_AT_LEAST_FORMAT = '"≥ "0'
_SHEET_UNSAFE = re.compile(r"[\[\]:*?/\\]")
_SHEET_MAX = 31


def sheet_name(number: int, title: str, taken: set[str]) -> str:
    """``"01 Title"``: at most 31 characters (cut after a word, with "…"), no characters
    Excel forbids, unique in the workbook."""
    base = " ".join(_SHEET_UNSAFE.sub(" ", f"{number:02d} {title}").split())
    if len(base) > _SHEET_MAX:
        cut = base[: _SHEET_MAX - 1]
        space = cut.rfind(" ")
        # After a whole word when that loses little, else inside the word.
        cut = cut[:space] if space > 3 and len(cut) - space <= 8 else cut
        base = cut.rstrip(" ,;.-") + "…"
    name, n = base, 2
    while name.casefold() in taken:
        suffix = f" ({n})"
        name, n = base[: _SHEET_MAX - len(suffix)] + suffix, n + 1
    taken.add(name.casefold())
    return name


def _put(sheet: Worksheet, row: int, col: int, figure: Figure) -> None:
    cell = sheet.cell(row=row, column=col)
    if not figure.shown:
        cell.value = SUPPRESSED
        cell.alignment = _RIGHT
        return
    cell.value = figure.value
    if not figure.complete:
        cell.number_format = _AT_LEAST_FORMAT


def _header(sheet: Worksheet, row: int, texts: Sequence[str]) -> None:
    for col, text in enumerate(texts, start=1):
        cell = sheet.cell(row=row, column=col, value=text)
        cell.font, cell.fill, cell.border = _BOLD, _HEAD_FILL, _RULE
        cell.alignment = Alignment(wrap_text=True, vertical="bottom")


def _block(sheet: Worksheet, row: int, area: str, table: AggregateTable, label_of: LabelOf) -> int:
    """Write one area's rows and its totals row from ``row`` on; returns the next row."""
    for i, code in enumerate(table.rows):
        sheet.cell(row=row, column=1, value=area)
        sheet.cell(row=row, column=2, value=label_of(table.key, code))
        for j, figure in enumerate(table.cells[i]):
            _put(sheet, row, 3 + j, figure)
        _put(sheet, row, 3 + len(table.columns), table.row_totals[i])
        row += 1
    sheet.cell(row=row, column=1, value=area)
    sheet.cell(row=row, column=2, value=total_label(table))
    for j, figure in enumerate(table.column_totals):
        _put(sheet, row, 3 + j, figure)
    _put(sheet, row, 3 + len(table.columns), table.total)
    for col in range(1, 4 + len(table.columns)):
        sheet.cell(row=row, column=col).font = _BOLD
        sheet.cell(row=row, column=col).fill = _TOTAL_FILL
    return row + 1


def _table_sheet(
    sheet: Worksheet,
    table: AggregateTable,
    areas: Sequence[tuple[str, AggregateTable]],
    title: str,
    label_of: LabelOf,
) -> None:
    sheet.cell(row=1, column=1, value=title).font = _TITLE
    columns = [label_of(table.key, code) for code in table.columns]
    _header(sheet, 2, [_("Kreis/Stadt"), _("Merkmal"), *columns, total_label(table)])
    row = 3
    for area, area_table in areas:
        row = _block(sheet, row, area, area_table, label_of)
    sheet.freeze_panes = "C3"
    last = get_column_letter(3 + len(table.columns))
    sheet.auto_filter.ref = f"A2:{last}{max(row - 1, 2)}"
    sheet.column_dimensions["A"].width = 34
    sheet.column_dimensions["B"].width = 36
    for col in range(3, 4 + len(table.columns)):
        sheet.column_dimensions[get_column_letter(col)].width = 14
    sheet.row_dimensions[2].height = 45


def _areas(aggregate: Aggregate, index: int) -> list[tuple[str, AggregateTable]]:
    key = aggregate.total[index].key
    areas = [(STATE, aggregate.total[index])]
    for code, tables in aggregate.districts:
        areas += [(district_label(code), t) for t in tables if t.key == key]
    return areas


def _lines(sheet: Worksheet, row: int, heading: str, lines: Sequence[Sequence[str]]) -> int:
    sheet.cell(row=row, column=1, value=heading).font = _BOLD
    row += 1
    for line in lines:
        for col, text in enumerate(line, start=1):
            sheet.cell(row=row, column=col, value=text).alignment = _WRAP
        row += 1
    return row + 1


def _overview(sheet: Worksheet, aggregate: Aggregate, coverage: Coverage) -> None:
    sheet.title = _("Übersicht")
    title = _("Landesstatistik Migrationsberatung {year}").format(year=aggregate.year)
    sheet.cell(row=1, column=1, value=title).font = _TITLE
    notes = [
        ngettext(
            "Zusammengeführt aus {count} Jahresmeldung.",
            "Zusammengeführt aus {count} Jahresmeldungen.",
            len(coverage.accepted),
        ).format(count=len(coverage.accepted)),
        _(
            "Geheimhaltung: Werte unter {threshold} und Werte, aus denen sich diese "
            "zurückrechnen ließen, sind durch „.“ ersetzt."
        ).format(threshold=aggregate.threshold),
        _(
            "„≥ n“: Mindestwert. Mindestens eine Beratungsstelle hat hier einen geheim "
            "gehaltenen Wert gemeldet; gezählt sind nur die gemeldeten Werte."
        ),
        _("Erstellt mit Lotse {version}.").format(version=__version__),
    ]
    row = _lines(sheet, 3, _("Hinweise"), [[n] for n in notes])
    per_district = [[district_label(c), str(n)] for c, n in aggregate.offices_per_district]
    row = _lines(sheet, row, _("Beratungsstellen je Kreis/Stadt"), per_district)
    accepted = [[name, district_label(code), file] for name, code, file in coverage.accepted]
    row = _lines(sheet, row, _("Übernommene Jahresmeldungen"), accepted)
    missing = [[name] for name in coverage.missing] or [[_("keine")]]
    row = _lines(sheet, row, _("Beratungsstellen ohne Jahresmeldung"), missing)
    refused = [list(item) for item in coverage.refused] or [[_("keine")]]
    _lines(sheet, row, _("Abgelehnte Dateien"), refused)
    sheet.column_dimensions["A"].width = 60
    sheet.column_dimensions["B"].width = 40
    sheet.column_dimensions["C"].width = 50


def quality_rows(
    quality: Sequence[QualitySummary], label_of: LabelOf
) -> list[tuple[str, str, int]]:
    """(criterion, answer, offices) for people; numeric answers summed up in one row."""
    rows = []
    for summary in quality:
        label = label_of(QUALITY_KEY, summary.key)
        for answer, offices in summary.answers:
            if isinstance(answer, bool):
                text = _("ja") if answer else _("nein")
            else:
                text = label_of(QUALITY_KEY, answer)
            rows.append((label, text, offices))
        if summary.numbers:
            rows.append((label, _numbers_text(summary), len(summary.numbers)))
    return rows


def _numbers_text(summary: QualitySummary) -> str:
    """Counts add up across offices; a computed ratio does not, so it has no sum."""
    numbers = summary.numbers
    values = {
        "sum": sum(numbers),
        "median": format_decimal(statistics.median(numbers), 1),
        "low": numbers[0],
        "high": numbers[-1],
    }
    if _KINDS.get(summary.key) is Kind.COMPUTED:
        return _("Median {median}, {low} bis {high}").format(**values)
    return _("Summe {sum}, Median {median}, {low} bis {high}").format(**values)


def _quality_sheet(sheet: Worksheet, quality: Sequence[QualitySummary], label_of: LabelOf) -> None:
    sheet.cell(row=1, column=1, value=_("Qualitätskriterien (Selbsteinschätzung)")).font = _TITLE
    _header(sheet, 2, [_("Kriterium"), _("Antwort"), _("Beratungsstellen")])
    for row, values in enumerate(quality_rows(quality, label_of), start=3):
        for col, value in enumerate(values, start=1):
            sheet.cell(row=row, column=col, value=value)
    sheet.freeze_panes = "A3"
    sheet.column_dimensions["A"].width = 50
    sheet.column_dimensions["B"].width = 40
    sheet.column_dimensions["C"].width = 18


def aggregate_xlsx(
    aggregate: Aggregate, coverage: Coverage, title_of: TitleOf, label_of: LabelOf
) -> bytes:
    """The workbook's bytes."""
    book = Workbook()
    stamp = dt.datetime(aggregate.year + 1, 1, 1)  # no clock time: equal input, equal content
    book.properties.creator = "Lotse"
    book.properties.created = book.properties.modified = stamp
    _overview(book.active, aggregate, coverage)
    taken = {_("Übersicht").casefold(), _("Qualität").casefold()}
    for index, table in enumerate(aggregate.total):
        title = title_of(table.key)
        sheet = book.create_sheet(sheet_name(index + 1, title, taken))
        _table_sheet(sheet, table, _areas(aggregate, index), title, label_of)
    _quality_sheet(book.create_sheet(_("Qualität")), aggregate.quality, label_of)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()
