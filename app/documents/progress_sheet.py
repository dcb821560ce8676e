"""The progress sheet (Verlaufsbogen): the signed goals word for word and where they stand.

Goals are quoted from the signed agreement version (``ProgressData.agreement``);
their state, steps, review notes and rating come from the case as it is now.
Contacts in the period are listed with date, form, duration and life areas; the
short note only when ``include_notes`` is set (notes are working notes).
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.platypus import Flowable, KeepTogether

from app.documents import doc_labels as L
from app.documents import doc_texts as T
from app.documents.agreement import goal_title, responsible_cell
from app.documents.bilingual import Cell, Writer, fmt_date
from app.documents.doc_texts import D_
from app.documents.document_data import DocumentKind, ProgressData, SignedGoal, in_period
from app.documents.page_frame import BuiltPdf, build_pdf
from app.documents.parties import client_name, frame_width, letterhead, parties_table
from app.domain.case import GoalRecord, ReviewRecord

TITLE = DocumentKind.PROGRESS.msgid
GOAL_ROOM = 150  # points: start a goal on a new page rather than with less room left
STATUS_ON = D_("Stand: {date}")
BASIS_AGREEMENT = D_(
    "Grundlage ist die Integrationsvereinbarung, Version {version} vom {date}. "
    "Die Ziele stehen hier im vereinbarten Wortlaut."
)
BASIS_PLAN = D_("Es gibt keine unterschriebene Vereinbarung. Die Ziele stammen aus dem Förderplan.")
GOALS = D_("Ziele")
NO_GOALS = D_("Es sind keine Ziele festgehalten.")
GOAL_ADDED = D_("Dieses Ziel ist nach der Vereinbarung dazugekommen.")
GOAL_REMOVED = D_("Dieses Ziel steht nicht mehr im Förderplan.")
GOAL_REWORDED = D_("Im Förderplan ist dieses Ziel inzwischen anders formuliert.")
STATE = D_("Stand")
RATING = D_("Bewertung")
REASON = D_("Grund")
NOT_RATED = D_("noch nicht bewertet")
DONE_ON = D_("erledigt am {date}")
OPEN_STEP = D_("offen")
REVIEWED = D_("Überprüft")
REVIEWS = D_("Überprüfungen")
NO_REVIEWS = D_("Es gab noch keine Überprüfung.")
NOTE = D_("Notiz")
NEXT_REVIEW = D_("Nächste Überprüfung")
CONTACTS = D_("Beratungskontakte")
NO_CONTACTS = D_("Im Zeitraum gab es keine Beratungskontakte.")
FORM = D_("Form")
DURATION = D_("Dauer")
TAKEN_NOTE = D_("Wir haben diesen Stand gemeinsam besprochen.")


@dataclass(frozen=True)
class _Row:
    """One goal of the sheet: as signed (if it was) and as the plan has it now."""

    number: int
    signed: SignedGoal | None
    current: GoalRecord | None


def build_progress_sheet(data: ProgressData, lang: str, doc_ref: str = "") -> BuiltPdf:
    w = Writer.for_language(lang)
    width = frame_width()
    counsellor = data.case.summary.counsellor
    story: list[Flowable] = [*w.title(TITLE)]
    story += w.block(STATUS_ON, "small", date=fmt_date(data.issued_on))
    story += w.block(
        T.PERIOD, "small", start=fmt_date(data.period_start), end=fmt_date(data.period_end)
    )
    story += [w.gap(), *w.heading(T.PARTIES)]
    story.append(parties_table(w, data.office, data.client, counsellor, width))
    story += _goals(w, data, width)
    story += _reviews(w, data.case.reviews, data, width)
    story += _contacts(w, data, width)
    closing: list[Flowable] = [w.gap(), *w.block(TAKEN_NOTE)]
    if w.bilingual:
        closing += [w.gap(4), *w.block(T.BINDING, "small")]
    signers = [(T.SIGNATURE_CLIENT, client_name(data.client)), (T.SIGNATURE_COUNSELLOR, counsellor)]
    story.append(w.closing(closing, signers, data.office.place, width))
    setup = w.setup(letterhead(data.office), TITLE, data.client.number, doc_ref)
    return build_pdf(story, setup)


def goal_rows(data: ProgressData) -> list[_Row]:
    """Signed goals first in their signed order, then goals added since."""
    current = sorted(data.case.goals, key=lambda g: (g.position, g.id))
    if data.agreement is None:
        return [_Row(i, None, goal) for i, goal in enumerate(current, start=1)]
    by_id = {goal.id: goal for goal in current}
    rows = [
        _Row(i, signed, by_id.get(signed.goal_id))
        for i, signed in enumerate(data.agreement.goals, start=1)
    ]
    signed_ids = {signed.goal_id for signed in data.agreement.goals}
    added = [goal for goal in current if goal.id not in signed_ids]
    rows += [_Row(len(rows) + i, None, goal) for i, goal in enumerate(added, start=1)]
    return rows


def _goals(w: Writer, data: ProgressData, width: float) -> list[Flowable]:
    out: list[Flowable] = [w.room(GOAL_ROOM + 80), w.gap(), *w.heading(GOALS)]
    if data.agreement is not None:
        version, day = data.agreement.version, fmt_date(data.agreement.signed_on)
        out += w.block(BASIS_AGREEMENT, "small", version=version, date=day)
    else:
        out += w.block(BASIS_PLAN, "small")
    rows = goal_rows(data)
    if not rows:
        return [*out, *w.block(NO_GOALS)]
    for row in rows:
        out += _goal(w, row, data, width)
    return out


def _goal(w: Writer, row: _Row, data: ProgressData, width: float) -> list[Flowable]:
    goal = row.current
    area = row.signed.life_area if row.signed else goal.life_area if goal else ""
    text = row.signed.text if row.signed else goal.text if goal else ""
    head: list[Flowable] = [w.gap(6), *goal_title(w, row.number, area)]
    head.append(w.user(text, "strong"))
    if data.agreement is not None:
        if row.signed is None:
            head += w.block(GOAL_ADDED, "small")
        elif goal is None:
            head += w.block(GOAL_REMOVED, "small")
        elif goal.text.strip() != row.signed.text.strip():
            head += w.block(GOAL_REWORDED, "small")
    if goal is None:
        return [w.room(GOAL_ROOM), KeepTogether(head)]
    facts = KeepTogether([*head, w.gap(3), _facts(w, goal, data.case.reviews, width), w.gap(3)])
    return [w.room(GOAL_ROOM), facts, *steps_table(w, goal, width)]


def _facts(
    w: Writer, goal: GoalRecord, reviews: tuple[ReviewRecord, ...], width: float
) -> Flowable:
    rows: list[tuple[str, Cell]] = [
        (STATE, w.label(L.label(goal.state))),
        (RATING, rating_cell(w, goal)),
    ]
    history = _review_states(w, goal, reviews)
    if history:
        rows.append((REVIEWED, history))
    return w.pairs(rows, width)


def rating_cell(w: Writer, goal: GoalRecord) -> list[Flowable]:
    """The rating, ``Grund: …`` when not reached, and the counsellor's reason as typed."""
    out: list[Flowable] = w.label(L.label(goal.rating)) if goal.rating else w.label(NOT_RATED)
    if goal.rating_reason is not None:
        german, other = w.both(REASON)
        out.append(w.plain(f"{german}: {L.label(goal.rating_reason)}", "table_cell"))
        if other is not None:
            reason = w.t(L.label(goal.rating_reason))
            out.append(w.translated(f"{other}: {reason}", "table_cell"))
    if goal.rating_note.strip():
        out.append(w.cell(goal.rating_note))
    return out


def _review_states(
    w: Writer, goal: GoalRecord, reviews: tuple[ReviewRecord, ...]
) -> list[Flowable]:
    """The goal's state at each review, oldest first."""
    out: list[Flowable] = []
    for review in sorted(reviews, key=lambda r: (r.date, r.id)):
        state = dict(review.goal_states).get(goal.id)
        if state is None:
            continue
        out.append(w.plain(f"{fmt_date(review.date)}: {L.label(state)}", "table_cell"))
        if w.bilingual:
            out.append(
                w.translated(f"{fmt_date(review.date)}: {w.t(L.label(state))}", "table_cell")
            )
    return out


def steps_table(w: Writer, goal: GoalRecord, width: float) -> list[Flowable]:
    """The goal's steps with who, by when and whether done (nothing when it has none)."""
    if not goal.steps:
        return []
    rows: list[list[Cell]] = [[w.head(T.STEP), w.head(T.WHO), w.head(T.UNTIL), w.head(STATE)]]
    for step in sorted(goal.steps, key=lambda s: (s.position, s.id)):
        done = w.label(DONE_ON, date=fmt_date(step.done_on)) if step.done_on else w.label(OPEN_STEP)
        rows.append(
            [w.cell(step.text), responsible_cell(w, step), w.cell(fmt_date(step.due)), done]
        )
    return [w.table(rows, (width * 0.4, width * 0.26, width * 0.14, width * 0.2))]


def _reviews(
    w: Writer, reviews: tuple[ReviewRecord, ...], data: ProgressData, width: float
) -> list[Flowable]:
    out: list[Flowable] = [w.gap(), *w.heading(REVIEWS)]
    chosen = [r for r in reviews if r.date <= data.period_end]
    if not chosen:
        return [*out, *w.block(NO_REVIEWS)]
    rows: list[list[Cell]] = [[w.head(T.DATE), w.head(NOTE), w.head(NEXT_REVIEW)]]
    for review in sorted(chosen, key=lambda r: (r.date, r.id)):
        rows.append(
            [
                w.cell(fmt_date(review.date)),
                w.cell(review.summary),
                w.cell(fmt_date(review.next_review)),
            ]
        )
    out.append(w.table(rows, (width * 0.16, width * 0.62, width * 0.22)))
    return out


def _contacts(w: Writer, data: ProgressData, width: float) -> list[Flowable]:
    out: list[Flowable] = [w.gap(), *w.heading(CONTACTS)]
    contacts = in_period(data.case.contacts, data.period_start, data.period_end)
    if not contacts:
        return [*out, *w.block(NO_CONTACTS)]
    head: list[Cell] = [w.head(T.DATE), w.head(FORM), w.head(DURATION), w.head(T.LIFE_AREA)]
    shares = [0.15, 0.2, 0.13, 0.52]
    if data.include_notes:
        head.append(w.head(NOTE))
        shares = [0.13, 0.16, 0.11, 0.25, 0.35]
    rows: list[list[Cell]] = [head]
    for contact in contacts:
        row: list[Cell] = [
            w.cell(fmt_date(contact.date)),
            w.label(L.label(contact.form)),
            w.label(T.MINUTES, minutes=contact.duration_min),
            w.labels([L.life_area(code) for code in contact.life_areas]),
        ]
        if data.include_notes:
            row.append(w.cell(contact.note))
        rows.append(row)
    out.append(w.table(rows, [width * s for s in shares]))
    return out
