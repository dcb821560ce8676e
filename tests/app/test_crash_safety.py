"""Faults done for real: a writer killed with SIGKILL mid-work, a second program on the same
office, a lock left behind by a crash."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.errors import StorageError
from app.paths import OfficePaths
from app.services.check import database_items
from app.services.overview import list_clients
from app.services.session import OfficeSession, unlock
from app.services.setup import SetupResult
from app.storage.instance_lock import OfficeInUse
from tests.app.conftest import PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]
# Adds clients one transaction at a time and prints each number once it is committed.
WRITER = """
import datetime as dt, sys
from app.domain.client import ClientDraft
from app.paths import OfficePaths
from app.services.clients import add_client
from app.services.session import unlock
session = unlock(OfficePaths(__import__("pathlib").Path(sys.argv[1])), "anna", sys.argv[2])
print("ready", flush=True)
n = int(sys.argv[3])
while True:
    row = add_client(session, ClientDraft(f"Kill{n}", "Test", None), dt.date(2026, 11, 25))
    print(row.family_name, flush=True)
    n += 1
"""


def run_kill_rounds(paths: OfficePaths, rounds: int, seed: int, least: int = 0) -> tuple[int, int]:
    """Kill a writer at random moments, ``rounds`` times and then on until ``least`` rows
    were committed (a slow machine commits fewer per round); returns (kills, committed)."""
    rng = random.Random(seed)
    committed: set[str] = set()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    round_no = 0
    while round_no < rounds or (len(committed) < least and round_no < 10 * rounds):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(paths.home), PASSPHRASE, str(round_no * 100_000)],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.05, 0.4))
        writer.send_signal(signal.SIGKILL)
        out, _err = writer.communicate()
        committed.update(line for line in out.splitlines() if line.startswith("Kill"))
        session = unlock(paths, "anna", PASSPHRASE)  # opens after every kill ...
        try:
            present = {row.family_name for row in list_clients(session)}
            missing = committed - present
            assert not missing, f"committed but lost after kill {round_no}: {sorted(missing)[:5]}"
            items = database_items(paths, session.data_key)
            assert all(item.ok for item in items), items  # ... and passes both checks
        finally:
            session.close()
        round_no += 1
    return round_no, len(committed)


def test_killed_writer_loses_no_committed_transaction(
    paths: OfficePaths, office: SetupResult
) -> None:
    kills, committed = run_kill_rounds(paths, rounds=8, seed=2026, least=200)
    assert kills >= 8 and committed >= 200


def test_a_second_program_on_the_same_office_is_refused(
    paths: OfficePaths, session: OfficeSession
) -> None:
    with pytest.raises(OfficeInUse) as exc:
        unlock(paths, "anna", PASSPHRASE)
    assert "bereits in Lotse geöffnet" in exc.value.message
    assert isinstance(exc.value, StorageError)
    session.close()
    unlock(paths, "anna", PASSPHRASE).close()  # free again once the first one closed


def test_a_lock_left_by_a_crashed_program_does_not_block(
    paths: OfficePaths, office: SetupResult
) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", WRITER.replace("while True:", "while False:") +
         "\nimport time; time.sleep(60)", str(paths.home), PASSPHRASE, "0"],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "ready"
    with pytest.raises(OfficeInUse):
        unlock(paths, "anna", PASSPHRASE)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    unlock(paths, "anna", PASSPHRASE).close()


def test_a_full_disk_during_work_is_a_sentence_and_nothing_half_written(tmpfs: Path) -> None:
    import datetime as dt
    import shutil

    from app.domain.client import ClientDraft
    from app.services.clients import add_client
    from app.services.setup import SetupRequest, create_office
    from tests.app.conftest import FAST_KDF, OFFICE

    paths = OfficePaths(tmpfs / "office")
    create_office(paths, SetupRequest(OFFICE, "anna", "Anna", PASSPHRASE, kdf=FAST_KDF))
    session = unlock(paths, "anna", PASSPHRASE)
    try:
        free = shutil.disk_usage(tmpfs).free
        (tmpfs / "ballast").write_bytes(b"x" * max(free - 4096, 0))
        note = "x" * 200_000  # far more than the last free page
        with pytest.raises(StorageError) as exc:
            for n in range(50):
                add_client(
                    session, ClientDraft(f"Voll{n}", note[:150], None), dt.date(2026, 11, 25)
                )
        assert "voll" in exc.value.message
        saved = len(list_clients(session))
        (tmpfs / "ballast").unlink()
        assert len(list_clients(session)) == saved  # what was committed is there, nothing more
        assert all(item.ok for item in database_items(paths, session.data_key))
    finally:
        session.close()
