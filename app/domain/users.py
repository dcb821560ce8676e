"""The office's users as the lead sees and edits them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from app.domain.office import Role


@dataclass(frozen=True)
class UserRecord:
    id: int
    login: str
    display_name: str
    role: Role
    post_share: Decimal
    active: bool
    created_at: dt.datetime


@dataclass(frozen=True)
class UserDraft:
    display_name: str
    role: Role
    post_share: str  # as typed: "0,5"
    login: str = ""  # only when adding
