"""The client table model and its filter, without a view."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, Qt

from app.domain.client import ClientRow
from ui.models.client_table_model import ClientFilterModel, ClientTableModel

ROWS = [
    ClientRow(1, "K-00002", "Özdemir", "Ayşe", dt.date(1990, 5, 1), "TUR", "tr"),
    ClientRow(2, "K-00010", "Abbas", "Rami", dt.date(1985, 1, 2), "SYR", "ar"),
    ClientRow(3, "K-00001", "Kovalenko", "Olena", None, "UKR", "uk"),
]


def test_columns_headers_and_display() -> None:
    model = ClientTableModel(ROWS)
    assert model.rowCount() == 3 and model.columnCount() == 6
    assert model.rowCount(model.index(0, 0)) == 0  # a flat table
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)]
    assert headers == [
        "Nr.",
        "Familienname",
        "Vorname",
        "Geburtsjahr",
        "Staatsangehörigkeit",
        "Sprache",
    ]
    assert [model.index(0, c).data() for c in range(6)] == [
        "K-00002",
        "Özdemir",
        "Ayşe",
        "1990",
        "TUR",
        "tr",
    ]
    assert model.index(2, ClientTableModel.BIRTH_YEAR).data() == ""
    assert model.index(1, 0).data(ClientTableModel.ROW_ROLE) is ROWS[1]
    assert model.data(QModelIndex()) is None


def test_sort_role_sorts_years_as_numbers_and_names_case_free() -> None:
    model = ClientTableModel(ROWS)
    assert model.index(0, ClientTableModel.BIRTH_YEAR).data(ClientTableModel.SORT_ROLE) == 1990
    assert model.index(2, ClientTableModel.BIRTH_YEAR).data(ClientTableModel.SORT_ROLE) == 0
    proxy = ClientFilterModel()
    proxy.setSourceModel(model)
    proxy.sort(ClientTableModel.BIRTH_YEAR, Qt.SortOrder.AscendingOrder)
    assert [proxy.index(r, 0).data() for r in range(3)] == ["K-00001", "K-00010", "K-00002"]
    proxy.sort(ClientTableModel.FAMILY_NAME, Qt.SortOrder.AscendingOrder)
    assert proxy.index(0, ClientTableModel.FAMILY_NAME).data() == "Abbas"


def test_filter_by_name_number_and_year() -> None:
    model = ClientTableModel(ROWS)
    proxy = ClientFilterModel()
    proxy.setSourceModel(model)

    def shown(text: str) -> list[str]:
        proxy.set_filter_text(text)
        return sorted(proxy.index(r, 0).data() for r in range(proxy.rowCount()))

    assert shown("") == ["K-00001", "K-00002", "K-00010"]
    assert shown("özdemir") == ["K-00002"]
    assert shown("K-0001") == ["K-00010"]
    assert shown("1985") == ["K-00010"]
    assert shown("olena kovalenko") == ["K-00001"]
    assert shown("SYR") == []  # nationality is not searched
    assert shown("rami 1990") == []


def test_set_rows_resets() -> None:
    model = ClientTableModel()
    assert model.rowCount() == 0
    model.set_rows(ROWS[:1])
    assert model.rowCount() == 1 and model.row_at(0) is ROWS[0]


def test_names_sort_as_in_a_german_list() -> None:
    names = ["Zander", "Çamurcuoğlu", "Bilgin", "ärger", "Demirel", "Şama", "Abbas", "Straße"]
    rows = [ClientRow(i, f"K-{i:05d}", n, "", None, "", "") for i, n in enumerate(names)]
    proxy = ClientFilterModel()
    proxy.setSourceModel(ClientTableModel(rows))
    proxy.sort(ClientTableModel.FAMILY_NAME, Qt.SortOrder.AscendingOrder)
    column = ClientTableModel.FAMILY_NAME
    assert [proxy.index(r, column).data() for r in range(len(names))] == [
        "Abbas",
        "ärger",
        "Bilgin",
        "Çamurcuoğlu",
        "Demirel",
        "Şama",
        "Straße",
        "Zander",
    ]
