"""Validation messages shown directly under the field they concern, never in a modal.

``FieldForm`` builds the rows of a form (label with buddy, field, optional
hint, error line) and maps the field names used by ``FieldErrors`` to them.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from app.errors import FieldErrors
from app.i18n import _
from ui.operations import user_message

ERROR_LIGHT = "#b3261e"  # 5.9:1 on white
ERROR_DARK = "#ffb4ab"


def error_colour(widget: QWidget | None = None) -> str:
    """Red text readable on the widget's (or the application's) background, light or dark."""
    palette = widget.palette() if widget is not None else QGuiApplication.palette()
    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    return ERROR_DARK if dark else ERROR_LIGHT


def accessible_text(label: str) -> str:
    """A label as a screen reader should say it: no mnemonic ampersand, no colon."""
    return label.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(" :")


class FieldError(QLabel):
    """A red sentence under one field; takes no space while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setAccessibleName(_("Fehler"))
        self.setStyleSheet(f"color: {error_colour(self)};")
        self.setVisible(False)

    def set_message(self, text: str) -> None:
        self.setText(text)
        self.setAccessibleDescription(text)
        self.setVisible(bool(text))

    def message(self) -> str:
        return "" if self.isHidden() else self.text()

    def clear_message(self) -> None:
        self.set_message("")


def hint_label(text: str, parent: QWidget | None = None) -> QLabel:
    """Small explanatory text under a field."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


class FieldForm:
    """A ``QFormLayout`` whose fields carry their error line (and hint) directly below them."""

    def __init__(self, wrap_rows: bool = False, grow_fields: bool = True) -> None:
        self.layout = QFormLayout()
        self.layout.setFieldGrowthPolicy(
            QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow
            if grow_fields
            else QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint
        )
        self.layout.setRowWrapPolicy(
            QFormLayout.RowWrapPolicy.WrapAllRows
            if wrap_rows
            else QFormLayout.RowWrapPolicy.WrapLongRows
        )
        self._errors: dict[str, FieldError] = {}
        self._fields: dict[str, QWidget] = {}
        self._rows: dict[str, int] = {}

    def add(
        self,
        name: str,
        text: str,
        field: QWidget,
        *,
        hint: str = "",
        buddy: QWidget | None = None,
    ) -> QLabel:
        """Add the row ``name``; ``buddy`` is the input inside ``field`` when that is a group.

        Without ``text`` the row spans the form (for a check box that is its own label).
        """
        target = buddy or field
        label = QLabel(text)
        label.setBuddy(target)
        if not target.accessibleName():
            target.setAccessibleName(accessible_text(text))
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(field)
        if hint:
            column.addWidget(hint_label(hint, box))
        error = FieldError(box)
        column.addWidget(error)
        self._rows[name] = self.layout.rowCount()
        if text:
            self.layout.addRow(label, box)
        else:
            self.layout.addRow(box)
        self._errors[name] = error
        self._fields[name] = target
        self._clear_on_edit(name, target)
        return label

    def _clear_on_edit(self, name: str, field: QWidget) -> None:
        """An error is about what was typed: once the field changes, it goes away."""
        for signal_name in ("textEdited", "currentIndexChanged", "valueChanged", "toggled"):
            signal = getattr(field, signal_name, None)
            if signal is not None:
                signal.connect(lambda *_args, n=name: self._clear_one(n))
                return

    def _clear_one(self, name: str) -> None:
        self._errors[name].clear_message()
        self._fields[name].setAccessibleDescription("")

    def error(self, name: str) -> FieldError:
        return self._errors[name]

    def field(self, name: str) -> QWidget:
        return self._fields[name]

    def set_row_visible(self, name: str, visible: bool) -> None:
        self.layout.setRowVisible(self._rows[name], visible)

    def show_errors(self, errors: Mapping[str, str]) -> dict[str, str]:
        """Show each message under its field and focus the first; return those without a field."""
        self.clear()
        leftover: dict[str, str] = {}
        first: QWidget | None = None
        for name, message in errors.items():
            if name not in self._errors:
                leftover[name] = message
                continue
            self._errors[name].set_message(message)
            self._fields[name].setAccessibleDescription(message)
        for name, widget in self._fields.items():
            if name in errors:
                first = widget
                break
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
        return leftover

    def set_error(self, name: str, message: str) -> None:
        self._errors[name].set_message(message)
        self._fields[name].setAccessibleDescription(message)

    def clear(self) -> None:
        for name in self._errors:
            self._clear_one(name)


def show_failure(form: FieldForm, general: FieldError, exc: BaseException) -> None:
    """A failed save: field errors under their fields, anything else in ``general``."""
    if isinstance(exc, FieldErrors):
        leftover = form.show_errors(exc.errors)
        general.set_message(" ".join(leftover.values()))
    else:
        general.set_message(user_message(exc))
