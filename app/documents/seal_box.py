"""Where on a document the office's visible seal goes: the layout reserves the space,
the signing step draws the seal into it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SealBox:
    page: int  # 0-based page index
    x1: float  # PDF points from the lower left corner of the page
    y1: float
    x2: float
    y2: float
