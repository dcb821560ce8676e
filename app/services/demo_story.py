"""The rows of one demo case: assessment, plan, reviews, ratings, referrals, events, contacts.

Everything is generated as plain dictionaries with ids given here, collected in a
``Batch`` of a few hundred cases and written with one multi-row INSERT per table, so
a demo with thousands of cases needs neither an ORM session nor much memory. Dates
keep the domain's rules: inside the case, never after today, ratings before closing.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import insert
from sqlalchemy.engine import Connection

from app.domain.case import (
    CaseAction,
    ClosingReason,
    GoalState,
    PartnerKind,
    Priority,
    Rating,
    RatingReason,
    Responsible,
)
from app.domain.case_clock import add_months
from app.domain.counselling import ConsentKind, ContactForm, ContactKind
from app.domain.eligibility import Offer
from app.services import demo_texts as texts
from app.services.demo_phases import CaseSpec, between
from app.storage import models

Row = dict[str, object]
_DAY = dt.timedelta(days=1)


class Batch:
    """Rows of several cases, ids counted here, written table by table in key order."""

    ORDER: tuple[type[models.Base], ...] = (
        models.Case,
        models.CaseAssessment,
        models.Goal,
        models.Step,
        models.Review,
        models.ReviewGoalState,
        models.Referral,
        models.CaseEventRow,
        models.ReminderRow,
        models.Consent,
        models.Contact,
        models.ResidenceStatus,
    )

    def __init__(self, last_ids: dict[str, int]) -> None:
        self.rows: dict[str, list[Row]] = defaultdict(list)
        self.last_ids = last_ids

    def add(self, model: type[models.Base], **values: object) -> int:
        """Queue a row; returns its id (0 for tables without an ``id`` column)."""
        name = model.__tablename__
        new = 0
        if name != models.ReviewGoalState.__tablename__:
            new = self.last_ids[name] = self.last_ids.get(name, 0) + 1
            values["id"] = new
        self.rows[name].append(values)
        return new

    def write(self, conn: Connection) -> None:
        for model in self.ORDER:
            rows = self.rows.pop(model.__tablename__, None)
            if rows:
                conn.execute(insert(model), rows)


@dataclass(frozen=True)
class Context:
    today: dt.date
    lead_id: int
    interval: int  # review interval in months
    contacts: int  # average follow-up contacts per case (0: only the initial consultation)
    partners: dict[PartnerKind, tuple[tuple[int, str], ...]]  # active partners by kind


@dataclass(frozen=True)
class _Goal:
    id: int
    area: str
    target: dt.date
    begun: dt.date
    reached: dt.date | None  # the day it was reached, if it is

    def state_on(self, day: dt.date) -> GoalState:
        if self.reached is not None and day >= self.reached:
            return GoalState.DONE
        return GoalState.IN_PROGRESS if day >= self.begun else GoalState.OPEN


def _at(day: dt.date, hour: int, rng: random.Random) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, rng.randrange(60)))


def write_case(spec: CaseSpec, ctx: Context, batch: Batch, rng: random.Random) -> int:
    """Queue every row of one case; returns the case id."""
    last = spec.closed_on if spec.closed_now else min(ctx.today, spec.planned_end)
    assert last is not None
    case_id = batch.add(
        models.Case,
        client_id=spec.client_id,
        counsellor_id=spec.counsellor_id,
        start=spec.start,
        planned_end=spec.planned_end,
        written_need=spec.written_need,
        closed_on=spec.closed_on if spec.closed_now else None,
        closing_reason=spec.reason.value if spec.closed_now and spec.reason else None,
        closing_note=texts.CLOSING_NOTE_OTHER if spec.reason is ClosingReason.OTHER else "",
        created_at=_at(spec.start, 9, rng),
        created_by=spec.counsellor_id,
        updated_by=spec.counsellor_id,
    )
    areas = rng.sample(sorted(texts.ASSESSMENT), rng.randint(2, 4))
    for n, area in enumerate(areas):
        situation, resources, need = texts.ASSESSMENT[area]
        batch.add(
            models.CaseAssessment,
            case_id=case_id,
            life_area=area,
            situation=situation,
            resources=resources,
            need=need,
            priority=(Priority.HIGH, Priority.MEDIUM, Priority.LOW)[min(n, 2)].value,
            updated_by=spec.counsellor_id,
        )
    goals = _plan(spec, ctx, batch, rng, case_id, areas, last) if spec.plan else []
    if spec.reviews and goals:
        _reviews(spec, batch, rng, case_id, goals, last, ctx.interval)
    _events(spec, ctx, batch, rng, case_id, last)
    _client_records(spec, ctx, batch, rng, case_id, areas, last)
    if spec.plan:
        _referrals(spec, ctx, batch, rng, case_id, goals, last)
    if spec.manual_reminder and not spec.closed_now:
        batch.add(
            models.ReminderRow,
            due=ctx.today + dt.timedelta(days=rng.randint(-10, 30)),
            text=rng.choice(texts.REMINDER_TEXTS),
            counsellor_id=spec.counsellor_id,
            client_id=spec.client_id,
            case_id=case_id,
            done_on=None,
            created_by=spec.counsellor_id,
        )
    return case_id


def _plan(
    spec: CaseSpec,
    ctx: Context,
    batch: Batch,
    rng: random.Random,
    case_id: int,
    areas: list[str],
    last: dt.date,
) -> list[_Goal]:
    goals: list[_Goal] = []
    chosen = [(a, t) for a in areas for t in texts.GOALS[a][: 1 + (rng.random() < 0.3)]]
    for position, (area, (text, steps)) in enumerate(chosen[: rng.randint(1, 5)], start=1):
        target = min(spec.start + dt.timedelta(days=rng.randint(90, 720)), spec.planned_end)
        fate = rng.random()
        reached: dt.date | None = target if fate < 0.45 else None
        if spec.reason is ClosingReason.GOALS_REACHED and spec.closed_on is not None:
            reached = min(target, spec.closed_on)
        begun = min(spec.start + dt.timedelta(days=rng.randint(14, 60)), target)
        if fate >= 0.8 and reached is None:
            begun = target + _DAY  # never really started
        state = _Goal(0, area, target, begun, reached).state_on(last)
        rating, reason = _rating(spec, state, rng) if rng.random() < spec.rated else (None, None)
        goal_id = batch.add(
            models.Goal,
            case_id=case_id,
            life_area=area,
            text=text,
            target_date=target if rng.random() < 0.9 else None,
            state=state.value,
            position=position,
            rating=rating.value if rating else None,
            rating_reason=reason.value if reason else None,
            rating_note="",
            created_at=_at(min(spec.start + dt.timedelta(days=7), last), 11, rng),
            created_by=spec.counsellor_id,
            updated_by=spec.counsellor_id,
        )
        goals.append(goal := _Goal(goal_id, area, target, begun, reached))
        _steps(spec, ctx, batch, rng, goal, steps, last, state is GoalState.DONE)
    return goals


def _rating(
    spec: CaseSpec, state: GoalState, rng: random.Random
) -> tuple[Rating, RatingReason | None]:
    if state is GoalState.DONE:
        return Rating.REACHED, None
    reason = _REASON_OF.get(spec.reason) if spec.reason else None
    reason = reason or rng.choice(list(RatingReason))
    if state is GoalState.IN_PROGRESS:
        return Rating.PARTLY, reason
    return rng.choice((Rating.NOT_REACHED, Rating.DROPPED)), reason


_REASON_OF = {
    ClosingReason.MOVED_AWAY: RatingReason.MOVED_AWAY,
    ClosingReason.CONTACT_BROKEN: RatingReason.CONTACT_BROKEN,
    ClosingReason.STATUS_LOST: RatingReason.STATUS_CHANGE,
    ClosingReason.CONSENT_WITHDRAWN: RatingReason.CLIENT_DECISION,
}


def _steps(
    spec: CaseSpec,
    ctx: Context,
    batch: Batch,
    rng: random.Random,
    goal: _Goal,
    steps: texts.Steps,
    last: dt.date,
    goal_done: bool,
) -> None:
    span = max(14, (goal.target - spec.start).days)
    for position, (text, responsible) in enumerate(steps, start=1):
        partner = _partner(ctx, rng, goal.area) if responsible is Responsible.PARTNER else None
        who = responsible
        if responsible is Responsible.PARTNER and partner is None:
            who = Responsible.CLIENT  # no partner of that kind: the client goes there alone
        due = min(spec.start + dt.timedelta(days=span * position // len(steps)), spec.planned_end)
        done: dt.date | None = None
        if due <= last and (goal_done or rng.random() < 0.65):
            done = max(spec.start, due - dt.timedelta(days=rng.randint(0, 10)))
        batch.add(
            models.Step,
            goal_id=goal.id,
            text=text,
            responsible=who.value,
            partner_id=partner[0] if partner else None,
            due=due if rng.random() < 0.95 else None,
            done_on=done,
            position=position,
            created_by=spec.counsellor_id,
            updated_by=spec.counsellor_id,
        )


def _partner(ctx: Context, rng: random.Random, area: str) -> tuple[int, str] | None:
    fitting = [p for kind in texts.AREA_PARTNERS[area] for p in ctx.partners.get(kind, ())]
    return rng.choice(fitting) if fitting else None


def _reviews(
    spec: CaseSpec,
    batch: Batch,
    rng: random.Random,
    case_id: int,
    goals: list[_Goal],
    last: dt.date,
    interval: int,
) -> None:
    days = []
    day = add_months(spec.start, interval)
    while day <= last:
        days.append(day)
        day = add_months(day, interval)
    if days and not spec.closed_now and rng.random() < 0.25:
        days.pop()  # the latest review is still to be done (overdue)
    for day in days:
        upcoming = min(add_months(day, interval), spec.planned_end)
        review_id = batch.add(
            models.Review,
            case_id=case_id,
            date=day,
            summary=rng.choice(texts.REVIEW_SUMMARIES),
            next_review=upcoming if upcoming > day else None,
            created_at=_at(day, 14, rng),
            created_by=spec.counsellor_id,
        )
        for goal in goals:
            batch.add(
                models.ReviewGoalState,
                review_id=review_id,
                goal_id=goal.id,
                state=goal.state_on(day).value,
            )


def _events(
    spec: CaseSpec, ctx: Context, batch: Batch, rng: random.Random, case_id: int, last: dt.date
) -> None:
    def event(day: dt.date, hour: int, action: CaseAction, user: int, note: str = "") -> None:
        batch.add(
            models.CaseEventRow,
            case_id=case_id,
            at=_at(day, hour, rng),
            user_id=user,
            action=action.value,
            note=note,
        )

    event(spec.start, 9, CaseAction.OPENED, spec.counsellor_id)
    agreed = spec.start + dt.timedelta(days=21)
    if spec.plan and agreed <= last and rng.random() < 0.4:
        event(agreed, 10, CaseAction.AGREEMENT, spec.counsellor_id)
    if spec.closed_on is not None and spec.reason is not None:
        event(spec.closed_on, 15, CaseAction.CLOSED, spec.counsellor_id, spec.reason.value)
    if spec.reopened_on is not None:
        event(spec.reopened_on, 10, CaseAction.REOPENED, ctx.lead_id, texts.REOPEN_NOTE)


def _client_records(
    spec: CaseSpec,
    ctx: Context,
    batch: Batch,
    rng: random.Random,
    case_id: int,
    areas: list[str],
    last: dt.date,
) -> None:
    """The initial consultation that opened the case, follow-up contacts, the consent."""
    follow = rng.randint(1, 2 * ctx.contacts) if ctx.contacts else 0
    dates = [spec.start] + [
        spec.start + (last - spec.start) * (n + 1) // (follow + 1) for n in range(follow)
    ]
    for n, day in enumerate(dates):
        initial = n == 0
        batch.add(
            models.Contact,
            client_id=spec.client_id,
            kind=(ContactKind.INITIAL if initial else ContactKind.CONTACT).value,
            date=day,
            duration_min=rng.choice((30, 45, 60, 90)),
            form=rng.choice(list(ContactForm)).value,
            interpreter=spec.language != "de" and rng.random() < 0.3,
            life_areas=",".join(areas if initial else rng.sample(areas, 1)),
            family_present=rng.choice((0, 0, 0, 1, 2)),
            note="",
            need=texts.ASSESSMENT[areas[0]][2] if initial else "",
            outcome=Offer.CASE.value if initial else None,
            written_need=spec.written_need if initial else "",
            counsellor_id=spec.counsellor_id,
            created_by=spec.counsellor_id,
        )
    if spec.consent:
        _consent(batch, spec, spec.start, "", spec.consent_withdrawn_on)
    if spec.status_change_on is not None:
        batch.add(
            models.ResidenceStatus,
            client_id=spec.client_id,
            code="fikt",
            valid_from=spec.status_change_on,
            created_by=spec.counsellor_id,
        )


def _consent(
    batch: Batch, spec: CaseSpec, day: dt.date, third_party: str, withdrawn: dt.date | None
) -> None:
    batch.add(
        models.Consent,
        client_id=spec.client_id,
        kind=(ConsentKind.RELEASE if third_party else ConsentKind.PROCESSING).value,
        given_on=day,
        form_version=texts.CONSENT_FORM,
        language=spec.language,
        third_party=third_party,
        paper_ref="",
        withdrawn_on=withdrawn,
        created_by=spec.counsellor_id,
    )


def _referrals(
    spec: CaseSpec,
    ctx: Context,
    batch: Batch,
    rng: random.Random,
    case_id: int,
    goals: list[_Goal],
    last: dt.date,
) -> None:
    """Referrals to partners (with a release from confidentiality for each)."""
    picks = [(g.area, between(rng, spec.start, last)) for g in goals if rng.random() < 0.3]
    if spec.reason is ClosingReason.REFERRED and goals:
        picks.append((goals[0].area, max(spec.start, last - dt.timedelta(days=7))))
    for area, day in picks[:3]:
        partner = _partner(ctx, rng, area)
        if partner is None:
            continue
        batch.add(
            models.Referral,
            case_id=case_id,
            partner_id=partner[0],
            date=day,
            life_area=area,
            note="",
            created_by=spec.counsellor_id,
        )
        _consent(batch, spec, day, partner[1], None)
