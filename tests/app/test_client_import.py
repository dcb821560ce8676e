"""Importing client lists from real files: CSV (BOM, cp1252), XLSX, broken ones."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from app.domain.client import ClientDraft
from app.domain.import_rows import guess_mapping, parse_date
from app.errors import UsageError
from app.services.client_import import import_clients, read_table
from app.services.clients import add_client, search_clients
from app.services.session import OfficeSession
from tests.app.test_cli import lotse

TODAY = dt.date(2026, 11, 25)
HEADER = "Nachname;Vorname;Geburtsdatum;Geschlecht;Staatsangehörigkeit;Sprache;Einreise"
GOOD_ROWS = [
    "Müller;Jürgen;03.04.1970;m;DEU;de;",
    "Haddad;Rania;1992;w;SYR;ar;01.09.2025",
    "Коваленко;Ольга;1985-08-08;weiblich;UKR;uk;2024-04-01",
]


def _csv(rows: list[str], encoding: str = "utf-8-sig") -> bytes:
    return ("\r\n".join([HEADER, *rows]) + "\r\n").encode(encoding)


def test_semicolon_csv_with_bom(session: OfficeSession) -> None:
    table = read_table(_csv(GOOD_ROWS), "liste.csv")
    assert table.header[0] == "Nachname"  # BOM removed
    report = import_clients(session, table, today=TODAY)
    assert report.ok and report.imported == 3
    haddad = search_clients(session, "Haddad")[0]
    assert haddad.birth_date == dt.date(1992, 1, 1)
    assert search_clients(session, "Ольга")


def test_windows_1252_csv(session: OfficeSession) -> None:
    data = _csv(["Müller;Jürgen;03.04.1970;m;DEU;de;", "Weiß;Zoë;1.2.1990;w;;;"], "cp1252")
    report = import_clients(session, read_table(data, "alt.csv"), today=TODAY)
    assert report.imported == 2
    assert [c.given_name for c in search_clients(session, "Weiß")] == ["Zoë"]


def test_xlsx_with_real_dates(session: OfficeSession, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Familienname", "Vorname", "Geb.-Datum", "Geschlecht"])
    sheet.append(["Yılmaz", "Hüseyin", dt.datetime(1975, 11, 30), "m"])
    sheet.append(["Ahmadi", "Zahra", 1999, "w"])
    path = tmp_path / "liste.xlsx"
    book.save(path)
    table = read_table(path.read_bytes(), path.name)
    report = import_clients(
        session,
        table,
        {
            "family_name": "Familienname",
            "given_name": "Vorname",
            "birth_date": "Geb.-Datum",
            "sex": "Geschlecht",
        },
        today=TODAY,
    )
    assert report.imported == 2
    assert search_clients(session, "Yılmaz")[0].birth_date == dt.date(1975, 11, 30)


def test_one_bad_row_imports_nothing_and_names_row_and_column(session: OfficeSession) -> None:
    rows = [*GOOD_ROWS, "Nur;Einer;31.02.1990;m;;;", ";Ohne Nachnamen;;q;Syrien;;", ""]
    report = import_clients(session, read_table(_csv(rows), "x.csv"), today=TODAY)
    assert report.imported == 0
    assert search_clients(session, "Müller") == []
    problems = {(e.row, e.column) for e in report.errors}
    assert (5, "Geburtsdatum") in problems
    assert {(6, "Nachname"), (6, "Geschlecht"), (6, "Staatsangehörigkeit")} <= problems
    assert all(e.problem for e in report.errors)


def test_dry_run_saves_nothing(session: OfficeSession) -> None:
    report = import_clients(
        session, read_table(_csv(GOOD_ROWS), "x.csv"), dry_run=True, today=TODAY
    )
    assert report.ok and report.dry_run and report.rows == 3
    assert search_clients(session, "") == []


def test_duplicates_against_office_and_within_file(session: OfficeSession) -> None:
    add_client(session, ClientDraft("Mueller", "Juergen", dt.date(1970, 4, 3)), TODAY)
    rows = [*GOOD_ROWS, "Haddad;Rania;1992;w;SYR;ar;"]
    table = read_table(_csv(rows), "x.csv")
    report = import_clients(session, table, dry_run=True, today=TODAY)
    assert {(d.row, d.existing) for d in report.duplicates} == {(2, "K-00001"), (5, "Zeile 3")}
    report = import_clients(session, table, skip_duplicates=True, today=TODAY)
    assert report.imported == 2 and report.skipped == 2
    assert len(search_clients(session, "Haddad")) == 1


def test_bad_files_are_refused_clearly() -> None:
    with pytest.raises(UsageError, match="Excel"):
        read_table(b"PK\x03\x04 not really a zip", "liste.xlsx")
    with pytest.raises(UsageError, match="leer"):
        read_table(b"", "leer.csv")
    with pytest.raises(UsageError, match="UTF-8"):
        read_table(b"Name;Vorname\r\n\x81\x8d;x\r\n", "kaputt.csv")


def test_mapping_problems_are_named(session: OfficeSession) -> None:
    table = read_table(b"Spalte A;Spalte B\r\nx;y\r\n", "x.csv")
    with pytest.raises(UsageError, match="Familienname"):
        import_clients(session, table, today=TODAY)
    with pytest.raises(UsageError, match="Spalte C"):
        import_clients(
            session, table, {"family_name": "Spalte A", "given_name": "Spalte C"}, today=TODAY
        )


def test_header_guessing() -> None:
    mapping = guess_mapping(["Lfd. Nr.", "NACHNAME", "Vorname(n)", "Geb. Datum", "Nationalität"])
    assert mapping == {
        "family_name": "NACHNAME",
        "given_name": "Vorname(n)",
        "birth_date": "Geb. Datum",
        "nationality": "Nationalität",
    }


@settings(max_examples=200)
@given(st.one_of(st.text(max_size=20), st.integers(-5, 99999), st.floats(allow_nan=True)))
def test_date_cells_never_crash(cell: object) -> None:
    try:
        value, _year_only = parse_date(cell)  # type: ignore[arg-type]
    except ValueError as exc:
        assert str(exc)
    else:
        assert value is None or isinstance(value, dt.date)


def test_cli_import_reports_rows_and_exits_2(tmp_path: Path) -> None:
    home = tmp_path / "o"
    assert lotse(home, "demo", "--clients", "0", passphrase=None).returncode == 0
    demo = {"passphrase": "Lotse-Demo-2026!"}
    bad = tmp_path / "bad.csv"
    bad.write_bytes(_csv([*GOOD_ROWS, "X;Y;2090;m;;;"]))
    out = lotse(home, "import", "clients", str(bad), "--user", "beratung", **demo)
    assert out.returncode == 2
    assert "Zeile 5, Spalte Geburtsdatum" in out.stdout
    assert "nichts gespeichert" in out.stdout
    good = tmp_path / "good.csv"
    good.write_bytes(_csv(GOOD_ROWS))
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps({"family_name": "Nachname", "given_name": "Vorname"}))
    out = lotse(
        home,
        "import",
        "clients",
        str(good),
        "--mapping",
        str(mapping),
        "--json",
        "--user",
        "beratung",
        **demo,
    )
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert doc["imported"] == 3 and doc["errors"] == []
