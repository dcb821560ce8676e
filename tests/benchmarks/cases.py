"""Case-management benchmarks on a demo office with 3,000 open cases.

    .venv/bin/python tests/benchmarks/cases.py      (also part of ``make bench``)

Rows, each against the same queries written by hand in SQL on the same file:
- the case page of a case with three years of history (200 contacts, 30 goals,
  12 reviews): ``case_details``, target <= 150 ms;
- the dashboard of the counsellor with the most cases and the reminder page of the
  whole office: ``dashboard`` and ``reminders``, target <= 300 ms each;
- saving a goal or a step: ``add_goal``, ``update_goal``, ``add_step``, target <= 50 ms.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import gc
import random
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import _median, _p95, _print_table

Row = tuple[str, str, str, str, str]
OPEN_CASES = 3000
TODAY = dt.date.today()

CASE_PAGE_SQL = (
    "SELECT c.*, k.number, k.family_name, k.given_name FROM cases c "
    "JOIN clients k ON k.id = c.client_id WHERE c.id = :id",
    "SELECT next_review FROM case_reviews WHERE case_id = :id ORDER BY date DESC, id DESC LIMIT 1",
    "SELECT id, display_name FROM users",
    "SELECT * FROM case_events WHERE case_id = :id ORDER BY at, id",
    "SELECT * FROM contacts WHERE client_id = :client AND date >= :start "
    "ORDER BY date DESC, id DESC",
    "SELECT * FROM case_assessments WHERE case_id = :id",
    "SELECT * FROM case_goals WHERE case_id = :id ORDER BY position, id",
    "SELECT s.* FROM goal_steps s JOIN case_goals g ON g.id = s.goal_id WHERE g.case_id = :id "
    "ORDER BY s.position, s.id",
    "SELECT id, name FROM partners",
    "SELECT * FROM case_reviews WHERE case_id = :id ORDER BY date DESC, id DESC",
    "SELECT s.* FROM review_goal_states s JOIN case_reviews r ON r.id = s.review_id "
    "WHERE r.case_id = :id",
    "SELECT r.*, p.name, p.kind FROM referrals r JOIN partners p ON p.id = r.partner_id "
    "WHERE r.case_id = :id ORDER BY r.date DESC, r.id DESC",
)


def _reminder_sql(mine: str = "") -> tuple[str, ...]:
    """What ``reminders`` reads; ``mine`` narrows it to one counsellor (``:user``)."""
    cases = "SELECT {} FROM cases WHERE closed_on IS NULL" + (
        " AND counsellor_id = :user" if mine else ""
    )
    open_ids, open_clients = cases.format("id"), cases.format("client_id")
    return (
        "SELECT key, value FROM settings",
        "SELECT c.id, c.client_id, c.counsellor_id, c.start, c.planned_end, k.number, "
        "k.family_name, k.given_name FROM cases c JOIN clients k ON k.id = c.client_id "
        f"WHERE c.id IN ({open_ids})",
        "SELECT r.case_id, r.next_review FROM case_reviews r JOIN (SELECT case_id, "
        f"max(date) AS last FROM case_reviews WHERE case_id IN ({open_ids}) GROUP BY case_id) l "
        "ON r.case_id = l.case_id AND r.date = l.last ORDER BY r.id",
        "SELECT g.case_id, s.id, s.text, s.due FROM goal_steps s "
        f"JOIN case_goals g ON g.id = s.goal_id WHERE g.case_id IN ({open_ids}) "
        "AND s.done_on IS NULL AND s.due IS NOT NULL",
        "SELECT client_id, given_on, withdrawn_on FROM consents "
        f"WHERE client_id IN ({open_clients}) AND kind = 'processing'",
        "SELECT client_id, code, valid_from FROM residence_status "
        f"WHERE client_id IN ({open_clients}) ORDER BY valid_from, id",
        "SELECT m.*, k.number, k.family_name, k.given_name FROM reminders m "
        "LEFT JOIN clients k ON k.id = m.client_id WHERE m.done_on IS NULL"
        + (" AND m.counsellor_id = :user" if mine else ""),
    )


REMINDER_SQL = _reminder_sql()
DASHBOARD_SQL = (
    *_reminder_sql(mine="yes"),
    "SELECT client_id, counsellor_id, start, closed_on FROM cases",
    "SELECT id, display_name, post_share FROM users WHERE active = 1",
    "SELECT c.*, k.number, k.family_name, k.given_name FROM cases c "
    "JOIN clients k ON k.id = c.client_id WHERE c.closed_on IS NULL AND c.counsellor_id = :user "
    "ORDER BY c.planned_end, c.id",
    "SELECT r.case_id, r.next_review, r.id FROM case_reviews r JOIN (SELECT case_id, max(date) "
    "AS last FROM case_reviews WHERE case_id IN (SELECT id FROM cases WHERE closed_on IS NULL "
    "AND counsellor_id = :user) GROUP BY case_id) l ON r.case_id = l.case_id AND r.date = l.last "
    "ORDER BY r.id",
)


def _sql(conn: Any, statements: tuple[str, ...], **params: object) -> None:
    from sqlalchemy import text

    for statement in statements:
        conn.execute(text(statement), params).all()


def _alternate(
    rounds: int, ours: Callable[[], object], theirs: Callable[[], object]
) -> tuple[list[float], list[float]]:
    """Time both in turn, so load from elsewhere hits both alike; one warm-up each."""
    ours()
    theirs()
    a, b = [], []
    for _ in range(rounds):
        t0 = time.perf_counter()
        ours()
        a.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        theirs()
        b.append(time.perf_counter() - t0)
    return a, b


def _row(label: str, ours: list[float], base: list[float], what: str, target: str) -> Row:
    def ms(samples: list[float]) -> str:
        return f"{_median(samples) * 1000:.1f} / {_p95(samples) * 1000:.1f} ms"

    ratio = f"{_median(ours) / _median(base):.2f}"
    return (f"{label}: median / p95", ms(ours), f"{ms(base)} ({what})", ratio, target)


def _busy_case(session: Any) -> tuple[int, list[float], list[float]]:
    """A case started almost three years ago, built through the services: 200 contacts,
    30 goals with two steps each, 12 reviews, referrals. Returns the case id and the
    times of its add_goal and add_step calls."""
    from app.domain.case import (
        CaseDraft,
        GoalDraft,
        GoalState,
        ReferralDraft,
        Responsible,
        ReviewDraft,
        StepDraft,
    )
    from app.domain.client import ClientDraft
    from app.domain.counselling import ContactDraft, ContactForm, ContactKind
    from app.domain.eligibility import add_years
    from app.domain.residence import StatusEntry
    from app.services.case_plan import add_goal, add_review, add_step
    from app.services.cases import open_case
    from app.services.client_records import add_status, record_contact
    from app.services.clients import add_client
    from app.services.partners import add_referral, partners

    start = add_years(TODAY + dt.timedelta(days=21), -3)  # 20 days before its limit
    arrival = start - dt.timedelta(days=100)
    draft = ClientDraft("Langzeit", "Amira", dt.date(1984, 5, 17), sex="f", nationality="SYR")
    client = add_client(session, dataclasses.replace(draft, arrival_date=arrival, language="ar"))
    add_status(session, client.id, StatusEntry("h25_2", arrival))
    case = open_case(session, client.id, CaseDraft(start, session.user.id), TODAY)
    span = (TODAY - start).days
    for n in range(200):
        day = start + dt.timedelta(days=span * n // 199)
        contact = ContactDraft(ContactKind.CONTACT, day, 45, ContactForm.IN_PERSON)
        record_contact(session, client.id, contact, TODAY)
    areas = ["language", "work", "housing", "education", "finance", "residence"]
    goal_times, step_times, goals = [], [], []
    for n in range(30):
        target = start + dt.timedelta(days=60 + 30 * n)
        t0 = time.perf_counter()
        goal = add_goal(session, case.id, GoalDraft(areas[n % 6], f"Ziel {n + 1}", target), TODAY)
        goal_times.append(time.perf_counter() - t0)
        goals.append(goal)
        for who in (Responsible.CLIENT, Responsible.COUNSELLOR):
            step = StepDraft(f"Schritt zu Ziel {n + 1}", who, due=target, done_on=None)
            t0 = time.perf_counter()
            add_step(session, goal, step, TODAY)
            step_times.append(time.perf_counter() - t0)
    for n in range(1, 13):
        day = start + dt.timedelta(days=88 * n)
        states = {g: GoalState.IN_PROGRESS if n < 8 else GoalState.DONE for g in goals}
        upcoming = min(day + dt.timedelta(days=88), case.planned_end)
        add_review(session, case.id, ReviewDraft(day, f"Überprüfung {n}", states, upcoming), TODAY)
    for n, partner in enumerate(partners(session)[:5]):
        referral = ReferralDraft(partner.id, start + dt.timedelta(days=40 * (n + 1)), "work")
        add_referral(session, case.id, referral, TODAY)
    return case.id, goal_times, step_times


def _case_of_goal(conn: Any, goal: int) -> int:
    """What the service reads first when a goal changes: its case, and that case's row."""
    from sqlalchemy import text

    cid = conn.execute(text("SELECT case_id FROM case_goals WHERE id = :g"), {"g": goal}).scalar()
    conn.execute(text("SELECT * FROM cases WHERE id = :c"), {"c": cid}).one()
    return int(cid)


def _touch_case(conn: Any, cid: int) -> None:
    from sqlalchemy import text

    conn.execute(
        text("UPDATE cases SET updated_at = :t, updated_by = 1 WHERE id = :c"),
        {"c": cid, "t": dt.datetime.now()},
    )


def _save_rows(session: Any, engine: Any, case_ids: list[int], busy: tuple) -> list[Row]:
    """add_goal, update_goal and add_step on open cases of the demo, against the same
    statements by hand in one transaction each (including the commit)."""
    from sqlalchemy import text

    from app.domain.case import GoalDraft, GoalState, StepDraft
    from app.services.case_plan import add_goal, add_step, update_goal

    rng = random.Random(11)
    picks = rng.sample(case_ids, 60)
    made: list[int] = []

    def goal_ours() -> None:
        cid = picks[len(made) % len(picks)]
        made.append(add_goal(session, cid, GoalDraft("work", "Praktikum finden"), TODAY))

    def goal_sql() -> None:
        cid = picks[len(made) % len(picks)]
        with engine.begin() as conn:
            conn.execute(text("SELECT * FROM cases WHERE id = :c"), {"c": cid}).one()
            last = conn.execute(
                text("SELECT max(position) FROM case_goals WHERE case_id = :c"), {"c": cid}
            ).scalar()
            conn.execute(
                text(
                    "INSERT INTO case_goals (case_id, life_area, text, state, position, "
                    "rating_note, created_at, created_by, updated_at, updated_by) VALUES "
                    "(:c, 'work', 'Praktikum finden', 'open', :p, '', :t, 1, :t, 1)"
                ),
                {"c": cid, "p": (last or 0) + 1, "t": dt.datetime.now()},
            )
            _touch_case(conn, cid)

    rows = [_row("save: add_goal", *_alternate(40, goal_ours, goal_sql), "SQL", "<= 50 ms")]
    edited = GoalDraft("work", "Praktikum im Handwerk finden", None, GoalState.IN_PROGRESS)

    def update_ours() -> None:
        update_goal(session, rng.choice(made), edited, TODAY)

    def update_sql() -> None:
        goal = rng.choice(made)
        with engine.begin() as conn:
            cid = _case_of_goal(conn, goal)
            conn.execute(
                text("UPDATE case_goals SET text = :x, state = 'in_progress' WHERE id = :g"),
                {"g": goal, "x": edited.text},
            )
            _touch_case(conn, cid)

    rows.append(
        _row("save: update_goal", *_alternate(40, update_ours, update_sql), "SQL", "<= 50 ms")
    )
    step = StepDraft("Bewerbung schreiben", due=TODAY + dt.timedelta(days=14))

    def step_ours() -> None:
        add_step(session, rng.choice(made), step, TODAY)

    def step_sql() -> None:
        goal = rng.choice(made)
        with engine.begin() as conn:
            cid = _case_of_goal(conn, goal)
            last = conn.execute(
                text("SELECT max(position) FROM goal_steps WHERE goal_id = :g"), {"g": goal}
            ).scalar()
            conn.execute(
                text(
                    "INSERT INTO goal_steps (goal_id, text, responsible, due, position, "
                    "created_at, created_by, updated_at, updated_by) VALUES "
                    "(:g, :x, 'client', :d, :p, :t, 1, :t, 1)"
                ),
                {
                    "g": goal,
                    "x": step.text,
                    "d": step.due,
                    "p": (last or 0) + 1,
                    "t": dt.datetime.now(),
                },
            )
            _touch_case(conn, cid)

    rows.append(_row("save: add_step", *_alternate(40, step_ours, step_sql), "SQL", "<= 50 ms"))
    _case_id, goal_times, step_times = busy
    rows.append(
        (
            "  same on the 3-year case: add_goal / add_step",
            f"{_median(goal_times) * 1000:.1f} / {_median(step_times) * 1000:.1f} ms (median)",
            "",
            "",
            "<= 50 ms",
        )
    )
    return rows


@contextlib.contextmanager
def _gc_as_in_app(off: bool) -> Iterator[None]:
    """Automatic cyclic collection off, as on the app's worker thread (the GUI thread
    collects there; here it happens before and after, outside the timings)."""
    if not off:
        yield
        return
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect()


def bench_cases(open_cases: int = OPEN_CASES) -> list[Row]:
    from sqlalchemy import func, select

    from app.paths import OfficePaths
    from app.services.cases import case_details
    from app.services.dashboard import dashboard
    from app.services.demo import DEMO_COUNSELLOR, DEMO_PASSPHRASE, create_demo
    from app.services.demo_phases import persons_for_open
    from app.services.reminders import reminders
    from app.services.session import unlock
    from app.storage import models
    from app.storage.engine import open_engine
    from app.storage.keyring import KdfParams

    rows: list[Row] = []
    persons = persons_for_open(open_cases)
    with tempfile.TemporaryDirectory() as tmp:
        paths = OfficePaths(Path(tmp) / "cases")
        t0 = time.perf_counter()
        made = create_demo(
            paths, clients=2 * persons, seed=3, kdf=KdfParams(8192, 1), cases=persons
        )
        built = time.perf_counter() - t0
        session = unlock(paths, DEMO_COUNSELLOR, DEMO_PASSPHRASE)  # the most cases
        with session.orm() as orm:
            goals = orm.scalar(select(func.count()).select_from(models.Goal))
            open_ids = list(
                orm.scalars(
                    select(models.Case.id)
                    .where(models.Case.closed_on.is_(None))
                    .where(models.Case.planned_end > TODAY)
                )
            )
        rows.append(
            (
                f"demo office built: {made.clients} clients, {made.cases} cases "
                f"({made.open_cases} open), {goals} goals",
                f"{built:.0f} s",
                "",
                "",
                "",
            )
        )
        busy = _busy_case(session)
        reader = open_engine(paths.database, session.data_key, readonly=True)
        case_id = busy[0]
        with reader.connect() as conn:
            first = conn.exec_driver_sql(
                "SELECT client_id, start FROM cases WHERE id = ?", (case_id,)
            ).one()
            ours, base = _alternate(
                30,
                lambda: case_details(session, case_id, TODAY),
                lambda: _sql(conn, CASE_PAGE_SQL, id=case_id, client=first[0], start=first[1]),
            )
            rows.append(
                _row(
                    "case page, 3 years (200 contacts, 30 goals, 12 reviews)",
                    ours,
                    base,
                    "SQL",
                    "<= 150 ms",
                )
            )
            count = len(reminders(session, today=TODAY))
            mine = len(dashboard(session, TODAY).open_cases)
            for app_like in (True, False):
                # In the app, services run on the worker thread with automatic cyclic
                # collection off (ui.operations.MainThreadGarbageCollector); the GC-on
                # rows show what collection pauses would add.
                gc_note = "" if app_like else ", GC on (for comparison)"
                with _gc_as_in_app(app_like):
                    ours, base = _alternate(
                        15,
                        lambda: reminders(session, today=TODAY),
                        lambda: _sql(conn, REMINDER_SQL),
                    )
                    rows.append(
                        _row(
                            f"reminder page, all counsellors ({count} reminders{gc_note})",
                            ours,
                            base,
                            "SQL",
                            "<= 300 ms" if app_like else "",
                        )
                    )
                    ours, base = _alternate(
                        15,
                        lambda: dashboard(session, TODAY),
                        lambda: _sql(conn, DASHBOARD_SQL, user=session.user.id),
                    )
                    rows.append(
                        _row(
                            f"dashboard ({mine} own open cases{gc_note})",
                            ours,
                            base,
                            "SQL",
                            "<= 300 ms" if app_like else "",
                        )
                    )
        reader.dispose()
        rows += _save_rows(session, session.engine, open_ids, busy)
        session.close()
    return rows


if __name__ == "__main__":
    _print_table(bench_cases())
