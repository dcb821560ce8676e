"""The client list as a Qt table model over ``list[ClientRow]``, plus its filter."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt

from app.domain.client import ClientRow
from app.i18n import N_
from ui.models.row_table_model import AnyIndex, RowTableModel, collation_key


class ClientTableModel(RowTableModel[ClientRow]):
    NUMBER, FAMILY_NAME, GIVEN_NAME, BIRTH_YEAR, NATIONALITY, LANGUAGE = range(6)
    HEADERS = (
        N_("Nr."),
        N_("Familienname"),
        N_("Vorname"),
        N_("Geburtsjahr"),
        N_("Staatsangehörigkeit"),
        N_("Sprache"),
    )
    FILTER_COLUMNS = (NUMBER, FAMILY_NAME, GIVEN_NAME, BIRTH_YEAR)

    def __init__(self, rows: list[ClientRow] | None = None) -> None:
        super().__init__(rows)
        # Sorting asks for a key on every comparison: compute each column's keys once.
        self._keys: dict[int, list[Any]] = {}
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder

    def set_rows(self, rows: list[ClientRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._keys = {}
        if self._sort_column >= 0:
            self._order_rows(self._sort_column, self._sort_order)
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in Python with each key computed once: 20,000 rows in a few dozen ms, where a
        proxy asking Python for two keys per comparison takes seconds."""
        self._sort_column, self._sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        before = list(self._rows)
        self._order_rows(column, order)
        position = {id(client): row for row, client in enumerate(self._rows)}
        old = self.persistentIndexList()
        self.changePersistentIndexList(
            old,
            [self.index(position[id(before[i.row()])], i.column()) for i in old],
        )
        self.layoutChanged.emit()

    def _order_rows(self, column: int, order: Qt.SortOrder) -> None:
        keys = [self.sort_key(c, column) for c in self._rows]
        ranked = sorted(
            range(len(self._rows)),
            key=keys.__getitem__,
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        self._rows = [self._rows[i] for i in ranked]
        self._keys = {}

    def display(self, client: ClientRow, column: int) -> str:
        if column == self.NUMBER:
            return client.number
        if column == self.FAMILY_NAME:
            return client.family_name
        if column == self.GIVEN_NAME:
            return client.given_name
        if column == self.BIRTH_YEAR:
            return str(client.birth_year) if client.birth_year else ""
        if column == self.NATIONALITY:
            return client.nationality
        return client.language

    def sort_key(self, client: ClientRow, column: int) -> Any:
        if column == self.BIRTH_YEAR:
            return client.birth_year or 0
        return collation_key(self.display(client, column))

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.has_row(index):
            return None
        client = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.display(client, column)
        if role == self.SORT_ROLE:
            keys = self._keys.get(column)
            if keys is None:
                keys = self._keys[column] = [self.sort_key(c, column) for c in self._rows]
            return keys[index.row()]
        if role == self.ROW_ROLE:
            return client
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.BIRTH_YEAR:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class ClientFilterModel(QSortFilterProxyModel):
    """Keeps the rows whose number, name or birth year contain every typed word."""

    def __init__(self) -> None:
        super().__init__()
        self._words: list[str] = []
        self.setSortRole(ClientTableModel.SORT_ROLE)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Let the source model sort itself (fast); the proxy keeps its order as it is."""
        source = self.sourceModel()
        if isinstance(source, ClientTableModel) and column >= 0:
            source.sort(column, order)
        else:
            super().sort(column, order)

    def set_filter_text(self, text: str) -> None:
        self.beginFilterChange()
        self._words = text.casefold().split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if not self._words:
            return True
        model = self.sourceModel()
        assert isinstance(model, ClientTableModel)
        client = model.row_at(source_row)
        haystack = " ".join(
            model.display(client, column) for column in ClientTableModel.FILTER_COLUMNS
        ).casefold()
        return all(word in haystack for word in self._words)
