"""One table of the yearly statistics: its counts with a total row and column.

Shows the office's own counts; cells the yearly file will suppress (below the threshold,
or hidden so that totals do not give one away) are greyed, with a tooltip saying so.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from app.domain.yearly_report import CountTable
from app.i18n import _, format_decimal

AnyIndex = QModelIndex | QPersistentModelIndex
Labeller = Callable[[str, str], str]  # (table key, code) -> label
SUPPRESSED_MARK = "·"


def _value(table: CountTable, row: int, column: int) -> int | None:
    """Cell, row total (last column), column total (last row) or the grand total."""
    rows, columns = len(table.rows), len(table.columns)
    if row < rows and column < columns:
        return table.cells[row][column]
    if row < rows:
        return table.row_totals[row]
    if column < columns:
        return table.column_totals[column]
    return table.total


class CountTableModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.table: CountTable | None = None
        self.published: CountTable | None = None
        self.label: Labeller = lambda _table, code: code

    def set_table(
        self, table: CountTable | None, published: CountTable | None, label: Labeller
    ) -> None:
        """``published``: the same table as the file will carry it (None: not shown)."""
        self.beginResetModel()
        self.table, self.published, self.label = table, published, label
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.table is None else len(self.table.rows) + 1

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.table is None else len(self.table.columns) + 1

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if self.table is None or role != Qt.ItemDataRole.DisplayRole:
            return None
        codes = self.table.columns if orientation == Qt.Orientation.Horizontal else self.table.rows
        if section < len(codes):
            return self.label(self.table.key, codes[section])
        return _("Summe") if self.table.additive else _("Personen")

    def is_suppressed(self, row: int, column: int) -> bool:
        if self.published is None or self.table is None:
            return False
        shown = _value(self.table, row, column)
        return shown is not None and _value(self.published, row, column) is None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.table is None or not index.isValid():
            return None
        row, column = index.row(), index.column()
        value = _value(self.table, row, column)
        total = row == len(self.table.rows) or column == len(self.table.columns)
        if role == Qt.ItemDataRole.DisplayRole:
            return SUPPRESSED_MARK if value is None else format_decimal(value, 0)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and total:
            font = QFont()
            font.setBold(True)
            return font
        suppressed = self.is_suppressed(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and suppressed:
            return QBrush(QColor("#8a8a8a"))
        if role == Qt.ItemDataRole.ToolTipRole and suppressed:
            return _("Wird in der Jahresmeldung unterdrückt (Datenschutz: kleine Fallzahl).")
        return None
