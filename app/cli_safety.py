"""``lotse backup``, ``lotse restore`` and ``lotse audit``: the command-line side of
backups and the audit trail."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from app.cli_support import (
    EXIT_CHECK,
    EXIT_OK,
    passphrase_of,
    read_secret_file,
    unlocked,
    user_of,
    write_output,
)
from app.errors import FieldErrors, StorageError, UsageError
from app.i18n import _, format_date
from app.paths import OfficePaths


def add_parsers(sub: Any, parents: Sequence[argparse.ArgumentParser]) -> None:
    backup = sub.add_parser(
        "backup", parents=parents, help=_("Geprüfte Sicherung in einen Ordner schreiben")
    )
    backup.add_argument("--to", type=Path, required=True, help=_("Zielordner (z. B. USB-Stick)"))
    backup.add_argument(
        "--no-rotate", action="store_true", help=_("Ältere Sicherungen nicht ausdünnen")
    )
    restore = sub.add_parser(
        "restore", parents=parents, help=_("Eine Sicherung zurückspielen (Lotse geschlossen)")
    )
    restore.add_argument("backup", type=Path, help=_("Ordner der Sicherung"))
    keep = sub.add_parser(
        "retention", parents=parents, help=_("Fällige Löschungen anzeigen oder ausführen")
    )
    keep.add_argument(
        "--apply", action="store_true", help=_("Die fälligen Datensätze anonymisieren (Leitung)")
    )
    keep.add_argument(
        "--client", metavar="NR", help=_("Nur diese Person anonymisieren (Löschung auf Antrag)")
    )
    rekey = sub.add_parser(
        "rekey", parents=parents, help=_("Daten unter einem neuen Schlüssel (Leitung)")
    )
    rekey.add_argument(
        "--new-passphrases",
        type=Path,
        help=_("JSON-Datei: Benutzername → neue Passphrase (sonst wird gefragt)"),
    )
    audit = sub.add_parser(
        "audit", parents=parents, help=_("Protokoll als CSV ausgeben (nur Leitung)")
    )
    audit.add_argument("--out", type=Path, required=True, help=_("CSV-Datei"))
    audit.add_argument("--since", type=_day, help=_("ab Datum (JJJJ-MM-TT)"))
    audit.add_argument("--until", type=_day, help=_("bis Datum (JJJJ-MM-TT)"))


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("„{text}“ ist kein Datum der Form JJJJ-MM-TT.").format(text=text)
        ) from None


def cmd_backup(args: argparse.Namespace, paths: OfficePaths) -> int:
    from app.services.backup import make_backup

    session = unlocked(args, paths)
    try:
        result = make_backup(session, args.to, rotate=not args.no_rotate)
    finally:
        session.close()
    for item in result.checks:
        print(f"{'OK  ' if item.ok else _('FEHLER')}  {item.name}: {item.detail}")
    print(_("Gesichert und geprüft: {path}").format(path=result.info.path))
    for old in result.removed:
        print(_("Ältere Sicherung entfernt: {path}").format(path=old))
    return EXIT_OK


def cmd_restore(args: argparse.Namespace, paths: OfficePaths) -> int:
    from app.services.backup import read_info, restore_backup

    info = read_info(args.backup)
    print(
        _("Sicherung vom {date} {time}: {clients} Klient:innen, {cases} Fälle.").format(
            date=format_date(info.created_at.date()),
            time=info.created_at.strftime("%H:%M"),
            clients=info.clients,
            cases=info.cases,
        )
    )
    passphrase = passphrase_of(args, _("Passphrase (zum Zeitpunkt der Sicherung): "))
    try:
        aside = restore_backup(paths, args.backup, user_of(args), passphrase)
    except StorageError as exc:
        print(exc.message)
        return EXIT_CHECK
    print(_("Zurückgespielt. Der bisherige Stand liegt in {path}.").format(path=aside))
    return EXIT_OK


def cmd_audit(args: argparse.Namespace, paths: OfficePaths) -> int:
    from app.domain.audit import AuditQuery
    from app.services.audit import audit_csv

    session = unlocked(args, paths)
    try:
        data = audit_csv(session, AuditQuery(since=args.since, until=args.until))
    finally:
        session.close()
    write_output(args.out, data)
    print(_("Protokoll gespeichert: {path}").format(path=args.out))
    return EXIT_OK


def cmd_retention(args: argparse.Namespace, paths: OfficePaths) -> int:
    from app.services import retention
    from app.services.family import client_by_number

    session = unlocked(args, paths)
    try:
        if args.client:
            row = client_by_number(session, args.client)
            if row is None:
                raise UsageError(
                    _("Keine Person mit der Nummer {number}.").format(number=args.client)
                )
            ids = [row.id]
        else:
            due = retention.due(session)
            for entry in due:
                print(
                    _("{number}: letzte Tätigkeit {last}, fällig seit {due}").format(
                        number=entry.number,
                        last=format_date(entry.last_activity),
                        due=format_date(entry.due_on),
                    )
                )
            ids = [entry.client_id for entry in due]
            if not args.apply:
                print(
                    _("{count} Datensätze fällig. Mit --apply anonymisieren.").format(
                        count=len(ids)
                    )
                )
                return EXIT_OK
        count = retention.anonymise(session, ids)
    finally:
        session.close()
    print(_("{count} Datensätze anonymisiert.").format(count=count))
    return EXIT_OK


def _new_passphrases(file: Path | None, logins: list[str]) -> dict[str, tuple[str, str]]:
    if file is not None:
        try:
            given = json.loads(read_secret_file(file))
        except ValueError:
            raise UsageError(_("{path} ist keine gültige JSON-Datei.").format(path=file)) from None
        values = {login: str(given.get(login, "")) for login in logins}
        return {login: (value, value) for login, value in values.items()}
    if not sys.stdin.isatty():
        raise UsageError(_("Keine neuen Passphrasen angegeben (--new-passphrases)."))
    return {
        login: (
            getpass.getpass(_("Neue Passphrase für {login}: ").format(login=login)),
            getpass.getpass(_("Wiederholen: ")),
        )
        for login in logins
    }


def cmd_rekey(args: argparse.Namespace, paths: OfficePaths) -> int:
    from app.services.rekey import rekey
    from app.services.session import unlock
    from app.services.users import users

    current = passphrase_of(args, _("Passphrase: "))
    session = unlock(paths, user_of(args), current)
    try:
        others = [u.login for u in users(session) if u.active and u.id != session.user.id]
        recovery = rekey(session, current, _new_passphrases(args.new_passphrases, others))
    except FieldErrors as exc:
        raise UsageError(" ".join(f"{k}: {v}" for k, v in exc.errors.items())) from None
    finally:
        session.close()
    print(_("Neu verschlüsselt. Der neue Wiederherstellungsschlüssel:"))
    print(recovery)
    print(
        _(
            "Bitte das Notfallblatt neu drucken (lotse recovery-sheet); der alte Schlüssel "
            "öffnet nur noch alte Sicherungen."
        )
    )
    return EXIT_OK
