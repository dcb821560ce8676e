"""Dialogs of the case page: record a review, record a referral to a network partner.

Both get what they show from the page (the case's goals, the partners) and a bound
service callable; the proposed next review comes from the service through ``Operations``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QComboBox, QWidget

from app.domain.case import GoalRecord, GoalState, Partner, ReferralDraft, ReviewDraft
from app.errors import FieldErrors
from app.i18n import _
from ui.operations import Operations
from ui.widgets.case_inputs import (
    enum_combo,
    fill_partners,
    life_area_combo,
    read_dates,
    select_data,
    text_box,
)
from ui.widgets.date_field import DateError, DateField
from ui.widgets.field_error import hint_label
from ui.widgets.form_dialog import FormDialog


class ReviewDialog(FormDialog):
    """Date, summary, each goal's state, and the next review (proposed by the office's
    interval until it is typed over)."""

    def __init__(
        self,
        goals: Sequence[GoalRecord],
        add_review: Callable[[ReviewDraft], int],
        next_review: Callable[[dt.date], dt.date | None],
        ops: Operations,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Überprüfung erfassen"), ops, parent, heading=True)
        self._add_review, self._next_review = add_review, next_review
        self._next_edited = False
        self.date = DateField(dt.date.today())
        self.summary = text_box(4)
        self.states: dict[int, QComboBox] = {}
        self.next_review = DateField()
        self.form.add("date", _("Datum der Überprüfung"), self.date)
        self.form.add("summary", _("Stand und Absprachen"), self.summary)
        for number, goal in enumerate(goals, start=1):
            combo = enum_combo(GoalState)
            select_data(combo, goal.state)
            combo.setAccessibleDescription(goal.text)
            self.states[goal.id] = combo
            self.form.add(
                f"goal_{goal.id}",
                _("Stand von Ziel {number}").format(number=number),
                combo,
                hint=goal.text,
            )
        if not goals:
            self.form.layout.addRow(hint_label(_("Der Förderplan hat noch keine Ziele.")))
        self.form.add(
            "next_review",
            _("Nächste Überprüfung"),
            self.next_review,
            hint=_("Vorschlag nach dem Abstand aus den Einstellungen; leer: keine."),
        )
        self.next_review.textEdited.connect(self._next_typed)
        self.date.editingFinished.connect(self.propose_next)
        self.finish_layout(
            self.date, self.summary, *self.states.values(), self.next_review, width=64
        )
        self.propose_next()

    def _next_typed(self, _text: str) -> None:
        self._next_edited = True

    def propose_next(self) -> None:
        """Ask the service for the next review after the typed date."""
        try:
            day = self.date.date()
        except DateError:
            return
        if day is None or self._next_edited:
            return
        next_review = self._next_review
        self._ops.run(lambda: next_review(day), self._proposed, context=self)

    def _proposed(self, day: dt.date | None) -> None:
        if not self._next_edited:
            self.next_review.set_date(day)

    def work(self) -> Callable[[], object]:
        dates = read_dates({"date": self.date, "next_review": self.next_review}, ["date"])
        day = dates["date"]
        assert day is not None
        draft = ReviewDraft(
            date=day,
            summary=self.summary.toPlainText(),
            goal_states={gid: combo.currentData() for gid, combo in self.states.items()},
            next_review=dates["next_review"],
        )
        add_review = self._add_review
        return lambda: add_review(draft)


class ReferralDialog(FormDialog):
    """Partner, date, optionally the life area, a note."""

    def __init__(
        self,
        partners: Sequence[Partner],
        add_referral: Callable[[ReferralDraft], int],
        ops: Operations,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Vermittlung erfassen"), ops, parent, heading=True)
        self._add_referral = add_referral
        self.partner = enum_combo(())
        fill_partners(self.partner, list(partners))
        self.date = DateField(dt.date.today())
        self.life_area = life_area_combo(_("– kein bestimmter –"))
        self.note = text_box(3)
        hint = "" if partners else _("Netzwerkpartner werden in den Einstellungen erfasst.")
        self.form.add("partner_id", _("Vermittelt an"), self.partner, hint=hint)
        self.form.add("date", _("Datum"), self.date)
        self.form.add("life_area", _("Lebensbereich"), self.life_area)
        self.form.add("note", _("Notiz"), self.note)
        self.finish_layout(self.partner, self.date, self.life_area, self.note, width=64)

    def work(self) -> Callable[[], object]:
        partner_id = self.partner.currentData()
        dates = read_dates({"date": self.date}, ["date"])
        if partner_id is None:
            raise FieldErrors({"partner_id": _("Bitte den Netzwerkpartner wählen.")})
        day = dates["date"]
        assert day is not None
        draft = ReferralDraft(
            partner_id=int(partner_id),
            date=day,
            life_area=self.life_area.currentData() or "",
            note=self.note.toPlainText(),
        )
        add_referral = self._add_referral
        return lambda: add_referral(draft)
