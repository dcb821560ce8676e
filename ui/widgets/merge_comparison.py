"""Two records of one person side by side: which one stays, and which value each field takes.

A grid of field label | left value | right value. Where the records differ, each
value is a radio button; equal values are shown plainly. The record kept is
chosen per side ("Diesen Datensatz behalten"); fields not picked by hand follow it.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QLabel,
    QRadioButton,
    QWidget,
)

from app.domain.merge import (
    EMPTY,
    MERGEABLE_FIELDS,
    MergeChoice,
    MergePreview,
    MergeRequest,
    MergeSide,
)
from app.i18n import N_, _
from ui.widgets.common import chain_tab_order
from ui.widgets.field_error import FieldError, accessible_text

LEFT, RIGHT = 0, 1
_HISTORY = (
    ("statuses", N_("Aufenthaltsstatus")),
    ("contacts", N_("Kontakte")),
    ("consents", N_("Einwilligungen")),
)


def _plain(text: str, bold: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if bold:
        font = label.font()
        font.setBold(True)
        label.setFont(font)
    return label


def default_keep(preview: MergePreview) -> int:
    """The older record stays: the one with the lower number."""
    left, right = preview.keep, preview.remove
    return LEFT if (left.number, left.id) <= (right.number, right.id) else RIGHT


class MergeComparison(QWidget):
    """The grid for one ``MergePreview``; ``preview.keep`` is the left side."""

    changed = Signal()

    def __init__(self, preview: MergePreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = preview
        self.sides: tuple[MergeSide, MergeSide] = (preview.keep, preview.remove)
        self.differing = preview.differing
        self.keep_group = QButtonGroup(self)
        self.keep_buttons: list[QRadioButton] = []
        self.choices: dict[str, QButtonGroup] = {}
        self.errors: dict[str, FieldError] = {}
        self._touched: set[str] = set()
        self.grid = QGridLayout(self)
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(2, 1)
        spacing = self.fontMetrics().averageCharWidth() * 2
        self.grid.setHorizontalSpacing(spacing)
        self._build()
        self.set_keep(default_keep(preview))
        self.keep_group.idClicked.connect(self.set_keep)

    def _build(self) -> None:
        grid = self.grid
        for side, record in enumerate(self.sides):
            heading = _plain(
                _("{number}: {family}, {given}").format(
                    number=record.number,
                    family=record.values.family_name,
                    given=record.values.given_name,
                ),
                bold=True,
            )
            grid.addWidget(heading, 0, side + 1)
            keep = QRadioButton(_("Diesen Datensatz behalten"))
            keep.setAccessibleName(_("Datensatz {number} behalten").format(number=record.number))
            self.keep_group.addButton(keep, side)
            self.keep_buttons.append(keep)
            grid.addWidget(keep, 1, side + 1)
        row = 2
        for field, label_text in MERGEABLE_FIELDS.items():
            row = self._add_field(row, field, _(label_text))
        history = _plain(_("Verlauf (wird vollständig übernommen)"), bold=True)
        grid.addWidget(history, row, 0, 1, 3)
        row += 1
        for attribute, label_text in _HISTORY:
            grid.addWidget(_plain(_(label_text)), row, 0)
            for side, record in enumerate(self.sides):
                count = _plain(str(getattr(record, attribute)))
                grid.addWidget(count, row, side + 1)
            row += 1
        grid.setRowStretch(row, 1)
        chain_tab_order(
            *self.keep_buttons,
            *(b for group in self.choices.values() for b in group.buttons()),
        )

    def _add_field(self, row: int, field: str, label_text: str) -> int:
        differs = field in self.differing
        label = _plain(label_text, bold=differs)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
        error = FieldError()
        self.grid.addWidget(error, row + 1, 1, 1, 2)
        self.errors[field] = error
        if not differs:
            for side, record in enumerate(self.sides):
                self.grid.addWidget(_plain(record.display[field]), row, side + 1)
            return row + 2
        group = QButtonGroup(self)
        for side, record in enumerate(self.sides):
            button = QRadioButton(record.display[field])
            button.setAccessibleName(
                _("{field} von {number}: {value}").format(
                    field=accessible_text(label_text),
                    number=record.number,
                    value=record.display[field],
                )
            )
            group.addButton(button, side)
            self.grid.addWidget(button, row, side + 1)
        label.setBuddy(group.button(LEFT))
        group.idClicked.connect(lambda _side, f=field: self._picked(f))
        self.choices[field] = group
        return row + 2

    def _picked(self, field: str) -> None:
        self._touched.add(field)
        self.errors[field].clear_message()
        self.changed.emit()

    # -- choices ----------------------------------------------------------------
    def keep_side(self) -> int:
        return LEFT if self.keep_group.checkedId() != RIGHT else RIGHT

    def set_keep(self, side: int) -> None:
        """Keep ``side``; every field not picked by hand takes the kept record's value,
        or the other one where the kept record has none."""
        self.keep_buttons[side].setChecked(True)
        other = 1 - side
        for field, group in self.choices.items():
            if field in self._touched:
                continue
            empty = self.sides[side].display[field] == EMPTY
            has_other = self.sides[other].display[field] != EMPTY
            group.button(other if empty and has_other else side).setChecked(True)
        self.changed.emit()

    def pick(self, field: str, side: int) -> None:
        """Take ``field`` from ``side`` (as a click on its value does)."""
        self.choices[field].button(side).click()

    def chosen_side(self, field: str) -> int:
        return self.choices[field].checkedId()

    def kept(self) -> MergeSide:
        return self.sides[self.keep_side()]

    def removed(self) -> MergeSide:
        return self.sides[1 - self.keep_side()]

    def request(self) -> MergeRequest:
        keep = self.keep_side()
        choices: dict[str, MergeChoice] = {
            field: "keep" if group.checkedId() == keep else "remove"
            for field, group in self.choices.items()
        }
        return MergeRequest(self.kept().id, self.removed().id, choices)

    # -- errors ---------------------------------------------------------------------
    def show_errors(self, errors: Mapping[str, str]) -> dict[str, str]:
        """Each message under its field row; returns those without a row here."""
        self.clear_errors()
        leftover: dict[str, str] = {}
        first: QWidget | None = None
        for field, message in errors.items():
            error = self.errors.get(field)
            if error is None:
                leftover[field] = message
                continue
            error.set_message(message)
            group = self.choices.get(field)
            button = group.checkedButton() if group is not None else None
            if button is not None:
                button.setAccessibleDescription(message)
                first = first or button
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
        return leftover

    def clear_errors(self) -> None:
        for field, error in self.errors.items():
            error.clear_message()
            group = self.choices.get(field)
            for button in group.buttons() if group is not None else ():
                button.setAccessibleDescription("")
