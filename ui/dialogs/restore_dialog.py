"""Sicherung zurückspielen: from the unlock dialog, while no one has the office open.

Pick a backup folder, see its date and contents, confirm with the user name and the
passphrase that was valid when the backup was made. The backup is checked before
anything is moved; the current files are kept aside in the office folder.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QLabel, QLineEdit, QPushButton, QWidget

from app.errors import FieldErrors
from app.i18n import _, format_date
from ui.operations import Operations, user_message
from ui.services import BackupInfoData
from ui.widgets.field_error import hint_label
from ui.widgets.form_dialog import FormDialog

InfoReader = Callable[[Path], BackupInfoData]  # StorageError if the folder is no backup
Restorer = Callable[[Path, str, str], Path]  # folder, login, passphrase -> folder kept aside


class RestoreDialog(FormDialog):
    def __init__(
        self,
        read_info: InfoReader,
        restore: Restorer,
        ops: Operations,
        last_user: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            _("Sicherung zurückspielen"), ops, parent, save_text=_("Zurückspielen"), heading=True
        )
        self._read_info = read_info
        self._restore = restore
        self.folder: Path | None = None
        self.aside: Path | None = None
        self.layout_.addWidget(hint_label(_(
            "Der jetzige Stand wird nicht gelöscht, sondern im Ordner der Beratungsstelle "
            "beiseitegelegt. Eingaben seit der Sicherung fehlen danach."
        )))  # fmt: skip
        self.choose = QPushButton(_("Sicherung &wählen …"))
        self.choose.clicked.connect(self.choose_folder)
        self.summary = QLabel(_("Noch keine Sicherung gewählt."))
        self.summary.setWordWrap(True)
        self.login = QLineEdit(last_user)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.form.add("folder", _("Sicherung"), self.choose)
        self.form.add("summary", "", self.summary)
        self.form.add("login", _("&Benutzername"), self.login)
        self.form.add("passphrase", _("&Passphrase (zum Zeitpunkt der Sicherung)"), self.passphrase)
        self.finish_layout(self.choose, self.login, self.passphrase, width=60)

    def choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, _("Sicherung wählen"))
        if chosen:
            self.show_folder(Path(chosen))

    def show_folder(self, folder: Path) -> None:
        self.form.clear()
        self.general_error.clear_message()
        read = self._read_info
        self._ops.run(lambda: (folder, read(folder)), self._shown, self._not_a_backup, context=self)

    def _shown(self, result: tuple[Path, BackupInfoData]) -> None:
        self.folder, info = result
        self.summary.setText(
            _("Sicherung vom {date} um {time}: {clients} Klient:innen, {cases} Fälle.").format(
                date=format_date(info.created_at.date()),
                time=info.created_at.strftime("%H:%M"),
                clients=info.clients,
                cases=info.cases,
            )
        )

    def _not_a_backup(self, exc: BaseException) -> None:
        self.folder = None
        self.summary.setText(_("Noch keine Sicherung gewählt."))
        self.form.set_error("folder", user_message(exc))

    def work(self) -> Callable[[], object]:
        if self.folder is None:
            raise FieldErrors({"folder": _("Bitte zuerst eine Sicherung wählen.")})
        restore, folder = self._restore, self.folder
        login, passphrase = self.login.text(), self.passphrase.text()
        return lambda: restore(folder, login, passphrase)

    def succeeded(self, result: Any) -> None:
        self.aside = result
