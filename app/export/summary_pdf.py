"""``summary.pdf``: the yearly report for people, A4, one section per table.

Each table appears as printed rows and columns (split into column groups when it is
too wide for the page) followed by a bar chart of its row totals. Built in memory
with ``invariant=1``: the same report gives the same bytes.
"""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from app.documents.a4 import a4_document
from app.documents.fonts import SANS, SANS_BOLD
from app.domain.office import district_label
from app.domain.yearly_report import CountTable, YearlyReport
from app.export.charts import bar_charts
from app.export.csv_tables import total_label
from app.export.language import FILE_LANGUAGE, LabelOf, TitleOf, in_language
from app.export.summary_grid import grid_block, grid_layout
from app.export.summary_quality import quality_section
from app.i18n import _

MARGIN = 18 * mm
FOOTER_Y = 10 * mm
SECTION_MIN_ROOM = 60 * mm  # a section starts on a new page when less is left
SHORT_TABLE_ROWS = 25
INK = colors.HexColor("#1a1a1a")
GREY = colors.HexColor("#555555")
NOTE = colors.HexColor("#fff4d6")
NOTE_BORDER = colors.HexColor("#b07800")


def _style(name: str, font: str = SANS, size: float = 9, **extra: Any) -> ParagraphStyle:
    settings: dict[str, Any] = {"leading": size * 1.3, "textColor": INK, **extra}
    return ParagraphStyle(name, fontName=font, fontSize=size, **settings)


BODY = _style("body")
H1 = _style("h1", SANS_BOLD, 18, spaceAfter=4 * mm)
H2 = _style("h2", SANS_BOLD, 12, spaceBefore=6 * mm, spaceAfter=2 * mm)
CAPTION = _style("caption", size=8, textColor=GREY, spaceBefore=2 * mm, spaceAfter=1 * mm)


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def _header(report: YearlyReport) -> list[Flowable]:
    label = _style("label", textColor=GREY)
    value = _style("value", SANS_BOLD, 9.5)
    rows = [
        (_("Beratungsstelle"), report.office_name),
        (_("Kreis/Stadt"), district_label(report.district)),
        (_("Berichtsjahr"), str(report.year)),
        (_("Erstellt mit"), "Lotse " + report.software_version),
        (_("Format"), _("Jahresmeldung {version}").format(version=report.schema_version)),
        (_("Kennung der Beratungsstelle"), report.office_id),
    ]
    info = Table(
        [[_p(k, label), _p(v, value)] for k, v in rows], colWidths=[48 * mm, None], hAlign="LEFT"
    )
    info.setStyle(_plain_style())
    title = _("Jahresmeldung {year}").format(year=report.year)
    return [_p(title, H1), info, Spacer(1, 4 * mm), _threshold_note(report.threshold)]


def _plain_style() -> TableStyle:
    return TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), SANS, 9),  # reportlab's default is Helvetica
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ]
    )


def _threshold_note(threshold: int) -> Flowable:
    text = _(
        "Geheimhaltung: Anzahlen unter {threshold} sind durch „.“ ersetzt, ebenso Werte, aus "
        "denen sich ein ersetzter Wert zurückrechnen ließe. Summen zählen die ersetzten Werte "
        "mit. Wo die Summenzeile „Insgesamt“ heißt, ist sie gezählt, nicht addiert "
        "(Mehrfachnennungen oder eigenständige Angaben)."
    ).format(threshold=threshold)
    box = Table([[_p(text, BODY)]], colWidths=[None])
    box.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), SANS, 9),
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


def _table_section(
    number: int, table: CountTable, title_of: TitleOf, label_of: LabelOf, width: float
) -> list[Flowable]:
    heading = _p(_("{number}. {title}").format(number=number, title=title_of(table.key)), H2)
    flow: list[Flowable] = [heading]
    if not table.additive:
        note = _(
            "Spalten nicht addierbar (Mehrfachnennungen oder eigenständige Angaben): "
            "„Insgesamt“ ist gezählt, nicht addiert."
        )
        flow.append(_p(note, CAPTION))
    labels = [label_of(table.key, code) for code in table.rows]
    heads = [*(label_of(table.key, code) for code in table.columns), total_label(table)]
    layout = grid_layout([*labels, total_label(table)], heads, width)
    for n, columns in enumerate(layout.groups):
        last = n == len(layout.groups) - 1
        flow += [grid_block(table, columns, last, layout, label_of), Spacer(1, 2 * mm)]
    short = len(table.rows) <= SHORT_TABLE_ROWS
    charts = bar_charts(labels, list(table.row_totals), width)
    if charts:
        caption = _("Summen je Zeile") if table.additive else _("Insgesamt je Zeile")
        # reportlab breaks the page before a KeepTogether nested in another: nest none.
        start = [_p(caption, CAPTION), charts[0]]
        flow += [*(start if short else [KeepTogether(start)]), *charts[1:]]
    # Short tables stay on one page with their heading; long ones may break.
    return [CondPageBreak(SECTION_MIN_ROOM), *([KeepTogether(flow)] if short else flow)]


def _paged_canvas(report: YearlyReport) -> type[Canvas]:
    """A canvas that writes "page x of y" once the number of pages is known."""
    left = _("{office} · Jahresmeldung {year}").format(office=report.office_name, year=report.year)

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
                self._footer(number, len(self._pages))
                super().showPage()
            super().save()

        def _footer(self, page: int, pages: int) -> None:
            self.saveState()
            self.setFont(SANS, 7.5)
            self.setFillColor(GREY)
            self.drawString(MARGIN, FOOTER_Y, left[:120])
            text = _("Seite {page} von {pages}").format(page=page, pages=pages)
            self.drawRightString(A4[0] - MARGIN, FOOTER_Y, text)
            self.restoreState()

    return PagedCanvas


def summary_pdf(
    report: YearlyReport, title_of: TitleOf, label_of: LabelOf, lang: str = FILE_LANGUAGE
) -> bytes:
    """The summary of ``report`` as an A4 PDF in ``lang``, byte-identical for equal input."""
    with in_language(lang):
        buf = io.BytesIO()
        doc = a4_document(
            buf,
            title=_("Jahresmeldung {year}").format(year=report.year),
            author=report.office_name,
            margin=MARGIN,
            bottom=MARGIN + 4 * mm,
        )
        story = _header(report)
        for number, table in enumerate(report.tables, start=1):
            story += _table_section(number, table, title_of, label_of, doc.width)
        heading = _p(_("Qualitätskriterien (Selbsteinschätzung)"), H2)
        story += [
            CondPageBreak(SECTION_MIN_ROOM),
            *quality_section(report.quality, doc.width, heading),
        ]
        doc.build(story, canvasmaker=_paged_canvas(report))
        return buf.getvalue()
