"""Merging two records of the same person into one, in one transaction.

Every status, contact and consent of the removed record moves to the kept one
(nothing is deduplicated, nothing lost); so do its family members and languages,
and other clients' links to it. A language both records list keeps the higher
level; a relative listed by both records stays once; a link between the two
records themselves goes. The removed record and its name keys are deleted; the
kept record's search text and name keys are rebuilt.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session as OrmSession

from app.domain.audit import AuditAction, AuditEntity
from app.domain.client import ClientDraft, ClientRow, validate_client
from app.domain.family import higher_level
from app.domain.merge import (
    MergePreview,
    MergeRequest,
    MergeSide,
    check_pair,
    check_request,
    display_values,
    history_error,
    merged_values,
)
from app.errors import FieldErrors, UsageError
from app.i18n import _
from app.services.audit import log
from app.services.client_records import client_row
from app.services.clients import index_client, row_of
from app.services.session import OfficeSession
from app.storage import models

History = type[models.ResidenceStatus] | type[models.Contact] | type[models.Consent]
_HISTORY: tuple[History, ...] = (models.ResidenceStatus, models.Contact, models.Consent)


@dataclass(frozen=True)
class MergeResult:
    """The merged record and a trace without personal data: which number went, what moved."""

    kept: ClientRow
    removed_number: str
    moved_statuses: int
    moved_contacts: int
    moved_consents: int
    moved_family: int = 0
    moved_languages: int = 0
    moved_cases: int = 0


def _values(client: models.Client) -> ClientDraft:
    return ClientDraft(
        family_name=client.family_name,
        given_name=client.given_name,
        birth_date=client.birth_date,
        birth_year_only=client.birth_year_only,
        sex=client.sex,
        nationality=client.nationality,
        language=client.language,
        arrival_date=client.arrival_date,
        permanent_since=client.permanent_since,
        counsellor_id=client.counsellor_id,
    )


def _count(orm: OrmSession, table: History, client_id: int) -> int:
    return orm.scalar(select(func.count()).where(table.client_id == client_id)) or 0


def _side(orm: OrmSession, client: models.Client, counsellors: dict[int, str]) -> MergeSide:
    values = _values(client)
    statuses, contacts, consents = (_count(orm, t, client.id) for t in _HISTORY)
    return MergeSide(
        id=client.id,
        number=client.number,
        values=values,
        display=display_values(values, counsellors),
        statuses=statuses,
        contacts=contacts,
        consents=consents,
    )


def merge_preview(session: OfficeSession, keep_id: int, remove_id: int) -> MergePreview:
    """Both records side by side, with how much history each has."""
    check_pair(keep_id, remove_id)
    with session.orm() as orm:
        keep = client_row(orm, keep_id)
        remove = client_row(orm, remove_id)
        counsellors = {
            uid: name for uid, name in orm.execute(select(models.User.id, models.User.display_name))
        }
        return MergePreview(_side(orm, keep, counsellors), _side(orm, remove, counsellors))


def _earliest_entry(orm: OrmSession, ids: tuple[int, int]) -> dt.date | None:
    dates = [
        orm.scalar(
            select(func.min(models.ResidenceStatus.valid_from)).where(
                models.ResidenceStatus.client_id.in_(ids)
            )
        ),
        orm.scalar(select(func.min(models.Contact.date)).where(models.Contact.client_id.in_(ids))),
    ]
    known = [d for d in dates if d is not None]
    return min(known) if known else None


def merge_clients(
    session: OfficeSession, request: MergeRequest, today: dt.date | None = None
) -> MergeResult:
    """Merge ``request.remove_id`` into ``request.keep_id``; all or nothing.

    FieldErrors (by field) if the chosen values do not fit together, or the chosen
    date of birth lies after a status or contact of either record.
    """
    check_request(request)
    with session.orm() as orm, orm.begin():
        keep = client_row(orm, request.keep_id)
        remove = client_row(orm, request.remove_id)
        values = validate_client(
            merged_values(_values(keep), _values(remove), request.choices),
            today or dt.date.today(),
        )
        problem = history_error(values.birth_date, _earliest_entry(orm, (keep.id, remove.id)))
        if problem:
            raise FieldErrors({"birth_date": problem})
        moved = []
        for table in _HISTORY:
            moved.append(_count(orm, table, remove.id))
            orm.execute(update(table).where(table.client_id == remove.id).values(client_id=keep.id))
        moved_cases = _move_cases(orm, keep.id, remove.id)
        moved_family = _move_family(orm, keep.id, remove.id)
        moved_languages = _move_languages(orm, keep.id, remove.id)
        removed_number = remove.number
        orm.execute(delete(models.ClientNameKey).where(models.ClientNameKey.client_id == remove.id))
        orm.delete(remove)
        orm.flush()
        keep.family_name = values.family_name
        keep.given_name = values.given_name
        keep.birth_date = values.birth_date
        keep.birth_year_only = values.birth_year_only
        keep.sex = values.sex
        keep.nationality = values.nationality
        keep.language = values.language
        keep.arrival_date = values.arrival_date
        keep.permanent_since = values.permanent_since
        keep.counsellor_id = values.counsellor_id
        keep.updated_by = session.user.id
        keep.updated_at = models.utcnow()
        index_client(orm, keep)
        log(orm, session.user.id, AuditAction.MERGE, AuditEntity.CLIENT, keep.id)
        log(orm, session.user.id, AuditAction.DELETE, AuditEntity.CLIENT, request.remove_id)
        orm.flush()
        return MergeResult(
            row_of(keep),
            removed_number,
            moved[0],
            moved[1],
            moved[2],
            moved_family,
            moved_languages,
            moved_cases,
        )


def _move_cases(orm: OrmSession, keep_id: int, remove_id: int) -> int:
    """Move cases and hand-set reminders; refused when both records have an open case."""
    case = models.Case
    open_count = orm.scalar(
        select(func.count()).where(
            case.client_id.in_((keep_id, remove_id)), case.closed_on.is_(None)
        )
    )
    if (open_count or 0) > 1:
        raise UsageError(
            _(
                "Beide Datensätze haben eine laufende Integrationsbegleitung. Bitte zuerst "
                "einen der beiden Fälle abschließen, dann zusammenführen."
            )
        )
    moved = orm.scalar(select(func.count()).where(case.client_id == remove_id)) or 0
    orm.execute(update(case).where(case.client_id == remove_id).values(client_id=keep_id))
    reminder = models.ReminderRow
    orm.execute(update(reminder).where(reminder.client_id == remove_id).values(client_id=keep_id))
    return moved


def _move_family(orm: OrmSession, keep_id: int, remove_id: int) -> int:
    """Move the removed record's relatives and others' links to it; returns how many moved."""
    table = models.FamilyMember
    moved = orm.scalar(select(func.count()).where(table.client_id == remove_id)) or 0
    orm.execute(update(table).where(table.client_id == remove_id).values(client_id=keep_id))
    orm.execute(
        update(table).where(table.linked_client_id == remove_id).values(linked_client_id=keep_id)
    )
    # The two records listed each other: that link would now point at the person itself.
    orm.execute(delete(table).where(table.client_id == keep_id, table.linked_client_id == keep_id))
    # One relative linked twice (from both records, or to both records): keep the first entry.
    seen: set[tuple[int, int | None]] = set()
    rows = orm.execute(
        select(table.id, table.client_id, table.linked_client_id)
        .where(table.linked_client_id.is_not(None))
        .where((table.client_id == keep_id) | (table.linked_client_id == keep_id))
        .order_by(table.id)
    ).all()
    for row_id, client_id, linked_id in rows:
        if (client_id, linked_id) in seen:
            orm.execute(delete(table).where(table.id == row_id))
        seen.add((client_id, linked_id))
    return moved


def _move_languages(orm: OrmSession, keep_id: int, remove_id: int) -> int:
    """Move the removed record's languages; one both list keeps the higher level."""
    table = models.ClientLanguage
    kept = {
        row.language: row for row in orm.scalars(select(table).where(table.client_id == keep_id))
    }
    moved = 0
    for row in orm.scalars(select(table).where(table.client_id == remove_id)).all():
        same = kept.get(row.language)
        if same is None:
            row.client_id = keep_id
        else:
            same.level = higher_level(same.level, row.level)
            orm.delete(row)
        moved += 1
    orm.flush()
    return moved
