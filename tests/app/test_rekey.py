"""Rekey: the office under a new data key; old passphrases, key file and recovery key no
longer open it; an interrupted swap is completed (or dropped) at the next unlock."""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain.client import ClientDraft
from app.domain.office import Role
from app.domain.users import UserDraft
from app.errors import AccessDenied, FieldErrors
from app.paths import OfficePaths
from app.services.clients import add_client, search_clients
from app.services.rekey import rekey
from app.services.session import OfficeSession, unlock, unlock_with_recovery
from app.services.users import add_user
from app.storage.pending_swap import PENDING, READY
from tests.app.conftest import FAST_KDF, PASSPHRASE

BERT_OLD, BERT_NEW = "Kornblume-44-Flensburg", "Lavendel-12-Husum-Hafen"


def _office_with_bert(session: OfficeSession) -> None:
    add_user(session, UserDraft("Bert", Role.COUNSELLOR, "1", "bert"), BERT_OLD, BERT_OLD, FAST_KDF)
    add_client(session, ClientDraft("Haddad", "Rania", None), dt.date(2026, 11, 25))


def test_rekey_needs_the_leads_passphrase_and_one_for_everyone_else(
    paths: OfficePaths, session: OfficeSession
) -> None:
    _office_with_bert(session)
    with pytest.raises(FieldErrors) as exc:
        rekey(session, "falsch-falsch-falsch", {}, FAST_KDF)
    assert set(exc.value.errors) == {"current", "bert"}
    assert not (paths.home / PENDING).exists()


def test_after_a_rekey_only_the_new_secrets_open_the_office(
    paths: OfficePaths, session: OfficeSession
) -> None:
    _office_with_bert(session)
    old_key = session.data_key
    old_keyfile = paths.keyfile.read_bytes()
    office_id = session.keyfile.db_id
    recovery = rekey(session, PASSPHRASE, {"bert": (BERT_NEW, BERT_NEW)}, FAST_KDF)
    assert session.data_key == b""  # the session is closed
    assert paths.keyfile.read_bytes() != old_keyfile
    with pytest.raises(AccessDenied):
        unlock(paths, "bert", BERT_OLD)
    with pytest.raises(AccessDenied):
        unlock_with_recovery(paths, "anna", old_key.hex())
    lead = unlock(paths, "anna", PASSPHRASE)
    try:
        assert lead.data_key != old_key
        assert lead.keyfile.db_id == office_id  # the coordinator still knows the office
        assert [c.family_name for c in search_clients(lead, "Haddad")] == ["Haddad"]
    finally:
        lead.close()
    unlock(paths, "bert", BERT_NEW).close()
    unlock_with_recovery(paths, "anna", recovery).close()


def test_an_interrupted_swap_is_finished_or_dropped_at_the_next_unlock(
    paths: OfficePaths, session: OfficeSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    _office_with_bert(session)
    session.close()
    pending = paths.home / PENDING
    pending.mkdir()
    (pending / "office.lotse").write_bytes(b"half written")  # no ready marker: dropped
    unlock(paths, "anna", PASSPHRASE).close()
    assert not pending.exists()

    # Power gone right after the marker: the copy and the new key file wait in PENDING.
    import app.services.rekey as rekey_module

    monkeypatch.setattr(rekey_module, "finish_pending", lambda _paths: None)
    s = unlock(paths, "anna", PASSPHRASE)
    rekey(s, PASSPHRASE, {"bert": (BERT_NEW, BERT_NEW)}, FAST_KDF)
    assert (pending / READY).exists()
    monkeypatch.undo()
    bert = unlock(paths, "bert", BERT_NEW)  # the unlock completes the swap first
    try:
        assert not pending.exists()
        assert search_clients(bert, "Haddad")
    finally:
        bert.close()
    with pytest.raises(AccessDenied):
        unlock(paths, "bert", BERT_OLD)


def test_a_busy_file_at_the_swap_closes_the_session_and_the_next_unlock_finishes_it(
    paths: OfficePaths, session: OfficeSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.errors import StorageError
    from app.services import rekey as rekey_module

    _office_with_bert(session)

    def busy(_paths: OfficePaths) -> None:
        raise PermissionError("held by a virus scanner")

    monkeypatch.setattr(rekey_module, "finish_pending", busy)
    with pytest.raises(StorageError, match="nächsten Öffnen"):
        rekey(session, PASSPHRASE, {"bert": (BERT_NEW, BERT_NEW)}, FAST_KDF)
    assert session.data_key == b""  # nothing more is written under the old key
    monkeypatch.undo()
    unlock(paths, "bert", BERT_NEW).close()  # the swap was completed on the way in
    with pytest.raises(AccessDenied):
        unlock(paths, "bert", BERT_OLD)
