"""Demo cases of integration support in every phase, plus the office's network partners.

Which client gets which kind of case is planned first (a fixed mix of phases, so the
number of open cases follows from the number of persons), then the rows are written
in batches with Core inserts (``demo_story``). Every phase is present as soon as
there are enough eligible clients: just opened, with a plan, reviewed, all goals
rated, 90 and 30 days before the three-year limit, past it, closed with each
closing reason, reopened by the lead, and a second case after an earlier one.
A part-time counsellor's post share is set so that they carry more persons than the
staffing key allows (the office as a whole may or may not be over it). Dates count
back from today, so the same seed gives the same data on the same day.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.engine import Connection

from app import config
from app.domain.case import PartnerKind
from app.domain.caseload import CaseSpan, active_in_year
from app.domain.eligibility import assess_eligibility
from app.domain.residence import StatusEntry, StatusTable, status_on
from app.services import demo_texts as texts
from app.services.client_records import read_status_table
from app.services.demo_phases import CaseSpec, phase_mix, timeline
from app.services.demo_story import Batch, Context, write_case
from app.services.session import OfficeSession
from app.services.settings import read_setting
from app.storage import models

BATCH_PERSONS = 250
DEFAULT_SHARE = 0.55  # of the eligible clients get a case when no number is given
PART_TIME_MAX = Decimal("0.50")


@dataclass(frozen=True)
class Staff:
    lead: int
    counsellor: int
    part_timer: int


@dataclass(frozen=True)
class CaseCounts:
    persons: int
    cases: int
    open_cases: int


@dataclass(frozen=True)
class _Candidate:
    client_id: int
    language: str
    since: dt.date  # from this day the status held today (and the stay) allow a case
    history: tuple[StatusEntry, ...]
    arrival: dt.date | None
    permanent_since: dt.date | None


def add_demo_cases(
    session: OfficeSession,
    staff: Staff,
    seed: int,
    persons: int | None,
    contacts: int,
    today: dt.date,
) -> CaseCounts:
    """Partners and cases for ``persons`` eligible clients (None: about half of them)."""
    rng = random.Random(seed * 7_919 + 3)
    with session.orm() as orm:
        table = read_status_table(orm)
        interval = read_setting(orm, config.REVIEW_INTERVAL_MONTHS)
        key = read_setting(orm, config.STAFFING_KEY)
    with session.engine.begin() as conn:
        partners = _add_partners(conn, staff.lead)
        candidates = _candidates(conn, table, today)
        _office_reminders(conn, staff, today)
        last_ids = _last_ids(conn)
    wanted = round(len(candidates) * DEFAULT_SHARE) if persons is None else persons
    mix = phase_mix(min(wanted, len(candidates)))
    plans = _assign([timeline(story, rng, today) for story in mix], candidates, rng)
    weights = ((staff.lead, 2), (staff.counsellor, 5), (staff.part_timer, 3))
    cases = [
        _finish(specs, client, rng.choices(*zip(*weights, strict=True))[0], table)
        for specs, client in plans
    ]
    ctx = Context(today, staff.lead, interval, contacts, partners)
    old_contacts = last_ids.get(models.Contact.__tablename__, 0)
    for chunk in _chunks(cases, BATCH_PERSONS):
        batch = Batch(last_ids)
        for specs in chunk:
            for spec in specs:
                write_case(spec, ctx, batch, rng)
        with session.engine.begin() as conn:
            _tidy_clients(conn, chunk, old_contacts)
            batch.write(conn)
    with session.engine.begin() as conn:
        _set_part_time_share(conn, staff.part_timer, cases, today, key)
    flat = [spec for specs in cases for spec in specs]
    return CaseCounts(len(cases), len(flat), sum(not s.closed_now for s in flat))


def _chunks(items: Sequence[list[CaseSpec]], size: int) -> Iterator[Sequence[list[CaseSpec]]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _add_partners(conn: Connection, lead: int) -> dict[PartnerKind, tuple[tuple[int, str], ...]]:
    """The office's partners; returns the active ones (id, name) by kind."""
    first = (conn.scalar(select(func.max(models.Partner.id))) or 0) + 1
    conn.execute(
        insert(models.Partner),
        [
            {"id": first + n, "name": name, "kind": kind.value, "contact": contact}
            | {"active": active, "created_by": lead}
            for n, (kind, name, contact, active) in enumerate(texts.PARTNERS)
        ],
    )
    found: dict[PartnerKind, list[tuple[int, str]]] = {}
    for n, (kind, name, _contact, active) in enumerate(texts.PARTNERS):
        if active:
            found.setdefault(kind, []).append((first + n, name))
    return {kind: tuple(partners) for kind, partners in found.items()}


def _candidates(conn: Connection, table: StatusTable, today: dt.date) -> list[_Candidate]:
    """Clients without a case whose status today allows one."""
    histories: dict[int, list[StatusEntry]] = {}
    st = models.ResidenceStatus
    for client_id, code, valid_from in conn.execute(
        select(st.client_id, st.code, st.valid_from).order_by(st.valid_from, st.id)
    ):
        histories.setdefault(client_id, []).append(StatusEntry(code, valid_from))
    k = models.Client
    with_case = select(models.Case.client_id)
    found = []
    for client_id, language, arrival, permanent in conn.execute(
        select(k.id, k.language, k.arrival_date, k.permanent_since)
        .where(k.id.not_in(with_case))
        .order_by(k.id)
    ):
        history = tuple(histories.get(client_id, ()))
        entry = status_on(history, today)
        if entry is None:
            continue
        if not assess_eligibility(history, arrival, permanent, today, table).case_allowed:
            continue
        since = max(entry.valid_from, arrival or entry.valid_from)
        found.append(_Candidate(client_id, language, since, history, arrival, permanent))
    return found


def _last_ids(conn: Connection) -> dict[str, int]:
    return {
        model.__tablename__: conn.scalar(select(func.max(model.id))) or 0  # type: ignore[attr-defined]
        for model in Batch.ORDER
        if model is not models.ReviewGoalState
    }


def _office_reminders(conn: Connection, staff: Staff, today: dt.date) -> None:
    """Reminders without a client: two due, one already done."""
    rows = [
        (today + dt.timedelta(days=2), texts.OFFICE_REMINDERS[0], staff.lead, None),
        (today + dt.timedelta(days=9), texts.OFFICE_REMINDERS[1], staff.counsellor, None),
        (today - dt.timedelta(days=5), texts.REMINDER_TEXTS[0], staff.counsellor, today),
    ]
    conn.execute(
        insert(models.ReminderRow),
        [
            {"due": due, "text": text, "counsellor_id": who, "done_on": done, "created_by": who}
            for due, text, who, done in rows
        ],
    )


def _assign(
    stories: list[list[CaseSpec]], candidates: Sequence[_Candidate], rng: random.Random
) -> list[tuple[list[CaseSpec], _Candidate]]:
    """Give each story a client who could get a case on its first start; the earliest
    starts choose first. A story no client fits is left out."""
    pool = sorted(candidates, key=lambda c: (c.since, c.client_id))
    since = [c.since for c in pool]
    chosen: list[tuple[int, list[CaseSpec], _Candidate]] = []
    for index in sorted(range(len(stories)), key=lambda i: (stories[i][0].start, i)):
        fitting = bisect.bisect_right(since, stories[index][0].start)
        if fitting:
            pick = rng.randrange(fitting)
            since.pop(pick)
            chosen.append((index, stories[index], pool.pop(pick)))
    chosen.sort(key=lambda item: item[0])  # back in story order: specials first
    return [(specs, client) for _index, specs, client in chosen]


def _finish(
    specs: list[CaseSpec], client: _Candidate, counsellor: int, table: StatusTable
) -> list[CaseSpec]:
    """Fill in client and counsellor; a written need where the start date requires one."""
    done = []
    for spec in specs:
        elig = assess_eligibility(
            client.history, client.arrival, client.permanent_since, spec.start, table
        )
        need = texts.WRITTEN_NEED if elig.case_needs_written_need else ""
        done.append(
            dataclasses.replace(
                spec,
                client_id=client.client_id,
                language=client.language,
                counsellor_id=counsellor,
                written_need=need,
            )
        )
    return done


def _tidy_clients(conn: Connection, chunk: Sequence[list[CaseSpec]], old_contacts: int) -> None:
    """The client's counsellor is the case's; earlier demo contacts inside a case become
    plain contacts (the case's own initial consultation is written with it)."""
    c, k = models.Contact, models.Client
    firsts = [specs[0] for specs in chunk]
    conn.execute(
        update(k).where(k.id == bindparam("cid")).values(counsellor_id=bindparam("uid")),
        [{"cid": s.client_id, "uid": s.counsellor_id} for s in firsts],
    )
    conn.execute(
        update(c)
        .where(c.client_id == bindparam("cid"), c.date >= bindparam("since"), c.id <= old_contacts)
        .values(kind="contact", outcome=None, written_need=""),
        [{"cid": s.client_id, "since": s.start} for s in firsts],
    )


def _set_part_time_share(
    conn: Connection, part_timer: int, cases: Sequence[list[CaseSpec]], today: dt.date, key: int
) -> None:
    """A post share just below the persons this year, so this counsellor is over the key."""
    persons = {
        s.client_id
        for specs in cases
        for s in specs
        if s.counsellor_id == part_timer
        and active_in_year(
            CaseSpan(s.client_id, part_timer, s.start, s.closed_on if s.closed_now else None),
            today.year,
        )
    }
    steps = ((Decimal(len(persons) - 1) / key) * 20).to_integral_value(ROUND_FLOOR)
    share = max(Decimal("0.05"), min(PART_TIME_MAX, steps / 20))
    conn.execute(update(models.User).where(models.User.id == part_timer).values(post_share=share))
