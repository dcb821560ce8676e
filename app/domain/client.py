"""Client master data as plain values."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class ClientRow:
    id: int
    number: str
    family_name: str
    given_name: str
    birth_date: dt.date | None
    nationality: str
    language: str

    @property
    def birth_year(self) -> int | None:
        return self.birth_date.year if self.birth_date else None
