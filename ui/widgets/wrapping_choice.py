"""Check boxes and radio buttons whose long text wraps (Qt's own never wrap).

A long sentence on a ``QCheckBox`` would make the window as wide as the
sentence, which breaks at 200 % font size and with longer translations.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QGridLayout,
    QLabel,
    QWidget,
)

from ui.widgets.field_error import hint_label


class _ClickLabel(QLabel):
    def __init__(self, text: str, button: QAbstractButton) -> None:
        super().__init__(text)
        self._button = button

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._button.isEnabled():
            self._button.setFocus(Qt.FocusReason.MouseFocusReason)
            self._button.click()
        super().mouseReleaseEvent(event)


class WrappingChoice(QWidget):
    """``button`` (without text of its own) followed by ``text`` as a wrapping label,
    and optionally a smaller ``detail`` under the text."""

    def __init__(
        self,
        button: QAbstractButton,
        text: str,
        detail: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.button = button
        button.setText("")
        button.setAccessibleName(text)
        self.label = _ClickLabel(text, button)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.label.setBuddy(button)
        # As tall as one line of text, so the indicator sits centred on the first line.
        button.setFixedHeight(max(button.sizeHint().height(), self.label.fontMetrics().height()))
        # A grid, not nested boxes: only the grid gives wrapped labels their real height.
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(2)
        grid.addWidget(button, 0, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.label, 0, 1)
        if detail:
            button.setAccessibleDescription(detail)
            grid.addWidget(hint_label(detail), 1, 1)
        grid.setColumnStretch(1, 1)

    def text(self) -> str:
        return self.label.text()
