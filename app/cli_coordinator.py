"""``lotse coordinator …``: the state coordinator's side of the yearly export.

``keygen`` makes the key pair whose certificate the offices encrypt to, ``trust`` adds
an office's seal certificate after showing its fingerprint, ``aggregate`` reads the
offices' files and writes the state-wide workbook and PDF. ``aggregate`` exits 0 when
every file was accepted, 1 when some were refused (the rest is still aggregated) or
none was accepted (nothing written), 2 for usage errors.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from app.cli_support import EXIT_CHECK, EXIT_OK, new_passphrase, passphrase_of
from app.errors import FieldErrors, UsageError
from app.i18n import _
from app.paths import OfficePaths

YEAR_MIN, YEAR_MAX = 2000, 2100


def _year(text: str) -> int:
    if not text.isdigit() or not YEAR_MIN <= int(text) <= YEAR_MAX:
        raise argparse.ArgumentTypeError(
            _("„{text}“ ist kein Jahr zwischen {low} und {high}").format(
                text=text, low=YEAR_MIN, high=YEAR_MAX
            )
        )
    return int(text)


def add_parsers(sub: Any, parents: Sequence[argparse.ArgumentParser]) -> None:
    coord = sub.add_parser(
        "coordinator", parents=parents, help=_("Landeskoordination: Jahresmeldungen zusammenführen")
    )
    coord_sub = coord.add_subparsers(
        dest="coordinator_command", metavar=_("BEFEHL"), required=True, parser_class=type(coord)
    )
    coord_sub.add_parser(
        "window", parents=parents, help=_("Das Fenster der Landeskoordination öffnen")
    )
    keygen = coord_sub.add_parser(
        "keygen", parents=parents, help=_("Schlüsselpaar und Zertifikat der Landeskoordination")
    )
    keygen.add_argument("--out", type=Path, required=True, help=_("Zielordner"))
    keygen.add_argument("--name", help=_("Name im Zertifikat"))
    keygen.add_argument(
        "--no-passphrase",
        action="store_true",
        help=_("Schlüssel ohne Passphrase speichern (nicht empfohlen)"),
    )
    trust = coord_sub.add_parser(
        "trust", parents=parents, help=_("Zertifikat einer Beratungsstelle aufnehmen")
    )
    trust.add_argument("cert", type=Path, help=_("Zertifikat der Beratungsstelle (PEM)"))
    trust.add_argument("--trusted", type=Path, required=True, help=_("Ordner der Zertifikate"))
    trust.add_argument(
        "--yes", action="store_true", help=_("Fingerabdruck ist geprüft, nicht nachfragen")
    )
    agg = coord_sub.add_parser(
        "aggregate", parents=parents, help=_("Jahresmeldungen prüfen und zusammenführen")
    )
    agg.add_argument("files", type=Path, nargs="+", help=_("Dateien der Beratungsstellen"))
    agg.add_argument("--year", type=_year, required=True, help=_("Berichtsjahr (JJJJ)"))
    agg.add_argument("--out", type=Path, required=True, help=_("Zielordner"))
    agg.add_argument("--key", type=Path, required=True, help=_("Schlüssel der Landeskoordination"))
    agg.add_argument(
        "--cert", type=Path, required=True, help=_("Zertifikat der Landeskoordination")
    )
    agg.add_argument("--trusted", type=Path, required=True, help=_("Ordner der Zertifikate"))
    agg.add_argument(
        "--threshold", type=int, help=_("Mindestfallzahl (Standard: die strengste gemeldete)")
    )


def cmd_coordinator(args: argparse.Namespace, paths: OfficePaths) -> int:
    if args.coordinator_command == "window":  # opened by the GUI's entry point, ui.main
        raise UsageError(_("Das Fenster öffnet nur das Programm „lotse“ selbst."))
    commands = {"keygen": _keygen, "trust": _trust, "aggregate": _aggregate}
    return commands[args.coordinator_command](args)


def _keygen(args: argparse.Namespace) -> int:
    from app import config
    from app.domain.passphrase import check_passphrase
    from app.export.coordinator_keys import DEFAULT_NAME, create_keys, write_keys

    passphrase: str | None = None
    if not args.no_passphrase:
        passphrase, repeated = new_passphrase(args.passphrase_file, "LOTSE_PASSPHRASE")
        try:
            check_passphrase(passphrase, repeated, config.MIN_PASSPHRASE_LENGTH.default)
        except FieldErrors as exc:
            raise UsageError(exc.message) from None
    keys = create_keys(args.name or DEFAULT_NAME, passphrase)
    key_path, cert_path = write_keys(args.out, keys)
    print(_("Schlüssel gespeichert: {path}").format(path=key_path))
    print(_("Zertifikat für die Beratungsstellen: {path}").format(path=cert_path))
    print(_("Fingerabdruck (SHA-256): {fingerprint}").format(fingerprint=keys.fingerprint))
    print(
        _(
            "Geben Sie den Beratungsstellen das Zertifikat und nennen Sie ihnen den "
            "Fingerabdruck auf einem zweiten Weg, etwa am Telefon."
        )
    )
    return EXIT_OK


def _confirmed(yes: bool) -> bool:
    if yes:
        return True
    if not sys.stdin.isatty():
        raise UsageError(
            _(
                "Bitte bestätigen Sie mit --yes, dass Sie den Fingerabdruck mit der "
                "Beratungsstelle abgeglichen haben. Es wurde nichts aufgenommen."
            )
        )
    answer = input(_("Stimmt der Fingerabdruck mit dem der Beratungsstelle überein? [j/N] "))
    return answer.strip().lower() in ("j", "ja", "y", "yes")


def _trust(args: argparse.Namespace) -> int:
    from app.export.trusted_offices import add_trusted, describe, read_certificate

    cert = read_certificate(args.cert)
    office = describe(cert)
    print(
        _("Zertifikat: {name}, gültig bis {date}").format(name=office.name, date=office.valid_until)
    )
    print(_("Fingerabdruck (SHA-256): {fingerprint}").format(fingerprint=office.fingerprint))
    if not _confirmed(args.yes):
        print(_("Nicht aufgenommen."))
        return EXIT_CHECK
    _office, added = add_trusted(args.trusted, cert)
    if added:
        print(_("Aufgenommen in {folder}.").format(folder=args.trusted))
    else:
        print(_("Dieses Zertifikat ist bereits aufgenommen."))
    return EXIT_OK


def _aggregate(args: argparse.Namespace) -> int:
    from app.domain.yearly_labels import label, table_title
    from app.services.coordinator import aggregate_files, key_needs_passphrase, load_key

    if args.threshold is not None and not 1 <= args.threshold <= 100:
        raise UsageError(_("--threshold: bitte eine Zahl zwischen 1 und 100 angeben."))
    passphrase = None
    if key_needs_passphrase(args.key):
        passphrase = passphrase_of(args, _("Passphrase des Schlüssels: "))
    key = load_key(args.key, args.cert, passphrase)
    result = aggregate_files(
        args.files,
        year=args.year,
        key=key,
        trusted_dir=args.trusted,
        out_dir=args.out,
        names=(table_title, label),
        threshold=args.threshold,
    )
    for outcome in result.outcomes:
        if outcome.accepted:
            print(_("{file} wurde übernommen.").format(file=outcome.name))
        else:
            print(outcome.message)
    for name in result.missing:
        print(_("Keine Jahresmeldung von: {office}").format(office=name))
    if not result.written:
        print(_("Keine Datei wurde übernommen; es wurde nichts geschrieben."))
        return EXIT_CHECK
    for path in result.written:
        print(_("Geschrieben: {path}").format(path=path))
    if not result.all_accepted:
        print(
            _(
                "Abgelehnte Dateien sind nicht enthalten; die übrigen sind davon nicht "
                "betroffen. Bitte fordern Sie bei diesen Beratungsstellen neue Dateien an."
            )
        )
        return EXIT_CHECK
    return EXIT_OK
