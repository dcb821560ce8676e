"""The start page (Übersicht): my reminders, my open cases, caseload against the key."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from app import config
from app.domain.case import CaseSummary
from app.domain.caseload import Caseload, CaseSpan, caseload
from app.domain.reminders import Reminder
from app.services.cases import open_cases
from app.services.reminders import reminders
from app.services.session import OfficeSession
from app.services.settings import get_setting
from app.storage import models


@dataclass(frozen=True)
class Dashboard:
    today: dt.date
    reminders: tuple[Reminder, ...]  # mine, due this week or earlier
    open_cases: tuple[CaseSummary, ...]  # mine
    caseload: Caseload
    counsellors: dict[int, str]  # id -> name, for the caseload rows


def office_caseload(session: OfficeSession, year: int) -> tuple[Caseload, dict[int, str]]:
    key = get_setting(session, config.STAFFING_KEY)
    with session.orm() as orm:
        c = models.Case
        spans = [
            CaseSpan(*row)
            for row in orm.execute(select(c.client_id, c.counsellor_id, c.start, c.closed_on))
        ]
        users = orm.scalars(select(models.User)).all()
        # Everyone who carried cases keeps a name; only active users hold posts (a case
        # left with a former colleague shows as load without a post, to be handed over).
        names = {u.id: u.display_name for u in users}
        shares = {u.id: u.post_share for u in users if u.active}
    return caseload(spans, year, session.office.full_time_posts, shares, key), names


def dashboard(session: OfficeSession, today: dt.date | None = None) -> Dashboard:
    day = today or dt.date.today()
    week_end = day + dt.timedelta(days=6 - day.weekday())
    mine = [r for r in reminders(session, session.user.id, day) if r.due <= week_end]
    load, names = office_caseload(session, day.year)
    return Dashboard(
        today=day,
        reminders=tuple(mine),
        open_cases=tuple(open_cases(session, session.user.id)),
        caseload=load,
        counsellors=names,
    )
