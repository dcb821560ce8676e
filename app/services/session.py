"""Unlocking an office: from user + passphrase (or recovery key) to an open database.

Nothing here writes the database before the key, the file and the schema
version have been checked; a wrong passphrase never touches the database.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session as OrmSession

from app import config
from app.domain.audit import AuditAction, AuditEntity
from app.domain.office import OfficeInfo, Role, UserInfo
from app.domain.passphrase import check_passphrase
from app.domain.recovery_key import parse_recovery_key
from app.errors import AccessDenied, FieldErrors, StorageError
from app.i18n import _
from app.paths import OfficePaths
from app.services.settings import get_setting
from app.storage import models
from app.storage.engine import DatabaseDamaged, closed_engine, open_engine, precheck_file
from app.storage.instance_lock import InstanceLock
from app.storage.keyring import KdfParams, KeyFile, load_keyfile, save_keyfile
from app.storage.migrate import upgrade
from app.storage.pending_swap import finish_pending

log = logging.getLogger(__name__)


@dataclass
class OfficeSession:
    """An unlocked office. Holds the engine and, while unlocked, the data key."""

    paths: OfficePaths
    engine: Engine
    keyfile: KeyFile
    user: UserInfo
    office: OfficeInfo
    data_key: bytes = field(repr=False)
    must_change_passphrase: bool = False
    instance: InstanceLock | None = field(default=None, repr=False)

    def orm(self) -> OrmSession:
        return OrmSession(self.engine, expire_on_commit=False)

    def close(self) -> None:
        """Drop the key and the engine (whose URL holds the key) so nothing can reconnect."""
        self.engine.dispose()
        self.engine = closed_engine()
        self.data_key = b""
        if self.instance is not None:
            self.instance.release()
            self.instance = None


def unlock(paths: OfficePaths, login: str, passphrase: str) -> OfficeSession:
    instance = _hold(paths)
    try:
        precheck_file(paths.database)
        keyfile = load_keyfile(paths.keyfile)
        data_key = keyfile.unwrap(login.strip().lower(), passphrase)
        return _open(paths, keyfile, login, data_key, instance)
    except BaseException:
        instance.release()
        raise


def _hold(paths: OfficePaths) -> InstanceLock:
    """The office's lock, then a rekey swap that a crash interrupted is completed."""
    instance = InstanceLock(paths.database)
    instance.acquire()
    try:
        finish_pending(paths)
    except OSError as exc:
        instance.release()
        raise StorageError(str(exc)) from exc
    return instance


def unlock_with_recovery(paths: OfficePaths, login: str, recovery_text: str) -> OfficeSession:
    """Open with the recovery key; the caller must then set a new passphrase.

    Works without a key file: a missing or damaged one is rebuilt from the key
    once the database has accepted it.
    """
    instance = _hold(paths)
    try:
        precheck_file(paths.database)
        key = parse_recovery_key(recovery_text)
        try:
            keyfile = load_keyfile(paths.keyfile)
        except StorageError:
            keyfile = None
        if keyfile is not None and not keyfile.check_recovery_key(key):
            raise AccessDenied(
                _("Der Wiederherstellungsschlüssel passt nicht zu dieser Datenbank.")
            )
        if keyfile is None:
            keyfile = KeyFile.create(key)
        try:
            session = _open(paths, keyfile, login, key, instance)
        except DatabaseDamaged:
            # Without a key file we cannot tell a wrong recovery key from damage.
            raise AccessDenied(
                _("Der Wiederherstellungsschlüssel passt nicht zu dieser Datenbank.")
            ) from None
        session.must_change_passphrase = True
        return session
    except BaseException:
        instance.release()
        raise


def _open(
    paths: OfficePaths, keyfile: KeyFile, login: str, data_key: bytes, instance: InstanceLock
) -> OfficeSession:
    """Open with ``instance`` held; on failure the caller releases it."""
    engine = open_engine(paths.database, data_key)
    try:
        upgrade(engine, paths.database, paths.backups)
        with OrmSession(engine) as orm:
            user = orm.scalar(
                select(models.User).where(
                    models.User.login == login.strip().lower(), models.User.active.is_(True)
                )
            )
            office = orm.scalar(select(models.Office))
            if user is None:
                raise AccessDenied(_("Benutzername oder Passphrase ist falsch."))
            if office is None:
                raise DatabaseDamaged(paths.database)
            user_info = UserInfo(user.id, user.login, user.display_name, Role(user.role))
            office_info = OfficeInfo(
                office.name,
                office.provider,
                office.district,
                office.full_time_posts,
                office.address,
            )
    except BaseException:
        engine.dispose()
        raise
    session = OfficeSession(paths, engine, keyfile, user_info, office_info, data_key)
    session.instance = instance
    # Derived search data follow the matcher's rules of this release.
    from app.services.audit import record
    from app.services.clients import reindex

    try:
        reindex(session)
        record(session, AuditAction.UNLOCK, AuditEntity.OFFICE)
        _remember_office_id(session)
    except BaseException:
        session.close()
        raise
    _publish_seal(session)
    return session


def _remember_office_id(session: OfficeSession) -> None:
    """Keep the first key file's id inside the database (see ``config.OFFICE_ID``)."""
    import json

    with session.orm() as orm, orm.begin():
        if orm.get(models.SettingRow, config.OFFICE_ID.key) is None:
            orm.add(
                models.SettingRow(key=config.OFFICE_ID.key, value=json.dumps(session.keyfile.db_id))
            )


def _publish_seal(session: OfficeSession) -> None:
    """The seal's certificate beside the office, so ``lotse verify`` needs no unlock. It is
    public; on a read-only medium the office still opens."""
    from app.services.seal_public import publish_certificate

    try:
        publish_certificate(session)
    except OSError as exc:
        log.warning("seal certificate not published: %s", type(exc).__name__)


def change_passphrase(
    session: OfficeSession,
    current: str | None,
    new: str,
    repeated: str,
    kdf: KdfParams | None = None,
) -> None:
    """Re-wrap only this user's slot; the database is not touched.

    The current passphrase is asked for, so an unattended unlocked screen is not
    enough to take over an account; after a recovery-key unlock there is none.
    """
    errors: dict[str, str] = {}
    if not session.must_change_passphrase:
        try:
            session.keyfile.unwrap(session.user.login, current or "")
        except AccessDenied:
            errors["current"] = _("Die bisherige Passphrase ist falsch.")
    try:
        check_passphrase(new, repeated, office_setting_min_length(session))
    except FieldErrors as exc:
        errors.update(exc.errors)
    if errors:
        raise FieldErrors(errors)
    session.keyfile.set_user(session.user.login, new, session.data_key, kdf)
    save_keyfile(session.paths.keyfile, session.keyfile)
    session.must_change_passphrase = False


def office_setting_min_length(session: OfficeSession) -> int:
    return get_setting(session, config.MIN_PASSPHRASE_LENGTH)
