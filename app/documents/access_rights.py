"""What Art. 15 DSGVO requires besides the data: purposes, recipients, retention, rights."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether

from app.documents.access_records import section
from app.documents.bilingual import Writer
from app.documents.doc_texts import D_
from app.documents.document_data import AccessReportData

PURPOSES = D_("Zwecke und Rechtsgrundlage")
PURPOSE_COUNSELLING = D_(
    "Wir verarbeiten Ihre Daten, um Sie zu beraten und zu begleiten, "
    "und um unsere Arbeit nachzuweisen."
)
LEGAL_BASIS = D_(
    "Rechtsgrundlage ist Ihre Einwilligung (Art. 6 Abs. 1 Buchst. a und Art. 9 Abs. 2 "
    "Buchst. a DSGVO)."
)
STATISTICS = D_(
    "Für die Statistik des Landes Schleswig-Holstein zählen wir nur. "
    "Diese Zahlen enthalten keine Namen und keine Angaben, die auf Sie zeigen."
)
RECIPIENTS = D_("Empfänger")
RECIPIENTS_LIST = D_("Daten über Sie haben diese Stellen bekommen, weil Sie es erlaubt haben:")
NO_RECIPIENTS = D_("Wir haben keine Daten über Sie an andere Stellen weitergegeben.")
RETENTION = D_("Speicherdauer")
RETENTION_TEXT = D_(
    "Wir löschen Ihre Daten {months} Monate nach dem Ende Ihrer letzten Begleitung. "
    "Danach bleiben nur Angaben ohne Namen für die Statistik."
)
SOURCE = D_("Herkunft der Daten")
SOURCE_TEXT = D_(
    "Die Daten stammen von Ihnen selbst und aus den Gesprächen mit Ihnen. "
    "Es gibt keine automatisierte Entscheidung über Sie."
)
RIGHTS = D_("Ihre Rechte")
RIGHT_16 = D_("Berichtigung: Falsche Daten korrigieren wir (Art. 16 DSGVO).")
RIGHT_17 = D_("Löschung: Sie können verlangen, dass wir Ihre Daten löschen (Art. 17 DSGVO).")
RIGHT_18 = D_(
    "Einschränkung: Sie können verlangen, dass wir Ihre Daten nur noch speichern "
    "und nicht mehr nutzen (Art. 18 DSGVO)."
)
RIGHT_19 = D_(
    "Wenn wir Daten berichtigen oder löschen, sagen wir es den Stellen, "
    "die sie bekommen haben (Art. 19 DSGVO)."
)
RIGHT_20 = D_(
    "Datenübertragbarkeit: Sie können Ihre Daten in einer gängigen Datei bekommen (Art. 20 DSGVO)."
)
RIGHT_21 = D_("Widerspruch: Sie können der Verarbeitung widersprechen (Art. 21 DSGVO).")
RIGHT_WITHDRAW = D_(
    "Widerruf: Sie können Ihre Einwilligung jederzeit widerrufen. "
    "Der Widerruf gilt ab diesem Tag (Art. 7 Abs. 3 DSGVO)."
)
COMPLAINT = D_("Beschwerde")
COMPLAINT_TEXT = D_("Sie können sich bei der Datenschutzaufsicht beschweren:")
ULD = (
    "Unabhängiges Landeszentrum für Datenschutz Schleswig-Holstein (ULD)\n"
    "Holstenstraße 98, 24103 Kiel\n"
    "mail@datenschutzzentrum.de"
)


def rights_sections(w: Writer, data: AccessReportData) -> list[Flowable]:
    out = section(w, PURPOSES)
    out += w.blocks([PURPOSE_COUNSELLING, LEGAL_BASIS])
    out += [w.gap(4), *w.block(STATISTICS)]
    out += section(w, RECIPIENTS)
    recipients = sorted({r.strip() for r in data.recipients if r.strip()})
    if recipients:
        names = w.user("\n".join(f"• {name}" for name in recipients))
        out.append(KeepTogether([*w.block(RECIPIENTS_LIST), names]))
    else:
        out += w.block(NO_RECIPIENTS)
    out += [*section(w, RETENTION), *w.block(RETENTION_TEXT, months=data.retention_months)]
    out += [*section(w, SOURCE), *w.block(SOURCE_TEXT)]
    out += section(w, RIGHTS)
    for msgid in (RIGHT_16, RIGHT_17, RIGHT_18, RIGHT_19, RIGHT_20, RIGHT_21, RIGHT_WITHDRAW):
        out += [*w.block(msgid), w.gap(3)]
    out += [*section(w, COMPLAINT), *w.block(COMPLAINT_TEXT)]
    out.append(w.user(data.authority.strip() or ULD))
    return out
