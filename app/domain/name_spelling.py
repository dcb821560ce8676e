"""How names are spelled: folding, transliteration, phonetic keys, edit distance.

The building blocks of the duplicate check in :mod:`app.domain.name_matching`,
kept apart so that the tables of letters do not crowd the scoring rules.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# -- normalisation -----------------------------------------------------------------
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "ё": "e",
    "є": "ye", "ж": "zh", "з": "z", "и": "i", "і": "i", "ї": "yi", "й": "y", "к": "k",
    "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ў": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip
_ARABIC = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ٱ": "a", "ء": "", "ؤ": "w", "ئ": "y",
    "ب": "b", "پ": "p", "ت": "t", "ث": "s", "ج": "j", "چ": "ch", "ح": "h", "خ": "kh",
    "د": "d", "ذ": "z", "ر": "r", "ز": "z", "ژ": "zh", "س": "s", "ش": "sh", "ص": "s",
    "ض": "z", "ط": "t", "ظ": "z", "ع": "", "غ": "gh", "ف": "f", "ق": "q", "ك": "k",
    "ک": "k", "گ": "g", "ل": "l", "م": "m", "ن": "n", "ه": "h", "ة": "a", "و": "w",
    "ي": "y", "ی": "y", "ى": "a", "ۀ": "h", "ـ": "",
}  # fmt: skip
_LATIN = {
    "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ẞ": "ss", "æ": "ae", "œ": "oe",
    "ø": "oe", "ı": "i", "ş": "s", "ș": "s", "ç": "c", "ğ": "g", "ł": "l", "đ": "d",
    "ð": "d", "þ": "th", "č": "ch", "š": "sh", "ž": "zh",
    "'": "", "’": "", "‘": "", "ʼ": "", "ʻ": "", "`": "", "´": "", "ʿ": "", "ʾ": "",
}  # fmt: skip
_TRANSLIT = str.maketrans({**_CYRILLIC, **_ARABIC, **_LATIN})
# The Arabic article is written together with the name: الحسن → "al hsn".
_ARABIC_ARTICLE = re.compile(r"(?<![^\s\-])ال(?=\w)")
_NOT_WORD = re.compile(r"[\W_]+")
ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")

PARTICLES = frozenset({"al", "el", "von", "van", "der", "den", "zu", "de", "da", "di", "du"})


def normalise(name: str) -> str:
    """Name as lower-case Latin tokens separated by single spaces; never raises."""
    return _normalise(name)


@lru_cache(maxsize=1 << 16)
def _normalise(name: str) -> str:
    text = unicodedata.normalize("NFKC", name).casefold()
    text = _ARABIC_ARTICLE.sub("al ", text).translate(_TRANSLIT)
    text = "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )
    return " ".join(_NOT_WORD.sub(" ", text).split())


# -- phonetic key and skeleton -------------------------------------------------------
_VOWELS = frozenset("aeiou")
# Upper-case letters are sound classes: S = sch/sh/zh, C = tsch/ch.
_SPELLINGS = (
    ("tsch", "C"), ("dsch", "y"), ("sch", "S"), ("tch", "C"), ("dzh", "y"), ("dj", "y"),
    ("zh", "S"), ("sh", "S"), ("ch", "C"), ("kh", "h"), ("gh", "k"), ("ph", "f"),
    ("th", "t"), ("dh", "d"), ("ck", "k"), ("tz", "z"), ("ts", "z"), ("x", "ks"),
    ("q", "k"), ("w", "v"), ("j", "y"), ("g", "h"), ("c", "k"),
)  # fmt: skip
# Vowel groups, in this order: ee/oo/ou long vowels, umlaut spellings, ie, ei ~ ai.
_VOWEL_GROUPS = (
    ("ee", "i"), ("oo", "u"), ("ou", "u"), ("ue", "u"), ("oe", "o"), ("ae", "a"),
    ("ie", "i"), ("ei", "ai"), ("ii", "i"), ("aa", "a"), ("uu", "u"),
)  # fmt: skip
_FINAL_CLASS = {"a": "A", "e": "A", "i": "I", "o": "U", "u": "U"}


def phonetic_key(token: str) -> str:
    """Spelling-independent key of a name: equal keys sound alike (Yuliia/Юлия/Julija).

    Several tokens give several keys separated by spaces.
    """
    return " ".join(token_info(t).phon for t in normalise(token).split())


def _phonetic(token: str, keep_h: bool = False) -> str:
    text = token
    for spelling, sound in _SPELLINGS:
        if spelling in text:
            text = text.replace(spelling, sound)
    if text.startswith("ye"):  # Yekaterina/Ekaterina, Yelena/Elena
        text = text[1:]
    out: list[str] = []
    last = len(text) - 1
    for i, letter in enumerate(text):
        ch = letter
        if ch == "y":
            ch = "Y" if i == 0 and i < last and text[1] in _VOWELS else "i"
        elif ch == "h" and out and out[-1] not in _VOWELS and not keep_h:
            continue  # Olha/Olga (after g→h), Abdulhamid/Abdulamid
        elif ch == "h" and i == last and out:
            continue  # Fatemeh/Fatima
        if out and ch == out[-1] and ch not in _VOWELS:
            continue
        out.append(ch)
    return _vowel_groups("".join(out))


def _vowel_groups(text: str) -> str:
    out: list[str] = []
    run: list[str] = []
    for ch in [*text, ""]:
        if ch in _VOWELS and ch:
            run.append(ch)
            continue
        if run:
            group = "".join(run)
            for spelling, sound in _VOWEL_GROUPS:
                if spelling in group:
                    group = group.replace(spelling, sound)
            for v in group:
                if not out or out[-1] != v:
                    out.append(v)
            run = []
        if ch:
            out.append(ch)
    return "".join(out)


def _skeleton(phon: str) -> str:
    out: list[str] = []
    in_vowels = False
    for ch in phon:
        if ch in _VOWELS:
            in_vowels = True
            continue
        if in_vowels:
            out.append("*")
            in_vowels = False
        out.append(ch)
    if in_vowels:
        out.append(_FINAL_CLASS[phon[-1]])
    return "".join(out)


_NOT_CONSONANT = frozenset("*AIUvY")


def _first_vowel(phon: str) -> str:
    """Class of the first vowel unless it ends the name: a, e, i or o (o and u)."""
    for i, ch in enumerate(phon):
        if ch in _VOWELS:
            if all(rest in _VOWELS for rest in phon[i + 1 :]):
                return ""
            return "o" if ch == "u" else ch
    return ""


def vowels_compatible(a: str, b: str) -> bool:
    """Mohammed/Muhammad (o/u), Ahmad/Ahmed, Tarek/Tariq; not Hassan/Hussein (a/u)."""
    return a == b or not a or not b or ("e" in (a, b) and "o" not in (a, b))


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    phon: str
    skel: str
    vowel: str  # class of the first vowel, see _first_vowel
    cons: str  # consonants only, for names written in Arabic script


@lru_cache(maxsize=1 << 16)
def token_info(text: str) -> Token:
    phon = _phonetic(text)
    skel = _skeleton(phon)
    # Arabic script writes every h (محمد → mhmd): keep them for the consonant key.
    cons = "".join(ch for ch in _skeleton(_phonetic(text, True)) if ch not in _NOT_CONSONANT)
    return Token(text, phon, skel, _first_vowel(phon), cons)


# -- edit distance -------------------------------------------------------------------
def damerau_levenshtein(a: str, b: str, limit: int | None = None) -> int:
    """Edits (insert, delete, substitute, swap two neighbours) that turn ``a`` into ``b``.

    This is the optimal-string-alignment variant. With ``limit``, any distance above
    it is reported as ``limit + 1`` and the computation stops early.
    """
    if a == b:
        return 0
    len_a, len_b = len(a), len(b)
    cap = len_a + len_b if limit is None else limit
    if abs(len_a - len_b) > cap:
        return cap + 1
    if not len_a or not len_b:
        return min(max(len_a, len_b), cap + 1)
    before: list[int] = []
    prev = list(range(len_b + 1))
    for i in range(1, len_a + 1):
        ca = a[i - 1]
        cur = [i] + [0] * len_b
        row_min = i
        for j in range(1, len_b + 1):
            cb = b[j - 1]
            best = min(prev[j - 1] + (ca != cb), prev[j] + 1, cur[j - 1] + 1)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                best = min(best, before[j - 2] + 1)
            cur[j] = best
            row_min = min(row_min, best)
        if row_min > cap:
            return cap + 1
        before, prev = prev, cur
    return min(prev[len_b], cap + 1)
