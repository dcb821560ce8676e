"""The office's network partners and the referrals of a case to them."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from app.domain.audit import AuditAction, AuditEntity
from app.domain.case import Partner, PartnerDraft, PartnerKind, ReferralDraft
from app.domain.case_rules import validate_partner, validate_referral
from app.errors import FieldErrors, UsageError
from app.i18n import _
from app.services.audit import log
from app.services.case_query import editable_case
from app.services.session import OfficeSession
from app.storage import models


def _partner(row: models.Partner) -> Partner:
    return Partner(row.id, row.name, PartnerKind(row.kind), row.contact, row.active)


def partners(session: OfficeSession, include_inactive: bool = False) -> list[Partner]:
    query = select(models.Partner).order_by(models.Partner.kind, models.Partner.name)
    if not include_inactive:
        query = query.where(models.Partner.active.is_(True))
    with session.orm() as orm:
        return [_partner(r) for r in orm.scalars(query)]


def _same_name(session: OfficeSession, name: str, kind: PartnerKind, skip: int | None) -> bool:
    with session.orm() as orm:
        rows = orm.scalars(select(models.Partner).where(models.Partner.kind == kind.value))
        return any(r.name.casefold() == name.casefold() and r.id != skip for r in rows)


def add_partner(session: OfficeSession, draft: PartnerDraft) -> Partner:
    validate_partner(draft)
    if _same_name(session, draft.name.strip(), draft.kind, None):
        raise FieldErrors({"name": _("Diesen Netzwerkpartner gibt es schon.")})
    with session.orm() as orm, orm.begin():
        row = models.Partner(
            name=draft.name.strip(),
            kind=draft.kind.value,
            contact=draft.contact.strip(),
            active=draft.active,
            created_by=session.user.id,
        )
        orm.add(row)
        orm.flush()
        log(orm, session.user.id, AuditAction.CREATE, AuditEntity.PARTNER, row.id)
        return _partner(row)


def update_partner(session: OfficeSession, partner_id: int, draft: PartnerDraft) -> Partner:
    """Change a partner; partners are deactivated, never deleted, so old referrals keep them."""
    validate_partner(draft)
    if _same_name(session, draft.name.strip(), draft.kind, partner_id):
        raise FieldErrors({"name": _("Diesen Netzwerkpartner gibt es schon.")})
    with session.orm() as orm, orm.begin():
        row = orm.get(models.Partner, partner_id)
        if row is None:
            raise UsageError(_("Dieser Netzwerkpartner ist nicht (mehr) gespeichert."))
        row.name = draft.name.strip()
        row.kind = draft.kind.value
        row.contact = draft.contact.strip()
        row.active = draft.active
        log(orm, session.user.id, AuditAction.CHANGE, AuditEntity.PARTNER, row.id)
        return _partner(row)


def add_referral(
    session: OfficeSession, case_id: int, draft: ReferralDraft, today: dt.date | None = None
) -> int:
    day = today or dt.date.today()
    with session.orm() as orm, orm.begin():
        case = editable_case(orm, case_id, day)
        validate_referral(draft, case, day)
        if orm.get(models.Partner, draft.partner_id) is None:
            raise FieldErrors(
                {"partner_id": _("Dieser Netzwerkpartner ist nicht (mehr) gespeichert.")}
            )
        row = models.Referral(
            case_id=case_id,
            partner_id=draft.partner_id,
            date=draft.date,
            life_area=draft.life_area,
            note=draft.note.strip(),
            created_by=session.user.id,
        )
        orm.add(row)
        orm.flush()
        log(orm, session.user.id, AuditAction.CHANGE, AuditEntity.CASE, case_id)
        return row.id
