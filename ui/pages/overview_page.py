"""Übersicht: the office at a glance, right after unlock."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from app.domain.office import DISTRICTS, district_label
from app.i18n import _
from ui.operations import Operations, user_message
from ui.services import OfficeServices, OverviewData
from ui.widgets.common import format_posts, heading_label, seal_name
from ui.widgets.field_error import FieldError, hint_label


class OverviewPage(QWidget):
    ROWS = ("provider", "district", "posts", "users", "clients", "seal", "seal_kind")

    def __init__(
        self, services: OfficeServices, ops: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._ops = ops
        self.heading = heading_label(services.office.name)
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
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.loaded = False

    def reload(self) -> None:
        self.status.setVisible(True)
        self._ops.run(self._services.overview, self._show, self._failed, context=self)

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
