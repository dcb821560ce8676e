"""Integration support (case management): the vocabulary and the records of a case.

Rules on opening, editing and closing live in ``app.domain.case_rules``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum

from app.domain.case_clock import Clock
from app.domain.counselling import ContactRecord
from app.i18n import N_, _


class _Labelled(Enum):
    """An enum whose members carry a German label, translated when shown."""

    @property
    def label(self) -> str:
        return _(LABELS[self])


class Priority(_Labelled):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    NONE = "none"


class GoalState(_Labelled):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"


class Rating(_Labelled):
    REACHED = "reached"
    PARTLY = "partly"
    NOT_REACHED = "not_reached"
    DROPPED = "dropped"


class RatingReason(_Labelled):
    CLIENT_DECISION = "client_decision"
    NO_OFFER = "no_offer"
    STATUS_CHANGE = "status_change"
    MOVED_AWAY = "moved_away"
    CONTACT_BROKEN = "contact_broken"
    HEALTH = "health"
    OTHER = "other"


class ClosingReason(_Labelled):
    GOALS_REACHED = "goals_reached"
    REFERRED = "referred"
    CONTACT_BROKEN = "contact_broken"
    MOVED_AWAY = "moved_away"
    STATUS_LOST = "status_lost"
    LIMIT_REACHED = "limit_reached"
    CONSENT_WITHDRAWN = "consent_withdrawn"
    OTHER = "other"


class Responsible(_Labelled):
    CLIENT = "client"
    COUNSELLOR = "counsellor"
    PARTNER = "partner"


class PartnerKind(_Labelled):
    JOBCENTER = "jobcenter"
    EMPLOYMENT_AGENCY = "employment_agency"
    FOREIGNERS_OFFICE = "foreigners_office"
    COURSE_PROVIDER = "course_provider"
    RECOGNITION = "recognition"
    DEBT = "debt"
    SOCIAL_WELFARE = "social_welfare"
    HEALTH = "health"
    SCHOOL_CHILDCARE = "school_childcare"
    HOUSING = "housing"
    MIGRATION_SERVICE = "migration_service"
    OTHER = "other"


class CaseAction(_Labelled):
    OPENED = "opened"
    CLOSED = "closed"
    REOPENED = "reopened"
    AGREEMENT = "agreement"


LABELS: dict[Enum, str] = {
    Priority.HIGH: N_("hoch"),
    Priority.MEDIUM: N_("mittel"),
    Priority.LOW: N_("niedrig"),
    Priority.NONE: N_("kein Bedarf"),
    GoalState.OPEN: N_("offen"),
    GoalState.IN_PROGRESS: N_("in Arbeit"),
    GoalState.DONE: N_("erledigt"),
    Rating.REACHED: N_("erreicht"),
    Rating.PARTLY: N_("teilweise erreicht"),
    Rating.NOT_REACHED: N_("nicht erreicht"),
    Rating.DROPPED: N_("entfallen"),
    RatingReason.CLIENT_DECISION: N_("Entscheidung der Klient:in"),
    RatingReason.NO_OFFER: N_("kein passendes Angebot"),
    RatingReason.STATUS_CHANGE: N_("Statusänderung"),
    RatingReason.MOVED_AWAY: N_("verzogen"),
    RatingReason.CONTACT_BROKEN: N_("Kontakt abgebrochen"),
    RatingReason.HEALTH: N_("gesundheitliche Gründe"),
    RatingReason.OTHER: N_("sonstiger Grund"),
    ClosingReason.GOALS_REACHED: N_("Ziele erreicht"),
    ClosingReason.REFERRED: N_("an Regeldienst übergeleitet"),
    ClosingReason.CONTACT_BROKEN: N_("Kontakt abgebrochen"),
    ClosingReason.MOVED_AWAY: N_("verzogen"),
    ClosingReason.STATUS_LOST: N_("Aufenthaltsstatus verloren/ausgereist"),
    ClosingReason.LIMIT_REACHED: N_("Dreijahresfrist erreicht"),
    ClosingReason.CONSENT_WITHDRAWN: N_("Einwilligung widerrufen"),
    ClosingReason.OTHER: N_("sonstiger Grund"),
    Responsible.CLIENT: N_("Klient:in"),
    Responsible.COUNSELLOR: N_("Berater:in"),
    Responsible.PARTNER: N_("Netzwerkpartner"),
    PartnerKind.JOBCENTER: N_("Jobcenter"),
    PartnerKind.EMPLOYMENT_AGENCY: N_("Agentur für Arbeit"),
    PartnerKind.FOREIGNERS_OFFICE: N_("Ausländerbehörde"),
    PartnerKind.COURSE_PROVIDER: N_("Integrationskurs-Träger"),
    PartnerKind.RECOGNITION: N_("Anerkennungsberatung"),
    PartnerKind.DEBT: N_("Schuldnerberatung"),
    PartnerKind.SOCIAL_WELFARE: N_("Sozialamt"),
    PartnerKind.HEALTH: N_("Gesundheitswesen"),
    PartnerKind.SCHOOL_CHILDCARE: N_("Schule/Kita"),
    PartnerKind.HOUSING: N_("Wohnungsamt/Vermieter"),
    PartnerKind.MIGRATION_SERVICE: N_("anderer Migrationsdienst"),
    PartnerKind.OTHER: N_("sonstige Stelle"),
    CaseAction.OPENED: N_("eröffnet"),
    CaseAction.CLOSED: N_("abgeschlossen"),
    CaseAction.REOPENED: N_("wieder geöffnet"),
    CaseAction.AGREEMENT: N_("Vereinbarung gedruckt"),
}


# ---- drafts: what a form hands to a service -------------------------------------------


@dataclass(frozen=True)
class CaseDraft:
    start: dt.date
    counsellor_id: int
    written_need: str = ""  # Förderbedarf; required for longer-resident clients
    planned_end: dt.date | None = None  # None: the three-year limit


@dataclass(frozen=True)
class AssessmentEntry:
    life_area: str
    situation: str = ""
    resources: str = ""
    need: str = ""
    priority: Priority = Priority.NONE

    @property
    def empty(self) -> bool:
        return not (self.situation or self.resources or self.need) and (
            self.priority is Priority.NONE
        )


@dataclass(frozen=True)
class GoalDraft:
    life_area: str
    text: str
    target_date: dt.date | None = None
    state: GoalState = GoalState.OPEN


@dataclass(frozen=True)
class StepDraft:
    text: str
    responsible: Responsible = Responsible.CLIENT
    partner_id: int | None = None
    due: dt.date | None = None
    done_on: dt.date | None = None


@dataclass(frozen=True)
class ReviewDraft:
    date: dt.date
    summary: str
    goal_states: dict[int, GoalState] = field(default_factory=dict)  # goal id -> state
    next_review: dt.date | None = None


@dataclass(frozen=True)
class RatingDraft:
    rating: Rating
    reason: RatingReason | None = None
    note: str = ""


@dataclass(frozen=True)
class CloseDraft:
    closed_on: dt.date
    reason: ClosingReason
    note: str = ""


@dataclass(frozen=True)
class PartnerDraft:
    name: str
    kind: PartnerKind
    contact: str = ""
    active: bool = True


@dataclass(frozen=True)
class ReferralDraft:
    partner_id: int
    date: dt.date
    life_area: str = ""
    note: str = ""


# ---- records: what a service returns --------------------------------------------------


@dataclass(frozen=True)
class Partner:
    id: int
    name: str
    kind: PartnerKind
    contact: str
    active: bool


@dataclass(frozen=True)
class CaseSummary:
    id: int
    client_id: int
    client_number: str
    client_name: str
    counsellor_id: int | None
    counsellor: str
    start: dt.date
    planned_end: dt.date
    closed_on: dt.date | None = None
    closing_reason: ClosingReason | None = None
    written_need: str = ""
    next_review: dt.date | None = None

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


@dataclass(frozen=True)
class StepRecord:
    id: int
    goal_id: int
    text: str
    responsible: Responsible
    partner_id: int | None
    partner: str
    due: dt.date | None
    done_on: dt.date | None
    position: int


@dataclass(frozen=True)
class GoalRecord:
    id: int
    case_id: int
    life_area: str
    text: str
    target_date: dt.date | None
    state: GoalState
    position: int
    rating: Rating | None
    rating_reason: RatingReason | None
    rating_note: str
    steps: tuple[StepRecord, ...] = ()


@dataclass(frozen=True)
class ReviewRecord:
    id: int
    date: dt.date
    summary: str
    next_review: dt.date | None
    goal_states: tuple[tuple[int, GoalState], ...]
    counsellor: str


@dataclass(frozen=True)
class ReferralRecord:
    id: int
    partner_id: int
    partner: str
    partner_kind: PartnerKind
    date: dt.date
    life_area: str
    note: str


@dataclass(frozen=True)
class CaseEvent:
    at: dt.datetime
    action: CaseAction
    user: str
    note: str


@dataclass(frozen=True)
class CaseDetails:
    summary: CaseSummary
    clock: Clock | None  # None once closed
    closing_note: str
    assessment: tuple[AssessmentEntry, ...]
    goals: tuple[GoalRecord, ...]
    reviews: tuple[ReviewRecord, ...]  # newest first
    referrals: tuple[ReferralRecord, ...]
    events: tuple[CaseEvent, ...]
    contacts: tuple[ContactRecord, ...]  # the client's contacts since the start, newest first
    editable: bool
    read_only_reason: str = ""
    created_by: str = ""
    created_at: dt.datetime | None = None  # UTC
    updated_by: str = ""
    updated_at: dt.datetime | None = None  # UTC
