"""The intake wizard's last two pages: consents, then the initial consultation (saves all)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.client import ClientRow
from app.domain.counselling import ConsentDraft, ConsentKind, ContactDraft, ContactKind
from app.domain.eligibility import Offer
from app.errors import FieldErrors
from app.flows.intake_flow import IntakeStep
from app.i18n import _
from ui.intake_pages import IntakePage, read_date, strip_step_prefix
from ui.widgets.common import notice_label
from ui.widgets.counselling_inputs import LifeAreaList, contact_form_combo, minutes_spin
from ui.widgets.date_field import DateField
from ui.widgets.field_error import FieldForm
from ui.widgets.wrapping_choice import WrappingChoice

FORM_VERSION = "MSB-SH 2026-01"
RELEASE_ROWS = 3


def text_box(lines: int = 3) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 2 * box.frameWidth() + 8)
    return box


class ConsentPage(IntakePage):
    step = IntakeStep.CONSENT

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            _("Einwilligungen"),
            _("Tragen Sie ein, was die Person unterschrieben hat."),
            parent,
        )
        self.processing = QGroupBox(_("Einwilligung in die Datenverarbeitung liegt vor"))
        self.processing.setCheckable(True)
        self.processing.setChecked(True)
        self.processing.setAccessibleName(self.processing.title())
        self.given_on = DateField()
        self.form_version = QLineEdit(FORM_VERSION)
        self.language = QLineEdit()
        self.language.setMaxLength(2)
        self.form.add("given_on", _("Unterschrieben am"), self.given_on)
        self.form.add("form_version", _("Formularversion"), self.form_version)
        self.form.add("language", _("Sprache des Formulars"), self.language)
        # The base class put the form into the page body; move it into the group box.
        self.body.removeItem(self.form.layout)
        self.processing.setLayout(self.form.layout)
        self.body.addWidget(self.processing)

        releases = QGroupBox(_("Schweigepflichtentbindungen (freiwillig)"))
        self.release_form = FieldForm(wrap_rows=True)
        self.third_parties: list[QLineEdit] = []
        self.release_dates: list[DateField] = []
        for n in range(RELEASE_ROWS):
            party, on = QLineEdit(), DateField()
            party.setPlaceholderText(_("z. B. Jobcenter Kiel"))
            on_label = QLabel(_("am"))
            on_label.setBuddy(on)
            on.setAccessibleName(_("Entbindung {number} erteilt am").format(number=n + 1))
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(party, 1)
            line.addWidget(on_label)
            line.addWidget(on)
            self.release_form.add(
                f"release{n}", _("Stelle {number}").format(number=n + 1), row, buddy=party
            )
            self.third_parties.append(party)
            self.release_dates.append(on)
        releases.setLayout(self.release_form.layout)
        self.body.addWidget(releases)
        self.finish_layout()
        self._row_of_draft: list[tuple[FieldForm, str]] = []

    def initializePage(self) -> None:
        day = self.flow.today
        for field in (self.given_on, *self.release_dates):
            if not field.text():
                field.set_date(day)
        if not self.language.text():
            self.language.setText(self.flow.data.client.language)

    def prepare(self) -> Callable[[], object]:
        errors: dict[str, str] = {}
        version, language = self.form_version.text(), self.language.text()
        drafts: list[ConsentDraft] = []
        self._row_of_draft = []
        if self.processing.isChecked():
            given_on = read_date(self.given_on, "given_on", errors)
            if given_on is not None:
                drafts.append(ConsentDraft(ConsentKind.PROCESSING, given_on, version, language))
                self._row_of_draft.append((self.form, ""))
        release_errors: dict[str, str] = {}
        for n, (party, on) in enumerate(zip(self.third_parties, self.release_dates, strict=True)):
            if not party.text().strip():
                continue
            day = read_date(on, f"release{n}", release_errors)
            if day is not None:
                drafts.append(
                    ConsentDraft(ConsentKind.RELEASE, day, version, language, party.text())
                )
                self._row_of_draft.append((self.release_form, f"release{n}"))
        if errors or release_errors:
            self.release_form.show_errors(release_errors)
            raise FieldErrors(errors)
        self.release_form.clear()
        flow = self.flow
        return lambda: flow.submit_consents(drafts)

    def show_errors(self, errors: Mapping[str, str]) -> None:
        """``N.field`` names the N-th consent submitted: its own row, or the processing group."""
        mine: dict[str, str] = {}
        releases: dict[str, str] = {}
        for name, message in strip_step_prefix(errors).items():
            index, _dot, field = name.partition(".")
            if index.isdigit() and int(index) < len(self._row_of_draft):
                form, row = self._row_of_draft[int(index)]
                if form is self.form:
                    mine[field] = message
                else:
                    releases[row] = message
            else:
                mine[name] = message
        self.release_form.show_errors(releases)
        super().show_errors(mine)


class InitialPage(IntakePage):
    step = IntakeStep.INITIAL

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            _("Erstberatung"),
            _("„Fertig“ speichert die Person mit allen Angaben auf einmal."),
            parent,
        )
        self.setFinalPage(True)
        self.date = DateField()
        self.duration = minutes_spin()
        self.contact_form = contact_form_combo()
        self.interpreter = QCheckBox()
        interpreter = WrappingChoice(self.interpreter, _("Mit Dolmetscher:in"))
        self.life_areas = LifeAreaList()
        self.need = text_box()
        self.form.add("date", _("Datum"), self.date)
        self.form.add("duration_min", _("Dauer (Minuten)"), self.duration)
        self.form.add("form", _("Form"), self.contact_form)
        self.form.add("interpreter", "", interpreter, buddy=self.interpreter)
        self.form.add("life_areas", _("Lebensbereiche"), self.life_areas)
        self.form.add("need", _("Anliegen"), self.need)
        self.outcomes = QButtonGroup(self)
        self.outcome_buttons: dict[Offer, QRadioButton] = {}
        self.refusal = notice_label()
        self.outcome_choices: dict[Offer, WrappingChoice] = {}
        box = self._outcome_box()
        first = self.outcome_buttons[next(iter(Offer))]
        self.form.add("outcome", _("Ergebnis"), box, buddy=first)
        self.written_need = text_box()
        self.form.add(
            "written_need",
            _("Förderbedarf"),
            self.written_need,
            hint=_("Der schriftlich festgestellte Förderbedarf für die Integrationsbegleitung."),
        )
        self.form.set_row_visible("written_need", False)
        self.outcomes.buttonToggled.connect(lambda _button, _checked: self._update_need())
        self.finish_layout()

    def _outcome_box(self) -> QWidget:
        """One radio button per offer, the refusal sentence under them."""
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        for offer in Offer:
            button = QRadioButton()
            self.outcomes.addButton(button)
            self.outcome_buttons[offer] = button
            self.outcome_choices[offer] = WrappingChoice(button, offer.label)
            column.addWidget(self.outcome_choices[offer])
        column.addWidget(self.refusal)
        return box

    def initializePage(self) -> None:
        if not self.date.text():
            self.date.set_date(self.flow.today)
        offers = self.flow.offers
        refusal = self.flow.refusal() or ""
        for offer, button in self.outcome_buttons.items():
            allowed = offer in offers
            if not allowed and button.isChecked():
                self.outcomes.setExclusive(False)
                button.setChecked(False)
                self.outcomes.setExclusive(True)
            self.outcome_choices[offer].setEnabled(allowed)  # greys the text, too
            button.setAccessibleDescription("" if allowed else refusal)
        self.refusal.setText(refusal)
        self.refusal.setVisible(bool(refusal))
        self._update_need()

    def chosen_outcome(self) -> Offer | None:
        for offer, button in self.outcome_buttons.items():
            if button.isChecked():
                return offer
        return None

    def needs_written_need(self) -> bool:
        return (
            self.chosen_outcome() is Offer.CASE
            and Offer.CASE in self.flow.offers
            and self.flow.refusal() is not None
        )

    def _update_need(self) -> None:
        self.form.set_row_visible("written_need", self.needs_written_need())

    def prepare(self) -> Callable[[], object]:
        errors: dict[str, str] = {}
        day = read_date(self.date, "date", errors)
        if day is None and "date" not in errors:
            errors["date"] = _("Bitte das Datum angeben.")
        if errors:
            raise FieldErrors(errors)
        assert day is not None
        draft = ContactDraft(
            ContactKind.INITIAL,
            day,
            self.duration.value(),
            self.contact_form.currentData(),
            interpreter=self.interpreter.isChecked(),
            life_areas=self.life_areas.checked_codes(),
            need=self.need.toPlainText(),
            outcome=self.chosen_outcome(),
            written_need=self.written_need.toPlainText() if self.needs_written_need() else "",
        )
        flow = self.flow
        return lambda: flow.submit_initial(draft)

    def submitted(self, result: object) -> None:
        assert isinstance(result, ClientRow)
        self.intake.finish_with(result, saved=True)

    def refused(self, exc: BaseException) -> None:
        step = self.flow.step
        if isinstance(exc, FieldErrors) and step is not self.step:
            self.intake.return_to(step, exc.errors)  # the saving refused an earlier step
            return
        super().refused(exc)
