"""Tabs of the case page that list records: reviews, referrals, and the case's history."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.case import (
    CaseAction,
    CaseEvent,
    CaseSummary,
    ClosingReason,
    GoalRecord,
    Partner,
    ReferralRecord,
    ReviewRecord,
)
from app.domain.counselling import ContactRecord
from app.i18n import _, format_date
from ui.case_services import CaseServices
from ui.dialogs.case_dialogs import ReferralDialog, ReviewDialog
from ui.operations import Operations
from ui.pages.client_master_data import local_time
from ui.pages.client_page import contact_text
from ui.widgets.case_inputs import life_area_name
from ui.widgets.common import fill_list
from ui.widgets.field_error import hint_label
from ui.widgets.form_dialog import FormDialog


def review_text(review: ReviewRecord, goals: Sequence[GoalRecord]) -> str:
    numbers = {goal.id: number for number, goal in enumerate(goals, start=1)}
    head = format_date(review.date)
    if review.counsellor:
        head = _("{date} · {counsellor}").format(date=head, counsellor=review.counsellor)
    lines = [head, review.summary]
    states = [
        _("Ziel {number}: {state}").format(number=numbers.get(gid, "?"), state=state.label)
        for gid, state in sorted(review.goal_states, key=lambda gs: numbers.get(gs[0], 0))
    ]
    if states:
        lines.append(" · ".join(states))
    if review.next_review is not None:
        lines.append(_("Nächste Überprüfung: {date}").format(date=format_date(review.next_review)))
    return "\n".join(lines)


def referral_text(referral: ReferralRecord) -> str:
    parts = [
        format_date(referral.date),
        _("{name} ({kind})").format(name=referral.partner, kind=referral.partner_kind.label),
    ]
    if referral.life_area:
        parts.append(life_area_name(referral.life_area))
    lines = [" · ".join(parts)]
    if referral.note.strip():
        lines.append(referral.note.strip())
    return "\n".join(lines)


def event_text(event: CaseEvent) -> str:
    parts = [local_time(event.at), event.action.label]
    if event.user:
        parts.append(event.user)
    note = event.note
    if event.action is CaseAction.CLOSED and note in {r.value for r in ClosingReason}:
        note = ClosingReason(note).label  # a closing stores its reason's code
    if note:
        parts.append(note)
    return " · ".join(parts)


def _list(name: str) -> tuple[QLabel, QListWidget]:
    widget = QListWidget()
    widget.setWordWrap(True)
    widget.setAlternatingRowColors(True)
    widget.setAccessibleName(name)
    widget.setMinimumHeight(widget.fontMetrics().lineSpacing() * 6)
    label = QLabel(name)
    label.setBuddy(widget)
    return label, widget


class _ListTab(QWidget):
    """A list with a button that opens a dialog; ``changed`` after the dialog saved."""

    changed = Signal()

    def __init__(self, ops: Operations, name: str, button: str) -> None:
        super().__init__()
        self._ops = ops
        self.dialog: FormDialog | None = None
        self.info = hint_label("")
        self.label, self.list = _list(name)
        self.add_button = QPushButton(button)
        self.add_button.clicked.connect(self.open_dialog)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addLayout(buttons)
        layout.addWidget(self.label)
        layout.addWidget(self.list, 1)

    def focus_chain(self) -> list[QWidget]:
        return [self.add_button, self.list]

    def make_dialog(self) -> FormDialog:
        raise NotImplementedError

    def open_dialog(self) -> None:
        dialog = self.make_dialog()
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._closed)
        self.dialog = dialog
        dialog.open()

    def _closed(self, result: int) -> None:
        self.dialog = None
        self.add_button.setFocus()
        if result == QDialog.DialogCode.Accepted:
            self.changed.emit()


class ReviewsTab(_ListTab):
    def __init__(self, ops: Operations, cases: CaseServices, case_id: int) -> None:
        super().__init__(ops, _("Überprüfungen, neueste zuerst"), _("Überprüfung erfassen …"))
        self._cases, self._case_id = cases, case_id
        self.goals: tuple[GoalRecord, ...] = ()

    def show_reviews(
        self,
        reviews: Sequence[ReviewRecord],
        goals: Sequence[GoalRecord],
        summary: CaseSummary,
        editable: bool,
    ) -> None:
        self.goals = tuple(goals)
        self.info.setText(
            _("Nächste Überprüfung: {date}").format(date=format_date(summary.next_review))
            if summary.next_review is not None and summary.is_open
            else _("Keine nächste Überprüfung geplant.")
        )
        fill_list(
            self.list,
            ((review_text(r, goals), r, "") for r in reviews),
            _("Noch keine Überprüfung erfasst."),
        )
        self.add_button.setEnabled(editable)

    def make_dialog(self) -> FormDialog:
        cases, case_id = self._cases, self._case_id
        return ReviewDialog(
            self.goals,
            lambda draft: cases.add_review(case_id, draft),
            lambda day: cases.default_next_review(case_id, day),
            self._ops,
            self,
        )


class ReferralsTab(_ListTab):
    def __init__(self, ops: Operations, cases: CaseServices, case_id: int) -> None:
        super().__init__(ops, _("Vermittlungen, neueste zuerst"), _("Vermittlung erfassen …"))
        self._cases, self._case_id = cases, case_id
        self.partners: list[Partner] = []
        self.info.setText(_("An welche Stellen die Person im Fall vermittelt wurde."))

    def show_referrals(
        self, referrals: Sequence[ReferralRecord], partners: list[Partner], editable: bool
    ) -> None:
        self.partners = partners
        fill_list(
            self.list,
            ((referral_text(r), r, "") for r in referrals),
            _("Noch keine Vermittlung erfasst."),
        )
        self.add_button.setEnabled(editable)

    def make_dialog(self) -> FormDialog:
        cases, case_id = self._cases, self._case_id
        return ReferralDialog(
            self.partners, lambda draft: cases.add_referral(case_id, draft), self._ops, self
        )


class HistoryTab(QWidget):
    """What happened to the case, and the client's contacts since it began."""

    def __init__(self) -> None:
        super().__init__()
        events_label, self.events = _list(_("Ereignisse des Falls"))
        contacts_label, self.contacts = _list(_("Kontakte seit Beginn, neueste zuerst"))
        layout = QVBoxLayout(self)
        layout.addWidget(events_label)
        layout.addWidget(self.events, 1)
        layout.addWidget(contacts_label)
        layout.addWidget(self.contacts, 2)

    def focus_chain(self) -> list[QWidget]:
        return [self.events, self.contacts]

    def show_history(self, events: Sequence[CaseEvent], contacts: Sequence[ContactRecord]) -> None:
        fill_list(self.events, ((event_text(e), e, "") for e in events), _("Keine Ereignisse."))
        fill_list(
            self.contacts,
            ((contact_text(c), c, "") for c in contacts),
            _("Seit Beginn des Falls keine Kontakte erfasst."),
        )
