"""The quality criteria of the yearly self-assessment (DOMAIN.md, process step 6).

Every answer is structured — a whole number within bounds, yes/no, or a code from a
fixed list — so that no free text leaves the office with the yearly export. The
caseload against the staffing key is computed from the office's data, never typed.
Keys and choice codes are stable (they travel in the export); labels are German msgids
translated at display.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum

from app.errors import FieldErrors
from app.i18n import N_, _

Answer = int | bool | str


class Kind(Enum):
    COUNT = "count"  # a whole number from minimum to maximum
    YES_NO = "yes_no"
    CHOICE = "choice"  # one code of ``choices``
    COMPUTED = "computed"  # from the office's data, read-only


AREAS: dict[str, str] = {
    "qualification": N_("Qualifikation der Beratungskräfte"),
    "access": N_("Erreichbarkeit und Zugänglichkeit"),
    "languages": N_("Sprachen und Sprachmittlung"),
    "network": N_("Vernetzung"),
    "supervision": N_("Supervision und Fortbildung"),
    "documentation": N_("Dokumentation und Datenschutz"),
    "caseload": N_("Fallzahl und Stellenschlüssel"),
}


@dataclass(frozen=True)
class Criterion:
    key: str
    area: str  # a key of AREAS
    label: str  # msgid
    kind: Kind
    minimum: int = 0
    maximum: int = 0
    choices: tuple[tuple[str, str], ...] = ()  # (code, msgid)


def _count(key: str, area: str, label: str, maximum: int) -> Criterion:
    return Criterion(key, area, label, Kind.COUNT, 0, maximum)


def _yes_no(key: str, area: str, label: str) -> Criterion:
    return Criterion(key, area, label, Kind.YES_NO)


CRITERIA: tuple[Criterion, ...] = (
    _count("staff_counsellors", "qualification", N_("Beratungskräfte (Personen)"), 200),
    _count(
        "staff_social_work_degree",
        "qualification",
        N_("davon mit Abschluss in Sozialer Arbeit oder Sozialpädagogik"),
        200,
    ),
    _count(
        "staff_related_degree",
        "qualification",
        N_("davon mit anderem einschlägigem Abschluss"),
        200,
    ),
    _count("opening_hours_week", "access", N_("Beratungszeiten je Woche (Stunden)"), 80),
    _yes_no("open_consultation", "access", N_("Offene Sprechstunde ohne Termin")),
    _yes_no("step_free_access", "access", N_("Stufenloser Zugang zu den Beratungsräumen")),
    _yes_no("outreach", "access", N_("Aufsuchende Beratung oder Außensprechstunden")),
    _count(
        "languages_offered",
        "languages",
        N_("Beratungssprachen im Team (ohne Sprachmittlung)"),
        50,
    ),
    Criterion(
        "interpreter_access",
        "languages",
        N_("Zugang zu Sprachmittlung"),
        Kind.CHOICE,
        choices=(
            ("none", N_("kein Zugang")),
            ("volunteers", N_("ehrenamtliche Sprachmittlung")),
            ("remote", N_("Telefon- oder Videodolmetschen")),
            ("professional", N_("professionelle Dolmetscher:innen")),
        ),
    ),
    _count("network_partners", "network", N_("Netzwerkpartner mit Zusammenarbeit"), 1000),
    _count("network_meetings", "network", N_("Teilnahmen an Netzwerktreffen und Gremien"), 500),
    _count("supervision_hours", "supervision", N_("Stunden Supervision im Jahr"), 500),
    _count(
        "training_days_per_counsellor",
        "supervision",
        N_("Fortbildungstage je Beratungskraft im Jahr"),
        60,
    ),
    Criterion(
        "documentation",
        "documentation",
        N_("Dokumentation der Beratung"),
        Kind.CHOICE,
        choices=(
            ("complete", N_("vollständig und zeitnah")),
            ("mostly", N_("überwiegend vollständig")),
            ("partly", N_("lückenhaft")),
        ),
    ),
    _yes_no("data_protection_officer", "documentation", N_("Datenschutzbeauftragte:r benannt")),
    _yes_no("written_concept", "documentation", N_("Schriftliches Beratungskonzept liegt vor")),
    Criterion(
        "caseload_per_post",
        "caseload",
        N_("Personen in Integrationsbegleitung je Vollzeitstelle"),
        Kind.COMPUTED,
    ),
    Criterion(
        "caseload_within_key",
        "caseload",
        N_("Fallzahl innerhalb des Stellenschlüssels"),
        Kind.COMPUTED,
    ),
)
BY_KEY: dict[str, Criterion] = {c.key: c for c in CRITERIA}
ENTERED: tuple[str, ...] = tuple(c.key for c in CRITERIA if c.kind is not Kind.COMPUTED)
_DEGREES = ("staff_social_work_degree", "staff_related_degree")


def _problem(criterion: Criterion, value: object) -> str | None:
    """Why ``value`` is no answer to ``criterion``, as a sentence; None if it is one."""
    if criterion.kind is Kind.COMPUTED:
        return _("Dieser Wert wird aus den Daten berechnet und kann nicht eingegeben werden.")
    if criterion.kind is Kind.YES_NO:
        return None if isinstance(value, bool) else _("Bitte ja oder nein wählen.")
    if criterion.kind is Kind.CHOICE:
        if isinstance(value, str) and value in dict(criterion.choices):
            return None
        return _("Bitte eine der vorgegebenen Antworten wählen.")
    if not isinstance(value, int) or isinstance(value, bool):
        return _("Bitte eine ganze Zahl eingeben.")
    if not criterion.minimum <= value <= criterion.maximum:
        return _("Bitte eine Zahl von {low} bis {high} eingeben.").format(
            low=criterion.minimum, high=criterion.maximum
        )
    return None


def validate(answers: Mapping[str, object]) -> None:
    """Raise FieldErrors (by criterion key) for each answer that cannot be stored.
    ``None`` means "not answered" and is fine; so is leaving a criterion out."""
    errors: dict[str, str] = {}
    for key, value in answers.items():
        criterion = BY_KEY.get(key)
        if criterion is None:
            errors[key] = _("Die Angabe „{key}“ gehört nicht zur Selbstbewertung.").format(key=key)
        elif value is not None and (problem := _problem(criterion, value)) is not None:
            errors[key] = problem
    staff = answers.get("staff_counsellors")
    degrees = [v for k in _DEGREES if isinstance(v := answers.get(k), int)]
    if not errors and isinstance(staff, int) and sum(degrees) > staff:
        errors["staff_social_work_degree"] = _(
            "Es können nicht mehr Beratungskräfte einen Abschluss haben, als es "
            "Beratungskräfte gibt."
        )
    if errors:
        raise FieldErrors(errors)


def clean(answers: Mapping[str, object]) -> dict[str, Answer]:
    """The valid answers in the order of CRITERIA, without those left open."""
    validate(answers)
    return {key: answers[key] for key in ENTERED if answers.get(key) is not None}  # type: ignore[misc]


def computed(persons: int, posts_hundredths: int, key: int) -> dict[str, Answer]:
    """The caseload criteria; none without posts (nothing to compare against)."""
    if posts_hundredths <= 0:
        return {}
    per_post = (2 * persons * 100 + posts_hundredths) // (2 * posts_hundredths)  # half up
    return {
        "caseload_per_post": per_post,
        "caseload_within_key": persons * 100 <= posts_hundredths * key,
    }
