"""Bewertung & Abschluss: every goal rated (with a reason unless reached), then the
case closed with a date and a reason. Both stay possible past the three-year end."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.case import (
    CaseSummary,
    CloseDraft,
    ClosingReason,
    GoalRecord,
    Rating,
    RatingDraft,
    RatingReason,
)
from app.domain.case_rules import MAX_GOAL_TEXT
from app.errors import FieldErrors
from app.i18n import _, format_date
from ui.case_services import CaseServices
from ui.operations import Operations
from ui.widgets.case_inputs import (
    ConfirmBar,
    enum_combo,
    life_area_name,
    read_dates,
    select_data,
    text_box,
)
from ui.widgets.date_field import DateField
from ui.widgets.field_error import FieldError, FieldForm, hint_label, show_failure

MAX_WIDTH_CHARS = 110


class RatingRow(QGroupBox):
    """One goal's rating, reason and note with its own save button."""

    saved = Signal()

    def __init__(
        self,
        ops: Operations,
        goal: GoalRecord,
        number: int,
        rate: Callable[[int, RatingDraft], None],
    ) -> None:
        super().__init__(_("Ziel {number}").format(number=number))
        self._ops, self._rate, self.goal_id = ops, rate, goal.id
        self.goal_text = QLabel()
        self.goal_text.setWordWrap(True)
        self.goal_text.setTextFormat(Qt.TextFormat.PlainText)
        font = self.goal_text.font()
        font.setBold(True)
        self.goal_text.setFont(font)
        self.goal_meta = hint_label("")
        self.rating = enum_combo(Rating, _("– noch nicht bewertet –"))
        self.reason = enum_combo(RatingReason, _("– Grund wählen –"))
        self.note = QLineEdit()
        self.note.setMaxLength(MAX_GOAL_TEXT)
        self.form = FieldForm()
        self.form.add("rating", _("Bewertung"), self.rating)
        self.form.add("reason", _("Grund"), self.reason)
        self.form.add("note", _("Anmerkung"), self.note)
        self.rating.setAccessibleName(_("Bewertung Ziel {number}").format(number=number))
        self.reason.setAccessibleName(_("Grund Ziel {number}").format(number=number))
        self.note.setAccessibleName(_("Anmerkung Ziel {number}").format(number=number))
        self.rating.currentIndexChanged.connect(lambda _i: self._show_reason())
        self.note.returnPressed.connect(self.save)
        self.save_button = QPushButton(_("Bewertung speichern"))
        self.save_button.clicked.connect(self.save)
        self.general_error = FieldError()
        self._baseline: tuple[object, ...] = ()
        self._loaded = False
        layout = QVBoxLayout(self)
        layout.addWidget(self.goal_text)
        layout.addWidget(self.goal_meta)
        layout.addLayout(self.form.layout)
        layout.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.general_error)

    def focus_chain(self) -> list[QWidget]:
        return [self.rating, self.reason, self.note, self.save_button]

    def _show_reason(self) -> None:
        self.reason.setEnabled(
            self.rating.isEnabled() and self.rating.currentData() is not Rating.REACHED
        )

    def snapshot(self) -> tuple[object, ...]:
        rating = self.rating.currentData()
        reason = None if rating is Rating.REACHED else self.reason.currentData()
        return (rating, reason, self.note.text().strip())

    def dirty(self) -> bool:
        return self.snapshot() != self._baseline

    def show_goal(self, goal: GoalRecord, number: int, open_case: bool) -> None:
        self.goal_text.setText(goal.text)
        self.goal_meta.setText(
            _("{area} · {state}").format(
                area=life_area_name(goal.life_area), state=goal.state.label
            )
        )
        stored = (goal.rating, goal.rating_reason, goal.rating_note)
        if not self._loaded or not self.dirty():
            select_data(self.rating, goal.rating)
            select_data(self.reason, goal.rating_reason)
            self.note.setText(goal.rating_note)
        self._baseline = stored
        self._loaded = True
        for widget in (self.rating, self.note, self.save_button):
            widget.setEnabled(open_case)
        self._show_reason()

    def save(self) -> None:
        if not self.save_button.isEnabled():
            return
        self.form.clear()
        self.general_error.clear_message()
        rating: Rating | None = self.rating.currentData()
        if rating is None:
            self.form.set_error("rating", _("Bitte eine Bewertung wählen."))
            return
        reason = None if rating is Rating.REACHED else self.reason.currentData()
        draft = RatingDraft(rating, reason, self.note.text())
        rate, goal_id = self._rate, self.goal_id
        self._ops.run(
            lambda: rate(goal_id, draft),
            lambda _none: self._saved(),
            lambda exc: show_failure(self.form, self.general_error, exc),
            context=self,
            busy=[self.save_button],
        )

    def _saved(self) -> None:
        self._baseline = self.snapshot()
        self.saved.emit()


class ClosingTab(QWidget):
    changed = Signal()

    def __init__(self, ops: Operations, cases: CaseServices, case_id: int) -> None:
        super().__init__()
        self._ops, self._cases, self._case_id = ops, cases, case_id
        self.rows: dict[int, RatingRow] = {}
        self.ratings = QVBoxLayout()
        self.no_goals = hint_label(_("Der Förderplan hat keine Ziele, die zu bewerten wären."))
        self.closed_on = DateField()
        self._date_typed = False
        self.closed_on.textEdited.connect(self._typed)
        self.reason = enum_combo(ClosingReason, _("– Grund wählen –"))
        self.note = text_box(3)
        self.form = FieldForm()
        self.form.add("closed_on", _("Abgeschlossen am"), self.closed_on)
        self.form.add("reason", _("Grund des Abschlusses"), self.reason)
        self.form.add("note", _("Anmerkung"), self.note)
        self.ratings_error = FieldError()
        self.close_button = QPushButton(_("Fall abschließen …"))
        self.close_button.clicked.connect(self.ask_close)
        self.confirm = ConfirmBar(_("Ja, abschließen"), _("Abbrechen"))
        self.confirm.confirmed.connect(self.close_case)
        self.general_error = FieldError()
        self.closed_info = QLabel()
        self.closed_info.setWordWrap(True)
        self.closed_info.setTextFormat(Qt.TextFormat.PlainText)
        self._build()

    def _build(self) -> None:
        # Choices and a one-line note read badly across a whole wide screen.
        self.setMaximumWidth(self.fontMetrics().averageCharWidth() * MAX_WIDTH_CHARS)
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint_label(
                _(
                    "Jedes Ziel wird bewertet; wenn es nicht erreicht wurde, mit Grund. "
                    "Erst dann lässt sich der Fall abschließen."
                )
            )
        )
        layout.addLayout(self.ratings)
        layout.addWidget(self.no_goals)
        closing = QGroupBox(_("Fall abschließen"))
        column = QVBoxLayout(closing)
        column.addWidget(self.closed_info)
        column.addLayout(self.form.layout)
        column.addWidget(self.ratings_error)
        buttons = QHBoxLayout()
        buttons.addWidget(self.close_button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        column.addWidget(self.confirm)
        column.addWidget(self.general_error)
        layout.addWidget(closing)
        layout.addStretch(1)

    def focus_chain(self) -> list[QWidget]:
        rows = [w for row in self.rows.values() for w in row.focus_chain()]
        return [
            *rows,
            self.closed_on,
            self.reason,
            self.note,
            self.close_button,
            *self.confirm.focus_chain(),
        ]

    def _typed(self, _text: str) -> None:
        self._date_typed = True

    def show_case(
        self, summary: CaseSummary, goals: Sequence[GoalRecord], closing_note: str
    ) -> None:
        self._show_ratings(goals, summary.is_open)
        today = dt.date.today()
        if not self._date_typed:
            self.closed_on.set_date(min(today, summary.planned_end))
        if summary.is_open and today > summary.planned_end and self.reason.currentData() is None:
            select_data(self.reason, ClosingReason.LIMIT_REACHED)
        for widget in (self.closed_on, self.reason, self.note, self.close_button):
            widget.setEnabled(summary.is_open)
        self.closed_info.setVisible(not summary.is_open)
        if summary.closed_on is not None:
            reason = summary.closing_reason.label if summary.closing_reason else ""
            text = _("Abgeschlossen am {date}: {reason}").format(
                date=format_date(summary.closed_on), reason=reason
            )
            self.closed_info.setText(f"{text}\n{closing_note}" if closing_note else text)

    def _show_ratings(self, goals: Sequence[GoalRecord], open_case: bool) -> None:
        """Rows for the goals; rows of goals still there keep what was typed."""
        if [g.id for g in goals] != list(self.rows):
            for row in self.rows.values():
                self.ratings.removeWidget(row)
                row.deleteLater()
            self.rows = {}
            for number, goal in enumerate(goals, start=1):
                row = RatingRow(self._ops, goal, number, self._cases.rate_goal)
                row.saved.connect(self.changed.emit)
                self.rows[goal.id] = row
                self.ratings.addWidget(row)
        for number, goal in enumerate(goals, start=1):
            self.rows[goal.id].show_goal(goal, number, open_case)
        self.no_goals.setVisible(not goals)

    def unsaved(self) -> list[str]:
        return [row.title() for row in self.rows.values() if row.dirty()]

    def draft(self) -> CloseDraft:
        dates = read_dates({"closed_on": self.closed_on}, ["closed_on"])
        reason: ClosingReason | None = self.reason.currentData()
        if reason is None:
            raise FieldErrors({"reason": _("Bitte den Grund des Abschlusses wählen.")})
        day = dates["closed_on"]
        assert day is not None
        return CloseDraft(day, reason, self.note.toPlainText())

    def _show_errors(self, exc: BaseException) -> None:
        if isinstance(exc, FieldErrors) and "ratings" in exc.errors:
            errors = dict(exc.errors)
            self.ratings_error.set_message(errors.pop("ratings"))
            exc = FieldErrors(errors)
        show_failure(self.form, self.general_error, exc)

    def ask_close(self) -> None:
        self.form.clear()
        self.ratings_error.clear_message()
        self.general_error.clear_message()
        try:
            draft = self.draft()
        except FieldErrors as exc:
            self._show_errors(exc)
            return
        self.confirm.ask(
            _(
                "Den Fall zum {date} abschließen? Danach kann nur die Leitung ihn wieder öffnen."
            ).format(date=format_date(draft.closed_on))
        )

    def close_case(self) -> None:
        try:
            draft = self.draft()
        except FieldErrors as exc:
            self._show_errors(exc)
            return
        close, case_id = self._cases.close_case, self._case_id
        self._ops.run(
            lambda: close(case_id, draft),
            lambda _summary: self.changed.emit(),
            self._show_errors,
            context=self,
            busy=[self.close_button],
        )
