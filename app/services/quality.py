"""The lead's yearly quality self-assessment: load with suggestions, save (lead only,
audited), and the answers that go into the yearly export."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session as OrmSession

from app import config
from app.domain.audit import AuditAction, AuditEntity
from app.domain.office import Role
from app.domain.quality import CRITERIA, ENTERED, Answer, clean, computed
from app.domain.yearly_report import QualityAnswer
from app.errors import AccessDenied, FieldErrors, UsageError
from app.i18n import _
from app.services.audit import log
from app.services.session import OfficeSession
from app.services.settings import read_setting
from app.services.yearly_facts import office_posts, running_cases
from app.storage import models

YEAR_MIN = 2000


@dataclass(frozen=True)
class QualityForm:
    """What the self-assessment page shows for one year."""

    year: int
    answers: Mapping[str, Answer]  # as saved
    prefills: Mapping[str, Answer]  # suggestions from the office's data, for open fields
    computed: Mapping[str, Answer]  # read-only (caseload against the key)
    missing: tuple[str, ...]  # keys of the criteria not answered yet
    updated_at: dt.datetime | None = None  # UTC
    updated_by: str = ""

    @property
    def complete(self) -> bool:
        return not self.missing


def check_year(year: int, today: dt.date | None = None) -> None:
    """UsageError unless ``year`` is one an office can report on (2000 to this year)."""
    latest = (today or dt.date.today()).year
    if isinstance(year, bool) or not isinstance(year, int) or not YEAR_MIN <= year <= latest:
        raise UsageError(
            _("Bitte ein Berichtsjahr von {first} bis {last} wählen.").format(
                first=YEAR_MIN, last=latest
            )
        )


def _stored(
    orm: OrmSession, year: int
) -> tuple[dict[str, Answer], models.QualityAssessment | None]:
    """Saved answers; ones this version no longer accepts (changed criteria) are left out."""
    row = orm.get(models.QualityAssessment, year)
    if row is None:
        return {}, None
    try:
        raw = json.loads(row.answers)
    except ValueError:
        return {}, row
    kept: dict[str, Answer] = {}
    for key, value in raw.items() if isinstance(raw, dict) else ():
        try:
            kept.update(clean({key: value}))
        except FieldErrors:
            continue
    return kept, row


def missing_answers(orm: OrmSession, year: int) -> int:
    """How many criteria of ``year`` are still unanswered (read inside the caller's session)."""
    answers, _row = _stored(orm, year)
    return sum(key not in answers for key in ENTERED)


def _computed(orm: OrmSession, year: int) -> dict[str, Answer]:
    c = models.Case
    persons = orm.scalar(
        select(func.count(func.distinct(c.client_id))).where(c.id.in_(running_cases(year)))
    )
    posts = int((office_posts(orm) * 100).to_integral_value())
    return computed(int(persons or 0), posts, read_setting(orm, config.STAFFING_KEY))


def _prefills(orm: OrmSession) -> dict[str, Answer]:
    partners = orm.scalar(
        select(func.count(models.Partner.id)).where(models.Partner.active.is_(True))
    )
    users = orm.scalar(
        select(func.count(models.User.id)).where(
            models.User.active.is_(True), models.User.post_share > 0
        )
    )
    return {"network_partners": int(partners or 0), "staff_counsellors": int(users or 0)}


def load_quality(session: OfficeSession, year: int) -> QualityForm:
    check_year(year)
    with session.orm() as orm:
        answers, row = _stored(orm, year)
        figures = _computed(orm, year)
        suggested = _prefills(orm)
        by = orm.get(models.User, row.updated_by) if row and row.updated_by else None
        return QualityForm(
            year=year,
            answers=answers,
            prefills={k: v for k, v in suggested.items() if k not in answers},
            computed=figures,
            missing=tuple(k for k in ENTERED if k not in answers),
            updated_at=row.updated_at if row else None,
            updated_by=by.display_name if by else "",
        )


def save_quality(session: OfficeSession, year: int, answers: Mapping[str, object]) -> QualityForm:
    """Store the year's answers (all of them: a criterion left out is cleared). Lead only;
    FieldErrors by criterion key and nothing stored if an answer is not acceptable."""
    if session.user.role is not Role.LEAD:
        raise AccessDenied(_("Die Selbstbewertung kann nur die Leitung bearbeiten."))
    check_year(year)
    kept = clean(answers)
    with session.orm() as orm, orm.begin():
        row = orm.get(models.QualityAssessment, year)
        text = json.dumps(kept, ensure_ascii=False, sort_keys=True)
        if row is None:
            orm.add(models.QualityAssessment(year=year, answers=text, updated_by=session.user.id))
        else:
            row.answers, row.updated_by = text, session.user.id
            row.updated_at = models.utcnow()
        log(orm, session.user.id, AuditAction.CHANGE, AuditEntity.YEARLY_REPORT, year)
    return load_quality(session, year)


def answers_in(
    orm: OrmSession, year: int, figures: Mapping[str, Answer] | None = None
) -> tuple[QualityAnswer, ...]:
    """The saved answers and the computed ones, in the order of CRITERIA; ``figures``:
    the computed ones when the caller has counted the year already."""
    values = {**_stored(orm, year)[0], **(_computed(orm, year) if figures is None else figures)}
    return tuple(QualityAnswer(c.key, values[c.key]) for c in CRITERIA if c.key in values)


def quality_answers(session: OfficeSession, year: int) -> tuple[QualityAnswer, ...]:
    check_year(year)
    with session.orm() as orm:
        return answers_in(orm, year)
