"""``lotse verify``: check the office seal of a PDF without unlocking the office."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli_support import EXIT_CHECK, EXIT_OK
from app.errors import UsageError
from app.i18n import _, format_date
from app.paths import OfficePaths

if TYPE_CHECKING:
    from app.documents.verification import Verification


def add_parsers(sub: Any, parents: Sequence[argparse.ArgumentParser]) -> None:
    verify = sub.add_parser(
        "verify", parents=parents, help=_("Dienstsiegel eines PDF-Dokuments prüfen")
    )
    verify.add_argument("file", type=Path, help=_("Gesiegelte PDF-Datei"))
    verify.add_argument(
        "--cert",
        type=Path,
        help=_(
            "Zertifikat der Beratungsstelle (PEM); sonst das veröffentlichte "
            "Zertifikat im Ordner der Beratungsstelle"
        ),
    )


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        raise UsageError(
            _("Die Datei {path} kann nicht gelesen werden.").format(path=path)
        ) from None


def _office_certificate(args: argparse.Namespace, paths: OfficePaths) -> bytes | None:
    if args.cert is not None:
        return _read(args.cert)
    from app.services.seal_public import public_certificate_path

    published = public_certificate_path(paths)
    return published.read_bytes() if published.is_file() else None


def cmd_verify(args: argparse.Namespace, paths: OfficePaths) -> int:
    from app.documents.verification import verify_pdf

    data = _read(args.file)
    result = verify_pdf(data, _office_certificate(args, paths))
    if not result.readable:
        raise UsageError(result.problems[0])
    for line in report_lines(result):
        print(line)
    return EXIT_OK if result.valid else EXIT_CHECK


def _yes_no(value: bool) -> str:
    return _("ja") if value else _("nein")


def report_lines(result: Verification) -> list[str]:
    """What ``lotse verify`` prints: the facts, then the verdict and its reasons."""
    from app.documents.signing import office_time

    if not result.signed:
        return [*result.problems, _("Ergebnis: nicht gesiegelt.")]
    lines = [_("Gesiegelt von: {signer}").format(signer=result.signer)]
    if result.signed_at is not None:
        local = office_time(result.signed_at)
        lines.append(
            _("Gesiegelt am: {date} {time} Uhr").format(
                date=format_date(local.date()), time=local.strftime("%H:%M")
            )
        )
    if result.doc_ref:
        lines.append(_("Dokument-ID: {ref}").format(ref=result.doc_ref))
    lines.append(_("Fingerabdruck (SHA-256): {fp}").format(fp=result.fingerprint_sha256))
    lines.append(_("Siegel unversehrt: {answer}").format(answer=_yes_no(result.intact)))
    lines.append(
        _("Seit dem Siegeln unverändert: {answer}").format(answer=_yes_no(result.unchanged))
    )
    if result.office_match is None:
        office = _("nicht geprüft (kein Zertifikat der Beratungsstelle gefunden)")
    else:
        office = _yes_no(result.office_match)
    lines.append(_("Zertifikat dieser Beratungsstelle: {answer}").format(answer=office))
    lines.extend(result.problems)
    if not result.valid:
        lines.append(_("Ergebnis: NICHT gültig."))
    elif result.office_match is None:
        lines.append(
            _(
                "Ergebnis: unversehrt, aber die Herkunft ist nicht geprüft. Bitte geben Sie "
                "das Zertifikat der Beratungsstelle mit --cert an."
            )
        )
    else:
        lines.append(_("Ergebnis: gültig."))
    return lines
