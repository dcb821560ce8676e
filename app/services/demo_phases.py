"""The phases of the demo's cases: which stories there are and the dates of each.

The mix is fixed (the first stories cover every phase and closing reason, the rest
repeat a pattern), so the number of open cases follows from the number of persons;
only the dates are drawn at random. A ``CaseSpec`` is one case's dates and flags;
``demo_story`` turns it into rows.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from app.domain.case import ClosingReason
from app.domain.case_clock import limit_end
from app.domain.eligibility import add_years


@dataclass(frozen=True)
class CaseSpec:
    client_id: int
    language: str
    counsellor_id: int
    start: dt.date
    planned_end: dt.date
    written_need: str = ""
    plan: bool = True  # goals and steps
    reviews: bool = True
    rated: float = 0.0  # share of goals rated (1.0: every goal)
    closed_on: dt.date | None = None  # closing (for a reopened case: the earlier closing)
    reason: ClosingReason | None = None
    reopened_on: dt.date | None = None
    consent: bool = True  # a consent to processing given at the start
    consent_withdrawn_on: dt.date | None = None
    status_change_on: dt.date | None = None  # a Fiktionsbescheinigung from this day
    manual_reminder: bool = False

    @property
    def closed_now(self) -> bool:
        return self.closed_on is not None and self.reopened_on is None


def between(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    """A random day from ``first`` to ``last`` (``first`` if the range is empty)."""
    return first + dt.timedelta(days=rng.randint(0, max(0, (last - first).days)))


class Phase(Enum):
    ASSESSED = "assessed"  # just opened: an assessment, no plan yet
    PLANNED = "planned"  # support plan with goals and steps, no review yet
    REVIEWED = "reviewed"  # plan and reviews
    RATED = "rated"  # every goal rated, still open
    WARN_90 = "warn_90"  # planned end in 31-90 days
    WARN_30 = "warn_30"  # planned end in 1-30 days
    EXPIRED = "expired"  # past the planned end and still open
    CLOSED = "closed"
    REOPENED = "reopened"  # closed, then reopened by the lead
    SECOND = "second"  # a closed case and a newer open one


@dataclass(frozen=True)
class Story:
    phase: Phase
    reason: ClosingReason | None = None
    special: bool = False  # one of the first, fixed stories (extra reminders, consent, status)


_P = Phase
SPECIALS: tuple[Story, ...] = (
    *(Story(p, special=True) for p in (_P.ASSESSED, _P.PLANNED, _P.REVIEWED, _P.RATED)),
    *(Story(p, special=True) for p in (_P.WARN_90, _P.WARN_30, _P.EXPIRED, _P.REOPENED)),
    Story(_P.SECOND, special=True),
    *(Story(_P.CLOSED, r, special=True) for r in ClosingReason),
)
# The rest repeats this pattern: 12 reviewed, 7 planned, 8 closed, 4 just opened, …
PATTERN: tuple[Phase, ...] = (
    *(_P.REVIEWED, _P.PLANNED, _P.CLOSED, _P.REVIEWED, _P.ASSESSED, _P.REVIEWED, _P.PLANNED),
    *(_P.CLOSED, _P.WARN_90, _P.REVIEWED, _P.PLANNED, _P.REVIEWED, _P.CLOSED, _P.SECOND),
    *(_P.ASSESSED, _P.REVIEWED, _P.RATED, _P.CLOSED, _P.PLANNED, _P.REVIEWED, _P.WARN_30),
    *(_P.REVIEWED, _P.CLOSED, _P.PLANNED, _P.ASSESSED, _P.REVIEWED, _P.EXPIRED, _P.CLOSED),
    *(_P.REVIEWED, _P.PLANNED, _P.WARN_90, _P.REVIEWED, _P.CLOSED, _P.REOPENED, _P.ASSESSED),
    *(_P.RATED, _P.PLANNED, _P.CLOSED, _P.SECOND, _P.REVIEWED),
)
_C = ClosingReason
CLOSING_CYCLE: tuple[ClosingReason, ...] = (
    *(_C.GOALS_REACHED, _C.REFERRED, _C.GOALS_REACHED, _C.CONTACT_BROKEN, _C.MOVED_AWAY),
    *(_C.GOALS_REACHED, _C.LIMIT_REACHED, _C.REFERRED, _C.STATUS_LOST, _C.GOALS_REACHED),
    *(_C.OTHER, _C.CONSENT_WITHDRAWN),
)


def phase_mix(persons: int) -> list[Story]:
    """The stories of ``persons`` clients: the specials first, then the pattern."""
    mix = list(SPECIALS[:persons])
    closed = 0
    for n in range(persons - len(mix)):
        phase = PATTERN[n % len(PATTERN)]
        reason = None
        if phase is Phase.CLOSED:
            reason = CLOSING_CYCLE[closed % len(CLOSING_CYCLE)]
            closed += 1
        mix.append(Story(phase, reason))
    return mix


def open_cases_in(mix: Sequence[Story]) -> int:
    return sum(story.phase is not Phase.CLOSED for story in mix)


def persons_for_open(open_cases: int) -> int:
    """How many persons ``phase_mix`` needs for exactly ``open_cases`` open cases."""
    persons = open_cases
    while open_cases_in(phase_mix(persons)) < open_cases:
        persons += 1
    return persons


def _days_ago(today: dt.date, rng: random.Random, low: int, high: int) -> dt.date:
    return today - dt.timedelta(days=rng.randint(low, high))


def _start_for_end(end: dt.date) -> dt.date:
    """The start whose three-year limit is ``end`` (or the day after, around 29 February)."""
    return add_years(end + dt.timedelta(days=1), -3)


def timeline(story: Story, rng: random.Random, today: dt.date) -> list[CaseSpec]:
    """The dates of a story's case(s); client and counsellor are filled in later."""
    specs = _dates(story, rng, today)
    spec = specs[-1]
    if story.special and story.phase is Phase.PLANNED:  # consent withdrawn while it runs
        spec = dataclasses.replace(spec, consent_withdrawn_on=today - dt.timedelta(days=3))
    if story.special and story.phase is Phase.REVIEWED:  # a Fiktionsbescheinigung since
        spec = dataclasses.replace(spec, status_change_on=today - dt.timedelta(days=20))
    if not spec.closed_now and (story.special or rng.random() < 0.12):
        spec = dataclasses.replace(spec, manual_reminder=True)
    return [*specs[:-1], spec]


_LEFT = {Phase.WARN_90: (35, 85), Phase.WARN_30: (3, 27), Phase.EXPIRED: (-50, -2)}
_AGO = {Phase.ASSESSED: (0, 40), Phase.PLANNED: (30, 170), Phase.RATED: (400, 950)}


def _dates(story: Story, rng: random.Random, today: dt.date) -> list[CaseSpec]:
    p = story.phase
    if p is Phase.SECOND:
        start = _days_ago(today, rng, 1150, 1500)
        closed = start + dt.timedelta(days=rng.randint(120, 400))
        first = _closed(start, rng.choice(CLOSING_CYCLE[:4]), rng, closed_on=closed)
        again = min(closed + dt.timedelta(days=rng.randint(60, 240)), today)
        return [first, _spec(again, rng, today, consent=False)]
    if p is Phase.CLOSED:
        assert story.reason is not None
        if story.reason is ClosingReason.LIMIT_REACHED:
            start = _start_for_end(_days_ago(today, rng, 1, 300))
        else:
            start = _days_ago(today, rng, 150, 1400)
        return [_closed(start, story.reason, rng, today)]
    if p is Phase.REOPENED:
        start = _days_ago(today, rng, 250, 800)
        closed = between(rng, start + dt.timedelta(days=100), today - dt.timedelta(days=40))
        spec = _closed(start, ClosingReason.CONTACT_BROKEN, rng, closed_on=closed)
        reopened = between(rng, closed + dt.timedelta(days=7), closed + dt.timedelta(days=30))
        return [dataclasses.replace(spec, reopened_on=reopened)]
    if p in _LEFT:
        start = _start_for_end(today + dt.timedelta(days=rng.randint(*_LEFT[p])))
        return [_spec(start, rng, today, rated=0.5 if p is Phase.EXPIRED else 0.0)]
    low, high = _AGO.get(p, (190, 950))
    spec = _spec(_days_ago(today, rng, low, high), rng, today, rated=float(p is Phase.RATED))
    return [dataclasses.replace(spec, plan=p is not Phase.ASSESSED, reviews=p is not Phase.PLANNED)]


def _spec(
    start: dt.date, rng: random.Random, today: dt.date, rated: float = 0.0, consent: bool = True
) -> CaseSpec:
    end = limit_end(start)
    if limit_end(start, 2) > today + dt.timedelta(days=120) and rng.random() < 0.15:
        end = limit_end(start, 2)  # planned shorter than the limit
    return CaseSpec(0, "", 0, start, end, rated=rated, consent=consent)


def _closed(
    start: dt.date,
    reason: ClosingReason,
    rng: random.Random,
    today: dt.date | None = None,
    closed_on: dt.date | None = None,
) -> CaseSpec:
    end = limit_end(start)
    if closed_on is None and reason is ClosingReason.LIMIT_REACHED:
        closed_on = end
    if closed_on is None:
        last = min(end, (today or end) - dt.timedelta(days=1))
        closed_on = between(rng, min(start + dt.timedelta(days=60), last), last)
    withdrawn = None
    if reason is ClosingReason.CONSENT_WITHDRAWN:
        withdrawn = max(start, closed_on - dt.timedelta(days=rng.randint(0, 5)))
    return CaseSpec(
        0,
        "",
        0,
        start,
        end,
        rated=1.0,
        closed_on=closed_on,
        reason=reason,
        consent_withdrawn_on=withdrawn,
    )
