"""Checking a sealed PDF: is the seal intact, is the file unchanged, is it our office's?

Offices mostly seal with a self-signed certificate, so no chain of trust is
built: "intact" means the signature and the document digest are right, and trust
comes from comparing the signer's certificate with the office's published one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from dataclasses import dataclass, replace
from typing import Any

from app.documents.signing import DOC_REF_PREFIX, SEAL_FIELD
from app.errors import UsageError
from app.i18n import _


@dataclass(frozen=True)
class Verification:
    signed: bool
    intact: bool  # signature and document digest are cryptographically right
    unchanged: bool  # intact, and the signature covers the whole file: nothing appended later
    signer: str  # common name (and organisation) of the signing certificate
    signed_at: dt.datetime | None  # aware
    fingerprint_sha256: str  # of the signing certificate, hex, lower case
    office_match: bool | None  # None: no office certificate to compare with
    doc_ref: str
    problems: tuple[str, ...]  # sentences for people, in the UI language
    readable: bool = True  # False: not a PDF at all

    @property
    def valid(self) -> bool:
        return self.signed and self.intact and self.unchanged and self.office_match is not False


def certificate_fingerprint(pem_or_der: bytes) -> str:
    """SHA-256 of a certificate given as PEM or DER; UsageError if it is none."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes

    try:
        if b"-----BEGIN" in pem_or_der:
            cert = x509.load_pem_x509_certificate(pem_or_der)
        else:
            cert = x509.load_der_x509_certificate(pem_or_der)
    except ValueError:
        raise UsageError(
            _(
                "Die Zertifikatsdatei enthält kein lesbares Zertifikat. Bitte geben Sie "
                "die Datei seal-certificate.pem der Beratungsstelle an."
            )
        ) from None
    return cert.fingerprint(hashes.SHA256()).hex()


def _unsigned(problem: str, *, readable: bool) -> Verification:
    return Verification(
        signed=False,
        intact=False,
        unchanged=False,
        signer="",
        signed_at=None,
        fingerprint_sha256="",
        office_match=None,
        doc_ref="",
        problems=(problem,),
        readable=readable,
    )


def verify_pdf(data: bytes, office_cert_pem: bytes | None = None) -> Verification:
    """Check the office seal of ``data``; never raises for a bad document, only for a bad
    ``office_cert_pem`` (UsageError)."""
    office_fp = certificate_fingerprint(office_cert_pem) if office_cert_pem else None
    try:
        signatures = _signatures(data)
    except Exception:  # pyHanko raises many kinds for broken files; all mean "unreadable"
        return _unsigned(
            _("Die Datei ist kein lesbares PDF-Dokument. Es wurde nichts geprüft."),
            readable=False,
        )
    if not signatures:
        return _unsigned(_("Das Dokument trägt kein elektronisches Siegel."), readable=True)
    embedded = _office_seal(signatures)
    try:
        signer, fingerprint = _signer_name(embedded.signer_cert), _fingerprint(embedded)
    except Exception:  # a signature container without a readable certificate
        return replace(_unsigned(_problems(False, False, None)[0], readable=True), signed=True)
    intact, unchanged, signed_at = _check(embedded)
    office_match = None if office_fp is None else fingerprint == office_fp
    return Verification(
        signed=True,
        intact=intact,
        unchanged=unchanged,
        signer=signer,
        signed_at=signed_at,
        fingerprint_sha256=fingerprint,
        office_match=office_match,
        doc_ref=_doc_ref(embedded.sig_object),
        problems=_problems(intact, unchanged, office_match),
    )


def _signatures(data: bytes) -> list[Any]:
    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(io.BytesIO(data))
    return list(reader.embedded_regular_signatures)


def _office_seal(signatures: list[Any]) -> Any:
    """The office's seal field if there is one, else the latest signature."""
    named = [s for s in signatures if s.field_name == SEAL_FIELD]
    return (named or signatures)[-1]


def _check(embedded: Any) -> tuple[bool, bool, dt.datetime | None]:
    """(intact, unchanged, signing time) of one embedded signature."""
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    # Trusting the signer's own certificate: trust is decided by the fingerprint, not here.
    context = ValidationContext(trust_roots=[embedded.signer_cert], allow_fetching=False)
    try:
        status = validate_pdf_signature(embedded, context, skip_diff=True)
    except Exception:  # a malformed signature container is as bad as a wrong one
        return False, False, embedded.self_reported_timestamp
    intact = bool(status.intact and status.valid)
    unchanged = intact and status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    return intact, unchanged, status.signer_reported_dt


def _fingerprint(embedded: Any) -> str:
    return hashlib.sha256(embedded.signer_cert.dump()).hexdigest()


def _signer_name(cert: Any) -> str:
    names = cert.subject.native
    common = str(names.get("common_name", "")).strip()
    organisation = str(names.get("organization_name", "")).strip()
    if common and organisation and organisation not in common:
        return f"{common}, {organisation}"
    return common or organisation or str(cert.subject.human_friendly)


def _doc_ref(sig_object: Any) -> str:
    reason = str(sig_object.get("/Reason", ""))
    return reason[len(DOC_REF_PREFIX) :].strip() if reason.startswith(DOC_REF_PREFIX) else ""


def _problems(intact: bool, unchanged: bool, office_match: bool | None) -> tuple[str, ...]:
    problems = []
    if not intact:
        problems.append(
            _(
                "Das Siegel ist beschädigt: Der gesiegelte Inhalt wurde verändert oder die "
                "Signatur passt nicht zum Zertifikat."
            )
        )
    elif not unchanged:
        problems.append(_("Das Dokument wurde nach dem Siegeln verändert oder ergänzt."))
    if office_match is False:
        problems.append(
            _("Das Siegel stammt nicht von dieser Beratungsstelle: Das Zertifikat ist ein anderes.")
        )
    return tuple(problems)
