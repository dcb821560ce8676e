"""Merging two records of the same person: which value each field takes.

The fields that can be picked are those of :class:`ClientDraft`; a date of birth
travels with its "year only" flag. History (statuses, contacts, consents) is not
picked: all of it goes to the kept record.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Literal, get_args

from app.domain.client import ClientDraft
from app.errors import FieldErrors
from app.i18n import N_, _, format_date

MergeChoice = Literal["keep", "remove"]
CHOICES: tuple[str, ...] = get_args(MergeChoice)

# Field → label (marked with N_(), translated at display), in display order.
MERGEABLE_FIELDS: Mapping[str, str] = MappingProxyType(
    {
        "family_name": N_("Familienname"),
        "given_name": N_("Vorname"),
        "birth_date": N_("Geburtsdatum"),  # with birth_year_only
        "sex": N_("Geschlecht"),
        "nationality": N_("Staatsangehörigkeit"),
        "language": N_("Sprache"),
        "arrival_date": N_("Einreise am"),
        "permanent_since": N_("Daueraufenthalt seit"),
        "counsellor_id": N_("Berater:in"),
    }
)

# Draft attributes that travel with a field.
_ATTRIBUTES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {field: (field,) for field in MERGEABLE_FIELDS}
    | {"birth_date": ("birth_date", "birth_year_only")}
)

SEX_LABELS: Mapping[str, str] = MappingProxyType(
    {"f": N_("weiblich"), "m": N_("männlich"), "d": N_("divers"), "u": N_("keine Angabe")}
)

EMPTY = "–"


@dataclass(frozen=True)
class MergeSide:
    """One record as the merge dialog shows it."""

    id: int
    number: str
    values: ClientDraft  # the raw values of every mergeable field
    display: Mapping[str, str]  # field → the value as text in the UI language
    statuses: int
    contacts: int
    consents: int


@dataclass(frozen=True)
class MergePreview:
    keep: MergeSide
    remove: MergeSide

    @property
    def differing(self) -> tuple[str, ...]:
        """The fields where the two records disagree (the ones worth a choice)."""
        return tuple(
            field
            for field in MERGEABLE_FIELDS
            if field_values(self.keep.values, field) != field_values(self.remove.values, field)
        )


@dataclass(frozen=True)
class MergeRequest:
    """Merge ``remove_id`` into ``keep_id``; each field takes the value of the side chosen
    in ``choices`` (a field not named keeps the kept record's value)."""

    keep_id: int
    remove_id: int
    choices: Mapping[str, MergeChoice] = dataclasses.field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "choices", MappingProxyType(dict(self.choices)))


def check_pair(keep_id: int, remove_id: int) -> None:
    """FieldErrors if a record would be merged with itself."""
    if keep_id == remove_id:
        raise FieldErrors(
            {"remove_id": _("Ein Datensatz kann nicht mit sich selbst zusammengeführt werden.")}
        )


def check_request(request: MergeRequest) -> None:
    """FieldErrors for the same record twice; ValueError for an unknown field or choice
    (a programming error, not something a person can type)."""
    check_pair(request.keep_id, request.remove_id)
    for field, choice in request.choices.items():
        if field not in MERGEABLE_FIELDS:
            raise ValueError(f"unknown merge field {field!r}")
        if choice not in CHOICES:
            raise ValueError(f"unknown merge choice {choice!r} for {field!r}")


def field_values(values: ClientDraft, field: str) -> tuple[object, ...]:
    """The draft attributes one field stands for (birth date with its year-only flag)."""
    return tuple(getattr(values, name) for name in _ATTRIBUTES[field])


def merged_values(
    keep: ClientDraft, remove: ClientDraft, choices: Mapping[str, MergeChoice]
) -> ClientDraft:
    """The kept record's values with each field chosen from ``remove`` taken from there."""
    taken: dict[str, Any] = {}
    for field, choice in choices.items():
        if field not in MERGEABLE_FIELDS:
            raise ValueError(f"unknown merge field {field!r}")
        if choice == "remove":
            taken.update({name: getattr(remove, name) for name in _ATTRIBUTES[field]})
    return dataclasses.replace(keep, **taken)


def _date(value: dt.date | None) -> str:
    return format_date(value) if value is not None else EMPTY


def display_values(values: ClientDraft, counsellors: Mapping[int, str]) -> dict[str, str]:
    """Each mergeable field as text; ``counsellors`` maps user ids to display names."""
    birth = values.birth_date
    if birth is None:
        born = EMPTY
    elif values.birth_year_only:
        born = str(birth.year)
    else:
        born = format_date(birth)
    sex = SEX_LABELS.get(values.sex)
    counsellor = values.counsellor_id
    return {
        "family_name": values.family_name,
        "given_name": values.given_name,
        "birth_date": born,
        "sex": _(sex) if sex is not None else values.sex,
        "nationality": values.nationality or EMPTY,
        "language": values.language or EMPTY,
        "arrival_date": _date(values.arrival_date),
        "permanent_since": _date(values.permanent_since),
        "counsellor_id": EMPTY if counsellor is None else counsellors.get(counsellor, EMPTY),
    }


def history_error(birth: dt.date | None, earliest: dt.date | None) -> str | None:
    """A message if the history begins before the chosen date of birth."""
    if birth is None or earliest is None or earliest >= birth:
        return None
    return _("Für diese Person gibt es Einträge vom {date}, also vor diesem Geburtsdatum.").format(
        date=format_date(earliest)
    )
