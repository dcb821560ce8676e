"""The yearly export counted on a small office built through the real services: every
table compared with numbers worked out by hand from the story below, then suppressed.

The story, reporting year 2025 (persons A–E count; F, G and H do not):
- A (f, *1990, Syria, Arabic, arrived 2024-03-01, § 25 Abs. 2): intake 2025-02-10 with an
  interpreter, one family member, language and work, outcome integration support; a
  phone contact in the case (two family members, housing); agreement printed
  2025-03-01; referral to the Jobcenter; goals language reached, work not reached
  (health); closed 2025-09-30, goals reached.
- B (m, *2010, Ukraine, arrived 2025-01-15, § 24): initial consultation by video, outcome
  short counselling; a short counselling by phone; a plain contact in December.
- C (m, *1960, Afghanistan, Farsi, Duldung): initial consultation in a group, outcome
  crisis counselling; crisis counselling on an outreach visit with an interpreter and
  three family members (health).
- D (f, *1985, Turkey, since 2018, Niederlassungserlaubnis): case opened 2024-06-01,
  agreement printed 2024-07-01, still open; one contact in 2025 (family); a family goal
  without rating; a referral in 2024.
- E (divers, nothing else known): initial consultation 2025-11-11, referred on.
- F: contacts in 2024 only. G: a case opened and closed in 2024. H: a contact in 2026.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import update

from app import __version__
from app.documents.document_data import DocumentKind
from app.documents.document_records import DocumentRequest
from app.domain.case import (
    CaseDraft,
    CloseDraft,
    ClosingReason,
    GoalDraft,
    PartnerDraft,
    PartnerKind,
    Rating,
    RatingDraft,
    RatingReason,
    ReferralDraft,
)
from app.domain.client import ClientDraft
from app.domain.counselling import ContactDraft, ContactForm, ContactKind
from app.domain.eligibility import Offer
from app.domain.office import Role, UserInfo
from app.domain.quality import ENTERED
from app.domain.residence import StatusEntry
from app.domain.suppression import determined
from app.domain.yearly_report import SCHEMA_VERSION, CountTable
from app.errors import UsageError
from app.services import case_plan, cases, documents, partners
from app.services.client_records import add_status, record_contact
from app.services.clients import add_client
from app.services.intake import IntakeRequest, intake
from app.services.session import OfficeSession
from app.services.yearly_export import (
    available_years,
    build_report,
    export_warnings,
    preview_tables,
    raw_tables,
)
from app.storage import models

TODAY = dt.date(2026, 11, 25)
YEAR = 2025
D = dt.date


def _client(
    session: OfficeSession, draft: ClientDraft, status: str | None, since: dt.date | None
) -> int:
    cid = add_client(session, draft, TODAY).id
    if status is not None and since is not None:
        add_status(session, cid, StatusEntry(status, since), TODAY)
    return cid


def _contact(
    session: OfficeSession,
    cid: int,
    kind: ContactKind,
    day: dt.date,
    form: ContactForm,
    areas: tuple[str, ...] = (),
    *,
    interpreter: bool = False,
    family: int = 0,
    outcome: Offer | None = None,
) -> None:
    draft = ContactDraft(kind, day, 45, form, interpreter, areas, family, outcome=outcome)
    record_contact(session, cid, draft, TODAY)


def _agreement(session: OfficeSession, cid: int, case_id: int, day: dt.date) -> None:
    request = DocumentRequest(DocumentKind.AGREEMENT, cid, case_id, "de")
    documents.make_document(session, request, dt.datetime.combine(day, dt.time(10), dt.UTC))


def _person_a(session: OfficeSession, jobcenter: int) -> int:
    draft = ClientDraft("Haddad", "Rania", D(1990, 4, 2), sex="f", nationality="SYR",
                        language="ar", arrival_date=D(2024, 3, 1))  # fmt: skip
    initial = ContactDraft(ContactKind.INITIAL, D(2025, 2, 10), 60, ContactForm.IN_PERSON, True,
                           ("language", "work"), 1, outcome=Offer.CASE)  # fmt: skip
    cid = intake(
        session, IntakeRequest(draft, StatusEntry("h25_2", D(2024, 3, 1)), (), initial), TODAY
    ).id
    case_id = cases.client_cases(session, cid)[0].id
    _contact(session, cid, ContactKind.CONTACT, D(2025, 5, 5), ContactForm.PHONE, ("housing",),
             family=2)  # fmt: skip
    language = case_plan.add_goal(session, case_id, GoalDraft("language", "B1"), TODAY)
    work = case_plan.add_goal(session, case_id, GoalDraft("work", "Arbeit"), TODAY)
    _agreement(session, cid, case_id, D(2025, 3, 1))
    partners.add_referral(session, case_id, ReferralDraft(jobcenter, D(2025, 4, 1), "work"),
                          TODAY)  # fmt: skip
    case_plan.rate_goal(session, language, RatingDraft(Rating.REACHED), TODAY)
    case_plan.rate_goal(session, work, RatingDraft(Rating.NOT_REACHED, RatingReason.HEALTH), TODAY)
    cases.close_case(session, case_id, CloseDraft(D(2025, 9, 30), ClosingReason.GOALS_REACHED),
                     TODAY)  # fmt: skip
    return case_id


def _persons_b_c_e(session: OfficeSession) -> None:
    b = _client(session, ClientDraft("Bondar", "Taras", D(2010, 8, 1), sex="m",
                nationality="UKR", language="uk", arrival_date=D(2025, 1, 15)),
                "h24", D(2025, 1, 15))  # fmt: skip
    _contact(session, b, ContactKind.INITIAL, D(2025, 3, 3), ContactForm.VIDEO, ("residence",),
             outcome=Offer.SHORT)  # fmt: skip
    _contact(session, b, ContactKind.SHORT, D(2025, 3, 20), ContactForm.PHONE,
             ("residence", "authorities"))  # fmt: skip
    _contact(session, b, ContactKind.CONTACT, D(2025, 12, 1), ContactForm.IN_PERSON)
    c = _client(session, ClientDraft("Rahimi", "Ahmad", D(1960, 2, 2), sex="m",
                nationality="AFG", language="fa", arrival_date=D(2015, 6, 1)),
                "dul", D(2015, 6, 1))  # fmt: skip
    _contact(session, c, ContactKind.INITIAL, D(2025, 5, 20), ContactForm.GROUP,
             outcome=Offer.CRISIS)  # fmt: skip
    _contact(session, c, ContactKind.CRISIS, D(2025, 6, 1), ContactForm.OUTREACH, ("health",),
             interpreter=True, family=3)  # fmt: skip
    e = _client(session, ClientDraft("Doe", "Kim", None, sex="d"), None, None)
    _contact(session, e, ContactKind.INITIAL, D(2025, 11, 11), ContactForm.IN_PERSON,
             outcome=Offer.REFERRAL)  # fmt: skip


def _person_d(session: OfficeSession, office_partner: int) -> None:
    d = _client(session, ClientDraft("Yilmaz", "Ayse", D(1985, 1, 1), sex="f",
                nationality="TUR", language="tr", arrival_date=D(2018, 1, 1)),
                "ne", D(2018, 1, 1))  # fmt: skip
    draft = CaseDraft(D(2024, 6, 1), session.user.id, "Kinderbetreuung klären")
    case_id = cases.open_case(session, d, draft, TODAY).id
    case_plan.add_goal(session, case_id, GoalDraft("family", "Kita-Platz"), TODAY)
    _agreement(session, d, case_id, D(2024, 7, 1))
    partners.add_referral(session, case_id, ReferralDraft(office_partner, D(2024, 8, 1)), TODAY)
    _contact(session, d, ContactKind.CONTACT, D(2025, 7, 7), ContactForm.IN_PERSON, ("family",))


def _not_counted(session: OfficeSession) -> None:
    f = _client(session, ClientDraft("Frei", "Fritz", D(1970, 1, 1), sex="m"), "de",
                D(1970, 1, 1))  # fmt: skip
    _contact(session, f, ContactKind.SHORT, D(2024, 5, 5), ContactForm.PHONE, ("work",))
    g = _client(session, ClientDraft("Gala", "Gina", D(1980, 1, 1), sex="f",
                arrival_date=D(2023, 1, 1)), "ne", D(2023, 1, 1))  # fmt: skip
    case_id = cases.open_case(session, g, CaseDraft(D(2024, 1, 10), session.user.id), TODAY).id
    goal = case_plan.add_goal(session, case_id, GoalDraft("work", "Job"), TODAY)
    case_plan.rate_goal(session, goal, RatingDraft(Rating.REACHED), TODAY)
    cases.close_case(session, case_id, CloseDraft(D(2024, 11, 30), ClosingReason.MOVED_AWAY),
                     TODAY)  # fmt: skip
    h = _client(session, ClientDraft("Hoch", "Hans", D(1975, 1, 1), sex="m"), "de",
                D(1975, 1, 1))  # fmt: skip
    _contact(session, h, ContactKind.SHORT, D(2026, 1, 5), ContactForm.PHONE, ("work",))


def build_office(session: OfficeSession) -> None:
    jobcenter = partners.add_partner(session, PartnerDraft("Jobcenter", PartnerKind.JOBCENTER))
    abh = partners.add_partner(
        session, PartnerDraft("Ausländerbehörde", PartnerKind.FOREIGNERS_OFFICE)
    )
    _person_a(session, jobcenter.id)
    _persons_b_c_e(session)
    _person_d(session, abh.id)
    _not_counted(session)


def cells_by_code(table: CountTable) -> dict[tuple[str, str], int | None]:
    """Only the non-zero cells, by (row, column) code."""
    return {
        (row, col): value
        for row, values in zip(table.rows, table.cells, strict=True)
        for col, value in zip(table.columns, values, strict=True)
        if value != 0
    }


EXPECTED: dict[str, dict[tuple[str, str], int]] = {
    "offers": {
        ("initial", "clients"): 4, ("initial", "family_members"): 1,
        ("short", "clients"): 1, ("crisis", "clients"): 1, ("crisis", "family_members"): 3,
        ("case", "clients"): 2, ("case", "family_members"): 2, ("other", "clients"): 1,
    },
    "initial_outcomes": {
        ("short", "consultations"): 1, ("crisis", "consultations"): 1,
        ("case", "consultations"): 1, ("referral", "consultations"): 1,
    },
    "staffing": {
        ("persons_in_case_management", "value"): 2, ("posts_hundredths", "value"): 150,
        ("staffing_key", "value"): 75,
    },
    "case_flow": {("carried_over", "open_end"): 1, ("opened", "closed"): 1},
    "sex": {("f", "case"): 2, ("m", "crisis"): 1, ("m", "short"): 1, ("d", "other"): 1},
    "age_group": {("27_44", "case"): 2, ("under_18", "short"): 1, ("65_plus", "crisis"): 1,
                  ("unknown", "other"): 1},
    "nationality": {("SYR", "case"): 1, ("TUR", "case"): 1, ("UKR", "short"): 1,
                    ("AFG", "crisis"): 1, ("stateless_unknown", "other"): 1},
    "status_class": {("permanent", "case"): 2, ("temporary", "short"): 1,
                     ("not_recognised", "crisis"): 1, ("unknown", "other"): 1},
    "arrival": {("1_3", "case"): 1, ("over_3", "case"): 1, ("under_1", "short"): 1,
                ("over_3", "crisis"): 1, ("unknown", "other"): 1},
    "language": {("ar", "case"): 1, ("tr", "case"): 1, ("uk", "short"): 1,
                 ("fa", "crisis"): 1, ("unknown", "other"): 1},
    "interpreter": {("yes", "case"): 1, ("yes", "crisis"): 1, ("no", "case"): 1,
                    ("no", "short"): 1, ("no", "other"): 1},
    "life_areas": {
        ("language", "case"): 1, ("work", "case"): 1, ("housing", "case"): 1,
        ("family", "case"): 1, ("health", "crisis"): 1, ("residence", "short"): 1,
        ("authorities", "short"): 1, ("none", "other"): 1,
    },
    "agreements": {("made_in_year", "closed"): 1, ("made_before", "open_end"): 1},
    "goals": {("language", "reached"): 1, ("work", "not_reached"): 1,
              ("family", "not_rated"): 1},
    "goal_reasons": {("health", "not_reached"): 1},
    "case_closing": {("goals_reached", "6_12m"): 1},
    "referrals": {("jobcenter", "referrals"): 1},
    "contacts": {
        ("in_person", "initial"): 2, ("in_person", "case"): 1, ("in_person", "other"): 1,
        ("phone", "case"): 1, ("phone", "short"): 1, ("video", "initial"): 1,
        ("outreach", "crisis"): 1, ("group", "initial"): 1,
    },
}  # fmt: skip
# Totals that are not the sum of their cells (persons count in several rows).
OVERLAP_TOTALS = {
    "offers": ((5, 1, 4, 4, 1), (5, 5), 10),
    "life_areas": ((1, 0, 1, 0, 1, 1, 1, 0, 1, 0, 1, 1), (2, 1, 1, 1), 5),
    "staffing": ((2, 150, 75), (2,), 2),
}


@pytest.fixture
def office_2025(session: OfficeSession) -> OfficeSession:
    build_office(session)
    return session


def test_every_table_counts_what_was_done_in_the_year(office_2025: OfficeSession) -> None:
    tables = {t.key: t for t in raw_tables(office_2025, YEAR)}
    assert list(tables) == list(EXPECTED)
    for key, expected in EXPECTED.items():
        table = tables[key]
        assert cells_by_code(table) == expected, key
        if key in OVERLAP_TOTALS:
            assert not table.additive
            assert (table.row_totals, table.column_totals, table.total) == OVERLAP_TOTALS[key]
        else:
            assert table.additive
            assert table.row_totals == tuple(sum(row) for row in table.cells), key
            assert table.total == sum(expected.values()), key


def test_other_years_count_other_things(office_2025: OfficeSession) -> None:
    tables = {t.key: t for t in raw_tables(office_2025, 2024)}
    # 2024: F (short counselling), G's case (opened and closed), D's case (opened, open)
    assert tables["staffing"].cells[0] == (2,)
    assert cells_by_code(tables["case_flow"]) == {("opened", "closed"): 1,
                                                  ("opened", "open_end"): 1}  # fmt: skip
    assert cells_by_code(tables["case_closing"]) == {("moved_away", "6_12m"): 1}
    assert cells_by_code(tables["referrals"]) == {("foreigners_office", "referrals"): 1}
    assert tables["offers"].column_totals[0] == 3
    assert cells_by_code(tables["agreements"]) == {("made_in_year", "open_end"): 1,
                                                   ("none", "closed"): 1}  # fmt: skip
    assert available_years(office_2025, TODAY) == [2024, 2025, 2026]
    with pytest.raises(UsageError):
        raw_tables(office_2025, 1999)


def _published(table: CountTable) -> list[int | None]:
    return [*(v for row in table.cells for v in row), *table.row_totals,
            *table.column_totals, table.total]  # fmt: skip


def test_the_report_suppresses_small_counts(office_2025: OfficeSession) -> None:
    report = build_report(office_2025, YEAR)
    assert (report.schema_version, report.software_version) == (SCHEMA_VERSION, __version__)
    assert report.office_id == office_2025.keyfile.db_id and report.year == YEAR
    assert (report.office_name, report.district, report.threshold) == ("MBE Kiel-Gaarden",
                                                                      "KI", 5)  # fmt: skip
    raw = {t.key: t for t in raw_tables(office_2025, YEAR)}
    for table in report.tables:
        assert all(v is None or v >= 5 for v in _published(table)), table.key
        for shown, true in zip(_published(table), _published(raw[table.key]), strict=True):
            assert shown in (None, true)
    staffing = {t.key: t for t in report.tables}["staffing"]
    assert staffing.cells == ((None,), (150,), (75,)) and staffing.total is None
    # five persons: the total is published, nothing of how they divide
    sex = {t.key: t for t in report.tables}["sex"]
    assert sex.total == 5 and all(v is None for v in _published(sex)[:-1])


def test_a_lower_threshold_publishes_more_but_nothing_recomputable(
    office_2025: OfficeSession,
) -> None:
    report = build_report(office_2025, YEAR, threshold=2)
    assert report.threshold == 2
    raw = {t.key: t for t in raw_tables(office_2025, YEAR)}
    shown = {t.key: t for t in report.tables}
    assert shown["offers"].cells[3] == (2, 2)  # A and D in a case, with two relatives
    assert shown["contacts"].cells[0][0] == 2  # two initial consultations in person
    assert shown["contacts"].column_totals[0] == shown["initial_outcomes"].total == 4
    for key, table in shown.items():
        assert all(v is None or v >= 2 for v in _published(table)), key
        if table.additive:
            hidden = [
                *(("cell", i, j) for i, r in enumerate(table.cells) for j, v in enumerate(r)
                  if v is None),
                *(("row", i, 0) for i, v in enumerate(table.row_totals) if v is None),
                *(("col", 0, j) for j, v in enumerate(table.column_totals) if v is None),
                *((("all", 0, 0),) if table.total is None else ()),
            ]  # fmt: skip
            counts = [list(row) for row in raw[key].cells]
            assert determined(hidden, counts) == [], key  # type: ignore[arg-type]
    # figures shared between tables are hidden alike
    persons_in_case = [shown["staffing"].cells[0][0], shown["sex"].column_totals[0],
                       shown["offers"].cells[3][0]]  # fmt: skip
    assert persons_in_case == [2, 2, 2]
    with pytest.raises(UsageError):
        build_report(office_2025, YEAR, threshold=0)


def test_warnings_say_what_is_missing(office_2025: OfficeSession) -> None:
    found = {w.code: w for w in export_warnings(office_2025, YEAR)}
    assert set(found) == {"contacts_without_area", "quality_missing"}
    assert found["contacts_without_area"].count == 3  # B in December, C's group, E
    assert "3 Beratungskontakte" in found["contacts_without_area"].message
    assert found["quality_missing"].count == len(ENTERED)
    assert "2025 fehlt" in found["quality_missing"].message

    with office_2025.orm() as orm, orm.begin():  # data from before ratings were required
        orm.execute(update(models.Goal).where(models.Goal.life_area == "language")
                    .values(rating=None))  # fmt: skip
        orm.execute(update(models.Office).values(full_time_posts=Decimal(0)))
    found = {w.code: w for w in export_warnings(office_2025, YEAR)}
    assert found["unrated_goals"].count == 1
    assert "1 im Jahr abgeschlossener Fall" in found["unrated_goals"].message
    assert found["no_posts"].count == 0 and "Vollzeitstellen" in found["no_posts"].message
    tables = {t.key: t for t in raw_tables(office_2025, YEAR)}
    assert cells_by_code(tables["goals"])[("language", "not_rated")] == 1
    assert tables["staffing"].cells[1] == (0,)


def test_a_counsellor_may_preview_but_the_counts_are_the_same(
    office_2025: OfficeSession,
) -> None:
    counsellor = dataclasses.replace(
        office_2025, user=UserInfo(office_2025.user.id, "bert", "Bert", Role.COUNSELLOR)
    )
    assert raw_tables(counsellor, YEAR) == raw_tables(office_2025, YEAR)


def test_the_preview_is_the_raw_count_and_the_report_from_one_read(
    office_2025: OfficeSession,
) -> None:
    tables, published, threshold = preview_tables(office_2025, YEAR)
    assert tables == raw_tables(office_2025, YEAR)
    assert published == build_report(office_2025, YEAR).tables
    assert threshold == 5
