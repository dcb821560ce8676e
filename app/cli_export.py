"""``lotse export``: write the office's yearly file for the state coordinator (lead only)."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.atomic import write_atomic
from app.cli_support import EXIT_OK, unlocked
from app.errors import UsageError
from app.i18n import _
from app.paths import OfficePaths

if TYPE_CHECKING:
    from app.export.yearly_file import ExportFile

# The file holds only suppressed counts and is meant to be passed on.
FILE_MODE = 0o644


def add_parsers(sub: Any, parents: Sequence[argparse.ArgumentParser]) -> None:
    export = sub.add_parser(
        "export",
        parents=parents,
        help=_("Jahresmeldung für die Landeskoordination schreiben (Leitung)"),
    )
    export.add_argument("--year", type=int, required=True, help=_("Berichtsjahr, z. B. 2025"))
    export.add_argument("--out", type=Path, required=True, help=_("Zielordner"))


def _saver(folder: Path, written: list[Path]) -> Callable[[ExportFile], None]:
    def save(export: ExportFile) -> None:
        path = folder / export.name
        try:
            write_atomic(path, export.data, mode=FILE_MODE)
        except OSError:
            raise UsageError(
                _(
                    "Die Datei {path} kann nicht geschrieben werden. Es wurde nichts "
                    "exportiert; bitte prüfen Sie den Ordner und den freien Platz."
                ).format(path=path)
            ) from None
        written.append(path)

    return save


def cmd_export(args: argparse.Namespace, paths: OfficePaths) -> int:
    from app.services.yearly_file_service import export_year

    folder: Path = args.out
    if not folder.is_dir():
        raise UsageError(
            _("Der Ordner {path} existiert nicht. Bitte einen vorhandenen Ordner angeben.").format(
                path=folder
            )
        )
    written: list[Path] = []
    session = unlocked(args, paths)
    try:
        export = export_year(session, args.year, dt.date.today(), save=_saver(folder, written))
    finally:
        session.close()
    print(_("Jahresmeldung {year} gespeichert: {path}").format(year=args.year, path=written[0]))
    if not export.encrypted:
        print(
            _(
                "Hinweis: Die Datei ist signiert, aber nicht verschlüsselt, weil kein Zertifikat "
                "der Landeskoordination hinterlegt ist."
            )
        )
    return EXIT_OK
