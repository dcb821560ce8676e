"""The TrueType fonts every PDF uses, shipped in ``resources/fonts`` and embedded.

reportlab's built-in Helvetica covers only Latin-1 and is not embedded; the
bundled Noto fonts cover the names counsellors type and look the same
everywhere. NotoSans has no Arabic script and NotoNaskhArabic no Latin letters,
so mixed text switches font per script run (see ``app.documents.rtl_text``).
``register_fonts()`` is cheap after the first call.
"""

from __future__ import annotations

import functools
import threading
from pathlib import Path

import uharfbuzz
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from app.paths import resource_dir

SANS = "LotseSans"
SANS_BOLD = "LotseSans-Bold"
MONO = "LotseMono"
MONO_BOLD = "LotseMono-Bold"
ARABIC = "LotseArabic"  # Arabic script: Arabic and Persian
ARABIC_BOLD = "LotseArabic-Bold"

FONT_FILES: dict[str, str] = {
    SANS: "NotoSans-Regular.ttf",
    SANS_BOLD: "NotoSans-Bold.ttf",
    MONO: "NotoSansMono-Regular.ttf",
    MONO_BOLD: "NotoSansMono-Bold.ttf",
    ARABIC: "NotoNaskhArabic-Regular.ttf",
    ARABIC_BOLD: "NotoNaskhArabic-Bold.ttf",
}
BOLD_FACES = frozenset({SANS_BOLD, MONO_BOLD, ARABIC_BOLD})
# Naskh letters sit small on their body next to NotoSans; shaped text draws them
# this much larger so an Arabic name in German text (and the reverse) looks even.
SIZE_FACTORS: dict[str, float] = {ARABIC: 1.15, ARABIC_BOLD: 1.15}
ARABIC_SCRIPT_LANGUAGES = frozenset({"ar", "fa"})

_PRIVATE_FIRST = 0xE000  # Unicode private use area: codes for glyphs without a character
_PRIVATE_LAST = 0xF8FF


class ShapingFont(TTFont):  # type: ignore[misc]  # reportlab ships no type hints
    """A TrueType font whose glyphs can be drawn straight from HarfBuzz output.

    Shaped glyphs (joined Arabic forms, ligatures) often have no character of
    their own. reportlab's subsets are keyed by character, so each such glyph gets
    a private-use code here, and the font's ToUnicode map sends that code back to
    the logical text it stands for: copy-and-paste and ``pdftotext`` then see
    ordinary letters. The private codes never reach the PDF bytes, so output stays
    byte-identical however many documents the process built before.
    """

    def __init__(self, name: str, path: Path) -> None:
        super().__init__(name, str(path), shapable=True)
        data = path.read_bytes()
        self.hb_font = uharfbuzz.Font(uharfbuzz.Face(uharfbuzz.Blob(data)))
        self.units_per_em: int = self.hb_font.face.upem
        self._codes: dict[tuple[int, str], int] = {}
        self._texts: dict[int, str] = {}
        self._next_code = _PRIVATE_FIRST
        self._lock = threading.Lock()

    def glyph_char(self, gid: int, text: str) -> str:
        """The character that draws glyph ``gid`` and reads back as ``text``."""
        char_to_glyph = self.face.charToGlyph
        if len(text) == 1 and char_to_glyph.get(ord(text)) == gid:
            return text
        key = (gid, text)
        code = self._codes.get(key)
        if code is None:
            with self._lock:
                code = self._codes.get(key) or self._allocate(gid, text)
        return chr(code)

    def glyph_width(self, char: str) -> float:
        """Advance of a character from ``glyph_char`` in 1/1000 em, as the PDF records it."""
        width: float = self.face.getCharWidth(ord(char))
        return width

    def _allocate(self, gid: int, text: str) -> int:
        char_to_glyph = self.face.charToGlyph
        code = self._next_code
        while code in char_to_glyph:
            code += 1
        if code > _PRIVATE_LAST:
            raise RuntimeError(f"font {self.fontName}: private-use codes exhausted")
        self._next_code = code + 1
        char_to_glyph[code] = gid
        self.face.charWidths[code] = (
            self.hb_font.get_glyph_h_advance(gid) * 1000 / self.units_per_em
        )
        self._texts[code] = text
        self._codes[(gid, text)] = code
        return code

    def addObjects(self, doc: object) -> None:  # reportlab's name
        state = self.state.get(doc)
        subsets = [list(subset) for subset in state.subsets] if state is not None else []
        names = [self.getSubsetInternalName(i, doc)[1:] for i in range(len(subsets))]
        super().addObjects(doc)
        for name, subset in zip(names, subsets, strict=True):
            if any(code in self._texts for code in subset):
                font_object = doc.idToObject["BasicFonts"].dict[name]  # type: ignore[attr-defined]
                stream = doc.idToObject[font_object.ToUnicode.name]  # type: ignore[attr-defined]
                stream.content = _to_unicode_cmap(font_object.BaseFont, subset, self._texts)


def _to_unicode_cmap(font_name: str, subset: list[int], texts: dict[int, str]) -> str:
    # A glyph that reads back as nothing (a mark whose letter carries its text) maps to
    # U+0000, which text extractors skip.
    targets = [texts.get(code, chr(code)).encode("utf-16-be").hex().upper() for code in subset]
    entries = [f"<{index:02X}> <{target or '0000'}>" for index, target in enumerate(targets)]
    blocks: list[str] = []
    for first in range(0, len(entries), 100):  # the CMap format allows 100 per block
        chunk = entries[first : first + 100]
        blocks += [f"{len(chunk)} beginbfchar", *chunk, "endbfchar"]
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            f"/CIDSystemInfo << /Registry ({font_name}) /Ordering ({font_name})",
            "/Supplement 0 >> def",
            f"/CMapName /{font_name} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            *blocks,
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


def font_dir() -> Path:
    return resource_dir() / "resources" / "fonts"


@functools.cache
def register_fonts() -> None:
    """Register the bundled fonts with reportlab once per process."""
    folder = font_dir()
    for name, filename in FONT_FILES.items():
        pdfmetrics.registerFont(ShapingFont(name, folder / filename))
    # <b> inside a Paragraph switches to the bold face of the same family.
    for regular, bold in ((SANS, SANS_BOLD), (MONO, MONO_BOLD), (ARABIC, ARABIC_BOLD)):
        addMapping(regular, 0, 0, regular)
        addMapping(regular, 1, 0, bold)
        addMapping(regular, 0, 1, regular)
        addMapping(regular, 1, 1, bold)


def shaping_font(name: str) -> ShapingFont:
    """A registered font by its reportlab name, with its HarfBuzz face ready."""
    register_fonts()
    font = pdfmetrics.getFont(name)
    if not isinstance(font, ShapingFont):
        raise KeyError(f"{name} is not one of Lotse's fonts")
    return font


def body_font(lang: str, bold: bool = False) -> str:
    """The reportlab font name for body text in a document written in ``lang``."""
    if lang in ARABIC_SCRIPT_LANGUAGES:
        return ARABIC_BOLD if bold else ARABIC
    return SANS_BOLD if bold else SANS


def is_bold(font_name: str) -> bool:
    return font_name in BOLD_FACES
