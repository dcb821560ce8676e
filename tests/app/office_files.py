"""Real office yearly files for the coordinator tests: seeded random reports, written
with the office side's writer (signed by a real seal, encrypted to a real coordinator
key), plus helpers to take a file apart and put a modified one together again."""

from __future__ import annotations

import io
import random
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path

from app.documents.certificates import create_self_signed
from app.domain.quality import CRITERIA, Criterion, Kind
from app.domain.seal import SealMaterial
from app.domain.yearly_labels import label, table_title
from app.domain.yearly_report import SCHEMA_VERSION, CountTable, QualityAnswer, YearlyReport
from app.domain.yearly_suppression import suppress_report
from app.domain.yearly_tables import BREAKDOWNS, MAIN_OFFERS
from app.export import cms
from app.export.aggregation import STAFFING, AggregateTable, Figure
from app.export.coordinator_keys import CoordinatorKey, CoordinatorKeys, create_keys
from app.export.report_shape import canonical_tables
from app.export.trusted_offices import add_trusted
from app.export.yearly_file import deterministic_zip, write_export

YEAR = 2025
THRESHOLD = 5
NAMES = (table_title, label)


@dataclass(frozen=True)
class Named:
    """What a report needs to know of its office."""

    office_id: str
    name: str
    district: str


@dataclass(frozen=True)
class Office:
    office_id: str
    name: str
    district: str
    seal: SealMaterial


def make_office(number: int, district: str) -> Office:
    name = f"MBE {district} Nr. {number}"
    return Office(f"office-{number:04d}", name, district, create_self_signed(name, "Träger e. V."))


def _spread(total: int, parts: int, rng: random.Random) -> list[int]:
    """``total`` persons over ``parts`` rows, some rows far more likely than others."""
    weights = [rng.random() ** 2 + 0.01 for _ in range(parts)]
    counts = [0] * parts
    for row in rng.choices(range(parts), weights, k=total):
        counts[row] += 1
    return counts


def _additive(skeleton: CountTable, columns: list[list[int]]) -> CountTable:
    cells = tuple(zip(*columns, strict=True))
    return replace(
        skeleton,
        cells=cells,
        row_totals=tuple(map(sum, cells)),
        column_totals=tuple(map(sum, columns)),
        total=sum(map(sum, columns)),
    )


def _overlapping(skeleton: CountTable, per_column: list[int], rng: random.Random) -> CountTable:
    """Each person of a column counted in one to three rows; the column total counts
    persons, so it lies between the largest cell and the sum of the column."""
    columns = []
    for persons in per_column:
        column = [0] * len(skeleton.rows)
        for _ in range(persons):
            for row in set(rng.choices(range(len(skeleton.rows)), k=rng.randint(1, 3))):
                column[row] += 1
        columns.append(column)
    cells = tuple(zip(*columns, strict=True))
    return replace(
        skeleton,
        cells=cells,
        row_totals=tuple(map(sum, cells)),
        column_totals=tuple(per_column),
        total=sum(per_column),
    )


def _filled(skeleton: CountTable, main: list[int], rng: random.Random) -> CountTable:
    rows, cols = len(skeleton.rows), len(skeleton.columns)
    if skeleton.key == STAFFING:
        persons = main[MAIN_OFFERS.index("case")]
        values = (persons, rng.choice([50, 100, 150, 250]), rng.randint(60, 90))
        cells = tuple((v,) for v in values)
        return replace(
            skeleton, cells=cells, row_totals=values, column_totals=(persons,), total=persons
        )
    if skeleton.key in BREAKDOWNS:
        return _additive(skeleton, [_spread(p, rows, rng) for p in main])
    if skeleton.key == "life_areas":
        return _overlapping(skeleton, main, rng)
    if skeleton.key == "offers":
        table = _overlapping(skeleton, [sum(main), rng.randint(0, sum(main))], rng)
        return table
    return _additive(skeleton, [_spread(rng.randint(0, 80), rows, rng) for _ in range(cols)])


def _answer(criterion: Criterion, rng: random.Random) -> QualityAnswer:
    if criterion.kind is Kind.YES_NO:
        return QualityAnswer(criterion.key, rng.random() < 0.6)
    if criterion.kind is Kind.CHOICE:
        return QualityAnswer(criterion.key, rng.choice([code for code, _m in criterion.choices]))
    return QualityAnswer(criterion.key, rng.randint(criterion.minimum, max(criterion.maximum, 1)))


def random_report(
    office: Named | Office, rng: random.Random, year: int = YEAR, threshold: int = THRESHOLD
) -> YearlyReport:
    """A report with every table of the format, counted from invented persons and
    suppressed as an office suppresses it."""
    main = [rng.randint(0, 60) for _ in MAIN_OFFERS]  # persons by main offer
    tables = [_filled(t, main, rng) for t in canonical_tables()]
    return YearlyReport(
        schema_version=SCHEMA_VERSION,
        software_version="0.1.0",
        office_id=office.office_id,
        office_name=office.name,
        district=office.district,
        year=year,
        threshold=threshold,
        tables=suppress_report(tables, threshold),
        quality=tuple(_answer(c, rng) for c in CRITERIA),
    )


def export_bytes(report: YearlyReport, seal: SealMaterial, recipient: bytes | None) -> bytes:
    return write_export(
        report,
        seal_key_pem=seal.key_pem,
        seal_cert_pem=seal.cert_pem,
        coordinator_cert_pem=recipient,
        summary=b"%PDF-1.4 stand-in",
        title_of=table_title,
        label_of=label,
    ).data


def unpack(data: bytes, key: CoordinatorKey) -> dict[str, bytes]:
    plain = cms.decrypt(data, key.key_pem, key.cert_pem)
    with zipfile.ZipFile(io.BytesIO(plain)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def pack(members: dict[str, bytes], recipient: bytes | None, year: int = YEAR) -> bytes:
    archive = deterministic_zip(members, year)
    return cms.encrypt(archive, recipient) if recipient else archive


def resign(members: dict[str, bytes], seal: SealMaterial) -> dict[str, bytes]:
    """The members with report.json signed again by ``seal`` (a validly signed bad file)."""
    signature = cms.sign_detached(members["report.json"], seal.key_pem, seal.cert_pem)
    return {**members, "report.json.p7s": signature}


@dataclass(frozen=True)
class Coordinator:
    keys: CoordinatorKeys
    key: CoordinatorKey
    trusted: Path


_KEYS: list[CoordinatorKeys] = []


def coordinator(folder: Path, offices: list[Office]) -> Coordinator:
    """The coordinator's key (made once per test run: RSA 3072 takes a moment) and a
    trusted folder holding the offices' certificates."""
    if not _KEYS:
        _KEYS.append(create_keys())
    keys = _KEYS[0]
    trusted = folder / "trusted"
    from cryptography import x509

    for office in offices:
        add_trusted(trusted, x509.load_pem_x509_certificate(office.seal.cert_pem))
    return Coordinator(keys, CoordinatorKey(keys.key_pem, keys.cert_pem), trusted)


def write_office_files(
    folder: Path, offices: list[Office], recipient: bytes, seed: int = 7
) -> tuple[list[Path], list[YearlyReport]]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths, reports = [], []
    for office in offices:
        report = random_report(office, rng)
        path = folder / f"Jahresmeldung_{office.office_id}_{YEAR}.zip.p7m"
        path.write_bytes(export_bytes(report, office.seal, recipient))
        paths.append(path)
        reports.append(report)
    return paths, reports


def zip_with_sizes(name: str, content: bytes, declared: int) -> bytes:
    """A deflated one-entry zip whose directory declares ``declared`` bytes unpacked
    (local header and central directory patched): an archive that lies about sizes."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, content)
    data = bytearray(buf.getvalue())
    assert data[:4] == b"PK\x03\x04"
    data[22:26] = declared.to_bytes(4, "little")
    central = data.index(b"PK\x01\x02")
    data[central + 24 : central + 28] = declared.to_bytes(4, "little")
    return bytes(data)


def flat(table: AggregateTable) -> list[Figure]:
    """Every figure of an aggregated table: cells row by row, then the totals."""
    cells = [f for row in table.cells for f in row]
    return [*cells, *table.row_totals, *table.column_totals, table.total]
