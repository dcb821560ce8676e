"""One case of Integrationsbegleitung: header with the three-year clock, then tabs for
the assessment, the support plan, reviews, referrals, rating and closing, and history.

The page loads itself when built (and again after every change). Unsaved typing in a
tab survives switching tabs and reloads; leaving the page with unsaved typing asks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.documents.document_data import DocumentKind
from app.documents.document_records import MadeDocument, PlanState
from app.domain.case import CaseDetails, GoalRecord, Partner
from app.domain.case_clock import ClockLevel
from app.domain.office import Role
from app.i18n import _, format_date
from ui.case_services import CaseServices
from ui.operations import Operations, user_message
from ui.pages.case_assessment_tab import AssessmentTab
from ui.pages.case_closing_tab import ClosingTab
from ui.pages.case_plan_tab import PlanTab
from ui.pages.case_record_tabs import HistoryTab, ReferralsTab, ReviewsTab
from ui.pages.client_master_data import record_trace
from ui.pages.document_section import DocumentSection, ask_for_document, show_document
from ui.services import OfficeServices
from ui.widgets.case_inputs import ConfirmBar, shortcut_text
from ui.widgets.common import chain_tab_order, heading_label, notice_label
from ui.widgets.field_error import FieldError, FieldForm, error_colour, show_failure

CLOSING_TAB = 4
URGENT = frozenset({ClockLevel.WARN_30, ClockLevel.LAST_DAY, ClockLevel.EXPIRED})


@dataclass(frozen=True)
class CaseData:
    details: CaseDetails
    partners: list[Partner]
    plan: PlanState


def case_data(
    cases: CaseServices,
    plan_state: Callable[[int, tuple[GoalRecord, ...]], PlanState],
    case_id: int,
) -> CaseData:
    """What the page shows, read on the worker; the case once, not again for the plan."""
    details = cases.case_details(case_id)
    return CaseData(details, cases.partners(False), plan_state(case_id, details.goals))


def scrolling(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return area


class CasePage(QWidget):
    back_requested = Signal()
    client_requested = Signal(int)  # client id

    def __init__(
        self,
        services: OfficeServices,
        ops: Operations,
        case_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services, self.ops, self.case_id = services, ops, case_id
        self.details: CaseDetails | None = None
        self._leave_action: Callable[[], None] = lambda: None
        cases = services.cases
        self._header_widgets()
        self.assessment = AssessmentTab(ops, lambda entry: cases.save_assessment(case_id, entry))
        self.plan = PlanTab(ops, cases, case_id)
        self.reviews = ReviewsTab(ops, cases, case_id)
        self.referrals = ReferralsTab(ops, cases, case_id)
        self.closing = ClosingTab(ops, cases, case_id)
        self.history = HistoryTab()
        # The case's documents: filled once the case (and so its client) is known.
        self.documents: DocumentSection | None = None
        self.documents_tab = QWidget()
        QVBoxLayout(self.documents_tab)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(_("Bereiche des Falls"))
        for tab, title in (
            (self.assessment, _("Anamnese")),
            (self.plan, _("Förderplan")),
            (self.reviews, _("Überprüfungen")),
            (self.referrals, _("Vermittlungen")),
            (self.closing, _("Bewertung && Abschluss")),
            (self.history, _("Verlauf")),
            (self.documents_tab, _("Dokumente")),
        ):
            self.tabs.addTab(scrolling(tab), title)
        for tab in (self.assessment, self.plan, self.reviews, self.referrals, self.closing):
            tab.changed.connect(self.reload)
        self._build()
        self.reload()

    def _header_widgets(self) -> None:
        self.back_button = QPushButton(_("Zurück"))
        back_keys = QKeySequence(Qt.KeyboardModifier.AltModifier | Qt.Key.Key_Left)
        self.back_button.setShortcut(back_keys)
        self.back_button.setToolTip(shortcut_text(back_keys))
        self.back_button.clicked.connect(lambda: self._leave(self.back_requested.emit))
        self.client_button = QPushButton(_("Zur Klient:in"))
        self.client_button.setToolTip(_("Die Seite der Klient:in öffnen"))
        self.client_button.clicked.connect(self._to_client)
        self.agreement_button = QPushButton(_("&Vereinbarung drucken …"))
        self.agreement_button.clicked.connect(lambda: self.print_document(DocumentKind.AGREEMENT))
        self.progress_button = QPushButton(_("Verlaufs&bogen drucken …"))
        self.progress_button.clicked.connect(lambda: self.print_document(DocumentKind.PROGRESS))
        self.agreement_state = QLabel()
        self.agreement_state.setWordWrap(True)
        self.reopen_button = QPushButton(_("Wieder öffnen …"))
        self.reopen_button.clicked.connect(self.ask_reopen)
        self.reopen_button.setVisible(False)
        self.title = heading_label(_("Integrationsbegleitung"))
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.clock = QLabel()
        self.clock.setWordWrap(True)
        self.clock.setTextFormat(Qt.TextFormat.PlainText)
        self.banner = notice_label()
        self.to_closing_button = QPushButton(_("Zu Bewertung und Abschluss"))
        self.to_closing_button.clicked.connect(lambda: self.tabs.setCurrentIndex(CLOSING_TAB))
        self.to_closing_button.setVisible(False)
        self.reopen_reason = QLineEdit()
        self.reopen_reason.setMaxLength(1000)
        self.reopen_reason.returnPressed.connect(self.reopen)
        self.reopen_form = FieldForm()
        self.reopen_form.add("note", _("Begründung"), self.reopen_reason)
        self.reopen_confirm = QPushButton(_("Fall wieder öffnen"))
        self.reopen_confirm.clicked.connect(self.reopen)
        self.reopen_cancel = QPushButton(_("Abbrechen"))
        self.reopen_cancel.clicked.connect(self._cancel_reopen)
        self.leave_bar = ConfirmBar(_("Änderungen verwerfen"), _("Weiter bearbeiten"))
        self.leave_bar.confirmed.connect(self._run_leave_action)
        self.error = FieldError()

    def _reopen_box(self) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(self.reopen_form.layout)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reopen_confirm)
        buttons.addWidget(self.reopen_cancel)
        buttons.addStretch(1)
        column.addLayout(buttons)
        box.setVisible(False)
        return box

    def _build(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addWidget(self.client_button)
        top.addStretch(1)
        top.addWidget(self.agreement_button)
        top.addWidget(self.progress_button)
        top.addWidget(self.reopen_button)
        self.reopen_box = self._reopen_box()
        header = QVBoxLayout()
        header.addLayout(top)
        header.addWidget(self.title)
        header.addWidget(self.facts)
        header.addWidget(self.clock)
        header.addWidget(self.agreement_state)
        banner_row = QHBoxLayout()
        banner_row.addWidget(self.banner, 1)
        banner_row.addWidget(self.to_closing_button, 0, Qt.AlignmentFlag.AlignVCenter)
        header.addLayout(banner_row)
        header.addWidget(self.reopen_box)
        header.addWidget(self.leave_bar)
        header.addWidget(self.error)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.tabs, 1)
        self._chain_focus()

    def _chain_focus(self) -> None:
        """Tab follows the page from top to bottom (again once rating rows come and go)."""
        chain_tab_order(
            self.back_button,
            self.client_button,
            self.agreement_button,
            self.progress_button,
            self.reopen_button,
            self.to_closing_button,
            self.reopen_reason,
            self.reopen_confirm,
            self.reopen_cancel,
            *self.leave_bar.focus_chain(),
            self.tabs,
            *self.assessment.focus_chain(),
            *self.plan.focus_chain(),
            *self.reviews.focus_chain(),
            *self.referrals.focus_chain(),
            *self.closing.focus_chain(),
            *self.history.focus_chain(),
            *(self.documents.focus_chain() if self.documents is not None else []),
        )

    # -- data ---------------------------------------------------------------------------
    def reload(self) -> None:
        cases, case_id = self.services.cases, self.case_id
        plan_state = self.services.documents.plan_state
        self.ops.run(
            lambda: case_data(cases, plan_state, case_id),
            self._show,
            lambda exc: self.error.set_message(user_message(exc)),
            context=self,
        )

    def _show(self, data: CaseData) -> None:
        details = self.details = data.details
        self.error.clear_message()
        self._show_header(details)
        self._show_plan_state(data.plan, details)
        summary, editable = details.summary, details.editable
        self.assessment.show_assessment(details.assessment, summary.written_need, editable)
        self.plan.show_plan(details.goals, data.partners, editable)
        self.reviews.show_reviews(details.reviews, details.goals, summary, editable)
        self.referrals.show_referrals(details.referrals, data.partners, editable)
        self.closing.show_case(summary, details.goals, details.closing_note)
        self.history.show_history(details.events, details.contacts)
        self._show_documents(summary.client_id)
        self._chain_focus()

    def _show_header(self, details: CaseDetails) -> None:
        summary = details.summary
        self.title.setText(_("Integrationsbegleitung: {name}").format(name=summary.client_name))
        self.client_button.setText(_("Zur Klient:in {number}").format(number=summary.client_number))
        facts = _("Berater:in: {counsellor} · Beginn: {start}").format(
            counsellor=summary.counsellor or _("niemand"), start=format_date(summary.start)
        )
        if not summary.is_open:  # an open case's clock names its planned end
            facts = _("{facts} · geplantes Ende: {end}").format(
                facts=facts, end=format_date(summary.planned_end)
            )
        trace = record_trace(details)
        self.facts.setText(f"{facts}\n{trace}" if trace else facts)
        self._show_clock(details)
        self.banner.setText(details.read_only_reason)
        self.banner.setVisible(not details.editable)
        self.banner.setAccessibleDescription(details.read_only_reason)
        past_end = summary.is_open and not details.editable
        # Past the end the banner says what the clock would: say it once, in red.
        self.banner.setStyleSheet(f"color: {error_colour(self)};" if past_end else "")
        self.clock.setVisible(not past_end)
        self.to_closing_button.setVisible(past_end)
        lead = self.services.user.role is Role.LEAD
        self.reopen_button.setVisible(lead and not summary.is_open)
        if summary.is_open:
            self.reopen_box.setVisible(False)

    def _show_documents(self, client_id: int) -> None:
        if self.documents is None:
            self.documents = DocumentSection(self.services, self.ops, client_id, self.case_id)
            layout = self.documents_tab.layout()
            assert isinstance(layout, QVBoxLayout)
            layout.addWidget(self.documents)
            layout.addStretch(1)
        self.documents.reload()

    def _show_plan_state(self, plan: PlanState, details: CaseDetails) -> None:
        if plan.version is None:
            text = _("Noch keine Integrationsvereinbarung gedruckt (sie ist freiwillig).")
        elif plan.changed_since:
            text = _(
                "Förderplan geändert seit Version {n} der Vereinbarung; der nächste Druck wird "
                "Version {next}."
            ).format(n=plan.version, next=plan.version + 1)
        else:
            text = _("Integrationsvereinbarung: Version {n} gilt.").format(n=plan.version)
        self.agreement_state.setText(text)
        self.agreement_button.setEnabled(details.editable)

    def print_document(self, kind: DocumentKind) -> None:
        if self.details is None:
            return
        ask_for_document(
            self, self.services, self.ops, self.details.summary.client_id, kind, self.case_id,
            self._printed,
        )  # fmt: skip

    def _printed(self, made: MadeDocument) -> None:
        self.reload()
        self.viewer = show_document(
            self, self.services.documents, self.ops, made.info, made.pdf, made.file_name
        )

    def _show_clock(self, details: CaseDetails) -> None:
        summary, clock = details.summary, details.clock
        urgent = clock is not None and clock.level in URGENT
        if clock is not None:
            self.clock.setText(clock.sentence)
        elif summary.closed_on is not None:
            reason = summary.closing_reason.label if summary.closing_reason else ""
            self.clock.setText(
                _("Abgeschlossen am {date}: {reason}").format(
                    date=format_date(summary.closed_on), reason=reason
                )
            )
        font = self.clock.font()
        font.setBold(urgent)
        self.clock.setFont(font)
        self.clock.setFrameShape(QFrame.Shape.StyledPanel if urgent else QFrame.Shape.NoFrame)
        self.clock.setMargin(self.clock.fontMetrics().averageCharWidth() if urgent else 0)
        self.clock.setStyleSheet(f"color: {error_colour(self)};" if urgent else "")
        self.clock.setAccessibleDescription(self.clock.text())

    # -- leaving --------------------------------------------------------------------------
    def unsaved_changes(self) -> list[str]:
        """What was typed and not saved: life areas, the plan's form, ratings."""
        return [*self.assessment.unsaved(), *self.plan.unsaved(), *self.closing.unsaved()]

    def _leave(self, action: Callable[[], None]) -> None:
        unsaved = self.unsaved_changes()
        if not unsaved:
            action()
            return
        self._leave_action = action
        self.leave_bar.ask(
            _("Nicht gespeichert: {what}. Die Seite trotzdem verlassen?").format(
                what="; ".join(unsaved)
            )
        )

    def _run_leave_action(self) -> None:
        self._leave_action()

    def _to_client(self) -> None:
        if self.details is not None:
            client_id = self.details.summary.client_id
            self._leave(lambda: self.client_requested.emit(client_id))

    # -- reopening (lead only) ---------------------------------------------------------------
    def ask_reopen(self) -> None:
        self.reopen_form.clear()
        self.reopen_box.setVisible(True)
        self.reopen_reason.setFocus()

    def _cancel_reopen(self) -> None:
        self.reopen_box.setVisible(False)
        self.reopen_button.setFocus()

    def reopen(self) -> None:
        if not self.reopen_confirm.isEnabled():
            return
        note, reopen, case_id = (
            self.reopen_reason.text(),
            self.services.cases.reopen_case,
            self.case_id,
        )
        self.reopen_form.clear()
        self.error.clear_message()
        self.ops.run(
            lambda: reopen(case_id, note),
            lambda _summary: self._reopened(),
            lambda exc: show_failure(self.reopen_form, self.error, exc),
            context=self,
            busy=[self.reopen_confirm],
        )

    def _reopened(self) -> None:
        self.reopen_reason.clear()
        self.reopen_box.setVisible(False)
        self.reload()
