"""Residence status: the code list, its target-group classes and the dated history.

Each client has a dated history of residence statuses (statuses change during a
case). Every status code maps to a target-group class; the defaults below follow
the Rahmenkonzept 2006 (see DOMAIN.md), and an office lead can override the class
of any code (``StatusTable``, stored as JSON). The code list itself is fixed here
so that statistics stay comparable between offices.

Labels are German msgids marked with ``N_`` and translated at display.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from types import MappingProxyType
from typing import Any

from app.errors import FieldErrors
from app.i18n import N_, _, format_date


class TargetGroupClass(Enum):
    """Target-group class of a residence status; the value is what JSON stores."""

    PERMANENT = "permanent"
    TEMPORARY = "temporary"
    NOT_RECOGNISED = "not_recognised"
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        return _(_CLASS_LABELS[self])


_CLASS_LABELS = {
    TargetGroupClass.PERMANENT: N_("dauerhaft/bleibeberechtigt"),
    TargetGroupClass.TEMPORARY: N_("vorübergehend"),
    TargetGroupClass.NOT_RECOGNISED: N_("nicht anerkannt"),
    TargetGroupClass.UNKNOWN: N_("ungeklärt (bitte prüfen)"),
}


@dataclass(frozen=True)
class StatusCode:
    """One entry of the code list.

    ``label`` is a German msgid; ``legal_basis`` is a citation and not translated.
    ``permanent``: obtaining this status starts the three-year newcomer clock as a
    permanent status (the date is stored separately as ``permanent_since``).
    """

    code: str
    label: str
    legal_basis: str
    default_class: TargetGroupClass
    permanent: bool

    @property
    def display(self) -> str:
        """Translated label with its legal basis, e.g. ``Duldung (§ 60a AufenthG)``."""
        if not self.legal_basis:
            return _(self.label)
        return _("{label} ({legal_basis})").format(
            label=_(self.label), legal_basis=self.legal_basis
        )


_P = TargetGroupClass.PERMANENT
_T = TargetGroupClass.TEMPORARY
_N = TargetGroupClass.NOT_RECOGNISED
_U = TargetGroupClass.UNKNOWN

DEFAULT_STATUS_CODES: tuple[StatusCode, ...] = (
    StatusCode("de", N_("Deutsche Staatsangehörigkeit, auch eingebürgert"), "StAG", _P, True),
    StatusCode("spaet", N_("Spätaussiedler:in"), "§ 4 BVFG", _P, True),
    StatusCode("eu", N_("Freizügigkeit EU/EWR/Schweiz"), "FreizügG/EU", _P, True),
    StatusCode(
        "ne", N_("Niederlassungserlaubnis / Daueraufenthalt-EU"), "§§ 9, 9a AufenthG", _P, True
    ),
    StatusCode(
        "fam", N_("Aufenthaltserlaubnis aus familiären Gründen"), "§§ 27–36 AufenthG", _T, False
    ),
    StatusCode(
        "erw",
        N_("Aufenthaltserlaubnis für Ausbildung, Studium oder Erwerbstätigkeit"),
        "§§ 16–21 AufenthG",
        _T,
        False,
    ),
    StatusCode(
        "h22", N_("Aufenthaltserlaubnis: Aufnahme aus dem Ausland"), "§ 22 AufenthG", _T, False
    ),
    StatusCode(
        "h23",
        N_("Aufenthaltserlaubnis: Aufnahme durch Bund oder Land, auch Resettlement"),
        "§ 23 AufenthG",
        _P,
        True,
    ),
    StatusCode(
        "h24", N_("Aufenthaltserlaubnis: vorübergehender Schutz"), "§ 24 AufenthG", _T, False
    ),
    StatusCode(
        "h25_1", N_("Aufenthaltserlaubnis: Asylberechtigung"), "§ 25 Abs. 1 AufenthG", _P, True
    ),
    StatusCode(
        "h25_2",
        N_("Aufenthaltserlaubnis: Flüchtlingsschutz oder subsidiärer Schutz"),
        "§ 25 Abs. 2 AufenthG",
        _P,
        True,
    ),
    StatusCode(
        "h25_3", N_("Aufenthaltserlaubnis: Abschiebungsverbot"), "§ 25 Abs. 3 AufenthG", _T, False
    ),
    StatusCode(
        "h25_45",
        N_("Aufenthaltserlaubnis: humanitäre Gründe oder Ausreise unmöglich"),
        "§ 25 Abs. 4 und 5 AufenthG",
        _T,
        False,
    ),
    # §§ 25a/25b are the statutory "Bleiberecht" for well-integrated long-term residents.
    StatusCode(
        "h25ab",
        N_("Aufenthaltserlaubnis: Bleiberecht bei guter oder nachhaltiger Integration"),
        "§§ 25a, 25b AufenthG",
        _P,
        True,
    ),
    StatusCode("h104c", N_("Chancen-Aufenthaltsrecht"), "§ 104c AufenthG", _T, False),
    StatusCode("gest", N_("Aufenthaltsgestattung im Asylverfahren"), "§ 55 AsylG", _N, False),
    StatusCode(
        "dul",
        N_("Duldung, auch Ausbildungs- oder Beschäftigungsduldung"),
        "§§ 60a, 60c, 60d AufenthG",
        _N,
        False,
    ),
    # A Fiktionsbescheinigung continues whatever came before it: the class needs checking.
    StatusCode("fikt", N_("Fiktionsbescheinigung"), "§ 81 Abs. 5 AufenthG", _U, False),
    StatusCode("none", N_("Kein Aufenthaltsstatus"), "", _N, False),
    StatusCode("unk", N_("Aufenthaltsstatus unbekannt"), "", _U, False),
)

STATUS_CODES: Mapping[str, StatusCode] = MappingProxyType(
    {status.code: status for status in DEFAULT_STATUS_CODES}
)


def status_code(code: str) -> StatusCode | None:
    """The code list entry for ``code``, or None when the code is not in the list."""
    return STATUS_CODES.get(code)


def status_display(code: str) -> str:
    """Translated label with legal basis; an unlisted (legacy) code is shown as itself."""
    status = STATUS_CODES.get(code)
    return status.display if status else code


_TABLE_VERSION = 1


def _check_code(code: str) -> None:
    if code not in STATUS_CODES:
        raise ValueError(
            _("Unbekannter Aufenthaltsstatus-Code „{code}“ in der Statustabelle.").format(code=code)
        )


def _parse_class(code: str, value: object) -> TargetGroupClass:
    for cls in TargetGroupClass:
        if value == cls.value:
            return cls
    allowed = ", ".join(cls.value for cls in TargetGroupClass)
    raise ValueError(
        _("Unbekannte Zielgruppe „{value}“ für den Code „{code}“; erlaubt sind: {allowed}.").format(
            value=value, code=code, allowed=allowed
        )
    )


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(
                _("Der Eintrag „{key}“ steht doppelt in der Statustabelle.").format(key=key)
            )
        result[key] = value
    return result


@dataclass(frozen=True)
class StatusTable:
    """The office's mapping code → target-group class: defaults plus the lead's overrides.

    Only overrides that differ from a code's default are kept, so a table always
    has one canonical form (and JSON). A code missing from the code list (for
    example from an older version) classifies as UNKNOWN, i.e. "please check".
    """

    overrides: Mapping[str, TargetGroupClass] = field(default_factory=dict)

    def __post_init__(self) -> None:
        kept: dict[str, TargetGroupClass] = {}
        for code, cls in sorted(self.overrides.items()):
            _check_code(code)
            value = cls if isinstance(cls, TargetGroupClass) else _parse_class(code, cls)
            if value is not STATUS_CODES[code].default_class:
                kept[code] = value
        object.__setattr__(self, "overrides", MappingProxyType(kept))

    def __hash__(self) -> int:
        return hash(tuple(self.overrides.items()))

    def classify(self, code: str) -> TargetGroupClass:
        status = STATUS_CODES.get(code)
        if status is None:
            return TargetGroupClass.UNKNOWN
        return self.overrides.get(code, status.default_class)

    def with_override(self, code: str, cls: TargetGroupClass) -> StatusTable:
        """A copy in which ``code`` maps to ``cls`` (back to the default drops the override)."""
        _check_code(code)
        return StatusTable({**self.overrides, code: cls})

    def entries(self) -> tuple[tuple[StatusCode, TargetGroupClass], ...]:
        """Every listed code with its class in this table, in list order (for the settings page)."""
        return tuple((status, self.classify(status.code)) for status in DEFAULT_STATUS_CODES)

    def to_json(self) -> str:
        data = {
            "version": _TABLE_VERSION,
            "classes": {code: cls.value for code, cls in self.overrides.items()},
        }
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> StatusTable:
        """Read a table written by ``to_json``; ValueError with a German sentence if invalid."""
        try:
            data = json.loads(text, object_pairs_hook=_no_duplicates)
        except json.JSONDecodeError as exc:
            raise ValueError(
                _("Die Statustabelle ist kein gültiges JSON: {error}").format(error=exc.msg)
            ) from exc
        if not isinstance(data, dict) or set(data) != {"version", "classes"}:
            raise ValueError(
                _("Die Statustabelle muss genau die Einträge „version“ und „classes“ haben.")
            )
        version = data["version"]
        if isinstance(version, bool) or version != _TABLE_VERSION:
            raise ValueError(
                _("Die Statustabelle hat die Version {version}, erwartet ist {expected}.").format(
                    version=version, expected=_TABLE_VERSION
                )
            )
        classes = data["classes"]
        if not isinstance(classes, dict):
            raise ValueError(_("„classes“ in der Statustabelle muss ein JSON-Objekt sein."))
        overrides: dict[str, TargetGroupClass] = {}
        for code, value in classes.items():
            _check_code(code)
            overrides[code] = _parse_class(code, value)
        return cls(overrides)


@dataclass(frozen=True)
class StatusEntry:
    """A residence status held from ``valid_from`` until the next entry's date."""

    code: str
    valid_from: dt.date


def sorted_history(history: Sequence[StatusEntry]) -> tuple[StatusEntry, ...]:
    """The history by date; entries on the same day keep their order (the later one wins)."""
    return tuple(sorted(history, key=lambda entry: entry.valid_from))


def status_on(history: Sequence[StatusEntry], day: dt.date) -> StatusEntry | None:
    """The status held on ``day``: the latest entry with ``valid_from <= day``.

    Of several entries on the same day the one recorded last wins (a correction).
    None when the history is empty or starts after ``day``.
    """
    current: StatusEntry | None = None
    for entry in sorted_history(history):
        if entry.valid_from > day:
            break
        current = entry
    return current


def validate_status_entry(entry: StatusEntry, birth_date: dt.date | None, today: dt.date) -> None:
    """Raise ``FieldErrors`` (fields ``code``, ``valid_from``) for an entry that cannot be right."""
    errors: dict[str, str] = {}
    if entry.code not in STATUS_CODES:
        errors["code"] = _("Bitte einen Aufenthaltsstatus aus der Liste wählen.")
    if entry.valid_from > today:
        errors["valid_from"] = _("Das Datum „gültig ab“ darf nicht in der Zukunft liegen.")
    elif birth_date is not None and entry.valid_from < birth_date:
        errors["valid_from"] = _(
            "Das Datum „gültig ab“ liegt vor dem Geburtsdatum ({birth_date})."
        ).format(birth_date=format_date(birth_date))
    if errors:
        raise FieldErrors(errors)
