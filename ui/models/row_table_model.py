"""What the table models over ``list[DTO]`` share: one row per DTO, translated headers,
a sort role and a role that hands out the DTO itself; plus the German sort key."""

from __future__ import annotations

import unicodedata
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.i18n import _

AnyIndex = QModelIndex | QPersistentModelIndex
RowT = TypeVar("RowT")


def collation_key(text: str) -> str:
    """Sort as a German list does (DIN 5007-1): Ä with A, Ç with C, ß as ss, case ignored.

    The same on every machine, unlike the system locale's collation.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    return base + "\0" + text  # ties: the exact spelling decides


class RowTableModel(QAbstractTableModel, Generic[RowT]):
    """A flat table of ``_rows``, one column per entry of ``HEADERS`` (declared with ``N_``)."""

    HEADERS: ClassVar[tuple[str, ...]] = ()
    SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # what a proxy sorts by
    ROW_ROLE = Qt.ItemDataRole.UserRole + 2  # the row's DTO itself

    def __init__(self, rows: list[RowT] | None = None) -> None:
        super().__init__()
        self._rows: list[RowT] = list(rows or [])

    def row_at(self, row: int) -> RowT:
        return self._rows[row]

    def has_row(self, index: AnyIndex) -> bool:
        return index.isValid() and 0 <= index.row() < len(self._rows)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.HEADERS)
        ):
            return _(self.HEADERS[section])
        return None
