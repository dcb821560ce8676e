"""The Unicode bidi algorithm (UAX #9) as the PDF layout needs it: embedding levels
per character for a whole paragraph, then the visual order of one line's runs.

python-bidi's Rust core only returns a reordered string, which loses the link
between characters and glyphs; its pure-Python implementation exposes the steps,
and bracket pairs (rule N0, which it leaves out) are added here so that
"K-2026-0042 (Jobcenter Kiel)" stays one left-to-right piece inside Arabic.
"""

from __future__ import annotations

import bisect
import functools
import unicodedata
from collections.abc import Sequence
from typing import Any, TypeVar

from bidi import algorithm as bidi_algorithm
from bidi.mirror import MIRRORED

RLM = "\u200f"
LRM = "\u200e"
_EXPLICIT = frozenset({"LRE", "LRO", "RLE", "RLO", "PDF", "LRI", "RLI", "FSI"})
# Bidi classes that can lift a character above the paragraph level.
_LIFTS_IN_RTL = frozenset({"L", "EN", "AN"}) | _EXPLICIT
_LIFTS_IN_LTR = frozenset({"R", "AL", "AN"}) | _EXPLICIT
_NEUTRALS = frozenset({"ON", "CS", "ES", "ET"})
_NOT_COUNTED = frozenset({"WS", "NSM", "BN", "B", "S"})
_MAX_BRACKET_DEPTH = 63  # BD16

Run = TypeVar("Run", bound=tuple[Any, ...])


def has_rtl(text: str) -> bool:
    """Whether the text holds a right-to-left letter or digit."""
    return any(unicodedata.bidirectional(c) in ("R", "AL", "AN") for c in text)


def text_direction_rtl(text: str) -> bool:
    """The direction of a standalone string: that of its first strong letter (P2, P3)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return False
        if kind in ("R", "AL"):
            return True
    return False


@functools.lru_cache(maxsize=1024)
def bidi_levels(text: str, rtl: bool) -> tuple[int, ...]:
    """Resolved embedding levels per character of a paragraph (UAX #9 up to rule I2)."""
    base = 1 if rtl else 0
    lifting = _LIFTS_IN_RTL if rtl else _LIFTS_IN_LTR
    if not any(unicodedata.bidirectional(c) in lifting for c in text):
        return (base,) * len(text)
    storage = bidi_algorithm.get_empty_storage()
    storage["base_level"] = base
    storage["base_dir"] = "R" if rtl else "L"
    bidi_algorithm.get_embedding_levels(text, storage)
    for index, char in enumerate(storage["chars"]):
        char["index"] = index
    bidi_algorithm.explicit_embed_and_overrides(storage)
    bidi_algorithm.resolve_weak_types(storage)
    _resolve_bracket_pairs(storage)
    bidi_algorithm.resolve_neutral_types(storage, False)
    bidi_algorithm.resolve_implicit_levels(storage, False)
    # Rule X9 dropped format characters (ZWNJ is one); they take the level before them.
    levels: list[int | None] = [None] * len(text)
    for char in storage["chars"]:
        levels[char["index"]] = char["level"]
    filled: list[int] = []
    for level in levels:
        filled.append(level if level is not None else (filled[-1] if filled else base))
    return tuple(filled)


def _strong(kind: str) -> str | None:
    """Direction of a resolved type for rule N0: numbers count as right-to-left."""
    if kind == "L":
        return "L"
    return "R" if kind in ("R", "AL", "EN", "AN") else None


def _resolve_bracket_pairs(storage: dict[str, Any]) -> None:
    """Rule N0: a bracket pair takes one direction, from its content and context."""
    chars = storage["chars"]
    for run in storage["runs"]:
        start, end = run["start"], run["start"] + run["length"]
        embedding = "R" if chars[start]["level"] % 2 else "L"
        for opening, closing in _bracket_pairs(chars, start, end):
            inside = {_strong(chars[i]["type"]) for i in range(opening + 1, closing)}
            if embedding in inside:
                kind = embedding
            elif "L" in inside or "R" in inside:  # only the opposite direction inside
                before = (_strong(chars[i]["type"]) for i in range(opening - 1, start - 1, -1))
                kind = next((k for k in before if k), run["sor"])
            else:
                continue
            chars[opening]["type"] = chars[closing]["type"] = kind


def _bracket_pairs(chars: list[dict[str, Any]], start: int, end: int) -> list[tuple[int, int]]:
    """Matching bracket positions in a level run (BD16), ordered by the opening one."""
    stack: list[tuple[str, int]] = []
    pairs: list[tuple[int, int]] = []
    for index in range(start, end):
        char = chars[index]
        if char["type"] != "ON":
            continue
        category = unicodedata.category(char["ch"])
        if category == "Ps":
            if len(stack) == _MAX_BRACKET_DEPTH:
                break
            stack.append((MIRRORED.get(char["ch"], ""), index))
        elif category == "Pe":
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == char["ch"]:
                    pairs.append((stack[depth][1], index))
                    del stack[depth:]
                    break
    return sorted(pairs)


def line_levels(text: str, levels: Sequence[int], rtl: bool) -> list[int]:
    """A line's levels after rule L1: trailing spaces return to the paragraph level."""
    result = list(levels)
    end = len(text)
    while end and text[end - 1].isspace():
        end -= 1
        result[end] = 1 if rtl else 0
    return result


def visual_order(runs: list[Run], level_of: int = 2) -> list[Run]:
    """Runs (each of one level, at index ``level_of``) in display order, rule L2."""
    for level in range(max((run[level_of] for run in runs), default=0), 0, -1):
        ordered: list[Run] = []
        stretch: list[Run] = []
        for run in runs:
            if run[level_of] >= level:
                stretch.append(run)
                continue
            ordered.extend(reversed(stretch))
            stretch = []
            ordered.append(run)
        ordered.extend(reversed(stretch))
        runs = ordered
    return runs


def direction_marks(text: str, levels: Sequence[int]) -> list[int]:
    """Punctuation next to a word or number of the other direction.

    Text extractors (poppler, pdf.js) rebuild logical order from glyph positions
    with a simple rule that glues such punctuation to the neighbouring number or
    word: the full stop of "في عام 2026." would come back before 2026. Direction
    marks read back on both sides of the punctuation keep it where the bidi
    algorithm put it; they are never drawn.
    """
    kinds = [unicodedata.bidirectional(char) for char in text]
    anchors = [i for i, kind in enumerate(kinds) if kind not in _NOT_COUNTED | _NEUTRALS]
    marks: list[int] = []
    for index, kind in enumerate(kinds):
        if kind not in _NEUTRALS:
            continue
        spot = bisect.bisect_left(anchors, index)
        neighbours = anchors[max(spot - 1, 0) : spot + 1]
        if any(levels[n] % 2 != levels[index] % 2 for n in neighbours):
            marks.append(index)
    return marks
