"""Benutzer:innen (lead only): add with a first passphrase, change name, role and post
share, deactivate, and reset a forgotten passphrase with the office's recovery key."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.office import Role
from app.domain.users import UserDraft, UserRecord
from app.i18n import _
from ui.dialogs.rekey_dialog import NewRecoveryKeyDialog, RekeyDialog
from ui.operations import Operations, user_message
from ui.services import OfficeServices
from ui.widgets.common import chain_tab_order, confirmed, format_posts, resize_to_text
from ui.widgets.field_error import FieldError, hint_label
from ui.widgets.form_dialog import FormDialog
from ui.widgets.report_table import fill_table, report_table


def _secret() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class UserEditDialog(FormDialog):
    """A new user (``user`` None: login and first passphrase too) or one to change."""

    def __init__(
        self, services: OfficeServices, ops: Operations, user: UserRecord | None = None,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(
            _("Benutzer:in bearbeiten") if user else _("Neue:r Benutzer:in"), ops, parent
        )
        self._services = services
        self._user = user
        self.login = QLineEdit(user.login if user else "")
        self.login.setEnabled(user is None)
        self.display_name = QLineEdit(user.display_name if user else "")
        self.role = QComboBox()
        for role in Role:
            self.role.addItem(role.label, role)
        self.role.setCurrentIndex(self.role.findData(user.role if user else Role.COUNSELLOR))
        self.post_share = QLineEdit(format_posts(user.post_share) if user else "1")
        self.passphrase, self.repeated = _secret(), _secret()
        self.form.add("login", _("&Benutzername"), self.login,
                      hint=_("Kleinbuchstaben, z. B. vorname.nachname"))  # fmt: skip
        self.form.add("display_name", _("&Name"), self.display_name)
        self.form.add("role", _("&Rolle"), self.role)
        self.form.add("post_share", _("&Stellenanteil (VZÄ)"), self.post_share,
                      hint=_("0 bis 1, z. B. 0,5 für eine halbe Stelle"))  # fmt: skip
        fields: list[QWidget] = [self.login, self.display_name, self.role, self.post_share]
        if user is None:
            self.form.add("passphrase", _("Erste &Passphrase"), self.passphrase,
                          hint=_(
                              "Persönlich mitteilen; die Person ändert sie danach unter "
                              "Einstellungen → Passphrase ändern."
                          ))  # fmt: skip
            self.form.add("repeated", _("Passphrase &wiederholen"), self.repeated)
            fields += [self.passphrase, self.repeated]
        self.finish_layout(*fields[0 if user is None else 1 :])

    def work(self) -> Callable[[], object]:
        draft = UserDraft(
            self.display_name.text(), self.role.currentData(), self.post_share.text(),
            self.login.text(),
        )  # fmt: skip
        services, user = self._services, self._user
        if user is not None:
            return lambda: services.update_user(user.id, draft)
        passphrase, repeated = self.passphrase.text(), self.repeated.text()
        return lambda: services.add_user(draft, passphrase, repeated)


class ResetPassphraseDialog(FormDialog):
    """A new passphrase for someone who forgot theirs: needs the recovery key."""

    def __init__(
        self, services: OfficeServices, ops: Operations, user: UserRecord,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(_("Passphrase zurücksetzen"), ops, parent)
        self._services = services
        self._user = user
        self.layout_.addWidget(
            hint_label(
                _(
                    "Neue Passphrase für {name}. Dazu ist der Wiederherstellungsschlüssel der "
                    "Beratungsstelle nötig (Notfallblatt aus dem Tresor)."
                ).format(name=user.display_name)
            )
        )
        self.recovery_key = QLineEdit()
        self.passphrase, self.repeated = _secret(), _secret()
        self.form.add("recovery_key", _("&Wiederherstellungsschlüssel"), self.recovery_key)
        self.form.add("passphrase", _("Neue &Passphrase"), self.passphrase)
        self.form.add("repeated", _("Passphrase w&iederholen"), self.repeated)
        self.finish_layout(self.recovery_key, self.passphrase, self.repeated, width=64)

    def work(self) -> Callable[[], object]:
        services, uid = self._services, self._user.id
        key, new, repeated = self.recovery_key.text(), self.passphrase.text(), self.repeated.text()
        return lambda: services.reset_passphrase(uid, key, new, repeated)


class UsersDialog(QDialog):
    NAME, LOGIN, ROLE, SHARE, STATE = range(5)
    rekeyed = Signal()  # the office is under a new key and the session closed

    def __init__(
        self, services: OfficeServices, ops: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Benutzer:innen"))
        self._services = services
        self._ops = ops
        self.users: list[UserRecord] = []
        self.editor: FormDialog | None = None
        self.table = report_table(
            (_("Name"), _("Benutzername"), _("Rolle"), _("VZÄ"), _("Status")), _("Benutzer:innen")
        )
        self.table.currentCellChanged.connect(lambda *_args: self._update_buttons())
        self.table.itemActivated.connect(lambda _item: self.edit_selected())
        label = QLabel(_("&Benutzer:innen der Beratungsstelle"))
        label.setBuddy(self.table)
        self.new_button = QPushButton(_("N&eu …"))
        self.new_button.clicked.connect(lambda: self._edit(None))
        self.edit_button = QPushButton(_("B&earbeiten …"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.reset_button = QPushButton(_("Passphrase &zurücksetzen …"))
        self.reset_button.clicked.connect(self.reset_selected)
        self.deactivate_button = QPushButton(_("&Deaktivieren"))
        self.deactivate_button.clicked.connect(self.deactivate_selected)
        self.rekey_button = QPushButton(_("Neu &verschlüsseln …"))
        self.rekey_button.setToolTip(
            _("Alle Daten unter einen neuen Schlüssel stellen, z. B. nachdem jemand gegangen ist")
        )
        self.rekey_button.clicked.connect(self.start_rekey)
        self.error = FieldError()
        self.status = hint_label("")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        actions = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.reset_button,
                       self.deactivate_button, self.rekey_button):  # fmt: skip
            actions.addWidget(button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(hint_label(_(
            "Jede Person meldet sich mit eigener Passphrase an. Deaktivierte Konten können sich "
            "nicht mehr anmelden; ihr Name bleibt an dem, was sie erfasst haben."
        )))  # fmt: skip
        layout.addWidget(label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.status)
        layout.addLayout(actions)
        layout.addWidget(close)
        chain_tab_order(self.table, self.new_button, self.edit_button, self.reset_button,
                        self.deactivate_button, self.rekey_button)  # fmt: skip
        resize_to_text(self, 90, 20)
        self.reload()

    def reload(self) -> None:
        self._ops.run(self._services.users, self._show, self._failed, context=self)

    def _show(self, users: Sequence[UserRecord]) -> None:
        self.users = list(users)
        fill_table(self.table, [
            (u.display_name, u.login, u.role.label, format_posts(u.post_share),
             _("aktiv") if u.active else _("deaktiviert"))
            for u in self.users
        ])  # fmt: skip
        self._update_buttons()

    def _failed(self, exc: BaseException) -> None:
        self.error.set_message(user_message(exc))

    def selected(self) -> UserRecord | None:
        row = self.table.currentRow()
        return self.users[row] if 0 <= row < len(self.users) else None

    def _update_buttons(self) -> None:
        user = self.selected()
        active = user is not None and user.active
        self.edit_button.setEnabled(active)
        self.reset_button.setEnabled(active)
        self.deactivate_button.setEnabled(
            user is not None and user.active and user.id != self._services.user.id
        )

    def _edit(self, user: UserRecord | None) -> None:
        self.editor = UserEditDialog(self._services, self._ops, user, self)
        self.editor.accepted.connect(self.reload)
        self.editor.open()

    def edit_selected(self) -> None:
        user = self.selected()
        if user is not None and user.active:
            self._edit(user)

    def reset_selected(self) -> None:
        user = self.selected()
        if user is not None and user.active:
            self.editor = ResetPassphraseDialog(self._services, self._ops, user, self)
            self.editor.open()

    def deactivate_selected(self) -> None:
        user = self.selected()
        if user is None:
            return
        self.error.clear_message()
        question = _(
            "{name} deaktivieren? Die Person kann sich dann nicht mehr anmelden; was sie "
            "erfasst hat, bleibt mit ihrem Namen erhalten."
        ).format(name=user.display_name)
        if not confirmed(self, _("Deaktivieren"), question):
            return
        deactivate, uid = self._services.deactivate_user, user.id
        self._ops.run(lambda: deactivate(uid), self._deactivated, self._failed, context=self)

    def _deactivated(self, _result: object) -> None:
        self.status.setText(
            _(
                "Deaktiviert. Falls die Person die Schlüsseldatei oder eine Sicherung kopiert "
                "haben könnte: mit „Neu verschlüsseln …“ die Daten unter einen neuen Schlüssel "
                "stellen."
            )
        )
        self.reload()

    def start_rekey(self) -> None:
        others = [u for u in self.users if u.active and u.id != self._services.user.id]
        self.editor = RekeyDialog(self._services.rekey, others, self._ops, self)
        self.editor.accepted.connect(self._rekeyed)
        self.editor.locked.connect(self.rekeyed.emit)
        self.editor.open()

    def _rekeyed(self) -> None:
        dialog = self.editor
        key = dialog.recovery_key if isinstance(dialog, RekeyDialog) else ""
        self.key_dialog = NewRecoveryKeyDialog(key, self._services.rekey_sheet, self)
        # The session is closed now: the window locks and opens again with the new key.
        self.key_dialog.finished.connect(lambda _result: self.rekeyed.emit())
        self.key_dialog.open()
