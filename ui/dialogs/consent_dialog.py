"""Record a consent signed after the intake: processing, or a release towards a named body."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from app.domain.counselling import ConsentDraft, ConsentKind, ConsentRecord
from app.errors import FieldErrors
from app.i18n import _
from ui.intake_final_pages import FORM_VERSION
from ui.intake_pages import read_date
from ui.operations import Operations
from ui.widgets.date_field import DateField
from ui.widgets.form_dialog import FormDialog


class ConsentDialog(FormDialog):
    def __init__(
        self,
        ops: Operations,
        add: Callable[[ConsentDraft], ConsentRecord],
        language: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Einwilligung erfassen"), ops, parent, wrap_rows=False)
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
        self.form.add("kind", _("&Art"), self.kind)
        self.form.add("given_on", _("&Unterschrieben am"), self.given_on)
        self.form.add("third_party", _("&Gegenüber (Stelle)"), self.third_party)
        self.form.add("form_version", _("&Formularversion"), self.form_version)
        self.form.add("language", _("&Sprache des Formulars"), self.language)
        self.form.add("paper_ref", _("&Ablage des Papiers"), self.paper_ref)
        self.finish_layout(
            self.kind,
            self.given_on,
            self.third_party,
            self.form_version,
            self.language,
            self.paper_ref,
            width=None,
        )
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

    def work(self) -> Callable[[], object]:
        draft = self.draft()
        add = self._add  # not self: the worker holds no widget
        return lambda: add(draft)

    def succeeded(self, result: object) -> None:
        assert isinstance(result, ConsentRecord)
        self.saved = result
