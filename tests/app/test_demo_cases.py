"""The demo office's cases: every phase, near the limit, over the key, and within the rules.

Everything is read back through the services and checked with the domain's own
validators, so demo data that a counsellor could not have entered fails here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.domain.case import (
    CaseAction,
    CaseDetails,
    CloseDraft,
    ClosingReason,
    GoalDraft,
    ReferralDraft,
    Responsible,
    ReviewDraft,
    StepDraft,
)
from app.domain.case_clock import ClockLevel, limit_end
from app.domain.case_rules import (
    validate_close,
    validate_goal,
    validate_referral,
    validate_review,
    validate_step,
)
from app.domain.eligibility import check_case_allowed
from app.domain.reminders import ReminderKind
from app.paths import OfficePaths
from app.services.cases import case_details, client_cases, open_cases
from app.services.client_records import eligibility
from app.services.dashboard import office_caseload
from app.services.demo import DEMO_LEAD, DEMO_PART_TIMER, DEMO_PASSPHRASE, create_demo
from app.services.demo_phases import open_cases_in, persons_for_open, phase_mix
from app.services.overview import list_clients
from app.services.reminders import reminders
from app.services.session import OfficeSession, unlock
from tests.conftest import FAST_KDF

TODAY = dt.date.today()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OfficeSession]:
    paths = OfficePaths(tmp_path_factory.mktemp("demo") / "office")
    result = create_demo(paths, clients=80, seed=5, kdf=FAST_KDF)
    assert result.case_persons >= 30
    s = unlock(paths, DEMO_LEAD, DEMO_PASSPHRASE)
    yield s
    s.close()


@pytest.fixture(scope="module")
def cases(demo: OfficeSession) -> list[CaseDetails]:
    found = [c for client in list_clients(demo) for c in client_cases(demo, client.id)]
    return [case_details(demo, c.id, TODAY) for c in found]


def _open(cases: list[CaseDetails]) -> list[CaseDetails]:
    return [c for c in cases if c.summary.is_open]


def test_every_phase_is_there(cases: list[CaseDetails]) -> None:
    running = _open(cases)
    assert any(c.assessment and not c.goals for c in running)  # just opened
    planned = [c for c in running if c.goals and not c.reviews]
    assert planned
    assert any(c.reviews for c in running)
    assert any(c.goals and all(g.rating for g in c.goals) for c in running)
    steps = [s for c in running for g in c.goals for s in g.steps]
    assert {s.responsible for s in steps} == set(Responsible)
    assert any(s.partner for s in steps if s.responsible is Responsible.PARTNER)
    assert any(s.due and s.due < TODAY and s.done_on is None for s in steps)  # overdue
    assert any(s.done_on for s in steps)
    reasons = {c.summary.closing_reason for c in cases if not c.summary.is_open}
    assert reasons == set(ClosingReason)
    reopened = [c for c in running if any(e.action is CaseAction.REOPENED for e in c.events)]
    assert reopened
    assert any(c.referrals for c in cases)
    assert all(c.contacts for c in cases)  # at least the initial consultation
    by_client: dict[int, list[CaseDetails]] = {}
    for c in cases:
        by_client.setdefault(c.summary.client_id, []).append(c)
    assert any(len(found) == 2 for found in by_client.values())  # a second case later


def test_cases_near_and_past_the_limit(demo: OfficeSession) -> None:
    levels = {c.id: c.planned_end for c in open_cases(demo)}
    days = sorted((end - TODAY).days for end in levels.values())
    assert any(30 < d <= 90 for d in days)
    assert any(0 < d <= 30 for d in days)
    assert any(d < 0 for d in days)  # still open past its end
    found = {case_details(demo, cid, TODAY).clock for cid in levels}
    assert {c.level for c in found if c} >= {
        ClockLevel.RUNNING,
        ClockLevel.WARN_90,
        ClockLevel.WARN_30,
        ClockLevel.EXPIRED,
    }


def test_a_counsellor_is_over_the_staffing_key(demo: OfficeSession) -> None:
    load, names = office_caseload(demo, TODAY.year)
    over = [names[uid] for uid, row in load.by_counsellor.items() if uid and row.over]
    assert over, load
    assert load.office.persons > 0


def test_every_kind_of_reminder(demo: OfficeSession) -> None:
    kinds = {r.kind for r in reminders(demo, today=TODAY)}
    assert kinds == set(ReminderKind)


def test_one_open_case_per_client_and_rated_before_closing(cases: list[CaseDetails]) -> None:
    open_clients = [c.summary.client_id for c in _open(cases)]
    assert len(open_clients) == len(set(open_clients))
    for c in cases:
        if not c.summary.is_open:
            assert c.goals, c.summary
            assert all(g.rating is not None for g in c.goals)


def _check_case(demo: OfficeSession, case: CaseDetails) -> None:
    s = case.summary
    assert s.planned_end <= limit_end(s.start)
    assert s.start <= TODAY
    elig = eligibility(demo, s.client_id, s.start)
    check_case_allowed(elig, s.written_need)  # raises if the case could not have been opened
    running = dataclasses.replace(s, closed_on=None)
    for g in case.goals:
        validate_goal(GoalDraft(g.life_area, g.text, g.target_date, g.state), running)
        for st in g.steps:
            step = StepDraft(st.text, st.responsible, st.partner_id, st.due, st.done_on)
            validate_step(step, running, TODAY)
    for r in case.reviews:
        review = ReviewDraft(r.date, r.summary, dict(r.goal_states), r.next_review)
        validate_review(review, running, case.goals, TODAY)
    for ref in case.referrals:
        validate_referral(ReferralDraft(ref.partner_id, ref.date, ref.life_area), running, TODAY)
    for contact in case.contacts:
        assert s.start <= contact.date <= TODAY
    if s.closed_on is not None and s.closing_reason is not None:
        close = CloseDraft(s.closed_on, s.closing_reason, case.closing_note)
        validate_close(close, running, case.goals, TODAY)
    opened = [e for e in case.events if e.action is CaseAction.OPENED]
    assert len(opened) == 1
    assert opened[0].at.date() == s.start


def test_every_case_keeps_the_rules(demo: OfficeSession, cases: list[CaseDetails]) -> None:
    for case in cases:
        _check_case(demo, case)


def test_same_seed_same_cases(tmp_path: Path, cases: list[CaseDetails]) -> None:
    paths = OfficePaths(tmp_path / "again")
    create_demo(paths, clients=80, seed=5, kdf=FAST_KDF)
    s = unlock(paths, DEMO_PART_TIMER, DEMO_PASSPHRASE)  # the part-timer can log in too
    try:
        again = [c for client in list_clients(s) for c in client_cases(s, client.id)]
    finally:
        s.close()
    assert [c.summary for c in cases] == again


def test_phase_mix_gives_exact_open_counts() -> None:
    for wanted in (1, 17, 100, 3000):
        persons = persons_for_open(wanted)
        assert open_cases_in(phase_mix(persons)) == wanted
    assert len(phase_mix(5)) == 5


def test_one_counsellors_reminders_are_the_office_list_filtered(demo: OfficeSession) -> None:
    everyone = reminders(demo, today=TODAY)
    for uid in {r.counsellor_id for r in everyone}:
        mine = [r for r in everyone if r.counsellor_id == uid]
        assert reminders(demo, uid, today=TODAY) == mine


def test_a_status_reminder_exactly_where_the_status_no_longer_allows_the_case(
    demo: OfficeSession,
) -> None:
    flagged = {r.case_id for r in reminders(demo, today=TODAY) if r.kind is ReminderKind.STATUS}
    refused = {
        c.id for c in open_cases(demo) if not eligibility(demo, c.client_id, TODAY).case_allowed
    }
    assert flagged == refused
    assert refused


def test_demo_command_takes_the_number_of_cases(tmp_path: Path) -> None:
    from tests.app.test_cli import lotse

    out = lotse(tmp_path / "a", "demo", "--clients", "40", "--cases", "12", passphrase=None)
    assert out.returncode == 0, out.stderr
    assert "Integrationsbegleitung: 12 Personen" in out.stdout
    assert "teilzeit" in out.stdout
    too_many = lotse(tmp_path / "b", "demo", "--clients", "5", "--cases", "6", passphrase=None)
    assert too_many.returncode == 2
    assert "--cases" in too_many.stderr
    assert not (tmp_path / "b" / "office.lotse").exists()
