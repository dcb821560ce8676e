"""Open the office database: SQLCipher 4 with a raw 256-bit key.

The key reaches SQLCipher as ``x'…'`` so SQLCipher's own passphrase KDF never
runs; our KDF sits in the key file. Before anything could write, the file is
checked: it must exist, not be a plain SQLite file, be whole pages long, and
decrypt with the key (the first read checks the page HMAC).
"""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import URL, create_engine, event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import NullPool, SingletonThreadPool

from app.errors import AccessDenied, StorageError
from app.i18n import _

PAGE_SIZE = 4096  # SQLCipher 4 default
_PLAIN_SQLITE = b"SQLite format 3\0"


class NotALotseDatabase(StorageError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            _("Die Datei {path} ist keine Lotse-Datenbank. Sie wurde nicht verändert.").format(
                path=path
            )
        )


class DatabaseDamaged(StorageError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            _(
                "Die Datenbank {path} ist beschädigt oder unvollständig. Sie wurde nicht "
                "verändert; bitte stellen Sie eine Sicherung wieder her."
            ).format(path=path)
        )


class DatabaseMissing(StorageError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            _(
                "Unter {path} gibt es noch keine Beratungsstelle. Richten Sie sie zuerst ein."
            ).format(path=path)
        )


def describe_os_error(exc: OSError, path: Path) -> StorageError:
    if exc.errno == errno.ENOSPC:
        msg = _("Der Datenträger von {path} ist voll. Es wurde nichts gespeichert.")
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        msg = _(
            "In {path} kann nicht geschrieben werden (keine Berechtigung oder schreibgeschützt)."
        )
    else:
        msg = _("Auf {path} kann nicht zugegriffen werden.")
    return StorageError(msg.format(path=path))


def describe_db_error(exc: Exception, path: Path) -> StorageError:
    """Turn SQLite's terse write failures into the same sentences as OSError."""
    text = str(getattr(exc, "orig", exc)).lower()
    try:
        nearly_full = shutil.disk_usage(path.parent).free < 1024 * 1024
    except OSError:
        nearly_full = False
    if "full" in text or (("i/o" in text) and nearly_full):
        code = errno.ENOSPC
    elif "readonly" in text or "read-only" in text:
        code = errno.EROFS
    else:
        code = errno.EIO
    return describe_os_error(OSError(code, text), path)


def precheck_file(path: Path) -> None:
    """Refuse files that cannot be ours, without opening them for writing."""
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(16)
    except FileNotFoundError:
        raise DatabaseMissing(path) from None
    except OSError as exc:
        raise describe_os_error(exc, path) from None
    # Our first 16 bytes are a random salt; text or a plain SQLite header cannot be ours.
    if (
        head == _PLAIN_SQLITE
        or size < PAGE_SIZE
        or all(32 <= b < 127 or b in b"\t\r\n" for b in head)
    ):
        raise NotALotseDatabase(path)
    if size % PAGE_SIZE:
        raise DatabaseDamaged(path)


def _configure(dbapi_conn: Any, path: Path, readonly: bool) -> None:
    """Runs after the dialect issued ``PRAGMA key`` from the URL."""
    cur = dbapi_conn.cursor()
    try:
        try:
            # First read: fails here on a wrong key or a damaged first page. Our key came
            # from a slot that decrypted, or a checked recovery key: so this is damage.
            cur.execute("SELECT count(*) FROM sqlite_master")
            cur.fetchall()
        except sqlcipher3.DatabaseError as exc:
            if "not a database" in str(exc) or "malformed" in str(exc):
                raise DatabaseDamaged(path) from None
            raise describe_db_error(exc, path) from None
        try:
            cur.execute("PRAGMA query_only = ON" if readonly else "PRAGMA journal_mode = WAL")
            mode = cur.fetchall()
            # busy_timeout: the GUI and its worker thread each hold a connection; one
            # waits for the other's short transaction instead of failing at once.
            for pragma in (
                "synchronous = FULL",
                "foreign_keys = ON",
                "secure_delete = ON",
                "busy_timeout = 5000",
            ):
                cur.execute(f"PRAGMA {pragma}")
        except sqlcipher3.DatabaseError as exc:
            raise describe_db_error(exc, path) from None
        if not readonly and mode and str(mode[0][0]).lower() != "wal":
            # SQLite answers the old mode instead of failing when it cannot write.
            raise describe_os_error(OSError(errno.EROFS, "read-only"), path)
    finally:
        cur.close()
    dbapi_conn.isolation_level = None  # transactions are begun explicitly, below


def _creator(path: Path, readonly: bool, create: bool) -> Any:
    def connect() -> Any:
        if not create:
            precheck_file(path)
        if not readonly and not (
            os.access(path.parent, os.W_OK) and (create or os.access(path, os.W_OK))
        ):
            raise describe_os_error(OSError(errno.EROFS, "read-only"), path)
        mode = "ro" if readonly else ("rwc" if create else "rw")
        try:
            return sqlcipher3.connect(
                f"file:{path.as_posix()}?mode={mode}", uri=True, check_same_thread=False
            )
        except sqlcipher3.OperationalError:
            raise StorageError(
                _("Die Datenbank {path} kann nicht geöffnet werden.").format(path=path)
            ) from None

    return connect


def open_engine(path: Path, key: bytes, *, readonly: bool = False, create: bool = False) -> Engine:
    """An engine on the encrypted file. ``create`` allows a new, empty file."""
    if create and path.exists():
        raise StorageError(_("Unter {path} gibt es bereits eine Datenbank.").format(path=path))
    engine = create_engine(
        URL.create("sqlite+pysqlcipher", password=f"x'{key.hex()}'"),
        creator=_creator(path, readonly, create),
        poolclass=NullPool if readonly else SingletonThreadPool,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        _configure(dbapi_conn, path, readonly)

    # Take the write lock when a transaction starts, so a write never fails half-way.
    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        if conn.get_execution_options().get("isolation_level") != "AUTOCOMMIT":
            conn.exec_driver_sql("BEGIN" if readonly else "BEGIN IMMEDIATE")

    # A full or read-only disk during work becomes a sentence, not an "unexpected error";
    # the transaction is rolled back, so nothing is half-written and the form keeps its input.
    @event.listens_for(engine, "handle_error")
    def _on_error(context: Any) -> BaseException | None:
        text = str(context.original_exception).lower()
        if any(word in text for word in ("full", "readonly", "read-only", "disk i/o")):
            return describe_db_error(context.original_exception, path)
        return None

    return engine


@contextmanager
def autocommit(engine: Engine) -> Iterator[Connection]:
    """A connection outside any transaction, for VACUUM and checkpoints."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        yield conn


def file_fingerprint(path: Path) -> tuple[int, int]:
    """(size, mtime_ns): tests use it to prove a file was not written."""
    st = os.stat(path)
    return st.st_size, st.st_mtime_ns


def closed_engine() -> Engine:
    """Stands in for a closed office's engine: every use is refused, no key is held."""

    def refuse() -> Any:
        raise AccessDenied(_("Lotse ist gesperrt."))

    return create_engine("sqlite+pysqlite://", creator=refuse, poolclass=NullPool)
