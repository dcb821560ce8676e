"""Print and save PDFs that exist only in memory.

Documents hold personal data, so they never touch the disk unencrypted: QtPdf reads the
bytes from a QBuffer, each page is rendered into an image and painted onto the printer.
"Als PDF speichern" writes exactly where the user chose and nowhere else.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog, QWidget

from app.atomic import write_atomic
from app.errors import UsageError
from app.i18n import _

# Rendering at the printer's full resolution (600 dpi and more) needs ~140 MB per page;
# 300 dpi is sharp on paper and keeps memory low on old office PCs.
MAX_DPI = 300


class PdfInMemory:
    """A PDF loaded from bytes; the buffer lives as long as the document."""

    def __init__(self, data: bytes) -> None:
        self._bytes = QByteArray(data)
        self.buffer = QBuffer()
        self.buffer.setData(self._bytes)
        self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument()
        self.document.load(self.buffer)
        if self.document.status() != QPdfDocument.Status.Ready:
            raise UsageError(_("Das Dokument konnte nicht gelesen werden."))

    def page_count(self) -> int:
        return int(self.document.pageCount())

    def render(self, page: int, dpi: int) -> QImage:
        points = self.document.pagePointSize(page)
        size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
        return self.document.render(page, size)


def new_printer() -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF()
        )
    )
    # The PDF carries its own margins; the printer must not add more.
    printer.setFullPage(True)
    return printer


def print_to(printer: QPrinter, data: bytes) -> int:
    """Paint every page of the PDF ``data`` onto ``printer``; returns the pages printed."""
    pdf = PdfInMemory(data)
    dpi = min(MAX_DPI, printer.resolution())
    painter = QPainter()
    if not painter.begin(printer):
        raise UsageError(_("Der Drucker ist nicht bereit. Das Dokument bleibt gespeichert."))
    try:
        for page in range(pdf.page_count()):
            if page:
                printer.newPage()
            image = pdf.render(page, dpi)
            paper = printer.pageLayout().fullRectPixels(printer.resolution()).size()
            # On Letter or other paper the A4 page keeps its proportions, top left.
            fitted = image.size().scaled(paper, Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(QPoint(0, 0), fitted), image)
    finally:
        painter.end()
    return pdf.page_count()


def print_with_dialog(parent: QWidget, data: bytes) -> bool:
    """The system print dialog, then print; False when the user cancelled."""
    printer = new_printer()
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_("Drucken"))
    # A signed document is printed whole: no page ranges, no "selection".
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, False)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintSelection, False)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    print_to(printer, data)
    return True


def save_pdf_as(parent: QWidget, data: bytes, suggested_name: str) -> Path | None:
    """Ask where to save and write there; None when the user cancelled."""
    chosen, _filter = QFileDialog.getSaveFileName(
        parent,
        _("Als PDF speichern"),
        str(Path.home() / suggested_name),
        _("PDF-Dokumente (*.pdf)"),
    )
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != ".pdf":
        path = path.with_suffix(".pdf")
    write_atomic(path, data)
    return path
