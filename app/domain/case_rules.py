"""Rules of integration support: who may get a case, what may change, when it must close."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from app.domain.case import (
    AssessmentEntry,
    CaseDraft,
    CaseSummary,
    CloseDraft,
    ClosingReason,
    GoalDraft,
    GoalRecord,
    PartnerDraft,
    Rating,
    RatingDraft,
    ReferralDraft,
    Responsible,
    ReviewDraft,
    StepDraft,
)
from app.domain.case_clock import add_months, limit_end
from app.domain.counselling import LIFE_AREAS, text_problem
from app.domain.eligibility import Eligibility, assess_eligibility, check_case_allowed
from app.domain.residence import StatusEntry, StatusTable, status_on
from app.errors import FieldErrors, LotseError, UsageError
from app.i18n import _, format_date

MAX_GOAL_TEXT = 1000
MAX_TEXT = 4000


def _check_text(errors: dict[str, str], name: str, value: str, limit: int = MAX_TEXT) -> None:
    problem = text_problem(value, limit)
    if problem:
        errors[name] = problem


def validate_open(
    draft: CaseDraft,
    elig: Eligibility,
    cases: Sequence[CaseSummary],
    today: dt.date,
) -> dt.date:
    """Check a new case against the client's other cases; returns its planned end.

    ``elig`` is the client's eligibility on the start date.
    """
    errors: dict[str, str] = {}
    if draft.start > today:
        errors["start"] = _("Der Beginn liegt in der Zukunft.")
    open_case = next((c for c in cases if c.is_open), None)
    if open_case is not None:
        raise UsageError(
            _(
                "Für diese Person läuft bereits eine Integrationsbegleitung (seit {start}). "
                "Es kann immer nur ein Fall offen sein."
            ).format(start=format_date(open_case.start))
        )
    last_closed = max((c.closed_on for c in cases if c.closed_on), default=None)
    if last_closed is not None and draft.start <= last_closed:
        errors["start"] = _(
            "Der Beginn muss nach dem Abschluss des letzten Falls ({closed}) liegen."
        ).format(closed=format_date(last_closed))
    limit = limit_end(draft.start)
    end = draft.planned_end or limit
    if end <= draft.start:
        errors["planned_end"] = _("Das geplante Ende muss nach dem Beginn liegen.")
    elif end > limit:
        errors["planned_end"] = _(
            "Integrationsbegleitung dauert höchstens drei Jahre, also bis {limit}."
        ).format(limit=format_date(limit))
    _check_text(errors, "written_need", draft.written_need)
    try:
        check_case_allowed(elig, draft.written_need)
    except LotseError as exc:
        if elig.case_allowed:  # only the written need is missing
            errors["written_need"] = exc.message
        else:
            raise
    if errors:
        raise FieldErrors(errors)
    return end


def check_editable(case: CaseSummary, today: dt.date) -> None:
    """Raise ``UsageError`` when the case may not be changed any more."""
    problem = read_only_reason(case, today)
    if problem:
        raise UsageError(problem)


def read_only_reason(case: CaseSummary, today: dt.date) -> str:
    if case.closed_on is not None:
        return _(
            "Der Fall wurde am {closed} abgeschlossen und kann nur von der Leitung "
            "wieder geöffnet werden."
        ).format(closed=format_date(case.closed_on))
    if today > case.planned_end:
        return _(
            "Die Dreijahresfrist endete am {end}. Der Fall kann nur noch abgeschlossen werden."
        ).format(end=format_date(case.planned_end))
    return ""


def _check_in_case(
    errors: dict[str, str], name: str, day: dt.date | None, case: CaseSummary
) -> None:
    if day is None:
        return
    if day < case.start:
        errors[name] = _("Das Datum liegt vor dem Beginn des Falls ({start}).").format(
            start=format_date(case.start)
        )
    elif day > case.planned_end:
        errors[name] = _("Das Datum liegt nach dem geplanten Ende ({end}).").format(
            end=format_date(case.planned_end)
        )


def _check_life_area(errors: dict[str, str], code: str, required: bool = True) -> None:
    if code and code not in LIFE_AREAS:
        errors["life_area"] = _("Unbekannter Lebensbereich: {codes}").format(codes=code)
    elif required and not code:
        errors["life_area"] = _("Bitte einen Lebensbereich wählen.")


def validate_assessment(entry: AssessmentEntry) -> AssessmentEntry:
    errors: dict[str, str] = {}
    _check_life_area(errors, entry.life_area)
    for name in ("situation", "resources", "need"):
        _check_text(errors, name, getattr(entry, name))
    if errors:
        raise FieldErrors(errors)
    return entry


def validate_goal(draft: GoalDraft, case: CaseSummary) -> GoalDraft:
    errors: dict[str, str] = {}
    _check_life_area(errors, draft.life_area)
    if not draft.text.strip():
        errors["text"] = _("Bitte das Ziel beschreiben.")
    else:
        _check_text(errors, "text", draft.text, MAX_GOAL_TEXT)
    _check_in_case(errors, "target_date", draft.target_date, case)
    if errors:
        raise FieldErrors(errors)
    return draft


def validate_step(draft: StepDraft, case: CaseSummary, today: dt.date) -> StepDraft:
    errors: dict[str, str] = {}
    if not draft.text.strip():
        errors["text"] = _("Bitte den Schritt beschreiben.")
    else:
        _check_text(errors, "text", draft.text, MAX_GOAL_TEXT)
    if draft.responsible is Responsible.PARTNER and draft.partner_id is None:
        errors["partner_id"] = _("Bitte den Netzwerkpartner wählen.")
    _check_in_case(errors, "due", draft.due, case)
    if draft.done_on is not None:
        if draft.done_on > today:
            errors["done_on"] = _("Das Datum liegt in der Zukunft.")
        else:
            _check_in_case(errors, "done_on", draft.done_on, case)
    if errors:
        raise FieldErrors(errors)
    return draft


def default_next_review(day: dt.date, case: CaseSummary, interval_months: int) -> dt.date | None:
    """The next review ``interval_months`` after ``day``, but not past the planned end."""
    if day >= case.planned_end:
        return None
    return min(add_months(day, interval_months), case.planned_end)


def validate_review(
    draft: ReviewDraft, case: CaseSummary, goals: Sequence[GoalRecord], today: dt.date
) -> ReviewDraft:
    errors: dict[str, str] = {}
    if draft.date > today:
        errors["date"] = _("Das Datum liegt in der Zukunft.")
    else:
        _check_in_case(errors, "date", draft.date, case)
    if not draft.summary.strip():
        errors["summary"] = _("Bitte den Stand kurz zusammenfassen.")
    else:
        _check_text(errors, "summary", draft.summary)
    if draft.next_review is not None:
        if draft.next_review <= draft.date:
            errors["next_review"] = _("Die nächste Überprüfung muss nach dieser liegen.")
        else:
            _check_in_case(errors, "next_review", draft.next_review, case)
    known = {g.id for g in goals}
    if any(goal_id not in known for goal_id in draft.goal_states):
        errors["goal_states"] = _("Ein Ziel gehört nicht zu diesem Fall.")
    if errors:
        raise FieldErrors(errors)
    return draft


def validate_rating(draft: RatingDraft) -> RatingDraft:
    errors: dict[str, str] = {}
    if draft.rating is not Rating.REACHED and draft.reason is None:
        errors["reason"] = _("Bitte angeben, warum das Ziel nicht (ganz) erreicht wurde.")
    _check_text(errors, "note", draft.note, MAX_GOAL_TEXT)
    if errors:
        raise FieldErrors(errors)
    return draft


def validate_close(
    draft: CloseDraft, case: CaseSummary, goals: Sequence[GoalRecord], today: dt.date
) -> CloseDraft:
    """Every goal rated, a date within the case, a reason (and a note for 'other')."""
    if case.closed_on is not None:
        raise UsageError(
            _("Der Fall wurde bereits am {closed} abgeschlossen.").format(
                closed=format_date(case.closed_on)
            )
        )
    errors: dict[str, str] = {}
    if draft.closed_on > today:
        errors["closed_on"] = _("Das Datum liegt in der Zukunft.")
    else:
        _check_in_case(errors, "closed_on", draft.closed_on, case)
    if draft.reason is ClosingReason.OTHER and not draft.note.strip():
        errors["note"] = _("Bitte den Grund kurz beschreiben.")
    _check_text(errors, "note", draft.note)
    unrated = [g for g in goals if g.rating is None]
    if unrated:
        names = "; ".join(_short(g.text) for g in unrated[:3])
        errors["ratings"] = _(
            "Vor dem Abschluss muss jedes Ziel bewertet sein. Noch ohne Bewertung: {goals}"
        ).format(goals=names + ("; …" if len(unrated) > 3 else ""))
    if errors:
        raise FieldErrors(errors)
    return draft


def check_reopen(case: CaseSummary, others: Sequence[CaseSummary], today: dt.date) -> None:
    if case.closed_on is None:
        raise UsageError(_("Der Fall ist nicht abgeschlossen."))
    if any(c.is_open for c in others if c.id != case.id):
        raise UsageError(_("Für diese Person läuft bereits eine andere Integrationsbegleitung."))
    if any(c.start > case.start for c in others if c.id != case.id):
        raise UsageError(_("Nach diesem Fall wurde bereits ein neuer Fall eröffnet."))
    if today > case.planned_end:
        raise UsageError(
            _("Die Dreijahresfrist dieses Falls endete am {end}.").format(
                end=format_date(case.planned_end)
            )
        )


def validate_partner(draft: PartnerDraft) -> PartnerDraft:
    errors: dict[str, str] = {}
    if not draft.name.strip():
        errors["name"] = _("Bitte den Namen angeben.")
    _check_text(errors, "name", draft.name, 200)
    _check_text(errors, "contact", draft.contact, 1000)
    if errors:
        raise FieldErrors(errors)
    return draft


def validate_referral(draft: ReferralDraft, case: CaseSummary, today: dt.date) -> ReferralDraft:
    errors: dict[str, str] = {}
    if draft.date > today:
        errors["date"] = _("Das Datum liegt in der Zukunft.")
    else:
        _check_in_case(errors, "date", draft.date, case)
    _check_life_area(errors, draft.life_area, required=False)
    _check_text(errors, "note", draft.note)
    if errors:
        raise FieldErrors(errors)
    return draft


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def case_fits_since(
    history: Sequence[StatusEntry],
    arrival: dt.date | None,
    permanent_since: dt.date | None,
    start: dt.date,
    today: dt.date,
    table: StatusTable,
) -> dt.date | None:
    """None while the status held today still allows the open case; otherwise the day the
    status that does not allow it began (not before the case's start)."""
    elig = assess_eligibility(history, arrival, permanent_since, today, table)
    if elig.case_allowed:
        return None
    entry = status_on(history, today)
    return max(entry.valid_from, start) if entry is not None else start
