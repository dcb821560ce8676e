"""Merging duplicates and importing client lists, from the Klient:innen page."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from app.domain.client import ClientRow
from app.domain.counselling import ContactDraft, ContactForm, ContactKind
from app.paths import OfficePaths
from app.services.clients import add_client
from app.services.demo import DEMO_LEAD, DEMO_PASSPHRASE, create_demo
from ui.dialogs.import_dialog import ImportDialog
from ui.dialogs.merge_dialog import MergeDialog
from ui.main import AppContext
from ui.main_window import MainWindow
from ui.pages.clients_page import ClientsPage
from ui.services import OfficeServices, UnlockedSession
from ui.widgets.merge_comparison import LEFT, RIGHT
from ui.widgets.report_table import cell_texts

from .conftest import FAST_KDF
from .test_accessibility import assert_labelled
from .test_main_window import open_window

TODAY = dt.date.today()


@pytest.fixture
def office_session(ctx: AppContext, paths: OfficePaths) -> Iterator[UnlockedSession]:
    """A demo office with 40 clients and about two contacts each."""
    create_demo(paths, clients=40, kdf=FAST_KDF, contacts=2)
    unlocked = ctx.unlock(DEMO_LEAD, DEMO_PASSPHRASE)
    yield unlocked
    ctx.ops.wait()
    unlocked.close()


@pytest.fixture
def office_services(ctx: AppContext, office_session: UnlockedSession) -> OfficeServices:
    return ctx.bind(office_session)


@pytest.fixture
def page(
    qtbot: QtBot, ctx: AppContext, office_services: OfficeServices, wait_idle: Callable[[], None]
) -> ClientsPage:
    window: MainWindow = open_window(qtbot, office_services, ctx, wait_idle)
    window.show_page("clients")
    clients = window.pages["clients"]
    assert isinstance(clients, ClientsPage)
    return clients


def numbers(page: ClientsPage) -> set[str]:
    return {page.model.row_at(r).number for r in range(page.model.rowCount())}


def plant_duplicate(
    session: UnlockedSession, services: OfficeServices, original: ClientRow, **changes: object
) -> ClientRow:
    """The same person entered again, with other details and one contact of its own."""
    detail = services.merge_preview(original.id, original.id + 1).keep.values
    draft = dataclasses.replace(detail, counsellor_id=None, **changes)
    twin = add_client(session, draft)  # type: ignore[arg-type]
    services.record_contact(
        twin.id, ContactDraft(ContactKind.SHORT, TODAY, 15, ContactForm.PHONE, note="doppelt")
    )
    return twin


def open_pair(
    page: ClientsPage, twin: ClientRow, wait_idle: Callable[[], None]
) -> tuple[MergeDialog, int]:
    page.merge_button.click()
    dialog = page.merge_dialog
    assert dialog is not None and dialog.isVisible()
    wait_idle()
    row = next(i for i, p in enumerate(dialog.pairs) if twin.id in (p.first.id, p.second.id))
    texts = cell_texts(dialog.table)[row]
    assert texts[0].endswith(" %") and twin.number in texts[1] + texts[2]
    dialog.choose_pair(row)
    wait_idle()
    assert dialog.comparison is not None
    return dialog, row


def test_merging_a_planted_duplicate(
    qtbot: QtBot,
    page: ClientsPage,
    office_session: UnlockedSession,
    office_services: OfficeServices,
    wait_idle: Callable[[], None],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    original = office_services.list_clients()[0]
    twin = plant_duplicate(office_session, office_services, original, nationality="UKR")
    before = len(office_services.timeline(original.id)) + len(office_services.timeline(twin.id))
    page.reload()
    wait_idle()
    assert twin.number in numbers(page)

    dialog, _row = open_pair(page, twin, wait_idle)
    comparison = dialog.comparison
    assert comparison is not None
    left = comparison.sides[LEFT]
    keep = LEFT if left.id == original.id else RIGHT
    assert comparison.keep_side() == keep  # the older record, with the lower number
    assert comparison.keep_buttons[keep].isChecked()
    assert "nationality" in comparison.differing and "family_name" not in comparison.differing
    assert comparison.chosen_side("nationality") == keep
    assert comparison.sides[1 - keep].contacts == 1
    comparison.pick("nationality", 1 - keep)  # the twin's nationality

    asked: list[str] = []

    def answer(*args: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        assert args[4] == QMessageBox.StandardButton.No  # the default answer
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    wait_idle()
    assert asked and twin.number in asked[0] and "entfernt" in asked[0]
    assert dialog.notice.isVisible()
    assert dialog.notice.text().startswith(f"{twin.number} ist in {original.number} aufgegangen")
    assert twin.number not in numbers(page)
    assert original.number in numbers(page)
    assert all(twin.id not in (p.first.id, p.second.id) for p in dialog.pairs)
    kept = office_services.merge_preview(original.id, original.id + 1).keep
    assert kept.values.nationality == "UKR"
    assert len(office_services.timeline(original.id)) == before


def test_merge_errors_appear_under_the_field_and_nothing_is_saved(
    qtbot: QtBot,
    page: ClientsPage,
    office_session: UnlockedSession,
    office_services: OfficeServices,
    wait_idle: Callable[[], None],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    original = next(
        c
        for c in office_services.list_clients()
        if c.birth_date is not None
        and c.birth_date.month > 2
        and not office_services.merge_preview(c.id, c.id + 1).keep.values.birth_year_only
    )
    assert original.birth_date is not None
    year = original.birth_date.year
    arrival = dt.date(year, 2, 1)  # before the original's birthday, after the twin's "1 Jan"
    twin = plant_duplicate(
        office_session,
        office_services,
        original,
        birth_date=dt.date(year, 1, 1),
        birth_year_only=True,
        arrival_date=arrival,
        permanent_since=None,
    )
    dialog, _row = open_pair(page, twin, wait_idle)
    comparison = dialog.comparison
    assert comparison is not None
    assert all(b.accessibleName().strip() for g in comparison.choices.values() for b in g.buttons())
    keep = comparison.keep_side()
    assert comparison.chosen_side("birth_date") == keep
    comparison.pick("arrival_date", 1 - keep)  # the twin's arrival, before the kept birthday
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    wait_idle()
    error = comparison.errors["arrival_date"]
    assert error.message() == "Das Datum liegt vor der Geburt."
    assert error.y() > comparison.choices["arrival_date"].button(LEFT).y()  # under its row
    assert not dialog.notice.isVisible()
    assert twin.number in {c.number for c in office_services.list_clients()}
    assert office_services.merge_preview(original.id, twin.id).remove.values.arrival_date == arrival
    comparison.pick("arrival_date", keep)  # choosing again clears the message
    assert not error.isVisible()


def write_list(path: Path, rows: list[str]) -> Path:
    """A list as German Excel saves it: semicolons, UTF-8 with BOM, CRLF."""
    text = "\r\n".join(["Nachname;Vorname;Geburtsdatum;Geschlecht;Sprache", *rows]) + "\r\n"
    path.write_bytes(text.encode("utf-8-sig"))
    return path


def choose(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args, **_kwargs: (str(path), ""))


def test_importing_a_list_checks_first_and_imports_only_a_clean_file(
    qtbot: QtBot,
    page: ClientsPage,
    tmp_path: Path,
    wait_idle: Callable[[], None],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = page.model.rowCount()
    bad = write_list(
        tmp_path / "liste.csv",
        ["Yılmaz;Ayşe;12.03.1980;w;tr", "Nowak;Piotr;31.02.1975;m;pl"],
    )
    choose(monkeypatch, bad)
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    wait_idle()
    dialog = page.import_dialog
    assert isinstance(dialog, ImportDialog) and dialog.isVisible()
    assert assert_labelled(dialog.mapping_box) == 8  # one combo box per field
    assert dialog.skip.accessibleName() == dialog.skip.text()  # a check box is its own label
    assert dialog.combos["family_name"].currentText() == "Nachname"
    assert dialog.combos["birth_date"].currentText() == "Geburtsdatum"
    assert dialog.combos["nationality"].currentText() == "— nicht einlesen —"
    assert cell_texts(dialog.preview)[1] == ["Nowak", "Piotr", "31.02.1975", "m", "pl"]
    assert not dialog.import_button.isEnabled()

    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    wait_idle()
    rows = cell_texts(dialog.errors)
    assert len(rows) == 1 and rows[0][:2] == ["3", "Geburtsdatum"]
    assert "kein Datum" in rows[0][2]
    assert dialog.errors.isVisible() and dialog.summary.text().startswith("2 Zeilen geprüft.")
    assert not dialog.import_button.isEnabled()

    good = write_list(
        tmp_path / "liste-korrigiert.csv",
        ["Yılmaz;Ayşe;12.03.1980;w;tr", "Nowak;Piotr;28.02.1975;m;pl"],
    )
    choose(monkeypatch, good)
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    wait_idle()
    assert not dialog.report_box.isVisible() and not dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    wait_idle()
    assert dialog.summary.text() == "2 Zeilen geprüft. Keine Fehler."
    assert dialog.import_button.isEnabled()
    dialog.combos["language"].setCurrentIndex(0)  # another mapping needs another check
    assert not dialog.import_button.isEnabled()
    dialog.combos["language"].setCurrentIndex(dialog.combos["language"].findText("Sprache"))
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    wait_idle()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    wait_idle()
    assert dialog.notice.text() == "2 Klient:innen eingelesen."
    assert not dialog.import_button.isEnabled()  # not twice
    assert page.model.rowCount() == before + 2
    names = {page.model.row_at(r).family_name for r in range(page.model.rowCount())}
    assert {"Yılmaz", "Nowak"} <= names


def test_an_unreadable_file_is_explained_in_the_dialog(
    qtbot: QtBot,
    page: ClientsPage,
    tmp_path: Path,
    wait_idle: Callable[[], None],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    broken = tmp_path / "liste.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    choose(monkeypatch, broken)
    page.open_import()
    wait_idle()
    dialog = page.import_dialog
    assert dialog is not None
    assert dialog.file_error.message() == (
        "Die Datei ist keine lesbare Excel-Arbeitsmappe (.xlsx)."
    )
    assert not dialog.check_button.isEnabled() and not dialog.mapping_box.isEnabled()
