"""When a client's personal data are due for removal (DSGVO; DOMAIN.md "Consent and data
protection"): a set number of months after the last case closed or the last contact,
never while a case is open."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from app.domain.case_clock import add_months


@dataclass(frozen=True)
class RetentionFacts:
    client_id: int
    number: str
    created: dt.date
    last_contact: dt.date | None
    last_closed: dt.date | None
    open_case: bool


@dataclass(frozen=True)
class RetentionDue:
    client_id: int
    number: str
    last_activity: dt.date
    due_on: dt.date


def last_activity(facts: RetentionFacts) -> dt.date:
    """The last contact or closing; the record's creation when there is neither."""
    dates = [d for d in (facts.last_contact, facts.last_closed) if d is not None]
    return max(dates) if dates else facts.created


def removal_date(facts: RetentionFacts, months: int) -> dt.date | None:
    """None while a case is open; else ``months`` after the last activity."""
    return None if facts.open_case else add_months(last_activity(facts), months)


def due_for_removal(
    facts: Iterable[RetentionFacts], months: int, today: dt.date
) -> list[RetentionDue]:
    """Clients whose removal date has come, the longest overdue first."""
    due = []
    for f in facts:
        on = removal_date(f, months)
        if on is not None and on <= today:
            due.append(RetentionDue(f.client_id, f.number, last_activity(f), on))
    return sorted(due, key=lambda d: (d.due_on, d.number))


def month_start(day: dt.date | None) -> dt.date | None:
    """A date that identifies a person, coarsened to its month for anonymised records."""
    return day.replace(day=1) if day is not None else None
