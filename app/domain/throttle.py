"""Slow down guessing: each failed unlock waits a little longer than the last."""

from __future__ import annotations

MAX_DELAY_SECONDS = 30.0


def unlock_delay(failures: int) -> float:
    """Seconds to wait before the next try: 0, 1, 2, 4, 8 … capped at 30."""
    if failures <= 0:
        return 0.0
    return min(2.0 ** (failures - 1), MAX_DELAY_SECONDS)
