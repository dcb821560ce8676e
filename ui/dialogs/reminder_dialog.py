"""Wiedervorlage anlegen: a date, what to remember, for whom, optionally about one client.

The page hands in a ``ReminderDefaults`` (the dialog never queries the
database); saving builds the request with ``new_reminder`` and runs
``add_reminder`` in the background. Errors appear under their fields.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QPlainTextEdit, QWidget

from app.errors import FieldErrors
from app.i18n import _
from ui.case_services import CaseServices
from ui.operations import Operations
from ui.widgets.date_field import DateError, DateField
from ui.widgets.form_dialog import FormDialog


@dataclass(frozen=True)
class ReminderDefaults:
    counsellors: dict[int, str]  # id -> name, those who can be reminded
    counsellor_id: int | None  # preselected
    due: dt.date = field(default_factory=lambda: dt.date.today() + dt.timedelta(days=7))
    client_id: int | None = None  # offered as "about this client" when set
    client_label: str = ""
    case_id: int | None = None


class ReminderDialog(FormDialog):
    added = Signal(int)  # the new reminder's id

    def __init__(
        self,
        cases: CaseServices,
        ops: Operations,
        defaults: ReminderDefaults,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Wiedervorlage anlegen"), ops, parent, save_text=_("Anlegen"))
        self._cases = cases
        self.defaults = defaults
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
        self.finish_layout(self.due, self.text, self.counsellor, self.for_client, focus=self.text)

    def work(self) -> Callable[[], object]:
        try:
            due = self.due.date()
        except DateError as exc:
            raise FieldErrors({"due": exc.message}) from exc
        if due is None:
            raise FieldErrors({"due": _("Bitte ein Datum angeben.")})
        about = self.defaults.client_id is not None and self.for_client.isChecked()
        request = self._cases.new_reminder(
            due=due,
            text=self.text.toPlainText(),
            counsellor_id=self.counsellor.currentData(),
            client_id=self.defaults.client_id if about else None,
            case_id=self.defaults.case_id if about else None,
        )
        add = self._cases.add_reminder  # not self: the worker holds no widget
        return lambda: add(request)

    def succeeded(self, result: object) -> None:
        self.added.emit(result)
