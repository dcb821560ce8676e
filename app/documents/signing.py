"""Sealing PDFs with the office seal: a PAdES baseline signature, optionally visible.

The visible seal is drawn with reportlab (the bundled Noto font, so every name
prints as typed) and imported into the signature field's appearance: pyHanko
can only embed TrueType fonts through fontTools, which Lotse does not ship.
Everything happens in memory; no temporary file is written.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from app.documents.seal_box import SealBox
from app.domain.seal import SealMaterial
from app.errors import UsageError
from app.i18n import _

if TYPE_CHECKING:
    from pyhanko.pdf_utils.content import PdfContent
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

# Names written into the document stay German in every UI language, like the seal's CN.
SEAL_FIELD = "Dienstsiegel"
DOC_REF_PREFIX = "Dokument-ID "
_BERLIN = "Europe/Berlin"


@dataclass(frozen=True)
class SealStamp:
    office_name: str
    doc_ref: str  # the short id printed on the document
    signed_at: dt.datetime  # aware, UTC


def office_time(value: dt.datetime) -> dt.datetime:
    """``value`` (aware) as wall-clock time in Schleswig-Holstein."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return value.astimezone(ZoneInfo(_BERLIN))
    except ZoneInfoNotFoundError:  # Windows without the tzdata package
        return value.astimezone(dt.timezone(_eu_offset(value)))


def _eu_offset(value: dt.datetime) -> dt.timedelta:
    """Central European (summer) time by the EU rule: last Sunday of March/October, 01:00 UTC."""
    utc = value.astimezone(dt.UTC)

    def last_sunday(month: int) -> dt.datetime:
        day = dt.datetime(utc.year, month, 31, 1, tzinfo=dt.UTC)
        return day - dt.timedelta(days=(day.weekday() + 1) % 7)

    summer = last_sunday(3) <= utc < last_sunday(10)
    return dt.timedelta(hours=2 if summer else 1)


def stamp_lines(stamp: SealStamp) -> list[str]:
    """The visible seal's text, German like the documents it is printed on."""
    local = office_time(stamp.signed_at)
    return [
        "Elektronisch gesiegelt von",
        " ".join(stamp.office_name.split()),
        "am {date} um {time} Uhr".format(
            date=local.strftime("%d.%m.%Y"), time=local.strftime("%H:%M")
        ),
        DOC_REF_PREFIX + stamp.doc_ref,
    ]


def sign_pdf(pdf: bytes, material: SealMaterial, stamp: SealStamp, box: SealBox | None) -> bytes:
    """``pdf`` with the office seal appended as an incremental update.

    ``box`` places a visible seal on one page; without it the seal is invisible
    (still shown in every PDF reader's signature panel).
    """
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.sign import fields, signers

    from app.documents.certificates import make_signer

    if stamp.signed_at.tzinfo is None:
        raise ValueError("SealStamp.signed_at must be timezone-aware")
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    except (PdfReadError, ValueError):
        raise UsageError(
            _("Das Dokument ist kein lesbares PDF und wurde nicht gesiegelt.")
        ) from None
    if any(sig.field_name == SEAL_FIELD for sig in writer.prev.embedded_signatures):
        raise UsageError(
            _("Das Dokument trägt bereits ein Dienstsiegel und wurde nicht erneut gesiegelt.")
        )
    meta = signers.PdfSignatureMetadata(
        field_name=SEAL_FIELD,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        name=stamp.office_name,
        reason=DOC_REF_PREFIX + stamp.doc_ref,
    )
    spec = None
    style = None
    if box is not None:
        _check_box(box, writer)
        rect: Any = (box.x1, box.y1, box.x2, box.y2)  # pyHanko's hint says int; floats work
        spec = fields.SigFieldSpec(SEAL_FIELD, on_page=box.page, box=rect)
        style = _appearance_style(_appearance_pdf(stamp, box))
    pdf_signer = _timed_signer_class()(
        meta, make_signer(material), stamp.signed_at, stamp_style=style, new_field_spec=spec
    )
    # Room for the signature, sized from the certificates it carries: pyHanko would
    # otherwise sign once more with a dummy just to measure (half the time of a seal).
    reserved = 8192 + 2 * ((len(material.cert_pem) + len(material.chain_pem)) // 2)
    out = pdf_signer.sign_pdf(writer, bytes_reserved=reserved)
    return bytes(out.getbuffer())


def _check_box(box: SealBox, writer: IncrementalPdfFileWriter) -> None:
    pages = int(writer.root["/Pages"]["/Count"])
    if not 0 <= box.page < pages:
        raise ValueError(f"SealBox page {box.page} outside the document ({pages} pages)")
    if box.x2 - box.x1 <= 0 or box.y2 - box.y1 <= 0:
        raise ValueError("SealBox must have a positive width and height")


@functools.cache
def _timed_signer_class() -> type[Any]:
    """A PdfSigner whose signing time is given, not read from the clock (built on first
    use: pyHanko takes 0.6 s to import)."""
    from pyhanko.sign import signers

    class TimedPdfSigner(signers.PdfSigner):
        def __init__(self, meta: Any, signer: Any, at: dt.datetime, **kw: Any) -> None:
            super().__init__(meta, signer, **kw)
            self._at = at

        def init_signing_session(self, pdf_out: Any, existing_fields_only: bool = False) -> Any:
            session = super().init_signing_session(pdf_out, existing_fields_only)
            session.system_time = self._at
            return session

    return TimedPdfSigner


# -- the visible seal -----------------------------------------------------------------------
_MAX_SIZE, _MIN_SIZE, _PAD = 8.0, 4.5, 3.0
_INK = (0.11, 0.23, 0.42)  # dark blue, prints well in grey


def _fit(lines: list[str], width: float, height: float) -> tuple[float, list[tuple[str, bool]]]:
    """The largest font size (≤ 8 pt) at which the wrapped lines fit the box."""
    from reportlab.lib.utils import simpleSplit

    from app.documents.fonts import SANS, SANS_BOLD

    size = _MAX_SIZE
    while True:
        wrapped: list[tuple[str, bool]] = []
        for index, line in enumerate(lines):
            bold = index == 1
            font = SANS_BOLD if bold else SANS
            wrapped += [(part, bold) for part in simpleSplit(line, font, size, width) or [""]]
        if len(wrapped) * size * 1.2 <= height or size <= _MIN_SIZE:
            return size, wrapped
        size -= 0.5


def _appearance_pdf(stamp: SealStamp, box: SealBox) -> bytes:
    """A one-page PDF the size of ``box`` holding the drawn seal."""
    from reportlab.pdfgen.canvas import Canvas

    from app.documents.fonts import SANS, SANS_BOLD, register_fonts

    register_fonts()
    width, height = box.x2 - box.x1, box.y2 - box.y1
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=(width, height), invariant=1, initialFontName=SANS)
    canvas.setStrokeColorRGB(*_INK)
    canvas.setFillColorRGB(0.95, 0.97, 1.0)
    canvas.setLineWidth(0.8)
    canvas.roundRect(0.4, 0.4, width - 0.8, height - 0.8, 3, stroke=1, fill=1)
    canvas.setFillColorRGB(*_INK)
    canvas.rect(0.4, 0.4, 2.2, height - 0.8, stroke=0, fill=1)  # accent bar on the left
    size, wrapped = _fit(stamp_lines(stamp), width - 2 * _PAD - 3, height - 2 * _PAD)
    path = canvas.beginPath()
    path.rect(0, 0, width, height)
    canvas.clipPath(path, stroke=0, fill=0)
    # Centre the block vertically; the first baseline sits one ascent below its top.
    block = len(wrapped) * size * 1.2
    y = height / 2 + block / 2 - size * 1.05
    for text, bold in wrapped:
        canvas.setFont(SANS_BOLD if bold else SANS, size)
        canvas.drawString(_PAD + 3, y, text)
        y -= size * 1.2
    canvas.showPage()
    canvas.save()
    return buf.getvalue()


def _appearance_style(page_pdf: bytes) -> object:
    from pyhanko.pdf_utils import layout
    from pyhanko.stamp import StaticStampStyle

    return StaticStampStyle(
        background=_pdf_page_content(page_pdf),
        background_opacity=1.0,
        border_width=0,
        background_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MID,
            y_align=layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins(),
        ),
    )


def _pdf_page_content(page_pdf: bytes) -> PdfContent:
    """The first page of ``page_pdf`` as a form XObject, read from memory (pyHanko's own
    ``ImportedPdfPage`` wants a file name)."""
    from pyhanko.pdf_utils.content import PdfContent
    from pyhanko.pdf_utils.layout import BoxConstraints
    from pyhanko.pdf_utils.reader import PdfFileReader

    class MemoryPdfPage(PdfContent):
        def render(self) -> bytes:
            xobj = self._ensure_writer.import_page_as_xobject(PdfFileReader(io.BytesIO(page_pdf)))
            self.resources.xobject["/SealArt"] = xobj
            x1, y1, x2, y2 = xobj.get_object()["/BBox"]
            self.box = BoxConstraints(width=abs(x1 - x2), height=abs(y1 - y2))
            return b"/SealArt Do"

    return MemoryPdfPage()
