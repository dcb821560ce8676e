"""Writing and reading the audit trail (Protokoll). Entries name records by id, never content."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session as OrmSession

from app.domain.audit import (
    GENESIS,
    AuditAction,
    AuditEntity,
    AuditLine,
    AuditQuery,
    AuditRecord,
    entry_hash,
    first_break,
)
from app.domain.office import Role
from app.errors import AccessDenied
from app.i18n import _
from app.storage import models

if TYPE_CHECKING:
    from app.services.session import OfficeSession


def log(
    orm: OrmSession,
    user_id: int | None,
    action: AuditAction,
    entity: AuditEntity,
    entity_id: int | None = None,
) -> None:
    """Append an entry inside the caller's write transaction (which serialises writers)."""
    a = models.AuditEntry
    last = orm.execute(select(a.id, a.hash).order_by(a.id.desc()).limit(1)).first()
    entry_id, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
    at = models.utcnow()
    orm.add(
        a(
            id=entry_id,
            at=at,
            user_id=user_id,
            action=action.value,
            entity=entity.value,
            entity_id=entity_id,
            prev_hash=prev,
            hash=entry_hash(prev, entry_id, at, user_id, action.value, entity.value, entity_id),
        )
    )
    orm.flush()


def record(
    session: OfficeSession, action: AuditAction, entity: AuditEntity, entity_id: int | None = None
) -> None:
    """An entry in a transaction of its own (opening a record, printing, exporting)."""
    with session.orm() as orm, orm.begin():
        log(orm, session.user.id, action, entity, entity_id)


def _records(conn: Connection | OrmSession) -> list[AuditRecord]:
    a = models.AuditEntry
    rows = conn.execute(
        select(
            a.id, a.at, a.user_id, a.action, a.entity, a.entity_id, a.prev_hash, a.hash
        ).order_by(a.id)
    )
    return [AuditRecord(*row) for row in rows]


def chain_break(conn: Connection) -> tuple[int, int | None]:
    """(number of entries, id of the first broken one or None)."""
    records = _records(conn)
    return len(records), first_break(records)


def _require_lead(session: OfficeSession) -> None:
    if session.user.role is not Role.LEAD:
        raise AccessDenied(_("Das Protokoll kann nur die Leitung einsehen."))


def audit_lines(session: OfficeSession, query: AuditQuery, limit: int = 5000) -> list[AuditLine]:
    """Entries for the lead's viewer, newest first."""
    _require_lead(session)
    a = models.AuditEntry
    stmt = select(a, models.User.display_name).outerjoin(models.User, models.User.id == a.user_id)
    if query.user_id is not None:
        stmt = stmt.where(a.user_id == query.user_id)
    if query.entity is not None:
        stmt = stmt.where(a.entity == query.entity.value)
    if query.entity_id is not None:
        stmt = stmt.where(a.entity_id == query.entity_id)
    if query.since is not None:
        stmt = stmt.where(a.at >= dt.datetime.combine(query.since, dt.time()))
    if query.until is not None:
        stmt = stmt.where(a.at < dt.datetime.combine(query.until, dt.time()) + dt.timedelta(1))
    with session.orm() as orm:
        rows = orm.execute(stmt.order_by(a.id.desc()).limit(limit))
        return [
            AuditLine(e.at, name or "", AuditAction(e.action), AuditEntity(e.entity), e.entity_id)
            for e, name in rows
        ]


def audit_csv(session: OfficeSession, query: AuditQuery) -> bytes:
    """The trail for a data-protection officer: semicolon CSV, UTF-8 with BOM (German Excel),
    with each entry's hash so the chain can be checked outside Lotse."""
    _require_lead(session)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["id", "zeit_utc", "benutzer_id", "aktion", "objekt", "objekt_id",
                     "vorheriger_hash", "hash"])  # fmt: skip
    with session.orm() as orm:
        for r in _records(orm):
            if query.since is not None and r.at.date() < query.since:
                continue
            if query.until is not None and r.at.date() > query.until:
                continue
            at = r.at.isoformat(timespec="microseconds")
            row = [r.id, at, r.user_id or "", r.action, r.entity, r.entity_id or ""]
            writer.writerow([*row, r.prev_hash, r.hash])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
