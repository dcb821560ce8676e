"""What the windows may do with an unlocked office, as plain callables.

``ui.main`` (the composition root) binds ``app.services`` to the open session
and hands an ``OfficeServices`` to the main window; widgets never see the
session, the database or ``app.storage``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol

from app.config import Setting
from app.domain.audit import AuditLine, AuditQuery
from app.domain.client import ClientDetails, ClientRow
from app.domain.counselling import ConsentDraft, ConsentRecord, ContactDraft, ContactRecord
from app.domain.eligibility import Eligibility
from app.domain.family import FamilyMember, FamilyMemberDraft, LanguageSkill
from app.domain.import_rows import Cell, RowError
from app.domain.merge import MergePreview, MergeRequest
from app.domain.office import OfficeInfo, UserInfo
from app.domain.residence import StatusEntry
from app.domain.retention import RetentionDue
from app.domain.users import UserDraft, UserRecord
from app.flows.intake_flow import IntakeFlow
from ui.case_services import CaseServices
from ui.document_services import DocumentServices
from ui.statistics_services import StatisticsServices


class OverviewData(Protocol):
    """The fields of ``app.services.overview.Overview`` the overview page shows."""

    office: OfficeInfo
    users: tuple[UserInfo, ...]
    client_count: int
    seal_subject: str
    seal_self_signed: bool
    post_shares: Decimal


class DuplicatePairData(Protocol):
    """``app.services.clients.DuplicatePair``: two records that may be one person."""

    first: ClientRow
    second: ClientRow
    score: float  # 0..1
    reasons: tuple[str, ...]


class MergeResultData(Protocol):
    """``app.services.merge.MergeResult``."""

    kept: ClientRow
    removed_number: str
    moved_statuses: int
    moved_contacts: int
    moved_consents: int


class ImportTable(Protocol):
    """``app.services.client_import.Table``: a file's header and rows of cells."""

    header: list[str]
    rows: list[list[Cell]]


class RowDuplicateData(Protocol):
    """``app.services.client_import.RowDuplicate``."""

    row: int
    existing: str  # client number, or "Zeile N" for an earlier row of the file
    score: float
    reasons: tuple[str, ...]


class ImportReportData(Protocol):
    """``app.services.client_import.ImportReport``."""

    rows: int
    imported: int
    dry_run: bool
    mapping: dict[str, str]
    errors: Sequence[RowError]
    duplicates: Sequence[RowDuplicateData]
    skipped: int


# (table, mapping field → column, dry_run, skip_duplicates); UsageError for a bad mapping
ImportClients = Callable[[ImportTable, Mapping[str, str], bool, bool], ImportReportData]


class CheckItemData(Protocol):
    """``app.services.check.CheckItem``."""

    @property
    def name(self) -> str: ...
    @property
    def ok(self) -> bool: ...
    @property
    def detail(self) -> str: ...


class BackupInfoData(Protocol):
    """``app.services.backup.BackupInfo``."""

    @property
    def path(self) -> Path: ...
    @property
    def created_at(self) -> dt.datetime: ...
    @property
    def clients(self) -> int: ...
    @property
    def cases(self) -> int: ...
    @property
    def size(self) -> int: ...


class BackupResultData(Protocol):
    """``app.services.backup.BackupResult``."""

    @property
    def info(self) -> BackupInfoData: ...
    @property
    def checks(self) -> Sequence[CheckItemData]: ...
    @property
    def removed(self) -> Sequence[Path]: ...


class UnlockedSession(Protocol):
    """What the UI reads from ``app.services.session.OfficeSession``."""

    user: UserInfo
    office: OfficeInfo
    must_change_passphrase: bool

    def close(self) -> None: ...


@dataclass(frozen=True)
class OfficeServices:
    """Services bound to one unlocked session. Every call may touch the database:
    run it through ``ui.operations.Operations``."""

    user: UserInfo
    office: OfficeInfo
    overview: Callable[[], OverviewData]
    list_clients: Callable[[], list[ClientRow]]
    get_setting: Callable[[Setting[Any]], Any]
    set_setting: Callable[[Setting[Any], Any], Any]
    change_passphrase: Callable[[str, str], None]
    # clients
    # (search text, optional filters) -> best matches first
    search_clients: Callable[..., list[ClientRow]]
    intake_flow: Callable[[], IntakeFlow]  # a new intake, wired to this office
    # one client's records (by client id)
    status_history: Callable[[int], list[StatusEntry]]
    add_status: Callable[[int, StatusEntry], str | None]  # what changed, as a sentence
    eligibility: Callable[[int], Eligibility]
    timeline: Callable[[int], list[ContactRecord]]  # newest first
    record_contact: Callable[[int, ContactDraft], ContactRecord]
    consents: Callable[[int], list[ConsentRecord]]
    withdraw_consent: Callable[[int, dt.date], ConsentRecord]  # consent id, withdrawn on
    add_consent: Callable[[int, ConsentDraft], ConsentRecord]  # client id; FieldErrors by field
    client_details: Callable[[int], ClientDetails]
    client_by_number: Callable[[str], ClientRow | None]  # "12" finds K-00012
    family_members: Callable[[int], list[FamilyMember]]
    add_family_member: Callable[[int, FamilyMemberDraft], FamilyMember]  # FieldErrors by field
    remove_family_member: Callable[[int], None]  # family member id
    languages: Callable[[int], list[LanguageSkill]]  # German first
    set_language: Callable[[int, LanguageSkill], LanguageSkill]  # replaces that language's level
    remove_language: Callable[[int, str], None]  # client id, language code
    # duplicates: pairs scored at least min_score, best first; merging two records
    scan_duplicates: Callable[[float], Sequence[DuplicatePairData]]
    merge_preview: Callable[[int, int], MergePreview]  # keep id, remove id
    merge_clients: Callable[[MergeRequest], MergeResultData]  # FieldErrors by field
    # importing client lists (CSV, XLSX); read_table needs no session (UsageError if unreadable)
    read_table: Callable[[bytes, str], ImportTable]  # data, file name
    import_clients: ImportClients
    # locking: close the session (engine and data key); every call then raises AccessDenied
    # until ``resume`` hands in a new session of the same user
    lock: Callable[[], None]
    resume: Callable[[UnlockedSession], None]
    is_locked: Callable[[], bool]
    # integration support, reminders, dashboard
    cases: CaseServices
    documents: DocumentServices
    statistics: StatisticsServices
    # backups: write and verify one into a folder (StorageError, loudly, when it fails);
    # list a folder's backups; the folder remembered on this PC
    make_backup: Callable[[Path], BackupResultData]
    list_backups: Callable[[Path], Sequence[BackupInfoData]]
    backup_folder: Callable[[], str]
    last_backup: Callable[[], str]  # ISO date and time of the last backup on this PC, or ""
    set_backup_folder: Callable[[str], None]
    location_warning: Callable[[], str | None]  # the office folder is cloud-synced/network
    # users (lead only: AccessDenied otherwise; FieldErrors by field)
    users: Callable[[], list[UserRecord]]
    add_user: Callable[[UserDraft, str, str], UserRecord]  # draft, passphrase, repeated
    update_user: Callable[[int, UserDraft], None]
    deactivate_user: Callable[[int], None]
    reset_passphrase: Callable[[int, str, str, str], None]  # id, recovery key, new, repeated
    # new data key: lead's passphrase, login -> (new, repeated) for everyone else; returns
    # the new recovery key and closes the session (FieldErrors by login)
    rekey: Callable[[str, dict[str, tuple[str, str]]], str]
    rekey_sheet: Callable[[str], bytes]  # recovery key -> the office's sheet as PDF
    # retention (lead only): who is due today; anonymise clients, returns how many
    retention_due: Callable[[], list[RetentionDue]]
    anonymise: Callable[[list[int]], int]
    # the audit trail (lead only), newest first; as CSV bytes for export
    audit_lines: Callable[[AuditQuery], list[AuditLine]]
    audit_csv: Callable[[AuditQuery], bytes]
