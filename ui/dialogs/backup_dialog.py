"""Sicherung: write a verified backup of the office into a chosen folder (USB stick,
network drive) and see the backups already there."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, format_date, ngettext
from ui.operations import Operations, user_message
from ui.services import BackupInfoData, BackupResultData, OfficeServices
from ui.widgets.common import fill_list
from ui.widgets.field_error import FieldError, hint_label


def backup_text(info: BackupInfoData) -> str:
    clients = ngettext("{count} Klient:in", "{count} Klient:innen", info.clients)
    cases = ngettext("{count} Fall", "{count} Fälle", info.cases)
    return _("{date} um {time}: {clients}, {cases}, {size} MB").format(
        date=format_date(info.created_at.date()),
        time=info.created_at.strftime("%H:%M"),
        clients=clients.format(count=info.clients),
        cases=cases.format(count=info.cases),
        size=f"{info.size / 1_000_000:.1f}".replace(".", ","),
    )


class BackupDialog(QDialog):
    def __init__(
        self, services: OfficeServices, ops: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Sicherung"))
        self._services = services
        self._ops = ops
        self.result_data: BackupResultData | None = None
        intro = hint_label(
            _(
                "Die Sicherung ist verschlüsselt wie die Datenbank und wird nach dem Schreiben "
                "geprüft. Bewahren Sie den Datenträger getrennt vom PC auf; ältere Sicherungen "
                "im Ordner werden ausgedünnt (7 tägliche, 4 wöchentliche, 12 monatliche)."
            )
        )
        self.folder = QLineEdit(services.backup_folder())
        self.folder.setAccessibleName(_("Ordner für Sicherungen"))
        folder_label = QLabel(_("&Ordner"))
        folder_label.setBuddy(self.folder)
        self.choose = QPushButton(_("Ordner &wählen …"))
        self.choose.clicked.connect(self.choose_folder)
        row = QHBoxLayout()
        row.addWidget(folder_label)
        row.addWidget(self.folder, 1)
        row.addWidget(self.choose)
        self.list = QListWidget()
        self.list.setAccessibleName(_("Vorhandene Sicherungen"))
        list_label = QLabel(_("&Vorhandene Sicherungen in diesem Ordner"))
        list_label.setBuddy(self.list)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: the copy and its check take seconds
        self.progress.setVisible(False)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.error = FieldError()
        self.start = QPushButton(_("Jetzt &sichern"))
        self.start.setDefault(True)
        self.start.clicked.connect(self.run_backup)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.start, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        warning = services.location_warning()
        if warning:
            location = FieldError()
            location.set_message(warning)
            layout.addWidget(location)
        layout.addLayout(row)
        layout.addWidget(list_label)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 90, self.sizeHint().height())
        self.folder.editingFinished.connect(self.reload)
        self.reload()

    def choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, _("Ordner für Sicherungen wählen"), self.folder.text()
        )
        if chosen:
            self.folder.setText(chosen)
            self.reload()

    def reload(self) -> None:
        text = self.folder.text().strip()
        if not text:
            fill_list(self.list, (), _("Noch kein Ordner gewählt."))
            return
        list_backups = self._services.list_backups
        self._ops.run(lambda: list_backups(Path(text)), self._show_list, context=self)

    def _show_list(self, backups: Sequence[BackupInfoData]) -> None:
        fill_list(
            self.list,
            ((backup_text(b), b, "") for b in backups),
            _("In diesem Ordner liegt noch keine Sicherung."),
        )

    def run_backup(self) -> None:
        self.error.clear_message()
        text = self.folder.text().strip()
        if not text:
            self.error.set_message(_("Bitte zuerst einen Ordner wählen."))
            self.folder.setFocus()
            return
        folder = Path(text)
        self._services.set_backup_folder(text)
        self.progress.setVisible(True)
        self.status.setText(_("Die Sicherung wird geschrieben und geprüft …"))
        make = self._services.make_backup
        self._ops.run(
            lambda: make(folder),
            self._done,
            self._failed,
            context=self,
            busy=[self.start, self.choose, self.folder],
        )

    def _done(self, result: BackupResultData) -> None:
        self.result_data = result
        self.progress.setVisible(False)
        checks = ", ".join(item.name for item in result.checks)
        self.status.setText(
            _("Gesichert und geprüft ({checks}): {path}").format(
                checks=checks, path=result.info.path
            )
        )
        self.reload()

    def _failed(self, exc: BaseException) -> None:
        self.progress.setVisible(False)
        self.status.setText("")
        self.error.set_message(
            _("Die Sicherung ist NICHT gelungen. {reason}").format(reason=user_message(exc))
        )
