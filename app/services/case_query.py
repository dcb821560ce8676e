"""Reading cases as summaries, shared by the case services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.sql.selectable import ScalarSelect

from app import config
from app.domain.case import CaseSummary, ClosingReason
from app.domain.case_clock import add_months
from app.domain.case_rules import check_editable
from app.errors import UsageError
from app.i18n import _
from app.services.client_records import user_names
from app.services.settings import read_setting
from app.storage import models


def next_reviews(
    orm: OrmSession | Connection, case_ids: Sequence[int] | ScalarSelect[int]
) -> dict[int, dt.date | None]:
    """The next review set by each case's latest review (cases without a review are absent);
    ``case_ids`` may be a list or a subquery."""
    r = models.Review
    latest = (
        select(r.case_id, func.max(r.date).label("last"))
        .where(r.case_id.in_(case_ids))
        .group_by(r.case_id)
        .subquery()
    )
    rows = orm.execute(
        select(r.case_id, r.next_review, r.id)
        .join(latest, (r.case_id == latest.c.case_id) & (r.date == latest.c.last))
        .order_by(r.id)
    )
    return {case_id: next_review for case_id, next_review, _id in rows}


def summary_of(
    row: models.Case,
    client: models.Client,
    names: dict[int, str],
    next_review: dt.date | None = None,
) -> CaseSummary:
    return _summary(row, client.number, client.family_name, client.given_name, names, next_review)


def _summary(
    row: models.Case,
    number: str,
    family: str,
    given: str,
    names: dict[int, str],
    next_review: dt.date | None,
) -> CaseSummary:
    return CaseSummary(
        id=row.id,
        client_id=row.client_id,
        client_number=number,
        client_name=f"{family}, {given}",
        counsellor_id=row.counsellor_id,
        counsellor=names.get(row.counsellor_id or 0, ""),
        start=row.start,
        planned_end=row.planned_end,
        closed_on=row.closed_on,
        closing_reason=ClosingReason(row.closing_reason) if row.closing_reason else None,
        written_need=row.written_need,
        next_review=next_review,
    )


def first_review(start: dt.date, planned_end: dt.date, interval_months: int) -> dt.date:
    return min(add_months(start, interval_months), planned_end)


def summaries(orm: OrmSession, rows: Sequence[models.Case], interval: int) -> list[CaseSummary]:
    names = user_names(orm)
    reviews = next_reviews(orm, [r.id for r in rows])
    k = models.Client
    # Plain rows of the three columns shown, not whole client records (a list of a
    # counsellor's open cases loads thousands).
    clients = {
        client_id: (number, family, given)
        for client_id, number, family, given in orm.connection().execute(
            select(k.id, k.number, k.family_name, k.given_name).where(
                k.id.in_({r.client_id for r in rows})
            )
        )
    }
    result = []
    for row in rows:
        upcoming = (
            reviews[row.id]
            if row.id in reviews
            else first_review(row.start, row.planned_end, interval)
        )
        result.append(_summary(row, *clients[row.client_id], names, upcoming))
    return result


def case_row(orm: OrmSession, case_id: int) -> models.Case:
    row = orm.get(models.Case, case_id)
    if row is None:
        raise UsageError(_("Dieser Fall ist nicht (mehr) gespeichert."))
    return row


def load_summary(orm: OrmSession, case_id: int) -> CaseSummary:
    interval = read_setting(orm, config.REVIEW_INTERVAL_MONTHS)
    return summaries(orm, [case_row(orm, case_id)], interval)[0]


def editable_case(orm: OrmSession, case_id: int, today: dt.date) -> CaseSummary:
    """The case's summary; UsageError when it is closed or past its end."""
    summary = load_summary(orm, case_id)
    check_editable(summary, today)
    return summary
