"""The residence status as a choice, and the target-group class with its explanation."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFrame, QLabel, QVBoxLayout, QWidget

from app.domain.eligibility import Eligibility
from app.domain.residence import DEFAULT_STATUS_CODES
from app.i18n import _


def status_combo(empty: str | None = None) -> QComboBox:
    """The status codes by their display text; ``empty`` adds a first entry meaning none."""
    combo = QComboBox()
    if empty is not None:
        combo.addItem(empty, None)
    for status in DEFAULT_STATUS_CODES:
        combo.addItem(status.display, status.code)
    # The longest labels would make the window as wide as they are.
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(20)
    return combo


class AssessmentBox(QFrame):
    """The target-group class in bold with the sentence explaining what it allows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.explanation.setTextFormat(Qt.TextFormat.PlainText)
        self.explanation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.explanation)

    def show_eligibility(self, elig: Eligibility) -> None:
        self.heading.setText(
            _("Zielgruppe: {target_class}").format(target_class=elig.target_class.label)
        )
        self.explanation.setText(elig.explanation)
        self.setAccessibleDescription(f"{self.heading.text()} {elig.explanation}")
