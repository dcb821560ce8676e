"""Wiedervorlage anlegen: a date, what to remember, for whom, optionally about one client.

The page hands in a ``ReminderDefaults`` (the dialog never queries the
database); saving builds the request with ``new_reminder`` and runs
``add_reminder`` in the background. Errors appear under their fields.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from ui.case_services import CaseServices
from ui.operations import Operations
from ui.widgets.common import chain_tab_order, grow_to_fit
from ui.widgets.date_field import DateError, DateField
from ui.widgets.field_error import FieldError, FieldForm, show_failure


@dataclass(frozen=True)
class ReminderDefaults:
    counsellors: dict[int, str]  # id -> name, those who can be reminded
    counsellor_id: int | None  # preselected
    due: dt.date = field(default_factory=lambda: dt.date.today() + dt.timedelta(days=7))
    client_id: int | None = None  # offered as "about this client" when set
    client_label: str = ""
    case_id: int | None = None


class ReminderDialog(QDialog):
    added = Signal(int)  # the new reminder's id

    def __init__(
        self,
        cases: CaseServices,
        ops: Operations,
        defaults: ReminderDefaults,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._cases = cases
        self._ops = ops
        self.defaults = defaults
        self._busy = False
        self.setWindowTitle(_("Wiedervorlage anlegen"))
        self.due = DateField(defaults.due)
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(self.fontMetrics().lineSpacing() * 4)
        self.counsellor = QComboBox()
        for uid, name in defaults.counsellors.items():
            self.counsellor.addItem(name, uid)
        self.counsellor.setCurrentIndex(max(self.counsellor.findData(defaults.counsellor_id), 0))
        self.for_client = QCheckBox(defaults.client_label)
        self.for_client.setChecked(defaults.client_id is not None)
        self.form = FieldForm(wrap_rows=True)
        self.form.add("due", _("&Fällig am"), self.due)
        self.form.add("text", _("&Worum es geht"), self.text)
        self.form.add("counsellor_id", _("&Berater:in"), self.counsellor)
        self.form.add(
            "client_id",
            _("Zu &Klient:in"),
            self.for_client,
            hint=_("Ohne Haken gilt die Wiedervorlage keiner bestimmten Person."),
        )
        self.form.set_row_visible("client_id", defaults.client_id is not None)
        self.general_error = FieldError()
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(
            _("Anlegen"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setDefault(True)
        self.cancel_button = self.buttons.addButton(
            _("Abbrechen"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form.layout)
        layout.addWidget(self.general_error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 56)
        chain_tab_order(
            self.due,
            self.text,
            self.counsellor,
            self.for_client,
            self.save_button,
            self.cancel_button,
        )
        self.text.setFocus()

    def submit(self) -> None:
        if self._busy:
            return
        self.form.clear()
        self.general_error.clear_message()
        try:
            due = self.due.date()
        except DateError as exc:
            self.form.set_error("due", exc.message)
            self.due.setFocus()
            return
        if due is None:
            self.form.set_error("due", _("Bitte ein Datum angeben."))
            self.due.setFocus()
            return
        about = self.defaults.client_id is not None and self.for_client.isChecked()
        request = self._cases.new_reminder(
            due=due,
            text=self.text.toPlainText(),
            counsellor_id=self.counsellor.currentData(),
            client_id=self.defaults.client_id if about else None,
            case_id=self.defaults.case_id if about else None,
        )
        add = self._cases.add_reminder  # not self: the worker holds no widget
        self._busy = True
        self._ops.run(
            lambda: add(request),
            self._added,
            self._failed,
            context=self,
            busy=(self.save_button, self.cancel_button),
        )

    def _added(self, reminder_id: int) -> None:
        self._busy = False
        self.added.emit(reminder_id)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self.save_button.setDefault(True)
        show_failure(self.form, self.general_error, exc)
        grow_to_fit(self)

    def reject(self) -> None:
        if not self._busy:
            super().reject()
