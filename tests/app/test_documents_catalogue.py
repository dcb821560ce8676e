"""The documents' own gettext domain: complete in every client language, fields intact,
the template current, and a broken translation never reaching paper."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_python
from babel.messages.pofile import write_po

from app.documents import doc_texts
from app.documents.doc_texts import CLIENT_LANGUAGES, D_, translator

ROOT = Path(__file__).resolve().parents[2]


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "check_catalogues", ROOT / "tools" / "check_catalogues.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_document_text_is_translated_in_every_client_language() -> None:
    tool = _tool()
    assert set(tool.DOCUMENT_LANGUAGES) == set(CLIENT_LANGUAGES)
    messages = tool.extracted_documents()
    assert len(messages) > 150
    assert "Seite {page} von {pages}" in messages
    assert tool.check_documents() == []


DOCUMENT_MODULES = (
    "access_records", "access_report", "access_rights", "agreement", "bilingual", "confirmation",
    "consent_form", "doc_labels", "doc_texts", "document_data", "parties", "progress_sheet",
)  # fmt: skip


@pytest.mark.parametrize("module", DOCUMENT_MODULES)
def test_document_modules_mark_texts_for_the_documents_domain_only(module: str) -> None:
    """``_()`` in a document would print in the UI's language, not the client's."""
    tool = _tool()
    path = ROOT / "app" / "documents" / f"{module}.py"
    with path.open("rb") as fh:
        ui = list(extract_python(fh, tool.KEYWORDS, [], {}))
    assert ui == []


def _write(root: Path, lang: str, pairs: dict[str, str], domain: str = "documents") -> None:
    catalog = Catalog(locale=lang)
    for msgid, msgstr in pairs.items():
        catalog.add(msgid, msgstr)
    path = root / "translations" / lang / "LC_MESSAGES" / f"{domain}.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        write_po(fh, catalog)


def test_the_check_finds_missing_and_broken_translations(tmp_path: Path) -> None:
    tool = _tool()
    messages = {"Seite {page} von {pages}": ("x.py", 1), "Wohnen": ("x.py", 2)}
    _write(tmp_path, "tr", {"Seite {page} von {pages}": "Sayfa {sayfa} / {pages}"})
    problems = tool.check("tr", messages, "documents", tmp_path)
    assert any("fields differ" in p for p in problems)
    assert any("'Wohnen': not in the catalogue" in p for p in problems)
    assert tool.check("uk", messages, "documents", tmp_path) == [
        "translations/uk/LC_MESSAGES/documents.po: missing"
    ]


@pytest.fixture
def resources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setattr(doc_texts, "resource_dir", lambda: tmp_path)
    translator.cache_clear()
    yield tmp_path
    translator.cache_clear()


def test_a_translation_that_breaks_a_field_prints_german(resources: Path) -> None:
    _write(
        resources,
        "en",
        {"Seite {page} von {pages}": "Page {seite} of {pages}", "Wohnen": "Housing"},
    )
    t = translator("en")
    assert t("Seite {page} von {pages}") == "Seite {page} von {pages}"
    assert t("Wohnen") == "Housing"
    assert t(D_("Gesundheit")) == "Gesundheit"  # missing: German


def test_a_missing_catalogue_prints_german_and_a_compiled_one_is_used(resources: Path) -> None:
    assert translator("ru")("Wohnen") == "Wohnen"
    translator.cache_clear()
    _write(resources, "ru", {"Wohnen": "Жильё"})
    po = resources / "translations" / "ru" / "LC_MESSAGES" / "documents.po"
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as fh:
        catalog = read_po(fh, locale="ru")
    with po.with_suffix(".mo").open("wb") as fh:
        write_mo(fh, catalog)
    po.unlink()  # the bundle ships only the compiled catalogue
    assert translator("ru")("Wohnen") == "Жильё"
