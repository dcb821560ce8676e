"""The TrueType fonts every PDF uses, shipped in ``resources/fonts`` and embedded.

reportlab's built-in Helvetica covers only Latin-1 and is not embedded; the
bundled Noto fonts cover the names counsellors type and look the same
everywhere. ``register_fonts()`` is cheap after the first call.
"""

from __future__ import annotations

import functools
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from app.paths import resource_dir

SANS = "LotseSans"
SANS_BOLD = "LotseSans-Bold"
MONO = "LotseMono"
MONO_BOLD = "LotseMono-Bold"

FONT_FILES: dict[str, str] = {
    SANS: "NotoSans-Regular.ttf",
    SANS_BOLD: "NotoSans-Bold.ttf",
    MONO: "NotoSansMono-Regular.ttf",
    MONO_BOLD: "NotoSansMono-Bold.ttf",
}


def font_dir() -> Path:
    return resource_dir() / "resources" / "fonts"


@functools.cache
def register_fonts() -> None:
    """Register the bundled fonts with reportlab once per process."""
    folder = font_dir()
    for name, filename in FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / filename)))
    # <b> inside a Paragraph switches to the bold face of the same family.
    for regular, bold in ((SANS, SANS_BOLD), (MONO, MONO_BOLD)):
        addMapping(regular, 0, 0, regular)
        addMapping(regular, 1, 0, bold)
        addMapping(regular, 0, 1, regular)
        addMapping(regular, 1, 1, bold)
