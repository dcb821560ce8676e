"""A read-only table of plain text rows (pairs of duplicates, import errors)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
)


def read_only_rows(table: QTableView, accessible_name: str, word_wrap: bool) -> None:
    """A read-only table whose whole rows are selected, one at a time; Tab leaves it; the
    columns can be resized and the last one takes the rest of the width."""
    table.setAccessibleName(accessible_name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setTabKeyNavigation(False)
    table.setWordWrap(word_wrap)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)


def report_table(headers: Sequence[str], accessible_name: str) -> QTableWidget:
    """Whole rows are selected; the last column takes the rest of the width and wraps."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    read_only_rows(table, accessible_name, word_wrap=True)
    return table


def fill_table(table: QTableWidget, rows: Sequence[Sequence[object]]) -> None:
    """Replace the rows; numbers are right-aligned; the columns fit their contents."""
    table.clearContents()
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem("" if value is None else str(value))
            if isinstance(value, int):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)
    last = table.columnCount() - 1
    for c in range(last):
        table.resizeColumnToContents(c)
        width = table.fontMetrics().averageCharWidth() * 40
        table.setColumnWidth(c, min(table.columnWidth(c), width))
    table.resizeRowsToContents()


def cell_texts(table: QTableWidget) -> list[list[str]]:
    """What the table shows, row by row."""
    return [
        [
            item.text() if (item := table.item(r, c)) is not None else ""
            for c in range(table.columnCount())
        ]
        for r in range(table.rowCount())
    ]
