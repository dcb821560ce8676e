"""The ``lotse`` command line, run as a real process."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RECOVERY_LINE = re.compile(r"^[0-9A-F]{4}(-[0-9A-F]{4}){15}$")
PASS = "Sonnenblume-27-Kiel"


def lotse(
    home: Path, *args: str, passphrase: str | None = PASS, **env: str
) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("LOTSE_")}
    environ.update(LOTSE_HOME=str(home), **env)
    if passphrase is not None:
        environ["LOTSE_PASSPHRASE"] = passphrase
    return subprocess.run(
        [sys.executable, "-m", "ui.main", *args],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("cli") / "office"
    out = lotse(home, "init", "--office", "MBE Plön", "--user", "anna", "--district", "PLÖ")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert sum(bool(RECOVERY_LINE.match(line)) for line in lines) == 1
    return home


def test_version() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "ui.main", "--version"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0
    assert re.fullmatch(r"Lotse \d+\.\d+\.\d+\n", out.stdout)


def test_check_passes_on_a_fresh_office(home: Path) -> None:
    out = lotse(home, "check", "--user", "anna")
    assert out.returncode == 0, out.stdout + out.stderr
    assert "Alles in Ordnung." in out.stdout
    assert "Traceback" not in out.stderr


def test_wrong_passphrase_exits_3(home: Path) -> None:
    out = lotse(home, "check", "--user", "anna", passphrase="falsch-falsch-1")
    assert out.returncode == 3
    assert out.stderr.strip() == "Benutzername oder Passphrase ist falsch."


def test_messages_follow_the_language(home: Path) -> None:
    out = lotse(home, "--lang", "en", "check", "--user", "anna", passphrase="wrong-wrong-1")
    assert out.returncode == 3
    assert out.stderr.strip() == "Wrong user name or passphrase."


def test_second_init_is_refused(home: Path) -> None:
    before = (home / "office.lotse").read_bytes()
    out = lotse(home, "init", "--office", "Andere", "--user", "bert")
    assert out.returncode == 2
    assert "bereits" in out.stderr
    assert (home / "office.lotse").read_bytes() == before


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    out = lotse(tmp_path, "init", "--office", "X")
    assert out.returncode == 2
    assert "--user" in out.stderr
    out = lotse(tmp_path, "nonsense")
    assert out.returncode == 2
    assert "Traceback" not in out.stderr


def test_weak_passphrase_at_init_exits_2(tmp_path: Path) -> None:
    out = lotse(tmp_path / "o", "init", "--office", "X", "--user", "anna", passphrase="kurz")
    assert out.returncode == 2
    assert "mindestens" in out.stderr
    assert not (tmp_path / "o" / "office.lotse").exists()


def test_check_without_an_office(tmp_path: Path) -> None:
    out = lotse(tmp_path / "none", "check", "--user", "anna")
    assert out.returncode == 1
    assert "noch keine Beratungsstelle" in out.stderr


def test_check_finds_damage_and_exits_1(tmp_path: Path) -> None:
    home = tmp_path / "o"
    assert lotse(home, "init", "--office", "X", "--user", "anna").returncode == 0
    db = home / "office.lotse"
    raw = bytearray(db.read_bytes())
    raw[4096 * 3 + 100 : 4096 * 3 + 164] = bytes(64)
    db.write_bytes(bytes(raw))
    out = lotse(home, "check", "--user", "anna")
    assert out.returncode == 1
    assert "FEHLER" in out.stdout
    assert "Traceback" not in out.stderr


def test_passwd_then_old_passphrase_fails(tmp_path: Path) -> None:
    home = tmp_path / "o"
    assert lotse(home, "init", "--office", "X", "--user", "anna").returncode == 0
    secret = tmp_path / "new"
    secret.write_text("Neue-Passphrase-2027\n")
    out = lotse(home, "passwd", "--user", "anna", "--new-passphrase-file", str(secret))
    assert out.returncode == 0, out.stderr
    assert lotse(home, "check", "--user", "anna").returncode == 3
    ok = lotse(home, "check", "--user", "anna", "--passphrase-file", str(secret), passphrase=None)
    assert ok.returncode == 0, ok.stdout + ok.stderr


def test_demo_is_deterministic(tmp_path: Path) -> None:
    from app.paths import OfficePaths
    from app.services.overview import list_clients
    from app.services.session import unlock

    names = []
    for run in ("a", "b"):
        home = tmp_path / run
        out = lotse(home, "demo", "--clients", "30", "--seed", "7", passphrase=None)
        assert out.returncode == 0, out.stderr
        assert "Lotse-Demo-2026!" in out.stdout
        s = unlock(OfficePaths(home), "beratung", "Lotse-Demo-2026!")
        names.append([(c.family_name, c.given_name, c.birth_date) for c in list_clients(s)])
        s.close()
    assert len(names[0]) == 30
    assert names[0] == names[1]
    scripts = "".join(f + g for f, g, _ in names[0])
    assert re.search(r"[\u0600-\u06FF]", scripts)  # Arabic script
    assert re.search(r"[\u0400-\u04FF]", scripts)  # Cyrillic


def test_clients_search_and_duplicates_json(tmp_path: Path) -> None:
    import json

    home = tmp_path / "d"
    assert lotse(home, "demo", "--clients", "60", passphrase=None).returncode == 0
    demo = {"passphrase": "Lotse-Demo-2026!"}
    out = lotse(home, "clients", "search", "K-00007", "--json", "--user", "beratung", **demo)
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert doc["query"] == "K-00007"
    assert [r["number"] for r in doc["results"]] == ["K-00007"]
    assert set(doc["results"][0]) == {"id", "number", "family_name", "given_name", "birth_year"}
    out = lotse(
        home, "clients", "duplicates", "--min-score", "0.5", "--json", "--user", "beratung", **demo
    )
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert doc["min_score"] == 0.5
    for pair in doc["pairs"]:
        assert pair["score"] >= 0.5 and pair["reasons"]
    bad = lotse(home, "clients", "duplicates", "--min-score", "7", "--user", "beratung", **demo)
    assert bad.returncode == 2


def test_recovery_sheet_only_for_the_lead(tmp_path: Path) -> None:
    home = tmp_path / "d"
    out = lotse(home, "demo", "--clients", "3", passphrase=None)
    key = next(line for line in out.stdout.splitlines() if RECOVERY_LINE.match(line))
    pdf = tmp_path / "sheet.pdf"
    demo = {"passphrase": "Lotse-Demo-2026!"}
    denied = lotse(home, "recovery-sheet", "--out", str(pdf), "--user", "beratung", **demo)
    assert denied.returncode == 3
    assert not pdf.exists()
    ok = lotse(home, "recovery-sheet", "--out", str(pdf), "--user", "leitung", **demo)
    assert ok.returncode == 0, ok.stderr
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for group in key.split("-"):
        assert group in text


def test_document_then_verify_as_real_processes(home: Path, tmp_path: Path) -> None:
    """`lotse document` seals and keeps; `lotse verify` checks it without unlocking; a
    missing target folder is refused before anything is made."""
    from app.domain.client import ClientDraft
    from app.paths import OfficePaths
    from app.services.clients import add_client
    from app.services.session import unlock

    session = unlock(OfficePaths(home), "anna", PASS)
    try:
        number = add_client(session, ClientDraft("Petrenko", "Iryna", None)).number
    finally:
        session.close()
    missing = lotse(home, "document", "consent", "--client", number, "--user", "anna",
                    "--out", str(tmp_path / "nowhere" / "x.pdf"))  # fmt: skip
    assert missing.returncode == 2 and "gibt es nicht" in missing.stderr
    out = tmp_path / "einwilligung.pdf"
    done = lotse(home, "document", "consent", "--client", number, "--lang", "uk",
                 "--release", "Jobcenter Plön", "--user", "anna", "--out", str(out))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Dokument-ID LT-" in done.stdout
    checked = lotse(home, "verify", str(out), passphrase=None)
    assert checked.returncode == 0 and "Ergebnis: gültig." in checked.stdout
    data = bytearray(out.read_bytes())
    data[len(data) // 2] ^= 0x20
    out.write_bytes(bytes(data))
    assert lotse(home, "verify", str(out), passphrase=None).returncode == 1
