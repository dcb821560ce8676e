"""What the windows may do with the yearly statistics, as plain callables.

Bound to the open session in ``ui.main``; run every call through ``ui.operations``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from app.domain.yearly_report import CountTable


class WarningData(Protocol):
    """``app.services.yearly_export.ExportWarning``: something that looks wrong."""

    @property
    def message(self) -> str: ...


@dataclass(frozen=True)
class YearPreview:
    year: int
    tables: tuple[CountTable, ...]  # the office's own counts
    published: tuple[CountTable, ...]  # the same tables as the file carries them
    previous: tuple[CountTable, ...]  # last year's counts, for comparison
    warnings: tuple[WarningData, ...]
    threshold: int


@dataclass(frozen=True)
class StatisticsServices:
    years: Callable[[], list[int]]  # years with data, newest first
    preview: Callable[[int], YearPreview]
    quality: Callable[[int], Any]  # the year's self-assessment form (app.services.quality)
    save_quality: Callable[[int, Mapping[str, object]], None]  # lead only; FieldErrors
    export: Callable[[int, Path], Path]  # year, folder -> the written file (lead only)
    set_coordinator_certificate: Callable[[bytes], str]  # PEM -> its subject (lead only)
    title: Callable[[str], str]  # table key -> its title
    label: Callable[[str, str], str]  # table key, code -> the row or column label


def table_by_key(tables: Sequence[CountTable], key: str) -> CountTable | None:
    return next((t for t in tables if t.key == key), None)
