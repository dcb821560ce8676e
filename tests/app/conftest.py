"""Fixtures for the Qt-free tests: real SQLCipher files in tmp_path."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from app.domain.office import OfficeInfo
from app.paths import OfficePaths
from app.services.session import OfficeSession, unlock
from app.services.setup import SetupRequest, SetupResult, create_office
from tests.conftest import FAST_KDF, PASSPHRASE

OFFICE = OfficeInfo("MBE Kiel-Gaarden", "Beispiel e. V.", "KI", Decimal("1.50"))


@pytest.fixture
def office(paths: OfficePaths) -> SetupResult:
    return create_office(paths, SetupRequest(OFFICE, "anna", "Anna Alt", PASSPHRASE, kdf=FAST_KDF))


@pytest.fixture
def session(paths: OfficePaths, office: SetupResult) -> Iterator[OfficeSession]:
    s = unlock(paths, "anna", PASSPHRASE)
    yield s
    s.close()


def fingerprint(path: Path) -> tuple[int, int, bytes]:
    """Size, mtime and content: proves a file was not written."""
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns, path.read_bytes()


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A real 1 MiB file system (full and read-only disks); needs root, else skipped."""
    mount_point = tmp_path / "mnt"
    mount_point.mkdir()
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a small file system needs root")
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount_point)],
        capture_output=True,
        check=False,
    )
    if result.returncode:
        pytest.skip("this machine does not allow mounting tmpfs")
    yield mount_point
    subprocess.run(["umount", "-l", str(mount_point)], check=False)
