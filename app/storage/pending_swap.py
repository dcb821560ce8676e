"""The swap at the end of a rekey, kept here so unlocking can complete an interrupted one."""

from __future__ import annotations

import os
import shutil

from app.paths import DB_NAME, KEYFILE_NAME, OfficePaths

PENDING = "rekey-pending"
READY = "ready"


def finish_pending(paths: OfficePaths) -> None:
    """Complete an interrupted rekey (marker written), or drop an unfinished one."""
    pending = paths.home / PENDING
    if not pending.is_dir():
        return
    if not (pending / READY).exists():
        shutil.rmtree(pending, ignore_errors=True)
        return
    for suffix in ("-wal", "-shm"):  # old-key pages must not be replayed into the new file
        paths.database.with_name(paths.database.name + suffix).unlink(missing_ok=True)
    for name, target in ((DB_NAME, paths.database), (KEYFILE_NAME, paths.keyfile)):
        if (pending / name).exists():
            os.replace(pending / name, target)
    shutil.rmtree(pending, ignore_errors=True)
