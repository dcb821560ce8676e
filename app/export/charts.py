"""Horizontal bar charts of counts for the yearly summaries (office and coordinator).

Drawn with plain reportlab graphics shapes rather than reportlab's chart classes:
suppressed values need a "." and no bar, and long labels must be cut to fit, which
is simpler to get exactly right by hand.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from app.documents.fonts import SANS, register_fonts
from app.export.csv_tables import count_text

BAR = colors.HexColor("#3b6ea5")
INK = colors.HexColor("#1a1a1a")
GREY = colors.HexColor("#777777")
AXIS = colors.HexColor("#bbbbbb")
ELLIPSIS = "…"
GAP = 6  # points between label, bar and value


def fit_text(text: str, width: float, font: str, size: float) -> str:
    """``text`` cut with an ellipsis so that it is at most ``width`` wide."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + ELLIPSIS, font, size) > width:
        text = text[:-1]
    return text.rstrip() + ELLIPSIS if text else ""


@dataclass(frozen=True)
class ChartGeometry:
    """Where labels end and how long the longest bar is: shared by the pieces of a chart
    split over pages, so that their bars line up and use one scale."""

    width: float
    label_width: float
    bar_room: float
    largest: int
    font_size: float = 8
    row_height: float = 13


def chart_geometry(
    labels: Sequence[str],
    values: Sequence[int | None],
    width: float,
    *,
    font_size: float = 8,
    label_share: float = 0.42,
) -> ChartGeometry:
    """The geometry that fits ``labels`` (at most ``label_share`` of ``width``) and
    ``values`` (from zero to the largest shown)."""
    register_fonts()
    widest = max((stringWidth(text, SANS, font_size) for text in labels), default=0)
    label_width = min(widest + GAP, width * label_share)
    value_width = max((stringWidth(count_text(v), SANS, font_size) for v in values), default=0)
    bar_room = max(width - label_width - value_width - GAP, 1)
    largest = max((v for v in values if v is not None), default=0)
    return ChartGeometry(width, label_width, bar_room, largest, font_size, font_size + 5)


def bar_chart(
    labels: Sequence[str],
    values: Sequence[int | None],
    width: float,
    *,
    geometry: ChartGeometry | None = None,
    colour: colors.Color = BAR,
) -> Drawing:
    """One bar per label; ``None`` is a suppressed value: it shows "." and no bar."""
    if len(labels) != len(values):
        raise ValueError("labels and values differ in length")
    g = geometry or chart_geometry(labels, values, width)
    height = g.row_height * len(labels) + 2
    drawing = Drawing(g.width, height)
    # The renderer starts each drawing in Helvetica, which would land unembedded in the PDF.
    drawing.initialFontName, drawing.initialFontSize = SANS, g.font_size
    if not labels:
        return drawing
    x0 = g.label_width
    drawing.add(Line(x0, 0, x0, height, strokeColor=AXIS, strokeWidth=0.5))
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = height - (index + 1) * g.row_height
        baseline = y + (g.row_height - g.font_size) / 2 + 1
        text = fit_text(label, g.label_width - GAP, SANS, g.font_size)
        drawing.add(String(0, baseline, text, fontName=SANS, fontSize=g.font_size, fillColor=INK))
        length = g.bar_room * value / g.largest if value and g.largest else 0
        if length:
            bar = Rect(x0, y + 2, length, g.row_height - 4, fillColor=colour, strokeColor=None)
            drawing.add(bar)
        shade = GREY if value is None else INK
        drawing.add(
            String(
                x0 + length + 3,
                baseline,
                count_text(value),
                fontName=SANS,
                fontSize=g.font_size,
                fillColor=shade,
            )
        )
    return drawing


def bar_charts(
    labels: Sequence[str], values: Sequence[int | None], width: float, rows_per_chart: int = 40
) -> list[Drawing]:
    """``bar_chart`` cut into pieces of ``rows_per_chart`` bars with one geometry, so that
    a long chart can break across pages (a single drawing cannot)."""
    geometry = chart_geometry(labels, values, width)
    return [
        bar_chart(
            labels[start : start + rows_per_chart],
            values[start : start + rows_per_chart],
            width,
            geometry=geometry,
        )
        for start in range(0, len(labels), rows_per_chart)
    ]
