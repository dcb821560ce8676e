"""Child process for the benchmark: the main window with the client list of a given
office open and loaded, offscreen; prints the time until the rows are shown and the
peak memory (max RSS) of the process. Usage: list_memory.py OFFICE_HOME LOGIN PASSPHRASE"""

from __future__ import annotations

import os
import resource
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from app.paths import OfficePaths  # noqa: E402
from ui.main import AppContext  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.operations import MainThreadGarbageCollector  # noqa: E402


def _peak_rss_kib() -> int:
    """VmHWM of this process. Not ru_maxrss: that keeps the high-water mark of the forked
    parent across exec, and the benchmark's parent has just built a large office."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main() -> int:
    home, login, passphrase = sys.argv[1:4]
    app = QApplication(sys.argv[:1])
    collector = MainThreadGarbageCollector(app)
    ctx = AppContext(OfficePaths(Path(home)))
    services = ctx.bind(ctx.unlock(login, passphrase))
    window = MainWindow(services, ctx.ops, ctx.apply_language)
    window.show()
    start = time.perf_counter()
    window.show_page("clients")
    page = window.pages["clients"]
    # the page loads its list when first shown
    while page.model.rowCount() == 0 and time.perf_counter() - start < 60:  # type: ignore[attr-defined]
        app.processEvents()
        time.sleep(0.002)
    shown = time.perf_counter() - start
    app.processEvents()
    rows = page.model.rowCount()  # type: ignore[attr-defined]
    peak_mib = _peak_rss_kib() / 1024
    print(f"{shown:.3f} {peak_mib:.0f} {rows}")
    collector.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
