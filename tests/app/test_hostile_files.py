"""Files from outside are untrusted: each hostile file is refused with a sentence naming
the file and the fault, and the good files beside it are aggregated exactly as without it."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import time
import tracemalloc
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from app.export.aggregation import Aggregate
from app.export.coordinator_keys import create_keys
from app.export.office_file_reader import OfficeFileRefused, read_office_bytes, read_office_file
from app.export.safe_zip import MiB
from app.export.trusted_offices import load_trusted
from app.services.coordinator import CoordinatorResult, aggregate_files
from tests.app.office_files import (
    NAMES,
    YEAR,
    Coordinator,
    Office,
    coordinator,
    export_bytes,
    make_office,
    pack,
    random_report,
    resign,
    unpack,
    write_office_files,
    zip_with_sizes,
)


@dataclass(frozen=True)
class Setup:
    root: Path
    offices: list[Office]
    good: list[Path]
    coord: Coordinator
    baseline: Aggregate


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Setup:
    root = tmp_path_factory.mktemp("hostile")
    offices = [make_office(1, "KI"), make_office(2, "KI"), make_office(3, "PLÖ")]
    coord = coordinator(root, offices)
    good, _reports = write_office_files(root / "in", offices, coord.keys.cert_pem)
    result = aggregate_files(
        good, year=YEAR, key=coord.key, trusted_dir=coord.trusted, out_dir=root / "base",
        names=NAMES,
    )  # fmt: skip
    assert result.all_accepted and result.aggregate is not None
    return Setup(root, offices, good, coord, result.aggregate)


def run_with(setup: Setup, bad: Path, out: Path) -> CoordinatorResult:
    files = [setup.good[0], bad, *setup.good[1:]]
    return aggregate_files(
        files, year=YEAR, key=setup.coord.key, trusted_dir=setup.coord.trusted, out_dir=out,
        names=NAMES,
    )  # fmt: skip


def assert_refused(setup: Setup, bad: Path, tmp_path: Path, *faults: str) -> str:
    """Refused with a sentence naming the file and each of ``faults``; the good files
    still aggregated, to exactly the figures they give alone; the outputs written."""
    result = run_with(setup, bad, tmp_path / "out")
    by_name = {o.name: o for o in result.outcomes}
    outcome = by_name[bad.name]
    assert not outcome.accepted
    assert outcome.message.startswith(bad.name)
    for fault in faults:
        assert fault in outcome.message, outcome.message
    assert all(by_name[p.name].accepted for p in setup.good)
    assert result.aggregate == setup.baseline
    assert [p.name for p in result.written] == [
        f"Landesstatistik_{YEAR}.xlsx",
        f"Landesstatistik_{YEAR}.pdf",
    ]
    return outcome.message


def members_of(setup: Setup, index: int = 0) -> dict[str, bytes]:
    return unpack(setup.good[index].read_bytes(), setup.coord.key)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# -- zip structure ------------------------------------------------------------------
def test_a_path_leaving_the_folder_is_refused(setup: Setup, tmp_path: Path) -> None:
    members = {**members_of(setup), "../../etc/cron.d/evil": b"* * * * * root true\n"}
    bad = write(tmp_path, "traversal.zip.p7m", pack(members, setup.coord.keys.cert_pem))
    assert_refused(setup, bad, tmp_path, "unzulässigen Pfad", "../../etc/cron.d/evil")
    assert not (tmp_path.parent / "etc").exists()


def test_an_absolute_path_and_a_symlink_are_refused(setup: Setup, tmp_path: Path) -> None:
    absolute = write(tmp_path, "absolute.zip", pack({"/etc/passwd": b"x"}, None))
    assert_refused(setup, absolute, tmp_path, "unzulässigen Pfad „/etc/passwd“")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        link = zipfile.ZipInfo("report.json")
        link.create_system = 3
        link.external_attr = 0o120777 << 16
        archive.writestr(link, "/etc/shadow")
    symlink = write(tmp_path, "symlink.zip", buf.getvalue())
    assert_refused(setup, symlink, tmp_path, "symbolische Verknüpfung")


def test_unexpected_and_duplicate_entries_are_refused(setup: Setup, tmp_path: Path) -> None:
    extra = write(tmp_path, "extra.zip", pack({**members_of(setup), "run.exe": b"MZ"}, None))
    assert_refused(setup, extra, tmp_path, "unerwartete Datei „run.exe“")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive, pytest.warns(UserWarning):
        archive.writestr("report.json", b"{}")
        archive.writestr("report.json", b"{}")
    twice = write(tmp_path, "twice.zip", buf.getvalue())
    assert_refused(setup, twice, tmp_path, "„report.json“ mehrfach")


def test_a_zip_bomb_is_refused_without_expanding_it(setup: Setup, tmp_path: Path) -> None:
    buf = io.BytesIO()
    with (
        zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("report.json", "w", force_zip64=True) as entry,
    ):
        for _ in range(512):  # 512 MiB of zeros, about 0.5 MiB packed
            entry.write(bytes(MiB))
    bomb = write(tmp_path, "bomb.zip", buf.getvalue())
    assert bomb.stat().st_size < 2 * MiB
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(OfficeFileRefused) as refused:
        read_office_file(bomb, setup.coord.key, load_trusted(setup.coord.trusted), YEAR)
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert "512,0 MiB" in refused.value.message and "höchstens 8,0 MiB" in refused.value.message
    assert peak < 16 * MiB and elapsed < 5
    assert_refused(setup, bomb, tmp_path, "bomb.zip", "wäre entpackt")


def test_a_highly_packed_entry_below_the_size_limit_is_refused(
    setup: Setup, tmp_path: Path
) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("report.json", bytes(7 * MiB))
    packed = write(tmp_path, "packed.zip", buf.getvalue())
    assert_refused(setup, packed, tmp_path, "ungewöhnlich stark gepackt", "ZIP-Bombe")


def test_an_entry_lying_about_its_size_is_stopped(setup: Setup, tmp_path: Path) -> None:
    liar = write(tmp_path, "liar.zip", zip_with_sizes("report.json", bytes(64 * MiB), 1000))
    tracemalloc.start()
    with pytest.raises(OfficeFileRefused) as refused:
        read_office_file(liar, setup.coord.key, load_trusted(setup.coord.trusted), YEAR)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert "beschädigt" in refused.value.fault
    assert peak < 16 * MiB  # stopped near the declared 1000 bytes, not at 64 MiB
    assert_refused(setup, liar, tmp_path, "beschädigt")


# -- size ---------------------------------------------------------------------------
def test_a_2_gb_file_is_refused_before_reading(setup: Setup, tmp_path: Path) -> None:
    huge = tmp_path / "report.json"
    with huge.open("wb") as fh:  # sparse: 2 GiB declared, nothing on disk
        fh.truncate(2 * 1024 * MiB)
    assert huge.stat().st_blocks * 512 < MiB
    tracemalloc.start()
    with pytest.raises(OfficeFileRefused) as refused:
        read_office_file(huge, setup.coord.key, load_trusted(setup.coord.trusted), YEAR)
    assert tracemalloc.get_traced_memory()[1] < MiB
    tracemalloc.stop()
    assert "2,0 GiB" in refused.value.message
    assert_refused(setup, huge, tmp_path, "report.json wurde abgelehnt", "2,0 GiB groß")


def test_a_zip_entry_declaring_2_gb_is_refused_before_inflating(
    setup: Setup, tmp_path: Path
) -> None:
    big = write(tmp_path, "big.zip", zip_with_sizes("report.json", b"{}", 2 * 1024 * MiB))
    assert_refused(setup, big, tmp_path, "„report.json“ wäre entpackt 2,0 GiB groß")


# -- encryption and signature -------------------------------------------------------
def test_garbage_and_files_for_another_recipient_are_refused(setup: Setup, tmp_path: Path) -> None:
    garbage = write(tmp_path, "garbage.zip.p7m", os.urandom(4096))
    assert_refused(setup, garbage, tmp_path, "weder eine verschlüsselte Jahresmeldung")
    other = pack(members_of(setup), create_keys("Andere Stelle").cert_pem)
    foreign = write(tmp_path, "foreign.zip.p7m", other)
    assert_refused(setup, foreign, tmp_path, "nicht entschlüsseln")


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl missing")
def test_an_unsupported_cipher_is_refused(setup: Setup, tmp_path: Path) -> None:
    """Camellia is valid CMS that cryptography cannot decrypt: refused, nothing else hurt."""
    plain = write(tmp_path, "plain.zip", pack(members_of(setup), None))
    cert = write(tmp_path, "coordinator.pem", setup.coord.keys.cert_pem)
    bad = tmp_path / "camellia.zip.p7m"
    subprocess.run(
        ["openssl", "cms", "-encrypt", "-binary", "-outform", "DER", "-camellia-128-cbc",
         "-in", str(plain), "-out", str(bad), str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    assert_refused(setup, bad, tmp_path, "nicht entschlüsseln")


def test_a_signature_by_an_unknown_certificate_is_refused(setup: Setup, tmp_path: Path) -> None:
    import random

    stranger = make_office(99, "KI")
    report = random_report(stranger, random.Random(1))
    data = export_bytes(report, stranger.seal, setup.coord.keys.cert_pem)
    bad = write(tmp_path, "stranger.zip.p7m", data)
    message = assert_refused(setup, bad, tmp_path, "unbekannten Zertifikat", "MBE KI Nr. 99")
    assert "lotse coordinator trust" in message


def test_a_tampered_report_is_refused(setup: Setup, tmp_path: Path) -> None:
    members = members_of(setup)
    doc = json.loads(members["report.json"])
    doc["tables"][0]["total"] = (doc["tables"][0]["total"] or 0) + 100
    members["report.json"] = json.dumps(doc).encode()
    bad = write(tmp_path, "tampered.zip.p7m", pack(members, setup.coord.keys.cert_pem))
    assert_refused(setup, bad, tmp_path, "Signatur von report.json ist ungültig")


def test_missing_signature_is_refused(setup: Setup, tmp_path: Path) -> None:
    members = members_of(setup)
    del members["report.json.p7s"]
    bad = write(tmp_path, "unsigned.zip", pack(members, None))
    assert_refused(setup, bad, tmp_path, "fehlt report.json.p7s")


# -- content ------------------------------------------------------------------------
def test_a_schema_violation_is_refused(setup: Setup, tmp_path: Path) -> None:
    members = members_of(setup)
    doc = json.loads(members["report.json"])
    doc["client_names"] = ["Ayşe Yılmaz"]  # the schema allows no such field
    members["report.json"] = json.dumps(doc).encode()
    office = setup.offices[0]
    bad = write(
        tmp_path, "schema.zip.p7m", pack(resign(members, office.seal), setup.coord.keys.cert_pem)
    )
    assert_refused(setup, bad, tmp_path, "entspricht nicht dem Format", "client_names")


def test_a_negative_count_is_refused(setup: Setup, tmp_path: Path) -> None:
    members = members_of(setup)
    doc = json.loads(members["report.json"])
    doc["tables"][1]["cells"][0][0] = -7
    members["report.json"] = json.dumps(doc).encode()
    bad = write(tmp_path, "negative.zip", pack(resign(members, setup.offices[0].seal), None))
    assert_refused(setup, bad, tmp_path, "entspricht nicht dem Format", "zu klein")


def test_a_table_shaped_unlike_the_format_is_refused(setup: Setup, tmp_path: Path) -> None:
    """Valid against the schema and signed, but with a row the format does not have: the
    sums and the links between tables would not mean anything."""
    members = members_of(setup)
    doc = json.loads(members["report.json"])
    sex = next(t for t in doc["tables"] if t["key"] == "sex")
    sex["rows"][0] = "x"
    members["report.json"] = json.dumps(doc).encode()
    bad = write(tmp_path, "shape.zip", pack(resign(members, setup.offices[0].seal), None))
    assert_refused(setup, bad, tmp_path, "Tabelle „sex“", "anders aufgebaut")


def test_a_count_below_the_threshold_is_refused(setup: Setup, tmp_path: Path) -> None:
    members = members_of(setup)
    doc = json.loads(members["report.json"])
    table = next(t for t in doc["tables"] if t["key"] == "referrals")
    table["cells"][0][0], table["row_totals"][0] = 2, 2
    table["column_totals"][0] = table["total"] = None
    members["report.json"] = json.dumps(doc).encode()
    bad = write(tmp_path, "small.zip", pack(resign(members, setup.offices[0].seal), None))
    assert_refused(setup, bad, tmp_path, "den Wert 2", "Mindestfallzahl")


def test_a_csv_that_does_not_match_the_json_is_refused(setup: Setup, tmp_path: Path) -> None:
    members = members_of(setup)
    name = next(n for n in sorted(members) if n.endswith(".csv"))
    lines = members[name].decode("utf-8-sig").split("\r\n")
    fields = lines[1].split(";")
    fields[1] = "999" if fields[1] != "999" else "998"
    lines[1] = ";".join(fields)
    members[name] = ("\ufeff" + "\r\n".join(lines)).encode()
    bad = write(tmp_path, "csv.zip.p7m", pack(members, setup.coord.keys.cert_pem))
    assert_refused(setup, bad, tmp_path, f"„{name}“ weicht in Zeile 2 von report.json ab")


def test_a_missing_csv_is_refused(setup: Setup, tmp_path: Path) -> None:
    members = members_of(setup)
    name = next(n for n in sorted(members) if n.endswith(".csv"))
    del members[name]
    bad = write(tmp_path, "nocsv.zip", pack(members, None))
    assert_refused(setup, bad, tmp_path, f"fehlt {name}")


def test_a_file_of_another_year_is_refused(setup: Setup, tmp_path: Path) -> None:
    import random

    report = replace(random_report(setup.offices[1], random.Random(3)), year=YEAR - 1)
    data = export_bytes(report, setup.offices[1].seal, setup.coord.keys.cert_pem)
    bad = write(tmp_path, "lastyear.zip.p7m", data)
    assert_refused(setup, bad, tmp_path, f"Jahr {YEAR - 1}", f"zusammengeführt wird {YEAR}")


def test_a_second_file_of_an_office_is_refused(setup: Setup, tmp_path: Path) -> None:
    import random

    office = setup.offices[0]  # its first file comes first in run_with's order
    again = export_bytes(
        random_report(office, random.Random(5)), office.seal, setup.coord.keys.cert_pem
    )
    bad = write(tmp_path, "again.zip.p7m", again)
    assert_refused(setup, bad, tmp_path, office.name, setup.good[0].name, "zweite Datei")


def test_a_second_office_id_under_the_same_seal_is_refused(setup: Setup, tmp_path: Path) -> None:
    import random

    office = setup.offices[0]
    alias = replace(office, office_id="office-alias", name="MBE Doppelt")
    report = random_report(alias, random.Random(6))
    data = export_bytes(report, office.seal, setup.coord.keys.cert_pem)
    bad = write(tmp_path, "alias.zip.p7m", data)
    assert_refused(setup, bad, tmp_path, "demselben Dienstsiegel", setup.good[0].name)


def test_a_missing_file_is_refused(setup: Setup, tmp_path: Path) -> None:
    assert_refused(setup, tmp_path / "nowhere.zip.p7m", tmp_path, "nicht vorhanden")


def test_the_json_is_checked_only_after_the_signature(setup: Setup) -> None:
    """An unsigned document is never parsed: a broken JSON from a stranger is refused for
    its signature, not for its syntax."""
    stranger = make_office(98, "KI")
    import random

    report = random_report(stranger, random.Random(2))
    data = export_bytes(report, stranger.seal, setup.coord.keys.cert_pem)
    members = unpack(data, setup.coord.key)
    members["report.json"] = b"{" * 100_000
    members = resign(members, stranger.seal)
    with pytest.raises(OfficeFileRefused) as refused:
        read_office_bytes(
            "x.zip", pack(members, None), setup.coord.key, load_trusted(setup.coord.trusted)
        )
    assert "unbekannten Zertifikat" in refused.value.fault
