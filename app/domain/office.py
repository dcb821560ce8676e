"""The office and its people: districts of Schleswig-Holstein, roles, validation."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import Enum

from app.errors import FieldErrors
from app.i18n import N_, _

# The 11 Kreise and 4 kreisfreie Städte; codes are stable, names are shown.
DISTRICTS: dict[str, str] = {
    "DI": "Dithmarschen",
    "HL": "Herzogtum Lauenburg",
    "NF": "Nordfriesland",
    "OH": "Ostholstein",
    "PI": "Pinneberg",
    "PLÖ": "Plön",
    "RD": "Rendsburg-Eckernförde",
    "SL": "Schleswig-Flensburg",
    "SE": "Segeberg",
    "IZ": "Steinburg",
    "OD": "Stormarn",
    "FL": "Flensburg",
    "KI": "Kiel",
    "HL-S": "Lübeck",
    "NMS": "Neumünster",
}
KREISFREIE_STAEDTE = frozenset({"FL", "KI", "HL-S", "NMS"})


def district_label(code: str) -> str:
    """``Kiel (kreisfreie Stadt)``; a code that is no district (an older or foreign
    file, an earlier free entry) is shown as it is."""
    if code not in DISTRICTS:
        return code
    name = DISTRICTS[code]
    kind = _("kreisfreie Stadt") if code in KREISFREIE_STAEDTE else _("Kreis")
    return f"{name} ({kind})"


class Role(Enum):
    LEAD = "lead"
    COUNSELLOR = "counsellor"

    @property
    def label(self) -> str:
        return _(ROLE_LABELS[self])


ROLE_LABELS = {Role.LEAD: N_("Leitung"), Role.COUNSELLOR: N_("Beratung")}

_LOGIN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,31}$")
MAX_POSTS = Decimal("100")


@dataclass(frozen=True)
class OfficeInfo:
    name: str
    provider: str
    district: str
    full_time_posts: Decimal
    address: str = ""


@dataclass(frozen=True)
class UserInfo:
    id: int
    login: str
    display_name: str
    role: Role


def parse_posts(text: str | Decimal) -> Decimal:
    """Full-time posts (VZÄ) as typed: ``1,5`` or ``1.5``; ValueError if not in 0.1–100."""
    try:
        value = text if isinstance(text, Decimal) else Decimal(str(text).strip().replace(",", "."))
    except InvalidOperation:
        raise ValueError(text) from None
    if not value.is_finite() or value <= 0 or value > MAX_POSTS:
        raise ValueError(text)
    return value.quantize(Decimal("0.01"))


def validate_office(name: str, provider: str, district: str, posts: str | Decimal) -> OfficeInfo:
    errors: dict[str, str] = {}
    if not name.strip():
        errors["name"] = _("Bitte geben Sie den Namen der Beratungsstelle an.")
    elif len(name.strip()) > 200:
        errors["name"] = _("Der Name ist zu lang (höchstens 200 Zeichen).")
    if len(provider.strip()) > 200:
        errors["provider"] = _("Der Name des Trägers ist zu lang (höchstens 200 Zeichen).")
    if district not in DISTRICTS:
        errors["district"] = _("Bitte wählen Sie den Kreis oder die kreisfreie Stadt.")
    value = Decimal(0)
    try:
        value = parse_posts(posts)
    except ValueError:
        errors["posts"] = _("Bitte geben Sie die Vollzeitstellen als Zahl zwischen 0,1 und 100 an.")
    if errors:
        raise FieldErrors(errors)
    return OfficeInfo(name.strip(), provider.strip(), district, value)


def validate_login(login: str) -> str:
    cleaned = login.strip().lower()
    if not _LOGIN.match(cleaned):
        raise FieldErrors(
            {
                "login": _(
                    "Der Benutzername besteht aus 2–32 Kleinbuchstaben, Ziffern, Punkt, "
                    "Binde- oder Unterstrich."
                )
            }
        )
    return cleaned
