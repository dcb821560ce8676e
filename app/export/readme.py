"""``README.txt`` inside the yearly file: what it holds and how to check it, in German.

The file goes to the state coordinator, so this text does not follow the office's UI
language; it is rendered inside ``in_language(FILE_LANGUAGE)`` like the rest.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.domain.office import district_label
from app.domain.yearly_report import YearlyReport
from app.i18n import _


def _intro(report: YearlyReport) -> list[str]:
    district = district_label(report.district)
    return [
        _("Jahresmeldung {year} an die Landeskoordination").format(year=report.year),
        "",
        _("Beratungsstelle: {name}").format(name=report.office_name),
        _("Kreis/Stadt: {district}").format(district=district),
        _("Erstellt mit Lotse {version}, Format {schema}").format(
            version=report.software_version, schema=report.schema_version
        ),
        "",
        _(
            "Die Datei enthält nur Anzahlen: keine Namen, keinen Freitext, keine "
            "Geburtsdaten (nur Altersgruppen)."
        ),
    ]


def _contents(csv_names: Sequence[str], schema: str) -> list[str]:
    lines = [
        "",
        _("Inhalt"),
        _(
            "- report.json: die Daten mit Codes, maschinenlesbar (Format {schema}, beschrieben "
            "im JSON-Schema yearly-report-{schema}.schema.json)"
        ).format(schema=schema),
        _("- report.json.p7s: die Signatur des Dienstsiegels über report.json (CMS, DER)"),
        _("- summary.pdf: Zusammenfassung zum Lesen und Drucken"),
    ]
    lines += [
        _("- {name}: eine Tabelle für Tabellenkalkulationen").format(name=n) for n in csv_names
    ]
    return lines


def _signs(threshold: int) -> list[str]:
    return [
        "",
        _("Zeichen und Summen"),
        _(
            "- „.“ steht für eine unterdrückte Anzahl: kleiner als {threshold}, oder ein Wert, "
            "aus dem sich eine solche Anzahl zurückrechnen ließe."
        ).format(threshold=threshold),
        _("- Summen enthalten auch die unterdrückten Werte."),
        _(
            "- Heißt die Summenzeile „Insgesamt“, sind die Spalten nicht addierbar "
            "(Mehrfachnennungen wie bei den Lebensbereichen oder eigenständige Angaben wie "
            "beim Stellenschlüssel): „Insgesamt“ ist gezählt, nicht addiert."
        ),
        _(
            "- Die CSV-Dateien sind durch Semikolon getrennt, UTF-8 kodiert und öffnen sich "
            "per Doppelklick in deutschem Excel oder LibreOffice."
        ),
    ]


def _checking() -> list[str]:
    return [
        "",
        _("Prüfen"),
        _(
            "Maßgeblich ist report.json; die Signatur belegt, dass sie unverändert von der "
            "Beratungsstelle stammt. Prüfen mit OpenSSL:"
        ),
        "  openssl cms -verify -binary -inform DER -in report.json.p7s "
        "-content report.json -noverify -out /dev/null",
        _(
            "(-noverify prüft nur die Signatur, nicht die Herkunft des Zertifikats; den "
            "Fingerabdruck des Zertifikats mit dem bei der Landeskoordination hinterlegten "
            "vergleichen.)"
        ),
    ]


def readme_text(report: YearlyReport, csv_names: Sequence[str]) -> bytes:
    """The README as UTF-8 with BOM and CRLF line ends (Windows Notepad reads both)."""
    lines = [
        *_intro(report),
        *_contents(csv_names, report.schema_version),
        *_signs(report.threshold),
        *_checking(),
    ]
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")
