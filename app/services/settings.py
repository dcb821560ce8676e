"""Office-wide settings stored encrypted in the database."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TypeVar

from app.config import Scope, Setting
from app.domain.audit import AuditAction, AuditEntity
from app.domain.office import Role
from app.errors import AccessDenied, FieldErrors
from app.i18n import _
from app.services.audit import log
from app.storage import models

if TYPE_CHECKING:
    from sqlalchemy.orm import Session as OrmSession

    from app.services.session import OfficeSession

T = TypeVar("T", str, int, float, bool)


def get_setting(session: OfficeSession, setting: Setting[T]) -> T:
    with session.orm() as orm:
        return read_setting(orm, setting)


def read_setting(orm: OrmSession, setting: Setting[T]) -> T:
    """The setting read inside the caller's session (and transaction)."""
    assert setting.scope is Scope.OFFICE
    row = orm.get(models.SettingRow, setting.key)
    raw: Any = json.loads(row.value) if row is not None else setting.default
    return setting.coerce(raw)


def _require_lead(session: OfficeSession) -> None:
    if session.user.role is not Role.LEAD:
        raise AccessDenied(_("Einstellungen der Beratungsstelle kann nur die Leitung ändern."))


def set_setting(session: OfficeSession, setting: Setting[T], value: T) -> T:
    assert setting.scope is Scope.OFFICE
    _require_lead(session)
    stored = setting.coerce(value)
    with session.orm() as orm, orm.begin():
        orm.merge(models.SettingRow(key=setting.key, value=json.dumps(stored)))
        log(orm, session.user.id, AuditAction.CHANGE, AuditEntity.SETTINGS)
    return stored


def set_settings(session: OfficeSession, values: dict[Setting[Any], Any]) -> None:
    """Save several office settings at once; FieldErrors (by key) and nothing saved if any
    value is out of range."""
    _require_lead(session)
    errors = {s.key: msg for s, v in values.items() if (msg := s.problem(v)) is not None}
    if errors:
        raise FieldErrors(errors)
    with session.orm() as orm, orm.begin():
        for setting, value in values.items():
            assert setting.scope is Scope.OFFICE
            orm.merge(models.SettingRow(key=setting.key, value=json.dumps(setting.coerce(value))))
        log(orm, session.user.id, AuditAction.CHANGE, AuditEntity.SETTINGS)
