"""Dokument prüfen: is this PDF sealed by this office, and unchanged since?"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.documents.verification import Verification
from app.i18n import _, format_datetime
from ui.operations import Operations, user_message
from ui.widgets.common import heading_label, resize_to_text
from ui.widgets.field_error import FieldError, error_colour


def verdict_lines(result: Verification) -> list[str]:
    if not result.signed:
        return list(result.problems) or [_("Das Dokument trägt kein elektronisches Siegel.")]
    lines = [_("Gesiegelt von: {name}").format(name=result.signer)]
    if result.signed_at is not None:
        lines.append(_("Am: {when}").format(when=format_datetime(result.signed_at)))
    if result.doc_ref:
        lines.append(_("Dokument-ID: {ref}").format(ref=result.doc_ref))
    lines.append(
        _("Seit dem Siegeln unverändert.") if result.unchanged else _("Nach dem Siegeln geändert!")
    )
    if result.office_match is True:
        lines.append(_("Das Siegel ist das dieser Beratungsstelle."))
    elif result.office_match is False:
        lines.append(_("Das Siegel stammt NICHT von dieser Beratungsstelle."))
    lines += list(result.problems)
    return lines


class VerifyDialog(QDialog):
    def __init__(
        self,
        verify: Callable[[bytes], Verification],
        ops: Operations,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Dokument prüfen"))
        self._verify = verify
        self._ops = ops
        self.result: Verification | None = None
        self.verdict = heading_label("", 1.2)
        self.details = QLabel()
        self.details.setWordWrap(True)
        # The signer's name comes from the PDF: shown as text, never as markup that could
        # hide the lines below it.
        for label in (self.verdict, self.details):
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.error = FieldError()
        choose = QPushButton(_("&PDF wählen …"))
        choose.clicked.connect(self.choose_file)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(choose, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.verdict)
        layout.addWidget(self.details)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(buttons)
        resize_to_text(self, 64, 12)

    def choose_file(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, _("Dokument prüfen"), str(Path.home()), _("PDF-Dokumente (*.pdf)")
        )
        if chosen:
            self.check_file(Path(chosen))

    def check_file(self, path: Path) -> None:
        try:
            data = path.read_bytes()
        except OSError:
            self.error.set_message(_("Die Datei kann nicht gelesen werden."))
            return
        self.error.clear_message()
        verify = self._verify
        self._ops.run(
            lambda: verify(data),
            self.show_result,
            lambda exc: self.error.set_message(user_message(exc)),
            context=self,
        )

    def show_result(self, result: Verification) -> None:
        self.result = result
        if result.valid:
            self.verdict.setText(_("Gültig"))
            self.verdict.setStyleSheet("")
        else:
            self.verdict.setText(_("Nicht gültig"))
            self.verdict.setStyleSheet(f"color: {error_colour(self)}")
        self.details.setText("\n".join(verdict_lines(result)))
