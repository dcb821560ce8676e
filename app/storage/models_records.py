"""Tables of printed documents and of the yearly self-assessment.

Kept apart from ``models`` so that module stays small; ``models`` imports this one at its
end, so the tables are on ``Base.metadata`` wherever the models are used."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.storage.models import Base, utcnow


class Document(Base):
    """A printed document, frozen: the signed PDF itself, encrypted with the database.

    Agreements are numbered per case (``version``); ``plan_json`` keeps the support plan
    they were printed from, so progress sheets quote it word for word, and ``plan_sha256``
    fingerprints it, so a later change to the goals is noticed."""

    __tablename__ = "documents"
    __table_args__ = (UniqueConstraint("doc_ref"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    case_id: Mapped[int | None] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), nullable=True, index=True
    )
    kind: Mapped[str] = mapped_column(String(16))
    version: Mapped[int | None] = mapped_column(Integer, nullable=True)
    language: Mapped[str] = mapped_column(String(8))
    doc_ref: Mapped[str] = mapped_column(String(24))  # the short id printed in the seal box
    sha256: Mapped[str] = mapped_column(String(64))
    plan_sha256: Mapped[str] = mapped_column(String(64), default="")
    plan_json: Mapped[str] = mapped_column(Text, default="")  # the goals as signed, quoted later
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)


class DocumentScan(Base):
    """The scanned paper with the handwritten signatures, attached to its document."""

    __tablename__ = "document_scans"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    filename: Mapped[str] = mapped_column(String(200))
    mime: Mapped[str] = mapped_column(String(40))
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    added_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    added_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)


class QualityAssessment(Base):
    """The lead's yearly self-assessment against the quality criteria (JSON answers)."""

    __tablename__ = "quality_assessments"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    answers: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)


class YearlyExportRecord(Base):
    """One written yearly export: when, by whom, and the report's fingerprint."""

    __tablename__ = "yearly_exports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    exported_on: Mapped[dt.date] = mapped_column(Date)
    report_sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
