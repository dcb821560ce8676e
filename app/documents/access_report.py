"""The data-access report (Auskunft nach Art. 15 DSGVO): everything stored about a client.

German, with headings and explanations also in the client's language. Stored
values print as recorded; legal terms (residence statuses) stay German.
"""

from __future__ import annotations

import functools

from reportlab.platypus import Flowable

from app.documents import doc_labels as L
from app.documents import doc_texts as T
from app.documents.access_records import cases_section, contacts_section, section, table_or_none
from app.documents.access_rights import rights_sections
from app.documents.bilingual import Cell, Writer, fmt_date
from app.documents.doc_texts import D_
from app.documents.document_data import AccessReportData, DocumentKind
from app.documents.page_frame import BuiltPdf, build_pdf
from app.documents.parties import client_name, frame_width, letterhead, office_cell
from app.documents.signing import office_time
from app.domain.family import CEFR_LEVELS

TITLE = DocumentKind.ACCESS.msgid
INTRO = D_(
    "Sie haben gefragt, welche Daten wir über Sie gespeichert haben. "
    "Hier steht alles, was unsere Beratungsstelle über Sie gespeichert hat."
)
CONTROLLER = D_("Verantwortliche Stelle")
MASTER = D_("Stammdaten")
BIRTH_DATE = D_("Geburtsdatum")
SEX = D_("Geschlecht")
NATIONALITY = D_("Staatsangehörigkeit")
LANGUAGE = D_("Sprache")
ARRIVAL = D_("Einreise nach Deutschland")
PERMANENT = D_("Dauerhafter Aufenthalt seit")
CREATED = D_("Angelegt")
CHANGED = D_("Zuletzt geändert")
STATUS = D_("Aufenthaltsstatus")
VALID_FROM = D_("gültig ab")
FAMILY = D_("Familie")
RELATION = D_("Beziehung")
BIRTH_YEAR = D_("Geburtsjahr")
LANGUAGES = D_("Sprachkenntnisse")
LEVEL = D_("Niveau")
CONSENTS = D_("Einwilligungen")
KIND = D_("Art")
THIRD_PARTY = D_("Stelle")
GIVEN_ON = D_("erteilt am")
WITHDRAWN_ON = D_("widerrufen am")
FORM_VERSION = D_("Formular")
DOCUMENTS = D_("Gedruckte Dokumente")
DOCUMENT = D_("Dokument")
VERSION = D_("Version")
DOC_REF = D_("Dokument-ID")


def build_access_report(data: AccessReportData, lang: str, doc_ref: str = "") -> BuiltPdf:
    w = Writer.for_language(lang)
    width = frame_width()
    story: list[Flowable] = [*w.title(TITLE)]
    story += w.block(T.ISSUED_ON, "small", date=fmt_date(data.issued_on))
    story += [w.gap(), *w.block(INTRO)]
    if w.bilingual:
        story += [w.gap(4), *w.block(T.BINDING, "small")]
    story += [
        w.gap(),
        *w.heading(CONTROLLER),
        w.pairs([(T.OFFICE, office_cell(w, data.office))], width),
    ]
    story += _master(w, data, width)
    story += _statuses(w, data, width)
    story += _family(w, data, width)
    story += _languages(w, data, width)
    story += _consents(w, data, width)
    story += contacts_section(w, data.contacts, width)
    story += cases_section(w, data.cases, width)
    story += _documents(w, data, width)
    story += rights_sections(w, data)
    setup = w.setup(letterhead(data.office), TITLE, data.client.number, doc_ref)
    return build_pdf(story, setup)


@functools.cache
def language_name(code: str) -> str:
    """``ar – Arabisch``: the code with its German name (babel's locale data)."""
    if not code:
        return "–"
    from babel import Locale

    name = Locale("de").languages.get(code)
    return f"{code} – {name}" if name else code


def _by_line(when: str, who: str) -> str:
    return f"{when} ({who})" if who else when


def _master(w: Writer, data: AccessReportData, width: float) -> list[Flowable]:
    c = data.client
    birth = "–"
    if c.birth_date is not None:
        birth = str(c.birth_year) if c.birth_year_only else fmt_date(c.birth_date)
    rows: list[tuple[str, Cell]] = [
        (T.NAME, w.cell(client_name(c))),
        (T.CLIENT_NUMBER, w.cell(c.number)),
        (BIRTH_DATE, w.cell(birth)),
        (SEX, w.label(L.sex(c.sex))),
        (NATIONALITY, w.cell(c.nationality)),
        (LANGUAGE, w.cell(language_name(c.language))),
        (ARRIVAL, w.cell(fmt_date(c.arrival_date))),
        (PERMANENT, w.cell(fmt_date(c.permanent_since))),
        (T.COUNSELLOR, w.cell(c.counsellor)),
        (CREATED, w.cell(_by_line(fmt_date(office_time(c.created_at).date()), c.created_by))),
        (CHANGED, w.cell(_by_line(fmt_date(office_time(c.updated_at).date()), c.updated_by))),
    ]
    return [*section(w, MASTER), w.pairs(rows, width)]


def _statuses(w: Writer, data: AccessReportData, width: float) -> list[Flowable]:
    rows: list[list[Cell]] = [[w.head(VALID_FROM), w.head(STATUS)]]
    for entry in sorted(data.status_history, key=lambda e: e.valid_from):
        rows.append([w.cell(fmt_date(entry.valid_from)), w.cell(L.residence_status(entry.code))])
    return [*section(w, STATUS), *table_or_none(w, rows, (0.2, 0.8), width)]


def _family(w: Writer, data: AccessReportData, width: float) -> list[Flowable]:
    rows: list[list[Cell]] = [[w.head(RELATION), w.head(T.NAME), w.head(BIRTH_YEAR)]]
    for member in data.family:
        name = member.given_name or "–"
        if member.linked is not None:
            linked = member.linked
            name = f"{linked.given_name} {linked.family_name} ({linked.number})"
        year = member.year
        rows.append(
            [w.label(L.label(member.relation)), w.cell(name), w.cell(str(year) if year else "–")]
        )
    return [*section(w, FAMILY), *table_or_none(w, rows, (0.3, 0.5, 0.2), width)]


def _languages(w: Writer, data: AccessReportData, width: float) -> list[Flowable]:
    rows: list[list[Cell]] = [[w.head(LANGUAGE), w.head(LEVEL)]]
    for skill in data.languages:
        level = w.label(L.NO_GERMAN) if skill.level == CEFR_LEVELS[0] else w.cell(skill.level)
        rows.append([w.cell(language_name(skill.language)), level])
    return [*section(w, LANGUAGES), *table_or_none(w, rows, (0.6, 0.4), width)]


def _consents(w: Writer, data: AccessReportData, width: float) -> list[Flowable]:
    rows: list[list[Cell]] = [
        [
            w.head(KIND),
            w.head(THIRD_PARTY),
            w.head(GIVEN_ON),
            w.head(WITHDRAWN_ON),
            w.head(FORM_VERSION),
        ]
    ]
    for consent in sorted(data.consents, key=lambda c: (c.given_on, c.id)):
        form = " · ".join(
            p for p in (consent.form_version, consent.language, consent.paper_ref) if p
        )
        rows.append(
            [
                w.label(L.label(consent.kind)),
                w.cell(consent.third_party),
                w.cell(fmt_date(consent.given_on)),
                w.cell(fmt_date(consent.withdrawn_on)),
                w.cell(form),
            ]
        )
    return [*section(w, CONSENTS), *table_or_none(w, rows, (0.26, 0.24, 0.15, 0.15, 0.2), width)]


def _documents(w: Writer, data: AccessReportData, width: float) -> list[Flowable]:
    rows: list[list[Cell]] = [
        [w.head(T.DATE), w.head(DOCUMENT), w.head(VERSION), w.head(LANGUAGE), w.head(DOC_REF)]
    ]
    for doc in sorted(data.documents, key=lambda d: (d.created_on, d.doc_ref)):
        rows.append(
            [
                w.cell(fmt_date(doc.created_on)),
                w.label(doc.kind.msgid),
                w.cell(str(doc.version) if doc.version is not None else "–"),
                w.cell(doc.language),
                w.cell(doc.doc_ref),
            ]
        )
    return [*section(w, DOCUMENTS), *table_or_none(w, rows, (0.15, 0.37, 0.12, 0.12, 0.24), width)]
