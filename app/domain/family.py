"""Family members and languages of a client, as plain values, with their rules.

A family member is either another client of the office (linked: name, number and
birth date come from that record) or a companion who is not registered, known by
first name and birth year (counted as "family members counselled along").
Languages carry a CEFR level; the row for German ("de") is the client's
Deutschkenntnisse.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from enum import Enum

from app.domain.client import MAX_NAME, ClientRow
from app.errors import FieldErrors
from app.i18n import N_, _


class Relation(Enum):
    PARTNER = "partner"
    CHILD = "child"
    PARENT = "parent"
    SIBLING = "sibling"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _(_RELATION_LABELS[self])


_RELATION_LABELS = {
    Relation.PARTNER: N_("Partner:in"),
    Relation.CHILD: N_("Kind"),
    Relation.PARENT: N_("Elternteil"),
    Relation.SIBLING: N_("Geschwister"),
    Relation.OTHER: N_("andere:r Angehörige:r"),
}

# Common European Framework of Reference levels, lowest first.
CEFR_LEVELS: tuple[str, ...] = ("none", "A1", "A2", "B1", "B2", "C1", "C2")
_LEVEL_LABELS = {"none": N_("keine Kenntnisse")}
GERMAN = "de"
EARLIEST_BIRTH_YEAR = 1900
_LANGUAGE = re.compile(r"[a-z]{2}")  # ISO 639-1


def level_label(level: str) -> str:
    label = _LEVEL_LABELS.get(level)
    return _(label) if label is not None else level


def higher_level(first: str, second: str) -> str:
    """The better of two known levels (used when two records of one person are merged)."""
    return max(first, second, key=CEFR_LEVELS.index)


@dataclass(frozen=True)
class FamilyMemberDraft:
    relation: Relation
    linked_client_id: int | None = None  # another client of the office …
    given_name: str = ""  # … or a companion who is not registered
    birth_year: int | None = None  # companions only; a linked client has a birth date


@dataclass(frozen=True)
class FamilyMember:
    id: int
    client_id: int
    relation: Relation
    linked: ClientRow | None  # None: a companion, or the linked record was removed
    given_name: str
    birth_year: int | None
    created_at: dt.datetime  # UTC
    created_by: str  # display name

    @property
    def name(self) -> str:
        if self.linked is not None:
            return _("{given} {family}").format(
                given=self.linked.given_name, family=self.linked.family_name
            )
        return self.given_name or "–"

    @property
    def year(self) -> int | None:
        return self.linked.birth_year if self.linked is not None else self.birth_year


@dataclass(frozen=True)
class LanguageSkill:
    language: str  # ISO 639-1, lower case
    level: str  # one of CEFR_LEVELS
    updated_at: dt.datetime | None = None  # UTC; set by the service when read
    updated_by: str = ""


def _name_problem(value: str) -> str | None:
    if len(value) > MAX_NAME:
        return _("Der Name ist zu lang (höchstens {count} Zeichen).").format(count=MAX_NAME)
    if any(
        unicodedata.category(c) in ("Cc", "Cf", "Co", "Cs") and c not in "\u200c\u200d"
        for c in value
    ):
        return _("Der Name enthält unsichtbare Steuerzeichen.")
    return None


def validate_family_member(
    client_id: int, draft: FamilyMemberDraft, today: dt.date
) -> FamilyMemberDraft:
    """The draft with the name trimmed, or FieldErrors naming each bad field."""
    errors: dict[str, str] = {}
    name = " ".join(draft.given_name.split())
    if draft.linked_client_id is None and not name:
        errors["given_name"] = _(
            "Bitte eine Person aus der Kartei wählen oder einen Vornamen angeben."
        )
    elif draft.linked_client_id is not None and name:
        errors["given_name"] = _(
            "Bitte entweder eine Person aus der Kartei wählen oder einen Vornamen angeben, "
            "nicht beides."
        )
    elif name:
        problem = _name_problem(name)
        if problem:
            errors["given_name"] = problem
    if draft.linked_client_id is not None and draft.linked_client_id == client_id:
        errors["linked_client_id"] = _("Eine Person kann nicht ihre eigene Angehörige sein.")
    year = draft.birth_year
    if year is not None and draft.linked_client_id is not None:
        errors["birth_year"] = _("Das Geburtsjahr steht im Eintrag der verknüpften Person.")
    elif year is not None and not EARLIEST_BIRTH_YEAR <= year <= today.year:
        errors["birth_year"] = _(
            "Bitte ein Geburtsjahr zwischen {first} und {last} angeben."
        ).format(first=EARLIEST_BIRTH_YEAR, last=today.year)
    if errors:
        raise FieldErrors(errors)
    return dataclasses.replace(draft, given_name=name)


def validate_language(skill: LanguageSkill) -> LanguageSkill:
    """The skill with the code in lower case, or FieldErrors."""
    errors: dict[str, str] = {}
    code = skill.language.strip().lower()
    if not _LANGUAGE.fullmatch(code):
        errors["language"] = _("Bitte die Sprache als Code mit zwei Buchstaben angeben (z. B. ar).")
    if skill.level not in CEFR_LEVELS:
        errors["level"] = _("Bitte eine Stufe von A1 bis C2 oder „keine Kenntnisse“ wählen.")
    if errors:
        raise FieldErrors(errors)
    return dataclasses.replace(skill, language=code)


def normalise_number(text: str) -> str:
    """A client number as typed (``12``, ``k-12``, ``K-00012``) in its stored form."""
    raw = text.strip().upper()
    digits = raw[2:] if raw.startswith("K-") else raw[1:] if raw.startswith("K") else raw
    if digits.isdigit():
        return f"K-{int(digits):05d}"
    return raw
