"""What the document services take and give: plain values the UI may hold."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.documents.document_data import DocumentKind, Release


@dataclass(frozen=True)
class DocumentRequest:
    kind: DocumentKind
    client_id: int
    case_id: int | None = None
    language: str = "de"  # the client's language printed below the German text
    period_start: dt.date | None = None  # progress sheet, confirmation
    period_end: dt.date | None = None
    releases: tuple[Release, ...] = ()  # consent form
    # Agreement and consent: the client's signature drawn on screen (PNG), set on the
    # client's line before the office's seal is applied.
    client_signature_png: bytes | None = None


@dataclass(frozen=True)
class DocumentInfo:
    id: int
    client_id: int
    case_id: int | None
    kind: DocumentKind
    version: int | None
    language: str
    doc_ref: str
    sha256: str
    created_at: dt.datetime  # UTC
    created_by: str
    scans: int


@dataclass(frozen=True)
class MadeDocument:
    info: DocumentInfo
    pdf: bytes
    file_name: str


@dataclass(frozen=True)
class PlanState:
    """The newest printed agreement of a case and whether the goals changed since."""

    version: int | None
    changed_since: bool


@dataclass(frozen=True)
class ScanInfo:
    """The signed paper attached to a document (scan or photo)."""

    id: int
    document_id: int
    filename: str
    mime: str
    size: int
    added_at: dt.datetime  # UTC


MAX_SCAN_BYTES = 25 * 1024 * 1024  # a signed paper scanned at 300 dpi fits well below


def local_day(utc: dt.datetime) -> dt.date:
    """The office's calendar day of a stored (naive UTC) time: a document made at 00:30
    belongs to that day, not to the day before."""
    return utc.replace(tzinfo=dt.UTC).astimezone().date()


_FILE_STEMS = {
    DocumentKind.AGREEMENT: "Integrationsvereinbarung",
    DocumentKind.PROGRESS: "Verlaufsbogen",
    DocumentKind.CONSENT: "Einwilligung",
    DocumentKind.ACCESS: "Auskunft",
    DocumentKind.CONFIRMATION: "Beratungsbescheinigung",
}


def file_name(info: DocumentInfo) -> str:
    """A file name without the client's name: it may end up in a shared folder."""
    version = f"_V{info.version}" if info.version else ""
    return f"{_FILE_STEMS[info.kind]}{version}_{info.doc_ref}.pdf"
