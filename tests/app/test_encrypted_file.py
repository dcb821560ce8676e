"""The database file is unreadable without the key, and readable with only the key."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess

import pytest

from app.domain.recovery_key import parse_recovery_key, sqlcipher_pragma
from app.paths import OfficePaths
from app.services.session import OfficeSession
from app.services.setup import SetupResult

SQLCIPHER = shutil.which("sqlcipher")


def test_plain_sqlite_cannot_read_it(paths: OfficePaths, office: SetupResult) -> None:
    assert not paths.database.read_bytes().startswith(b"SQLite format 3")
    conn = sqlite3.connect(paths.database)
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        conn.execute("SELECT * FROM sqlite_master").fetchall()
    conn.close()


def test_no_name_in_clear(paths: OfficePaths, office: SetupResult) -> None:
    raw = paths.database.read_bytes() + paths.keyfile.read_bytes()
    for word in (b"Kiel-Gaarden", b"Anna Alt", b"Beispiel"):
        assert word not in raw


def _sqlcipher(db: str, script: str) -> subprocess.CompletedProcess[str]:
    assert SQLCIPHER, "the sqlcipher shell (4.x) is installed by .ci/run"
    return subprocess.run(
        [SQLCIPHER, db], input=script, capture_output=True, text=True, timeout=30, check=False
    )


def test_sqlcipher_shell_opens_it_with_the_recovery_key(
    paths: OfficePaths, office: SetupResult
) -> None:
    key = parse_recovery_key(office.recovery_key)
    out = _sqlcipher(str(paths.database), sqlcipher_pragma(key) + "\nSELECT name FROM office;\n")
    assert out.returncode == 0, out.stderr
    assert "MBE Kiel-Gaarden" in out.stdout


@pytest.mark.parametrize("script", ["", "PRAGMA key = 'Sonnenblume-27-Kiel';\n", "WRONG"])
def test_sqlcipher_shell_opens_it_with_nothing_else(
    paths: OfficePaths, office: SetupResult, script: str
) -> None:
    if script == "WRONG":
        script = sqlcipher_pragma(bytes(32)) + "\n"
    out = _sqlcipher(str(paths.database), script + "SELECT name FROM office;\n")
    assert "MBE Kiel-Gaarden" not in out.stdout
    assert "not a database" in out.stderr


def test_connection_settings(session: OfficeSession) -> None:
    with session.engine.connect() as conn:

        def pragma(name: str) -> object:
            return conn.exec_driver_sql(f"PRAGMA {name}").scalar()

        assert str(pragma("cipher_version")).startswith("4.")
        assert pragma("journal_mode") == "wal"
        assert pragma("synchronous") == 2  # FULL
        assert pragma("foreign_keys") == 1
        assert pragma("secure_delete") == 1
        assert pragma("busy_timeout") == 5000
