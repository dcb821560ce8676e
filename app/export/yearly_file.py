"""The office's yearly file: a signed, optionally encrypted zip, built in memory.

Members: ``report.json`` (canonical, with codes), ``report.json.p7s`` (detached CMS
signature by the office seal), one CSV per table, ``summary.pdf`` and ``README.txt``.
The zip itself is deterministic (fixed timestamps and attributes, names sorted): only
the signature, which carries its signing time, differs between two writes of an equal
report. With the coordinator's certificate the zip is wrapped in CMS EnvelopedData.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass

from app.domain.yearly_report import YearlyReport
from app.export import cms
from app.export.csv_tables import table_csvs
from app.export.language import FILE_LANGUAGE, LabelOf, TitleOf, in_language
from app.export.readme import readme_text
from app.export.report_checks import ReportFormatError, check_report, unsendable
from app.export.report_json import report_to_json

REPORT_NAME = "report.json"
SIGNATURE_NAME = "report.json.p7s"
SUMMARY_NAME = "summary.pdf"
README_NAME = "README.txt"
ZIP_SUFFIX = ".zip"
ENCRYPTED_SUFFIX = ".zip.p7m"
SLUG_MAX = 60
_TRANSLITERATION = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss", "ẞ": "SS"}
)
_NOT_SLUG = re.compile(r"[^A-Za-z0-9]+")


@dataclass(frozen=True)
class ExportFile:
    name: str
    data: bytes
    report_sha256: str  # of the canonical report.json inside
    encrypted: bool


def office_slug(office_name: str) -> str:
    """ASCII letters, digits and hyphens: umlauts spelt out, other accents dropped."""
    text = unicodedata.normalize("NFC", office_name).translate(_TRANSLITERATION)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _NOT_SLUG.sub("-", text).strip("-")[:SLUG_MAX].strip("-")
    return slug or "Beratungsstelle"


def export_file_name(office_name: str, year: int, encrypted: bool = False) -> str:
    suffix = ENCRYPTED_SUFFIX if encrypted else ZIP_SUFFIX
    return f"Jahresmeldung_{office_slug(office_name)}_{year}{suffix}"


def deterministic_zip(members: dict[str, bytes], year: int) -> bytes:
    """A zip of ``members`` whose bytes depend only on names, contents and ``year``."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        for name in sorted(members):
            info = zipfile.ZipInfo(name, date_time=(year, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever builds it: same bytes on every system
            info.external_attr = 0o100644 << 16
            archive.writestr(info, members[name], compresslevel=9)
    return buf.getvalue()


def write_export(
    report: YearlyReport,
    *,
    seal_key_pem: bytes,
    seal_cert_pem: bytes,
    coordinator_cert_pem: bytes | None,
    summary: bytes,
    title_of: TitleOf,
    label_of: LabelOf,
    seal_chain_pem: bytes = b"",
) -> ExportFile:
    """The yearly file for ``report``; ReportFormatError or CmsError if it cannot be made."""
    try:
        check_report(report)
    except ReportFormatError as exc:
        raise unsendable(exc) from None
    data = report_to_json(report)
    with in_language(FILE_LANGUAGE):
        csvs = table_csvs(report, title_of, label_of)
        readme = readme_text(report, list(csvs))
    members = {
        **csvs,
        REPORT_NAME: data,
        SIGNATURE_NAME: cms.sign_detached(data, seal_key_pem, seal_cert_pem, seal_chain_pem),
        SUMMARY_NAME: summary,
        README_NAME: readme,
    }
    archive = deterministic_zip(members, report.year)
    encrypted = bool(coordinator_cert_pem)
    if coordinator_cert_pem:
        archive = cms.encrypt(archive, coordinator_cert_pem)
    return ExportFile(
        name=export_file_name(report.office_name, report.year, encrypted),
        data=archive,
        report_sha256=hashlib.sha256(data).hexdigest(),
        encrypted=encrypted,
    )
