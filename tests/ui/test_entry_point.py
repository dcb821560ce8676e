"""``lotse``: commands go to the command line; the GUI starts light."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import app.cli
from app.paths import OfficePaths
from app.services.setup import SetupResult
from app.services.setup import office_exists as service_office_exists
from ui import main as ui_main

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("sqlalchemy", "alembic", "reportlab", "faker", "pyhanko", "sqlcipher3")


def test_commands_are_passed_to_the_command_line(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[object] = []
    monkeypatch.setattr(app.cli, "main", lambda argv=None: seen.append(argv) or 3)
    argv = ["--home", "/tmp/x", "check", "--user", "anna"]
    assert ui_main.main(argv) == 3
    assert seen == [argv]


def test_office_exists_agrees_with_the_service(paths: OfficePaths, office: SetupResult) -> None:
    empty = OfficePaths(paths.home.parent / "empty")
    assert ui_main.office_exists(empty) is service_office_exists(empty) is False
    assert ui_main.office_exists(paths) is service_office_exists(paths) is True
    paths.database.unlink()
    assert ui_main.office_exists(paths) is service_office_exists(paths) is True


def test_the_unlock_dialog_needs_no_heavy_modules(tmp_path: Path) -> None:
    script = (
        "import os, sys\n"
        "os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from app.paths import OfficePaths\n"
        "from ui.main import AppContext\n"
        "from ui.dialogs.unlock_dialog import UnlockDialog\n"
        f"ctx = AppContext(OfficePaths(__import__('pathlib').Path({str(tmp_path)!r})))\n"
        "dialog = UnlockDialog(ctx.office_name(), ctx.last_user(), ctx.unlock,\n"
        "                      ctx.unlock_with_recovery, ctx.ops)\n"
        "dialog.show()\n"
        "app.processEvents()\n"
        f"heavy = sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r})\n"
        "print('HEAVY', heavy)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert out.returncode == 0, out.stderr
    assert "HEAVY []" in out.stdout, out.stdout
