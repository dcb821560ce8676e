"""Record a consent signed after the intake: processing, or a release towards a named body."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.counselling import ConsentDraft, ConsentKind, ConsentRecord
from app.errors import FieldErrors
from app.i18n import _
from ui.intake_final_pages import FORM_VERSION
from ui.intake_pages import read_date
from ui.operations import Operations
from ui.widgets.date_field import DateField
from ui.widgets.field_error import FieldError, FieldForm, show_failure


class ConsentDialog(QDialog):
    def __init__(
        self,
        ops: Operations,
        add: Callable[[ConsentDraft], ConsentRecord],
        language: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Einwilligung erfassen"))
        self._ops = ops
        self._add = add
        self.saved: ConsentRecord | None = None
        self.kind = QComboBox()
        for kind in ConsentKind:
            self.kind.addItem(kind.label, kind)
        self.given_on = DateField()
        self.given_on.set_date(dt.date.today())
        self.third_party = QLineEdit()
        self.third_party.setPlaceholderText(_("z. B. Jobcenter Kiel"))
        self.form_version = QLineEdit(FORM_VERSION)
        self.language = QLineEdit(language)
        self.language.setMaxLength(2)
        self.paper_ref = QLineEdit()
        self.paper_ref.setPlaceholderText(_("z. B. Ordner 3, Blatt 12"))
        self.form = FieldForm()
        self.form.add("kind", _("&Art"), self.kind)
        self.form.add("given_on", _("&Unterschrieben am"), self.given_on)
        self.form.add("third_party", _("&Gegenüber (Stelle)"), self.third_party)
        self.form.add("form_version", _("&Formularversion"), self.form_version)
        self.form.add("language", _("&Sprache des Formulars"), self.language)
        self.form.add("paper_ref", _("&Ablage des Papiers"), self.paper_ref)
        self.error = FieldError()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form.layout)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self._kind_changed()

    def _kind_changed(self) -> None:
        release = self.kind.currentData() is ConsentKind.RELEASE
        self.form.set_row_visible("third_party", release)

    def draft(self) -> ConsentDraft:
        errors: dict[str, str] = {}
        given_on = read_date(self.given_on, "given_on", errors)
        if errors:
            raise FieldErrors(errors)
        kind: ConsentKind = self.kind.currentData()
        return ConsentDraft(
            kind,
            given_on,
            self.form_version.text(),
            self.language.text().strip(),
            self.third_party.text() if kind is ConsentKind.RELEASE else "",
            self.paper_ref.text(),
        )

    def save(self) -> None:
        self.form.clear()
        self.error.clear_message()
        try:
            draft = self.draft()
        except FieldErrors as exc:
            show_failure(self.form, self.error, exc)
            return
        add = self._add
        self._ops.run(
            lambda: add(draft),
            self._saved,
            lambda exc: show_failure(self.form, self.error, exc),
            context=self,
            busy=[self.buttons],
        )

    def _saved(self, record: ConsentRecord) -> None:
        self.saved = record
        self.accept()
