"""The key file: the database's data key, wrapped once per user.

Each user slot holds the data key encrypted with AES-256-GCM under a key
derived from the user's passphrase by argon2id; the KDF parameters are stored
per slot so they can be raised later without breaking old slots. The recovery
slot holds no secret: it lets Lotse check a typed recovery key (which *is* the
data key) before the database is touched. The file is plain JSON, written
atomically, and holds nothing readable about clients.
"""

from __future__ import annotations

import base64
import json
import secrets
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from app.atomic import write_atomic
from app.domain.recovery_key import KEY_BYTES
from app.errors import AccessDenied, StorageError
from app.i18n import _

FORMAT = "lotse-keyfile"
VERSION = 1
_RECOVERY_CHECK = b"lotse recovery check v1"


@dataclass(frozen=True)
class KdfParams:
    """argon2id cost. Defaults meet the floor of 64 MiB and 3 passes."""

    memory_kib: int = 128 * 1024
    time_cost: int = 3
    parallelism: int = 1

    def derive(self, passphrase: str, salt: bytes) -> bytes:
        return bytes(
            hash_secret_raw(
                passphrase.encode("utf-8"),
                salt,
                time_cost=self.time_cost,
                memory_cost=self.memory_kib,
                parallelism=self.parallelism,
                hash_len=32,
                type=Type.ID,
            )
        )


@dataclass
class Slot:
    user: str
    kdf: KdfParams
    salt: bytes
    nonce: bytes
    wrapped: bytes


@dataclass
class KeyFile:
    db_id: str
    slots: dict[str, Slot] = field(default_factory=dict)
    recovery_nonce: bytes = b""
    recovery_check: bytes = b""

    # -- creation -------------------------------------------------------
    @classmethod
    def create(cls, data_key: bytes, db_id: str | None = None) -> KeyFile:
        """A key file for ``data_key``; ``db_id`` keeps the office's id across a rekey
        (the yearly export names the office by it)."""
        kf = cls(db_id=db_id or str(uuid.uuid4()))
        kf.recovery_nonce = secrets.token_bytes(12)
        kf.recovery_check = AESGCM(data_key).encrypt(
            kf.recovery_nonce, _RECOVERY_CHECK, kf.db_id.encode()
        )
        return kf

    def _aad(self, user: str) -> bytes:
        # Binding slot to office and user: a slot copied to another name does not open.
        return f"{self.db_id}\0{user}".encode()

    def set_user(
        self, user: str, passphrase: str, data_key: bytes, kdf: KdfParams | None = None
    ) -> None:
        """Add or re-wrap the slot of ``user`` (passphrase change touches only this slot)."""
        params = kdf or KdfParams()
        salt = secrets.token_bytes(16)
        nonce = secrets.token_bytes(12)
        kek = params.derive(passphrase, salt)
        wrapped = AESGCM(kek).encrypt(nonce, data_key, self._aad(user))
        self.slots[user] = Slot(user, params, salt, nonce, wrapped)

    def remove_user(self, user: str) -> None:
        self.slots.pop(user, None)

    # -- opening --------------------------------------------------------
    def unwrap(self, user: str, passphrase: str) -> bytes:
        slot = self.slots.get(user)
        if slot is None:
            # Same answer as a wrong passphrase: do not reveal which user names exist.
            raise AccessDenied(_("Benutzername oder Passphrase ist falsch."))
        kek = slot.kdf.derive(passphrase, slot.salt)
        try:
            return AESGCM(kek).decrypt(slot.nonce, slot.wrapped, self._aad(user))
        except InvalidTag:
            raise AccessDenied(_("Benutzername oder Passphrase ist falsch.")) from None

    def check_recovery_key(self, key: bytes) -> bool:
        if len(key) != KEY_BYTES:
            return False
        try:
            plain = AESGCM(key).decrypt(
                self.recovery_nonce, self.recovery_check, self.db_id.encode()
            )
        except InvalidTag:
            return False
        return plain == _RECOVERY_CHECK

    # -- file format ----------------------------------------------------
    def to_json(self) -> bytes:
        doc: dict[str, Any] = {
            "format": FORMAT,
            "version": VERSION,
            "db_id": self.db_id,
            "recovery": {"nonce": _b64(self.recovery_nonce), "check": _b64(self.recovery_check)},
            "slots": [
                {
                    "user": s.user,
                    "kdf": {
                        "name": "argon2id",
                        "memory_kib": s.kdf.memory_kib,
                        "time_cost": s.kdf.time_cost,
                        "parallelism": s.kdf.parallelism,
                    },
                    "salt": _b64(s.salt),
                    "nonce": _b64(s.nonce),
                    "wrapped": _b64(s.wrapped),
                }
                for s in sorted(self.slots.values(), key=lambda s: s.user)
            ],
        }
        return json.dumps(doc, indent=2).encode("utf-8")

    @classmethod
    def from_json(cls, raw: bytes) -> KeyFile:
        try:
            doc = json.loads(raw.decode("utf-8"))
            if doc.get("format") != FORMAT:
                raise ValueError("format")
            if int(doc["version"]) > VERSION:
                raise StorageError(
                    _(
                        "Die Schlüsseldatei stammt aus einer neueren Lotse-Version. "
                        "Bitte installieren Sie die neueste Version."
                    )
                )
            kf = cls(
                db_id=str(doc["db_id"]),
                recovery_nonce=_unb64(doc["recovery"]["nonce"]),
                recovery_check=_unb64(doc["recovery"]["check"]),
            )
            for s in doc["slots"]:
                kdf = s["kdf"]
                if kdf["name"] != "argon2id":
                    raise ValueError("kdf")
                params = KdfParams(
                    int(kdf["memory_kib"]), int(kdf["time_cost"]), int(kdf["parallelism"])
                )
                kf.slots[str(s["user"])] = Slot(
                    str(s["user"]),
                    params,
                    _unb64(s["salt"]),
                    _unb64(s["nonce"]),
                    _unb64(s["wrapped"]),
                )
        except StorageError:
            raise
        except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError):
            raise KeyFileDamaged() from None
        return kf


class KeyFileMissing(StorageError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            _(
                "Die Schlüsseldatei {path} fehlt. Die Daten sind unverändert; öffnen Sie sie mit "
                "dem Wiederherstellungsschlüssel aus der Notfallmappe."
            ).format(path=path)
        )


class KeyFileDamaged(StorageError):
    def __init__(self) -> None:
        super().__init__(
            _(
                "Die Schlüsseldatei ist beschädigt. Die Daten sind unverändert; öffnen Sie sie mit "
                "dem Wiederherstellungsschlüssel aus der Notfallmappe."
            )
        )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def new_data_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def load_keyfile(path: Path) -> KeyFile:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise KeyFileMissing(path) from None
    except OSError:
        raise KeyFileDamaged() from None
    return KeyFile.from_json(raw)


def save_keyfile(path: Path, keyfile: KeyFile) -> None:
    write_atomic(path, keyfile.to_json())
