"""Inputs shared by the case page and its dialogs: choices from enums, life areas and
partners, several dates read at once, a bar that asks before something happens, and
tree rows whose first column wraps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from enum import Enum

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.domain.case import Partner
from app.domain.counselling import LIFE_AREAS
from app.errors import FieldErrors
from app.i18n import _
from ui.widgets.date_field import DateError, DateField


def choice_combo(entries: Iterable[tuple[str, object]], empty: str | None = None) -> QComboBox:
    """A combo box of (text, data) entries; ``empty`` adds a first entry meaning none."""
    combo = QComboBox()
    if empty is not None:
        combo.addItem(empty, None)
    for text, data in entries:
        combo.addItem(text, data)
    # Long labels (and translations) must not make the page as wide as they are.
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(12)
    return combo


def enum_combo(members: Iterable[Enum], empty: str | None = None) -> QComboBox:
    """The members of a labelled enum by their (translated) labels."""
    return choice_combo(((getattr(m, "label", m.name), m) for m in members), empty)


def life_area_combo(empty: str | None = None) -> QComboBox:
    return choice_combo(((_(label), code) for code, label in LIFE_AREAS.items()), empty)


def life_area_name(code: str) -> str:
    return _(LIFE_AREAS[code]) if code in LIFE_AREAS else code


def select_data(combo: QComboBox, value: object) -> None:
    """Select the entry carrying ``value`` (the first entry when there is none)."""
    index = combo.findData(value)
    combo.setCurrentIndex(max(index, 0))


def fill_partners(
    combo: QComboBox, partners: Sequence[Partner], keep: tuple[int, str] | None = None
) -> None:
    """The active partners; ``keep`` (id, name) stays choosable though no longer active."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(
        _("– Netzwerkpartner wählen –") if partners or keep else _("– noch keine Partner –"),
        None,
    )
    for partner in partners:
        combo.addItem(
            _("{name} ({kind})").format(name=partner.name, kind=partner.kind.label), partner.id
        )
    if keep is not None and combo.findData(keep[0]) < 0:
        combo.addItem(keep[1], keep[0])
    select_data(combo, current)
    combo.blockSignals(False)


def text_box(lines: int = 3) -> QPlainTextEdit:
    """A multi-line text; Tab moves on rather than typing a tab."""
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 12)
    return box


def read_dates(
    fields: Mapping[str, DateField], required: Iterable[str] = ()
) -> dict[str, dt.date | None]:
    """The dates typed into ``fields`` by name; FieldErrors names every one that cannot be
    read, and every ``required`` one left empty."""
    values: dict[str, dt.date | None] = {}
    errors: dict[str, str] = {}
    needed = set(required)
    for name, field in fields.items():
        try:
            values[name] = field.date()
        except DateError as exc:
            errors[name] = exc.message
            continue
        if values[name] is None and name in needed:
            errors[name] = _("Bitte das Datum angeben.")
    if errors:
        raise FieldErrors(errors)
    return values


def shortcut_text(keys: QKeySequence) -> str:
    return keys.toString(QKeySequence.SequenceFormat.NativeText)


def add_shortcut(
    widget: QWidget, keys: QKeySequence | QKeySequence.StandardKey, action: Callable[[], None]
) -> QShortcut:
    """``keys`` run ``action`` while the focus is in ``widget`` or one of its children."""
    shortcut = QShortcut(QKeySequence(keys), widget)
    shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    shortcut.activated.connect(action)
    return shortcut


class ConfirmBar(QWidget):
    """A question with a confirming and a cancelling button, shown in place (no modal);
    ``other`` adds a third choice between them.

    Enter confirms (the confirming button has the focus), Esc cancels."""

    confirmed = Signal()
    other_chosen = Signal()
    cancelled = Signal()

    def __init__(
        self, confirm: str, cancel: str, other: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.question = QLabel()
        self.question.setWordWrap(True)
        self.question.setTextFormat(Qt.TextFormat.PlainText)
        font = self.question.font()
        font.setBold(True)
        self.question.setFont(font)
        self.confirm_button = QPushButton(confirm)
        self.confirm_button.clicked.connect(self._confirm)
        self.other_button = QPushButton(other)
        self.other_button.clicked.connect(self._other)
        self.cancel_button = QPushButton(cancel)
        self.cancel_button.clicked.connect(self._cancel)
        add_shortcut(self, QKeySequence(Qt.Key.Key_Escape), self._cancel)
        buttons = QHBoxLayout()
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(self.other_button)
        self.other_button.setVisible(bool(other))
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.question)
        column.addLayout(buttons)
        self.setVisible(False)

    def ask(self, question: str, confirm: str | None = None) -> None:
        self.question.setText(question)
        self.question.setAccessibleName(question)
        if confirm is not None:
            self.confirm_button.setText(confirm)
        self.setVisible(True)
        self.confirm_button.setFocus()

    def _confirm(self) -> None:
        self.setVisible(False)
        self.confirmed.emit()

    def focus_chain(self) -> list[QWidget]:
        return [self.confirm_button, self.other_button, self.cancel_button]

    def _other(self) -> None:
        self.setVisible(False)
        self.other_chosen.emit()

    def _cancel(self) -> None:
        if not self.isHidden():
            self.setVisible(False)
            self.cancelled.emit()


class WrappingDelegate(QStyledItemDelegate):
    """Row heights for the wrapped first column: Qt's tree asks for a size without
    the column's width (the other columns fit their contents)."""

    def __init__(self, tree: QTreeView) -> None:
        super().__init__(tree)
        self._tree = tree

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        tree = self._tree
        if index.column() != 0:
            return super().sizeHint(option, index)
        depth, parent = 1 if tree.rootIsDecorated() else 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        width = tree.columnWidth(0) - tree.indentation() * depth
        wrapped = QStyleOptionViewItem(option)
        wrapped.rect = QRect(0, 0, max(width, 1), max(option.rect.height(), 1))
        return super().sizeHint(wrapped, index)
