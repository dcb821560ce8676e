"""Unlock the office: user name plus passphrase, or plus the recovery key.

The key derivation takes a moment, so unlocking runs in the background. Each
wrong attempt doubles the wait before the next one (``app.domain.throttle``).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFontDatabase, QFontMetrics
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from app.domain.throttle import unlock_delay
from app.errors import AccessDenied, LotseError, UsageError
from app.i18n import _
from ui.operations import Operations, user_message
from ui.widgets.common import chain_tab_order, grow_to_fit, heading_label
from ui.widgets.field_error import FieldError, FieldForm, hint_label

Unlocker = Callable[[str, str], Any]  # (login, secret) -> an unlocked session

PASSPHRASE_MODE, RECOVERY_MODE = 0, 1


class UnlockDialog(QDialog):
    def __init__(
        self,
        office_name: str,
        last_user: str,
        unlock: Unlocker,
        unlock_with_recovery: Unlocker,
        ops: Operations,
        parent: QWidget | None = None,
        restore: Callable[[QWidget], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._restore = restore
        self._unlock = unlock
        self._unlock_with_recovery = unlock_with_recovery
        self._ops = ops
        self._failures = 0
        self._wait_until = 0.0
        self._busy = False
        self.session: Any = None
        self.setWindowTitle(_("Lotse entsperren"))
        self._build_fields(last_user)
        self._build_buttons()
        heading = heading_label(office_name or _("Lotse"), 1.4)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addSpacing(heading.fontMetrics().height() // 2)
        layout.addWidget(self.mode)
        layout.addLayout(self.form.layout)
        layout.addWidget(self.wait_label)
        layout.addWidget(self.general_error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        # The same width in both modes: wide enough for the whole recovery key.
        margins = layout.contentsMargins()
        self.setMinimumWidth(
            max(
                self.fontMetrics().averageCharWidth() * 52,
                self.recovery_key.minimumWidth() + margins.left() + margins.right(),
            )
        )
        chain_tab_order(
            self.mode,
            self.login,
            self.passphrase,
            self.recovery_key,
            self.unlock_button,
            self.quit_button,
        )
        self._tick = QTimer(self)
        self._tick.setInterval(200)
        self._tick.timeout.connect(self._update_wait)
        (self.passphrase if last_user else self.login).setFocus()

    def _build_fields(self, last_user: str) -> None:
        self.mode = QTabBar()
        self.mode.addTab(_("Passphrase"))
        self.mode.addTab(_("Wiederherstellungsschlüssel"))
        self.mode.setAccessibleName(_("Entsperren mit"))
        self.mode.setExpanding(False)
        self.mode.setDrawBase(False)
        self.mode.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.mode.currentChanged.connect(self._mode_changed)
        self.login = QLineEdit(last_user)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.recovery_key = QLineEdit()
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(self.font().pointSizeF())
        self.recovery_key.setFont(mono)
        self.recovery_key.setPlaceholderText("XXXX-XXXX-XXXX-…")
        # Wide enough for the whole key: 16 groups of 4 and the dashes between them.
        advance = QFontMetrics(mono).horizontalAdvance("0000-" * 16)
        self.recovery_key.setMinimumWidth(advance + QFontMetrics(mono).averageCharWidth() * 2)
        self.form = FieldForm(wrap_rows=True)
        self.form.add("login", _("Benutzername"), self.login)
        self.form.add("passphrase", _("Passphrase"), self.passphrase)
        self.form.add(
            "recovery_key",
            _("Wiederherstellungsschlüssel"),
            self.recovery_key,
            hint=_("Steht auf dem Notfallblatt: 16 Vierergruppen aus 0–9 und A–F."),
        )
        self.form.set_row_visible("recovery_key", False)
        self.wait_label = hint_label("")
        self.wait_label.setVisible(False)
        self.general_error = FieldError()

    def _build_buttons(self) -> None:
        self.buttons = QDialogButtonBox()
        self.unlock_button = self.buttons.addButton(
            _("Entsperren"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.unlock_button.setDefault(True)
        self.quit_button = self.buttons.addButton(
            _("Beenden"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self.restore_button = self.buttons.addButton(
            _("Sicherung zurückspielen …"), QDialogButtonBox.ButtonRole.ResetRole
        )
        self.restore_button.setAutoDefault(False)
        self.restore_button.clicked.connect(self._open_restore)
        self.restore_button.setVisible(self._restore is not None)

    def _open_restore(self) -> None:
        if self._restore is not None:
            self._restore(self)

    # -- state ------------------------------------------------------------
    @property
    def recovery_mode(self) -> bool:
        return self.mode.currentIndex() == RECOVERY_MODE

    def _secret_field(self) -> str:
        return "recovery_key" if self.recovery_mode else "passphrase"

    def _mode_changed(self, index: int) -> None:
        recovery = index == RECOVERY_MODE
        self.form.set_row_visible("passphrase", not recovery)
        self.form.set_row_visible("recovery_key", recovery)
        self.form.clear()
        self.general_error.clear_message()
        if self.login.text().strip():
            self.form.field(self._secret_field()).setFocus()
        else:
            self.login.setFocus()
        grow_to_fit(self)

    def seconds_to_wait(self) -> int:
        return max(0, math.ceil(self._wait_until - time.monotonic()))

    # -- unlocking --------------------------------------------------------
    def _submit(self) -> None:
        if self.seconds_to_wait() or self._busy:
            return
        login = self.login.text().strip()
        secret_name = self._secret_field()
        secret = self.recovery_key.text() if self.recovery_mode else self.passphrase.text()
        errors: dict[str, str] = {}
        if not login:
            errors["login"] = _("Bitte geben Sie Ihren Benutzernamen ein.")
        if not secret.strip():
            errors[secret_name] = (
                _("Bitte geben Sie den Wiederherstellungsschlüssel ein.")
                if self.recovery_mode
                else _("Bitte geben Sie Ihre Passphrase ein.")
            )
        self.general_error.clear_message()
        if errors:
            self.form.show_errors(errors)
            grow_to_fit(self)
            return
        self.form.clear()
        unlock = self._unlock_with_recovery if self.recovery_mode else self._unlock
        self._busy = True
        self._ops.run(
            lambda: unlock(login, secret),
            self._unlocked,
            self._failed,
            context=self,
            busy=(self.unlock_button, self.login, self.passphrase, self.recovery_key, self.mode),
        )

    def _unlocked(self, session: Any) -> None:
        self._busy = False
        self.session = session
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self.unlock_button.setDefault(True)  # a disabled button loses its default role
        field = self._secret_field()
        if isinstance(exc, AccessDenied):
            self._failures += 1
            self.form.set_error(field, exc.message)
            secret = self.form.field(field)
            assert isinstance(secret, QLineEdit)
            secret.clear()
            secret.setFocus()
            self._start_wait(unlock_delay(self._failures))
        elif isinstance(exc, UsageError) and self.recovery_mode:
            self.form.set_error(field, exc.message)  # the key is not even well-formed
            self.recovery_key.setFocus()
        elif isinstance(exc, LotseError):
            self.general_error.set_message(exc.message)
        else:
            self.general_error.set_message(user_message(exc))
        grow_to_fit(self)

    def reject(self) -> None:
        # While the key is being derived a session may be about to open: let it finish.
        if not self._busy:
            super().reject()

    def _start_wait(self, seconds: float) -> None:
        if seconds <= 0:
            return
        self._wait_until = time.monotonic() + seconds
        self.unlock_button.setEnabled(False)
        self._update_wait()
        self._tick.start()

    def _update_wait(self) -> None:
        seconds = self.seconds_to_wait()
        if seconds:
            self.wait_label.setText(_("Bitte warten Sie {seconds} s.").format(seconds=seconds))
            self.wait_label.setVisible(True)
            return
        self._tick.stop()
        self.wait_label.setVisible(False)
        self.unlock_button.setEnabled(True)
        self.unlock_button.setDefault(True)
