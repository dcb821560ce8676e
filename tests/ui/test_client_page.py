"""The client page: status with re-check, quick contacts, consents; the list's search."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.domain.client import ClientRow
from app.domain.counselling import ConsentDraft, ConsentKind, ContactDraft, ContactForm, ContactKind
from app.domain.residence import StatusEntry
from app.services.client_records import add_consent
from ui.main import AppContext
from ui.main_window import MainWindow
from ui.pages.client_page import ClientPage
from ui.pages.clients_page import ClientsPage
from ui.services import OfficeServices, UnlockedSession

from .test_accessibility import assert_labelled
from .test_main_window import open_window, search

TODAY = dt.date.today()


def ddmmyyyy(day: dt.date) -> str:
    return day.strftime("%d.%m.%Y")


@pytest.fixture
def window(
    qtbot: QtBot, ctx: AppContext, demo_services: OfficeServices, wait_idle: Callable[[], None]
) -> MainWindow:
    window = open_window(qtbot, demo_services, ctx, wait_idle)
    window.show_page("clients")
    return window


def client_named(services: OfficeServices, family: str) -> ClientRow:
    return next(c for c in services.list_clients() if c.family_name == family)


def open_page(window: MainWindow, client: ClientRow, wait_idle: Callable[[], None]) -> ClientPage:
    window.open_client(client)
    wait_idle()
    page = window.client_page
    assert page is not None and window.stack.currentWidget() is page
    return page


def test_search_as_you_type_in_any_script_and_open_by_keyboard(
    qtbot: QtBot, window: MainWindow, wait_idle: Callable[[], None]
) -> None:
    page = window.pages["clients"]
    assert isinstance(page, ClientsPage)
    search(qtbot, page, "Власова", wait_idle)  # QTest types only Latin-1: set the text
    assert [page.model.row_at(r).number for r in range(page.model.rowCount())] == ["K-00010"]
    assert page.count.text() == "1 Treffer"
    search(qtbot, page, "vlasova", wait_idle)  # the same person, transliterated
    assert page.model.row_at(0).number == "K-00010"

    page.filter.setText("zzz")  # superseded before its answer counts
    search(qtbot, page, "المملوك", wait_idle)
    found = {page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())}
    assert found == {"K-00037", "K-00040"}
    assert page.table.currentIndex().row() == 0  # the first hit is selected: Enter opens it

    page.filter.setFocus()
    qtbot.keyClick(page.filter, Qt.Key.Key_Down)
    assert page.table.currentIndex().row() == 1
    expected = page.selected_client()
    qtbot.keyClick(page.filter, Qt.Key.Key_Return)
    wait_idle()
    assert window.client_page is not None and window.client_page.client == expected

    window.close_client()
    wait_idle()
    search(qtbot, page, "nobody-of-that-name", wait_idle)
    assert page.model.rowCount() == 0
    assert page.count.text().startswith("Niemand gefunden")


def test_adding_a_status_says_what_changed(
    qtbot: QtBot,
    window: MainWindow,
    demo_services: OfficeServices,
    wait_idle: Callable[[], None],
) -> None:
    client = client_named(demo_services, "Schäfer")
    demo_services.add_status(client.id, StatusEntry("h25_2", TODAY - dt.timedelta(days=400)))
    page = open_page(window, client, wait_idle)
    # status 2, withdrawal 1, contact 6, family 5 (relation, who, number, name, year), languages 2
    assert assert_labelled(page) == 16
    assert page.assessment.heading.text() == "Zielgruppe: dauerhaft/bleibeberechtigt"
    status = page.status
    assert "Flüchtlingsschutz" in status.history.item(0).text()

    status.code.setCurrentIndex(status.code.findData("dul"))
    qtbot.keyClicks(status.valid_from, "31.13.2025")
    qtbot.mouseClick(status.add_button, Qt.MouseButton.LeftButton)
    assert status.form.error("valid_from").message() == "Dieses Datum gibt es nicht."
    status.valid_from.clear()
    qtbot.keyClicks(status.valid_from, ddmmyyyy(TODAY - dt.timedelta(days=10)))
    qtbot.mouseClick(status.add_button, Qt.MouseButton.LeftButton)
    wait_idle()
    assert status.change.isVisible()
    assert "Integrationsbegleitung ist nicht mehr möglich." in status.change.text()
    assert "„nicht anerkannt“" in status.change.text()
    assert (
        status.history.item(0)
        .text()
        .startswith(f"ab {ddmmyyyy(TODAY - dt.timedelta(days=10))}: Duldung")
    )
    assert page.assessment.heading.text() == "Zielgruppe: nicht anerkannt"


def test_a_recorded_contact_tops_the_timeline_and_errors_keep_the_note(
    qtbot: QtBot,
    window: MainWindow,
    demo_services: OfficeServices,
    wait_idle: Callable[[], None],
) -> None:
    client = client_named(demo_services, "Salz")
    older = ContactDraft(
        ContactKind.SHORT, TODAY - dt.timedelta(days=30), 20, ContactForm.PHONE, note="Anruf"
    )
    demo_services.record_contact(client.id, older)
    page = open_page(window, client, wait_idle)
    assert page.timeline.count() == 1
    contact = page.contact

    contact.note.setFocus()  # Ctrl+Enter saves from any field of the form
    qtbot.keyClicks(contact.note, "Antrag auf Wohngeld gestellt")
    qtbot.keyClick(contact.note, Qt.Key.Key_Return)
    qtbot.keyClicks(contact.note, "zweite Zeile")
    qtbot.keyClick(contact.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_idle()
    error = contact.form.error("duration_min")
    assert error.isVisible() and error.message().startswith("Bitte eine Dauer zwischen 1 und")
    assert error.parentWidget() is contact.duration.parentWidget()
    assert error.y() > contact.duration.y()  # directly under its field
    assert contact.note.toPlainText() == "Antrag auf Wohngeld gestellt\nzweite Zeile"
    assert page.timeline.count() == 1

    contact.duration.setValue(40)
    contact.life_areas.item(7).setCheckState(Qt.CheckState.Checked)  # Finanzen
    qtbot.keyClick(contact.note, Qt.Key.Key_Enter, Qt.KeyboardModifier.ControlModifier)
    wait_idle()
    assert not error.isVisible()
    assert page.timeline.count() == 2
    top = page.timeline.item(0).text()
    assert top.startswith(f"{ddmmyyyy(TODAY)} · punktuelle Beratung · persönlich · 40 Min.")
    assert "Lea Leitung" in top and "Finanzen/Leistungen/Schulden" in top
    assert top.endswith("Antrag auf Wohngeld gestellt")  # the note's first line only
    assert "Anruf" in page.timeline.item(1).text()
    assert contact.note.toPlainText() == ""


def test_withdrawing_a_consent(
    qtbot: QtBot,
    window: MainWindow,
    demo_session: UnlockedSession,
    demo_services: OfficeServices,
    wait_idle: Callable[[], None],
) -> None:
    client = client_named(demo_services, "Bilgin")
    given = TODAY - dt.timedelta(days=50)
    add_consent(
        demo_session,  # type: ignore[arg-type]
        client.id,
        ConsentDraft(ConsentKind.PROCESSING, given, "MSB-SH 2026-01", "tr"),
    )
    page = open_page(window, client, wait_idle)
    consents = page.consents
    assert not consents.withdraw_button.isEnabled()
    consents.list.setCurrentRow(0)
    assert consents.withdraw_button.isEnabled()
    qtbot.mouseClick(consents.withdraw_button, Qt.MouseButton.LeftButton)
    assert consents.confirm_box.isVisible()
    assert consents.withdrawn_on.text() == ddmmyyyy(TODAY)
    assert consents.question.text().startswith("„Einwilligung in die Datenverarbeitung“ vom")

    consents.withdrawn_on.clear()
    qtbot.keyClicks(consents.withdrawn_on, ddmmyyyy(given - dt.timedelta(days=1)))
    qtbot.mouseClick(consents.confirm_button, Qt.MouseButton.LeftButton)
    wait_idle()
    assert consents.form.error("withdrawn_on").message() == (
        "Der Widerruf liegt vor der Einwilligung."
    )
    consents.withdrawn_on.clear()
    qtbot.keyClicks(consents.withdrawn_on, ddmmyyyy(TODAY))
    qtbot.mouseClick(consents.confirm_button, Qt.MouseButton.LeftButton)
    wait_idle()
    assert not consents.confirm_box.isVisible()
    assert consents.list.item(0).text().endswith(f"widerrufen am {ddmmyyyy(TODAY)}")
    consents.list.setCurrentRow(0)
    assert not consents.withdraw_button.isEnabled()


def test_list_filters_by_class_outcome_and_language(
    window: MainWindow, demo_services: OfficeServices, wait_idle: Callable[[], None]
) -> None:
    from app.domain.eligibility import Offer
    from app.domain.residence import TargetGroupClass

    page = window.pages["clients"]
    assert isinstance(page, ClientsPage)
    everyone = page.model.rowCount()
    page.class_filter.setCurrentIndex(page.class_filter.findData(TargetGroupClass.NOT_RECOGNISED))
    wait_idle()
    shown = [page.model.row_at(r) for r in range(page.model.rowCount())]
    assert 0 < len(shown) < everyone
    for client in shown:
        assert demo_services.eligibility(client.id).target_class is TargetGroupClass.NOT_RECOGNISED
    page.offer_filter.setCurrentIndex(page.offer_filter.findData(Offer.CASE))
    wait_idle()
    assert page.model.rowCount() == 0  # not recognised: never case management
    page.class_filter.setCurrentIndex(0)
    page.offer_filter.setCurrentIndex(0)
    page.language_filter.setText("uk")
    page.search_timer.timeout.emit()
    wait_idle()
    languages = {page.model.row_at(r).language for r in range(page.model.rowCount())}
    assert languages == {"uk"}
    page.language_filter.clear()
    page.search_timer.timeout.emit()
    wait_idle()
    assert page.model.rowCount() == everyone


def test_list_filters_by_running_case_and_counsellor(
    window: MainWindow, demo_services: OfficeServices, wait_idle: Callable[[], None]
) -> None:
    page = window.pages["clients"]
    assert isinstance(page, ClientsPage)
    wait_idle()
    everyone = page.model.rowCount()
    page.case_filter.setCurrentIndex(page.case_filter.findData(True))
    wait_idle()
    running = [page.model.row_at(r) for r in range(page.model.rowCount())]
    assert 0 < len(running) < everyone
    for client in running:
        assert any(c.is_open for c in demo_services.cases.client_cases(client.id))
    page.case_filter.setCurrentIndex(page.case_filter.findData(False))
    wait_idle()
    assert page.model.rowCount() == everyone - len(running)
    page.case_filter.setCurrentIndex(0)
    assert page.counsellor_filter.count() > 1  # "alle" and the office's counsellors
    page.counsellor_filter.setCurrentIndex(1)
    wait_idle()
    assert 0 < page.model.rowCount() < everyone


def test_adding_a_consent_after_the_intake(
    qtbot: QtBot,
    window: MainWindow,
    demo_services: OfficeServices,
    wait_idle: Callable[[], None],
) -> None:
    client = client_named(demo_services, "Bilgin")
    before = len(demo_services.consents(client.id))
    page = open_page(window, client, wait_idle)
    consents = page.consents
    qtbot.mouseClick(consents.add_button, Qt.MouseButton.LeftButton)
    dialog = consents.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.given_on.text() == ddmmyyyy(dt.date.today())
    dialog.kind.setCurrentIndex(dialog.kind.findData(ConsentKind.RELEASE))
    dialog.submit()  # a release needs the body it releases towards
    wait_idle()
    assert dialog.form.error("third_party").message() == (
        "Bitte die Stelle nennen, gegenüber der entbunden wird."
    )
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.third_party, "Jobcenter Kiel")
    dialog.submit()
    wait_idle()
    assert not dialog.isVisible()
    saved = demo_services.consents(client.id)
    assert len(saved) == before + 1
    assert any(c.kind is ConsentKind.RELEASE and c.third_party == "Jobcenter Kiel" for c in saved)
    wait_idle()
    assert any(
        "Jobcenter Kiel" in consents.list.item(n).text() for n in range(consents.list.count())
    )
