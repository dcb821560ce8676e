"""The office side of the yearly export: count a year, protect small counts, and say
what in the data would make the figures less reliable.

Anonymous by construction: only counts leave ``app.domain`` (see
``app.domain.yearly_tables`` for who counts in a year), and the report carries the office
by its key file's database id, never a person.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session as OrmSession

from app import __version__, config
from app.domain.quality import ENTERED, computed
from app.domain.yearly_case_tables import count_tables
from app.domain.yearly_report import SCHEMA_VERSION, CountTable, YearlyReport
from app.domain.yearly_suppression import suppress_report
from app.errors import UsageError
from app.i18n import _, ngettext
from app.services.quality import answers_in, check_year, missing_answers
from app.services.session import OfficeSession
from app.services.settings import read_setting
from app.services.yearly_facts import office_posts, read_facts
from app.storage import models


@dataclass(frozen=True)
class ExportWarning:
    """Something the lead should know before sending: a sentence and how many it concerns."""

    code: str  # stable: unrated_goals, contacts_without_area, no_posts, quality_missing
    message: str
    count: int


def raw_tables(session: OfficeSession, year: int) -> tuple[CountTable, ...]:
    """The year's tables unsuppressed: the office's own preview, never sent."""
    check_year(year)
    with session.orm() as orm:
        facts = read_facts(orm, year)
    return count_tables(facts)


def preview_tables(
    session: OfficeSession, year: int
) -> tuple[tuple[CountTable, ...], tuple[CountTable, ...], int]:
    """The year's own counts, the same tables as the file will carry them, and the
    threshold: for the office's preview, from one read and one count."""
    check_year(year)
    with session.orm() as orm:
        facts = read_facts(orm, year)
        limit = read_setting(orm, config.SUPPRESSION_THRESHOLD)
    raw = count_tables(facts)
    return raw, suppress_report(raw, limit), limit


def build_report(session: OfficeSession, year: int, threshold: int | None = None) -> YearlyReport:
    """The year's report with small counts suppressed; ``threshold`` None: the office's
    setting (default 5)."""
    check_year(year)
    if threshold is not None and (isinstance(threshold, bool) or threshold < 1):
        raise UsageError(_("Die Mindestfallzahl muss mindestens 1 sein."))
    with session.orm() as orm:
        facts = read_facts(orm, year)
        limit = threshold or read_setting(orm, config.SUPPRESSION_THRESHOLD)
        office = orm.scalar(select(models.Office))
        persons = len({case.client_id for case in facts.cases})
        figures = computed(persons, facts.posts_hundredths, facts.staffing_key)
        quality = answers_in(orm, year, figures)  # the caseload as the tables count it
        office_id = read_setting(orm, config.OFFICE_ID) or session.keyfile.db_id
    if office is None:
        raise UsageError(_("Die Stammdaten der Beratungsstelle fehlen."))
    return YearlyReport(
        schema_version=SCHEMA_VERSION,
        software_version=__version__,
        office_id=office_id,
        office_name=office.name,
        district=office.district,
        year=year,
        threshold=limit,
        tables=suppress_report(count_tables(facts), limit),
        quality=quality,
    )


def _unrated_cases(orm: OrmSession, year: int) -> int:
    c, g = models.Case, models.Goal
    found = orm.scalar(
        select(func.count(func.distinct(g.case_id)))
        .join(c, c.id == g.case_id)
        .where(
            c.closed_on.between(dt.date(year, 1, 1), dt.date(year, 12, 31)),
            g.rating.is_(None),
        )
    )
    return int(found or 0)


def _contacts_without_area(orm: OrmSession, year: int) -> int:
    n = models.Contact
    found = orm.scalar(
        select(func.count(n.id)).where(
            n.date.between(dt.date(year, 1, 1), dt.date(year, 12, 31)), n.life_areas == ""
        )
    )
    return int(found or 0)


def export_warnings(session: OfficeSession, year: int) -> list[ExportWarning]:
    """What makes the year's figures incomplete, each as a sentence saying what to do."""
    check_year(year)
    with session.orm() as orm:  # one read for all four
        unrated, bare = _unrated_cases(orm, year), _contacts_without_area(orm, year)
        posts, missing = office_posts(orm), missing_answers(orm, year)
    warnings = []
    if unrated:
        text = ngettext(
            "{count} im Jahr abgeschlossener Fall hat Ziele ohne Bewertung; sie zählen als "
            "„noch nicht bewertet“.",
            "{count} im Jahr abgeschlossene Fälle haben Ziele ohne Bewertung; sie zählen als "
            "„noch nicht bewertet“.",
            unrated,
        )
        warnings.append(ExportWarning("unrated_goals", text.format(count=unrated), unrated))
    if bare:
        text = ngettext(
            "{count} Beratungskontakt des Jahres hat keinen Lebensbereich; bitte beim Kontakt "
            "nachtragen, sonst fehlt er in der Tabelle der Lebensbereiche.",
            "{count} Beratungskontakte des Jahres haben keinen Lebensbereich; bitte bei den "
            "Kontakten nachtragen, sonst fehlen sie in der Tabelle der Lebensbereiche.",
            bare,
        )
        warnings.append(ExportWarning("contacts_without_area", text.format(count=bare), bare))
    if posts <= 0:
        text = _(
            "Für die Beratungsstelle sind keine Vollzeitstellen eingetragen; die Fallzahl kann "
            "nicht mit dem Stellenschlüssel verglichen werden. Bitte die Stellen in den "
            "Einstellungen der Beratungsstelle eintragen."
        )
        warnings.append(ExportWarning("no_posts", text, 0))
    if missing:
        text = ngettext(
            "In der Selbstbewertung zu den Qualitätskriterien fehlt noch {count} Angabe.",
            "In der Selbstbewertung zu den Qualitätskriterien fehlen noch {count} Angaben.",
            missing,
        )
        if missing == len(ENTERED):
            text = _("Die Selbstbewertung zu den Qualitätskriterien für {year} fehlt noch.")
        warnings.append(
            ExportWarning("quality_missing", text.format(count=missing, year=year), missing)
        )
    return warnings


def available_years(session: OfficeSession, today: dt.date | None = None) -> list[int]:
    """The years an export can be made for, oldest first: from the first contact or case
    to this year (this year alone in an office without any)."""
    this_year = (today or dt.date.today()).year
    with session.orm() as orm:
        starts = [
            orm.scalar(select(func.min(models.Contact.date))),
            orm.scalar(select(func.min(models.Case.start))),
        ]
    first = min((d.year for d in starts if d is not None), default=this_year)
    return list(range(max(first, 2000), this_year + 1))
