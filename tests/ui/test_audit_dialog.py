"""The lead's view of the audit trail: filters and the CSV export."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.domain.audit import AuditEntity, AuditQuery
from ui.dialogs.audit_dialog import AuditDialog
from ui.operations import Operations
from ui.services import OfficeServices


def test_filter_the_trail_and_export_it(
    qtbot: QtBot,
    services: OfficeServices,
    ops: Operations,
    wait_idle: Callable[[], None],
    tmp_path: Path,
) -> None:
    services.client_by_number("1")  # reads only: no entry
    dialog = AuditDialog(services, ops)
    qtbot.addWidget(dialog)
    wait_idle()
    assert dialog.table.rowCount() == 1  # the unlock
    assert dialog.table.item(0, 2).text() == "angemeldet"
    dialog.entity.setCurrentIndex(dialog.entity.findData(AuditEntity.CASE))
    dialog.reload()
    wait_idle()
    assert dialog.table.rowCount() == 0 and dialog.count.text() == "0 Einträge"
    dialog.since.setText("31.02.2026")
    dialog.reload()
    assert dialog.error.message()  # an impossible date is said, not searched
    dialog.since.clear()
    dialog.save_to(tmp_path / "trail.csv", AuditQuery())
    wait_idle()
    text = (tmp_path / "trail.csv").read_text("utf-8-sig")
    assert text.startswith("id;zeit_utc") and ";unlock;office;" in text
    assert dialog.count.text().startswith("Gespeichert:")
