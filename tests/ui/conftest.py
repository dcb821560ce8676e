"""Fixtures for the widget tests: real offices in tmp_path, cheap key derivation, offscreen Qt."""

from __future__ import annotations

import gc
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator
from decimal import Decimal

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.domain.office import OfficeInfo
from app.paths import OfficePaths
from app.services.demo import DEMO_LEAD, DEMO_PASSPHRASE, create_demo
from app.services.setup import SetupRequest, SetupResult, create_office
from tests.conftest import FAST_KDF, PASSPHRASE
from ui.main import AppContext
from ui.operations import MainThreadGarbageCollector, Operations
from ui.services import OfficeServices, UnlockedSession

# Cheap KDF for tests; unlock reads the parameters from the key file's slot.
LOGIN = "anna"
OFFICE = OfficeInfo("Migrationsberatung Kiel-Gaarden", "Beispiel e. V.", "KI", Decimal("1.5"))


@pytest.fixture(scope="session", autouse=True)
def main_thread_gc(qapp: QApplication) -> Iterator[MainThreadGarbageCollector]:
    """As in the app: no cycle collection on the worker thread (see MainThreadGarbageCollector)."""
    collector = MainThreadGarbageCollector()
    yield collector
    collector.stop()


@pytest.fixture(autouse=True)
def collect_after_test(main_thread_gc: MainThreadGarbageCollector) -> Iterator[None]:
    yield
    gc.collect()  # on the GUI thread, with the worker idle


@pytest.fixture
def office(paths: OfficePaths) -> SetupResult:
    request = SetupRequest(OFFICE, LOGIN, "Anna Berger", PASSPHRASE, kdf=FAST_KDF)
    return create_office(paths, request)


@pytest.fixture
def ctx(qapp: object, paths: OfficePaths) -> Iterator[AppContext]:
    context = AppContext(paths, kdf=FAST_KDF)
    yield context
    context.ops.wait()
    context.apply_language("de", save=False)  # also puts Qt's own strings back


@pytest.fixture
def ops(ctx: AppContext) -> Operations:
    return ctx.ops


@pytest.fixture
def session(ctx: AppContext, office: SetupResult) -> Iterator[UnlockedSession]:
    unlocked = ctx.unlock(LOGIN, PASSPHRASE)
    yield unlocked
    ctx.ops.wait()
    unlocked.close()


@pytest.fixture
def services(ctx: AppContext, session: UnlockedSession) -> OfficeServices:
    return ctx.bind(session)


@pytest.fixture
def wait_idle(qtbot: QtBot, ops: Operations) -> Callable[[], None]:
    """Wait until every background operation has delivered its callback."""

    def wait() -> None:
        qtbot.waitUntil(lambda: ops.pending == 0, timeout=15_000)

    return wait


@pytest.fixture
def demo_session(ctx: AppContext, paths: OfficePaths) -> Iterator[UnlockedSession]:
    """A demo office with 40 synthetic clients (Arabic, Persian, Cyrillic, Turkish, German)."""
    create_demo(paths, clients=40, kdf=FAST_KDF)
    unlocked = ctx.unlock(DEMO_LEAD, DEMO_PASSPHRASE)
    yield unlocked
    ctx.ops.wait()
    unlocked.close()


@pytest.fixture
def demo_services(ctx: AppContext, demo_session: UnlockedSession) -> OfficeServices:
    return ctx.bind(demo_session)
