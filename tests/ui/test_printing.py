"""Printing renders the PDF from memory onto the printer; saving writes only the chosen file."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot
from reportlab.pdfgen import canvas

from ui.dialogs.pdf_view_dialog import PdfViewDialog
from ui.printing import PdfInMemory, new_printer, print_to


def three_pages() -> bytes:
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, invariant=1)
    for n in range(1, 4):
        pdf.setFont("Helvetica", 48)
        pdf.drawString(72, 700, f"Seite {n}")
        pdf.showPage()
    pdf.save()
    return buf.getvalue()


def dark_share(image: QImage) -> float:
    """Share of sampled pixels that are not white: ink on the page."""
    dark = total = 0
    for y in range(0, image.height(), 7):
        for x in range(0, image.width(), 7):
            total += 1
            dark += image.pixelColor(x, y).lightness() < 128
    return dark / total


def test_printing_to_a_pdf_printer_gives_every_page_with_ink(qapp: object, tmp_path: Path) -> None:
    printer = new_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    target = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(target))

    assert print_to(printer, three_pages()) == 3

    info = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True, check=True)
    assert "Pages:           3" in info.stdout
    assert "A4" in info.stdout
    printed = PdfInMemory(target.read_bytes())
    for page in range(3):
        assert dark_share(printed.render(page, 40)) > 0.001
    # Nothing else was written next to the chosen output.
    assert [p.name for p in tmp_path.iterdir()] == ["printed.pdf"]


def test_a_broken_pdf_is_refused_with_a_sentence(qapp: object) -> None:
    from app.errors import UsageError

    with pytest.raises(UsageError, match="nicht gelesen"):
        PdfInMemory(b"%PDF-1.7 broken")


def test_save_as_writes_only_where_chosen(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = tmp_path / "Vereinbarung"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(chosen), ""))
    )
    outputs: list[str] = []
    data = three_pages()
    dialog = PdfViewDialog("Test", data, "x.pdf", on_output=outputs.append)
    qtbot.addWidget(dialog)
    dialog.save_button.click()
    assert (tmp_path / "Vereinbarung.pdf").read_bytes() == data
    assert outputs == ["save"]
    assert "Vereinbarung.pdf" in dialog.status.text()
    assert dialog.pdf.page_count() == 3
