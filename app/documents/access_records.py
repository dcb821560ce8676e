"""The counselling part of the Art. 15 report: contacts with their notes, and every case."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether

from app.documents import doc_labels as L
from app.documents import doc_texts as T
from app.documents.agreement import NEED, RESOURCES, SITUATION, SITUATION_NOW
from app.documents.bilingual import Cell, Writer, fmt_date
from app.documents.doc_texts import D_
from app.documents.progress_sheet import (
    GOALS,
    NEXT_REVIEW,
    NOTE,
    RATING,
    REVIEWS,
    STATE,
    rating_cell,
    steps_table,
)
from app.domain.case import CaseDetails, GoalRecord
from app.domain.counselling import ContactRecord

CONTACTS = D_("Beratungskontakte")
KIND_FORM = D_("Art und Form")
INTERPRETER = D_("mit Dolmetscher:in")
FAMILY_PRESENT = D_("Angehörige dabei: {count}")
NEEDS = D_("Anliegen")
OUTCOME = D_("Ergebnis")
CASES = D_("Integrationsbegleitung")
CASE_NUMBER = D_("Begleitung {number}")
START = D_("Beginn")
PLANNED_END = D_("Geplantes Ende")
CLOSED_ON = D_("Abgeschlossen am")
CLOSING_REASON = D_("Grund für den Abschluss")
WRITTEN_NEED = D_("Festgestellter Förderbedarf")
PRIORITY = D_("Priorität")
GOAL = D_("Ziel")
TARGET = D_("Zieldatum")
REFERRALS = D_("Weitervermittlungen")
PARTNER = D_("Stelle")
GOAL_ROOM = 140  # points: start a goal on a new page rather than with less room left


def section(w: Writer, msgid: str) -> list[Flowable]:
    return [w.gap(10), *w.heading(msgid)]


def subsection(w: Writer, msgid: str, **fields: object) -> list[Flowable]:
    return [w.room(), w.gap(6), *w.block(msgid, "strong", **fields)]


def table_or_none(
    w: Writer, rows: list[list[Cell]], shares: tuple[float, ...], width: float
) -> list[Flowable]:
    """The table, or "Keine Einträge." when it has no row besides its head."""
    if len(rows) < 2:
        return w.block(T.NONE_RECORDED)
    return [w.table(rows, [width * s for s in shares])]


def contacts_section(
    w: Writer, contacts: tuple[ContactRecord, ...], width: float
) -> list[Flowable]:
    rows: list[list[Cell]] = [
        [w.head(T.DATE), w.head(KIND_FORM), w.head(T.LIFE_AREA), w.head(NOTE)]
    ]
    for contact in sorted(contacts, key=lambda c: (c.date, c.id)):
        rows.append(
            [
                [w.cell(fmt_date(contact.date)), *w.label(T.MINUTES, minutes=contact.duration_min)],
                _kind_form(w, contact),
                w.labels([L.life_area(code) for code in contact.life_areas]),
                _notes(w, contact),
            ]
        )
    return [*section(w, CONTACTS), *table_or_none(w, rows, (0.14, 0.22, 0.24, 0.4), width)]


def _kind_form(w: Writer, contact: ContactRecord) -> list[Flowable]:
    out = [*w.label(L.label(contact.kind)), *w.label(L.label(contact.form))]
    if contact.interpreter:
        out += w.label(INTERPRETER)
    if contact.family_present:
        out += w.label(FAMILY_PRESENT, count=contact.family_present)
    if contact.counsellor:
        out.append(w.cell(contact.counsellor))
    return out


def _notes(w: Writer, contact: ContactRecord) -> list[Flowable]:
    out: list[Flowable] = [w.cell(contact.note)]
    if contact.need.strip():
        out += [*w.label(NEEDS), w.cell(contact.need)]
    if contact.outcome is not None:
        out += [*w.label(OUTCOME), *w.label(L.label(contact.outcome))]
    return out


def cases_section(w: Writer, cases: tuple[CaseDetails, ...], width: float) -> list[Flowable]:
    out = section(w, CASES)
    if not cases:
        return [*out, *w.block(T.NONE_RECORDED)]
    for number, case in enumerate(sorted(cases, key=lambda c: (c.summary.start, c.summary.id)), 1):
        out += subsection(w, CASE_NUMBER, number=number)
        out += _case(w, case, width)
    return out


def _case(w: Writer, case: CaseDetails, width: float) -> list[Flowable]:
    s = case.summary
    rows: list[tuple[str, Cell]] = [
        (START, w.cell(fmt_date(s.start))),
        (PLANNED_END, w.cell(fmt_date(s.planned_end))),
        (T.COUNSELLOR, w.cell(s.counsellor)),
        (WRITTEN_NEED, w.cell(s.written_need)),
    ]
    if s.closed_on is not None:
        reason = w.label(L.label(s.closing_reason)) if s.closing_reason else [w.cell("")]
        if case.closing_note.strip():
            reason.append(w.cell(case.closing_note))
        rows += [(CLOSED_ON, w.cell(fmt_date(s.closed_on))), (CLOSING_REASON, reason)]
    out: list[Flowable] = [w.pairs(rows, width)]
    out += _assessment(w, case, width)
    out += _goals(w, case.goals, width)
    out += _reviews(w, case, width)
    out += _referrals(w, case, width)
    return out


def _assessment(w: Writer, case: CaseDetails, width: float) -> list[Flowable]:
    rows: list[list[Cell]] = [
        [
            w.head(T.LIFE_AREA),
            w.head(SITUATION_NOW),
            w.head(RESOURCES),
            w.head(NEED),
            w.head(PRIORITY),
        ]
    ]
    for entry in case.assessment:
        if entry.empty:
            continue
        rows.append(
            [
                w.label(L.life_area(entry.life_area)),
                w.cell(entry.situation),
                w.cell(entry.resources),
                w.cell(entry.need),
                w.label(L.label(entry.priority)),
            ]
        )
    shares = (0.18, 0.23, 0.21, 0.25, 0.13)
    return [*subsection(w, SITUATION), *table_or_none(w, rows, shares, width)]


def _goals(w: Writer, goals: tuple[GoalRecord, ...], width: float) -> list[Flowable]:
    out = [w.room(GOAL_ROOM + 40), *subsection(w, GOALS)]  # with the first goal
    if not goals:
        return [*out, *w.block(T.NONE_RECORDED)]
    for goal in sorted(goals, key=lambda g: (g.position, g.id)):
        out += [w.room(GOAL_ROOM), KeepTogether(_goal(w, goal, width))]
        out += steps_table(w, goal, width)
    return out


def _goal(w: Writer, goal: GoalRecord, width: float) -> list[Flowable]:
    rows: list[tuple[str, Cell]] = [
        (GOAL, w.cell(goal.text)),
        (T.LIFE_AREA, w.label(L.life_area(goal.life_area))),
        (TARGET, w.cell(fmt_date(goal.target_date))),
        (STATE, w.label(L.label(goal.state))),
        (RATING, rating_cell(w, goal)),
    ]
    return [w.gap(4), w.pairs(rows, width)]


def _reviews(w: Writer, case: CaseDetails, width: float) -> list[Flowable]:
    rows: list[list[Cell]] = [[w.head(T.DATE), w.head(NOTE), w.head(NEXT_REVIEW)]]
    for review in sorted(case.reviews, key=lambda r: (r.date, r.id)):
        rows.append(
            [
                w.cell(fmt_date(review.date)),
                w.cell(review.summary),
                w.cell(fmt_date(review.next_review)),
            ]
        )
    return [*subsection(w, REVIEWS), *table_or_none(w, rows, (0.16, 0.62, 0.22), width)]


def _referrals(w: Writer, case: CaseDetails, width: float) -> list[Flowable]:
    rows: list[list[Cell]] = [[w.head(T.DATE), w.head(PARTNER), w.head(T.LIFE_AREA), w.head(NOTE)]]
    for ref in sorted(case.referrals, key=lambda r: (r.date, r.id)):
        rows.append(
            [
                w.cell(fmt_date(ref.date)),
                [w.cell(ref.partner), *w.label(L.label(ref.partner_kind))],
                w.label(L.life_area(ref.life_area)) if ref.life_area else w.cell(""),
                w.cell(ref.note),
            ]
        )
    return [*subsection(w, REFERRALS), *table_or_none(w, rows, (0.14, 0.3, 0.22, 0.34), width)]
