"""Fixtures for the Qt-free tests: real SQLCipher files in tmp_path."""

from __future__ import annotations

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
