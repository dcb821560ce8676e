"""SQL conditions for :class:`ClientFilter`, kept apart from the search itself."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ColumnElement, and_, exists, func, or_, select, true
from sqlalchemy.orm import aliased

from app.domain.client_filter import ClientFilter
from app.domain.residence import STATUS_CODES, StatusTable, TargetGroupClass
from app.storage import models


def _current_code(today: dt.date) -> ColumnElement[str]:
    """The code of the status each client holds today (latest valid_from, then latest entry)."""
    r = aliased(models.ResidenceStatus)
    return (
        select(r.code)
        .where(r.client_id == models.Client.id, r.valid_from <= today)
        .order_by(r.valid_from.desc(), r.id.desc())
        .limit(1)
        .scalar_subquery()
    )


def filter_condition(flt: ClientFilter, table: StatusTable, today: dt.date) -> ColumnElement[bool]:
    conditions: list[ColumnElement[bool]] = []
    if flt.target_class is not None:
        codes = [c for c in STATUS_CODES if table.classify(c) is flt.target_class]
        current = _current_code(today)
        if flt.target_class is TargetGroupClass.UNKNOWN:
            conditions.append(or_(current.is_(None), current.in_(codes)))
        else:
            conditions.append(current.in_(codes))
    running = exists().where(
        models.Case.client_id == models.Client.id, models.Case.closed_on.is_(None)
    )
    if flt.counsellor_id is not None:
        conditions.append(
            or_(
                models.Client.counsellor_id == flt.counsellor_id,
                running.where(models.Case.counsellor_id == flt.counsellor_id),
            )
        )
    if flt.open_case is not None:
        conditions.append(running if flt.open_case else ~running)
    if flt.offer is not None:
        conditions.append(
            exists().where(
                models.Contact.client_id == models.Client.id,
                models.Contact.outcome == flt.offer.value,
            )
        )
    if flt.language:
        conditions.append(func.lower(models.Client.language) == flt.language.strip().lower())
    return and_(true(), *conditions)
