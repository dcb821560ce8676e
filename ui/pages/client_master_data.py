"""The client's master data (Stammdaten) with who created and last changed the record."""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from app.domain.client import ClientDetails, ClientRow
from app.domain.merge import SEX_LABELS
from app.i18n import _, format_date, format_datetime
from ui.widgets.field_error import hint_label

EMPTY = "–"


def birth_text(birth: dt.date | None, year_only: bool) -> str:
    """A date of birth as known: the full date, or only the year when only that is known."""
    if birth is None:
        return EMPTY
    return str(birth.year) if year_only else format_date(birth)


def local_time(value: dt.datetime) -> str:
    """A stored UTC time in the computer's time zone."""
    aware = value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)
    return format_datetime(aware.astimezone().replace(tzinfo=None))


class Traced(Protocol):
    """A record that knows who created and last changed it (times in UTC)."""

    @property
    def created_by(self) -> str: ...
    @property
    def created_at(self) -> dt.datetime | None: ...
    @property
    def updated_by(self) -> str: ...
    @property
    def updated_at(self) -> dt.datetime | None: ...


def record_trace(details: Traced) -> str:
    unknown = _("unbekannt")
    if details.created_at is None or details.updated_at is None:
        return ""
    return _(
        "angelegt von {creator} am {created}, zuletzt geändert von {editor} am {updated}"
    ).format(
        creator=details.created_by or unknown,
        created=local_time(details.created_at),
        editor=details.updated_by or unknown,
        updated=local_time(details.updated_at),
    )


class MasterDataBox(QGroupBox):
    """Starts with what the list knew (``ClientRow``); ``show_details`` fills in the rest."""

    FIELDS = (
        "number",
        "birth_date",
        "sex",
        "nationality",
        "language",
        "arrival_date",
        "permanent_since",
        "counsellor",
    )

    def __init__(self, client: ClientRow, parent: QWidget | None = None) -> None:
        super().__init__(_("Stammdaten"), parent)
        labels = {
            "number": _("Nummer"),
            "birth_date": _("Geburtsdatum"),
            "sex": _("Geschlecht"),
            "nationality": _("Staatsangehörigkeit"),
            "language": _("Sprache"),
            "arrival_date": _("Eingereist am"),
            "permanent_since": _("Dauerhafter Aufenthalt seit"),
            "counsellor": _("Berater:in"),
        }
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.values: dict[str, QLabel] = {}
        for field in self.FIELDS:
            shown = QLabel(EMPTY)
            shown.setTextFormat(Qt.TextFormat.PlainText)
            shown.setWordWrap(True)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(labels[field], shown)
            self.values[field] = shown
        self.trace = hint_label("")
        self.trace.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.trace.setVisible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.trace)
        self._set("number", client.number)
        self._set("birth_date", birth_text(client.birth_date, False))
        self._set("nationality", client.nationality)
        self._set("language", client.language)

    def _set(self, field: str, text: str) -> None:
        self.values[field].setText(text or EMPTY)

    def value(self, field: str) -> str:
        return self.values[field].text()

    def show_details(self, details: ClientDetails) -> None:
        sex = SEX_LABELS.get(details.sex)
        self._set("number", details.number)
        self._set("birth_date", birth_text(details.birth_date, details.birth_year_only))
        self._set("sex", _(sex) if sex is not None else details.sex)
        self._set("nationality", details.nationality)
        self._set("language", details.language)
        for field, day in (
            ("arrival_date", details.arrival_date),
            ("permanent_since", details.permanent_since),
        ):
            self._set(field, format_date(day) if day is not None else "")
        self._set("counsellor", details.counsellor)
        self.trace.setText(record_trace(details))
        self.trace.setVisible(True)
