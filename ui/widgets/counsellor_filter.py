"""A combo box that narrows a list to one counsellor, or shows everyone's."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QComboBox, QWidget

from app.i18n import _


class CounsellorFilter(QComboBox):
    """„Alle Berater:innen“ (``None``) and each counsellor by name; starts on ``selected``."""

    def __init__(
        self, selected: int | None, selected_name: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        # Long names must not widen the page at 200 % font: elide in the box.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(16)
        self.addItem(_("Alle Berater:innen"), None)
        if selected is not None:
            self.addItem(selected_name or "…", selected)
            self.setCurrentIndex(1)

    def selected(self) -> int | None:
        value = self.currentData()
        return int(value) if value is not None else None

    def set_counsellors(self, names: Mapping[int, str]) -> bool:
        """Offer ``names`` (id → name), keeping the choice; True when the choice changed
        because its counsellor is no longer among them (then everyone's is shown)."""
        chosen = self.selected()
        self.blockSignals(True)
        try:
            self.clear()
            self.addItem(_("Alle Berater:innen"), None)
            for uid, name in names.items():
                self.addItem(name, uid)
            index = self.findData(chosen) if chosen is not None else 0
            self.setCurrentIndex(max(index, 0))
        finally:
            self.blockSignals(False)
        return chosen is not None and self.selected() != chosen
