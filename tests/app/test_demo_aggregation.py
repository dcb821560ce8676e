"""The yearly path end to end on real demo offices: each office exports, the files verify
and decrypt with openssl, report.json validates with an independent validator, and the
coordinator's aggregation of three offices (different seeds) equals the sum of what they
published."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import pytest
from cryptography import x509

from app.domain.yearly_labels import label, table_title
from app.domain.yearly_report import CountTable
from app.export.coordinator_keys import CoordinatorKey, CoordinatorKeys, create_keys
from app.export.report_json import schema
from app.export.trusted_offices import add_trusted
from app.paths import OfficePaths
from app.services import yearly_export
from app.services.coordinator import CoordinatorResult, aggregate_files
from app.services.demo import DEMO_LEAD, DEMO_PASSPHRASE, create_demo
from app.services.seal_public import current_certificate_pem
from app.services.session import unlock
from app.services.yearly_file_service import export_year, set_coordinator_certificate
from tests.conftest import FAST_KDF

TODAY = dt.date.today()
YEAR = TODAY.year - 1
SEEDS = (3, 5, 8)


@dataclass(frozen=True)
class Exported:
    file: Path
    raw: tuple[CountTable, ...]
    published: tuple[CountTable, ...]


@dataclass(frozen=True)
class Run:
    keys: CoordinatorKeys
    offices: tuple[Exported, ...]
    result: CoordinatorResult


def _office(root: Path, seed: int, keys: CoordinatorKeys, trusted: Path) -> Exported:
    paths = OfficePaths(root / f"office-{seed}")
    create_demo(paths, clients=70, seed=seed, kdf=FAST_KDF)
    session = unlock(paths, DEMO_LEAD, DEMO_PASSPHRASE)
    try:
        set_coordinator_certificate(session, keys.cert_pem)
        made = export_year(session, YEAR, TODAY)
        cert = current_certificate_pem(session)
        assert cert is not None
        add_trusted(trusted, x509.load_pem_x509_certificate(cert))
        raw = yearly_export.raw_tables(session, YEAR)
        published = yearly_export.build_report(session, YEAR).tables
    finally:
        session.close()
    target = root / "in" / f"{seed}-{made.name}"
    target.parent.mkdir(exist_ok=True)
    target.write_bytes(made.data)
    return Exported(target, raw, published)


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    root = tmp_path_factory.mktemp("demo-offices")
    keys = create_keys("Landeskoordination Test")
    offices = tuple(_office(root, seed, keys, root / "trusted") for seed in SEEDS)
    result = aggregate_files(
        [o.file for o in offices], year=YEAR, key=CoordinatorKey(keys.key_pem, keys.cert_pem),
        trusted_dir=root / "trusted", out_dir=root / "out", names=(table_title, label),
    )  # fmt: skip
    return Run(keys, offices, result)


def test_a_demo_office_file_opens_with_openssl_and_validates(run: Run, tmp_path: Path) -> None:
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    key.write_bytes(run.keys.key_pem)
    cert.write_bytes(run.keys.cert_pem)
    source = run.offices[0].file
    assert source.name.endswith(".zip.p7m")
    plain = subprocess.run(
        ["openssl", "cms", "-decrypt", "-inform", "DER", "-in", str(source), "-recip",
         str(cert), "-inkey", str(key)],
        capture_output=True, check=True,
    ).stdout  # fmt: skip
    with zipfile.ZipFile(io.BytesIO(plain)) as archive:
        archive.extractall(tmp_path / "zip")
    folder = tmp_path / "zip"
    verified = subprocess.run(
        ["openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in",
         str(folder / "report.json.p7s"), "-content", str(folder / "report.json"),
         "-noverify", "-out", "/dev/null"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert verified.returncode == 0 and "Verification successful" in verified.stderr
    report = json.loads((folder / "report.json").read_text("utf-8"))
    jsonschema.validate(report, schema())  # an independent validator, the shipped schema
    assert report["year"] == YEAR and report["tables"]


def test_the_aggregate_is_the_sum_of_what_the_offices_published(run: Run) -> None:
    result = run.result
    assert result.all_accepted and result.aggregate is not None
    state = {t.key: t for t in result.aggregate.total}
    complete_cells = 0
    for n, table in enumerate(run.offices[0].published):
        summed = state[table.key]
        for r, row in enumerate(table.rows):
            if row == "staffing_key":  # a ratio: the state shows the posts-weighted mean
                continue
            for c in range(len(table.columns)):
                published = [o.published[n].cells[r][c] for o in run.offices]
                raw = sum(o.raw[n].cells[r][c] or 0 for o in run.offices)
                figure = summed.cells[r][c]
                if None in published:
                    assert not figure.complete and figure.value <= raw
                else:
                    complete_cells += 1
                    assert figure.complete and figure.value == sum(published) == raw
        totals = [o.published[n].total for o in run.offices]
        if None not in totals and "staffing_key" not in table.rows:
            assert summed.total.value == sum(t or 0 for t in totals)
    assert complete_cells > 20
