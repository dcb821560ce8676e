"""The audit trail's vocabulary and its hash chain (pure functions)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from app.i18n import N_, _

GENESIS = "0" * 64


class AuditAction(Enum):
    UNLOCK = "unlock"
    OPEN = "open"
    CREATE = "create"
    CHANGE = "change"
    DELETE = "delete"
    MERGE = "merge"
    IMPORT = "import"
    PRINT = "print"
    EXPORT = "export"
    BACKUP = "backup"
    REOPEN = "reopen"

    @property
    def label(self) -> str:
        return _(_ACTION_LABELS[self])


_ACTION_LABELS = {
    AuditAction.UNLOCK: N_("angemeldet"),
    AuditAction.OPEN: N_("geöffnet"),
    AuditAction.CREATE: N_("angelegt"),
    AuditAction.CHANGE: N_("geändert"),
    AuditAction.DELETE: N_("gelöscht"),
    AuditAction.MERGE: N_("zusammengeführt"),
    AuditAction.IMPORT: N_("importiert"),
    AuditAction.PRINT: N_("gedruckt"),
    AuditAction.EXPORT: N_("exportiert"),
    AuditAction.BACKUP: N_("gesichert"),
    AuditAction.REOPEN: N_("wieder geöffnet"),
}


class AuditEntity(Enum):
    OFFICE = "office"
    CLIENT = "client"
    CASE = "case"
    PARTNER = "partner"
    SETTINGS = "settings"
    DOCUMENT = "document"
    YEARLY_REPORT = "yearly_report"

    @property
    def label(self) -> str:
        return _(_ENTITY_LABELS[self])


_ENTITY_LABELS = {
    AuditEntity.OFFICE: N_("Beratungsstelle"),
    AuditEntity.CLIENT: N_("Klient:in"),
    AuditEntity.CASE: N_("Fall"),
    AuditEntity.PARTNER: N_("Netzwerkpartner"),
    AuditEntity.SETTINGS: N_("Einstellungen"),
    AuditEntity.DOCUMENT: N_("Dokument"),
    AuditEntity.YEARLY_REPORT: N_("Jahresmeldung"),
}


@dataclass(frozen=True)
class AuditRecord:
    id: int
    at: dt.datetime  # UTC
    user_id: int | None
    action: str
    entity: str
    entity_id: int | None
    prev_hash: str
    hash: str


def entry_hash(
    prev_hash: str,
    entry_id: int,
    at: dt.datetime,
    user_id: int | None,
    action: str,
    entity: str,
    entity_id: int | None,
) -> str:
    text = "|".join(
        (prev_hash, str(entry_id), at.isoformat(timespec="microseconds"), str(user_id), action,
         entity, str(entity_id))
    )  # fmt: skip
    return hashlib.sha256(text.encode()).hexdigest()


def first_break(records: Iterable[AuditRecord]) -> int | None:
    """The id of the first entry whose link or hash does not fit (None: the chain is whole).

    ``records`` in id order. A removed entry shows as the next one's broken link."""
    prev = GENESIS
    for r in records:
        expected = entry_hash(prev, r.id, r.at, r.user_id, r.action, r.entity, r.entity_id)
        if r.prev_hash != prev or r.hash != expected:
            return r.id
        prev = r.hash
    return None


@dataclass(frozen=True)
class AuditLine:
    at: dt.datetime  # UTC
    user: str
    action: AuditAction
    entity: AuditEntity
    entity_id: int | None


@dataclass(frozen=True)
class AuditQuery:
    user_id: int | None = None
    entity: AuditEntity | None = None
    entity_id: int | None = None
    since: dt.date | None = None
    until: dt.date | None = None
