"""Shows a PDF held in memory, with Print and Save as PDF.

No viewer program is started: that would need an unencrypted file on disk.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QKeySequence
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from app.errors import LotseError
from app.i18n import _
from ui.printing import PdfInMemory, print_with_dialog, save_pdf_as
from ui.widgets.common import resize_to_text
from ui.widgets.field_error import FieldError


class PdfViewDialog(QDialog):
    def __init__(
        self,
        title: str,
        data: bytes,
        suggested_name: str,
        parent: QWidget | None = None,
        *,
        on_output: Callable[[str], None] | None = None,
    ) -> None:
        """``on_output("print" | "save")`` runs after the document left the program."""
        super().__init__(parent)
        self.setWindowTitle(title)
        self._data = data
        self._name = suggested_name
        self._on_output = on_output
        self.pdf = PdfInMemory(data)
        self.view = QPdfView(self)
        self.view.setAccessibleName(_("Vorschau"))
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.pdf.document)
        self.status = QLabel()
        self.error = FieldError()
        buttons = QDialogButtonBox()
        self.print_button = buttons.addButton(
            _("Drucken …"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.print_button.setShortcut(QKeySequence.StandardKey.Print)
        self.print_button.setToolTip(_("Drucken (Strg+P)"))
        self.save_button = buttons.addButton(
            _("Als PDF speichern …"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        self.save_button.setToolTip(_("Als PDF speichern (Strg+S)"))
        close = buttons.addButton(_("Schließen"), QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_document)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        resize_to_text(self, 90, 40)
        self.print_button.setFocus()

    def print_document(self) -> None:
        try:
            if not print_with_dialog(self, self._data):
                return
        except LotseError as exc:
            self.error.set_message(exc.message)
            return
        self.status.setText(_("An den Drucker gesendet."))
        if self._on_output is not None:
            self._on_output("print")

    def save_document(self) -> None:
        try:
            path = save_pdf_as(self, self._data, self._name)
        except OSError:
            self.error.set_message(
                _("Die Datei konnte dort nicht gespeichert werden. Bitte einen anderen Ort wählen.")
            )
            return
        if path is None:
            return
        self.status.setText(_("Gespeichert unter {path}").format(path=path))
        if self._on_output is not None:
            self._on_output("save")
