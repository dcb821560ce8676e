"""Paragraph styles shared by the printed documents, per document language.

Arabic and Persian use NotoNaskhArabic, right-aligned, with taller lines: Naskh
is drawn larger than the nominal size (``fonts.SIZE_FACTORS``) and carries marks
above and below. ``text_block`` takes size and leading from these styles and picks fonts
per script itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from app.documents.fonts import body_font, register_fonts
from app.documents.rtl_text import is_rtl

INK = colors.HexColor("#1a1a1a")
GREY = colors.HexColor("#555555")
_LATIN_LINE = 1.35
_NASKH_LINE = 1.9


@dataclass(frozen=True)
class DocStyles:
    title: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    table_cell: ParagraphStyle
    table_head: ParagraphStyle
    note: ParagraphStyle


def styles(lang: str) -> DocStyles:
    """Fresh styles for a document (or one half of a bilingual one) in ``lang``."""
    register_fonts()
    rtl = is_rtl(lang)
    regular, bold = body_font(lang), body_font(lang, bold=True)
    line = _NASKH_LINE if rtl else _LATIN_LINE
    alignment = TA_RIGHT if rtl else TA_LEFT

    def make(name: str, size: float, font: str, **extra: object) -> ParagraphStyle:
        settings: dict[str, object] = {
            "fontName": font,
            "fontSize": size,
            "leading": round(size * line, 1),
            "alignment": alignment,
            "textColor": INK,
            **extra,
        }
        return ParagraphStyle(f"lotse-{lang}-{name}", **settings)

    indent = "rightIndent" if rtl else "leftIndent"
    return DocStyles(
        title=make("title", 16, bold, spaceAfter=8),
        heading=make("heading", 12, bold, spaceBefore=10, spaceAfter=4),
        body=make("body", 10, regular, spaceAfter=6),
        small=make("small", 8.5, regular, textColor=GREY),
        table_cell=make("table_cell", 9, regular),
        table_head=make("table_head", 9, bold),
        note=make("note", 9, regular, textColor=GREY, spaceBefore=4, spaceAfter=4, **{indent: 8}),
    )
