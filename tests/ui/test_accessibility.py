"""Every input has a label (buddy) and an accessible name; Tab order follows the layout."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.services.setup import SetupResult
from ui.dialogs.new_passphrase_dialog import NewPassphraseDialog
from ui.dialogs.unlock_dialog import UnlockDialog
from ui.main import AppContext
from ui.main_window import MainWindow
from ui.services import OfficeServices
from ui.setup_wizard import SetupWizard

INPUTS = (QLineEdit, QComboBox, QSpinBox, QCheckBox, QRadioButton)


def inputs(root: QWidget) -> list[QWidget]:
    found: list[QWidget] = []
    for kind in INPUTS:
        for widget in root.findChildren(kind):
            parent = widget.parentWidget()
            if isinstance(parent, QAbstractSpinBox | QComboBox):
                continue  # the line edit inside a spin box or combo box
            found.append(widget)
    return found


def assert_labelled(root: QWidget) -> int:
    buddies = {id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy()}
    widgets = inputs(root)
    for widget in widgets:
        name = widget.accessibleName()
        assert name.strip(), f"{type(widget).__name__} without accessible name in {root}"
        assert id(widget) in buddies, f"{name}: no label with setBuddy"
    return len(widgets)


def test_wizard_inputs_are_labelled(qtbot: QtBot, ctx: AppContext) -> None:
    wizard = SetupWizard(ctx.wizard_services(), ctx.ops)
    qtbot.addWidget(wizard)
    assert assert_labelled(wizard) >= 12  # 4 office, 4 user, 2 radios, file, password, checkbox


def test_unlock_dialog_inputs_are_labelled(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = UnlockDialog("Beratung", "anna", ctx.unlock, ctx.unlock_with_recovery, ctx.ops)
    qtbot.addWidget(dialog)
    assert assert_labelled(dialog) == 3
    assert dialog.mode.accessibleName() == "Entsperren mit"
    order = [dialog.mode]
    while len(order) < 5:
        order.append(order[-1].nextInFocusChain())
    assert order[1:4] == [dialog.login, dialog.passphrase, dialog.recovery_key]


def test_new_passphrase_dialog_inputs_are_labelled(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = NewPassphraseDialog(lambda current, new, repeated: None, ctx.ops, 10)
    qtbot.addWidget(dialog)
    assert assert_labelled(dialog) == 3  # current, new, repeated
    forced = NewPassphraseDialog(lambda current, new, repeated: None, ctx.ops, 10, forced=True)
    qtbot.addWidget(forced)
    assert assert_labelled(forced) == 2  # no current passphrase after a recovery-key unlock


def test_settings_page_inputs_are_labelled(
    qtbot: QtBot,
    services: OfficeServices,
    ctx: AppContext,
    office: SetupResult,
    wait_idle: Callable[[], None],
) -> None:
    window = MainWindow(services, ctx.ops, ctx.apply_language)
    qtbot.addWidget(window)
    wait_idle()
    # language + idle lock, staffing key and review interval
    assert assert_labelled(window.pages["settings"]) == 4
    assert assert_labelled(window.pages["clients"]) == 6  # search + five filters
