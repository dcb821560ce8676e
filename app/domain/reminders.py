"""Reminders (Wiedervorlagen): a pure function of the open cases, manual entries and today."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum

from app.domain.case_clock import clock, clock_due
from app.i18n import N_, _, format_date


class ReminderKind(Enum):
    REVIEW = "review"
    STEP = "step"
    CLOCK = "clock"
    CONSENT = "consent"
    STATUS = "status"
    MANUAL = "manual"

    @property
    def label(self) -> str:
        return _(_KIND_LABELS[self])


_KIND_LABELS = {
    ReminderKind.REVIEW: N_("Überprüfung"),
    ReminderKind.STEP: N_("Schritt"),
    ReminderKind.CLOCK: N_("Dreijahresfrist"),
    ReminderKind.CONSENT: N_("Einwilligung"),
    ReminderKind.STATUS: N_("Aufenthaltsstatus"),
    ReminderKind.MANUAL: N_("Notiz"),
}


class DueGroup(Enum):
    OVERDUE = "overdue"
    TODAY = "today"
    THIS_WEEK = "this_week"
    LATER = "later"

    @property
    def label(self) -> str:
        return _(_GROUP_LABELS[self])


_GROUP_LABELS = {
    DueGroup.OVERDUE: N_("Überfällig"),
    DueGroup.TODAY: N_("Heute"),
    DueGroup.THIS_WEEK: N_("Diese Woche"),
    DueGroup.LATER: N_("Später"),
}


@dataclass(frozen=True)
class OpenStep:
    id: int
    text: str
    due: dt.date


@dataclass(frozen=True)
class CaseFacts:
    """What reminders need to know about one open case."""

    case_id: int
    client_id: int
    client_label: str  # number and name
    counsellor_id: int | None
    start: dt.date
    planned_end: dt.date
    next_review: dt.date | None  # from the last review, else start + interval
    open_steps: tuple[OpenStep, ...] = ()
    consent_given: bool = True  # an active consent to processing today
    consent_withdrawn_on: dt.date | None = None  # the latest withdrawal, if none is active
    case_fits_since: dt.date | None = None  # set when the status no longer allows the case


@dataclass(frozen=True)
class ManualReminder:
    id: int
    due: dt.date
    text: str
    counsellor_id: int | None
    client_id: int | None = None
    client_label: str = ""
    case_id: int | None = None


@dataclass(frozen=True)
class Reminder:
    due: dt.date
    kind: ReminderKind
    text: str
    counsellor_id: int | None
    client_id: int | None
    client_label: str
    case_id: int | None = None
    manual_id: int | None = None

    def group(self, today: dt.date) -> DueGroup:
        return due_group(self.due, today)


def due_group(due: dt.date, today: dt.date) -> DueGroup:
    if due < today:
        return DueGroup.OVERDUE
    if due == today:
        return DueGroup.TODAY
    week_end = today + dt.timedelta(days=6 - today.weekday())  # Sunday
    return DueGroup.THIS_WEEK if due <= week_end else DueGroup.LATER


def _case_reminders(case: CaseFacts, today: dt.date) -> Iterable[Reminder]:
    def make(due: dt.date, kind: ReminderKind, text: str) -> Reminder:
        return Reminder(
            due, kind, text, case.counsellor_id, case.client_id, case.client_label, case.case_id
        )

    due = clock_due(case.planned_end, today)
    yield make(due, ReminderKind.CLOCK, clock(case.planned_end, max(due, today)).sentence)
    if case.next_review is not None and case.next_review <= case.planned_end:
        yield make(case.next_review, ReminderKind.REVIEW, _("Überprüfung des Förderplans"))
    for step in case.open_steps:
        yield make(step.due, ReminderKind.STEP, step.text)
    if not case.consent_given:
        if case.consent_withdrawn_on is not None:
            text = _("Einwilligung am {date} widerrufen: Fall abschließen oder neu einholen.")
            yield make(
                case.consent_withdrawn_on,
                ReminderKind.CONSENT,
                text.format(date=format_date(case.consent_withdrawn_on)),
            )
        else:
            yield make(
                case.start, ReminderKind.CONSENT, _("Keine Einwilligung in die Datenverarbeitung")
            )
    if case.case_fits_since is not None:
        yield make(
            case.case_fits_since,
            ReminderKind.STATUS,
            _("Der Aufenthaltsstatus erlaubt keine Integrationsbegleitung mehr: Fall prüfen."),
        )


def compute_reminders(
    cases: Sequence[CaseFacts], manual: Sequence[ManualReminder], today: dt.date
) -> list[Reminder]:
    """Every reminder, earliest first. Only open cases are passed in."""
    reminders = [r for case in cases for r in _case_reminders(case, today)]
    reminders += [
        Reminder(
            m.due,
            ReminderKind.MANUAL,
            m.text,
            m.counsellor_id,
            m.client_id,
            m.client_label,
            m.case_id,
            m.id,
        )
        for m in manual
    ]
    reminders.sort(key=lambda r: (r.due, r.client_label, r.kind.value, r.text))
    return reminders


def group_reminders(
    reminders: Iterable[Reminder], today: dt.date
) -> dict[DueGroup, list[Reminder]]:
    groups: dict[DueGroup, list[Reminder]] = {group: [] for group in DueGroup}
    for reminder in reminders:
        groups[reminder.group(today)].append(reminder)
    return groups
