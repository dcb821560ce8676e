"""Backups (Sicherungen): a verified, encrypted snapshot of the open office, and restoring one.

A backup is a folder ``Lotse-Sicherung-YYYY-MM-DD_HHMMSS`` with the database
(``VACUUM INTO`` on the keyed connection: a consistent copy, still encrypted
with the same data key), the key file and ``manifest.json`` (checksums, schema,
counts; nothing personal). It is written under a temporary name and renamed
only after the copy has been opened and checked.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError

from app import __version__
from app.atomic import write_atomic
from app.domain.audit import AuditAction, AuditEntity
from app.domain.backup_rules import backups_to_keep
from app.errors import LotseError, StorageError
from app.i18n import _
from app.paths import DB_NAME, KEYFILE_NAME, OfficePaths
from app.services.audit import record
from app.services.check import CheckItem, database_items
from app.services.session import OfficeSession
from app.storage import models
from app.storage.engine import autocommit, describe_db_error, describe_os_error
from app.storage.instance_lock import InstanceLock
from app.storage.keyring import load_keyfile
from app.storage.migrate import current_revision

PREFIX = "Lotse-Sicherung-"
STAMP = "%Y-%m-%d_%H%M%S"
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created_at: dt.datetime  # local time of the backup
    schema: str
    app_version: str
    clients: int
    cases: int
    size: int


@dataclass(frozen=True)
class BackupResult:
    info: BackupInfo
    checks: tuple[CheckItem, ...]
    removed: tuple[Path, ...]  # older backups dropped by the rotation


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _counts(session: OfficeSession) -> tuple[int, int, str]:
    with session.engine.connect() as conn:
        clients = conn.scalar(select(func.count()).select_from(models.Client)) or 0
        cases = conn.scalar(select(func.count()).select_from(models.Case)) or 0
        return clients, cases, current_revision(conn) or ""


def make_backup(
    session: OfficeSession, folder: Path, now: dt.datetime | None = None, rotate: bool = True
) -> BackupResult:
    """Write, verify and (optionally) rotate. StorageError when the copy cannot be trusted."""
    stamp = (now or dt.datetime.now()).replace(microsecond=0)
    final = folder / f"{PREFIX}{stamp.strftime(STAMP)}"
    partial = folder / f".{final.name}.partial"
    if final.exists():
        raise StorageError(_("Eine Sicherung mit diesem Zeitstempel gibt es schon: {path}").format(
            path=final))  # fmt: skip
    try:
        folder.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir()
        clients, cases, schema = _counts(session)
        target = (partial / DB_NAME).as_posix().replace("'", "''")
        with autocommit(session.engine) as conn:
            conn.exec_driver_sql(f"VACUUM INTO '{target}'")
        write_atomic(partial / KEYFILE_NAME, session.paths.keyfile.read_bytes())
        manifest = {
            "format": 1,
            "created_at": stamp.isoformat(),
            "app_version": __version__,
            "schema": schema,
            "counts": {"clients": clients, "cases": cases},
            "files": {name: _sha256(partial / name) for name in (DB_NAME, KEYFILE_NAME)},
        }
        write_atomic(partial / MANIFEST, json.dumps(manifest, indent=2).encode())
        checks = verify_backup(partial, session.data_key)
        if not all(item.ok for item in checks):
            problems = "; ".join(f"{i.name}: {i.detail}" for i in checks if not i.ok)
            raise StorageError(
                _("Die Sicherung ist fehlerhaft und wurde verworfen ({problems}).").format(
                    problems=problems
                )
            )
        partial.rename(final)
    except DBAPIError as exc:
        shutil.rmtree(partial, ignore_errors=True)
        raise describe_db_error(exc, partial / DB_NAME) from exc
    except OSError as exc:
        shutil.rmtree(partial, ignore_errors=True)
        raise describe_os_error(exc, folder) from exc
    except LotseError:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    record(session, AuditAction.BACKUP, AuditEntity.OFFICE)
    removed = rotate_backups(folder) if rotate else ()
    return BackupResult(read_info(final), checks, removed)


def verify_backup(folder: Path, data_key: bytes) -> tuple[CheckItem, ...]:
    """Checksums from the manifest, the key file, then both integrity checks on the copy."""
    name = _("Prüfsummen")
    try:
        manifest = json.loads((folder / MANIFEST).read_text("utf-8"))
        files: dict[str, str] = manifest["files"]
        wrong = [f for f, digest in files.items() if _sha256(folder / f) != digest]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return (CheckItem(name, False, _("Manifest unlesbar: {error}").format(error=exc)),)
    if wrong or set(files) != {DB_NAME, KEYFILE_NAME}:
        return (CheckItem(name, False, _("verändert: {files}").format(files=", ".join(wrong))),)
    items = [CheckItem(name, True, _("in Ordnung"))]
    try:
        keys_ok = load_keyfile(folder / KEYFILE_NAME).check_recovery_key(data_key)
    except LotseError as exc:
        keys_ok, detail = False, exc.message
    else:
        detail = _("in Ordnung") if keys_ok else _("passt nicht zur Datenbank")
    items.append(CheckItem(_("Schlüsseldatei"), keys_ok, detail))
    items.extend(database_items(OfficePaths(folder), data_key))
    return tuple(items)


def read_info(folder: Path) -> BackupInfo:
    try:
        manifest = json.loads((folder / MANIFEST).read_text("utf-8"))
        return BackupInfo(
            path=folder,
            created_at=dt.datetime.fromisoformat(manifest["created_at"]),
            schema=str(manifest["schema"]),
            app_version=str(manifest["app_version"]),
            clients=int(manifest["counts"]["clients"]),
            cases=int(manifest["counts"]["cases"]),
            size=sum(p.stat().st_size for p in folder.iterdir() if p.is_file()),
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise StorageError(
            _("{path} ist keine lesbare Lotse-Sicherung.").format(path=folder)
        ) from exc


def list_backups(folder: Path) -> list[BackupInfo]:
    """The backups in ``folder``, newest first; unreadable folders are left out."""
    found = []
    for path in folder.glob(f"{PREFIX}*") if folder.is_dir() else ():
        try:
            found.append(read_info(path))
        except StorageError:
            continue
    return sorted(found, key=lambda b: b.created_at, reverse=True)


def rotate_backups(folder: Path) -> tuple[Path, ...]:
    backups = list_backups(folder)
    keep = backups_to_keep(b.created_at for b in backups)
    removed = tuple(b.path for b in backups if b.created_at not in keep)
    for path in removed:
        shutil.rmtree(path, ignore_errors=True)
    return removed


def restore_backup(
    paths: OfficePaths, backup: Path, login: str, passphrase: str, now: dt.datetime | None = None
) -> Path:
    """Put ``backup`` in place of the office, keeping the current files aside; returns that
    folder. The backup must open with the user's passphrase (as it was then) and pass all
    checks first; nothing is moved before that. The office must not be open meanwhile."""
    read_info(backup)
    keyfile = load_keyfile(backup / KEYFILE_NAME)
    data_key = keyfile.unwrap(login.strip().lower(), passphrase)
    bad = [item for item in verify_backup(backup, data_key) if not item.ok]
    if bad:
        raise StorageError(
            _("Die Sicherung ist beschädigt und wurde nicht zurückgespielt ({problems}).").format(
                problems="; ".join(f"{i.name}: {i.detail}" for i in bad)
            )
        )
    instance = InstanceLock(paths.database)
    instance.acquire()  # nobody may have the office open while its files are swapped
    try:
        return _swap_in(paths, backup, now)
    finally:
        instance.release()


def _swap_in(paths: OfficePaths, backup: Path, now: dt.datetime | None) -> Path:
    stamp = (now or dt.datetime.now()).strftime(STAMP)
    aside = paths.home / f"vor-Wiederherstellung-{stamp}"
    current = [paths.database, paths.keyfile] + [
        paths.database.with_name(paths.database.name + suffix) for suffix in ("-wal", "-shm")
    ]
    moved: list[tuple[Path, Path]] = []
    try:
        paths.home.mkdir(parents=True, exist_ok=True)
        aside.mkdir()
        for path in current:
            if path.exists():
                path.rename(aside / path.name)
                moved.append((aside / path.name, path))
        _copy_synced(backup / DB_NAME, paths.database)
        write_atomic(paths.keyfile, (backup / KEYFILE_NAME).read_bytes())
    except OSError as exc:
        for path in (paths.database, paths.keyfile):
            path.unlink(missing_ok=True)
        for source, target in moved:  # put the office back as it was
            source.rename(target)
        raise describe_os_error(exc, paths.home) from exc
    return aside


def _copy_synced(source: Path, target: Path) -> None:
    tmp = target.with_name(f".{target.name}.restore")
    with source.open("rb") as src, tmp.open("wb") as dst:
        shutil.copyfileobj(src, dst, 1 << 20)
        dst.flush()
        os.fsync(dst.fileno())
    tmp.replace(target)
