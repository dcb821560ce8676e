"""The three-year clock of integration support and other calendar arithmetic.

A case runs at most three years from its start (Rahmenkonzept 2006). The period
is counted as German law counts periods in years (§§ 187 II, 188 II, III BGB):
the start day counts, and the period ends on the day before the same calendar
day three years later; a case started on 29 February ends on 28 February.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from enum import Enum

from app.domain.eligibility import add_years
from app.i18n import _, format_date, ngettext

CASE_YEARS = 3
WARN_DAYS = (90, 30)


def limit_end(start: dt.date, years: int = CASE_YEARS) -> dt.date:
    """The last day a case started on ``start`` may run."""
    if start.month == 2 and start.day == 29:
        return add_years(start, years)  # 28 February of the end year
    return add_years(start, years) - dt.timedelta(days=1)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later; the 31st becomes the month's last day where needed."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


class ClockLevel(Enum):
    RUNNING = "running"
    WARN_90 = "warn_90"  # 90 days or fewer left
    WARN_30 = "warn_30"  # 30 days or fewer left
    LAST_DAY = "last_day"  # the planned end is today: close the case today
    EXPIRED = "expired"  # past the planned end and still open


@dataclass(frozen=True)
class Clock:
    planned_end: dt.date
    days_left: int  # negative once expired
    level: ClockLevel

    @property
    def sentence(self) -> str:
        end = format_date(self.planned_end)
        if self.level is ClockLevel.EXPIRED:
            return _(
                "Die Dreijahresfrist endete am {end}. Der Fall muss jetzt abgeschlossen werden."
            ).format(end=end)
        if self.level is ClockLevel.LAST_DAY:
            return _("Heute ({end}) endet die Dreijahresfrist: bitte den Fall abschließen.").format(
                end=end
            )
        return ngettext(
            "Geplantes Ende am {end}, noch {days} Tag.",
            "Geplantes Ende am {end}, noch {days} Tage.",
            self.days_left,
        ).format(end=end, days=self.days_left)


def clock(planned_end: dt.date, today: dt.date) -> Clock:
    """Where an open case stands against its planned end on ``today``."""
    days = (planned_end - today).days
    if days < 0:
        level = ClockLevel.EXPIRED
    elif days == 0:
        level = ClockLevel.LAST_DAY
    elif days <= WARN_DAYS[1]:
        level = ClockLevel.WARN_30
    elif days <= WARN_DAYS[0]:
        level = ClockLevel.WARN_90
    else:
        level = ClockLevel.RUNNING
    return Clock(planned_end, days, level)


def clock_due(planned_end: dt.date, today: dt.date) -> dt.date:
    """When the clock's reminder is due: the latest of the 90-day, 30-day and end marks
    reached by ``today``, else the 90-day mark still ahead."""
    marks = [planned_end - dt.timedelta(days=d) for d in WARN_DAYS] + [planned_end]
    reached = [mark for mark in marks if mark <= today]
    return max(reached) if reached else marks[0]
