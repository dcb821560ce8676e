"""Fail when a translation catalogue is incomplete or breaks a ``{field}``.

Strings are extracted fresh from ``app/`` and ``ui/`` (msgids are German), so
a new ``_()`` without an English translation fails here, not in front of a user.
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


def extracted() -> dict[str, tuple[str, int]]:
    found: dict[str, tuple[str, int]] = {}
    for folder in ("app", "ui"):
        for filename, lineno, message, _comments, _context in extract_from_dir(
            ROOT / folder, method_map=[("**.py", "python")], keywords=KEYWORDS
        ):
            # A plural entry lives under its singular msgid; its plural forms are
            # checked with it below.
            msgid = message[0] if isinstance(message, tuple) else message
            if msgid:
                found.setdefault(msgid, (f"{folder}/{filename}", lineno))
    return found


def check(language: str, messages: dict[str, tuple[str, int]]) -> list[str]:
    path = ROOT / "translations" / language / "LC_MESSAGES" / "messages.po"
    if not path.exists():
        return [f"{path.relative_to(ROOT)}: missing"]
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=language)
    problems = []
    for msgid, (where, line) in sorted(messages.items(), key=lambda kv: kv[1]):
        entry = catalog.get(msgid)
        label = f"{where}:{line} [{language}] {msgid[:60]!r}"
        if entry is None:
            problems.append(f"{label}: not in the catalogue (run `make translations`)")
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


def main() -> int:
    messages = extracted()
    problems = [p for lang in LANGUAGES for p in check(lang, messages)]
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} catalogue problem(s).")
        return 1
    print(f"Catalogues complete: {len(messages)} messages, languages: {', '.join(LANGUAGES)}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
