"""The main window: navigation, shortcuts, status bar, overview and client list."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.services.setup import SetupResult
from ui.main import AppContext
from ui.main_window import NAV, MainWindow
from ui.models.client_table_model import ClientTableModel
from ui.models.row_table_model import collation_key
from ui.pages.clients_page import ClientsPage
from ui.services import OfficeServices

NAV_TEXTS = [
    "Übersicht",
    "Klient:innen",
    "Integrationsbegleitung",
    "Wiedervorlagen",
    "Statistik & Export",
    "Einstellungen",
]


def open_window(
    qtbot: QtBot, services: OfficeServices, ctx: AppContext, wait_idle: Callable[[], None]
) -> MainWindow:
    window = MainWindow(services, ctx.ops, ctx.apply_language)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    wait_idle()
    return window


@pytest.fixture
def window(
    qtbot: QtBot,
    services: OfficeServices,
    ctx: AppContext,
    office: SetupResult,
    wait_idle: Callable[[], None],
) -> MainWindow:
    return open_window(qtbot, services, ctx, wait_idle)


def search(qtbot: QtBot, page: ClientsPage, text: str, wait_idle: Callable[[], None]) -> None:
    """Type (or set) ``text`` and wait for the debounced search to deliver."""
    page.filter.setText(text)
    assert page.search_timer.isActive()
    qtbot.waitUntil(lambda: not page.search_timer.isActive())
    wait_idle()


def test_title_navigation_and_status_bar(qtbot: QtBot, window: MainWindow) -> None:
    assert window.windowTitle() == "Lotse – Migrationsberatung Kiel-Gaarden"
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == NAV_TEXTS
    assert window.stack.currentWidget() is window.pages["overview"]
    assert window.status_label is not None
    assert window.status_label.text() == (
        "Migrationsberatung Kiel-Gaarden · angemeldet: Anna Berger (Leitung)"
    )

    item = window.nav.item(1)
    qtbot.mouseClick(
        window.nav.viewport(),
        Qt.MouseButton.LeftButton,
        pos=window.nav.visualItemRect(item).center(),
    )
    assert window.stack.currentWidget() is window.pages["clients"]

    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.pages["settings"]
    assert window.nav.currentRow() == 5
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.pages["overview"]


def test_every_area_is_built_and_reachable(
    qtbot: QtBot, window: MainWindow, wait_idle: Callable[[], None]
) -> None:
    assert all(entry.available for entry in NAV)
    assert window.stack.count() == len(NAV)
    for row in range(window.nav.count()):
        assert window.nav.item(row).flags() & Qt.ItemFlag.ItemIsEnabled
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    wait_idle()
    assert window.stack.currentWidget() is window.pages["statistics"]


def test_overview_shows_the_office(window: MainWindow) -> None:
    values = {key: label.text() for key, label in window.pages["overview"].values.items()}  # type: ignore[attr-defined]
    assert values["provider"] == "Beispiel e. V."
    assert values["district"] == "Kiel (kreisfreie Stadt)"
    assert values["posts"] == "1,5"
    assert values["users"] == "1: Anna Berger (Leitung)"
    assert values["clients"] == "0"
    assert values["seal"] == "Dienstsiegel Migrationsberatung Kiel-Gaarden (Beispiel e. V.)"
    assert values["seal_kind"].startswith("selbst erstellt")


def test_client_list_filters_and_sorts(
    qtbot: QtBot,
    ctx: AppContext,
    demo_services: OfficeServices,
    wait_idle: Callable[[], None],
) -> None:
    window = open_window(qtbot, demo_services, ctx, wait_idle)
    window.show_page("clients")
    page = window.pages["clients"]
    assert isinstance(page, ClientsPage)
    assert page.proxy.rowCount() == 40
    assert page.count.text() == "40 Klient:innen"
    headers = [page.proxy.headerData(c, Qt.Orientation.Horizontal) for c in range(6)]
    assert headers == [
        "Nr.",
        "Familienname",
        "Vorname",
        "Geburtsjahr",
        "Staatsangehörigkeit",
        "Sprache",
    ]
    names = [page.proxy.index(r, ClientTableModel.FAMILY_NAME).data() for r in range(40)]
    assert names == sorted(names, key=collation_key)

    search(qtbot, page, "K-0001", wait_idle)
    numbers = {page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())}
    assert numbers == {f"K-{n:05d}" for n in range(10, 20)}
    assert page.count.text() == f"{len(numbers)} Treffer"

    client = page.model.row_at(7)
    # Names are Arabic, Cyrillic, Turkish …: QTest types only Latin-1, so set the text.
    search(qtbot, page, f"{client.family_name.upper()} {client.birth_year}", wait_idle)
    rows = [
        page.proxy.index(r, 0).data(ClientTableModel.ROW_ROLE) for r in range(page.proxy.rowCount())
    ]
    assert client in rows
    assert all(r.birth_year == client.birth_year for r in rows)

    search(qtbot, page, "", wait_idle)
    assert page.count.text() == "40 Klient:innen"
    page.table.sortByColumn(ClientTableModel.BIRTH_YEAR, Qt.SortOrder.DescendingOrder)
    years = [page.proxy.index(r, ClientTableModel.BIRTH_YEAR).data() for r in range(40)]
    assert [int(y) for y in years] == sorted((int(y) for y in years), reverse=True)


def test_quit_action_closes_the_window(qtbot: QtBot, window: MainWindow) -> None:
    file_menu = window.menuBar().actions()[0]
    assert file_menu.text() == "Datei"
    quit_action = file_menu.menu().actions()[-1]  # type: ignore[union-attr]
    assert quit_action.text() == "Beenden"
    assert quit_action.shortcut().toString() == "Ctrl+Q"
    with qtbot.waitSignal(window.closed):
        quit_action.trigger()
    assert not window.isVisible()


def test_fits_1280_by_800_at_double_font_size(
    qtbot: QtBot,
    qapp: QApplication,
    services: OfficeServices,
    ctx: AppContext,
    wait_idle: Callable[[], None],
) -> None:
    font = qapp.font()
    big = qapp.font()
    big.setPointSizeF(font.pointSizeF() * 2)
    qapp.setFont(big)
    try:
        window = open_window(qtbot, services, ctx, wait_idle)
        hint = window.minimumSizeHint()
        assert hint.width() <= 1280 and hint.height() <= 800, hint
        for key in ("overview", "clients", "cases", "follow_ups", "settings"):
            window.show_page(key)
            page_hint = window.pages[key].minimumSizeHint()
            assert page_hint.height() <= 800, (key, page_hint)
    finally:
        qapp.setFont(font)
