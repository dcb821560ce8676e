"""Caseload against the staffing key (Stellenschlüssel, default 1 : 75).

A person counts once per calendar year however many cases they had; a
counsellor's load is the persons whose cases they were responsible for in that
year, measured against their share of a full-time post.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class CaseSpan:
    client_id: int
    counsellor_id: int | None
    start: dt.date
    closed_on: dt.date | None


@dataclass(frozen=True)
class Load:
    persons: int
    posts: Decimal  # full-time equivalents
    key: int

    @property
    def capacity(self) -> int:
        """Persons the posts may carry under the key (rounded down)."""
        return int(self.posts * self.key)

    @property
    def per_post(self) -> Decimal | None:
        """Persons per full-time post; None without posts."""
        if self.posts <= 0:
            return None
        return (Decimal(self.persons) / self.posts).quantize(Decimal("0.1"))

    @property
    def over(self) -> bool:
        return self.persons > self.posts * self.key


@dataclass(frozen=True)
class Caseload:
    year: int
    office: Load
    by_counsellor: dict[int | None, Load]


def active_in_year(span: CaseSpan, year: int) -> bool:
    return span.start <= dt.date(year, 12, 31) and (
        span.closed_on is None or span.closed_on >= dt.date(year, 1, 1)
    )


def caseload(
    spans: Sequence[CaseSpan],
    year: int,
    office_posts: Decimal,
    shares: Mapping[int, Decimal],
    key: int,
) -> Caseload:
    """``shares``: each counsellor's post share; counsellors without cases appear with 0."""
    active = [s for s in spans if active_in_year(s, year)]
    persons: dict[int | None, set[int]] = {uid: set() for uid in shares}
    for span in active:
        persons.setdefault(span.counsellor_id, set()).add(span.client_id)
    by_counsellor = {
        uid: Load(len(clients), shares.get(uid, Decimal(0)) if uid is not None else Decimal(0), key)
        for uid, clients in persons.items()
    }
    office = Load(len({s.client_id for s in active}), office_posts, key)
    return Caseload(year, office, by_counsellor)
