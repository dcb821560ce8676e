"""The form beside the support plan: one goal or one step at a time.

``PlanEditor`` knows what it edits (``Target``), whether what is typed differs from
what it loaded, and saves through the bound case services; Enter in a line saves.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.case import (
    GoalDraft,
    GoalRecord,
    GoalState,
    Partner,
    Responsible,
    StepDraft,
    StepRecord,
)
from app.domain.case_rules import MAX_GOAL_TEXT
from app.errors import FieldErrors
from app.i18n import _
from ui.case_services import CaseServices
from ui.operations import Operations
from ui.widgets.case_inputs import (
    enum_combo,
    fill_partners,
    life_area_combo,
    read_dates,
    select_data,
)
from ui.widgets.date_field import DateField
from ui.widgets.field_error import FieldError, FieldForm, hint_label, show_failure

GOAL, STEP = "goal", "step"


@dataclass(frozen=True)
class Target:
    """What the editor works on: a goal or step by id, or a new one (id None)."""

    kind: str  # GOAL or STEP
    record_id: int | None
    goal_id: int | None = None  # the goal a (new) step belongs to

    @property
    def key(self) -> tuple[str, int] | None:
        return (self.kind, self.record_id) if self.record_id is not None else None


def _line(limit: int = MAX_GOAL_TEXT) -> QLineEdit:
    line = QLineEdit()
    line.setMaxLength(limit)
    return line


class GoalForm(QWidget):
    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.life_area = life_area_combo(_("– Lebensbereich wählen –"))
        self.text = _line()
        self.target_date = DateField()
        self.state = enum_combo(GoalState)
        self.form = FieldForm(wrap_rows=True)
        self.form.add("text", _("Ziel"), self.text)
        self.form.add("life_area", _("Lebensbereich"), self.life_area)
        self.form.add("target_date", _("Zieldatum"), self.target_date)
        self.form.add("state", _("Stand"), self.state)
        for line in (self.text, self.target_date):
            line.returnPressed.connect(self.submitted.emit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.form.layout)

    def focus_chain(self) -> list[QWidget]:
        return [self.text, self.life_area, self.target_date, self.state]

    def load(self, goal: GoalRecord | None) -> None:
        self.form.clear()
        self.text.setText(goal.text if goal else "")
        select_data(self.life_area, goal.life_area if goal else None)
        self.target_date.set_date(goal.target_date if goal else None)
        select_data(self.state, goal.state if goal else GoalState.OPEN)

    def snapshot(self) -> tuple[object, ...]:
        return (
            self.text.text().strip(),
            self.life_area.currentData(),
            self.target_date.text().strip(),
            self.state.currentData(),
        )

    def draft(self) -> GoalDraft:
        dates = read_dates({"target_date": self.target_date})
        return GoalDraft(
            life_area=self.life_area.currentData() or "",
            text=self.text.text(),
            target_date=dates["target_date"],
            state=self.state.currentData(),
        )


class StepForm(QWidget):
    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = _line()
        self.responsible = enum_combo(Responsible)
        self.partner = enum_combo(())
        self.due = DateField()
        self.done_on = DateField()
        self.form = FieldForm(wrap_rows=True)
        self.form.add("text", _("Schritt"), self.text)
        self.form.add("responsible", _("Wer ist zuständig?"), self.responsible)
        self.form.add("partner_id", _("Netzwerkpartner"), self.partner)
        self.form.add("due", _("Fällig am"), self.due)
        self.form.add("done_on", _("Erledigt am"), self.done_on)
        self.responsible.currentIndexChanged.connect(lambda _i: self._show_partner())
        for line in (self.text, self.due, self.done_on):
            line.returnPressed.connect(self.submitted.emit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.form.layout)
        self._show_partner()

    def focus_chain(self) -> list[QWidget]:
        return [self.text, self.responsible, self.partner, self.due, self.done_on]

    def _show_partner(self) -> None:
        self.form.set_row_visible(
            "partner_id", self.responsible.currentData() is Responsible.PARTNER
        )

    def load(self, step: StepRecord | None, partners: list[Partner]) -> None:
        self.form.clear()
        keep = (step.partner_id, step.partner) if step and step.partner_id else None
        fill_partners(self.partner, partners, keep)
        select_data(self.partner, step.partner_id if step else None)
        self.text.setText(step.text if step else "")
        select_data(self.responsible, step.responsible if step else Responsible.CLIENT)
        self.due.set_date(step.due if step else None)
        self.done_on.set_date(step.done_on if step else None)
        self._show_partner()

    def snapshot(self) -> tuple[object, ...]:
        return (
            self.text.text().strip(),
            self.responsible.currentData(),
            self.partner.currentData(),
            self.due.text().strip(),
            self.done_on.text().strip(),
        )

    def draft(self) -> StepDraft:
        dates = read_dates({"due": self.due, "done_on": self.done_on})
        responsible: Responsible = self.responsible.currentData()
        return StepDraft(
            text=self.text.text(),
            responsible=responsible,
            partner_id=self.partner.currentData() if responsible is Responsible.PARTNER else None,
            due=dates["due"],
            done_on=dates["done_on"],
        )


class PlanEditor(QWidget):
    """A goal's or a step's form with Save and Discard; ``saved`` names what to select."""

    saved = Signal(object)  # (kind, id) of the saved record

    def __init__(
        self, ops: Operations, cases: CaseServices, case_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ops, self._cases, self._case_id = ops, cases, case_id
        self.target: Target | None = None
        self._editable = True
        self._baseline: tuple[object, ...] = ()
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.goal = GoalForm()
        self.step = StepForm()
        self.empty = hint_label(
            _("Ein Ziel oder einen Schritt auswählen, oder ein neues Ziel anlegen.")
        )
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.stack = QStackedWidget()
        for page in (self.empty, self.goal, self.step):
            self.stack.addWidget(page)
        self.save_button = QPushButton(_("Speichern"))
        self.save_button.setToolTip(_("Speichern mit der Eingabetaste"))
        self.save_button.clicked.connect(self.save)
        self.discard_button = QPushButton(_("Änderungen verwerfen"))
        self.discard_button.clicked.connect(self.discard)
        self.goal.submitted.connect(self.save)
        self.step.submitted.connect(self.save)
        self.general_error = FieldError()
        self._records: tuple[GoalRecord | None, StepRecord | None, list[Partner]] = (None, None, [])
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.discard_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.stack)
        layout.addLayout(buttons)
        layout.addWidget(self.general_error)
        layout.addStretch(1)
        self.clear()

    def focus_chain(self) -> list[QWidget]:
        return [
            *self.goal.focus_chain(),
            *self.step.focus_chain(),
            self.save_button,
            self.discard_button,
        ]

    def _form(self) -> GoalForm | StepForm:
        return self.step if self.target is not None and self.target.kind == STEP else self.goal

    def dirty(self) -> bool:
        return self.target is not None and self._form().snapshot() != self._baseline

    def describe(self) -> str:
        """What is being edited, for the question about unsaved changes."""
        text = self._form().text.text().strip() or _("ohne Text")
        if self.target is not None and self.target.kind == STEP:
            return _("Schritt „{text}“").format(text=text)
        return _("Ziel „{text}“").format(text=text)

    def clear(self) -> None:
        self.target = None
        self.title.setText(_("Bearbeiten"))
        self.stack.setCurrentWidget(self.empty)
        self.general_error.clear_message()
        self._show_buttons()

    def edit_goal(self, goal: GoalRecord | None, number: int = 0) -> None:
        self.target = Target(GOAL, goal.id if goal else None)
        self._records = (goal, None, [])
        self.title.setText(
            _("Ziel {number} bearbeiten").format(number=number) if goal else _("Neues Ziel")
        )
        self.goal.load(goal)
        self._loaded(self.goal)

    def edit_step(
        self, goal: GoalRecord, step: StepRecord | None, partners: list[Partner], number: int = 0
    ) -> None:
        self.target = Target(STEP, step.id if step else None, goal.id)
        self._records = (goal, step, partners)
        self.title.setText(
            _("Schritt zu Ziel {number}").format(number=number)
            if step
            else _("Neuer Schritt zu Ziel {number}").format(number=number)
        )
        self.step.load(step, partners)
        self._loaded(self.step)

    def _loaded(self, form: GoalForm | StepForm) -> None:
        self.stack.setCurrentWidget(form)
        self._baseline = form.snapshot()
        self.general_error.clear_message()
        self._show_buttons()

    def set_editable(self, editable: bool) -> None:
        self.stack.setEnabled(editable)
        self._editable = editable
        self._show_buttons()

    def _show_buttons(self) -> None:
        active = self.target is not None and self._editable
        for button in (self.save_button, self.discard_button):
            button.setEnabled(active)
            button.setVisible(self.target is not None)

    def discard(self) -> None:
        """Back to what was loaded (a new record's form empties)."""
        goal, step, partners = self._records
        if self.target is None:
            return
        if self.target.kind == STEP and goal is not None:
            self.step.load(step, partners)
            self._loaded(self.step)
        else:
            self.goal.load(goal)
            self._loaded(self.goal)

    def save(self) -> None:
        self.save_then(None)

    def save_then(self, then: Callable[[], None] | None) -> None:
        """Save, then run ``then`` (after the service answered, before the page reloads)."""
        target = self.target
        if target is None or not self.save_button.isEnabled():
            return
        form = self._form()
        form.form.clear()
        self.general_error.clear_message()
        try:
            draft = form.draft()
        except FieldErrors as exc:
            show_failure(form.form, self.general_error, exc)
            return
        work = self._work(target, draft)
        self._ops.run(
            work,
            lambda record_id: self._saved(target, record_id, then),
            lambda exc: show_failure(form.form, self.general_error, exc),
            context=self,
            busy=[self.save_button],
        )

    def _work(self, target: Target, draft: GoalDraft | StepDraft) -> Callable[[], int]:
        """The service call for ``target``; returns the saved record's id."""
        cases, case_id, record_id, goal_id = (
            self._cases,
            self._case_id,
            target.record_id,
            target.goal_id,
        )

        def work() -> int:
            if isinstance(draft, GoalDraft):
                if record_id is None:
                    return cases.add_goal(case_id, draft)
                cases.update_goal(record_id, draft)
            else:
                if record_id is None:
                    assert goal_id is not None
                    return cases.add_step(goal_id, draft)
                cases.update_step(record_id, draft)
            return record_id

        return work

    def _saved(self, target: Target, record_id: int, then: Callable[[], None] | None) -> None:
        self.target = Target(target.kind, record_id, target.goal_id)
        self._baseline = self._form().snapshot()
        self._show_buttons()
        self.saved.emit((target.kind, record_id))
        if then is not None:
            then()
