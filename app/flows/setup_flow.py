"""First-run setup as a state machine.

office → lead user → seal → confirm (creates the office) → recovery key → done.
Each ``submit_*`` validates its step with the domain rules and moves on, or
raises FieldErrors naming the fields. After ``create`` there is no way back:
the office exists and the recovery key must be acknowledged.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum

from app.domain.office import OfficeInfo, validate_login, validate_office
from app.domain.passphrase import check_passphrase
from app.domain.seal import SealMaterial
from app.errors import FieldErrors, LotseError
from app.i18n import _


class Step(Enum):
    OFFICE = "office"
    USER = "user"
    SEAL = "seal"
    CONFIRM = "confirm"
    RECOVERY = "recovery"
    DONE = "done"


_ORDER = list(Step)


@dataclass
class SetupData:
    office: OfficeInfo | None = None
    display_name: str = ""
    login: str = ""
    passphrase: str = field(default="", repr=False)
    seal: SealMaterial | None = None  # None: self-signed, made on create
    recovery_key: str = field(default="", repr=False)
    keyfile_id: str = ""


# (office, login, display name, passphrase, seal) -> (recovery key, key-file id)
Creator = Callable[[OfficeInfo, str, str, str, SealMaterial | None], tuple[str, str]]
Pkcs12Reader = Callable[[bytes, str | None], SealMaterial]


class SetupFlow:
    def __init__(self, min_passphrase_length: int) -> None:
        self.step = Step.OFFICE
        self.data = SetupData()
        self.min_passphrase_length = min_passphrase_length

    @property
    def can_go_back(self) -> bool:
        return self.step in (Step.USER, Step.SEAL, Step.CONFIRM)

    def back(self) -> None:
        if not self.can_go_back:
            raise RuntimeError(f"cannot go back from {self.step}")
        self.step = _ORDER[_ORDER.index(self.step) - 1]

    def _expect(self, step: Step) -> None:
        if self.step is not step:
            raise RuntimeError(f"expected step {step}, flow is at {self.step}")

    def submit_office(self, name: str, provider: str, district: str, posts: str | Decimal) -> None:
        self._expect(Step.OFFICE)
        self.data.office = validate_office(name, provider, district, posts)
        self.step = Step.USER

    def submit_user(self, display_name: str, login: str, passphrase: str, repeated: str) -> None:
        self._expect(Step.USER)
        errors: dict[str, str] = {}
        if not display_name.strip():
            errors["display_name"] = _("Bitte geben Sie Ihren Namen an.")
        try:
            login = validate_login(login)
        except FieldErrors as exc:
            errors.update(exc.errors)
        try:
            check_passphrase(passphrase, repeated, self.min_passphrase_length)
        except FieldErrors as exc:
            errors.update(exc.errors)
        if errors:
            raise FieldErrors(errors)
        self.data.display_name = display_name.strip()
        self.data.login = login
        self.data.passphrase = passphrase
        self.step = Step.SEAL

    def submit_seal_self_signed(self) -> None:
        self._expect(Step.SEAL)
        self.data.seal = None
        self.step = Step.CONFIRM

    def submit_seal_import(self, p12: bytes, password: str, reader: Pkcs12Reader) -> None:
        self._expect(Step.SEAL)
        try:
            self.data.seal = reader(p12, password or None)
        except LotseError as exc:
            raise FieldErrors({"pkcs12": exc.message}) from None
        self.step = Step.CONFIRM

    def create(self, creator: Creator) -> None:
        """Create the office. On failure the flow stays at CONFIRM and nothing exists."""
        self._expect(Step.CONFIRM)
        assert self.data.office is not None
        key, keyfile_id = creator(
            self.data.office,
            self.data.login,
            self.data.display_name,
            self.data.passphrase,
            self.data.seal,
        )
        self.data.recovery_key = key
        self.data.keyfile_id = keyfile_id
        self.data.passphrase = ""
        self.step = Step.RECOVERY

    def acknowledge_recovery(self, confirmed: bool) -> None:
        self._expect(Step.RECOVERY)
        if not confirmed:
            raise FieldErrors(
                {
                    "confirmed": _(
                        "Bitte bestätigen Sie, dass Sie den Wiederherstellungsschlüssel "
                        "notiert oder ausgedruckt haben."
                    )
                }
            )
        self.data.recovery_key = ""
        self.step = Step.DONE
