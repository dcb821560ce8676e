"""Counselling records: contacts (incl. the initial consultation) and consents."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from enum import Enum

from app.domain.eligibility import Offer
from app.errors import FieldErrors
from app.i18n import N_, _

# Life areas (configurable later; the codes are what the export counts).
LIFE_AREAS: dict[str, str] = {
    "language": N_("Sprache"),
    "education": N_("Schule/Bildung/Anerkennung von Abschlüssen"),
    "work": N_("Ausbildung/Beruf/Arbeit"),
    "childcare": N_("Kinderbetreuung"),
    "housing": N_("Wohnen"),
    "health": N_("Gesundheit"),
    "family": N_("Familie"),
    "finance": N_("Finanzen/Leistungen/Schulden"),
    "residence": N_("Aufenthaltsrecht"),
    "participation": N_("Soziale Teilhabe"),
    "authorities": N_("Behörden/Formulare"),
}


class ContactKind(Enum):
    INITIAL = "initial"
    SHORT = "short"
    CRISIS = "crisis"
    CONTACT = "contact"

    @property
    def label(self) -> str:
        return _(_KIND_LABELS[self])


_KIND_LABELS = {
    ContactKind.INITIAL: N_("Erstberatung"),
    ContactKind.SHORT: N_("punktuelle Beratung"),
    ContactKind.CRISIS: N_("Krisenberatung"),
    ContactKind.CONTACT: N_("Kontakt"),
}


class ContactForm(Enum):
    IN_PERSON = "in_person"
    PHONE = "phone"
    VIDEO = "video"
    OUTREACH = "outreach"
    GROUP = "group"

    @property
    def label(self) -> str:
        return _(_FORM_LABELS[self])


_FORM_LABELS = {
    ContactForm.IN_PERSON: N_("persönlich"),
    ContactForm.PHONE: N_("Telefon"),
    ContactForm.VIDEO: N_("Video/Messenger"),
    ContactForm.OUTREACH: N_("aufsuchend/Hausbesuch"),
    ContactForm.GROUP: N_("Gruppe"),
}

MAX_NOTE = 4000
MAX_DURATION = 600


@dataclass(frozen=True)
class ContactDraft:
    kind: ContactKind
    date: dt.date
    duration_min: int
    form: ContactForm
    interpreter: bool = False
    life_areas: tuple[str, ...] = ()
    family_present: int = 0
    note: str = ""
    need: str = ""  # initial consultation: what the person needs
    outcome: Offer | None = None  # initial consultation only
    written_need: str = ""  # Förderbedarf, required for case management of longer residents


@dataclass(frozen=True)
class ContactRecord:
    id: int
    client_id: int
    kind: ContactKind
    date: dt.date
    duration_min: int
    form: ContactForm
    interpreter: bool
    life_areas: tuple[str, ...]
    family_present: int
    note: str
    need: str
    outcome: Offer | None
    counsellor: str


def text_problem(value: str, limit: int) -> str | None:
    if len(value) > limit:
        return _("Der Text ist zu lang (höchstens {count} Zeichen).").format(count=limit)
    if any(unicodedata.category(c) == "Cc" and c not in "\n\t" for c in value):
        return _("Der Text enthält unsichtbare Steuerzeichen.")
    return None


def validate_contact(draft: ContactDraft, today: dt.date, birth: dt.date | None) -> ContactDraft:
    errors: dict[str, str] = {}
    if draft.date > today:
        errors["date"] = _("Das Datum liegt in der Zukunft.")
    elif birth is not None and draft.date < birth:
        errors["date"] = _("Das Datum liegt vor der Geburt.")
    if not 1 <= draft.duration_min <= MAX_DURATION:
        errors["duration_min"] = _("Bitte eine Dauer zwischen 1 und {max} Minuten angeben.").format(
            max=MAX_DURATION
        )
    unknown = [a for a in draft.life_areas if a not in LIFE_AREAS]
    if unknown:
        errors["life_areas"] = _("Unbekannter Lebensbereich: {codes}").format(
            codes=", ".join(unknown)
        )
    if not 0 <= draft.family_present <= 30:
        errors["family_present"] = _("Bitte eine Zahl zwischen 0 und 30 angeben.")
    for field in ("note", "need", "written_need"):
        problem = text_problem(getattr(draft, field), MAX_NOTE)
        if problem:
            errors[field] = problem
    if draft.kind is ContactKind.INITIAL and draft.outcome is None:
        errors["outcome"] = _("Bitte das Ergebnis der Erstberatung wählen.")
    if errors:
        raise FieldErrors(errors)
    return draft


class ConsentKind(Enum):
    PROCESSING = "processing"  # Einwilligung in die Datenverarbeitung
    RELEASE = "release"  # Schweigepflichtentbindung gegenüber einer benannten Stelle

    @property
    def label(self) -> str:
        return _(_CONSENT_LABELS[self])


_CONSENT_LABELS = {
    ConsentKind.PROCESSING: N_("Einwilligung in die Datenverarbeitung"),
    ConsentKind.RELEASE: N_("Schweigepflichtentbindung"),
}


@dataclass(frozen=True)
class ConsentDraft:
    kind: ConsentKind
    given_on: dt.date
    form_version: str
    language: str
    third_party: str = ""
    paper_ref: str = ""


@dataclass(frozen=True)
class ConsentRecord:
    id: int
    client_id: int
    kind: ConsentKind
    given_on: dt.date
    form_version: str
    language: str
    third_party: str
    paper_ref: str
    withdrawn_on: dt.date | None

    def active_on(self, day: dt.date) -> bool:
        return self.given_on <= day and (self.withdrawn_on is None or day < self.withdrawn_on)


def validate_consent(draft: ConsentDraft, today: dt.date) -> ConsentDraft:
    errors: dict[str, str] = {}
    if draft.given_on > today:
        errors["given_on"] = _("Das Datum liegt in der Zukunft.")
    if not draft.form_version.strip():
        errors["form_version"] = _("Bitte die Version des Formulars angeben.")
    if draft.kind is ConsentKind.RELEASE and not draft.third_party.strip():
        errors["third_party"] = _("Bitte die Stelle nennen, gegenüber der entbunden wird.")
    for field in ("third_party", "paper_ref", "form_version"):
        problem = text_problem(getattr(draft, field), 200)
        if problem:
            errors[field] = problem
    if errors:
        raise FieldErrors(errors)
    return draft
