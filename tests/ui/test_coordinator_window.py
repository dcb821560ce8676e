"""The coordinator's window: offices' files checked one by one, a forged one refused with
its reason, the absent office named, and the state workbook and report written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.export.coordinator_keys import write_keys
from tests.app.office_files import YEAR, coordinator, make_office, write_office_files
from ui.coordinator_window import CoordinatorWindow
from ui.operations import Operations
from ui.service_binding import coordinator_aggregate
from ui.widgets.report_table import QTableWidget


def _texts(table: QTableWidget, column: int) -> list[str]:
    return [table.item(r, column).text() for r in range(table.rowCount())]


def test_aggregate_through_the_window(
    qtbot: QtBot, ops: Operations, wait_idle: Callable[[], None], tmp_path: Path
) -> None:
    offices = [make_office(n, d) for n, d in enumerate(["KI", "PLÖ", "FL"], 1)]
    absent = make_office(8, "NF")
    coord = coordinator(tmp_path, [*offices, absent])
    key_path, cert_path = write_keys(tmp_path, coord.keys)
    files, _reports = write_office_files(tmp_path / "in", offices, coord.keys.cert_pem)
    forged = tmp_path / "in" / "Jahresmeldung_falsch.zip.p7m"
    forged.write_bytes(b"kein CMS")
    window = CoordinatorWindow(coordinator_aggregate, ops)
    qtbot.addWidget(window)
    window.show()

    window.run()
    assert "Jahresmeldungen" in window.error.message()
    window.add_paths([*files, forged, files[0]])  # the second copy is not added twice
    assert window.files.count() == 4
    window.run()
    assert window.form.error("key").message() and window.form.error("out").message()

    window.year.setValue(YEAR)
    window.key.setText(str(key_path))
    window.certificate.setText(str(cert_path))
    window.trusted.setText(str(coord.trusted))
    window.out.setText(str(tmp_path / "out"))
    window.passphrase.setText("")
    window.run()
    wait_idle()
    wait_idle()
    assert window.result is not None, window.error.message()
    results = _texts(window.results, 1)
    assert results[:3] == ["angenommen"] * 3
    assert "Jahresmeldung_falsch.zip.p7m" in results[3]
    assert "NF" in window.missing.text()
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == [f"Landesstatistik_{YEAR}.pdf", f"Landesstatistik_{YEAR}.xlsx"]
    assert "Landesstatistik" in window.status.text()
