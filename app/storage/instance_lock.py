"""One program at a time per office: an OS file lock beside the database.

The operating system releases the lock when the process ends, also after a crash
or a power cut, so a stale lock cannot block the next start. The lock file holds
nothing but the host name and process id of the holder, for the message.
"""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path
from typing import IO

from app.errors import StorageError
from app.i18n import _

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fh: IO[bytes]) -> bool:
        try:
            fh.seek(0)
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fh: IO[bytes]) -> None:
        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fh: IO[bytes]) -> bool:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fh: IO[bytes]) -> None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


class OfficeInUse(StorageError):
    pass


class InstanceLock:
    """Held from unlock until the session closes (also when the window locks itself)."""

    def __init__(self, database: Path) -> None:
        self.path = database.with_name(database.name + ".lock")
        self._fh: IO[bytes] | None = None

    def acquire(self) -> None:
        try:
            fh = self.path.open("a+b")
        except OSError:
            return  # read-only media: opening the database will say so
        if not _try_lock(fh):
            fh.seek(0)
            holder = fh.read(200).decode("utf-8", "replace").strip()
            fh.close()
            raise OfficeInUse(
                _(
                    "Diese Beratungsstelle ist bereits in Lotse geöffnet ({holder}). Bitte "
                    "dort weiterarbeiten oder Lotse dort beenden; zwei gleichzeitig geöffnete "
                    "Programme könnten Eingaben überschreiben."
                ).format(holder=holder or _("anderes Programm"))
            )
        fh.seek(0)
        fh.truncate()
        fh.write(f"{socket.gethostname()} pid {os.getpid()}".encode())
        fh.flush()
        self._fh = fh

    def release(self) -> None:
        if self._fh is not None:
            try:
                _unlock(self._fh)
            finally:
                self._fh.close()
                self._fh = None
