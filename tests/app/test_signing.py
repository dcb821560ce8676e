"""Sealing PDFs with the office seal and checking them: real PDFs, read back with poppler."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from app.documents.certificates import create_self_signed
from app.documents.seal_box import SealBox
from app.documents.signing import SealStamp, _eu_offset, office_time, sign_pdf, stamp_lines
from app.documents.verification import Verification, verify_pdf
from app.domain.seal import SealMaterial
from app.errors import UsageError

ROOT = Path(__file__).resolve().parents[2]
SUMMER = dt.datetime(2026, 7, 1, 12, 5, tzinfo=dt.UTC)  # 14:05 in Kiel
STAMP = SealStamp("MBE Plön – Diakonie Altholstein", "ZV-2026-0042", SUMMER)
BOX = SealBox(page=1, x1=340, y1=60, x2=540, y2=120)
POPPLER = pytest.mark.skipif(
    shutil.which("pdfsig") is None or shutil.which("pdftotext") is None,
    reason="poppler-utils not installed",
)


@pytest.fixture(scope="module")
def seal() -> SealMaterial:
    return create_self_signed("MBE Plön", "Diakonie Altholstein")


@pytest.fixture(scope="module")
def other_seal() -> SealMaterial:
    return create_self_signed("MBE Husum", "Caritas")


def make_pdf(pages: int = 3) -> bytes:
    """A small uncompressed reportlab document, so tests can find its text in the bytes."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=A4, invariant=1, pageCompression=0)
    for number in range(1, pages + 1):
        canvas.setFont("Helvetica", 12)
        canvas.drawString(72, 770, f"Zielvereinbarung Seite {number} von {pages}")
        canvas.showPage()
    canvas.save()
    return buf.getvalue()


@pytest.fixture(scope="module")
def sealed(seal: SealMaterial) -> bytes:
    return sign_pdf(make_pdf(), seal, STAMP, BOX)


def _tool(*args: str) -> str:
    env = {**os.environ, "TZ": "UTC", "LC_ALL": "C"}
    out = subprocess.run(args, capture_output=True, text=True, check=False, timeout=60, env=env)
    return out.stdout + out.stderr


def _write(tmp_path: Path, data: bytes, name: str = "doc.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def append_update(signed: bytes) -> bytes:
    """An incremental update after sealing that paints new text on page 1."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    stream = generic.StreamObject(stream_data=b"BT /F1 30 Tf 100 500 Td (GEAENDERT) Tj ET")
    writer.add_stream_to_page(0, writer.add_object(stream))  # type: ignore[no-untyped-call]
    out = io.BytesIO()
    writer.write(out)  # type: ignore[no-untyped-call]
    return out.getvalue()


def flip_text(signed: bytes) -> bytes:
    """The same file with one digit of the signed page text changed."""
    marker = b"Seite 2 von 3"
    at = signed.index(marker) + len("Seite ")
    assert signed.count(marker) == 1
    return signed[:at] + b"7" + signed[at + 1 :]


# --- signing ---------------------------------------------------------------------------------


@POPPLER
def test_pdfsig_says_valid(sealed: bytes, tmp_path: Path) -> None:
    report = _tool("pdfsig", str(_write(tmp_path, sealed)))
    assert "Signature Field Name: Dienstsiegel" in report
    assert "Signature Type: ETSI.CAdES.detached" in report
    assert "Signature is Valid." in report
    assert "Certificate issuer is unknown." in report  # self-signed: expected
    assert "Total document signed" in report
    assert "Signing Time: Jul 01 2026 12:05:00" in report
    assert "CN=Dienstsiegel MBE Plön" in report


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf not installed")
def test_qpdf_finds_the_structure_sound(sealed: bytes, tmp_path: Path) -> None:
    out = subprocess.run(
        ["qpdf", "--check", str(_write(tmp_path, sealed))],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "No syntax or stream encoding errors found" in out.stdout


@POPPLER
def test_visible_seal_is_on_the_given_page_only(sealed: bytes, tmp_path: Path) -> None:
    path = str(_write(tmp_path, sealed))
    pages = [_tool("pdftotext", "-f", str(n), "-l", str(n), path, "-") for n in (1, 2, 3)]
    assert "ZV-2026-0042" not in pages[0] + pages[2]
    text = " ".join(pages[1].split())
    assert "Elektronisch gesiegelt von MBE Plön – Diakonie Altholstein" in text
    assert "am 01.07.2026 um 14:05 Uhr" in text  # Central European Summer Time
    assert "Dokument-ID ZV-2026-0042" in text
    fonts = [line for line in _tool("pdffonts", path).splitlines() if "NotoSans" in line]
    assert len(fonts) == 2  # regular and bold, embedded as subsets
    assert all(line.split()[-5:-2] == ["yes", "yes", "yes"] for line in fonts), fonts


def _word_boxes(pdf: Path, page: int) -> list[tuple[str, float, float, float, float]]:
    """Words of one page with their boxes in PDF points, origin at the lower left."""
    import re

    html = _tool("pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-")
    height = float(re.search(r'<page width="[\d.]+" height="([\d.]+)"', html).group(1))  # type: ignore[union-attr]
    words = re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
        html,
    )
    return [
        (w, float(x1), height - float(y2), float(x2), height - float(y1))
        for x1, y1, x2, y2, w in words
    ]


@POPPLER
@pytest.mark.parametrize(
    "office",
    [
        "MBE Plön",
        "Migrationsberatung für Erwachsene Kiel-Gaarden, Diakonisches Werk Altholstein "
        "gemeinnützige GmbH, Außenstelle Neumünster",
    ],
)
def test_seal_text_stays_inside_its_box(seal: SealMaterial, tmp_path: Path, office: str) -> None:
    box = SealBox(page=0, x1=380, y1=40, x2=560, y2=95)
    signed = sign_pdf(make_pdf(1), seal, SealStamp(office, "B-7", SUMMER), box)
    words = [w for w in _word_boxes(_write(tmp_path, signed), 1) if w[2] < 200]
    assert "B-7" in [w[0] for w in words]
    assert "Außenstelle" in [w[0] for w in words] or office == "MBE Plön"
    for _word, x1, y1, x2, y2 in words:
        assert box.x1 <= x1 and x2 <= box.x2, _word
        assert box.y1 <= y1 and y2 <= box.y2, _word


@POPPLER
def test_invisible_seal(seal: SealMaterial, tmp_path: Path) -> None:
    signed = sign_pdf(make_pdf(), seal, STAMP, None)
    path = str(_write(tmp_path, signed))
    assert "Signature is Valid." in _tool("pdfsig", path)
    assert "Dokument-ID" not in _tool("pdftotext", path, "-")
    result = verify_pdf(signed, seal.cert_pem)
    assert result.valid
    assert result.doc_ref == "ZV-2026-0042"


def _provider_seal() -> tuple[SealMaterial, bytes]:
    """An RSA seal issued by a (test) trust service provider, imported as PKCS#12."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, rsa
    from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, pkcs12
    from cryptography.x509.oid import NameOID

    from app.documents.certificates import import_pkcs12

    def name(cn: str) -> x509.Name:
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])

    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca = (
        x509.CertificateBuilder()
        .subject_name(name("Test-CA"))
        .issuer_name(name("Test-CA"))
        .public_key(ca_key.public_key())
        .serial_number(1)
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    leaf = (
        x509.CertificateBuilder()
        .subject_name(name("Dienstsiegel MBE Eutin"))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(2)
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365))
        .sign(ca_key, hashes.SHA256())
    )
    p12 = pkcs12.serialize_key_and_certificates(b"seal", key, leaf, [ca], NoEncryption())
    return import_pkcs12(p12, None), ca.public_bytes(Encoding.PEM)


@POPPLER
def test_an_imported_provider_seal_signs_and_verifies(tmp_path: Path) -> None:
    material, ca_pem = _provider_seal()
    assert not material.self_signed and material.chain_pem
    signed = sign_pdf(make_pdf(), material, STAMP, BOX)
    assert "Signature is Valid." in _tool("pdfsig", str(_write(tmp_path, signed)))
    result = verify_pdf(signed, material.cert_pem)
    assert result.valid and result.office_match
    assert result.signer == "Dienstsiegel MBE Eutin"
    assert verify_pdf(signed, ca_pem).office_match is False  # the seal itself, not its issuer


def test_signing_time_comes_from_the_stamp(seal: SealMaterial) -> None:
    winter = SealStamp("MBE Plön", "X-1", dt.datetime(2026, 1, 15, 23, 30, tzinfo=dt.UTC))
    assert verify_pdf(sign_pdf(make_pdf(1), seal, winter, None)).signed_at == winter.signed_at
    # 23:30 UTC in January is already the next day in Kiel (UTC+1)
    assert stamp_lines(winter)[2] == "am 16.01.2026 um 00:30 Uhr"


def test_eu_summer_time_rule_matches_the_time_zone_database() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    start = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    for hours in range(0, 2 * 366 * 24, 7):
        moment = start + dt.timedelta(hours=hours)
        assert _eu_offset(moment) == moment.astimezone(berlin).utcoffset(), moment
    assert office_time(SUMMER).hour == 14


def test_sealing_is_fast(seal: SealMaterial) -> None:
    pdf = make_pdf(3)
    sign_pdf(pdf, seal, STAMP, BOX)  # warm-up: imports, fonts
    best = min(_timed(lambda: sign_pdf(pdf, seal, STAMP, BOX)) for _ in range(5))
    assert best <= 0.120, f"{best * 1000:.0f} ms"


def _timed(action: object) -> float:
    start = time.perf_counter()
    action()  # type: ignore[operator]
    return time.perf_counter() - start


def test_no_temporary_file_is_written(tmp_path: Path) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    work = tmp_path / "cwd"
    work.mkdir()
    script = (
        "import sys, datetime as dt\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "from tests.app.test_signing import make_pdf, STAMP, BOX\n"
        "from app.documents.certificates import create_self_signed\n"
        "from app.documents.signing import sign_pdf\n"
        "from app.documents.verification import verify_pdf\n"
        "seal = create_self_signed('MBE Plön', '')\n"
        "assert verify_pdf(sign_pdf(make_pdf(), seal, STAMP, BOX), seal.cert_pem).valid\n"
    )
    env = {**os.environ, "TMPDIR": str(scratch), "PYTHONDONTWRITEBYTECODE": "1"}
    out = subprocess.run(
        [sys.executable, "-c", script],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert list(scratch.iterdir()) == []
    assert list(work.iterdir()) == []


def test_sign_refuses_what_is_not_a_pdf(seal: SealMaterial) -> None:
    with pytest.raises(UsageError, match="kein lesbares PDF"):
        sign_pdf(b"%PDF-1.4 nothing here", seal, STAMP, None)


def test_a_sealed_document_is_not_sealed_twice(sealed: bytes, seal: SealMaterial) -> None:
    with pytest.raises(UsageError, match="bereits ein Dienstsiegel"):
        sign_pdf(sealed, seal, STAMP, None)


def test_sign_rejects_a_box_outside_the_document(seal: SealMaterial) -> None:
    with pytest.raises(ValueError, match="outside"):
        sign_pdf(make_pdf(1), seal, STAMP, SealBox(3, 10, 10, 100, 50))
    with pytest.raises(ValueError, match="timezone"):
        sign_pdf(make_pdf(1), seal, SealStamp("A", "B", dt.datetime(2026, 1, 1)), None)


# --- verifying -------------------------------------------------------------------------------


def test_verify_with_the_office_certificate(sealed: bytes, seal: SealMaterial) -> None:
    result = verify_pdf(sealed, seal.cert_pem)
    assert result.valid
    assert (result.signed, result.intact, result.unchanged, result.office_match) == (
        True,
        True,
        True,
        True,
    )
    assert result.signer == "Dienstsiegel MBE Plön, Diakonie Altholstein"
    assert result.signed_at == SUMMER
    assert result.fingerprint_sha256 == seal.fingerprint_sha256
    assert result.doc_ref == "ZV-2026-0042"
    assert result.problems == ()


def test_verify_without_a_certificate_leaves_origin_open(sealed: bytes) -> None:
    result = verify_pdf(sealed)
    assert result.office_match is None
    assert result.valid


def test_verify_with_another_office_certificate(sealed: bytes, other_seal: SealMaterial) -> None:
    result = verify_pdf(sealed, other_seal.cert_pem)
    assert result.intact and result.unchanged
    assert result.office_match is False
    assert not result.valid
    assert result.problems == (
        "Das Siegel stammt nicht von dieser Beratungsstelle: Das Zertifikat ist ein anderes.",
    )


@POPPLER
def test_a_flipped_byte_breaks_the_seal(sealed: bytes, seal: SealMaterial, tmp_path: Path) -> None:
    tampered = flip_text(sealed)
    result = verify_pdf(tampered, seal.cert_pem)
    assert result.signed and not result.intact and not result.unchanged and not result.valid
    assert result.office_match is True  # still our certificate, but not our content
    assert result.problems == (
        "Das Siegel ist beschädigt: Der gesiegelte Inhalt wurde verändert oder die Signatur "
        "passt nicht zum Zertifikat.",
    )
    report = _tool("pdfsig", str(_write(tmp_path, tampered)))
    assert "Signature is Valid." not in report
    assert "Digest Mismatch" in report


@POPPLER
def test_an_appended_update_is_a_change(sealed: bytes, seal: SealMaterial, tmp_path: Path) -> None:
    changed = append_update(sealed)
    assert changed.startswith(sealed)
    assert "GEAENDERT" in _tool("pdftotext", str(_write(tmp_path, changed)), "-")
    result = verify_pdf(changed, seal.cert_pem)
    assert result.intact  # the sealed revision itself is untouched ...
    assert not result.unchanged  # ... but the file no longer is what was sealed
    assert not result.valid
    assert result.problems == ("Das Dokument wurde nach dem Siegeln verändert oder ergänzt.",)
    assert "Total document signed" not in _tool("pdfsig", str(tmp_path / "doc.pdf"))


@pytest.mark.parametrize("data", [b"", b"garbage" * 100, b"%PDF-1.7\n%%EOF\n", make_pdf(1)[:500]])
def test_verify_garbage_gives_a_sentence(data: bytes) -> None:
    result = verify_pdf(data)
    assert not result.readable and not result.signed and not result.valid
    assert result.problems == (
        "Die Datei ist kein lesbares PDF-Dokument. Es wurde nichts geprüft.",
    )


def test_verify_an_unsigned_pdf() -> None:
    result = verify_pdf(make_pdf(2))
    assert result.readable and not result.signed and not result.valid
    assert result.problems == ("Das Dokument trägt kein elektronisches Siegel.",)


def test_verify_rejects_a_certificate_file_that_is_none(sealed: bytes) -> None:
    with pytest.raises(UsageError, match="kein lesbares Zertifikat"):
        verify_pdf(sealed, b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")


def test_verify_accepts_a_der_certificate(sealed: bytes, seal: SealMaterial) -> None:
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    der = x509.load_pem_x509_certificate(seal.cert_pem).public_bytes(Encoding.DER)
    assert verify_pdf(sealed, der).office_match is True


def test_valid_needs_every_part() -> None:
    good = Verification(True, True, True, "S", SUMMER, "ab", None, "", ())
    assert good.valid
    for change in ({"signed": False}, {"intact": False}, {"unchanged": False}):
        assert not Verification(**{**good.__dict__, **change}).valid
    assert not Verification(**{**good.__dict__, "office_match": False}).valid
    assert Verification(**{**good.__dict__, "office_match": True}).valid
