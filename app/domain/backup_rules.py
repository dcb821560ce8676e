"""Which backups to keep, and which folders are unsafe for a live SQLite file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable, Sequence
from pathlib import PurePath

from app.i18n import _

DAILY, WEEKLY, MONTHLY = 7, 4, 12


def _newest_per(
    stamps: Sequence[dt.datetime], period: Callable[[dt.datetime], Hashable], count: int
) -> set[dt.datetime]:
    """The newest stamp in each of the ``count`` most recent periods that have one."""
    chosen: dict[Hashable, dt.datetime] = {}
    for stamp in sorted(stamps, reverse=True):
        key = period(stamp)
        if key not in chosen:
            if len(chosen) == count:
                break
            chosen[key] = stamp
    return set(chosen.values())


def backups_to_keep(
    stamps: Iterable[dt.datetime], daily: int = DAILY, weekly: int = WEEKLY, monthly: int = MONTHLY
) -> set[dt.datetime]:
    """Grandfather–father–son rotation: the newest backup of each of the last ``daily`` days,
    ``weekly`` ISO weeks and ``monthly`` months that have backups. The newest is always kept."""
    ordered = sorted(stamps)
    if not ordered:
        return set()
    keep = {ordered[-1]}
    keep |= _newest_per(ordered, lambda s: s.date(), daily)
    keep |= _newest_per(ordered, lambda s: s.isocalendar()[:2], weekly)
    keep |= _newest_per(ordered, lambda s: (s.year, s.month), monthly)
    return keep


# Folder names of sync clients that rewrite files behind SQLite's back.
_SYNCED = ("onedrive", "dropbox", "nextcloud", "owncloud", "google drive", "googledrive",
           "icloud", "icloud drive", "seadrive", "pcloud", "magentacloud", "box sync")  # fmt: skip
_NETWORK_FS = frozenset({"cifs", "smb3", "smbfs", "nfs", "nfs4", "sshfs", "fuse.sshfs", "davfs"})


def location_warning(path: PurePath, mounts: Sequence[tuple[str, str]] = ()) -> str | None:
    """A German sentence when ``path`` lies in a cloud-synced or network folder.

    ``mounts``: (mount point, file-system type) pairs, as /proc/mounts lists them.
    """
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return _network_sentence(text)
    lowered = [part.casefold() for part in path.parts]
    for part in lowered:
        if any(part == name or part.startswith(name + " ") for name in _SYNCED):
            return _(
                "Die Datenbank liegt in einem Cloud-Ordner ({folder}). Synchronisierte Ordner "
                "können die Datei beschädigen; bitte einen lokalen Ordner wählen und "
                "Sicherungen verwenden."
            ).format(folder=path.parts[lowered.index(part)])
    best = max(
        (m for m in mounts if text == m[0] or text.startswith(m[0].rstrip("/") + "/")),
        key=lambda m: len(m[0]),
        default=None,
    )
    if best is not None and best[1] in _NETWORK_FS:
        return _network_sentence(best[0])
    return None


def _network_sentence(where: str) -> str:
    return _(
        "Die Datenbank liegt auf einem Netzlaufwerk ({where}). Dort kann die Datei bei "
        "Verbindungsabbrüchen beschädigt werden; bitte einen lokalen Ordner wählen."
    ).format(where=where)
