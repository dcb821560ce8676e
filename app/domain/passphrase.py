"""How strong is a passphrase? A transparent estimate, not a promise.

Entropy is estimated from length and character classes, then reduced for
repeats, runs like ``abcd``/``1234`` and words everybody tries. The office
minimum is a length and a score; both are enforced in ``app`` and shown in the UI.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import IntEnum

from app.errors import FieldErrors
from app.i18n import N_, _


class Strength(IntEnum):
    VERY_WEAK = 0
    WEAK = 1
    FAIR = 2
    STRONG = 3
    VERY_STRONG = 4

    @property
    def label(self) -> str:
        return _(_LABELS[self])


_LABELS = {
    Strength.VERY_WEAK: N_("sehr schwach"),
    Strength.WEAK: N_("schwach"),
    Strength.FAIR: N_("ausreichend"),
    Strength.STRONG: N_("stark"),
    Strength.VERY_STRONG: N_("sehr stark"),
}
_COMMON = (
    "passwort",
    "password",
    "kennwort",
    "geheim",
    "hallo",
    "qwertz",
    "qwerty",
    "asdf",
    "123456",
    "lotse",
    "beratung",
    "sommer",
    "winter",
    "schatz",
    "admin",
    "letmein",
)
MIN_SCORE = Strength.FAIR


@dataclass(frozen=True)
class Assessment:
    bits: float
    strength: Strength


def _pool(text: str) -> int:
    pool = 0
    if any(c.islower() for c in text):
        pool += 26
    if any(c.isupper() for c in text):
        pool += 26
    if any(c.isdigit() for c in text):
        pool += 10
    if any(not c.isalnum() and c.isascii() for c in text):
        pool += 33
    if any(not c.isascii() for c in text):
        pool += 60
    return max(pool, 1)


def _effective_length(text: str) -> float:
    """Length with repeats and ascending/descending runs counted at a quarter."""
    length = 0.0
    for i, char in enumerate(text):
        if i and (char == text[i - 1] or abs(ord(char) - ord(text[i - 1])) == 1):
            length += 0.25
        else:
            length += 1
    lowered = text.lower()
    for word in _COMMON:
        if word in lowered:
            length -= len(word) * 0.75
    return max(length, 0.0)


def assess(passphrase: str) -> Assessment:
    bits = _effective_length(passphrase) * math.log2(_pool(passphrase))
    thresholds = (28, 40, 60, 80)
    score = sum(bits >= t for t in thresholds)
    return Assessment(bits, Strength(score))


def check_passphrase(passphrase: str, repeated: str | None, min_length: int) -> None:
    """FieldErrors naming what is missing; nothing when the passphrase is acceptable."""
    errors: dict[str, str] = {}
    if len(passphrase) < min_length:
        errors["passphrase"] = _(
            "Die Passphrase muss mindestens {count} Zeichen lang sein."
        ).format(count=min_length)
    elif assess(passphrase).strength < MIN_SCORE:
        errors["passphrase"] = _(
            "Die Passphrase ist zu leicht zu erraten. Verwenden Sie mehrere Wörter, "
            "Ziffern oder Sonderzeichen."
        )
    if repeated is not None and repeated != passphrase:
        errors["repeat"] = _("Die beiden Eingaben stimmen nicht überein.")
    if errors:
        raise FieldErrors(errors)
