"""Client master data as plain values."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from app.errors import FieldErrors
from app.i18n import _


@dataclass(frozen=True)
class ClientRow:
    id: int
    number: str
    family_name: str
    given_name: str
    birth_date: dt.date | None
    nationality: str
    language: str

    @property
    def birth_year(self) -> int | None:
        return self.birth_date.year if self.birth_date else None


@dataclass(frozen=True)
class ClientDetails:
    """Everything the client page shows as master data, with who created and changed it."""

    id: int
    number: str
    family_name: str
    given_name: str
    birth_date: dt.date | None
    birth_year_only: bool  # only the year of ``birth_date`` is known
    sex: str  # f, m, d, u
    nationality: str
    language: str
    arrival_date: dt.date | None
    permanent_since: dt.date | None
    counsellor: str  # display name, "" if none
    created_at: dt.datetime  # UTC
    created_by: str  # display name, "" if unknown
    updated_at: dt.datetime  # UTC
    updated_by: str

    @property
    def birth_year(self) -> int | None:
        return self.birth_date.year if self.birth_date else None


@dataclass(frozen=True)
class ClientDraft:
    """What intake or import supplies to create a client."""

    family_name: str
    given_name: str
    birth_date: dt.date | None
    birth_year_only: bool = False
    sex: str = "u"  # f, m, d (divers), u (unknown)
    nationality: str = ""  # ISO 3166 alpha-3
    language: str = ""  # ISO 639-1
    arrival_date: dt.date | None = None
    permanent_since: dt.date | None = None
    counsellor_id: int | None = None


SEXES = ("f", "m", "d", "u")
_NATIONALITY = re.compile(r"[A-Za-z]{3}")  # ISO 3166-1 alpha-3
_LANGUAGE = re.compile(r"[A-Za-z]{2}")  # ISO 639-1
MAX_NAME = 200
EARLIEST_BIRTH = dt.date(1900, 1, 1)


def _name_error(value: str) -> str | None:
    if not value.strip():
        return _("Bitte geben Sie den Namen an.")
    if len(value) > MAX_NAME:
        return _("Der Name ist zu lang (höchstens {count} Zeichen).").format(count=MAX_NAME)
    if any(
        unicodedata.category(c) in ("Cc", "Cf", "Co", "Cs") and c not in "\u200c\u200d"
        for c in value
    ):
        return _("Der Name enthält unsichtbare Steuerzeichen.")
    return None


def validate_client(draft: ClientDraft, today: dt.date) -> ClientDraft:
    """The draft with names trimmed, or FieldErrors naming each bad field."""
    errors: dict[str, str] = {}
    for field in ("family_name", "given_name"):
        problem = _name_error(getattr(draft, field))
        if problem:
            errors[field] = problem
    birth = draft.birth_date
    if birth is not None and birth > today:
        errors["birth_date"] = _("Das Geburtsdatum liegt in der Zukunft.")
    elif birth is not None and birth < EARLIEST_BIRTH:
        errors["birth_date"] = _("Das Geburtsdatum liegt vor 1900.")
    for field, value in (
        ("arrival_date", draft.arrival_date),
        ("permanent_since", draft.permanent_since),
    ):
        if value is None:
            continue
        if value > today:
            errors[field] = _("Das Datum liegt in der Zukunft.")
        elif birth is not None and value < birth:
            errors[field] = _("Das Datum liegt vor der Geburt.")
    if draft.nationality.strip() and not _NATIONALITY.fullmatch(draft.nationality.strip()):
        errors["nationality"] = _(
            "Bitte die Staatsangehörigkeit als Ländercode mit drei Buchstaben angeben (z. B. SYR)."
        )
    if draft.language.strip() and not _LANGUAGE.fullmatch(draft.language.strip()):
        errors["language"] = _("Bitte die Sprache als Code mit zwei Buchstaben angeben (z. B. ar).")
    if draft.sex not in SEXES:
        errors["sex"] = _("Bitte wählen Sie eine Angabe zum Geschlecht.")
    if errors:
        raise FieldErrors(errors)
    return dataclasses.replace(
        draft,
        family_name=" ".join(draft.family_name.split()),
        given_name=" ".join(draft.given_name.split()),
        nationality=draft.nationality.strip().upper(),
        language=draft.language.strip().lower(),
    )
