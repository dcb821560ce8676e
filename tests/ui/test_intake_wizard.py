"""The intake wizard driven like a person would, from Ctrl+N to the client page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard
from pytestqt.qtbot import QtBot

from app.domain.eligibility import Offer
from app.errors import FieldErrors
from app.flows.intake_flow import IntakeStep
from app.services.setup import SetupResult
from ui.intake_final_pages import ConsentPage, InitialPage
from ui.intake_pages import NamesPage, PersonalPage, ResidencePage
from ui.intake_wizard import IntakeWizard
from ui.main import AppContext
from ui.main_window import MainWindow
from ui.pages.clients_page import ClientsPage
from ui.services import OfficeServices

from .test_accessibility import assert_labelled
from .test_main_window import open_window

NEXT = QWizard.WizardButton.NextButton
FINISH = QWizard.WizardButton.FinishButton
TODAY = dt.date.today()


def ddmmyyyy(day: dt.date) -> str:
    return day.strftime("%d.%m.%Y")


def start_intake(qtbot: QtBot, window: MainWindow, wait_idle: Callable[[], None]) -> IntakeWizard:
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    wait_idle()
    page = window.pages["clients"]
    assert isinstance(page, ClientsPage)
    assert window.stack.currentWidget() is page
    wizard = page.wizard
    assert wizard is not None and wizard.isVisible()
    assert wizard.windowTitle() == "Neue:r Klient:in"
    return wizard


def click(qtbot: QtBot, wizard: IntakeWizard, which: QWizard.WizardButton, wait: Callable) -> None:
    button = wizard.button(which)
    assert button.isVisible() and button.isEnabled(), which
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    wait()


def fill_names(qtbot: QtBot, page: NamesPage, family: str, given: str, birth: str) -> None:
    qtbot.keyClicks(page.family, family)
    qtbot.keyClicks(page.given, given)
    qtbot.keyClicks(page.birth, birth)


def fill_personal(qtbot: QtBot, page: PersonalPage, arrival: dt.date) -> None:
    page.sex.setCurrentIndex(page.sex.findData("f"))
    qtbot.keyClicks(page.nationality, "syr")  # the validator allows letters; saved upper case
    qtbot.keyClicks(page.language, "ar")
    qtbot.keyClicks(page.arrival, ddmmyyyy(arrival))


def to_initial_page(
    qtbot: QtBot, wizard: IntakeWizard, code: str, wait: Callable[[], None]
) -> InitialPage:
    names = wizard.page_for(IntakeStep.NAMES)
    assert isinstance(names, NamesPage)
    fill_names(qtbot, names, "Haddad", "Rania", "31.02.1992")
    click(qtbot, wizard, NEXT, wait)
    assert names.form.error("birth_date").message() == "Dieses Datum gibt es nicht."
    names.birth.clear()
    qtbot.keyClicks(names.birth, "1992")  # the year alone will do
    qtbot.keyClick(names.birth, Qt.Key.Key_Return)  # Enter means Weiter
    wait()
    personal = wizard.currentPage()
    assert isinstance(personal, PersonalPage)
    fill_personal(qtbot, personal, TODAY - dt.timedelta(days=200))
    click(qtbot, wizard, NEXT, wait)
    residence = wizard.currentPage()
    assert isinstance(residence, ResidencePage)
    residence.status.setCurrentIndex(residence.status.findData(code))
    qtbot.keyClicks(residence.valid_from, ddmmyyyy(TODAY - dt.timedelta(days=100)))
    qtbot.waitUntil(lambda: residence.assessment.explanation.text() != "")
    wait()
    click(qtbot, wizard, NEXT, wait)
    consent = wizard.currentPage()
    assert isinstance(consent, ConsentPage)
    assert consent.language.text() == "ar"  # from the personal data
    assert consent.form_version.text() == "MSB-SH 2026-01"
    click(qtbot, wizard, NEXT, wait)
    initial = wizard.currentPage()
    assert isinstance(initial, InitialPage)
    return initial


@pytest.fixture
def window(
    qtbot: QtBot,
    services: OfficeServices,
    ctx: AppContext,
    office: SetupResult,
    wait_idle: Callable[[], None],
) -> MainWindow:
    return open_window(qtbot, services, ctx, wait_idle)


def test_a_newcomer_is_taken_in_and_shown(
    qtbot: QtBot, window: MainWindow, wait_idle: Callable[[], None]
) -> None:
    wizard = start_intake(qtbot, window, wait_idle)
    assert assert_labelled(wizard) >= 20
    initial = to_initial_page(qtbot, wizard, "h25_2", wait_idle)
    residence = wizard.page_for(IntakeStep.RESIDENCE)
    assert isinstance(residence, ResidencePage)
    assert residence.assessment.heading.text() == "Zielgruppe: dauerhaft/bleibeberechtigt"
    assert "ohne weiteren Nachweis möglich" in residence.assessment.explanation.text()

    assert all(button.isEnabled() for button in initial.outcome_buttons.values())
    assert not initial.refusal.isVisible()
    qtbot.keyClicks(initial.need, "Wohnungssuche, Sprachkurs")
    initial.life_areas.setFocus()
    initial.life_areas.setCurrentRow(4)  # Wohnen
    qtbot.keyClick(initial.life_areas, Qt.Key.Key_Space)
    assert initial.life_areas.checked_codes() == ("housing",)
    qtbot.mouseClick(initial.outcome_buttons[Offer.CASE], Qt.MouseButton.LeftButton)
    assert not initial.written_need.isVisible()  # a newcomer needs no written need
    click(qtbot, wizard, FINISH, wait_idle)  # no duration yet
    assert initial.form.error("duration_min").message().startswith("Bitte eine Dauer")
    assert initial.need.toPlainText() == "Wohnungssuche, Sprachkurs"  # what was typed stays
    assert wizard.isVisible()

    initial.duration.setValue(45)
    click(qtbot, wizard, FINISH, wait_idle)
    assert not wizard.isVisible()
    page = window.client_page
    assert page is not None and window.stack.currentWidget() is page
    assert (page.client.family_name, page.client.given_name) == ("Haddad", "Rania")
    first = page.timeline.item(0).text()
    assert "Erstberatung" in first and "Ergebnis: Integrationsbegleitung" in first
    assert "Lebensbereiche: Wohnen" in first
    assert page.consents.list.item(0).text().startswith("Einwilligung in die Datenverarbeitung")

    window.activateWindow()  # offscreen, closing the wizard does not hand activation back
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(page.back_button, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.client_page is None)  # a shortcut clicks after a moment
    wait_idle()
    clients = window.pages["clients"]
    assert isinstance(clients, ClientsPage)
    assert window.stack.currentWidget() is clients and window.client_page is None
    assert clients.count.text() == "1 Klient:in"
    assert clients.model.row_at(0).nationality == "SYR"


def test_a_duldung_holder_gets_crisis_counselling_not_integration_support(
    qtbot: QtBot, window: MainWindow, wait_idle: Callable[[], None]
) -> None:
    wizard = start_intake(qtbot, window, wait_idle)
    initial = to_initial_page(qtbot, wizard, "dul", wait_idle)
    residence = wizard.page_for(IntakeStep.RESIDENCE)
    assert isinstance(residence, ResidencePage)
    assert residence.assessment.heading.text() == "Zielgruppe: nicht anerkannt"

    case = initial.outcome_buttons[Offer.CASE]
    assert not case.isEnabled()
    assert not initial.outcome_buttons[Offer.SHORT].isEnabled()
    assert initial.outcome_buttons[Offer.CRISIS].isEnabled()
    assert initial.refusal.isVisible()
    assert "keine Integrationsbegleitung" in initial.refusal.text()
    assert case.accessibleDescription() == initial.refusal.text()

    initial.duration.setValue(30)
    qtbot.mouseClick(initial.outcome_buttons[Offer.CRISIS], Qt.MouseButton.LeftButton)
    click(qtbot, wizard, FINISH, wait_idle)
    assert not wizard.isVisible()
    page = window.client_page
    assert page is not None
    assert "Ergebnis: Krisenberatung" in page.timeline.item(0).text()
    assert page.assessment.heading.text() == "Zielgruppe: nicht anerkannt"


def test_an_error_from_saving_sends_the_wizard_back_with_everything_kept(
    qtbot: QtBot, services: OfficeServices, ctx: AppContext, wait_idle: Callable[[], None]
) -> None:
    flow = services.intake_flow()

    def refuse(*_args: object) -> None:
        raise FieldErrors({"client.sex": "Bitte prüfen Sie das Geschlecht."})

    flow._save = refuse  # type: ignore[assignment]
    wizard = IntakeWizard(flow, ctx.ops)
    qtbot.addWidget(wizard)
    wizard.show()
    initial = to_initial_page(qtbot, wizard, "h24", wait_idle)
    initial.duration.setValue(20)
    qtbot.mouseClick(initial.outcome_buttons[Offer.SHORT], Qt.MouseButton.LeftButton)
    click(qtbot, wizard, FINISH, wait_idle)
    personal = wizard.currentPage()
    assert isinstance(personal, PersonalPage)
    assert flow.step is IntakeStep.PERSONAL
    assert personal.form.error("sex").message() == "Bitte prüfen Sie das Geschlecht."
    assert personal.nationality.text() == "syr"
    click(qtbot, wizard, NEXT, wait_idle)  # and on again, nothing lost on the way
    click(qtbot, wizard, NEXT, wait_idle)
    click(qtbot, wizard, NEXT, wait_idle)
    assert wizard.currentPage() is initial
    assert initial.duration.value() == 20


def test_typing_a_known_name_offers_the_existing_record(
    qtbot: QtBot,
    ctx: AppContext,
    demo_services: OfficeServices,
    wait_idle: Callable[[], None],
) -> None:
    window = open_window(qtbot, demo_services, ctx, wait_idle)
    wizard = start_intake(qtbot, window, wait_idle)
    names = wizard.page_for(IntakeStep.NAMES)
    assert isinstance(names, NamesPage)
    fill_names(qtbot, names, "Schaefer", "Susanne", "27.02.1974")  # is Schäfer, Susann
    qtbot.waitUntil(lambda: names.candidates.count() > 0)
    wait_idle()
    text = names.candidates.item(0).text()
    assert text.startswith("Schäfer, Susann (K-00023), geboren 27.02.1974: ")
    assert "%" in text and "Geburtsdatum gleich" in text
    assert not names.no_candidates.isVisible()
    assert not names.open_button.isEnabled()
    names.candidates.setCurrentRow(0)
    qtbot.mouseClick(names.open_button, Qt.MouseButton.LeftButton)
    wait_idle()
    assert not wizard.isVisible()
    assert window.client_page is not None
    assert window.client_page.client.number == "K-00023"
