"""The state coordinator's year: read every office file, refuse the bad ones, aggregate
the rest and write the workbook and the PDF report.

A refused file changes nothing about the others: each file is read and checked on its
own, and only checked reports are kept. The outputs are written atomically, so an
interrupted run leaves either the previous files or the new ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from app.atomic import write_atomic
from app.errors import UsageError
from app.export.aggregate_pdf import aggregate_pdf
from app.export.aggregate_xlsx import aggregate_xlsx
from app.export.aggregation import Aggregate
from app.export.coordinator_keys import CoordinatorKey, key_is_encrypted, unlock_key
from app.export.intake import Intake
from app.export.language import LabelOf, TitleOf
from app.export.office_file_reader import OfficeFileRefused, ReaderLimits, read_office_file
from app.export.trusted_offices import load_trusted
from app.i18n import _

_KEY_FILE_MAX = 64 * 1024


@dataclass(frozen=True)
class FileOutcome:
    name: str
    accepted: bool
    message: str  # for a refused file: the sentence naming file and fault


@dataclass(frozen=True)
class CoordinatorResult:
    outcomes: tuple[FileOutcome, ...]
    missing: tuple[str, ...]  # trusted offices without an accepted file
    written: tuple[Path, ...]  # the workbook and the PDF; empty when nothing was accepted
    aggregate: Aggregate | None

    @property
    def all_accepted(self) -> bool:
        return all(o.accepted for o in self.outcomes)


def output_names(year: int) -> tuple[str, str]:
    return f"Landesstatistik_{year}.xlsx", f"Landesstatistik_{year}.pdf"


def _read_small(path: Path) -> bytes:
    try:
        if path.stat().st_size > _KEY_FILE_MAX:
            raise OSError("too large")
        return path.read_bytes()
    except OSError:
        raise UsageError(
            _("Die Datei {path} kann nicht gelesen werden.").format(path=path)
        ) from None


def key_needs_passphrase(key_path: Path) -> bool:
    return key_is_encrypted(_read_small(key_path))


def load_key(key_path: Path, cert_path: Path, passphrase: str | None) -> CoordinatorKey:
    """The coordinator's key, unlocked in memory and checked against its certificate."""
    cert_pem = _read_small(cert_path)
    key_pem = unlock_key(_read_small(key_path), cert_pem, passphrase)
    return CoordinatorKey(key_pem=key_pem, cert_pem=cert_pem)


def read_files(
    files: Sequence[Path],
    year: int,
    key: CoordinatorKey,
    trusted_dir: Path,
    limits: ReaderLimits | None = None,
) -> tuple[Intake, tuple[FileOutcome, ...]]:
    """Every file read and checked on its own; the intake holds the accepted ones."""
    intake = Intake(year=year, trusted=load_trusted(trusted_dir))
    outcomes = []
    for path in files:
        try:
            intake.offer(read_office_file(path, key, intake.trusted, year, limits))
        except OfficeFileRefused as refusal:
            intake.refuse(refusal)
            outcomes.append(FileOutcome(path.name, False, refusal.message))
            continue
        outcomes.append(FileOutcome(path.name, True, ""))
    return intake, tuple(outcomes)


def aggregate_files(
    files: Sequence[Path],
    *,
    year: int,
    key: CoordinatorKey,
    trusted_dir: Path,
    out_dir: Path,
    names: tuple[TitleOf, LabelOf],
    threshold: int | None = None,
    limits: ReaderLimits | None = None,
) -> CoordinatorResult:
    """Read, check and aggregate ``files``; write ``Landesstatistik_<year>.xlsx/.pdf``."""
    intake, outcomes = read_files(files, year, key, trusted_dir, limits)
    missing = tuple(o.name for o in intake.missing())
    if not intake.accepted:
        return CoordinatorResult(outcomes, missing, (), None)
    aggregate = intake.aggregate(threshold)
    title_of, label_of = names
    coverage = intake.coverage()
    xlsx = aggregate_xlsx(aggregate, coverage, title_of, label_of)
    pdf = aggregate_pdf(aggregate, coverage, title_of, label_of)
    targets = [out_dir / name for name in output_names(year)]
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for target, data in zip(targets, (xlsx, pdf), strict=True):
            write_atomic(target, data, mode=0o644)
    except OSError:
        raise UsageError(
            _(
                "Der Ordner {folder} kann nicht beschrieben werden. Die Dateien der "
                "Beratungsstellen sind unverändert; bitte wählen Sie einen anderen Ordner."
            ).format(folder=out_dir)
        ) from None
    return CoordinatorResult(outcomes, missing, tuple(targets), aggregate)
