"""Bring the schema to the version this program knows, after a backup copy.

The copy is made with ``VACUUM INTO`` on the open, keyed connection: it is
encrypted with the same key, so no plaintext ever reaches the disk.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

from app.errors import StorageError
from app.i18n import _
from app.storage.engine import autocommit


class NewerDatabase(StorageError):
    def __init__(self) -> None:
        super().__init__(
            _(
                "Diese Datenbank wurde mit einer neueren Lotse-Version angelegt. Sie wurde nicht "
                "verändert; bitte installieren Sie die neueste Version."
            )
        )


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def check_version(conn: Connection) -> str | None:
    """The database's revision; NewerDatabase if this program does not know it."""
    rev = current_revision(conn)
    if rev is not None:
        known = {s.revision for s in ScriptDirectory.from_config(_config()).walk_revisions()}
        if rev not in known:
            raise NewerDatabase()
    return rev


def upgrade(engine: Engine, db_path: Path, backup_dir: Path) -> Path | None:
    """Upgrade to head. Returns the backup copy's path when one was needed."""
    with engine.connect() as conn:
        rev = check_version(conn)
    if rev == head_revision():
        return None
    backup: Path | None = None
    if rev is not None:
        backup_dir.mkdir(parents=True, exist_ok=True)
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        backup = backup_dir / f"{db_path.stem}-before-{rev}-{stamp}.lotse"
        with autocommit(engine) as conn:
            conn.exec_driver_sql(f"VACUUM INTO '{backup.as_posix()}'")
    with engine.begin() as conn:
        cfg = _config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
        conn.execute(text("SELECT 1"))
    return backup
