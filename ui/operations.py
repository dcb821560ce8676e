"""One background helper for slow or database work started from the UI.

``Operations.run(op, on_success, on_failure)`` runs ``op()`` on a worker thread
and calls back on the GUI thread. The operation never touches widgets; the
callbacks may. All operations share one worker thread, so database work is
serialised and always uses the same SQLite connection of the thread pool.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable, Iterable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QWidget

from app.errors import LotseError, trace_for_log
from app.i18n import _

log = logging.getLogger(__name__)

SuccessCallback = Callable[[Any], None]
FailureCallback = Callable[[BaseException], None]


def user_message(exc: BaseException) -> str:
    """The sentence a person sees for ``exc``; details of unexpected errors go to the log."""
    if isinstance(exc, LotseError):
        return exc.message
    return _("Unerwarteter Fehler ({kind}). Bitte wenden Sie sich an den Support.").format(
        kind=type(exc).__name__
    )


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits ``done`` and Qt queues the delivery.

    Owned by its ``Operations`` (not by Python) and removed with ``deleteLater``: dropping
    the last Python reference inside its own slot, or on the worker thread when the
    finished job is freed, would delete it while Qt still uses it.
    """

    done = Signal(bool, object)

    def __init__(
        self,
        parent: QObject,
        on_success: SuccessCallback | None,
        on_failure: FailureCallback | None,
        context: QObject | None,
        busy: list[QWidget],
    ) -> None:
        super().__init__(parent)
        self.on_success = on_success
        self.on_failure = on_failure
        self.context = context
        self.busy = busy
        self.finished: Callable[[_Relay], None] = lambda _relay: None
        self.done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @Slot(bool, object)
    def _deliver(self, ok: bool, value: object) -> None:
        for widget in self.busy:
            if shiboken6.isValid(widget):
                widget.setEnabled(True)
        QApplication.restoreOverrideCursor()
        self.finished(self)
        self.deleteLater()
        if self.context is not None and not shiboken6.isValid(self.context):
            return  # the widget that asked is gone: nobody is waiting for the answer
        if ok:
            if self.on_success is not None:
                self.on_success(value)
        elif self.on_failure is not None:
            assert isinstance(value, BaseException)
            self.on_failure(value)


class _Job(QRunnable):
    def __init__(self, op: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.op = op
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.op()
        except Exception as exc:
            if not isinstance(exc, LotseError):
                log.error("background operation failed: %s", trace_for_log(exc))
            self.relay.done.emit(False, exc)
        else:
            self.relay.done.emit(True, result)


class Operations(QObject):
    """Runs callables off the GUI thread, one at a time, in the order started."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._pool.setExpiryTimeout(-1)  # keep the thread, and with it its database connection
        self._relays: set[_Relay] = set()

    @property
    def pending(self) -> int:
        """Operations started whose callbacks have not run yet."""
        return len(self._relays)

    def run(
        self,
        op: Callable[[], Any],
        on_success: SuccessCallback | None = None,
        on_failure: FailureCallback | None = None,
        *,
        context: QObject | None = None,
        busy: Iterable[QWidget] = (),
    ) -> None:
        """Start ``op``; ``busy`` widgets are disabled and a busy cursor shown until it ends.

        Callbacks are dropped when ``context`` has been deleted meanwhile.
        """
        disabled = [w for w in busy if w.isEnabled()]
        for widget in disabled:
            widget.setEnabled(False)
        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        relay = _Relay(self, on_success, on_failure, context, disabled)
        relay.finished = self._relays.discard
        self._relays.add(relay)
        self._pool.start(_Job(op, relay))

    def wait(self, msecs: int = -1) -> bool:
        """Block until the worker is idle (for shutdown); callbacks still run later."""
        return bool(self._pool.waitForDone(msecs))


class MainThreadGarbageCollector(QObject):
    """Collect reference cycles on the GUI thread only.

    Python's cyclic collector runs in whichever thread happens to allocate. If it
    frees a cycle holding Qt widgets while the worker thread runs, the widgets are
    destroyed on the wrong thread and the program crashes at random. So automatic
    collection is switched off and a GUI-thread timer applies the same generation
    thresholds instead (the remedy Anki and other PyQt programs use).
    """

    def __init__(self, parent: QObject | None = None, interval_ms: int = 1000) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def check(self) -> None:
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self.thresholds[generation]:
                gc.collect(generation)
                return

    def stop(self) -> None:
        self._timer.stop()
        gc.collect()
        gc.enable()
