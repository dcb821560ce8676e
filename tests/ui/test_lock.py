"""Locking the main window: Ctrl+L and the idle timer close the session; unlocking restores it."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from app.errors import AccessDenied
from app.flows.intake_flow import IntakeStep
from app.paths import OfficePaths
from app.services.demo import DEMO_COUNSELLOR, DEMO_LEAD, DEMO_PASSPHRASE, create_demo
from app.services.setup import SetupResult
from ui.main import AppContext
from ui.main_window import MainWindow
from ui.pages.clients_page import ClientsPage
from ui.startup import Startup

from .conftest import FAST_KDF, LOGIN, OFFICE, PASSPHRASE

Started = Callable[..., tuple[Startup, MainWindow]]


@pytest.fixture
def start(
    qtbot: QtBot, ctx: AppContext, wait_idle: Callable[[], None]
) -> Iterator[Callable[..., tuple[Startup, MainWindow]]]:
    """Start as the program does: unlock dialog, then the main window."""
    started: list[Startup] = []

    def run(login: str = LOGIN, passphrase: str = PASSPHRASE) -> tuple[Startup, MainWindow]:
        startup = Startup(ctx)
        started.append(startup)
        startup.start()
        dialog = startup.unlock_dialog
        assert dialog is not None
        qtbot.addWidget(dialog)
        dialog.login.setText(login)
        qtbot.keyClicks(dialog.passphrase, passphrase)
        qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: startup.window is not None, timeout=15_000)
        window = startup.window
        assert isinstance(window, MainWindow)
        qtbot.addWidget(window)
        window.activateWindow()
        qtbot.waitActive(window)
        wait_idle()
        return startup, window

    yield run
    for startup in started:
        startup.close_session()


def unlock(qtbot: QtBot, startup: Startup, passphrase: str, login: str | None = None) -> None:
    dialog = startup.unlock_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(dialog.unlock_button.isEnabled, timeout=15_000)  # after a wrong try
    if login is not None:
        dialog.login.setText(login)
    qtbot.keyClicks(dialog.passphrase, passphrase)
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)


def assert_locked(window: MainWindow) -> None:
    assert window.is_locked
    assert window.screens.currentWidget() is window.locked_panel
    assert window.content is not None and not window.content.isVisible()
    assert not window.statusBar().isVisible()
    assert not window.menuBar().isEnabled()
    assert window.windowTitle() == f"Lotse – {OFFICE.name}"  # the office only


def test_ctrl_l_locks_and_only_the_right_passphrase_unlocks(
    qtbot: QtBot, office: SetupResult, start: Started, wait_idle: Callable[[], None]
) -> None:
    startup, window = start()
    old_session = startup.session
    window.show_page("settings")
    lock_action = window.menuBar().actions()[0].menu().actions()  # type: ignore[union-attr]
    assert [a.text() for a in lock_action if a.text() == "Sperren"] == ["Sperren"]

    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert_locked(window)
    assert old_session is not None and old_session.data_key == b""  # type: ignore[attr-defined]
    assert window.services.is_locked()
    with pytest.raises(AccessDenied, match="Lotse ist gesperrt"):
        window.services.list_clients()
    assert not window.idle_timer.isActive()

    dialog = startup.unlock_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.parentWidget() is window and dialog.isModal()
    assert dialog.login.text() == LOGIN

    unlock(qtbot, startup, "ganz-und-gar-falsch")
    qtbot.waitUntil(lambda: bool(dialog.form.error("passphrase").message()), timeout=15_000)
    assert dialog.isVisible()
    assert_locked(window)

    unlock(qtbot, startup, PASSPHRASE)
    qtbot.waitUntil(lambda: not window.is_locked, timeout=15_000)
    wait_idle()
    assert window.screens.currentWidget() is window.content
    assert window.stack.currentWidget() is window.pages["settings"]
    assert window.statusBar().isVisible() and window.menuBar().isEnabled()
    assert startup.session is not old_session
    assert window.services.list_clients() == []  # the services reach the new session
    assert window.idle_timer.isActive()


def test_idle_time_locks(qtbot: QtBot, office: SetupResult, start: Started) -> None:
    startup, window = start()
    window.idle_timer.setInterval(60_000)
    window.idle_timer.stop()
    qtbot.keyClick(window.nav, Qt.Key.Key_Down)  # any input restarts the timer
    assert window.idle_timer.isActive()

    window.idle_timer.setInterval(50)
    window.idle_timer.start()
    qtbot.waitUntil(lambda: window.is_locked, timeout=5_000)
    assert_locked(window)
    assert startup.unlock_dialog is not None and startup.unlock_dialog.isVisible()


def test_typed_text_and_open_dialog_survive_lock_and_unlock(
    qtbot: QtBot, office: SetupResult, start: Started, wait_idle: Callable[[], None]
) -> None:
    startup, window = start()
    window.show_page("clients")
    clients = window.pages["clients"]
    assert isinstance(clients, ClientsPage)
    qtbot.keyClicks(clients.filter, "Haddad")
    qtbot.waitUntil(lambda: not clients.search_timer.isActive())
    wait_idle()
    window.start_intake()
    wait_idle()
    wizard = clients.wizard
    assert wizard is not None and wizard.isVisible()
    family = wizard.page_for(IntakeStep.NAMES).family  # type: ignore[attr-defined]
    assert isinstance(family, QLineEdit)
    family.setText("Schaefer")

    window.lock()
    assert_locked(window)
    assert not wizard.isVisible()  # the window's dialogs are hidden too

    unlock(qtbot, startup, PASSPHRASE)
    qtbot.waitUntil(lambda: not window.is_locked, timeout=15_000)
    wait_idle()
    assert window.pages["clients"] is clients  # not rebuilt
    assert clients.filter.text() == "Haddad"
    assert wizard.isVisible() and family.text() == "Schaefer"
    # The open intake reaches the new session.
    assert wizard.flow.type_names("Schaefer", "", None, False) == ()
    wizard.reject()


def test_cancelling_the_unlock_dialog_while_locked_quits(
    qtbot: QtBot, office: SetupResult, start: Started
) -> None:
    startup, window = start()
    window.lock()
    dialog = startup.unlock_dialog
    assert dialog is not None
    with qtbot.waitSignal(startup.exit_requested) as exited:
        qtbot.mouseClick(dialog.quit_button, Qt.MouseButton.LeftButton)
    assert exited.args == [0]
    assert startup.session is None


def test_another_user_unlocking_gets_the_window_rebuilt(
    qtbot: QtBot, ctx: AppContext, paths: OfficePaths, start: Started
) -> None:
    create_demo(paths, clients=3, kdf=FAST_KDF)
    startup, window = start(DEMO_LEAD, DEMO_PASSPHRASE)
    window.show_page("clients")
    old_clients = window.pages["clients"]
    window.lock()
    unlock(qtbot, startup, DEMO_PASSPHRASE, login=DEMO_COUNSELLOR)
    qtbot.waitUntil(lambda: not window.is_locked, timeout=15_000)
    assert window.services.user.login == DEMO_COUNSELLOR
    assert window.pages["clients"] is not old_clients
    assert window.stack.currentWidget() is window.pages["clients"]
    assert window.status_label is not None
    assert window.status_label.text().endswith("angemeldet: Bela Beratung (Beratung)")
    assert ctx.last_user() == DEMO_COUNSELLOR
