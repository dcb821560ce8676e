"""The background helper: work off the GUI thread, callbacks on it, busy state restored."""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from app.errors import UsageError
from ui.operations import MainThreadGarbageCollector, Operations, user_message


@pytest.fixture
def ops(qapp: QApplication) -> Iterator[Operations]:
    operations = Operations()
    yield operations
    operations.wait()


def test_success_is_delivered_on_the_gui_thread(qtbot: QtBot, ops: Operations) -> None:
    seen: dict[str, object] = {}

    def work() -> int:
        seen["worker"] = threading.get_ident()
        return 42

    def done(result: object) -> None:
        seen["result"] = result
        seen["callback"] = threading.get_ident()

    ops.run(work, done)
    assert ops.pending == 1
    qtbot.waitUntil(lambda: ops.pending == 0)
    assert seen["result"] == 42
    assert seen["callback"] == threading.main_thread().ident
    assert seen["worker"] != threading.main_thread().ident


def test_failure_is_delivered_with_the_exception(qtbot: QtBot, ops: Operations) -> None:
    failures: list[BaseException] = []

    def work() -> None:
        raise UsageError("Das geht so nicht.")

    ops.run(work, lambda _r: pytest.fail("no success expected"), failures.append)
    qtbot.waitUntil(lambda: ops.pending == 0)
    assert len(failures) == 1 and user_message(failures[0]) == "Das geht so nicht."
    assert "KeyError" in user_message(KeyError("x"))


def test_busy_widgets_and_cursor_are_restored(qtbot: QtBot, ops: Operations) -> None:
    button = QPushButton()
    qtbot.addWidget(button)
    release = threading.Event()
    ops.run(lambda: release.wait(5), busy=[button])
    assert not button.isEnabled()
    assert QApplication.overrideCursor() is not None
    release.set()
    qtbot.waitUntil(lambda: ops.pending == 0)
    assert button.isEnabled()
    assert QApplication.overrideCursor() is None


def test_callbacks_are_dropped_when_the_asking_widget_is_gone(
    qtbot: QtBot, ops: Operations
) -> None:
    button = QPushButton()
    release = threading.Event()
    called: list[object] = []
    ops.run(lambda: release.wait(5), called.append, context=button, busy=[button])
    button.deleteLater()
    qtbot.waitUntil(lambda: not _alive(button))
    release.set()
    qtbot.waitUntil(lambda: ops.pending == 0)
    assert called == []


def _alive(widget: QPushButton) -> bool:
    import shiboken6

    return bool(shiboken6.isValid(widget))


def test_operations_run_one_after_another(qtbot: QtBot, ops: Operations) -> None:
    order: list[int] = []
    for n in range(5):
        ops.run(lambda n=n: order.append(n))
    qtbot.waitUntil(lambda: ops.pending == 0)
    assert order == [0, 1, 2, 3, 4]


def test_cycles_are_collected_on_the_gui_thread_only(
    qtbot: QtBot, ops: Operations, main_thread_gc: MainThreadGarbageCollector
) -> None:
    assert not gc.isenabled()  # the worker never collects

    class Cycle:
        def __init__(self) -> None:
            self.me = self

    freed: list[int] = []
    cycle = Cycle()
    weakref.finalize(cycle, lambda: freed.append(threading.get_ident()))
    del cycle
    ops.run(lambda: [object() for _ in range(10_000)])  # allocations on the worker
    qtbot.waitUntil(lambda: ops.pending == 0)
    assert freed == []
    thresholds = main_thread_gc.thresholds
    main_thread_gc.thresholds = (0, 0, 0)
    try:
        main_thread_gc.check()
    finally:
        main_thread_gc.thresholds = thresholds
    assert freed == [threading.main_thread().ident]
