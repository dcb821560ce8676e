"""Read one yearly file an office sent to the coordinator, trusting nothing in it.

The order of the checks is the order of trust: size on disk before reading; decrypt
(``.zip.p7m``; a plain ``.zip`` is accepted too, its signature still counts); unpack
with the limits of ``safe_zip``; verify the detached signature over ``report.json``
and require the signer to be a trusted office; only then parse ``report.json`` against
the schema and its semantic checks, and require the tables of the format
(``report_shape``); the year; finally each CSV must say what the JSON says (counts
only: labels may differ between Lotse versions). Any fault raises ``OfficeFileRefused``
with a sentence naming the file and the fault; nothing of a refused file is kept.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.exceptions import UnsupportedAlgorithm

from app.domain.yearly_report import CountTable, YearlyReport
from app.errors import CheckFailed
from app.export.cms import CmsError, verify_detached
from app.export.coordinator_keys import CoordinatorKey, fingerprint_of
from app.export.csv_tables import count_text, csv_name
from app.export.report_checks import ReportFormatError
from app.export.report_json import report_from_json
from app.export.report_shape import shape_fault
from app.export.safe_zip import MiB, ZipFault, ZipLimits, human_size, read_zip
from app.export.trusted_offices import TrustedOffice, describe
from app.export.yearly_file import README_NAME, REPORT_NAME, SIGNATURE_NAME, SUMMARY_NAME
from app.i18n import _

_FIXED_NAMES = frozenset({REPORT_NAME, SIGNATURE_NAME, SUMMARY_NAME, README_NAME})
_CSV_NAME = re.compile(r"^[0-9]{2}_[a-z0-9_]{1,48}\.csv$")
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")


@dataclass(frozen=True)
class ReaderLimits:
    max_file_bytes: int = 16 * MiB
    zip: ZipLimits = field(default_factory=ZipLimits)


@dataclass(frozen=True)
class OfficeFile:
    name: str  # the file name as received
    report: YearlyReport
    signer: TrustedOffice
    sha256: str  # of the file as received, for the record


class OfficeFileRefused(CheckFailed):
    """A file that is not taken over; ``fault`` is the reason, ``file`` its name."""

    def __init__(self, file: str, fault: str) -> None:
        super().__init__(
            _("{file} wurde abgelehnt: {fault}").format(file=file, fault=fault.strip())
        )
        self.file = file
        self.fault = fault


class _Fault(Exception):
    def __init__(self, fault: str) -> None:
        super().__init__(fault)
        self.fault = fault


def allowed_name(name: str) -> bool:
    return name in _FIXED_NAMES or bool(_CSV_NAME.match(name))


def _read_bounded(path: Path, limit: int) -> bytes:
    try:
        info = path.stat()
    except OSError:
        raise _Fault(_("Die Datei ist nicht vorhanden oder nicht lesbar.")) from None
    if not stat.S_ISREG(info.st_mode):
        raise _Fault(_("Das ist keine gewöhnliche Datei."))
    if info.st_size > limit:
        raise _Fault(
            _("Die Datei ist {size} groß; erlaubt sind höchstens {limit}.").format(
                size=human_size(info.st_size), limit=human_size(limit)
            )
        )
    try:
        with path.open("rb") as fh:
            # One byte more than stat() said: a file that grew since is noticed. (Not
            # limit + 1: read(n) allocates n bytes up front.)
            data = fh.read(info.st_size + 1)
    except OSError:
        raise _Fault(_("Die Datei ist nicht vorhanden oder nicht lesbar.")) from None
    if len(data) > info.st_size:
        raise _Fault(_("Die Datei hat sich beim Lesen verändert."))
    return data


def _unwrap(data: bytes, key: CoordinatorKey) -> bytes:
    if data.startswith(_ZIP_MAGIC):
        return data
    if not data.startswith(b"\x30"):  # DER SEQUENCE: CMS ContentInfo
        raise _Fault(
            _("Die Datei ist weder eine verschlüsselte Jahresmeldung noch ein ZIP-Archiv.")
        )
    try:
        plain = key.decrypt(data)
    except (ValueError, UnsupportedAlgorithm):
        raise _Fault(
            _(
                "Die Datei lässt sich mit dem Schlüssel der Landeskoordination nicht "
                "entschlüsseln: Sie ist beschädigt oder für ein anderes Zertifikat "
                "verschlüsselt."
            )
        ) from None
    if not plain.startswith(_ZIP_MAGIC):
        raise _Fault(_("Der entschlüsselte Inhalt ist kein ZIP-Archiv."))
    return plain


def _signer(entries: Mapping[str, bytes], trusted: Mapping[str, TrustedOffice]) -> TrustedOffice:
    for needed in (REPORT_NAME, SIGNATURE_NAME):
        if needed not in entries:
            raise _Fault(_("Im Archiv fehlt {name}.").format(name=needed))
    try:
        cert = verify_detached(entries[REPORT_NAME], entries[SIGNATURE_NAME])
    except CmsError:
        raise _Fault(
            _(
                "Die Signatur von report.json ist ungültig: report.json wurde nach dem "
                "Signieren verändert oder die Signatur ist beschädigt."
            )
        ) from None
    office = trusted.get(fingerprint_of(cert))
    if office is None:
        unknown = describe(cert)
        raise _Fault(
            _(
                "report.json ist mit einem unbekannten Zertifikat signiert („{name}“, "
                "Fingerabdruck {fingerprint}). Nehmen Sie es erst nach Rücksprache mit der "
                "Beratungsstelle mit „lotse coordinator trust“ auf."
            ).format(name=unknown.name, fingerprint=unknown.fingerprint)
        )
    return office


def _report(data: bytes, year: int | None) -> YearlyReport:
    try:
        report = report_from_json(data)
    except ReportFormatError as exc:
        raise _Fault(
            _("report.json entspricht nicht dem Format: {detail}").format(detail=exc.detail)
        ) from None
    fault = shape_fault(report)
    if fault is not None:
        raise _Fault(_("report.json entspricht nicht dem Format: {detail}").format(detail=fault))
    if year is not None and report.year != year:
        raise _Fault(
            _("Die Datei gilt für das Jahr {found}, zusammengeführt wird {year}.").format(
                found=report.year, year=year
            )
        )
    return report


def _expected_rows(table: CountTable) -> list[list[str]]:
    rows = [
        [*(count_text(v) for v in cells), count_text(total)]
        for cells, total in zip(table.cells, table.row_totals, strict=True)
    ]
    return [*rows, [*(count_text(v) for v in table.column_totals), count_text(table.total)]]


def _compare_csv(name: str, data: bytes, table: CountTable) -> None:
    try:
        text = data.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    except (UnicodeDecodeError, csv.Error):
        raise _Fault(_("„{name}“ ist keine lesbare CSV-Datei.").format(name=name)) from None
    expected = _expected_rows(table)
    if len(rows) != len(expected) + 1 or len(rows[0]) != len(table.columns) + 2:
        raise _Fault(
            _("„{name}“ hat nicht die Zeilen und Spalten der Tabelle in report.json.").format(
                name=name
            )
        )
    for line, (got, want) in enumerate(zip(rows[1:], expected, strict=True), start=2):
        if got[1:] != want:
            raise _Fault(
                _("„{name}“ weicht in Zeile {line} von report.json ab.").format(
                    name=name, line=line
                )
            )


def _check_csvs(entries: Mapping[str, bytes], report: YearlyReport) -> None:
    expected = {csv_name(n, t): t for n, t in enumerate(report.tables, start=1)}
    present = {name for name in entries if name.endswith(".csv")}
    extra, missing = sorted(present - set(expected)), sorted(set(expected) - present)
    if extra:
        raise _Fault(_("Das Archiv enthält die unerwartete Datei „{name}“.").format(name=extra[0]))
    if missing:
        raise _Fault(_("Im Archiv fehlt {name}.").format(name=missing[0]))
    for name, table in expected.items():
        _compare_csv(name, entries[name], table)


def read_office_bytes(
    name: str,
    data: bytes,
    key: CoordinatorKey,
    trusted: Mapping[str, TrustedOffice],
    year: int | None = None,
    limits: ReaderLimits | None = None,
) -> OfficeFile:
    """The checked content of one received file; ``OfficeFileRefused`` on any fault."""
    limits = limits or ReaderLimits()
    try:
        if len(data) > limits.max_file_bytes:
            raise _Fault(_("Die Datei ist größer als erlaubt."))
        entries = read_zip(_unwrap(data, key), allowed_name, limits.zip)
        signer = _signer(entries, trusted)
        report = _report(entries[REPORT_NAME], year)
        _check_csvs(entries, report)
    except (_Fault, ZipFault) as exc:
        raise OfficeFileRefused(name, exc.fault) from None
    except Exception as exc:
        # A parser failing on one hostile file in a way nobody foresaw must not stop the
        # others: that file is refused like any other, naming what went wrong.
        fault = _("Die Datei ließ sich nicht lesen ({kind}).").format(kind=type(exc).__name__)
        raise OfficeFileRefused(name, fault) from None
    return OfficeFile(name, report, signer, hashlib.sha256(data).hexdigest())


def read_office_file(
    path: Path,
    key: CoordinatorKey,
    trusted: Mapping[str, TrustedOffice],
    year: int | None = None,
    limits: ReaderLimits | None = None,
) -> OfficeFile:
    """Like ``read_office_bytes``, refusing a file that is too large before reading it."""
    limits = limits or ReaderLimits()
    try:
        data = _read_bounded(path, limits.max_file_bytes)
    except _Fault as exc:
        raise OfficeFileRefused(path.name, exc.fault) from None
    return read_office_bytes(path.name, data, key, trusted, year, limits)
