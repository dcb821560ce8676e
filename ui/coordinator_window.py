"""The state coordinator's window: check the offices' yearly files and sum them up.

Started with ``lotse coordinator window``. It needs no office database: the coordinator's
key, the folder of trusted office certificates and the files are chosen here; every file
is checked on its own, a refused file is listed with its reason, and the state tables
are written as a workbook and a PDF report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from ui.operations import Operations, user_message
from ui.widgets.common import heading_label, resize_to_text
from ui.widgets.field_error import FieldError, FieldForm, hint_label
from ui.widgets.report_table import fill_table, report_table


@dataclass(frozen=True)
class CoordinatorRequest:
    files: tuple[Path, ...]
    year: int
    key: Path
    certificate: Path
    passphrase: str | None
    trusted: Path
    out: Path


# (request) -> app.services.coordinator.CoordinatorResult
Aggregate = Callable[[CoordinatorRequest], Any]


def _path_row(placeholder: str, choose: Callable[[], None]) -> tuple[QWidget, QLineEdit]:
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    line = QLineEdit()
    line.setPlaceholderText(placeholder)
    button = QPushButton(_("Wählen …"))
    button.clicked.connect(choose)
    row.addWidget(line, 1)
    row.addWidget(button)
    return box, line


class CoordinatorWindow(QWidget):
    def __init__(self, aggregate: Aggregate, ops: Operations) -> None:
        super().__init__()
        self.setWindowTitle(_("Lotse – Landeskoordination"))
        self._aggregate = aggregate
        self._ops = ops
        self.result: Any = None
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(dt.date.today().year - 1)
        self.form = FieldForm()
        key_box, self.key = _path_row(_("…_Schluessel.pem"), lambda: self._file(self.key))
        cert_box, self.certificate = _path_row(
            _("…_Zertifikat.pem"), lambda: self._file(self.certificate)
        )
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        trusted_box, self.trusted = _path_row("", lambda: self._folder(self.trusted))
        out_box, self.out = _path_row("", lambda: self._folder(self.out))
        self.form.add("year", _("Berichts&jahr"), self.year)
        self.form.add("key", _("&Schlüssel"), key_box, buddy=self.key)
        self.form.add("certificate", _("&Zertifikat"), cert_box, buddy=self.certificate)
        self.form.add("passphrase", _("&Passphrase des Schlüssels"), self.passphrase)
        self.form.add(
            "trusted", _("&Vertrauenswürdige Beratungsstellen"), trusted_box, buddy=self.trusted,
            hint=_("Ordner mit den Zertifikaten der Beratungsstellen (lotse coordinator trust)"),
        )  # fmt: skip
        self.form.add("out", _("&Ergebnisordner"), out_box, buddy=self.out)
        self.files = QListWidget()
        self.files.setAccessibleName(_("Jahresmeldungen"))
        self.add_button = QPushButton(_("Dateien &hinzufügen …"))
        self.add_button.clicked.connect(self.add_files)
        self.remove_button = QPushButton(_("Entfernen"))
        self.remove_button.clicked.connect(self.remove_file)
        self.run_button = QPushButton(_("Prüfen und zusammen&führen"))
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(self.run)
        self.results = report_table((_("Datei"), _("Ergebnis")), _("Ergebnis je Datei"))
        self.missing = hint_label("")
        self.status = hint_label("")
        self.error = FieldError()
        self._build()

    def _build(self) -> None:
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.run_button)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(heading_label(_("Landeskoordination: Jahresmeldungen")))
        layout.addLayout(self.form.layout)
        files_label = QLabel(_("Jahres&meldungen der Beratungsstellen"))
        files_label.setBuddy(self.files)
        layout.addWidget(files_label)
        layout.addWidget(self.files)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.missing)
        layout.addWidget(self.status)
        # At a large font on a small screen the window scrolls instead of being cut off.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        resize_to_text(self, 100, 40)

    # -- choosing --------------------------------------------------------------------
    def _file(self, line: QLineEdit) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, _("Datei wählen"), line.text() or str(Path.home()), _("PEM (*.pem)")
        )
        if chosen:
            line.setText(chosen)

    def _folder(self, line: QLineEdit) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, _("Ordner wählen"), line.text() or str(Path.home())
        )
        if chosen:
            line.setText(chosen)

    def add_files(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileNames(
            self, _("Jahresmeldungen hinzufügen"), str(Path.home()),
            _("Jahresmeldungen (*.zip *.p7m)"),
        )  # fmt: skip
        self.add_paths([Path(p) for p in chosen])

    def add_paths(self, paths: Sequence[Path]) -> None:
        known = {self.files.item(i).text() for i in range(self.files.count())}
        for path in paths:
            if str(path) not in known:
                known.add(str(path))
                self.files.addItem(str(path))

    def remove_file(self) -> None:
        self.files.takeItem(self.files.currentRow())

    # -- running ---------------------------------------------------------------------
    def request(self) -> CoordinatorRequest | None:
        self.form.clear()
        errors = {
            name: _("Bitte angeben.")
            for name, line in (
                ("key", self.key),
                ("certificate", self.certificate),
                ("trusted", self.trusted),
                ("out", self.out),
            )
            if not line.text().strip()
        }
        if self.files.count() == 0:
            self.error.set_message(_("Bitte die Jahresmeldungen der Beratungsstellen hinzufügen."))
            return None
        if errors:
            self.form.show_errors(errors)
            return None
        files = tuple(Path(self.files.item(i).text()) for i in range(self.files.count()))
        return CoordinatorRequest(
            files, self.year.value(), Path(self.key.text().strip()),
            Path(self.certificate.text().strip()), self.passphrase.text() or None,
            Path(self.trusted.text().strip()), Path(self.out.text().strip()),
        )  # fmt: skip

    def run(self) -> None:
        self.error.clear_message()
        request = self.request()
        if request is None:
            return
        aggregate = self._aggregate
        self.status.setText(_("Die Dateien werden geprüft …"))
        self._ops.run(
            lambda: aggregate(request), self._show, self._failed, context=self,
            busy=(self.run_button,),
        )  # fmt: skip

    def _failed(self, exc: BaseException) -> None:
        self.status.setText("")
        self.error.set_message(user_message(exc))

    def _show(self, result: Any) -> None:
        self.result = result
        fill_table(self.results, [
            (o.name, _("angenommen") if o.accepted else o.message) for o in result.outcomes
        ])  # fmt: skip
        self.results.resizeColumnsToContents()
        missing = ", ".join(result.missing)
        self.missing.setText(
            _("Ohne Jahresmeldung: {offices}").format(offices=missing) if missing else ""
        )
        if result.written:
            self.status.setText(
                _("Geschrieben: {files}").format(files=", ".join(str(p) for p in result.written))
            )
        else:
            self.status.setText(_("Keine Datei wurde angenommen; nichts wurde geschrieben."))
