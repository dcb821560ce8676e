"""Benchmark rows for the coordinator: aggregating 60 office files (4 per district).

``coordinator_rows()`` gives (name, value, baseline, ratio, target) rows like
``run.py``'s. The files are real: every table of the format, counted from invented
persons, suppressed as an office does, signed by the office's seal and encrypted to
the coordinator's key. They are built once (not timed); the timed part is what
``lotse coordinator aggregate`` does: read, decrypt, unpack, verify, validate and check
each file, sum and re-suppress per district and in total, and write the workbook and
the PDF. Median of 3 runs. Target: at most 10 s. Runs on its own too:

    .venv/bin/python tests/benchmarks/coordinator.py
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

FILES = 60
ROUNDS = 3
TARGET_S = 10.0

Row = tuple[str, str, str, str, str]


def _build(folder: Path) -> tuple[list[Path], object]:
    from app.domain.office import DISTRICTS
    from tests.app.office_files import (
        coordinator,
        export_bytes,
        make_office,
        random_report,
    )

    codes = list(DISTRICTS)
    offices = [make_office(n, codes[n % len(codes)]) for n in range(FILES)]
    coord = coordinator(folder, offices)
    rng = random.Random(60)
    paths = []
    for office in offices:
        report = random_report(office, rng)
        path = folder / "in" / f"Jahresmeldung_{office.office_id}_2025.zip.p7m"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(export_bytes(report, office.seal, coord.keys.cert_pem))
        paths.append(path)
    return paths, coord


def coordinator_rows(rounds: int = ROUNDS) -> list[Row]:
    from app.domain.yearly_labels import label, table_title
    from app.services.coordinator import aggregate_files
    from tests.app.office_files import YEAR

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        paths, coord = _build(folder)
        built = time.perf_counter() - started
        samples = []
        for n in range(rounds):
            started = time.perf_counter()
            result = aggregate_files(
                paths,
                year=YEAR,
                key=coord.key,  # type: ignore[attr-defined]
                trusted_dir=coord.trusted,  # type: ignore[attr-defined]
                out_dir=folder / f"out{n}",
                names=(table_title, label),
            )
            samples.append(time.perf_counter() - started)
            assert result.all_accepted and len(result.written) == 2
        median = statistics.median(samples)
    return [
        (f"build {FILES} office files (not timed)", f"{built:.1f} s", "", "", ""),
        (
            f"aggregate {FILES} office files, write XLSX and PDF",
            f"{median:.2f} s",
            "",
            "",
            f"<= {TARGET_S:.0f} s",
        ),
    ]


def main() -> int:
    for row in coordinator_rows():
        print(" | ".join(cell for cell in row if cell))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
