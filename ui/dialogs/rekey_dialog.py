"""Put the office's data under a new key, after someone left who knew a passphrase.

The lead confirms with their own passphrase and sets a new one for everyone else (to be
handed over in person). Afterwards the new recovery key is shown once, with its sheet to
print, and the window locks: the office opens again with the new key.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.users import UserRecord
from app.errors import StorageError
from app.i18n import _
from ui.dialogs.pdf_view_dialog import PdfViewDialog
from ui.operations import Operations
from ui.widgets.common import heading_label, resize_to_text
from ui.widgets.field_error import hint_label
from ui.widgets.form_dialog import FormDialog

Rekey = Callable[[str, dict[str, tuple[str, str]]], str]  # current, login -> new twice
SheetBuilder = Callable[[str], bytes]  # recovery key -> the sheet as PDF


def _secret() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class RekeyDialog(FormDialog):
    locked = Signal()  # the swap will finish at the next unlock; nothing more to do here

    def __init__(
        self,
        rekey: Rekey,
        others: Sequence[UserRecord],
        ops: Operations,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            _("Neu verschlüsseln"), ops, parent, save_text=_("Neu &verschlüsseln"), heading=True
        )
        self._rekey = rekey
        self.recovery_key = ""
        self.layout_.addWidget(
            hint_label(
                _(
                    "Alle Daten werden unter einem neuen Schlüssel gespeichert. Die bisherige "
                    "Schlüsseldatei, alte Passphrasen und der alte Wiederherstellungsschlüssel "
                    "öffnen danach nur noch alte Sicherungen. Jede andere Person bekommt eine "
                    "neue Passphrase, die Sie ihr persönlich geben. Danach wird Lotse gesperrt "
                    "und mit Ihrer Passphrase wieder geöffnet."
                )
            )
        )
        self.current = _secret()
        self.form.add("current", _("Ihre &Passphrase"), self.current)
        self.new_fields: dict[str, tuple[QLineEdit, QLineEdit]] = {}
        inputs: list[QWidget] = [self.current]
        for user in others:
            new, repeated = _secret(), _secret()
            box = QWidget()
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            new.setPlaceholderText(_("neue Passphrase"))
            repeated.setPlaceholderText(_("wiederholen"))
            new.setAccessibleName(_("Neue Passphrase für {name}").format(name=user.display_name))
            repeated.setAccessibleName(
                _("Neue Passphrase für {name} wiederholen").format(name=user.display_name)
            )
            column.addWidget(new)
            column.addWidget(repeated)
            self.form.add(user.login, user.display_name, box, buddy=new)
            self.new_fields[user.login] = (new, repeated)
            inputs += [new, repeated]
        self.finish_scrolling_layout(*inputs, chars=70, lines=30)

    def work(self) -> Callable[[], object]:
        rekey, current = self._rekey, self.current.text()
        others = {login: (a.text(), b.text()) for login, (a, b) in self.new_fields.items()}
        return lambda: rekey(current, others)

    def succeeded(self, result: object) -> None:
        self.recovery_key = str(result)

    def _failed(self, exc: BaseException) -> None:
        super()._failed(exc)
        if isinstance(exc, StorageError):  # the session is closed: the window must lock
            self.locked.emit()


class NewRecoveryKeyDialog(QDialog):
    """Shows the new recovery key once, with its sheet to print."""

    def __init__(self, recovery_key: str, sheet: SheetBuilder, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Neuer Wiederherstellungsschlüssel"))
        self._key = recovery_key
        self._sheet = sheet
        key_label = QLabel(recovery_key.replace("-", " "))
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setWeight(QFont.Weight.Bold)
        key_label.setFont(font)
        key_label.setWordWrap(True)
        key_label.setAccessibleName(_("Neuer Wiederherstellungsschlüssel"))
        buttons = QDialogButtonBox()
        self.sheet_button = buttons.addButton(
            _("Notfallblatt &drucken …"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.sheet_button.clicked.connect(self.show_sheet)
        done = buttons.addButton(_("Fertig"), QDialogButtonBox.ButtonRole.AcceptRole)
        done.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(heading_label(_("Neu verschlüsselt"), 1.2))
        layout.addWidget(
            hint_label(
                _(
                    "Der neue Wiederherstellungsschlüssel wird nur jetzt angezeigt. Bitte das "
                    "Notfallblatt drucken und das alte im Tresor ersetzen."
                )
            )
        )
        layout.addWidget(key_label)
        layout.addWidget(buttons)
        resize_to_text(self, 70, 12)
        self.sheet_button.setFocus()

    def show_sheet(self) -> None:
        self.viewer = PdfViewDialog(
            _("Notfallblatt"), self._sheet(self._key), _("Notfallblatt.pdf"), self
        )
        self.viewer.open()
