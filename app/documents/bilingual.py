"""Building blocks shared by the documents: a German block with the client's language below.

Every text goes through ``text_block`` (never into Paragraph markup), so names and
goals print exactly as typed and Arabic/Persian are shaped and ordered right.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeAlias

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Image,
    KeepTogether,
    Spacer,
    Table,
    TableStyle,
)

from app.documents import doc_texts as T
from app.documents.doc_styles import DocStyles, styles
from app.documents.doc_texts import GERMAN, Translator, document_language, translator
from app.documents.fonts import body_font
from app.documents.page_frame import Letterhead, PageSetup, SealSpace
from app.documents.rtl_text import text_block

HAIRLINE = 0.25
RULE = colors.HexColor("#8a8a8a")
HEAD_FILL = colors.HexColor("#efefef")
SECOND_INK = colors.HexColor("#4a4a4a")
PAD = 3.5
CHECKBOX = 9.0
SIGN_SPACE = 28.0  # room above a signature line
SIGN_GAP = 18.0
HEADING_ROOM = 100.0  # points a heading needs below it on its page
BILINGUAL_ROOM = 1.4  # the same content with its translation takes this much more room
SPLIT_IN_ROW = 36  # points: the least of a row worth leaving at a page's foot
SIGN_LEFT = 0.36  # share of the width for place and date

# A table cell: one flowable, several stacked, or plain (empty) text.
Cell: TypeAlias = "Flowable | list[Flowable] | str"


def drawn_signature(png: bytes, width: float, height: float) -> Cell:
    """A signature drawn on screen, scaled into the room above the line (never wider or
    taller, proportions kept); a broken image leaves the line empty to sign on paper."""
    try:
        w, h = ImageReader(io.BytesIO(png)).getSize()
    except Exception:  # a damaged drawing must not stop the document
        return ""
    scale = min(width / w, (height - 2) / h, 1.0)
    picture = Image(io.BytesIO(png), width=w * scale, height=h * scale)
    picture.hAlign = "LEFT"
    return picture


def fmt_date(day: dt.date | None) -> str:
    """Dates print the German way on every document (the German text is binding)."""
    return f"{day.day:02d}.{day.month:02d}.{day.year:04d}" if day else "–"


class CheckBox(Flowable):  # type: ignore[misc]
    """An empty square to tick by hand."""

    def __init__(self, size: float = CHECKBOX) -> None:
        super().__init__()
        self.size = size
        self.width = self.height = size

    def draw(self) -> None:
        self.canv.setLineWidth(0.8)
        self.canv.rect(0, 0, self.size, self.size)


@dataclass
class Writer:
    """Turns msgids into German blocks followed by the client's language."""

    lang: str
    t: Translator
    de: DocStyles
    cl: DocStyles
    _styles: dict[str, ParagraphStyle] = field(default_factory=dict)

    @classmethod
    def for_language(cls, lang: str) -> Writer:
        code = document_language(lang)
        return cls(code, translator(code), styles(GERMAN), styles(code))

    @property
    def bilingual(self) -> bool:
        return self.lang != GERMAN

    def both(self, msgid: str, **fields: object) -> tuple[str, str | None]:
        german = msgid.format(**fields)
        if not self.bilingual:
            return german, None
        return german, self.t(msgid).format(**fields)

    def style(self, name: str) -> ParagraphStyle:
        """A German style; ``strong`` is the body in bold."""
        return self._derived(self.de, name, GERMAN, "")

    def second_style(self, name: str) -> ParagraphStyle:
        """The client-language twin of a German style: same size, softer ink."""
        return self._derived(self.cl, name, self.lang, "second")

    def _derived(self, family: DocStyles, name: str, lang: str, variant: str) -> ParagraphStyle:
        key = f"{lang}:{name}:{variant}"
        if key not in self._styles:
            base: ParagraphStyle = getattr(family, "body" if name == "strong" else name)
            extra: dict[str, object] = {}
            if name == "strong":
                extra["fontName"] = body_font(lang, bold=True)
            if variant == "second":
                extra.update(textColor=SECOND_INK, spaceBefore=0)
            self._styles[key] = (
                ParagraphStyle(f"{base.name}-{name}-{variant}", parent=base, **extra)
                if extra
                else base
            )
        return self._styles[key]

    def plain(self, text: str, style: str = "body") -> Flowable:
        """German-side text composed by the document (already formatted)."""
        return text_block(text, self.style(style), GERMAN)

    def translated(self, text: str, style: str = "body") -> Flowable:
        """Client-language text composed by the document (already translated)."""
        return text_block(text, self.second_style(style), self.lang)

    # ---- running text -------------------------------------------------------------

    def block(self, msgid: str, style: str = "body", **fields: object) -> list[Flowable]:
        """The German text, and below it the client's language, both on one page."""
        german, other = self.both(msgid, **fields)
        return self._pair(german, other, style, keep=True)

    def cell_block(self, msgid: str, style: str = "body", **fields: object) -> list[Flowable]:
        """Like ``block``, for a table cell (kept whole by its row anyway)."""
        german, other = self.both(msgid, **fields)
        return self._pair(german, other, style, keep=False)

    def blocks(self, msgids: Sequence[str], style: str = "body") -> list[Flowable]:
        """Several sentences as one German paragraph and one translated paragraph."""
        other = " ".join(self.t(m) for m in msgids) if self.bilingual else None
        return self._pair(" ".join(msgids), other, style, keep=True)

    def _pair(self, german: str, other: str | None, style: str, keep: bool) -> list[Flowable]:
        if other is None:
            return [self.plain(german, style)]
        first = self.plain(german, style)
        if keep and not style.startswith("table"):
            # keepWithNext, not KeepTogether: reportlab breaks the page early when a
            # KeepTogether sits inside another one (the closing, a goal's head).
            first.keepWithNext = True
        return [first, self.translated(other, style)]

    def title(self, msgid: str) -> list[Flowable]:
        return [*self.block(msgid, "title"), Spacer(1, 4)]

    def heading(self, msgid: str, **fields: object) -> list[Flowable]:
        return [self.room(), *self.block(msgid, "heading", **fields)]

    def room(self, points: float = HEADING_ROOM) -> Flowable:
        """A page break when less than ``points`` are left (default: room for a heading
        and the first lines under it), so no heading stands alone at a page's foot.
        Bilingual text needs about half as much again."""
        return CondPageBreak(points * (BILINGUAL_ROOM if self.bilingual else 1.0))

    def user(self, text: str, style: str = "body") -> Flowable:
        """Text typed by a person: printed as typed, never translated."""
        return text_block(text.strip() or "–", self.style(style), GERMAN)

    def gap(self, height: float = 6) -> Flowable:
        return Spacer(1, height)

    # ---- tables -------------------------------------------------------------------

    def head(self, msgid: str) -> list[Flowable]:
        german, other = self.both(msgid)
        out = [self.plain(german, "table_head")]
        if other is not None:
            out.append(self.translated(other, "table_cell"))
        return out

    def label(self, msgid: str, **fields: object) -> list[Flowable]:
        """A translated value in a table cell (a state, a form, a life area)."""
        return self.cell_block(msgid, "table_cell", **fields)

    def labels(self, msgids: Sequence[str]) -> list[Flowable]:
        """Several translated values in one cell: one German line, one translated line."""
        if not msgids:
            return [self.cell("")]
        german = " · ".join(msgids)
        out = [self.plain(german, "table_cell")]
        if self.bilingual:
            out.append(self.translated(" · ".join(self.t(m) for m in msgids), "table_cell"))
        return out

    def cell(self, text: str) -> Flowable:
        return self.user(text, "table_cell")

    def table(
        self, rows: Sequence[Sequence[Cell]], widths: Sequence[float], head: bool = True
    ) -> Table:
        """A ruled table; the head row repeats on every page it runs over."""
        table = Table(
            [list(row) for row in rows],
            colWidths=list(widths),
            repeatRows=1 if head else 0,
            hAlign="LEFT",
            splitByRow=True,
            # A row taller than a page (a 4000-character note) splits inside the row.
            splitInRow=SPLIT_IN_ROW,
        )
        commands: list[tuple[object, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
            ("TOPPADDING", (0, 0), (-1, -1), PAD - 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), PAD),
            ("LINEBELOW", (0, 0), (-1, -1), HAIRLINE, RULE),
            ("LINEABOVE", (0, 0), (-1, 0), HAIRLINE, RULE),
        ]
        if head:
            commands.append(("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL))
        table.setStyle(TableStyle(commands))
        return table

    def pairs(self, rows: Sequence[tuple[str, Cell]], width: float) -> Table:
        """Label/value rows (label msgids translated, values as given)."""
        body = [[self.head(msgid), value] for msgid, value in rows]
        return self.table(body, (width * 0.3, width * 0.7), head=False)

    # ---- signing --------------------------------------------------------------------

    def signatures(
        self,
        signers: Sequence[tuple[str, str]],
        place: str,
        width: float,
        drawn: Mapping[int, bytes] | None = None,
    ) -> list[Flowable]:
        """For each (label msgid, printed name): room to write, then a line for place and
        date beside a line to sign on, labelled below (the name under the signature).
        ``drawn``: signatures made on screen (PNG) by the signer's index, set on the line."""
        rows: list[list[Cell]] = []
        prefix = f"{place.strip()}, " if place.strip() else ""
        left = width * SIGN_LEFT
        for index, (msgid, name) in enumerate(signers):
            on_line: Cell = ""
            if drawn and index in drawn:
                on_line = drawn_signature(drawn[index], width - left - SIGN_GAP, SIGN_SPACE)
            rows.append([self.user(prefix) if prefix else "", "", on_line])
            signer: list[Flowable] = self.label(msgid)
            if name.strip():
                signer.append(self.user(name, "small"))
            rows.append([self.label(T.PLACE_DATE), "", signer])
        table = Table(
            rows,
            colWidths=[left, SIGN_GAP, width - left - SIGN_GAP],
            rowHeights=[SIGN_SPACE, None] * len(signers),
            hAlign="LEFT",
        )
        commands: list[tuple[object, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ]
        for index in range(len(signers)):
            row = 2 * index + 1
            for column in (0, 2):
                commands.append(("LINEABOVE", (column, row), (column, row), 0.6, colors.black))
            commands += [
                ("VALIGN", (0, row), (-1, row), "TOP"),
                ("TOPPADDING", (0, row), (-1, row), 2),
            ]
            commands.append(("BOTTOMPADDING", (0, row), (-1, row), 6))
        table.setStyle(TableStyle(commands))
        return [table]

    def seal(self, width: float) -> Table:
        """The label beside the space the signing step stamps the office seal into,
        under the signature column."""
        left = width * SIGN_LEFT + SIGN_GAP
        table = Table(
            [[self.cell_block(T.SEAL, "small"), SealSpace()]], colWidths=[left, width - left]
        )
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (0, 0), 12),
                    ("RIGHTPADDING", (1, 0), (1, 0), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        return table

    def closing(
        self,
        lead: list[Flowable],
        signers: Sequence[tuple[str, str]],
        place: str,
        width: float,
        sealed: bool = True,
        drawn: Mapping[int, bytes] | None = None,
    ) -> Flowable:
        """The last statement, the signatures and the seal's space, kept on one page:
        a signature never stands on a page of its own, cut off from what it signs."""
        signatures = self.signatures(signers, place, width, drawn)
        parts: list[Flowable] = [*lead, self.gap(8), *signatures]
        if sealed:
            parts += [self.gap(6), self.seal(width)]
        return KeepTogether(parts)

    def check_row(self, texts: list[Flowable], width: float) -> Table:
        """A box to tick beside its statement."""
        table = Table(
            [[CheckBox(), texts]],
            colWidths=[CHECKBOX + 8, width - CHECKBOX - 8],
            splitInRow=SPLIT_IN_ROW,
        )
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (0, 0), 2),
                ]
            )
        )
        return table

    # ---- the page frame --------------------------------------------------------------

    def page_label(self, page: int, pages: int) -> str:
        german, other = self.both(T.PAGE_OF, page=page, pages=pages)
        return german if other is None else f"{german} / {other}"

    def setup(
        self, letterhead: Letterhead, title_msgid: str, client_number: str, doc_ref: str = ""
    ) -> PageSetup:
        return PageSetup(
            letterhead=letterhead,
            title=title_msgid,
            client_number=client_number,
            client_label=T.CLIENT_NUMBER,
            page_label=self.page_label,
            doc_ref=doc_ref,
            author=letterhead.office_name,
            subject=title_msgid,
        )
