"""Clients: create, search as you type, and the duplicate check.

Search and duplicate check read derived columns (``search_text``) and the
``client_name_keys`` table; :func:`reindex` rebuilds both when the matcher's
rules change (``INDEX_VERSION``), so stored keys never disagree with the code.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from itertools import combinations

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session as OrmSession

from app.domain.audit import AuditAction, AuditEntity
from app.domain.client import ClientDraft, ClientRow, validate_client
from app.domain.client_filter import ClientFilter
from app.domain.name_matching import PersonKey, blocking_keys, match, normalise, phonetic_key
from app.services.audit import log
from app.services.client_filters import filter_condition
from app.services.client_records import status_table
from app.services.session import OfficeSession
from app.storage import models

INDEX_VERSION = 2
_INDEX_SETTING = "client_index_version"
SEARCH_LIMIT = 200


@dataclass(frozen=True)
class DuplicateCandidate:
    client: ClientRow
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class DuplicatePair:
    first: ClientRow
    second: ClientRow
    score: float
    reasons: tuple[str, ...]


def person_key(family: str, given: str, birth: dt.date | None, year_only: bool) -> PersonKey:
    return PersonKey(family, given, birth, year_only)


def search_text(row: models.Client) -> str:
    folded = [normalise(row.family_name), normalise(row.given_name)]
    parts = [*folded, row.family_name.casefold(), row.given_name.casefold(), row.number.casefold()]
    # Sound-alike spellings (Yulia/Julija/Юлия, Hussein/Hüseyin) as their phonetic keys.
    parts += [_sound(token) for name in folded for token in name.split()]
    if row.birth_date:
        parts.append(str(row.birth_date.year))
    return " ".join(parts)


def row_of(c: models.Client) -> ClientRow:
    return ClientRow(
        c.id, c.number, c.family_name, c.given_name, c.birth_date, c.nationality, c.language
    )


def index_client(orm: OrmSession, client: models.Client, fresh: bool = False) -> None:
    client.search_text = search_text(client)
    if not fresh:
        orm.execute(delete(models.ClientNameKey).where(models.ClientNameKey.client_id == client.id))
    key = person_key(
        client.family_name, client.given_name, client.birth_date, client.birth_year_only
    )
    orm.add_all(models.ClientNameKey(client_id=client.id, key=k) for k in blocking_keys(key))


def _bump(orm: OrmSession, key: str, floor: Callable[[], int]) -> int:
    """Next value of a counter kept in the settings table: never twice the same, even after
    the highest row was merged away (SQLite reuses row ids). ``floor`` seeds a new counter
    from the data of offices older than it."""
    row = orm.get(models.SettingRow, key)  # from the identity map after the first call
    if row is None:
        row = models.SettingRow(key=key, value=json.dumps(floor()))
        orm.add(row)
    value = int(json.loads(row.value)) + 1
    row.value = json.dumps(value)
    return value


def _highest_id(orm: OrmSession) -> int:
    return orm.scalar(select(func.max(models.Client.id))) or 0


def _highest_number(orm: OrmSession) -> int:
    numbers = orm.scalars(select(models.Client.number).where(models.Client.number.like("K-%")))
    return max((int(n[2:]) for n in numbers if n[2:].isdigit()), default=0)


def _next_id(orm: OrmSession) -> int:
    # A page still showing a merged-away client must never find someone else under its id.
    return _bump(orm, "last_client_id", lambda: _highest_id(orm))


def _next_number(orm: OrmSession) -> str:
    """K-00001, K-00002 …: a number is never given twice."""
    return f"K-{_bump(orm, 'last_client_number', lambda: _highest_number(orm)):05d}"


def add_client(
    session: OfficeSession, draft: ClientDraft, today: dt.date | None = None
) -> ClientRow:
    with session.orm() as orm, orm.begin():
        return row_of(insert_client(orm, session, draft, today or dt.date.today()))


def insert_client(
    orm: OrmSession, session: OfficeSession, draft: ClientDraft, today: dt.date
) -> models.Client:
    """Insert inside the caller's transaction (intake and import save several things at once)."""
    clean = validate_client(draft, today)
    client = models.Client(
        id=_next_id(orm),
        number=_next_number(orm),
        family_name=clean.family_name,
        given_name=clean.given_name,
        birth_date=clean.birth_date,
        birth_year_only=clean.birth_year_only,
        sex=clean.sex,
        nationality=clean.nationality,
        language=clean.language,
        arrival_date=clean.arrival_date,
        permanent_since=clean.permanent_since,
        counsellor_id=clean.counsellor_id,
        created_by=session.user.id,
        updated_by=session.user.id,
    )
    orm.add(client)  # the id is ours already: no flush needed before indexing
    index_client(orm, client, fresh=True)
    log(orm, session.user.id, AuditAction.CREATE, AuditEntity.CLIENT, client.id)
    return client


def search_clients(
    session: OfficeSession,
    text: str,
    limit: int = SEARCH_LIMIT,
    filters: ClientFilter | None = None,
    today: dt.date | None = None,
) -> list[ClientRow]:
    """Every word must occur in the name (any script), number or birth year.

    Ranked: words that start a name part beat words found inside one; then by name.
    ``filters`` narrow the list further (class of today's status, counsellor, offer, language).
    """
    words = [w for w in text.split() if w]
    query = select(models.Client)
    if filters is not None and not filters.empty:
        table = status_table(session)
        query = query.where(filter_condition(filters, table, today or dt.date.today()))
    word_patterns = []
    for word in words:
        folded = normalise(word)
        patterns = {_escape(word.casefold())}
        if folded:
            patterns.add(_escape(folded))
            sound = _sound(folded)
            if len(sound) >= 3:  # a two-letter sound key matches half the office
                patterns.add(_escape(sound))
        word_patterns.append(patterns)
        query = query.where(
            or_(*(models.Client.search_text.like(f"%{p}%", escape="\\") for p in patterns))
        )
    query = query.order_by(models.Client.family_name, models.Client.given_name)
    with session.orm() as orm:
        found = orm.scalars(query.limit(max(limit, RANK_WINDOW))).all()
        ranked = sorted(found, key=lambda c: -_rank(c.search_text, word_patterns))
        return [row_of(c) for c in ranked[:limit]]


RANK_WINDOW = 1000


def _rank(search_text: str, word_patterns: list[set[str]]) -> int:
    starts = " " + search_text
    return sum(any(" " + p.replace("\\", "") in starts for p in ps) for ps in word_patterns)


def _sound(token: str) -> str:
    return phonetic_key(token).casefold()


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def find_duplicates(
    session: OfficeSession, key: PersonKey, limit: int = 10, exclude_id: int | None = None
) -> list[DuplicateCandidate]:
    """Existing clients that may be the person being typed, best first."""
    keys = blocking_keys(key)
    if not keys:
        return []
    with session.orm() as orm:
        ids = select(models.ClientNameKey.client_id).where(models.ClientNameKey.key.in_(keys))
        candidates = orm.scalars(select(models.Client).where(models.Client.id.in_(ids))).all()
        found = []
        for c in candidates:
            if c.id == exclude_id:
                continue
            m = match(key, person_key(c.family_name, c.given_name, c.birth_date, c.birth_year_only))
            if m is not None:
                found.append(DuplicateCandidate(row_of(c), m.score, m.reasons))
    found.sort(key=lambda d: (-d.score, d.client.family_name, d.client.id))
    return found[:limit]


def scan_duplicates(session: OfficeSession, min_score: float = 0.0) -> list[DuplicatePair]:
    """Candidate pairs across the whole office: clients sharing a key, then scored."""
    with session.orm() as orm:
        clients = {c.id: c for c in orm.scalars(select(models.Client))}
        keys_of: dict[int, set[str]] = {}
        for client_id, key in orm.execute(
            select(models.ClientNameKey.client_id, models.ClientNameKey.key)
        ):
            keys_of.setdefault(client_id, set()).add(key)
    people = {
        cid: person_key(c.family_name, c.given_name, c.birth_date, c.birth_year_only)
        for cid, c in clients.items()
    }
    pairs = []
    for a, b in _candidate_pairs(keys_of):
        m = match(people[a], people[b])
        if m is not None and m.score >= min_score:
            pairs.append(DuplicatePair(row_of(clients[a]), row_of(clients[b]), m.score, m.reasons))
    pairs.sort(key=lambda p: (-p.score, p.first.id, p.second.id))
    return pairs


LARGE_BLOCK = 150


def _candidate_pairs(keys_of: dict[int, set[str]]) -> set[tuple[int, int]]:
    """Pairs sharing a key. A very common key (Mohammed in a large office) alone is weak
    evidence and quadratic, so inside a large block a pair must share a second key too."""
    blocks: dict[str, list[int]] = {}
    for cid, keys in keys_of.items():
        for key in keys:
            blocks.setdefault(key, []).append(cid)
    pairs: set[tuple[int, int]] = set()
    for key, members in blocks.items():
        if len(members) <= LARGE_BLOCK:
            pairs.update(combinations(sorted(members), 2))
            continue
        sub: dict[str, list[int]] = {}
        for cid in members:
            for other in keys_of[cid] - {key}:
                sub.setdefault(other, []).append(cid)
        for group in sub.values():
            pairs.update(combinations(sorted(group), 2))
    return pairs


def reindex(session: OfficeSession, force: bool = False) -> bool:
    """Rebuild search text and name keys if they were made by other rules. True if done."""
    with session.orm() as orm, orm.begin():
        row = orm.get(models.SettingRow, _INDEX_SETTING)
        if not force and row is not None and json.loads(row.value) == INDEX_VERSION:
            return False
        orm.execute(delete(models.ClientNameKey))
        for client in orm.scalars(select(models.Client)):
            index_client(orm, client, fresh=True)
        orm.merge(models.SettingRow(key=_INDEX_SETTING, value=json.dumps(INDEX_VERSION)))
    return True


class DuplicateIndex:
    """The office's clients in memory, for checking many people at once (imports).

    One query instead of one per row; people added with :meth:`add` are found too,
    so a file that lists someone twice is noticed.
    """

    def __init__(self, session: OfficeSession) -> None:
        self._people: dict[object, tuple[str, PersonKey]] = {}
        self._by_key: dict[str, set[object]] = {}
        with session.orm() as orm:
            for c in orm.scalars(select(models.Client)):
                key = person_key(c.family_name, c.given_name, c.birth_date, c.birth_year_only)
                self.add(c.id, c.number, key)

    def add(self, ident: object, label: str, key: PersonKey) -> None:
        self._people[ident] = (label, key)
        for k in blocking_keys(key):
            self._by_key.setdefault(k, set()).add(ident)

    def best(self, key: PersonKey) -> tuple[str, float, tuple[str, ...]] | None:
        """(label, score, reasons) of the most likely duplicate, or None.

        As in the office-wide scan, sharing only one very common key (a block larger than
        ``LARGE_BLOCK``) is not enough to be compared: a second shared key is needed.
        """
        shared: dict[object, int] = {}
        small: set[object] = set()
        for k in blocking_keys(key):
            members = self._by_key.get(k, ())
            for ident in members:
                shared[ident] = shared.get(ident, 0) + 1
            if len(members) <= LARGE_BLOCK:
                small.update(members)
        best: tuple[str, float, tuple[str, ...]] | None = None
        for ident, count in shared.items():
            if count < 2 and ident not in small:
                continue
            label, other = self._people[ident]
            m = match(key, other)
            if m is not None and (best is None or m.score > best[1]):
                best = (label, m.score, m.reasons)
        return best
