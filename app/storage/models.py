"""ORM tables. Portable SQLAlchemy constructs only (PostgreSQL comes later).

Rows never leave ``app.storage``/``app.services``: services turn them into
dataclasses from ``app.domain``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Office(Base):
    __tablename__ = "office"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    provider: Mapped[str] = mapped_column(String(200), default="")
    district: Mapped[str] = mapped_column(String(40))
    full_time_posts: Mapped[Decimal] = mapped_column(Numeric(6, 2))
    address: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    login: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    post_share: Mapped[Decimal] = mapped_column(Numeric(4, 2), default=Decimal("1.00"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)


class SettingRow(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)  # JSON


class SigningIdentity(Base):
    """The office seal: private key and certificate chain, PEM, inside the encrypted file."""

    __tablename__ = "signing_identity"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key_pem: Mapped[bytes] = mapped_column(LargeBinary)
    cert_pem: Mapped[bytes] = mapped_column(LargeBinary)
    chain_pem: Mapped[bytes] = mapped_column(LargeBinary, default=b"")
    subject: Mapped[str] = mapped_column(String(400))
    fingerprint_sha256: Mapped[str] = mapped_column(String(64))
    not_after: Mapped[dt.datetime] = mapped_column(DateTime)
    self_signed: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Client(Base):
    """Master data of a client. The clients issue extends this table."""

    __tablename__ = "clients"
    __table_args__ = (UniqueConstraint("number"), Index("ix_clients_family_name", "family_name"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(20))
    family_name: Mapped[str] = mapped_column(String(200))
    given_name: Mapped[str] = mapped_column(String(200))
    birth_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    sex: Mapped[str] = mapped_column(String(1), default="u")
    nationality: Mapped[str] = mapped_column(String(3), default="")
    language: Mapped[str] = mapped_column(String(8), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    birth_year_only: Mapped[bool] = mapped_column(Boolean, default=False)
    arrival_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    permanent_since: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    counsellor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    # Names folded and transliterated to Latin, plus number and birth year: what
    # search-as-you-type matches against, so Arabic or Cyrillic input finds Latin records.
    search_text: Mapped[str] = mapped_column(Text, default="")
    # Set when retention (or an erasure request) anonymised the record.
    anonymised_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)


class ResidenceStatus(Base):
    __tablename__ = "residence_status"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(16))
    valid_from: Mapped[dt.date] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)


class ClientNameKey(Base):
    """Blocking keys of the duplicate check, so candidates come from an index."""

    __tablename__ = "client_name_keys"

    client_id: Mapped[int] = mapped_column(
        ForeignKey("clients.id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(String(32), primary_key=True, index=True)


class Contact(Base):
    __tablename__ = "contacts"
    __table_args__ = (Index("ix_contacts_client_id_date", "client_id", "date"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    date: Mapped[dt.date] = mapped_column(Date)
    duration_min: Mapped[int] = mapped_column(Integer)
    form: Mapped[str] = mapped_column(String(16))
    interpreter: Mapped[bool] = mapped_column(Boolean, default=False)
    life_areas: Mapped[str] = mapped_column(Text, default="")  # comma-separated codes
    family_present: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str] = mapped_column(Text, default="")
    need: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str | None] = mapped_column(String(16), nullable=True)
    written_need: Mapped[str] = mapped_column(Text, default="")
    counsellor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)


class Consent(Base):
    __tablename__ = "consents"
    __table_args__ = (Index("ix_consents_client_id", "client_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    given_on: Mapped[dt.date] = mapped_column(Date)
    form_version: Mapped[str] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(8), default="")
    third_party: Mapped[str] = mapped_column(String(200), default="")
    paper_ref: Mapped[str] = mapped_column(String(200), default="")
    withdrawn_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)


class FamilyMember(Base):
    """A relative of a client: another client (linked) or a companion known by first name."""

    __tablename__ = "family_members"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    relation: Mapped[str] = mapped_column(String(16))
    linked_client_id: Mapped[int | None] = mapped_column(
        ForeignKey("clients.id", ondelete="SET NULL"), nullable=True, index=True
    )
    given_name: Mapped[str] = mapped_column(String(200), default="")
    birth_year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)


class ClientLanguage(Base):
    """A language the client speaks, with the CEFR level (German's row: Deutschkenntnisse)."""

    __tablename__ = "client_languages"
    __table_args__ = (UniqueConstraint("client_id", "language"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(String(2))  # ISO 639-1
    level: Mapped[str] = mapped_column(String(4))  # none, A1 … C2
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)


class Case(Base):
    """Integration support (case management) of one client."""

    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    counsellor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    start: Mapped[dt.date] = mapped_column(Date)
    planned_end: Mapped[dt.date] = mapped_column(Date)
    written_need: Mapped[str] = mapped_column(Text, default="")
    closed_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True, index=True)
    closing_reason: Mapped[str | None] = mapped_column(String(24), nullable=True)
    closing_note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)


class CaseAssessment(Base):
    """Assessment (Anamnese/Ressourcenanalyse) of one life area in a case."""

    __tablename__ = "case_assessments"
    __table_args__ = (UniqueConstraint("case_id", "life_area"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    life_area: Mapped[str] = mapped_column(String(24))
    situation: Mapped[str] = mapped_column(Text, default="")
    resources: Mapped[str] = mapped_column(Text, default="")
    need: Mapped[str] = mapped_column(Text, default="")
    priority: Mapped[str] = mapped_column(String(8), default="none")
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)


class Partner(Base):
    """A network partner of the office (Jobcenter, Ausländerbehörde, …)."""

    __tablename__ = "partners"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(24))
    contact: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)


class Goal(Base):
    """A goal of the support plan (Förderplan), with its rating once evaluated."""

    __tablename__ = "case_goals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    life_area: Mapped[str] = mapped_column(String(24))
    text: Mapped[str] = mapped_column(Text)
    target_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    state: Mapped[str] = mapped_column(String(16), default="open")
    position: Mapped[int] = mapped_column(Integer, default=0)
    rating: Mapped[str | None] = mapped_column(String(16), nullable=True)
    rating_reason: Mapped[str | None] = mapped_column(String(24), nullable=True)
    rating_note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)


class Step(Base):
    __tablename__ = "goal_steps"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    goal_id: Mapped[int] = mapped_column(
        ForeignKey("case_goals.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    responsible: Mapped[str] = mapped_column(String(16))
    partner_id: Mapped[int | None] = mapped_column(
        ForeignKey("partners.id", ondelete="SET NULL"), nullable=True
    )
    due: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    done_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)


class Review(Base):
    """A review (Überprüfung) of the support plan."""

    __tablename__ = "case_reviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    date: Mapped[dt.date] = mapped_column(Date)
    summary: Mapped[str] = mapped_column(Text)
    next_review: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)


class ReviewGoalState(Base):
    __tablename__ = "review_goal_states"

    review_id: Mapped[int] = mapped_column(
        ForeignKey("case_reviews.id", ondelete="CASCADE"), primary_key=True
    )
    goal_id: Mapped[int] = mapped_column(
        ForeignKey("case_goals.id", ondelete="CASCADE"), primary_key=True
    )
    state: Mapped[str] = mapped_column(String(16))


class Referral(Base):
    __tablename__ = "referrals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id"))
    date: Mapped[dt.date] = mapped_column(Date)
    life_area: Mapped[str] = mapped_column(String(24), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)


class CaseEventRow(Base):
    """Opening, closing and reopening of a case: who and when."""

    __tablename__ = "case_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    action: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")


class ReminderRow(Base):
    """A reminder a counsellor set by hand (computed reminders are not stored)."""

    __tablename__ = "reminders"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    due: Mapped[dt.date] = mapped_column(Date, index=True)
    text: Mapped[str] = mapped_column(Text)
    counsellor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    client_id: Mapped[int | None] = mapped_column(
        ForeignKey("clients.id", ondelete="CASCADE"), nullable=True, index=True
    )
    case_id: Mapped[int | None] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), nullable=True
    )
    done_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)


class AuditEntry(Base):
    """Who did what to which record, and when — never the content. Each entry's hash covers
    the previous one, so editing or removing an entry breaks the chain."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    action: Mapped[str] = mapped_column(String(16))
    entity: Mapped[str] = mapped_column(String(16))
    entity_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


# Tables defined beside this module: registered on Base.metadata, reachable as models.X.
from app.storage.models_records import (  # noqa: E402
    Document,
    DocumentScan,
    QualityAssessment,
    YearlyExportRecord,
)

__all__ = ["Document", "DocumentScan", "QualityAssessment", "YearlyExportRecord"]
