"""Klient:innen: search as you type, open a client, start the intake of a new one;
merge duplicates and import client lists in their dialogs."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.client import ClientRow
from app.domain.client_filter import ClientFilter
from app.domain.eligibility import Offer
from app.domain.residence import TargetGroupClass
from app.flows.intake_flow import IntakeFlow
from app.i18n import _, ngettext
from ui.dialogs.import_dialog import ImportDialog
from ui.dialogs.merge_dialog import MergeDialog
from ui.intake_wizard import IntakeWizard
from ui.models.client_table_model import ClientFilterModel, ClientTableModel
from ui.operations import Operations, user_message
from ui.services import OfficeServices
from ui.widgets.case_inputs import choice_combo
from ui.widgets.common import chain_tab_order, heading_label
from ui.widgets.field_error import FieldError, hint_label

SEARCH_DELAY_MS = 150
_MOVES = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1, Qt.Key.Key_PageUp: -10, Qt.Key.Key_PageDown: 10}
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class ClientsPage(QWidget):
    open_client = Signal(object)  # ClientRow

    def __init__(
        self, services: OfficeServices, ops: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._ops = ops
        self._sequence = 0  # answers to older searches are dropped
        self.wizard: IntakeWizard | None = None
        self.merge_dialog: MergeDialog | None = None
        self.import_dialog: ImportDialog | None = None
        self._starting = False
        self.model = ClientTableModel()
        self.proxy = ClientFilterModel()  # sorting only: the database does the searching
        self.proxy.setSourceModel(self.model)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.reload)

        self.filter = QLineEdit()
        self.filter.setPlaceholderText(_("Name (jede Schrift), Nummer oder Geburtsjahr"))
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName(_("Klient:innen suchen"))
        self.filter.textChanged.connect(lambda _text: self.search_timer.start())
        self.filter.installEventFilter(self)
        search_label = QLabel(_("&Suchen"))
        search_label.setBuddy(self.filter)
        self._build_buttons()
        search = QHBoxLayout()
        search.addWidget(search_label)
        search.addWidget(self.filter, 1)
        search.addWidget(self.new_button)

        self.filters = self._build_filters()
        self.table = self._build_table()
        self.count = hint_label(_("Wird geladen …"))
        self.error = FieldError()
        layout = QVBoxLayout(self)
        layout.addWidget(heading_label(_("Klient:innen")))
        layout.addLayout(search)
        layout.addLayout(self.filters)
        tools = QHBoxLayout()  # below the search, so the search field keeps its width
        tools.addWidget(self.count, 1)
        tools.addWidget(self.merge_button)
        tools.addWidget(self.import_button)
        layout.addLayout(tools)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)
        chain_tab_order(
            self.filter,
            self.class_filter,
            self.offer_filter,
            self.counsellor_filter,
            self.case_filter,
            self.language_filter,
            self.new_button,
            self.merge_button,
            self.import_button,
            self.table,
        )

    def _build_buttons(self) -> None:
        self.new_button = QPushButton(_("Neue:r Klient:in"))
        self.new_button.setToolTip(_("Neue Person aufnehmen (Strg+N)"))
        self.new_button.clicked.connect(self.start_intake)
        self.merge_button = QPushButton(_("Doppelerfassungen …"))
        self.merge_button.setToolTip(_("Doppelt erfasste Personen finden und zusammenführen"))
        self.merge_button.clicked.connect(self.open_merge)
        self.import_button = QPushButton(_("Liste einlesen …"))
        self.import_button.setToolTip(_("Klient:innen aus einer CSV- oder Excel-Datei übernehmen"))
        self.import_button.clicked.connect(self.open_import)

    def _build_filters(self) -> QGridLayout:
        """Narrow the list by today's target-group class, intake outcome, language,
        counsellor and whether an integration support is running."""
        self.class_filter = choice_combo(
            ((c.label, c) for c in TargetGroupClass), _("alle Zielgruppen")
        )
        self.offer_filter = choice_combo(((o.label, o) for o in Offer), _("alle Angebote"))
        self.counsellor_filter = choice_combo((), _("alle Berater:innen"))
        self.case_filter = choice_combo(
            [(_("mit laufendem Fall"), True), (_("ohne laufenden Fall"), False)], _("alle")
        )
        self.language_filter = QLineEdit()
        self.language_filter.setMaxLength(2)
        self.language_filter.setPlaceholderText(_("z. B. ar"))
        self.language_filter.setMaximumWidth(self.fontMetrics().averageCharWidth() * 10)
        grid = QGridLayout()
        cells = (
            (_("&Zielgruppe"), self.class_filter),
            (_("Erst&beratung"), self.offer_filter),
            (_("Be&rater:in"), self.counsellor_filter),
            (_("Integrations&begleitung"), self.case_filter),
            (_("S&prache"), self.language_filter),
        )
        for n, (text, widget) in enumerate(cells):
            label = QLabel(text)
            label.setBuddy(widget)
            widget.setAccessibleName(label.text().replace("&", ""))
            # Two pairs per row: three would not fit 1280 pixels at 200 % font size.
            grid.addWidget(label, n // 2, (n % 2) * 2)
            grid.addWidget(widget, n // 2, (n % 2) * 2 + 1, Qt.AlignmentFlag.AlignLeft)
        grid.setColumnStretch(4, 1)
        for combo in (
            self.class_filter,
            self.offer_filter,
            self.counsellor_filter,
            self.case_filter,
        ):
            combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.language_filter.textChanged.connect(lambda _t: self.search_timer.start())
        self._ops.run(self._services.cases.counsellors, self._fill_counsellors, context=self)
        return grid

    def _fill_counsellors(self, names: dict[int, str]) -> None:
        for uid, name in names.items():
            self.counsellor_filter.addItem(name, uid)

    def current_filter(self) -> ClientFilter:
        return ClientFilter(
            target_class=self.class_filter.currentData(),
            offer=self.offer_filter.currentData(),
            language=self.language_filter.text().strip(),
            counsellor_id=self.counsellor_filter.currentData(),
            open_case=self.case_filter.currentData(),
        )

    def _build_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.proxy)
        table.setAccessibleName(_("Liste der Klient:innen"))
        table.setSortingEnabled(True)
        table.sortByColumn(ClientTableModel.FAMILY_NAME, Qt.SortOrder.AscendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setTabKeyNavigation(False)
        table.verticalHeader().setVisible(False)
        table.doubleClicked.connect(self._open_index)
        table.installEventFilter(self)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setResizeContentsPrecision(200)  # fit columns to 200 rows, not 1000 of 20,000
        header.setStretchLastSection(True)
        return table

    # -- searching --------------------------------------------------------------
    def reload(self) -> None:
        """Show the clients matching the search text (all of them when it is empty)."""
        self.search_timer.stop()
        text = self.filter.text().strip()
        flt = self.current_filter()
        services = self._services
        self._sequence += 1
        sequence = self._sequence
        self._ops.run(
            (lambda: services.search_clients(text, flt))
            if text or not flt.empty
            else services.list_clients,
            lambda rows: self._show(sequence, text, rows),
            lambda exc: self._failed(sequence, exc),
            context=self,
        )

    def _show(self, sequence: int, text: str, rows: list[ClientRow]) -> None:
        if sequence != self._sequence:
            return
        selected = self.selected_client()
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        self.error.clear_message()
        if not text and self.current_filter().empty:
            self.count.setText(
                ngettext("{count} Klient:in", "{count} Klient:innen", len(rows)).format(
                    count=len(rows)
                )
                if rows
                else _("Noch keine Klient:innen erfasst.")
            )
        elif rows:
            self.count.setText(
                ngettext("{count} Treffer", "{count} Treffer", len(rows)).format(count=len(rows))
            )
        else:
            self.count.setText(_("Niemand gefunden. Mit „Neue:r Klient:in“ aufnehmen?"))
        self._select(selected)

    def _select(self, client: ClientRow | None) -> None:
        """Keep the selected client selected, or select the first row (Enter opens it)."""
        row = 0
        if client is not None:
            for r in range(self.proxy.rowCount()):
                if self.proxy.index(r, 0).data(ClientTableModel.ROW_ROLE) == client:
                    row = r
                    break
        if self.proxy.rowCount():
            self.table.selectRow(row)
        else:
            self.table.clearSelection()

    def _failed(self, sequence: int, exc: BaseException) -> None:
        if sequence != self._sequence:
            return
        self.count.setText("")
        self.error.set_message(user_message(exc))

    # -- keyboard and opening ------------------------------------------------------
    def selected_client(self) -> ClientRow | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        client = index.siblingAtColumn(0).data(ClientTableModel.ROW_ROLE)
        return client if isinstance(client, ClientRow) else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.filter and key in _MOVES:
                self._move(_MOVES[Qt.Key(key)])
                return True
            if key in _ENTER and event.modifiers() == Qt.KeyboardModifier.NoModifier:
                if watched is self.filter:
                    self.search_timer.stop()
                if watched in (self.filter, self.table):
                    self.open_selected()
                    return True
        return super().eventFilter(watched, event)

    def _move(self, step: int) -> None:
        rows = self.proxy.rowCount()
        if not rows:
            return
        current = self.table.currentIndex().row()
        row = 0 if current < 0 else max(0, min(rows - 1, current + step))
        self.table.selectRow(row)
        self.table.scrollTo(self.proxy.index(row, 0))

    def _open_index(self, index: QModelIndex) -> None:
        client = index.siblingAtColumn(0).data(ClientTableModel.ROW_ROLE)
        if isinstance(client, ClientRow):
            self.open_client.emit(client)

    def open_selected(self) -> None:
        client = self.selected_client()
        if client is not None:
            self.open_client.emit(client)

    # -- intake ---------------------------------------------------------------------
    def start_intake(self) -> None:
        if self.wizard is not None and self.wizard.isVisible():
            self.wizard.raise_()
            self.wizard.activateWindow()
            return
        if self._starting:
            return  # Ctrl+N pressed twice: one wizard is on its way
        self._starting = True
        self._ops.run(
            self._services.intake_flow,
            self._show_wizard,
            self._intake_failed,
            context=self,
            busy=[self.new_button],
        )

    def _intake_failed(self, exc: BaseException) -> None:
        self._starting = False
        self.error.set_message(user_message(exc))

    def _show_wizard(self, flow: IntakeFlow) -> None:
        self._starting = False
        if self.wizard is not None:
            self.wizard.deleteLater()
        self.wizard = IntakeWizard(flow, self._ops, self)
        self.wizard.client_chosen.connect(self._intake_done)
        self.wizard.open()

    def _intake_done(self, client: ClientRow, saved: bool) -> None:
        if saved:
            self.reload()
        self.open_client.emit(client)

    # -- duplicates and imports -----------------------------------------------------
    def open_merge(self) -> MergeDialog:
        """The dialog for merging duplicates; it looks for pairs as it opens."""
        if self.merge_dialog is not None:
            self.merge_dialog.deleteLater()
        self.merge_dialog = MergeDialog(self._services, self._ops, self)
        self.merge_dialog.merged.connect(lambda _result: self.reload())
        self.merge_dialog.open()
        self.merge_dialog.load()
        return self.merge_dialog

    def open_import(self) -> ImportDialog:
        """The dialog for importing a list; it asks for the file first."""
        if self.import_dialog is not None:
            self.import_dialog.deleteLater()
        self.import_dialog = ImportDialog(self._services, self._ops, self)
        self.import_dialog.imported.connect(lambda _report: self.reload())
        self.import_dialog.open()
        self.import_dialog.choose_file()
        return self.import_dialog
