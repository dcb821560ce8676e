"""From start to the main window: setup wizard (first run), unlock, forced new passphrase.

Every step is a non-blocking window; ``exit_requested`` says when the program
should end (closing any of them before the main window quits with 0).

When the main window locks itself, the same unlock dialog opens over it;
cancelling it quits (everything is saved already).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from app import config
from app.i18n import _
from ui.dialogs.new_passphrase_dialog import NewPassphraseDialog
from ui.dialogs.restore_dialog import RestoreDialog
from ui.dialogs.unlock_dialog import UnlockDialog
from ui.operations import Operations
from ui.services import BackupInfoData, OfficeServices, UnlockedSession

ACCEPTED = int(QDialog.DialogCode.Accepted)


class StartupContext(Protocol):
    """What the start needs from the composition root (``ui.main.AppContext``)."""

    ops: Operations

    def office_exists(self) -> bool: ...
    def office_name(self) -> str: ...
    def last_user(self) -> str: ...
    def remember(self, login: str, office_name: str) -> None: ...
    def wizard_services(self) -> object: ...
    def unlock(self, login: str, passphrase: str) -> UnlockedSession: ...
    def unlock_with_recovery(self, login: str, recovery_key: str) -> UnlockedSession: ...
    def backup_info(self, folder: Path) -> BackupInfoData: ...
    def restore_backup(self, folder: Path, login: str, passphrase: str) -> Path: ...
    def bind(self, session: UnlockedSession) -> OfficeServices: ...
    def apply_language(self, code: str) -> None: ...
    def prefetch(self) -> None: ...


class Startup(QObject):
    exit_requested = Signal(int)

    def __init__(self, ctx: StartupContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.session: UnlockedSession | None = None
        self.wizard: QWidget | None = None
        self.unlock_dialog: UnlockDialog | None = None
        self.passphrase_dialog: NewPassphraseDialog | None = None
        self.window: QWidget | None = None
        self.restore_dialog: RestoreDialog | None = None

    def start(self) -> None:
        if self.ctx.office_exists():
            self.show_unlock()
        else:
            self.show_wizard()

    # -- first run --------------------------------------------------------
    def show_wizard(self) -> None:
        from ui.setup_wizard import SetupWizard, WizardServices  # first run only

        services = self.ctx.wizard_services()
        assert isinstance(services, WizardServices)
        wizard = SetupWizard(services, self.ctx.ops)
        wizard.finished.connect(self._wizard_finished)
        self.wizard = wizard
        wizard.show()

    def _wizard_finished(self, result: int) -> None:
        from ui.setup_wizard import SetupWizard

        wizard = self.wizard
        assert isinstance(wizard, SetupWizard)
        if result == ACCEPTED and wizard.office is not None:
            self.ctx.remember(wizard.login, wizard.office.name)
            self.show_unlock()
        else:
            self._exit(0)

    # -- unlock -----------------------------------------------------------
    def show_unlock(self, parent: QWidget | None = None) -> None:
        dialog = UnlockDialog(
            self.ctx.office_name(),
            self.ctx.last_user(),
            self.ctx.unlock,
            self.ctx.unlock_with_recovery,
            self.ctx.ops,
            parent,
            restore=self._open_restore if parent is None else None,  # not while it is open
        )
        dialog.finished.connect(self._unlock_finished)
        self.unlock_dialog = dialog
        if parent is None:
            dialog.show()
            self.ctx.prefetch()
        else:
            dialog.open()  # modal to the locked main window

    def _open_restore(self, parent: QWidget) -> None:
        self.restore_dialog = RestoreDialog(
            self.ctx.backup_info,
            self.ctx.restore_backup,
            self.ctx.ops,
            self.ctx.last_user(),
            parent,
        )
        self.restore_dialog.accepted.connect(self._restored)
        self.restore_dialog.open()

    def _restored(self) -> None:
        dialog = self.restore_dialog
        QMessageBox.information(
            self.unlock_dialog,
            _("Sicherung zurückgespielt"),
            _(
                "Die Sicherung ist zurückgespielt. Der bisherige Stand liegt in {path}. "
                "Bitte jetzt entsperren."
            ).format(path=dialog.aside if dialog is not None else ""),
        )

    def _unlock_finished(self, result: int) -> None:
        dialog = self.unlock_dialog
        assert dialog is not None
        if result != ACCEPTED or dialog.session is None:
            self._exit(0)
            return
        session: UnlockedSession = dialog.session
        self.session = session
        self.ctx.remember(session.user.login, session.office.name)
        window = self.window
        if window is not None:  # unlocking after the main window locked itself
            from ui.main_window import MainWindow

            assert isinstance(window, MainWindow)
            dialog.deleteLater()
            self.unlock_dialog = None
            if session.user.id == window.services.user.id:
                window.services.resume(session)  # the pages keep their services and input
                services = window.services
            else:
                services = self.ctx.bind(session)
            self._continue(session, services, lambda: window.unlock(services))
        else:
            services = self.ctx.bind(session)
            self._continue(session, services, lambda: self.show_main(services))

    def _continue(
        self, session: UnlockedSession, services: OfficeServices, then: Callable[[], None]
    ) -> None:
        if session.must_change_passphrase:
            self._force_new_passphrase(services, then)
        else:
            then()

    def _force_new_passphrase(self, services: OfficeServices, then: Callable[[], None]) -> None:
        default = config.MIN_PASSPHRASE_LENGTH.default
        self.ctx.ops.run(
            lambda: services.get_setting(config.MIN_PASSPHRASE_LENGTH),
            lambda length: self._open_new_passphrase(services, int(length), then),
            lambda _exc: self._open_new_passphrase(services, default, then),
        )

    def _open_new_passphrase(
        self, services: OfficeServices, min_length: int, then: Callable[[], None]
    ) -> None:
        dialog = NewPassphraseDialog(
            services.change_passphrase, self.ctx.ops, min_length, forced=True
        )
        dialog.finished.connect(lambda result: then() if result == ACCEPTED else self._exit(0))
        self.passphrase_dialog = dialog
        dialog.show()

    # -- main window ------------------------------------------------------
    def show_main(self, services: OfficeServices) -> None:
        from ui.main_window import MainWindow  # not needed before unlock

        window = MainWindow(services, self.ctx.ops, self.ctx.apply_language)
        window.closed.connect(lambda: self._exit(0))
        window.locked.connect(lambda: self.show_unlock(window))
        self.window = window
        window.show()

    # -- the end ----------------------------------------------------------
    def _exit(self, code: int) -> None:
        self.close_session()
        QTimer.singleShot(0, lambda: self.exit_requested.emit(code))

    def close_session(self) -> None:
        """Wait for running operations, then close the database and forget the key."""
        self.ctx.ops.wait()
        if self.session is not None:
            self.session.close()
            self.session = None
