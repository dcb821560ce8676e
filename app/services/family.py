"""A client's family members and languages, and the full master data for the client page."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from app.domain.audit import AuditAction, AuditEntity
from app.domain.client import ClientDetails, ClientRow
from app.domain.family import (
    FamilyMember,
    FamilyMemberDraft,
    LanguageSkill,
    Relation,
    normalise_number,
    validate_family_member,
    validate_language,
)
from app.errors import FieldErrors, UsageError
from app.i18n import _
from app.services.audit import log
from app.services.client_records import client_row
from app.services.clients import row_of
from app.services.session import OfficeSession
from app.storage import models

_RELATION_ORDER = {relation: i for i, relation in enumerate(Relation)}


def _names(orm: OrmSession) -> dict[int, str]:
    return {
        uid: name for uid, name in orm.execute(select(models.User.id, models.User.display_name))
    }


def _utc(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC)


def client_details(session: OfficeSession, client_id: int, *, opened: bool = True) -> ClientDetails:
    """Master data; ``opened`` False: read for a document (its printing is audited)."""
    with session.orm() as orm, orm.begin():
        c = client_row(orm, client_id)
        if opened:
            log(orm, session.user.id, AuditAction.OPEN, AuditEntity.CLIENT, client_id)
        names = _names(orm)
        return ClientDetails(
            id=c.id,
            number=c.number,
            family_name=c.family_name,
            given_name=c.given_name,
            birth_date=c.birth_date,
            birth_year_only=c.birth_year_only,
            sex=c.sex,
            nationality=c.nationality,
            language=c.language,
            arrival_date=c.arrival_date,
            permanent_since=c.permanent_since,
            counsellor=names.get(c.counsellor_id or 0, ""),
            created_at=_utc(c.created_at),
            created_by=names.get(c.created_by or 0, ""),
            updated_at=_utc(c.updated_at),
            updated_by=names.get(c.updated_by or 0, ""),
        )


def client_by_number(session: OfficeSession, number: str) -> ClientRow | None:
    """The client with this number (``12`` and ``K-00012`` alike), or None."""
    with session.orm() as orm:
        found = orm.scalar(
            select(models.Client).where(models.Client.number == normalise_number(number))
        )
        return row_of(found) if found is not None else None


def _member(
    row: models.FamilyMember, linked: models.Client | None, names: dict[int, str]
) -> FamilyMember:
    return FamilyMember(
        id=row.id,
        client_id=row.client_id,
        relation=Relation(row.relation),
        linked=row_of(linked) if linked is not None else None,
        given_name=row.given_name,
        birth_year=row.birth_year,
        created_at=_utc(row.created_at),
        created_by=names.get(row.created_by or 0, ""),
    )


def add_family_member(
    session: OfficeSession, client_id: int, draft: FamilyMemberDraft, today: dt.date | None = None
) -> FamilyMember:
    """FieldErrors if the draft breaks a rule, the linked person is missing or already listed."""
    clean = validate_family_member(client_id, draft, today or dt.date.today())
    with session.orm() as orm, orm.begin():
        log(orm, session.user.id, AuditAction.CHANGE, AuditEntity.CLIENT, client_id)
        client_row(orm, client_id)
        linked: models.Client | None = None
        if clean.linked_client_id is not None:
            linked = orm.get(models.Client, clean.linked_client_id)
            if linked is None:
                raise FieldErrors(
                    {"linked_client_id": _("Diese Person ist nicht (mehr) gespeichert.")}
                )
            listed = orm.scalar(
                select(models.FamilyMember.id).where(
                    models.FamilyMember.client_id == client_id,
                    models.FamilyMember.linked_client_id == linked.id,
                )
            )
            if listed is not None:
                raise FieldErrors(
                    {
                        "linked_client_id": _(
                            "{number} ist bereits als Angehörige:r eingetragen."
                        ).format(number=linked.number)
                    }
                )
        row = models.FamilyMember(
            client_id=client_id,
            relation=clean.relation.value,
            linked_client_id=clean.linked_client_id,
            given_name=clean.given_name,
            birth_year=clean.birth_year,
            created_by=session.user.id,
        )
        orm.add(row)
        orm.flush()
        return _member(row, linked, {session.user.id: session.user.display_name})


def remove_family_member(session: OfficeSession, member_id: int) -> None:
    with session.orm() as orm, orm.begin():
        row = orm.get(models.FamilyMember, member_id)
        if row is None:
            raise UsageError(_("Diese:r Angehörige ist nicht (mehr) gespeichert."))
        orm.delete(row)
        log(orm, session.user.id, AuditAction.CHANGE, AuditEntity.CLIENT, row.client_id)


def family_members(session: OfficeSession, client_id: int) -> list[FamilyMember]:
    """Partner first, then children, parents, siblings, others; in the order entered."""
    with session.orm() as orm:
        names = _names(orm)
        rows = orm.execute(
            select(models.FamilyMember, models.Client)
            .outerjoin(models.Client, models.Client.id == models.FamilyMember.linked_client_id)
            .where(models.FamilyMember.client_id == client_id)
            .order_by(models.FamilyMember.id)
        ).all()
        members = [_member(row, linked, names) for row, linked in rows]
    members.sort(key=lambda m: _RELATION_ORDER[m.relation])
    return members


def _skill(row: models.ClientLanguage, names: dict[int, str]) -> LanguageSkill:
    return LanguageSkill(
        row.language, row.level, _utc(row.updated_at), names.get(row.updated_by or 0, "")
    )


def set_language(session: OfficeSession, client_id: int, skill: LanguageSkill) -> LanguageSkill:
    """Record a language with its level; a language already listed gets the new level."""
    clean = validate_language(skill)
    with session.orm() as orm, orm.begin():
        log(orm, session.user.id, AuditAction.CHANGE, AuditEntity.CLIENT, client_id)
        client_row(orm, client_id)
        row = orm.scalar(
            select(models.ClientLanguage).where(
                models.ClientLanguage.client_id == client_id,
                models.ClientLanguage.language == clean.language,
            )
        )
        if row is None:
            row = models.ClientLanguage(client_id=client_id, language=clean.language)
            orm.add(row)
        row.level = clean.level
        row.updated_by = session.user.id
        row.updated_at = models.utcnow()
        orm.flush()
        return _skill(row, {session.user.id: session.user.display_name})


def remove_language(session: OfficeSession, client_id: int, language: str) -> None:
    with session.orm() as orm, orm.begin():
        log(orm, session.user.id, AuditAction.CHANGE, AuditEntity.CLIENT, client_id)
        row = orm.scalar(
            select(models.ClientLanguage).where(
                models.ClientLanguage.client_id == client_id,
                models.ClientLanguage.language == language.strip().lower(),
            )
        )
        if row is None:
            raise UsageError(_("Diese Sprache ist nicht (mehr) gespeichert."))
        orm.delete(row)


def languages(session: OfficeSession, client_id: int) -> list[LanguageSkill]:
    """German first (the Deutschkenntnisse), then the others by code."""
    with session.orm() as orm:
        names = _names(orm)
        rows = orm.scalars(
            select(models.ClientLanguage).where(models.ClientLanguage.client_id == client_id)
        )
        skills = [_skill(r, names) for r in rows]
    skills.sort(key=lambda s: (s.language != "de", s.language))
    return skills
