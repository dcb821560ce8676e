"""Fixed texts of the demo office's cases: network partners, plans, reviews, reminders.

All of it is invented demo data written into the database (German, as a counsellor
would write it), not user interface text, so none of it goes through ``_()``. The
partners' names are fictitious; towns are real places in Schleswig-Holstein, phone
numbers use the 555 range and mail addresses ``example.org``.
"""

from __future__ import annotations

from app.domain.case import PartnerKind, Responsible

K = PartnerKind
R = Responsible

# kind, name, contact, active
PARTNERS: tuple[tuple[PartnerKind, str, str, bool], ...] = (
    (K.JOBCENTER, "Jobcenter Förde, Standort Kiel-Gaarden", "Integration, 0431 555-0100", True),
    (K.JOBCENTER, "Jobcenter Holstein-Mitte, Neumünster", "Fallmanagement, 04321 555-200", True),
    (K.EMPLOYMENT_AGENCY, "Agentur für Arbeit Förde-Nord, Eckernförde", "04351 555-300", True),
    (K.FOREIGNERS_OFFICE, "Ausländerbehörde Demo-Stadt", "Zuwanderung, 0431 555-0400", True),
    (K.FOREIGNERS_OFFICE, "Ausländerbehörde Kreis Nordholm, Rendsburg", "04331 555-410", True),
    (K.COURSE_PROVIDER, "Sprachschule Nordlicht gGmbH, Kiel", "kurse@nordlicht.example.org", True),
    (K.COURSE_PROVIDER, "Integrationskurse Ostseeblick, Lübeck", "0451 555-500", True),
    (K.COURSE_PROVIDER, "Sprachinstitut Deichblick, Itzehoe", "geschlossen seit 2025", False),
    (K.RECOGNITION, "Anerkennungsberatung Brückenschlag, Kiel", "0431 555-0600", True),
    (K.DEBT, "Schuldnerberatung Kompass e. V., Neumünster", "04321 555-700", True),
    (K.SOCIAL_WELFARE, "Sozialamt Demo-Stadt", "0431 555-0800", True),
    (K.HEALTH, "Gesundheitslotsen Flensburg", "0461 555-900", True),
    (K.SCHOOL_CHILDCARE, "Kita Möwennest, Kiel-Mettenhof", "0431 555-1000", True),
    (K.SCHOOL_CHILDCARE, "Grundschule am Wellsee, Kiel", "0431 555-1010", True),
    (K.HOUSING, "Wohnungsbaugenossenschaft Fördeblick, Kiel", "0431 555-1100", True),
    (K.MIGRATION_SERVICE, "Jugendmigrationsdienst Husum", "04841 555-120", True),
    (K.OTHER, "Frauenberatung Leuchtturm, Heide", "0481 555-130", True),
)

# Which partners fit a life area (first kinds first).
AREA_PARTNERS: dict[str, tuple[PartnerKind, ...]] = {
    "language": (K.COURSE_PROVIDER,),
    "education": (K.RECOGNITION, K.SCHOOL_CHILDCARE),
    "work": (K.JOBCENTER, K.EMPLOYMENT_AGENCY),
    "childcare": (K.SCHOOL_CHILDCARE,),
    "housing": (K.HOUSING, K.SOCIAL_WELFARE),
    "health": (K.HEALTH,),
    "family": (K.MIGRATION_SERVICE, K.OTHER),
    "finance": (K.DEBT, K.JOBCENTER),
    "residence": (K.FOREIGNERS_OFFICE,),
    "participation": (K.OTHER, K.MIGRATION_SERVICE),
    "authorities": (K.SOCIAL_WELFARE, K.FOREIGNERS_OFFICE),
}

# life area -> (situation, resources, need)
ASSESSMENT: dict[str, tuple[str, str, str]] = {
    "language": (
        "Deutsch auf Niveau A2, Alltagsgespräche gelingen mit Mühe.",
        "Sehr motiviert, lernt abends mit einer App.",
        "Integrationskurs bis B1 und Prüfung.",
    ),
    "education": (
        "Abschluss als Krankenpfleger:in aus dem Herkunftsland, nicht anerkannt.",
        "Zeugnisse liegen im Original vor.",
        "Anerkennungsverfahren und Anpassungsqualifizierung.",
    ),
    "work": (
        "Arbeitssuchend, zuvor Aushilfe in der Gastronomie.",
        "Berufserfahrung im Handwerk, Führerschein Klasse B.",
        "Stelle im erlernten Beruf oder Ausbildung.",
    ),
    "childcare": (
        "Zwei Kinder (2 und 5 Jahre), nur das ältere hat einen Kita-Platz.",
        "Nachbarin hilft stundenweise.",
        "Kita-Platz, damit der Sprachkurs möglich wird.",
    ),
    "housing": (
        "Wohnt mit der Familie in einer Gemeinschaftsunterkunft.",
        "Mietschuldenfreiheitsbescheinigung liegt vor.",
        "Eigene Wohnung mit drei Zimmern.",
    ),
    "health": (
        "Chronische Rückenschmerzen, keine Hausarztpraxis.",
        "Krankenversicherung besteht.",
        "Hausärztliche Versorgung, ggf. mit Dolmetschdienst.",
    ),
    "family": (
        "Ehepartner:in und ein Kind leben noch im Herkunftsland.",
        "Enger Kontakt per Telefon, Unterlagen teilweise vorhanden.",
        "Familiennachzug vorbereiten.",
    ),
    "finance": (
        "Bezieht Bürgergeld, mehrere offene Rechnungen.",
        "Führt ein Haushaltsbuch.",
        "Überblick über Schulden, Ratenzahlungen vereinbaren.",
    ),
    "residence": (
        "Aufenthaltserlaubnis läuft in acht Monaten ab.",
        "Nationalpass gültig.",
        "Verlängerung rechtzeitig beantragen.",
    ),
    "participation": (
        "Wenig Kontakte außerhalb der Familie.",
        "Spielt gern Fußball, Interesse an Ehrenamt.",
        "Anschluss an einen Verein oder Treffpunkt.",
    ),
    "authorities": (
        "Briefe von Ämtern bleiben oft liegen.",
        "Bringt alle Schreiben zur Beratung mit.",
        "Post selbstständig verstehen und beantworten.",
    ),
}

Steps = tuple[tuple[str, Responsible], ...]

# life area -> goals, each with its steps (text, who is responsible)
GOALS: dict[str, tuple[tuple[str, Steps], ...]] = {
    "language": (
        (
            "Deutschkenntnisse auf Niveau B1 erreichen",
            (
                ("Anmeldung zum Integrationskurs", R.PARTNER),
                ("Kursbestätigung beim Jobcenter einreichen", R.CLIENT),
                ("Lernfortschritt im Gespräch besprechen", R.COUNSELLOR),
            ),
        ),
        (
            "Deutsch-Test für Zuwanderer ablegen",
            (("Prüfungstermin vereinbaren", R.PARTNER), ("Übungstests bearbeiten", R.CLIENT)),
        ),
    ),
    "education": (
        (
            "Berufsabschluss anerkennen lassen",
            (
                ("Zeugnisse beglaubigt übersetzen lassen", R.CLIENT),
                ("Termin bei der Anerkennungsberatung", R.PARTNER),
                ("Antrag auf Anerkennung gemeinsam ausfüllen", R.COUNSELLOR),
            ),
        ),
        (
            "Schulplatz für beide Kinder sichern",
            (("Anmeldung an der Grundschule", R.CLIENT), ("Gespräch mit der Schule", R.PARTNER)),
        ),
    ),
    "work": (
        (
            "Eine Stelle im erlernten Beruf finden",
            (
                ("Lebenslauf auf Deutsch erstellen", R.COUNSELLOR),
                ("Termin bei der Arbeitsvermittlung", R.PARTNER),
                ("Drei Bewerbungen schreiben", R.CLIENT),
            ),
        ),
        (
            "Einen Ausbildungsplatz finden",
            (("Berufsorientierung wahrnehmen", R.PARTNER), ("Praktikum suchen", R.CLIENT)),
        ),
    ),
    "childcare": (
        (
            "Kita-Platz für das jüngste Kind finden",
            (("Kita-Antrag ausfüllen", R.COUNSELLOR), ("Auf die Warteliste setzen", R.PARTNER)),
        ),
    ),
    "housing": (
        (
            "Eine eigene Wohnung finden",
            (
                ("Wohnberechtigungsschein beantragen", R.CLIENT),
                ("Mietübernahme klären", R.PARTNER),
                ("Wohnungsangebote gemeinsam durchsehen", R.COUNSELLOR),
            ),
        ),
    ),
    "health": (
        (
            "Hausärztliche Versorgung sichern",
            (("Praxis mit Dolmetschdienst suchen", R.COUNSELLOR), ("Ersttermin", R.CLIENT)),
        ),
    ),
    "family": (
        (
            "Familiennachzug vorbereiten",
            (
                ("Unterlagen für den Antrag zusammenstellen", R.CLIENT),
                ("Beratung zum Familiennachzug", R.PARTNER),
            ),
        ),
    ),
    "finance": (
        (
            "Schulden regulieren",
            (("Gläubigerliste erstellen", R.CLIENT), ("Termin Schuldnerberatung", R.PARTNER)),
        ),
        (
            "Alle zustehenden Leistungen erhalten",
            (("Antrag auf Kinderzuschlag stellen", R.COUNSELLOR), ("Bescheid prüfen", R.CLIENT)),
        ),
    ),
    "residence": (
        (
            "Aufenthaltserlaubnis rechtzeitig verlängern",
            (("Termin bei der Ausländerbehörde buchen", R.CLIENT), ("Antrag abgeben", R.PARTNER)),
        ),
        (
            "Niederlassungserlaubnis beantragen",
            (("Voraussetzungen prüfen", R.COUNSELLOR), ("Nachweise sammeln", R.CLIENT)),
        ),
    ),
    "participation": (
        (
            "Kontakt zu einem Sportverein aufbauen",
            (("Vereine in der Nähe heraussuchen", R.COUNSELLOR), ("Probetraining", R.CLIENT)),
        ),
    ),
    "authorities": (
        (
            "Behördenpost selbstständig bearbeiten",
            (
                ("Ordner für Bescheide anlegen", R.CLIENT),
                ("Schreiben gemeinsam lesen", R.COUNSELLOR),
            ),
        ),
    ),
}

REVIEW_SUMMARIES = (
    "Kurs begonnen, die Ziele bleiben bestehen.",
    "Gute Fortschritte; die Wohnungsfrage ist noch offen.",
    "Termin beim Jobcenter hat stattgefunden, nächste Schritte vereinbart.",
    "Wegen Krankheit wenig Fortschritt, Fristen angepasst.",
    "Unterlagen sind vollständig, Antrag ist gestellt.",
    "Klient:in arbeitet zuverlässig mit, ein Ziel ist erreicht.",
)

REMINDER_TEXTS = (
    "Unterlagen für den Kita-Antrag nachfragen",
    "Rückruf vom Jobcenter abwarten und nachhaken",
    "Bescheid der Ausländerbehörde besprechen",
    "Übersetzung der Zeugnisse abholen lassen",
    "Nach dem Ergebnis der Sprachprüfung fragen",
)

OFFICE_REMINDERS = (
    "Fallbesprechung im Team vorbereiten",
    "Liste der Netzwerkpartner aktualisieren",
)

WRITTEN_NEED = "Förderbedarf in mehreren Lebensbereichen festgestellt (Demo)."
CLOSING_NOTE_OTHER = "Klient:in hat eine Vollzeitstelle in Hamburg angenommen."
REOPEN_NOTE = "Klient:in meldet sich zurück; Ziele noch nicht erreicht."
CONSENT_FORM = "MBE-Einwilligung 2024 (Demo)"
