"""The yearly report to the state coordinator as plain data: tables of counts, nothing else.

This is the contract between the office side that counts (``app.services.yearly_export``),
the file format (``app.export``) and the coordinator's aggregation. Row and column keys
are stable codes (enum values, district codes, age-group codes), never display text, so
files of different offices and languages add up cell by cell.
"""

from __future__ import annotations

from dataclasses import dataclass

SCHEMA_VERSION = "1.0"
DEFAULT_THRESHOLD = 5


@dataclass(frozen=True)
class CountTable:
    """One table of counts. ``None`` marks a suppressed cell or total.

    ``additive`` tables add up: each row total is the sum of its cells, and so on, so
    secondary suppression must keep suppressed cells from being recomputed. Tables of
    multiple answers (life areas touched) are not additive: their totals count persons,
    not answers."""

    key: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: tuple[tuple[int | None, ...], ...]
    row_totals: tuple[int | None, ...]
    column_totals: tuple[int | None, ...]
    total: int | None
    additive: bool = True


@dataclass(frozen=True)
class QualityAnswer:
    """One criterion of the yearly self-assessment: a code and a structured value.

    Values are numbers, yes/no or codes from a fixed list; no free text leaves the office."""

    key: str
    value: int | bool | str


@dataclass(frozen=True)
class YearlyReport:
    schema_version: str
    software_version: str
    office_id: str  # the office's stable id (the key file's database id)
    office_name: str
    district: str  # code from app.domain.office.DISTRICTS
    year: int
    threshold: int
    tables: tuple[CountTable, ...]
    quality: tuple[QualityAnswer, ...]
