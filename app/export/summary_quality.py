"""The quality self-assessment in the summary PDF: answers grouped by area, labelled
from the criteria in ``app.domain.quality``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from app.documents.fonts import SANS, SANS_BOLD
from app.domain.quality import AREAS, BY_KEY
from app.domain.yearly_report import QualityAnswer
from app.i18n import _

INK = colors.HexColor("#1a1a1a")
LINE = colors.HexColor("#c8ccd2")
AREA_BACKGROUND = colors.HexColor("#e8ecf1")
OTHER_AREA = ""  # answers whose key this version does not know (a newer sender)

LABEL = ParagraphStyle("quality-label", fontName=SANS, fontSize=8.5, leading=11, textColor=INK)
VALUE = ParagraphStyle(
    "quality-value", parent=LABEL, fontName=SANS_BOLD, alignment=TA_RIGHT
)  # fmt: skip
AREA = ParagraphStyle("quality-area", parent=LABEL, fontName=SANS_BOLD)


def quality_label(key: str) -> str:
    criterion = BY_KEY.get(key)
    return _(criterion.label) if criterion else key


def quality_value(answer: QualityAnswer) -> str:
    value = answer.value
    if isinstance(value, bool):
        return _("ja") if value else _("nein")
    if isinstance(value, int):
        return str(value)
    criterion = BY_KEY.get(answer.key)
    choice = dict(criterion.choices).get(value) if criterion else None
    return _(choice) if choice else value


def _area_of(key: str) -> str:
    criterion = BY_KEY.get(key)
    return criterion.area if criterion else OTHER_AREA


def quality_table(answers: Sequence[QualityAnswer], width: float) -> Table:
    """Area headings, then each answer: label left, value right."""
    rows: list[list[Any]] = []
    shaded: list[int] = []
    for area in [*AREAS, OTHER_AREA]:
        found = [a for a in answers if _area_of(a.key) == area]
        if not found:
            continue
        shaded.append(len(rows))
        title = _(AREAS[area]) if area else _("Weitere Angaben")
        rows.append([Paragraph(escape(title), AREA), ""])
        rows += [
            [
                Paragraph(escape(quality_label(a.key)), LABEL),
                Paragraph(escape(quality_value(a)), VALUE),
            ]
            for a in found
        ]
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), SANS, 9),  # reportlab's default is Helvetica
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, LINE),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    for row in shaded:
        commands += [
            ("SPAN", (0, row), (-1, row)),
            ("BACKGROUND", (0, row), (-1, row), AREA_BACKGROUND),
        ]
    grid = Table(rows, colWidths=[width - 70 * mm, 70 * mm], hAlign="LEFT", repeatRows=0)
    grid.setStyle(TableStyle(commands))
    return grid


def quality_section(
    answers: Sequence[QualityAnswer], width: float, heading: Flowable
) -> list[Flowable]:
    if not answers:
        return [heading, Paragraph(escape(_("Keine Angaben.")), LABEL)]
    return [heading, quality_table(answers, width)]
