"""New client intake as a state machine: duplicates → personal → residence → consent →
initial consultation → done.

The duplicate check comes first: while names and date of birth are typed the
flow offers likely matches (``candidates``); the counsellor opens one of them
(``open_existing``, the flow ends without saving) or goes on. The residence step
shows the computed target-group class with its explanation, and the last step
offers only what that class allows. Saving happens once, at the end, through
the ``Saver`` (``app.services.intake.intake``), whose step-prefixed field errors
send the flow back to the page concerned.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum

from app.domain.client import ClientDraft, ClientRow, validate_client
from app.domain.counselling import ConsentDraft, ContactDraft, ContactKind, validate_consent
from app.domain.eligibility import Eligibility, Offer
from app.domain.name_matching import PersonKey
from app.domain.residence import StatusEntry, validate_status_entry
from app.errors import FieldErrors
from app.i18n import _


class IntakeStep(Enum):
    NAMES = "names"
    PERSONAL = "personal"
    RESIDENCE = "residence"
    CONSENT = "consent"
    INITIAL = "initial"
    DONE = "done"


_ORDER = list(IntakeStep)
_PREFIX_STEP = {
    "client.": IntakeStep.PERSONAL,
    "status.": IntakeStep.RESIDENCE,
    "consent.": IntakeStep.CONSENT,
    "initial.": IntakeStep.INITIAL,
}


@dataclass(frozen=True)
class Candidate:
    client: ClientRow
    score: float
    reasons: tuple[str, ...]


DuplicateFinder = Callable[[PersonKey], Sequence[Candidate]]
# (status history, arrival, permanent since) -> eligibility on the intake day
Assessor = Callable[[Sequence[StatusEntry], dt.date | None, dt.date | None], Eligibility]
Saver = Callable[
    [ClientDraft, StatusEntry | None, tuple[ConsentDraft, ...], ContactDraft], ClientRow
]


@dataclass
class IntakeData:
    client: ClientDraft = field(default_factory=lambda: ClientDraft("", "", None))
    status: StatusEntry | None = None
    eligibility: Eligibility | None = None
    consents: tuple[ConsentDraft, ...] = ()
    initial: ContactDraft | None = None
    saved: ClientRow | None = None
    opened_existing: ClientRow | None = None


class IntakeFlow:
    def __init__(
        self, today: dt.date, find: DuplicateFinder, assess: Assessor, save: Saver
    ) -> None:
        self.today = today
        self._save = save
        self.step = IntakeStep.NAMES
        self.data = IntakeData()
        self._find = find
        self._assess = assess
        self.candidates: tuple[Candidate, ...] = ()

    # -- navigation -----------------------------------------------------------
    @property
    def can_go_back(self) -> bool:
        return self.step not in (IntakeStep.NAMES, IntakeStep.DONE)

    def back(self) -> None:
        if not self.can_go_back:
            raise RuntimeError(f"cannot go back from {self.step}")
        self.step = _ORDER[_ORDER.index(self.step) - 1]

    def _expect(self, step: IntakeStep) -> None:
        if self.step is not step:
            raise RuntimeError(f"expected step {step}, flow is at {self.step}")

    # -- 1. names and the duplicate check --------------------------------------
    def type_names(
        self, family: str, given: str, birth: dt.date | None, year_only: bool = False
    ) -> tuple[Candidate, ...]:
        """Called on every keystroke; returns likely matches, best first."""
        self._expect(IntakeStep.NAMES)
        self.data.client = replace(
            self.data.client,
            family_name=family,
            given_name=given,
            birth_date=birth,
            birth_year_only=year_only,
        )
        if len(family.strip()) + len(given.strip()) < 3:
            self.candidates = ()
        else:
            self.candidates = tuple(self._find(PersonKey(family, given, birth, year_only)))
        return self.candidates

    def open_existing(self, client: ClientRow) -> None:
        self._expect(IntakeStep.NAMES)
        self.data.opened_existing = client
        self.step = IntakeStep.DONE

    def submit_names(self) -> None:
        self._expect(IntakeStep.NAMES)
        self._check_client(("family_name", "given_name", "birth_date"))
        self.step = IntakeStep.PERSONAL

    # -- 2. personal data -------------------------------------------------------
    def submit_personal(
        self,
        sex: str,
        nationality: str,
        language: str,
        arrival: dt.date | None,
        permanent_since: dt.date | None,
    ) -> None:
        self._expect(IntakeStep.PERSONAL)
        self.data.client = replace(
            self.data.client,
            sex=sex,
            nationality=nationality,
            language=language,
            arrival_date=arrival,
            permanent_since=permanent_since,
        )
        self._check_client(("sex", "arrival_date", "permanent_since"))
        self.step = IntakeStep.RESIDENCE

    def _check_client(self, fields: Sequence[str]) -> None:
        try:
            validate_client(self.data.client, self.today)
        except FieldErrors as exc:
            mine = {f: m for f, m in exc.errors.items() if f in fields}
            if mine:
                raise FieldErrors(mine) from None

    # -- 3. residence status → target-group class ------------------------------
    def preview_status(self, code: str | None, valid_from: dt.date | None) -> Eligibility:
        """The class and its explanation for what is selected, before submitting."""
        history = [StatusEntry(code, valid_from)] if code and valid_from else []
        client = self.data.client
        return self._assess(history, client.arrival_date, client.permanent_since)

    def submit_residence(self, code: str | None, valid_from: dt.date | None) -> Eligibility:
        self._expect(IntakeStep.RESIDENCE)
        if code and valid_from is None:
            raise FieldErrors({"valid_from": _("Bitte das Datum „gültig ab“ angeben.")})
        entry = StatusEntry(code, valid_from) if code and valid_from else None
        if entry is not None:
            validate_status_entry(entry, self.data.client.birth_date, self.today)
        self.data.status = entry
        self.data.eligibility = self.preview_status(code, valid_from)
        self.step = IntakeStep.CONSENT
        return self.data.eligibility

    # -- 4. consent ---------------------------------------------------------------
    def submit_consents(self, consents: Sequence[ConsentDraft]) -> None:
        self._expect(IntakeStep.CONSENT)
        errors: dict[str, str] = {}
        for n, consent in enumerate(consents):
            try:
                validate_consent(consent, self.today)
            except FieldErrors as exc:
                errors.update({f"{n}.{f}": m for f, m in exc.errors.items()})
        if errors:
            raise FieldErrors(errors)
        self.data.consents = tuple(consents)
        self.step = IntakeStep.INITIAL

    # -- 5. initial consultation and saving ------------------------------------------
    @property
    def offers(self) -> tuple[Offer, ...]:
        """The outcomes the initial consultation may have for this client."""
        elig = self.data.eligibility
        allowed = elig.allowed if elig else frozenset(Offer)
        return tuple(o for o in Offer if o in allowed)

    def refusal(self) -> str | None:
        """Why Integrationsbegleitung is not offered, or needs a written need."""
        elig = self.data.eligibility
        if elig is None:
            return None
        if Offer.CASE not in elig.allowed or elig.case_needs_written_need:
            return elig.explanation
        return None

    def submit_initial(self, draft: ContactDraft) -> ClientRow:
        self._expect(IntakeStep.INITIAL)
        if draft.kind is not ContactKind.INITIAL:
            raise ValueError("the intake ends with an initial consultation")
        if draft.outcome is not None and draft.outcome not in self.offers:
            raise FieldErrors({"outcome": self.refusal() or _("Dieses Angebot ist nicht möglich.")})
        self.data.initial = draft
        try:
            saved = self._save(self.data.client, self.data.status, self.data.consents, draft)
        except FieldErrors as exc:
            self._return_to_first_error(exc)
            raise
        self.data.saved = saved
        self.step = IntakeStep.DONE
        return saved

    def _return_to_first_error(self, exc: FieldErrors) -> None:
        steps = [
            step
            for name in exc.errors
            for prefix, step in _PREFIX_STEP.items()
            if name.startswith(prefix)
        ]
        if steps:
            self.step = min(steps, key=_ORDER.index)
