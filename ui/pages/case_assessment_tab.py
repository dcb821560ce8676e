"""The Anamnese of a case: situation, resources and need with a priority, per life area.

Each life area is saved on its own (button or Ctrl+Enter). What was typed and not yet
saved stays when the page reloads after another change.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.case import AssessmentEntry, Priority
from app.domain.counselling import LIFE_AREAS
from app.errors import FieldErrors
from app.i18n import _
from ui.operations import Operations, user_message
from ui.widgets.case_inputs import add_shortcut, enum_combo, select_data, shortcut_text, text_box
from ui.widgets.field_error import FieldError, hint_label

SIDE_BY_SIDE_CHARS = 110  # below this width (in average characters) the fields stack
TEXTS = ("situation", "resources", "need")
SAVE_KEYS = QKeySequence(Qt.KeyboardModifier.ControlModifier | Qt.Key.Key_Return)


def show_field_errors(
    errors: Mapping[str, FieldError], general: FieldError, exc: BaseException
) -> None:
    """Messages under their fields; the rest (and refusals) in ``general``."""
    for line in errors.values():
        line.clear_message()
    if not isinstance(exc, FieldErrors):
        general.set_message(user_message(exc))
        return
    rest = [message for name, message in exc.errors.items() if name not in errors]
    for name, message in exc.errors.items():
        if name in errors:
            errors[name].set_message(message)
    general.set_message(" ".join(rest))


def _normal(entry: AssessmentEntry) -> AssessmentEntry:
    """As the service stores it: without surrounding blanks."""
    return AssessmentEntry(
        entry.life_area,
        entry.situation.strip(),
        entry.resources.strip(),
        entry.need.strip(),
        entry.priority,
    )


class AreaEditor(QGroupBox):
    """One life area: three texts side by side (or stacked), the priority, a save button."""

    saved = Signal()

    def __init__(self, ops: Operations, code: str, save: Callable[[AssessmentEntry], None]) -> None:
        super().__init__(_(LIFE_AREAS[code]))
        self._ops, self._save, self.code = ops, save, code
        self.saved_entry = AssessmentEntry(code)
        self.just_saved = False
        labels = (_("Situation"), _("Ressourcen"), _("Bedarf"))
        self.texts = {name: text_box(3) for name in TEXTS}
        self.errors = {name: FieldError() for name in TEXTS}
        self.priority = enum_combo(Priority)
        select_data(self.priority, Priority.NONE)
        self.save_button = QPushButton(_("Speichern"))
        self.save_button.setToolTip(_("Speichern mit {keys}").format(keys=shortcut_text(SAVE_KEYS)))
        self.save_button.clicked.connect(self.save)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            add_shortcut(self, QKeySequence(Qt.KeyboardModifier.ControlModifier | key), self.save)
        self.state = hint_label("")
        self.general_error = FieldError()
        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        for name, text in zip(TEXTS, labels, strict=True):
            self.columns.addLayout(self._column(text, self.texts[name], self.errors[name]), 1)
            self.texts[name].textChanged.connect(self._show_state)
        priority_label = QLabel(_("Priorität"))
        priority_label.setBuddy(self.priority)
        self.priority.setAccessibleName(_("Priorität {area}").format(area=self.title()))
        self.priority.currentIndexChanged.connect(lambda _i: self._show_state())
        side = QVBoxLayout()
        side.addWidget(priority_label)
        side.addWidget(self.priority)
        side.addWidget(self.save_button)
        side.addWidget(self.state)
        side.addStretch(1)
        self.columns.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addLayout(self.columns)
        layout.addWidget(self.general_error)

    def _column(self, text: str, box: QWidget, error: FieldError) -> QVBoxLayout:
        label = QLabel(text)
        label.setBuddy(box)
        box.setAccessibleName(_("{field} {area}").format(field=text, area=self.title()))
        column = QVBoxLayout()
        column.setSpacing(2)
        column.addWidget(label)
        column.addWidget(box)
        column.addWidget(error)
        return column

    def focus_chain(self) -> list[QWidget]:
        return [*self.texts.values(), self.priority, self.save_button]

    def entry(self) -> AssessmentEntry:
        situation, resources, need = (self.texts[n].toPlainText() for n in TEXTS)
        return AssessmentEntry(self.code, situation, resources, need, self.priority.currentData())

    def dirty(self) -> bool:
        return _normal(self.entry()) != _normal(self.saved_entry)

    def show_entry(self, entry: AssessmentEntry | None, editable: bool) -> None:
        """Show what is stored, unless unsaved typing would be overwritten."""
        stored = entry or AssessmentEntry(self.code)
        if not self.dirty():
            for name in TEXTS:
                if self.texts[name].toPlainText() != getattr(stored, name):
                    self.texts[name].setPlainText(getattr(stored, name))
            select_data(self.priority, stored.priority)
        self.saved_entry = stored
        for box in self.texts.values():
            box.setReadOnly(not editable)
        self.priority.setEnabled(editable)
        self.save_button.setEnabled(editable)
        self._show_state()

    def _show_state(self) -> None:
        if self.dirty():
            self.just_saved = False
            self.state.setText(_("nicht gespeichert"))
        else:
            self.state.setText(_("gespeichert") if self.just_saved else "")

    def set_direction(self, wide: bool) -> None:
        self.columns.setDirection(
            QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        )

    def save(self) -> None:
        if not self.save_button.isEnabled():
            return  # read-only, or saving already
        entry, save = self.entry(), self._save
        self.general_error.clear_message()
        self._ops.run(
            lambda: save(entry),
            lambda _none: self._saved(entry),
            lambda exc: show_field_errors(self.errors, self.general_error, exc),
            context=self,
            busy=[self.save_button],
        )

    def _saved(self, entry: AssessmentEntry) -> None:
        for error in self.errors.values():
            error.clear_message()
        self.saved_entry = entry
        self.just_saved = True
        self._show_state()
        self.saved.emit()


class AssessmentTab(QWidget):
    """All life areas, one group each; the written support need of the case on top."""

    changed = Signal()

    def __init__(
        self,
        ops: Operations,
        save: Callable[[AssessmentEntry], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.need = QLabel()
        self.need.setWordWrap(True)
        self.need.setTextFormat(Qt.TextFormat.PlainText)
        self.need.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.areas = {code: AreaEditor(ops, code, save) for code in LIFE_AREAS}
        layout = QVBoxLayout(self)
        intro = hint_label(
            _(
                "Kompetenz- und Ressourcenanalyse: für jeden Lebensbereich die Lage, was die "
                "Person mitbringt und was sie braucht. Jeder Bereich wird für sich gespeichert."
            )
        )
        layout.addWidget(intro)
        layout.addWidget(self.need)
        for area in self.areas.values():
            area.saved.connect(self.changed.emit)
            layout.addWidget(area)
        layout.addStretch(1)

    def focus_chain(self) -> list[QWidget]:
        return [w for area in self.areas.values() for w in area.focus_chain()]

    def show_assessment(
        self, entries: Sequence[AssessmentEntry], written_need: str, editable: bool
    ) -> None:
        self.need.setText(
            _("Festgestellter Förderbedarf: {need}").format(need=written_need)
            if written_need
            else _("Kein schriftlicher Förderbedarf festgehalten.")
        )
        stored = {e.life_area: e for e in entries}
        for code, area in self.areas.items():
            area.show_entry(stored.get(code), editable)

    def unsaved(self) -> list[str]:
        return [area.title() for area in self.areas.values() if area.dirty()]

    def resizeEvent(self, event: QResizeEvent) -> None:
        wide = self.width() >= self.fontMetrics().averageCharWidth() * SIDE_BY_SIDE_CHARS
        for area in self.areas.values():
            area.set_direction(wide)
        super().resizeEvent(event)
