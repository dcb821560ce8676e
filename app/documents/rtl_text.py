"""Plain text as a flowable in any document language, right-to-left included.

reportlab alone lays Arabic out left to right with unjoined letters. Here a
paragraph is broken into lines in logical order, each line is reordered with
the Unicode bidi algorithm and shaped by HarfBuzz (``app.documents.text_shaping``),
then drawn right-aligned. Latin words and numbers inside Arabic, and Arabic
names inside German, switch font per script run so nothing shows as boxes.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from app.documents.bidi_order import bidi_levels, has_rtl
from app.documents.fonts import is_bold, register_fonts
from app.documents.text_shaping import (
    GlyphRun,
    assign_fonts,
    draw_runs,
    is_arabic_script,
    runs_width,
    shape_run,
    shaping_language,
    single_line,
    visual_runs,
)

RTL_LANGUAGES = frozenset({"ar", "fa"})
_WORD = re.compile(r"\S+")


def is_rtl(lang: str) -> bool:
    return lang in RTL_LANGUAGES


def text_block(text: str, style: ParagraphStyle, lang: str) -> Flowable:
    """Plain text ("\\n" breaks the line) as a flowable for a document in ``lang``."""
    register_fonts()
    text = text.replace("\r\n", "\n").replace("\t", " ")
    if not is_rtl(lang) and not _needs_shaping(text):
        return Paragraph(escape(text).replace("\n", "<br/>"), style)
    return ShapedText(text, style, lang)


def _needs_shaping(text: str) -> bool:
    return any(is_arabic_script(char) for char in text) or has_rtl(text)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width in points of a one-line string, as ``draw_text_line`` draws it."""
    register_fonts()
    return runs_width(single_line(text, bold), size)


def draw_text_line(
    canvas: object,
    text: str,
    x: float,
    y: float,
    size: float,
    *,
    bold: bool = False,
    anchor: str = "left",
) -> None:
    """Draw a one-line string (direction from its letters) starting, ending or
    centred at x, according to ``anchor``: "left", "right" or "centre"."""
    register_fonts()
    runs = single_line(text, bold)
    width = runs_width(runs, size)
    start = {"left": x, "right": x - width, "centre": x - width / 2}[anchor]
    draw_runs(canvas, runs, start, y, size)


@dataclass(frozen=True)
class _Segment:
    """One paragraph between hard line breaks, resolved once: bidi levels and fonts."""

    text: str
    levels: tuple[int, ...]
    fonts: tuple[str, ...]


@dataclass(frozen=True)
class _Line:
    piece: int  # index into the block's pieces
    start: int  # character offsets into that piece's segment
    end: int
    runs: tuple[GlyphRun, ...]
    width: float  # points


@dataclass(frozen=True)
class _Piece:
    """What is left to lay out of a segment: its text from ``start`` on."""

    segment: _Segment
    start: int


class ShapedText(Flowable):  # type: ignore[misc]  # reportlab ships no type hints
    """A paragraph drawn glyph by glyph; splits between lines across pages."""

    def __init__(self, text: str, style: ParagraphStyle, lang: str) -> None:
        super().__init__()
        self.text = text
        self.style = style
        self.lang = lang
        self.rtl = is_rtl(lang)
        self.bold = is_bold(style.fontName)
        self.spaceBefore = style.spaceBefore
        self.spaceAfter = style.spaceAfter
        self._pieces = [_Piece(_segment(part, self.rtl, self.bold), 0) for part in text.split("\n")]
        self._lines: list[_Line] = []
        self._laid_out_for: float | None = None
        self._frozen = False  # the first part of a split keeps the lines it was cut with

    def _part(self, pieces: list[_Piece], lines: list[_Line]) -> ShapedText:
        part = ShapedText(self.text, self.style, self.lang)
        part._pieces = pieces
        part._lines = lines
        part._laid_out_for = self._laid_out_for
        return part

    # -- layout ---------------------------------------------------------------

    def _text_width(self, avail_width: float) -> float:
        indents: float = self.style.leftIndent + self.style.rightIndent
        return max(avail_width - indents, 1.0)

    def _layout(self, avail_width: float) -> list[_Line]:
        width = self._text_width(avail_width)
        if not self.text.strip():
            self._lines = []
        elif self._laid_out_for != width and not self._frozen:
            size = self.style.fontSize
            self._lines = [
                line
                for index, piece in enumerate(self._pieces)
                for line in _break_piece(index, piece, width, size, self.rtl, self.lang)
            ]
            self._laid_out_for = width
        return self._lines

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        lines = self._layout(availWidth)
        self.width = availWidth
        self.height = len(lines) * self.style.leading
        return availWidth, self.height

    def minWidth(self) -> float:  # reportlab's name, used by tables
        size = self.style.fontSize
        widest = 0.0
        for piece in self._pieces:
            segment = piece.segment
            for match in _WORD.finditer(segment.text, piece.start):
                word = _measure(segment, match.start(), match.end(), size, self.lang)
                widest = max(widest, word)
        indents: float = self.style.leftIndent + self.style.rightIndent
        return widest + indents

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        lines = self._layout(availWidth)
        fit = int((availHeight + 1e-6) // self.style.leading)
        if fit <= 0:
            return []
        if fit >= len(lines):
            return [self]
        cut = lines[fit]
        head = self._part(self._pieces[: cut.piece + 1], lines[:fit])
        head._frozen = True
        head.spaceAfter = 0
        rest = [_Piece(self._pieces[cut.piece].segment, cut.start), *self._pieces[cut.piece + 1 :]]
        tail_lines = [replace(line, piece=line.piece - cut.piece) for line in lines[fit:]]
        tail = self._part(rest, tail_lines)
        tail.spaceBefore = 0
        return [head, tail]

    # -- drawing --------------------------------------------------------------

    def draw(self) -> None:
        style = self.style
        size, leading = style.fontSize, style.leading
        width = self._text_width(self.width)
        self.canv.saveState()
        self.canv.setFillColor(style.textColor)
        for number, line in enumerate(self._lines):
            y = self.height - size - number * leading
            draw_runs(self.canv, line.runs, style.leftIndent + self._offset(line, width), y, size)
        self.canv.restoreState()

    def _offset(self, line: _Line, width: float) -> float:
        spare = width - line.width
        if self.style.alignment == TA_CENTER:
            return spare / 2
        if self.rtl or self.style.alignment == TA_RIGHT:
            return spare
        return 0.0

    def getPlainText(self, identify: object = None) -> str:  # reportlab's, for its errors
        return self.text


@functools.lru_cache(maxsize=512)
def _segment(text: str, rtl: bool, bold: bool) -> _Segment:
    fonts = assign_fonts(text, bold, arabic_first=rtl)
    return _Segment(text, bidi_levels(text, rtl), tuple(fonts))


def _measure(segment: _Segment, start: int, end: int, size: float, lang: str) -> float:
    """Width in points of a stretch of a segment, shaped per font in logical order."""
    total = 0.0
    fonts = segment.fonts
    first = start
    for index in range(start + 1, end + 1):
        if index == end or fonts[index] != fonts[first]:
            font = fonts[first]
            piece = segment.text[first:index]
            rtl = segment.levels[first] % 2 == 1
            total += shape_run(font, piece, rtl, shaping_language(font, lang)).width
            first = index
    return total * size / 1000


@dataclass(frozen=True)
class _Measure:
    """Line-breaking settings shared by the helpers below."""

    width: float  # points available for text
    size: float
    rtl: bool
    lang: str

    def of(self, segment: _Segment, start: int, end: int) -> float:
        return _measure(segment, start, end, self.size, self.lang)


def _break_piece(
    index: int, piece: _Piece, width: float, size: float, rtl: bool, lang: str
) -> list[_Line]:
    """Greedy line breaking at spaces, in logical order; over-long words are cut."""
    segment = piece.segment
    fit = _Measure(width, size, rtl, lang)
    spans: list[tuple[int, int]] = []
    for match in _WORD.finditer(segment.text, piece.start):
        spans.extend(_cut_word(segment, match.start(), match.end(), fit))
    if not spans:
        return [_line(index, segment, piece.start, piece.start, fit)]
    lines: list[_Line] = []
    start, end = spans[0]
    used = fit.of(segment, start, end)
    for word_start, word_end in spans[1:]:
        extra = fit.of(segment, end, word_end)  # the gap and the word
        if used + extra <= width + 1e-6:
            end, used = word_end, used + extra
            continue
        lines.append(_line(index, segment, start, end, fit))
        start, end = word_start, word_end
        used = fit.of(segment, start, end)
    lines.append(_line(index, segment, start, end, fit))
    return lines


def _cut_word(segment: _Segment, start: int, end: int, fit: _Measure) -> list[tuple[int, int]]:
    if fit.of(segment, start, end) <= fit.width:
        return [(start, end)]
    pieces: list[tuple[int, int]] = []
    while start < end:
        stop = start + 1
        while stop < end and fit.of(segment, start, stop + 1) <= fit.width:
            stop += 1
        pieces.append((start, stop))
        start = stop
    return pieces


def _line(index: int, segment: _Segment, start: int, end: int, fit: _Measure) -> _Line:
    text = segment.text[start:end]
    levels, fonts = segment.levels[start:end], segment.fonts[start:end]
    runs = tuple(visual_runs(text, levels, fonts, fit.rtl, fit.lang))
    return _Line(index, start, end, runs, runs_width(runs, fit.size))


def line_texts(block: Flowable) -> Sequence[str]:
    """The logical text of each laid-out line of a shaped block (for tests and checks)."""
    if not isinstance(block, ShapedText):
        raise TypeError("not a shaped text block")
    return [block._pieces[line.piece].segment.text[line.start : line.end] for line in block._lines]
