"""The page around every letter and form: letterhead, running header, footer with
the client number and "page n of N", and the space kept free for the office seal.

``build_pdf`` lays out a story on A4 and returns byte-identical PDF bytes for the
same input. The page total is known only at the end, so the canvas holds each
finished page back and draws all footers when the document is saved.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Spacer

from app.documents.fonts import SANS, register_fonts
from app.documents.rtl_text import draw_text_line, text_width
from app.documents.seal_box import SealBox

PAGE_WIDTH, PAGE_HEIGHT = A4
LEFT_MARGIN = 25 * mm  # DIN 5008 letters: room for punching and filing
RIGHT_MARGIN = 20 * mm
BOTTOM_MARGIN = 24 * mm
LATER_TOP_MARGIN = 24 * mm
TEXT_WIDTH = PAGE_WIDTH - LEFT_MARGIN - RIGHT_MARGIN
LOGO_WIDTH = 45 * mm
LOGO_HEIGHT = 22 * mm
LETTERHEAD_TOP = 12 * mm  # from the top edge to the top of the letterhead
FOOTER_BASELINE = 12 * mm
INK = colors.HexColor("#1a1a1a")
GREY = colors.HexColor("#555555")
RULE = colors.HexColor("#999999")


@dataclass(frozen=True)
class Letterhead:
    office_name: str
    provider: str
    address: str  # "\n" separates lines
    logo_png: bytes | None = None


@dataclass(frozen=True)
class PageSetup:
    letterhead: Letterhead
    title: str
    client_number: str
    client_label: str
    page_label: Callable[[int, int], str]  # (page, total) -> "Seite 1 von 3"
    doc_ref: str = ""
    author: str = ""
    subject: str = ""


@dataclass(frozen=True)
class BuiltPdf:
    data: bytes
    seal_box: SealBox | None


class SealSpace(Flowable):  # type: ignore[misc]  # reportlab ships no type hints
    """Empty space in the story where the signing step later draws the visible seal.

    When drawn it records its page and box in PDF points (``box``); ``build_pdf``
    reports the first one drawn as ``BuiltPdf.seal_box``.
    """

    def __init__(self, width: float = 230, height: float = 72, align: str = "LEFT") -> None:
        super().__init__()
        self.width = width
        self.height = height
        self.hAlign = align
        self.box: SealBox | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        a, b, c, d, e, f = self.canv._currentMatrix  # where this flowable's origin landed
        xs = (e, a * self.width + e, c * self.height + e, a * self.width + c * self.height + e)
        ys = (f, b * self.width + f, d * self.height + f, b * self.width + d * self.height + f)
        page = self.canv.getPageNumber() - 1
        self.box = SealBox(page, min(xs), min(ys), max(xs), max(ys))
        boxes = getattr(self.canv, "seal_boxes", None)
        if boxes is not None:
            boxes.append(self.box)


class _PagedCanvas(Canvas):  # type: ignore[misc]
    """Holds finished pages back until the total is known, then adds the footers."""

    def __init__(self, *args: Any, setup: PageSetup, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setup = setup
        self.seal_boxes: list[SealBox] = []
        self._held: list[dict[str, Any]] = []

    def showPage(self) -> None:  # reportlab's name
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        if self._code:
            self.showPage()
        total = len(self._held)
        for page in self._held:
            self.__dict__.update(page)
            _draw_footer(self, self.setup, self.getPageNumber(), total)
            super().showPage()
        super().save()


def _draw_footer(canvas: Canvas, setup: PageSetup, number: int, total: int) -> None:
    canvas.saveState()
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    rule_y = FOOTER_BASELINE + 4.5 * mm
    canvas.line(LEFT_MARGIN, rule_y, PAGE_WIDTH - RIGHT_MARGIN, rule_y)
    canvas.setFillColor(GREY)
    label = setup.client_label.rstrip(": ")
    client = f"{label}: {setup.client_number}" if label else setup.client_number
    draw_text_line(canvas, client, LEFT_MARGIN, FOOTER_BASELINE, 8)
    if setup.doc_ref:
        draw_text_line(canvas, setup.doc_ref, PAGE_WIDTH / 2, FOOTER_BASELINE, 8, anchor="centre")
    page = setup.page_label(number, total)
    right = PAGE_WIDTH - RIGHT_MARGIN
    draw_text_line(canvas, page, right, FOOTER_BASELINE, 8, anchor="right")
    canvas.restoreState()


@dataclass(frozen=True)
class _HeadLine:
    text: str
    size: float
    bold: bool
    gap: float  # from the previous baseline (the first: from the letterhead top)


def _letterhead_lines(head: Letterhead, width: float) -> list[_HeadLine]:
    name_size = 15.0
    while name_size > 9 and text_width(head.office_name, name_size, bold=True) > width:
        name_size -= 0.5
    lines = [_HeadLine(head.office_name, name_size, True, name_size)]
    if head.provider:
        lines.append(_HeadLine(head.provider, 9.5, False, 6 * mm))
    first_gap = 5 * mm
    for text in head.address.splitlines():
        if text.strip():
            lines.append(_HeadLine(text.strip(), 9, False, first_gap))
            first_gap = 4.2 * mm
    return lines


def _letterhead_height(head: Letterhead, logo: ImageReader | None) -> float:
    width = TEXT_WIDTH - (LOGO_WIDTH + 5 * mm if logo else 0)
    text: float = sum(line.gap for line in _letterhead_lines(head, width)) + 2.5 * mm
    return max(text, LOGO_HEIGHT if logo else 0.0)


def _draw_letterhead(
    canvas: Canvas, doc: BaseDocTemplate, head: Letterhead, logo: ImageReader | None
) -> None:
    canvas.saveState()
    top = PAGE_HEIGHT - LETTERHEAD_TOP
    width = TEXT_WIDTH - (LOGO_WIDTH + 5 * mm if logo else 0)
    y = top
    for line in _letterhead_lines(head, width):
        y -= line.gap
        canvas.setFillColor(INK if line.bold else GREY)
        draw_text_line(canvas, line.text, LEFT_MARGIN, y, line.size, bold=line.bold)
    if logo is not None:
        right = PAGE_WIDTH - RIGHT_MARGIN
        canvas.drawImage(
            logo,
            right - LOGO_WIDTH,
            top - LOGO_HEIGHT,
            LOGO_WIDTH,
            LOGO_HEIGHT,
            preserveAspectRatio=True,
            anchor="ne",
            mask="auto",
        )
    rule_y = top - _letterhead_height(head, logo) - 2 * mm
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(LEFT_MARGIN, rule_y, PAGE_WIDTH - RIGHT_MARGIN, rule_y)
    canvas.restoreState()


def _draw_running_header(canvas: Canvas, doc: BaseDocTemplate, setup: PageSetup) -> None:
    canvas.saveState()
    baseline = PAGE_HEIGHT - 14 * mm
    canvas.setFillColor(GREY)
    name = setup.letterhead.office_name
    draw_text_line(canvas, name, LEFT_MARGIN, baseline, 8.5)
    room = TEXT_WIDTH - text_width(name, 8.5) - 10 * mm
    size = 8.5
    while size > 6 and text_width(setup.title, size) > room:
        size -= 0.5
    right = PAGE_WIDTH - RIGHT_MARGIN
    draw_text_line(canvas, setup.title, right, baseline, size, anchor="right")
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(LEFT_MARGIN, baseline - 3 * mm, right, baseline - 3 * mm)
    canvas.restoreState()


def _logo(png: bytes | None) -> ImageReader | None:
    if not png:
        return None
    try:
        reader = ImageReader(io.BytesIO(png))
        reader.getSize()
    except Exception:  # a broken logo must not stop a letter from printing
        return None
    return reader


def _templates(setup: PageSetup, logo: ImageReader | None) -> list[PageTemplate]:
    first_top = LETTERHEAD_TOP + _letterhead_height(setup.letterhead, logo) + 10 * mm
    pads = {"leftPadding": 0, "rightPadding": 0, "topPadding": 0, "bottomPadding": 0}
    first = Frame(
        LEFT_MARGIN, BOTTOM_MARGIN, TEXT_WIDTH, PAGE_HEIGHT - first_top - BOTTOM_MARGIN, **pads
    )
    later = Frame(
        LEFT_MARGIN,
        BOTTOM_MARGIN,
        TEXT_WIDTH,
        PAGE_HEIGHT - LATER_TOP_MARGIN - BOTTOM_MARGIN,
        **pads,
    )
    letterhead = functools.partial(_draw_letterhead, head=setup.letterhead, logo=logo)
    header = functools.partial(_draw_running_header, setup=setup)
    return [
        PageTemplate("first", [first], onPage=letterhead, autoNextPageTemplate="later"),
        PageTemplate("later", [later], onPage=header),
    ]


def build_pdf(story: list[Flowable], setup: PageSetup) -> BuiltPdf:
    """Lay the story out on A4 pages with letterhead, header and footers."""
    register_fonts()
    buf = io.BytesIO()
    doc = BaseDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=LEFT_MARGIN,
        rightMargin=RIGHT_MARGIN,
        topMargin=LATER_TOP_MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        title=setup.title,
        author=setup.author,
        subject=setup.subject,
        creator="Lotse",
        keywords="",
        invariant=1,
        initialFontName=SANS,  # otherwise an unembedded Helvetica is listed
    )
    doc.addPageTemplates(_templates(setup, _logo(setup.letterhead.logo_png)))
    canvases: list[_PagedCanvas] = []

    def make_canvas(*args: Any, **kwargs: Any) -> _PagedCanvas:
        canvas = _PagedCanvas(*args, setup=setup, **kwargs)
        canvases.append(canvas)
        return canvas

    # An empty story would give a PDF without pages; a letter always has one.
    doc.build(list(story) or [Spacer(0, 0)], canvasmaker=make_canvas)
    boxes = canvases[-1].seal_boxes if canvases else []
    return BuiltPdf(buf.getvalue(), boxes[0] if boxes else None)
