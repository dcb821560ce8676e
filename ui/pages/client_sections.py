"""Parts of the client page that change records: status, consents, a quick contact.

Each section gets the service callables already bound to the client, runs them
through ``Operations`` and emits ``changed`` after saving, so the page reloads.
Field errors appear under the fields; what was typed stays until it is saved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.counselling import (
    ConsentDraft,
    ConsentRecord,
    ContactDraft,
    ContactKind,
    ContactRecord,
)
from app.domain.residence import StatusEntry, status_display
from app.i18n import _, format_date
from ui.dialogs.consent_dialog import ConsentDialog
from ui.operations import Operations
from ui.widgets.common import fill_list, notice_label, selected_record
from ui.widgets.counselling_inputs import LifeAreaList, contact_form_combo, minutes_spin
from ui.widgets.date_field import DateError, DateField
from ui.widgets.field_error import FieldError, FieldForm, show_failure
from ui.widgets.residence import status_combo
from ui.widgets.wrapping_choice import WrappingChoice

QUICK_KINDS = (ContactKind.SHORT, ContactKind.CRISIS, ContactKind.CONTACT)


def _read_date(field: DateField, name: str, form: FieldForm) -> dt.date | None:
    """The date in ``field``; shows why under it and returns None when there is none."""
    try:
        day = field.date()
    except DateError as exc:
        form.set_error(name, exc.message)
        return None
    if day is None:
        form.set_error(name, _("Bitte das Datum angeben."))
    return day


class StatusSection(QGroupBox):
    """The status history (newest first) and a mini form to add a status."""

    changed = Signal()

    def __init__(
        self,
        ops: Operations,
        add_status: Callable[[StatusEntry], str | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Aufenthaltsstatus"), parent)
        self._ops = ops
        self._add_status = add_status
        self.history = QListWidget()
        self.history.setAccessibleName(_("Bisherige Aufenthaltsstatus"))
        self.history.setWordWrap(True)
        self.history.setMaximumHeight(self.fontMetrics().lineSpacing() * 5)
        history_label = QLabel(_("Verlauf des Aufenthaltsstatus"))
        history_label.setBuddy(self.history)
        self.code = status_combo()
        self.valid_from = DateField()
        self.form = FieldForm()
        self.form.add("code", _("Neuer Status"), self.code)
        self.form.add("valid_from", _("gültig ab"), self.valid_from)
        self.add_button = QPushButton(_("Status hinzufügen"))
        self.add_button.clicked.connect(self.add)
        self.general_error = FieldError()
        self.change = notice_label()
        layout = QVBoxLayout(self)
        layout.addWidget(history_label)
        layout.addWidget(self.history)
        layout.addLayout(self.form.layout)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.general_error)
        layout.addWidget(self.change)

    def focus_chain(self) -> list[QWidget]:
        return [self.history, self.code, self.valid_from, self.add_button]

    def show_history(self, history: list[StatusEntry]) -> None:
        self.history.clear()
        for entry in sorted(history, key=lambda e: e.valid_from, reverse=True):
            self.history.addItem(
                _("ab {date}: {status}").format(
                    date=format_date(entry.valid_from), status=status_display(entry.code)
                )
            )
        if not history:
            self.history.addItem(_("Noch kein Aufenthaltsstatus erfasst."))

    def add(self) -> None:
        self.form.clear()
        self.general_error.clear_message()
        valid_from = _read_date(self.valid_from, "valid_from", self.form)
        if valid_from is None:
            return
        entry = StatusEntry(str(self.code.currentData()), valid_from)
        add_status = self._add_status
        self._ops.run(
            lambda: add_status(entry),
            self._added,
            lambda exc: show_failure(self.form, self.general_error, exc),
            context=self,
            busy=[self.add_button],
        )

    def _added(self, sentence: str | None) -> None:
        self.valid_from.clear()
        self.change.setText(
            sentence
            or _("Der Status ist gespeichert. An den möglichen Angeboten ändert sich nichts.")
        )
        self.change.setVisible(True)
        self.change.setAccessibleDescription(self.change.text())
        self.changed.emit()


class ConsentSection(QGroupBox):
    """The consents with their dates; a given one can be withdrawn (date, then confirm)."""

    changed = Signal()

    def __init__(
        self,
        ops: Operations,
        withdraw: Callable[[int, dt.date], ConsentRecord],
        add: Callable[[ConsentDraft], ConsentRecord],
        language: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Einwilligungen"), parent)
        self._ops = ops
        self._withdraw = withdraw
        self._add = add
        self._language = language
        self.dialog: ConsentDialog | None = None
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setMaximumHeight(self.fontMetrics().lineSpacing() * 6)
        self.list.setAccessibleName(_("Einwilligungen"))
        list_label = QLabel(_("Erteilte Einwilligungen"))
        list_label.setBuddy(self.list)
        self.withdraw_button = QPushButton(_("Widerrufen …"))
        self.withdraw_button.setEnabled(False)
        self.withdraw_button.clicked.connect(self.ask_date)
        self.add_button = QPushButton(_("Einwilligung erfassen …"))
        self.add_button.setToolTip(
            _("Eine später unterschriebene Einwilligung oder Schweigepflichtentbindung eintragen")
        )
        self.add_button.clicked.connect(self.add_consent)
        self.list.currentItemChanged.connect(lambda *_args: self._update_button())
        self.confirm_box = self._build_confirm_box()
        self.general_error = FieldError()
        layout = QVBoxLayout(self)
        layout.addWidget(list_label)
        layout.addWidget(self.list)
        actions = QHBoxLayout()
        actions.addWidget(self.add_button)
        actions.addWidget(self.withdraw_button)
        actions.addStretch(1)
        layout.addLayout(actions)
        layout.addWidget(self.confirm_box)
        layout.addWidget(self.general_error)

    def _build_confirm_box(self) -> QWidget:
        """Asks for the withdrawal date, then confirms; hidden until 'Widerrufen …'."""
        self.withdrawn_on = DateField()
        self.form = FieldForm()
        self.confirm_box = QWidget()
        confirm_layout = QVBoxLayout(self.confirm_box)
        confirm_layout.setContentsMargins(0, 0, 0, 0)
        self.question = QLabel()
        self.question.setWordWrap(True)
        self.question.setTextFormat(Qt.TextFormat.PlainText)
        confirm_layout.addWidget(self.question)
        self.form.add("withdrawn_on", _("Widerrufen am"), self.withdrawn_on)
        confirm_layout.addLayout(self.form.layout)
        buttons = QHBoxLayout()
        self.confirm_button = QPushButton(_("Widerruf speichern"))
        self.confirm_button.clicked.connect(self.confirm)
        self.cancel_button = QPushButton(_("Abbrechen"))
        self.cancel_button.clicked.connect(self.cancel)
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        confirm_layout.addLayout(buttons)
        self.confirm_box.setVisible(False)
        return self.confirm_box

    def focus_chain(self) -> list[QWidget]:
        return [
            self.list,
            self.add_button,
            self.withdraw_button,
            self.withdrawn_on,
            self.confirm_button,
            self.cancel_button,
        ]

    def show_consents(self, consents: list[ConsentRecord]) -> None:
        fill_list(
            self.list,
            ((consent_text(c), c, "") for c in consents),
            _("Keine Einwilligung erfasst."),
        )
        self._update_button()

    def selected(self) -> ConsentRecord | None:
        return selected_record(self.list, ConsentRecord)

    def _update_button(self) -> None:
        consent = self.selected()
        self.withdraw_button.setEnabled(consent is not None and consent.withdrawn_on is None)

    def ask_date(self) -> None:
        consent = self.selected()
        if consent is None:
            return
        self.question.setText(
            _(
                "„{consent}“ vom {date} widerrufen? Ab dem Widerrufsdatum gilt sie nicht mehr."
            ).format(consent=consent.kind.label, date=format_date(consent.given_on))
        )
        self.withdrawn_on.set_date(dt.date.today())
        self.form.clear()
        self.confirm_box.setVisible(True)
        self.withdrawn_on.setFocus()
        self.withdrawn_on.selectAll()

    def add_consent(self) -> None:
        self.dialog = ConsentDialog(self._ops, self._add, self._language, self)
        self.dialog.accepted.connect(self.changed.emit)
        self.dialog.open()

    def cancel(self) -> None:
        self.confirm_box.setVisible(False)
        self.withdraw_button.setFocus()

    def confirm(self) -> None:
        consent = self.selected()
        self.form.clear()
        self.general_error.clear_message()
        day = _read_date(self.withdrawn_on, "withdrawn_on", self.form)
        if consent is None or day is None:
            return
        withdraw, consent_id = self._withdraw, consent.id
        self._ops.run(
            lambda: withdraw(consent_id, day),
            self._withdrawn,
            lambda exc: show_failure(self.form, self.general_error, exc),
            context=self,
            busy=[self.confirm_button],
        )

    def _withdrawn(self, _record: ConsentRecord) -> None:
        self.confirm_box.setVisible(False)
        self.changed.emit()


def consent_text(consent: ConsentRecord) -> str:
    text = _("{kind}: erteilt am {date}, Formular {version}").format(
        kind=consent.kind.label, date=format_date(consent.given_on), version=consent.form_version
    )
    if consent.third_party:
        text = _("{text}, gegenüber {party}").format(text=text, party=consent.third_party)
    if consent.withdrawn_on is not None:
        text = _("{text} – widerrufen am {date}").format(
            text=text, date=format_date(consent.withdrawn_on)
        )
    return text


class ContactSection(QGroupBox):
    """A quick form for a contact after the intake; Ctrl+Enter saves."""

    changed = Signal()

    def __init__(
        self,
        ops: Operations,
        record: Callable[[ContactDraft], ContactRecord],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Kontakt erfassen"), parent)
        self._ops = ops
        self._record = record
        self.kind = QComboBox()
        for kind in QUICK_KINDS:
            self.kind.addItem(kind.label, kind)
        self.date = DateField(dt.date.today())
        self.duration = minutes_spin()
        self.contact_form = contact_form_combo()
        self.interpreter = QCheckBox()
        interpreter = WrappingChoice(self.interpreter, _("Mit Dolmetscher:in"))
        self.life_areas = LifeAreaList(visible_rows=4)
        self.family_present = QSpinBox()
        self.family_present.setRange(0, 99)
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.note.fontMetrics().lineSpacing() * 3 + 12)
        self.form = FieldForm()
        self.form.add("kind", _("Art"), self.kind)
        self.form.add("date", _("Datum"), self.date)
        self.form.add("duration_min", _("Dauer (Minuten)"), self.duration)
        self.form.add("form", _("Form"), self.contact_form)
        self.form.add("interpreter", "", interpreter, buddy=self.interpreter)
        self.form.add("life_areas", _("Lebensbereiche"), self.life_areas)
        self.form.add("family_present", _("Angehörige dabei"), self.family_present)
        self.form.add("note", _("Kurznotiz"), self.note)
        shortcut = QKeySequence(Qt.KeyboardModifier.ControlModifier | Qt.Key.Key_Return)
        self.save_button = QPushButton(_("Kontakt speichern"))
        self.save_button.setToolTip(
            _("Speichern mit {keys}").format(
                keys=shortcut.toString(QKeySequence.SequenceFormat.NativeText)
            )
        )
        self.save_button.clicked.connect(self.save)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            quick = QShortcut(QKeySequence(Qt.KeyboardModifier.ControlModifier | key), self)
            quick.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            quick.activated.connect(self.save)
        self.general_error = FieldError()
        layout = QVBoxLayout(self)
        layout.addLayout(self.form.layout)
        layout.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.general_error)

    def focus_chain(self) -> list[QWidget]:
        return [
            self.kind,
            self.date,
            self.duration,
            self.contact_form,
            self.interpreter,
            self.life_areas,
            self.family_present,
            self.note,
            self.save_button,
        ]

    def save(self) -> None:
        if not self.save_button.isEnabled():
            return  # saving already
        self.form.clear()
        self.general_error.clear_message()
        day = _read_date(self.date, "date", self.form)
        if day is None:
            return
        draft = ContactDraft(
            self.kind.currentData(),
            day,
            self.duration.value(),
            self.contact_form.currentData(),
            interpreter=self.interpreter.isChecked(),
            life_areas=self.life_areas.checked_codes(),
            family_present=self.family_present.value(),
            note=self.note.toPlainText(),
        )
        record = self._record
        self._ops.run(
            lambda: record(draft),
            self._saved,
            lambda exc: show_failure(self.form, self.general_error, exc),
            context=self,
            busy=[self.save_button],
        )

    def _saved(self, _record: ContactRecord) -> None:
        self.duration.setValue(0)
        self.interpreter.setChecked(False)
        self.life_areas.set_checked(())
        self.family_present.setValue(0)
        self.note.clear()
        self.changed.emit()
