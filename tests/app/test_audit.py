"""The audit trail: who did what to which record, as a hash chain that `lotse check` verifies."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import text

from app.domain.audit import AuditAction, AuditEntity, AuditQuery
from app.domain.case import CaseDraft
from app.domain.client import ClientDraft
from app.domain.office import Role, UserInfo
from app.domain.residence import StatusEntry
from app.errors import AccessDenied
from app.paths import OfficePaths
from app.services.audit import audit_csv, audit_lines
from app.services.cases import case_details, open_case
from app.services.check import run_check
from app.services.client_records import add_status
from app.services.clients import add_client
from app.services.family import client_details
from app.services.session import OfficeSession, unlock
from tests.app.conftest import PASSPHRASE

TODAY = dt.date(2026, 11, 25)


def _work(session: OfficeSession) -> tuple[int, int]:
    cid = add_client(
        session, ClientDraft("Haddad", "Rania", dt.date(1990, 4, 2), arrival_date=TODAY), TODAY
    ).id
    add_status(session, cid, StatusEntry("ne", TODAY), TODAY)
    client_details(session, cid)
    case = open_case(session, cid, CaseDraft(TODAY, session.user.id), TODAY)
    case_details(session, case.id, TODAY)
    return cid, case.id


def _chain_item(paths: OfficePaths, key: bytes) -> tuple[bool, str]:
    item = next(i for i in run_check(paths, key).items if i.name == "Protokoll")
    return item.ok, item.detail


def test_who_did_what_to_which_record_without_content(session: OfficeSession) -> None:
    cid, case_id = _work(session)
    lines = audit_lines(session, AuditQuery())
    done = [(line.action, line.entity, line.entity_id) for line in reversed(lines)]
    assert done == [
        (AuditAction.UNLOCK, AuditEntity.OFFICE, None),
        (AuditAction.CREATE, AuditEntity.CLIENT, cid),
        (AuditAction.CHANGE, AuditEntity.CLIENT, cid),
        (AuditAction.OPEN, AuditEntity.CLIENT, cid),
        (AuditAction.CREATE, AuditEntity.CASE, case_id),
        (AuditAction.OPEN, AuditEntity.CASE, case_id),
    ]
    assert {line.user for line in lines} == {"Anna Alt"}
    only_case = audit_lines(session, AuditQuery(entity=AuditEntity.CASE))
    assert {line.entity for line in only_case} == {AuditEntity.CASE}
    data = audit_csv(session, AuditQuery())
    assert data.startswith("\ufeff".encode()) and b"Haddad" not in data
    assert data.decode("utf-8-sig").splitlines()[0].startswith("id;zeit_utc;benutzer_id")


def test_only_the_lead_reads_the_trail(session: OfficeSession) -> None:
    counsellor = dataclasses.replace(
        session, user=UserInfo(session.user.id, "bert", "Bert", Role.COUNSELLOR)
    )
    with pytest.raises(AccessDenied):
        audit_lines(counsellor, AuditQuery())
    with pytest.raises(AccessDenied):
        audit_csv(counsellor, AuditQuery())


@pytest.mark.parametrize(
    "tamper",
    [
        "UPDATE audit_log SET entity_id = 999 WHERE id = 3",
        "DELETE FROM audit_log WHERE id = 2",
        "UPDATE audit_log SET user_id = NULL WHERE id = 4",
    ],
)
def test_check_detects_edited_or_removed_entries(
    paths: OfficePaths, session: OfficeSession, tamper: str
) -> None:
    _work(session)
    key = session.data_key
    assert _chain_item(paths, key)[0]
    with session.engine.begin() as conn:
        conn.execute(text(tamper))
    session.close()
    ok, detail = _chain_item(paths, key)
    assert not ok and "verändert oder entfernt" in detail
    unlock(paths, "anna", PASSPHRASE).close()  # the office still opens; check reports it


def test_logs_say_where_an_error_happened_but_not_its_message() -> None:
    from app.errors import trace_for_log

    def save() -> None:
        try:
            raise KeyError("Zyxwarovska")
        except KeyError as exc:
            raise RuntimeError("INSERT failed [parameters: ('Zyxwarovska', 'Quennelia')]") from exc

    try:
        save()
    except RuntimeError as exc:
        line = trace_for_log(exc)
    assert "builtins.RuntimeError at test_audit.py:" in line and " save" in line
    assert "caused by builtins.KeyError" in line
    assert "Zyxwarovska" not in line and "Quennelia" not in line
