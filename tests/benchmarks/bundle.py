"""Benchmark rows for the PyInstaller bundle in dist/lotse/ (``make bundle``).

``bundle_rows()`` gives (name, value, baseline, ratio, target) rows like
``run.py``'s: the bundle's size on disk, and the start of ``lotse --version``
from the bundle against the same command from the sources
(``python -m ui.main --version``), median of 5 after one warm-up run each.
Without a bundle the rows say so instead of failing.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "lotse"
SIZE_TARGET_MIB = 250
ROUNDS = 5

Row = tuple[str, str, str, str, str]


def bundle_binary(bundle: Path = BUNDLE) -> Path:
    return bundle / ("lotse-cli.exe" if sys.platform == "win32" else "lotse")


def bundle_size_mib(bundle: Path = BUNDLE) -> float:
    """Bytes of the regular files under ``bundle`` (links counted once, as ``du`` does)."""
    total = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())
    return total / 2**20


def _time_command(cmd: list[str], rounds: int) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    samples = []
    for i in range(rounds + 1):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True)
        if i:  # the first run only warms the file cache
            samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def bundle_rows(bundle: Path = BUNDLE, rounds: int = ROUNDS) -> list[Row]:
    binary = bundle_binary(bundle)
    if not binary.exists():
        skipped = "skipped (no bundle: make bundle)"
        return [("bundle size", skipped, "", "", ""), ("start, --version", skipped, "", "", "")]
    size = bundle_size_mib(bundle)
    bundle_s = _time_command([str(binary), "--version"], rounds)
    source_s = _time_command([sys.executable, "-m", "ui.main", "--version"], rounds)
    return [
        ("bundle size (dist/lotse)", f"{size:.0f} MiB", "", "", f"<= {SIZE_TARGET_MIB} MiB"),
        (
            "start, lotse --version (bundle)",
            f"{bundle_s:.3f} s",
            f"{source_s:.3f} s (python -m ui.main)",
            f"{bundle_s / source_s:.2f}",
            "<= 1.20",
        ),
    ]


if __name__ == "__main__":
    for row in bundle_rows():
        print(" | ".join(row))
