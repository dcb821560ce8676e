"""The client page's cases of integration support: the list, opening one, starting one."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.case import CaseSummary
from app.domain.case_clock import clock
from app.domain.client import ClientRow
from app.i18n import _, format_date
from ui.dialogs.open_case_dialog import OpenCaseDefaults, OpenCaseDialog, load_defaults
from ui.operations import Operations, user_message
from ui.services import OfficeServices
from ui.widgets.common import fill_list, record_list, selected_record
from ui.widgets.field_error import FieldError


def case_text(case: CaseSummary, today: dt.date) -> str:
    """``offen seit …, Berater:in`` with the clock, or the dates and reason of a closed case."""
    if case.is_open:
        lines = [
            _("offen seit {start} · {counsellor}").format(
                start=format_date(case.start), counsellor=case.counsellor or _("niemand")
            ),
            clock(case.planned_end, today).sentence,
        ]
        if case.next_review is not None:
            lines.append(
                _("Nächste Überprüfung: {date}").format(date=format_date(case.next_review))
            )
        return "\n".join(lines)
    assert case.closed_on is not None
    text = _("{start} bis {closed}: abgeschlossen").format(
        start=format_date(case.start), closed=format_date(case.closed_on)
    )
    if case.closing_reason is not None:
        text = _("{text} ({reason})").format(text=text, reason=case.closing_reason.label)
    return _("{text} · {counsellor}").format(text=text, counsellor=case.counsellor or _("niemand"))


class CaseSection(QGroupBox):
    """The client's cases, newest first; Enter or a double click opens one."""

    case_requested = Signal(int)  # case id

    def __init__(self, services: OfficeServices, ops: Operations, client: ClientRow) -> None:
        super().__init__(_("Integrationsbegleitung"))
        self._services = services
        self._ops = ops
        self._client = client
        self.dialog: OpenCaseDialog | None = None
        self.list = record_list(_("Fälle der Integrationsbegleitung"), 7)
        self.list.itemActivated.connect(lambda _item: self.open_selected())
        self.list.currentItemChanged.connect(lambda *_args: self._update_buttons())
        list_label = QLabel(_("Fälle, neueste zuerst"))
        list_label.setBuddy(self.list)
        self.open_button = QPushButton(_("Fall öffnen"))
        self.open_button.clicked.connect(self.open_selected)
        self.new_button = QPushButton(_("Integrationsbegleitung eröffnen …"))
        self.new_button.clicked.connect(self.start_new)
        self.general_error = FieldError()
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(list_label)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        layout.addWidget(self.general_error)
        self._update_buttons()

    def focus_chain(self) -> list[QWidget]:
        return [self.list, self.open_button, self.new_button]

    def reload(self) -> None:
        client_cases, cid = self._services.cases.client_cases, self._client.id
        self._ops.run(
            lambda: client_cases(cid),
            self.show_cases,
            lambda exc: self.general_error.set_message(user_message(exc)),
            context=self,
        )

    def show_cases(self, cases: list[CaseSummary]) -> None:
        today = dt.date.today()
        fill_list(
            self.list,
            ((case_text(c, today), c, "") for c in cases),
            _("Noch keine Integrationsbegleitung."),
        )
        if cases:
            self.list.setCurrentRow(0)
        self._update_buttons()

    def selected(self) -> CaseSummary | None:
        return selected_record(self.list, CaseSummary)

    def _update_buttons(self) -> None:
        self.open_button.setEnabled(self.selected() is not None)

    def open_selected(self) -> None:
        case = self.selected()
        if case is not None:
            self.case_requested.emit(case.id)

    def start_new(self) -> None:
        """Fetch what the dialog shows, then show it."""
        self.general_error.clear_message()
        services, cid = self._services, self._client.id
        self._ops.run(
            lambda: load_defaults(services, cid),
            self._show_dialog,
            lambda exc: self.general_error.set_message(user_message(exc)),
            context=self,
            busy=[self.new_button],
        )

    def _show_dialog(self, defaults: OpenCaseDefaults) -> None:
        open_case, cid = self._services.cases.open_case, self._client.id
        client = self._client
        dialog = OpenCaseDialog(
            defaults,
            lambda draft: open_case(cid, draft),
            self._ops,
            _("{number} · {family}, {given}").format(
                number=client.number, family=client.family_name, given=client.given_name
            ),
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda result: self._dialog_closed(dialog, result))
        self.dialog = dialog
        dialog.open()

    def _dialog_closed(self, dialog: OpenCaseDialog, result: int) -> None:
        self.dialog = None
        if result == QDialog.DialogCode.Accepted and dialog.opened is not None:
            self.reload()
            self.case_requested.emit(dialog.opened.id)
        else:
            self.new_button.setFocus()
