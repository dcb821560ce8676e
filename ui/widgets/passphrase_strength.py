"""A live strength bar for a new passphrase, fed by ``app.domain.passphrase.assess``."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from app.domain.passphrase import Strength, assess
from app.i18n import _

# Bar colours per strength: red, orange, yellow-green, green, dark green.
_COLOURS = {
    Strength.VERY_WEAK: "#c62828",
    Strength.WEAK: "#ef6c00",
    Strength.FAIR: "#9e9d24",
    Strength.STRONG: "#2e7d32",
    Strength.VERY_STRONG: "#1b5e20",
}


class StrengthMeter(QWidget):
    """Bar plus words ("Stärke: stark"); the words carry the meaning, the colour only helps."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, len(Strength))
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(self.fontMetrics().height() // 2 + 4)
        self.bar.setAccessibleName(_("Stärke der Passphrase"))
        self.label = QLabel(self)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.bar, 1)
        row.addWidget(self.label)
        self.update_for("")

    def update_for(self, passphrase: str) -> None:
        if not passphrase:
            self.bar.setValue(0)
            self.label.setText(_("Stärke: –"))
            self.bar.setAccessibleDescription("")
            return
        strength = assess(passphrase).strength
        self.bar.setValue(int(strength) + 1)
        palette = self.bar.palette()
        palette.setColor(QPalette.ColorRole.Highlight, QColor(_COLOURS[strength]))
        self.bar.setPalette(palette)
        text = _("Stärke: {strength}").format(strength=strength.label)
        self.label.setText(text)
        self.bar.setAccessibleDescription(text)

    def strength_text(self) -> str:
        return self.label.text()
