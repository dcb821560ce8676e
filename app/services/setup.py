"""First-run setup: a new office with its database, key file, first user and seal.

The database is built under a temporary name and moved into place only when
it is complete and the key file is written, so an interrupted setup leaves
nothing that looks like an office.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session as OrmSession

from app import config
from app.documents.certificates import create_self_signed
from app.domain.office import OfficeInfo, Role, validate_login
from app.domain.passphrase import check_passphrase
from app.domain.recovery_key import format_recovery_key
from app.domain.seal import SealMaterial
from app.errors import UsageError
from app.i18n import _
from app.paths import OfficePaths, office_exists
from app.storage import models
from app.storage.engine import autocommit, describe_db_error, describe_os_error, open_engine
from app.storage.keyring import KdfParams, KeyFile, new_data_key, save_keyfile
from app.storage.migrate import upgrade


@dataclass(frozen=True)
class SetupRequest:
    office: OfficeInfo
    login: str
    display_name: str
    passphrase: str
    seal: SealMaterial | None = None  # None: a self-signed seal is made
    kdf: KdfParams | None = None


@dataclass(frozen=True)
class SetupResult:
    recovery_key: str
    keyfile_id: str
    login: str


class OfficeExists(UsageError):
    def __init__(self, home: Path) -> None:
        super().__init__(
            _(
                "In {home} ist bereits eine Beratungsstelle eingerichtet. Es wurde nichts "
                "verändert."
            ).format(home=home)
        )


def create_office(paths: OfficePaths, request: SetupRequest) -> SetupResult:
    if office_exists(paths):
        raise OfficeExists(paths.home)
    login = validate_login(request.login)
    check_passphrase(request.passphrase, None, config.MIN_PASSPHRASE_LENGTH.default)
    seal = request.seal or create_self_signed(request.office.name, request.office.provider)
    try:
        paths.home.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise describe_os_error(exc, paths.home) from None

    data_key = new_data_key()
    keyfile = KeyFile.create(data_key)
    keyfile.set_user(login, request.passphrase, data_key, request.kdf)
    building = paths.database.with_name(paths.database.name + ".creating")
    for leftover in _sidecars(building):
        leftover.unlink(missing_ok=True)
    keyfile_written = False
    try:
        engine = open_engine(building, data_key, create=True)
        try:
            upgrade(engine, building, paths.backups)
            with OrmSession(engine) as orm, orm.begin():
                _fill(orm, request, login, seal)
            with autocommit(engine) as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            engine.dispose()
        os.chmod(building, 0o600)
        save_keyfile(paths.keyfile, keyfile)
        keyfile_written = True
        os.replace(building, paths.database)
    except BaseException as exc:
        _cleanup(building)
        if keyfile_written:
            paths.keyfile.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise describe_os_error(exc, paths.home) from None
        if isinstance(exc, DBAPIError):
            raise describe_db_error(exc, paths.database) from None
        raise
    _cleanup(building)
    try:  # the unlock dialog names the office before anything is decrypted
        prefs = config.Preferences(paths.preferences)
        prefs.set(config.OFFICE_NAME, request.office.name)
        prefs.set(config.LAST_USER, login)
    except OSError:
        pass  # only a convenience; the office itself is complete
    return SetupResult(format_recovery_key(data_key), keyfile.db_id, login)


def _fill(orm: OrmSession, request: SetupRequest, login: str, seal: SealMaterial) -> None:
    office = request.office
    orm.add(
        models.Office(
            name=office.name,
            provider=office.provider,
            district=office.district,
            full_time_posts=office.full_time_posts,
            address=office.address,
        )
    )
    orm.add(
        models.User(
            login=login,
            display_name=request.display_name.strip() or login,
            role=Role.LEAD.value,
        )
    )
    orm.add(
        models.SigningIdentity(
            key_pem=seal.key_pem,
            cert_pem=seal.cert_pem,
            chain_pem=seal.chain_pem,
            subject=seal.subject,
            fingerprint_sha256=seal.fingerprint_sha256,
            not_after=seal.not_after,
            self_signed=seal.self_signed,
        )
    )


def _sidecars(db: Path) -> list[Path]:
    return [db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")]


def _cleanup(building: Path) -> None:
    for path in _sidecars(building):
        path.unlink(missing_ok=True)
