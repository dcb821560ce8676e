"""Counting integration support for the yearly export: case flow, staffing key,
agreements, goals and their ratings, closings, referrals.

Which cases, goals and referrals count (see ``app.domain.yearly_tables`` for persons):
- a case counts when *running* in Y: started by 31 December, not closed before
  1 January. It is *carried over* when it started before Y, *opened* when it started in
  Y, *closed* when its closing day lies in Y, and *open on 31 December* otherwise;
- an agreement counts for its case by the day the first one was printed: in Y, before
  Y, or none by the end of Y;
- a goal counts when it belongs to a case running in Y (whenever it was typed in: plans
  are often written up late), under its rating as recorded when the export is made
  (``not_rated`` while there is none); a rating other than *reached* without a
  recorded reason counts under the reason ``other``;
- a closed case counts by its closing reason (``other`` if none was recorded) and by
  its duration from start to closing day;
- a referral counts when dated in Y, by the kind of partner it went to.
"""

from __future__ import annotations

from app.domain.case import ClosingReason, PartnerKind, Rating, RatingReason
from app.domain.counselling import LIFE_AREAS
from app.domain.yearly_groups import DURATION_BANDS, duration_band
from app.domain.yearly_report import CountTable
from app.domain.yearly_tables import CaseFact, YearFacts, additive_table, grid, person_tables

FLOW_ROWS = ("carried_over", "opened")
FLOW_COLUMNS = ("closed", "open_end")
AGREEMENT_ROWS = ("made_in_year", "made_before", "none")
GOAL_COLUMNS = (*(r.value for r in Rating), "not_rated")
REASON_COLUMNS = (Rating.PARTLY.value, Rating.NOT_REACHED.value, Rating.DROPPED.value)
STAFFING_ROWS = ("persons_in_case_management", "posts_hundredths", "staffing_key")


def _flow_row(case: CaseFact, facts: YearFacts) -> int:
    return 0 if case.start < facts.first_day else 1


def _closed_in_year(case: CaseFact, facts: YearFacts) -> bool:
    return case.closed_on is not None and case.closed_on <= facts.last_day


def case_flow_table(facts: YearFacts) -> CountTable:
    """Running cases: carried over or opened, by closed in Y or still open at its end.
    The margins are the four figures asked for: open on 1 January, opened, closed, open
    on 31 December."""
    counts = grid(FLOW_ROWS, FLOW_COLUMNS)
    for case in facts.cases:
        counts[_flow_row(case, facts)][0 if _closed_in_year(case, facts) else 1] += 1
    return additive_table("case_flow", FLOW_ROWS, FLOW_COLUMNS, counts)


def staffing_table(facts: YearFacts) -> CountTable:
    """Persons in integration support against the office's posts and the staffing key.

    Not additive: each row is one figure (its total is itself); the totals are the
    persons, the only count of people here. Posts are given in hundredths so that every
    figure is a whole number (2.5 posts: 250)."""
    persons = len({case.client_id for case in facts.cases})
    values = (persons, facts.posts_hundredths, facts.staffing_key)
    return CountTable(
        "staffing", STAFFING_ROWS, ("value",), tuple((v,) for v in values), values,
        (persons,), persons, additive=False,
    )  # fmt: skip


def agreements_table(facts: YearFacts) -> CountTable:
    """Running cases by their first agreement (in Y, before Y, none by its end) and by
    closed in Y or still open at its end."""
    counts = grid(AGREEMENT_ROWS, FLOW_COLUMNS)
    for case in facts.cases:
        made = case.agreement_on
        row = 2 if made is None or made > facts.last_day else int(made < facts.first_day)
        counts[row][0 if _closed_in_year(case, facts) else 1] += 1
    return additive_table("agreements", AGREEMENT_ROWS, FLOW_COLUMNS, counts)


def goal_tables(facts: YearFacts) -> list[CountTable]:
    """Goals by life area and rating; the reasons given for goals not (fully) reached."""
    areas = tuple(LIFE_AREAS)
    area_row = {code: i for i, code in enumerate(areas)}
    rating_col = {code: j for j, code in enumerate(GOAL_COLUMNS)}
    reasons = tuple(r.value for r in RatingReason)
    reason_row = {code: i for i, code in enumerate(reasons)}
    reason_col = {code: j for j, code in enumerate(REASON_COLUMNS)}
    by_area = grid(areas, GOAL_COLUMNS)
    by_reason = grid(reasons, REASON_COLUMNS)
    for goal in facts.goals:
        rating = goal.rating if goal.rating in rating_col else "not_rated"
        if goal.life_area not in area_row:
            continue  # an area outside the fixed list is not counted
        by_area[area_row[goal.life_area]][rating_col[rating]] += 1
        if rating in reason_col:
            reason = goal.reason if goal.reason in reason_row else RatingReason.OTHER.value
            by_reason[reason_row[reason]][reason_col[rating]] += 1
    return [
        additive_table("goals", areas, GOAL_COLUMNS, by_area),
        additive_table("goal_reasons", reasons, REASON_COLUMNS, by_reason),
    ]


def closing_table(facts: YearFacts) -> CountTable:
    """Cases closed in Y by closing reason and duration."""
    reasons = tuple(r.value for r in ClosingReason)
    row = {code: i for i, code in enumerate(reasons)}
    bands = tuple(DURATION_BANDS)
    col = {code: j for j, code in enumerate(bands)}
    counts = grid(reasons, bands)
    for case in facts.cases:
        if case.closed_on is None or not _closed_in_year(case, facts):
            continue
        reason = case.closing_reason if case.closing_reason in row else "other"
        counts[row[reason]][col[duration_band(case.start, case.closed_on)]] += 1
    return additive_table("case_closing", reasons, bands, counts)


def referrals_table(facts: YearFacts) -> CountTable:
    kinds = tuple(k.value for k in PartnerKind)
    row = {code: i for i, code in enumerate(kinds)}
    counts = grid(kinds, ("referrals",))
    for referral in facts.referrals:
        kind = referral.partner_kind if referral.partner_kind in row else "other"
        counts[row[kind]][0] += 1
    return additive_table("referrals", kinds, ("referrals",), counts)


def count_tables(facts: YearFacts) -> tuple[CountTable, ...]:
    """Every table of the yearly export for ``facts``, unsuppressed, in the order of
    DOMAIN.md: offers; staffing and case flow; breakdowns; life areas; agreements and
    goals; closings and referrals; contacts."""
    offers, *breakdowns, life_areas, contacts, outcomes = person_tables(facts)
    return (
        offers,
        outcomes,
        staffing_table(facts),
        case_flow_table(facts),
        *breakdowns,
        life_areas,
        agreements_table(facts),
        *goal_tables(facts),
        closing_table(facts),
        referrals_table(facts),
        contacts,
    )
