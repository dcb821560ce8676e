"""Inputs shared by the intake wizard and the client page: life areas, contact form, minutes."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QListWidget, QListWidgetItem, QSpinBox, QWidget

from app.domain.counselling import LIFE_AREAS, MAX_DURATION, ContactForm
from app.i18n import _

CODE_ROLE = Qt.ItemDataRole.UserRole


class LifeAreaList(QListWidget):
    """The life areas as a list of check boxes (Space ticks the current one)."""

    def __init__(self, visible_rows: int = 5, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        for code, label in LIFE_AREAS.items():
            item = QListWidgetItem(_(label))
            item.setData(CODE_ROLE, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.addItem(item)
        row = self.sizeHintForRow(0) if self.count() else self.fontMetrics().lineSpacing()
        self.setMinimumHeight(row * min(3, self.count()) + 2 * self.frameWidth())
        self.setMaximumHeight(row * visible_rows + 2 * self.frameWidth())

    def checked_codes(self) -> tuple[str, ...]:
        return tuple(
            str(self.item(i).data(CODE_ROLE))
            for i in range(self.count())
            if self.item(i).checkState() == Qt.CheckState.Checked
        )

    def set_checked(self, codes: Iterable[str]) -> None:
        wanted = set(codes)
        for i in range(self.count()):
            item = self.item(i)
            checked = item.data(CODE_ROLE) in wanted
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)


def contact_form_combo() -> QComboBox:
    combo = QComboBox()
    for form in ContactForm:
        combo.addItem(form.label, form)
    return combo


def minutes_spin() -> QSpinBox:
    """Duration in minutes; 0 means "not given" and is refused when saving."""
    spin = QSpinBox()
    spin.setRange(0, MAX_DURATION * 2)
    spin.setSingleStep(5)
    spin.setSpecialValueText(_("bitte angeben"))
    spin.setSuffix(_(" Min."))
    return spin


def life_area_labels(codes: Iterable[str]) -> str:
    return ", ".join(_(LIFE_AREAS[code]) if code in LIFE_AREAS else code for code in codes)
