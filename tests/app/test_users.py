"""Users and roles: each with a key slot, the lead manages them, resets need the recovery key."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from app.domain.office import Role, UserInfo
from app.domain.recovery_key import format_recovery_key
from app.domain.users import UserDraft
from app.errors import AccessDenied, FieldErrors, UsageError
from app.paths import OfficePaths
from app.services.session import OfficeSession, unlock
from app.services.users import (
    add_user,
    deactivate_user,
    reset_passphrase,
    update_user,
    users,
)
from tests.app.conftest import FAST_KDF

NEW = "Kornblume-44-Flensburg"


def _bert(session: OfficeSession) -> int:
    draft = UserDraft("Bert Beratung", Role.COUNSELLOR, "0,5", "bert")
    return add_user(session, draft, NEW, NEW, FAST_KDF).id


def test_a_new_user_gets_a_slot_and_can_unlock(paths: OfficePaths, session: OfficeSession) -> None:
    uid = _bert(session)
    listed = {u.login: u for u in users(session)}
    assert listed["bert"].post_share == Decimal("0.50") and listed["bert"].role is Role.COUNSELLOR
    assert "bert" in session.keyfile.slots
    with pytest.raises(FieldErrors) as taken:
        add_user(session, UserDraft("B", Role.COUNSELLOR, "1", "bert"), NEW, NEW, FAST_KDF)
    assert "login" in taken.value.errors
    with pytest.raises(FieldErrors) as bad:
        add_user(session, UserDraft("", Role.COUNSELLOR, "2", "X Y"), "kurz", "anders", FAST_KDF)
    assert {"login", "display_name", "post_share"} <= set(bad.value.errors)
    session.close()
    other = unlock(paths, "bert", NEW)
    try:
        assert other.user.id == uid and other.user.role is Role.COUNSELLOR
        with pytest.raises(AccessDenied):
            deactivate_user(other, session.user.id)  # only the lead manages users
    finally:
        other.close()


def test_deactivated_users_cannot_unlock_and_one_lead_remains(
    paths: OfficePaths, session: OfficeSession
) -> None:
    uid = _bert(session)
    with pytest.raises(UsageError):
        deactivate_user(session, session.user.id)
    with pytest.raises(FieldErrors) as lead:
        update_user(session, session.user.id, UserDraft("Anna Alt", Role.COUNSELLOR, "1"))
    assert "Leitung" in lead.value.errors["role"]
    update_user(session, uid, UserDraft("Bert B.", Role.COUNSELLOR, "0,75"))
    deactivate_user(session, uid)
    assert "bert" not in session.keyfile.slots
    assert not {u.login: u for u in users(session)}["bert"].active
    session.close()
    with pytest.raises(AccessDenied):
        unlock(paths, "bert", NEW).close()


def test_a_forgotten_passphrase_is_reset_only_with_the_recovery_key(
    paths: OfficePaths, session: OfficeSession
) -> None:
    uid = _bert(session)
    fresh = "Lavendel-12-Husum-Hafen"
    with pytest.raises(FieldErrors) as wrong:
        reset_passphrase(session, uid, "0000-" * 15 + "0000", fresh, fresh, FAST_KDF)
    assert "recovery_key" in wrong.value.errors
    recovery = format_recovery_key(session.data_key)
    counsellor = dataclasses.replace(session, user=UserInfo(uid, "bert", "Bert", Role.COUNSELLOR))
    with pytest.raises(AccessDenied):
        reset_passphrase(counsellor, uid, recovery, fresh, fresh, FAST_KDF)
    reset_passphrase(session, uid, recovery, fresh, fresh, FAST_KDF)
    session.close()
    unlock(paths, "bert", fresh).close()
