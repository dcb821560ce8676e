"""First-run setup: a QWizard mapped one page per step onto ``SetupFlow``.

The flow (in ``app``) holds the state and the rules; the pages collect input,
call the flow's ``submit_*`` in ``validatePage`` and show the field errors.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QAbstractButton, QWidget, QWizard

from app.domain.office import OfficeInfo
from app.flows.setup_flow import Creator, Pkcs12Reader, SetupFlow, Step
from app.i18n import _
from ui.operations import Operations
from ui.setup_commit_pages import ConfirmPage, RecoveryPage
from ui.setup_pages import FlowPage, OfficePage, SealPage, UserPage
from ui.widgets.flow_wizard import FlowWizard

# (office, recovery key, key-file id) -> the emergency sheet as PDF bytes
SheetBuilder = Callable[[OfficeInfo, str, str], bytes]


@dataclass(frozen=True)
class WizardServices:
    home: Path  # the office folder, shown before anything is created
    creator: Creator
    pkcs12_reader: Pkcs12Reader
    recovery_sheet: SheetBuilder
    min_passphrase_length: int


class SetupWizard(FlowWizard):
    def __init__(
        self, services: WizardServices, ops: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.ops = ops
        self.busy = False
        self.flow = SetupFlow(services.min_passphrase_length)
        self.setWindowTitle(_("Lotse einrichten"))
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        texts = {
            QWizard.WizardButton.BackButton: _("Zurück"),
            QWizard.WizardButton.NextButton: _("Weiter"),
            QWizard.WizardButton.CommitButton: _("Einrichten"),
            QWizard.WizardButton.FinishButton: _("Fertig"),
            QWizard.WizardButton.CancelButton: _("Abbrechen"),
        }
        for button, text in texts.items():
            self.setButtonText(button, text)
        self.pages: dict[Step, FlowPage] = {
            Step.OFFICE: OfficePage(),
            Step.USER: UserPage(services.min_passphrase_length),
            Step.SEAL: SealPage(),
            Step.CONFIRM: ConfirmPage(),
            Step.RECOVERY: RecoveryPage(),
        }
        self.install_pages(self.pages.values(), chars=80, lines=34)

    def page_for(self, step: Step) -> FlowPage:
        return self.pages[step]

    def navigation_buttons(self) -> list[QAbstractButton]:
        return [
            self.button(QWizard.WizardButton.BackButton),
            self.button(QWizard.WizardButton.CancelButton),
        ]

    @property
    def office(self) -> OfficeInfo | None:
        return self.flow.data.office

    @property
    def login(self) -> str:
        return self.flow.data.login

    def reject(self) -> None:
        # Nothing may interrupt the creation, and once the office exists the
        # recovery key must be acknowledged: Escape and the close button do nothing.
        if self.busy or self.flow.step in (Step.RECOVERY, Step.DONE):
            return
        super().reject()
