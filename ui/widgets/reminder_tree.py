"""Reminders grouped by when they are due (Überfällig, Heute, Diese Woche, Später)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from app.domain.reminders import DueGroup, Reminder, group_reminders
from app.i18n import N_, _, format_date
from ui.widgets.field_error import error_colour

RECORD = Qt.ItemDataRole.UserRole  # the Reminder of a line, the DueGroup of a heading
TEXT_CHARS = 30  # the text column's least width; narrower, the list scrolls sideways
COLUMN_CHARS = 30  # the widest the other columns get (their full text is the tooltip)


def counsellor_name(names: Mapping[int, str], uid: int | None) -> str:
    if uid is None:
        return "–"
    return names.get(uid) or _("inaktive Benutzer:in")


class ReminderTree(QTreeWidget):
    DUE, KIND, CLIENT, TEXT, COUNSELLOR = range(5)
    HEADERS = (N_("Fällig"), N_("Art"), N_("Klient:in"), N_("Worum es geht"), N_("Berater:in"))
    # Enter or a double-click on a line: its case, or its client when it has no case
    case_requested = Signal(int)
    client_requested = Signal(int)

    def __init__(
        self, accessible_name: str, show_counsellor: bool = True, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setColumnCount(len(self.HEADERS))
        self.setHeaderLabels([_(h) for h in self.HEADERS])
        self.setAccessibleName(accessible_name)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        header = self.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(self.fontMetrics().averageCharWidth() * 8)
        # Only after the resize modes: setting them counts a hidden column in the width.
        self.setColumnHidden(self.COUNSELLOR, not show_counsellor)
        self.itemActivated.connect(self._activated)

    def set_counsellor_visible(self, visible: bool) -> None:
        """The counsellor column says nothing when the list is one counsellor's."""
        self.setColumnHidden(self.COUNSELLOR, not visible)
        self._fit_text()

    def show_reminders(
        self,
        reminders: Iterable[Reminder],
        today: dt.date,
        names: Mapping[int, str],
        empty_text: str,
    ) -> None:
        """One heading per group that has reminders, each with its lines, earliest first."""
        chosen = self.selected_reminder()
        self.clear()
        first: QTreeWidgetItem | None = None
        for group, members in group_reminders(reminders, today).items():
            if not members:
                continue
            heading = QTreeWidgetItem(
                [_("{group} ({count})").format(group=group.label, count=len(members))]
            )
            heading.setData(0, RECORD, group)
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = heading.font(0)
            font.setBold(True)
            heading.setFont(0, font)
            self.addTopLevelItem(heading)
            heading.setFirstColumnSpanned(True)
            for reminder in members:
                heading.addChild(self._line(reminder, group, names))
            first = first or heading.child(0)
        if self.topLevelItemCount() == 0:
            empty = QTreeWidgetItem([empty_text])
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.addTopLevelItem(empty)
            empty.setFirstColumnSpanned(True)
        self.expandAll()
        self._fit_columns()
        # Keep the line that was selected; else the first (Enter opens it).
        if (chosen is None or not self.select_reminder(chosen)) and first is not None:
            self.setCurrentItem(first)

    def _line(
        self, reminder: Reminder, group: DueGroup, names: Mapping[int, str]
    ) -> QTreeWidgetItem:
        texts = [
            format_date(reminder.due),
            reminder.kind.label,
            reminder.client_label or "–",
            reminder.text,
            counsellor_name(names, reminder.counsellor_id),
        ]
        item = QTreeWidgetItem(texts)
        item.setData(0, RECORD, reminder)
        for column, text in enumerate(texts):
            item.setToolTip(column, text)
        if group is DueGroup.OVERDUE:
            font = item.font(self.DUE)
            font.setBold(True)
            item.setFont(self.DUE, font)
            item.setForeground(self.DUE, QBrush(QColor(error_colour(self))))
        return item

    def _fit_columns(self) -> None:
        widest = self.fontMetrics().averageCharWidth() * COLUMN_CHARS
        for column in (self.DUE, self.KIND, self.CLIENT, self.COUNSELLOR):
            if self.isColumnHidden(column):
                continue  # sizing a hidden column would count it in the header's length
            self.resizeColumnToContents(column)
            self.setColumnWidth(column, min(self.columnWidth(column), widest))
        self._fit_text()

    def _fit_text(self) -> None:
        """The text takes the room the other columns leave, but no less than TEXT_CHARS."""
        others = sum(
            self.columnWidth(c)
            for c in range(self.columnCount())
            if c != self.TEXT and not self.isColumnHidden(c)
        )
        least = self.fontMetrics().averageCharWidth() * TEXT_CHARS
        self.setColumnWidth(self.TEXT, max(self.viewport().width() - others, least))

    def resizeEvent(self, event: QResizeEvent) -> None:  # the viewport's size
        super().resizeEvent(event)
        self._fit_text()

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        record = item.data(0, RECORD)
        if isinstance(record, Reminder):
            self.open_reminder(record)
        elif isinstance(record, DueGroup):
            item.setExpanded(not item.isExpanded())

    def open_reminder(self, reminder: Reminder) -> None:
        if reminder.case_id is not None:
            self.case_requested.emit(reminder.case_id)
        elif reminder.client_id is not None:
            self.client_requested.emit(reminder.client_id)

    def open_selected(self) -> None:
        reminder = self.selected_reminder()
        if reminder is not None:
            self.open_reminder(reminder)

    def selected_reminder(self) -> Reminder | None:
        item = self.currentItem()
        record = item.data(0, RECORD) if item is not None else None
        return record if isinstance(record, Reminder) else None

    def _lines(self) -> Iterator[tuple[DueGroup, QTreeWidgetItem]]:
        """Each reminder's line with its group, top to bottom."""
        for index in range(self.topLevelItemCount()):
            heading = self.topLevelItem(index)
            group = heading.data(0, RECORD) if heading is not None else None
            if heading is None or not isinstance(group, DueGroup):
                continue
            for row in range(heading.childCount()):
                line = heading.child(row)
                if line is not None:
                    yield group, line

    def select_reminder(self, reminder: Reminder) -> bool:
        for _group, line in self._lines():
            if line.data(0, RECORD) == reminder:
                self.setCurrentItem(line)
                return True
        return False

    def groups(self) -> dict[DueGroup, list[Reminder]]:
        """What the tree shows, by group (empty groups are absent)."""
        shown: dict[DueGroup, list[Reminder]] = {}
        for group, line in self._lines():
            shown.setdefault(group, []).append(line.data(0, RECORD))
        return shown
