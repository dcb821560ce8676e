"""Wiedervorlagen: what is due, grouped by when, for one counsellor or everyone.

Most reminders come from the open cases (reviews, steps, the three-year clock,
consent, residence status) and go away when their cause does; those set by
hand are marked done here. Enter or a double-click opens the case, or the
client when the reminder has no case.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app.domain.reminders import Reminder, ReminderKind
from app.i18n import _, ngettext
from ui.dialogs.reminder_dialog import ReminderDefaults, ReminderDialog
from ui.operations import Operations, user_message
from ui.pages.counsellor_list_page import CounsellorListPage
from ui.services import OfficeServices
from ui.widgets.common import chain_tab_order, heading_label
from ui.widgets.reminder_tree import ReminderTree


@dataclass(frozen=True)
class ReminderList:
    today: dt.date
    counsellors: dict[int, str]
    reminders: list[Reminder]


class RemindersPage(CounsellorListPage):
    case_requested = Signal(int)  # case id
    client_requested = Signal(int)  # client id (a reminder without a case)

    def __init__(
        self, services: OfficeServices, ops: Operations, parent: QWidget | None = None
    ) -> None:
        user = services.user
        super().__init__(
            services,
            ops,
            _("&Wiedervorlagen von"),
            _("Wiedervorlagen von"),
            user.id,
            user.display_name,
            parent,
        )
        self.dialog: ReminderDialog | None = None
        self.tree = ReminderTree(_("Wiedervorlagen nach Fälligkeit"))
        self.tree.case_requested.connect(self.case_requested)
        self.tree.client_requested.connect(self.client_requested)
        self.tree.currentItemChanged.connect(lambda *_args: self._update_buttons())
        self.new_button = QPushButton(_("Wiedervorlage &anlegen …"))
        self.new_button.clicked.connect(self.open_new_dialog)
        self.open_button = QPushButton(_("Ö&ffnen"))
        self.open_button.setToolTip(_("Den Fall oder die Klient:in öffnen (Eingabetaste)"))
        self.open_button.clicked.connect(self.tree.open_selected)
        self.done_button = QPushButton(_("&Erledigt"))
        self.done_button.setToolTip(
            _(
                "Von Hand angelegte Wiedervorlagen als erledigt markieren. Die übrigen "
                "verschwinden, sobald im Fall erledigt ist, woran sie erinnern."
            )
        )
        self.done_button.clicked.connect(self.complete_selected)

        actions = QHBoxLayout()
        actions.addWidget(self.count, 1)
        actions.addWidget(self.open_button)
        actions.addWidget(self.done_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading_label(_("Wiedervorlagen")))
        layout.addLayout(self.filter_row(self.new_button))
        layout.addLayout(actions)
        layout.addWidget(self.error)
        layout.addWidget(self.tree, 1)
        chain_tab_order(self.filter, self.new_button, self.tree, self.open_button, self.done_button)
        self._update_buttons()

    # -- loading ----------------------------------------------------------------------
    def fetch(self, counsellor_id: int | None) -> Callable[[], ReminderList]:
        cases = self._services.cases
        return lambda: ReminderList(
            dt.date.today(), cases.counsellors(), cases.reminders(counsellor_id)
        )

    def show_listing(self, data: ReminderList) -> None:
        uid = self.filter.selected()
        if uid is None:
            empty = _("Keine offenen Wiedervorlagen.")
        else:
            empty = _("Keine offenen Wiedervorlagen für {name}.").format(
                name=data.counsellors.get(uid, "")
            )
        self.tree.set_counsellor_visible(uid is None)
        self.tree.show_reminders(data.reminders, data.today, data.counsellors, empty)
        count = len(data.reminders)
        overdue = sum(1 for r in data.reminders if r.due < data.today)
        text = ngettext("{count} Wiedervorlage", "{count} Wiedervorlagen", count).format(
            count=count
        )
        if overdue:
            text = _("{reminders}, davon {overdue} überfällig").format(
                reminders=text, overdue=overdue
            )
        self.count.setText(text if count else "")
        self.error.clear_message()
        self._update_buttons()

    def _update_buttons(self) -> None:
        reminder = self.tree.selected_reminder()
        self.open_button.setEnabled(reminder is not None and reminder.client_id is not None)
        self.done_button.setEnabled(reminder is not None and reminder.manual_id is not None)

    # -- acting on a reminder ------------------------------------------------------------
    def complete_selected(self) -> None:
        reminder = self.tree.selected_reminder()
        if reminder is None or reminder.kind is not ReminderKind.MANUAL:
            return
        manual_id = reminder.manual_id
        assert manual_id is not None
        complete = self._services.cases.complete_reminder
        self.error.clear_message()
        self._ops.run(
            lambda: complete(manual_id),
            lambda _result: self._completed(),
            lambda exc: self.error.set_message(user_message(exc)),
            context=self,
            busy=[self.done_button],
        )

    def _completed(self) -> None:
        self.reload()
        self.tree.setFocus()

    # -- a new reminder ------------------------------------------------------------------
    def open_new_dialog(self) -> ReminderDialog:
        """The dialog for a reminder set by hand, about the selected line's client if any."""
        reminder = self.tree.selected_reminder()
        uid = self.filter.selected()
        defaults = ReminderDefaults(
            counsellors=self.counsellors,
            counsellor_id=uid if uid is not None else self._services.user.id,
            client_id=reminder.client_id if reminder is not None else None,
            client_label=reminder.client_label if reminder is not None else "",
            case_id=reminder.case_id if reminder is not None else None,
        )
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = ReminderDialog(self._services.cases, self._ops, defaults, self.window())
        self.dialog.added.connect(lambda _rid: self.reload())
        self.dialog.open()
        return self.dialog
