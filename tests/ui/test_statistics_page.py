"""Statistik & Export through the widgets on a demo office: the year's tables beside last
year's with suppressed cells greyed, the warnings, the self-assessment and the export."""

from __future__ import annotations

import dataclasses
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFileDialog, QLineEdit
from pytestqt.qtbot import QtBot

from app.domain.office import Role, UserInfo
from ui.dialogs.quality_dialog import QualityDialog
from ui.operations import Operations
from ui.pages.statistics_page import StatisticsPage
from ui.services import OfficeServices


def _page(
    qtbot: QtBot, services: OfficeServices, ops: Operations, wait: Callable
) -> StatisticsPage:
    page = StatisticsPage(services, ops)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    page.reload()
    wait()
    wait()
    return page


def test_preview_quality_and_export(
    qtbot: QtBot,
    demo_services: OfficeServices,
    ops: Operations,
    wait_idle: Callable[[], None],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    page = _page(qtbot, demo_services, ops, wait_idle)
    assert page.year.count() >= 1
    preview = page.preview_data
    assert preview is not None and page.tables.count() == len(preview.tables) > 5
    page.tables.setCurrentRow(0)
    model = page.model
    assert model.rowCount() == len(preview.tables[0].rows) + 1  # and the total row
    total = model.index(model.rowCount() - 1, model.columnCount() - 1)
    assert model.data(total) not in (None, "")
    greyed = [
        (r, c)
        for r in range(model.rowCount())
        for c in range(model.columnCount())
        if model.data(model.index(r, c), Qt.ItemDataRole.ToolTipRole)
    ]
    assert all(model.is_suppressed(r, c) for r, c in greyed)

    page.open_quality()
    wait_idle()
    dialog = page.dialog
    assert isinstance(dialog, QualityDialog)
    hours = dialog.fields["opening_hours_week"]
    assert isinstance(hours, QLineEdit)
    hours.setText("viele")
    dialog.submit()
    wait_idle()
    assert dialog.form.error("opening_hours_week").message()
    hours.setText("999")
    dialog.submit()
    wait_idle()
    assert "80" in dialog.form.error("opening_hours_week").message()
    hours.setText("20")
    interpreters = dialog.fields["interpreter_access"]
    assert isinstance(interpreters, QComboBox)
    interpreters.setCurrentIndex(interpreters.findData("remote"))
    dialog.submit()
    wait_idle()
    wait_idle()
    assert not dialog.isVisible()
    form = demo_services.statistics.quality(int(page.year.currentData()))
    assert form.answers["opening_hours_week"] == 20
    assert form.answers["interpreter_access"] == "remote"

    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(tmp_path))
    )
    page.export()
    wait_idle()
    wait_idle()
    written = list(tmp_path.glob("Jahresmeldung_*"))
    assert len(written) == 1 and written[0].name in page.status.text()
    with zipfile.ZipFile(written[0]) as archive:
        names = archive.namelist()
    assert "report.json" in names and "report.json.p7s" in names and "summary.pdf" in names

    # With the coordinator's certificate set, the file is encrypted for it.
    from app.export.coordinator_keys import create_keys

    keys = create_keys("Landeskoordination Test")
    certificate = tmp_path / "koordination.pem"
    certificate.write_bytes(b"kein Zertifikat")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(certificate), ""))
    )
    page.choose_certificate()
    wait_idle()
    assert "kein Zertifikat" in page.error.message()
    certificate.write_bytes(keys.cert_pem)
    page.choose_certificate()
    wait_idle()
    assert "Landeskoordination Test" in page.status.text()
    written[0].unlink()
    page.export()
    wait_idle()
    wait_idle()
    encrypted = list(tmp_path.glob("Jahresmeldung_*"))
    assert [p.suffixes[-2:] for p in encrypted] == [[".zip", ".p7m"]]


def test_counsellors_see_the_tables_but_do_not_export(
    qtbot: QtBot, demo_services: OfficeServices, ops: Operations, wait_idle: Callable[[], None]
) -> None:
    user = demo_services.user
    counsellor = dataclasses.replace(
        demo_services, user=UserInfo(user.id, "bert", "Bert", Role.COUNSELLOR)
    )
    page = _page(qtbot, counsellor, ops, wait_idle)
    assert page.tables.count() > 5
    assert not page.export_button.isEnabled() and not page.quality_button.isEnabled()
