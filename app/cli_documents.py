"""``lotse document …``: print a sealed document of a client into a PDF file."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from app.cli_support import EXIT_OK, unlocked, write_output
from app.errors import UsageError
from app.i18n import _
from app.paths import OfficePaths

KINDS = ("agreement", "progress", "consent", "access", "confirmation")
# The languages a document can carry below the German text (the UI has only de and en).
DOCUMENT_LANGUAGES = ("de", "en", "ar", "fa", "ru", "uk", "tr")


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("„{text}“ ist kein Datum der Form JJJJ-MM-TT.").format(text=text)
        ) from None


def add_parsers(sub: Any, parents: Sequence[argparse.ArgumentParser]) -> None:
    doc = sub.add_parser(
        "document",
        parents=parents,
        help=_("Ein Dokument gesiegelt als PDF ausgeben"),
        description=_(
            "--lang wählt die Sprache, die unter dem verbindlichen deutschen Text steht "
            "(de, en, ar, fa, ru, uk, tr)."
        ),
    )
    doc.add_argument("kind", choices=KINDS, help=_("Art des Dokuments"))
    doc.add_argument("--client", required=True, metavar="NR", help=_("Klient:innen-Nummer"))
    doc.add_argument("--case", type=int, metavar="ID", help=_("Fall (sonst der laufende)"))
    doc.add_argument("--from", dest="start", type=_day, help=_("Zeitraum ab (JJJJ-MM-TT)"))
    doc.add_argument("--until", dest="end", type=_day, help=_("Zeitraum bis (JJJJ-MM-TT)"))
    doc.add_argument(
        "--release",
        action="append",
        default=[],
        metavar=_("STELLE"),
        help=_("Schweigepflichtentbindung gegenüber dieser Stelle (mehrfach möglich)"),
    )
    doc.add_argument("--out", type=Path, required=True, help=_("PDF-Datei"))


def _case_id(session: Any, client_id: int, chosen: int | None) -> int | None:
    from app.services.cases import client_cases

    cases = client_cases(session, client_id)
    if chosen is not None:
        if chosen not in {c.id for c in cases}:
            raise UsageError(_("Dieser Fall gehört nicht zu dieser Person."))
        return chosen
    running = [c for c in cases if c.closed_on is None] or cases
    return running[0].id if running else None


def cmd_document(args: argparse.Namespace, paths: OfficePaths) -> int:
    from app.documents.document_data import DocumentKind, Release
    from app.documents.document_records import DocumentRequest
    from app.services.documents import log_output, make_document
    from app.services.family import client_by_number

    if not args.out.parent.is_dir():  # checked first: a made document is kept and counted
        raise UsageError(_("Den Ordner {path} gibt es nicht.").format(path=args.out.parent))
    session = unlocked(args, paths)
    try:
        client = client_by_number(session, args.client)
        if client is None:
            raise UsageError(_("Keine Person mit der Nummer {nr}.").format(nr=args.client))
        kind = DocumentKind(args.kind)
        case_id = None
        if kind in (DocumentKind.AGREEMENT, DocumentKind.PROGRESS):
            case_id = _case_id(session, client.id, args.case)
            if case_id is None:
                raise UsageError(_("Diese Person hat keine Integrationsbegleitung."))
        request = DocumentRequest(
            kind,
            client.id,
            case_id,
            getattr(args, "lang", None) or "de",
            args.start,
            args.end,
            tuple(Release(name) for name in args.release),
        )
        made = make_document(session, request)
        write_output(args.out, made.pdf)
        log_output(session, made.info.id, printed=False)
    finally:
        session.close()
    print(_("Gesiegelt: {path} (Dokument-ID {ref})").format(path=args.out, ref=made.info.doc_ref))
    return EXIT_OK
