"""Wiedervorlagen, the dashboard on the Übersicht, the list of open cases, network partners
and the main window's way to a case, on a real office with cases in every due group."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from app import config
from app.domain.case import CaseDraft, GoalDraft, PartnerKind, StepDraft
from app.domain.client import ClientDraft
from app.domain.counselling import ConsentDraft, ConsentKind
from app.domain.office import Role
from app.domain.reminders import DueGroup, Reminder, ReminderKind
from app.domain.residence import StatusEntry
from app.errors import AccessDenied
from app.services import case_plan, cases
from app.services.client_records import add_consent, add_status
from app.services.clients import add_client
from app.services.session import OfficeSession
from app.storage import models
from ui import main_window
from ui.main import AppContext
from ui.main_window import MainWindow
from ui.models.case_table_model import CaseTableModel
from ui.pages.case_page import CasePage
from ui.pages.cases_page import CasesPage
from ui.pages.overview_page import OverviewPage
from ui.pages.reminders_page import RemindersPage
from ui.pages.settings_page import SettingsPage
from ui.services import OfficeServices
from ui.widgets.field_error import error_colour
from ui.widgets.report_table import cell_texts

from .conftest import LOGIN, PASSPHRASE
from .test_accessibility import assert_labelled
from .test_main_window import open_window

TODAY = dt.date.today()  # the services the windows call use the real date
WEEK_LEFT = TODAY.weekday() < 6  # a day after today in this week (not on a Sunday)


@dataclass(frozen=True)
class Office:
    anna: int  # the lead, logged in
    bela: int  # a second counsellor
    overdue_case: int  # Anna's; its first review is past
    today_case: int  # Anna's; a step due today
    bela_case: int
    no_case_client: int  # a client without a case


def add_counsellor(session: OfficeSession, login: str, name: str, share: str) -> int:
    with session.orm() as orm, orm.begin():
        user = models.User(
            login=login,
            display_name=name,
            role=Role.COUNSELLOR.value,
            post_share=Decimal(share),
            created_by=session.user.id,
        )
        orm.add(user)
        orm.flush()
        return user.id


def eligible_client(session: OfficeSession, family: str, given: str) -> int:
    """A newcomer with a settlement permit and consent to processing (no consent reminder)."""
    arrival = TODAY - dt.timedelta(days=400)
    cid = add_client(
        session, ClientDraft(family, given, dt.date(1990, 4, 2), arrival_date=arrival), TODAY
    ).id
    add_status(session, cid, StatusEntry("ne", arrival), TODAY)
    add_consent(
        session, cid, ConsentDraft(ConsentKind.PROCESSING, arrival, "MSB-SH 2026-01", "de"), TODAY
    )
    return cid


def open_case_with_step(
    session: OfficeSession, cid: int, counsellor: int, days_ago: int, step_due: dt.date | None
) -> int:
    start = TODAY - dt.timedelta(days=days_ago)
    case = cases.open_case(session, cid, CaseDraft(start, counsellor), today=TODAY)
    if step_due is not None:
        goal = case_plan.add_goal(
            session, case.id, GoalDraft("language", "Deutsch B1 erreichen"), TODAY
        )
        case_plan.add_step(
            session, goal, StepDraft("Beim Integrationskurs anmelden", due=step_due), TODAY
        )
    return case.id


def fill_office(session: OfficeSession) -> Office:
    anna = session.user.id
    bela = add_counsellor(session, "bela", "Bela Beratung", "0.5")
    overdue = open_case_with_step(
        session,
        eligible_client(session, "Haddad", "Rania"),
        anna,
        200,  # the first review (after 6 months) is past
        TODAY + dt.timedelta(days=1) if WEEK_LEFT else None,
    )
    due_today = open_case_with_step(
        session, eligible_client(session, "Kowalenko", "Oksana"), anna, 10, TODAY
    )
    bela_case = open_case_with_step(
        session, eligible_client(session, "Yilmaz", "Emre"), bela, 30, TODAY
    )
    return Office(
        anna, bela, overdue, due_today, bela_case, eligible_client(session, "Noori", "Sahar")
    )


@pytest.fixture
def office_data(session: OfficeSession) -> Office:
    return fill_office(session)


@pytest.fixture
def window(
    qtbot: QtBot,
    services: OfficeServices,
    ctx: AppContext,
    office_data: Office,
    wait_idle: Callable[[], None],
) -> MainWindow:
    return open_window(qtbot, services, ctx, wait_idle)


def reminders_page(window: MainWindow, wait_idle: Callable[[], None]) -> RemindersPage:
    window.show_page("follow_ups")
    wait_idle()
    page = window.pages["follow_ups"]
    assert isinstance(page, RemindersPage)
    assert window.stack.currentWidget() is page
    return page


def shown(groups: dict[DueGroup, list[Reminder]]) -> dict[DueGroup, set[tuple[int | None, str]]]:
    return {g: {(r.case_id, r.kind.value) for r in rs} for g, rs in groups.items()}


def test_reminders_are_grouped_by_due_date_and_filtered_by_counsellor(
    window: MainWindow, office_data: Office, wait_idle: Callable[[], None]
) -> None:
    page = reminders_page(window, wait_idle)
    assert page.filter.currentText() == "Anna Berger"  # the user's own by default
    assert [page.filter.itemText(i) for i in range(page.filter.count())] == [
        "Alle Berater:innen",
        "Anna Berger",
        "Bela Beratung",
    ]
    groups = shown(page.tree.groups())
    o, t = office_data.overdue_case, office_data.today_case
    assert groups[DueGroup.OVERDUE] == {(o, "review")}
    assert groups[DueGroup.TODAY] == {(t, "step")}
    if WEEK_LEFT:
        assert groups[DueGroup.THIS_WEEK] == {(o, "step")}
    else:
        assert DueGroup.THIS_WEEK not in groups
    assert groups[DueGroup.LATER] == {(o, "clock"), (t, "clock"), (t, "review")}
    assert list(page.tree.groups()) == [g for g in DueGroup if g in groups]  # in this order
    heading = page.tree.topLevelItem(0)
    assert heading.text(0) == "Überfällig (1)"
    line = heading.child(0)
    assert line.text(1) == "Überprüfung"
    assert line.text(2).endswith("Haddad, Rania")
    assert line.text(3) == "Überprüfung des Förderplans"
    assert line.text(4) == "Anna Berger"
    assert line.foreground(0).color() == QColor(error_colour(page.tree))
    assert "davon 1 überfällig" in page.count.text()

    page.filter.setCurrentIndex(page.filter.findText("Bela Beratung"))
    wait_idle()
    everything = [r for rs in page.tree.groups().values() for r in rs]
    assert {r.case_id for r in everything} == {office_data.bela_case}
    assert {r.counsellor_id for r in everything} == {office_data.bela}
    assert shown(page.tree.groups())[DueGroup.TODAY] == {(office_data.bela_case, "step")}

    page.filter.setCurrentIndex(0)  # Alle
    wait_idle()
    everything = [r for rs in page.tree.groups().values() for r in rs]
    assert {r.case_id for r in everything} == {o, t, office_data.bela_case}


def test_a_manual_reminder_is_added_about_the_selected_client_and_completed(
    qtbot: QtBot, window: MainWindow, office_data: Office, wait_idle: Callable[[], None]
) -> None:
    page = reminders_page(window, wait_idle)
    today_line = page.tree.topLevelItem(1).child(0)
    page.tree.setCurrentItem(today_line)
    chosen = page.tree.selected_reminder()
    assert chosen is not None and chosen.kind is ReminderKind.STEP
    assert not page.done_button.isEnabled()  # computed reminders go when their cause does

    dialog = page.open_new_dialog()
    qtbot.addWidget(dialog)
    assert dialog.for_client.isChecked() and dialog.for_client.text() == chosen.client_label
    assert dialog.counsellor.currentText() == "Anna Berger"
    dialog.due.setText("")
    dialog.submit()
    assert dialog.form.error("due").message() == "Bitte ein Datum angeben."
    later = TODAY + dt.timedelta(days=14)
    dialog.due.set_date(later)
    dialog.submit()  # no text
    wait_idle()
    assert dialog.form.error("text").message()
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.text, "Bescheid vom Jobcenter abholen")
    dialog.submit()
    wait_idle()
    assert not dialog.isVisible()
    wait_idle()  # the page loads again
    manual = [r for r in page.tree.groups()[DueGroup.LATER] if r.kind is ReminderKind.MANUAL]
    assert len(manual) == 1
    assert manual[0].text == "Bescheid vom Jobcenter abholen"
    assert manual[0].due == later
    assert manual[0].client_id == chosen.client_id and manual[0].case_id == chosen.case_id

    assert page.tree.select_reminder(manual[0])
    assert page.done_button.isEnabled()
    qtbot.mouseClick(page.done_button, Qt.MouseButton.LeftButton)
    wait_idle()
    wait_idle()
    remaining = [r for rs in page.tree.groups().values() for r in rs]
    assert all(r.kind is not ReminderKind.MANUAL for r in remaining)
    assert window.services.cases.reminders(None) == [
        r for r in window.services.cases.reminders(None) if r.manual_id is None
    ]


def test_enter_opens_the_case_or_the_client(
    qtbot: QtBot,
    fake_case_page: None,
    window: MainWindow,
    services: OfficeServices,
    office_data: Office,
    wait_idle: Callable[[], None],
) -> None:
    services.cases.add_reminder(
        services.cases.new_reminder(
            due=TODAY,
            text="Rückruf",
            counsellor_id=office_data.anna,
            client_id=office_data.no_case_client,
            case_id=None,
        )
    )
    page = reminders_page(window, wait_idle)
    page.tree.setFocus()
    page.tree.setCurrentItem(page.tree.topLevelItem(0).child(0))  # the overdue review
    with qtbot.waitSignal(page.case_requested) as opened:
        qtbot.keyClick(page.tree, Qt.Key.Key_Return)
    assert opened.args == [office_data.overdue_case]
    manual = next(
        r for rs in page.tree.groups().values() for r in rs if r.kind is ReminderKind.MANUAL
    )
    assert manual.case_id is None
    page.tree.select_reminder(manual)
    with qtbot.waitSignal(page.client_requested) as opened:
        qtbot.keyClick(page.tree, Qt.Key.Key_Enter)
    assert opened.args == [office_data.no_case_client]
    wait_idle()  # the window fetches the client, then shows their page
    assert window.client_page is not None
    assert window.client_page.client.id == office_data.no_case_client
    assert window.current_key() == "clients"
    assert window.case_page is None  # the case opened first made way for the client


def test_nothing_due_says_so(
    qtbot: QtBot,
    services: OfficeServices,
    ctx: AppContext,
    session: OfficeSession,
    wait_idle: Callable[[], None],
) -> None:
    window = open_window(qtbot, services, ctx, wait_idle)
    page = reminders_page(window, wait_idle)
    assert page.tree.groups() == {}
    assert page.tree.topLevelItem(0).text(0) == "Keine offenen Wiedervorlagen für Anna Berger."
    assert not page.tree.topLevelItem(0).flags() & Qt.ItemFlag.ItemIsSelectable
    assert not page.open_button.isEnabled() and not page.done_button.isEnabled()
    overview = window.pages["overview"]
    assert isinstance(overview, OverviewPage)
    window.show_page("overview")
    wait_idle()
    assert overview.reminders_box.tree.topLevelItem(0).text(0) == "Bis Sonntag ist nichts fällig."
    assert overview.cases_box.empty.isVisibleTo(overview)
    assert not overview.caseload_box.warning.isVisibleTo(overview)


def test_dashboard_shows_my_week_my_cases_and_the_caseload(
    window: MainWindow,
    services: OfficeServices,
    office_data: Office,
    wait_idle: Callable[[], None],
) -> None:
    page = window.pages["overview"]
    assert isinstance(page, OverviewPage)
    assert page.dashboard_loaded and page.loaded
    assert page.values["provider"].text() == "Beispiel e. V."  # the office is still there
    groups = shown(page.reminders_box.tree.groups())
    assert groups[DueGroup.OVERDUE] == {(office_data.overdue_case, "review")}
    assert groups[DueGroup.TODAY] == {(office_data.today_case, "step")}
    assert DueGroup.LATER not in groups  # this week or earlier only
    assert page.reminders_box.summary.text() == "1 Wiedervorlage ist überfällig."
    assert page.reminders_box.tree.isColumnHidden(page.reminders_box.tree.COUNSELLOR)

    model = page.cases_box.model
    assert [model.row_at(r).id for r in range(model.rowCount())] == [
        office_data.overdue_case,
        office_data.today_case,
    ]
    assert model.index(0, CaseTableModel.CLOCK).data().startswith("noch ")
    assert not page.caseload_box.warning.isVisibleTo(page)  # 3 persons, 1,5 posts, key 75
    rows = cell_texts(page.caseload_box.table)
    assert rows[-1][:5] == ["Beratungsstelle gesamt", "3", "1,5", "112", "2,0"]
    assert [r[0] for r in rows[:-1]] == ["Anna Berger", "Bela Beratung"]
    assert rows[0][1] == "2" and rows[1][1] == "1"
    assert page.caseload_box.title() == f"Auslastung {TODAY.year}"

    services.set_setting(config.STAFFING_KEY, 1)
    page.reload()
    wait_idle()
    warning = page.caseload_box.warning
    assert warning.isVisibleTo(page)
    lines = warning.text().splitlines()
    assert lines[0] == (
        "Die Beratungsstelle liegt über dem Stellenschlüssel: 3 Personen bei 1,5 VZÄ, "
        "vorgesehen sind höchstens 1."
    )
    assert lines[1].startswith("Anna Berger liegt über dem Stellenschlüssel: 2 Personen")
    assert len(lines) == 3  # Bela: 1 person, 0,5 posts, capacity 0
    assert cell_texts(page.caseload_box.table)[-1][5] == "über dem Schlüssel"


def test_cases_page_lists_sorts_filters_and_opens(
    qtbot: QtBot, window: MainWindow, office_data: Office, wait_idle: Callable[[], None]
) -> None:
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    wait_idle()
    page = window.pages["cases"]
    assert isinstance(page, CasesPage)
    assert window.stack.currentWidget() is page
    proxy = page.table.model()

    def column(c: int, role: int = Qt.ItemDataRole.DisplayRole) -> list[object]:
        return [proxy.index(r, c).data(role) for r in range(proxy.rowCount())]

    assert proxy.rowCount() == 3
    assert page.count.text() == "3 offene Fälle"
    headers = [proxy.headerData(c, Qt.Orientation.Horizontal) for c in range(6)]
    assert headers == [
        "Klient:in",
        "Berater:in",
        "Beginn",
        "Geplantes Ende",
        "Nächste Überprüfung",
        "Dreijahresfrist",
    ]
    # The nearest planned end first: the case started longest ago.
    ids = [c.id for c in column(0, CaseTableModel.ROW_ROLE)]  # type: ignore[attr-defined]
    assert ids == [office_data.overdue_case, office_data.bela_case, office_data.today_case]
    page.table.sortByColumn(CaseTableModel.CLIENT, Qt.SortOrder.AscendingOrder)
    names = column(CaseTableModel.CLIENT)
    assert [str(n).split(" ", 1)[1] for n in names] == [
        "Haddad, Rania",
        "Kowalenko, Oksana",
        "Yilmaz, Emre",
    ]
    page.table.sortByColumn(CaseTableModel.START, Qt.SortOrder.DescendingOrder)
    ids = [c.id for c in column(0, CaseTableModel.ROW_ROLE)]  # type: ignore[attr-defined]
    assert ids == [office_data.today_case, office_data.bela_case, office_data.overdue_case]

    page.filter.setCurrentIndex(page.filter.findText("Bela Beratung"))
    wait_idle()
    assert column(CaseTableModel.COUNSELLOR) == ["Bela Beratung"]
    assert page.count.text() == "1 offener Fall"
    page.table.setFocus()
    with qtbot.waitSignal(page.case_requested) as opened:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened.args == [office_data.bela_case]


# -- the main window's way to a case ---------------------------------------------------


class FakeCasePage(QWidget):
    """Stands in for ``ui.pages.case_page.CasePage`` (its own tests live beside it)."""

    back_requested = Signal()
    client_requested = Signal(int)

    def __init__(
        self, services: OfficeServices, ops: object, case_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.case_id = case_id
        self.back_button = QPushButton("Zurück", self)
        self.loads = 1  # the page loads itself

    def reload(self) -> None:
        self.loads += 1


@pytest.fixture
def fake_case_page(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(main_window, "CasePage", FakeCasePage)


def test_navigation_entries_are_enabled_and_reachable(
    qtbot: QtBot, window: MainWindow, wait_idle: Callable[[], None]
) -> None:
    for key, number in (("cases", 3), ("follow_ups", 4)):
        row = window.row_for(key)
        item = window.nav.item(row)
        assert item.flags() & Qt.ItemFlag.ItemIsEnabled
        assert item.flags() & Qt.ItemFlag.ItemIsSelectable
        window.show_page("overview")
        qtbot.mouseClick(
            window.nav.viewport(),
            Qt.MouseButton.LeftButton,
            pos=window.nav.visualItemRect(item).center(),
        )
        assert window.stack.currentWidget() is window.pages[key]
        window.show_page("overview")
        qtbot.keyClick(
            window, getattr(Qt.Key, f"Key_{number}"), Qt.KeyboardModifier.ControlModifier
        )
        assert window.stack.currentWidget() is window.pages[key]
        wait_idle()


def test_a_case_opens_in_place_and_back_returns(
    qtbot: QtBot,
    fake_case_page: None,
    window: MainWindow,
    office_data: Office,
    wait_idle: Callable[[], None],
) -> None:
    page = reminders_page(window, wait_idle)
    line = page.tree.topLevelItem(0).child(0)
    page.tree.setCurrentItem(line)
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    case_page = window.case_page
    assert isinstance(case_page, FakeCasePage)
    assert case_page.case_id == office_data.overdue_case and case_page.loads == 1  # once
    assert window.stack.currentWidget() is case_page
    assert window.current_key() == "follow_ups"  # the navigation stays

    case_page.back_requested.emit()
    assert window.case_page is None
    assert window.stack.currentWidget() is page
    qtbot.waitUntil(page.open_button.hasFocus)  # the keyboard is back where it was
    qtbot.waitUntil(lambda: window.stack.indexOf(case_page) < 0)

    # From the list of cases; another area closes the case.
    window.show_page("cases")
    wait_idle()
    cases_page = window.pages["cases"]
    assert isinstance(cases_page, CasesPage)
    cases_page.open_selected()
    assert isinstance(window.case_page, FakeCasePage)
    window.show_page("overview")
    assert window.case_page is None
    assert window.stack.currentWidget() is window.pages["overview"]

    # From the dashboard: a case of mine.
    wait_idle()
    overview = window.pages["overview"]
    assert isinstance(overview, OverviewPage)
    overview.cases_box.table.setFocus()
    qtbot.keyClick(overview.cases_box.table, Qt.Key.Key_Return)
    assert isinstance(window.case_page, FakeCasePage)
    assert window.case_page.case_id == office_data.overdue_case


def test_a_case_is_kept_through_locking_and_rebuilt_like_the_client_page(
    fake_case_page: None, window: MainWindow, ctx: AppContext, office_data: Office
) -> None:
    window.show_page("cases")
    window.open_case(office_data.today_case)
    case_page = window.case_page
    assert isinstance(case_page, FakeCasePage)
    window.lock()
    assert window.screens.currentWidget() is window.locked_panel
    with pytest.raises(AccessDenied):  # what the page holds reaches no data any more
        case_page.services.cases.case_details(office_data.today_case)
    window.services.resume(ctx.unlock(LOGIN, PASSPHRASE))
    window.unlock(window.services)
    assert window.case_page is case_page  # the same user finds it as it was
    assert window.stack.currentWidget() is case_page

    window._build(window.current_key())  # as after a language change or another user
    rebuilt = window.case_page
    assert isinstance(rebuilt, FakeCasePage) and rebuilt is not case_page
    assert rebuilt.case_id == office_data.today_case
    assert window.stack.currentWidget() is rebuilt
    rebuilt.back_requested.emit()
    assert window.stack.currentWidget() is window.pages["cases"]
    window.lock()  # waits for the list's loading, then closes the second session


def test_network_partners_from_the_settings_and_the_menu(
    qtbot: QtBot, window: MainWindow, services: OfficeServices, wait_idle: Callable[[], None]
) -> None:
    window.show_page("settings")
    settings = window.pages["settings"]
    assert isinstance(settings, SettingsPage)
    assert settings.partners_button.text() == "Netzwerkpartner verwalten …"
    qtbot.mouseClick(settings.partners_button, Qt.MouseButton.LeftButton)
    dialog = settings.partners_dialog
    assert dialog is not None and dialog.isVisible()
    wait_idle()
    assert dialog.count.text() == "Noch keine Netzwerkpartner erfasst."
    assert not dialog.edit_button.isEnabled()

    editor = dialog.add_partner()
    editor.submit()  # no name
    wait_idle()
    assert editor.form.error("name").message() == "Bitte den Namen angeben."
    qtbot.keyClicks(editor.name, "Jobcenter Kiel")
    editor.kind.setCurrentIndex(editor.kind.findData(PartnerKind.JOBCENTER))
    editor.contact.setPlainText("Frau Petersen\n0431 123456")
    editor.submit()
    wait_idle()
    wait_idle()
    assert not editor.isVisible()
    assert cell_texts(dialog.table) == [
        ["Jobcenter Kiel", "Jobcenter", "aktiv", "Frau Petersen · 0431 123456"]
    ]
    assert dialog.toggle_button.text() == "&Deaktivieren"
    qtbot.mouseClick(dialog.toggle_button, Qt.MouseButton.LeftButton)
    wait_idle()
    wait_idle()
    assert cell_texts(dialog.table)[0][2] == "deaktiviert"
    assert dialog.toggle_button.text() == "&Aktivieren"
    assert services.cases.partners(False) == []

    editor = dialog.edit_selected()
    assert editor is not None and editor.name.text() == "Jobcenter Kiel"
    assert not editor.active.isChecked()
    editor.name.setText("Jobcenter Kiel-Mitte")
    editor.active.setChecked(True)
    editor.submit()
    wait_idle()
    wait_idle()
    assert [p.name for p in services.cases.partners(False)] == ["Jobcenter Kiel-Mitte"]
    dialog.reject()

    extras = window.menuBar().actions()[1]
    assert extras.text() == "Extras"
    action = next(a for a in extras.menu().actions() if a.text() == "Netzwerkpartner …")  # type: ignore[union-attr]
    action.trigger()
    assert settings.partners_dialog is not None and settings.partners_dialog is not dialog
    assert settings.partners_dialog.isVisible()
    settings.partners_dialog.reject()


def test_inputs_are_labelled(
    qtbot: QtBot, window: MainWindow, office_data: Office, wait_idle: Callable[[], None]
) -> None:
    page = reminders_page(window, wait_idle)
    assert assert_labelled(page) == 1  # the counsellor filter
    assert assert_labelled(window.pages["cases"]) == 1
    page.tree.setCurrentItem(page.tree.topLevelItem(0).child(0))
    dialog = page.open_new_dialog()
    qtbot.addWidget(dialog)
    assert assert_labelled(dialog) == 3  # date, counsellor, about the client (and the text)
    assert dialog.text.accessibleName() == "Worum es geht"
    order, widget = [dialog.due], dialog.due.nextInFocusChain()
    while len(order) < 4:
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:  # not a text box's viewport
            order.append(widget)
        widget = widget.nextInFocusChain()
    assert order == [dialog.due, dialog.text, dialog.counsellor, dialog.for_client]
    dialog.reject()
    settings = window.pages["settings"]
    assert isinstance(settings, SettingsPage)
    partners = settings.open_partners_dialog()
    wait_idle()
    editor = partners.add_partner()
    assert assert_labelled(editor) == 3  # name, kind, active (and the contact)
    assert editor.contact.accessibleName() == "Kontakt"
    editor.reject()
    partners.reject()


def test_the_case_page_opens_from_the_list_and_goes_back(
    qtbot: QtBot, window: MainWindow, office_data: Office, wait_idle: Callable[[], None]
) -> None:
    window.show_page("cases")
    wait_idle()
    page = window.pages["cases"]
    assert isinstance(page, CasesPage)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # the first row: the nearest planned end
    case_page = window.case_page
    assert isinstance(case_page, CasePage)
    assert case_page.case_id == office_data.overdue_case
    wait_idle()
    assert window.stack.currentWidget() is case_page
    qtbot.mouseClick(case_page.back_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.case_page is None)
    assert window.stack.currentWidget() is page
    wait_idle()
