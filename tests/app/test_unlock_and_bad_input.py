"""Unlock, recovery, and every kind of bad input: a clear error, and no write."""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import text

from app.domain.office import Role
from app.errors import AccessDenied, FieldErrors, StorageError, UsageError
from app.paths import OfficePaths
from app.services.check import run_check
from app.services.session import change_passphrase, unlock, unlock_with_recovery
from app.services.setup import OfficeExists, SetupRequest, SetupResult, create_office
from app.storage.engine import DatabaseDamaged, DatabaseMissing, NotALotseDatabase, autocommit
from app.storage.keyring import KeyFileDamaged, KeyFileMissing
from app.storage.migrate import NewerDatabase
from tests.app.conftest import FAST_KDF, OFFICE, PASSPHRASE, fingerprint


def test_unlock_gives_user_and_office(paths: OfficePaths, office: SetupResult) -> None:
    s = unlock(paths, "Anna ", PASSPHRASE)
    try:
        assert s.user.login == "anna"
        assert s.user.role is Role.LEAD
        assert s.office.name == OFFICE.name
        assert s.office.full_time_posts == OFFICE.full_time_posts
        assert not s.must_change_passphrase
    finally:
        s.close()


def test_wrong_passphrase_does_not_touch_the_database(
    paths: OfficePaths, office: SetupResult
) -> None:
    before = fingerprint(paths.database)
    with pytest.raises(AccessDenied):
        unlock(paths, "anna", PASSPHRASE + "x")
    assert fingerprint(paths.database) == before


def test_second_setup_is_refused(paths: OfficePaths, office: SetupResult) -> None:
    before = fingerprint(paths.database), fingerprint(paths.keyfile)
    with pytest.raises(OfficeExists):
        create_office(paths, SetupRequest(OFFICE, "bert", "Bert", PASSPHRASE, kdf=FAST_KDF))
    assert (fingerprint(paths.database), fingerprint(paths.keyfile)) == before


def test_weak_passphrase_is_refused_at_setup(paths: OfficePaths) -> None:
    with pytest.raises(FieldErrors) as exc:
        create_office(paths, SetupRequest(OFFICE, "anna", "Anna", "kurz", kdf=FAST_KDF))
    assert "passphrase" in exc.value.errors
    assert not paths.home.exists() or not any(paths.home.iterdir())


def test_recovery_key_opens_and_forces_a_new_passphrase(
    paths: OfficePaths, office: SetupResult
) -> None:
    s = unlock_with_recovery(paths, "anna", office.recovery_key.lower())
    assert s.must_change_passphrase
    with pytest.raises(FieldErrors):
        change_passphrase(s, None, "Neue-Passphrase-2027", "Neue-Passphrase-2028", FAST_KDF)
    change_passphrase(s, None, "Neue-Passphrase-2027", "Neue-Passphrase-2027", FAST_KDF)
    assert not s.must_change_passphrase
    s.close()
    unlock(paths, "anna", "Neue-Passphrase-2027").close()
    with pytest.raises(AccessDenied):
        unlock(paths, "anna", PASSPHRASE)


def test_recovery_key_rebuilds_a_lost_key_file(paths: OfficePaths, office: SetupResult) -> None:
    from app import config
    from app.services.settings import get_setting

    first = unlock(paths, "anna", PASSPHRASE)
    office_id = get_setting(first, config.OFFICE_ID)
    first.close()
    assert office_id == office.keyfile_id
    paths.keyfile.unlink()
    with pytest.raises(KeyFileMissing):
        unlock(paths, "anna", PASSPHRASE)
    s = unlock_with_recovery(paths, "anna", office.recovery_key)
    change_passphrase(s, None, "Neue-Passphrase-2027", "Neue-Passphrase-2027", FAST_KDF)
    assert s.keyfile.db_id != office_id  # a new key file, but the office keeps its id
    assert get_setting(s, config.OFFICE_ID) == office_id
    s.close()
    unlock(paths, "anna", "Neue-Passphrase-2027").close()


def test_wrong_recovery_key_is_refused_without_writing(
    paths: OfficePaths, office: SetupResult
) -> None:
    before = fingerprint(paths.database)
    wrong = "0000-" * 15 + "0000"
    with pytest.raises(AccessDenied):
        unlock_with_recovery(paths, "anna", wrong)
    paths.keyfile.unlink()
    with pytest.raises(AccessDenied):
        unlock_with_recovery(paths, "anna", wrong)
    with pytest.raises(UsageError):
        unlock_with_recovery(paths, "anna", "1234")
    assert fingerprint(paths.database) == before


def test_damaged_key_file(paths: OfficePaths, office: SetupResult) -> None:
    paths.keyfile.write_bytes(b'{"format": "lotse-keyfile", "ver')
    with pytest.raises(KeyFileDamaged):
        unlock(paths, "anna", PASSPHRASE)


def test_missing_database(paths: OfficePaths) -> None:
    with pytest.raises(DatabaseMissing):
        unlock(paths, "anna", PASSPHRASE)


@pytest.mark.parametrize("kind", ["plain-sqlite", "text", "empty"])
def test_not_a_lotse_database(paths: OfficePaths, office: SetupResult, kind: str) -> None:
    paths.database.unlink()
    if kind == "plain-sqlite":
        conn = sqlite3.connect(paths.database)
        conn.execute("CREATE TABLE t(x)")
        conn.commit()
        conn.close()
    else:
        paths.database.write_bytes(b"" if kind == "empty" else b"Hallo Welt\n" * 100)
    before = fingerprint(paths.database)
    with pytest.raises(NotALotseDatabase):
        unlock(paths, "anna", PASSPHRASE)
    assert fingerprint(paths.database) == before


def test_truncated_database(paths: OfficePaths, office: SetupResult) -> None:
    raw = paths.database.read_bytes()
    paths.database.write_bytes(raw[: len(raw) - 1000])
    before = fingerprint(paths.database)
    with pytest.raises(DatabaseDamaged):
        unlock(paths, "anna", PASSPHRASE)
    assert fingerprint(paths.database) == before


def test_corrupted_first_page(paths: OfficePaths, office: SetupResult) -> None:
    raw = bytearray(paths.database.read_bytes())
    raw[100:140] = bytes(40)
    paths.database.write_bytes(bytes(raw))
    before = fingerprint(paths.database)
    with pytest.raises(DatabaseDamaged):
        unlock(paths, "anna", PASSPHRASE)
    assert fingerprint(paths.database) == before


def test_check_finds_a_corrupted_inner_page(paths: OfficePaths, office: SetupResult) -> None:
    s = unlock(paths, "anna", PASSPHRASE)
    key = s.data_key
    s.close()
    before = {item.name: item.ok for item in run_check(paths, key).items}
    # Only the key file item fails here: the tests use a deliberately cheap KDF.
    assert before == {
        "Schlüsseldatei": False,
        "SQLCipher-Prüfung": True,
        "SQLite-Prüfung": True,
        "Verweise zwischen Tabellen": True,
        "Datenbankschema": True,
        "Protokoll": True,
    }
    raw = bytearray(paths.database.read_bytes())
    page = 4096 * 3
    raw[page + 200 : page + 260] = bytes(60)
    paths.database.write_bytes(bytes(raw))
    after = {item.name: item.ok for item in run_check(paths, key).items}
    assert after.get("SQLCipher-Prüfung") is False or after.get("Datenbank lesen") is False


def test_newer_database_is_refused_unchanged(paths: OfficePaths, office: SetupResult) -> None:
    s = unlock(paths, "anna", PASSPHRASE)
    with s.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with autocommit(s.engine) as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    s.close()
    before = fingerprint(paths.database)
    with pytest.raises(NewerDatabase):
        unlock(paths, "anna", PASSPHRASE)
    assert fingerprint(paths.database) == before


# -- read-only and full disks: real file systems (tmpfs), mounted as root ----------


def test_full_disk_at_setup_leaves_nothing(tmpfs: Path) -> None:
    (tmpfs / "ballast").write_bytes(b"x" * (1000 * 1024))
    target = OfficePaths(tmpfs / "office")
    with pytest.raises(StorageError) as exc:
        create_office(target, SetupRequest(OFFICE, "anna", "Anna", PASSPHRASE, kdf=FAST_KDF))
    assert "voll" in exc.value.message or "Datenträger" in exc.value.message
    assert not target.database.exists()
    assert not target.keyfile.exists()


def test_read_only_disk_opens_nothing_and_writes_nothing(
    tmpfs: Path, paths: OfficePaths, office: SetupResult
) -> None:
    target = OfficePaths(tmpfs / "office")
    with pytest.raises(StorageError) as exc:
        subprocess.run(["mount", "-o", "remount,ro", str(tmpfs)], check=True)
        create_office(target, SetupRequest(OFFICE, "anna", "Anna", PASSPHRASE, kdf=FAST_KDF))
    assert "schreibgeschützt" in exc.value.message or "Berechtigung" in exc.value.message


def test_office_on_a_disk_that_became_read_only(tmpfs: Path) -> None:
    target = OfficePaths(tmpfs / "office")
    create_office(target, SetupRequest(OFFICE, "anna", "Anna", PASSPHRASE, kdf=FAST_KDF))
    before = fingerprint(target.database)
    subprocess.run(["mount", "-o", "remount,ro", str(tmpfs)], check=True)
    with pytest.raises(StorageError) as exc:
        unlock(target, "anna", PASSPHRASE).close()
    assert "schreibgeschützt" in exc.value.message
    assert fingerprint(target.database) == before


def test_changing_the_passphrase_asks_for_the_current_one(
    paths: OfficePaths, office: SetupResult
) -> None:
    s = unlock(paths, "anna", PASSPHRASE)
    try:
        with pytest.raises(FieldErrors) as exc:
            change_passphrase(
                s, "geraten-geraten", "Neue-Passphrase-2027", "Neue-Passphrase-2027", FAST_KDF
            )
        assert set(exc.value.errors) == {"current"}
        change_passphrase(s, PASSPHRASE, "Neue-Passphrase-2027", "Neue-Passphrase-2027", FAST_KDF)
    finally:
        s.close()
    unlock(paths, "anna", "Neue-Passphrase-2027").close()


def test_a_closed_session_cannot_reach_the_database(
    paths: OfficePaths, office: SetupResult
) -> None:
    s = unlock(paths, "anna", PASSPHRASE)
    s.close()
    assert s.data_key == b""
    with pytest.raises(AccessDenied), s.engine.connect():
        pass


def test_setup_remembers_office_name_and_user_for_the_unlock_dialog(
    paths: OfficePaths, office: SetupResult
) -> None:
    from app import config

    prefs = config.Preferences(paths.preferences)
    assert prefs.get(config.OFFICE_NAME) == OFFICE.name
    assert prefs.get(config.LAST_USER) == "anna"
