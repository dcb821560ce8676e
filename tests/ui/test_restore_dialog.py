"""Restoring a backup from the unlock dialog: a folder that is no backup is said at the
field; a wrong passphrase changes nothing; the right one puts the backup in place."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.services.backup import make_backup
from app.services.setup import SetupResult
from tests.conftest import PASSPHRASE
from ui.dialogs.restore_dialog import RestoreDialog
from ui.dialogs.unlock_dialog import UnlockDialog
from ui.main import AppContext


def test_restore_from_the_unlock_dialog(
    qtbot: QtBot,
    ctx: AppContext,
    office: SetupResult,
    wait_idle: Callable[[], None],
    tmp_path: Path,
) -> None:
    session = ctx.unlock("anna", PASSPHRASE)
    folder = make_backup(session, tmp_path / "stick").info.path  # type: ignore[arg-type]
    session.close()
    opened: list[object] = []
    unlock = UnlockDialog("Beratung", "anna", ctx.unlock, ctx.unlock_with_recovery, ctx.ops,
                          restore=opened.append)  # fmt: skip
    qtbot.addWidget(unlock)
    assert unlock.restore_button.isVisibleTo(unlock)
    unlock.restore_button.click()
    assert opened == [unlock]

    dialog = RestoreDialog(ctx.backup_info, ctx.restore_backup, ctx.ops, "anna")
    qtbot.addWidget(dialog)
    dialog.submit()
    assert dialog.form.error("folder").message() == "Bitte zuerst eine Sicherung wählen."
    dialog.show_folder(tmp_path)
    wait_idle()
    assert "keine lesbare Lotse-Sicherung" in dialog.form.error("folder").message()
    dialog.show_folder(folder)
    wait_idle()
    assert dialog.summary.text().startswith("Sicherung vom ")
    qtbot.keyClicks(dialog.passphrase, "falsch-falsch-falsch")
    dialog.submit()
    wait_idle()
    assert dialog.general_error.message() or dialog.form.error("passphrase").message()
    assert dialog.aside is None
    dialog.passphrase.setText(PASSPHRASE)
    dialog.submit()
    wait_idle()
    assert dialog.aside is not None and (dialog.aside / "office.lotse").exists()
    ctx.unlock("anna", PASSPHRASE).close()  # the restored office opens
