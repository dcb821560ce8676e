"""What the windows may do with an unlocked office, as plain callables.

``ui.main`` (the composition root) binds ``app.services`` to the open session
and hands an ``OfficeServices`` to the main window; widgets never see the
session, the database or ``app.storage``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol

from app.config import Setting
from app.domain.client import ClientRow
from app.domain.office import OfficeInfo, UserInfo


class OverviewData(Protocol):
    """The fields of ``app.services.overview.Overview`` the overview page shows."""

    office: OfficeInfo
    users: tuple[UserInfo, ...]
    client_count: int
    seal_subject: str
    seal_self_signed: bool
    post_shares: Decimal


class UnlockedSession(Protocol):
    """What the UI reads from ``app.services.session.OfficeSession``."""

    user: UserInfo
    office: OfficeInfo
    must_change_passphrase: bool

    def close(self) -> None: ...


@dataclass(frozen=True)
class OfficeServices:
    """Services bound to one unlocked session. Every call may touch the database:
    run it through ``ui.operations.Operations``."""

    user: UserInfo
    office: OfficeInfo
    overview: Callable[[], OverviewData]
    list_clients: Callable[[], list[ClientRow]]
    get_setting: Callable[[Setting[Any]], Any]
    set_setting: Callable[[Setting[Any], Any], Any]
    change_passphrase: Callable[[str, str], None]
