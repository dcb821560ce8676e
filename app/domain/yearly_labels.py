"""Titles of the yearly export's tables and labels of their row and column codes, for
the preview, the PDF and the CSV files. German msgids, translated when asked for; an
unknown key or code is shown as itself."""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum

from app.domain.case import ClosingReason, PartnerKind, Rating, RatingReason
from app.domain.counselling import LIFE_AREAS, ContactForm
from app.domain.eligibility import Offer
from app.domain.quality import CRITERIA
from app.domain.residence import TargetGroupClass
from app.domain.yearly_groups import (
    AGE_GROUPS,
    ARRIVAL_BANDS,
    DURATION_BANDS,
    INTERPRETER,
    LANGUAGE_GROUPS,
    NATIONALITY_GROUPS,
)
from app.i18n import N_, _

Vocabulary = Mapping[str, str | Enum]  # code -> msgid, or an enum member with a label

TITLES: dict[str, str] = {
    "offers": N_("Personen nach Angebot, mit mitberatenen Familienangehörigen"),
    "initial_outcomes": N_("Erstberatungen nach Ergebnis"),
    "staffing": N_("Integrationsbegleitung und Stellenschlüssel"),
    "case_flow": N_("Fälle der Integrationsbegleitung im Jahresverlauf"),
    "sex": N_("Personen nach Geschlecht und Hauptangebot"),
    "age_group": N_("Personen nach Alter am 31. Dezember und Hauptangebot"),
    "nationality": N_("Personen nach Staatsangehörigkeit und Hauptangebot"),
    "status_class": N_("Personen nach Zielgruppe des Aufenthaltsstatus und Hauptangebot"),
    "arrival": N_("Personen nach Zeit seit der Einreise und Hauptangebot"),
    "language": N_("Personen nach Beratungssprache und Hauptangebot"),
    "interpreter": N_("Personen nach Sprachmittlung und Hauptangebot"),
    "life_areas": N_("Personen nach Lebensbereichen (Mehrfachnennungen) und Hauptangebot"),
    "agreements": N_("Integrationsvereinbarungen der laufenden Fälle"),
    "goals": N_("Ziele nach Lebensbereich und Zielerreichung"),
    "goal_reasons": N_("Gründe, wenn Ziele nicht oder nur teilweise erreicht wurden"),
    "case_closing": N_("Abgeschlossene Fälle nach Abschlussgrund und Dauer"),
    "referrals": N_("Weiterverweisungen nach Art des Netzwerkpartners"),
    "contacts": N_("Beratungskontakte nach Form und Angebot"),
}

_OFFERS: Vocabulary = {
    "initial": N_("Erstberatung"),
    "short": Offer.SHORT,
    "crisis": Offer.CRISIS,
    "case": Offer.CASE,
    "other": N_("sonstiger Kontakt"),
}
_MAIN_OFFERS: Vocabulary = {**_OFFERS, "other": N_("nur Erstberatung oder sonstiger Kontakt")}
_FLOW: Vocabulary = {
    "carried_over": N_("aus dem Vorjahr übernommen (offen am 1. Januar)"),
    "opened": N_("im Jahr eröffnet"),
}
_FLOW_END: Vocabulary = {
    "closed": N_("im Jahr abgeschlossen"),
    "open_end": N_("offen am 31. Dezember"),
}
_SEXES: Vocabulary = {
    "f": N_("weiblich"),
    "m": N_("männlich"),
    "d": N_("divers"),
    "u": N_("keine Angabe"),
}


def _members(enum: type[Enum]) -> Vocabulary:
    return {member.value: member for member in enum}


_AREAS: Vocabulary = {**LIFE_AREAS, "none": N_("kein Lebensbereich erfasst")}
_RATINGS: Vocabulary = {**_members(Rating), "not_rated": N_("noch nicht bewertet")}

VOCABULARY: dict[str, tuple[Vocabulary, Vocabulary]] = {
    "offers": (
        _OFFERS,
        {"clients": N_("Klient:innen"), "family_members": N_("mitberatene Familienangehörige")},
    ),
    "initial_outcomes": (_members(Offer), {"consultations": N_("Erstberatungen")}),
    "staffing": (
        {
            "persons_in_case_management": N_("Personen in Integrationsbegleitung"),
            "posts_hundredths": N_("Vollzeitstellen (in Hundertsteln)"),
            "staffing_key": N_("Stellenschlüssel (Personen je Vollzeitstelle)"),
        },
        {"value": N_("Wert")},
    ),
    "case_flow": (_FLOW, _FLOW_END),
    "sex": (_SEXES, _MAIN_OFFERS),
    "age_group": (AGE_GROUPS, _MAIN_OFFERS),
    "nationality": (NATIONALITY_GROUPS, _MAIN_OFFERS),
    "status_class": (_members(TargetGroupClass), _MAIN_OFFERS),
    "arrival": (ARRIVAL_BANDS, _MAIN_OFFERS),
    "language": (LANGUAGE_GROUPS, _MAIN_OFFERS),
    "interpreter": (INTERPRETER, _MAIN_OFFERS),
    "life_areas": (_AREAS, _MAIN_OFFERS),
    "agreements": (
        {
            "made_in_year": N_("Vereinbarung im Jahr geschlossen"),
            "made_before": N_("Vereinbarung in einem Vorjahr geschlossen"),
            "none": N_("keine Vereinbarung"),
        },
        _FLOW_END,
    ),
    "goals": (LIFE_AREAS, _RATINGS),
    "goal_reasons": (_members(RatingReason), _RATINGS),
    "case_closing": (_members(ClosingReason), DURATION_BANDS),
    "referrals": (_members(PartnerKind), {"referrals": N_("Weiterverweisungen")}),
    "contacts": (_members(ContactForm), _OFFERS),
    # The self-assessment: criterion keys, then the codes of the choices.
    "quality": (
        {c.key: c.label for c in CRITERIA},
        {code: msgid for c in CRITERIA for code, msgid in c.choices},
    ),
}


def table_title(key: str) -> str:
    msgid = TITLES.get(key)
    return _(msgid) if msgid else key


def label(table_key: str, code: str) -> str:
    """The label of a row or column code of table ``table_key``; with ``"quality"``, of a
    self-assessment criterion or choice."""
    for vocabulary in VOCABULARY.get(table_key, ()):
        found = vocabulary.get(code)
        if isinstance(found, Enum):
            return str(found.label)  # type: ignore[attr-defined]
        if found is not None:
            return _(found)
    return code
