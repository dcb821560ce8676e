"""Texts printed on documents: a gettext domain of their own ("documents").

The UI speaks German or English; a document speaks German (binding) plus the
client's language. Document msgids are German and marked with ``D_`` (not ``_``,
so they stay out of the UI catalogue). Extract them with::

    pybabel extract -k D_ --no-default-keywords --no-location --sort-output \
        --project=Lotse -o translations/documents.pot app/documents

(``tools/check_catalogues.py`` fails when the template or a translation is behind.)

Texts shared by several documents live here; texts of one document live in its module.
"""

from __future__ import annotations

import functools
import gettext
import io
from collections.abc import Callable
from pathlib import Path

from app.i18n import format_fields
from app.paths import resource_dir

DOMAIN = "documents"
GERMAN = "de"
# Languages a document can be printed in besides German, with their own names.
CLIENT_LANGUAGES: dict[str, str] = {
    "en": "English",
    "ar": "العربية",
    "fa": "فارسی",
    "ru": "Русский",
    "uk": "Українська",
    "tr": "Türkçe",
}
DOCUMENT_LANGUAGES: tuple[str, ...] = (GERMAN, *CLIENT_LANGUAGES)

Translator = Callable[[str], str]


def D_(message: str) -> str:
    """Mark a German document text for extraction; translated when a document is built."""
    return message


def document_language(lang: str) -> str:
    """``lang`` when documents can be printed in it, else German alone."""
    code = (lang or "").strip().lower()
    return code if code in CLIENT_LANGUAGES else GERMAN


def catalogue_path(lang: str) -> Path:
    return resource_dir() / "translations" / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def _load(lang: str) -> gettext.NullTranslations:
    """The compiled catalogue (in the bundle) or the .po file (in a checkout)."""
    po_path = catalogue_path(lang)
    mo_path = po_path.with_suffix(".mo")
    if mo_path.exists() and (
        not po_path.exists() or mo_path.stat().st_mtime >= po_path.stat().st_mtime
    ):
        with mo_path.open("rb") as fh:
            return gettext.GNUTranslations(fh)
    if not po_path.exists():
        return gettext.NullTranslations()  # a broken install prints German, never crashes
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po_path.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    buf.seek(0)
    return gettext.GNUTranslations(buf)


@functools.cache
def translator(lang: str) -> Translator:
    """German → ``lang``; German itself (and unknown languages) is the identity."""
    code = document_language(lang)
    if code == GERMAN:
        return _identity
    catalogue = _load(code)

    def translate(message: str) -> str:
        translated = catalogue.gettext(message)
        # A translation that lost or invented a {field} would crash format(): print German.
        if translated != message and format_fields(translated) != format_fields(message):
            return message
        return translated

    return translate


def _identity(message: str) -> str:
    return message


# ---- texts every document prints ------------------------------------------------------

PAGE_OF = D_("Seite {page} von {pages}")
CLIENT_NUMBER = D_("Klientennummer")
BINDING = D_("Der deutsche Text ist verbindlich. Die Übersetzung soll Ihnen beim Verstehen helfen.")
ISSUED_ON = D_("Datum: {date}")
PLACE_DATE = D_("Ort, Datum")
SIGNATURE_CLIENT = D_("Unterschrift Klient:in")
SIGNATURE_COUNSELLOR = D_("Unterschrift Berater:in")
SEAL = D_("Siegel der Beratungsstelle")
PARTIES = D_("Beteiligte")
CLIENT = D_("Klient:in")
COUNSELLOR = D_("Berater:in")
OFFICE = D_("Beratungsstelle")
PROVIDER = D_("Träger")
BORN = D_("geboren am {date}")
NAME = D_("Name")
DATE = D_("Datum")
NONE_RECORDED = D_("Keine Einträge.")
LIFE_AREA = D_("Lebensbereich")
STEP = D_("Schritt")
WHO = D_("Wer?")
UNTIL = D_("Bis wann?")
GOAL_NUMBER = D_("Ziel {number}")
TARGET_DATE = D_("Zieldatum: {date}")
MINUTES = D_("{minutes} Min.")
PERIOD = D_("Zeitraum: {start} bis {end}")
