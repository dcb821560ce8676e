"""Unpack a ZIP archive from outside into memory without trusting anything in it.

Nothing is written to disk, so paths cannot escape a folder; they are still refused,
because a sender who writes ``../`` or ``/etc`` is not a sender to believe. Sizes are
checked twice: the declared sizes before anything is inflated (a zip bomb is refused
without expanding it), then the bytes actually inflated while streaming (an entry that
lies about its size is stopped at its declared size, or at the limit, whichever is less).
"""

from __future__ import annotations

import io
import stat
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from app.i18n import _, format_decimal

_CHUNK = 64 * 1024
MiB = 1024 * 1024


@dataclass(frozen=True)
class ZipLimits:
    max_entries: int = 32
    max_entry_bytes: int = 8 * MiB
    max_total_bytes: int = 32 * MiB
    max_ratio: int = 200  # inflated : compressed, for entries above ratio_floor
    ratio_floor: int = 1 * MiB


class ZipFault(Exception):
    """The archive is refused; ``fault`` says why in one sentence."""

    def __init__(self, fault: str) -> None:
        super().__init__(fault)
        self.fault = fault


def human_size(size: int) -> str:
    if size >= 1024 * MiB:
        return _("{value} GiB").format(value=format_decimal(size / (1024 * MiB), 1))
    if size >= MiB:
        return _("{value} MiB").format(value=format_decimal(size / MiB, 1))
    return _("{value} KiB").format(value=format_decimal(size / 1024, 1))


def _path_is_safe(raw: str) -> bool:
    if not raw or raw.startswith(("/", "\\")) or "\\" in raw or ":" in raw:
        return False
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in raw):
        return False
    return all(part not in ("", ".", "..") for part in raw.split("/"))


def _check_entry(info: zipfile.ZipInfo, limits: ZipLimits, allowed: Callable[[str], bool]) -> None:
    raw = info.orig_filename
    if not _path_is_safe(raw):
        raise ZipFault(_("Das Archiv enthält den unzulässigen Pfad „{name}“.").format(name=raw))
    mode = info.external_attr >> 16
    if info.create_system == 3 and stat.S_ISLNK(mode):
        raise ZipFault(
            _("Das Archiv enthält „{name}“ als symbolische Verknüpfung.").format(name=raw)
        )
    if info.is_dir() or not allowed(raw):
        raise ZipFault(_("Das Archiv enthält die unerwartete Datei „{name}“.").format(name=raw))
    if info.flag_bits & 0x1:
        raise ZipFault(_("„{name}“ ist im Archiv verschlüsselt.").format(name=raw))
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise ZipFault(
            _("„{name}“ ist mit einem nicht unterstützten Verfahren gepackt.").format(name=raw)
        )
    if info.file_size > limits.max_entry_bytes:
        raise ZipFault(
            _("„{name}“ wäre entpackt {size} groß; erlaubt sind höchstens {limit}.").format(
                name=raw,
                size=human_size(info.file_size),
                limit=human_size(limits.max_entry_bytes),
            )
        )
    ratio = info.file_size // max(info.compress_size, 1)
    if info.file_size > limits.ratio_floor and ratio > limits.max_ratio:
        raise ZipFault(
            _(
                "„{name}“ ist ungewöhnlich stark gepackt (1 : {ratio}), wie bei einer ZIP-Bombe."
            ).format(name=raw, ratio=ratio)
        )


def _check_directory(
    infos: list[zipfile.ZipInfo], limits: ZipLimits, allowed: Callable[[str], bool]
) -> None:
    if len(infos) > limits.max_entries:
        raise ZipFault(
            _("Das Archiv enthält {count} Einträge; erwartet sind höchstens {limit}.").format(
                count=len(infos), limit=limits.max_entries
            )
        )
    seen: set[str] = set()
    for info in infos:
        _check_entry(info, limits, allowed)
        if info.orig_filename.casefold() in seen:
            raise ZipFault(
                _("Das Archiv enthält „{name}“ mehrfach.").format(name=info.orig_filename)
            )
        seen.add(info.orig_filename.casefold())
    declared = sum(info.file_size for info in infos)
    if declared > limits.max_total_bytes:
        raise ZipFault(
            _("Das Archiv wäre entpackt {size} groß; erlaubt sind höchstens {limit}.").format(
                size=human_size(declared), limit=human_size(limits.max_total_bytes)
            )
        )


def _inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> bytes:
    """The entry's bytes; never more than its declared size or ``budget``."""
    cap = min(info.file_size, budget)
    out = bytearray()
    with archive.open(info) as stream:
        while chunk := stream.read(_CHUNK):
            out += chunk
            if len(out) > cap:
                raise ZipFault(
                    _("„{name}“ ist größer als im Archiv angegeben.").format(
                        name=info.orig_filename
                    )
                )
    return bytes(out)


def read_zip(
    data: bytes, allowed: Callable[[str], bool], limits: ZipLimits | None = None
) -> dict[str, bytes]:
    """Name → content of every entry; ``ZipFault`` for anything unexpected or too big."""
    limits = limits or ZipLimits()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            _check_directory(infos, limits, allowed)
            contents: dict[str, bytes] = {}
            budget = limits.max_total_bytes
            for info in infos:
                contents[info.orig_filename] = _inflate(archive, info, budget)
                budget -= len(contents[info.orig_filename])
            return contents
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, ValueError):
        raise ZipFault(_("Das ZIP-Archiv ist beschädigt oder unvollständig.")) from None
    except NotImplementedError:  # e.g. a compression method zipfile cannot read
        raise ZipFault(_("Das ZIP-Archiv ist beschädigt oder unvollständig.")) from None
