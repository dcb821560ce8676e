"""One translation system: gettext catalogues compiled by Babel.

Source strings (msgids) are German, the UI's default language. The English
catalogue lives in ``translations/en/LC_MESSAGES/messages.po``. Nothing is
loaded at import time; ``set_language`` loads a catalogue on demand.
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
import re
import string
from decimal import Decimal
from pathlib import Path

from app.paths import resource_dir

LANGUAGES: dict[str, str] = {"de": "Deutsch", "en": "English"}
DEFAULT_LANGUAGE = "de"
_BABEL_LOCALES = {"de": "de_DE", "en": "en_GB"}

_current = DEFAULT_LANGUAGE
_translations: gettext.NullTranslations = gettext.NullTranslations()
_FIELD = re.compile(r"\{([^{}]*)\}")


def N_(message: str) -> str:
    """Mark a string for extraction; it is translated later, at display."""
    return message


def format_fields(message: str) -> set[str]:
    """The names of the ``{fields}`` in a message, as ``str.format`` sees them."""
    return {name for _, name, _, _ in string.Formatter().parse(message) if name is not None}


def _(message: str) -> str:
    translated = _translations.gettext(message)
    # A translation that lost or invented a placeholder would crash format(): use the source.
    if translated != message and format_fields(translated) != format_fields(message):
        return message
    return translated


def ngettext(singular: str, plural: str, n: int) -> str:
    translated = _translations.ngettext(singular, plural, n)
    source = singular if n == 1 else plural
    if format_fields(translated) != format_fields(source):
        return source
    return translated


def catalogue_path(language: str) -> Path:
    return resource_dir() / "translations" / language / "LC_MESSAGES" / "messages.po"


def _load(language: str) -> gettext.NullTranslations:
    if language == DEFAULT_LANGUAGE:
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    mo_path = catalogue_path(language).with_suffix(".mo")
    po_path = catalogue_path(language)
    if not po_path.exists() and not mo_path.exists():
        return gettext.NullTranslations()  # a broken install shows German, never crashes
    if mo_path.exists() and (
        not po_path.exists() or mo_path.stat().st_mtime >= po_path.stat().st_mtime
    ):
        with mo_path.open("rb") as fh:
            return gettext.GNUTranslations(fh)
    with po_path.open("rb") as fh:
        catalog = read_po(fh, locale=language)
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    buf.seek(0)
    return gettext.GNUTranslations(buf)


def set_language(language: str) -> None:
    """Switch every later ``_()`` call to ``language`` (``de`` or ``en``)."""
    global _current, _translations
    if language not in LANGUAGES:
        language = DEFAULT_LANGUAGE
    _translations = _load(language)
    _current = language


def current_language() -> str:
    return _current


def babel_locale() -> str:
    return _BABEL_LOCALES[_current]


def format_date(value: dt.date) -> str:
    """A date as the office writes it: 24.11.2026 in German, 24/11/2026 in English.

    The patterns are purely numeric, so no locale data is needed (reminder lists format
    thousands of dates; babel would parse its locale for each)."""
    separator = "." if _current == "de" else "/"
    return f"{value.day:02d}{separator}{value.month:02d}{separator}{value.year:04d}"


def format_datetime(value: dt.datetime) -> str:
    from babel.dates import format_datetime as babel_format_datetime

    pattern = "dd.MM.yyyy HH:mm" if _current == "de" else "dd/MM/yyyy HH:mm"
    return str(babel_format_datetime(value, format=pattern, locale=babel_locale()))


def format_decimal(value: float | Decimal, digits: int = 2) -> str:
    from babel.numbers import format_decimal as babel_format_decimal

    pattern = "#,##0." + "0" * digits if digits else "#,##0"
    return str(babel_format_decimal(value, format=pattern, locale=babel_locale()))


def parse_decimal(text: str) -> Decimal:
    """Read a number as typed in the UI language (``0,5`` in German); ValueError if it is none."""
    from babel.numbers import NumberFormatError
    from babel.numbers import parse_decimal as babel_parse_decimal

    try:
        return Decimal(babel_parse_decimal(text.strip(), locale=babel_locale(), strict=True))
    except NumberFormatError as exc:
        raise ValueError(text) from exc
