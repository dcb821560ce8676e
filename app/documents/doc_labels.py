"""Document-language labels of the domain's codes and enums, in one place.

The domain's own ``.label`` follows the UI language; a document needs German
plus the client's language whatever the UI shows, so every code printed on a
document maps to a ``D_`` msgid here.
"""

from __future__ import annotations

from enum import Enum

from app.documents.doc_texts import D_
from app.domain.case import (
    ClosingReason,
    GoalState,
    PartnerKind,
    Priority,
    Rating,
    RatingReason,
    Responsible,
)
from app.domain.counselling import ConsentKind, ContactForm, ContactKind
from app.domain.eligibility import Offer
from app.domain.family import Relation
from app.domain.residence import STATUS_CODES

LIFE_AREAS: dict[str, str] = {
    "language": D_("Sprache"),
    "education": D_("Schule, Bildung, Anerkennung von Abschlüssen"),
    "work": D_("Ausbildung, Beruf, Arbeit"),
    "childcare": D_("Kinderbetreuung"),
    "housing": D_("Wohnen"),
    "health": D_("Gesundheit"),
    "family": D_("Familie"),
    "finance": D_("Finanzen, Leistungen, Schulden"),
    "residence": D_("Aufenthaltsrecht"),
    "participation": D_("Soziale Teilhabe"),
    "authorities": D_("Behörden und Formulare"),
}

SEXES: dict[str, str] = {
    "f": D_("weiblich"),
    "m": D_("männlich"),
    "d": D_("divers"),
    "u": D_("keine Angabe"),
}

NO_GERMAN = D_("keine Kenntnisse")

_LABELS: dict[Enum, str] = {
    GoalState.OPEN: D_("offen"),
    GoalState.IN_PROGRESS: D_("in Arbeit"),
    GoalState.DONE: D_("erledigt"),
    Rating.REACHED: D_("erreicht"),
    Rating.PARTLY: D_("teilweise erreicht"),
    Rating.NOT_REACHED: D_("nicht erreicht"),
    Rating.DROPPED: D_("entfallen"),
    RatingReason.CLIENT_DECISION: D_("Entscheidung der Klient:in"),
    RatingReason.NO_OFFER: D_("kein passendes Angebot"),
    RatingReason.STATUS_CHANGE: D_("Änderung des Aufenthaltsstatus"),
    RatingReason.MOVED_AWAY: D_("verzogen"),
    RatingReason.CONTACT_BROKEN: D_("Kontakt abgebrochen"),
    RatingReason.HEALTH: D_("gesundheitliche Gründe"),
    RatingReason.OTHER: D_("anderer Grund"),
    Responsible.CLIENT: D_("Klient:in"),
    Responsible.COUNSELLOR: D_("Berater:in"),
    Responsible.PARTNER: D_("andere Stelle"),
    Priority.HIGH: D_("hoch"),
    Priority.MEDIUM: D_("mittel"),
    Priority.LOW: D_("niedrig"),
    Priority.NONE: D_("kein Bedarf"),
    ClosingReason.GOALS_REACHED: D_("Ziele erreicht"),
    ClosingReason.REFERRED: D_("an einen anderen Dienst übergeben"),
    ClosingReason.CONTACT_BROKEN: D_("Kontakt abgebrochen"),
    ClosingReason.MOVED_AWAY: D_("verzogen"),
    ClosingReason.STATUS_LOST: D_("Aufenthaltsstatus verloren oder ausgereist"),
    ClosingReason.LIMIT_REACHED: D_("Höchstdauer von drei Jahren erreicht"),
    ClosingReason.CONSENT_WITHDRAWN: D_("Einwilligung widerrufen"),
    ClosingReason.OTHER: D_("anderer Grund"),
    PartnerKind.JOBCENTER: D_("Jobcenter"),
    PartnerKind.EMPLOYMENT_AGENCY: D_("Agentur für Arbeit"),
    PartnerKind.FOREIGNERS_OFFICE: D_("Ausländerbehörde"),
    PartnerKind.COURSE_PROVIDER: D_("Träger von Integrationskursen"),
    PartnerKind.RECOGNITION: D_("Anerkennungsberatung"),
    PartnerKind.DEBT: D_("Schuldnerberatung"),
    PartnerKind.SOCIAL_WELFARE: D_("Sozialamt"),
    PartnerKind.HEALTH: D_("Gesundheitswesen"),
    PartnerKind.SCHOOL_CHILDCARE: D_("Schule oder Kita"),
    PartnerKind.HOUSING: D_("Wohnungsamt oder Vermieter"),
    PartnerKind.MIGRATION_SERVICE: D_("anderer Migrationsdienst"),
    PartnerKind.OTHER: D_("andere Stelle"),
    ContactForm.IN_PERSON: D_("persönlich"),
    ContactForm.PHONE: D_("Telefon"),
    ContactForm.VIDEO: D_("Video oder Messenger"),
    ContactForm.OUTREACH: D_("Hausbesuch oder aufsuchend"),
    ContactForm.GROUP: D_("Gruppe"),
    ContactKind.INITIAL: D_("Erstberatung"),
    ContactKind.SHORT: D_("kurze Beratung"),
    ContactKind.CRISIS: D_("Krisenberatung"),
    ContactKind.CONTACT: D_("Beratungskontakt"),
    ConsentKind.PROCESSING: D_("Einwilligung in die Datenverarbeitung"),
    ConsentKind.RELEASE: D_("Entbindung von der Schweigepflicht"),
    Relation.PARTNER: D_("Partner:in"),
    Relation.CHILD: D_("Kind"),
    Relation.PARENT: D_("Elternteil"),
    Relation.SIBLING: D_("Geschwister"),
    Relation.OTHER: D_("andere Angehörige"),
    Offer.SHORT: D_("kurze Beratung"),
    Offer.CRISIS: D_("Krisenberatung"),
    Offer.CASE: D_("Integrationsbegleitung"),
    Offer.REFERRAL: D_("Weitervermittlung"),
}


def label(member: Enum) -> str:
    """The German msgid for a code printed on a document (translate it with a translator)."""
    found = _LABELS.get(member)
    if found is None:
        # Another module's enum (e.g. DocumentKind) keeps its msgid as its value's label.
        found = getattr(member, "msgid", None)
    if found is None:
        raise KeyError(f"no document label for {member!r}")
    return str(found)


def life_area(code: str) -> str:
    """The msgid of a life area; an unknown (configured later) code prints as itself."""
    return LIFE_AREAS.get(code, code)


def sex(code: str) -> str:
    return SEXES.get(code, SEXES["u"])


def residence_status(code: str) -> str:
    """German label with legal basis: legal terms stay German on every document."""
    status = STATUS_CODES.get(code)
    if status is None:
        return code
    if not status.legal_basis:
        return status.label
    return f"{status.label} ({status.legal_basis})"
