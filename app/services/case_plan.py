"""Assessment, support plan (goals and steps), reviews and goal ratings of a case.

Every change checks that the case is still open and within its three years.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session as OrmSession

from app.domain.audit import AuditAction, AuditEntity
from app.domain.case import (
    AssessmentEntry,
    GoalDraft,
    GoalRecord,
    GoalState,
    PartnerKind,
    Priority,
    Rating,
    RatingDraft,
    RatingReason,
    ReferralRecord,
    Responsible,
    ReviewDraft,
    ReviewRecord,
    StepDraft,
    StepRecord,
)
from app.domain.case_rules import (
    validate_assessment,
    validate_goal,
    validate_rating,
    validate_review,
    validate_step,
)
from app.errors import FieldErrors, UsageError
from app.i18n import _
from app.services.audit import log
from app.services.case_query import editable_case, load_summary
from app.services.session import OfficeSession
from app.storage import models

# ---- reading -----------------------------------------------------------------------------


def assessment_of(orm: OrmSession, case_id: int) -> tuple[AssessmentEntry, ...]:
    rows = orm.scalars(
        select(models.CaseAssessment).where(models.CaseAssessment.case_id == case_id)
    )
    return tuple(
        AssessmentEntry(r.life_area, r.situation, r.resources, r.need, Priority(r.priority))
        for r in rows
    )


def _step_record(row: models.Step, partners: dict[int, str]) -> StepRecord:
    return StepRecord(
        id=row.id,
        goal_id=row.goal_id,
        text=row.text,
        responsible=Responsible(row.responsible),
        partner_id=row.partner_id,
        partner=partners.get(row.partner_id or 0, ""),
        due=row.due,
        done_on=row.done_on,
        position=row.position,
    )


def goals_of(orm: OrmSession, case_id: int) -> tuple[GoalRecord, ...]:
    goals = orm.scalars(
        select(models.Goal)
        .where(models.Goal.case_id == case_id)
        .order_by(models.Goal.position, models.Goal.id)
    ).all()
    rows = orm.execute(select(models.Partner.id, models.Partner.name))
    partners = {pid: name for pid, name in rows}
    steps: dict[int, list[StepRecord]] = {g.id: [] for g in goals}
    for row in orm.scalars(
        select(models.Step)
        .where(models.Step.goal_id.in_(steps))
        .order_by(models.Step.position, models.Step.id)
    ):
        steps[row.goal_id].append(_step_record(row, partners))
    return tuple(
        GoalRecord(
            id=g.id,
            case_id=g.case_id,
            life_area=g.life_area,
            text=g.text,
            target_date=g.target_date,
            state=GoalState(g.state),
            position=g.position,
            rating=Rating(g.rating) if g.rating else None,
            rating_reason=RatingReason(g.rating_reason) if g.rating_reason else None,
            rating_note=g.rating_note,
            steps=tuple(steps[g.id]),
        )
        for g in goals
    )


def reviews_of(orm: OrmSession, case_id: int, names: dict[int, str]) -> tuple[ReviewRecord, ...]:
    reviews = orm.scalars(
        select(models.Review)
        .where(models.Review.case_id == case_id)
        .order_by(models.Review.date.desc(), models.Review.id.desc())
    ).all()
    states: dict[int, list[tuple[int, GoalState]]] = {r.id: [] for r in reviews}
    for row in orm.scalars(
        select(models.ReviewGoalState).where(models.ReviewGoalState.review_id.in_(states))
    ):
        states[row.review_id].append((row.goal_id, GoalState(row.state)))
    return tuple(
        ReviewRecord(
            id=r.id,
            date=r.date,
            summary=r.summary,
            next_review=r.next_review,
            goal_states=tuple(sorted(states[r.id])),
            counsellor=names.get(r.created_by or 0, ""),
        )
        for r in reviews
    )


def referrals_of(orm: OrmSession, case_id: int) -> tuple[ReferralRecord, ...]:
    rows = orm.execute(
        select(models.Referral, models.Partner)
        .join(models.Partner, models.Partner.id == models.Referral.partner_id)
        .where(models.Referral.case_id == case_id)
        .order_by(models.Referral.date.desc(), models.Referral.id.desc())
    )
    return tuple(
        ReferralRecord(r.id, p.id, p.name, PartnerKind(p.kind), r.date, r.life_area, r.note)
        for r, p in rows
    )


# ---- changing ----------------------------------------------------------------------------


def _write(
    session: OfficeSession,
    case_id: int,
    today: dt.date | None,
    action: Callable[[OrmSession, models.Case, dt.date], object],
) -> None:
    """Run ``action`` in one transaction on a case that may still be changed."""
    day = today or dt.date.today()
    with session.orm() as orm, orm.begin():
        editable_case(orm, case_id, day)
        row = orm.get(models.Case, case_id)
        assert row is not None
        action(orm, row, day)
        log(orm, session.user.id, AuditAction.CHANGE, AuditEntity.CASE, case_id)
        row.updated_by = session.user.id
        row.updated_at = models.utcnow()


def save_assessment(
    session: OfficeSession, case_id: int, entry: AssessmentEntry, today: dt.date | None = None
) -> None:
    """Store one life area's assessment; an empty entry removes it."""
    validate_assessment(entry)

    def act(orm: OrmSession, case: models.Case, _day: dt.date) -> None:
        a = models.CaseAssessment
        orm.execute(delete(a).where(a.case_id == case.id, a.life_area == entry.life_area))
        if not entry.empty:
            orm.add(
                a(
                    case_id=case.id,
                    life_area=entry.life_area,
                    situation=entry.situation.strip(),
                    resources=entry.resources.strip(),
                    need=entry.need.strip(),
                    priority=entry.priority.value,
                    updated_by=session.user.id,
                )
            )

    _write(session, case_id, today, act)


def _goal(orm: OrmSession, goal_id: int) -> models.Goal:
    goal = orm.get(models.Goal, goal_id)
    if goal is None:
        raise UsageError(_("Dieses Ziel ist nicht (mehr) gespeichert."))
    return goal


def add_goal(
    session: OfficeSession, case_id: int, draft: GoalDraft, today: dt.date | None = None
) -> int:
    """Append a goal to the plan; returns its id."""
    created: list[int] = []

    def act(orm: OrmSession, case: models.Case, _day: dt.date) -> None:
        validate_goal(draft, load_summary(orm, case.id))
        last = orm.scalar(
            select(func.max(models.Goal.position)).where(models.Goal.case_id == case.id)
        )
        goal = models.Goal(
            case_id=case.id,
            life_area=draft.life_area,
            text=draft.text.strip(),
            target_date=draft.target_date,
            state=draft.state.value,
            position=(last or 0) + 1,
            created_by=session.user.id,
            updated_by=session.user.id,
        )
        orm.add(goal)
        orm.flush()
        created.append(goal.id)

    _write(session, case_id, today, act)
    return created[0]


def update_goal(
    session: OfficeSession, goal_id: int, draft: GoalDraft, today: dt.date | None = None
) -> None:
    with session.orm() as orm:
        case_id = _goal(orm, goal_id).case_id

    def act(orm: OrmSession, case: models.Case, _day: dt.date) -> None:
        validate_goal(draft, load_summary(orm, case.id))
        goal = _goal(orm, goal_id)
        goal.life_area = draft.life_area
        goal.text = draft.text.strip()
        goal.target_date = draft.target_date
        goal.state = draft.state.value
        goal.updated_by = session.user.id

    _write(session, case_id, today, act)


def delete_goal(session: OfficeSession, goal_id: int, today: dt.date | None = None) -> None:
    with session.orm() as orm:
        case_id = _goal(orm, goal_id).case_id
    _write(session, case_id, today, lambda orm, _c, _d: orm.delete(_goal(orm, goal_id)))


def _move(rows: Sequence[models.Goal | models.Step], index: int, offset: int) -> None:
    order = list(rows)
    target = index + offset
    if not 0 <= target < len(order):
        return
    order.insert(target, order.pop(index))
    for position, row in enumerate(order, start=1):
        row.position = position


def move_goal(
    session: OfficeSession, goal_id: int, offset: int, today: dt.date | None = None
) -> None:
    """Move a goal up (-1) or down (+1) in the plan."""
    with session.orm() as orm:
        case_id = _goal(orm, goal_id).case_id

    def act(orm: OrmSession, case: models.Case, _day: dt.date) -> None:
        goals = list(
            orm.scalars(
                select(models.Goal)
                .where(models.Goal.case_id == case.id)
                .order_by(models.Goal.position, models.Goal.id)
            )
        )
        _move(goals, [g.id for g in goals].index(goal_id), offset)

    _write(session, case_id, today, act)


def _check_partner(orm: OrmSession, draft: StepDraft) -> None:
    if draft.partner_id is not None and orm.get(models.Partner, draft.partner_id) is None:
        raise FieldErrors({"partner_id": _("Dieser Netzwerkpartner ist nicht (mehr) gespeichert.")})


def add_step(
    session: OfficeSession, goal_id: int, draft: StepDraft, today: dt.date | None = None
) -> int:
    created: list[int] = []
    with session.orm() as orm:
        case_id = _goal(orm, goal_id).case_id

    def act(orm: OrmSession, case: models.Case, day: dt.date) -> None:
        validate_step(draft, load_summary(orm, case.id), day)
        _check_partner(orm, draft)
        last = orm.scalar(
            select(func.max(models.Step.position)).where(models.Step.goal_id == goal_id)
        )
        step = models.Step(goal_id=goal_id, position=(last or 0) + 1, created_by=session.user.id)
        _fill_step(step, draft, session.user.id)
        orm.add(step)
        orm.flush()
        created.append(step.id)

    _write(session, case_id, today, act)
    return created[0]


def _fill_step(step: models.Step, draft: StepDraft, user_id: int) -> None:
    step.text = draft.text.strip()
    step.responsible = draft.responsible.value
    step.partner_id = draft.partner_id if draft.responsible is Responsible.PARTNER else None
    step.due = draft.due
    step.done_on = draft.done_on
    step.updated_by = user_id


def _step(orm: OrmSession, step_id: int) -> tuple[models.Step, int]:
    step = orm.get(models.Step, step_id)
    if step is None:
        raise UsageError(_("Dieser Schritt ist nicht (mehr) gespeichert."))
    return step, _goal(orm, step.goal_id).case_id


def update_step(
    session: OfficeSession, step_id: int, draft: StepDraft, today: dt.date | None = None
) -> None:
    with session.orm() as orm:
        case_id = _step(orm, step_id)[1]

    def act(orm: OrmSession, case: models.Case, day: dt.date) -> None:
        validate_step(draft, load_summary(orm, case.id), day)
        _check_partner(orm, draft)
        _fill_step(_step(orm, step_id)[0], draft, session.user.id)

    _write(session, case_id, today, act)


def delete_step(session: OfficeSession, step_id: int, today: dt.date | None = None) -> None:
    with session.orm() as orm:
        case_id = _step(orm, step_id)[1]
    _write(session, case_id, today, lambda orm, _c, _d: orm.delete(_step(orm, step_id)[0]))


def move_step(
    session: OfficeSession, step_id: int, offset: int, today: dt.date | None = None
) -> None:
    with session.orm() as orm:
        step, case_id = _step(orm, step_id)
        goal_id = step.goal_id

    def act(orm: OrmSession, _case: models.Case, _day: dt.date) -> None:
        steps = list(
            orm.scalars(
                select(models.Step)
                .where(models.Step.goal_id == goal_id)
                .order_by(models.Step.position, models.Step.id)
            )
        )
        _move(steps, [s.id for s in steps].index(step_id), offset)

    _write(session, case_id, today, act)


def add_review(
    session: OfficeSession, case_id: int, draft: ReviewDraft, today: dt.date | None = None
) -> int:
    """Record a review; each goal's state given in the review becomes the goal's state."""
    created: list[int] = []

    def act(orm: OrmSession, case: models.Case, day: dt.date) -> None:
        validate_review(draft, load_summary(orm, case.id), goals_of(orm, case.id), day)
        review = models.Review(
            case_id=case.id,
            date=draft.date,
            summary=draft.summary.strip(),
            next_review=draft.next_review,
            created_by=session.user.id,
        )
        orm.add(review)
        orm.flush()
        for goal_id, state in draft.goal_states.items():
            orm.add(models.ReviewGoalState(review_id=review.id, goal_id=goal_id, state=state.value))
            _goal(orm, goal_id).state = state.value
        created.append(review.id)

    _write(session, case_id, today, act)
    return created[0]


def rate_goal(
    session: OfficeSession, goal_id: int, draft: RatingDraft, today: dt.date | None = None
) -> None:
    """Evaluate a goal (required for every goal before the case can close).

    Allowed while the case is open, also past the three-year end, so it can be closed."""
    validate_rating(draft)
    with session.orm() as orm, orm.begin():
        goal = _goal(orm, goal_id)
        case = load_summary(orm, goal.case_id)
        if not case.is_open:
            raise UsageError(_("Der Fall ist abgeschlossen; Bewertungen sind festgeschrieben."))
        goal.rating = draft.rating.value
        reached = draft.rating is Rating.REACHED  # a reached goal needs no reason
        goal.rating_reason = draft.reason.value if draft.reason and not reached else None
        goal.rating_note = draft.note.strip()
        goal.updated_by = session.user.id
        log(orm, session.user.id, AuditAction.CHANGE, AuditEntity.CASE, goal.case_id)
