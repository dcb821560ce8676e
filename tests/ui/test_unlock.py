"""Unlocking: wrong passphrase and throttling, success, recovery key and forced new passphrase."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from app.errors import AccessDenied
from app.paths import OfficePaths
from app.services.setup import SetupResult
from ui.dialogs.new_passphrase_dialog import NewPassphraseDialog
from ui.dialogs.unlock_dialog import RECOVERY_MODE, UnlockDialog
from ui.main import AppContext
from ui.main_window import MainWindow
from ui.startup import Startup

from .conftest import LOGIN, PASSPHRASE

NEW_PASSPHRASE = "Leuchtturm-Friedrichsort-42"


def make_dialog(qtbot: QtBot, ctx: AppContext, last_user: str = LOGIN) -> UnlockDialog:
    dialog = UnlockDialog(
        "Migrationsberatung Kiel-Gaarden", last_user, ctx.unlock, ctx.unlock_with_recovery, ctx.ops
    )
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def submit(qtbot: QtBot, dialog: UnlockDialog) -> None:
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)


def test_wrong_passphrase_shows_message_and_waits(
    qtbot: QtBot, ctx: AppContext, office: SetupResult, wait_idle: Callable[[], None]
) -> None:
    dialog = make_dialog(qtbot, ctx)
    assert dialog.login.text() == LOGIN and dialog.focusWidget() is dialog.passphrase
    qtbot.keyClicks(dialog.passphrase, "falsch-falsch-falsch")
    submit(qtbot, dialog)
    wait_idle()

    assert dialog.form.error("passphrase").message() == "Benutzername oder Passphrase ist falsch."
    assert dialog.form.error("passphrase").isVisible()
    assert not dialog.unlock_button.isEnabled()
    assert dialog.wait_label.text() == "Bitte warten Sie 1 s."
    assert dialog.passphrase.text() == ""  # typed again, not edited
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.isVisible()
    qtbot.waitUntil(dialog.unlock_button.isEnabled, timeout=3000)
    assert not dialog.wait_label.isVisible()

    qtbot.keyClicks(dialog.passphrase, "noch-einmal-falsch")
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    wait_idle()
    assert dialog.wait_label.text() == "Bitte warten Sie 2 s."  # the wait doubles
    assert not dialog.unlock_button.isEnabled()
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)  # ignored while waiting
    assert ctx.ops.pending == 0


def test_empty_fields_are_named_without_asking_the_service(
    qtbot: QtBot, ctx: AppContext, office: SetupResult
) -> None:
    dialog = make_dialog(qtbot, ctx, last_user="")
    submit(qtbot, dialog)
    assert ctx.ops.pending == 0
    assert dialog.form.error("login").message() == "Bitte geben Sie Ihren Benutzernamen ein."
    assert dialog.form.error("passphrase").message() == "Bitte geben Sie Ihre Passphrase ein."
    assert dialog.focusWidget() is dialog.login


def test_correct_passphrase_accepts_with_a_session(
    qtbot: QtBot, ctx: AppContext, office: SetupResult
) -> None:
    dialog = make_dialog(qtbot, ctx)
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    with qtbot.waitSignal(dialog.accepted, timeout=15_000):
        submit(qtbot, dialog)
    session = dialog.session
    try:
        assert session.user.login == LOGIN
        assert session.office.name == "Migrationsberatung Kiel-Gaarden"
        assert not session.must_change_passphrase
    finally:
        ctx.ops.wait()
        session.close()


def test_other_errors_show_their_sentence(
    qtbot: QtBot,
    ctx: AppContext,
    office: SetupResult,
    paths: OfficePaths,
    wait_idle: Callable[[], None],
) -> None:
    paths.keyfile.unlink()
    dialog = make_dialog(qtbot, ctx)
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    submit(qtbot, dialog)
    wait_idle()
    assert "Schlüsseldatei" in dialog.general_error.message()
    assert "Wiederherstellungsschlüssel" in dialog.general_error.message()
    assert dialog.unlock_button.isEnabled()  # not a guess: no waiting
    assert dialog.unlock_button.isDefault()  # Enter still unlocks


def test_malformed_recovery_key_is_named_under_the_field(
    qtbot: QtBot, ctx: AppContext, office: SetupResult, wait_idle: Callable[[], None]
) -> None:
    dialog = make_dialog(qtbot, ctx)
    dialog.mode.setCurrentIndex(RECOVERY_MODE)
    assert dialog.recovery_key.isVisible() and not dialog.passphrase.isVisible()
    qtbot.keyClicks(dialog.recovery_key, "1234-ABCD")
    submit(qtbot, dialog)
    wait_idle()
    assert "16 Vierergruppen" in dialog.form.error("recovery_key").message()
    assert dialog.unlock_button.isEnabled()


def unlock_with_recovery_key(qtbot: QtBot, startup: Startup, key: str) -> None:
    dialog = startup.unlock_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.mode.setCurrentIndex(RECOVERY_MODE)
    qtbot.keyClicks(dialog.recovery_key, key.lower().replace("-", " "))
    submit(qtbot, dialog)
    qtbot.waitUntil(lambda: startup.passphrase_dialog is not None, timeout=15_000)


def test_recovery_key_forces_a_new_passphrase_before_the_main_window(
    qtbot: QtBot, ctx: AppContext, office: SetupResult
) -> None:
    ctx.remember(LOGIN, "Migrationsberatung Kiel-Gaarden")
    startup = Startup(ctx)
    startup.start()
    unlock_with_recovery_key(qtbot, startup, office.recovery_key)
    forced = startup.passphrase_dialog
    assert isinstance(forced, NewPassphraseDialog) and forced.forced and forced.isVisible()
    assert startup.window is None
    qtbot.addWidget(forced)

    qtbot.keyClicks(forced.new, NEW_PASSPHRASE)
    qtbot.keyClicks(forced.repeat, NEW_PASSPHRASE + "!")
    qtbot.mouseClick(forced.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(forced.form.error("repeat").message()), timeout=15_000)
    assert startup.window is None

    forced.repeat.clear()
    qtbot.keyClicks(forced.repeat, NEW_PASSPHRASE)
    qtbot.mouseClick(forced.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: startup.window is not None, timeout=15_000)
    window = startup.window
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    assert window.isVisible()

    with qtbot.waitSignal(startup.exit_requested) as exited:
        window.close()
    assert exited.args == [0]
    assert startup.session is None  # closed
    reopened = ctx.unlock(LOGIN, NEW_PASSPHRASE)
    reopened.close()
    with pytest.raises(AccessDenied):
        ctx.unlock(LOGIN, PASSPHRASE)


def test_cancelling_the_forced_passphrase_quits_without_a_window(
    qtbot: QtBot, ctx: AppContext, office: SetupResult
) -> None:
    startup = Startup(ctx)
    startup.start()
    qtbot.keyClicks(startup.unlock_dialog.login, LOGIN)  # type: ignore[union-attr]
    unlock_with_recovery_key(qtbot, startup, office.recovery_key)
    forced = startup.passphrase_dialog
    assert forced is not None
    qtbot.addWidget(forced)
    qtbot.waitUntil(forced.isVisible)
    with qtbot.waitSignal(startup.exit_requested) as exited:
        qtbot.mouseClick(forced.cancel_button, Qt.MouseButton.LeftButton)
    assert exited.args == [0]
    assert startup.window is None and startup.session is None
    ctx.unlock(LOGIN, PASSPHRASE).close()  # the old passphrase still works


def test_closing_the_unlock_dialog_quits_with_0(
    qtbot: QtBot, ctx: AppContext, office: SetupResult
) -> None:
    startup = Startup(ctx)
    startup.start()
    dialog = startup.unlock_dialog
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Lotse entsperren"
    with qtbot.waitSignal(startup.exit_requested) as exited:
        qtbot.mouseClick(dialog.quit_button, Qt.MouseButton.LeftButton)
    assert exited.args == [0]


def test_first_run_starts_the_wizard_then_unlock_with_the_new_user(
    qtbot: QtBot, ctx: AppContext
) -> None:
    startup = Startup(ctx)
    startup.start()
    assert startup.wizard is not None and startup.unlock_dialog is None
    qtbot.addWidget(startup.wizard)
    with qtbot.waitSignal(startup.exit_requested) as exited:
        startup.wizard.reject()  # type: ignore[attr-defined]
    assert exited.args == [0]


def test_quitting_is_refused_while_unlocking(
    qtbot: QtBot, ctx: AppContext, office: SetupResult
) -> None:
    dialog = make_dialog(qtbot, ctx)
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    submit(qtbot, dialog)
    dialog.reject()  # Escape or the window's close button while the key is derived
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=15_000)
    ctx.ops.wait()
    dialog.session.close()
