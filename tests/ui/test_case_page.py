"""A case of Integrationsbegleitung through the widgets: opened from the client page,
assessment, support plan, review, referral, ratings, closing, reopening; and the
refusals the services give, shown where the person typed."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.domain.case import (
    AssessmentEntry,
    CaseAction,
    CaseDraft,
    ClosingReason,
    GoalDraft,
    GoalState,
    Partner,
    PartnerDraft,
    PartnerKind,
    Priority,
    Rating,
    RatingReason,
    Responsible,
)
from app.domain.case_clock import limit_end
from app.domain.client import ClientDraft, ClientRow
from app.domain.eligibility import add_years
from app.domain.office import Role
from app.domain.residence import StatusEntry
from app.services import case_plan, cases
from app.services.clients import add_client
from ui.dialogs.case_dialogs import ReferralDialog, ReviewDialog
from ui.dialogs.open_case_dialog import OpenCaseDialog
from ui.operations import Operations
from ui.pages.case_page import CasePage
from ui.pages.client_page import ClientPage
from ui.services import OfficeServices, UnlockedSession

from .test_accessibility import assert_labelled

TODAY = dt.date.today()
LEFT = Qt.MouseButton.LeftButton
ALT = Qt.KeyboardModifier.AltModifier


def ddmmyyyy(day: dt.date) -> str:
    return day.strftime("%d.%m.%Y")


def new_client(
    session: UnlockedSession,
    services: OfficeServices,
    family: str,
    status: str = "ne",
    since: dt.date | None = None,
) -> ClientRow:
    """A client with ``status`` (and arrival) since ``since``: a newcomer for "ne"."""
    since = since or TODAY - dt.timedelta(days=300)
    draft = ClientDraft(family, "Rania", dt.date(1990, 4, 2), arrival_date=since)
    row = add_client(session, draft, since)  # type: ignore[arg-type]
    services.add_status(row.id, StatusEntry(status, since))
    return row


def show(qtbot: QtBot, widget: QWidget, wait_idle: Callable[[], None]) -> None:
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    widget.activateWindow()
    qtbot.waitActive(widget)
    wait_idle()


def client_page(
    qtbot: QtBot,
    services: OfficeServices,
    ops: Operations,
    client: ClientRow,
    wait_idle: Callable[[], None],
) -> ClientPage:
    page = ClientPage(services, ops, client)
    show(qtbot, page, wait_idle)
    page.reload()
    wait_idle()
    return page


def case_page(
    qtbot: QtBot, services: OfficeServices, ops: Operations, case_id: int, wait_idle: Callable
) -> CasePage:
    page = CasePage(services, ops, case_id)
    show(qtbot, page, wait_idle)
    return page


def choose(combo: object, value: object) -> None:
    index = combo.findData(value)  # type: ignore[attr-defined]
    assert index >= 0, value
    combo.setCurrentIndex(index)  # type: ignore[attr-defined]


@pytest.fixture
def partner(services: OfficeServices) -> Partner:
    return services.cases.add_partner(PartnerDraft("Jobcenter Kiel", PartnerKind.JOBCENTER))


def open_from_client_page(
    qtbot: QtBot,
    services: OfficeServices,
    ops: Operations,
    client: ClientRow,
    wait_idle: Callable[[], None],
) -> int:
    """Open a case with the dialog (end typed one year early); returns its id."""
    page = client_page(qtbot, services, ops, client, wait_idle)
    section = page.cases
    assert section.list.item(0).text() == "Noch keine Integrationsbegleitung."
    assert not section.open_button.isEnabled()
    qtbot.mouseClick(section.new_button, LEFT)
    wait_idle()
    dialog = section.dialog
    assert dialog is not None and dialog.isVisible()
    assert assert_labelled(dialog) == 3  # start, counsellor, planned end
    assert dialog.counsellor.currentData() == services.user.id
    assert dialog.start.text() == ddmmyyyy(TODAY)
    assert dialog.planned_end.text() == ddmmyyyy(limit_end(TODAY))
    assert "Neuzuwanderer" in dialog.eligibility.explanation.text()

    dialog.planned_end.clear()
    qtbot.keyClicks(dialog.planned_end, ddmmyyyy(limit_end(TODAY) + dt.timedelta(days=1)))
    qtbot.mouseClick(dialog.save_button, LEFT)
    wait_idle()
    assert (
        dialog.form.error("planned_end")
        .message()
        .startswith("Integrationsbegleitung dauert höchstens drei Jahre")
    )
    assert services.cases.client_cases(client.id) == []

    end = add_years(TODAY, 2)
    dialog.planned_end.clear()
    qtbot.keyClicks(dialog.planned_end, ddmmyyyy(end))
    dialog.written_need.setPlainText("Spricht noch wenig Deutsch, sucht Arbeit.")
    with qtbot.waitSignal(page.case_requested) as opened:
        qtbot.mouseClick(dialog.save_button, LEFT)
        wait_idle()
    [case] = services.cases.client_cases(client.id)
    assert opened.args == [case.id]
    assert (case.start, case.planned_end, case.is_open) == (TODAY, end, True)
    assert case.written_need == "Spricht noch wenig Deutsch, sucht Arbeit."
    assert section.list.item(0).text().startswith(f"offen seit {ddmmyyyy(TODAY)}")
    with qtbot.waitSignal(page.case_requested) as again:
        section.list.setCurrentRow(0)
        qtbot.keyClick(section.list, Qt.Key.Key_Return)
    assert again.args == [case.id]
    return case.id


def fill_assessment(qtbot: QtBot, page: CasePage, wait_idle: Callable[[], None]) -> None:
    areas = page.assessment.areas
    housing, language = areas["housing"], areas["language"]
    qtbot.keyClicks(housing.texts["situation"], "Wohnt zu sechst in zwei Zimmern")
    housing.texts["need"].setPlainText("Größere Wohnung")
    choose(housing.priority, Priority.HIGH)
    qtbot.keyClicks(language.texts["situation"], "A2 erreicht")  # typed, not saved
    assert housing.state.text() == "nicht gespeichert"
    housing.texts["need"].setFocus()
    qtbot.keyClick(housing.texts["need"], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_idle()
    assert page.services.cases.case_details(page.case_id).assessment == (
        AssessmentEntry(
            "housing", "Wohnt zu sechst in zwei Zimmern", "", "Größere Wohnung", Priority.HIGH
        ),
    )
    assert housing.state.text() == "gespeichert"
    # the reload after saving keeps what was typed elsewhere
    assert language.texts["situation"].toPlainText() == "A2 erreicht"
    assert page.unsaved_changes() == ["Sprache"]
    qtbot.mouseClick(language.save_button, LEFT)
    wait_idle()
    assert page.unsaved_changes() == []


def add_goal(
    qtbot: QtBot, page: CasePage, area: str, text: str, wait_idle: Callable[[], None]
) -> None:
    plan = page.plan
    qtbot.mouseClick(plan.new_goal_button, LEFT)
    goal = plan.editor.goal
    qtbot.keyClicks(goal.text, text)
    choose(goal.life_area, area)
    qtbot.keyClick(goal.text, Qt.Key.Key_Return)  # Enter saves
    wait_idle()


def build_plan(
    qtbot: QtBot, page: CasePage, partner: Partner, wait_idle: Callable[[], None]
) -> tuple[int, int]:
    plan, services = page.plan, page.services
    page.tabs.setCurrentIndex(1)
    qtbot.mouseClick(plan.new_goal_button, LEFT)
    qtbot.keyClick(plan.editor.goal.text, Qt.Key.Key_Return)
    wait_idle()
    assert plan.editor.goal.form.error("text").message() == "Bitte das Ziel beschreiben."
    assert plan.editor.goal.form.error("life_area").message() == "Bitte einen Lebensbereich wählen."
    add_goal(qtbot, page, "language", "B1-Kurs bestehen", wait_idle)
    add_goal(qtbot, page, "work", "Abschluss anerkennen lassen", wait_idle)
    g1, g2 = (g.id for g in services.cases.case_details(page.case_id).goals)
    assert plan.current_key() == ("goal", g2)  # the saved goal stays selected
    assert plan.tree.topLevelItem(1).text(0) == "2. Abschluss anerkennen lassen"

    plan.select(("goal", g1))
    plan.tree.setCurrentItem(plan.tree.topLevelItem(0))
    qtbot.mouseClick(plan.new_step_button, LEFT)
    step = plan.editor.step
    qtbot.keyClicks(step.text, "Termin beim Jobcenter")
    choose(step.responsible, Responsible.PARTNER)
    qtbot.keyClicks(step.due, ddmmyyyy(TODAY + dt.timedelta(days=14)))
    qtbot.keyClick(step.due, Qt.Key.Key_Return)
    wait_idle()
    assert step.form.error("partner_id").message() == "Bitte den Netzwerkpartner wählen."
    choose(step.partner, partner.id)
    qtbot.keyClick(step.text, Qt.Key.Key_Return)
    wait_idle()
    plan.select(("goal", g1))
    plan.tree.setCurrentItem(plan.tree.topLevelItem(0))
    qtbot.mouseClick(plan.new_step_button, LEFT)
    qtbot.keyClicks(step.text, "Unterlagen kopieren")
    qtbot.keyClick(step.text, Qt.Key.Key_Return)
    wait_idle()
    first = services.cases.case_details(page.case_id).goals[0]
    assert [(s.text, s.responsible, s.partner_id) for s in first.steps] == [
        ("Termin beim Jobcenter", Responsible.PARTNER, partner.id),
        ("Unterlagen kopieren", Responsible.CLIENT, None),
    ]
    assert first.steps[0].due == TODAY + dt.timedelta(days=14)
    return g1, g2


def reorder_and_delete(qtbot: QtBot, page: CasePage, g1: int, g2: int, wait_idle: Callable) -> None:
    plan, services = page.plan, page.services
    plan.tree.setFocus()
    plan.tree.setCurrentItem(plan.tree.topLevelItem(1))  # goal 2
    qtbot.keyClick(plan.tree, Qt.Key.Key_Up, ALT)
    wait_idle()
    assert [g.id for g in services.cases.case_details(page.case_id).goals] == [g2, g1]
    assert plan.current_key() == ("goal", g2)
    qtbot.keyClick(plan.tree, Qt.Key.Key_Down, ALT)
    wait_idle()
    assert [g.id for g in services.cases.case_details(page.case_id).goals] == [g1, g2]

    steps = services.cases.case_details(page.case_id).goals[0].steps
    plan.tree.setCurrentItem(plan.tree.topLevelItem(0).child(1))
    assert plan.current_key() == ("step", steps[1].id)
    qtbot.keyClick(plan.tree, Qt.Key.Key_Up, ALT)
    wait_idle()
    moved = services.cases.case_details(page.case_id).goals[0].steps
    assert [s.text for s in moved] == ["Unterlagen kopieren", "Termin beim Jobcenter"]

    qtbot.keyClick(plan.tree, Qt.Key.Key_Delete)
    assert not plan.delete_bar.isHidden()
    assert plan.delete_bar.question.text() == "Schritt „Unterlagen kopieren“ löschen?"
    qtbot.keyClick(plan.delete_bar.cancel_button, Qt.Key.Key_Escape)  # Esc: nothing happens
    assert plan.delete_bar.isHidden()
    qtbot.keyClick(plan.tree, Qt.Key.Key_Delete)
    qtbot.mouseClick(plan.delete_bar.confirm_button, LEFT)
    wait_idle()
    [left] = services.cases.case_details(page.case_id).goals[0].steps
    assert left.text == "Termin beim Jobcenter"


def unsaved_plan_edits(qtbot: QtBot, page: CasePage, g1: int, g2: int, wait_idle: Callable) -> None:
    """Choosing another line with unsaved typing asks; switching tabs keeps it."""
    plan, services = page.plan, page.services
    plan.tree.setCurrentItem(plan.tree.topLevelItem(0))
    qtbot.keyClicks(plan.editor.goal.text, " bis Juni")
    plan.tree.setCurrentItem(plan.tree.topLevelItem(1))
    assert not plan.unsaved_bar.isHidden()
    assert plan.current_key() == ("goal", g1)  # the line being edited stays current
    page.tabs.setCurrentIndex(0)
    page.tabs.setCurrentIndex(1)
    assert plan.editor.goal.text.text() == "B1-Kurs bestehen bis Juni"
    assert page.unsaved_changes() == ["Ziel „B1-Kurs bestehen bis Juni“"]
    with qtbot.assertNotEmitted(page.back_requested):
        qtbot.mouseClick(page.back_button, LEFT)  # leaving asks first
    assert page.leave_bar.question.text() == (
        "Nicht gespeichert: Ziel „B1-Kurs bestehen bis Juni“. Die Seite trotzdem verlassen?"
    )
    qtbot.mouseClick(page.leave_bar.cancel_button, LEFT)
    qtbot.mouseClick(plan.unsaved_bar.cancel_button, LEFT)  # go on editing
    plan.tree.setCurrentItem(plan.tree.topLevelItem(1))
    qtbot.mouseClick(plan.unsaved_bar.confirm_button, LEFT)  # save, then go on
    wait_idle()
    goals = services.cases.case_details(page.case_id).goals
    assert goals[0].text == "B1-Kurs bestehen bis Juni"
    assert plan.current_key() == ("goal", g2)
    assert plan.editor.goal.text.text() == "Abschluss anerkennen lassen"

    qtbot.keyClicks(plan.editor.goal.text, "!")
    plan.tree.setCurrentItem(plan.tree.topLevelItem(0))
    qtbot.mouseClick(plan.unsaved_bar.other_button, LEFT)  # discard
    assert plan.current_key() == ("goal", g1)
    assert services.cases.case_details(page.case_id).goals[1].text == "Abschluss anerkennen lassen"
    assert page.unsaved_changes() == []


def record_review(qtbot: QtBot, page: CasePage, g1: int, wait_idle: Callable) -> None:
    services, case_id = page.services, page.case_id
    page.tabs.setCurrentIndex(2)
    qtbot.mouseClick(page.reviews.add_button, LEFT)
    wait_idle()
    dialog = page.reviews.dialog
    assert isinstance(dialog, ReviewDialog)
    proposed = services.cases.default_next_review(case_id, TODAY)
    assert proposed is not None and dialog.next_review.text() == ddmmyyyy(proposed)
    qtbot.mouseClick(dialog.save_button, LEFT)
    wait_idle()
    assert dialog.form.error("summary").message() == "Bitte den Stand kurz zusammenfassen."
    dialog.summary.setPlainText("Kurs hat begonnen")
    choose(dialog.states[g1], GoalState.IN_PROGRESS)
    qtbot.mouseClick(dialog.save_button, LEFT)
    wait_idle()
    details = services.cases.case_details(case_id)
    [review] = details.reviews
    assert (review.summary, review.next_review) == ("Kurs hat begonnen", proposed)
    assert details.goals[0].state is GoalState.IN_PROGRESS
    assert page.reviews.list.item(0).text().startswith(ddmmyyyy(TODAY))
    assert "Ziel 1: in Arbeit" in page.reviews.list.item(0).text()


def record_referral(qtbot: QtBot, page: CasePage, partner: Partner, wait_idle: Callable) -> None:
    page.tabs.setCurrentIndex(3)
    qtbot.mouseClick(page.referrals.add_button, LEFT)
    dialog = page.referrals.dialog
    assert isinstance(dialog, ReferralDialog)
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert dialog.form.error("partner_id").message() == "Bitte den Netzwerkpartner wählen."
    choose(dialog.partner, partner.id)
    choose(dialog.life_area, "work")
    qtbot.mouseClick(dialog.save_button, LEFT)
    wait_idle()
    [referral] = page.services.cases.case_details(page.case_id).referrals
    assert (referral.partner_id, referral.life_area, referral.date) == (partner.id, "work", TODAY)
    assert "Jobcenter Kiel (Jobcenter)" in page.referrals.list.item(0).text()


def rate_and_close(qtbot: QtBot, page: CasePage, g1: int, g2: int, wait_idle: Callable) -> None:
    services, case_id, closing = page.services, page.case_id, page.closing
    page.tabs.setCurrentIndex(4)
    assert closing.closed_on.text() == ddmmyyyy(TODAY)
    choose(closing.reason, ClosingReason.GOALS_REACHED)
    qtbot.mouseClick(closing.close_button, LEFT)
    qtbot.mouseClick(closing.confirm.confirm_button, LEFT)
    wait_idle()
    assert closing.ratings_error.message().startswith(
        "Vor dem Abschluss muss jedes Ziel bewertet sein. Noch ohne Bewertung: B1-Kurs"
    )
    assert services.cases.case_details(case_id).summary.is_open

    first, second = closing.rows[g1], closing.rows[g2]
    choose(first.rating, Rating.PARTLY)
    qtbot.mouseClick(first.save_button, LEFT)
    wait_idle()
    assert first.form.error("reason").message() == (
        "Bitte angeben, warum das Ziel nicht (ganz) erreicht wurde."
    )
    choose(first.reason, RatingReason.HEALTH)
    qtbot.keyClicks(first.note, "Lange krank")
    qtbot.keyClick(first.note, Qt.Key.Key_Return)
    wait_idle()
    choose(second.rating, Rating.REACHED)
    assert not second.reason.isEnabled()
    qtbot.mouseClick(second.save_button, LEFT)
    wait_idle()
    goals = services.cases.case_details(case_id).goals
    assert [(g.rating, g.rating_reason, g.rating_note) for g in goals] == [
        (Rating.PARTLY, RatingReason.HEALTH, "Lange krank"),
        (Rating.REACHED, None, ""),
    ]
    qtbot.mouseClick(closing.close_button, LEFT)
    assert closing.confirm.question.text().startswith(
        f"Den Fall zum {ddmmyyyy(TODAY)} abschließen?"
    )
    qtbot.mouseClick(closing.confirm.confirm_button, LEFT)
    wait_idle()
    summary = services.cases.case_details(case_id).summary
    assert (summary.closed_on, summary.closing_reason) == (TODAY, ClosingReason.GOALS_REACHED)


def closed_then_reopened(qtbot: QtBot, page: CasePage, g1: int, wait_idle: Callable) -> None:
    """Closed: read only, with the reason; the lead reopens it with a reason."""
    assert not page.banner.isHidden()
    assert page.banner.text().startswith(f"Der Fall wurde am {ddmmyyyy(TODAY)} abgeschlossen")
    assert page.clock.text() == f"Abgeschlossen am {ddmmyyyy(TODAY)}: Ziele erreicht"
    assert not page.plan.new_goal_button.isEnabled()
    assert not page.assessment.areas["housing"].save_button.isEnabled()
    assert not page.reviews.add_button.isEnabled()
    assert not page.closing.rows[g1].rating.isEnabled()
    assert not page.reopen_button.isHidden()
    qtbot.mouseClick(page.reopen_button, LEFT)
    qtbot.mouseClick(page.reopen_confirm, LEFT)
    wait_idle()
    assert page.reopen_form.error("note").message() == (
        "Bitte begründen, warum der Fall wieder geöffnet wird."
    )
    qtbot.keyClicks(page.reopen_reason, "Arbeitsstelle verloren")
    qtbot.keyClick(page.reopen_reason, Qt.Key.Key_Return)
    wait_idle()
    details = page.services.cases.case_details(page.case_id)
    assert details.summary.is_open
    assert [(e.action, e.note) for e in details.events][-1] == (
        CaseAction.REOPENED,
        "Arbeitsstelle verloren",
    )
    assert page.reopen_button.isHidden() and page.banner.isHidden()
    assert page.plan.new_goal_button.isEnabled()
    events = [page.history.events.item(i).text() for i in range(page.history.events.count())]
    assert [e.split(" · ")[1] for e in events] == ["eröffnet", "abgeschlossen", "wieder geöffnet"]
    assert "Ziele erreicht" in events[1]  # the reason, not its code


def test_a_case_from_opening_to_closing_and_reopening(
    qtbot: QtBot,
    session: UnlockedSession,
    services: OfficeServices,
    ops: Operations,
    partner: Partner,
    wait_idle: Callable[[], None],
) -> None:
    client = new_client(session, services, "Haddad")
    case_id = open_from_client_page(qtbot, services, ops, client, wait_idle)
    page = case_page(qtbot, services, ops, case_id, wait_idle)
    assert page.title.text() == "Integrationsbegleitung: Haddad, Rania"
    end = add_years(TODAY, 2)
    assert (
        page.clock.text() == f"Geplantes Ende am {ddmmyyyy(end)}, noch {(end - TODAY).days} Tage."
    )
    assert page.banner.isHidden() and page.reopen_button.isHidden()
    with qtbot.waitSignal(page.client_requested) as to_client:
        qtbot.mouseClick(page.client_button, LEFT)
    assert to_client.args == [client.id]
    # 11 priorities, goal 4, step 5, reopening 1, closing 2 (no goals to rate yet)
    assert assert_labelled(page) == 23

    fill_assessment(qtbot, page, wait_idle)
    g1, g2 = build_plan(qtbot, page, partner, wait_idle)
    reorder_and_delete(qtbot, page, g1, g2, wait_idle)
    unsaved_plan_edits(qtbot, page, g1, g2, wait_idle)
    record_review(qtbot, page, g1, wait_idle)
    record_referral(qtbot, page, partner, wait_idle)
    rate_and_close(qtbot, page, g1, g2, wait_idle)

    closed_then_reopened(qtbot, page, g1, wait_idle)


def save_new_case(qtbot: QtBot, page: ClientPage, wait_idle: Callable[[], None]) -> OpenCaseDialog:
    """Open the dialog for a new case on the client page and save it as it is proposed."""
    qtbot.mouseClick(page.cases.new_button, LEFT)
    wait_idle()
    dialog = page.cases.dialog
    assert dialog is not None
    qtbot.mouseClick(dialog.save_button, LEFT)
    wait_idle()
    return dialog


def test_opening_is_refused_with_a_sentence(
    qtbot: QtBot,
    session: UnlockedSession,
    services: OfficeServices,
    ops: Operations,
    wait_idle: Callable[[], None],
) -> None:
    tolerated = new_client(session, services, "Duldung", status="dul")
    page = client_page(qtbot, services, ops, tolerated, wait_idle)
    dialog = save_new_case(qtbot, page, wait_idle)
    refusal = dialog.general_error.message()
    assert "Möglich ist nur Krisenberatung" in refusal
    assert refusal == dialog.eligibility.explanation.text()
    assert dialog.isVisible() and services.cases.client_cases(tolerated.id) == []

    second = new_client(session, services, "Zweitfall")
    services.cases.open_case(second.id, CaseDraft(TODAY, services.user.id))
    page = client_page(qtbot, services, ops, second, wait_idle)
    dialog = save_new_case(qtbot, page, wait_idle)
    assert dialog.general_error.message() == (
        f"Für diese Person läuft bereits eine Integrationsbegleitung (seit {ddmmyyyy(TODAY)}). "
        "Es kann immer nur ein Fall offen sein."
    )
    assert len(services.cases.client_cases(second.id)) == 1


def test_a_case_past_its_three_years_can_only_be_rated_and_closed(
    qtbot: QtBot,
    session: UnlockedSession,
    services: OfficeServices,
    ops: Operations,
    wait_idle: Callable[[], None],
) -> None:
    start = add_years(TODAY, -3) - dt.timedelta(days=20)
    client = new_client(session, services, "Altfall", since=start - dt.timedelta(days=400))
    then = start + dt.timedelta(days=10)
    draft = CaseDraft(start, services.user.id, "Förderbedarf festgestellt")
    case = cases.open_case(session, client.id, draft, today=then)  # type: ignore[arg-type]
    goal = GoalDraft("housing", "Wohnung finden")
    case_plan.add_goal(session, case.id, goal, today=then)  # type: ignore[arg-type]
    page = case_page(qtbot, services, ops, case.id, wait_idle)
    end = limit_end(start)
    assert page.banner.text() == (
        f"Die Dreijahresfrist endete am {ddmmyyyy(end)}. "
        "Der Fall kann nur noch abgeschlossen werden."
    )
    assert not page.banner.isHidden() and not page.to_closing_button.isHidden()
    assert page.clock.text().endswith("Der Fall muss jetzt abgeschlossen werden.")
    assert page.clock.isHidden()  # the banner says it once
    assert not page.plan.new_goal_button.isEnabled()
    assert not page.assessment.areas["work"].save_button.isEnabled()
    assert not page.reviews.add_button.isEnabled()
    assert not page.referrals.add_button.isEnabled()

    qtbot.mouseClick(page.to_closing_button, LEFT)
    assert page.tabs.currentIndex() == 4
    closing = page.closing
    assert closing.closed_on.text() == ddmmyyyy(end)  # not today: after the end
    assert closing.reason.currentData() is ClosingReason.LIMIT_REACHED
    [row] = closing.rows.values()
    assert row.rating.isEnabled()
    chain, widget = [], page.tabs.nextInFocusChain()
    while widget is not closing.close_button and len(chain) < 500:
        chain.append(widget)
        widget = widget.nextInFocusChain()
    # Tab reaches the rating (rows come with the data) before the closing form
    assert chain.index(row.rating) < chain.index(row.save_button) < chain.index(closing.closed_on)
    choose(row.rating, Rating.NOT_REACHED)
    choose(row.reason, RatingReason.CONTACT_BROKEN)
    qtbot.mouseClick(row.save_button, LEFT)
    wait_idle()
    qtbot.mouseClick(closing.close_button, LEFT)
    qtbot.mouseClick(closing.confirm.confirm_button, LEFT)
    wait_idle()
    summary = services.cases.case_details(case.id).summary
    assert (summary.closed_on, summary.closing_reason) == (end, ClosingReason.LIMIT_REACHED)
    assert page.to_closing_button.isHidden()
    assert not page.reopen_button.isHidden()  # for the lead; a counsellor does not see it
    counsellor = dataclasses.replace(services.user, role=Role.COUNSELLOR)
    other = case_page(
        qtbot, dataclasses.replace(services, user=counsellor), ops, case.id, wait_idle
    )
    assert other.reopen_button.isHidden() and not other.banner.isHidden()
