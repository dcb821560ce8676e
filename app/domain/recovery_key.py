"""The recovery key: the 256-bit data key itself, written for paper.

16 groups of 4 hex digits joined by ``-``. Anyone holding it can open the
database with the standard ``sqlcipher`` shell, so it is shown once and kept
on paper in the office safe.
"""

from __future__ import annotations

import re

from app.errors import UsageError
from app.i18n import _

KEY_BYTES = 32
_NOT_HEX = re.compile(r"[^0-9a-f]")


def format_recovery_key(key: bytes) -> str:
    if len(key) != KEY_BYTES:
        raise ValueError("data key must be 32 bytes")
    digits = key.hex().upper()
    return "-".join(digits[i : i + 4] for i in range(0, len(digits), 4))


def parse_recovery_key(text: str) -> bytes:
    """Accept the key as typed: any case, with or without dashes or spaces."""
    cleaned = re.sub(r"[\s\-–]", "", text.strip().lower())
    if len(cleaned) != KEY_BYTES * 2 or _NOT_HEX.search(cleaned):
        raise UsageError(
            _(
                "Der Wiederherstellungsschlüssel besteht aus 64 Zeichen 0–9 und A–F "
                "in 16 Vierergruppen. Bitte prüfen Sie die Eingabe."
            )
        )
    return bytes.fromhex(cleaned)


def sqlcipher_pragma(key: bytes) -> str:
    """The line to type into the ``sqlcipher`` shell to open the database."""
    return f"PRAGMA key = \"x'{key.hex()}'\";"
