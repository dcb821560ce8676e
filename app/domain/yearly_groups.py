"""The groups the yearly export counts persons and cases in: age groups, nationality
groups, time since arrival, counselling languages, case duration.

Codes are stable (they are the rows of the coordinator's tables); labels are German
msgids marked with ``N_`` and translated at display. The lists are fixed here, not
configurable, so every office's file adds up with every other's.
"""

from __future__ import annotations

import datetime as dt

from app.domain.case_clock import add_months
from app.domain.eligibility import add_years
from app.i18n import N_

UNKNOWN = "unknown"

# Age reached in the reporting year (year minus year of birth): the age on 31 December.
# Only the year of birth is needed, so anonymised records (year only) count the same.
AGE_GROUPS: dict[str, str] = {
    "under_18": N_("unter 18 Jahre"),
    "18_26": N_("18 bis 26 Jahre"),
    "27_44": N_("27 bis 44 Jahre"),
    "45_64": N_("45 bis 64 Jahre"),
    "65_plus": N_("65 Jahre und älter"),
    UNKNOWN: N_("Alter unbekannt"),
}
_AGE_LIMITS = ((18, "under_18"), (27, "18_26"), (45, "27_44"), (65, "45_64"))


def age_group(birth_year: int | None, year: int) -> str:
    if birth_year is None or birth_year > year:
        return UNKNOWN
    age = year - birth_year
    return next((code for limit, code in _AGE_LIMITS if age < limit), "65_plus")


# The countries of origin most frequent in migration counselling in Schleswig-Holstein,
# by ISO 3166-1 alpha-3; everything else falls into one of the last four groups.
NATIONALITY_GROUPS: dict[str, str] = {
    "SYR": N_("Syrien"),
    "AFG": N_("Afghanistan"),
    "UKR": N_("Ukraine"),
    "IRQ": N_("Irak"),
    "TUR": N_("Türkei"),
    "IRN": N_("Iran"),
    "ERI": N_("Eritrea"),
    "SOM": N_("Somalia"),
    "RUS": N_("Russland"),
    "DEU": N_("Deutschland"),
    "eu": N_("andere EU-/EWR-Staaten und Schweiz"),
    "other": N_("andere Staaten"),
    "stateless_unknown": N_("staatenlos oder ungeklärt"),
}
EU_EEA_CH = frozenset(
    ("AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "GRC", "HUN",
     "IRL", "ITA", "LVA", "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK", "SVN",
     "ESP", "SWE", "ISL", "LIE", "NOR", "CHE")
)  # fmt: skip
# ICAO codes in travel documents: stateless person, refugees, unspecified nationality.
STATELESS_OR_UNKNOWN = frozenset({"", "XXA", "XXB", "XXC", "XXX"})


def nationality_group(code: str) -> str:
    code = code.strip().upper()
    if code in STATELESS_OR_UNKNOWN:
        return "stateless_unknown"
    if code in NATIONALITY_GROUPS:
        return code
    return "eu" if code in EU_EEA_CH else "other"


# Time since arrival in Germany on the person's reference day (see yearly_tables).
ARRIVAL_BANDS: dict[str, str] = {
    "under_1": N_("unter 1 Jahr"),
    "1_3": N_("1 bis 3 Jahre"),
    "over_3": N_("mehr als 3 Jahre"),
    UNKNOWN: N_("Einreise unbekannt"),
}


def arrival_band(arrival: dt.date | None, day: dt.date) -> str:
    if arrival is None or arrival > day:
        return UNKNOWN
    if day < add_years(arrival, 1):
        return "under_1"
    return "1_3" if day <= add_years(arrival, 3) else "over_3"


# Counselling language: the client's language (ISO 639-1) as recorded.
LANGUAGE_GROUPS: dict[str, str] = {
    "de": N_("Deutsch"),
    "ar": N_("Arabisch"),
    "fa": N_("Persisch (Farsi/Dari)"),
    "uk": N_("Ukrainisch"),
    "ru": N_("Russisch"),
    "tr": N_("Türkisch"),
    "ku": N_("Kurdisch"),
    "ps": N_("Paschtu"),
    "ti": N_("Tigrinya"),
    "en": N_("Englisch"),
    "other": N_("andere Sprache"),
    UNKNOWN: N_("Sprache nicht erfasst"),
}


def language_group(code: str) -> str:
    code = code.strip().lower()
    if not code:
        return UNKNOWN
    return code if code in LANGUAGE_GROUPS else "other"


INTERPRETER: dict[str, str] = {
    "yes": N_("mit Sprachmittlung"),
    "no": N_("ohne Sprachmittlung"),
}

# Duration of a closed case, from its start to its closing day.
DURATION_BANDS: dict[str, str] = {
    "under_6m": N_("unter 6 Monate"),
    "6_12m": N_("6 bis unter 12 Monate"),
    "12_24m": N_("12 bis unter 24 Monate"),
    "24_36m": N_("24 Monate und länger"),
}
_DURATION_LIMITS = ((6, "under_6m"), (12, "6_12m"), (24, "12_24m"))


def duration_band(start: dt.date, closed_on: dt.date) -> str:
    return next(
        (code for months, code in _DURATION_LIMITS if closed_on < add_months(start, months)),
        "24_36m",
    )
