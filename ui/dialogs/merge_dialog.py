"""Doppelerfassungen zusammenführen: likely pairs, both records side by side, one kept.

The pairs come from ``scan_duplicates``; choosing one fetches a ``MergePreview``
and shows it in a ``MergeComparison``. Merging asks first, then runs
``merge_clients`` in the background; errors appear under the field they concern
and nothing is saved.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGroupBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.domain.client import ClientRow
from app.domain.merge import MergePreview
from app.errors import FieldErrors
from app.i18n import _, ngettext
from ui.operations import Operations, user_message
from ui.services import DuplicatePairData, MergeResultData, OfficeServices
from ui.widgets.common import chain_tab_order, confirmed, notice_label
from ui.widgets.field_error import FieldError, hint_label
from ui.widgets.merge_comparison import MergeComparison
from ui.widgets.report_table import fill_table, report_table

MIN_SCORE = 0.6


def percent(score: float) -> str:
    return _("{percent} %").format(percent=round(score * 100))


def client_text(client: ClientRow) -> str:
    text = _("{number}: {family}, {given}").format(
        number=client.number, family=client.family_name, given=client.given_name
    )
    if client.birth_year is None:
        return text
    return _("{client} ({year})").format(client=text, year=client.birth_year)


class MergeDialog(QDialog):
    merged = Signal(object)  # MergeResultData: the list of clients has changed

    def __init__(
        self, services: OfficeServices, ops: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._ops = ops
        self._sequence = 0  # answers for a pair chosen before are dropped
        self.pairs: list[DuplicatePairData] = []
        self.comparison: MergeComparison | None = None
        self.setWindowTitle(_("Doppelerfassungen zusammenführen"))

        self.table = report_table(
            (_("Übereinstimmung"), _("Datensatz"), _("Datensatz"), _("Gründe")),
            _("Mögliche Doppelerfassungen"),
        )
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        pairs_label = QLabel(_("&Mögliche Doppelerfassungen, wahrscheinlichste zuerst"))
        pairs_label.setBuddy(self.table)
        self.status = hint_label(_("Wird gesucht …"))
        top = QWidget()
        column = QVBoxLayout(top)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(pairs_label)
        column.addWidget(self.table, 1)
        column.addWidget(self.status)

        self.placeholder = hint_label(_("Bitte oben ein Paar auswählen."))
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self.placeholder)
        self.compare_box = QGroupBox(_("Vergleich: Welcher Wert soll bleiben?"))
        box = QVBoxLayout(self.compare_box)
        box.addWidget(self.scroll)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(top)
        splitter.addWidget(self.compare_box)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 4)
        self.table.setMinimumHeight(self.fontMetrics().lineSpacing() * 4)

        self.notice = notice_label()
        self.error = FieldError()
        self.merge_button = QPushButton(_("Zusammenführen"))
        self.merge_button.setEnabled(False)
        self.merge_button.clicked.connect(self.merge)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.merge_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(
            hint_label(
                _(
                    "Beim Zusammenführen bleibt ein Datensatz erhalten; der andere wird "
                    "entfernt, sein gesamter Verlauf geht über."
                )
            )
        )
        layout.addWidget(splitter, 1)
        layout.addWidget(self.notice)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._fit_to_screen()

    def _fit_to_screen(self) -> None:
        chars = self.fontMetrics().averageCharWidth()
        lines = self.fontMetrics().lineSpacing()
        width, height = chars * 130, lines * 46
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        if screen is not None:
            width, height = min(width, screen.width() - 40), min(height, screen.height() - 60)
        self.resize(width, height)

    # -- pairs ------------------------------------------------------------------
    def load(self) -> None:
        """Look for likely pairs in the background."""
        services = self._services
        self.status.setText(_("Wird gesucht …"))
        self._ops.run(
            lambda: list(services.scan_duplicates(MIN_SCORE)),
            self._show_pairs,
            self._failed,
            context=self,
        )

    def _show_pairs(self, pairs: Sequence[DuplicatePairData]) -> None:
        self.pairs = list(pairs)
        fill_table(
            self.table,
            [
                (
                    percent(p.score),
                    client_text(p.first),
                    client_text(p.second),
                    "; ".join(p.reasons),
                )
                for p in self.pairs
            ],
        )
        self.table.setCurrentIndex(QModelIndex())
        self.table.clearSelection()
        self._sequence += 1  # a preview asked for while filling is not wanted
        self._show_comparison(None)
        self.status.setText(
            ngettext(
                "{count} mögliches Paar gefunden.", "{count} mögliche Paare gefunden.", len(pairs)
            ).format(count=len(pairs))
            if pairs
            else _("Keine wahrscheinlichen Doppelerfassungen gefunden.")
        )

    def _failed(self, exc: BaseException) -> None:
        self.status.setText("")
        self.error.set_message(user_message(exc))

    def choose_pair(self, row: int) -> None:
        self.table.selectRow(row)

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = current.row()
        if not 0 <= row < len(self.pairs):
            return
        pair = self.pairs[row]
        services = self._services
        self._sequence += 1
        sequence = self._sequence
        first, second = pair.first.id, pair.second.id
        self.error.clear_message()
        self._ops.run(
            lambda: services.merge_preview(first, second),
            lambda preview: self._preview_ready(sequence, preview),
            lambda exc: self._preview_failed(sequence, exc),
            context=self,
        )

    def _preview_ready(self, sequence: int, preview: MergePreview) -> None:
        if sequence == self._sequence:
            self._show_comparison(preview)

    def _preview_failed(self, sequence: int, exc: BaseException) -> None:
        if sequence == self._sequence:
            self._show_comparison(None)
            self.error.set_message(user_message(exc))

    def _show_comparison(self, preview: MergePreview | None) -> None:
        old = self.scroll.takeWidget()
        if old is not None and old is not self.placeholder:
            old.deleteLater()
        if preview is None:
            self.comparison = None
            self.placeholder = hint_label(_("Bitte oben ein Paar auswählen."))
            self.scroll.setWidget(self.placeholder)
            self.merge_button.setEnabled(False)
            return
        self.comparison = MergeComparison(preview)
        self.comparison.changed.connect(self.error.clear_message)
        self.scroll.setWidget(self.comparison)
        self.merge_button.setEnabled(True)
        chain_tab_order(self.table, *self.comparison.keep_buttons, self.merge_button)

    # -- merging ------------------------------------------------------------------
    def merge(self) -> None:
        comparison = self.comparison
        if comparison is None:
            return
        kept, removed = comparison.kept(), comparison.removed()
        question = _(
            "Der Datensatz {removed} wird entfernt. Alle Aufenthaltsstatus, Kontakte, "
            "Einwilligungen und Fälle gehen auf {kept} über. Das lässt sich nicht rückgängig "
            "machen."
        ).format(removed=removed.number, kept=kept.number)
        if not confirmed(self, _("Zusammenführen?"), question):
            return
        request = comparison.request()
        services = self._services
        comparison.clear_errors()
        self.error.clear_message()
        self._ops.run(
            lambda: services.merge_clients(request),
            self._merged,
            self._merge_failed,
            context=self,
            busy=[self.merge_button, self.table, comparison],
        )

    def _merged(self, result: MergeResultData) -> None:
        self.notice.setText(
            _(
                "{removed} ist in {kept} aufgegangen und wurde entfernt. Übernommen: "
                "{statuses} Aufenthaltsstatus, {contacts} Kontakte, {consents} Einwilligungen."
            ).format(
                removed=result.removed_number,
                kept=result.kept.number,
                statuses=result.moved_statuses,
                contacts=result.moved_contacts,
                consents=result.moved_consents,
            )
        )
        self.notice.setVisible(True)
        self.merged.emit(result)
        self.load()

    def _merge_failed(self, exc: BaseException) -> None:
        if isinstance(exc, FieldErrors) and self.comparison is not None:
            leftover = self.comparison.show_errors(exc.errors)
            self.error.set_message(" ".join(leftover.values()))
            return
        self.error.set_message(user_message(exc))
