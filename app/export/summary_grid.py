"""A count table as printed rows and columns in the summary PDF.

Column widths follow the headings: each column is as wide as its longest heading word
needs (the heading font shrinks a little first), and a table wider than the page is
printed in blocks of columns, each repeating the row labels.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, Table, TableStyle

from app.documents.fonts import SANS, SANS_BOLD
from app.domain.yearly_report import CountTable
from app.export.csv_tables import count_text, total_label
from app.export.language import LabelOf

LABEL_MIN, LABEL_MAX = 30 * mm, 60 * mm
NUMBER_MIN, NUMBER_MAX = 15 * mm, 30 * mm
HEAD_SIZES = (8.0, 7.5, 7.0, 6.5, 6.0)  # tried in turn until every column fits
CELL_PADDING = 12  # reportlab's default left plus right cell padding, in points
HEAD_PADDING = 3  # each side, in the heading row: long words need the room
INK = colors.HexColor("#1a1a1a")
LINE = colors.HexColor("#c8ccd2")
HEAD = colors.HexColor("#e8ecf1")
ZEBRA = colors.HexColor("#f6f7f9")

CELL = ParagraphStyle("grid-cell", fontName=SANS, fontSize=8.5, leading=11, textColor=INK)
TOTAL_CELL = ParagraphStyle("grid-total", parent=CELL, fontName=SANS_BOLD)


@dataclass(frozen=True)
class GridLayout:
    label_width: float
    head_size: float
    widths: tuple[float, ...]  # each data column, then the totals column
    groups: tuple[range, ...]  # data columns per printed block; the last adds the totals


def _natural(head: str, size: float) -> float:
    """The width a column needs for its longest heading word at ``size``."""
    longest: float = max((stringWidth(w, SANS_BOLD, size) for w in head.split()), default=0)
    return max(float(NUMBER_MIN), longest + 2 * HEAD_PADDING + 2)


def _blocks(natural: Sequence[float], room: float) -> tuple[range, ...]:
    """Data columns per block, each block leaving room for the totals column."""
    *data, total = natural
    groups, start, used = [], 0, total
    for j, width in enumerate(data):
        if j > start and used + width > room:
            groups.append(range(start, j))
            start, used = j, total
        used += width
    groups.append(range(start, len(data)))
    return tuple(groups)


def grid_layout(row_labels: Sequence[str], heads: Sequence[str], width: float) -> GridLayout:
    """Widths and blocks for a table with ``heads`` (column labels, then the totals')."""
    widest = max((stringWidth(t, SANS, CELL.fontSize) for t in row_labels), default=0)
    label_width = min(max(widest + CELL_PADDING + 4, LABEL_MIN), LABEL_MAX)
    room = width - label_width
    for size in HEAD_SIZES:
        natural = [_natural(h, size) for h in heads]
        if sum(natural) <= room:
            break
    groups = _blocks(natural, room)
    if len(groups) == 1:  # spread the spare room, but keep numbers near their labels
        extra = (room - sum(natural)) / len(natural)
        natural = [min(w + extra, max(w, NUMBER_MAX)) for w in natural]
    return GridLayout(label_width, size, tuple(natural), groups)


# A table of counts: heading row shaded, totals row bold, numbers right, fine lines. The
# office's summary and the coordinator's report look the same.
COUNT_GRID: tuple[tuple[Any, ...], ...] = (
    ("FONT", (0, 0), (-1, -1), SANS, 8.5),
    ("FONT", (0, -1), (-1, -1), SANS_BOLD, 8.5),
    ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ("BACKGROUND", (0, 0), (-1, 0), HEAD),
    ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
    ("LINEABOVE", (0, -1), (-1, -1), 0.8, INK),
    ("INNERGRID", (0, 0), (-1, -1), 0.25, LINE),
    ("BOX", (0, 0), (-1, -1), 0.5, LINE),
    ("TOPPADDING", (0, 0), (-1, -1), 2),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
)


def _style(rows: int) -> TableStyle:
    commands: list[tuple[Any, ...]] = [
        *COUNT_GRID,
        ("LEFTPADDING", (1, 0), (-1, 0), HEAD_PADDING),
        ("RIGHTPADDING", (1, 0), (-1, 0), HEAD_PADDING),
    ]
    commands += [("BACKGROUND", (0, r), (-1, r), ZEBRA) for r in range(2, rows - 1, 2)]
    return TableStyle(commands)


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def grid_block(
    table: CountTable, columns: range, last: bool, layout: GridLayout, label_of: LabelOf
) -> Table:
    """The table's rows for the data ``columns``; the last block also shows row totals."""
    head_style = ParagraphStyle(
        f"grid-head-{layout.head_size}",
        fontName=SANS_BOLD,
        fontSize=layout.head_size,
        leading=layout.head_size * 1.25,
        alignment=TA_CENTER,
        textColor=INK,
    )
    heads = [label_of(table.key, table.columns[j]) for j in columns]
    widths = [layout.widths[j] for j in columns]
    if last:
        heads.append(total_label(table))
        widths.append(layout.widths[-1])
    data: list[list[Any]] = [["", *(_p(h, head_style) for h in heads)]]
    for i, code in enumerate(table.rows):
        row: list[Any] = [_p(label_of(table.key, code), CELL)]
        row += [count_text(table.cells[i][j]) for j in columns]
        data.append([*row, count_text(table.row_totals[i])] if last else row)
    totals: list[Any] = [_p(total_label(table), TOTAL_CELL)]
    totals += [count_text(table.column_totals[j]) for j in columns]
    data.append([*totals, count_text(table.total)] if last else totals)
    grid = Table(data, colWidths=[layout.label_width, *widths], repeatRows=1, hAlign="LEFT")
    grid.setStyle(_style(len(data)))
    return grid
