"""The page template the simple one-column PDFs share (recovery sheet, yearly summary,
state report): A4, byte-stable, the bundled font from the first page on."""

from __future__ import annotations

from typing import BinaryIO

from reportlab.lib.pagesizes import A4
from reportlab.platypus import SimpleDocTemplate

from app.documents.fonts import SANS, register_fonts


def a4_document(
    out: BinaryIO, *, title: str, author: str, margin: float, bottom: float | None = None
) -> SimpleDocTemplate:
    """``bottom``: a larger bottom margin for a footer; default ``margin``."""
    register_fonts()
    return SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin if bottom is None else bottom,
        title=title,
        author=author,
        creator="Lotse",
        invariant=1,  # equal input, equal bytes
        initialFontName=SANS,  # else every page names Helvetica, which is not embedded
    )
