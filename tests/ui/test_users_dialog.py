"""The lead manages users: add with a first passphrase, edit, reset with the recovery key,
deactivate after a confirmation."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox
from pytest import MonkeyPatch
from pytestqt.qtbot import QtBot

from app.domain.office import Role
from app.domain.recovery_key import format_recovery_key
from ui.dialogs.users_dialog import ResetPassphraseDialog, UserEditDialog, UsersDialog
from ui.operations import Operations
from ui.services import OfficeServices, UnlockedSession

NEW = "Kornblume-44-Flensburg"


def test_add_edit_reset_and_deactivate_a_user(
    qtbot: QtBot,
    services: OfficeServices,
    session: UnlockedSession,
    ops: Operations,
    wait_idle: Callable[[], None],
    monkeypatch: MonkeyPatch,
) -> None:
    dialog = UsersDialog(services, ops)
    qtbot.addWidget(dialog)
    wait_idle()
    assert dialog.table.rowCount() == 1
    dialog.new_button.click()
    editor = dialog.editor
    assert isinstance(editor, UserEditDialog)
    qtbot.keyClicks(editor.login, "Bert Berg")  # a space is not allowed
    qtbot.keyClicks(editor.display_name, "Bert Berg")
    editor.post_share.setText("2")
    editor.submit()
    wait_idle()
    assert "Kleinbuchstaben" in editor.form.error("login").message()
    assert editor.form.error("post_share").message()
    assert editor.form.error("passphrase").message()
    editor.login.setText("bert")
    editor.post_share.setText("0,5")
    qtbot.keyClicks(editor.passphrase, NEW)
    qtbot.keyClicks(editor.repeated, NEW)
    editor.submit()
    wait_idle()
    wait_idle()
    assert not editor.isVisible()
    assert dialog.table.rowCount() == 2
    bert = next(u for u in services.users() if u.login == "bert")
    assert bert.role is Role.COUNSELLOR and str(bert.post_share) == "0.50"

    dialog.table.setCurrentCell(dialog.users.index(bert), 0)
    dialog.reset_button.click()
    reset = dialog.editor
    assert isinstance(reset, ResetPassphraseDialog)
    qtbot.keyClicks(reset.recovery_key, "1234")
    qtbot.keyClicks(reset.passphrase, "Lavendel-12-Husum-Hafen")
    qtbot.keyClicks(reset.repeated, "Lavendel-12-Husum-Hafen")
    reset.submit()
    wait_idle()
    assert reset.form.error("recovery_key").message()
    reset.recovery_key.setText(format_recovery_key(session.data_key))  # type: ignore[attr-defined]
    reset.submit()
    wait_idle()
    assert not reset.isVisible()

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    dialog.deactivate_selected()
    wait_idle()
    assert next(u for u in services.users() if u.login == "bert").active
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog.deactivate_selected()
    wait_idle()
    wait_idle()
    assert not next(u for u in services.users() if u.login == "bert").active
    assert "Neu verschlüsseln" in dialog.status.text()
    row = next(n for n, u in enumerate(dialog.users) if u.login == "bert")
    assert dialog.table.item(row, UsersDialog.STATE).text() == "deaktiviert"
    dialog.table.setCurrentCell(row, 0)
    assert not dialog.deactivate_button.isEnabled() and not dialog.edit_button.isEnabled()


def test_only_the_lead_finds_users_and_trail_in_the_menu(
    qtbot: QtBot, services: OfficeServices, ctx: object, wait_idle: Callable[[], None]
) -> None:
    import dataclasses

    from app.domain.office import UserInfo
    from tests.ui.test_main_window import open_window

    def extras(window: object) -> list[str]:
        menu = window.menuBar().actions()[1].menu()  # type: ignore[attr-defined]
        return [a.text() for a in menu.actions() if a.text()]

    window = open_window(qtbot, services, ctx, wait_idle)  # type: ignore[arg-type]
    assert {"Benutzer:innen …", "Protokoll …"} <= set(extras(window))
    window.extras.open_users()
    assert isinstance(window.extras.dialog, UsersDialog) and window.extras.dialog.isVisible()
    window.extras.dialog.close()
    counsellor = dataclasses.replace(
        services, user=UserInfo(services.user.id, "bert", "Bert", Role.COUNSELLOR)
    )
    other = open_window(qtbot, counsellor, ctx, wait_idle)  # type: ignore[arg-type]
    assert not {"Benutzer:innen …", "Protokoll …"} & set(extras(other))


def test_rekey_from_the_window_shows_the_new_key_and_locks(
    qtbot: QtBot,
    services: OfficeServices,
    session: UnlockedSession,
    ctx: object,
    wait_idle: Callable[[], None],
) -> None:
    from app.domain.users import UserDraft
    from tests.conftest import PASSPHRASE
    from tests.ui.test_main_window import open_window
    from ui.dialogs.rekey_dialog import NewRecoveryKeyDialog, RekeyDialog

    draft = UserDraft("Bert Berg", Role.COUNSELLOR, "0,5", login="bert")
    services.add_user(draft, NEW, NEW)
    old_key = session.data_key  # type: ignore[attr-defined]
    window = open_window(qtbot, services, ctx, wait_idle)  # type: ignore[arg-type]
    window.extras.open_users()
    users = window.extras.dialog
    assert isinstance(users, UsersDialog)
    wait_idle()
    users.rekey_button.click()
    rekey = users.editor
    assert isinstance(rekey, RekeyDialog)
    qtbot.keyClicks(rekey.current, "falsch")
    rekey.submit()
    wait_idle()
    assert rekey.form.error("current").message()
    assert rekey.form.error("bert").message()  # no new passphrase for Bert yet
    rekey.current.setText(PASSPHRASE)
    new, repeated = rekey.new_fields["bert"]
    qtbot.keyClicks(new, "Lavendel-12-Husum-Hafen")
    qtbot.keyClicks(repeated, "Lavendel-12-Husum-Hafen")
    rekey.submit()
    wait_idle()
    shown = users.key_dialog
    assert isinstance(shown, NewRecoveryKeyDialog) and shown.isVisible()
    assert rekey.recovery_key.count("-") == 15
    shown.show_sheet()
    assert shown.viewer.pdf.page_count() >= 1
    shown.viewer.close()
    shown.accept()
    assert window.is_locked
    paths = ctx.paths  # type: ignore[attr-defined]
    from app.services.session import unlock

    renewed = unlock(paths, "bert", "Lavendel-12-Husum-Hafen")
    try:
        assert renewed.data_key != old_key
    finally:
        renewed.close()
