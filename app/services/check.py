"""``lotse check``: is everything whole? Reads only; never writes the database."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from app.errors import LotseError
from app.i18n import _
from app.paths import OfficePaths
from app.services.audit import chain_break
from app.storage.engine import open_engine
from app.storage.keyring import KdfParams, load_keyfile
from app.storage.migrate import check_version, head_revision

KDF_FLOOR = KdfParams(memory_kib=64 * 1024, time_cost=3, parallelism=1)


@dataclass(frozen=True)
class CheckItem:
    name: str
    ok: bool
    detail: str


@dataclass(frozen=True)
class CheckReport:
    items: tuple[CheckItem, ...]

    @property
    def ok(self) -> bool:
        return all(item.ok for item in self.items)


def run_check(paths: OfficePaths, data_key: bytes) -> CheckReport:
    return CheckReport((_check_keyfile(paths, data_key), *database_items(paths, data_key)))


def database_items(paths: OfficePaths, data_key: bytes) -> tuple[CheckItem, ...]:
    """Both integrity checks, the references and the schema version of the database file."""
    items: list[CheckItem] = []
    try:
        engine = open_engine(paths.database, data_key, readonly=True)
    except LotseError as exc:
        return (CheckItem(_("Datenbank öffnen"), False, exc.message),)
    try:
        with engine.connect() as conn:
            items.append(_pragma_check(conn, "cipher_integrity_check", _("SQLCipher-Prüfung")))
            items.append(_pragma_check(conn, "integrity_check", _("SQLite-Prüfung")))
            fk = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            items.append(
                CheckItem(
                    _("Verweise zwischen Tabellen"),
                    not fk,
                    _("in Ordnung")
                    if not fk
                    else _("{count} fehlerhafte Verweise").format(count=len(fk)),
                )
            )
            items.append(_schema_check(conn))
            if items[-1].ok:
                items.append(_audit_check(conn))
    except LotseError as exc:
        items.append(CheckItem(_("Datenbank lesen"), False, exc.message))
    except DBAPIError as exc:
        items.append(CheckItem(_("Datenbank lesen"), False, str(exc.orig)))
    finally:
        engine.dispose()
    return tuple(items)


def _pragma_check(conn: object, pragma: str, name: str) -> CheckItem:
    rows = [r[0] for r in conn.execute(text(f"PRAGMA {pragma}")).fetchall()]  # type: ignore[attr-defined]
    # integrity_check answers "ok"; cipher_integrity_check answers nothing when all is well.
    ok = rows in ([], ["ok"])
    detail = _("in Ordnung") if ok else "; ".join(str(r) for r in rows[:5])
    return CheckItem(name, ok, detail)


def _schema_check(conn: object) -> CheckItem:
    rev = check_version(conn)  # type: ignore[arg-type]
    ok = rev == head_revision()
    detail = (
        _("Version {rev}").format(rev=rev)
        if ok
        else _("Version {rev}, erwartet {head}").format(rev=rev, head=head_revision())
    )
    return CheckItem(_("Datenbankschema"), ok, detail)


def _check_keyfile(paths: OfficePaths, data_key: bytes) -> CheckItem:
    name = _("Schlüsseldatei")
    try:
        keyfile = load_keyfile(paths.keyfile)
    except LotseError as exc:
        return CheckItem(name, False, exc.message)
    if not keyfile.check_recovery_key(data_key):
        return CheckItem(name, False, _("Der Wiederherstellungseintrag passt nicht zum Schlüssel."))
    weak = [
        s.user
        for s in keyfile.slots.values()
        if s.kdf.memory_kib < KDF_FLOOR.memory_kib or s.kdf.time_cost < KDF_FLOOR.time_cost
    ]
    if weak:
        return CheckItem(
            name,
            False,
            _("Zu schwache Schlüsselableitung für: {users}").format(users=", ".join(weak)),
        )
    return CheckItem(
        name, True, _("{count} Benutzerschlüssel, in Ordnung").format(count=len(keyfile.slots))
    )


def _audit_check(conn: Connection) -> CheckItem:
    count, broken = chain_break(conn)
    if broken is None:
        detail = _("{count} Einträge, Kette vollständig").format(count=count)
    else:
        detail = _("Eintrag {id} oder sein Vorgänger wurde verändert oder entfernt.").format(
            id=broken
        )
    return CheckItem(_("Protokoll"), broken is None, detail)
