"""Liste einlesen: a CSV or XLSX file of clients, its columns assigned to fields,
checked in full (dry run), then imported all at once or not at all.

The file is read and checked in the background; the dialog keeps the read table
and the mapping, and enables "Einlesen" only for a mapping whose check found no
errors.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain.import_rows import (
    FIELD_LABELS,
    FIELDS,
    REQUIRED,
    Cell,
    check_mapping,
    guess_mapping,
)
from app.errors import UsageError
from app.i18n import _, format_date, ngettext
from ui.dialogs.merge_dialog import percent
from ui.operations import Operations, user_message
from ui.services import ImportReportData, ImportTable, OfficeServices
from ui.widgets.common import chain_tab_order, notice_label
from ui.widgets.field_error import FieldError, FieldForm, hint_label
from ui.widgets.report_table import fill_table, report_table

PREVIEW_ROWS = 10


def cell_text(cell: Cell) -> str:
    """A cell as the file shows it (dates in the UI's format)."""
    if cell is None:
        return ""
    if isinstance(cell, dt.datetime):
        cell = cell.date()
    if isinstance(cell, dt.date):
        return format_date(cell)
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def read_file(read_table: Callable[[bytes, str], ImportTable], name: str) -> ImportTable:
    """Read and parse ``name`` (on the worker); UsageError with a sentence if impossible."""
    path = Path(name)
    try:
        data = path.read_bytes()
    except OSError:
        raise UsageError(
            _("Die Datei {name} lässt sich nicht öffnen.").format(name=path.name)
        ) from None
    return read_table(data, path.name)


class ImportDialog(QDialog):
    imported = Signal(object)  # ImportReportData: clients were added

    def __init__(
        self, services: OfficeServices, ops: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._ops = ops
        self.data: ImportTable | None = None
        self.checked_mapping: dict[str, str] | None = None  # what the last clean check used
        self.setWindowTitle(_("Liste einlesen"))

        self.file_label = hint_label(_("Noch keine Datei gewählt."))
        self.choose_button = QPushButton(_("Datei &wählen …"))
        self.choose_button.clicked.connect(self.choose_file)
        self.file_error = FieldError()
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_label, 1)
        file_row.addWidget(self.choose_button)

        columns = self._build_mapping()
        self.report_box = self._build_report()
        self.notice = notice_label()
        self.error = FieldError()
        content = QWidget()
        body = QVBoxLayout(content)
        body.addWidget(
            hint_label(
                _(
                    "Eine Liste (CSV oder Excel) wird ganz oder gar nicht eingelesen: "
                    "Erst prüfen, Fehler in der Datei korrigieren, dann einlesen."
                )
            )
        )
        body.addLayout(file_row)
        body.addWidget(self.file_error)
        body.addLayout(columns, 1)
        body.addWidget(self.report_box, 1)
        self.scroll = scroll = QScrollArea()
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)

        self.check_button = QPushButton(_("&Prüfen"))
        self.check_button.clicked.connect(self.check)
        self.import_button = QPushButton(_("&Einlesen"))
        self.import_button.clicked.connect(self.import_)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.check_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.notice)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        chain_tab_order(
            self.choose_button,
            *self.combos.values(),
            self.preview,
            self.skip,
            self.errors,
            self.duplicates,
            self.check_button,
            self.import_button,
        )
        self._set_table(None)
        self._fit_to_screen()

    def _build_mapping(self) -> QHBoxLayout:
        """A combo box of the file's columns per field, beside a preview of the result."""
        self.combos: dict[str, QComboBox] = {}
        self.form = FieldForm()
        for field in FIELDS:
            combo = QComboBox()
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(self._mapping_changed)
            self.combos[field] = combo
            self.form.add(field, _(FIELD_LABELS[field]), combo)
        self.mapping_box = QGroupBox(_("Spalten zuordnen"))
        self.mapping_box.setLayout(self.form.layout)
        self.preview = report_table((), _("Vorschau"))
        self.preview_box = QGroupBox(
            _("Vorschau der ersten {count} Zeilen").format(count=PREVIEW_ROWS)
        )
        QVBoxLayout(self.preview_box).addWidget(self.preview)
        columns = QHBoxLayout()
        columns.addWidget(self.mapping_box)
        columns.addWidget(self.preview_box, 1)
        return columns

    def _build_report(self) -> QGroupBox:
        box = QGroupBox(_("Ergebnis der Prüfung"))
        self.summary = hint_label("")
        self.skip = QCheckBox(_("Wahrscheinliche Doppelerfassungen auslassen"))
        self.skip.setAccessibleName(self.skip.text())
        self.errors = report_table((_("Zeile"), _("Spalte"), _("Problem")), _("Fehler"))
        errors_label = QLabel(_("&Fehler (nichts wird eingelesen, solange es welche gibt)"))
        errors_label.setBuddy(self.errors)
        self.duplicates = report_table(
            (_("Zeile"), _("vorhandene:r"), _("Übereinstimmung"), _("Gründe")),
            _("Wahrscheinliche Doppelerfassungen"),
        )
        duplicates_label = QLabel(_("&Wahrscheinliche Doppelerfassungen"))
        duplicates_label.setBuddy(self.duplicates)
        self.errors_part = QWidget()
        part = QVBoxLayout(self.errors_part)
        part.setContentsMargins(0, 0, 0, 0)
        part.addWidget(errors_label)
        part.addWidget(self.errors)
        self.duplicates_part = QWidget()
        part = QVBoxLayout(self.duplicates_part)
        part.setContentsMargins(0, 0, 0, 0)
        part.addWidget(duplicates_label)
        part.addWidget(self.duplicates)
        part.addWidget(self.skip)
        column = QVBoxLayout(box)
        column.addWidget(self.summary)
        column.addWidget(self.errors_part)
        column.addWidget(self.duplicates_part)
        lines = self.fontMetrics().lineSpacing()
        for table in (self.errors, self.duplicates, self.preview):
            table.setMinimumHeight(lines * 5)
        return box

    def _fit_to_screen(self) -> None:
        chars = self.fontMetrics().averageCharWidth()
        lines = self.fontMetrics().lineSpacing()
        width, height = chars * 140, lines * 46
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        if screen is not None:
            width, height = min(width, screen.width() - 40), min(height, screen.height() - 60)
        self.resize(width, height)

    # -- the file -----------------------------------------------------------------
    def choose_file(self) -> None:
        name, _chosen = QFileDialog.getOpenFileName(
            self,
            _("Liste auswählen"),
            "",
            _("Listen (*.csv *.xlsx);;Alle Dateien (*)"),
        )
        if name:
            self.read(name)

    def read(self, name: str) -> None:
        """Read ``name`` in the background; its columns then fill the combo boxes."""
        read_table = self._services.read_table
        self.file_error.clear_message()
        self.notice.setVisible(False)
        self._ops.run(
            lambda: read_file(read_table, name),
            lambda table: self._read(name, table),
            self._read_failed,
            context=self,
            busy=[self.choose_button, self.check_button, self.import_button],
        )

    def _read(self, name: str, table: ImportTable) -> None:
        self.file_label.setText(
            ngettext(
                "{name}: {count} Zeile unter der Kopfzeile",
                "{name}: {count} Zeilen unter der Kopfzeile",
                len(table.rows),
            ).format(name=Path(name).name, count=len(table.rows))
        )
        self._set_table(table)

    def _read_failed(self, exc: BaseException) -> None:
        self._set_table(None)
        self.file_error.set_message(user_message(exc))

    def _set_table(self, table: ImportTable | None) -> None:
        self.data = table
        header = [h for h in table.header if h] if table is not None else []
        guessed = guess_mapping(header)
        for field, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(_("— nicht einlesen —"), None)
            for column in header:
                combo.addItem(column, column)
            combo.setCurrentIndex(max(0, combo.findData(guessed.get(field))))
            combo.blockSignals(False)
        for box in (self.mapping_box, self.preview_box):
            box.setEnabled(table is not None)
        self._mapping_changed()

    # -- mapping and preview ----------------------------------------------------------
    def mapping(self) -> dict[str, str]:
        """Field → column, for the fields that get a column."""
        return {
            field: combo.currentData()
            for field, combo in self.combos.items()
            if combo.currentData() is not None
        }

    def _mapping_changed(self) -> None:
        self.checked_mapping = None
        self.report_box.setVisible(False)
        self.error.clear_message()
        self._update_buttons()
        self._fill_preview()

    def _fill_preview(self) -> None:
        mapping = self.mapping()
        table = self.data
        fields = list(mapping)
        self.preview.setColumnCount(len(fields))
        self.preview.setHorizontalHeaderLabels([_(FIELD_LABELS[f]) for f in fields])
        if table is None:
            fill_table(self.preview, [])
            return
        index = [table.header.index(mapping[f]) for f in fields]
        rows = [
            [cell_text(cells[i]) if i < len(cells) else "" for i in index]
            for cells in table.rows[:PREVIEW_ROWS]
        ]
        fill_table(self.preview, rows)

    def _update_buttons(self) -> None:
        self.check_button.setEnabled(self.data is not None)
        self.import_button.setEnabled(
            self.data is not None and self.checked_mapping == self.mapping()
        )

    # -- checking and importing ---------------------------------------------------------
    def check(self) -> None:
        """The dry run: every row checked, nothing saved."""
        self._run(dry_run=True)

    def import_(self) -> None:
        if self.checked_mapping is not None and self.checked_mapping == self.mapping():
            self._run(dry_run=False)

    def _run(self, *, dry_run: bool) -> None:
        table = self.data
        if table is None:
            return
        mapping = self.mapping()
        self.form.clear()
        problems = check_mapping(mapping, table.header)
        if problems:
            for field in REQUIRED:
                if field not in mapping:
                    self.form.set_error(field, _("Bitte eine Spalte wählen."))
            self.error.set_message(" ".join(problems))
            return
        skip = self.skip.isChecked()
        run_import = self._services.import_clients
        self.error.clear_message()
        self.notice.setVisible(False)
        self._ops.run(
            lambda: run_import(table, mapping, dry_run, skip),
            lambda report: self._done(mapping, report),
            lambda exc: self.error.set_message(user_message(exc)),
            context=self,
            busy=[self.choose_button, self.check_button, self.import_button, self.mapping_box],
        )

    def _done(self, mapping: dict[str, str], report: ImportReportData) -> None:
        self._show_report(report)
        if report.errors or report.dry_run:
            self.checked_mapping = None if report.errors else mapping
        else:
            self.checked_mapping = None  # imported: the same file again would double it
            text = ngettext(
                "{count} Klient:in eingelesen.", "{count} Klient:innen eingelesen.", report.imported
            ).format(count=report.imported)
            if report.skipped:
                text += " " + ngettext(
                    "{count} wahrscheinliche Doppelerfassung ausgelassen.",
                    "{count} wahrscheinliche Doppelerfassungen ausgelassen.",
                    report.skipped,
                ).format(count=report.skipped)
            self.notice.setText(text)
            self.notice.setVisible(True)
            self.imported.emit(report)
        self._update_buttons()

    def _show_report(self, report: ImportReportData) -> None:
        parts = [
            ngettext("{count} Zeile geprüft.", "{count} Zeilen geprüft.", report.rows).format(
                count=report.rows
            )
        ]
        if report.errors:
            parts.append(
                ngettext(
                    "{count} Problem: Bitte in der Datei korrigieren und die Datei neu wählen.",
                    "{count} Probleme: Bitte in der Datei korrigieren und die Datei neu wählen.",
                    len(report.errors),
                ).format(count=len(report.errors))
            )
        else:
            parts.append(_("Keine Fehler."))
        self.summary.setText(" ".join(parts))
        fill_table(self.errors, [(e.row, e.column, e.problem) for e in report.errors])
        fill_table(
            self.duplicates,
            [
                (d.row, d.existing, percent(d.score), "; ".join(d.reasons))
                for d in report.duplicates
            ],
        )
        self.errors_part.setVisible(bool(report.errors))
        self.duplicates_part.setVisible(bool(report.duplicates))
        self.report_box.setVisible(True)
        # At large font sizes the result lies below the fold: bring it into view.
        QTimer.singleShot(0, self, lambda: self.scroll.ensureWidgetVisible(self.summary))
