"""Fixtures shared by the Qt-free and the Qt tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.i18n import set_language
from app.paths import OfficePaths
from app.storage.keyring import KdfParams

# Cheap KDF for tests; unlock reads the parameters from each slot.
FAST_KDF = KdfParams(memory_kib=8 * 1024, time_cost=1, parallelism=1)
PASSPHRASE = "Sonnenblume-27-Kiel"


@pytest.fixture(autouse=True)
def german() -> Iterator[None]:
    set_language("de")
    yield
    set_language("de")


@pytest.fixture
def paths(tmp_path: Path) -> OfficePaths:
    return OfficePaths(tmp_path / "office")
