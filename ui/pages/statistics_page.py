"""Statistik & Export: the year's tables beside last year's, what looks wrong, the
quality self-assessment and the yearly file for the coordinator."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.office import Role
from app.i18n import _
from ui.models.count_table_model import CountTableModel
from ui.operations import Operations, user_message
from ui.services import OfficeServices
from ui.statistics_services import YearPreview, table_by_key
from ui.widgets.common import chain_tab_order, heading_label
from ui.widgets.field_error import FieldError, error_colour, hint_label


def count_view(model: CountTableModel, name: str) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setAlternatingRowColors(True)
    view.setWordWrap(True)
    return view


class StatisticsPage(QWidget):
    def __init__(
        self, services: OfficeServices, ops: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._stats = services.statistics
        self._ops = ops
        self._lead = services.user.role is Role.LEAD
        self.preview_data: YearPreview | None = None
        self.dialog: QWidget | None = None
        self.year = QComboBox()
        self.year.setAccessibleName(_("Jahr"))
        self.year.currentIndexChanged.connect(lambda _i: self.load_year())
        year_label = QLabel(_("&Jahr"))
        year_label.setBuddy(self.year)
        self.quality_button = QPushButton(_("&Qualitätskriterien …"))
        self.quality_button.clicked.connect(self.open_quality)
        self.export_button = QPushButton(_("&Exportieren …"))
        self.export_button.clicked.connect(self.export)
        self.export_button.setToolTip(_("Die Jahresmeldung für die Landeskoordination schreiben"))
        self.certificate_button = QPushButton(_("&Zertifikat der Koordination …"))
        self.certificate_button.setToolTip(
            _("Mit diesem Zertifikat wird die Jahresmeldung für die Koordination verschlüsselt")
        )
        self.certificate_button.clicked.connect(self.choose_certificate)
        for button in (self.quality_button, self.export_button, self.certificate_button):
            button.setEnabled(self._lead)
            if not self._lead:
                button.setToolTip(_("Nur die Leitung"))
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.tables = QListWidget()
        self.tables.setAccessibleName(_("Tabellen"))
        self.tables.currentRowChanged.connect(lambda _row: self.show_table())
        self.model, self.previous_model = CountTableModel(), CountTableModel()
        self.view = count_view(self.model, _("Tabelle des gewählten Jahres"))
        self.previous_view = count_view(self.previous_model, _("Tabelle des Vorjahres"))
        self.this_label, self.previous_label = QLabel(), QLabel()
        self.status = hint_label("")
        self.error = FieldError()
        self._build(year_label)

    def _build(self, year_label: QLabel) -> None:
        top = QHBoxLayout()
        top.addWidget(year_label)
        top.addWidget(self.year)
        top.addStretch(1)
        top.addWidget(self.quality_button)
        bottom = QHBoxLayout()  # two rows of buttons: the page fits 1280 px at 200 % font
        bottom.addWidget(self.certificate_button)
        bottom.addWidget(self.export_button)
        tables = QSplitter(Qt.Orientation.Vertical)
        for label, view in ((self.this_label, self.view),
                            (self.previous_label, self.previous_view)):  # fmt: skip
            box = QWidget()
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            label.setWordWrap(True)
            column.addWidget(label)
            column.addWidget(view, 1)
            tables.addWidget(box)
        splitter = QSplitter()
        self.tables.setWordWrap(True)
        self.tables.setMinimumWidth(self.fontMetrics().averageCharWidth() * 24)
        splitter.addWidget(self.tables)
        splitter.addWidget(tables)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(heading_label(_("Statistik & Export")))
        layout.addLayout(top)
        layout.addWidget(self.warnings)
        layout.addWidget(splitter, 1)
        # One short line (the tables need the height at a large font); the rest on hover.
        legend = hint_label(_("Grau: wird in der Jahresmeldung unterdrückt."))
        legend.setToolTip(
            _(
                "Grau: Zahlen, die in der Jahresmeldung unterdrückt werden, damit niemand "
                "erkennbar wird. Die Meldung enthält nur Anzahlen, keine Namen, Texte "
                "oder genauen Daten."
            )
        )
        bottom.insertWidget(0, legend, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        chain_tab_order(self.year, self.quality_button, self.certificate_button,
                        self.export_button, self.tables,
                        self.view, self.previous_view)  # fmt: skip

    # -- data ---------------------------------------------------------------------------
    def reload(self) -> None:
        self._ops.run(self._stats.years, self._show_years, self._failed, context=self)

    def _failed(self, exc: BaseException) -> None:
        self.error.set_message(user_message(exc))

    def _show_years(self, years: list[int]) -> None:
        chosen = self.year.currentData()
        self.year.blockSignals(True)
        self.year.clear()
        last_complete = dt.date.today().year - 1
        for year in years or [dt.date.today().year]:
            self.year.addItem(str(year), year)
        wanted = chosen if chosen in years else (last_complete if last_complete in years else None)
        self.year.setCurrentIndex(max(0, self.year.findData(wanted)) if wanted else 0)
        self.year.blockSignals(False)
        self.load_year()

    def load_year(self) -> None:
        year = self.year.currentData()
        if year is None:
            return
        self.error.clear_message()
        preview = self._stats.preview
        self._ops.run(lambda: preview(int(year)), self._show_preview, self._failed, context=self)

    def _show_preview(self, preview: YearPreview) -> None:
        self.preview_data = preview
        lines = [w.message for w in preview.warnings]
        self.warnings.setText("\n".join(f"⚠ {line}" for line in lines))
        self.warnings.setStyleSheet(f"color: {error_colour(self)};" if lines else "")
        self.warnings.setVisible(bool(lines))
        row = max(0, self.tables.currentRow())
        self.tables.blockSignals(True)
        self.tables.clear()
        for table in preview.tables:
            item = QListWidgetItem(self._stats.title(table.key))
            self.tables.addItem(item)
        self.tables.blockSignals(False)
        self.tables.setCurrentRow(min(row, self.tables.count() - 1))
        self.show_table()

    def show_table(self) -> None:
        preview = self.preview_data
        row = self.tables.currentRow()
        if preview is None or not 0 <= row < len(preview.tables):
            return
        table = preview.tables[row]
        label = self._stats.label
        self.model.set_table(table, table_by_key(preview.published, table.key), label)
        self.previous_model.set_table(table_by_key(preview.previous, table.key), None, label)
        title = self._stats.title(table.key)
        self.this_label.setText(f"<b>{preview.year}</b> · {title}")
        self.previous_label.setText(
            _("<b>{year}</b> (Vorjahr) · {title}").format(year=preview.year - 1, title=title)
        )
        for view in (self.view, self.previous_view):
            view.resizeColumnsToContents()

    # -- quality and export -------------------------------------------------------------
    def open_quality(self) -> None:
        from ui.dialogs.quality_dialog import QualityDialog

        year = self.year.currentData()
        if year is None:
            return
        load = self._stats.quality

        def show(form: object) -> None:
            self.dialog = QualityDialog(self._stats.save_quality, int(year), form, self._ops, self)
            self.dialog.accepted.connect(self.load_year)
            self.dialog.open()

        self._ops.run(lambda: load(int(year)), show, self._failed, context=self)

    def export(self) -> None:
        year = self.year.currentData()
        if year is None:
            return
        folder = QFileDialog.getExistingDirectory(
            self, _("Ordner für die Jahresmeldung"), str(Path.home())
        )
        if not folder:
            return
        export = self._stats.export
        self.status.setText(_("Die Jahresmeldung wird geschrieben …"))
        self._ops.run(
            lambda: export(int(year), Path(folder)),
            lambda path: self.status.setText(
                _("Geschrieben: {path}. Bitte an die Landeskoordination senden.").format(path=path)
            ),
            self._export_failed,
            context=self,
            busy=(self.export_button,),
        )

    def _export_failed(self, exc: BaseException) -> None:
        self.status.setText("")
        self._failed(exc)

    def choose_certificate(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, _("Zertifikat der Landeskoordination"), str(Path.home()),
            _("Zertifikate (*.pem *.crt)"),
        )  # fmt: skip
        if not chosen:
            return
        try:
            pem = Path(chosen).read_bytes()
        except OSError:
            self.error.set_message(_("Die Datei kann nicht gelesen werden."))
            return
        store = self._stats.set_coordinator_certificate
        self._ops.run(
            lambda: store(pem),
            lambda subject: self.status.setText(
                _("Jahresmeldungen werden nun verschlüsselt für: {subject}").format(subject=subject)
            ),
            self._failed,
            context=self,
        )
