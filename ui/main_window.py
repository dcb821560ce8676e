"""The main window: navigation on the left, one page at a time on the right.

Changing the UI language rebuilds the window's contents, so every label is
translated at once; the session and the open page stay.

A client or a case opens in place of the area's page (the navigation stays
where it was); "back" returns to the page it was opened from.

Locking (Ctrl+L, or after the office's idle time without keyboard or mouse
input) puts a neutral panel in place of the contents, hides the window's
dialogs and closes the session; ``locked`` asks the start-up to show the
unlock dialog. The same user gets everything back as it was, typed text
included; another user gets the window rebuilt for them.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
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

from app import config
from app.domain.client import ClientRow
from app.i18n import _
from ui.auto_backup import AutoBackup
from ui.main_window_extras import ExtrasMenu
from ui.main_window_parts import (
    NAV,
    REFRESHED_ON_SHOW,
    IdleWatcher,
    LanguageChanger,
    client_row,
    locked_panel,
)
from ui.operations import Operations, user_message
from ui.pages.case_page import CasePage
from ui.pages.cases_page import CasesPage
from ui.pages.client_page import ClientPage
from ui.pages.clients_page import ClientsPage
from ui.pages.overview_page import OverviewPage
from ui.pages.reminders_page import RemindersPage
from ui.pages.settings_page import SettingsPage
from ui.pages.statistics_page import StatisticsPage
from ui.services import OfficeServices


class MainWindow(QMainWindow):
    closed = Signal()
    locked = Signal()  # the session is closed: ask for the passphrase again

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
        self.case_page: CasePage | None = None  # the open case, shown instead of the page
        self.case_id: int | None = None
        self._case_return: QWidget | None = None  # the page "back" on the case page shows
        self._case_focus: QWidget | None = None  # where the keyboard was on that page
        self.status_label: QLabel | None = None
        self.is_locked = False
        self._hidden_windows: list[QWidget] = []
        self._focus: QWidget | None = None
        self.screens = QStackedWidget()  # the contents, or the locked panel
        self.content: QWidget | None = None
        self.locked_panel: QWidget | None = None
        self.setCentralWidget(self.screens)
        self.resize(1100, 700)
        self.auto_backup = AutoBackup(self, services, ops)
        self.auto_backup.timer.start()
        QTimer.singleShot(5_000, self.auto_backup.run_if_due)  # after the first page is shown
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.setInterval(config.IDLE_LOCK_MINUTES.default * 60_000)
        self.idle_timer.timeout.connect(self.lock)
        self.idle_watcher = IdleWatcher(self.idle_timer, self)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.idle_watcher)
        self._build(current="overview")
        self.load_idle_time()
        self.idle_timer.start()

    # -- building (again after a language change) --------------------------
    def _build(self, current: str) -> None:
        office = self.services.office
        self.setWindowTitle(_("Lotse – {office}").format(office=office.name))
        self._build_menu()
        self.nav = QListWidget()
        self.nav.setAccessibleName(_("Bereiche"))
        self.stack = QStackedWidget()
        overview = OverviewPage(self.services, self.ops)
        clients = ClientsPage(self.services, self.ops)
        cases = CasesPage(self.services, self.ops)
        reminders = RemindersPage(self.services, self.ops)
        statistics = StatisticsPage(self.services, self.ops)
        settings = SettingsPage(self.services, self.ops, self._change_language)
        settings.saved.connect(self.load_idle_time)
        self.pages = {
            "overview": overview,
            "clients": clients,
            "cases": cases,
            "follow_ups": reminders,
            "statistics": statistics,
            "settings": settings,
        }
        clients.open_client.connect(self.open_client)
        for source in (overview, cases, reminders):
            source.case_requested.connect(self.open_case)
        for source in (overview, reminders):
            source.client_requested.connect(self.open_client_by_id)
        open_client = self.client_page.client if self.client_page is not None else None
        open_case = self.case_id
        self.client_page = None
        self.case_page = self._case_return = self._case_focus = self.case_id = None
        for page in self.pages.values():
            self.stack.addWidget(page)
        self._fill_nav()
        central = QWidget()
        row = QHBoxLayout(central)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        for old in (self.content, self.locked_panel):
            if old is not None:
                self.screens.removeWidget(old)
                old.deleteLater()
        self.content = central
        self.locked_panel = locked_panel()
        self.screens.addWidget(central)
        self.screens.addWidget(self.locked_panel)
        self.screens.setCurrentWidget(self.locked_panel if self.is_locked else central)
        self._build_status_bar()
        self.nav.currentRowChanged.connect(self._row_changed)
        self.show_page(current)  # loads the page if it is refreshed on show
        clients.reload()
        settings.load()
        if open_client is not None and current == "clients":
            self.open_client(open_client)
        if open_case is not None:
            self.open_case(open_case)

    def _build_status_bar(self) -> None:
        office, user = self.services.office, self.services.user
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
        warning = self.services.location_warning()
        if warning:  # a cloud-synced or network folder: said on every start, in the bar
            self.statusBar().showMessage(warning)

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
        lock_action = QAction(_("Sperren"), self)
        lock_action.setShortcut(QKeySequence("Ctrl+L"))
        lock_action.triggered.connect(self.lock)
        file_menu.addAction(lock_action)
        self.lock_action = lock_action
        quit_action = QAction(_("Beenden"), self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        self.extras = ExtrasMenu(self, self.services, self.ops, self.open_partners)
        self.extras.build(bar.addMenu(_("Extras")))
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
        key = NAV[row].key
        page = self.pages.get(key)
        if page is not None:
            # Leaving the client or case for another area closes them.
            self._drop_case_page()
            self._drop_client_page()
            self.stack.setCurrentWidget(page)
            if key in REFRESHED_ON_SHOW:
                page.reload()  # type: ignore[attr-defined]

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
        self._drop_case_page()
        self._drop_client_page()
        page = ClientPage(self.services, self.ops, client)
        page.back_requested.connect(self.close_client)
        # A relative's page replaces this one after the signal returns (it deletes this page).
        page.open_client_requested.connect(
            lambda row: QTimer.singleShot(0, lambda: self.open_client(row))
        )
        page.case_requested.connect(self.open_case)
        self.client_page = page
        self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)
        page.back_button.setFocus()
        page.reload()

    def close_client(self) -> None:
        """Back to the list, with the search as it was."""
        if self.client_page is None:
            return
        self._drop_case_page()
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

    def open_client_by_id(self, client_id: int) -> None:
        """Open a client known only by id (from a reminder or a case)."""
        details = self.services.client_details
        self.ops.run(
            lambda: details(client_id),
            lambda found: self.open_client(client_row(found)),
            lambda exc: self.statusBar().showMessage(user_message(exc), 8000),
            context=self,
        )

    # -- cases ------------------------------------------------------------
    def open_case(self, case_id: int) -> None:
        """Show one case in place of the current page; "back" returns to that page."""
        back_to, focus = self.stack.currentWidget(), QApplication.focusWidget()
        if back_to is self.case_page:
            back_to, focus = self._case_return, self._case_focus
        self._drop_case_page()
        page = CasePage(self.services, self.ops, case_id)
        page.back_requested.connect(self.close_case)
        # The client's page replaces this one after the signal returns (it deletes this page).
        page.client_requested.connect(
            lambda cid: QTimer.singleShot(0, lambda: self._case_client_requested(cid))
        )
        self.case_page, self.case_id = page, case_id
        self._case_return, self._case_focus = back_to, focus
        self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)
        page.back_button.setFocus()  # the page loads itself

    def close_case(self) -> None:
        """Back to the page the case was opened from, loaded again (the case may have changed)."""
        if self.case_page is None:
            return
        back, focus = self._case_return, self._case_focus
        self._drop_case_page()
        if back is None or not shiboken6.isValid(back) or self.stack.indexOf(back) < 0:
            back = self.pages[self.current_key()]
        self.stack.setCurrentWidget(back)
        if back is self.client_page or back in (self.pages[k] for k in REFRESHED_ON_SHOW):
            back.reload()  # type: ignore[attr-defined]
        if focus is not None and shiboken6.isValid(focus) and focus.isVisible():
            focus.setFocus()  # the line the case was opened from

    def _case_client_requested(self, client_id: int) -> None:
        page = self.client_page
        if page is not None and page.client.id == client_id and self._case_return is page:
            self.close_case()  # the case was opened from this client's page
        else:
            self.open_client_by_id(client_id)

    def _drop_case_page(self) -> None:
        if self.case_page is not None:
            self.stack.removeWidget(self.case_page)
            self.case_page.deleteLater()
        self.case_page = self._case_return = self._case_focus = self.case_id = None

    # -- network partners -------------------------------------------------
    def open_partners(self) -> None:
        settings = self.pages["settings"]
        assert isinstance(settings, SettingsPage)
        settings.open_partners_dialog()

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

    # -- locking ----------------------------------------------------------
    def load_idle_time(self) -> None:
        """Read the office's idle time (after unlock and after the settings were saved)."""
        self.ops.run(
            lambda: self.services.get_setting(config.IDLE_LOCK_MINUTES),
            self.set_idle_minutes,
            lambda _exc: None,  # keep the time there is
            context=self,
        )

    def set_idle_minutes(self, minutes: int) -> None:
        self.idle_timer.setInterval(int(minutes) * 60_000)
        if not self.is_locked:
            self.idle_timer.start()

    def lock(self) -> None:
        """Hide everything personal, close the session and ask to be unlocked (``locked``)."""
        if self.is_locked:
            return
        self.is_locked = True
        self.idle_timer.stop()
        self.idle_watcher.active = False
        self._focus = QApplication.focusWidget()
        self._hidden_windows = [w for w in QApplication.topLevelWidgets() if self._owns(w)]
        for widget in self._hidden_windows:
            widget.hide()
        assert self.locked_panel is not None
        self.screens.setCurrentWidget(self.locked_panel)
        self._set_controls_enabled(False)
        self.ops.wait()  # let running database work end before the engine goes
        self.services.lock()
        self.locked.emit()

    def unlock(self, services: OfficeServices | None = None) -> None:
        """Show the contents again; ``services`` of another user rebuild the window for them."""
        if not self.is_locked:
            return
        self.is_locked = False
        if services is not None and services is not self.services:
            for widget in self._hidden_windows:
                if isinstance(widget, QDialog):
                    widget.reject()  # the other user's unsaved input goes
                widget.close()
            self._hidden_windows = []
            self.services = services
            self.auto_backup.services = services
            self._build(self.current_key())
        assert self.content is not None
        self.screens.setCurrentWidget(self.content)
        self._set_controls_enabled(True)
        for widget in self._hidden_windows:
            widget.show()
        self._hidden_windows = []
        focus, self._focus = self._focus, None
        if focus is not None and shiboken6.isValid(focus) and focus.isVisible():
            focus.setFocus()
        self.idle_watcher.active = True
        self.load_idle_time()
        self.idle_timer.start()

    def _owns(self, widget: QWidget) -> bool:
        """A visible window (dialog) of this window, which the lock must hide too."""
        if widget is self or not widget.isVisible():
            return False
        parent = widget.parentWidget()
        while parent is not None:
            if parent is self:
                return True
            parent = parent.parentWidget()
        return False

    def _set_controls_enabled(self, enabled: bool) -> None:
        self.menuBar().setEnabled(enabled)
        self.statusBar().setVisible(enabled)
        direct = Qt.FindChildOption.FindDirectChildrenOnly
        for action in self.findChildren(QAction, "", direct):
            action.setEnabled(enabled)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.auto_backup.close_requested():
            event.ignore()  # it closes itself once the backup is written and checked
            return
        super().closeEvent(event)
        if event.isAccepted():
            self.idle_timer.stop()
            self.idle_watcher.active = False
            app = QApplication.instance()
            if app is not None:
                app.removeEventFilter(self.idle_watcher)
            self.closed.emit()
