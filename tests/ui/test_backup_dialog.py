"""The backup dialog writes a verified backup, lists it, and says loudly when it fails."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ui.dialogs.backup_dialog import BackupDialog
from ui.main import AppContext
from ui.operations import Operations
from ui.services import OfficeServices


def test_backup_into_a_folder_and_see_it_listed(
    qtbot: QtBot,
    services: OfficeServices,
    ops: Operations,
    wait_idle: Callable[[], None],
    tmp_path: Path,
) -> None:
    dialog = BackupDialog(services, ops)
    qtbot.addWidget(dialog)
    wait_idle()
    assert dialog.list.item(0).text() == "Noch kein Ordner gewählt."
    dialog.folder.setText(str(tmp_path / "stick"))
    qtbot.mouseClick(dialog.start, Qt.MouseButton.LeftButton)
    wait_idle()
    assert dialog.result_data is not None
    assert dialog.result_data.info.path.parent == tmp_path / "stick"
    assert "Gesichert und geprüft" in dialog.status.text()
    assert not dialog.error.message()
    wait_idle()
    assert dialog.list.count() == 1 and "0 Klient:innen" in dialog.list.item(0).text()
    assert services.backup_folder() == str(tmp_path / "stick")  # remembered on this PC


def test_a_failed_backup_is_shown_loudly(
    qtbot: QtBot,
    services: OfficeServices,
    ops: Operations,
    wait_idle: Callable[[], None],
    tmp_path: Path,
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    dialog = BackupDialog(services, ops)
    qtbot.addWidget(dialog)
    dialog.folder.setText(str(blocker))
    qtbot.mouseClick(dialog.start, Qt.MouseButton.LeftButton)
    wait_idle()
    assert dialog.error.message().startswith("Die Sicherung ist NICHT gelungen.")
    assert dialog.result_data is None
    assert not dialog.progress.isVisible()


def test_closing_backs_up_first_when_a_folder_is_set(
    qtbot: QtBot,
    services: OfficeServices,
    ctx: AppContext,
    wait_idle: Callable[[], None],
    tmp_path: Path,
) -> None:
    from app.services.backup import list_backups
    from tests.ui.test_main_window import open_window

    window = open_window(qtbot, services, ctx, wait_idle)
    assert window.auto_backup.due() is False  # no folder chosen: nothing automatic
    services.set_backup_folder(str(tmp_path))
    assert window.auto_backup.due()  # never backed up
    window.close()
    assert window.isVisible()  # waits for the backup
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=20_000)
    assert len(list_backups(tmp_path)) == 1
    assert not window.auto_backup.due()  # done today


def test_closing_without_a_backup_folder_is_immediate(
    qtbot: QtBot, services: OfficeServices, ctx: AppContext, wait_idle: Callable[[], None]
) -> None:
    from tests.ui.test_main_window import open_window

    window = open_window(qtbot, services, ctx, wait_idle)
    window.close()
    assert not window.isVisible()
