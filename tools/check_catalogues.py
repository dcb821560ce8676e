"""Fail when a translation catalogue is incomplete or breaks a ``{field}``.

Strings are extracted fresh from the sources (msgids are German), so a new text
without its translations fails here, not in front of a user. Two gettext domains:

* ``messages``: the UI (``_``/``N_``/``ngettext`` in ``app/`` and ``ui/``), English;
* ``documents``: what Lotse prints for clients (``D_`` in ``app/documents``), in every
  language a document can be printed in. Its template ``translations/documents.pot``
  must list exactly the extracted texts; refresh it with::

    pybabel extract -k D_ --no-default-keywords --no-location --sort-output \
        --project=Lotse -o translations/documents.pot app/documents
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.i18n import format_fields  # noqa: E402

LANGUAGES = ("en",)
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
DOCUMENT_LANGUAGES = ("en", "ar", "fa", "ru", "uk", "tr")
DOCUMENT_KEYWORDS = {"D_": None}

HINTS = {
    "messages": "run `make translations`",
    "documents": "refresh documents.pot, then translate it in documents.po",
}

Messages = dict[str, tuple[str, int]]


def extracted(
    folders: tuple[str, ...] = ("app", "ui"), keywords: dict[str, object] | None = None
) -> Messages:
    found: Messages = {}
    for folder in folders:
        for filename, lineno, message, _comments, _context in extract_from_dir(
            ROOT / folder, method_map=[("**.py", "python")], keywords=keywords or KEYWORDS
        ):
            # A plural entry lives under its singular msgid; its plural forms are
            # checked with it below.
            msgid = message[0] if isinstance(message, tuple) else message
            if msgid:
                found.setdefault(msgid, (f"{folder}/{filename}", lineno))
    return found


def extracted_documents() -> Messages:
    return extracted(("app/documents",), DOCUMENT_KEYWORDS)


def check(
    language: str, messages: Messages, domain: str = "messages", root: Path = ROOT
) -> list[str]:
    path = root / "translations" / language / "LC_MESSAGES" / f"{domain}.po"
    if not path.exists():
        return [f"{path.relative_to(root)}: missing"]
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=language)
    problems = []
    for msgid, (where, line) in sorted(messages.items(), key=lambda kv: kv[1]):
        entry = catalog.get(msgid)
        label = f"{where}:{line} [{language}] {msgid[:60]!r}"
        if entry is None:
            problems.append(f"{label}: not in the catalogue ({HINTS.get(domain, domain)})")
        elif entry.fuzzy:
            problems.append(f"{label}: marked fuzzy")
        elif not entry.string or (isinstance(entry.string, tuple) and not all(entry.string)):
            problems.append(f"{label}: not translated")
        else:
            strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
            for translated in strings:
                if format_fields(translated) != format_fields(msgid):
                    problems.append(f"{label}: fields differ in {translated[:60]!r}")
    return problems


def check_template(messages: Messages, domain: str = "documents", root: Path = ROOT) -> list[str]:
    """The template lists exactly what the sources mark (else translators miss texts)."""
    path = root / "translations" / f"{domain}.pot"
    if not path.exists():
        return [f"{path.relative_to(root)}: missing"]
    with path.open("rb") as fh:
        listed = {m.id for m in read_po(fh) if m.id}
    problems = [f"{path.name}: lacks {msgid[:60]!r}" for msgid in sorted(set(messages) - listed)]
    problems += [
        f"{path.name}: lists unused {msgid[:60]!r}" for msgid in sorted(listed - set(messages))
    ]
    if problems:
        problems.append(f"{path.name}: out of date; refresh it (see tools/check_catalogues.py)")
    return problems


def check_documents(root: Path = ROOT) -> list[str]:
    messages = extracted_documents()
    problems = check_template(messages, root=root)
    for lang in DOCUMENT_LANGUAGES:
        problems += check(lang, messages, "documents", root)
    return problems


def main() -> int:
    messages = extracted()
    problems = [p for lang in LANGUAGES for p in check(lang, messages)]
    documents = extracted_documents()
    problems += check_documents()
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} catalogue problem(s).")
        return 1
    print(
        f"Catalogues complete: {len(messages)} messages, languages: {', '.join(LANGUAGES)}; "
        f"{len(documents)} document texts, languages: {', '.join(DOCUMENT_LANGUAGES)}."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
