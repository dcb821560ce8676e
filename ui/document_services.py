"""What the windows may do with printed documents, as plain callables.

Bound to the open session in ``ui.main`` like ``OfficeServices``; run every call
through ``ui.operations.Operations``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.documents.document_records import (
    DocumentInfo,
    DocumentRequest,
    MadeDocument,
    PlanState,
    ScanInfo,
)
from app.documents.verification import Verification
from app.domain.case import GoalRecord


@dataclass(frozen=True)
class DocumentServices:
    client_documents: Callable[[int], list[DocumentInfo]]  # client id, newest first
    client_language: Callable[[int], str]  # client id -> the language to print beside German
    make_document: Callable[[DocumentRequest], MadeDocument]  # built, sealed and kept
    document_pdf: Callable[[int], bytes]  # document id
    log_output: Callable[[int, bool], None]  # document id, printed (else saved as a file)
    # case id and its goals (already read) -> the newest agreement and whether it changed
    plan_state: Callable[[int, tuple[GoalRecord, ...]], PlanState]
    attach_scan: Callable[[int, str, bytes], ScanInfo]  # document id, file name, bytes
    scans: Callable[[int], list[ScanInfo]]  # document id
    scan_data: Callable[[int], tuple[ScanInfo, bytes]]  # scan id
    verify: Callable[[bytes], Verification]  # a PDF against this office's seal
    logo: Callable[[], bytes | None]  # the letterhead's logo
    set_logo: Callable[[bytes | None], None]  # lead only; UsageError for a bad image
