"""The emergency sheet printed at setup: the recovery key and how to use it.

One A4 page, built in memory and returned as bytes; nothing touches the disk.
The key on it opens the database with or without Lotse, so the sheet says so
and tells the reader to lock it away.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepInFrame,
    ListFlowable,
    ListItem,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from app.documents.a4 import a4_document
from app.documents.fonts import MONO, MONO_BOLD, SANS, SANS_BOLD
from app.domain.office import district_label
from app.domain.recovery_key import format_recovery_key, parse_recovery_key, sqlcipher_pragma
from app.i18n import _, format_date
from app.paths import DB_NAME

MARGIN = 20 * mm
FOOTER_Y = 12 * mm
GROUPS_PER_LINE = 4
INK = colors.HexColor("#1a1a1a")
GREY = colors.HexColor("#555555")
KEY_BACKGROUND = colors.HexColor("#f2f2f2")
WARNING_BACKGROUND = colors.HexColor("#fff4d6")
WARNING_BORDER = colors.HexColor("#b07800")


@dataclass(frozen=True)
class RecoverySheet:
    office_name: str
    provider: str
    district: str  # a district code from app.domain.office, or already a name
    created: dt.date
    recovery_key: str  # as format_recovery_key writes it: 16 groups of 4 joined by "-"
    keyfile_id: str


def _style(name: str, font: str = SANS, size: float = 10, **extra: object) -> ParagraphStyle:
    settings: dict[str, object] = {"leading": size * 1.3, "textColor": INK, **extra}
    return ParagraphStyle(name, fontName=font, fontSize=size, **settings)


def _key_lines(data_key: bytes) -> list[str]:
    groups = format_recovery_key(data_key).split("-")
    return [
        "-".join(groups[i : i + GROUPS_PER_LINE]) for i in range(0, len(groups), GROUPS_PER_LINE)
    ]


def _header(sheet: RecoverySheet) -> list[Flowable]:
    label = _style("label", size=10, textColor=GREY)
    value = _style("value", SANS_BOLD, 10.5)
    district = district_label(sheet.district)
    rows = [
        (_("Beratungsstelle"), sheet.office_name),
        (_("Träger"), sheet.provider),
        (_("Kreis/Stadt"), district),
        (_("Erstellt am"), format_date(sheet.created)),
    ]
    table = Table(
        [[Paragraph(escape(k), label), Paragraph(escape(v), value)] for k, v in rows],
        colWidths=[40 * mm, None],
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    title = _style("title", SANS_BOLD, 18, spaceAfter=5 * mm)
    return [Paragraph(escape(_("Notfallblatt: Wiederherstellungsschlüssel")), title), table]


def _key_block(data_key: bytes) -> list[Flowable]:
    caption = _style("caption", SANS_BOLD, 10, alignment=TA_CENTER, textColor=GREY)
    key = _style("key", MONO_BOLD, 22, alignment=TA_CENTER, leading=30)
    rows: list[list[Flowable]] = [[Paragraph(escape(_("Wiederherstellungsschlüssel")), caption)]]
    rows += [[Paragraph(escape(line), key)] for line in _key_lines(data_key)]
    table = Table(rows, colWidths=[None])
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), KEY_BACKGROUND),
                ("BOX", (0, 0), (-1, -1), 1, INK),
                ("TOPPADDING", (0, 0), (-1, 0), 8),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 10),
            ]
        )
    )
    return [table]


def _warning() -> list[Flowable]:
    text = _style("warning", SANS_BOLD, 11)
    message = _(
        "Bitte sicher aufbewahren (z. B. im Tresor). Wer diesen Schlüssel hat, "
        "kann alle Daten der Beratungsstelle lesen."
    )
    table = Table([[Paragraph(escape(message), text)]], colWidths=[None])
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), WARNING_BACKGROUND),
                ("BOX", (0, 0), (-1, -1), 1.5, WARNING_BORDER),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 9),
            ]
        )
    )
    return [table]


def _with_lotse() -> list[Flowable]:
    body = _style("body", spaceBefore=1)
    steps = [
        _("Lotse starten und im Dialog zum Entsperren „Wiederherstellungsschlüssel“ wählen."),
        _(
            "Den Schlüssel oben eintippen. Groß- und Kleinschreibung, Leerzeichen und "
            "Bindestriche spielen keine Rolle."
        ),
        _("Danach eine neue Passphrase festlegen."),
    ]
    items = [ListItem(Paragraph(escape(step), body), leftIndent=14) for step in steps]
    return [
        Paragraph(escape(_("Mit Lotse")), _style("h2", SANS_BOLD, 12.5, spaceAfter=2)),
        ListFlowable(
            items,
            bulletType="1",
            bulletFormat="%s.",
            bulletFontName=SANS,
            bulletFontSize=10,
            leftIndent=14,
        ),
    ]


def _without_lotse(data_key: bytes) -> list[Flowable]:
    body = _style("body", spaceAfter=3)
    code = _style("code", MONO, 9, leftIndent=10, spaceAfter=5)
    pragma = sqlcipher_pragma(data_key)
    intro = _(
        "Die Daten liegen verschlüsselt in der Datei {file}. Das quelloffene "
        "Kommandozeilenprogramm sqlcipher (Version 4 oder neuer) öffnet sie auch ohne Lotse. "
        "Im Ordner der Datei starten:"
    ).format(file=DB_NAME)
    return [
        Paragraph(escape(_("Ohne Lotse")), _style("h2", SANS_BOLD, 12.5, spaceAfter=2)),
        Paragraph(escape(intro), body),
        Paragraph(escape("sqlcipher " + DB_NAME), code),
        Paragraph(escape(_("Dann als Erstes genau diese Zeile eingeben:")), body),
        Paragraph(escape(pragma), code),
        Paragraph(
            escape(
                _(
                    "Danach lassen sich die Daten lesen, zum Beispiel mit .tables "
                    "oder mit .dump sichern."
                )
            ),
            body,
        ),
    ]


def _footer(keyfile_id: str) -> Callable[[Canvas, SimpleDocTemplate], None]:
    def draw(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(SANS, 8)
        canvas.setFillColor(GREY)
        ident = _("Schlüsseldatei-ID: {id}").format(id=keyfile_id)
        canvas.drawString(MARGIN, FOOTER_Y, ident)
        page = _("Seite {page} von {pages}").format(page=1, pages=1)
        canvas.drawRightString(A4[0] - MARGIN, FOOTER_Y, page)
        canvas.restoreState()

    return draw


def build_recovery_sheet(sheet: RecoverySheet) -> bytes:
    """The emergency sheet as a one-page A4 PDF, byte-identical for the same input."""
    data_key = parse_recovery_key(sheet.recovery_key)  # UsageError if it is no key
    buf = io.BytesIO()
    doc = a4_document(
        buf, title=_("Notfallblatt: Wiederherstellungsschlüssel"), author="", margin=MARGIN
    )
    gap = Spacer(1, 6 * mm)
    story: list[Flowable] = [
        *_header(sheet),
        gap,
        *_key_block(data_key),
        Spacer(1, 4 * mm),
        *_warning(),
        gap,
        *_with_lotse(),
        gap,
        *_without_lotse(data_key),
    ]
    # Shrink rather than spill onto a second page when names are very long.
    fitted = KeepInFrame(doc.width, doc.height, story, mode="shrink")
    footer = _footer(sheet.keyfile_id)
    doc.build([fitted], onFirstPage=footer, onLaterPages=footer)
    return buf.getvalue()
