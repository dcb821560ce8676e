"""CMS (RFC 5652) for the yearly file: a detached signature by the office seal and
encryption for the coordinator, both readable with ``openssl cms``.

Signing and encryption use ``cryptography``'s pkcs7 builders. ``cryptography`` cannot
verify CMS signatures, so ``verify_detached`` parses the structure with asn1crypto and
checks digest and signature with ``cryptography`` primitives. Encryption is AES-256-CBC
with RSA key transport: ``cryptography`` encrypts only for RSA recipients, so the
coordinator's certificate must hold an RSA key.
"""

from __future__ import annotations

import hmac
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.ciphers import algorithms
from cryptography.hazmat.primitives.serialization import pkcs7

from app.errors import CheckFailed
from app.i18n import _

_DER = serialization.Encoding.DER
_HASHES: dict[str, type[hashes.HashAlgorithm]] = {
    "sha256": hashes.SHA256,
    "sha384": hashes.SHA384,
    "sha512": hashes.SHA512,
}
_DATA_OID = "1.2.840.113549.1.7.1"


class CmsError(CheckFailed):
    """A signature or encryption step failed; the message says which and why."""


class SignatureError(CmsError):
    """A signature that does not prove the data came unchanged from its signer."""


def _load_key(key_pem: bytes) -> Any:
    try:
        return serialization.load_pem_private_key(key_pem, password=None)
    except (ValueError, TypeError):
        raise CmsError(_("Der private Schlüssel ist unlesbar.")) from None


def _load_certs(pem: bytes) -> list[x509.Certificate]:
    try:
        return x509.load_pem_x509_certificates(pem)
    except ValueError:
        raise CmsError(_("Das Zertifikat ist unlesbar.")) from None


def sign_detached(data: bytes, key_pem: bytes, cert_pem: bytes, chain_pem: bytes = b"") -> bytes:
    """A DER SignedData over ``data`` (not included), SHA-256, by an RSA or EC key."""
    key = _load_key(key_pem)
    cert = _load_certs(cert_pem)[0]
    if not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
        raise CmsError(
            _(
                "Das Dienstsiegel verwendet einen Schlüsseltyp, mit dem Lotse keine "
                "Jahresmeldung signieren kann (möglich sind RSA und EC). Es wurde keine Datei "
                "geschrieben; bitte richten Sie ein neues Dienstsiegel ein."
            )
        )
    if key.public_key() != cert.public_key():
        raise CmsError(_("Schlüssel und Zertifikat des Dienstsiegels gehören nicht zusammen."))
    builder = pkcs7.PKCS7SignatureBuilder().set_data(data).add_signer(cert, key, hashes.SHA256())
    for extra in _load_certs(chain_pem) if chain_pem.strip() else []:
        builder = builder.add_certificate(extra)
    # Binary: sign the bytes as they are, without S/MIME line-end conversion.
    options = [pkcs7.PKCS7Options.DetachedSignature, pkcs7.PKCS7Options.Binary]
    return builder.sign(_DER, options)


def encrypt(data: bytes, recipient_cert_pem: bytes) -> bytes:
    """A DER EnvelopedData of ``data`` for the holder of ``recipient_cert_pem`` (RSA)."""
    cert = _load_certs(recipient_cert_pem)[0]
    if not isinstance(cert.public_key(), rsa.RSAPublicKey):
        raise CmsError(
            _(
                "Das Zertifikat der Landeskoordination enthält keinen RSA-Schlüssel; Lotse "
                "kann nur für RSA-Zertifikate verschlüsseln. Es wurde keine Datei geschrieben; "
                "bitte hinterlegen Sie ein RSA-Zertifikat der Landeskoordination."
            )
        )
    builder = (
        pkcs7.PKCS7EnvelopeBuilder()
        .set_data(data)
        .add_recipient(cert)
        .set_content_encryption_algorithm(algorithms.AES256)
    )
    return builder.encrypt(_DER, [pkcs7.PKCS7Options.Binary])


def decrypt(data: bytes, key_pem: bytes, cert_pem: bytes) -> bytes:
    """The content of a DER EnvelopedData addressed to ``cert_pem``."""
    key = _load_key(key_pem)
    cert = _load_certs(cert_pem)[0]
    if not isinstance(key, rsa.RSAPrivateKey):
        raise CmsError(_("Zum Entschlüsseln ist ein RSA-Schlüssel nötig."))
    try:
        return pkcs7.pkcs7_decrypt_der(data, cert, key, [])
    except ValueError:
        raise CmsError(
            _(
                "Die Datei lässt sich mit diesem Schlüssel nicht entschlüsseln: Sie ist "
                "beschädigt oder für ein anderes Zertifikat verschlüsselt. Es wurde nichts "
                "übernommen."
            )
        ) from None


def verify_detached(data: bytes, signature_der: bytes) -> x509.Certificate:
    """The signer's certificate, after checking that its key signed exactly ``data``.

    Whether that certificate is the one expected is the caller's decision."""
    # The reading side only; asn1crypto ships no type information.
    from asn1crypto import cms as asn1_cms  # type: ignore[import-untyped]

    # asn1crypto.tsp adds attribute names (signing_certificate_v2 …) that pyHanko seals
    # with. asn1crypto caches its name table on first use: were it built here without
    # them, every later PDF seal in this process would fail.
    from asn1crypto import tsp  # type: ignore[import-untyped]  # noqa: F401

    try:
        info = asn1_cms.ContentInfo.load(signature_der, strict=True)
        if info["content_type"].native != "signed_data":
            raise ValueError("not SignedData")
        return _verify_signed_data(info["content"], data)
    except (ValueError, TypeError, KeyError, IndexError):
        raise _bad_signature(_("Die Signaturdatei ist beschädigt.")) from None


def _bad_signature(detail: str) -> SignatureError:
    return SignatureError(
        _(
            "Die Signatur der Jahresmeldung ist ungültig: {detail} Es wurde nichts übernommen; "
            "bitte fordern Sie bei der Beratungsstelle eine neue Datei an."
        ).format(detail=detail)
    )


def _verify_signed_data(signed: Any, data: bytes) -> x509.Certificate:
    encap = signed["encap_content_info"]
    if encap["content_type"].dotted != _DATA_OID or encap["content"].native is not None:
        raise _bad_signature(_("Sie ist keine abgetrennte Signatur von Daten."))
    signers = list(signed["signer_infos"])
    if len(signers) != 1:
        raise _bad_signature(_("Sie muss genau eine Unterschrift enthalten."))
    signer = signers[0]
    cert = _signer_cert(signed, signer)
    hash_name = signer["digest_algorithm"]["algorithm"].native
    if hash_name not in _HASHES:
        raise _bad_signature(_("Das Hashverfahren wird nicht unterstützt."))
    digest = hashes.Hash(_HASHES[hash_name]())
    digest.update(data)
    signed_bytes = _signed_bytes(signer, digest.finalize(), data)
    try:
        _check(cert, signer, _signature_hash(signer, hash_name), signed_bytes)
    except InvalidSignature:
        raise _bad_signature(_("Sie passt nicht zu den Daten.")) from None
    return cert


def _signer_cert(signed: Any, signer: Any) -> x509.Certificate:
    sid = signer["sid"]
    for choice in signed["certificates"] or []:
        if choice.name != "certificate":
            continue
        candidate = choice.chosen
        if sid.name == "issuer_and_serial_number":
            wanted = sid.chosen
            match = (
                candidate.issuer == wanted["issuer"]
                and candidate.serial_number == wanted["serial_number"].native
            )
        else:
            match = candidate.key_identifier == sid.chosen.native
        if match:
            return x509.load_der_x509_certificate(candidate.dump())
    raise _bad_signature(_("Das Zertifikat der Unterschrift fehlt."))


def _signed_bytes(signer: Any, digest: bytes, data: bytes) -> bytes:
    """What the signature covers: the signed attributes if there are any, else the data."""
    attrs = signer["signed_attrs"]
    if not len(attrs):
        return data
    values = {a["type"].native: a["values"] for a in attrs}
    content_type, message_digest = values.get("content_type"), values.get("message_digest")
    if content_type is None or message_digest is None or content_type[0].dotted != _DATA_OID:
        raise _bad_signature(_("Angaben zur Signatur fehlen."))
    if not hmac.compare_digest(message_digest[0].native, digest):
        raise _bad_signature(_("Die Daten wurden nach dem Signieren verändert."))
    # The signature covers the DER SET OF the attributes, not their [0] IMPLICIT form.
    encoded: bytes = attrs.dump()
    return b"\x31" + encoded[1:]


def _signature_hash(signer: Any, digest_name: str) -> hashes.HashAlgorithm:
    """The hash named by the signature algorithm (ecdsa-with-SHA384 …), else the digest's."""
    try:
        name = signer["signature_algorithm"].hash_algo
    except ValueError:  # rsaEncryption and plain ecPublicKey name no hash
        name = digest_name
    return _HASHES[name]()


def _check(
    cert: x509.Certificate, signer: Any, chosen: hashes.HashAlgorithm, message: bytes
) -> None:
    key = cert.public_key()
    algorithm = signer["signature_algorithm"]
    kind = algorithm.signature_algo
    signature = signer["signature"].native
    if kind == "ecdsa" and isinstance(key, ec.EllipticCurvePublicKey):
        key.verify(signature, message, ec.ECDSA(chosen))
    elif kind == "rsassa_pkcs1v15" and isinstance(key, rsa.RSAPublicKey):
        key.verify(signature, message, padding.PKCS1v15(), chosen)
    elif kind == "rsassa_pss" and isinstance(key, rsa.RSAPublicKey):
        params = algorithm["parameters"]
        pss_hash = _HASHES[params["hash_algorithm"]["algorithm"].native]()
        mgf_hash = _HASHES[params["mask_gen_algorithm"]["parameters"]["algorithm"].native]()
        pss = padding.PSS(padding.MGF1(mgf_hash), params["salt_length"].native)
        key.verify(signature, message, pss, pss_hash)
    else:
        raise _bad_signature(_("Das Signaturverfahren wird nicht unterstützt."))
