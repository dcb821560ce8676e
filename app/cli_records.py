"""Command line: clients and imports (``lotse clients …``, ``lotse import clients …``)."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from app.cli_support import EXIT_OK, EXIT_USAGE, print_json, unlocked
from app.errors import UsageError
from app.i18n import _
from app.paths import OfficePaths

if TYPE_CHECKING:
    from app.domain.client import ClientRow
    from app.services.client_import import ImportReport


def cmd_import(args: argparse.Namespace, paths: OfficePaths) -> int:
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
    session = unlocked(args, paths)
    try:
        report = import_clients(
            session, table, mapping, dry_run=args.dry_run, skip_duplicates=args.skip_duplicates
        )
    finally:
        session.close()
    if args.json:
        print_json(
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


def _client_json(row: ClientRow) -> dict[str, object]:
    return {
        "id": row.id,
        "number": row.number,
        "family_name": row.family_name,
        "given_name": row.given_name,
        "birth_year": row.birth_year,
    }


def cmd_clients(args: argparse.Namespace, paths: OfficePaths) -> int:
    from app.services.clients import scan_duplicates, search_clients

    session = unlocked(args, paths)
    try:
        if args.clients_command == "search":
            rows = search_clients(session, args.text)
            if args.json:
                print_json({"query": args.text, "results": [_client_json(r) for r in rows]})
            for row in [] if args.json else rows:
                print(f"{row.number}\t{row.family_name}, {row.given_name}\t{row.birth_year or ''}")
            return EXIT_OK
        if not 0 <= args.min_score <= 1:
            raise UsageError(_("--min-score: bitte eine Zahl zwischen 0 und 1 angeben."))
        pairs = scan_duplicates(session, args.min_score)
        if args.json:
            print_json(
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
