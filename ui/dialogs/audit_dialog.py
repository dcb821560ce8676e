"""Protokoll (lead only): who opened, created, changed, merged, deleted or backed up which
record and when — never the content — with filters, and the export for a data-protection
officer (semicolon CSV with each entry's hash)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.audit import AuditEntity, AuditLine, AuditQuery
from app.domain.users import UserRecord
from app.errors import FieldErrors
from app.i18n import _, format_datetime, ngettext
from ui.operations import Operations, user_message
from ui.services import OfficeServices
from ui.widgets.common import chain_tab_order, resize_to_text
from ui.widgets.date_field import DateError, DateField
from ui.widgets.field_error import FieldError, hint_label
from ui.widgets.report_table import fill_table, report_table


def _local(at: dt.datetime) -> str:
    """Stored in UTC; shown in the PC's time."""
    return format_datetime(at.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None))


class AuditDialog(QDialog):
    def __init__(
        self, services: OfficeServices, ops: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Protokoll"))
        self._services = services
        self._ops = ops
        self.user = QComboBox()
        self.user.addItem(_("alle"), None)
        self.entity = QComboBox()
        self.entity.addItem(_("alle"), None)
        for entity in AuditEntity:
            self.entity.addItem(entity.label, entity)
        self.since, self.until = DateField(), DateField()
        grid = QGridLayout()
        for n, (text, widget) in enumerate(
            (
                (_("&Benutzer:in"), self.user),
                (_("&Art des Eintrags"), self.entity),
                (_("&von"), self.since),
                (_("&bis"), self.until),
            )
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            widget.setAccessibleName(text.replace("&", ""))
            grid.addWidget(label, n // 2, (n % 2) * 2)
            grid.addWidget(widget, n // 2, (n % 2) * 2 + 1)
        self.show_button = QPushButton(_("&Anzeigen"))
        self.show_button.clicked.connect(self.reload)
        self.export_button = QPushButton(_("&Exportieren …"))
        self.export_button.clicked.connect(self.export)
        self.table = report_table(
            (_("Zeit"), _("Benutzer:in"), _("Aktion"), _("Eintrag"), _("Nr.")), _("Protokoll")
        )
        self.count = hint_label("")
        self.error = FieldError()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        close.addButton(self.show_button, QDialogButtonBox.ButtonRole.ActionRole)
        close.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(hint_label(_(
            "Wer wann welchen Eintrag geöffnet, angelegt, geändert oder gelöscht hat – ohne "
            "Inhalte. Jeder Eintrag ist mit dem vorigen verkettet; „lotse check“ prüft die Kette."
        )))  # fmt: skip
        layout.addLayout(grid)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.error)
        layout.addWidget(close)
        chain_tab_order(self.user, self.entity, self.since, self.until, self.table)
        resize_to_text(self, 100, 28)
        self._ops.run(services.users, self._fill_users, context=self)
        self.reload()

    def _fill_users(self, users: Sequence[UserRecord]) -> None:
        for user in users:
            self.user.addItem(user.display_name, user.id)

    def query(self) -> AuditQuery:
        errors: dict[str, str] = {}
        days: list[dt.date | None] = []
        for name, field in (("since", self.since), ("until", self.until)):
            try:
                days.append(field.date() if field.text().strip() else None)
            except DateError as exc:
                errors[name] = exc.message
        if errors:
            raise FieldErrors(errors)
        return AuditQuery(
            user_id=self.user.currentData(),
            entity=self.entity.currentData(),
            since=days[0],
            until=days[1],
        )

    def reload(self) -> None:
        self.error.clear_message()
        try:
            query = self.query()
        except FieldErrors as exc:
            self.error.set_message(" ".join(exc.errors.values()))
            return
        lines = self._services.audit_lines
        self._ops.run(lambda: lines(query), self._show, self._failed, context=self,
                      busy=[self.show_button])  # fmt: skip

    def _show(self, lines: Sequence[AuditLine]) -> None:
        fill_table(self.table, [
            (_local(line.at), line.user, line.action.label, line.entity.label,
             line.entity_id if line.entity_id is not None else "")
            for line in lines
        ])  # fmt: skip
        self.count.setText(
            ngettext("{count} Eintrag", "{count} Einträge", len(lines)).format(count=len(lines))
        )

    def _failed(self, exc: BaseException) -> None:
        self.error.set_message(user_message(exc))

    def export(self) -> None:
        try:
            query = self.query()
        except FieldErrors as exc:
            self.error.set_message(" ".join(exc.errors.values()))
            return
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Protokoll exportieren"), "protokoll.csv", _("CSV-Dateien (*.csv)")
        )
        if name:
            self.save_to(Path(name), query)

    def save_to(self, path: Path, query: AuditQuery) -> None:
        export = self._services.audit_csv

        def write() -> Path:
            path.write_bytes(export(query))
            return path

        self._ops.run(
            write,
            lambda saved: self.count.setText(_("Gespeichert: {path}").format(path=saved)),
            self._failed,
            context=self,
            busy=[self.export_button],
        )
