"""The main window: navigation on the left, one page at a time on the right.

Changing the UI language rebuilds the window's contents, so every label is
translated at once; the session and the open page stay.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QSizePolicy,
    QStackedWidget,
    QWidget,
)

from app.domain.client import ClientRow
from app.i18n import N_, _
from ui.operations import Operations
from ui.pages.client_page import ClientPage
from ui.pages.clients_page import ClientsPage
from ui.pages.overview_page import OverviewPage
from ui.pages.settings_page import SettingsPage
from ui.services import OfficeServices


@dataclass(frozen=True)
class NavEntry:
    key: str
    label: str  # N_()-marked, translated at display
    available: bool


NAV: tuple[NavEntry, ...] = (
    NavEntry("overview", N_("Übersicht"), True),
    NavEntry("clients", N_("Klient:innen"), True),
    NavEntry("cases", N_("Integrationsbegleitung"), False),
    NavEntry("follow_ups", N_("Wiedervorlagen"), False),
    NavEntry("statistics", N_("Statistik & Export"), False),
    NavEntry("settings", N_("Einstellungen"), True),
)

LanguageChanger = Callable[[str], None]  # raises LotseError if the language cannot be used


class MainWindow(QMainWindow):
    closed = Signal()

    def __init__(
        self,
        services: OfficeServices,
        ops: Operations,
        apply_language: LanguageChanger,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.ops = ops
        self._apply_language = apply_language
        self.pages: dict[str, QWidget] = {}
        self.client_page: ClientPage | None = None  # the open client, shown instead of the list
        self.status_label: QLabel | None = None
        self.resize(1100, 700)
        self._build(current="overview")

    # -- building (again after a language change) --------------------------
    def _build(self, current: str) -> None:
        office, user = self.services.office, self.services.user
        self.setWindowTitle(_("Lotse – {office}").format(office=office.name))
        self._build_menu()
        self.nav = QListWidget()
        self.nav.setAccessibleName(_("Bereiche"))
        self.stack = QStackedWidget()
        overview = OverviewPage(self.services, self.ops)
        clients = ClientsPage(self.services, self.ops)
        settings = SettingsPage(self.services, self.ops, self._change_language)
        self.pages = {"overview": overview, "clients": clients, "settings": settings}
        clients.open_client.connect(self.open_client)
        open_client = self.client_page.client if self.client_page is not None else None
        self.client_page = None
        for page in self.pages.values():
            self.stack.addWidget(page)
        self._fill_nav()
        central = QWidget()
        row = QHBoxLayout(central)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        old = self.takeCentralWidget()
        self.setCentralWidget(central)
        if old is not None:
            old.deleteLater()
        if self.status_label is not None:
            self.statusBar().removeWidget(self.status_label)
            self.status_label.deleteLater()
        self.status_label = QLabel(
            _("{office} · angemeldet: {name} ({role})").format(
                office=office.name, name=user.display_name, role=user.role.label
            )
        )
        # Cut rather than widen the window when the names are long.
        self.status_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.statusBar().addPermanentWidget(self.status_label, 1)
        self.nav.currentRowChanged.connect(self._row_changed)
        self.show_page(current)
        overview.reload()
        clients.reload()
        settings.load()
        if open_client is not None and current == "clients":
            self.open_client(open_client)

    def _build_menu(self) -> None:
        bar = self.menuBar()
        bar.clear()
        direct = Qt.FindChildOption.FindDirectChildrenOnly
        for old in (*bar.findChildren(QMenu, "", direct), *self.findChildren(QAction, "", direct)):
            old.deleteLater()  # from the build before a language change
        for action in self.actions():
            self.removeAction(action)
        file_menu = bar.addMenu(_("Datei"))
        new_client = QAction(_("Neue:r Klient:in …"), self)
        new_client.setShortcut(QKeySequence("Ctrl+N"))
        new_client.triggered.connect(self.start_intake)
        file_menu.addAction(new_client)
        file_menu.addSeparator()
        quit_action = QAction(_("Beenden"), self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        for number, entry in enumerate(NAV, start=1):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _checked=False, key=entry.key: self.show_page(key))
            self.addAction(action)

    def _fill_nav(self) -> None:
        metrics = self.nav.fontMetrics()
        widest = 0
        for number, entry in enumerate(NAV, start=1):
            item = QListWidgetItem(_(entry.label))
            item.setData(Qt.ItemDataRole.UserRole, entry.key)
            shortcut = QKeySequence(f"Ctrl+{number}").toString(
                QKeySequence.SequenceFormat.NativeText
            )
            if entry.available:
                item.setToolTip(shortcut)
            else:
                item.setFlags(
                    item.flags() & ~(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                )
                item.setToolTip(_("Noch nicht verfügbar"))
            self.nav.addItem(item)
            widest = max(widest, metrics.horizontalAdvance(item.text()))
        self.nav.setFixedWidth(widest + metrics.averageCharWidth() * 4 + 8)
        self.nav.setSpacing(max(2, metrics.height() // 5))

    # -- navigation -------------------------------------------------------
    def row_for(self, key: str) -> int:
        return next(i for i, entry in enumerate(NAV) if entry.key == key)

    def current_key(self) -> str:
        return NAV[self.nav.currentRow()].key if self.nav.currentRow() >= 0 else "overview"

    def show_page(self, key: str) -> None:
        entry = NAV[self.row_for(key)]
        if not entry.available:
            self.statusBar().showMessage(_("Noch nicht verfügbar"), 3000)
            return
        self.nav.setCurrentRow(self.row_for(key))

    def _row_changed(self, row: int) -> None:
        if row < 0:
            return
        page = self.pages.get(NAV[row].key)
        if page is not None:
            self._drop_client_page()  # leaving the client for another area closes it
            self.stack.setCurrentWidget(page)

    # -- clients ----------------------------------------------------------
    def start_intake(self) -> None:
        self.show_page("clients")
        self.close_client()
        clients = self.pages["clients"]
        assert isinstance(clients, ClientsPage)
        clients.start_intake()

    def open_client(self, client: ClientRow) -> None:
        """Show one client in place of the list (the navigation stays on Klient:innen)."""
        self.nav.setCurrentRow(self.row_for("clients"))
        self._drop_client_page()
        page = ClientPage(self.services, self.ops, client)
        page.back_requested.connect(self.close_client)
        self.client_page = page
        self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)
        page.back_button.setFocus()
        page.reload()

    def close_client(self) -> None:
        """Back to the list, with the search as it was."""
        if self.client_page is None:
            return
        self._drop_client_page()
        clients = self.pages["clients"]
        assert isinstance(clients, ClientsPage)
        self.stack.setCurrentWidget(clients)
        clients.reload()  # contacts or status may have changed what the list shows
        clients.filter.setFocus()

    def _drop_client_page(self) -> None:
        if self.client_page is not None:
            self.stack.removeWidget(self.client_page)
            self.client_page.deleteLater()
            self.client_page = None

    # -- language ---------------------------------------------------------
    def _change_language(self, code: str) -> None:
        self._apply_language(code)
        current = self.current_key()
        # Rebuild after the combo box that asked has finished its signal.
        QTimer.singleShot(0, lambda: self._rebuild(current))

    def _rebuild(self, current: str) -> None:
        self._build(current)
        page = self.pages["settings"]
        assert isinstance(page, SettingsPage)
        page.language.setFocus()  # keep the keyboard where it was

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        if event.isAccepted():
            self.closed.emit()
