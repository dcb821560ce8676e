"""Which offers fit a person: target-group rules of the Rahmenkonzept 2006.

- *dauerhaft/bleibeberechtigt* and *vorübergehend*: every offer. Integration
  support (case management) needs no further proof for newcomers (up to three
  years after arrival or after obtaining the permanent status, whichever is
  later); for longer-resident migrants only with a written support need
  (Förderbedarf).
- *nicht anerkannt* (Aufenthaltsgestattung, Duldung, no status): crisis
  counselling only. Referral stays allowed: sending a person on to a service
  that can help (e.g. asylum procedure counselling) is not counselling, and the
  initial consultation must be able to end that way.
- *ungeklärt* (no status recorded, unknown, Fiktionsbescheinigung): short and
  crisis counselling and referral; no case until the status is clarified.

The explanation is built in the UI language active when ``assess_eligibility``
runs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from app.domain.residence import (
    StatusEntry,
    StatusTable,
    TargetGroupClass,
    status_display,
    status_on,
)
from app.errors import UsageError
from app.i18n import N_, _, format_date

NEWCOMER_YEARS = 3


class Offer(Enum):
    SHORT = "short"
    CRISIS = "crisis"
    CASE = "case"
    REFERRAL = "referral"

    @property
    def label(self) -> str:
        return _(_OFFER_LABELS[self])


_OFFER_LABELS = {
    Offer.SHORT: N_("punktuelle Beratung"),
    Offer.CRISIS: N_("Krisenberatung"),
    Offer.CASE: N_("Integrationsbegleitung"),
    Offer.REFERRAL: N_("Weiterverweisung"),
}

_ALL_OFFERS = frozenset(Offer)
_NOT_RECOGNISED_OFFERS = frozenset({Offer.CRISIS, Offer.REFERRAL})
_UNKNOWN_OFFERS = frozenset({Offer.SHORT, Offer.CRISIS, Offer.REFERRAL})


@dataclass(frozen=True)
class Eligibility:
    """The outcome of the target-group check on one day.

    ``newcomer_until`` is the last day the person counts as a newcomer (set for
    the eligible classes when an arrival or permanent-status date is known).
    ``status_code`` is the status the assessment was based on (None: none recorded).
    """

    target_class: TargetGroupClass
    newcomer: bool
    newcomer_until: dt.date | None
    allowed: frozenset[Offer]
    case_needs_written_need: bool
    explanation: str
    status_code: str | None = None

    @property
    def case_allowed(self) -> bool:
        return Offer.CASE in self.allowed


def add_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day ``years`` later (or earlier); 29 February becomes 28 February.

    ValueError when the result lies outside the years 1 to 9999.
    """
    year = day.year + years
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise ValueError(year)
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February in a year that has none
        return dt.date(year, 2, 28)


def newcomer_start(arrival: dt.date | None, permanent_since: dt.date | None) -> dt.date | None:
    """The date the newcomer clock runs from: the later of arrival and permanent status."""
    dates = [day for day in (arrival, permanent_since) if day is not None]
    return max(dates) if dates else None


def _class_sentence(target_class: TargetGroupClass, status: str | None) -> str:
    if status is None:
        return _("Es ist kein Aufenthaltsstatus erfasst, die Zielgruppe ist daher ungeklärt.")
    if target_class is TargetGroupClass.PERMANENT:
        return _(
            "Der Status „{status}“ gilt als dauerhafter, bleibeberechtigter Aufenthalt."
        ).format(status=status)
    if target_class is TargetGroupClass.TEMPORARY:
        return _("Der Status „{status}“ gilt als vorübergehender Aufenthalt.").format(status=status)
    if target_class is TargetGroupClass.NOT_RECOGNISED:
        return _("Der Status „{status}“ gilt als nicht anerkannter Aufenthalt.").format(
            status=status
        )
    return _("Beim Status „{status}“ ist die Zielgruppe ungeklärt.").format(status=status)


def _consequence_sentence(
    target_class: TargetGroupClass, start: dt.date | None, until: dt.date | None, newcomer: bool
) -> str:
    if target_class is TargetGroupClass.NOT_RECOGNISED:
        return _(
            "Möglich ist nur Krisenberatung (oder eine Weiterverweisung), "
            "keine Integrationsbegleitung."
        )
    if target_class is TargetGroupClass.UNKNOWN:
        return _(
            "Integrationsbegleitung ist erst möglich, wenn der Aufenthaltsstatus geklärt ist; "
            "bis dahin sind punktuelle Beratung, Krisenberatung und Weiterverweisung möglich."
        )
    if start is None or until is None:
        return _(
            "Ohne Einreisedatum ist Integrationsbegleitung nur mit schriftlich "
            "festgestelltem Förderbedarf möglich."
        )
    if newcomer:
        return _(
            "Als Neuzuwanderer:in bis {until} ist Integrationsbegleitung ohne weiteren "
            "Nachweis möglich."
        ).format(until=format_date(until))
    return _(
        "Die Zeit als Neuzuwanderer:in endete am {until}, daher ist Integrationsbegleitung "
        "nur mit schriftlich festgestelltem Förderbedarf möglich."
    ).format(until=format_date(until))


def assess_eligibility(
    history: Sequence[StatusEntry],
    arrival: dt.date | None,
    permanent_since: dt.date | None,
    today: dt.date,
    table: StatusTable,
    newcomer_years: int = NEWCOMER_YEARS,
) -> Eligibility:
    """Classify the status held ``today`` and derive the allowed offers.

    Newcomer: ``today`` is before the anniversary ``newcomer_years`` after the
    later of ``arrival`` and ``permanent_since`` (on the anniversary itself the
    person is no longer a newcomer).
    """
    if newcomer_years < 0:
        raise ValueError(newcomer_years)
    entry = status_on(history, today)
    code = entry.code if entry else None
    target_class = table.classify(code) if code else TargetGroupClass.UNKNOWN
    status = status_display(code) if code else None

    newcomer = False
    until: dt.date | None = None
    start = newcomer_start(arrival, permanent_since)
    if target_class in (TargetGroupClass.PERMANENT, TargetGroupClass.TEMPORARY):
        allowed = _ALL_OFFERS
        if start is not None:
            end = add_years(start, newcomer_years)
            until = end - dt.timedelta(days=1)
            newcomer = today < end
        needs_written_need = not newcomer
    elif target_class is TargetGroupClass.NOT_RECOGNISED:
        allowed, needs_written_need = _NOT_RECOGNISED_OFFERS, False
    else:
        allowed, needs_written_need = _UNKNOWN_OFFERS, False

    explanation = " ".join(
        (
            _class_sentence(target_class, status),
            _consequence_sentence(target_class, start, until, newcomer),
        )
    )
    return Eligibility(
        target_class=target_class,
        newcomer=newcomer,
        newcomer_until=until,
        allowed=allowed,
        case_needs_written_need=needs_written_need,
        explanation=explanation,
        status_code=code,
    )


def _case_sentence(old: Eligibility, new: Eligibility) -> str | None:
    if old.case_allowed and not new.case_allowed:
        return _("Integrationsbegleitung ist nicht mehr möglich.")
    if not old.case_allowed and new.case_allowed:
        if new.case_needs_written_need:
            return _(
                "Integrationsbegleitung ist jetzt möglich, wenn ein Förderbedarf schriftlich "
                "festgestellt ist."
            )
        return _("Integrationsbegleitung ist jetzt möglich.")
    if new.case_allowed and new.case_needs_written_need != old.case_needs_written_need:
        if new.case_needs_written_need:
            return _(
                "Integrationsbegleitung ist nur noch mit schriftlich festgestelltem "
                "Förderbedarf möglich."
            )
        return _("Integrationsbegleitung ist jetzt ohne schriftlichen Förderbedarf möglich.")
    return None


def _class_change_sentence(old: Eligibility, new: Eligibility) -> str:
    classes = {"old_class": old.target_class.label, "new_class": new.target_class.label}
    if old.status_code == new.status_code:  # the office changed its status table
        status = status_display(new.status_code) if new.status_code else _("kein Status erfasst")
        return _(
            "Die Zielgruppe für „{status}“ ändert sich von „{old_class}“ zu „{new_class}“."
        ).format(status=status, **classes)
    old_status = status_display(old.status_code) if old.status_code else _("kein Status erfasst")
    new_status = status_display(new.status_code) if new.status_code else _("kein Status erfasst")
    return _(
        "Der Aufenthaltsstatus wechselt von „{old_status}“ zu „{new_status}“, die "
        "Zielgruppe von „{old_class}“ zu „{new_class}“."
    ).format(old_status=old_status, new_status=new_status, **classes)


def recheck(old: Eligibility, new: Eligibility) -> str | None:
    """A German sentence (or two) on what changed for the offers; None if nothing did."""
    sentences: list[str] = []
    if old.target_class is not new.target_class:
        sentences.append(_class_change_sentence(old, new))
    case = _case_sentence(old, new)
    if case is not None:
        sentences.append(case)
    elif old.allowed != new.allowed:
        offers = ", ".join(offer.label for offer in Offer if offer in new.allowed)
        sentences.append(_("Möglich sind jetzt: {offers}.").format(offers=offers))
    return " ".join(sentences) if sentences else None


def check_case_allowed(elig: Eligibility, written_need: str | None) -> None:
    """Raise ``UsageError`` saying why integration support cannot be opened."""
    if not elig.case_allowed:
        raise UsageError(elig.explanation)
    if elig.case_needs_written_need and not (written_need and written_need.strip()):
        raise UsageError(
            _("{explanation} Bitte den festgestellten Förderbedarf eintragen.").format(
                explanation=elig.explanation
            )
        )
