"""A plain reader of a written yearly file for the writer's round-trip tests: decrypt,
unzip, verify, parse. The coordinator reads untrusted files with
``app.export.office_file_reader``, which checks far more; this one only proves that what
the office writes reads back."""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass

from cryptography import x509

from app.domain.yearly_report import YearlyReport
from app.export import cms
from app.export.report_checks import received_fault
from app.export.report_json import report_from_json
from app.export.yearly_file import REPORT_NAME, SIGNATURE_NAME
from app.i18n import _

ZIP_MAGIC = b"PK\x03\x04"
MAX_MEMBERS = 200
MAX_MEMBER_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True)
class ReceivedExport:
    report: YearlyReport
    signer: (
        x509.Certificate
    )  # who sealed it; whether that is the expected office is up to the caller
    report_sha256: str
    members: tuple[str, ...]


def _plain_zip(data: bytes, key_pem: bytes | None, cert_pem: bytes | None) -> bytes:
    if data.startswith(ZIP_MAGIC):
        return data
    if key_pem is None or cert_pem is None:
        raise cms.CmsError(
            _(
                "Die Jahresmeldung ist verschlüsselt. Zum Öffnen werden Schlüssel und "
                "Zertifikat der Landeskoordination gebraucht; es wurde nichts übernommen."
            )
        )
    return cms.decrypt(data, key_pem, cert_pem)


def _members(archive: bytes) -> dict[str, bytes]:
    try:
        with zipfile.ZipFile(io.BytesIO(archive)) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_MEMBERS:
                raise received_fault(_("Die Datei enthält unplausibel viele Teile."))
            found: dict[str, bytes] = {}
            for info in infos:
                with zf.open(info) as member:
                    content = member.read(MAX_MEMBER_BYTES + 1)
                if len(content) > MAX_MEMBER_BYTES:
                    raise received_fault(_("Ein Teil der Datei ist unplausibel groß."))
                found[info.filename] = content
            return found
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError):
        raise received_fault(_("Die Datei ist kein lesbares ZIP-Archiv.")) from None


def open_export(
    data: bytes, *, key_pem: bytes | None = None, cert_pem: bytes | None = None
) -> ReceivedExport:
    """Read a yearly file (``.zip`` or ``.zip.p7m``); CmsError or ReportFormatError if it
    is not a sound, correctly sealed report."""
    members = _members(_plain_zip(data, key_pem, cert_pem))
    report_bytes, signature = members.get(REPORT_NAME), members.get(SIGNATURE_NAME)
    if report_bytes is None or signature is None:
        raise received_fault(
            _("Es fehlt {name}.").format(
                name=REPORT_NAME if report_bytes is None else SIGNATURE_NAME
            )
        )
    signer = cms.verify_detached(report_bytes, signature)
    report = report_from_json(report_bytes)
    return ReceivedExport(
        report=report,
        signer=signer,
        report_sha256=hashlib.sha256(report_bytes).hexdigest(),
        members=tuple(sorted(members)),
    )
