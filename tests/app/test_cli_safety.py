"""`lotse backup`, `lotse restore` and `lotse audit` as a user runs them."""

from __future__ import annotations

from pathlib import Path

from app.paths import OfficePaths
from app.services.setup import SetupResult
from tests.app.conftest import PASSPHRASE
from tests.app.test_cli import lotse


def test_backup_restore_and_audit_from_the_command_line(
    paths: OfficePaths, office: SetupResult, tmp_path: Path
) -> None:
    home = paths.home
    out = lotse(home, "backup", "--to", str(tmp_path / "stick"), "--user", "anna",
                passphrase=PASSPHRASE)  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "Gesichert und geprüft" in out.stdout and "FEHLER" not in out.stdout
    (backup,) = (tmp_path / "stick").iterdir()

    out = lotse(home, "audit", "--out", str(tmp_path / "trail.csv"), "--user", "anna",
                passphrase=PASSPHRASE)  # fmt: skip
    assert out.returncode == 0, out.stderr
    trail = (tmp_path / "trail.csv").read_text("utf-8-sig").splitlines()
    assert trail[0].startswith("id;zeit_utc") and any(";backup;office;" in t for t in trail)

    out = lotse(home, "restore", str(backup), "--user", "anna", passphrase="falsch-falsch")
    assert out.returncode == 3 and "falsch" in out.stderr
    out = lotse(home, "restore", str(backup), "--user", "anna", passphrase=PASSPHRASE)
    assert out.returncode == 0, out.stderr
    assert "Zurückgespielt" in out.stdout
    assert lotse(home, "check", "--user", "anna", passphrase=PASSPHRASE).returncode in (0, 1)

    out = lotse(home, "audit", "--out", str(tmp_path / "x.csv"), "--since", "gestern",
                "--user", "anna", passphrase=PASSPHRASE)  # fmt: skip
    assert out.returncode == 2 and "kein Datum" in out.stderr


def test_retention_lists_and_erases_on_request(
    paths: OfficePaths, office: SetupResult, tmp_path: Path
) -> None:
    import datetime as dt

    from app.domain.client import ClientDraft
    from app.services.clients import add_client, search_clients
    from app.services.session import unlock

    s = unlock(paths, "anna", PASSPHRASE)
    number = add_client(s, ClientDraft("Löschmich", "Anna", None), dt.date(2026, 11, 25)).number
    s.close()
    out = lotse(paths.home, "retention", "--user", "anna", passphrase=PASSPHRASE)
    assert out.returncode == 0, out.stderr
    assert "0 Datensätze fällig" in out.stdout  # created today: not yet
    out = lotse(paths.home, "retention", "--client", number, "--user", "anna",
                passphrase=PASSPHRASE)  # fmt: skip
    assert out.returncode == 0 and "1 Datensätze anonymisiert" in out.stdout, out.stderr
    s = unlock(paths, "anna", PASSPHRASE)
    try:
        assert search_clients(s, "Löschmich") == []
    finally:
        s.close()


def test_rekey_from_the_command_line(
    paths: OfficePaths, office: SetupResult, tmp_path: Path
) -> None:
    import json
    import re

    secrets_file = tmp_path / "neu.json"
    secrets_file.write_text(json.dumps({}))
    out = lotse(paths.home, "rekey", "--new-passphrases", str(secrets_file), "--user", "anna",
                passphrase=PASSPHRASE)  # fmt: skip
    assert out.returncode == 0, out.stderr
    recovery = [
        line
        for line in out.stdout.splitlines()
        if re.fullmatch(r"([0-9A-F]{4}-){15}[0-9A-F]{4}", line)
    ]
    assert len(recovery) == 1
    assert lotse(paths.home, "check", "--user", "anna", passphrase=PASSPHRASE).returncode in (0, 1)
