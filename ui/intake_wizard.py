"""New client intake: a QWizard mapped one page per step onto ``IntakeFlow``.

The flow (in ``app``) holds the state and the rules; the pages collect input and
call the flow through ``Operations`` (it reaches the database). Nothing is saved
until "Fertig": then client, status, consents and the initial consultation are
stored in one transaction. If saving refuses a field of an earlier step, the
wizard goes back to that page and shows the message under the field; everything
typed stays.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget, QWizard

from app.domain.client import ClientRow
from app.flows.intake_flow import IntakeFlow, IntakeStep
from app.i18n import _
from ui.intake_final_pages import ConsentPage, InitialPage
from ui.intake_pages import IntakePage, NamesPage, PersonalPage, ResidencePage, strip_step_prefix
from ui.operations import Operations
from ui.widgets.flow_wizard import FlowWizard


class IntakeWizard(FlowWizard):
    """Emits ``client_chosen`` with the saved client, or with the existing one opened instead."""

    client_chosen = Signal(object, bool)  # ClientRow, saved (False: an existing record)

    def __init__(self, flow: IntakeFlow, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.flow = flow
        self.ops = ops
        self.busy = 0
        self.closing = False
        self.setWindowTitle(_("Neue:r Klient:in"))
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        texts = {
            QWizard.WizardButton.BackButton: _("Zurück"),
            QWizard.WizardButton.NextButton: _("Weiter"),
            QWizard.WizardButton.FinishButton: _("Fertig"),
            QWizard.WizardButton.CancelButton: _("Abbrechen"),
        }
        for button, text in texts.items():
            self.setButtonText(button, text)
        self.pages: dict[IntakeStep, IntakePage] = {
            IntakeStep.NAMES: NamesPage(),
            IntakeStep.PERSONAL: PersonalPage(),
            IntakeStep.RESIDENCE: ResidencePage(),
            IntakeStep.CONSENT: ConsentPage(),
            IntakeStep.INITIAL: InitialPage(),
        }
        self.install_pages(self.pages.values(), chars=100, lines=44)

    def page_for(self, step: IntakeStep) -> IntakePage:
        return self.pages[step]

    def current_step(self) -> IntakeStep:
        page = self.currentPage()
        assert isinstance(page, IntakePage)
        return page.step

    # -- talking to the flow --------------------------------------------------------
    def run_on_flow(
        self,
        action: Callable[[], object],
        on_success: Callable[[object], None],
        on_failure: Callable[[BaseException], None],
    ) -> None:
        """Run a step of the flow on the worker with the wizard's buttons disabled."""
        buttons = [
            self.button(which)
            for which in (
                QWizard.WizardButton.BackButton,
                QWizard.WizardButton.NextButton,
                QWizard.WizardButton.FinishButton,
            )
        ]
        self.busy += 1

        def done(callback: Callable[[object], None], value: object) -> None:
            self.busy -= 1
            callback(value)

        self.ops.run(
            action,
            lambda value: done(on_success, value),
            lambda exc: done(on_failure, exc),  # type: ignore[arg-type]
            context=self,
            busy=buttons,
        )

    def finish_with(self, client: ClientRow, *, saved: bool) -> None:
        self.closing = True
        self.client_chosen.emit(client, saved)
        self.accept()

    def return_to(self, step: IntakeStep, errors: Mapping[str, str]) -> None:
        """Go back to the page of ``step`` (the flow is already there) and show ``errors``."""
        while self.current_step() is not step and self.currentId() > 0:
            self.back()
        self.page_for(step).show_errors(strip_step_prefix(errors))

    def reject(self) -> None:
        if self.busy:
            return  # saving: cancelling now would leave the outcome unknown
        super().reject()
