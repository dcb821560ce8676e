"""The state-wide aggregate as a PDF report: per table the state's figures, a chart of
its rows and a chart comparing the districts; then quality and which files went in.

A4, fonts embedded, built in memory with ``invariant=1`` (equal input, equal bytes).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from app.documents.a4 import a4_document
from app.documents.fonts import MONO, SANS, SANS_BOLD, register_fonts
from app.domain.office import district_label
from app.export.aggregate_xlsx import STATE, quality_rows
from app.export.aggregation import (
    STAFFING,
    Aggregate,
    AggregateTable,
    Figure,
    figure_text,
    total_label,
)
from app.export.charts import bar_chart
from app.export.intake import Coverage
from app.export.language import LabelOf, TitleOf
from app.export.summary_grid import COUNT_GRID
from app.i18n import _, ngettext

MARGIN = 18 * mm
FOOTER_Y = 10 * mm
LABEL_WIDTH: float = 46 * mm
NUMBER_WIDTH: float = 15 * mm
MAX_NUMBER_WIDTH: float = 42 * mm
HEAD_SIZE = 8
CELL_PADDING = 14  # reportlab's default cell padding (6 left, 6 right), plus a little air
# NotoSans lacks "≥"; the bundled mono face has it.
AT_LEAST_MARKUP = f'<font face="{MONO}">≥</font>'

INK = colors.HexColor("#1a1a1a")
GREY = colors.HexColor("#555555")
LINE = colors.HexColor("#c8ccd2")
HEAD = colors.HexColor("#e8ecf1")
NOTE = colors.HexColor("#fff4d6")
NOTE_BORDER = colors.HexColor("#b07800")
DISTRICT_BAR = colors.HexColor("#5b8c5a")


def _style(name: str, font: str = SANS, size: float = 9, **extra: Any) -> ParagraphStyle:
    settings: dict[str, Any] = {"leading": size * 1.3, "textColor": INK, **extra}
    return ParagraphStyle(name, fontName=font, fontSize=size, **settings)


BODY = _style("body")
CELL = _style("cell", size=8.5)
HEAD_CELL = _style("head", SANS_BOLD, HEAD_SIZE, alignment=TA_CENTER)
TOTAL_CELL = _style("total", SANS_BOLD, 8.5)
NUMBER = _style("number", size=8.5, alignment=TA_RIGHT)
H1 = _style("h1", SANS_BOLD, 17, spaceAfter=4 * mm)
H2 = _style("h2", SANS_BOLD, 12, spaceBefore=5 * mm, spaceAfter=2 * mm)
CAPTION = _style("caption", size=8, textColor=GREY, spaceBefore=1 * mm, spaceAfter=1 * mm)


def header_width(text: str) -> float:
    """A number column wide enough for the longest word of its heading (no word split)."""
    register_fonts()
    longest = max((float(stringWidth(w, SANS_BOLD, HEAD_SIZE)) for w in text.split()), default=0)
    return min(max(NUMBER_WIDTH, longest + CELL_PADDING), MAX_NUMBER_WIDTH)


def column_groups(widths: Sequence[float], total_width: float, room: float) -> list[range]:
    """Data columns per printed block: label, numbers and the totals column fit ``room``."""
    groups: list[range] = []
    start, used = 0, LABEL_WIDTH + total_width
    for j, w in enumerate(widths):
        if j > start and used + w > room:
            groups.append(range(start, j))
            start, used = j, LABEL_WIDTH + total_width
        used += w
    return [*groups, range(start, len(widths))]


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text).replace("≥", AT_LEAST_MARKUP), style)


def _note(aggregate: Aggregate) -> Flowable:
    text = _(
        "Geheimhaltung: Werte unter {threshold} und Werte, aus denen sich diese zurückrechnen "
        "ließen, sind durch „.“ ersetzt. „≥ n“ ist ein Mindestwert: Mindestens eine "
        "Beratungsstelle hat hier einen geheim gehaltenen Wert gemeldet, gezählt sind nur die "
        "gemeldeten Werte. Summen stammen aus den Summen der Beratungsstellen."
    ).format(threshold=aggregate.threshold)
    box = Table([[_p(text, BODY)]], colWidths=[None])
    box.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), SANS, 9),  # else the cell names Helvetica
                ("BACKGROUND", (0, 0), (-1, -1), NOTE),
                ("BOX", (0, 0), (-1, -1), 1, NOTE_BORDER),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
            ]
        )
    )
    return box


def _plain_grid(data: list[list[Any]], widths: Sequence[float | None]) -> Table:
    grid = Table(data, colWidths=list(widths), repeatRows=1, hAlign="LEFT")
    grid.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), SANS, 8.5),
                ("FONT", (0, 0), (-1, 0), SANS_BOLD, 8.5),
                ("BACKGROUND", (0, 0), (-1, 0), HEAD),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, LINE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ]
        )
    )
    return grid


def _front(aggregate: Aggregate, coverage: Coverage) -> list[Flowable]:
    title = _("Landesstatistik Migrationsberatung {year}").format(year=aggregate.year)
    counts = (len(coverage.accepted), len(coverage.missing), len(coverage.refused))
    facts = [
        ngettext(
            "{count} Jahresmeldung zusammengeführt.",
            "{count} Jahresmeldungen zusammengeführt.",
            counts[0],
        ).format(count=counts[0]),
        ngettext(
            "{count} Beratungsstelle ohne Jahresmeldung.",
            "{count} Beratungsstellen ohne Jahresmeldung.",
            counts[1],
        ).format(count=counts[1]),
        ngettext("{count} Datei abgelehnt.", "{count} Dateien abgelehnt.", counts[2]).format(
            count=counts[2]
        ),
    ]
    flow: list[Flowable] = [_p(title, H1), _p(STATE, H2)]
    flow += [_p(text, BODY) for text in facts]
    flow += [Spacer(1, 4 * mm), _note(aggregate), _p(_("Beratungsstellen je Kreis/Stadt"), H2)]
    rows = [[district_label(code), str(n)] for code, n in aggregate.offices_per_district]
    labels = [row[0] for row in rows]
    values: list[int | None] = [n for _code, n in aggregate.offices_per_district]
    flow.append(bar_chart(labels, values, A4[0] - 2 * MARGIN, colour=DISTRICT_BAR))
    return flow


def _figure(figure: Figure) -> str | Paragraph:
    """A count as printed: plain text, or a paragraph where "≥" needs its own font."""
    text = figure_text(figure)
    return _p(text, NUMBER) if "≥" in text else text


def _cells(figures: Sequence[Figure]) -> list[str | Paragraph]:
    return [_figure(f) for f in figures]


def _grid(table: AggregateTable, columns: range, last: bool, label_of: LabelOf) -> Table:
    labels = [label_of(table.key, table.columns[j]) for j in columns]
    head: list[Any] = ["", *(_p(text, HEAD_CELL) for text in labels)]
    widths = [LABEL_WIDTH, *(header_width(text) for text in labels)]
    if last:
        head.append(_p(total_label(table), HEAD_CELL))
        widths.append(header_width(total_label(table)))
    data: list[list[Any]] = [head]
    for i, code in enumerate(table.rows):
        row: list[Any] = [_p(label_of(table.key, code), CELL)]
        row += _cells([table.cells[i][j] for j in columns])
        data.append([*row, _figure(table.row_totals[i])] if last else row)
    totals: list[Any] = [_p(total_label(table), TOTAL_CELL)]
    totals += _cells([table.column_totals[j] for j in columns])
    data.append([*totals, _figure(table.total)] if last else totals)
    grid = Table(data, colWidths=widths, repeatRows=1)
    grid.hAlign = "LEFT"
    grid.setStyle(TableStyle(list(COUNT_GRID)))
    return grid


def _shown_value(figure: Figure) -> int | None:
    return figure.value if figure.shown else None


def _section(
    number: int,
    table: AggregateTable,
    aggregate: Aggregate,
    names: tuple[TitleOf, LabelOf],
    width: float,
) -> list[Flowable]:
    title_of, label_of = names
    heading = _("{number}. {title}").format(number=number, title=title_of(table.key))
    flow: list[Flowable] = [_p(heading, H2)]
    if not table.additive and table.key != STAFFING:
        flow.append(_p(_("Mehrfachnennungen möglich; die Summen zählen Personen."), CAPTION))
    widths = [header_width(label_of(table.key, code)) for code in table.columns]
    groups = column_groups(widths, header_width(total_label(table)), width)
    for n, columns in enumerate(groups):
        flow += [_grid(table, columns, n == len(groups) - 1, label_of), Spacer(1, 2 * mm)]
    if table.rows and table.key != STAFFING:  # staffing mixes persons, posts and a ratio
        labels = [label_of(table.key, code) for code in table.rows]
        values = [_shown_value(f) for f in table.row_totals]
        flow += [_p(_("Land: {label} je Zeile").format(label=total_label(table)), CAPTION)]
        flow.append(bar_chart(labels, values, width))
    by_district = [
        (district_label(code), _shown_value(t.total))
        for code, tables in aggregate.districts
        for t in tables
        if t.key == table.key
    ]
    if by_district:
        flow.append(_p(_("{label} je Kreis/Stadt").format(label=total_label(table)), CAPTION))
        flow.append(
            bar_chart(
                [name for name, _v in by_district],
                [v for _n, v in by_district],
                width,
                colour=DISTRICT_BAR,
            )
        )
    return [KeepTogether(flow)] if len(table.rows) + len(by_district) <= 30 else flow


def _closing(aggregate: Aggregate, coverage: Coverage, label_of: LabelOf) -> list[Flowable]:
    flow: list[Flowable] = [PageBreak(), _p(_("Qualitätskriterien (Selbsteinschätzung)"), H2)]
    quality = quality_rows(aggregate.quality, label_of)
    if quality:
        data: list[list[Any]] = [[_("Kriterium"), _("Antwort"), _("Beratungsstellen")]]
        data += [[_p(k, CELL), _p(a, CELL), str(n)] for k, a, n in quality]
        flow.append(_plain_grid(data, [80 * mm, 60 * mm, None]))
    else:
        flow.append(_p(_("Keine Angaben."), BODY))
    flow.append(_p(_("Übernommene Jahresmeldungen"), H2))
    data = [[_("Beratungsstelle"), _("Kreis/Stadt"), _("Datei")]]
    data += [
        [_p(n, CELL), _p(district_label(c), CELL), _p(f, CELL)] for n, c, f in coverage.accepted
    ]
    flow.append(_plain_grid(data, [60 * mm, 45 * mm, None]))
    flow.append(_p(_("Beratungsstellen ohne Jahresmeldung"), H2))
    flow += [_p(name, BODY) for name in coverage.missing] or [_p(_("keine"), BODY)]
    flow.append(_p(_("Abgelehnte Dateien"), H2))
    refused = [_p(f"{file}: {fault}", BODY) for file, fault in coverage.refused]
    return flow + (refused or [_p(_("keine"), BODY)])


def _paged_canvas(year: int) -> type[Canvas]:
    """A canvas that writes "page x of y" once the number of pages is known."""
    left = _("Landesstatistik Migrationsberatung {year}").format(year=year)

    class PagedCanvas(Canvas):  # type: ignore[misc]  # reportlab ships no type hints
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self.saveState()
                self.setFont(SANS, 7.5)
                self.setFillColor(GREY)
                self.drawString(MARGIN, FOOTER_Y, left)
                text = _("Seite {page} von {pages}").format(page=number, pages=len(self._pages))
                self.drawRightString(A4[0] - MARGIN, FOOTER_Y, text)
                self.restoreState()
                super().showPage()
            super().save()

    return PagedCanvas


def aggregate_pdf(
    aggregate: Aggregate, coverage: Coverage, title_of: TitleOf, label_of: LabelOf
) -> bytes:
    """The report's bytes."""
    buf = io.BytesIO()
    doc = a4_document(
        buf,
        title=_("Landesstatistik Migrationsberatung {year}").format(year=aggregate.year),
        author=STATE,
        margin=MARGIN,
        bottom=MARGIN + 4 * mm,
    )
    story = _front(aggregate, coverage)
    for number, table in enumerate(aggregate.total, start=1):
        story += _section(number, table, aggregate, (title_of, label_of), doc.width)
    story += _closing(aggregate, coverage, label_of)
    doc.build(story, canvasmaker=_paged_canvas(aggregate.year))
    return buf.getvalue()
