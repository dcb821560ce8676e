"""Schema upgrades: after a backup copy, on the keyed connection; old releases open."""

from __future__ import annotations

import shutil
from pathlib import Path

from alembic import command
from sqlalchemy import text

from app.paths import OfficePaths
from app.services.check import run_check
from app.services.overview import list_clients
from app.services.session import unlock
from app.services.setup import SetupResult
from app.storage.engine import open_engine
from app.storage.migrate import _config, head_revision
from tests.app.conftest import PASSPHRASE

RELEASES = Path(__file__).resolve().parents[1] / "fixtures" / "releases"
RELEASE_PASSPHRASE = "Lotse-Demo-2026!"


def _downgrade_to(paths: OfficePaths, key: bytes, revision: str) -> None:
    engine = open_engine(paths.database, key)
    with engine.begin() as conn:
        cfg = _config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)
    engine.dispose()


def test_upgrade_makes_an_encrypted_backup_first(paths: OfficePaths, office: SetupResult) -> None:
    s = unlock(paths, "anna", PASSPHRASE)
    key = s.data_key
    s.close()
    _downgrade_to(paths, key, "0001")

    s = unlock(paths, "anna", PASSPHRASE)  # upgrades to head
    with s.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
            head_revision()
        )
    assert list_clients(s) == []
    s.close()

    backups = list(paths.backups.iterdir())
    assert len(backups) == 1
    assert not backups[0].read_bytes().startswith(b"SQLite format 3")
    old = open_engine(backups[0], key, readonly=True)
    with old.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0001"
        assert conn.execute(text("SELECT name FROM office")).scalar() == "MBE Kiel-Gaarden"
    old.dispose()


def test_no_backup_when_nothing_to_upgrade(paths: OfficePaths, office: SetupResult) -> None:
    unlock(paths, "anna", PASSPHRASE).close()
    assert not paths.backups.exists()


def test_every_release_fixture_opens_and_upgrades(tmp_path: Path) -> None:
    releases = sorted(p for p in RELEASES.iterdir() if p.is_dir())
    assert releases, "a saved database from every release lives in tests/fixtures/releases"
    for release in releases:
        home = tmp_path / release.name
        shutil.copytree(release, home)
        paths = OfficePaths(home)
        s = unlock(paths, "leitung", RELEASE_PASSPHRASE)
        assert len(list_clients(s)) == 12, release.name
        key = s.data_key
        s.close()
        report = run_check(paths, key)
        assert report.ok, (release.name, report)


def test_migrations_build_exactly_the_declared_schema(tmp_path: Path) -> None:
    """The ORM models and the migration chain describe the same tables and indexes."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import create_engine

    from app.storage.models import Base

    engine = create_engine(f"sqlite:///{tmp_path / 'plain.db'}")
    with engine.begin() as conn:
        cfg = _config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
    engine.dispose()


def test_an_upgrade_keeps_every_record_of_a_client(paths: OfficePaths, office: SetupResult) -> None:
    """Adding a column to ``clients`` must not cascade into contacts and cases."""
    import datetime as dt

    from app.domain.case import CaseDraft
    from app.domain.client import ClientDraft
    from app.domain.counselling import ContactDraft, ContactForm, ContactKind
    from app.domain.residence import StatusEntry
    from app.services.cases import client_cases, open_case
    from app.services.client_records import add_status, record_contact, timeline
    from app.services.clients import add_client

    today = dt.date(2026, 11, 25)
    s = unlock(paths, "anna", PASSPHRASE)
    cid = add_client(s, ClientDraft("Haddad", "Rania", None, arrival_date=today), today).id
    add_status(s, cid, StatusEntry("ne", today), today)
    record_contact(s, cid, ContactDraft(ContactKind.CONTACT, today, 30, ContactForm.PHONE), today)
    open_case(s, cid, CaseDraft(today, s.user.id), today)
    key = s.data_key
    s.close()
    _downgrade_to(paths, key, "0007")
    s = unlock(paths, "anna", PASSPHRASE)
    try:
        assert len(timeline(s, cid)) == 1 and len(client_cases(s, cid)) == 1
    finally:
        s.close()
