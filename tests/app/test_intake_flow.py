"""The intake flow on a real office: duplicates first, class explained, refusals."""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain.client import ClientDraft
from app.domain.counselling import ConsentDraft, ConsentKind, ContactDraft, ContactForm, ContactKind
from app.domain.eligibility import Offer
from app.domain.residence import TargetGroupClass
from app.errors import FieldErrors
from app.flows.intake_flow import IntakeStep
from app.services.client_records import timeline
from app.services.clients import add_client, search_clients
from app.services.intake import intake_flow
from app.services.session import OfficeSession

TODAY = dt.date(2026, 11, 25)
CONSENT = ConsentDraft(ConsentKind.PROCESSING, TODAY, "MSB-SH 2026-01", "ar")


def _initial(outcome: Offer, written_need: str = "") -> ContactDraft:
    return ContactDraft(
        ContactKind.INITIAL,
        TODAY,
        60,
        ContactForm.IN_PERSON,
        life_areas=("residence",),
        need="Aufenthalt",
        outcome=outcome,
        written_need=written_need,
    )


def test_duplicate_check_comes_first_and_can_open_the_existing(session: OfficeSession) -> None:
    existing = add_client(session, ClientDraft("Muhammad", "Ahmad", dt.date(1990, 5, 5)), TODAY)
    flow = intake_flow(session, TODAY)
    assert flow.type_names("Mo", "", None) == ()  # too little typed
    found = flow.type_names("Mohammed", "Ahmed", dt.date(1990, 5, 5))
    assert found[0].client.id == existing.id
    assert any("Schreibvariante" in r for r in found[0].reasons)
    flow.open_existing(found[0].client)
    assert flow.step is IntakeStep.DONE
    assert flow.data.saved is None


def test_duldung_holder_is_refused_case_management_and_told_why(
    session: OfficeSession,
) -> None:
    flow = intake_flow(session, TODAY)
    flow.type_names("Haddad", "Rania", dt.date(1992, 2, 29))
    flow.submit_names()
    flow.submit_personal("f", "SYR", "ar", dt.date(2025, 9, 1), None)
    preview = flow.preview_status("dul", dt.date(2025, 10, 1))
    assert preview.target_class is TargetGroupClass.NOT_RECOGNISED
    flow.submit_residence("dul", dt.date(2025, 10, 1))
    flow.submit_consents([CONSENT])
    assert Offer.CASE not in flow.offers
    reason = flow.refusal()
    assert reason and "Krisenberatung" in reason
    with pytest.raises(FieldErrors) as exc:
        flow.submit_initial(_initial(Offer.CASE))
    assert exc.value.errors["outcome"] == reason
    assert flow.step is IntakeStep.INITIAL
    saved = flow.submit_initial(_initial(Offer.CRISIS))
    assert flow.step is IntakeStep.DONE
    assert [c.outcome for c in timeline(session, saved.id)] == [Offer.CRISIS]


def test_each_step_validates_its_own_fields(session: OfficeSession) -> None:
    flow = intake_flow(session, TODAY)
    flow.type_names("", "Rania", dt.date(2030, 1, 1))
    with pytest.raises(FieldErrors) as exc:
        flow.submit_names()
    assert set(exc.value.errors) == {"family_name", "birth_date"}
    flow.type_names("Haddad", "Rania", dt.date(1990, 1, 1))
    flow.submit_names()
    with pytest.raises(FieldErrors) as exc:
        flow.submit_personal("x", "", "", dt.date(1980, 1, 1), None)
    assert set(exc.value.errors) == {"sex", "arrival_date"}
    flow.submit_personal("f", "", "", dt.date(2020, 1, 1), None)
    with pytest.raises(FieldErrors):
        flow.submit_residence("ne", None)
    with pytest.raises(FieldErrors):
        flow.submit_residence("ne", dt.date(2027, 1, 1))
    flow.submit_residence("ne", dt.date(2021, 1, 1))
    with pytest.raises(FieldErrors) as exc:
        flow.submit_consents([ConsentDraft(ConsentKind.RELEASE, TODAY, "", "de")])
    assert set(exc.value.errors) == {"0.form_version", "0.third_party"}
    flow.submit_consents([CONSENT])
    # Arrived 2020: no longer a newcomer, so case management needs a written need.
    assert flow.refusal()
    with pytest.raises(FieldErrors) as exc:
        flow.submit_initial(_initial(Offer.CASE))
    assert "initial.written_need" in exc.value.errors
    assert search_clients(session, "Haddad") == []
    flow.submit_initial(_initial(Offer.CASE, "Anerkennung des Berufsabschlusses"))
    assert len(search_clients(session, "Haddad")) == 1
