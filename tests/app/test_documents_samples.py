"""Fixed sample data for the document tests, and tests of the document data helpers.

The other ``test_documents_*`` modules import the samples from here, so every
golden file is built from the same client, case and office.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from app.documents import doc_labels
from app.documents.doc_texts import CLIENT_LANGUAGES, translator
from app.documents.document_data import (
    AccessReportData,
    AgreementData,
    ConfirmationData,
    ConsentData,
    DocumentKind,
    OfficeHeader,
    PrintedDocument,
    ProgressData,
    Release,
    in_period,
    plan_canonical,
    plan_fingerprint,
    signed_plan,
)
from app.domain.case import (
    AssessmentEntry,
    CaseDetails,
    CaseSummary,
    ClosingReason,
    GoalRecord,
    GoalState,
    PartnerKind,
    Priority,
    Rating,
    RatingReason,
    ReferralRecord,
    Responsible,
    ReviewRecord,
    StepRecord,
)
from app.domain.client import ClientDetails, ClientRow
from app.domain.counselling import (
    LIFE_AREAS,
    ConsentKind,
    ConsentRecord,
    ContactForm,
    ContactKind,
    ContactRecord,
)
from app.domain.eligibility import Offer
from app.domain.family import FamilyMember, LanguageSkill, Relation
from app.domain.residence import StatusEntry

D = dt.date
STAMP = dt.datetime(2026, 1, 15, 9, 30, tzinfo=dt.UTC)
DOC_REF = "LT-2026-0042"
VOLUNTARY_DE = "Diese Vereinbarung ist freiwillig. Sie können sie jederzeit widerrufen."

OFFICE = OfficeHeader(
    name="Migrationsberatung für Erwachsene Kiel-Gaarden",
    provider="Beispiel-Wohlfahrtsverband e. V.",
    address="Elisabethstraße 12\n24143 Kiel\nTelefon 0431 123456",
    place="Kiel",
)

CLIENT = ClientDetails(
    id=42,
    number="K-00042",
    family_name="Haddad",
    given_name="Amira",
    birth_date=D(1990, 4, 3),
    birth_year_only=False,
    sex="f",
    nationality="SYR",
    language="ar",
    arrival_date=D(2025, 9, 1),
    permanent_since=None,
    counsellor="Anna Alt",
    created_at=STAMP,
    created_by="Anna Alt",
    updated_at=STAMP,
    updated_by="Anna Alt",
)

LANGUAGE_GOAL = (
    "Ich lerne Deutsch bis zum Niveau B1 und bestehe die Prüfung "
    "„Deutsch-Test für Zuwanderer“ (DTZ)."
)


def _step(
    sid: int,
    goal: int,
    text: str,
    who: Responsible,
    due: dt.date | None,
    partner: str = "",
    done: dt.date | None = None,
) -> StepRecord:
    return StepRecord(sid, goal, text, who, 7 if partner else None, partner, due, done, sid)


GOALS = (
    GoalRecord(
        1,
        9,
        "language",
        LANGUAGE_GOAL,
        D(2026, 12, 31),
        GoalState.IN_PROGRESS,
        1,
        None,
        None,
        "",
        (
            _step(
                1,
                1,
                "Anmeldung zum Integrationskurs bei der VHS Kiel",
                Responsible.CLIENT,
                D(2026, 2, 28),
                done=D(2026, 2, 20),
            ),
            _step(
                2,
                1,
                "Kinderbetreuung während der Kurszeiten klären",
                Responsible.COUNSELLOR,
                D(2026, 3, 15),
            ),
        ),
    ),
    GoalRecord(
        2,
        9,
        "housing",
        "Die Familie findet eine Wohnung mit drei Zimmern in Kiel.",
        D(2026, 9, 30),
        GoalState.OPEN,
        2,
        None,
        None,
        "",
        (
            _step(3, 2, "Wohnberechtigungsschein beantragen", Responsible.CLIENT, D(2026, 3, 31)),
            _step(
                4,
                2,
                "Vorsprache beim Wohnungsamt, Unterlagen mitbringen",
                Responsible.PARTNER,
                D(2026, 4, 30),
                partner="Wohnungsamt der Landeshauptstadt Kiel",
            ),
        ),
    ),
    GoalRecord(
        3,
        9,
        "education",
        "Mein Abschluss als Krankenpflegerin (Damaskus, 2014) wird in Deutschland anerkannt.",
        D(2027, 3, 31),
        GoalState.DONE,
        3,
        Rating.PARTLY,
        RatingReason.NO_OFFER,
        "Teilanerkennung; Anpassungslehrgang erst ab 2027 möglich.",
        (
            _step(
                5,
                3,
                "Zeugnisse übersetzen und beglaubigen lassen (مترجم محلف)",
                Responsible.PARTNER,
                D(2026, 5, 31),
                partner="IQ Netzwerk Anerkennungsberatung",
                done=D(2026, 5, 2),
            ),
            _step(
                6,
                3,
                "Antrag beim Landesamt für soziale Dienste stellen",
                Responsible.CLIENT,
                D(2026, 6, 30),
                done=D(2026, 6, 12),
            ),
        ),
    ),
)

ASSESSMENT = (
    AssessmentEntry(
        "language",
        "Deutsch A1, lernt selbstständig mit einer App.",
        "Sehr motiviert; spricht Arabisch und Englisch.",
        "Integrationskurs mit Kinderbetreuung.",
        Priority.HIGH,
    ),
    AssessmentEntry(
        "housing",
        "Wohnt mit Mann und zwei Kindern in einer Zweizimmerwohnung.",
        "Kennt den Stadtteil gut.",
        "Größere Wohnung.",
        Priority.MEDIUM,
    ),
    AssessmentEntry(
        "education",
        "Examen als Krankenpflegerin in Syrien, 2014.",
        "Zeugnisse im Original vorhanden.",
        "Anerkennung des Abschlusses.",
        Priority.MEDIUM,
    ),
    AssessmentEntry("health"),  # empty: not printed
)


def _contact(
    cid: int,
    day: dt.date,
    form: ContactForm,
    minutes: int,
    areas: tuple[str, ...],
    note: str,
    kind: ContactKind = ContactKind.CONTACT,
) -> ContactRecord:
    outcome = Offer.CASE if kind is ContactKind.INITIAL else None
    need = "Sprachkurs und Wohnung" if kind is ContactKind.INITIAL else ""
    return ContactRecord(
        cid,
        42,
        kind,
        day,
        minutes,
        form,
        cid == 2,
        areas,
        int(cid == 3),
        note,
        need,
        outcome,
        "Anna Alt",
    )


CONTACTS = (  # newest first, like CaseDetails.contacts
    _contact(
        5,
        D(2026, 6, 12),
        ContactForm.IN_PERSON,
        45,
        ("education",),
        "Antrag gemeinsam ausgefüllt und abgeschickt.",
    ),
    _contact(
        4,
        D(2026, 4, 15),
        ContactForm.PHONE,
        20,
        ("housing", "authorities"),
        "Rückruf Wohnungsamt: Termin am 30.04.",
    ),
    _contact(
        3,
        D(2026, 3, 2),
        ContactForm.OUTREACH,
        60,
        ("childcare", "family"),
        "Hausbesuch; Kita-Platz für die Tochter besprochen.",
    ),
    _contact(
        2,
        D(2026, 2, 10),
        ContactForm.IN_PERSON,
        50,
        ("language", "housing", "work"),
        "Förderplan erarbeitet; Dolmetscherin Frau Nasser.",
    ),
    _contact(
        1,
        D(2026, 1, 15),
        ContactForm.IN_PERSON,
        60,
        ("language", "residence"),
        "Erstgespräch.",
        ContactKind.INITIAL,
    ),
)

REVIEWS = (  # newest first
    ReviewRecord(
        2,
        D(2026, 6, 15),
        "Kurs läuft gut (Modul 4). Anerkennung teilweise erfolgt; Wohnung weiter offen.",
        D(2026, 9, 15),
        ((1, GoalState.IN_PROGRESS), (2, GoalState.OPEN), (3, GoalState.DONE)),
        "Anna Alt",
    ),
    ReviewRecord(
        1,
        D(2026, 4, 15),
        "Kurs begonnen, Kinderbetreuung geklärt.",
        D(2026, 6, 15),
        ((1, GoalState.IN_PROGRESS), (3, GoalState.IN_PROGRESS)),
        "Anna Alt",
    ),
)

SUMMARY = CaseSummary(
    id=9,
    client_id=42,
    client_number="K-00042",
    client_name="Haddad, Amira",
    counsellor_id=1,
    counsellor="Anna Alt",
    start=D(2026, 1, 15),
    planned_end=D(2029, 1, 14),
    written_need="",
    next_review=D(2026, 9, 15),
)

CASE = CaseDetails(
    summary=SUMMARY,
    clock=None,
    closing_note="",
    assessment=ASSESSMENT,
    goals=GOALS,
    reviews=REVIEWS,
    referrals=(
        ReferralRecord(
            1,
            7,
            "IQ Netzwerk Anerkennungsberatung",
            PartnerKind.RECOGNITION,
            D(2026, 2, 10),
            "education",
            "Termin vereinbart.",
        ),
    ),
    events=(),
    contacts=CONTACTS,
    editable=True,
)

# The plan as signed on 10.02.2026: goal 2 was worded differently then, goal 3 came later.
SIGNED_GOALS = (
    GOALS[0],
    dataclasses.replace(GOALS[1], text="Die Familie findet eine größere Wohnung in Kiel."),
)
SIGNED = signed_plan(plan_canonical(SIGNED_GOALS), 1, D(2026, 2, 10))


def agreement_data(lang: str = "de") -> AgreementData:
    client = dataclasses.replace(CLIENT, language=lang)
    return AgreementData(OFFICE, client, CASE, D(2026, 2, 10), (D(2026, 4, 15), D(2026, 6, 15)))


def progress_data(lang: str = "de", include_notes: bool = False) -> ProgressData:
    client = dataclasses.replace(CLIENT, language=lang)
    return ProgressData(
        OFFICE, client, CASE, D(2026, 6, 30), D(2026, 1, 1), D(2026, 6, 30), SIGNED, include_notes
    )


def consent_data(lang: str = "de") -> ConsentData:
    client = dataclasses.replace(CLIENT, language=lang)
    releases = (
        Release("Jobcenter Kiel", "Leistungen nach dem SGB II und Förderung der Arbeitsaufnahme"),
        Release("Ausländerbehörde der Landeshauptstadt Kiel"),
        Release("VHS Kiel (Integrationskursträger)", "Kursanmeldung und Kinderbetreuung"),
    )
    return ConsentData(OFFICE, client, D(2026, 1, 15), "2026-01", 12, True, releases)


def access_data(lang: str = "de") -> AccessReportData:
    client = dataclasses.replace(CLIENT, language=lang)
    husband = ClientRow(43, "K-00043", "Haddad", "Samir", D(1987, 11, 20), "SYR", "ar")
    family = (
        FamilyMember(1, 42, Relation.PARTNER, husband, "", None, STAMP, "Anna Alt"),
        FamilyMember(2, 42, Relation.CHILD, None, "Lina", 2019, STAMP, "Anna Alt"),
    )
    consents = (
        ConsentRecord(
            1, 42, ConsentKind.PROCESSING, D(2026, 1, 15), "2026-01", "ar", "", "P-17", None
        ),
        ConsentRecord(
            2,
            42,
            ConsentKind.RELEASE,
            D(2026, 1, 15),
            "2026-01",
            "ar",
            "Jobcenter Kiel",
            "P-17",
            D(2026, 5, 1),
        ),
    )
    documents = (
        PrintedDocument(DocumentKind.CONSENT, D(2026, 1, 15), "ar", "LT-2026-0007"),
        PrintedDocument(DocumentKind.AGREEMENT, D(2026, 2, 10), "ar", "LT-2026-0011", 1),
    )
    return AccessReportData(
        office=OFFICE,
        client=client,
        issued_on=D(2026, 7, 1),
        status_history=(StatusEntry("h25_2", D(2025, 10, 1)), StatusEntry("gest", D(2025, 9, 2))),
        family=family,
        languages=(LanguageSkill("ar", "C2"), LanguageSkill("de", "A2"), LanguageSkill("en", "B1")),
        consents=consents,
        contacts=CONTACTS,
        cases=(
            dataclasses.replace(
                CASE,
                summary=dataclasses.replace(
                    SUMMARY, closed_on=D(2026, 6, 30), closing_reason=ClosingReason.REFERRED
                ),
            ),
        ),
        documents=documents,
        retention_months=12,
        recipients=("Jobcenter Kiel", "IQ Netzwerk Anerkennungsberatung"),
    )


def confirmation_data(lang: str = "de") -> ConfirmationData:
    client = dataclasses.replace(CLIENT, language=lang)
    return ConfirmationData(
        OFFICE, client, D(2026, 7, 1), D(2026, 2, 1), D(2026, 6, 30), CONTACTS, "Anna Alt"
    )


# ---- tests of the data helpers ---------------------------------------------------------


def test_the_fingerprint_follows_the_plan_not_its_progress() -> None:
    base = plan_fingerprint(GOALS)
    assert base == plan_fingerprint(reversed(GOALS))  # order comes from the positions
    progressed = dataclasses.replace(
        GOALS[0],
        state=GoalState.DONE,
        rating=Rating.REACHED,
        steps=tuple(dataclasses.replace(s, done_on=D(2026, 7, 1)) for s in GOALS[0].steps),
    )
    assert plan_fingerprint((progressed, *GOALS[1:])) == base
    reworded = dataclasses.replace(GOALS[0], text=GOALS[0].text + " ")
    assert plan_fingerprint((reworded, *GOALS[1:])) != base
    new_deadline = dataclasses.replace(
        GOALS[1],
        steps=(dataclasses.replace(GOALS[1].steps[0], due=D(2026, 4, 1)), GOALS[1].steps[1]),
    )
    assert plan_fingerprint((GOALS[0], new_deadline, GOALS[2])) != base
    other_partner = dataclasses.replace(
        GOALS[1],
        steps=(GOALS[1].steps[0], dataclasses.replace(GOALS[1].steps[1], partner="Sozialamt Kiel")),
    )
    assert plan_fingerprint((GOALS[0], other_partner, GOALS[2])) != base


def test_a_signed_plan_reads_back_word_for_word() -> None:
    plan = signed_plan(plan_canonical(GOALS), 3, D(2026, 2, 10))
    assert plan.version == 3
    assert [g.text for g in plan.goals] == [g.text for g in GOALS]
    assert [g.goal_id for g in plan.goals] == [1, 2, 3]
    assert plan.goals[0].target_date == D(2026, 12, 31)
    with pytest.raises(ValueError):
        signed_plan('{"format": 99, "goals": []}', 1, D(2026, 1, 1))


def test_contacts_in_a_period_are_oldest_first_and_inclusive() -> None:
    chosen = in_period(CONTACTS, D(2026, 2, 10), D(2026, 4, 15))
    assert [c.date for c in chosen] == [D(2026, 2, 10), D(2026, 3, 2), D(2026, 4, 15)]


def test_every_code_printed_on_a_document_has_a_document_label() -> None:
    enums = (
        GoalState,
        Rating,
        RatingReason,
        Responsible,
        Priority,
        ClosingReason,
        PartnerKind,
        ContactForm,
        ContactKind,
        ConsentKind,
        Relation,
        Offer,
        DocumentKind,
    )
    for enum in enums:
        for member in enum:
            assert doc_labels.label(member)
    assert set(doc_labels.LIFE_AREAS) == set(LIFE_AREAS)


@pytest.mark.parametrize("lang", sorted(CLIENT_LANGUAGES))
def test_every_document_label_is_translated(lang: str) -> None:
    t = translator(lang)
    labels = [*doc_labels.LIFE_AREAS.values(), *doc_labels.SEXES.values()]
    assert all(t(msgid) != msgid or msgid == "Jobcenter" for msgid in labels)


def test_german_is_the_identity_and_unknown_languages_print_german() -> None:
    assert translator("de")("Wohnen") == "Wohnen"
    assert translator("xx")("Wohnen") == "Wohnen"
    assert translator("en")("Wohnen") == "Housing"
    assert translator("EN")("Wohnen") == "Housing"
