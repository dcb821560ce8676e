"""Screenshots of documents, statistics and the coordinator's window (for tools/screenshots.py)."""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication, QScrollArea

from app.documents.document_data import DocumentKind
from app.documents.document_records import DocumentRequest
from ui.coordinator_window import CoordinatorWindow
from ui.dialogs.new_document_dialog import NewDocumentDialog
from ui.dialogs.signature_pad_dialog import SignaturePadDialog
from ui.dialogs.verify_dialog import VerifyDialog
from ui.main_window import MainWindow
from ui.pages.document_section import show_document
from ui.pages.statistics_page import StatisticsPage
from ui.service_binding import coordinator_aggregate
from ui.services import OfficeServices

if TYPE_CHECKING:
    from tools.screenshots import Shooter
    from ui.main import AppContext

WINDOW_SIZE = (1280, 800)


def statistics_shots(shot: Shooter, ctx: AppContext, window: MainWindow) -> None:
    window.show_page("statistics")
    page = window.pages["statistics"]
    assert isinstance(page, StatisticsPage)
    shot.settle(ctx)
    page.tables.setCurrentRow(4)
    shot.shoot(window, "main-statistics", ctx)
    page.open_quality()
    shot.settle(ctx)
    assert page.dialog is not None
    shot.shoot(page.dialog, "quality-dialog", ctx)
    page.dialog.close()


def document_shots(
    shot: Shooter, ctx: AppContext, window: MainWindow, services: OfficeServices
) -> None:
    """The client page's documents, the dialog making one, the viewer, the check."""
    case = services.cases.open_cases(None)[0]
    client = next(c for c in services.list_clients() if c.id == case.client_id)
    made = services.documents.make_document(
        DocumentRequest(DocumentKind.AGREEMENT, client.id, case.id, "ar")
    )
    window.open_client(client)
    page = window.client_page
    assert page is not None
    shot.settle(ctx)
    scroll = page.findChild(QScrollArea)
    if scroll is not None:
        scroll.ensureWidgetVisible(page.documents)
    shot.shoot(window, "client-documents", ctx)
    page.documents.start_new()
    shot.settle(ctx)
    dialog = page.documents.property("documentDialog")
    assert isinstance(dialog, NewDocumentDialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData(DocumentKind.CONSENT))
    dialog.releases.setPlainText("Jobcenter Kiel\nAusländerbehörde Kiel")
    shot.shoot(dialog, "document-new-dialog", ctx)
    dialog.close()
    pad = SignaturePadDialog(client.family_name, window)
    pad.show()
    for n, (x, y) in enumerate([(40, 110), (90, 60), (140, 120), (200, 70), (260, 115), (330, 80)]):
        (pad.pad._begin if n == 0 else pad.pad._extend)(QPointF(x, y))
    pad.pad._end()
    shot.shoot(pad, "signature-pad", ctx)
    pad.close()
    viewer = show_document(window, services.documents, ctx.ops, made.info, made.pdf,
                           made.file_name)  # fmt: skip
    viewer.resize(900, 760)
    deadline = time.monotonic() + 3  # QPdfView renders its pages on a thread of its own
    while time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.05)
    shot.shoot(viewer, "document-viewer", ctx)
    viewer.close()
    with tempfile.TemporaryDirectory() as folder:
        saved = Path(folder) / "vereinbarung.pdf"
        saved.write_bytes(made.pdf)
        checker = VerifyDialog(services.documents.verify, ctx.ops, window)
        checker.show()
        checker.check_file(saved)
        shot.shoot(checker, "document-verify", ctx)
        checker.close()
    window.close_client()
    shot.settle(ctx)


def coordinator_shot(shot: Shooter, ctx: AppContext) -> None:
    coordinator = CoordinatorWindow(coordinator_aggregate, ctx.ops)
    coordinator.year.setValue(dt.date.today().year - 1)
    coordinator.add_paths([Path("/tmp/Jahresmeldung_MBE-Kiel_2025.zip.p7m")])
    coordinator.run()  # no key yet: the errors under the fields
    coordinator.resize(*WINDOW_SIZE)
    coordinator.show()
    shot.shoot(coordinator, "coordinator-window", ctx)
    coordinator.close()
