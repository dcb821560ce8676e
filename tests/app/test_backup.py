"""Backups: verified encrypted snapshots, rotation, restore, and unsafe folders."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.backup_rules import backups_to_keep, location_warning
from app.domain.client import ClientDraft
from app.errors import AccessDenied, StorageError
from app.paths import DB_NAME, KEYFILE_NAME, OfficePaths
from app.services.backup import (
    MANIFEST,
    list_backups,
    make_backup,
    restore_backup,
    verify_backup,
)
from app.services.clients import add_client, search_clients
from app.services.session import OfficeSession, unlock
from app.services.setup import SetupRequest, create_office
from tests.app.conftest import FAST_KDF, OFFICE, PASSPHRASE

NOW = dt.datetime(2026, 11, 25, 17, 30)


def test_backup_is_encrypted_verified_and_listed(session: OfficeSession, tmp_path: Path) -> None:
    add_client(session, ClientDraft("Haddad", "Rania", dt.date(1990, 4, 2)), NOW.date())
    result = make_backup(session, tmp_path / "stick", NOW)
    folder = result.info.path
    assert folder.name == "Lotse-Sicherung-2026-11-25_173000"
    assert sorted(p.name for p in folder.iterdir()) == sorted([DB_NAME, KEYFILE_NAME, MANIFEST])
    data = (folder / DB_NAME).read_bytes()
    assert not data.startswith(b"SQLite format 3") and b"Haddad" not in data
    assert all(item.ok for item in result.checks) and len(result.checks) >= 5
    assert (result.info.clients, result.info.cases) == (1, 0)
    manifest = (folder / MANIFEST).read_text("utf-8")
    assert "Haddad" not in manifest and json.loads(manifest)["schema"]
    assert [b.path for b in list_backups(tmp_path / "stick")] == [folder]


def test_a_changed_backup_fails_verification_and_is_not_restored(
    paths: OfficePaths, session: OfficeSession, tmp_path: Path
) -> None:
    folder = make_backup(session, tmp_path, NOW).info.path
    db = folder / DB_NAME
    raw = bytearray(db.read_bytes())
    raw[5000] ^= 0xFF
    db.write_bytes(bytes(raw))
    checks = verify_backup(folder, session.data_key)
    assert not checks[0].ok and DB_NAME in checks[0].detail
    session.close()
    before = paths.database.read_bytes()
    with pytest.raises(StorageError) as exc:
        restore_backup(paths, folder, "anna", PASSPHRASE)
    assert "beschädigt" in exc.value.message
    assert paths.database.read_bytes() == before


def test_restore_puts_the_backup_back_and_keeps_the_current_files(
    paths: OfficePaths, session: OfficeSession, tmp_path: Path
) -> None:
    folder = make_backup(session, tmp_path, NOW).info.path
    add_client(session, ClientDraft("Später", "Erfasst", None), NOW.date())
    session.close()
    with pytest.raises(AccessDenied):
        restore_backup(paths, folder, "anna", "falsch-falsch-falsch")
    aside = restore_backup(paths, folder, "anna", PASSPHRASE, NOW + dt.timedelta(hours=1))
    assert (aside / DB_NAME).exists() and (aside / KEYFILE_NAME).exists()
    restored = unlock(paths, "anna", PASSPHRASE)
    try:
        assert search_clients(restored, "Später") == []
    finally:
        restored.close()
    kept = unlock(OfficePaths(aside), "anna", PASSPHRASE)  # the replaced office still opens
    try:
        assert len(search_clients(kept, "Später")) == 1
    finally:
        kept.close()


def test_rotation_drops_old_backups(session: OfficeSession, tmp_path: Path) -> None:
    for day in range(10):
        make_backup(session, tmp_path, NOW + dt.timedelta(days=day), rotate=False)
    result = make_backup(session, tmp_path, NOW + dt.timedelta(days=10))
    assert len(result.removed) == 4  # 11 daily backups: 7 days + older ones kept by week/month
    assert len(list_backups(tmp_path)) == 7


def test_a_full_stick_leaves_no_half_backup(tmpfs: Path, tmp_path: Path) -> None:
    paths = OfficePaths(tmp_path / "office")
    create_office(paths, SetupRequest(OFFICE, "anna", "Anna", PASSPHRASE, kdf=FAST_KDF))
    session = unlock(paths, "anna", PASSPHRASE)
    try:
        for n in range(150):
            add_client(session, ClientDraft(f"Name{n}", "Vorname", None), NOW.date())
        free = shutil.disk_usage(tmpfs).free
        (tmpfs / "ballast").write_bytes(b"x" * (free - 40 * 1024))  # room for less than the copy
        with pytest.raises(StorageError) as exc:
            make_backup(session, tmpfs, NOW)
        assert "voll" in exc.value.message
        assert sorted(p.name for p in tmpfs.iterdir()) == ["ballast"]
    finally:
        session.close()


STAMPS = st.lists(
    st.datetimes(min_value=dt.datetime(2024, 1, 1), max_value=dt.datetime(2027, 12, 31)),
    max_size=80,
    unique=True,
)


@given(STAMPS)
def test_rotation_keeps_the_newest_and_at_most_23(stamps: list[dt.datetime]) -> None:
    keep = backups_to_keep(stamps)
    assert keep <= set(stamps)
    assert len(keep) <= 7 + 4 + 12
    if stamps:
        assert max(stamps) in keep
        days = sorted({s.date() for s in stamps}, reverse=True)[:7]
        for day in days:  # the newest of each of the last seven days with a backup
            assert max(s for s in stamps if s.date() == day) in keep


def test_cloud_and_network_folders_are_flagged() -> None:
    home = PurePosixPath("/home/anna")
    assert location_warning(home / "OneDrive - Beispiel e. V." / "Lotse")
    assert location_warning(home / "Nextcloud" / "Lotse")
    assert location_warning(PureWindowsPath(r"\\server\beratung\Lotse"))
    assert location_warning(home / "Dokumente" / "Lotse") is None
    mounts = [("/", "ext4"), ("/mnt/share", "cifs")]
    assert location_warning(PurePosixPath("/mnt/share/Lotse"), mounts)
    assert location_warning(PurePosixPath("/mnt/shared/Lotse"), mounts) is None
