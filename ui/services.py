"""What the windows may do with an unlocked office, as plain callables.

``ui.main`` (the composition root) binds ``app.services`` to the open session
and hands an ``OfficeServices`` to the main window; widgets never see the
session, the database or ``app.storage``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol

from app.config import Setting
from app.domain.client import ClientRow
from app.domain.counselling import ConsentRecord, ContactDraft, ContactRecord
from app.domain.eligibility import Eligibility
from app.domain.office import OfficeInfo, UserInfo
from app.domain.residence import StatusEntry
from app.flows.intake_flow import IntakeFlow


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
    # clients
    search_clients: Callable[[str], list[ClientRow]]
    intake_flow: Callable[[], IntakeFlow]  # a new intake, wired to this office
    # one client's records (by client id)
    status_history: Callable[[int], list[StatusEntry]]
    add_status: Callable[[int, StatusEntry], str | None]  # what changed, as a sentence
    eligibility: Callable[[int], Eligibility]
    timeline: Callable[[int], list[ContactRecord]]  # newest first
    record_contact: Callable[[int, ContactDraft], ContactRecord]
    consents: Callable[[int], list[ConsentRecord]]
    withdraw_consent: Callable[[int, dt.date], ConsentRecord]  # consent id, withdrawn on
    # locking: close the session (engine and data key); every call then raises AccessDenied
    # until ``resume`` hands in a new session of the same user
    lock: Callable[[], None]
    resume: Callable[[UnlockedSession], None]
    is_locked: Callable[[], bool]
