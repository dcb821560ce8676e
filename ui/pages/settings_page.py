"""Einstellungen: UI language, own passphrase, the network partners, and the office-wide
settings (idle lock).

The office form follows load() → check() → save(); only the lead may edit it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app import config
from app.config import Setting
from app.domain.office import Role
from app.errors import FieldErrors, LotseError
from app.i18n import LANGUAGES, N_, _, current_language
from ui.dialogs.new_passphrase_dialog import NewPassphraseDialog
from ui.dialogs.partners_dialog import PartnersDialog
from ui.operations import Operations, user_message
from ui.pages.letterhead_group import LetterheadGroup
from ui.services import OfficeServices
from ui.widgets.common import heading_label
from ui.widgets.field_error import FieldError, FieldForm, hint_label

# Only settings that already have an effect are shown; the others in app.config
# (staffing key, review interval, retention, export threshold) wait for their features.
OFFICE_SETTINGS: tuple[Setting[int], ...] = (
    config.IDLE_LOCK_MINUTES,
    config.STAFFING_KEY,
    config.REVIEW_INTERVAL_MONTHS,
)
SETTING_HINTS = {
    config.IDLE_LOCK_MINUTES.key: N_(
        "So lange ohne Eingabe, dann sperrt sich Lotse und fragt nach der Passphrase."
    ),
    config.STAFFING_KEY.key: N_(
        "Personen in Integrationsbegleitung je Vollzeitstelle und Jahr (Rahmenkonzept: 75)."
    ),
    config.REVIEW_INTERVAL_MONTHS.key: N_(
        "Abstand, den eine neue Überprüfung für die nächste vorschlägt."
    ),
}


class SettingsPage(QWidget):
    saved = Signal()  # the office settings were stored

    def __init__(
        self,
        services: OfficeServices,
        ops: Operations,
        change_language: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._ops = ops
        self._change_language = change_language
        self.editable = services.user.role is Role.LEAD
        self.min_passphrase_length = config.MIN_PASSPHRASE_LENGTH.default
        self.passphrase_dialog: NewPassphraseDialog | None = None
        self.partners_dialog: PartnersDialog | None = None

        content = QWidget()
        column = QVBoxLayout(content)
        column.addWidget(heading_label(_("Einstellungen")))
        column.addWidget(self._language_group())
        column.addWidget(self._passphrase_group())
        column.addWidget(self._partners_group())
        column.addWidget(self._office_group())
        self.letterhead = LetterheadGroup(services.documents, ops, self.editable)
        column.addWidget(self.letterhead)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    # -- building ---------------------------------------------------------
    def _language_group(self) -> QGroupBox:
        box = QGroupBox(_("Oberfläche"))
        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(self.language.findData(current_language()))
        self.language_form = FieldForm(grow_fields=False)
        self.language_form.add("language", _(config.UI_LANGUAGE.label), self.language)
        # After add(): the form clears the old error first, then this may set a new one.
        self.language.currentIndexChanged.connect(self._language_chosen)
        box.setLayout(self.language_form.layout)
        return box

    def _passphrase_group(self) -> QGroupBox:
        box = QGroupBox(_("Passphrase"))
        self.change_passphrase_button = QPushButton(_("Passphrase ändern …"))
        self.change_passphrase_button.clicked.connect(self.open_passphrase_dialog)
        self.passphrase_status = hint_label("")
        row = QHBoxLayout(box)
        row.addWidget(self.change_passphrase_button)
        row.addWidget(self.passphrase_status, 1)
        return box

    def _partners_group(self) -> QGroupBox:
        box = QGroupBox(_("Netzwerkpartner"))
        self.partners_button = QPushButton(_("Netzwerkpartner verwalten …"))
        self.partners_button.clicked.connect(self.open_partners_dialog)
        row = QHBoxLayout(box)
        row.addWidget(self.partners_button)
        row.addWidget(
            hint_label(_("Jobcenter, Ausländerbehörde, Kursträger …: an wen verwiesen wird.")), 1
        )
        return box

    def _office_group(self) -> QGroupBox:
        box = QGroupBox(_("Beratungsstelle"))
        column = QVBoxLayout(box)
        if not self.editable:
            column.addWidget(hint_label(_("Nur die Leitung kann diese Einstellungen ändern.")))
        # The rows grow to the page's width, so the hints under the fields have room to
        # wrap; the spin boxes themselves stay one narrow column.
        self.office_form = FieldForm(grow_fields=True)
        self.spins: dict[str, QSpinBox] = {}
        for setting in OFFICE_SETTINGS:
            spin = QSpinBox()
            spin.setRange(int(setting.minimum or 0), int(setting.maximum or 10**6))
            spin.setValue(setting.default)
            spin.setEnabled(False)  # until loaded
            self.office_form.add(
                setting.key, _(setting.label), spin, hint=_(SETTING_HINTS[setting.key])
            )
            self.spins[setting.key] = spin
        widest = max(spin.sizeHint().width() for spin in self.spins.values())
        for spin in self.spins.values():
            spin.setFixedWidth(widest)  # one column of equal fields
        column.addLayout(self.office_form.layout)
        self.save_button = QPushButton(_("Speichern"))
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save)
        self.office_status = hint_label(_("Wird geladen …"))
        self.office_error = FieldError()
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.office_status, 1)
        column.addLayout(row)
        column.addWidget(self.office_error)
        # Only now: setVisible(True) on a widget without a parent would open it as a window.
        self.save_button.setVisible(self.editable)
        return box

    # -- language ---------------------------------------------------------
    def _language_chosen(self, index: int) -> None:
        code = str(self.language.itemData(index))
        if code == current_language():
            return
        self.language_form.clear()
        try:
            self._change_language(code)
        except LotseError as exc:
            self.language.blockSignals(True)
            self.language.setCurrentIndex(self.language.findData(current_language()))
            self.language.blockSignals(False)
            self.language_form.set_error("language", exc.message)

    # -- passphrase -------------------------------------------------------
    def open_passphrase_dialog(self) -> None:
        self.passphrase_status.setText("")
        dialog = NewPassphraseDialog(
            self._services.change_passphrase,
            self._ops,
            self.min_passphrase_length,
            parent=self.window(),
        )
        dialog.accepted.connect(
            lambda: self.passphrase_status.setText(_("Die Passphrase wurde geändert."))
        )
        self.passphrase_dialog = dialog
        dialog.open()

    # -- network partners -------------------------------------------------
    def open_partners_dialog(self) -> PartnersDialog:
        if self.partners_dialog is not None:
            self.partners_dialog.deleteLater()
        self.partners_dialog = PartnersDialog.start(
            self._services.cases, self._ops, parent=self.window()
        )
        return self.partners_dialog

    # -- office settings: load, check, save --------------------------------
    def load(self) -> None:
        self.letterhead.load()
        get = self._services.get_setting
        wanted = (*OFFICE_SETTINGS, config.MIN_PASSPHRASE_LENGTH)
        self._ops.run(
            lambda: {s.key: get(s) for s in wanted}, self._loaded, self._load_failed, context=self
        )

    def _loaded(self, values: dict[str, Any]) -> None:
        for key, spin in self.spins.items():
            spin.setValue(int(values[key]))
            spin.setEnabled(self.editable)
        self.min_passphrase_length = int(values[config.MIN_PASSPHRASE_LENGTH.key])
        self.save_button.setEnabled(self.editable)
        self.office_status.setText("")

    def _load_failed(self, exc: BaseException) -> None:
        self.office_status.setText("")
        self.office_error.set_message(user_message(exc))

    def check(self) -> dict[str, int]:
        """The values typed, by setting key; FieldErrors naming those out of range."""
        values: dict[str, int] = {}
        errors: dict[str, str] = {}
        for setting in OFFICE_SETTINGS:
            value = self.spins[setting.key].value()
            problem = setting.problem(value)
            if problem:
                errors[setting.key] = problem
            values[setting.key] = value
        if errors:
            raise FieldErrors(errors)
        return values

    def save(self) -> None:
        self.office_status.setText("")
        self.office_error.clear_message()
        try:
            values = self.check()
        except FieldErrors as exc:
            self.office_form.show_errors(exc.errors)
            return
        self.office_form.clear()
        store = self._services.set_setting

        def write() -> None:
            for setting in OFFICE_SETTINGS:
                store(setting, values[setting.key])

        self._ops.run(write, self._saved, self._save_failed, context=self, busy=[self.save_button])

    def _saved(self, _result: object) -> None:
        self.office_status.setText(_("Gespeichert."))
        self.saved.emit()

    def _save_failed(self, exc: BaseException) -> None:
        if isinstance(exc, FieldErrors):
            self.office_form.show_errors(exc.errors)
        else:
            self.office_error.set_message(user_message(exc))
