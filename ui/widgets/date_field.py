"""Dates typed as the office writes them (TT.MM.JJJJ), optional where a date may be unknown.

A line edit rather than ``QDateEdit``: an empty field means "not known", and a
year alone is a valid date of birth for people whose papers give only the year.
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtWidgets import QLineEdit, QWidget

from app.i18n import _, format_date

_FULL = re.compile(r"^\s*(\d{1,2})[./-](\d{1,2})[./-](\d{4})\s*$")
_YEAR = re.compile(r"^\s*(\d{4})\s*$")


class DateError(ValueError):
    """A typed date that cannot be read; ``message`` is the sentence shown under the field."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def parse_date(text: str) -> dt.date | None:
    """``TT.MM.JJJJ`` (also with / or -) as a date; empty means None; DateError otherwise."""
    if not text.strip():
        return None
    found = _FULL.match(text)
    if found is None:
        raise DateError(_("Bitte das Datum als TT.MM.JJJJ eingeben, z. B. 24.11.2026."))
    day, month, year = (int(part) for part in found.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateError(_("Dieses Datum gibt es nicht.")) from None


def parse_birth(text: str) -> tuple[dt.date | None, bool]:
    """A date of birth: a full date, or a year alone (``(1 January, True)``)."""
    year = _YEAR.match(text)
    if year is None:
        return parse_date(text), False
    value = int(year.group(1))
    if value < 1:
        raise DateError(_("Dieses Datum gibt es nicht."))
    return dt.date(value, 1, 1), True


class DateField(QLineEdit):
    """A line edit for one date; ``date()`` raises DateError for what cannot be read."""

    def __init__(
        self,
        value: dt.date | None = None,
        *,
        year_allowed: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.year_allowed = year_allowed
        self.setPlaceholderText(_("TT.MM.JJJJ oder JJJJ") if year_allowed else _("TT.MM.JJJJ"))
        metrics = self.fontMetrics()
        self.setMinimumWidth(metrics.horizontalAdvance(self.placeholderText()) + metrics.height())
        if value is not None:
            self.set_date(value)

    def set_date(self, value: dt.date | None) -> None:
        self.setText("" if value is None else format_date(value))

    def date(self) -> dt.date | None:
        return parse_date(self.text())
