"""``report.json``: the yearly report as canonical JSON, and reading it back with checks.

Canonical means UTF-8, keys sorted, no insignificant whitespace and no NaN: equal
reports give byte-identical files, so a fingerprint of the bytes identifies a report.
Reading validates against the shipped JSON schema (Draft 2020-12) and then the
semantic checks of ``report_checks``.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from app.domain.yearly_report import SCHEMA_VERSION, CountTable, QualityAnswer, YearlyReport
from app.export.report_checks import ReportFormatError, check_report, received_fault
from app.i18n import N_, _
from app.paths import resource_dir

SCHEMA_FILE = f"yearly-report-{SCHEMA_VERSION}.schema.json"
MAX_BYTES = 8 * 1024 * 1024  # far above any real report; guards the parser

_PROBLEMS = {
    "type": N_("Bei {where} steht ein Wert vom falschen Typ."),
    "minimum": N_("Bei {where} ist der Wert zu klein."),
    "maximum": N_("Bei {where} ist der Wert zu groß."),
    "minLength": N_("Bei {where} ist der Text leer."),
    "maxLength": N_("Bei {where} ist der Text zu lang."),
    "pattern": N_("Bei {where} enthält der Text unzulässige Zeichen."),
    "minItems": N_("Bei {where} fehlen Einträge."),
    "maxItems": N_("Bei {where} stehen zu viele Einträge."),
    "uniqueItems": N_("Bei {where} kommt ein Eintrag doppelt vor."),
}


def schema_path() -> Path:
    return resource_dir() / "resources" / "schemas" / SCHEMA_FILE


@functools.cache
def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(schema_path().read_text(encoding="utf-8"))
    return loaded


@functools.cache
def _validator() -> Any:
    from jsonschema import Draft202012Validator  # only the reading side needs it

    return Draft202012Validator(schema())


def _table_doc(table: CountTable) -> dict[str, Any]:
    return {
        "key": table.key,
        "rows": list(table.rows),
        "columns": list(table.columns),
        "cells": [list(row) for row in table.cells],
        "row_totals": list(table.row_totals),
        "column_totals": list(table.column_totals),
        "total": table.total,
        "additive": table.additive,
    }


def report_to_dict(report: YearlyReport) -> dict[str, Any]:
    return {
        "schema_version": report.schema_version,
        "software_version": report.software_version,
        "office_id": report.office_id,
        "office_name": report.office_name,
        "district": report.district,
        "year": report.year,
        "threshold": report.threshold,
        "tables": [_table_doc(t) for t in report.tables],
        "quality": [{"key": q.key, "value": q.value} for q in report.quality],
    }


def report_to_json(report: YearlyReport) -> bytes:
    """The canonical bytes of ``report``."""
    text = json.dumps(
        report_to_dict(report),
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
        allow_nan=False,
    )
    return text.encode("utf-8")


def _reject_constant(name: str) -> Any:
    raise ValueError(name)  # NaN and Infinity are not JSON


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    doc = dict(pairs)
    if len(doc) != len(pairs):
        raise ValueError("duplicate key")
    return doc


def _parse(data: bytes) -> Any:
    if len(data) > MAX_BYTES:
        raise received_fault(_("Die Datei report.json ist unplausibel groß."))
    try:
        text = data.decode("utf-8")
        return json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_no_duplicates)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise received_fault(_("Die Datei report.json ist kein gültiges JSON.")) from None


def _where(path: Sequence[str | int]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return f"„{text}“" if text else _("der obersten Ebene")


def _schema_problem(error: Any) -> str:
    where = _where(list(error.absolute_path))
    instance, keyword = error.instance, error.validator
    if keyword == "additionalProperties" and isinstance(instance, dict):
        extra = sorted(set(instance) - set(error.schema.get("properties", {})))
        return _("Bei {where} steht das unbekannte Feld „{field}“.").format(
            where=where, field=", ".join(extra)
        )
    if keyword == "required" and isinstance(instance, dict):
        missing = [k for k in error.validator_value if k not in instance]
        return _("Bei {where} fehlt das Feld „{field}“.").format(
            where=where, field=", ".join(missing)
        )
    if keyword in _PROBLEMS:
        return _(_PROBLEMS[keyword]).format(where=where)
    return _("Bei {where} steht ein unzulässiger Wert.").format(where=where)


def _check_version(doc: Any) -> None:
    version = doc.get("schema_version") if isinstance(doc, dict) else None
    if isinstance(version, str) and version != SCHEMA_VERSION:
        raise ReportFormatError(
            _(
                "Die Jahresmeldung hat das Format {version}; diese Lotse-Version liest nur "
                "das Format {supported}. Es wurde nichts übernommen; bitte aktualisieren Sie "
                "Lotse."
            ).format(version=version[:16], supported=SCHEMA_VERSION)
        )


def validate_document(doc: Any) -> None:
    """ReportFormatError naming the most relevant schema violation, if there is one."""
    from jsonschema.exceptions import best_match

    error = best_match(_validator().iter_errors(doc))
    if error is not None:
        raise received_fault(_schema_problem(error))


def _table(doc: dict[str, Any]) -> CountTable:
    return CountTable(
        key=doc["key"],
        rows=tuple(doc["rows"]),
        columns=tuple(doc["columns"]),
        cells=tuple(tuple(row) for row in doc["cells"]),
        row_totals=tuple(doc["row_totals"]),
        column_totals=tuple(doc["column_totals"]),
        total=doc["total"],
        additive=doc["additive"],
    )


def report_from_dict(doc: dict[str, Any]) -> YearlyReport:
    """A report from an already validated document."""
    return YearlyReport(
        schema_version=doc["schema_version"],
        software_version=doc["software_version"],
        office_id=doc["office_id"],
        office_name=doc["office_name"],
        district=doc["district"],
        year=doc["year"],
        threshold=doc["threshold"],
        tables=tuple(_table(t) for t in doc["tables"]),
        quality=tuple(QualityAnswer(q["key"], q["value"]) for q in doc["quality"]),
    )


def report_from_json(data: bytes) -> YearlyReport:
    """Parse, validate and check ``report.json``; ReportFormatError names the first fault."""
    doc = _parse(data)
    _check_version(doc)
    validate_document(doc)
    report = report_from_dict(doc)
    try:
        check_report(report)
    except ReportFormatError as exc:
        raise received_fault(exc.detail) from None
    return report
