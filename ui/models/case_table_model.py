"""Open cases of integration support as a Qt table model over ``list[CaseSummary]``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from app.domain.case import CaseSummary
from app.domain.case_clock import Clock, ClockLevel, clock
from app.i18n import N_, _, format_date, ngettext
from ui.models.row_table_model import AnyIndex, RowTableModel, collation_key
from ui.widgets.field_error import error_colour

URGENT = frozenset({ClockLevel.WARN_30, ClockLevel.LAST_DAY, ClockLevel.EXPIRED})


def clock_text(value: Clock) -> str:
    """The three-year clock in a few words, for a table cell (the full sentence is its tooltip)."""
    if value.level is ClockLevel.EXPIRED:
        return ngettext(
            "seit {days} Tag abgelaufen", "seit {days} Tagen abgelaufen", -value.days_left
        ).format(days=-value.days_left)
    if value.level is ClockLevel.LAST_DAY:
        return _("endet heute")
    return ngettext("noch {days} Tag", "noch {days} Tage", value.days_left).format(
        days=value.days_left
    )


def client_text(case: CaseSummary) -> str:
    return _("{number} {name}").format(number=case.client_number, name=case.client_name)


def _date_text(value: dt.date | None) -> str:
    return format_date(value) if value is not None else "–"


class CaseTableModel(RowTableModel[CaseSummary]):
    CLIENT, COUNSELLOR, START, PLANNED_END, NEXT_REVIEW, CLOCK = range(6)
    HEADERS = (
        N_("Klient:in"),
        N_("Berater:in"),
        N_("Beginn"),
        N_("Geplantes Ende"),
        N_("Nächste Überprüfung"),
        N_("Dreijahresfrist"),
    )

    def __init__(self) -> None:
        super().__init__()
        self._clocks: list[Clock] = []
        self.today = dt.date.today()

    def set_rows(self, rows: list[CaseSummary], today: dt.date) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.today = today
        self._clocks = [clock(case.planned_end, today) for case in self._rows]
        self.endResetModel()

    def clock_at(self, row: int) -> Clock:
        return self._clocks[row]

    def display(self, row: int, column: int) -> str:
        case = self._rows[row]
        if column == self.CLIENT:
            return client_text(case)
        if column == self.COUNSELLOR:
            return case.counsellor or "–"
        if column == self.START:
            return _date_text(case.start)
        if column == self.PLANNED_END:
            return _date_text(case.planned_end)
        if column == self.NEXT_REVIEW:
            return _date_text(case.next_review)
        return clock_text(self._clocks[row])

    def sort_key(self, row: int, column: int) -> Any:
        case = self._rows[row]
        if column == self.START:
            return case.start.toordinal()
        if column == self.PLANNED_END:
            return case.planned_end.toordinal()
        if column == self.NEXT_REVIEW:
            return case.next_review.toordinal() if case.next_review else dt.date.max.toordinal()
        if column == self.CLOCK:
            return self._clocks[row].days_left
        if column == self.CLIENT:
            return collation_key(case.client_name) + case.client_number
        return collation_key(self.display(row, column))

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.has_row(index):
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.CLOCK:
                return self._clocks[row].sentence
            return self.display(row, column)
        if role == self.SORT_ROLE:
            return self.sort_key(row, column)
        if role == self.ROW_ROLE:
            return self._rows[row]
        if role in (Qt.ItemDataRole.FontRole, Qt.ItemDataRole.ForegroundRole):
            return self._style(row, column, role)
        return None

    def _emphasis(self, row: int, column: int) -> tuple[bool, bool]:
        """(bold, red): the clock from 90 days before the end, red from 30 days;
        a next review in the past."""
        if column in (self.CLOCK, self.PLANNED_END):
            level = self._clocks[row].level
            return level is not ClockLevel.RUNNING, level in URGENT
        if column == self.NEXT_REVIEW:
            upcoming = self._rows[row].next_review
            overdue = upcoming is not None and upcoming < self.today
            return overdue, overdue
        return False, False

    def _style(self, row: int, column: int, role: int) -> Any:
        bold, red = self._emphasis(row, column)
        if role == Qt.ItemDataRole.FontRole and bold:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and red:
            return QBrush(QColor(error_colour()))
        return None


def sorted_cases(model: CaseTableModel) -> QSortFilterProxyModel:
    """A proxy that sorts ``model`` by its sort keys (dates as dates, the clock by days)."""
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(CaseTableModel.SORT_ROLE)
    return proxy
