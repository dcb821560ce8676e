"""Status history, eligibility at intake, contacts and consents on a real file."""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain.client import ClientDraft
from app.domain.counselling import ConsentDraft, ConsentKind, ContactDraft, ContactForm, ContactKind
from app.domain.eligibility import Offer
from app.domain.residence import StatusEntry, TargetGroupClass
from app.errors import FieldErrors
from app.services.client_records import (
    add_consent,
    add_status,
    consents,
    eligibility,
    record_contact,
    status_history,
    timeline,
    withdraw_consent,
)
from app.services.clients import add_client
from app.services.session import OfficeSession

TODAY = dt.date(2026, 11, 25)


def _client(session: OfficeSession, arrival: dt.date | None = None) -> int:
    draft = ClientDraft("Haddad", "Rania", dt.date(1990, 4, 2), arrival_date=arrival)
    return add_client(session, draft, TODAY).id


def _initial(outcome: Offer, written_need: str = "") -> ContactDraft:
    return ContactDraft(
        ContactKind.INITIAL,
        TODAY,
        45,
        ContactForm.IN_PERSON,
        life_areas=("residence", "language"),
        need="Sprachkurs",
        outcome=outcome,
        written_need=written_need,
    )


def test_duldung_allows_crisis_counselling_only(session: OfficeSession) -> None:
    cid = _client(session, arrival=dt.date(2025, 1, 10))
    add_status(session, cid, StatusEntry("dul", dt.date(2025, 3, 1)), TODAY)
    elig = eligibility(session, cid, TODAY)
    assert elig.target_class is TargetGroupClass.NOT_RECOGNISED
    with pytest.raises(FieldErrors) as exc:
        record_contact(session, cid, _initial(Offer.CASE), TODAY)
    assert "Krisenberatung" in exc.value.errors["outcome"]
    assert timeline(session, cid) == []  # nothing saved
    record_contact(session, cid, _initial(Offer.CRISIS), TODAY)
    assert [c.outcome for c in timeline(session, cid)] == [Offer.CRISIS]


def test_status_change_is_rechecked(session: OfficeSession) -> None:
    cid = _client(session, arrival=dt.date(2025, 1, 10))
    assert add_status(session, cid, StatusEntry("dul", dt.date(2025, 3, 1)), TODAY) is None
    change = add_status(session, cid, StatusEntry("h25_3", dt.date(2026, 10, 1)), TODAY)
    assert change is not None and "Integrationsbegleitung" in change
    assert [e.code for e in status_history(session, cid)] == ["dul", "h25_3"]
    record_contact(session, cid, _initial(Offer.CASE), TODAY)  # a newcomer now


def test_longer_residents_need_a_written_need(session: OfficeSession) -> None:
    cid = _client(session, arrival=dt.date(2015, 6, 1))
    add_status(session, cid, StatusEntry("ne", dt.date(2020, 1, 1)), TODAY)
    with pytest.raises(FieldErrors) as exc:
        record_contact(session, cid, _initial(Offer.CASE), TODAY)
    assert "written_need" in exc.value.errors
    saved = record_contact(session, cid, _initial(Offer.CASE, "Anerkennung des Abschlusses"), TODAY)
    assert saved.outcome is Offer.CASE


def test_status_validation(session: OfficeSession) -> None:
    cid = _client(session)
    with pytest.raises(FieldErrors) as exc:
        add_status(session, cid, StatusEntry("xyz", dt.date(2030, 1, 1)), TODAY)
    assert set(exc.value.errors) == {"code", "valid_from"}
    assert status_history(session, cid) == []


def test_timeline_newest_first_and_validation(session: OfficeSession) -> None:
    cid = _client(session)
    for day in (dt.date(2026, 1, 5), dt.date(2026, 3, 1), dt.date(2026, 2, 1)):
        record_contact(
            session, cid, ContactDraft(ContactKind.CONTACT, day, 30, ContactForm.PHONE), TODAY
        )
    assert [c.date.month for c in timeline(session, cid)] == [3, 2, 1]
    bad = ContactDraft(
        ContactKind.CONTACT,
        dt.date(2027, 1, 1),
        0,
        ContactForm.PHONE,
        life_areas=("mars",),
        note="x" * 10_000,
    )
    with pytest.raises(FieldErrors) as exc:
        record_contact(session, cid, bad, TODAY)
    assert set(exc.value.errors) == {"date", "duration_min", "life_areas", "note"}
    assert len(timeline(session, cid)) == 3


def test_consent_and_withdrawal(session: OfficeSession) -> None:
    cid = _client(session)
    c = add_consent(
        session,
        cid,
        ConsentDraft(
            ConsentKind.RELEASE, dt.date(2026, 5, 1), "MSB-SH 2026-01", "ar", "Jobcenter Kiel"
        ),
        TODAY,
    )
    assert c.active_on(TODAY)
    with pytest.raises(FieldErrors):
        add_consent(session, cid, ConsentDraft(ConsentKind.RELEASE, TODAY, "v1", "de"), TODAY)
    with pytest.raises(FieldErrors):
        withdraw_consent(session, c.id, dt.date(2026, 4, 1), TODAY)
    w = withdraw_consent(session, c.id, dt.date(2026, 6, 1), TODAY)
    assert not w.active_on(TODAY)
    assert consents(session, cid)[0].withdrawn_on == dt.date(2026, 6, 1)


def test_intake_saves_all_or_nothing(session: OfficeSession) -> None:
    from app.services.clients import search_clients
    from app.services.intake import IntakeRequest, intake

    client = ClientDraft("Kovalenko", "Olha", dt.date(1985, 8, 8), arrival_date=dt.date(2024, 4, 1))
    consent = ConsentDraft(ConsentKind.PROCESSING, TODAY, "MSB-SH 2026-01", "uk")
    refused = IntakeRequest(
        client, StatusEntry("dul", dt.date(2024, 5, 1)), (consent,), _initial(Offer.CASE)
    )
    with pytest.raises(FieldErrors) as exc:
        intake(session, refused, TODAY)
    assert set(exc.value.errors) == {"initial.outcome"}
    assert search_clients(session, "Kovalenko") == []  # nothing half-saved

    ok = IntakeRequest(
        client, StatusEntry("h24", dt.date(2024, 5, 1)), (consent,), _initial(Offer.CASE)
    )
    row = intake(session, ok, TODAY)
    assert [c.id for c in search_clients(session, "Kovalenko")] == [row.id]
    assert [e.code for e in status_history(session, row.id)] == ["h24"]
    assert len(consents(session, row.id)) == 1
    assert [c.kind for c in timeline(session, row.id)] == [ContactKind.INITIAL]
    from app.services.cases import client_cases

    opened = client_cases(session, row.id)  # the outcome Integrationsbegleitung opens the case
    assert [(c.start, c.is_open) for c in opened] == [(TODAY, True)]


def test_short_counselling_is_refused_to_a_duldung_holder(session: OfficeSession) -> None:
    cid = _client(session, arrival=dt.date(2025, 1, 10))
    add_status(session, cid, StatusEntry("dul", dt.date(2025, 3, 1)), TODAY)
    short = ContactDraft(ContactKind.SHORT, TODAY, 20, ContactForm.PHONE)
    with pytest.raises(FieldErrors) as exc:
        record_contact(session, cid, short, TODAY)
    assert "Krisenberatung" in exc.value.errors["kind"]
    crisis = ContactDraft(ContactKind.CRISIS, TODAY, 20, ContactForm.PHONE)
    follow_up = ContactDraft(ContactKind.CONTACT, TODAY, 10, ContactForm.PHONE)
    record_contact(session, cid, crisis, TODAY)
    record_contact(session, cid, follow_up, TODAY)
    assert [c.kind for c in timeline(session, cid)] == [ContactKind.CONTACT, ContactKind.CRISIS]


def test_list_filters(session: OfficeSession) -> None:
    from app.domain.client_filter import ClientFilter
    from app.services.clients import search_clients

    dul = _client(session, arrival=dt.date(2025, 1, 10))
    add_status(session, dul, StatusEntry("dul", dt.date(2025, 3, 1)), TODAY)
    record_contact(session, dul, _initial(Offer.CRISIS), TODAY)
    other = add_client(
        session, ClientDraft("Petrenko", "Olha", dt.date(1980, 1, 2), language="uk"), TODAY
    ).id
    add_status(session, other, StatusEntry("h24", dt.date(2024, 3, 1)), TODAY)
    unknown = add_client(session, ClientDraft("Neu", "Nina", None), TODAY).id

    def ids(flt: ClientFilter) -> set[int]:
        return {c.id for c in search_clients(session, "", filters=flt, today=TODAY)}

    assert ids(ClientFilter(target_class=TargetGroupClass.NOT_RECOGNISED)) == {dul}
    assert ids(ClientFilter(target_class=TargetGroupClass.TEMPORARY)) == {other}
    assert ids(ClientFilter(target_class=TargetGroupClass.UNKNOWN)) == {unknown}
    assert ids(ClientFilter(offer=Offer.CRISIS)) == {dul}
    assert ids(ClientFilter(language="UK")) == {other}
    assert ids(ClientFilter()) == {dul, other, unknown}
    assert ids(ClientFilter(counsellor_id=999)) == set()
