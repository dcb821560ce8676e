"""The Extras menu: backups, network partners, and for the lead users, retention and the
audit trail — each in its own dialog over the main window."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMenu, QWidget

from app.domain.office import Role
from app.i18n import _
from ui.dialogs.audit_dialog import AuditDialog
from ui.dialogs.backup_dialog import BackupDialog
from ui.dialogs.retention_dialog import RetentionDialog
from ui.dialogs.users_dialog import UsersDialog
from ui.operations import Operations
from ui.services import OfficeServices


class ExtrasMenu:
    def __init__(
        self,
        window: QWidget,
        services: OfficeServices,
        ops: Operations,
        open_partners: Callable[[], None],
    ) -> None:
        self._window = window
        self.services = services
        self._ops = ops
        self._open_partners = open_partners
        self.dialog: QDialog | None = None  # the one open now

    def build(self, menu: QMenu) -> None:
        entries: list[tuple[str, Callable[[], None], str]] = [
            (_("Sicherung …"), self.open_backup, "Ctrl+Shift+S"),
            (_("Netzwerkpartner …"), self._open_partners, ""),
        ]
        if self.services.user.role is Role.LEAD:
            entries += [
                (_("Benutzer:innen …"), self.open_users, ""),
                (_("Löschfristen …"), self.open_retention, ""),
                (_("Protokoll …"), self.open_audit, ""),
            ]
        for n, (text, slot, keys) in enumerate(entries):
            if n == 2:
                menu.addSeparator()
            action = QAction(text, self._window)
            if keys:
                action.setShortcut(QKeySequence(keys))
            action.triggered.connect(slot)
            menu.addAction(action)

    def _open(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.open()

    def open_backup(self) -> None:
        self._open(BackupDialog(self.services, self._ops, self._window))

    def open_users(self) -> None:
        dialog = UsersDialog(self.services, self._ops, self._window)
        dialog.rekeyed.connect(dialog.accept)
        dialog.rekeyed.connect(self._window.lock)
        self._open(dialog)

    def open_retention(self) -> None:
        self._open(RetentionDialog(self.services, self._ops, self._window))

    def open_audit(self) -> None:
        self._open(AuditDialog(self.services, self._ops, self._window))
