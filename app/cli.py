"""The ``lotse`` command line: a second thin client of the services.

Exit codes: 0 ok, 1 check failed, 2 usage or bad input, 3 wrong passphrase or
locked. Errors are one sentence in the UI language, never a traceback.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from app import __version__, config
from app.errors import LotseError, UsageError
from app.i18n import LANGUAGES, _, set_language
from app.paths import OfficePaths, office_paths

EXIT_OK, EXIT_CHECK, EXIT_USAGE, EXIT_ACCESS = 0, 1, 2, 3

if TYPE_CHECKING:
    from app.domain.client import ClientRow
    from app.services.client_import import ImportReport
    from app.services.session import OfficeSession


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
        "--lang", choices=sorted(LANGUAGES), default=default, help=_("Sprache der Ausgaben")
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
def _user(args: argparse.Namespace) -> str:
    user = args.user or os.environ.get("LOTSE_USER", "")
    if not user:
        raise UsageError(_("Bitte geben Sie den Benutzernamen mit --user oder LOTSE_USER an."))
    return str(user)


def _read_secret_file(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8").rstrip("\r\n")
    except OSError:
        raise UsageError(
            _("Die Datei {path} kann nicht gelesen werden.").format(path=path)
        ) from None


def _passphrase(args: argparse.Namespace, prompt: str) -> str:
    if args.passphrase_file:
        return _read_secret_file(args.passphrase_file)
    if "LOTSE_PASSPHRASE" in os.environ:
        return os.environ["LOTSE_PASSPHRASE"]
    if not sys.stdin.isatty():
        raise UsageError(
            _("Keine Passphrase: bitte LOTSE_PASSPHRASE oder --passphrase-file angeben.")
        )
    return getpass.getpass(prompt)


def _new_passphrase(file: Path | None, env: str) -> tuple[str, str]:
    if file:
        value = _read_secret_file(file)
        return value, value
    if env in os.environ:
        return os.environ[env], os.environ[env]
    if not sys.stdin.isatty():
        raise UsageError(_("Keine neue Passphrase angegeben."))
    return getpass.getpass(_("Neue Passphrase: ")), getpass.getpass(_("Wiederholen: "))


# -- commands -----------------------------------------------------------------
def _cmd_init(args: argparse.Namespace, paths: OfficePaths) -> int:
    from app.domain.office import OfficeInfo, parse_posts
    from app.domain.passphrase import check_passphrase
    from app.errors import FieldErrors
    from app.services.setup import SetupRequest, create_office

    login = _user(args)
    if paths.database.exists() or paths.keyfile.exists():
        from app.services.setup import OfficeExists

        raise OfficeExists(paths.home)
    try:
        posts = parse_posts(args.posts)
    except ValueError:
        raise UsageError(_("--posts: bitte eine Zahl zwischen 0,1 und 100 angeben.")) from None
    if args.passphrase_file or "LOTSE_PASSPHRASE" in os.environ:
        passphrase = _passphrase(args, "")
        repeated = passphrase
    else:
        passphrase, repeated = _new_passphrase(None, "LOTSE_PASSPHRASE")
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
    from app.services.demo import DEMO_COUNSELLOR, DEMO_LEAD, DEMO_PASSPHRASE, create_demo

    if not 0 <= args.clients <= 100_000:
        raise UsageError(_("--clients: bitte eine Zahl zwischen 0 und 100000 angeben."))
    result = create_demo(paths, clients=args.clients, seed=args.seed)
    print(
        _("Demo-Beratungsstelle mit {count} Klient:innen angelegt in {home}.").format(
            count=result.clients, home=paths.home
        )
    )
    print(
        _("Benutzer: {lead} (Leitung), {counsellor} (Beratung); Passphrase: {passphrase}").format(
            lead=DEMO_LEAD, counsellor=DEMO_COUNSELLOR, passphrase=DEMO_PASSPHRASE
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
    login = _user(args)
    data_key = load_keyfile(paths.keyfile).unwrap(login, _passphrase(args, _("Passphrase: ")))
    report = run_check(paths, data_key)
    for item in report.items:
        mark = "OK  " if item.ok else _("FEHLER")
        print(f"{mark}  {item.name}: {item.detail}")
    print(_("Alles in Ordnung.") if report.ok else _("Die Prüfung hat Fehler gefunden."))
    return EXIT_OK if report.ok else EXIT_CHECK


def _cmd_passwd(args: argparse.Namespace, paths: OfficePaths) -> int:
    from app.services.session import change_passphrase, unlock

    current = _passphrase(args, _("Bisherige Passphrase: "))
    session = unlock(paths, _user(args), current)
    try:
        new, repeated = _new_passphrase(args.new_passphrase_file, "LOTSE_NEW_PASSPHRASE")
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

    session = _unlocked(args, paths)
    try:
        pdf = recovery_sheet_pdf(session)
    finally:
        session.close()
    try:
        args.out.write_bytes(pdf)
    except OSError:
        raise UsageError(
            _("Die Datei {path} kann nicht geschrieben werden.").format(path=args.out)
        ) from None
    print(_("Notfallblatt gespeichert: {path}").format(path=args.out))
    return EXIT_OK


def _cmd_import(args: argparse.Namespace, paths: OfficePaths) -> int:
    from app.services.client_import import import_clients, read_table

    try:
        data = args.file.read_bytes()
        mapping = json.loads(args.mapping.read_text(encoding="utf-8")) if args.mapping else None
    except OSError as exc:
        raise UsageError(
            _("Die Datei {path} kann nicht gelesen werden.").format(path=exc.filename)
        ) from None
    except ValueError:
        raise UsageError(_("Die Zuordnungsdatei ist kein gültiges JSON.")) from None
    if mapping is not None and not (
        isinstance(mapping, dict) and all(isinstance(v, str) for v in mapping.values())
    ):
        raise UsageError(_("Die Zuordnungsdatei muss Feld → Spaltenüberschrift enthalten."))
    table = read_table(data, args.file.name)
    session = _unlocked(args, paths)
    try:
        report = import_clients(
            session, table, mapping, dry_run=args.dry_run, skip_duplicates=args.skip_duplicates
        )
    finally:
        session.close()
    if args.json:
        _print_json(
            {
                "rows": report.rows,
                "imported": report.imported,
                "dry_run": report.dry_run,
                "skipped_duplicates": report.skipped,
                "mapping": report.mapping,
                "errors": [
                    {"row": e.row, "column": e.column, "problem": e.problem} for e in report.errors
                ],
                "duplicates": [
                    {
                        "row": d.row,
                        "existing": d.existing,
                        "score": round(d.score, 3),
                        "reasons": list(d.reasons),
                    }
                    for d in report.duplicates
                ],
            }
        )
    else:
        _print_import_report(report)
    return EXIT_OK if report.ok else EXIT_USAGE


def _print_import_report(report: ImportReport) -> None:
    for e in report.errors:
        print(
            _("Zeile {row}, Spalte {column}: {problem}").format(
                row=e.row, column=e.column, problem=e.problem
            )
        )
    for d in report.duplicates:
        print(
            _(
                "Zeile {row}: wahrscheinlich dieselbe Person wie {existing} ({score} %: {reasons})"
            ).format(
                row=d.row,
                existing=d.existing,
                score=round(d.score * 100),
                reasons="; ".join(d.reasons),
            )
        )
    if report.errors:
        print(
            _("{count} Zeilen mit Fehlern. Es wurde nichts gespeichert.").format(
                count=len({e.row for e in report.errors})
            )
        )
    elif report.dry_run:
        print(
            _("Probelauf: {count} Zeilen wären gültig. Es wurde nichts gespeichert.").format(
                count=report.rows
            )
        )
    else:
        print(_("{count} Klient:innen eingelesen.").format(count=report.imported))
    if report.skipped:
        print(
            _("{count} wahrscheinliche Doppelerfassungen ausgelassen.").format(count=report.skipped)
        )


def _unlocked(args: argparse.Namespace, paths: OfficePaths) -> OfficeSession:
    from app.services.session import unlock

    return unlock(paths, _user(args), _passphrase(args, _("Passphrase: ")))


def _client_json(row: ClientRow) -> dict[str, object]:
    return {
        "id": row.id,
        "number": row.number,
        "family_name": row.family_name,
        "given_name": row.given_name,
        "birth_year": row.birth_year,
    }


def _cmd_clients(args: argparse.Namespace, paths: OfficePaths) -> int:
    from app.services.clients import scan_duplicates, search_clients

    session = _unlocked(args, paths)
    try:
        if args.clients_command == "search":
            rows = search_clients(session, args.text)
            if args.json:
                _print_json({"query": args.text, "results": [_client_json(r) for r in rows]})
            for row in [] if args.json else rows:
                print(f"{row.number}\t{row.family_name}, {row.given_name}\t{row.birth_year or ''}")
            return EXIT_OK
        if not 0 <= args.min_score <= 1:
            raise UsageError(_("--min-score: bitte eine Zahl zwischen 0 und 1 angeben."))
        pairs = scan_duplicates(session, args.min_score)
        if args.json:
            _print_json(
                {
                    "min_score": args.min_score,
                    "pairs": [
                        {
                            "score": round(p.score, 3),
                            "reasons": list(p.reasons),
                            "first": _client_json(p.first),
                            "second": _client_json(p.second),
                        }
                        for p in pairs
                    ],
                }
            )
        for p in [] if args.json else pairs:
            print(
                f"{p.score:.2f}\t{p.first.number} {p.first.family_name}, {p.first.given_name}"
                f"\t{p.second.number} {p.second.family_name}, {p.second.given_name}"
                f"\t{'; '.join(p.reasons)}"
            )
        return EXIT_OK
    finally:
        session.close()


def _print_json(doc: object) -> None:
    print(json.dumps(doc, ensure_ascii=False, indent=2))


_COMMANDS = {
    "init": _cmd_init,
    "demo": _cmd_demo,
    "check": _cmd_check,
    "passwd": _cmd_passwd,
    "clients": _cmd_clients,
    "recovery-sheet": _cmd_recovery_sheet,
    "import": _cmd_import,
}
