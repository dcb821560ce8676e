"""Settings, declared once with type, default and purpose.

Two scopes: ``LOCAL`` settings live in a small plain JSON file beside the
database and hold nothing personal (they are needed before unlock, e.g. the UI
language); ``OFFICE`` settings live encrypted in the database.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, Generic, TypeVar

from app.atomic import write_atomic
from app.i18n import N_, _

T = TypeVar("T", str, int, float, bool)


class Scope(Enum):
    LOCAL = "local"
    OFFICE = "office"


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    type: type[T]
    default: T
    scope: Scope
    label: str  # marked with N_(), translated at display
    minimum: float | None = None
    maximum: float | None = None

    def problem(self, value: Any) -> str | None:
        """Why ``value`` cannot be stored, as a sentence; None if it can."""
        if isinstance(value, bool) and self.type is not bool:
            return _("Bitte einen gültigen Wert eingeben.")
        try:
            typed = self.type(value)
        except (TypeError, ValueError):
            return _("Bitte einen gültigen Wert eingeben.")
        low, high = self.minimum, self.maximum
        if isinstance(typed, int | float) and (
            (low is not None and typed < low) or (high is not None and typed > high)
        ):
            return _("Bitte einen Wert von {low} bis {high} eingeben.").format(
                low=format_number(low), high=format_number(high)
            )
        return None

    def coerce(self, raw: Any) -> T:
        """The stored value as ``type``, or the default if it is unusable."""
        if isinstance(raw, bool) and self.type is not bool:
            return self.default
        try:
            value = self.type(raw)
        except (TypeError, ValueError):
            return self.default
        if isinstance(value, int | float) and not isinstance(value, bool):
            if self.minimum is not None and value < self.minimum:
                return self.default
            if self.maximum is not None and value > self.maximum:
                return self.default
        return value


UI_LANGUAGE = Setting("ui_language", str, "de", Scope.LOCAL, N_("Sprache der Oberfläche"))
LAST_USER = Setting("last_user", str, "", Scope.LOCAL, N_("Zuletzt angemeldet"))
# Shown in the unlock dialog before anything is decrypted; the office's name is not personal.
OFFICE_NAME = Setting("office_name", str, "", Scope.LOCAL, N_("Name der Beratungsstelle"))
# Where backups go on this PC (a USB stick's path differs between PCs), and when the last ran.
BACKUP_FOLDER = Setting("backup_folder", str, "", Scope.LOCAL, N_("Ordner für Sicherungen"))
LAST_BACKUP = Setting("last_backup", str, "", Scope.LOCAL, N_("Letzte Sicherung"))
IDLE_LOCK_MINUTES = Setting(
    "idle_lock_minutes", int, 10, Scope.OFFICE, N_("Automatisch sperren nach (Minuten)"), 1, 240
)
STAFFING_KEY = Setting(
    "staffing_key", int, 75, Scope.OFFICE, N_("Stellenschlüssel (Personen je VZÄ)"), 1, 500
)
REVIEW_INTERVAL_MONTHS = Setting(
    "review_interval_months", int, 6, Scope.OFFICE, N_("Überprüfung nach (Monaten)"), 1, 36
)
RETENTION_MONTHS = Setting(
    "retention_months", int, 12, Scope.OFFICE, N_("Löschfrist nach Abschluss (Monate)"), 1, 120
)
SUPPRESSION_THRESHOLD = Setting(
    "suppression_threshold", int, 5, Scope.OFFICE, N_("Mindestfallzahl im Export"), 3, 50
)
MIN_PASSPHRASE_LENGTH = Setting(
    "min_passphrase_length", int, 10, Scope.OFFICE, N_("Mindestlänge der Passphrase"), 8, 64
)
# The office's stable id, taken from its first key file: the coordinator knows the office by
# it, so neither a rekey nor a key file rebuilt from the recovery key may change it.
OFFICE_ID = Setting("office_id", str, "", Scope.OFFICE, N_("Kennung der Beratungsstelle"))
# The letterhead's logo (PNG or JPEG, base64): printed at the top right of documents.
OFFICE_LOGO = Setting("office_logo", str, "", Scope.OFFICE, N_("Logo im Briefkopf"))
# The state coordinator's certificate (PEM, RSA): yearly files are encrypted for it.
# Empty: the file goes out signed but not encrypted.
COORDINATOR_CERTIFICATE = Setting(
    "coordinator_certificate", str, "", Scope.OFFICE, N_("Zertifikat der Landeskoordination")
)


def format_number(value: float | None) -> str:
    if value is None:
        return "–"
    return str(int(value)) if float(value).is_integer() else str(value)


REGISTRY: dict[str, Setting[Any]] = {
    s.key: s
    for s in (
        UI_LANGUAGE,
        LAST_USER,
        OFFICE_NAME,
        BACKUP_FOLDER,
        LAST_BACKUP,
        IDLE_LOCK_MINUTES,
        STAFFING_KEY,
        REVIEW_INTERVAL_MONTHS,
        RETENTION_MONTHS,
        SUPPRESSION_THRESHOLD,
        MIN_PASSPHRASE_LENGTH,
        COORDINATOR_CERTIFICATE,
        OFFICE_ID,
        OFFICE_LOGO,
    )
}


class Preferences:
    """The LOCAL settings file. A damaged file falls back to defaults, never crashes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._values: dict[str, Any] = {}
        try:
            loaded = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(loaded, dict):
                self._values = loaded
        except (OSError, ValueError):
            self._values = {}

    def get(self, setting: Setting[T]) -> T:
        assert setting.scope is Scope.LOCAL
        return setting.coerce(self._values.get(setting.key, setting.default))

    def set(self, setting: Setting[T], value: T) -> None:
        assert setting.scope is Scope.LOCAL
        self._values[setting.key] = setting.coerce(value)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(self.path, json.dumps(self._values, indent=2, sort_keys=True).encode())
