"""Render texts of the yearly file in a fixed language, whatever the UI shows."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from app.i18n import current_language, set_language

# The coordinator reads German: the file's texts do not follow the office's UI language.
FILE_LANGUAGE = "de"

TitleOf = Callable[[str], str]  # table key -> display title
LabelOf = Callable[[str, str], str]  # (table key, row/column code) -> display label


@contextmanager
def in_language(language: str) -> Iterator[None]:
    """Switch ``_()`` to ``language`` for the block, then back.

    The switch is process-wide: keep the block short (rendering only)."""
    before = current_language()
    if language == before:
        yield
        return
    set_language(language)
    try:
        yield
    finally:
        set_language(before)
