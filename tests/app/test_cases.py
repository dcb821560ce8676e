"""A whole case on a real encrypted file: open, plan, review, rate, close, reopen — and
every refusal the rules of integration support demand."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from app.domain.case import (
    AssessmentEntry,
    CaseDraft,
    CloseDraft,
    ClosingReason,
    GoalDraft,
    GoalState,
    PartnerDraft,
    PartnerKind,
    Priority,
    Rating,
    RatingDraft,
    RatingReason,
    ReferralDraft,
    Responsible,
    ReviewDraft,
    StepDraft,
)
from app.domain.case_clock import ClockLevel, limit_end
from app.domain.client import ClientDraft
from app.domain.office import Role, UserInfo
from app.domain.residence import StatusEntry
from app.errors import AccessDenied, FieldErrors, UsageError
from app.services import case_plan, cases, partners
from app.services.client_records import add_status
from app.services.clients import add_client
from app.services.session import OfficeSession

TODAY = dt.date(2026, 11, 25)


def _client(session: OfficeSession, status: str = "ne", arrival: dt.date | None = None) -> int:
    arrived = arrival or dt.date(2025, 6, 1)
    draft = ClientDraft("Haddad", "Rania", dt.date(1990, 4, 2), arrival_date=arrived)
    cid = add_client(session, draft, TODAY).id
    add_status(session, cid, StatusEntry(status, arrived), TODAY)
    return cid


def _open(session: OfficeSession, cid: int, start: dt.date = dt.date(2026, 1, 10)) -> int:
    return cases.open_case(session, cid, CaseDraft(start, session.user.id), TODAY).id


def test_opening_computes_the_planned_end_and_logs_the_event(session: OfficeSession) -> None:
    cid = _client(session)
    case = cases.open_case(session, cid, CaseDraft(dt.date(2026, 1, 10), session.user.id), TODAY)
    assert case.planned_end == dt.date(2029, 1, 9)
    assert case.next_review == dt.date(2026, 7, 10)  # default interval: six months
    details = cases.case_details(session, case.id, TODAY)
    assert details.editable and details.clock is not None
    assert details.clock.level is ClockLevel.RUNNING
    assert [e.action.value for e in details.events] == ["opened"]
    assert details.created_by == details.updated_by == "Anna Alt" and details.created_at
    assert cases.client_cases(session, cid)[0].id == case.id


def test_refusals_when_opening(session: OfficeSession) -> None:
    duldung = _client(session, status="dul")
    with pytest.raises(UsageError) as refused:
        _open(session, duldung)
    assert "Krisenberatung" in refused.value.message
    assert cases.client_cases(session, duldung) == []

    longer = _client(session, arrival=dt.date(2015, 1, 1))
    with pytest.raises(FieldErrors) as need:
        _open(session, longer)
    assert "Förderbedarf" in need.value.errors["written_need"]
    cases.open_case(
        session, longer, CaseDraft(dt.date(2026, 1, 10), session.user.id, "Arbeitssuche"), TODAY
    )

    cid = _client(session)
    _open(session, cid)
    with pytest.raises(UsageError) as second:
        _open(session, cid, dt.date(2026, 5, 1))
    assert "bereits" in second.value.message
    with pytest.raises(FieldErrors) as future:
        _open(session, _client(session), TODAY + dt.timedelta(days=1))
    assert "Zukunft" in future.value.errors["start"]
    with pytest.raises(FieldErrors) as too_long:
        draft = CaseDraft(dt.date(2026, 1, 10), session.user.id, planned_end=dt.date(2029, 1, 10))
        cases.open_case(session, _client(session), draft, TODAY)
    assert "drei Jahre" in too_long.value.errors["planned_end"]


def test_plan_review_rating_and_closing(session: OfficeSession) -> None:
    cid = _client(session)
    case_id = _open(session, cid)
    case_plan.save_assessment(
        session,
        case_id,
        AssessmentEntry("language", "A1", "motiviert", "Kurs B1", Priority.HIGH),
        TODAY,
    )
    jobcenter = partners.add_partner(session, PartnerDraft("Jobcenter Kiel", PartnerKind.JOBCENTER))
    first = case_plan.add_goal(
        session, case_id, GoalDraft("language", "B1 bis Sommer", dt.date(2027, 7, 1)), TODAY
    )
    second = case_plan.add_goal(session, case_id, GoalDraft("work", "Arbeitsstelle"), TODAY)
    case_plan.add_step(session, first, StepDraft("Kurs anmelden", due=dt.date(2026, 12, 1)), TODAY)
    step = case_plan.add_step(
        session,
        first,
        StepDraft("Fahrtkosten klären", Responsible.PARTNER, jobcenter.id, dt.date(2026, 12, 5)),
        TODAY,
    )
    case_plan.move_goal(session, second, -1, TODAY)
    case_plan.move_step(session, step, -1, TODAY)
    partners.add_referral(
        session, case_id, ReferralDraft(jobcenter.id, dt.date(2026, 3, 1), "work"), TODAY
    )
    review = ReviewDraft(
        dt.date(2026, 7, 1), "Kurs läuft", {first: GoalState.IN_PROGRESS}, dt.date(2027, 1, 1)
    )
    case_plan.add_review(session, case_id, review, TODAY)

    details = cases.case_details(session, case_id, TODAY)
    assert [g.id for g in details.goals] == [second, first]
    goal = details.goals[1]
    assert goal.state is GoalState.IN_PROGRESS
    assert [s.text for s in goal.steps] == ["Fahrtkosten klären", "Kurs anmelden"]
    assert goal.steps[0].partner == "Jobcenter Kiel"
    assert details.assessment[0].priority is Priority.HIGH
    assert details.referrals[0].partner_kind is PartnerKind.JOBCENTER
    assert details.summary.next_review == dt.date(2027, 1, 1)

    close = CloseDraft(TODAY, ClosingReason.GOALS_REACHED)
    with pytest.raises(FieldErrors) as unrated:
        cases.close_case(session, case_id, close, TODAY)
    assert "B1 bis Sommer" in unrated.value.errors["ratings"]
    with pytest.raises(FieldErrors) as reason:
        case_plan.rate_goal(session, second, RatingDraft(Rating.NOT_REACHED), TODAY)
    assert "reason" in reason.value.errors
    case_plan.rate_goal(session, first, RatingDraft(Rating.REACHED), TODAY)
    case_plan.rate_goal(
        session, second, RatingDraft(Rating.PARTLY, RatingReason.HEALTH, "Krank"), TODAY
    )
    closed = cases.close_case(session, case_id, close, TODAY)
    assert closed.closed_on == TODAY and closed.closing_reason is ClosingReason.GOALS_REACHED

    after = cases.case_details(session, case_id, TODAY)
    assert not after.editable and "abgeschlossen" in after.read_only_reason
    with pytest.raises(UsageError):
        case_plan.add_goal(session, case_id, GoalDraft("work", "noch eins"), TODAY)
    with pytest.raises(UsageError):
        case_plan.rate_goal(session, first, RatingDraft(Rating.DROPPED, RatingReason.OTHER), TODAY)
    assert [g.rating for g in after.goals] == [Rating.PARTLY, Rating.REACHED]


def test_goal_dates_must_lie_within_the_case(session: OfficeSession) -> None:
    case_id = _open(session, _client(session))
    with pytest.raises(FieldErrors) as late:
        case_plan.add_goal(session, case_id, GoalDraft("work", "Job", dt.date(2029, 6, 1)), TODAY)
    assert "geplanten Ende" in late.value.errors["target_date"]
    with pytest.raises(FieldErrors) as empty:
        case_plan.add_goal(session, case_id, GoalDraft("", "  "), TODAY)
    assert set(empty.value.errors) == {"life_area", "text"}
    assert cases.case_details(session, case_id, TODAY).goals == ()


def test_past_the_three_year_end_only_rating_and_closing_remain(session: OfficeSession) -> None:
    cid = _client(session, arrival=dt.date(2022, 1, 1))
    long_ago = dt.date(2022, 6, 1)
    case = cases.open_case(session, cid, CaseDraft(long_ago, session.user.id), long_ago)
    goal = case_plan.add_goal(session, case.id, GoalDraft("housing", "Wohnung"), long_ago)
    assert case.planned_end == limit_end(long_ago) < TODAY
    details = cases.case_details(session, case.id, TODAY)
    assert details.clock is not None and details.clock.level is ClockLevel.EXPIRED
    assert not details.editable and "Dreijahresfrist" in details.read_only_reason
    with pytest.raises(UsageError):
        case_plan.add_goal(session, case.id, GoalDraft("work", "Job"), TODAY)
    case_plan.rate_goal(session, goal, RatingDraft(Rating.REACHED), TODAY)
    with pytest.raises(FieldErrors) as late:
        cases.close_case(session, case.id, CloseDraft(TODAY, ClosingReason.LIMIT_REACHED), TODAY)
    assert "geplanten Ende" in late.value.errors["closed_on"]
    cases.close_case(
        session, case.id, CloseDraft(case.planned_end, ClosingReason.LIMIT_REACHED), TODAY
    )
    with pytest.raises(UsageError) as reopen:
        cases.reopen_case(session, case.id, "Versehen", TODAY)
    assert "Dreijahresfrist" in reopen.value.message


def test_only_the_lead_reopens_with_a_reason(session: OfficeSession) -> None:
    cid = _client(session)
    case_id = _open(session, cid)
    cases.close_case(session, case_id, CloseDraft(TODAY, ClosingReason.MOVED_AWAY), TODAY)
    counsellor = dataclasses.replace(
        session, user=UserInfo(session.user.id, "bert", "Bert", Role.COUNSELLOR)
    )
    with pytest.raises(AccessDenied):
        cases.reopen_case(counsellor, case_id, "Rückkehr", TODAY)
    with pytest.raises(FieldErrors):
        cases.reopen_case(session, case_id, " ", TODAY)
    reopened = cases.reopen_case(session, case_id, "Rückkehr nach Kiel", TODAY)
    assert reopened.is_open
    events = cases.case_details(session, case_id, TODAY).events
    assert [e.action.value for e in events] == ["opened", "closed", "reopened"]
    assert events[-1].note == "Rückkehr nach Kiel"


def test_a_new_case_starts_after_the_last_one_closed(session: OfficeSession) -> None:
    cid = _client(session)
    case_id = _open(session, cid)
    cases.close_case(session, case_id, CloseDraft(dt.date(2026, 6, 1), ClosingReason.OTHER, "x"),
                     TODAY)  # fmt: skip
    with pytest.raises(FieldErrors) as overlap:
        _open(session, cid, dt.date(2026, 5, 1))
    assert "Abschluss des letzten Falls" in overlap.value.errors["start"]
    _open(session, cid, dt.date(2026, 6, 2))
    assert [c.is_open for c in cases.client_cases(session, cid)] == [True, False]


def test_merging_moves_cases_but_never_joins_two_open_ones(session: OfficeSession) -> None:
    from app.domain.merge import MergeRequest
    from app.services.merge import merge_clients

    keep, remove = _client(session), _client(session)
    old = _open(session, remove, dt.date(2026, 1, 10))
    cases.close_case(session, old, CloseDraft(dt.date(2026, 3, 1), ClosingReason.REFERRED), TODAY)
    _open(session, keep, dt.date(2026, 4, 1))
    result = merge_clients(session, MergeRequest(keep, remove), TODAY)
    assert result.moved_cases == 1
    assert sorted(c.id for c in cases.client_cases(session, keep)) == sorted([old, old + 1])

    a, b = _client(session), _client(session)
    _open(session, a)
    _open(session, b)
    with pytest.raises(UsageError) as both:
        merge_clients(session, MergeRequest(a, b), TODAY)
    assert "laufende Integrationsbegleitung" in both.value.message
    assert len(cases.client_cases(session, b)) == 1  # nothing moved, nothing lost


def test_reminders_follow_the_case_and_a_status_change(session: OfficeSession) -> None:
    from app.domain.reminders import ReminderKind
    from app.services.reminders import ReminderDraft, add_reminder, complete_reminder, reminders

    cid = _client(session)
    case_id = _open(session, cid)
    goal = case_plan.add_goal(session, case_id, GoalDraft("housing", "Wohnung"), TODAY)
    case_plan.add_step(session, goal, StepDraft("WBS beantragen", due=dt.date(2026, 12, 1)), TODAY)
    manual = add_reminder(
        session, ReminderDraft(dt.date(2026, 12, 2), "Anrufen", session.user.id, cid), TODAY
    )
    found = {r.kind: r for r in reminders(session, session.user.id, TODAY)}
    assert found[ReminderKind.STEP].due == dt.date(2026, 12, 1)
    assert found[ReminderKind.REVIEW].due == dt.date(2026, 7, 10)
    assert found[ReminderKind.CONSENT].text.startswith("Keine Einwilligung")
    assert found[ReminderKind.MANUAL].client_label.endswith("Haddad, Rania")
    assert ReminderKind.STATUS not in found
    assert reminders(session, session.user.id + 99, TODAY) == []

    changed = add_status(session, cid, StatusEntry("dul", dt.date(2026, 10, 1)), TODAY)
    assert changed is not None and "laufende Integrationsbegleitung passt nicht mehr" in changed
    status = [r for r in reminders(session, None, TODAY) if r.kind is ReminderKind.STATUS]
    assert [r.due for r in status] == [dt.date(2026, 10, 1)]
    complete_reminder(session, manual, TODAY)
    assert ReminderKind.MANUAL not in {r.kind for r in reminders(session, None, TODAY)}


def test_client_list_filters_by_open_case_and_counsellor(session: OfficeSession) -> None:
    from app.domain.client_filter import ClientFilter
    from app.services.clients import search_clients

    running, closed, none = _client(session), _client(session), _client(session)
    _open(session, running)
    done = _open(session, closed)
    cases.close_case(session, done, CloseDraft(TODAY, ClosingReason.REFERRED), TODAY)

    def ids(flt: ClientFilter) -> set[int]:
        return {row.id for row in search_clients(session, "", filters=flt)}

    assert ids(ClientFilter(open_case=True)) == {running}
    assert ids(ClientFilter(open_case=False)) == {closed, none}
    assert ids(ClientFilter(counsellor_id=session.user.id)) == {running}
    assert ids(ClientFilter(counsellor_id=session.user.id + 1)) == set()


def test_only_the_lead_changes_office_settings(session: OfficeSession) -> None:
    from app import config
    from app.services.settings import get_setting, set_setting, set_settings

    counsellor = dataclasses.replace(
        session, user=UserInfo(session.user.id, "bert", "Bert", Role.COUNSELLOR)
    )
    with pytest.raises(AccessDenied):
        set_setting(counsellor, config.STAFFING_KEY, 60)
    with pytest.raises(AccessDenied):
        set_settings(counsellor, {config.REVIEW_INTERVAL_MONTHS: 3})
    set_setting(session, config.STAFFING_KEY, 60)
    assert get_setting(counsellor, config.STAFFING_KEY) == 60


def test_hand_set_reminders_are_checked(session: OfficeSession) -> None:
    from app.services.reminders import ReminderDraft, add_reminder, complete_reminder, reminders

    cid, other = _client(session), _client(session)
    case_id = _open(session, cid)
    due = dt.date(2026, 12, 1)
    with pytest.raises(FieldErrors):
        add_reminder(session, ReminderDraft(due, "x", session.user.id + 50, cid), TODAY)
    with pytest.raises(UsageError):
        add_reminder(session, ReminderDraft(due, "x", None, other, case_id), TODAY)
    mine = add_reminder(session, ReminderDraft(due, "Anrufen", None, cid, case_id), TODAY)
    assert any(r.manual_id == mine for r in reminders(session, session.user.id, TODAY))
    complete_reminder(session, mine, TODAY)
    with pytest.raises(UsageError):
        complete_reminder(session, mine, TODAY)
