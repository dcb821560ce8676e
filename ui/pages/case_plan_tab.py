"""The Förderplan of a case: goals with their steps in a tree, the form beside it.

Keys in the tree: Enter edits the current line, Alt+Up/Alt+Down move it, Del deletes
it after a question. Enter in the form saves. Choosing another line while the form
holds unsaved changes asks first: save, discard or go on editing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.case import GoalRecord, Partner, Responsible, StepRecord
from app.i18n import _, format_date, ngettext
from ui.case_services import CaseServices
from ui.operations import Operations, user_message
from ui.pages.case_plan_editors import GOAL, STEP, PlanEditor
from ui.widgets.case_inputs import (
    ConfirmBar,
    WrappingDelegate,
    add_shortcut,
    life_area_name,
    shortcut_text,
)
from ui.widgets.field_error import FieldError, hint_label

SIDE_BY_SIDE_CHARS = 130
KEY_ROLE = Qt.ItemDataRole.UserRole
Key = tuple[str, int]


def goal_columns(goal: GoalRecord, number: int) -> list[str]:
    state = goal.state.label
    if goal.rating is not None:
        state = _("{state}, bewertet: {rating}").format(state=state, rating=goal.rating.label)
    return [
        _("{number}. {text}").format(number=number, text=goal.text),
        life_area_name(goal.life_area),
        _("bis {date}").format(date=format_date(goal.target_date)) if goal.target_date else "",
        state,
    ]


def step_columns(step: StepRecord) -> list[str]:
    who = step.responsible.label
    if step.responsible is Responsible.PARTNER and step.partner:
        who = step.partner
    if step.done_on is not None:
        state = _("erledigt am {date}").format(date=format_date(step.done_on))
    else:
        state = _("offen")
    due = _("fällig {date}").format(date=format_date(step.due)) if step.due else ""
    return [step.text, who, due, state]


class PlanTab(QWidget):
    changed = Signal()

    def __init__(
        self, ops: Operations, cases: CaseServices, case_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ops, self._cases = ops, cases
        self.goals: tuple[GoalRecord, ...] = ()
        self.partners: list[Partner] = []
        self.editable = True
        self._filling = False
        self._pending: Callable[[], None] = lambda: None
        self.tree = self._tree()
        self.editor = PlanEditor(ops, cases, case_id)
        self.editor.saved.connect(lambda _key: self.changed.emit())
        self.empty = hint_label(_("Noch keine Ziele. Mit „Neues Ziel“ das erste anlegen."))
        self.new_goal_button = QPushButton(_("Neues &Ziel"))
        self.new_goal_button.clicked.connect(lambda: self._guard(self.new_goal))
        self.new_step_button = QPushButton(_("Neuer &Schritt"))
        self.new_step_button.clicked.connect(lambda: self._guard(self.new_step))
        self.up_button = self._key_button(
            _("Nach oben"), Qt.Key.Key_Up, lambda: self.move_current(-1)
        )
        self.down_button = self._key_button(
            _("Nach unten"), Qt.Key.Key_Down, lambda: self.move_current(1)
        )
        self.delete_button = QPushButton(_("Löschen …"))
        self.delete_button.setToolTip(shortcut_text(QKeySequence(Qt.Key.Key_Delete)))
        self.delete_button.clicked.connect(self.ask_delete)
        add_shortcut(self.tree, QKeySequence(Qt.Key.Key_Delete), self.ask_delete)
        self.delete_bar = ConfirmBar(_("Ja, löschen"), _("Abbrechen"))
        self.delete_bar.confirmed.connect(self.delete_current)
        self.delete_bar.cancelled.connect(self.tree.setFocus)
        self.unsaved_bar = ConfirmBar(_("Speichern"), _("Weiter bearbeiten"), _("Verwerfen"))
        self.unsaved_bar.confirmed.connect(lambda: self.editor.save_then(self._run_pending))
        self.unsaved_bar.other_chosen.connect(self._discard_and_go_on)
        self.unsaved_bar.cancelled.connect(self._focus_editor)
        self.general_error = FieldError()
        self._build()

    def _tree(self) -> QTreeWidget:
        tree = QTreeWidget()
        tree.setColumnCount(4)
        tree.setHeaderLabels(
            [_("Ziel / Schritt"), _("Lebensbereich / zuständig"), _("Termin"), _("Stand")]
        )
        tree.setAccessibleName(_("Förderplan: Ziele und Schritte"))
        tree.setWordWrap(True)
        tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        tree.setItemDelegate(WrappingDelegate(tree))
        tree.setUniformRowHeights(False)
        tree.setAllColumnsShowFocus(True)
        tree.setAlternatingRowColors(True)
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # Rows get their height for wrapped text only when laid out again after a resize.
        header.sectionResized.connect(lambda *_args: tree.doItemsLayout())
        tree.currentItemChanged.connect(self._current_changed)
        tree.itemActivated.connect(lambda _item, _column: self._focus_editor())
        tree.setMinimumHeight(tree.fontMetrics().lineSpacing() * 8)
        return tree

    def _key_button(self, text: str, key: Qt.Key, action: Callable[[], None]) -> QPushButton:
        keys = QKeySequence(Qt.KeyboardModifier.AltModifier | key)
        button = QPushButton(text)
        button.setToolTip(shortcut_text(keys))
        button.clicked.connect(action)
        add_shortcut(self.tree, keys, action)
        return button

    def _build(self) -> None:
        label = QLabel(_("Ziele und Schritte"))
        label.setBuddy(self.tree)
        buttons = QHBoxLayout()
        for button in (
            self.new_goal_button,
            self.new_step_button,
            self.up_button,
            self.down_button,
            self.delete_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(label)
        left.addWidget(self.tree, 1)
        left.addWidget(self.empty)
        left.addLayout(buttons)
        left.addWidget(self.delete_bar)
        left.addWidget(self.unsaved_bar)
        left.addWidget(self.general_error)
        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.columns.addLayout(left, 3)
        self.columns.addWidget(self.editor, 2)

    def focus_chain(self) -> list[QWidget]:
        return [
            self.tree,
            self.new_goal_button,
            self.new_step_button,
            self.up_button,
            self.down_button,
            self.delete_button,
            *self.delete_bar.focus_chain(),
            *self.unsaved_bar.focus_chain(),
            *self.editor.focus_chain(),
        ]

    def resizeEvent(self, event: QResizeEvent) -> None:
        wide = self.width() >= self.fontMetrics().averageCharWidth() * SIDE_BY_SIDE_CHARS
        self.columns.setDirection(
            QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        )
        super().resizeEvent(event)

    # -- showing ----------------------------------------------------------------------
    def show_plan(
        self, goals: Sequence[GoalRecord], partners: list[Partner], editable: bool
    ) -> None:
        """Fill the tree; keep the line being edited, and unsaved typing in the form."""
        target = self.editor.target
        wanted = target.key if target is not None else self.current_key()
        self.goals, self.partners, self.editable = tuple(goals), partners, editable
        self._filling = True
        self.tree.clear()
        for number, goal in enumerate(goals, start=1):
            item = QTreeWidgetItem(goal_columns(goal, number))
            item.setData(0, KEY_ROLE, (GOAL, goal.id))
            font = item.font(0)
            font.setBold(True)
            item.setFont(0, font)
            for step in goal.steps:
                child = QTreeWidgetItem(step_columns(step))
                child.setData(0, KEY_ROLE, (STEP, step.id))
                item.addChild(child)
            self.tree.addTopLevelItem(item)
        self.tree.expandAll()
        self._filling = False
        self.empty.setVisible(not goals)
        self.editor.set_editable(editable)
        self.new_goal_button.setEnabled(editable)
        if wanted is not None and self.select(wanted) and not self.editor.dirty():
            self._edit(wanted)
        self._update_buttons()

    def current_key(self) -> Key | None:
        item = self.tree.currentItem()
        key = item.data(0, KEY_ROLE) if item is not None else None
        return (str(key[0]), int(key[1])) if key else None

    def _item(self, key: Key) -> QTreeWidgetItem | None:
        for i in range(self.tree.topLevelItemCount()):
            goal = self.tree.topLevelItem(i)
            if goal is None:
                continue
            for item in (goal, *(goal.child(j) for j in range(goal.childCount()))):
                found = item.data(0, KEY_ROLE) if item is not None else None
                if found is not None and tuple(found) == key:
                    return item
        return None

    def select(self, key: Key) -> bool:
        """Make ``key`` the current line without touching the form."""
        item = self._item(key)
        if item is None:
            return False
        self._filling = True
        self.tree.setCurrentItem(item)
        self._filling = False
        return True

    def find_key(self, key: Key) -> tuple[int, GoalRecord, StepRecord | None] | None:
        """The goal's number, the goal, and the step when ``key`` names one."""
        for number, goal in enumerate(self.goals, start=1):
            if key == (GOAL, goal.id):
                return number, goal, None
            for step in goal.steps:
                if key == (STEP, step.id):
                    return number, goal, step
        return None

    def _edit(self, key: Key | None) -> None:
        found = self.find_key(key) if key is not None else None
        if found is None:
            self.editor.clear()
            return
        number, goal, step = found
        if key is not None and key[0] == STEP:
            self.editor.edit_step(goal, step, self.partners, number)
        else:
            self.editor.edit_goal(goal, number)

    def _update_buttons(self) -> None:
        has_line = self.current_key() is not None
        self.new_step_button.setEnabled(self.editable and has_line)
        for button in (self.up_button, self.down_button, self.delete_button):
            button.setEnabled(self.editable and has_line)

    # -- choosing what to edit ------------------------------------------------------------
    def _current_changed(
        self, current: QTreeWidgetItem | None, previous: QTreeWidgetItem | None
    ) -> None:
        if self._filling:
            return
        self.delete_bar.setVisible(False)
        key = self.current_key()
        target = self.editor.target
        if self.editor.dirty() and (target is None or key != target.key):
            self._filling = True
            if previous is not None:
                self.tree.setCurrentItem(previous)
            else:  # a new goal or step is being written: no line is current
                self.tree.setCurrentIndex(QModelIndex())
            self._filling = False
            self._ask_unsaved(lambda: self._choose(key))
            return
        self._edit(key)
        self._update_buttons()

    def _choose(self, key: Key | None) -> None:
        if key is not None:
            self.select(key)
        self._edit(key)
        self._update_buttons()

    def _guard(self, action: Callable[[], None]) -> None:
        """Run ``action`` now, or after the question when the form has unsaved changes."""
        if self.editor.dirty():
            self._ask_unsaved(action)
        else:
            action()

    def _ask_unsaved(self, action: Callable[[], None]) -> None:
        self._pending = action
        self.unsaved_bar.ask(
            _("Die Änderungen an {what} sind noch nicht gespeichert.").format(
                what=self.editor.describe()
            )
        )

    def _run_pending(self) -> None:
        action, self._pending = self._pending, lambda: None
        action()

    def _discard_and_go_on(self) -> None:
        self.editor.discard()
        self._run_pending()

    def _focus_editor(self) -> None:
        target = self.editor.target
        if target is not None:
            form = self.editor.goal if target.kind == GOAL else self.editor.step
            form.text.setFocus()

    def new_goal(self) -> None:
        self._filling = True
        self.tree.setCurrentIndex(QModelIndex())  # the new goal is no line yet
        self._filling = False
        self._update_buttons()
        self.editor.edit_goal(None)
        self.editor.goal.text.setFocus()

    def new_step(self) -> None:
        key = self.current_key()
        found = self.find_key(key) if key is not None else None
        if found is None:
            return
        number, goal, _step = found
        self.editor.edit_step(goal, None, self.partners, number)
        self.editor.step.text.setFocus()

    # -- changing the order, deleting --------------------------------------------------------
    def move_current(self, offset: int) -> None:
        key = self.current_key()
        if key is None or not self.editable:
            return
        cases = self._cases
        mover = cases.move_goal if key[0] == GOAL else cases.move_step
        self._change(lambda: mover(key[1], offset))

    def ask_delete(self) -> None:
        key = self.current_key()
        found = self.find_key(key) if key is not None else None
        if found is None or not self.editable:
            return
        _number, goal, step = found
        if step is not None:
            question = _("Schritt „{text}“ löschen?").format(text=step.text)
        else:
            question = ngettext(
                "Ziel „{text}“ mit {count} Schritt löschen?",
                "Ziel „{text}“ mit {count} Schritten löschen?",
                len(goal.steps),
            ).format(text=goal.text, count=len(goal.steps))
        self.delete_bar.ask(question)

    def delete_current(self) -> None:
        key = self.current_key()
        if key is None:
            return
        cases = self._cases
        remover = cases.delete_goal if key[0] == GOAL else cases.delete_step
        target = self.editor.target
        if target is not None and target.key == key:
            self.editor.clear()
        self._change(lambda: remover(key[1]))
        self.tree.setFocus()

    def _change(self, work: Callable[[], object]) -> None:
        self.general_error.clear_message()
        self._ops.run(
            work,
            lambda _result: self.changed.emit(),
            lambda exc: self.general_error.set_message(user_message(exc)),
            context=self,
        )

    def unsaved(self) -> list[str]:
        return [self.editor.describe()] if self.editor.dirty() else []
