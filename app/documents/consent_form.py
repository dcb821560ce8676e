"""The consent form: consent to processing and releases from confidentiality per named party.

Each statement has a box to tick; the right to withdraw is stated in German and
in the client's language. The form version is printed so the record can name it.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether

from app.documents import doc_texts as T
from app.documents.bilingual import Writer, fmt_date
from app.documents.doc_texts import D_
from app.documents.document_data import ConsentData, DocumentKind, Release
from app.documents.page_frame import BuiltPdf, build_pdf
from app.documents.parties import client_name, frame_width, letterhead, parties_table

TITLE = DocumentKind.CONSENT.msgid
SUBTITLE = D_("Einwilligung in die Datenverarbeitung und Entbindung von der Schweigepflicht")
FORM_VERSION = D_("Formular-Version {version}")
PROCESSING_HEAD = D_("Einwilligung in die Datenverarbeitung")
PROCESSING_WHY = D_(
    "Die Beratungsstelle speichert Daten über Sie, damit sie Sie beraten und begleiten kann."
)
PROCESSING_WHAT = D_(
    "Das sind: Name, Geburtsdatum, Staatsangehörigkeit, Sprachen, Aufenthaltsstatus, "
    "Angaben zur Familie, Termine, Notizen zur Beratung und Ihre Ziele."
)
PROCESSING_SPECIAL = D_(
    "Dazu können auch Angaben zu Gesundheit, Herkunft oder Religion gehören, "
    "wenn sie für die Beratung wichtig sind."
)
PROCESSING_STATS = D_("Für die Statistik des Landes werden nur Zahlen ohne Namen weitergegeben.")
PROCESSING_RETENTION = D_(
    "Ihre Daten werden {months} Monate nach dem Ende Ihrer letzten Begleitung gelöscht. "
    "Nur Angaben ohne Namen bleiben für die Statistik."
)
PROCESSING_TICK = D_(
    "Ich bin damit einverstanden, dass die Beratungsstelle meine Daten so speichert und nutzt."
)
RELEASE_HEAD = D_("Entbindung von der Schweigepflicht")
RELEASE_INTRO = D_(
    "Die Berater:innen dürfen mit anderen Stellen nur über Sie sprechen, wenn Sie es erlauben. "
    "Kreuzen Sie an, mit welchen Stellen sie sprechen dürfen."
)
RELEASE_STATEMENT = D_(
    "Ich entbinde die Berater:innen der Beratungsstelle gegenüber den Stellen, "
    "die ich unten angekreuzt habe, von der Schweigepflicht."
)
RELEASE_SCOPE = D_("Wofür:")
RELEASE_SCOPE_DEFAULT = D_(
    "Austausch von Informationen und Unterlagen, soweit er für die Beratung nötig ist."
)
WITHDRAW_HEAD = D_("Freiwilligkeit und Widerruf")
VOLUNTARY = D_(
    "Ihre Einwilligung ist freiwillig. Wenn Sie nicht einwilligen, entstehen Ihnen "
    "dadurch keine Nachteile."
)
WITHDRAW = D_(
    "Sie können jede Einwilligung jederzeit widerrufen, ganz oder zum Teil, mündlich oder "
    "schriftlich. Der Widerruf gilt ab diesem Tag. Was vorher geschehen ist, bleibt rechtmäßig."
)
RIGHTS = D_(
    "Sie haben das Recht auf Auskunft, Berichtigung, Löschung und Einschränkung Ihrer Daten "
    "und das Recht auf Widerspruch. Sie können sich bei der Datenschutzaufsicht beschweren."
)
SIGN_INTRO = D_("Mit meiner Unterschrift bestätige ich die angekreuzten Erklärungen.")


def build_consent_form(data: ConsentData, lang: str, doc_ref: str = "") -> BuiltPdf:
    w = Writer.for_language(lang)
    width = frame_width()
    story: list[Flowable] = [*w.title(TITLE), *w.block(_subtitle(data), "small")]
    story += w.block(FORM_VERSION, "small", version=data.form_version)
    story += w.block(T.ISSUED_ON, "small", date=fmt_date(data.issued_on))
    story += [w.gap(), *w.heading(T.PARTIES)]
    counsellor = data.client.counsellor
    story.append(parties_table(w, data.office, data.client, counsellor, width))
    number = 0
    if data.processing:
        number += 1
        story += _processing(w, data, number, width)
    if data.releases:
        number += 1
        story += _releases(w, data.releases, number, width)
    number += 1
    story += [w.gap(), *_heading(w, number, WITHDRAW_HEAD)]
    story += w.blocks([VOLUNTARY, WITHDRAW])
    story += [w.gap(4), *w.block(RIGHTS)]
    closing: list[Flowable] = []
    if w.bilingual:
        closing += [w.gap(4), *w.block(T.BINDING, "small")]
    closing += [w.gap(), *w.block(SIGN_INTRO)]
    signers = [(T.SIGNATURE_CLIENT, client_name(data.client)), (T.SIGNATURE_COUNSELLOR, counsellor)]
    drawn = {0: data.client_signature_png} if data.client_signature_png else None
    story.append(w.closing(closing, signers, data.office.place, width, drawn=drawn))
    setup = w.setup(letterhead(data.office), TITLE, data.client.number, doc_ref)
    return build_pdf(story, setup)


def _subtitle(data: ConsentData) -> str:
    if data.processing and data.releases:
        return SUBTITLE
    return PROCESSING_HEAD if data.processing else RELEASE_HEAD


def _heading(w: Writer, number: int, msgid: str) -> list[Flowable]:
    german, other = w.both(msgid)
    out = [w.plain(f"{number}. {german}", "heading")]
    if other is not None:
        out.append(w.translated(f"{number}. {other}", "heading"))
    return [w.room(), *out]


def _processing(w: Writer, data: ConsentData, number: int, width: float) -> list[Flowable]:
    out: list[Flowable] = [w.gap(), *_heading(w, number, PROCESSING_HEAD)]
    out += w.blocks([PROCESSING_WHY, PROCESSING_WHAT, PROCESSING_SPECIAL, PROCESSING_STATS])
    out += [w.gap(4), *w.block(PROCESSING_RETENTION, months=data.retention_months), w.gap(6)]
    out.append(KeepTogether(w.check_row(w.cell_block(PROCESSING_TICK, "strong"), width)))
    return out


def _releases(
    w: Writer, releases: tuple[Release, ...], number: int, width: float
) -> list[Flowable]:
    out: list[Flowable] = [w.gap(), *_heading(w, number, RELEASE_HEAD), *w.block(RELEASE_INTRO)]
    out += [w.gap(4), *w.block(RELEASE_STATEMENT, "strong")]
    for release in releases:
        statement: list[Flowable] = [w.user(release.third_party, "strong")]
        german, other = w.both(RELEASE_SCOPE)
        statement.append(w.plain(german, "small"))
        if other is not None:
            statement.append(w.translated(other, "small"))
        if release.scope.strip():
            statement.append(w.user(release.scope, "small"))
        else:
            statement += w.cell_block(RELEASE_SCOPE_DEFAULT, "small")
        out += [w.gap(6), KeepTogether(w.check_row(statement, width))]
    return out
