"""The lead's Löschfristen dialog: nothing due in a new office; erasure on request after a
confirmation, refused when declined."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox
from pytest import MonkeyPatch
from pytestqt.qtbot import QtBot

from app.domain.client import ClientDraft
from app.services.clients import add_client
from ui.dialogs.retention_dialog import RetentionDialog
from ui.operations import Operations
from ui.services import OfficeServices, UnlockedSession


def test_erasure_on_request_asks_first(
    qtbot: QtBot,
    services: OfficeServices,
    session: UnlockedSession,
    ops: Operations,
    wait_idle: Callable[[], None],
    monkeypatch: MonkeyPatch,
) -> None:
    row = add_client(session, ClientDraft("Antrag", "Lina", None), dt.date.today())  # type: ignore[arg-type]
    dialog = RetentionDialog(services, ops)
    qtbot.addWidget(dialog)
    wait_idle()
    assert dialog.table.rowCount() == 0 and dialog.count.text() == "0 Datensätze sind fällig."
    assert not dialog.apply_button.isEnabled()
    dialog.erase_one()
    assert dialog.error.message() == "Bitte die Nummer der Person angeben."
    dialog.number.setText("K-99999")
    dialog.erase_one()
    wait_idle()
    assert dialog.error.message() == "Keine Person mit der Nummer K-99999."
    dialog.number.setText(row.number)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    dialog.erase_one()
    wait_idle()
    assert services.search_clients("Antrag")  # declined: still there
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog.erase_one()
    wait_idle()
    wait_idle()
    assert not services.search_clients("Antrag")
    assert dialog.status.text() == "1 Datensatz anonymisiert."
