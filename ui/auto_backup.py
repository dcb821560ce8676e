"""Automatic backups: when the window closes, and once a day while Lotse runs.

Only when the lead or a counsellor has chosen a backup folder and it is reachable
(a USB stick that is not plugged in is skipped; the backup dialog says where the
last one went). A failure is never silent: a message box names the reason.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QMainWindow, QMessageBox, QProgressDialog

from app.i18n import _
from ui.operations import Operations, user_message
from ui.services import BackupResultData, OfficeServices

DAILY = dt.timedelta(hours=20)  # "daily" without drifting later each day
CHECK_EVERY_MS = 30 * 60_000


class AutoBackup(QObject):
    def __init__(self, window: QMainWindow, services: OfficeServices, ops: Operations) -> None:
        super().__init__(window)
        self._window = window
        self.services = services
        self._ops = ops
        self.running = False
        self.close_after = False  # the window waits for the backup before it closes
        self.may_close = False  # the backup before closing is over: let the close through
        self.progress: QProgressDialog | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.run_if_due)

    def folder(self) -> Path | None:
        text = self.services.backup_folder()
        return Path(text) if text and Path(text).is_dir() else None

    def due(self, now: dt.datetime | None = None) -> bool:
        if self.folder() is None or self.services.is_locked():
            return False
        last = self.services.last_backup()
        try:
            return (now or dt.datetime.now()) - dt.datetime.fromisoformat(last) >= DAILY
        except ValueError:
            return True  # never backed up (or an unreadable note): now

    def run_if_due(self) -> None:
        if not self.running and self.due():
            self._start()

    def close_requested(self) -> bool:
        """True: the window may close now. False: a backup runs first, then it closes."""
        if self.may_close:
            return True
        if self.close_after:
            return False
        if self.running:
            self.close_after = True
            return False
        if self.folder() is None or self.services.is_locked():
            return True
        self.close_after = True
        self.progress = QProgressDialog(
            _("Lotse sichert die Daten vor dem Beenden …"), "", 0, 0, self._window
        )
        self.progress.setCancelButton(None)  # type: ignore[arg-type]
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.show()
        self._start()
        return False

    def _start(self) -> None:
        folder = self.folder()
        if folder is None:
            return
        self.running = True
        make = self.services.make_backup
        self._ops.run(lambda: make(folder), self._done, self._failed, context=self)

    def _finish(self) -> None:
        self.running = False
        if self.progress is not None:
            self.progress.close()
            self.progress = None

    def _done(self, result: BackupResultData) -> None:
        self._finish()
        self._window.statusBar().showMessage(
            _("Gesichert und geprüft: {path}").format(path=result.info.path), 15_000
        )
        if self.close_after:
            self.may_close = True
            self._window.close()

    def _failed(self, exc: BaseException) -> None:
        self._finish()
        text = _("Die automatische Sicherung ist NICHT gelungen. {reason}").format(
            reason=user_message(exc)
        )
        if not self.close_after:
            QMessageBox.warning(self._window, _("Sicherung"), text)
            return
        answer = QMessageBox.warning(
            self._window,
            _("Sicherung"),
            text + "\n\n" + _("Trotzdem beenden?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.may_close = True
            self._window.close()
        else:
            self.close_after = False
