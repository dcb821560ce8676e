"""The office's logo for the letterhead of printed documents (lead only, audited as a
settings change). Kept inside the encrypted database like every other setting."""

from __future__ import annotations

import base64
import binascii
import io

from app import config
from app.errors import UsageError
from app.i18n import _
from app.services.session import OfficeSession
from app.services.settings import get_setting, set_setting

MAX_LOGO_BYTES = 512 * 1024
_TYPES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")


def _check_image(data: bytes) -> None:
    if len(data) > MAX_LOGO_BYTES:
        raise UsageError(_("Das Logo ist größer als 512 KB. Bitte eine kleinere Datei wählen."))
    if not data.startswith(_TYPES):
        raise UsageError(_("Bitte ein Logo als PNG- oder JPEG-Datei wählen."))
    from PIL import Image  # reportlab's own dependency; it draws the logo too

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
    except Exception:  # Pillow raises many kinds for damaged files
        raise UsageError(_("Die Bilddatei ist beschädigt. Nichts wurde geändert.")) from None


def set_office_logo(session: OfficeSession, data: bytes | None) -> None:
    """Store the logo, or remove it with ``None``."""
    if data is None:
        set_setting(session, config.OFFICE_LOGO, "")
        return
    _check_image(data)
    set_setting(session, config.OFFICE_LOGO, base64.b64encode(data).decode("ascii"))


def office_logo(session: OfficeSession) -> bytes | None:
    stored = str(get_setting(session, config.OFFICE_LOGO))
    if not stored:
        return None
    try:
        return base64.b64decode(stored, validate=True)
    except (binascii.Error, ValueError):
        return None  # a damaged setting: the letterhead goes without a logo
