"""The office seal: self-signed creation, PKCS#12 import, and a real PDF signature."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from pyhanko.sign.signers import SimpleSigner

from app.documents.certificates import (
    create_self_signed,
    import_pkcs12,
    make_signer,
    seal_summary,
)
from app.errors import UsageError

NOW = dt.datetime(2026, 11, 24, 10, 30, 0)


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def _key_usage(*, signing: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=signing,
        content_commitment=signing,
        key_encipherment=not signing,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=False,
        crl_sign=False,
        encipher_only=False,
        decipher_only=False,
    )


def _cert(
    subject: str,
    key: ec.EllipticCurvePrivateKey,
    issuer: tuple[str, ec.EllipticCurvePrivateKey] | None = None,
    *,
    start: dt.datetime = NOW - dt.timedelta(days=30),
    end: dt.datetime = NOW + dt.timedelta(days=700),
    key_usage: x509.KeyUsage | None = None,
    ca: bool = False,
) -> x509.Certificate:
    issuer_name, issuer_key = issuer or (subject, key)
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(subject))
        .issuer_name(_name(issuer_name))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )
    if key_usage is not None:
        builder = builder.add_extension(key_usage, critical=True)
    return builder.sign(issuer_key, hashes.SHA256())


def _p12(
    key: ec.EllipticCurvePrivateKey | None,
    cert: x509.Certificate | None,
    cas: list[x509.Certificate] | None = None,
    password: bytes | None = b"geheim",
) -> bytes:
    encryption: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(password)
        if password
        else serialization.NoEncryption()
    )
    return pkcs12.serialize_key_and_certificates(b"seal", key, cert, cas, encryption)


@pytest.fixture(scope="module")
def provider_chain() -> tuple[bytes, x509.Certificate, x509.Certificate]:
    """A PKCS#12 file as a trust service provider hands it out: leaf key, leaf and CA cert."""
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_cert = _cert("Test-CA", ca_key, ca=True)
    leaf_key = ec.generate_private_key(ec.SECP256R1())
    leaf_cert = _cert(
        "Dienstsiegel Test", leaf_key, ("Test-CA", ca_key), key_usage=_key_usage(signing=True)
    )
    return _p12(leaf_key, leaf_cert, [ca_cert]), leaf_cert, ca_cert


# --- self-signed -------------------------------------------------------------------------------


def test_self_signed_round_trip() -> None:
    material = create_self_signed("MBE Plön", "Diakonie Schleswig-Holstein", now=NOW)

    cert = x509.load_pem_x509_certificate(material.cert_pem)
    key = serialization.load_pem_private_key(material.key_pem, password=None)
    assert material.key_pem.startswith(b"-----BEGIN PRIVATE KEY-----")  # PKCS#8, unencrypted
    assert isinstance(key, ec.EllipticCurvePrivateKey)
    assert key.curve.name == "secp256r1"
    assert key.public_key() == cert.public_key()
    cert.verify_directly_issued_by(cert)

    assert material.chain_pem == b""
    assert material.self_signed
    assert material.fingerprint_sha256 == cert.fingerprint(hashes.SHA256()).hex()
    assert material.fingerprint_sha256 == material.fingerprint_sha256.lower()
    assert len(material.fingerprint_sha256) == 64
    assert material.subject == cert.subject.rfc4514_string()

    subject = cert.subject
    assert subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "Dienstsiegel MBE Plön"
    assert (
        subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value
        == "Diakonie Schleswig-Holstein"
    )
    assert subject.get_attributes_for_oid(NameOID.COUNTRY_NAME)[0].value == "DE"

    assert cert.not_valid_before_utc.replace(tzinfo=None) == NOW
    assert material.not_after == cert.not_valid_after_utc.replace(tzinfo=None)
    assert material.not_after.tzinfo is None
    assert material.not_after == NOW.replace(year=2036)
    days = (material.not_after - NOW).days
    assert 3650 <= days <= 3653

    usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature
    assert usage.content_commitment
    assert not usage.key_cert_sign
    assert cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value.digest


def test_self_signed_without_provider_uses_office_name() -> None:
    material = create_self_signed("Beratungsstelle Kiel", "", now=NOW)
    cert = x509.load_pem_x509_certificate(material.cert_pem)
    organisation = cert.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value
    assert organisation == "Beratungsstelle Kiel"


def test_self_signed_long_names_fit_x509_limits() -> None:
    material = create_self_signed("B" * 200, "T" * 200, now=NOW)
    cert = x509.load_pem_x509_certificate(material.cert_pem)
    cn = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value
    assert isinstance(cn, str)
    assert len(cn) == 64
    assert cn.startswith("Dienstsiegel B")


def test_self_signed_leap_day_and_aware_now() -> None:
    leap = dt.datetime(2028, 2, 29, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    material = create_self_signed("X", "Y", now=leap)
    assert material.not_after == dt.datetime(2038, 2, 28, 11, 0)


def test_seal_summary() -> None:
    material = create_self_signed("MBE Plön", "Diakonie", now=NOW)
    summary = seal_summary(material)
    assert "Dienstsiegel MBE Plön" in summary
    assert "24.11.2036" in summary
    assert "selbst ausgestellt" in summary


# --- PKCS#12 import ----------------------------------------------------------------------------


def test_import_pkcs12_with_chain(
    provider_chain: tuple[bytes, x509.Certificate, x509.Certificate],
) -> None:
    data, leaf, ca = provider_chain
    material = import_pkcs12(data, "geheim", now=NOW)

    assert x509.load_pem_x509_certificate(material.cert_pem) == leaf
    assert x509.load_pem_x509_certificates(material.chain_pem) == [ca]
    key = serialization.load_pem_private_key(material.key_pem, password=None)
    assert key.public_key() == leaf.public_key()
    assert not material.self_signed
    assert material.fingerprint_sha256 == leaf.fingerprint(hashes.SHA256()).hex()
    assert material.subject == "CN=Dienstsiegel Test"
    assert material.not_after == (NOW + dt.timedelta(days=700))
    assert "gültig bis" in seal_summary(material)
    assert "selbst ausgestellt" not in seal_summary(material)


def test_import_pkcs12_without_password() -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    data = _p12(key, _cert("Ohne Kennwort", key), password=None)
    for password in (None, ""):
        material = import_pkcs12(data, password, now=NOW)
        assert material.self_signed
        assert material.chain_pem == b""


def test_import_pkcs12_wrong_password(
    provider_chain: tuple[bytes, x509.Certificate, x509.Certificate],
) -> None:
    data = provider_chain[0]
    for password in ("falsch", None, ""):
        with pytest.raises(UsageError, match="Kennwort ist falsch"):
            import_pkcs12(data, password, now=NOW)


@pytest.mark.parametrize("data", [b"", b"garbage" * 50, b"-----BEGIN CERTIFICATE-----\n"])
def test_import_pkcs12_garbage(data: bytes) -> None:
    with pytest.raises(UsageError) as caught:
        import_pkcs12(data, "geheim")
    assert caught.value.message == (
        "Die Datei ist keine gültige PKCS#12-Datei oder das Kennwort ist falsch."
    )


def test_import_pkcs12_expired() -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    cert = _cert("Alt", key, start=NOW - dt.timedelta(days=800), end=NOW - dt.timedelta(days=1))
    with pytest.raises(UsageError, match=r"am 23\.11\.2026 abgelaufen"):
        import_pkcs12(_p12(key, cert), "geheim", now=NOW)


def test_import_pkcs12_not_yet_valid() -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    cert = _cert("Neu", key, start=NOW + dt.timedelta(days=3))
    with pytest.raises(UsageError, match="erst ab"):
        import_pkcs12(_p12(key, cert), "geheim", now=NOW)


def test_import_pkcs12_wrong_key_usage() -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    cert = _cert("Nur Verschlüsselung", key, key_usage=_key_usage(signing=False))
    with pytest.raises(UsageError, match="nicht zum Signieren"):
        import_pkcs12(_p12(key, cert), "geheim", now=NOW)


def test_import_pkcs12_without_key() -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    data = _p12(None, _cert("Nur Zertifikat", key))
    with pytest.raises(UsageError, match="keinen privaten Schlüssel"):
        import_pkcs12(data, "geheim", now=NOW)


def test_import_pkcs12_without_certificate() -> None:
    data = _p12(ec.generate_private_key(ec.SECP256R1()), None)
    with pytest.raises(UsageError, match="kein Zertifikat"):
        import_pkcs12(data, "geheim", now=NOW)


# --- signing a PDF with the seal ---------------------------------------------------------------


def _tiny_pdf() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=A4, invariant=1)
    canvas.drawString(72, 720, "Bescheinigung")
    canvas.showPage()
    canvas.save()
    return buf.getvalue()


def _sign(pdf: bytes, material_signer: SimpleSigner) -> bytes:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    out = signers.sign_pdf(
        IncrementalPdfFileWriter(io.BytesIO(pdf)),
        signers.PdfSignatureMetadata(field_name="Dienstsiegel"),
        signer=material_signer,
    )
    return bytes(out.getvalue())


@pytest.mark.skipif(shutil.which("pdfsig") is None, reason="poppler-utils (pdfsig) not installed")
def test_self_signed_seal_signs_pdf(tmp_path: Path) -> None:
    material = create_self_signed("MBE Plön", "Diakonie")
    signed = tmp_path / "signed.pdf"
    signed.write_bytes(_sign(_tiny_pdf(), make_signer(material)))

    result = subprocess.run(
        ["pdfsig", str(signed)], capture_output=True, text=True, check=False, timeout=60
    )
    assert "Signature is Valid." in result.stdout, result.stdout + result.stderr
    assert "Dienstsiegel MBE Plön" in result.stdout


@pytest.mark.skipif(shutil.which("pdfsig") is None, reason="poppler-utils (pdfsig) not installed")
def test_imported_seal_signs_pdf(
    tmp_path: Path, provider_chain: tuple[bytes, x509.Certificate, x509.Certificate]
) -> None:
    material = import_pkcs12(provider_chain[0], "geheim", now=NOW)
    signed = tmp_path / "signed.pdf"
    signed.write_bytes(_sign(_tiny_pdf(), make_signer(material)))

    result = subprocess.run(
        ["pdfsig", str(signed)], capture_output=True, text=True, check=False, timeout=60
    )
    assert "Signature is Valid." in result.stdout, result.stdout + result.stderr
