"""The office's users (lead only): add with a key slot, change role and post share,
deactivate (the slot goes, the name stays on their records), and reset a forgotten
passphrase — only with the recovery key, never by the lead's word alone."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session as OrmSession

from app.domain.audit import AuditAction, AuditEntity
from app.domain.office import Role, validate_login
from app.domain.passphrase import check_passphrase
from app.domain.recovery_key import parse_recovery_key
from app.domain.users import UserDraft, UserRecord
from app.errors import AccessDenied, FieldErrors, UsageError
from app.i18n import _
from app.services.audit import log
from app.services.session import OfficeSession, office_setting_min_length
from app.storage import models
from app.storage.keyring import KdfParams, save_keyfile


def _require_lead(session: OfficeSession) -> None:
    if session.user.role is not Role.LEAD:
        raise AccessDenied(_("Benutzer:innen verwaltet die Leitung."))


def users(session: OfficeSession) -> list[UserRecord]:
    with session.orm() as orm:
        rows = orm.scalars(select(models.User).order_by(models.User.display_name))
        return [
            UserRecord(u.id, u.login, u.display_name, Role(u.role), u.post_share, u.active,
                       u.created_at)
            for u in rows
        ]  # fmt: skip


def _check_draft(draft: UserDraft) -> tuple[str, Decimal]:
    errors: dict[str, str] = {}
    name = draft.display_name.strip()
    if not name:
        errors["display_name"] = _("Bitte den Namen angeben.")
    elif len(name) > 200:
        errors["display_name"] = _("Der Name ist zu lang (höchstens 200 Zeichen).")
    share = Decimal(0)
    try:
        share = Decimal(draft.post_share.strip().replace(",", ".") or "0")
        if not share.is_finite() or not Decimal(0) <= share <= Decimal(1):
            raise ValueError(share)
    except (ArithmeticError, ValueError):
        errors["post_share"] = _("Bitte einen Stellenanteil zwischen 0 und 1 angeben, z. B. 0,5.")
    if errors:
        raise FieldErrors(errors)
    return name, share.quantize(Decimal("0.01"))


def add_user(
    session: OfficeSession,
    draft: UserDraft,
    passphrase: str,
    repeated: str,
    kdf: KdfParams | None = None,
) -> UserRecord:
    """A new user with their own passphrase (a slot in the key file); lead only."""
    _require_lead(session)
    errors: dict[str, str] = {}
    login = ""
    try:
        login = validate_login(draft.login)
    except FieldErrors as exc:
        errors.update(exc.errors)
    try:
        name, share = _check_draft(draft)
    except FieldErrors as exc:
        errors.update(exc.errors)
    try:
        check_passphrase(passphrase, repeated, office_setting_min_length(session))
    except FieldErrors as exc:
        errors.update(exc.errors)
    if errors:
        raise FieldErrors(errors)
    with session.orm() as orm, orm.begin():
        if orm.scalar(select(models.User).where(models.User.login == login)) is not None:
            raise FieldErrors({"login": _("Diesen Benutzernamen gibt es schon.")})
        row = models.User(login=login, display_name=name, role=draft.role.value,
                          post_share=share, created_by=session.user.id,
                          updated_by=session.user.id)  # fmt: skip
        orm.add(row)
        orm.flush()
        log(orm, session.user.id, AuditAction.CREATE, AuditEntity.OFFICE, row.id)
        session.keyfile.set_user(login, passphrase, session.data_key, kdf)
        save_keyfile(session.paths.keyfile, session.keyfile)  # last: the commit follows at once
        return UserRecord(row.id, login, name, draft.role, share, True, row.created_at)


def _user(orm: OrmSession, user_id: int) -> models.User:
    row = orm.get(models.User, user_id)
    if row is None:
        raise UsageError(_("Diese:r Benutzer:in ist nicht (mehr) gespeichert."))
    return row


def _other_active_leads(orm: OrmSession, user_id: int) -> int:
    u = models.User
    query = select(func.count()).where(
        u.role == Role.LEAD.value, u.active.is_(True), u.id != user_id
    )
    return int(orm.scalar(query) or 0)


def update_user(session: OfficeSession, user_id: int, draft: UserDraft) -> None:
    """Name, role and post share; the office always keeps one active lead."""
    _require_lead(session)
    name, share = _check_draft(draft)
    with session.orm() as orm, orm.begin():
        row = _user(orm, user_id)
        demoted = draft.role is not Role.LEAD and row.role == Role.LEAD.value
        if demoted and not _other_active_leads(orm, user_id):
            raise FieldErrors({"role": _("Die Beratungsstelle braucht eine Leitung.")})
        row.display_name, row.role, row.post_share = name, draft.role.value, share
        row.updated_by = session.user.id
        log(orm, session.user.id, AuditAction.CHANGE, AuditEntity.OFFICE, user_id)


def deactivate_user(session: OfficeSession, user_id: int) -> None:
    """The user can no longer unlock (slot removed); their name stays on their records."""
    _require_lead(session)
    if user_id == session.user.id:
        raise UsageError(_("Das eigene Konto kann nicht deaktiviert werden."))
    with session.orm() as orm, orm.begin():
        row = _user(orm, user_id)
        if row.role == Role.LEAD.value and not _other_active_leads(orm, user_id):
            raise UsageError(_("Die Beratungsstelle braucht eine Leitung."))
        row.active = False
        row.updated_by = session.user.id
        log(orm, session.user.id, AuditAction.DELETE, AuditEntity.OFFICE, user_id)
        session.keyfile.remove_user(row.login)
        save_keyfile(session.paths.keyfile, session.keyfile)


def reset_passphrase(
    session: OfficeSession,
    user_id: int,
    recovery_text: str,
    passphrase: str,
    repeated: str,
    kdf: KdfParams | None = None,
) -> None:
    """Give a user who forgot theirs a new passphrase; needs the office's recovery key."""
    _require_lead(session)
    errors: dict[str, str] = {}
    try:
        key = parse_recovery_key(recovery_text)
        if key != session.data_key:
            raise AccessDenied(_("Der Wiederherstellungsschlüssel passt nicht."))
    except (AccessDenied, UsageError) as exc:
        errors["recovery_key"] = exc.message
    try:
        check_passphrase(passphrase, repeated, office_setting_min_length(session))
    except FieldErrors as exc:
        errors.update(exc.errors)
    if errors:
        raise FieldErrors(errors)
    with session.orm() as orm, orm.begin():
        row = _user(orm, user_id)
        if not row.active:
            raise UsageError(_("Diese:r Benutzer:in ist deaktiviert."))
        log(orm, session.user.id, AuditAction.CHANGE, AuditEntity.OFFICE, user_id)
        session.keyfile.set_user(row.login, passphrase, session.data_key, kdf)
        save_keyfile(session.paths.keyfile, session.keyfile)
