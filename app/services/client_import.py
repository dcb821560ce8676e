"""Import client lists (CSV as German Excel writes it, or XLSX): all valid or nothing.

A file with any invalid row imports nothing and reports every problem by row
and column, so the office fixes the list and runs it again; a clean file is
imported in one transaction. Each row is checked against the office's clients
and the rows before it; likely duplicates are reported and, on request, skipped.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from app.domain.import_rows import (
    Cell,
    ParsedRow,
    RowError,
    check_mapping,
    guess_mapping,
    parse_rows,
)
from app.domain.name_matching import PersonKey
from app.errors import UsageError
from app.i18n import _
from app.services.clients import DuplicateIndex, insert_client
from app.services.session import OfficeSession

MAX_BYTES = 50 * 1024 * 1024
MAX_ROWS = 100_000
DUPLICATE_SCORE = 0.85


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[list[Cell]]


@dataclass(frozen=True)
class RowDuplicate:
    row: int
    existing: str  # client number, or "Zeile N" for an earlier row of the file
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class ImportReport:
    rows: int
    imported: int
    dry_run: bool
    mapping: dict[str, str]
    errors: list[RowError] = field(default_factory=list)
    duplicates: list[RowDuplicate] = field(default_factory=list)
    skipped: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    # cp1252 leaves five byte values undefined: such a file is neither.
    raise UsageError(_("Die Datei ist weder UTF-8 noch Windows-1252."))


def read_csv(data: bytes) -> Table:
    text = _decode(data)
    sample = text[:4096]
    delimiter = max(";,\t", key=sample.count) if sample else ";"
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if not rows:
        raise UsageError(_("Die Datei ist leer."))
    return Table([h.strip() for h in rows[0]], [list(r) for r in rows[1:]])


def read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise UsageError(_("Die Datei ist keine lesbare Excel-Arbeitsmappe (.xlsx).")) from None
    try:
        sheet = book.worksheets[0]
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    finally:
        book.close()
    if not rows:
        raise UsageError(_("Die Datei ist leer."))
    header = [str(h).strip() if h is not None else "" for h in rows[0]]
    return Table(header, rows[1:])


def read_table(data: bytes, filename: str) -> Table:
    if len(data) > MAX_BYTES:
        raise UsageError(_("Die Datei ist größer als 50 MB."))
    if Path(filename).suffix.lower() == ".xlsx" or data[:2] == b"PK":
        table = read_xlsx(data)
    else:
        table = read_csv(data)
    if len(table.rows) > MAX_ROWS:
        raise UsageError(_("Die Datei hat mehr als 100.000 Zeilen."))
    return table


def import_clients(
    session: OfficeSession,
    table: Table,
    mapping: Mapping[str, str] | None = None,
    *,
    dry_run: bool = False,
    skip_duplicates: bool = False,
    today: dt.date | None = None,
) -> ImportReport:
    day = today or dt.date.today()
    chosen = dict(mapping) if mapping is not None else guess_mapping(table.header)
    problems = check_mapping(chosen, table.header)
    if problems:
        raise UsageError(" ".join(problems))
    parsed, errors = parse_rows(table.header, table.rows, chosen, day)
    duplicates, keep = _duplicates(session, parsed, skip_duplicates)
    rows = len(parsed) + len({e.row for e in errors})
    if errors or dry_run:
        return ImportReport(rows, 0, dry_run, chosen, errors, duplicates, len(parsed) - len(keep))
    with session.orm() as orm, orm.begin():
        for row in keep:
            insert_client(orm, session, row.draft, day)
    return ImportReport(rows, len(keep), False, chosen, [], duplicates, len(parsed) - len(keep))


def _duplicates(
    session: OfficeSession, parsed: list[ParsedRow], skip: bool
) -> tuple[list[RowDuplicate], list[ParsedRow]]:
    index = DuplicateIndex(session)
    found: list[RowDuplicate] = []
    keep: list[ParsedRow] = []
    for row in parsed:
        d = row.draft
        key = PersonKey(d.family_name, d.given_name, d.birth_date, d.birth_year_only)
        best = index.best(key)
        if best is not None and best[1] >= DUPLICATE_SCORE:
            found.append(RowDuplicate(row.row, best[0], best[1], best[2]))
            if skip:
                continue
        keep.append(row)
        index.add(("row", row.row), _("Zeile {row}").format(row=row.row), key)
    return found, keep
