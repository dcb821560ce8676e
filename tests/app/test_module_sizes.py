"""Small modules (ARCHITECTURE.md): a file past ~400 lines is a sign to split; 500 is the
line this test draws, so growth is noticed before a god module forms."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 500


def test_no_module_grows_past_the_limit() -> None:
    too_long = {
        str(path.relative_to(ROOT)): length
        for folder in ("app", "ui")
        for path in (ROOT / folder).rglob("*.py")
        if (length := len(path.read_text("utf-8").splitlines())) > LIMIT
    }
    assert not too_long, f"split these modules: {too_long}"
