"""Einstellungen: office settings load/check/save, roles, language switch, passphrase change."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

import app.i18n
from app import config
from app.config import Preferences
from app.i18n import _, current_language
from app.paths import OfficePaths
from app.services.demo import DEMO_COUNSELLOR, DEMO_PASSPHRASE, create_demo
from app.services.setup import SetupResult
from ui.main import AppContext
from ui.main_window import MainWindow
from ui.pages.settings_page import OFFICE_SETTINGS, SettingsPage
from ui.services import OfficeServices

from .conftest import FAST_KDF, LOGIN, PASSPHRASE
from .test_main_window import NAV_TEXTS, open_window

NEW_PASSPHRASE = "Leuchtturm-Friedrichsort-42"
ENGLISH = {
    "Übersicht": "Overview",
    "Klient:innen": "Clients",
    "Einstellungen": "Settings",
    "Lotse – {office}": "Lotse – {office}",
}


def settings_page(window: MainWindow) -> SettingsPage:
    window.show_page("settings")
    page = window.pages["settings"]
    assert isinstance(page, SettingsPage)
    return page


@pytest.fixture
def window(
    qtbot: QtBot,
    services: OfficeServices,
    ctx: AppContext,
    office: SetupResult,
    wait_idle: Callable[[], None],
) -> MainWindow:
    return open_window(qtbot, services, ctx, wait_idle)


@pytest.fixture
def english_catalogue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A small English catalogue, so the test does not depend on the real one being complete."""
    po = tmp_path / "en.po"
    entries = "".join(f'msgid "{k}"\nmsgstr "{v}"\n\n' for k, v in ENGLISH.items())
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n' + entries,
        encoding="utf-8",
    )
    monkeypatch.setattr(app.i18n, "catalogue_path", lambda language: po)
    yield


def test_only_settings_with_an_effect_are_shown(window: MainWindow) -> None:
    page = settings_page(window)
    shown = [config.IDLE_LOCK_MINUTES, config.STAFFING_KEY, config.REVIEW_INTERVAL_MONTHS]
    assert list(page.spins) == [s.key for s in shown]
    assert tuple(shown) == OFFICE_SETTINGS
    spin = page.spins[config.STAFFING_KEY.key]
    labels = [label.text() for label in page.findChildren(QLabel) if label.buddy() is spin]
    assert labels == ["Stellenschlüssel (Personen je VZÄ)"]
    for later in (
        config.RETENTION_MONTHS,
        config.SUPPRESSION_THRESHOLD,
    ):
        assert later.key in config.REGISTRY  # still declared, only not shown
        assert later.key not in page.spins


def test_office_settings_load_and_save(
    qtbot: QtBot, window: MainWindow, services: OfficeServices, wait_idle: Callable[[], None]
) -> None:
    page = settings_page(window)
    for setting in OFFICE_SETTINGS:
        spin = page.spins[setting.key]
        assert spin.isEnabled() and spin.value() == setting.default
        assert (spin.minimum(), spin.maximum()) == (setting.minimum, setting.maximum)
    assert page.save_button.isVisible() and page.save_button.isEnabled()
    assert window.idle_timer.interval() == config.IDLE_LOCK_MINUTES.default * 60_000

    page.spins[config.IDLE_LOCK_MINUTES.key].setValue(15)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    wait_idle()
    assert page.office_status.text() == "Gespeichert."
    assert services.get_setting(config.IDLE_LOCK_MINUTES) == 15
    assert services.get_setting(config.RETENTION_MONTHS) == config.RETENTION_MONTHS.default
    wait_idle()
    assert window.idle_timer.interval() == 15 * 60_000  # takes effect at once
    assert window.idle_timer.isActive()


def test_check_names_values_out_of_range(window: MainWindow) -> None:
    page = settings_page(window)
    spin = page.spins[config.IDLE_LOCK_MINUTES.key]
    spin.setRange(0, 1000)  # as if the field allowed more than the rule
    spin.setValue(500)
    page.save()
    assert page.office_form.error(config.IDLE_LOCK_MINUTES.key).message() == (
        "Bitte einen Wert von 1 bis 240 eingeben."
    )


def test_counsellor_sees_but_cannot_edit_office_settings(
    qtbot: QtBot, ctx: AppContext, paths: OfficePaths, wait_idle: Callable[[], None]
) -> None:
    create_demo(paths, clients=0, kdf=FAST_KDF)
    session = ctx.unlock(DEMO_COUNSELLOR, DEMO_PASSPHRASE)
    try:
        window = open_window(qtbot, ctx.bind(session), ctx, wait_idle)
        page = settings_page(window)
        assert not page.editable
        assert all(not spin.isEnabled() for spin in page.spins.values())
        assert not page.save_button.isVisible()
        assert window.status_label is not None
        assert window.status_label.text().endswith("angemeldet: Bela Beratung (Beratung)")
    finally:
        ctx.ops.wait()
        session.close()


def test_switching_to_english_relabels_the_window_at_once(
    qtbot: QtBot, window: MainWindow, paths: OfficePaths, english_catalogue: None
) -> None:
    page = settings_page(window)
    old_nav = window.nav
    direct = Qt.FindChildOption.FindDirectChildrenOnly
    actions_before = len(window.findChildren(QAction, "", direct))
    page.language.setCurrentIndex(page.language.findData("en"))
    qtbot.waitUntil(lambda: window.nav is not old_nav)

    assert current_language() == "en"
    assert Preferences(paths.preferences).get(config.UI_LANGUAGE) == "en"
    texts = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert texts == [_(german) for german in NAV_TEXTS]
    assert texts[0] == "Overview" and texts[5] == "Settings"
    rebuilt = settings_page(window)
    assert rebuilt is not page and rebuilt.language.currentData() == "en"
    assert window.stack.currentWidget() is rebuilt  # still on the settings page

    qtbot.wait(10)  # let the old widgets go
    direct = Qt.FindChildOption.FindDirectChildrenOnly
    assert len(window.findChildren(QAction, "", direct)) == actions_before  # nothing piles up
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.pages["overview"]


def test_unreadable_catalogue_keeps_german_and_says_so(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    unreadable = tmp_path / "messages.po"
    unreadable.mkdir()  # exists, but cannot be read as a file
    monkeypatch.setattr(app.i18n, "catalogue_path", lambda language: unreadable)
    page = settings_page(window)
    page.language.setCurrentIndex(page.language.findData("en"))
    assert current_language() == "de"
    assert page.language.currentData() == "de"
    assert "English" in page.language_form.error("language").message()


def test_change_passphrase_from_settings(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, wait_idle: Callable[[], None]
) -> None:
    page = settings_page(window)
    qtbot.mouseClick(page.change_passphrase_button, Qt.MouseButton.LeftButton)
    dialog = page.passphrase_dialog
    assert dialog is not None and dialog.isVisible() and not dialog.forced
    assert dialog.windowTitle() == "Passphrase ändern"
    qtbot.keyClicks(dialog.current, "nicht-die-richtige")
    qtbot.keyClicks(dialog.new, NEW_PASSPHRASE)
    qtbot.keyClicks(dialog.repeat, NEW_PASSPHRASE)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle()
    assert dialog.isVisible()
    assert dialog.form.error("current").message() == "Die bisherige Passphrase ist falsch."
    dialog.current.clear()
    qtbot.keyClicks(dialog.current, PASSPHRASE)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle()
    assert not dialog.isVisible()
    assert page.passphrase_status.text() == "Die Passphrase wurde geändert."
    from app.storage.keyring import load_keyfile

    # The new passphrase opens the key file (unlocking again would meet the open office's lock).
    assert load_keyfile(ctx.paths.keyfile).unwrap(LOGIN, NEW_PASSPHRASE)
