"""``lotse verify`` and the published seal certificate.

cli.py wires ``cli_verify`` in; until then the process tests add the parser through
the same hook cli.py uses for ``cli_safety``, and run the real ``cli.main``."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from app.cli_verify import report_lines
from app.documents.certificates import create_self_signed
from app.documents.signing import sign_pdf
from app.documents.verification import verify_pdf
from app.domain.seal import SealMaterial
from app.paths import OfficePaths
from app.services.seal_public import public_certificate_path, publish_certificate
from app.services.session import OfficeSession
from app.storage import models
from tests.app.test_signing import BOX, STAMP, append_update, flip_text, make_pdf

ROOT = Path(__file__).resolve().parents[2]

# Runs cli.main with `verify` added next to cli_safety's commands, unless cli.py has it.
_MAIN = """
import sys
from app import cli, cli_safety, cli_verify
if "verify" not in cli._COMMANDS:
    add_safety = cli_safety.add_parsers
    def add_both(sub, parents):
        add_safety(sub, parents)
        cli_verify.add_parsers(sub, parents)
    cli_safety.add_parsers = add_both
    cli._COMMANDS["verify"] = cli_verify.cmd_verify
sys.exit(cli.main(sys.argv[1:]))
"""


def lotse_verify(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("LOTSE_")}
    environ["LOTSE_HOME"] = str(home)
    return subprocess.run(
        [sys.executable, "-c", _MAIN, "verify", *args],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture(scope="module")
def seal() -> SealMaterial:
    return create_self_signed("MBE Plön", "Diakonie Altholstein")


@pytest.fixture(scope="module")
def files(seal: SealMaterial, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("verify")
    sealed = sign_pdf(make_pdf(), seal, STAMP, BOX)
    contents = {
        "sealed.pdf": sealed,
        "flipped.pdf": flip_text(sealed),
        "appended.pdf": append_update(sealed),
        "unsigned.pdf": make_pdf(1),
        "garbage.pdf": b"this is no PDF\n" * 20,
        "office.pem": seal.cert_pem,
        "other.pem": create_self_signed("MBE Husum", "Caritas").cert_pem,
    }
    for name, data in contents.items():
        (folder / name).write_bytes(data)
    return {name: folder / name for name in contents}


def _home(tmp_path: Path) -> Path:
    home = tmp_path / "office"
    home.mkdir()
    return home


# --- the process -----------------------------------------------------------------------------


def test_valid_with_cert_exits_0(files: dict[str, Path], tmp_path: Path) -> None:
    out = lotse_verify(
        _home(tmp_path), str(files["sealed.pdf"]), "--cert", str(files["office.pem"])
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "Gesiegelt von: Dienstsiegel MBE Plön, Diakonie Altholstein" in out.stdout
    assert "Gesiegelt am: 01.07.2026 14:05 Uhr" in out.stdout
    assert "Dokument-ID: ZV-2026-0042" in out.stdout
    assert "Zertifikat dieser Beratungsstelle: ja" in out.stdout
    assert out.stdout.rstrip().endswith("Ergebnis: gültig.")
    assert out.stderr == ""


def test_other_office_exits_1(files: dict[str, Path], tmp_path: Path) -> None:
    out = lotse_verify(_home(tmp_path), str(files["sealed.pdf"]), "--cert", str(files["other.pem"]))
    assert out.returncode == 1
    assert "Zertifikat dieser Beratungsstelle: nein" in out.stdout
    assert "Ergebnis: NICHT gültig." in out.stdout


@pytest.mark.parametrize(
    ("name", "line"),
    [
        ("flipped.pdf", "Das Siegel ist beschädigt"),
        ("appended.pdf", "Seit dem Siegeln unverändert: nein"),
        ("unsigned.pdf", "Das Dokument trägt kein elektronisches Siegel."),
    ],
)
def test_broken_or_missing_seal_exits_1(
    files: dict[str, Path], tmp_path: Path, name: str, line: str
) -> None:
    out = lotse_verify(_home(tmp_path), str(files[name]), "--cert", str(files["office.pem"]))
    assert out.returncode == 1, out.stdout + out.stderr
    assert line in out.stdout
    assert "Traceback" not in out.stderr


def test_published_certificate_is_used(
    files: dict[str, Path], tmp_path: Path, seal: SealMaterial
) -> None:
    home = _home(tmp_path)
    out = lotse_verify(home, str(files["sealed.pdf"]))
    assert out.returncode == 0  # intact, origin not checked
    assert "nicht geprüft" in out.stdout
    assert "Herkunft ist nicht geprüft" in out.stdout
    public_certificate_path(OfficePaths(home)).write_bytes(seal.cert_pem)
    out = lotse_verify(home, str(files["sealed.pdf"]))
    assert out.returncode == 0
    assert "Zertifikat dieser Beratungsstelle: ja" in out.stdout
    public_certificate_path(OfficePaths(home)).write_bytes(files["other.pem"].read_bytes())
    assert lotse_verify(home, str(files["sealed.pdf"])).returncode == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["garbage.pdf"], "Die Datei ist kein lesbares PDF-Dokument. Es wurde nichts geprüft."),
        (["missing.pdf"], "kann nicht gelesen werden."),
        (["sealed.pdf", "--cert", "garbage.pdf"], "kein lesbares Zertifikat"),
        (["sealed.pdf", "--cert", "missing.pem"], "kann nicht gelesen werden."),
    ],
)
def test_unreadable_input_exits_2(
    files: dict[str, Path], tmp_path: Path, args: list[str], message: str
) -> None:
    folder = files["sealed.pdf"].parent
    argv = [str(folder / a) if a.endswith((".pdf", ".pem")) else a for a in args]
    out = lotse_verify(_home(tmp_path), *argv)
    assert out.returncode == 2, out.stdout + out.stderr
    assert message in out.stderr
    assert "Traceback" not in out.stderr


def test_no_file_is_a_usage_error(tmp_path: Path) -> None:
    out = lotse_verify(_home(tmp_path))
    assert out.returncode == 2
    assert "Ungültiger Aufruf" in out.stderr


# --- the report ------------------------------------------------------------------------------


def test_report_in_english(files: dict[str, Path], seal: SealMaterial) -> None:
    from app.i18n import set_language

    result = verify_pdf(files["sealed.pdf"].read_bytes(), seal.cert_pem)
    set_language("en")  # the autouse fixture switches back
    lines = report_lines(result)
    assert any("01/07/2026 14:05" in line for line in lines)


# --- the published certificate ---------------------------------------------------------------


def test_publish_certificate(session: OfficeSession) -> None:
    path = publish_certificate(session)
    assert path == session.paths.home / "seal-certificate.pem"
    with session.orm() as orm:
        row = orm.scalars(select(models.SigningIdentity)).one()
    assert path.read_bytes() == row.cert_pem
    assert b"PRIVATE KEY" not in path.read_bytes()
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    before = path.stat().st_mtime_ns
    os.utime(path, ns=(before - 10**9, before - 10**9))
    publish_certificate(session)  # unchanged: not rewritten
    assert path.stat().st_mtime_ns == before - 10**9
    path.write_bytes(b"stale")
    publish_certificate(session)
    assert path.read_bytes() == row.cert_pem


def test_published_certificate_matches_what_the_office_seals_with(
    session: OfficeSession,
) -> None:
    with session.orm() as orm:
        row = orm.scalars(select(models.SigningIdentity)).one()
        material = SealMaterial(
            row.key_pem,
            row.cert_pem,
            row.chain_pem,
            row.subject,
            row.fingerprint_sha256,
            row.not_after,
            row.self_signed,
        )
    sealed = sign_pdf(make_pdf(1), material, STAMP, None)
    published = publish_certificate(session).read_bytes()
    result = verify_pdf(sealed, published)
    assert result.valid and result.office_match
    assert result.fingerprint_sha256 == row.fingerprint_sha256
