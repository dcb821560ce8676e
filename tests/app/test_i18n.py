from __future__ import annotations

import gettext
import io

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from app import i18n
from app.i18n import _, format_fields, set_language


def _install(pairs: dict[str, str]) -> None:
    catalog = Catalog(locale="en")
    for msgid, msgstr in pairs.items():
        catalog.add(msgid, msgstr)
    buf = io.BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    i18n._translations = gettext.GNUTranslations(buf)


def test_format_fields() -> None:
    assert format_fields("{a} und {b}") == {"a", "b"}
    assert format_fields("keine") == set()


def test_a_translation_that_breaks_a_field_falls_back_to_the_source() -> None:
    _install({"Hallo {name}": "Hello {nom}", "Tschüss {name}": "Bye {name}"})
    try:
        assert _("Hallo {name}") == "Hallo {name}"
        assert _("Tschüss {name}") == "Bye {name}"
    finally:
        set_language("de")


def test_german_is_the_source_language() -> None:
    set_language("de")
    assert _("Übersicht") == "Übersicht"


def test_english_catalogue_translates() -> None:
    set_language("en")
    try:
        assert _("Übersicht") == "Overview"
        assert _("Benutzername oder Passphrase ist falsch.") == "Wrong user name or passphrase."
    finally:
        set_language("de")


@pytest.mark.parametrize("language", ["xx", ""])
def test_unknown_language_falls_back_to_german(language: str) -> None:
    set_language(language)
    assert i18n.current_language() == "de"
