"""The coordinator's intake for one year: which files are taken over, which refused,
which trusted offices sent nothing."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from app.export.aggregation import Aggregate, aggregate
from app.export.office_file_reader import OfficeFile, OfficeFileRefused
from app.export.trusted_offices import TrustedOffice
from app.i18n import _


@dataclass(frozen=True)
class Coverage:
    """Which files went into the aggregate, which were refused, which offices are missing."""

    accepted: tuple[tuple[str, str, str], ...]  # (office name, district code, file name)
    refused: tuple[tuple[str, str], ...]  # (file name, fault)
    missing: tuple[str, ...]  # names of trusted offices without an accepted file


@dataclass
class Intake:
    """The files taken over for one year: one per office, the others refused."""

    year: int
    trusted: Mapping[str, TrustedOffice]
    accepted: list[OfficeFile] = field(default_factory=list)
    refused: list[OfficeFileRefused] = field(default_factory=list)

    def offer(self, office_file: OfficeFile) -> None:
        """Take ``office_file`` over, or raise OfficeFileRefused (another year, or a second
        file of an office); the caller records a refusal with ``refuse``."""
        self._check(office_file)
        self.accepted.append(office_file)

    def refuse(self, refusal: OfficeFileRefused) -> None:
        self.refused.append(refusal)

    def _check(self, office_file: OfficeFile) -> None:
        report = office_file.report
        if report.year != self.year:
            raise OfficeFileRefused(
                office_file.name,
                _("Die Datei gilt für das Jahr {found}, zusammengeführt wird {year}.").format(
                    found=report.year, year=self.year
                ),
            )
        for earlier in self.accepted:
            if earlier.report.office_id == report.office_id:
                raise OfficeFileRefused(
                    office_file.name,
                    _(
                        "Von der Beratungsstelle „{office}“ liegt für {year} schon die Datei "
                        "{other} vor; eine zweite Datei wird nicht übernommen."
                    ).format(office=report.office_name, year=self.year, other=earlier.name),
                )
            if earlier.signer.fingerprint == office_file.signer.fingerprint:
                # One seal, one office: else an office could count twice under two ids.
                raise OfficeFileRefused(
                    office_file.name,
                    _(
                        "Mit demselben Dienstsiegel („{seal}“) ist schon die Datei {other} "
                        "signiert; eine zweite Datei wird nicht übernommen."
                    ).format(seal=office_file.signer.name, other=earlier.name),
                )

    def missing(self) -> list[TrustedOffice]:
        """Trusted offices without an accepted file, by name."""
        sent = {f.signer.fingerprint for f in self.accepted}
        absent = (o for fp, o in self.trusted.items() if fp not in sent)
        return sorted(absent, key=lambda o: (o.name.casefold(), o.fingerprint))

    def coverage(self) -> Coverage:
        accepted = sorted((f.report.office_name, f.report.district, f.name) for f in self.accepted)
        return Coverage(
            accepted=tuple(accepted),
            refused=tuple((r.file, r.fault) for r in self.refused),
            missing=tuple(o.name for o in self.missing()),
        )

    def aggregate(self, threshold: int | None = None) -> Aggregate:
        return aggregate([f.report for f in self.accepted], self.year, threshold)
