"""Rekey: the office's data under a new key, e.g. after someone left who knew an old
passphrase or could have copied the key file. Lead only, from the command line.

Every slot wraps the old data key, so each remaining user needs a new passphrase
(the lead keeps theirs) and the office a new recovery key. The new file is written
beside the old one (``sqlcipher_export`` into an attached copy under the new key),
checked, and swapped in; a crash midway leaves either the old office or, once the
``ready`` marker is written, a swap that the next unlock completes. Backups made
before keep the old key.
"""

from __future__ import annotations

import secrets
import shutil
from collections.abc import Mapping

from sqlalchemy import select

from app.atomic import write_atomic
from app.domain.audit import AuditAction, AuditEntity
from app.domain.office import Role
from app.domain.passphrase import check_passphrase
from app.domain.recovery_key import format_recovery_key
from app.errors import AccessDenied, FieldErrors, StorageError
from app.i18n import _
from app.paths import DB_NAME, KEYFILE_NAME, OfficePaths
from app.services.audit import record
from app.services.check import database_items
from app.services.session import OfficeSession, office_setting_min_length
from app.storage import models
from app.storage.engine import autocommit
from app.storage.keyring import KdfParams, KeyFile
from app.storage.pending_swap import PENDING, READY, finish_pending


def _check(
    session: OfficeSession, current: str, others: Mapping[str, tuple[str, str]]
) -> list[str]:
    if session.user.role is not Role.LEAD:
        raise AccessDenied(_("Den Schlüssel erneuert die Leitung."))
    errors: dict[str, str] = {}
    try:
        session.keyfile.unwrap(session.user.login, current)
    except AccessDenied:
        errors["current"] = _("Die bisherige Passphrase ist falsch.")
    with session.orm() as orm:
        logins = [
            login
            for login in orm.scalars(select(models.User.login).where(models.User.active.is_(True)))
            if login != session.user.login
        ]
    minimum = office_setting_min_length(session)
    for login in logins:
        new, repeated = others.get(login, ("", ""))
        try:
            check_passphrase(new, repeated, minimum)
        except FieldErrors as exc:
            errors[login] = " ".join(exc.errors.values())
    if errors:
        raise FieldErrors(errors)
    return logins


def rekey(
    session: OfficeSession,
    current: str,
    others: Mapping[str, tuple[str, str]],
    kdf: KdfParams | None = None,
) -> str:
    """Re-encrypt under a new key; returns the new recovery key. Closes the session."""
    logins = _check(session, current, others)
    paths = session.paths
    pending = paths.home / PENDING
    shutil.rmtree(pending, ignore_errors=True)
    pending.mkdir()
    new_key = secrets.token_bytes(32)
    record(session, AuditAction.CHANGE, AuditEntity.OFFICE)  # in the old file, copied over
    target = (pending / DB_NAME).as_posix().replace("'", "''")
    with autocommit(session.engine) as conn:
        conn.exec_driver_sql(f"ATTACH DATABASE '{target}' AS rekeyed KEY \"x'{new_key.hex()}'\"")
        conn.exec_driver_sql("SELECT sqlcipher_export('rekeyed')")
        conn.exec_driver_sql("DETACH DATABASE rekeyed")
    bad = [item for item in database_items(OfficePaths(pending), new_key) if not item.ok]
    if bad:
        shutil.rmtree(pending, ignore_errors=True)
        raise StorageError(_("Die neu verschlüsselte Kopie ist fehlerhaft; nichts wurde geändert."))
    keyfile = KeyFile.create(new_key, session.keyfile.db_id)
    keyfile.set_user(session.user.login, current, new_key, kdf)
    for login in logins:
        keyfile.set_user(login, others[login][0], new_key, kdf)
    write_atomic(pending / KEYFILE_NAME, keyfile.to_json())
    write_atomic(pending / READY, b"")  # from here on the swap is completed, not undone
    try:
        session.engine.dispose()  # the last connection checkpoints and removes the WAL
        finish_pending(paths)
    except OSError:
        # Nothing may be written under the old key now: the next unlock completes the swap.
        raise StorageError(
            _(
                "Die Daten liegen verschlüsselt unter dem neuen Schlüssel bereit, aber die "
                "Datei ist gerade belegt. Lotse wird gesperrt und schließt den Wechsel beim "
                "nächsten Öffnen ab; es geht nichts verloren."
            )
        ) from None
    finally:
        session.close()
    return format_recovery_key(new_key)
