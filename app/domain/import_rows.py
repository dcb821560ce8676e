"""Client lists as offices keep them today: columns → fields, cells → values.

Pure: takes a header and rows of cells (strings, numbers or dates as the file
reader produced them), returns drafts or per-row errors naming row, column and
problem. The row numbers are those a person sees in Excel (header = row 1).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from app.domain.client import ClientDraft, validate_client
from app.errors import FieldErrors
from app.i18n import N_, _

# Field → header spellings seen in office lists (compared folded: case, umlauts, spaces).
FIELDS: dict[str, tuple[str, ...]] = {
    "family_name": ("familienname", "nachname", "name", "surname", "family name", "last name"),
    "given_name": ("vorname", "vornamen", "vorname n", "given name", "first name", "rufname"),
    "birth_date": (
        "geburtsdatum",
        "geb datum",
        "geb.",
        "geboren",
        "geburtstag",
        "date of birth",
        "geburtsjahr",
    ),
    "sex": ("geschlecht", "sex", "gender", "m/w/d"),
    "nationality": (
        "staatsangehoerigkeit",
        "nationalitaet",
        "staatsangehorigkeit",
        "nationality",
        "land",
    ),
    "language": ("sprache", "muttersprache", "language", "beratungssprache"),
    "arrival_date": ("einreise", "einreisedatum", "einreise am", "arrival", "in deutschland seit"),
    "permanent_since": ("daueraufenthalt seit", "aufenthaltstitel seit", "permanent since"),
}
FIELD_LABELS = {
    "family_name": N_("Familienname"),
    "given_name": N_("Vorname"),
    "birth_date": N_("Geburtsdatum"),
    "sex": N_("Geschlecht"),
    "nationality": N_("Staatsangehörigkeit"),
    "language": N_("Sprache"),
    "arrival_date": N_("Einreise"),
    "permanent_since": N_("Daueraufenthalt seit"),
}
REQUIRED = ("family_name", "given_name")
_SEX = {
    "w": "f", "weiblich": "f", "f": "f", "female": "f", "frau": "f",
    "m": "m", "maennlich": "m", "mannlich": "m", "male": "m", "mann": "m",
    "d": "d", "divers": "d", "x": "d",
    "": "u", "u": "u", "k a": "u", "unbekannt": "u", "keine angabe": "u",
}  # fmt: skip
_DATE_DE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})")
_DATE_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T].*)?")
_YEAR = re.compile(r"\d{4}")

Cell = str | int | float | dt.date | dt.datetime | None


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    problem: str


@dataclass(frozen=True)
class ParsedRow:
    row: int
    draft: ClientDraft


def fold(header: str) -> str:
    text = unicodedata.normalize("NFKD", header.casefold().replace("ß", "ss"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("ae", "a").replace("oe", "o").replace("ue", "u")
    return " ".join(re.sub(r"[^a-z0-9/]+", " ", text).split())


def guess_mapping(header: Sequence[str]) -> dict[str, str]:
    """Field → column header, for the headers that look like a known field."""
    folded = {fold(h): h for h in header if h}
    mapping: dict[str, str] = {}
    for field, spellings in FIELDS.items():
        for spelling in spellings:
            column = folded.get(fold(spelling))
            if column is not None and column not in mapping.values():
                mapping[field] = column
                break
    return mapping


def check_mapping(mapping: Mapping[str, str], header: Sequence[str]) -> list[str]:
    """Problems with a mapping, as sentences; empty when it can be used."""
    problems = [
        _("Unbekanntes Feld in der Zuordnung: {field}").format(field=f)
        for f in mapping
        if f not in FIELDS
    ]
    problems += [
        _("Die Spalte {column} gibt es in der Datei nicht.").format(column=c)
        for c in mapping.values()
        if c not in header
    ]
    problems += [
        _("Keine Spalte für {field} zugeordnet.").format(field=_(FIELD_LABELS[f]))
        for f in REQUIRED
        if f not in mapping
    ]
    return problems


def parse_date(cell: Cell) -> tuple[dt.date | None, bool]:
    """(date, year_only). ValueError with a sentence when the cell is no date."""
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None, False
    if isinstance(cell, dt.datetime):
        return cell.date(), False
    if isinstance(cell, dt.date):
        return cell, False
    text = str(int(cell)) if isinstance(cell, float) and cell.is_integer() else str(cell).strip()
    try:
        if m := _DATE_DE.fullmatch(text):
            day, month, year = int(m[1]), int(m[2]), int(m[3])
            if year < 100:
                raise ValueError(text)  # two-digit years are ambiguous for birth dates
            return dt.date(year, month, day), False
        if m := _DATE_ISO.fullmatch(text):
            return dt.date(int(m[1]), int(m[2]), int(m[3])), False
        if _YEAR.fullmatch(text):
            return dt.date(int(text), 1, 1), True
    except ValueError:
        pass
    raise ValueError(
        _("„{text}“ ist kein Datum (erwartet TT.MM.JJJJ oder JJJJ).").format(text=text[:40])
    )


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def parse_rows(
    header: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    mapping: Mapping[str, str],
    today: dt.date,
    first_row: int = 2,
) -> tuple[list[ParsedRow], list[RowError]]:
    index = {field: header.index(column) for field, column in mapping.items()}
    parsed: list[ParsedRow] = []
    errors: list[RowError] = []
    for offset, cells in enumerate(rows):
        number = first_row + offset
        if all(_text(c) == "" for c in cells):
            continue  # blank lines at the end of Excel lists

        def cell(field: str, cells: Sequence[Cell] = cells) -> Cell:
            i = index.get(field)
            return cells[i] if i is not None and i < len(cells) else None

        row_errors: list[RowError] = []
        dates: dict[str, tuple[dt.date | None, bool]] = {}
        for field in ("birth_date", "arrival_date", "permanent_since"):
            try:
                dates[field] = parse_date(cell(field))
            except ValueError as exc:
                row_errors.append(RowError(number, mapping[field], str(exc)))
                dates[field] = (None, False)
        sex = _SEX.get(fold(_text(cell("sex"))))
        if sex is None:
            row_errors.append(
                RowError(
                    number,
                    mapping.get("sex", ""),
                    _(
                        "Unbekannte Angabe zum Geschlecht „{value}“ (erwartet w, m, d oder leer)."
                    ).format(value=_text(cell("sex"))[:20]),
                )
            )
            sex = "u"
        draft = ClientDraft(
            family_name=_text(cell("family_name")),
            given_name=_text(cell("given_name")),
            birth_date=dates["birth_date"][0],
            birth_year_only=dates["birth_date"][1],
            sex=sex,
            nationality=_text(cell("nationality")),
            language=_text(cell("language")),
            arrival_date=dates["arrival_date"][0],
            permanent_since=dates["permanent_since"][0],
        )
        try:
            draft = validate_client(draft, today)
        except FieldErrors as exc:
            reported = {e.column for e in row_errors}
            for field, problem in exc.errors.items():
                column = mapping.get(field, _(FIELD_LABELS.get(field, field)))
                if column not in reported:
                    row_errors.append(RowError(number, column, problem))
        if row_errors:
            errors.extend(row_errors)
        else:
            parsed.append(ParsedRow(number, draft))
    return parsed, errors
