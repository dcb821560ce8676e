"""Integrationsbegleitung: the open cases of the office or of one counsellor.

Sortable by every column; the three-year clock is bold from 90 days before
the planned end and red from 30 days. Enter or a double-click opens the case.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QPushButton, QTableView, QVBoxLayout, QWidget

from app.domain.case import CaseSummary
from app.i18n import _, ngettext
from ui.models.case_table_model import CaseTableModel, sorted_cases
from ui.operations import Operations
from ui.pages.counsellor_list_page import CounsellorListPage
from ui.services import OfficeServices
from ui.widgets.common import chain_tab_order, heading_label
from ui.widgets.field_error import hint_label
from ui.widgets.report_table import read_only_rows


@dataclass(frozen=True)
class CaseList:
    today: dt.date
    counsellors: dict[int, str]
    cases: list[CaseSummary]


def case_table(model: CaseTableModel, accessible_name: str) -> QTableView:
    """A sortable, read-only table of cases; whole rows are selected."""
    table = QTableView()
    table.setModel(sorted_cases(model))
    read_only_rows(table, accessible_name, word_wrap=False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().lineSpacing() * 3 // 2)
    return table


def fit_case_columns(table: QTableView) -> None:
    """Columns as wide as their contents, but long names elided (the tooltip has them)."""
    table.resizeColumnsToContents()
    chars = table.fontMetrics().averageCharWidth()
    for column, most in ((CaseTableModel.CLIENT, 26), (CaseTableModel.COUNSELLOR, 18)):
        table.setColumnWidth(column, min(table.columnWidth(column), chars * most))


def selected_case(table: QTableView) -> CaseSummary | None:
    index = table.currentIndex()
    case = index.data(CaseTableModel.ROW_ROLE) if index.isValid() else None
    return case if isinstance(case, CaseSummary) else None


class CasesPage(CounsellorListPage):
    case_requested = Signal(int)  # case id

    def __init__(
        self, services: OfficeServices, ops: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(services, ops, _("Fälle &von"), _("Fälle von"), parent=parent)
        self.open_button = QPushButton(_("Ö&ffnen"))
        self.open_button.setToolTip(_("Den gewählten Fall öffnen (Eingabetaste)"))
        self.open_button.clicked.connect(self.open_selected)
        self.model = CaseTableModel()
        self.table = case_table(self.model, _("Offene Fälle"))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(CaseTableModel.PLANNED_END, Qt.SortOrder.AscendingOrder)
        self.table.activated.connect(self._open_index)
        layout = QVBoxLayout(self)
        layout.addWidget(heading_label(_("Integrationsbegleitung")))
        layout.addLayout(self.filter_row(self.open_button))
        layout.addWidget(self.count)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)
        layout.addWidget(
            hint_label(
                _(
                    "Eine Integrationsbegleitung wird bei der Klient:in eröffnet "
                    "(Erstberatung oder Seite der Klient:in)."
                )
            )
        )
        chain_tab_order(self.filter, self.open_button, self.table)

    def fetch(self, counsellor_id: int | None) -> Callable[[], CaseList]:
        cases = self._services.cases
        return lambda: CaseList(
            dt.date.today(), cases.counsellors(), cases.open_cases(counsellor_id)
        )

    def show_listing(self, data: CaseList) -> None:
        chosen = selected_case(self.table)
        self.model.set_rows(data.cases, data.today)
        # One counsellor's list needs no counsellor column.
        self.table.setColumnHidden(CaseTableModel.COUNSELLOR, self.filter.selected() is not None)
        fit_case_columns(self.table)
        self.count.setText(
            ngettext("{count} offener Fall", "{count} offene Fälle", len(data.cases)).format(
                count=len(data.cases)
            )
            if data.cases
            else _("Keine offenen Fälle.")
        )
        self.error.clear_message()
        self._select(chosen)

    def _select(self, case: CaseSummary | None) -> None:
        """Keep the chosen case selected, or the first row (Enter opens it)."""
        proxy = self.table.model()
        row = 0
        for r in range(proxy.rowCount()):
            found = proxy.index(r, 0).data(CaseTableModel.ROW_ROLE)
            if case is not None and isinstance(found, CaseSummary) and found.id == case.id:
                row = r
                break
        if proxy.rowCount():
            self.table.selectRow(row)
        self.open_button.setEnabled(proxy.rowCount() > 0)

    def _open_index(self, index: QModelIndex) -> None:
        case = index.data(CaseTableModel.ROW_ROLE)
        if isinstance(case, CaseSummary):
            self.case_requested.emit(case.id)

    def open_selected(self) -> None:
        case = selected_case(self.table)
        if case is not None:
            self.case_requested.emit(case.id)
