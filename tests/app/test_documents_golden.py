"""Golden files for every printed document in every language.

Each document is built from the fixed samples with a fixed document id. The PDF
must be byte-stable (built twice, and in a fresh process), its sha256 must match
``tests/golden/documents/sha256.json`` and its text, as poppler's ``pdftotext``
reads it, must match ``tests/golden/documents/<document>-<lang>.txt``.

After an intended change, regenerate and review the diff of the text files::

    LOTSE_REGEN_GOLDEN=1 .venv/bin/pytest -q -p no:cacheprovider tests/app/test_documents_golden.py
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from app.documents.access_report import build_access_report
from app.documents.agreement import build_agreement
from app.documents.confirmation import build_confirmation
from app.documents.consent_form import build_consent_form
from app.documents.doc_texts import DOCUMENT_LANGUAGES
from app.documents.page_frame import BuiltPdf
from app.documents.progress_sheet import build_progress_sheet
from tests.app.test_documents_samples import (
    CLIENT,
    DOC_REF,
    access_data,
    agreement_data,
    confirmation_data,
    consent_data,
    progress_data,
)

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden" / "documents"
HASHES = GOLDEN / "sha256.json"
REGENERATE = os.environ.get("LOTSE_REGEN_GOLDEN") == "1"

BUILDERS: dict[str, Callable[[str], BuiltPdf]] = {
    "agreement": lambda lang: build_agreement(agreement_data(lang), lang, DOC_REF, 1),
    "progress": lambda lang: build_progress_sheet(progress_data(lang), lang, DOC_REF),
    "consent": lambda lang: build_consent_form(consent_data(lang), lang, DOC_REF),
    "access": lambda lang: build_access_report(access_data(lang), lang, DOC_REF),
    "confirmation": lambda lang: build_confirmation(confirmation_data(lang), lang, DOC_REF),
}
CASES = [(doc, lang) for doc in BUILDERS for lang in DOCUMENT_LANGUAGES]
SEALED = {"agreement", "progress", "consent", "confirmation"}

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
    reason="poppler-utils not installed",
)


def pdf_text(data: bytes, tmp_path: Path, *options: str) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    done = subprocess.run(
        ["pdftotext", *options, str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return done.stdout


def page_count(data: bytes, tmp_path: Path) -> int:
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    info = subprocess.run(
        ["pdfinfo", str(path)], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    found = re.search(r"^Pages:\s+(\d+)$", info, re.M)
    assert found, info
    return int(found.group(1))


def _load_hashes() -> dict[str, str]:
    return json.loads(HASHES.read_text("utf-8")) if HASHES.exists() else {}


def _store_hash(name: str, digest: str) -> None:
    hashes = _load_hashes()
    hashes[name] = digest
    HASHES.parent.mkdir(parents=True, exist_ok=True)
    HASHES.write_text(json.dumps(hashes, indent=2, sort_keys=True) + "\n", "utf-8")


@needs_poppler
@pytest.mark.parametrize(("doc", "lang"), CASES)
def test_document_matches_its_golden_files(doc: str, lang: str, tmp_path: Path) -> None:
    built = BUILDERS[doc](lang)
    assert BUILDERS[doc](lang).data == built.data, "the same input must give the same bytes"
    assert built.data.startswith(b"%PDF-")
    assert (built.seal_box is not None) == (doc in SEALED)
    name = f"{doc}-{lang}"
    text = pdf_text(built.data, tmp_path)
    digest = hashlib.sha256(built.data).hexdigest()
    if REGENERATE:
        (GOLDEN / f"{name}.txt").write_text(text, "utf-8")
        _store_hash(name, digest)
        return
    golden_text = (GOLDEN / f"{name}.txt").read_text("utf-8")
    assert text == golden_text, f"text of {name} changed; regenerate and review the diff"
    assert _load_hashes().get(name) == digest, f"bytes of {name} changed"


@needs_poppler
@pytest.mark.parametrize(("doc", "lang"), CASES)
def test_every_page_has_its_number_of_the_total_and_the_client_number(
    doc: str, lang: str, tmp_path: Path
) -> None:
    data = BUILDERS[doc](lang).data
    pages = page_count(data, tmp_path)
    for page in range(1, pages + 1):
        text = " ".join(pdf_text(data, tmp_path, "-f", str(page), "-l", str(page)).split())
        assert f"Seite {page} von {pages}" in text, (doc, lang, page)
        assert CLIENT.number in text, (doc, lang, page)
        assert DOC_REF in text, (doc, lang, page)


def test_bytes_do_not_depend_on_what_the_process_built_before() -> None:
    """A fresh interpreter that builds only the Persian agreement gets the same bytes as
    this one, which has built other documents (and shaped other glyphs) first."""
    for lang in ("de", "ar", "ru"):
        BUILDERS["progress"](lang)
    here = BUILDERS["agreement"]("fa").data
    script = (
        "import sys, hashlib\n"
        "from tests.app.test_documents_golden import BUILDERS\n"
        "sys.stdout.write(hashlib.sha256(BUILDERS['agreement']('fa').data).hexdigest())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert done.stdout == hashlib.sha256(here).hexdigest()
