"""The quality self-assessment: structured answers only, checked field by field, saved by
the lead alone with an audit entry, and sent with the yearly report."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import update

from app.domain.audit import AuditAction, AuditEntity, AuditQuery
from app.domain.case import CaseDraft, PartnerDraft, PartnerKind
from app.domain.client import ClientDraft
from app.domain.office import Role, UserInfo
from app.domain.quality import BY_KEY, CRITERIA, ENTERED, Kind, clean, computed, validate
from app.domain.residence import StatusEntry
from app.errors import AccessDenied, FieldErrors, UsageError
from app.services import cases, partners
from app.services.audit import audit_lines
from app.services.client_records import add_status
from app.services.clients import add_client
from app.services.quality import load_quality, quality_answers, save_quality
from app.services.session import OfficeSession
from app.services.yearly_export import build_report
from app.storage import models

TODAY = dt.date(2026, 11, 25)
GOOD = {
    "staff_counsellors": 3,
    "staff_social_work_degree": 2,
    "staff_related_degree": 1,
    "opening_hours_week": 30,
    "open_consultation": True,
    "step_free_access": False,
    "outreach": True,
    "languages_offered": 4,
    "interpreter_access": "professional",
    "network_partners": 12,
    "network_meetings": 9,
    "supervision_hours": 20,
    "training_days_per_counsellor": 3,
    "documentation": "mostly",
    "data_protection_officer": True,
    "written_concept": True,
}


def _errors(answers: dict[str, object]) -> dict[str, str]:
    with pytest.raises(FieldErrors) as caught:
        validate(answers)
    return caught.value.errors


def test_every_criterion_is_declared_once_with_a_german_label() -> None:
    assert len(BY_KEY) == len(CRITERIA) and set(GOOD) == set(ENTERED)
    areas = {c.area for c in CRITERIA}
    assert len(areas) == 7  # the seven areas of the Rahmenkonzept's criteria
    for criterion in CRITERIA:
        assert criterion.label and criterion.key.isidentifier()
        if criterion.kind is Kind.COUNT:
            assert 0 == criterion.minimum < criterion.maximum
        if criterion.kind is Kind.CHOICE:
            assert len(criterion.choices) >= 3
    validate(GOOD)
    assert list(clean({**GOOD, "outreach": None})) == [k for k in ENTERED if k != "outreach"]


def test_bad_answers_are_named_field_by_field() -> None:
    errors = _errors({
        "staff_counsellors": -1,
        "opening_hours_week": 81,
        "languages_offered": "4",
        "supervision_hours": 2.5,
        "network_partners": True,
        "step_free_access": 1,
        "interpreter_access": "sometimes",
        "documentation": "Alles super, siehe Anlage",
        "caseload_per_post": 80,
        "favourite_colour": "blue",
    })  # fmt: skip
    assert errors == {
        "staff_counsellors": "Bitte eine Zahl von 0 bis 200 eingeben.",
        "opening_hours_week": "Bitte eine Zahl von 0 bis 80 eingeben.",
        "languages_offered": "Bitte eine ganze Zahl eingeben.",
        "supervision_hours": "Bitte eine ganze Zahl eingeben.",
        "network_partners": "Bitte eine ganze Zahl eingeben.",
        "step_free_access": "Bitte ja oder nein wählen.",
        "interpreter_access": "Bitte eine der vorgegebenen Antworten wählen.",
        "documentation": "Bitte eine der vorgegebenen Antworten wählen.",
        "caseload_per_post": (
            "Dieser Wert wird aus den Daten berechnet und kann nicht eingegeben werden."
        ),
        "favourite_colour": "Die Angabe „favourite_colour“ gehört nicht zur Selbstbewertung.",
    }
    degrees = _errors({**GOOD, "staff_social_work_degree": 3})
    assert list(degrees) == ["staff_social_work_degree"]
    assert "nicht mehr Beratungskräfte" in degrees["staff_social_work_degree"]


@given(st.dictionaries(st.sampled_from(ENTERED), st.none() | st.booleans() | st.integers()
                       | st.text(max_size=5) | st.floats()))  # fmt: skip
def test_whatever_passes_is_a_count_a_flag_or_a_listed_code(answers: dict[str, object]) -> None:
    try:
        kept = clean(answers)
    except FieldErrors as exc:
        assert set(exc.errors) <= set(answers) and all(exc.errors.values())
        return
    for key, value in kept.items():
        criterion = BY_KEY[key]
        if criterion.kind is Kind.COUNT:
            assert type(value) is int and criterion.minimum <= value <= criterion.maximum
        elif criterion.kind is Kind.YES_NO:
            assert type(value) is bool
        else:
            assert value in dict(criterion.choices)


def test_the_caseload_against_the_key_is_computed() -> None:
    assert computed(150, 200, 75) == {"caseload_per_post": 75, "caseload_within_key": True}
    assert computed(151, 200, 75) == {"caseload_per_post": 76, "caseload_within_key": False}
    assert computed(3, 150, 75) == {"caseload_per_post": 2, "caseload_within_key": True}
    assert computed(10, 0, 75) == {}


def _case_person(session: OfficeSession) -> None:
    draft = ClientDraft("Haddad", "Rania", dt.date(1990, 4, 2), arrival_date=dt.date(2025, 6, 1))
    cid = add_client(session, draft, TODAY).id
    add_status(session, cid, StatusEntry("ne", dt.date(2025, 6, 1)), TODAY)
    cases.open_case(session, cid, CaseDraft(dt.date(2026, 1, 10), session.user.id), TODAY)


def test_the_lead_saves_the_year_and_the_report_carries_it(session: OfficeSession) -> None:
    partners.add_partner(session, PartnerDraft("Jobcenter Kiel", PartnerKind.JOBCENTER))
    partners.add_partner(session, PartnerDraft("VHS", PartnerKind.COURSE_PROVIDER))
    _case_person(session)
    empty = load_quality(session, 2026)
    assert empty.answers == {} and empty.missing == ENTERED and not empty.complete
    assert empty.prefills == {"network_partners": 2, "staff_counsellors": 1}
    # one person in a case, 1.5 posts, key 75
    assert empty.computed == {"caseload_per_post": 1, "caseload_within_key": True}

    counsellor = dataclasses.replace(
        session, user=UserInfo(session.user.id, "bert", "Bert", Role.COUNSELLOR)
    )
    with pytest.raises(AccessDenied):
        save_quality(counsellor, 2026, GOOD)
    with pytest.raises(FieldErrors):
        save_quality(session, 2026, {**GOOD, "opening_hours_week": 100})
    assert load_quality(session, 2026).answers == {}  # nothing stored

    saved = save_quality(session, 2026, GOOD)
    assert saved.answers == GOOD and saved.complete and saved.prefills == {}
    assert saved.updated_by == "Anna Alt" and saved.updated_at is not None
    entries = audit_lines(session, AuditQuery(entity=AuditEntity.YEARLY_REPORT))
    assert [(e.action, e.entity_id) for e in entries] == [(AuditAction.CHANGE, 2026)]

    answers = quality_answers(session, 2026)
    assert [a.key for a in answers] == [c.key for c in CRITERIA]
    assert {a.key: a.value for a in answers}["caseload_within_key"] is True
    assert build_report(session, 2026).quality == answers

    partial = save_quality(session, 2026, {"outreach": False})  # the rest cleared
    assert partial.answers == {"outreach": False} and len(partial.missing) == len(ENTERED) - 1
    assert load_quality(session, 2025).answers == {}  # another year


def test_stored_answers_this_version_does_not_know_are_left_out(session: OfficeSession) -> None:
    save_quality(session, 2026, GOOD)
    with session.orm() as orm, orm.begin():
        orm.execute(
            update(models.QualityAssessment).values(
                answers='{"outreach": true, "old_criterion": 3, "documentation": "perfekt"}'
            )
        )
        orm.execute(update(models.Office).values(full_time_posts=Decimal(0)))
    form = load_quality(session, 2026)
    assert form.answers == {"outreach": True} and form.computed == {}
    assert [a.key for a in quality_answers(session, 2026)] == ["outreach"]
    with pytest.raises(UsageError):
        load_quality(session, 1999)
    with pytest.raises(UsageError):
        save_quality(session, dt.date.today().year + 1, GOOD)
