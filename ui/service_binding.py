"""Binds the document and statistics services to the open session (for ``ui.main``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ui.coordinator_window import CoordinatorRequest
from ui.document_services import DocumentServices
from ui.statistics_services import StatisticsServices, YearPreview


def statistics_services(s: Any) -> StatisticsServices:
    from app.domain import yearly_labels

    def preview(year: int) -> YearPreview:
        from app.services import yearly_export
        from app.services.quality import YEAR_MIN

        tables, published, threshold = yearly_export.preview_tables(s, year)
        previous = yearly_export.raw_tables(s, year - 1) if year > YEAR_MIN else ()
        warnings = tuple(yearly_export.export_warnings(s, year))
        return YearPreview(year, tables, published, previous, warnings, threshold)

    def export(year: int, folder: Path) -> Path:

        from app.atomic import write_atomic
        from app.services.yearly_file_service import export_year

        made = export_year(
            s, year, dt.date.today(), lambda f: write_atomic(folder / f.name, f.data)
        )
        return folder / made.name

    def quality(year: int) -> Any:
        from app.services.quality import load_quality

        return load_quality(s, year)

    def save_quality(year: int, answers: Any) -> None:
        from app.services.quality import save_quality as save

        save(s, year, answers)

    def years() -> list[int]:
        from app.services.yearly_export import available_years

        return available_years(s)

    def set_certificate(pem: bytes) -> str:
        from app.services.yearly_file_service import set_coordinator_certificate

        return set_coordinator_certificate(s, pem)

    return StatisticsServices(
        years, preview, quality, save_quality, export, set_certificate,
        yearly_labels.table_title, yearly_labels.label,
    )  # fmt: skip


def document_services(s: Any) -> DocumentServices:
    from app.services import documents, family, letterhead

    return DocumentServices(
        client_documents=lambda cid: documents.client_documents(s, cid),
        client_language=lambda cid: family.client_details(s, cid, opened=False).language,
        make_document=lambda request: documents.make_document(s, request),
        document_pdf=lambda doc_id: documents.document_pdf(s, doc_id),
        log_output=lambda doc_id, printed: documents.log_output(s, doc_id, printed),
        plan_state=lambda case_id, goals: documents.plan_state(s, case_id, goals),
        attach_scan=lambda doc_id, name, data: documents.attach_scan(s, doc_id, name, data),
        scans=lambda doc_id: documents.scans(s, doc_id),
        scan_data=lambda scan_id: documents.scan_data(s, scan_id),
        verify=lambda data: documents.verify_document(s, data),
        logo=lambda: letterhead.office_logo(s),
        set_logo=lambda data: letterhead.set_office_logo(s, data),
    )


def coordinator_aggregate(request: CoordinatorRequest) -> Any:
    """Check and sum the offices' files (``app.services.coordinator``)."""
    from app.domain.yearly_labels import label, table_title
    from app.services import coordinator

    key = coordinator.load_key(request.key, request.certificate, request.passphrase)
    return coordinator.aggregate_files(
        request.files, year=request.year, key=key, trusted_dir=request.trusted,
        out_dir=request.out, names=(table_title, label),
    )  # fmt: skip
