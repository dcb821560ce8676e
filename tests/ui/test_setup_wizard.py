"""The setup wizard driven like a person would: typing, Next, Back, errors under fields."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget, QWizard
from pytestqt.qtbot import QtBot

from app.documents.certificates import create_self_signed
from app.errors import StorageError
from app.flows.setup_flow import Step
from app.paths import OfficePaths
from ui.main import AppContext
from ui.setup_commit_pages import ConfirmPage, RecoveryPage
from ui.setup_pages import OfficePage, SealPage, UserPage
from ui.setup_wizard import SetupWizard

from .conftest import PASSPHRASE

KEY_FORMAT = re.compile(r"([0-9A-F]{4}-){15}[0-9A-F]{4}")
NEXT = QWizard.WizardButton.NextButton
BACK = QWizard.WizardButton.BackButton
COMMIT = QWizard.WizardButton.CommitButton
FINISH = QWizard.WizardButton.FinishButton


@pytest.fixture
def wizard(qtbot: QtBot, ctx: AppContext) -> SetupWizard:
    w = SetupWizard(ctx.wizard_services(), ctx.ops)
    qtbot.addWidget(w)
    w.show()
    return w


def click(qtbot: QtBot, wizard: SetupWizard, which: QWizard.WizardButton) -> None:
    button = wizard.button(which)
    assert button.isVisible() and button.isEnabled(), which
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_into(qtbot: QtBot, widget: QWidget, text: str) -> None:
    widget.clear()  # type: ignore[attr-defined]
    qtbot.keyClicks(widget, text)


def fill_office(qtbot: QtBot, page: OfficePage, posts: str = "1,5") -> None:
    type_into(qtbot, page.name, "Migrationsberatung Kiel-Nord")
    type_into(qtbot, page.provider, "Diakonie Altholstein")
    page.district.setCurrentIndex(page.district.findData("KI"))
    type_into(qtbot, page.posts, posts)


def fill_user(qtbot: QtBot, page: UserPage, repeat: str = PASSPHRASE) -> None:
    type_into(qtbot, page.display_name, "Anna Berger")
    type_into(qtbot, page.login, "anna")
    type_into(qtbot, page.passphrase, PASSPHRASE)
    type_into(qtbot, page.repeat, repeat)


def below(error: QWidget, field: QWidget) -> bool:
    """The error line sits directly under its field, in the same column."""
    return error.parentWidget() is field.parentWidget() and error.y() > field.y()


def to_confirm_page(qtbot: QtBot, wizard: SetupWizard) -> None:
    fill_office(qtbot, wizard.page_for(Step.OFFICE))  # type: ignore[arg-type]
    click(qtbot, wizard, NEXT)
    fill_user(qtbot, wizard.page_for(Step.USER))  # type: ignore[arg-type]
    click(qtbot, wizard, NEXT)
    click(qtbot, wizard, NEXT)  # self-signed seal
    assert isinstance(wizard.currentPage(), ConfirmPage)


def test_office_errors_are_shown_under_their_fields(qtbot: QtBot, wizard: SetupWizard) -> None:
    page = wizard.currentPage()
    assert isinstance(page, OfficePage)
    assert page.district.currentData() == "" and page.district.currentText() == "Bitte wählen …"
    type_into(qtbot, page.posts, "abc")
    click(qtbot, wizard, NEXT)

    assert wizard.currentId() == 0 and wizard.flow.step is Step.OFFICE
    errors = {name: page.form.error(name).message() for name in ("name", "district", "posts")}
    assert errors["name"] == "Bitte geben Sie den Namen der Beratungsstelle an."
    assert errors["district"] == "Bitte wählen Sie den Kreis oder die kreisfreie Stadt."
    assert "0,1 und 100" in errors["posts"]
    assert page.form.error("provider").message() == ""
    for name, field in (("name", page.name), ("posts", page.posts)):
        assert below(page.form.error(name), field)
        assert page.form.error(name).isVisible()
    assert wizard.focusWidget() is page.name  # the first field with an error
    qtbot.keyClicks(page.name, "M")
    assert page.form.error("name").message() == ""  # edited: the error goes
    assert page.form.error("posts").message() != ""

    fill_office(qtbot, page)
    click(qtbot, wizard, NEXT)
    assert wizard.currentId() == 1
    assert page.form.error("posts").message() == ""


def test_user_page_errors_and_strength(qtbot: QtBot, wizard: SetupWizard) -> None:
    fill_office(qtbot, wizard.currentPage())  # type: ignore[arg-type]
    click(qtbot, wizard, NEXT)
    page = wizard.currentPage()
    assert isinstance(page, UserPage)
    type_into(qtbot, page.login, "Anna Berger!")
    type_into(qtbot, page.passphrase, "kurz")
    assert page.meter.strength_text() == "Stärke: sehr schwach"
    click(qtbot, wizard, NEXT)
    assert wizard.currentId() == 1
    assert page.form.error("display_name").message() == "Bitte geben Sie Ihren Namen an."
    assert "Kleinbuchstaben" in page.form.error("login").message()
    assert "mindestens 10 Zeichen" in page.form.error("passphrase").message()
    assert page.form.error("repeat").message() == "Die beiden Eingaben stimmen nicht überein."

    fill_user(qtbot, page, repeat=PASSPHRASE + "x")
    assert page.meter.strength_text() in ("Stärke: stark", "Stärke: sehr stark")
    click(qtbot, wizard, NEXT)
    assert wizard.currentId() == 1
    assert page.form.error("repeat").message() == "Die beiden Eingaben stimmen nicht überein."
    assert below(page.form.error("repeat"), page.repeat)
    assert page.form.error("passphrase").message() == ""


def test_enter_advances_and_back_keeps_the_flow_in_step(qtbot: QtBot, wizard: SetupWizard) -> None:
    page = wizard.currentPage()
    fill_office(qtbot, page)  # type: ignore[arg-type]
    qtbot.keyClick(page.posts, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    assert wizard.currentId() == 1 and wizard.flow.step is Step.USER
    click(qtbot, wizard, BACK)
    assert wizard.currentId() == 0 and wizard.flow.step is Step.OFFICE
    assert page.name.text() == "Migrationsberatung Kiel-Nord"  # type: ignore[attr-defined]
    click(qtbot, wizard, NEXT)
    assert wizard.currentId() == 1 and wizard.flow.step is Step.USER


def test_full_run_creates_the_office_and_shows_the_key(
    qtbot: QtBot,
    wizard: SetupWizard,
    paths: OfficePaths,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    to_confirm_page(qtbot, wizard)
    confirm = wizard.currentPage()
    assert isinstance(confirm, ConfirmPage)
    assert confirm.values["name"].text() == "Migrationsberatung Kiel-Nord"
    assert confirm.values["district"].text() == "Kiel (kreisfreie Stadt)"
    assert confirm.values["posts"].text() == "1,5"
    assert confirm.values["seal"].text() == "Selbst erstelltes Dienstsiegel"
    assert wizard.button(COMMIT).text() == "Einrichten"
    assert not paths.database.exists()

    click(qtbot, wizard, COMMIT)
    qtbot.waitUntil(lambda: wizard.currentId() == 4, timeout=15_000)
    assert paths.database.exists() and paths.keyfile.exists()

    page = wizard.currentPage()
    assert isinstance(page, RecoveryPage)
    shown = page.key.toPlainText()
    assert KEY_FORMAT.fullmatch(shown.replace("\n", "-"))
    assert len(shown.splitlines()) == 4
    assert page.key.isReadOnly()
    assert not wizard.button(BACK).isEnabled() or not wizard.button(BACK).isVisible()
    assert not wizard.button(FINISH).isEnabled()
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert wizard.isVisible()  # no way out without the acknowledgement

    target = tmp_path / "notfallblatt"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    qtbot.mouseClick(page.save, Qt.MouseButton.LeftButton)
    pdf = target.with_name("notfallblatt.pdf")
    qtbot.waitUntil(lambda: "Gespeichert" in page.saved.text(), timeout=15_000)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notfallblatt.pdf", "office"]
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert shown.splitlines()[0] in text
        assert "Migrationsberatung Kiel-Nord" in text

    qtbot.mouseClick(page.confirmed, Qt.MouseButton.LeftButton)
    assert page.confirmed.isChecked() and wizard.button(FINISH).isEnabled()
    click(qtbot, wizard, FINISH)
    assert wizard.result() == QDialog.DialogCode.Accepted
    assert wizard.flow.step is Step.DONE and wizard.login == "anna"


def test_save_dialog_cancelled_writes_nothing(
    qtbot: QtBot, wizard: SetupWizard, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    to_confirm_page(qtbot, wizard)
    click(qtbot, wizard, COMMIT)
    qtbot.waitUntil(lambda: wizard.currentId() == 4, timeout=15_000)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    page = wizard.currentPage()
    assert isinstance(page, RecoveryPage)
    qtbot.mouseClick(page.save, Qt.MouseButton.LeftButton)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["office"]


def test_failed_creation_stays_on_confirm_with_a_message(
    qtbot: QtBot, ctx: AppContext, paths: OfficePaths
) -> None:
    def failing(*_args: object) -> tuple[str, str]:
        raise StorageError("Der Datenträger ist voll. Es wurde nichts gespeichert.")

    services = dataclasses.replace(ctx.wizard_services(), creator=failing)
    wizard = SetupWizard(services, ctx.ops)
    qtbot.addWidget(wizard)
    wizard.show()
    to_confirm_page(qtbot, wizard)
    page = wizard.currentPage()
    click(qtbot, wizard, COMMIT)
    qtbot.waitUntil(lambda: bool(page.general_error.message()), timeout=15_000)  # type: ignore[attr-defined]
    assert "Datenträger ist voll" in page.general_error.message()  # type: ignore[attr-defined]
    assert wizard.currentId() == 3 and wizard.flow.step is Step.CONFIRM
    assert wizard.button(BACK).isEnabled() and wizard.button(COMMIT).isEnabled()
    assert not paths.database.exists()


def test_seal_import_errors_and_success(qtbot: QtBot, wizard: SetupWizard, tmp_path: Path) -> None:
    fill_office(qtbot, wizard.currentPage())  # type: ignore[arg-type]
    click(qtbot, wizard, NEXT)
    fill_user(qtbot, wizard.currentPage())  # type: ignore[arg-type]
    click(qtbot, wizard, NEXT)
    page = wizard.currentPage()
    assert isinstance(page, SealPage)
    assert not page.file.isEnabled()
    qtbot.mouseClick(page.imported, Qt.MouseButton.LeftButton)
    assert page.file.isEnabled() and page.password.isEnabled()

    click(qtbot, wizard, NEXT)
    assert page.form.error("pkcs12").message() == "Bitte wählen Sie die PKCS#12-Datei aus."

    material = create_self_signed("Beratung Kiel", "Diakonie Altholstein")
    key = serialization.load_pem_private_key(material.key_pem, None)
    from cryptography import x509

    cert = x509.load_pem_x509_certificate(material.cert_pem)
    p12 = tmp_path / "siegel.p12"
    p12.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"siegel",
            key,
            cert,
            None,
            serialization.BestAvailableEncryption(b"geheim"),  # type: ignore[arg-type]
        )
    )
    type_into(qtbot, page.file, str(p12))
    type_into(qtbot, page.password, "falsch")
    click(qtbot, wizard, NEXT)
    assert "Kennwort ist falsch" in page.form.error("pkcs12").message()
    assert below(page.form.error("pkcs12"), page.file.parentWidget())

    type_into(qtbot, page.password, "geheim")
    click(qtbot, wizard, NEXT)
    confirm = wizard.currentPage()
    assert isinstance(confirm, ConfirmPage)
    assert confirm.values["seal"].text() == (
        "Zertifikat des Trägers: Dienstsiegel Beratung Kiel (Diakonie Altholstein)"
    )
