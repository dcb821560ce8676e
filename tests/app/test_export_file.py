"""The office's yearly file: report.json and its schema, CSVs, the zip, signed and
encrypted, read back by openssl and by the coordinator's reader."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import shutil
import subprocess
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from sqlalchemy import select

from app import config
from app.cli_export import cmd_export
from app.documents.certificates import create_self_signed
from app.domain.seal import SealMaterial
from app.domain.suppression import suppress
from app.domain.yearly_report import SCHEMA_VERSION, CountTable, QualityAnswer, YearlyReport
from app.errors import AccessDenied, UsageError
from app.export.cms import CmsError, SignatureError
from app.export.csv_tables import table_csv
from app.export.report_checks import ReportFormatError
from app.export.report_json import (
    report_from_json,
    report_to_dict,
    report_to_json,
    schema,
    schema_path,
)
from app.export.yearly_file import (
    REPORT_NAME,
    SIGNATURE_NAME,
    ExportFile,
    export_file_name,
    write_export,
)
from app.paths import OfficePaths
from app.services.session import OfficeSession, unlock
from app.services.yearly_file_service import (
    ExportInfo,
    export_year,
    exports,
)
from app.storage import models
from tests.app.yearly_read import open_export

needs_openssl = pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl missing")

TITLES = {
    "offers": "Personen nach Angebot und Geschlecht",
    "age_groups": "Personen nach Altersgruppe",
    "life_areas": "Lebensbereiche (Mehrfachnennungen)",
    "languages_by_month": "Beratungssprache nach Monat",
    "contact_forms": "Beratungskontakte nach Form",
}
LABELS = {
    "initial": "Erstberatung",
    "short": "punktuelle Beratung",
    "crisis": "Krisenberatung",
    "case": "Integrationsbegleitung",
    "female": "weiblich",
    "male": "männlich",
    "diverse": "divers",
    "u18": "unter 18",
    "18_26": "18 bis 26",
    "27_44": "27 bis 44",
    "45_64": "45 bis 64",
    "65p": "65 und älter",
    "persons": "Personen",
    "language": "Sprache und Bildung",
    "work": "Arbeit und Beruf",
    "housing": "Wohnen",
    "health": "Gesundheit",
    "family": "Familie und Kinderbetreuung",
    "in_person": "persönlich",
    "phone": "telefonisch",
    "video": "Video",
    "email": "E-Mail",
    "letter": "Brief",
}


def title_of(key: str) -> str:
    return TITLES.get(key, key)


def label_of(table_key: str, code: str) -> str:
    return LABELS.get(code, code)


def additive(
    key: str, rows: Sequence[str], columns: Sequence[str], counts: list[list[int]]
) -> CountTable:
    hidden = suppress(counts, 5)
    return CountTable(
        key, tuple(rows), tuple(columns), hidden.cells, hidden.row_totals, hidden.col_totals,
        hidden.total,
    )  # fmt: skip


def sample_report(**changes: object) -> YearlyReport:
    months = tuple(f"{m:02d}" for m in range(1, 13))
    languages = [[9, 7, 12, 5, 8, 11, 6, 9, 14, 10, 7, 8], [3, 6, 5, 7, 2, 8, 6, 5, 4, 9, 6, 7]]
    tables = (
        additive(
            "offers",
            ["initial", "short", "crisis", "case"],
            ["female", "male", "diverse"],
            [[14, 11, 1], [22, 19, 0], [3, 4, 0], [31, 27, 2]],
        ),
        additive(
            "age_groups",
            ["u18", "18_26", "27_44", "45_64", "65p"],
            ["female", "male"],
            [[2, 1], [15, 13], [33, 28], [17, 16], [5, 4]],
        ),
        CountTable(
            "life_areas",
            ("language", "work", "housing", "health", "family"),
            ("case", "short"),
            ((41, 17), (29, None), (22, 9), (None, 6), (18, 11)),
            (58, None, 31, None, 29),
            (60, 34),
            94,
            additive=False,
        ),
        additive("languages_by_month", ["ar", "uk"], months, languages),
        additive(
            "contact_forms",
            ["in_person", "phone", "video", "email", "letter"],
            ["case", "short"],
            [[280, 132], [120, 78], [2, 1], [50, 27], [9, 3]],
        ),
    )
    report = YearlyReport(
        schema_version=SCHEMA_VERSION,
        software_version="0.1.0",
        office_id="3f0c2a4e-7d1b-4c55-9e0a-6b2d8f1c9a77",
        office_name="Migrationsberatung Plön & Umgebung – Süd",
        district="PLÖ",
        year=2025,
        threshold=5,
        tables=tables,
        quality=(
            QualityAnswer("staff_counsellors", 4),
            QualityAnswer("open_consultation", False),
            QualityAnswer("interpreter_access", "remote"),
            QualityAnswer("written_concept", True),
            QualityAnswer("caseload_per_post", 64),
        ),
    )
    return replace(report, **changes)  # type: ignore[arg-type]


SEAL = create_self_signed("Migrationsberatung Plön & Umgebung – Süd", "Diakonie")


def rsa_identity(name: str = "Landeskoordination MBE") -> tuple[bytes, bytes]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime(2025, 1, 1)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=3650))
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return key_pem, cert.public_bytes(serialization.Encoding.PEM)


COORDINATOR = rsa_identity()


def export(
    report: YearlyReport, seal: SealMaterial = SEAL, recipient: bytes | None = None
) -> ExportFile:
    return write_export(
        report,
        seal_key_pem=seal.key_pem,
        seal_cert_pem=seal.cert_pem,
        coordinator_cert_pem=recipient,
        summary=b"%PDF-1.4 stand-in",
        title_of=title_of,
        label_of=label_of,
    )


def members(archive: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(archive)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def openssl(*args: str | Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        ["openssl", *map(str, args)], capture_output=True, check=False, timeout=60
    )


# -- report.json --------------------------------------------------------------------------
def test_json_is_canonical_and_round_trips() -> None:
    report = sample_report()
    data = report_to_json(report)
    assert data == report_to_json(sample_report())
    doc = json.loads(data)
    assert (
        data == json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
    )
    assert "Plön" in data.decode("utf-8")
    assert report_from_json(data) == report
    assert doc["tables"][0]["cells"][0][2] is None  # a suppressed cell is null


def test_an_independent_validator_accepts_the_file() -> None:
    document = json.loads(report_to_json(sample_report()))
    jsonschema.validate(document, schema(), cls=jsonschema.Draft202012Validator)
    jsonschema.Draft202012Validator.check_schema(schema())
    assert schema_path().name == f"yearly-report-{SCHEMA_VERSION}.schema.json"
    assert schema()["$id"].endswith(SCHEMA_VERSION)


def _mutated(change: object) -> bytes:
    doc = report_to_dict(sample_report())
    change(doc)  # type: ignore[operator]
    return json.dumps(doc).encode()


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda d: d.update(comment="frei"), "unbekannte Feld „comment“"),
        (lambda d: d["tables"][0].update(note="x"), "unbekannte Feld „note“"),
        (lambda d: d["tables"][1]["cells"][1].__setitem__(0, -28), "zu klein"),
        (lambda d: d["tables"][0].__setitem__("total", 1.5), "falschen Typ"),
        (lambda d: d.pop("office_id"), "fehlt das Feld „office_id“"),
        (lambda d: d.update(office_name="x" * 201), "zu lang"),
        (lambda d: d.update(year=1999), "zu klein"),
        (lambda d: d["tables"][0]["rows"].__setitem__(1, "initial"), "doppelt"),
    ],
)
def test_the_schema_rejects(change: object, words: str) -> None:
    data = _mutated(change)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(json.loads(data), schema(), cls=jsonschema.Draft202012Validator)
    with pytest.raises(ReportFormatError) as caught:
        report_from_json(data)
    assert words in caught.value.message
    assert "nichts übernommen" in caught.value.message


def _row_off(doc: dict[str, Any]) -> None:
    """Several answers per person: columns need not add up, but rows must."""
    life = doc["tables"][2]
    assert not life["additive"]
    life["row_totals"][0] += 1


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda d: d["tables"][4]["cells"][2].__setitem__(0, 3), "unter der Mindestfallzahl 5"),
        (lambda d: d["tables"][0].update(total=d["tables"][0]["total"] + 1), "Summen nicht auf"),
        (lambda d: d["tables"][0]["cells"].pop(), "passen die Zellen nicht"),
        (lambda d: d.update(district="XX"), "Kreis „XX“ ist unbekannt"),
        (_row_off, "Summen nicht auf"),
        (lambda d: d["tables"].append(d["tables"][0]), "doppelt"),
    ],
)
def test_semantic_checks_reject(change: object, words: str) -> None:
    data = _mutated(change)
    jsonschema.validate(json.loads(data), schema(), cls=jsonschema.Draft202012Validator)
    with pytest.raises(ReportFormatError) as caught:
        report_from_json(data)
    assert words in caught.value.message


@pytest.mark.parametrize(
    "data",
    [b"{", b"\xff\xfe", b'{"year": NaN}', b'{"year": 1, "year": 2}', b"[]", b"null"],
)
def test_garbage_is_refused_with_a_sentence(data: bytes) -> None:
    with pytest.raises(ReportFormatError) as caught:
        report_from_json(data)
    assert caught.value.message.endswith("neue Datei an.")


def test_a_newer_format_asks_for_an_update() -> None:
    data = _mutated(lambda d: d.update(schema_version="2.0"))
    with pytest.raises(ReportFormatError, match=r"Format 2\.0.*aktualisieren"):
        report_from_json(data)


def test_an_office_cannot_write_a_report_that_breaks_the_threshold() -> None:
    bad = sample_report(threshold=20)  # the sample's published 14 and 11 are below 20
    with pytest.raises(ReportFormatError, match="keine Datei geschrieben"):
        export(bad)


# -- CSV -----------------------------------------------------------------------------------
def test_csv_for_german_excel() -> None:
    report = sample_report()
    data = table_csv(report.tables[0], title_of, label_of)
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\r\n") == len(report.tables[0].rows) + 2
    assert b"\n" not in data.replace(b"\r\n", b"")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0] == [TITLES["offers"], "weiblich", "männlich", "divers", "Summe"]
    table = report.tables[0]
    assert rows[1][0] == "Erstberatung"
    assert rows[1][1:] == [
        "." if v is None else str(v) for v in (*table.cells[0], table.row_totals[0])
    ]
    assert rows[-1][0] == "Summe"
    assert rows[-1][-1] == ("." if table.total is None else str(table.total))
    assert "." in rows[1]


def test_csv_of_multiple_answers_counts_persons() -> None:
    life = sample_report().tables[2]
    rows = list(
        csv.reader(
            io.StringIO(table_csv(life, title_of, label_of).decode("utf-8-sig")), delimiter=";"
        )
    )
    assert rows[0][-1] == rows[-1][0] == "Insgesamt"
    assert rows[-1][-1] == "94"


def test_a_label_that_looks_like_a_formula_stays_text() -> None:
    table = sample_report().tables[1]
    data = table_csv(table, title_of, lambda key, code: "=1+1" if code == "u18" else code)
    assert ";'=1+1;" in ";" + data.decode("utf-8-sig").replace("\r\n", ";")


# -- file name -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("office", "expected"),
    [
        ("Migrationsberatung Plön & Umgebung – Süd", "Migrationsberatung-Ploen-Umgebung-Sued"),
        ("MBE Kiel-Gaarden", "MBE-Kiel-Gaarden"),
        ("Straße der Ärzte", "Strasse-der-Aerzte"),
        ("Café Élan", "Cafe-Elan"),
        ("ولاء", "Beratungsstelle"),
    ],
)
def test_export_file_name(office: str, expected: str) -> None:
    assert export_file_name(office, 2025) == f"Jahresmeldung_{expected}_2025.zip"
    assert export_file_name(office, 2025, encrypted=True).endswith("_2025.zip.p7m")


# -- the zip -------------------------------------------------------------------------------
def test_zip_contents_and_round_trip() -> None:
    report = sample_report()
    file = export(report)
    assert file.name == "Jahresmeldung_Migrationsberatung-Ploen-Umgebung-Sued_2025.zip"
    assert not file.encrypted
    content = members(file.data)
    assert list(content) == sorted(content)
    assert set(content) == {
        "01_offers.csv", "02_age_groups.csv", "03_life_areas.csv", "04_languages_by_month.csv",
        "05_contact_forms.csv", "README.txt", "report.json", "report.json.p7s", "summary.pdf",
    }  # fmt: skip
    assert content[REPORT_NAME] == report_to_json(report)
    readme = content["README.txt"].decode("utf-8-sig")
    assert "„.“ steht für eine unterdrückte Anzahl" in readme
    assert "Migrationsberatung Plön & Umgebung – Süd" in readme
    received = open_export(file.data)
    assert received.report == report
    assert received.report_sha256 == file.report_sha256
    assert received.signer.public_bytes(serialization.Encoding.PEM) == SEAL.cert_pem


def test_equal_reports_give_equal_zips_apart_from_the_signature() -> None:
    first, second = members(export(sample_report()).data), members(export(sample_report()).data)
    assert first.keys() == second.keys()
    assert {k: v for k, v in first.items() if k != SIGNATURE_NAME} == {
        k: v for k, v in second.items() if k != SIGNATURE_NAME
    }
    with zipfile.ZipFile(io.BytesIO(export(sample_report()).data)) as zf:
        assert {i.date_time for i in zf.infolist()} == {(2025, 1, 1, 0, 0, 0)}


def _rezip(content: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in content.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_a_changed_report_fails_the_signature() -> None:
    content = members(export(sample_report()).data)
    content[REPORT_NAME] = content[REPORT_NAME].replace(b'"year":2025', b'"year":2024')
    with pytest.raises(SignatureError, match="nach dem Signieren verändert"):
        open_export(_rezip(content))
    del content[SIGNATURE_NAME]
    with pytest.raises(ReportFormatError, match=r"Es fehlt report\.json\.p7s"):
        open_export(_rezip(content))
    with pytest.raises(ReportFormatError, match="kein lesbares ZIP"):
        open_export(b"PK\x03\x04 broken")


@needs_openssl
def test_openssl_verifies_the_written_signature(tmp_path: Path) -> None:
    content = members(export(sample_report()).data)
    for name in (REPORT_NAME, SIGNATURE_NAME):
        (tmp_path / name).write_bytes(content[name])
    (tmp_path / "seal.pem").write_bytes(SEAL.cert_pem)
    common = ["cms", "-verify", "-binary", "-inform", "DER", "-in", tmp_path / SIGNATURE_NAME]
    ok = openssl(*common, "-content", tmp_path / REPORT_NAME, "-CAfile", tmp_path / "seal.pem",
                 "-out", tmp_path / "out.json")  # fmt: skip
    assert ok.returncode == 0, ok.stderr
    assert b"Verification successful" in ok.stderr
    assert (tmp_path / "out.json").read_bytes() == content[REPORT_NAME]
    changed = content[REPORT_NAME].replace(b'"year":2025', b'"year":2024')
    assert changed != content[REPORT_NAME]
    (tmp_path / "changed.json").write_bytes(changed)
    bad = openssl(*common, "-content", tmp_path / "changed.json", "-noverify")
    assert bad.returncode != 0


@needs_openssl
def test_encrypted_for_the_coordinator(tmp_path: Path) -> None:
    key_pem, cert_pem = COORDINATOR
    report = sample_report()
    file = export(report, recipient=cert_pem)
    assert file.encrypted
    assert file.name.endswith("_2025.zip.p7m")
    assert not file.data.startswith(b"PK")
    (tmp_path / "in.p7m").write_bytes(file.data)
    (tmp_path / "key.pem").write_bytes(key_pem)
    (tmp_path / "cert.pem").write_bytes(cert_pem)
    result = openssl("cms", "-decrypt", "-binary", "-inform", "DER", "-in", tmp_path / "in.p7m",
                     "-recip", tmp_path / "cert.pem", "-inkey", tmp_path / "key.pem",
                     "-out", tmp_path / "out.zip")  # fmt: skip
    assert result.returncode == 0, result.stderr
    listed = openssl("cms", "-cmsout", "-print", "-inform", "DER", "-in", tmp_path / "in.p7m")
    assert b"aes-256-cbc" in listed.stdout
    assert members((tmp_path / "out.zip").read_bytes())[REPORT_NAME] == report_to_json(report)
    assert open_export(file.data, key_pem=key_pem, cert_pem=cert_pem).report == report
    with pytest.raises(CmsError, match="verschlüsselt"):
        open_export(file.data)
    other_key, other_cert = rsa_identity("Jemand anderes")
    with pytest.raises(CmsError, match="nicht entschlüsseln"):
        open_export(file.data, key_pem=other_key, cert_pem=other_cert)


def test_an_ec_coordinator_certificate_is_refused_with_a_sentence() -> None:
    ec_cert = create_self_signed("Landeskoordination", "").cert_pem
    with pytest.raises(CmsError, match="keinen RSA-Schlüssel"):
        export(sample_report(), recipient=ec_cert)


# -- the service and the command ------------------------------------------------------------
@pytest.fixture(scope="module")
def demo_paths(tmp_path_factory: pytest.TempPathFactory) -> OfficePaths:
    from app.services.demo import create_demo
    from tests.conftest import FAST_KDF

    paths = OfficePaths(tmp_path_factory.mktemp("demo") / "office")
    create_demo(paths, clients=30, seed=3, kdf=FAST_KDF)
    return paths


@pytest.fixture
def lead(demo_paths: OfficePaths) -> Iterator[OfficeSession]:
    from app.services.demo import DEMO_LEAD, DEMO_PASSPHRASE

    session = unlock(demo_paths, DEMO_LEAD, DEMO_PASSPHRASE)
    yield session
    session.close()


def _year(session: OfficeSession) -> int:
    from app.services.yearly_export import available_years

    return available_years(session)[-2]  # a full year with data


def _export_audits(session: OfficeSession) -> list[tuple[str, int | None]]:
    a = models.AuditEntry
    with session.orm() as orm:
        rows = orm.execute(select(a.entity, a.entity_id).where(a.action == "export"))
        return [(entity, entity_id) for entity, entity_id in rows]


def _set_coordinator_certificate(session: OfficeSession, text: str) -> None:
    with session.orm() as orm, orm.begin():
        key = config.COORDINATOR_CERTIFICATE.key
        orm.merge(models.SettingRow(key=key, value=json.dumps(text)))


def test_export_year_seals_saves_and_records(lead: OfficeSession) -> None:
    from app.services.yearly_export import build_report

    year, today = _year(lead), dt.date(2030, 1, 15)
    saved: list[ExportFile] = []
    before = len(exports(lead, year)), len(_export_audits(lead))
    export = export_year(lead, year, today, save=saved.append)
    assert saved == [export]
    assert export.name == f"Jahresmeldung_Migrationsberatung-Demo-Stadt_{year}.zip"
    received = open_export(export.data)
    assert received.report == build_report(lead, year)
    with lead.orm() as orm:
        seal_cert = orm.scalars(select(models.SigningIdentity)).one().cert_pem
    assert received.signer.public_bytes(serialization.Encoding.PEM) == seal_cert
    records = exports(lead, year)
    assert len(records) == before[0] + 1
    assert records[0] == ExportInfo(year, today, export.report_sha256, "Lea Leitung")
    assert _export_audits(lead)[before[1] :] == [("yearly_report", year)]
    assert members(export.data)["summary.pdf"].startswith(b"%PDF-")


def test_export_year_encrypts_for_the_coordinator(lead: OfficeSession) -> None:
    key_pem, cert_pem = COORDINATOR
    _set_coordinator_certificate(lead, cert_pem.decode())
    try:
        export = export_year(lead, _year(lead), dt.date(2030, 1, 15))
    finally:
        _set_coordinator_certificate(lead, "")
    assert export.encrypted and export.name.endswith(".zip.p7m")
    assert open_export(export.data, key_pem=key_pem, cert_pem=cert_pem).report.office_name == (
        "Migrationsberatung Demo-Stadt"
    )


def test_nothing_is_recorded_when_the_export_fails(lead: OfficeSession) -> None:
    year = _year(lead)
    before = len(exports(lead)), len(_export_audits(lead))

    def full_disk(_export: ExportFile) -> None:
        raise UsageError("voll")

    with pytest.raises(UsageError, match="voll"):
        export_year(lead, year, dt.date(2030, 1, 15), save=full_disk)
    _set_coordinator_certificate(lead, "-----BEGIN CERTIFICATE-----\nkaputt\n")
    try:
        with pytest.raises(UsageError, match="Zertifikat der Landeskoordination ist unlesbar"):
            export_year(lead, year, dt.date(2030, 1, 15))
    finally:
        _set_coordinator_certificate(lead, "")
    with pytest.raises(UsageError, match="keine Jahresmeldung"):
        export_year(lead, 2031, dt.date(2030, 1, 15))
    assert (len(exports(lead)), len(_export_audits(lead))) == before


def test_only_the_lead_exports(demo_paths: OfficePaths) -> None:
    from app.services.demo import DEMO_COUNSELLOR, DEMO_PASSPHRASE

    session = unlock(demo_paths, DEMO_COUNSELLOR, DEMO_PASSPHRASE)
    try:
        with pytest.raises(AccessDenied, match="nur die Leitung"):
            export_year(session, 2025, dt.date(2030, 1, 15))
    finally:
        session.close()


def _cli_args(paths: OfficePaths, out: Path, year: int) -> argparse.Namespace:
    from app.services.demo import DEMO_LEAD

    return argparse.Namespace(home=str(paths.home), user=DEMO_LEAD, passphrase_file=None, lang=None,
                              year=year, out=out)  # fmt: skip


def test_the_command_writes_into_the_folder(
    demo_paths: OfficePaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    from app.services.demo import DEMO_PASSPHRASE

    monkeypatch.setenv("LOTSE_PASSPHRASE", DEMO_PASSPHRASE)
    year = dt.date.today().year - 1
    assert cmd_export(_cli_args(demo_paths, tmp_path, year), demo_paths) == 0
    written = tmp_path / f"Jahresmeldung_Migrationsberatung-Demo-Stadt_{year}.zip"
    assert [p.name for p in tmp_path.iterdir()] == [written.name]  # no temp file left
    assert open_export(written.read_bytes()).report.year == year
    out = capsys.readouterr().out
    assert str(written) in out and "nicht verschlüsselt" in out
    with pytest.raises(UsageError, match="existiert nicht"):
        cmd_export(_cli_args(demo_paths, tmp_path / "fehlt", year), demo_paths)
