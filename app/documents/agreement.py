"""The integration agreement (Integrationsvereinbarung), printed from the support plan.

Voluntary, withdrawable, no sanctions: the document says so in German and in the
client's language. The German text is binding; the translation sits below each block.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether

from app.documents import doc_labels as L
from app.documents import doc_texts as T
from app.documents.bilingual import Cell, Writer, fmt_date
from app.documents.doc_texts import D_
from app.documents.document_data import AgreementData, DocumentKind, plan_fingerprint
from app.documents.page_frame import BuiltPdf, build_pdf
from app.documents.parties import client_name, frame_width, letterhead, parties_table
from app.domain.case import AssessmentEntry, GoalRecord, Responsible, StepRecord

__all__ = ["build_agreement", "plan_fingerprint"]

TITLE = DocumentKind.AGREEMENT.msgid
GOAL_ROOM = 120  # points: start a goal on a new page rather than with less room left
VERSION_LINE = D_("Version {version} vom {date}")
DRAFT_LINE = D_("Entwurf vom {date} – noch nicht gültig")
INTRO = D_(
    "Wir haben Ihre Ziele und die nächsten Schritte gemeinsam besprochen. Hier halten wir sie fest."
)
SITUATION = D_("Ausgangslage")
SITUATION_NOW = D_("Lage heute")
RESOURCES = D_("Stärken und Hilfen")
NEED = D_("Unterstützungsbedarf")
NO_SITUATION = D_("Die Ausgangslage ist nicht schriftlich festgehalten.")
GOALS = D_("Ziele und Schritte")
NO_GOALS = D_("Es sind noch keine Ziele vereinbart.")
NO_STEPS = D_("Für dieses Ziel sind noch keine Schritte festgelegt.")
REVIEWS = D_("Überprüfung")
REVIEWS_INTRO = D_("An diesen Terminen sprechen wir gemeinsam darüber, was Sie erreicht haben:")
NO_REVIEW_DATES = D_("Den Termin für die Überprüfung vereinbaren wir gemeinsam.")
VOLUNTARY_HEAD = D_("Freiwilligkeit")
VOLUNTARY = D_(
    "Diese Vereinbarung ist freiwillig. Sie können sie jederzeit widerrufen. "
    "Dadurch entstehen Ihnen keine Nachteile."
)
NO_SANCTIONS = D_(
    "Wenn ein Ziel nicht erreicht wird, hat das keine Strafen und keine Kürzungen zur Folge."
)
CONTINUES = D_("Die Beratung geht auch ohne diese Vereinbarung weiter.")
CHANGES = D_("Änderungen besprechen wir gemeinsam. Dann gibt es eine neue Version.")


def build_agreement(
    data: AgreementData, lang: str, doc_ref: str = "", version: int | None = None
) -> BuiltPdf:
    """The agreement as PDF; ``version`` None prints a draft marked as not yet valid."""
    w = Writer.for_language(lang)
    width = frame_width()
    story: list[Flowable] = [*w.title(TITLE)]
    if version is None:
        story += w.block(DRAFT_LINE, "small", date=fmt_date(data.issued_on))
    else:
        story += w.block(VERSION_LINE, "small", version=version, date=fmt_date(data.issued_on))
    story += [w.gap(), *w.block(INTRO)]
    story += [w.gap(), *w.heading(T.PARTIES)]
    story.append(parties_table(w, data.office, data.client, data.case.summary.counsellor, width))
    story += _situation(w, data.case.assessment, width)
    story += _goals(w, data.case.goals, width)
    story += _reviews(w, data)
    story += [w.gap(), *w.heading(VOLUNTARY_HEAD), *w.blocks([NO_SANCTIONS, CONTINUES, CHANGES])]
    # The voluntariness statement stands right above the signatures, on their page.
    closing: list[Flowable] = [w.gap(4), *w.block(VOLUNTARY, "strong")]
    if w.bilingual:
        closing += [w.gap(4), *w.block(T.BINDING, "small")]
    signers = [
        (T.SIGNATURE_CLIENT, client_name(data.client)),
        (T.SIGNATURE_COUNSELLOR, data.case.summary.counsellor),
    ]
    drawn = {0: data.client_signature_png} if data.client_signature_png else None
    story.append(w.closing(closing, signers, data.office.place, width, drawn=drawn))
    setup = w.setup(letterhead(data.office), TITLE, data.client.number, doc_ref)
    return build_pdf(story, setup)


def _situation(w: Writer, entries: tuple[AssessmentEntry, ...], width: float) -> list[Flowable]:
    out: list[Flowable] = [w.gap(), *w.heading(SITUATION)]
    relevant = [e for e in entries if not e.empty]
    if not relevant:
        return [*out, *w.block(NO_SITUATION)]
    rows: list[list[Cell]] = [
        [w.head(T.LIFE_AREA), w.head(SITUATION_NOW), w.head(RESOURCES), w.head(NEED)]
    ]
    for entry in relevant:
        rows.append(
            [
                w.label(L.life_area(entry.life_area)),
                w.cell(entry.situation),
                w.cell(entry.resources),
                w.cell(entry.need),
            ]
        )
    out.append(w.table(rows, (width * 0.19, width * 0.29, width * 0.26, width * 0.26)))
    return out


def _goals(w: Writer, goals: tuple[GoalRecord, ...], width: float) -> list[Flowable]:
    out: list[Flowable] = [w.room(GOAL_ROOM + 50), w.gap(), *w.heading(GOALS)]
    if not goals:
        return [*out, *w.block(NO_GOALS)]
    for number, goal in enumerate(sorted(goals, key=lambda g: (g.position, g.id)), start=1):
        out += [w.room(GOAL_ROOM), KeepTogether(_goal_head(w, number, goal))]
        out.append(_steps(w, goal.steps, width))
    return out


def _goal_head(w: Writer, number: int, goal: GoalRecord) -> list[Flowable]:
    """``Ziel 1 – Wohnen`` (and the same in the client's language), then the goal as typed."""
    head: list[Flowable] = [w.gap(4), *goal_title(w, number, goal.life_area)]
    head.append(w.user(goal.text, "strong"))
    if goal.target_date:
        head += w.block(T.TARGET_DATE, "small", date=fmt_date(goal.target_date))
    head.append(w.gap(2))
    return head


def goal_title(w: Writer, number: int, life_area: str) -> list[Flowable]:
    """``Ziel 1 – Wohnen``, and the same in the client's language below."""
    area = L.life_area(life_area)
    out = [w.plain(f"{T.GOAL_NUMBER.format(number=number)} – {area}", "strong")]
    if w.bilingual:
        out.append(
            w.translated(f"{w.t(T.GOAL_NUMBER).format(number=number)} – {w.t(area)}", "small")
        )
    return out


def responsible_cell(w: Writer, step: StepRecord) -> list[Flowable]:
    out = w.label(L.label(step.responsible))
    if step.responsible is Responsible.PARTNER and step.partner.strip():
        out.append(w.cell(step.partner))
    return out


def _steps(w: Writer, steps: tuple[StepRecord, ...], width: float) -> Flowable:
    if not steps:
        return KeepTogether(w.block(NO_STEPS, "small"))
    rows: list[list[Cell]] = [[w.head(T.STEP), w.head(T.WHO), w.head(T.UNTIL)]]
    for step in sorted(steps, key=lambda s: (s.position, s.id)):
        rows.append([w.cell(step.text), responsible_cell(w, step), w.cell(fmt_date(step.due))])
    return w.table(rows, (width * 0.58, width * 0.25, width * 0.17))


def _reviews(w: Writer, data: AgreementData) -> list[Flowable]:
    out: list[Flowable] = [w.gap(), *w.heading(REVIEWS)]
    dates = sorted(set(data.review_dates))
    if not dates:
        return [*out, *w.block(NO_REVIEW_DATES)]
    out += w.block(REVIEWS_INTRO)
    out.append(w.user(", ".join(fmt_date(day) for day in dates)))
    return out
