"""Übersicht, right after unlock: my reminders due this week, my open cases, the
caseload against the staffing key, and the office at a glance."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain.office import DISTRICTS, district_label
from app.i18n import _
from ui.case_services import DashboardData
from ui.operations import Operations, user_message
from ui.pages.dashboard_sections import CaseloadBox, MyCasesBox, MyRemindersBox
from ui.services import OfficeServices, OverviewData
from ui.widgets.common import chain_tab_order, format_posts, heading_label, seal_name
from ui.widgets.field_error import FieldError, hint_label

TWO_COLUMNS_CHARS = 220  # below this width (in average characters) the lists stack


class OverviewPage(QWidget):
    ROWS = ("provider", "district", "posts", "users", "clients", "seal", "seal_kind")
    case_requested = Signal(int)  # case id
    client_requested = Signal(int)  # client id (a reminder without a case)

    def __init__(
        self, services: OfficeServices, ops: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._ops = ops
        self.heading = heading_label(services.office.name)
        self.reminders_box = MyRemindersBox()
        self.reminders_box.tree.case_requested.connect(self.case_requested)
        self.reminders_box.tree.client_requested.connect(self.client_requested)
        self.cases_box = MyCasesBox()
        self.cases_box.case_requested.connect(self.case_requested)
        self.caseload_box = CaseloadBox()
        self.dashboard_error = FieldError()
        self.dashboard_loaded = False
        labels = {
            "provider": _("Träger"),
            "district": _("Kreis/kreisfreie Stadt"),
            "posts": _("Vollzeitstellen (VZÄ)"),
            "users": _("Benutzer:innen"),
            "clients": _("Klient:innen"),
            "seal": _("Dienstsiegel"),
            "seal_kind": _("Art des Siegels"),
        }
        self.values: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for key in self.ROWS:
            value = QLabel("…")
            value.setWordWrap(True)
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(QLabel(labels[key]), value)
            self.values[key] = value
        self.status = hint_label(_("Wird geladen …"))
        self.error = FieldError()
        office = QGroupBox(_("Beratungsstelle"))
        office_column = QVBoxLayout(office)
        office_column.addLayout(form)
        office_column.addWidget(self.status)
        office_column.addWidget(self.error)
        self._build(office)
        self.loaded = False

    def _build(self, office: QGroupBox) -> None:
        # Side by side when there is room, one below the other at large font sizes.
        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.columns.addWidget(self.reminders_box, 3)
        self.columns.addWidget(self.cases_box, 2)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(self.heading)
        layout.addWidget(self.dashboard_error)
        layout.addLayout(self.columns)
        layout.addWidget(self.caseload_box)
        layout.addWidget(office)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        chain_tab_order(self.reminders_box.tree, self.cases_box.table, self.caseload_box.table)

    def resizeEvent(self, event: QResizeEvent) -> None:
        wide = self.width() >= self.fontMetrics().averageCharWidth() * TWO_COLUMNS_CHARS
        self.columns.setDirection(
            QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        )
        super().resizeEvent(event)

    def reload(self) -> None:
        self.status.setVisible(True)
        self._ops.run(self._services.overview, self._show, self._failed, context=self)
        self._ops.run(
            self._services.cases.dashboard,
            self._show_dashboard,
            lambda exc: self.dashboard_error.set_message(user_message(exc)),
            context=self,
        )

    def _show_dashboard(self, data: DashboardData) -> None:
        self.dashboard_error.clear_message()
        self.reminders_box.show_data(data)
        self.cases_box.show_data(data)
        self.caseload_box.show_caseload(data.caseload, data.counsellors)
        self.dashboard_loaded = True

    def _show(self, data: OverviewData) -> None:
        office = data.office
        self.heading.setText(office.name)
        district = district_label(office.district) if office.district in DISTRICTS else "–"
        texts = {
            "provider": office.provider or "–",
            "district": district,
            "posts": format_posts(office.full_time_posts),
            "users": _("{count}: {names}").format(
                count=len(data.users),
                names=", ".join(
                    _("{name} ({role})").format(name=u.display_name, role=u.role.label)
                    for u in data.users
                ),
            ),
            "clients": str(data.client_count),
            "seal": seal_name(data.seal_subject) if data.seal_subject else "–",
            "seal_kind": _("selbst erstellt (von keiner Vertrauensstelle bestätigt)")
            if data.seal_self_signed
            else _("Zertifikat des Trägers"),
        }
        for key, text in texts.items():
            self.values[key].setText(text)
        self.status.setVisible(False)
        self.error.clear_message()
        self.loaded = True

    def _failed(self, exc: BaseException) -> None:
        self.status.setVisible(False)
        self.error.set_message(user_message(exc))
