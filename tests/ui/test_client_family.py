"""The client page's master data, family and languages."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.domain.family import Relation
from ui.main_window import MainWindow
from ui.services import OfficeServices

from .test_client_page import client_named, open_page, window  # noqa: F401 (fixture)


def test_master_data_show_who_created_the_record(
    window: MainWindow, demo_services: OfficeServices, wait_idle: Callable[[], None]
) -> None:
    client = client_named(demo_services, "Schäfer")
    details = demo_services.client_details(client.id)
    page = open_page(window, client, wait_idle)
    box = page.master_data
    assert box.value("number") == client.number
    assert box.value("sex") in {"weiblich", "männlich", "divers", "keine Angabe"}
    trace = box.trace.text()
    assert box.trace.isVisible()
    assert details.created_by in {"Lea Leitung", "Bela Beratung"}
    assert trace.startswith(f"angelegt von {details.created_by} am ")
    assert ", zuletzt geändert von " in trace
    if details.birth_date is not None and details.birth_year_only:
        assert box.value("birth_date") == str(details.birth_date.year)


def test_adding_family_members_and_opening_a_linked_one(
    qtbot: QtBot,
    window: MainWindow,
    demo_services: OfficeServices,
    wait_idle: Callable[[], None],
) -> None:
    client = client_named(demo_services, "Salz")
    relative = client_named(demo_services, "Bilgin")
    page = open_page(window, client, wait_idle)
    family = page.family
    assert family.list.item(0).text() == "Keine Angehörigen erfasst."
    assert not family.given_name.isVisibleTo(page)  # the number first

    qtbot.mouseClick(family.add_button, Qt.MouseButton.LeftButton)
    assert family.form.error("linked_client_id").message() == "Bitte die Nummer angeben."
    qtbot.keyClicks(family.number, "K-99999")
    qtbot.mouseClick(family.add_button, Qt.MouseButton.LeftButton)
    wait_idle()
    assert "K-99999" in family.form.error("linked_client_id").message()
    family.number.clear()
    family.relation.setCurrentIndex(family.relation.findData(Relation.SIBLING))
    qtbot.keyClicks(family.number, str(int(relative.number[2:])))  # "12" finds K-00012
    qtbot.mouseClick(family.add_button, Qt.MouseButton.LeftButton)
    wait_idle()
    assert family.list.count() == 1
    assert (
        family.list.item(0)
        .text()
        .startswith(
            f"Geschwister: {relative.given_name} {relative.family_name} ({relative.number})"
        )
    )

    family.mode.setCurrentIndex(family.mode.findData("companion"))
    assert family.given_name.isVisibleTo(page) and not family.number.isVisibleTo(page)
    family.relation.setCurrentIndex(family.relation.findData(Relation.CHILD))
    qtbot.keyClicks(family.given_name, "Mia")
    family.birth_year.setValue(2019)
    qtbot.mouseClick(family.add_button, Qt.MouseButton.LeftButton)
    wait_idle()
    texts = [family.list.item(r).text() for r in range(family.list.count())]
    assert texts[0] == "Kind: Mia, geb. 2019"  # children before siblings
    assert family.given_name.text() == ""

    # Removing asks first; the linked record itself stays.
    family.list.setCurrentRow(0)
    qtbot.mouseClick(family.remove_button, Qt.MouseButton.LeftButton)
    assert family.confirm_box.isVisible() and "Mia" in family.question.text()
    qtbot.mouseClick(family.confirm_button, Qt.MouseButton.LeftButton)
    wait_idle()
    assert family.list.count() == 1 and not family.confirm_box.isVisible()

    family.list.setCurrentRow(0)
    assert family.open_button.isEnabled()
    qtbot.mouseClick(family.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.client_page is not None and window.client_page is not page)
    wait_idle()
    assert window.client_page is not None and window.client_page.client.id == relative.id


def test_adding_and_removing_languages(
    qtbot: QtBot,
    window: MainWindow,
    demo_services: OfficeServices,
    wait_idle: Callable[[], None],
) -> None:
    client = client_named(demo_services, "Salz")
    page = open_page(window, client, wait_idle)
    languages = page.languages
    assert languages.german.text() == "Deutschkenntnisse: nicht erfasst"
    assert languages.language.currentData() == "de"  # German first

    languages.level.setCurrentIndex(languages.level.findData("A2"))
    qtbot.mouseClick(languages.save_button, Qt.MouseButton.LeftButton)
    wait_idle()
    languages.language.setCurrentIndex(languages.language.findData("ar"))
    languages.level.setCurrentIndex(languages.level.findData("C2"))
    qtbot.mouseClick(languages.save_button, Qt.MouseButton.LeftButton)
    wait_idle()
    languages.language.setCurrentIndex(languages.language.findData("de"))
    languages.level.setCurrentIndex(languages.level.findData("B1"))
    qtbot.mouseClick(languages.save_button, Qt.MouseButton.LeftButton)  # a new level for German
    wait_idle()
    assert [languages.list.item(r).text() for r in range(languages.list.count())] == [
        "Deutsch (de): B1",
        "Arabisch (ar): C2",
    ]
    assert languages.german.text() == "Deutschkenntnisse: B1"
    assert "Lea Leitung" in languages.list.item(0).toolTip()

    languages.list.setCurrentRow(1)
    qtbot.mouseClick(languages.remove_button, Qt.MouseButton.LeftButton)
    wait_idle()
    assert languages.list.count() == 1
    assert [s.language for s in demo_services.languages(client.id)] == ["de"]
