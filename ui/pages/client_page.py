"""One client: master data, languages, family, residence status with the target-group
class, consents, and the counselling timeline with a quick form for the next contact."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain.client import ClientDetails, ClientRow
from app.domain.counselling import ConsentRecord, ContactRecord
from app.domain.eligibility import Eligibility
from app.domain.family import FamilyMember, LanguageSkill
from app.domain.residence import StatusEntry
from app.i18n import _, format_date, ngettext
from ui.operations import Operations, user_message
from ui.pages.case_sections import CaseSection
from ui.pages.client_master_data import MasterDataBox, birth_text
from ui.pages.client_sections import ConsentSection, ContactSection, StatusSection
from ui.pages.document_section import DocumentSection
from ui.pages.family_sections import FamilySection
from ui.pages.language_section import LanguageSection
from ui.services import OfficeServices
from ui.widgets.common import chain_tab_order, heading_label
from ui.widgets.counselling_inputs import life_area_labels
from ui.widgets.field_error import FieldError, hint_label
from ui.widgets.residence import AssessmentBox

TWO_COLUMNS_CHARS = 120  # below this width (in average characters) the columns stack


@dataclass(frozen=True)
class ClientRecords:
    history: list[StatusEntry]
    eligibility: Eligibility
    consents: list[ConsentRecord]
    timeline: list[ContactRecord]
    details: ClientDetails
    family: list[FamilyMember]
    languages: list[LanguageSkill]


def contact_text(contact: ContactRecord) -> str:
    """A timeline entry: what, when, how long, with whom; then life areas and the note."""
    parts = [
        format_date(contact.date),
        contact.kind.label,
        contact.form.label,
        _("{minutes} Min.").format(minutes=contact.duration_min),
    ]
    if contact.interpreter:
        parts.append(_("mit Dolmetscher:in"))
    if contact.family_present:
        parts.append(
            ngettext("{count} Angehörige:r", "{count} Angehörige", contact.family_present).format(
                count=contact.family_present
            )
        )
    if contact.counsellor:
        parts.append(contact.counsellor)
    lines = [" · ".join(parts)]
    if contact.outcome is not None:
        lines.append(_("Ergebnis: {outcome}").format(outcome=contact.outcome.label))
    if contact.life_areas:
        lines.append(
            _("Lebensbereiche: {areas}").format(areas=life_area_labels(contact.life_areas))
        )
    text = contact.note or contact.need
    if text.strip():
        lines.append(text.strip().splitlines()[0])
    return "\n".join(lines)


class ClientPage(QWidget):
    back_requested = Signal()
    open_client_requested = Signal(object)  # ClientRow of a linked relative
    case_requested = Signal(int)  # case id

    def __init__(
        self,
        services: OfficeServices,
        ops: Operations,
        client: ClientRow,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.ops = ops
        self.client = client
        cid = client.id
        self.back_button = QPushButton(_("Zurück zur Liste"))
        back_keys = QKeySequence(Qt.KeyboardModifier.AltModifier | Qt.Key.Key_Left)
        self.back_button.setShortcut(back_keys)
        self.back_button.setToolTip(back_keys.toString(QKeySequence.SequenceFormat.NativeText))
        self.back_button.clicked.connect(self.back_requested.emit)
        self.assessment = AssessmentBox()
        self.status = StatusSection(ops, lambda entry: services.add_status(cid, entry))
        self.consents = ConsentSection(
            ops,
            services.withdraw_consent,
            lambda draft: services.add_consent(cid, draft),
            client.language,
        )
        self.contact = ContactSection(ops, lambda draft: services.record_contact(cid, draft))
        self.master_data = MasterDataBox(client)
        self.family = FamilySection(
            ops,
            services.client_by_number,
            lambda draft: services.add_family_member(cid, draft),
            services.remove_family_member,
        )
        self.family.open_client.connect(self.open_client_requested.emit)
        self.languages = LanguageSection(
            ops,
            lambda skill: services.set_language(cid, skill),
            lambda code: services.remove_language(cid, code),
        )
        self.cases = CaseSection(services, ops, client)
        self.documents = DocumentSection(services, ops, client.id)
        self.cases.case_requested.connect(self.case_requested.emit)
        self.timeline = QListWidget()
        self.timeline.setWordWrap(True)
        self.timeline.setAlternatingRowColors(True)
        self.timeline.setAccessibleName(_("Verlauf der Beratung"))
        self.error = FieldError()
        for section in (self.status, self.consents, self.contact, self.family, self.languages):
            section.changed.connect(self.reload)
        self.status.changed.connect(self._show_change)
        self._build()

    def _build(self) -> None:
        client = self.client
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addStretch(1)
        header = QVBoxLayout()
        header.addLayout(top)
        header.addWidget(
            heading_label(
                _("{family}, {given}").format(family=client.family_name, given=client.given_name)
            )
        )
        self.subtitle = hint_label(self._subtitle())
        header.addWidget(self.subtitle)
        header.addWidget(self.error)

        left = QVBoxLayout()
        left.addWidget(self.master_data)
        left.addWidget(self.languages)
        left.addWidget(self.assessment)
        left.addWidget(self.cases)
        left.addWidget(self.status)
        left.addWidget(self.consents)
        left.addWidget(self.documents)
        left.addStretch(1)
        history = QGroupBox(_("Verlauf"))
        timeline_label = QLabel(_("Kontakte, neueste zuerst"))
        timeline_label.setBuddy(self.timeline)
        column = QVBoxLayout(history)
        column.addWidget(timeline_label)
        column.addWidget(self.timeline)
        lines = self.fontMetrics().lineSpacing()
        self.timeline.setMinimumHeight(lines * 6)
        self.timeline.setMaximumHeight(lines * 14)
        right = QVBoxLayout()
        right.addWidget(history)
        right.addWidget(self.contact)
        right.addWidget(self.family)
        right.addStretch(1)
        # Side by side when there is room, one below the other at large font sizes.
        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.columns.addLayout(left, 1)
        self.columns.addLayout(right, 1)

        content = QWidget()
        body = QVBoxLayout(content)
        body.addLayout(header)
        body.addLayout(self.columns, 1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(content)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area)
        chain_tab_order(
            self.back_button,
            self.timeline,
            *self.contact.focus_chain(),
            *self.family.focus_chain(),
            *self.languages.focus_chain(),
            *self.cases.focus_chain(),
            *self.status.focus_chain(),
            *self.consents.focus_chain(),
            *self.documents.focus_chain(),
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        wide = self.width() >= self.fontMetrics().averageCharWidth() * TWO_COLUMNS_CHARS
        self.columns.setDirection(
            QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        )
        super().resizeEvent(event)

    def _subtitle(self, details: ClientDetails | None = None) -> str:
        """The number, and the date of birth once the details say whether only its year is known."""
        number = self.client.number
        birth = details.birth_date if details is not None else None
        if details is None or birth is None:
            return _("Nr. {number}").format(number=number)
        if details.birth_year_only:
            return _("Nr. {number} · geboren {year}").format(
                number=number, year=birth_text(birth, True)
            )
        return _("Nr. {number} · geboren am {birth}").format(
            number=number, birth=format_date(birth)
        )

    def _show_change(self) -> None:
        """The sentence on what changed must not stay below the visible part of the page."""
        QTimer.singleShot(0, lambda: self.scroll_area.ensureWidgetVisible(self.status.change))

    # -- data ---------------------------------------------------------------------
    def reload(self) -> None:
        self.cases.reload()
        self.documents.reload()
        services, cid = self.services, self.client.id
        self.ops.run(
            lambda: ClientRecords(
                services.status_history(cid),
                services.eligibility(cid),
                services.consents(cid),
                services.timeline(cid),
                services.client_details(cid),
                services.family_members(cid),
                services.languages(cid),
            ),
            self._show,
            lambda exc: self.error.set_message(user_message(exc)),
            context=self,
        )

    def _show(self, records: ClientRecords) -> None:
        self.error.clear_message()
        self.subtitle.setText(self._subtitle(records.details))
        self.master_data.show_details(records.details)
        self.family.show_members(records.family)
        self.languages.show_languages(records.languages)
        self.assessment.show_eligibility(records.eligibility)
        self.status.show_history(records.history)
        self.consents.show_consents(records.consents)
        self.timeline.clear()
        for contact in records.timeline:
            self.timeline.addItem(contact_text(contact))
        if not records.timeline:
            self.timeline.addItem(_("Noch keine Kontakte erfasst."))
