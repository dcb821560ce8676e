"""The input pages of the setup wizard: office, lead user, seal.

Each page maps to one step of ``app.flows.setup_flow.SetupFlow``; the flow
validates, the page only shows the field errors it gets back.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)

from app.domain.office import DISTRICTS, district_label
from app.errors import FieldErrors
from app.flows.setup_flow import SetupFlow, Step
from app.i18n import _
from ui.widgets.flow_wizard import FormPage
from ui.widgets.passphrase_strength import StrengthMeter
from ui.widgets.wrapping_choice import WrappingChoice

if TYPE_CHECKING:
    from ui.setup_wizard import SetupWizard

MAX_PKCS12_BYTES = 1024 * 1024  # real PKCS#12 files are a few KiB


class FlowPage(FormPage):
    """A wizard page bound to one step of the setup flow."""

    step: Step

    @property
    def setup(self) -> SetupWizard:
        wizard = self.wizard()
        assert wizard is not None
        return wizard  # type: ignore[return-value]

    @property
    def flow(self) -> SetupFlow:
        return self.setup.flow

    def submit(self, action: Callable[[], None]) -> bool:
        """Run a flow step; show its field errors and stay on the page if it refuses."""
        self.general_error.clear_message()
        try:
            action()
        except FieldErrors as exc:
            leftover = self.form.show_errors(exc.errors)
            if leftover:
                self.general_error.set_message(" ".join(leftover.values()))
            self.setup.fit_to_contents()
            return False
        self.form.clear()
        return True

    def cleanupPage(self) -> None:
        # Called when the user goes Back from this page: keep the flow in step.
        if self.flow.step is self.step and self.flow.can_go_back:
            self.flow.back()


def _line_edit(*, password: bool = False) -> QLineEdit:
    edit = QLineEdit()
    if password:
        edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class OfficePage(FlowPage):
    step = Step.OFFICE

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            _("Beratungsstelle"),
            _("Diese Angaben stehen später auf Ausdrucken und im Jahresexport an das Land."),
            parent,
        )
        self.name = _line_edit()
        self.provider = _line_edit()
        self.district = QComboBox()
        self.district.addItem(_("Bitte wählen …"), "")
        for code in DISTRICTS:
            self.district.addItem(district_label(code), code)
        self.posts = _line_edit()
        self.posts.setPlaceholderText(_("z. B. 1,5"))
        self.form.add("name", _("Name der Beratungsstelle"), self.name)
        self.form.add("provider", _("Träger"), self.provider)
        self.form.add("district", _("Kreis/kreisfreie Stadt"), self.district)
        self.form.add(
            "posts",
            _("Vollzeitstellen (VZÄ)"),
            self.posts,
            hint=_("Stellen der Migrationsberatung in Vollzeitäquivalenten, z. B. 1,5."),
        )
        self.finish_layout()

    def validatePage(self) -> bool:
        return self.submit(
            lambda: self.flow.submit_office(
                self.name.text(),
                self.provider.text(),
                str(self.district.currentData() or ""),
                self.posts.text(),
            )
        )


class UserPage(FlowPage):
    step = Step.USER

    def __init__(self, min_length: int, parent: QWidget | None = None) -> None:
        super().__init__(
            _("Ihr Zugang"),
            _(
                "Sie richten Lotse als Leitung der Beratungsstelle ein. Die Passphrase schützt "
                "alle Daten; sie wird nirgends gespeichert."
            ),
            parent,
        )
        self.display_name = _line_edit()
        self.login = _line_edit()
        self.passphrase = _line_edit(password=True)
        self.repeat = _line_edit(password=True)
        self.meter = StrengthMeter()
        self.form.add("display_name", _("Ihr Name"), self.display_name)
        self.form.add(
            "login",
            _("Benutzername"),
            self.login,
            hint=_("Zum Anmelden, z. B. „anna“: Kleinbuchstaben, Ziffern, Punkt oder Bindestrich."),
        )
        self.form.add(
            "passphrase",
            _("Passphrase"),
            self.passphrase,
            hint=_(
                "Mindestens {count} Zeichen. Mehrere Wörter mit Ziffern oder Sonderzeichen "
                "sind leicht zu merken und schwer zu erraten."
            ).format(count=min_length),
        )
        self.form.layout.addRow(self.meter)
        self.form.add("repeat", _("Passphrase wiederholen"), self.repeat)
        self.passphrase.textChanged.connect(self.meter.update_for)
        self.finish_layout()

    def validatePage(self) -> bool:
        return self.submit(
            lambda: self.flow.submit_user(
                self.display_name.text(),
                self.login.text(),
                self.passphrase.text(),
                self.repeat.text(),
            )
        )


class SealPage(FlowPage):
    step = Step.SEAL

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            _("Dienstsiegel"),
            _("Mit dem Dienstsiegel versiegelt Lotse Ausdrucke und Exporte elektronisch."),
            parent,
        )
        self.self_signed = QRadioButton()
        self.imported = QRadioButton()
        self_signed_row = WrappingChoice(
            self.self_signed,
            _("Selbst erstelltes Dienstsiegel (empfohlen für den Anfang)"),
            _(
                "Lotse erzeugt ein eigenes Zertifikat. Es zeigt, dass ein Dokument "
                "unverändert ist; wer es ausgestellt hat, bestätigt es nicht."
            ),
        )
        imported_row = WrappingChoice(
            self.imported,
            _("Zertifikat des Trägers importieren (PKCS#12)"),
            _("Eine Datei mit Zertifikat und privatem Schlüssel, z. B. von einem Trust Center."),
        )
        self.choice = QButtonGroup(self)
        self.choice.addButton(self.self_signed)
        self.choice.addButton(self.imported)
        self.self_signed.setChecked(True)
        self.file = _line_edit()
        self.browse = QPushButton(_("Durchsuchen …"))
        file_row = QWidget()
        row = QHBoxLayout(file_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.file, 1)
        row.addWidget(self.browse)
        self.password = _line_edit(password=True)

        self.add_above_form(self_signed_row)
        self.add_above_form(imported_row)
        self.form.add("pkcs12", _("PKCS#12-Datei (.p12, .pfx)"), file_row, buddy=self.file)
        self.form.add("password", _("Kennwort der Datei"), self.password)
        self.import_fields = (self.file, self.browse, self.password)
        self.imported.toggled.connect(self._import_toggled)
        self.browse.clicked.connect(self._browse)
        self._import_toggled(False)
        self.finish_layout()

    def _import_toggled(self, on: bool) -> None:
        for widget in self.import_fields:
            widget.setEnabled(on)
        if not on:
            self.form.clear()

    def _browse(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            _("Zertifikat auswählen"),
            self.file.text(),
            _("PKCS#12-Dateien (*.p12 *.pfx);;Alle Dateien (*)"),
        )
        if path:
            self.file.setText(path)
            self.password.setFocus()

    def validatePage(self) -> bool:
        if self.self_signed.isChecked():
            return self.submit(self.flow.submit_seal_self_signed)
        return self.submit(self._import)

    def _import(self) -> None:
        text = self.file.text().strip()
        if not text:
            raise FieldErrors({"pkcs12": _("Bitte wählen Sie die PKCS#12-Datei aus.")})
        path = Path(text).expanduser()
        try:
            if path.stat().st_size > MAX_PKCS12_BYTES:
                raise FieldErrors({"pkcs12": _("Diese Datei ist zu groß für eine PKCS#12-Datei.")})
            data = path.read_bytes()
        except OSError:
            raise FieldErrors(
                {"pkcs12": _("Die Datei {path} kann nicht gelesen werden.").format(path=path)}
            ) from None
        self.flow.submit_seal_import(data, self.password.text(), self.setup.services.pkcs12_reader)
