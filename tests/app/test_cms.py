"""CMS signatures and encryption, checked against the real ``openssl cms`` both ways."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519

from app.documents.certificates import create_self_signed
from app.export.cms import (
    CmsError,
    SignatureError,
    decrypt,
    encrypt,
    sign_detached,
    verify_detached,
)
from tests.app.test_export_file import rsa_identity

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl missing")

DATA = b'{"year":2025,"tables":[]}\r\n\n\x00\xff binary, not text'
EC_SEAL = create_self_signed("Migrationsberatung Süd", "Diakonie")
RSA_KEY, RSA_CERT = rsa_identity("Dienstsiegel RSA")


def openssl(*args: str | Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        ["openssl", *map(str, args)], capture_output=True, check=False, timeout=60
    )


def _files(tmp_path: Path, **contents: bytes) -> dict[str, Path]:
    paths = {}
    for name, data in contents.items():
        paths[name] = tmp_path / name
        paths[name].write_bytes(data)
    return paths


def _pem(cert: object) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)  # type: ignore[attr-defined,no-any-return]


@pytest.mark.parametrize(
    ("key", "cert"), [(EC_SEAL.key_pem, EC_SEAL.cert_pem), (RSA_KEY, RSA_CERT)]
)
def test_openssl_verifies_our_signature(tmp_path: Path, key: bytes, cert: bytes) -> None:
    signature = sign_detached(DATA, key, cert)
    f = _files(tmp_path, data=DATA, sig=signature, cert=cert, other=DATA + b" ")
    verify = ["cms", "-verify", "-binary", "-inform", "DER", "-in", f["sig"]]
    ok = openssl(*verify, "-content", f["data"], "-CAfile", f["cert"], "-out", tmp_path / "out")
    assert ok.returncode == 0, ok.stderr
    assert (tmp_path / "out").read_bytes() == DATA
    printed = openssl("cms", "-cmsout", "-print", "-inform", "DER", "-in", f["sig"]).stdout
    assert b"sha256" in printed
    assert b"eContent: <ABSENT>" in printed  # detached
    assert openssl(*verify, "-content", f["other"], "-noverify").returncode != 0
    assert _pem(verify_detached(DATA, signature)) == cert


@pytest.mark.parametrize(
    ("key", "cert", "options"),
    [
        (EC_SEAL.key_pem, EC_SEAL.cert_pem, []),
        (RSA_KEY, RSA_CERT, []),
        (RSA_KEY, RSA_CERT, ["-keyopt", "rsa_padding_mode:pss", "-md", "sha384"]),
        (EC_SEAL.key_pem, EC_SEAL.cert_pem, ["-noattr"]),
        (RSA_KEY, RSA_CERT, ["-noattr", "-md", "sha512"]),
        (EC_SEAL.key_pem, EC_SEAL.cert_pem, ["-keyid"]),
    ],
)
def test_we_verify_an_openssl_signature(
    tmp_path: Path, key: bytes, cert: bytes, options: list[str]
) -> None:
    f = _files(tmp_path, data=DATA, key=key, cert=cert)
    made = openssl("cms", "-sign", "-binary", "-outform", "DER", "-in", f["data"],
                   "-signer", f["cert"], "-inkey", f["key"], "-out", tmp_path / "sig",
                   *options)  # fmt: skip
    assert made.returncode == 0, made.stderr
    signature = (tmp_path / "sig").read_bytes()
    assert _pem(verify_detached(DATA, signature)) == cert
    with pytest.raises(SignatureError, match="ungültig"):
        verify_detached(DATA[:-1] + b"X", signature)


def test_a_damaged_signature_is_refused(tmp_path: Path) -> None:
    signature = bytearray(sign_detached(DATA, EC_SEAL.key_pem, EC_SEAL.cert_pem))
    signature[-10] ^= 0x01  # inside the ECDSA signature value
    with pytest.raises(SignatureError, match="passt nicht zu den Daten"):
        verify_detached(DATA, bytes(signature))
    for garbage in (b"", b"\x30\x03\x02\x01\x01", b"not DER at all"):
        with pytest.raises(SignatureError, match="beschädigt"):
            verify_detached(DATA, garbage)


def test_an_attached_signature_is_not_a_detached_one(tmp_path: Path) -> None:
    f = _files(tmp_path, data=DATA, key=EC_SEAL.key_pem, cert=EC_SEAL.cert_pem)
    made = openssl("cms", "-sign", "-binary", "-nodetach", "-outform", "DER", "-in", f["data"],
                   "-signer", f["cert"], "-inkey", f["key"], "-out", tmp_path / "sig")  # fmt: skip
    assert made.returncode == 0, made.stderr
    with pytest.raises(SignatureError, match="keine abgetrennte Signatur"):
        verify_detached(DATA, (tmp_path / "sig").read_bytes())


def test_signing_refuses_unsuitable_keys() -> None:
    ed_key = ed25519.Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    with pytest.raises(CmsError, match="Schlüsseltyp"):
        sign_detached(DATA, ed_key, EC_SEAL.cert_pem)
    with pytest.raises(CmsError, match="gehören nicht zusammen"):
        sign_detached(DATA, RSA_KEY, EC_SEAL.cert_pem)
    with pytest.raises(CmsError, match="unlesbar"):
        sign_detached(DATA, b"no key", EC_SEAL.cert_pem)


def test_openssl_decrypts_what_we_encrypt(tmp_path: Path) -> None:
    sealed = encrypt(DATA, RSA_CERT)
    f = _files(tmp_path, enc=sealed, key=RSA_KEY, cert=RSA_CERT)
    out = tmp_path / "out"
    result = openssl("cms", "-decrypt", "-binary", "-inform", "DER", "-in", f["enc"],
                     "-recip", f["cert"], "-inkey", f["key"], "-out", out)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == DATA
    printed = openssl("cms", "-cmsout", "-print", "-inform", "DER", "-in", f["enc"]).stdout
    assert b"aes-256-cbc" in printed
    assert DATA not in sealed


def test_we_decrypt_what_openssl_encrypts(tmp_path: Path) -> None:
    f = _files(tmp_path, data=DATA, cert=RSA_CERT)
    made = openssl("cms", "-encrypt", "-binary", "-aes256", "-outform", "DER", "-in", f["data"],
                   "-out", tmp_path / "enc", f["cert"])  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert decrypt((tmp_path / "enc").read_bytes(), RSA_KEY, RSA_CERT) == DATA


def test_decrypting_with_the_wrong_key_says_so() -> None:
    sealed = encrypt(DATA, RSA_CERT)
    other_key, other_cert = rsa_identity("Jemand anderes")
    with pytest.raises(CmsError, match="nicht entschlüsseln"):
        decrypt(sealed, other_key, other_cert)
    with pytest.raises(CmsError, match="nicht entschlüsseln"):
        decrypt(sealed[:-40], RSA_KEY, RSA_CERT)
    with pytest.raises(CmsError, match="RSA-Schlüssel"):
        decrypt(sealed, EC_SEAL.key_pem, EC_SEAL.cert_pem)


def test_encrypting_for_an_ec_certificate_is_refused() -> None:
    with pytest.raises(CmsError, match="keinen RSA-Schlüssel"):
        encrypt(DATA, EC_SEAL.cert_pem)


def test_reading_a_signature_first_does_not_break_sealing_pdfs_later() -> None:
    """asn1crypto caches its attribute names on first use; a fresh process that verifies a
    CMS signature before it seals a PDF must still seal (it once failed in the GUI)."""
    import subprocess
    import sys
    from pathlib import Path

    script = """
import datetime as dt, io
from reportlab.pdfgen import canvas
from app.documents.certificates import create_self_signed
from app.documents.signing import SealStamp, sign_pdf
from app.export import cms
seal = create_self_signed("MBE Test", "Träger")
cms.verify_detached(b"data", cms.sign_detached(b"data", seal.key_pem, seal.cert_pem))
buf = io.BytesIO()
page = canvas.Canvas(buf)
page.drawString(72, 72, "x")
page.save()
sign_pdf(buf.getvalue(), seal, SealStamp("MBE Test", "LT-1", dt.datetime.now(dt.UTC)), None)
print("sealed")
"""
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=root, capture_output=True, text=True, check=False
    )
    assert done.stdout.strip() == "sealed", done.stderr[-1500:]
