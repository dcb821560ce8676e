"""What the main window shows right after unlock."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select

from app.domain.client import ClientRow
from app.domain.office import OfficeInfo, Role, UserInfo
from app.services.session import OfficeSession
from app.storage import models


@dataclass(frozen=True)
class Overview:
    office: OfficeInfo
    users: tuple[UserInfo, ...]
    client_count: int
    seal_subject: str
    seal_self_signed: bool
    post_shares: Decimal


def overview(session: OfficeSession) -> Overview:
    with session.orm() as orm:
        users = orm.scalars(select(models.User).where(models.User.active.is_(True))).all()
        count = orm.scalar(select(func.count()).select_from(models.Client)) or 0
        seal = orm.scalar(select(models.SigningIdentity))
        return Overview(
            office=session.office,
            users=tuple(UserInfo(u.id, u.login, u.display_name, Role(u.role)) for u in users),
            client_count=count,
            seal_subject=seal.subject if seal else "",
            seal_self_signed=bool(seal.self_signed) if seal else True,
            post_shares=sum((u.post_share for u in users), Decimal(0)),
        )


def list_clients(session: OfficeSession, limit: int | None = None) -> list[ClientRow]:
    """Every client for the list page: only the shown columns, no ORM objects (20,000 rows)."""
    c = models.Client
    query = select(
        c.id, c.number, c.family_name, c.given_name, c.birth_date, c.nationality, c.language
    ).order_by(c.family_name, c.given_name)
    if limit:
        query = query.limit(limit)
    with session.engine.connect() as conn:
        return [ClientRow(*row) for row in conn.execute(query)]
