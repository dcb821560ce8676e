"""One CSV per table of the yearly report, for German spreadsheet programs.

Semicolon-separated, UTF-8 with BOM and CRLF line ends, as German Excel opens them
with a double click. The first row holds the column labels, the first column the row
labels; a suppressed count is written as ".", the sign official statistics use for
"kept secret". Codes are left out on purpose: ``report.json`` carries them.
"""

from __future__ import annotations

import csv
import io
import re

from app.domain.yearly_report import CountTable, YearlyReport
from app.export.language import LabelOf, TitleOf
from app.i18n import _

SUPPRESSED = "."
BOM = "\ufeff"
# A spreadsheet would run a cell starting with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_UNSAFE_NAME = re.compile(r"[^a-z0-9_]+")


def count_text(value: int | None) -> str:
    return SUPPRESSED if value is None else str(value)


def total_label(table: CountTable) -> str:
    """Label of the totals row and column: a sum, or (several answers per person, where
    totals are counted, not added) a neutral "in all"."""
    return _("Summe") if table.additive else _("Insgesamt")


def _text(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def table_csv(table: CountTable, title_of: TitleOf, label_of: LabelOf) -> bytes:
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    totals = total_label(table)
    header = [title_of(table.key), *(label_of(table.key, c) for c in table.columns), totals]
    writer.writerow([_text(cell) for cell in header])
    for code, cells, row_total in zip(table.rows, table.cells, table.row_totals, strict=True):
        label = _text(label_of(table.key, code))
        writer.writerow([label, *(count_text(v) for v in cells), count_text(row_total)])
    writer.writerow(
        [_text(totals), *(count_text(v) for v in table.column_totals), count_text(table.total)]
    )
    return out.getvalue().encode("utf-8")


def csv_name(index: int, table: CountTable) -> str:
    """``01_<key>.csv``: numbered in report order, the key made file-name safe."""
    key = _UNSAFE_NAME.sub("_", table.key.lower()).strip("_") or "tabelle"
    return f"{index:02d}_{key[:48]}.csv"


def table_csvs(report: YearlyReport, title_of: TitleOf, label_of: LabelOf) -> dict[str, bytes]:
    """File name → CSV bytes for every table, in report order."""
    return {
        csv_name(n, table): table_csv(table, title_of, label_of)
        for n, table in enumerate(report.tables, start=1)
    }
