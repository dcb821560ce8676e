"""The emergency sheet: one byte-stable A4 page that poppler reads back."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.documents.recovery_sheet import RecoverySheet, build_recovery_sheet
from app.domain.recovery_key import format_recovery_key
from app.errors import UsageError
from app.i18n import catalogue_path, current_language, set_language

DATA_KEY = bytes.fromhex("00ff" * 4 + "a1b2c3d4e5f60718" * 3)
needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
    reason="poppler-utils not installed",
)


@pytest.fixture(autouse=True)
def german() -> Iterator[None]:
    before = current_language()
    set_language("de")
    yield
    set_language(before)


def _sheet(**changes: str) -> RecoverySheet:
    values: dict[str, str] = {
        "office_name": "Migrationsberatung Plön & Umgebung",
        "provider": "Diakonisches Werk Schleswig-Holstein",
        "district": "PLÖ",
        "recovery_key": format_recovery_key(DATA_KEY),
        "keyfile_id": "kf-3f9a1c",
        **changes,
    }
    return RecoverySheet(created=dt.date(2026, 11, 24), **values)


def _poppler(tool: str, pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "sheet.pdf"
    path.write_bytes(pdf)
    args = [tool, str(path), "-"] if tool == "pdftotext" else [tool, str(path)]
    result = subprocess.run(args, capture_output=True, text=True, check=True, timeout=60)
    return result.stdout


def _normalised(text: str) -> str:
    return " ".join(text.split())


def test_is_pdf_and_byte_stable() -> None:
    first = build_recovery_sheet(_sheet())
    second = build_recovery_sheet(_sheet())
    assert first.startswith(b"%PDF-")
    assert first == second


def test_different_key_gives_different_pdf() -> None:
    other = format_recovery_key(bytes(32))
    assert build_recovery_sheet(_sheet()) != build_recovery_sheet(_sheet(recovery_key=other))


@needs_poppler
def test_text_read_back(tmp_path: Path) -> None:
    sheet = _sheet()
    pdf = build_recovery_sheet(sheet)
    raw = _poppler("pdftotext", pdf, tmp_path)
    text = _normalised(raw)

    assert "Notfallblatt: Wiederherstellungsschlüssel" in text
    assert "Migrationsberatung Plön & Umgebung" in text
    assert "Diakonisches Werk Schleswig-Holstein" in text
    assert "Plön (Kreis)" in text
    assert "24.11.2026" in text
    assert "Bitte sicher aufbewahren (z. B. im Tresor)." in text
    assert "kann alle Daten der Beratungsstelle lesen." in text
    assert "Schlüsseldatei-ID: kf-3f9a1c" in text
    assert "Seite 1 von 1" in text
    assert "sqlcipher office.lotse" in text

    groups = sheet.recovery_key.split("-")
    assert len(groups) == 16
    for group in groups:
        assert group in text
    # Four lines of four groups each, in order.
    key_lines = [
        line.strip() for line in raw.splitlines() if re.fullmatch(r"\s*[0-9A-F-]{19}\s*", line)
    ]
    assert key_lines == ["-".join(groups[i : i + 4]) for i in range(0, 16, 4)]

    expected = "PRAGMA key = \"x'" + DATA_KEY.hex() + "'\";"
    assert DATA_KEY.hex() == DATA_KEY.hex().lower()
    assert expected in text


@needs_poppler
def test_one_page_even_with_long_names(tmp_path: Path) -> None:
    long_name = "Beratungsstelle für Migration und Integration " * 12
    pdf = build_recovery_sheet(_sheet(office_name=long_name, provider=long_name))
    assert re.search(r"^Pages:\s+1$", _poppler("pdfinfo", pdf, tmp_path), re.MULTILINE)
    text = _normalised(_poppler("pdftotext", pdf, tmp_path))
    assert "PRAGMA key = \"x'" + DATA_KEY.hex() + "'\";" in text


@needs_poppler
def test_markup_in_names_is_text(tmp_path: Path) -> None:
    pdf = build_recovery_sheet(_sheet(office_name="<b>Büro</b> & Co", district="Altona"))
    text = _normalised(_poppler("pdftotext", pdf, tmp_path))
    assert "<b>Büro</b> & Co" in text
    assert "Altona" in text


def test_key_typed_without_dashes_is_accepted() -> None:
    plain = DATA_KEY.hex()
    assert build_recovery_sheet(_sheet(recovery_key=plain)) == build_recovery_sheet(_sheet())


def test_bad_key_is_refused() -> None:
    with pytest.raises(UsageError):
        build_recovery_sheet(_sheet(recovery_key="ABCD-EFGH"))


@pytest.mark.skipif(not catalogue_path("en").exists(), reason="no English catalogue yet")
def test_english_build() -> None:
    set_language("en")
    assert build_recovery_sheet(_sheet()).startswith(b"%PDF-")
