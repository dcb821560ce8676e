"""The summary PDF of the yearly file, read back with poppler, and its bar charts."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from reportlab.graphics.shapes import Rect, String
from reportlab.pdfbase.pdfmetrics import stringWidth

from app.documents.fonts import SANS, register_fonts
from app.domain.yearly_report import CountTable
from app.export.charts import ELLIPSIS, bar_chart, bar_charts, fit_text
from app.export.summary_pdf import grid_layout, summary_pdf
from app.i18n import current_language, set_language
from tests.app.test_export_file import TITLES, label_of, sample_report, title_of

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
    reason="poppler-utils not installed",
)


def _poppler(tool: str, pdf: bytes, tmp_path: Path, *args: str) -> str:
    path = tmp_path / "summary.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(
        [tool, *args, str(path), *(["-"] if tool == "pdftotext" else [])],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return result.stdout


def test_byte_stable() -> None:
    first = summary_pdf(sample_report(), title_of, label_of)
    assert first.startswith(b"%PDF-")
    assert first == summary_pdf(sample_report(), title_of, label_of)


@needs_poppler
def test_text_holds_titles_numbers_and_the_threshold_note(tmp_path: Path) -> None:
    report = sample_report()
    text = _poppler("pdftotext", summary_pdf(report, title_of, label_of), tmp_path)
    flat = " ".join(text.split())
    assert "Jahresmeldung 2025" in flat
    assert "Migrationsberatung Plön & Umgebung – Süd" in flat
    assert "Plön (Kreis)" in flat
    assert "Lotse 0.1.0" in flat
    assert "Anzahlen unter 5 sind durch „.“ ersetzt" in flat
    for number, key in enumerate(TITLES, start=1):
        assert f"{number}. {TITLES[key]}" in flat
    layout = _poppler("pdftotext", summary_pdf(report, title_of, label_of), tmp_path, "-layout")
    assert re.search(r"Beratungskräfte \(Personen\)\s+4\n", layout)
    assert re.search(r"Offene Sprechstunde ohne Termin\s+nein\n", layout)
    assert re.search(r"Zugang zu Sprachmittlung\s+Telefon- oder Videodolmetschen\n", layout)
    assert re.search(r"Schriftliches Beratungskonzept liegt vor\s+ja\n", layout)
    assert "Erreichbarkeit und Zugänglichkeit" in layout  # answers grouped by area
    contacts = report.tables[4]
    assert re.search(rf"persönlich\s+280\s+132\s+{contacts.row_totals[0]}\n", layout)
    assert re.search(rf"Summe\s+461\s+241\s+{contacts.total}\n", layout)
    assert re.search(r"Video\s+\.\s+\.\s+\.\n", layout)  # suppressed cells
    assert "Seite 1 von" in flat


@needs_poppler
def test_fonts_are_embedded(tmp_path: Path) -> None:
    listing = _poppler("pdffonts", summary_pdf(sample_report(), title_of, label_of), tmp_path)
    fonts = [line.split() for line in listing.splitlines()[2:] if line.strip()]
    assert fonts, listing
    assert all("NotoSans" in row[0] for row in fonts), listing
    assert all(row[-5] == "yes" for row in fonts), listing  # the "emb" column


@needs_poppler
def test_every_page_renders(tmp_path: Path) -> None:
    pdf = summary_pdf(sample_report(), title_of, label_of)
    info = _poppler("pdfinfo", pdf, tmp_path)
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    assert "A4" in info
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", str(tmp_path / "summary.pdf"), str(tmp_path / "page")],
        check=True,
        timeout=120,
    )
    rendered = sorted(tmp_path.glob("page-*.png"))
    assert len(rendered) == pages >= 2
    assert all(p.stat().st_size > 5_000 for p in rendered)


def test_the_file_is_german_whatever_the_ui_language() -> None:
    before = current_language()
    set_language("en")
    try:
        english_ui = summary_pdf(sample_report(), title_of, label_of)
        assert current_language() == "en"
    finally:
        set_language(before)
    assert english_ui == summary_pdf(sample_report(), title_of, label_of)


@needs_poppler
def test_wide_and_long_tables_split_into_blocks_and_pages(tmp_path: Path) -> None:
    rows = tuple(f"n{i:02d}" for i in range(60))
    columns = tuple(f"c{j:02d}" for j in range(20))
    cells = tuple(tuple(7 + i + j for j in range(20)) for i in range(60))
    big = CountTable(
        "nationality",
        rows,
        columns,
        cells,
        tuple(sum(r) for r in cells),
        tuple(sum(r[j] for r in cells) for j in range(20)),
        sum(map(sum, cells)),
    )
    pdf = summary_pdf(sample_report(tables=(big,), quality=()), title_of, label_of)
    text = _poppler("pdftotext", pdf, tmp_path)
    assert "c19" in text
    assert str(big.total) in text
    assert "Keine Angaben." in text
    info = _poppler("pdfinfo", pdf, tmp_path)
    assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) >= 4  # type: ignore[union-attr]


def test_grid_layout_fits_the_page() -> None:
    width = 500.0
    heads = [f"Spalte {j}" for j in range(20)] + ["Summe"]
    layout = grid_layout(["kurz", "etwas länger"], heads, width)
    assert [j for g in layout.groups for j in g] == list(range(20))
    for group in layout.groups:  # every block fits, with the totals column
        used = sum(layout.widths[j] for j in group) + layout.widths[-1]
        assert layout.label_width + used <= width
    few = grid_layout(
        ["Erstberatung"], ["Integrationsbegleitung", "Krisenberatung", "Summe"], width
    )
    assert len(few.groups) == 1
    assert few.head_size == 8.0
    # the long word fits its column at the heading size: no split inside it
    word = stringWidth("Integrationsbegleitung", "LotseSans-Bold", few.head_size)
    assert few.widths[0] >= word + 6
    assert min(few.widths) > min(layout.widths)


def _strings(drawing: object) -> list[str]:
    return [s.text for s in drawing.contents if isinstance(s, String)]  # type: ignore[attr-defined]


def _bars(drawing: object) -> list[float]:
    return [r.width for r in drawing.contents if isinstance(r, Rect)]  # type: ignore[attr-defined]


def test_bar_chart_marks_suppressed_values_without_a_bar() -> None:
    drawing = bar_chart(
        ["Erstberatung", "Krisenberatung", "Integrationsbegleitung"], [26, None, 60], 400
    )
    assert drawing.width == 400
    assert _strings(drawing) == [
        "Erstberatung",
        "26",
        "Krisenberatung",
        ".",
        "Integrationsbegleitung",
        "60",
    ]
    short, long = _bars(drawing)
    assert long > short > 0
    assert short / long == pytest.approx(26 / 60)
    assert bar_chart([], [], 300).height > 0
    with pytest.raises(ValueError, match="differ"):
        bar_chart(["a"], [], 300)


def test_split_charts_share_one_scale() -> None:
    labels = [f"Zeile {i}" for i in range(90)]
    values: list[int | None] = [10 * (i + 1) for i in range(90)]
    pieces = bar_charts(labels, values, 400, rows_per_chart=40)
    assert [len(_bars(p)) for p in pieces] == [40, 40, 10]
    assert _bars(pieces[0])[9] == pytest.approx(_bars(pieces[2])[-1] / 9)


def test_long_labels_are_cut_with_an_ellipsis() -> None:
    register_fonts()
    text = "Staatsangehörigkeitsgruppe mit einem sehr langen Namen"
    cut = fit_text(text, 60, SANS, 8)
    assert cut.endswith(ELLIPSIS) and len(cut) < len(text)
    assert stringWidth(cut, SANS, 8) <= 60
    assert fit_text("kurz", 60, SANS, 8) == "kurz"
    drawing = bar_chart([text], [7], 200)
    assert _strings(drawing)[0].endswith(ELLIPSIS)
