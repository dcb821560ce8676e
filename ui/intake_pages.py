"""The intake wizard's pages for names (with the duplicate check), personal data and status.

Each page maps to one step of ``app.flows.intake_flow.IntakeFlow``. The flow
may reach the database (duplicates, saving), so every call on it runs through
``Operations``: the page reads its fields into plain values, hands the worker
a closure over those values and the flow, and moves on in the success callback.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from app.domain.eligibility import Eligibility
from app.errors import FieldErrors
from app.flows.intake_flow import Candidate, IntakeFlow, IntakeStep
from app.i18n import N_, _, format_date
from ui.operations import user_message
from ui.widgets.date_field import DateError, DateField, parse_birth
from ui.widgets.field_error import hint_label
from ui.widgets.flow_wizard import FormPage
from ui.widgets.residence import AssessmentBox, status_combo

if TYPE_CHECKING:
    from ui.intake_wizard import IntakeWizard

DEBOUNCE_MS = 150
STEP_PREFIXES = ("client.", "status.", "initial.", "consent.")
UPPER_CODE = r"[A-Za-z]{0,3}"
LOWER_CODE = r"[A-Za-z]{0,2}"


def strip_step_prefix(errors: Mapping[str, str]) -> dict[str, str]:
    """``client.sex`` → ``sex``; ``consent.0.given_on`` → ``0.given_on`` (the pages' names)."""
    stripped: dict[str, str] = {}
    for name, message in errors.items():
        prefix = next((p for p in STEP_PREFIXES if name.startswith(p)), "")
        stripped[name[len(prefix) :]] = message
    return stripped


def read_date(field: DateField, name: str, errors: dict[str, str]) -> Any:
    """The field's date, or None with the reason added to ``errors``."""
    try:
        return field.date()
    except DateError as exc:
        errors[name] = exc.message
        return None


class IntakePage(FormPage):
    """A wizard page bound to one step of the intake flow."""

    step: IntakeStep

    def __init__(self, title: str, intro: str, parent: QWidget | None = None) -> None:
        super().__init__(title, intro, parent)
        self._passed = False

    @property
    def intake(self) -> IntakeWizard:
        wizard = self.wizard()
        assert wizard is not None
        return wizard  # type: ignore[return-value]

    @property
    def flow(self) -> IntakeFlow:
        return self.intake.flow

    # -- submitting -------------------------------------------------------------
    def prepare(self) -> Callable[[], object]:
        """Read the fields into a closure over plain values and the flow (no widgets);
        raise FieldErrors for what the page itself cannot read (a date, say)."""
        raise NotImplementedError

    def validatePage(self) -> bool:
        if self._passed or self.intake.closing:
            self._passed = False
            return True
        self.general_error.clear_message()
        try:
            action = self.prepare()
        except FieldErrors as exc:
            self.show_errors(exc.errors)
            return False
        self.form.clear()
        self.intake.run_on_flow(action, self.submitted, self.refused)
        return False

    def submitted(self, _result: object) -> None:
        self._passed = True
        self.intake.next()

    def refused(self, exc: BaseException) -> None:
        if isinstance(exc, FieldErrors):
            self.show_errors(strip_step_prefix(exc.errors))
        else:
            self.general_error.set_message(user_message(exc))

    def show_errors(self, errors: Mapping[str, str]) -> None:
        leftover = self.form.show_errors(errors)
        if leftover:
            self.general_error.set_message(" ".join(leftover.values()))
        self.intake.fit_to_contents()

    def cleanupPage(self) -> None:
        # Called when the user goes Back from this page: keep the flow in step.
        if self.flow.step is self.step and self.flow.can_go_back:
            self.flow.back()


class NamesPage(IntakePage):
    step = IntakeStep.NAMES

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            _("Name und Geburtsdatum"),
            _("Schon beim Tippen wird geprüft, ob die Person bereits erfasst ist."),
            parent,
        )
        self.family = QLineEdit()
        self.given = QLineEdit()
        self.birth = DateField(year_allowed=True)
        self.form.add("family_name", _("Familienname"), self.family)
        self.form.add("given_name", _("Vorname(n)"), self.given)
        self.form.add(
            "birth_date",
            _("Geburtsdatum"),
            self.birth,
            hint=_("Ist nur das Jahr bekannt, genügt das Jahr, z. B. 1987."),
        )
        self.candidates = QListWidget()
        self.candidates.setWordWrap(True)
        lines = self.fontMetrics().lineSpacing()
        self.candidates.setMinimumHeight(lines * 2)
        self.candidates.setMaximumHeight(lines * 4)
        self.candidates.setAccessibleName(_("Mögliche Doppelerfassungen"))
        candidates_label = QLabel(_("Mögliche Doppelerfassungen"))
        candidates_label.setBuddy(self.candidates)
        self.no_candidates = hint_label(_("Keine ähnlichen Personen gefunden."))
        self.open_button = QPushButton(_("Vorhandenen Datensatz öffnen"))
        self.open_button.setEnabled(False)
        for widget in (candidates_label, self.no_candidates, self.candidates):
            self.body.addWidget(widget)
        self.body.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.finish_layout()
        self._sequence = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.check_duplicates)
        for edit in (self.family, self.given, self.birth):
            edit.textEdited.connect(lambda _text: self._timer.start())
        self.birth.editingFinished.connect(self._check_birth)
        self.candidates.currentRowChanged.connect(lambda row: self.open_button.setEnabled(row >= 0))
        self.candidates.itemActivated.connect(lambda _item: self.open_selected())
        self.open_button.clicked.connect(self.open_selected)

    def _read_birth(self) -> tuple[Any, bool]:
        try:
            return parse_birth(self.birth.text())
        except DateError as exc:
            self.form.set_error("birth_date", exc.message)
            return None, False

    def _check_birth(self) -> None:
        self._read_birth()

    def check_duplicates(self) -> None:
        """Ask the flow for likely matches of what is typed now; older answers are dropped."""
        try:
            birth, year_only = parse_birth(self.birth.text())
        except DateError:
            birth, year_only = None, False  # said under the field when it is left
        family, given, flow = self.family.text(), self.given.text(), self.flow
        self._sequence += 1
        sequence = self._sequence
        self.intake.ops.run(
            lambda: flow.type_names(family, given, birth, year_only),
            lambda found: self._show_candidates(sequence, found),
            lambda exc: self._show_candidates(sequence, ()),
            context=self,
        )

    def _show_candidates(self, sequence: int, found: tuple[Candidate, ...]) -> None:
        if sequence != self._sequence:
            return  # an answer to an earlier keystroke
        self.candidates.clear()
        for candidate in found:
            item = QListWidgetItem(candidate_text(candidate))
            item.setData(Qt.ItemDataRole.UserRole, candidate.client)
            self.candidates.addItem(item)
        self.no_candidates.setVisible(not found)
        self.open_button.setEnabled(False)

    def open_selected(self) -> None:
        item = self.candidates.currentItem()
        if item is None:
            return
        client = item.data(Qt.ItemDataRole.UserRole)
        flow = self.flow
        self._sequence += 1  # no list updates any more
        self.intake.run_on_flow(
            lambda: flow.open_existing(client),
            lambda _none: self.intake.finish_with(client, saved=False),
            self.refused,
        )

    def prepare(self) -> Callable[[], object]:
        errors: dict[str, str] = {}
        try:
            birth, year_only = parse_birth(self.birth.text())
        except DateError as exc:
            errors["birth_date"] = exc.message
            birth, year_only = None, False
        if errors:
            raise FieldErrors(errors)
        family, given, flow = self.family.text(), self.given.text(), self.flow
        self._timer.stop()
        self._sequence += 1

        def submit() -> None:
            flow.type_names(family, given, birth, year_only)
            flow.submit_names()

        return submit


def candidate_text(candidate: Candidate) -> str:
    client = candidate.client
    born = format_date(client.birth_date) if client.birth_date else _("unbekannt")
    return _("{family}, {given} ({number}), geboren {birth}: {score} % – {reasons}").format(
        family=client.family_name,
        given=client.given_name,
        number=client.number,
        birth=born,
        score=round(candidate.score * 100),
        reasons="; ".join(candidate.reasons),
    )


SEX_CHOICES = (
    ("f", N_("weiblich")),
    ("m", N_("männlich")),
    ("d", N_("divers")),
    ("u", N_("keine Angabe")),
)


class PersonalPage(IntakePage):
    step = IntakeStep.PERSONAL

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Persönliche Angaben"), "", parent)
        self.sex = QComboBox()
        self.sex.addItem(_("Bitte wählen …"), "")
        for code, label in SEX_CHOICES:
            self.sex.addItem(_(label), code)
        self.nationality = QLineEdit()
        self.nationality.setMaxLength(3)
        self.nationality.setValidator(QRegularExpressionValidator(UPPER_CODE, self.nationality))
        self.nationality.setPlaceholderText(_("z. B. SYR"))
        self.language = QLineEdit()
        self.language.setMaxLength(2)
        self.language.setValidator(QRegularExpressionValidator(LOWER_CODE, self.language))
        self.language.setPlaceholderText(_("z. B. ar"))
        self.arrival = DateField()
        self.permanent = DateField()
        self.form.add("sex", _("Geschlecht"), self.sex)
        self.form.add(
            "nationality",
            _("Staatsangehörigkeit"),
            self.nationality,
            hint=_("Dreistelliger Ländercode (ISO 3166), z. B. SYR, UKR, AFG."),
        )
        self.form.add(
            "language",
            _("Sprache"),
            self.language,
            hint=_("Zweistelliger Sprachcode (ISO 639-1), z. B. ar, uk, fa."),
        )
        self.form.add("arrival_date", _("Einreise am"), self.arrival, hint=_("Falls bekannt."))
        self.form.add(
            "permanent_since",
            _("Daueraufenthalt seit"),
            self.permanent,
            hint=_("Seit wann ein dauerhafter Aufenthaltsstatus besteht, falls bekannt."),
        )
        self.finish_layout()

    def prepare(self) -> Callable[[], object]:
        errors: dict[str, str] = {}
        arrival = read_date(self.arrival, "arrival_date", errors)
        permanent = read_date(self.permanent, "permanent_since", errors)
        if errors:
            raise FieldErrors(errors)
        sex = str(self.sex.currentData() or "")
        nationality, language = self.nationality.text(), self.language.text()
        flow = self.flow
        return lambda: flow.submit_personal(sex, nationality, language, arrival, permanent)


class ResidencePage(IntakePage):
    step = IntakeStep.RESIDENCE

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            _("Aufenthaltsstatus"),
            _("Der Status bestimmt die Zielgruppe und damit, welche Angebote möglich sind."),
            parent,
        )
        self.status = status_combo(_("noch unbekannt"))
        self.valid_from = DateField()
        self.form.add("code", _("Aufenthaltsstatus"), self.status)
        self.form.add("valid_from", _("gültig ab"), self.valid_from)
        self.assessment = AssessmentBox()
        self.body.addWidget(self.assessment)
        self.finish_layout()
        self._sequence = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.preview)
        self.status.currentIndexChanged.connect(lambda _index: self.preview())
        self.valid_from.textEdited.connect(lambda _text: self._timer.start())

    def initializePage(self) -> None:
        self.preview()  # arrival and permanent status may have changed

    def preview(self) -> None:
        """Show the class for what is selected now (dated today while no valid date is typed)."""
        code = self.status.currentData()
        try:
            valid_from = self.valid_from.date()
        except DateError:
            valid_from = None
        flow = self.flow
        day = valid_from or flow.today
        self._sequence += 1
        sequence = self._sequence
        self.intake.ops.run(
            lambda: flow.preview_status(code, day),
            lambda elig: self._show(sequence, elig),
            lambda exc: self._show_failure(sequence, exc),
            context=self,
        )

    def _show(self, sequence: int, elig: Eligibility) -> None:
        if sequence == self._sequence:
            self.assessment.show_eligibility(elig)

    def _show_failure(self, sequence: int, exc: BaseException) -> None:
        if sequence == self._sequence:
            self.general_error.set_message(user_message(exc))

    def prepare(self) -> Callable[[], object]:
        errors: dict[str, str] = {}
        valid_from = read_date(self.valid_from, "valid_from", errors)
        if errors:
            raise FieldErrors(errors)
        code = self.status.currentData()
        flow = self.flow
        return lambda: flow.submit_residence(code, valid_from)
