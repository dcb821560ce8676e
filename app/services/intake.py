"""Intake: a new client with status, consents and the initial consultation, in one
transaction — either all of it is saved or nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TypeVar

from app.domain.case import CaseDraft
from app.domain.client import ClientDraft, ClientRow
from app.domain.counselling import ConsentDraft, ContactDraft
from app.domain.eligibility import Eligibility, Offer, assess_eligibility
from app.domain.name_matching import PersonKey
from app.domain.residence import StatusEntry
from app.errors import FieldErrors
from app.flows.intake_flow import Candidate, IntakeFlow
from app.services.cases import insert_case
from app.services.client_records import insert_consent, insert_contact, insert_status, status_table
from app.services.clients import find_duplicates, insert_client, row_of
from app.services.session import OfficeSession

T = TypeVar("T")


@dataclass(frozen=True)
class IntakeRequest:
    client: ClientDraft
    status: StatusEntry | None
    consents: tuple[ConsentDraft, ...]
    initial: ContactDraft


def intake(
    session: OfficeSession, request: IntakeRequest, today: dt.date | None = None
) -> ClientRow:
    """Save everything of an intake at once. Field errors are prefixed by their step
    (``client.``, ``status.``, ``consent.N.``, ``initial.``) so a wizard can go back to them."""
    day = today or dt.date.today()
    table = status_table(session)
    with session.orm() as orm, orm.begin():
        client = _step("client.", lambda: insert_client(orm, session, request.client, day))
        if request.status is not None:
            status = request.status
            _step("status.", lambda: insert_status(orm, session, table, client.id, status, day))
        for n, consent in enumerate(request.consents):
            _step(f"consent.{n}.", partial(insert_consent, orm, session, client.id, consent, day))
        initial = request.initial
        _step("initial.", lambda: insert_contact(orm, session, table, client.id, initial, day))
        if initial.outcome is Offer.CASE:  # integration support starts with the consultation
            case = CaseDraft(initial.date, session.user.id, initial.written_need)
            _step("initial.", lambda: insert_case(orm, session, client.id, case, day))
        return row_of(client)


def _step(prefix: str, action: Callable[[], T]) -> T:
    try:
        return action()
    except FieldErrors as exc:
        raise FieldErrors({prefix + field: msg for field, msg in exc.errors.items()}) from None


def intake_flow(session: OfficeSession, today: dt.date | None = None) -> IntakeFlow:
    """An intake flow wired to this office's data (duplicates, status table, saving)."""
    day = today or dt.date.today()
    table = status_table(session)

    def find(key: PersonKey) -> list[Candidate]:
        return [Candidate(d.client, d.score, d.reasons) for d in find_duplicates(session, key)]

    def assess(
        history: Sequence[StatusEntry], arrival: dt.date | None, permanent: dt.date | None
    ) -> Eligibility:
        return assess_eligibility(history, arrival, permanent, day, table)

    def save(
        client: ClientDraft,
        status: StatusEntry | None,
        consents: tuple[ConsentDraft, ...],
        initial: ContactDraft,
    ) -> ClientRow:
        return intake(session, IntakeRequest(client, status, consents, initial), day)

    return IntakeFlow(day, find, assess, save)
