"""The coordinator's side: keys, trusted offices, the service reading and aggregating real
office files, the workbook and the PDF, and the ``lotse coordinator`` commands."""

from __future__ import annotations

import argparse
import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa
from openpyxl import load_workbook

from app.cli_coordinator import add_parsers, cmd_coordinator
from app.domain.yearly_report import YearlyReport
from app.errors import AccessDenied, LotseError, UsageError
from app.export.coordinator_keys import (
    CERT_FILE,
    KEY_FILE,
    common_name,
    create_keys,
    unlock_key,
    write_keys,
)
from app.export.trusted_offices import add_trusted, load_trusted
from app.services.coordinator import CoordinatorResult, aggregate_files, load_key
from tests.app.office_files import (
    NAMES,
    YEAR,
    coordinator,
    flat,
    make_office,
    write_office_files,
)

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler missing")
needs_openssl = pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl missing")
PASS = "Landeskoordination-2025-Kiel"


# -- keys and trust -----------------------------------------------------------------
def test_keygen_writes_an_rsa_key_and_a_ten_year_certificate(tmp_path: Path) -> None:
    keys = create_keys("Landeskoordination Test", passphrase=PASS)
    key_path, cert_path = write_keys(tmp_path / "keys", keys)
    assert b"ENCRYPTED PRIVATE KEY" in key_path.read_bytes()
    assert key_path.stat().st_mode & 0o777 == 0o600
    cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
    assert common_name(cert) == "Landeskoordination Test"
    public = cert.public_key()
    assert isinstance(public, rsa.RSAPublicKey) and public.key_size == 3072
    years = cert.not_valid_after_utc.year - cert.not_valid_before_utc.year
    assert years == 10
    with pytest.raises(UsageError, match="bereits"):
        write_keys(tmp_path / "keys", keys)
    with pytest.raises(AccessDenied):
        unlock_key(keys.key_pem, keys.cert_pem, "falsch")
    other = create_keys()
    with pytest.raises(UsageError, match="gehören nicht zusammen"):
        unlock_key(other.key_pem, keys.cert_pem, None)


@needs_openssl
def test_standard_tools_read_the_keys_and_the_office_file(tmp_path: Path) -> None:
    office = make_office(1, "KI")
    coord = coordinator(tmp_path, [office])
    (tmp_path / "k.pem").write_bytes(coord.key.key_pem)
    paths, _reports = write_office_files(tmp_path / "in", [office], coord.keys.cert_pem)
    out = subprocess.run(
        ["openssl", "cms", "-decrypt", "-inform", "DER", "-in", str(paths[0]),
         "-inkey", str(tmp_path / "k.pem"), "-out", str(tmp_path / "plain.zip")],
        capture_output=True, check=False,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "plain.zip").read_bytes().startswith(b"PK\x03\x04")


def test_trusted_offices_are_added_once_and_listed(tmp_path: Path) -> None:
    office = make_office(1, "KI")
    cert = x509.load_pem_x509_certificate(office.seal.cert_pem)
    first, added = add_trusted(tmp_path / "t", cert)
    again, added_again = add_trusted(tmp_path / "t", cert)
    assert added and not added_again and first == again
    assert list(load_trusted(tmp_path / "t")) == [first.fingerprint]
    assert first.name == "Dienstsiegel MBE KI Nr. 1"
    (tmp_path / "t" / "junk.pem").write_text("kein Zertifikat")
    with pytest.raises(UsageError, match=r"junk\.pem"):
        load_trusted(tmp_path / "t")


# -- the service, the workbook and the PDF --------------------------------------------
@pytest.fixture(scope="module")
def run(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, list[YearlyReport], CoordinatorResult]:
    root = tmp_path_factory.mktemp("coordinator")
    offices = [make_office(n, d) for n, d in enumerate(["KI", "KI", "PLÖ", "FL", "KI"], 1)]
    absent = make_office(9, "NF")  # trusted, but sends nothing
    coord = coordinator(root, [*offices, absent])
    files, reports = write_office_files(root / "in", offices, coord.keys.cert_pem)
    result = aggregate_files(
        files, year=YEAR, key=coord.key, trusted_dir=coord.trusted, out_dir=root / "out",
        names=NAMES,
    )  # fmt: skip
    assert result.all_accepted and result.missing == ("Dienstsiegel MBE NF Nr. 9",)
    return root / "out", reports, result


def test_the_workbook_has_a_sheet_per_table_with_state_and_districts(
    run: tuple[Path, list[YearlyReport], CoordinatorResult],
) -> None:
    out, reports, result = run
    assert result.aggregate is not None
    book = load_workbook(out / f"Landesstatistik_{YEAR}.xlsx")
    names = book.sheetnames
    assert (names[0], names[-1], len(names)) == ("Übersicht", "Qualität", 20)
    assert names[5] == "05 Personen nach Geschlecht…"
    assert names[7] == "07 Personen nach Staatsangehör…"
    assert all(len(n) <= 31 for n in names) and len({n.casefold() for n in names}) == 20
    sheet = book[names[5]]
    assert sheet["A1"].value == "Personen nach Geschlecht und Hauptangebot"
    assert [c.value for c in sheet[2]] == [
        "Kreis/Stadt", "Merkmal", "Integrationsbegleitung", "Krisenberatung",
        "punktuelle Beratung", "nur Erstberatung oder sonstiger Kontakt", "Summe",
    ]  # fmt: skip
    assert sheet.freeze_panes == "C3"
    rows = list(sheet.iter_rows(min_row=3))
    areas = [r[0].value for r in rows]
    assert areas[:5] == ["Schleswig-Holstein"] * 5
    assert areas[5:10] == ["Plön (Kreis)"] * 5  # PLÖ comes before KI and FL in DISTRICTS
    assert {"Kiel (kreisfreie Stadt)", "Flensburg (kreisfreie Stadt)"} <= set(areas)
    state = next(t for t in result.aggregate.total if t.key == "sex")
    for row, figures in zip(rows[:4], state.cells, strict=True):
        for cell, figure in zip(row[2:6], figures, strict=True):
            if not figure.shown:
                assert cell.value == "."
            else:
                assert cell.value == figure.value
                assert (cell.number_format == '"≥ "0') == (not figure.complete)
    totals = [t.total for r in reports for t in r.tables if t.key == "sex"]
    grand = rows[4][6]
    assert rows[4][1].value == "Summe"
    if None not in totals:  # every office published its total: the state's is exact
        assert grand.value == sum(v for v in totals if v is not None)
    overview = [c for row in book["Übersicht"].iter_rows(values_only=True) for c in row if c]
    assert "Dienstsiegel MBE NF Nr. 9" in overview
    quality = list(book["Qualität"].iter_rows(min_row=3, values_only=True))
    door = [r for r in quality if r[0] == "Stufenloser Zugang zu den Beratungsräumen"]
    assert {r[1] for r in door} <= {"ja", "nein"} and sum(r[2] for r in door) == len(reports)


@needs_poppler
def test_the_pdf_report_reads_back(
    run: tuple[Path, list[YearlyReport], CoordinatorResult],
) -> None:
    out, _reports, result = run
    pdf = out / f"Landesstatistik_{YEAR}.pdf"
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for expected_text in (
        f"Landesstatistik Migrationsberatung {YEAR}",
        "5 Jahresmeldungen zusammengeführt.",
        "1. Personen nach Angebot, mit mitberatenen Familienangehörigen",
        "5. Personen nach Geschlecht und Hauptangebot",
        "Kiel (kreisfreie Stadt)",
        "Dienstsiegel MBE NF Nr. 9",
        "Qualitätskriterien",
    ):
        assert expected_text in text
    assert result.aggregate is not None
    bounds = [f for t in result.aggregate.total for f in flat(t) if f.shown and not f.complete]
    assert all(f"≥ {f.value}" in text for f in bounds)
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    listed = fonts.stdout.splitlines()[2:]
    assert listed and all(row.split()[-5] == "yes" for row in listed), fonts.stdout


# -- the command line ---------------------------------------------------------------
def cli(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="lotse")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--passphrase-file", type=Path, default=None)
    sub = parser.add_subparsers(dest="command")
    add_parsers(sub, [common])
    args = parser.parse_args(argv)
    try:
        return cmd_coordinator(args, None)  # type: ignore[arg-type]
    except LotseError as exc:
        print(exc.message)
        return exc.exit_code


def test_the_commands_from_keygen_to_aggregate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LOTSE_PASSPHRASE", raising=False)
    secret = tmp_path / "pass.txt"
    secret.write_text(PASS)
    keys = tmp_path / "keys"
    assert cli("coordinator", "keygen", "--out", str(keys), "--passphrase-file", str(secret)) == 0
    assert "Fingerabdruck (SHA-256): " in capsys.readouterr().out
    office = make_office(1, "SE")
    cert_file = tmp_path / "office.pem"
    cert_file.write_bytes(office.seal.cert_pem)
    trusted = str(tmp_path / "trusted")
    monkeypatch.setattr("sys.stdin", open("/dev/null"))  # noqa: SIM115  # not a terminal
    assert cli("coordinator", "trust", str(cert_file), "--trusted", trusted) == 2
    assert "--yes" in capsys.readouterr().out and not (tmp_path / "trusted").exists()
    assert cli("coordinator", "trust", str(cert_file), "--trusted", trusted, "--yes") == 0
    assert "Dienstsiegel MBE SE Nr. 1" in capsys.readouterr().out
    cert_pem = (keys / CERT_FILE).read_bytes()
    files, _reports = write_office_files(tmp_path / "in", [office], cert_pem)
    garbage = tmp_path / "in" / "kaputt.zip.p7m"
    garbage.write_bytes(b"\x30" + bytes(100))
    base = [
        "coordinator",
        "aggregate",
        "--year",
        str(YEAR),
        "--key",
        str(keys / KEY_FILE),
        "--cert",
        str(keys / CERT_FILE),
        "--trusted",
        trusted,
        "--passphrase-file",
        str(secret),
    ]
    out = tmp_path / "out"
    assert cli(*base, "--out", str(out), str(files[0])) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"{files[0].name} wurde übernommen."
    assert (out / f"Landesstatistik_{YEAR}.xlsx").exists()
    assert cli(*base, "--out", str(out), str(files[0]), str(garbage)) == 1
    printed = capsys.readouterr().out
    assert "kaputt.zip.p7m wurde abgelehnt: Die Datei lässt sich" in printed
    empty = tmp_path / "empty"
    assert cli(*base, "--out", str(empty), str(garbage)) == 1
    assert "nichts geschrieben" in capsys.readouterr().out and not empty.exists()
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("falsch-falsch-falsch")
    base[-1] = str(wrong)
    assert cli(*base, "--out", str(out), str(files[0])) == 3
    with pytest.raises(SystemExit) as usage:
        cli(*base, "--out", str(out), "--year", "25", str(files[0]))
    assert usage.value.code == 2


def test_load_key_refuses_a_missing_key_file(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="kann nicht gelesen werden"):
        load_key(tmp_path / "none.pem", tmp_path / "none.crt", None)


def test_a_certificate_handed_in_that_cannot_be_read_is_named_without_a_folder_hint(
    tmp_path: Path,
) -> None:
    from app.errors import UsageError
    from app.export.trusted_offices import read_certificate

    with pytest.raises(UsageError) as missing:
        read_certificate(tmp_path / "fehlt.pem")
    assert "fehlt.pem ist kein lesbares Zertifikat" in missing.value.message
    assert "Ordner" not in missing.value.message
