"""The parts of the start page about the counsellor's work: reminders due this week,
open cases, and the caseload against the staffing key."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from app.domain.caseload import Caseload, Load
from app.i18n import _, format_decimal, ngettext
from ui.case_services import DashboardData
from ui.models.case_table_model import CaseTableModel
from ui.pages.cases_page import case_table, fit_case_columns, selected_case
from ui.widgets.common import format_posts, notice_label
from ui.widgets.field_error import error_colour, hint_label
from ui.widgets.reminder_tree import ReminderTree, counsellor_name
from ui.widgets.report_table import fill_table, report_table

LIST_LINES = 9  # visible lines of the reminder and case lists before they scroll


class MyRemindersBox(QGroupBox):
    """My reminders due by Sunday, grouped; overdue ones in red."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Meine Wiedervorlagen bis Sonntag"), parent)
        self.tree = ReminderTree(_("Meine Wiedervorlagen"), show_counsellor=False)
        self.tree.setMinimumHeight(self.fontMetrics().lineSpacing() * LIST_LINES)
        label = QLabel(_("Fällige &Wiedervorlagen"))
        label.setBuddy(self.tree)
        self.summary = hint_label("")
        column = QVBoxLayout(self)
        column.addWidget(label)
        column.addWidget(self.summary)
        column.addWidget(self.tree)

    def show_data(self, data: DashboardData) -> None:
        reminders = list(data.reminders)
        overdue = sum(1 for r in reminders if r.due < data.today)
        self.summary.setText(
            ngettext(
                "{count} Wiedervorlage ist überfällig.",
                "{count} Wiedervorlagen sind überfällig.",
                overdue,
            ).format(count=overdue)
            if overdue
            else ""
        )
        self.summary.setVisible(bool(overdue))
        self.tree.show_reminders(
            reminders, data.today, data.counsellors, _("Bis Sonntag ist nichts fällig.")
        )


class MyCasesBox(QGroupBox):
    """My open cases with their planned end and the three-year clock."""

    case_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Meine offenen Fälle"), parent)
        self.model = CaseTableModel()
        self.table = case_table(self.model, _("Meine offenen Fälle"))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(CaseTableModel.PLANNED_END, Qt.SortOrder.AscendingOrder)
        for hidden in (CaseTableModel.COUNSELLOR, CaseTableModel.START):
            self.table.setColumnHidden(hidden, True)
        self.table.setMinimumHeight(self.fontMetrics().lineSpacing() * LIST_LINES)
        self.table.activated.connect(lambda _index: self._open())
        label = QLabel(_("&Fälle, nächstes Ende zuerst"))
        label.setBuddy(self.table)
        self.empty = hint_label(_("Sie haben keine offenen Fälle."))
        column = QVBoxLayout(self)
        column.addWidget(label)
        column.addWidget(self.empty)
        column.addWidget(self.table)

    def show_data(self, data: DashboardData) -> None:
        self.model.set_rows(list(data.open_cases), data.today)
        fit_case_columns(self.table)
        self.empty.setVisible(not data.open_cases)
        if data.open_cases:
            self.table.selectRow(0)

    def _open(self) -> None:
        case = selected_case(self.table)
        if case is not None:
            self.case_requested.emit(case.id)


def _per_post(load: Load) -> str:
    return format_decimal(load.per_post, 1) if load.per_post is not None else "–"


class CaseloadBox(QGroupBox):
    """Persons in case management this year, per counsellor and for the office, against
    the staffing key; a warning line for every load over the key."""

    PERSONS, POSTS, CAPACITY, PER_POST = 1, 2, 3, 4

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Auslastung"), parent)
        self.table = report_table(
            (
                _("Berater:in"),
                _("Personen im Casemanagement"),
                _("Stellen (VZÄ)"),
                _("Kapazität"),
                _("Personen je Stelle"),
                _("Stand"),
            ),
            _("Auslastung nach Stellenschlüssel"),
        )
        self.table.setWordWrap(False)
        label = QLabel(_("&Personen je Vollzeitstelle"))
        label.setBuddy(self.table)
        self.explanation = hint_label("")
        self.warning = notice_label()
        self.warning.setStyleSheet(f"color: {error_colour(self)};")
        column = QVBoxLayout(self)
        column.addWidget(self.explanation)
        column.addWidget(self.warning)
        column.addWidget(label)
        column.addWidget(self.table)

    def show_caseload(self, load: Caseload, names: Mapping[int, str]) -> None:
        key = load.office.key
        self.setTitle(_("Auslastung {year}").format(year=load.year))
        self.explanation.setText(
            _(
                "Stellenschlüssel 1 : {key}: je Vollzeitstelle (VZÄ) höchstens {key} Personen "
                "im Casemanagement im Kalenderjahr. Jede Person zählt einmal im Jahr."
            ).format(key=key)
        )
        people = sorted(
            load.by_counsellor.items(),
            key=lambda item: (item[0] is None, counsellor_name(names, item[0]).casefold()),
        )
        rows = [(self._name(names, uid), uid_load) for uid, uid_load in people]
        rows.append((_("Beratungsstelle gesamt"), load.office))
        fill_table(
            self.table,
            [
                (
                    name,
                    row.persons,
                    format_posts(row.posts),
                    row.capacity,
                    _per_post(row),
                    _("über dem Schlüssel") if row.over else _("im Rahmen"),
                )
                for name, row in rows
            ],
        )
        self._mark(rows)
        self.table.resizeColumnToContents(0)  # the office's row is bold
        self.table.setFixedHeight(self._table_height())
        # The office first: it is what the funders look at.
        warnings = [self._office_warning(load.office)] if load.office.over else []
        warnings += [self._warning(name, row) for name, row in rows[:-1] if row.over]
        self.warning.setText("\n".join(warnings))
        self.warning.setVisible(bool(warnings))

    @staticmethod
    def _name(names: Mapping[int, str], uid: int | None) -> str:
        return _("ohne Berater:in") if uid is None else counsellor_name(names, uid)

    def _mark(self, rows: list[tuple[str, Load]]) -> None:
        """Numbers right-aligned, the office row bold, loads over the key in red."""
        red = QBrush(QColor(error_colour(self)))
        last = len(rows) - 1
        for r, (_name, row) in enumerate(rows):
            for c in range(self.table.columnCount()):
                item = self.table.item(r, c)
                if item is None:
                    continue
                if c in (self.POSTS, self.PER_POST):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                font = item.font()
                font.setBold(r == last or (row.over and c == self.table.columnCount() - 1))
                item.setFont(font)
                if row.over and c in (self.PER_POST, self.table.columnCount() - 1):
                    item.setForeground(red)

    def _table_height(self) -> int:
        """Tall enough for every row: the list of counsellors is short."""
        rows = sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
        frame = self.table.frameWidth() * 2
        scroll = self.table.horizontalScrollBar().sizeHint().height()
        return self.table.horizontalHeader().sizeHint().height() + rows + frame + scroll

    @staticmethod
    def _office_warning(office: Load) -> str:
        return _(
            "Die Beratungsstelle liegt über dem Stellenschlüssel: {persons} Personen bei "
            "{posts} VZÄ, vorgesehen sind höchstens {capacity}."
        ).format(persons=office.persons, posts=format_posts(office.posts), capacity=office.capacity)

    @staticmethod
    def _warning(name: str, row: Load) -> str:
        if row.posts <= 0:
            return _(
                "{name}: {persons} Personen im Casemanagement, aber kein Stellenanteil erfasst."
            ).format(name=name, persons=row.persons)
        return _(
            "{name} liegt über dem Stellenschlüssel: {persons} Personen bei {posts} VZÄ, "
            "vorgesehen sind höchstens {capacity}."
        ).format(
            name=name, persons=row.persons, posts=format_posts(row.posts), capacity=row.capacity
        )
