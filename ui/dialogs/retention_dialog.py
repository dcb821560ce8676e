"""Löschfristen (lead only): who is due for removal, and anonymising them after a
confirmation; one person on request (Art. 17 DSGVO) by client number."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.client import ClientRow
from app.domain.retention import RetentionDue
from app.i18n import _, format_date, ngettext
from ui.operations import Operations, user_message
from ui.services import OfficeServices
from ui.widgets.common import chain_tab_order, confirmed, resize_to_text
from ui.widgets.field_error import FieldError, hint_label
from ui.widgets.report_table import fill_table, report_table


class RetentionDialog(QDialog):
    def __init__(
        self, services: OfficeServices, ops: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Löschfristen"))
        self._services = services
        self._ops = ops
        self.due: list[RetentionDue] = []
        self.table = report_table(
            (_("Nr."), _("Letzte Tätigkeit"), _("Fällig seit")), _("Fällige Datensätze")
        )
        label = QLabel(_("&Fällige Datensätze"))
        label.setBuddy(self.table)
        self.count = hint_label("")
        self.apply_button = QPushButton(_("Alle fälligen &anonymisieren …"))
        self.apply_button.clicked.connect(self.apply_due)
        self.number = QLineEdit()
        self.number.setPlaceholderText(_("z. B. K-00012"))
        number_label = QLabel(_("Auf Antrag, &Nr."))
        number_label.setBuddy(self.number)
        self.number.setAccessibleName(_("Klient:innen-Nummer"))
        self.erase_button = QPushButton(_("Diese Person a&nonymisieren …"))
        self.erase_button.clicked.connect(self.erase_one)
        self.error = FieldError()
        self.status = hint_label("")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        request = QHBoxLayout()
        request.addWidget(number_label)
        request.addWidget(self.number, 1)
        request.addWidget(self.erase_button)
        layout = QVBoxLayout(self)
        layout.addWidget(hint_label(_(
            "Personenbezogene Daten werden nach der Löschfrist aus den Einstellungen entfernt "
            "(nie während eines laufenden Falls): Namen, Nummer, Notizen und Einwilligungen "
            "gehen, Geburtsjahr, Geschlecht, Staatsangehörigkeit, Status und Fallzahlen bleiben "
            "für die Statistik. Das lässt sich nicht rückgängig machen."
        )))  # fmt: skip
        layout.addWidget(label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.apply_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(request)
        layout.addWidget(self.error)
        layout.addWidget(self.status)
        layout.addWidget(close)
        chain_tab_order(self.table, self.apply_button, self.number, self.erase_button)
        resize_to_text(self, 80, 24)
        self.reload()

    def reload(self) -> None:
        self._ops.run(self._services.retention_due, self._show, self._failed, context=self)

    def _show(self, due: Sequence[RetentionDue]) -> None:
        self.due = list(due)
        fill_table(self.table, [
            (d.number, format_date(d.last_activity), format_date(d.due_on)) for d in self.due
        ])  # fmt: skip
        self.count.setText(
            ngettext("{count} Datensatz ist fällig.", "{count} Datensätze sind fällig.",
                     len(self.due)).format(count=len(self.due))
        )  # fmt: skip
        self.apply_button.setEnabled(bool(self.due))

    def _failed(self, exc: BaseException) -> None:
        self.error.set_message(user_message(exc))

    def _run(self, ids: list[int]) -> None:
        self.error.clear_message()
        anonymise = self._services.anonymise
        self._ops.run(
            lambda: anonymise(ids),
            self._done,
            self._failed,
            context=self,
            busy=[self.apply_button, self.erase_button],
        )

    def _done(self, count: int) -> None:
        self.status.setText(
            ngettext("{count} Datensatz anonymisiert.", "{count} Datensätze anonymisiert.",
                     count).format(count=count)
        )  # fmt: skip
        self.number.clear()
        self.reload()

    def apply_due(self) -> None:
        question = ngettext(
            "{count} Datensatz jetzt anonymisieren? Das lässt sich nicht rückgängig machen.",
            "{count} Datensätze jetzt anonymisieren? Das lässt sich nicht rückgängig machen.",
            len(self.due),
        ).format(count=len(self.due))
        if self.due and confirmed(self, _("Anonymisieren"), question):
            self._run([d.client_id for d in self.due])

    def erase_one(self) -> None:
        self.error.clear_message()
        text = self.number.text().strip()
        if not text:
            self.error.set_message(_("Bitte die Nummer der Person angeben."))
            return
        find = self._services.client_by_number
        self._ops.run(lambda: find(text), self._erase_found, self._failed, context=self)

    def _erase_found(self, row: ClientRow | None) -> None:
        if row is None:
            self.error.set_message(
                _("Keine Person mit der Nummer {number}.").format(number=self.number.text())
            )
            return
        question = _(
            "{number} {family}, {given} auf Antrag anonymisieren? Das lässt sich nicht "
            "rückgängig machen."
        ).format(number=row.number, family=row.family_name, given=row.given_name)
        if confirmed(self, _("Anonymisieren"), question):
            self._run([row.id])
