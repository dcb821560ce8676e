"""Einstellungen → Briefkopf: the logo printed at the top right of every document."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from app.i18n import _
from ui.document_services import DocumentServices
from ui.operations import Operations, user_message
from ui.widgets.common import confirmed
from ui.widgets.field_error import FieldError, hint_label

PREVIEW_HEIGHT_LINES = 3


class LetterheadGroup(QGroupBox):
    def __init__(self, docs: DocumentServices, ops: Operations, editable: bool) -> None:
        super().__init__(_("Briefkopf"))
        self._docs, self._ops = docs, ops
        self.preview = QLabel()
        self.preview.setAccessibleName(_("Logo im Briefkopf"))
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumHeight(self.fontMetrics().lineSpacing() * PREVIEW_HEIGHT_LINES)
        self.choose_button = QPushButton(_("&Logo wählen …"))
        self.choose_button.clicked.connect(self.choose)
        self.remove_button = QPushButton(_("Logo &entfernen"))
        self.remove_button.clicked.connect(self.remove)
        self.error = FieldError()
        row = QHBoxLayout()
        row.addWidget(self.preview)
        row.addWidget(self.choose_button)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        self.hint = hint_label(
            _(
                "Name, Träger und Anschrift kommen aus den Angaben der Beratungsstelle; "
                "das Logo (PNG oder JPEG) steht oben rechts."
            )
        )
        row.addWidget(self.hint, 1)  # one row: the settings page stays short
        layout.addWidget(self.error)
        for button in (self.choose_button, self.remove_button):
            button.setVisible(editable)
        self.remove_button.setEnabled(False)

    def load(self) -> None:
        self._ops.run(self._docs.logo, self.show_logo, self._failed, context=self)

    def show_logo(self, data: bytes | None) -> None:
        pixmap = QPixmap()
        if data and pixmap.loadFromData(data):
            height = self.preview.minimumHeight()
            self.preview.setPixmap(
                pixmap.scaledToHeight(height, Qt.TransformationMode.SmoothTransformation)
            )
        else:
            self.preview.setText(_("kein Logo"))
        self.remove_button.setEnabled(bool(data))

    def _failed(self, exc: BaseException) -> None:
        self.error.set_message(user_message(exc))

    def choose(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, _("Logo wählen"), str(Path.home()), _("Bilder (*.png *.jpg *.jpeg)")
        )
        if not chosen:
            return
        try:
            data = Path(chosen).read_bytes()
        except OSError:
            self.error.set_message(_("Die Datei kann nicht gelesen werden."))
            return
        self._store(data)

    def remove(self) -> None:
        if confirmed(self, _("Logo entfernen"), _("Das Logo aus dem Briefkopf entfernen?")):
            self._store(None)

    def _store(self, data: bytes | None) -> None:
        self.error.clear_message()
        store = self._docs.set_logo
        self._ops.run(lambda: store(data), lambda _r: self.show_logo(data), self._failed,
                      context=self)  # fmt: skip
