"""One line of plain text as positioned glyphs: a font per script, the Unicode bidi
algorithm, HarfBuzz shaping, and the PDF operators that draw the result.

Order of work (what makes Arabic and Persian come out right): bidi levels are
resolved on the whole paragraph in logical order; lines are broken in logical
order; each line is cut into runs of one level and one font; the runs are put
in visual order (rule L2 of UAX #9) and each run is shaped by HarfBuzz in its
own direction, which joins the letters and returns glyphs left to right.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import uharfbuzz

from app.documents.bidi_order import (
    LRM,
    RLM,
    bidi_levels,
    direction_marks,
    line_levels,
    text_direction_rtl,
    visual_order,
)
from app.documents.fonts import (
    ARABIC,
    ARABIC_BOLD,
    ARABIC_SCRIPT_LANGUAGES,
    SANS,
    SANS_BOLD,
    SIZE_FACTORS,
    shaping_font,
)

_ARABIC_BLOCKS = (
    (0x0600, 0x06FF),
    (0x0750, 0x077F),
    (0x0870, 0x08FF),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
)
_EPSILON = 1e-4


def is_arabic_script(char: str) -> bool:
    code = ord(char)
    return any(first <= code <= last for first, last in _ARABIC_BLOCKS)


@dataclass(frozen=True, slots=True)
class GlyphRun:
    """Shaped glyphs of one font, left to right; metrics in 1/1000 em."""

    font: str
    size_factor: float  # the font is drawn at this multiple of the nominal size
    chars: str  # one character per glyph, see ShapingFont.glyph_char
    advances: tuple[float, ...]  # in 1/1000 of the nominal size
    offsets: tuple[tuple[float, float], ...] | None  # None when no glyph is displaced
    width: float


@functools.lru_cache(maxsize=8192)
def shape_run(
    font_name: str, text: str, rtl: bool, lang: str, marked: tuple[int, ...] = ()
) -> GlyphRun:
    """HarfBuzz output for text of one font and one direction, cached per process.

    ``marked``: indices of punctuation whose text gets a direction mark (see
    ``bidi_order.direction_marks``); the mark is read back, never drawn.
    """
    font = shaping_font(font_name)
    buf = uharfbuzz.Buffer()
    buf.add_str(text)
    buf.direction = "rtl" if rtl else "ltr"
    buf.guess_segment_properties()
    buf.language = lang
    uharfbuzz.shape(font.hb_font, buf)
    infos, positions = buf.glyph_infos, buf.glyph_positions
    factor = SIZE_FACTORS.get(font_name, 1.0)
    scale = 1000 / font.units_per_em * factor
    readers = _cluster_readers(infos, positions)
    starts = sorted({info.cluster for info in infos})
    ends = dict(zip(starts, [*starts[1:], len(text)], strict=True))
    chars: list[str] = []
    advances: list[float] = []
    offsets: list[tuple[float, float]] = []
    for index, (info, pos) in enumerate(zip(infos, positions, strict=True)):
        cluster = info.cluster
        piece = text[cluster : ends[cluster]] if readers[cluster] == index else ""
        if piece and cluster in marked:
            mark = RLM if rtl else LRM
            piece = mark + piece + mark
        if rtl:
            # Readers turn visually ordered right-to-left text back character by
            # character, so a letter with its marks is stored in visual order too.
            piece = piece[::-1]
        chars.append(font.glyph_char(info.codepoint, piece))
        advances.append(pos.x_advance * scale)
        offsets.append((pos.x_offset * scale, pos.y_offset * scale))
    displaced = any(x or y for x, y in offsets)
    return GlyphRun(
        font_name,
        factor,
        "".join(chars),
        tuple(advances),
        tuple(offsets) if displaced else None,
        sum(advances),
    )


def _cluster_readers(infos: Sequence[Any], positions: Sequence[Any]) -> dict[int, int]:
    """Per cluster, the glyph that carries its text for copy-and-paste: the first one
    that advances (a base letter), not a mark placed on it."""
    readers: dict[int, int] = {}
    for index, (info, pos) in enumerate(zip(infos, positions, strict=True)):
        cluster = info.cluster
        if cluster not in readers or (pos.x_advance and not positions[readers[cluster]].x_advance):
            readers[cluster] = index
    return readers


def shaping_language(font_name: str, lang: str) -> str:
    if font_name in (ARABIC, ARABIC_BOLD):
        return lang if lang in ARABIC_SCRIPT_LANGUAGES else "ar"
    return lang or "en"


def assign_fonts(text: str, bold: bool, arabic_first: bool) -> list[str]:
    """A font per character: Arabic script in Naskh, other letters in Sans; digits,
    spaces and punctuation follow the letter before them where that font has them."""
    arabic, latin = (ARABIC_BOLD, SANS_BOLD) if bold else (ARABIC, SANS)
    chosen: list[str | None] = []
    for char in text:
        if is_arabic_script(char):
            chosen.append(arabic)
        elif char.isalpha():
            chosen.append(latin)
        else:
            chosen.append(None)
    following = next((f for f in chosen if f), arabic if arabic_first else latin)
    fonts: list[str] = []
    previous = following
    for char, strong in zip(text, chosen, strict=True):
        if strong is None:
            fonts.append(
                previous if _covers(previous, char) else _other(previous, arabic, latin, char)
            )
        else:
            previous = strong
            fonts.append(strong)
    return fonts


def _other(font: str, arabic: str, latin: str, char: str) -> str:
    other = latin if font == arabic else arabic
    return other if _covers(other, char) else font


def _covers(font_name: str, char: str) -> bool:
    return ord(char) in shaping_font(font_name).face.charToGlyph


def visual_runs(
    text: str, levels: Sequence[int], fonts: Sequence[str], rtl: bool, lang: str
) -> list[GlyphRun]:
    """The shaped runs of one line, left to right."""
    levels = line_levels(text, levels, rtl)
    runs: list[tuple[int, int, int, str]] = []
    start = 0
    for index in range(1, len(text) + 1):
        if index == len(text) or (levels[index], fonts[index]) != (levels[start], fonts[start]):
            runs.append((start, index, levels[start], fonts[start]))
            start = index
    marks = direction_marks(text, levels)
    return [
        shape_run(
            font,
            text[first:last],
            level % 2 == 1,
            shaping_language(font, lang),
            tuple(i - first for i in marks if first <= i < last),
        )
        for first, last, level, font in visual_order(runs)
    ]


def single_line(text: str, bold: bool = False, lang: str = "") -> list[GlyphRun]:
    """Runs for a short string drawn on one line, its direction taken from its letters."""
    rtl = text_direction_rtl(text)
    fonts = assign_fonts(text, bold, arabic_first=rtl)
    return visual_runs(text, bidi_levels(text, rtl), fonts, rtl, lang)


def runs_width(runs: Sequence[GlyphRun], size: float) -> float:
    return sum(run.width for run in runs) * size / 1000


def _number(value: float) -> str:
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def draw_runs(canvas: object, runs: Sequence[GlyphRun], x: float, y: float, size: float) -> None:
    """Draw runs with their left end at (x, y) on the baseline, in the current fill colour."""
    if not runs:
        return
    writer = _TextWriter(canvas)
    unit = size / 1000
    pen = x
    for run in runs:
        font = shaping_font(run.font)
        run_size = size * run.size_factor
        index = 0
        for subset, data in font.splitString(run.chars, writer.doc):
            writer.select(font.getSubsetInternalName(subset, writer.doc), run_size)
            for code in data:
                dx, dy = run.offsets[index] if run.offsets else (0.0, 0.0)
                width = font.glyph_width(run.chars[index]) * run_size / 1000
                writer.glyph(code, pen + dx * unit, y + dy * unit, width)
                pen += run.advances[index] * unit
                index += 1
    writer.finish()


class _TextWriter:
    """Builds one BT…ET block; glyphs are placed exactly where HarfBuzz puts them."""

    def __init__(self, canvas: object) -> None:
        self.canvas = canvas
        self.doc = canvas._doc  # type: ignore[attr-defined]
        self.ops = ["BT", "0 Tc 0 Tw 100 Tz 0 Ts 0 Tr"]
        self.items: list[str] = []
        self.codes = bytearray()
        self.font = ("", 0.0)
        self.cursor: tuple[float, float] | None = None

    def select(self, font: str, size: float) -> None:
        if (font, size) != self.font:
            self._flush()
            self.ops.append(f"{font} {_number(size)} Tf")
            self.font = (font, size)

    def glyph(self, code: int, x: float, y: float, width: float) -> None:
        """Show one glyph with its origin at (x, y); ``width`` is its PDF advance in points."""
        if self.cursor is None or abs(y - self.cursor[1]) > _EPSILON:
            self._flush()
            self.ops.append(f"1 0 0 1 {_number(x)} {_number(y)} Tm")
        elif abs(x - self.cursor[0]) > _EPSILON:
            self._codes_to_items()
            self.items.append(_number((self.cursor[0] - x) * 1000 / self.font[1]))
        self.codes.append(code)
        self.cursor = (x + width, y)

    def _codes_to_items(self) -> None:
        if self.codes:
            self.items.append(f"<{self.codes.hex().upper()}>")
            self.codes = bytearray()

    def _flush(self) -> None:
        self._codes_to_items()
        if self.items:
            self.ops.append(f"[{' '.join(self.items)}] TJ")
            self.items = []

    def finish(self) -> None:
        self._flush()
        self.ops.append("ET")
        self.canvas._code.append("\n".join(self.ops))  # type: ignore[attr-defined]
