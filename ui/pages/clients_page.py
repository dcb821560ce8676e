"""Klient:innen: the read-only client list with a filter."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.client import ClientRow
from app.i18n import _, ngettext
from ui.models.client_table_model import ClientFilterModel, ClientTableModel
from ui.operations import Operations, user_message
from ui.services import OfficeServices
from ui.widgets.common import heading_label
from ui.widgets.field_error import FieldError, hint_label


class ClientsPage(QWidget):
    def __init__(
        self, services: OfficeServices, ops: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._ops = ops
        self.model = ClientTableModel()
        self.proxy = ClientFilterModel()
        self.proxy.setSourceModel(self.model)

        self.filter = QLineEdit()
        self.filter.setPlaceholderText(_("Name, Nummer oder Geburtsjahr"))
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName(_("Klient:innen suchen"))
        self.filter.textChanged.connect(self._filter_changed)
        search_label = QLabel(_("Suchen"))
        search_label.setBuddy(self.filter)
        search = QHBoxLayout()
        search.addWidget(search_label)
        search.addWidget(self.filter, 1)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(_("Liste der Klient:innen"))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(ClientTableModel.FAMILY_NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)

        self.count = hint_label(_("Wird geladen …"))
        self.error = FieldError()
        layout = QVBoxLayout(self)
        layout.addWidget(heading_label(_("Klient:innen")))
        layout.addLayout(search)
        layout.addWidget(self.count)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)
        QWidget.setTabOrder(self.filter, self.table)

    def reload(self) -> None:
        self._ops.run(self._services.list_clients, self._show, self._failed, context=self)

    def _show(self, rows: list[ClientRow]) -> None:
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        self.error.clear_message()
        self._update_count()

    def _failed(self, exc: BaseException) -> None:
        self.count.setText("")
        self.error.set_message(user_message(exc))

    def _filter_changed(self, text: str) -> None:
        self.proxy.set_filter_text(text)
        self._update_count()

    def _update_count(self) -> None:
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        if total == 0:
            text = _("Noch keine Klient:innen erfasst.")
        elif shown == total:
            text = ngettext("{count} Klient:in", "{count} Klient:innen", total).format(count=total)
        else:
            text = _("{shown} von {total} Klient:innen").format(shown=shown, total=total)
        self.count.setText(text)
