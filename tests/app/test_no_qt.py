"""``app`` is pure Python: importing every module loads no Qt."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import app

ROOT = Path(__file__).resolve().parents[2]


def test_every_app_module_imports_without_qt() -> None:
    modules = sorted(
        m.name
        for m in pkgutil.walk_packages(app.__path__, "app.")
        if ".versions." not in m.name and not m.name.endswith("migrations.env")
    )
    assert "app.storage.keyring" in modules and "app.cli" in modules
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "roots = ('PySide6', 'shiboken6', 'ui')\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in roots)\n"
        "print('LOADED', bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "LOADED []" in out.stdout
