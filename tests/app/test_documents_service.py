"""Documents on a real office: sealed, kept as numbered versions, the plan's changes
noticed, progress sheets quoting the signed goals, the signed paper attached, and all of it
emptied by retention."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from app.documents.document_data import DocumentKind, Release
from app.documents.document_records import DocumentRequest
from app.domain.case import CaseDraft, GoalDraft, StepDraft
from app.domain.client import ClientDraft
from app.domain.counselling import ContactDraft, ContactForm, ContactKind
from app.domain.residence import StatusEntry
from app.errors import UsageError
from app.services import case_plan, cases, documents, retention
from app.services.client_records import add_status, record_contact
from app.services.clients import add_client
from app.services.session import OfficeSession
from app.storage import models

TODAY = dt.date(2026, 11, 25)
NOW = dt.datetime(2026, 11, 25, 10, 30, tzinfo=dt.UTC)
GOAL = "Rania meldet sich zum Integrationskurs B1 an"


def _case(session: OfficeSession) -> tuple[int, int, int]:
    draft = ClientDraft("Haddad", "Rania", dt.date(1990, 4, 2), arrival_date=dt.date(2025, 6, 1))
    cid = add_client(session, draft, TODAY).id
    add_status(session, cid, StatusEntry("ne", dt.date(2025, 6, 1)), TODAY)
    case_id = cases.open_case(session, cid, CaseDraft(dt.date(2026, 1, 10), session.user.id),
                              TODAY).id  # fmt: skip
    goal = case_plan.add_goal(session, case_id, GoalDraft("language", GOAL), TODAY)
    case_plan.add_step(session, goal, StepDraft("Anmeldung bei der VHS", due=TODAY), TODAY)
    return cid, case_id, goal


def _pdftotext(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip


def test_agreements_are_sealed_numbered_and_their_changes_noticed(
    session: OfficeSession, tmp_path: Path
) -> None:
    cid, case_id, goal = _case(session)
    assert documents.plan_state(session, case_id).version is None
    request = DocumentRequest(DocumentKind.AGREEMENT, cid, case_id, "ar")
    first = documents.make_document(session, request, NOW)
    assert first.info.version == 1 and first.info.language == "ar"
    check = documents.verify_document(session, first.pdf)
    assert check.valid and check.office_match and check.doc_ref == first.info.doc_ref
    assert first.info.doc_ref in first.file_name and "Haddad" not in first.file_name
    assert GOAL in _pdftotext(first.pdf, tmp_path)
    state = documents.plan_state(session, case_id)
    assert state.version == 1 and not state.changed_since

    case_plan.update_goal(session, goal, GoalDraft("language", GOAL + " und besucht ihn"), TODAY)
    assert documents.plan_state(session, case_id).changed_since
    second = documents.make_document(session, request, NOW)
    assert second.info.version == 2
    assert not documents.plan_state(session, case_id).changed_since
    listed = documents.client_documents(session, cid)
    assert [d.version for d in listed] == [2, 1]
    assert documents.document_pdf(session, first.info.id) == first.pdf

    progress = documents.make_document(
        session, DocumentRequest(DocumentKind.PROGRESS, cid, case_id, "de"), NOW
    )
    assert GOAL + " und besucht ihn" in " ".join(_pdftotext(progress.pdf, tmp_path).split())
    with session.orm() as orm:
        actions = orm.scalars(
            select(models.AuditEntry.action).where(models.AuditEntry.entity == "document")
        ).all()
    assert actions.count("create") == 3 and "open" in actions  # made and shown again


def test_scans_are_checked_by_their_bytes_and_kept(session: OfficeSession) -> None:
    cid, _case_id, _goal = _case(session)
    made = documents.make_document(
        session,
        DocumentRequest(DocumentKind.CONSENT, cid, None, "tr", releases=(Release("Jobcenter"),)),
        NOW,
    )
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
    with pytest.raises(UsageError, match="PDF-, JPEG- oder PNG"):
        documents.attach_scan(session, made.info.id, "brief.png", b"MZ\x90\0 not an image")
    scan = documents.attach_scan(session, made.info.id, "unterschrift.png", png)
    assert scan.mime == "image/png" and scan.size == len(png)
    assert documents.client_documents(session, cid)[0].scans == 1
    info, data = documents.scan_data(session, scan.id)
    assert data == png and info.filename == "unterschrift.png"


def test_confirmation_needs_contacts_and_retention_empties_the_pdfs(
    session: OfficeSession,
) -> None:
    draft = ClientDraft("Kovalenko", "Olena", dt.date(1985, 5, 6))
    cid = add_client(session, draft, TODAY).id
    request = DocumentRequest(
        DocumentKind.CONFIRMATION, cid, None, "uk", dt.date(2026, 1, 1), dt.date(2026, 11, 30)
    )
    with pytest.raises(UsageError, match="keine Beratungskontakte"):
        documents.make_document(session, request, NOW)
    contact = ContactDraft(ContactKind.SHORT, dt.date(2026, 3, 4), 45, ContactForm.IN_PERSON)
    record_contact(session, cid, contact, TODAY)
    made = documents.make_document(session, request, NOW)
    assert documents.verify_document(session, made.pdf).valid
    documents.attach_scan(session, made.info.id, "scan.pdf", made.pdf)
    assert retention.anonymise(session, [cid], TODAY) == 1
    with session.orm() as orm:
        row = orm.get(models.Document, made.info.id)
        assert row is not None and row.pdf == b"" and row.kind == "confirmation"
        assert orm.scalars(select(models.DocumentScan)).all() == []
    with pytest.raises(UsageError, match="nicht \\(mehr\\) gespeichert"):  # no way back in
        documents.attach_scan(session, made.info.id, "Kovalenko.png", b"\x89PNG\r\n\x1a\n")


def test_the_coordinator_certificate_is_kept_without_anything_else(
    session: OfficeSession,
) -> None:
    from app import config
    from app.export.coordinator_keys import create_keys
    from app.services.settings import get_setting
    from app.services.yearly_file_service import set_coordinator_certificate

    keys = create_keys("Landeskoordination Test")
    bundle = "\ufeff# Zertifikat – Landeskoordination\n".encode() + keys.cert_pem + keys.key_pem
    assert "Landeskoordination Test" in set_coordinator_certificate(session, bundle)
    kept = get_setting(session, config.COORDINATOR_CERTIFICATE)
    assert kept.startswith("-----BEGIN CERTIFICATE-----") and "PRIVATE KEY" not in kept
    with pytest.raises(UsageError, match="RSA"):
        from app.documents.certificates import create_self_signed

        set_coordinator_certificate(session, create_self_signed("MBE", "T").cert_pem)


def test_the_letterhead_logo_is_checked_kept_and_printed(
    session: OfficeSession, tmp_path: Path
) -> None:
    import dataclasses
    import io

    from PIL import Image

    from app.domain.office import Role, UserInfo
    from app.errors import AccessDenied
    from app.services.letterhead import office_logo, set_office_logo

    buf = io.BytesIO()
    Image.new("RGB", (120, 60), (20, 60, 140)).save(buf, "PNG")
    logo = buf.getvalue()
    with pytest.raises(UsageError, match="PNG- oder JPEG"):
        set_office_logo(session, b"GIF89a not wanted")
    with pytest.raises(UsageError, match="beschädigt"):
        set_office_logo(session, logo[:40])
    counsellor = dataclasses.replace(
        session, user=UserInfo(session.user.id, "bert", "Bert", Role.COUNSELLOR)
    )
    with pytest.raises(AccessDenied):
        set_office_logo(counsellor, logo)
    set_office_logo(session, logo)
    assert office_logo(session) == logo
    cid, case_id, _goal = _case(session)
    made = documents.make_document(
        session, DocumentRequest(DocumentKind.AGREEMENT, cid, case_id, "de"), NOW
    )
    path = tmp_path / "mit-logo.pdf"
    path.write_bytes(made.pdf)
    images = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True,
                            check=True).stdout  # fmt: skip
    assert " 120    60 " in images  # the logo, on the first page
    set_office_logo(session, None)
    assert office_logo(session) is None
