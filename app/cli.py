"""The ``lotse`` command line: a second thin client of the services.

Exit codes: 0 ok, 1 check failed, 2 usage or bad input, 3 wrong passphrase or
locked. Errors are one sentence in the UI language, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from app import (
    __version__,
    cli_coordinator,
    cli_documents,
    cli_export,
    cli_records,
    cli_safety,
    cli_verify,
    config,
)
from app.cli_documents import DOCUMENT_LANGUAGES
from app.cli_support import (
    EXIT_CHECK,
    EXIT_OK,
    EXIT_USAGE,
    new_passphrase,
    passphrase_of,
    unlocked,
    user_of,
    write_output,
)
from app.errors import LotseError, UsageError
from app.i18n import LANGUAGES, _, set_language
from app.paths import OfficePaths, office_paths


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        sys.stderr.write(
            _("Ungültiger Aufruf: {detail}. Hilfe: lotse --help").format(detail=message) + "\n"
        )
        raise SystemExit(EXIT_USAGE)


def _common(suppress: bool) -> _Parser:
    """Options accepted before and after the command (``lotse check --user anna``)."""
    common = _Parser(add_help=False)
    default = argparse.SUPPRESS if suppress else None
    common.add_argument("--home", default=default, help=_("Ordner der Beratungsstelle"))
    common.add_argument("--user", default=default, help=_("Benutzername (sonst $LOTSE_USER)"))
    common.add_argument(
        "--passphrase-file", type=Path, default=default, help=_("Passphrase aus dieser Datei")
    )
    common.add_argument(
        "--lang",
        choices=sorted(set(LANGUAGES) | set(DOCUMENT_LANGUAGES)),
        default=default,
        help=_("Sprache der Ausgaben (bei „document“: des Dokuments)"),
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="lotse",
        description=_("Lotse – Migrationsberatung offline."),
        parents=[_common(suppress=False)],
    )
    p.add_argument("--version", action="version", version=f"Lotse {__version__}")
    sub = p.add_subparsers(dest="command", metavar=_("BEFEHL"), parser_class=_Parser)
    sub_parent = [_common(suppress=True)]

    init = sub.add_parser("init", parents=sub_parent, help=_("Neue Beratungsstelle einrichten"))
    init.add_argument("--office", required=True, help=_("Name der Beratungsstelle"))
    init.add_argument("--provider", default="", help=_("Träger"))
    init.add_argument("--district", default="", help=_("Kürzel des Kreises, z. B. KI"))
    init.add_argument("--posts", default="1", help=_("Vollzeitstellen (VZÄ)"))
    init.add_argument("--display-name", default="", help=_("Angezeigter Name der Leitung"))

    demo = sub.add_parser(
        "demo", parents=sub_parent, help=_("Demo-Beratungsstelle mit erfundenen Daten anlegen")
    )
    demo.add_argument("--clients", type=int, default=50, help=_("Anzahl Klient:innen"))
    demo.add_argument("--seed", type=int, default=1, help=_("Startwert des Zufalls"))
    demo.add_argument(
        "--contacts", type=int, default=3, help=_("Beratungskontakte je Klient:in im Mittel")
    )
    demo.add_argument(
        "--cases",
        type=int,
        default=None,
        help=_(
            "Klient:innen in Integrationsbegleitung (Standard: etwa die Hälfte derer, "
            "deren Status es erlaubt)"
        ),
    )

    sub.add_parser("check", parents=sub_parent, help=_("Datenbank und Schlüsseldatei prüfen"))
    passwd = sub.add_parser("passwd", parents=sub_parent, help=_("Eigene Passphrase ändern"))
    passwd.add_argument(
        "--new-passphrase-file", type=Path, help=_("Neue Passphrase aus dieser Datei lesen")
    )
    sheet = sub.add_parser(
        "recovery-sheet",
        parents=sub_parent,
        help=_("Notfallblatt mit dem Wiederherstellungsschlüssel erneut drucken (Leitung)"),
    )
    sheet.add_argument("--out", type=Path, required=True, help=_("Ziel-PDF-Datei"))
    imp = sub.add_parser("import", parents=sub_parent, help=_("Listen einlesen"))
    imp_sub = imp.add_subparsers(
        dest="import_command", metavar=_("BEFEHL"), required=True, parser_class=_Parser
    )
    imp_clients = imp_sub.add_parser(
        "clients", parents=sub_parent, help=_("Klient:innen aus CSV oder XLSX einlesen")
    )
    imp_clients.add_argument("file", type=Path, help=_("CSV- oder XLSX-Datei"))
    imp_clients.add_argument(
        "--mapping", type=Path, help=_("JSON-Datei: Feld → Spaltenüberschrift")
    )
    imp_clients.add_argument(
        "--dry-run", action="store_true", help=_("Nur prüfen, nichts speichern")
    )
    imp_clients.add_argument(
        "--skip-duplicates",
        action="store_true",
        help=_("Wahrscheinliche Doppelerfassungen auslassen"),
    )
    imp_clients.add_argument("--json", action="store_true", help=_("Ausgabe als JSON"))
    clients = sub.add_parser("clients", parents=sub_parent, help=_("Klient:innen suchen"))
    client_sub = clients.add_subparsers(
        dest="clients_command", metavar=_("BEFEHL"), required=True, parser_class=_Parser
    )
    search = client_sub.add_parser("search", parents=sub_parent, help=_("Suchen"))
    search.add_argument("text", help=_("Name, Nummer oder Geburtsjahr"))
    search.add_argument("--json", action="store_true", help=_("Ausgabe als JSON"))
    dups = client_sub.add_parser(
        "duplicates", parents=sub_parent, help=_("Mögliche Doppelerfassungen finden")
    )
    dups.add_argument("--min-score", type=float, default=0.6, help=_("Mindestwert 0–1"))
    dups.add_argument("--json", action="store_true", help=_("Ausgabe als JSON"))
    cli_safety.add_parsers(sub, sub_parent)
    cli_documents.add_parsers(sub, sub_parent)
    cli_verify.add_parsers(sub, sub_parent)
    cli_export.add_parsers(sub, sub_parent)
    cli_coordinator.add_parsers(sub, sub_parent)
    return p


def choose_language(argv: Sequence[str] | None) -> None:
    """Set the language before any help or error text is built: --lang, else the office's."""
    early = _common(suppress=False).parse_known_args(argv)[0]
    paths = office_paths(early.home)
    set_language(early.lang or config.Preferences(paths.preferences).get(config.UI_LANGUAGE))


def main(argv: Sequence[str] | None = None) -> int:
    choose_language(argv)
    args = build_parser().parse_args(argv)
    paths = office_paths(args.home)
    if args.command is None:
        build_parser().print_help()
        return EXIT_OK
    try:
        return int(_COMMANDS[args.command](args, paths))
    except LotseError as exc:
        print(exc.message, file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(_("Abgebrochen. Es wurde nichts verändert."), file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:
        if os.environ.get("LOTSE_DEBUG"):
            raise
        # No traceback for users: it may quote data. LOTSE_DEBUG=1 shows it.
        print(
            _("Unerwarteter Fehler ({kind}). Bitte wenden Sie sich an den Support.").format(
                kind=type(exc).__name__
            ),
            file=sys.stderr,
        )
        return EXIT_CHECK


# -- input helpers ------------------------------------------------------------
# -- commands -----------------------------------------------------------------
def _cmd_init(args: argparse.Namespace, paths: OfficePaths) -> int:
    from app.domain.office import OfficeInfo, parse_posts
    from app.domain.passphrase import check_passphrase
    from app.errors import FieldErrors
    from app.services.setup import SetupRequest, create_office

    login = user_of(args)
    if paths.database.exists() or paths.keyfile.exists():
        from app.services.setup import OfficeExists

        raise OfficeExists(paths.home)
    try:
        posts = parse_posts(args.posts)
    except ValueError:
        raise UsageError(_("--posts: bitte eine Zahl zwischen 0,1 und 100 angeben.")) from None
    if args.passphrase_file or "LOTSE_PASSPHRASE" in os.environ:
        passphrase = passphrase_of(args, "")
        repeated = passphrase
    else:
        passphrase, repeated = new_passphrase(None, "LOTSE_PASSPHRASE")
    try:
        check_passphrase(passphrase, repeated, config.MIN_PASSPHRASE_LENGTH.default)
        from app.domain.office import DISTRICTS

        if args.district and args.district not in DISTRICTS:
            raise FieldErrors(
                {
                    "district": _("Unbekannter Kreis {code}. Möglich: {codes}").format(
                        code=args.district, codes=", ".join(DISTRICTS)
                    )
                }
            )
    except FieldErrors as exc:
        raise UsageError(exc.message) from None
    office = OfficeInfo(args.office.strip(), args.provider.strip(), args.district, posts)
    if not office.name:
        raise UsageError(_("Bitte geben Sie den Namen der Beratungsstelle an."))
    result = create_office(
        paths, SetupRequest(office, login, args.display_name or login, passphrase)
    )
    print(_("Beratungsstelle eingerichtet in {home}.").format(home=paths.home))
    print(_("Wiederherstellungsschlüssel (nur jetzt sichtbar, bitte notieren):"))
    print(result.recovery_key)
    return EXIT_OK


def _cmd_demo(args: argparse.Namespace, paths: OfficePaths) -> int:
    from app.services.demo import (
        DEMO_COUNSELLOR,
        DEMO_LEAD,
        DEMO_PART_TIMER,
        DEMO_PASSPHRASE,
        create_demo,
    )

    if not 0 <= args.clients <= 100_000:
        raise UsageError(_("--clients: bitte eine Zahl zwischen 0 und 100000 angeben."))
    if not 0 <= args.contacts <= 100:
        raise UsageError(_("--contacts: bitte eine Zahl zwischen 0 und 100 angeben."))
    if args.cases is not None and not 0 <= args.cases <= args.clients:
        raise UsageError(_("--cases: bitte eine Zahl zwischen 0 und --clients angeben."))
    result = create_demo(
        paths, clients=args.clients, seed=args.seed, contacts=args.contacts, cases=args.cases
    )
    print(
        _("Demo-Beratungsstelle mit {count} Klient:innen angelegt in {home}.").format(
            count=result.clients, home=paths.home
        )
    )
    print(
        _("Integrationsbegleitung: {persons} Personen, {open} offene Fälle.").format(
            persons=result.case_persons, open=result.open_cases
        )
    )
    print(
        _("Benutzer: {lead} (Leitung), {counsellor} (Beratung); Passphrase: {passphrase}").format(
            lead=DEMO_LEAD,
            counsellor=f"{DEMO_COUNSELLOR}, {DEMO_PART_TIMER}",
            passphrase=DEMO_PASSPHRASE,
        )
    )
    print(_("Wiederherstellungsschlüssel:"))
    print(result.setup.recovery_key)
    return EXIT_OK


def _cmd_check(args: argparse.Namespace, paths: OfficePaths) -> int:
    from app.services.check import run_check
    from app.storage.engine import precheck_file
    from app.storage.keyring import load_keyfile

    precheck_file(paths.database)
    login = user_of(args)
    data_key = load_keyfile(paths.keyfile).unwrap(login, passphrase_of(args, _("Passphrase: ")))
    report = run_check(paths, data_key)
    for item in report.items:
        mark = "OK  " if item.ok else _("FEHLER")
        print(f"{mark}  {item.name}: {item.detail}")
    print(_("Alles in Ordnung.") if report.ok else _("Die Prüfung hat Fehler gefunden."))
    return EXIT_OK if report.ok else EXIT_CHECK


def _cmd_passwd(args: argparse.Namespace, paths: OfficePaths) -> int:
    from app.services.session import change_passphrase, unlock

    current = passphrase_of(args, _("Bisherige Passphrase: "))
    session = unlock(paths, user_of(args), current)
    try:
        new, repeated = new_passphrase(args.new_passphrase_file, "LOTSE_NEW_PASSPHRASE")
        try:
            change_passphrase(session, current, new, repeated)
        except LotseError as exc:
            raise UsageError(exc.message) from None
    finally:
        session.close()
    print(_("Die Passphrase wurde geändert."))
    return EXIT_OK


def _cmd_recovery_sheet(args: argparse.Namespace, paths: OfficePaths) -> int:
    from app.services.recovery import recovery_sheet_pdf

    session = unlocked(args, paths)
    try:
        pdf = recovery_sheet_pdf(session)
    finally:
        session.close()
    write_output(args.out, pdf)
    print(_("Notfallblatt gespeichert: {path}").format(path=args.out))
    return EXIT_OK


_COMMANDS = {
    "init": _cmd_init,
    "demo": _cmd_demo,
    "check": _cmd_check,
    "passwd": _cmd_passwd,
    "clients": cli_records.cmd_clients,
    "recovery-sheet": _cmd_recovery_sheet,
    "import": cli_records.cmd_import,
    "backup": cli_safety.cmd_backup,
    "restore": cli_safety.cmd_restore,
    "audit": cli_safety.cmd_audit,
    "retention": cli_safety.cmd_retention,
    "rekey": cli_safety.cmd_rekey,
    "document": cli_documents.cmd_document,
    "verify": cli_verify.cmd_verify,
    "export": cli_export.cmd_export,
    "coordinator": cli_coordinator.cmd_coordinator,
}
