"""Reliability figures: real faults, counted.

    make reliability      (or: .venv/bin/python tests/benchmarks/reliability.py [--rounds N])

- a writer process killed with SIGKILL at random moments, N times: after every kill the
  office must open, pass SQLCipher's and SQLite's integrity checks and hold every
  transaction the writer had reported as committed;
- a second program on the same office (refused), a lock left by a killed program
  (recovered), a backup onto a full file system (refused, nothing half-written;
  needs root for the tmpfs mount, else skipped).
Power loss is approximated by ``synchronous=FULL``: a commit returns only after the
WAL is on disk. Nothing here is asserted by pytest; the table is for people.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def _office(home: Path) -> object:
    from app.paths import OfficePaths
    from app.services.setup import SetupRequest, create_office
    from tests.app.conftest import OFFICE
    from tests.conftest import FAST_KDF, PASSPHRASE

    paths = OfficePaths(home)
    create_office(paths, SetupRequest(OFFICE, "anna", "Anna", PASSPHRASE, kdf=FAST_KDF))
    return paths


def _second_program(paths: object) -> str:
    from app.services.session import unlock
    from app.storage.instance_lock import OfficeInUse
    from tests.conftest import PASSPHRASE

    first = unlock(paths, "anna", PASSPHRASE)  # type: ignore[arg-type]
    try:
        unlock(paths, "anna", PASSPHRASE)  # type: ignore[arg-type]
    except OfficeInUse:
        return "refused with a message"
    finally:
        first.close()
    return "NOT REFUSED"


def _full_disk(paths: object, mount: Path) -> str:
    from app.errors import StorageError
    from app.services.backup import make_backup
    from app.services.session import unlock
    from tests.conftest import PASSPHRASE

    result = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)],
                            capture_output=True, check=False)  # fmt: skip
    if result.returncode:
        return "skipped (no tmpfs mount here)"
    session = unlock(paths, "anna", PASSPHRASE)  # type: ignore[arg-type]
    try:
        make_backup(session, mount, dt.datetime(2026, 1, 1))
        return "NOT REFUSED"
    except StorageError:
        left = list(mount.iterdir())
        return "refused, nothing left behind" if not left else f"LEFT {left}"
    finally:
        session.close()
        subprocess.run(["umount", "-l", str(mount)], check=False)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    from tests.app.test_crash_safety import run_kill_rounds

    work = Path(tempfile.mkdtemp(prefix="lotse-reliability-"))
    try:
        paths = _office(work / "office")
        started = time.perf_counter()
        kills, committed = run_kill_rounds(paths, args.rounds, seed=int(time.time()))  # type: ignore[arg-type]
        took = time.perf_counter() - started
        (work / "mnt").mkdir()
        rows = [
            ("Writer killed with SIGKILL", f"{kills} kills survived, {committed} committed "
             f"transactions all present, both integrity checks passed ({took:.0f} s)"),
            ("Second program on the same office", _second_program(paths)),
            ("Backup onto a full disk", _full_disk(paths, work / "mnt")),
        ]  # fmt: skip
        width = max(len(name) for name, _ in rows)
        print(f"| {'Fault':<{width}} | Result |\n|{'-' * (width + 2)}|--------|")
        for name, result in rows:
            print(f"| {name:<{width}} | {result} |")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
