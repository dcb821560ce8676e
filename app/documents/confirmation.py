"""The confirmation of counselling (Beratungsbescheinigung) for an authority.

Printed on the client's request. It names the office, the period and the dates
of the contacts, nothing of their content (the authority needs no more).
"""

from __future__ import annotations

import datetime as dt

from reportlab.platypus import Flowable

from app.documents import doc_texts as T
from app.documents.bilingual import Writer, fmt_date
from app.documents.doc_texts import D_
from app.documents.document_data import ConfirmationData, DocumentKind, in_period
from app.documents.page_frame import BuiltPdf, build_pdf
from app.documents.parties import birth_text, client_name, frame_width, letterhead

TITLE = DocumentKind.CONFIRMATION.msgid
CONFIRMS = D_(
    "Hiermit bestätigen wir, dass die folgende Person von unserer Beratungsstelle "
    "in der Migrationsberatung beraten wurde:"
)
PERIOD_DATES = D_("Beratungstermine im Zeitraum vom {start} bis {end}:")
COUNT = D_("Anzahl der Termine: {count}")
NO_DATES = D_("Im Zeitraum vom {start} bis {end} gab es keine Beratungstermine.")
ON_REQUEST = D_(
    "Diese Bescheinigung wird auf Wunsch der beratenen Person ausgestellt. "
    "Sie enthält keine Inhalte der Beratung."
)
DATES_PER_ROW = 5


def build_confirmation(data: ConfirmationData, lang: str, doc_ref: str = "") -> BuiltPdf:
    w = Writer.for_language(lang)
    width = frame_width()
    story: list[Flowable] = [*w.title(TITLE)]
    story += w.block(T.ISSUED_ON, "small", date=fmt_date(data.issued_on))
    story += [w.gap(), *w.block(CONFIRMS), w.gap(4)]
    story += [w.user(client_name(data.client), "strong"), *birth_text(w, data.client), w.gap()]
    # One line per day: two contacts on one day are one appointment for an authority.
    dates = sorted({c.date for c in in_period(data.contacts, data.period_start, data.period_end)})
    period = {"start": fmt_date(data.period_start), "end": fmt_date(data.period_end)}
    if dates:
        story += w.block(PERIOD_DATES, **period)
        story += [w.gap(3), _dates_table(w, dates, width), w.gap(6)]
        story += w.block(COUNT, count=len(dates))
    else:
        story += w.block(NO_DATES, **period)
    story += [w.gap(), *w.block(ON_REQUEST)]
    if w.bilingual:
        story += [w.gap(4), *w.block(T.BINDING, "small")]
    signers = [(T.SIGNATURE_COUNSELLOR, data.counsellor)]
    story.append(w.closing([], signers, data.office.place, width))
    setup = w.setup(letterhead(data.office), TITLE, data.client.number, doc_ref)
    return build_pdf(story, setup)


def _dates_table(w: Writer, dates: list[dt.date], width: float) -> Flowable:
    cells = [fmt_date(day) for day in dates]
    rows = [cells[i : i + DATES_PER_ROW] for i in range(0, len(cells), DATES_PER_ROW)]
    rows[-1] += [""] * (DATES_PER_ROW - len(rows[-1]))
    return w.table(
        [[w.cell(c) if c else "" for c in row] for row in rows],
        [width / DATES_PER_ROW] * DATES_PER_ROW,
        head=False,
    )
