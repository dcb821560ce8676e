"""Documents through the widgets: made from the client page and the case page, shown from
memory, the signed paper attached, the plan's changes named, and a PDF checked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from app.documents.document_data import DocumentKind
from app.domain.case import CaseDraft, GoalDraft
from app.services import case_plan, cases
from ui.dialogs.new_document_dialog import NewDocumentDialog
from ui.dialogs.pdf_view_dialog import PdfViewDialog
from ui.dialogs.verify_dialog import VerifyDialog
from ui.operations import Operations
from ui.pages.document_section import ImageDialog
from ui.services import OfficeServices, UnlockedSession

from .test_case_page import TODAY, case_page, choose, client_page, new_client


def _pick_file(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )


def test_consent_form_from_the_client_page_with_its_signed_scan(
    qtbot: QtBot,
    services: OfficeServices,
    session: UnlockedSession,
    ops: Operations,
    wait_idle: Callable[[], None],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    client = new_client(session, services, "Haddad")
    page = client_page(qtbot, services, ops, client, wait_idle)
    section = page.documents
    assert section.list.count() == 1 and not section.show_button.isEnabled()
    section.start_new()
    wait_idle()
    dialog = section.property("documentDialog")
    assert isinstance(dialog, NewDocumentDialog)
    choose(dialog.kind, DocumentKind.CONSENT)
    assert dialog.releases.isVisibleTo(dialog) and not dialog.case.isVisibleTo(dialog)
    choose(dialog.language, "ar")
    dialog.releases.setPlainText("Jobcenter Kiel\n\nAusländerbehörde Kiel")
    dialog.submit()
    wait_idle()
    wait_idle()
    viewer = section.dialog
    assert isinstance(viewer, PdfViewDialog) and viewer.pdf.page_count() >= 1
    assert "Dokument-ID LT-" in viewer.windowTitle()
    viewer.close()
    assert section.list.count() == 1
    section.list.setCurrentRow(0)
    assert section.show_button.isEnabled() and not section.open_scan_button.isEnabled()

    scan = tmp_path / "unterschrieben.pdf"
    scan.write_bytes(viewer.pdf.buffer.data().data())
    _pick_file(monkeypatch, scan)
    section.attach_scan()
    wait_idle()
    wait_idle()
    assert "unterschrieben.pdf" in section.status.text()
    section.list.setCurrentRow(0)
    assert "1 Scan" in section.list.currentItem().text()
    section.show_scan()
    wait_idle()
    assert isinstance(section.dialog, PdfViewDialog)

    image = tmp_path / "foto.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 40)
    _pick_file(monkeypatch, image)
    section.attach_scan()
    wait_idle()
    wait_idle()
    section.list.setCurrentRow(0)
    section.show_scan()
    wait_idle()
    assert isinstance(section.dialog, ImageDialog)

    bad = tmp_path / "virus.exe"
    bad.write_bytes(b"MZ\x90\x00")
    _pick_file(monkeypatch, bad)
    section.attach_scan()
    wait_idle()
    assert "PDF-, JPEG- oder PNG" in section.error.message()


def test_agreement_from_the_case_page_names_changes_of_the_plan(
    qtbot: QtBot,
    services: OfficeServices,
    session: UnlockedSession,
    ops: Operations,
    wait_idle: Callable[[], None],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    client = new_client(session, services, "Karimi")
    start = TODAY - dt.timedelta(days=30)
    case_id = cases.open_case(session, client.id, CaseDraft(start, session.user.id)).id  # type: ignore[arg-type]
    goal = case_plan.add_goal(session, case_id, GoalDraft("language", "Deutschkurs B1"))  # type: ignore[arg-type]
    page = case_page(qtbot, services, ops, case_id, wait_idle)
    assert "Noch keine Integrationsvereinbarung" in page.agreement_state.text()
    page.print_document(DocumentKind.AGREEMENT)
    wait_idle()
    dialog = page.property("documentDialog")
    assert isinstance(dialog, NewDocumentDialog)
    assert dialog.chosen_kind() is DocumentKind.AGREEMENT and dialog.case.currentData() == case_id
    choose(dialog.language, "fa")
    dialog.submit()
    wait_idle()
    wait_idle()
    assert isinstance(page.viewer, PdfViewDialog)
    saved = tmp_path / "vereinbarung.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(saved), ""))
    )
    page.viewer.save_button.click()
    wait_idle()
    assert "Version 1 gilt" in page.agreement_state.text()
    listed = page.documents  # the case's own documents tab: the signed paper opens from there
    assert listed is not None and listed.list.count() == 1
    assert "Version 1" in listed.list.item(0).text()

    case_plan.update_goal(session, goal, GoalDraft("language", "Deutschkurs B2"))  # type: ignore[arg-type]
    page.reload()
    wait_idle()
    assert "geändert seit Version 1" in page.agreement_state.text()

    checker = VerifyDialog(services.documents.verify, ops)
    qtbot.addWidget(checker)
    checker.check_file(saved)
    wait_idle()
    assert checker.verdict.text() == "Gültig"
    assert "dieser Beratungsstelle" in checker.details.text()
    tampered = tmp_path / "geändert.pdf"
    data = bytearray(saved.read_bytes())
    data[len(data) // 3] ^= 0x01
    tampered.write_bytes(bytes(data))
    checker.check_file(tampered)
    wait_idle()
    assert checker.verdict.text() == "Nicht gültig"


def test_the_lead_sets_the_letterhead_logo_in_the_settings(
    qtbot: QtBot,
    services: OfficeServices,
    ops: Operations,
    wait_idle: Callable[[], None],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    import io

    from PIL import Image
    from PySide6.QtWidgets import QMessageBox

    from ui.pages.letterhead_group import LetterheadGroup

    group = LetterheadGroup(services.documents, ops, editable=True)
    qtbot.addWidget(group)
    group.load()
    wait_idle()
    assert group.preview.text() == "kein Logo" and not group.remove_button.isEnabled()
    broken = tmp_path / "logo.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n kaputt")
    _pick_file(monkeypatch, broken)
    group.choose()
    wait_idle()
    assert "beschädigt" in group.error.message()
    buf = io.BytesIO()
    Image.new("RGB", (200, 80), (200, 30, 30)).save(buf, "PNG")
    broken.write_bytes(buf.getvalue())
    group.choose()
    wait_idle()
    assert not group.preview.pixmap().isNull() and group.remove_button.isEnabled()
    assert services.documents.logo() == buf.getvalue()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    group.remove()
    wait_idle()
    assert services.documents.logo() is None and group.preview.text() == "kein Logo"


def test_the_client_signs_on_screen_and_the_signature_is_on_the_sealed_agreement(
    qtbot: QtBot,
    services: OfficeServices,
    session: UnlockedSession,
    ops: Operations,
    wait_idle: Callable[[], None],
    tmp_path: Path,
) -> None:
    import subprocess

    from PySide6.QtCore import QPoint, Qt

    from ui.dialogs.signature_pad_dialog import SignaturePadDialog

    client = new_client(session, services, "Rahimi")
    start = TODAY - dt.timedelta(days=10)
    case_id = cases.open_case(session, client.id, CaseDraft(start, session.user.id)).id  # type: ignore[arg-type]
    case_plan.add_goal(session, case_id, GoalDraft("work", "Praktikum finden"))  # type: ignore[arg-type]
    page = case_page(qtbot, services, ops, case_id, wait_idle)
    page.print_document(DocumentKind.AGREEMENT)
    wait_idle()
    dialog = page.property("documentDialog")
    assert isinstance(dialog, NewDocumentDialog) and dialog.sign_on_screen.isVisibleTo(dialog)
    dialog.sign_on_screen.setChecked(True)
    dialog.submit()
    pad = dialog.pad
    assert isinstance(pad, SignaturePadDialog) and not pad.take_button.isEnabled()
    qtbot.waitExposed(pad)
    area = pad.pad
    qtbot.mousePress(area, Qt.MouseButton.LeftButton, pos=QPoint(40, 90))
    for x in range(40, 300, 20):
        qtbot.mouseMove(area, QPoint(x, 90 + (x // 20) % 3 * 12))
    qtbot.mouseRelease(area, Qt.MouseButton.LeftButton, pos=QPoint(300, 95))
    assert pad.take_button.isEnabled()
    pad.take_button.click()
    wait_idle()
    wait_idle()
    assert dialog.signature and dialog.signature.startswith(b"\x89PNG")
    viewer = page.viewer
    assert isinstance(viewer, PdfViewDialog)
    path = tmp_path / "unterschrieben.pdf"
    path.write_bytes(viewer.pdf.buffer.data().data())
    images = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True,
                            check=True).stdout.splitlines()[2:]  # fmt: skip
    kinds = [row.split()[2] for row in images]
    assert kinds == ["image", "smask"]  # the drawn signature (transparent), on the client's line
    assert services.documents.verify(path.read_bytes()).valid  # and sealed after it
