"""What the document builders take: plain frozen values, filled by the service layer.

Domain records are taken as they are (``CaseDetails``, ``ClientDetails``,
``ContactRecord`` …); only what the domain does not have gets a small class here.
``plan_canonical``/``plan_fingerprint`` freeze a support plan so that a printed
agreement can be quoted word for word later and a changed plan is noticed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from app.documents.doc_texts import D_
from app.domain.case import CaseDetails, GoalRecord, Responsible
from app.domain.client import ClientDetails
from app.domain.counselling import ConsentRecord, ContactRecord
from app.domain.family import FamilyMember, LanguageSkill
from app.domain.office import OfficeInfo
from app.domain.residence import StatusEntry

PLAN_FORMAT = 1


class DocumentKind(Enum):
    """What ``documents.kind`` stores; ``msgid`` is the document's German title."""

    AGREEMENT = "agreement"
    PROGRESS = "progress"
    CONSENT = "consent"
    ACCESS = "access"
    CONFIRMATION = "confirmation"

    @property
    def msgid(self) -> str:
        return _KIND_TITLES[self]


_KIND_TITLES = {
    DocumentKind.AGREEMENT: D_("Integrationsvereinbarung"),
    DocumentKind.PROGRESS: D_("Verlaufsbogen"),
    DocumentKind.CONSENT: D_("Einwilligungserklärung"),
    DocumentKind.ACCESS: D_("Auskunft nach Art. 15 DSGVO"),
    DocumentKind.CONFIRMATION: D_("Beratungsbescheinigung"),
}


@dataclass(frozen=True)
class OfficeHeader:
    """The letterhead: who issues the document."""

    name: str
    provider: str
    address: str = ""  # several lines allowed
    place: str = ""  # town printed before the signature date, e.g. "Kiel"
    logo_png: bytes | None = None

    @classmethod
    def of(cls, info: OfficeInfo, place: str = "", logo_png: bytes | None = None) -> OfficeHeader:
        return cls(info.name, info.provider, info.address, place, logo_png)


@dataclass(frozen=True)
class AgreementData:
    """An integration agreement printed from the case's current support plan.

    Goals print in the order of ``case.goals``; the service passes the goals the
    agreement covers (replace ``case.goals`` to leave some out)."""

    office: OfficeHeader
    client: ClientDetails
    case: CaseDetails
    issued_on: dt.date
    review_dates: tuple[dt.date, ...] = ()  # agreed review dates, e.g. the case's next review
    client_signature_png: bytes | None = None  # signed on screen: set on the client's line


@dataclass(frozen=True)
class SignedGoal:
    """A goal as the signed agreement worded it."""

    goal_id: int
    life_area: str
    text: str
    target_date: dt.date | None


@dataclass(frozen=True)
class SignedPlan:
    """The goals of a printed agreement version (from ``plan_canonical``)."""

    version: int
    signed_on: dt.date
    goals: tuple[SignedGoal, ...]


@dataclass(frozen=True)
class ProgressData:
    """A progress sheet: the signed goals word for word, their state, and the contacts.

    ``include_notes`` prints each contact's short note; off by default because
    notes are the counsellor's working notes (the Art. 15 report shows them)."""

    office: OfficeHeader
    client: ClientDetails
    case: CaseDetails
    issued_on: dt.date
    period_start: dt.date
    period_end: dt.date
    agreement: SignedPlan | None = None  # None: no agreement signed, the plan is quoted
    include_notes: bool = False


@dataclass(frozen=True)
class Release:
    """A release from confidentiality toward one named third party."""

    third_party: str  # e.g. "Jobcenter Kiel"
    scope: str = ""  # what may be exchanged, in the counsellor's words


@dataclass(frozen=True)
class ConsentData:
    office: OfficeHeader
    client: ClientDetails
    issued_on: dt.date
    form_version: str
    retention_months: int = 12
    processing: bool = True  # print the consent to processing itself
    releases: tuple[Release, ...] = ()
    client_signature_png: bytes | None = None  # signed on screen: set on the client's line


@dataclass(frozen=True)
class PrintedDocument:
    kind: DocumentKind
    created_on: dt.date
    language: str
    doc_ref: str
    version: int | None = None


@dataclass(frozen=True)
class AccessReportData:
    """Everything stored about one client (DSGVO Art. 15)."""

    office: OfficeHeader
    client: ClientDetails
    issued_on: dt.date
    status_history: tuple[StatusEntry, ...] = ()
    family: tuple[FamilyMember, ...] = ()
    languages: tuple[LanguageSkill, ...] = ()
    consents: tuple[ConsentRecord, ...] = ()
    contacts: tuple[ContactRecord, ...] = ()
    cases: tuple[CaseDetails, ...] = ()
    documents: tuple[PrintedDocument, ...] = ()
    retention_months: int = 12
    # Who received data (released third parties, referrals); the yearly export is anonymous.
    recipients: tuple[str, ...] = ()
    authority: str = ""  # complaint authority; empty: the ULD Schleswig-Holstein


@dataclass(frozen=True)
class ConfirmationData:
    """A confirmation of counselling for an authority, printed on the client's request."""

    office: OfficeHeader
    client: ClientDetails
    issued_on: dt.date
    period_start: dt.date
    period_end: dt.date
    contacts: tuple[ContactRecord, ...]  # only the dates within the period are printed
    counsellor: str = ""


def in_period(
    contacts: Iterable[ContactRecord], start: dt.date, end: dt.date
) -> tuple[ContactRecord, ...]:
    """The contacts from ``start`` to ``end`` (both included), oldest first."""
    chosen = [c for c in contacts if start <= c.date <= end]
    return tuple(sorted(chosen, key=lambda c: (c.date, c.id)))


# ---- the frozen support plan ----------------------------------------------------------


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def plan_canonical(goals: Iterable[GoalRecord]) -> str:
    """The plan as an agreement prints it, as canonical JSON: texts, who, deadlines.

    State, ratings and done-dates are left out: they change without changing the plan."""
    plan = [
        {
            "id": goal.id,
            "life_area": goal.life_area,
            "text": goal.text,
            "target_date": _iso(goal.target_date),
            "steps": [
                {
                    "text": step.text,
                    "responsible": step.responsible.value,
                    "partner": step.partner if step.responsible is Responsible.PARTNER else "",
                    "due": _iso(step.due),
                }
                for step in sorted(goal.steps, key=lambda s: (s.position, s.id))
            ],
        }
        for goal in sorted(goals, key=lambda g: (g.position, g.id))
    ]
    return json.dumps(
        {"format": PLAN_FORMAT, "goals": plan},
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )


def plan_fingerprint(goals: Iterable[GoalRecord]) -> str:
    """sha256 (hex) of ``plan_canonical``: differs as soon as the agreed plan differs."""
    return hashlib.sha256(plan_canonical(goals).encode("utf-8")).hexdigest()


def signed_plan(canonical: str, version: int, signed_on: dt.date) -> SignedPlan:
    """The goals of an agreement version from the ``plan_canonical`` stored with it."""
    data = json.loads(canonical)
    if not isinstance(data, dict) or data.get("format") != PLAN_FORMAT:
        raise ValueError("not a support plan written by plan_canonical")
    goals = tuple(
        SignedGoal(
            goal_id=int(goal["id"]),
            life_area=str(goal["life_area"]),
            text=str(goal["text"]),
            target_date=dt.date.fromisoformat(goal["target_date"]) if goal["target_date"] else None,
        )
        for goal in data["goals"]
    )
    return SignedPlan(version, signed_on, goals)
