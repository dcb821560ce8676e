"""State-wide aggregation of the offices' yearly reports, per district and in total.

Suppressed cells. An office file publishes ``None`` where a count was below its
threshold or could have been worked out; the true value is unknown to the coordinator.
Hiding every state cell to which one office contributed a suppressed value would hide
almost everything (with 60 offices some office always has a small count), so each
aggregated figure is the sum of the *published* contributions, marked ``complete`` only
when every contributor published it; otherwise it is a lower bound, shown as "≥ n".
For a hidden total an office's published cells give a lower bound (a line adds up at
least to its published parts), which is added instead of nothing. Totals are summed
from the offices' totals, not from the aggregated cells, so a state total stays exact
whenever every office published its total. The staffing key is no
count: the aggregate shows the posts-weighted mean of the offices' keys.

Re-suppression. The aggregate is published, so the threshold applies again: no figure
below it, and no hidden figure recomputable from the others, within a table or through
a figure that several tables share. The offices' own algorithm decides
(``app.domain.yearly_suppression.suppress_report``), run on a consistent report made of
the aggregated cells; a figure also hides when its own value is below the threshold.
Where every contribution is complete this is exactly what an office would publish;
where some are lower bounds, a reader knows those figures only from below, which leaves
the hidden ones less determined, not more. An area with a single office whose
threshold is at least the coordinator's keeps that office's pattern: it is protected
already, and hides nothing the office showed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from app.domain.office import DISTRICTS
from app.domain.yearly_report import DEFAULT_THRESHOLD, CountTable, QualityAnswer, YearlyReport
from app.domain.yearly_suppression import suppress_report
from app.export.csv_tables import SUPPRESSED
from app.i18n import _

STAFFING, STAFFING_KEY, POSTS = "staffing", "staffing_key", "posts_hundredths"


@dataclass(frozen=True)
class Figure:
    value: int  # sum of the contributions (a lower bound for a hidden one)
    complete: bool = True  # every contributor published it; else a lower bound
    shown: bool = True  # False: suppressed in the aggregate

    def plus(self, value: int | None, bound: int = 0) -> Figure:
        """Add one office's figure; for a hidden one, the least it can be."""
        if value is None:
            return Figure(self.value + bound, False, self.shown)
        return Figure(self.value + value, self.complete, self.shown)


_ZERO = Figure(0)
AT_LEAST = "≥ "


def total_label(table: AggregateTable) -> str:
    """The totals' label in the state's workbook and report."""
    return _("Summe") if table.additive else _("Personen insgesamt")


def figure_text(figure: Figure) -> str:
    """ "." for a suppressed figure, "≥ n" for a lower bound, else the number."""
    if not figure.shown:
        return SUPPRESSED
    return str(figure.value) if figure.complete else AT_LEAST + str(figure.value)


_Matrix = tuple[tuple[Figure, ...], ...]


@dataclass(frozen=True)
class AggregateTable:
    key: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: _Matrix
    row_totals: tuple[Figure, ...]
    column_totals: tuple[Figure, ...]
    total: Figure
    additive: bool
    contributors: int  # offices whose report holds this table


@dataclass(frozen=True)
class QualitySummary:
    key: str
    answers: tuple[tuple[bool | str, int], ...]  # yes/no or a code → offices giving it
    numbers: tuple[int, ...] = ()  # numeric answers, sorted


@dataclass(frozen=True)
class Aggregate:
    year: int
    threshold: int
    total: tuple[AggregateTable, ...]
    districts: tuple[tuple[str, tuple[AggregateTable, ...]], ...]  # in DISTRICTS order
    offices_per_district: tuple[tuple[str, int], ...]
    quality: tuple[QualitySummary, ...]


def _ordered(keys: Iterable[Sequence[str]]) -> tuple[str, ...]:
    """Union of key lists in order of first appearance (offices share their codes)."""
    return tuple(dict.fromkeys(k for seq in keys for k in seq))


def _known(values: Iterable[int | None]) -> list[int]:
    return [v for v in values if v is not None]


def _bounds(table: CountTable) -> tuple[list[int], list[int], int]:
    """The least each hidden total of one office can be, from what it published: an
    additive line at least the sum of its published parts; a column of multiple answers
    at least its largest cell; a grand total at least the sum of its parts' bounds."""

    def known(value: int | None, bound: int) -> int:
        return bound if value is None else value

    columns = [[row[j] for row in table.cells] for j in range(len(table.columns))]
    rows = [known(t, sum(_known(r))) for r, t in zip(table.cells, table.row_totals, strict=True)]
    if table.key == STAFFING:  # the totals repeat the first figure (persons)
        first = known(table.cells[0][0], 0) if table.cells else 0
        return rows, [first] * len(columns), first
    if table.additive:
        cols = [known(t, sum(_known(c))) for c, t in zip(columns, table.column_totals, strict=True)]
        return rows, cols, max(sum(rows), sum(cols))
    cols = [
        known(t, max(_known(c), default=0))
        for c, t in zip(columns, table.column_totals, strict=True)
    ]
    return rows, cols, sum(cols)


def sum_table(key: str, tables: Sequence[CountTable]) -> AggregateTable:
    """Cell-by-cell sums of ``tables`` (same key); a code an office lacks counts as 0."""
    rows = _ordered(t.rows for t in tables)
    columns = _ordered(t.columns for t in tables)
    r_index = {code: i for i, code in enumerate(rows)}
    c_index = {code: j for j, code in enumerate(columns)}
    cells = [[_ZERO] * len(columns) for _ in rows]
    row_totals, column_totals, total = [_ZERO] * len(rows), [_ZERO] * len(columns), _ZERO
    for table in tables:
        row_bounds, col_bounds, total_bound = _bounds(table)
        for n, (code, values) in enumerate(zip(table.rows, table.cells, strict=True)):
            i = r_index[code]
            for column, value in zip(table.columns, values, strict=True):
                cells[i][c_index[column]] = cells[i][c_index[column]].plus(value)
            row_totals[i] = row_totals[i].plus(table.row_totals[n], row_bounds[n])
        for n, column in enumerate(table.columns):
            j = c_index[column]
            column_totals[j] = column_totals[j].plus(table.column_totals[n], col_bounds[n])
        total = total.plus(table.total, total_bound)
    summed = AggregateTable(
        key=key,
        rows=rows,
        columns=columns,
        cells=tuple(tuple(row) for row in cells),
        row_totals=tuple(row_totals),
        column_totals=tuple(column_totals),
        total=total,
        additive=tables[0].additive,
        contributors=len(tables),
    )
    return _with_staffing_key(summed, tables) if key == STAFFING else summed


def _figure(table: CountTable, code: str) -> int | None:
    return table.cells[table.rows.index(code)][0] if code in table.rows else None


def _with_staffing_key(summed: AggregateTable, tables: Sequence[CountTable]) -> AggregateTable:
    """The staffing key row as the posts-weighted mean of the offices' keys (a key is a
    ratio: summing it means nothing)."""
    if STAFFING_KEY not in summed.rows:
        return summed
    pairs = [(_figure(t, STAFFING_KEY), _figure(t, POSTS)) for t in tables]
    known = [(k, p) for k, p in pairs if k is not None and p is not None]
    posts = sum(p for _k, p in known)
    mean = round(sum(k * p for k, p in known) / posts) if posts else 0
    figure = Figure(mean, complete=len(known) == len(pairs))
    i = summed.rows.index(STAFFING_KEY)
    cells = list(summed.cells)
    cells[i] = (figure,) * len(summed.columns)
    row_totals = list(summed.row_totals)
    row_totals[i] = figure
    return replace(summed, cells=tuple(cells), row_totals=tuple(row_totals))


def sum_reports(reports: Sequence[YearlyReport]) -> tuple[AggregateTable, ...]:
    """Every table summed over ``reports``, in the order tables first appear."""
    by_key: dict[str, list[CountTable]] = {}
    for report in reports:
        for table in report.tables:
            by_key.setdefault(table.key, []).append(table)
    return tuple(sum_table(key, tables) for key, tables in by_key.items())


def _surrogate(table: AggregateTable) -> CountTable:
    """A consistent unsuppressed table made of the aggregated cells for the suppression
    algorithm: with lower bounds among them the summed totals need not fit any more."""
    cells = [[f.value for f in row] for row in table.cells]
    rows = [sum(row) for row in cells]
    if table.additive:
        cols = [sum(col) for col in zip(*cells, strict=True)]
        total = sum(rows)
    elif table.key == STAFFING:  # independent figures; the totals repeat the first
        rows, cols = [row[0] for row in cells], [cells[0][0]]
        total = cols[0]
    else:  # overlapping rows: a column total lies between its largest cell and its sum
        cols = [
            min(max(f.value, *col), sum(col))
            for f, col in zip(table.column_totals, zip(*cells, strict=True), strict=True)
        ]
        total = sum(cols)
    shaped = tuple(tuple(row) for row in cells)
    return CountTable(
        table.key, table.rows, table.columns, shaped, tuple(rows), tuple(cols), total,
        table.additive,
    )  # fmt: skip


def _patterns(
    tables: Sequence[AggregateTable], reports: Sequence[YearlyReport], threshold: int
) -> dict[str, CountTable]:
    """Per table key, which figures may be published (None: hidden)."""
    if len(reports) == 1 and reports[0].threshold >= threshold:
        return {t.key: t for t in reports[0].tables}
    with_rows = [_surrogate(t) for t in tables if t.rows]
    return {t.key: t for t in suppress_report(with_rows, threshold)}


def _shown(figure: Figure, published: int | None, threshold: int) -> Figure:
    return replace(figure, shown=published is not None and figure.value >= threshold)


def _apply(table: AggregateTable, pattern: CountTable | None, threshold: int) -> AggregateTable:
    def show(figures: Sequence[Figure], published: Sequence[int | None]) -> tuple[Figure, ...]:
        return tuple(_shown(f, v, threshold) for f, v in zip(figures, published, strict=True))

    if pattern is None:  # a table without rows: its totals stand alone
        tops = [f.value for f in table.column_totals]
        pattern = CountTable(table.key, (), table.columns, (), (), tuple(tops), table.total.value)
    return replace(
        table,
        cells=tuple(show(r, p) for r, p in zip(table.cells, pattern.cells, strict=True)),
        row_totals=show(table.row_totals, pattern.row_totals),
        column_totals=show(table.column_totals, pattern.column_totals),
        total=_shown(table.total, pattern.total, threshold),
    )


def resuppress(
    tables: Sequence[AggregateTable], reports: Sequence[YearlyReport], threshold: int
) -> tuple[AggregateTable, ...]:
    """``tables`` (the sums of ``reports``) with the threshold applied again."""
    patterns = _patterns(tables, reports, threshold)
    return tuple(_apply(t, patterns.get(t.key), threshold) for t in tables)


def _published_tables(
    reports: Sequence[YearlyReport], threshold: int
) -> tuple[AggregateTable, ...]:
    return resuppress(sum_reports(reports), reports, threshold)


def summarise_quality(reports: Sequence[YearlyReport]) -> tuple[QualitySummary, ...]:
    """Per criterion: how many offices gave which answer; numeric answers listed."""
    by_key: dict[str, list[QualityAnswer]] = {}
    for report in reports:
        for answer in report.quality:
            by_key.setdefault(answer.key, []).append(answer)
    summaries = []
    for key, answers in by_key.items():
        counts: dict[bool | str, int] = {}
        numbers: list[int] = []
        for answer in answers:
            if isinstance(answer.value, int) and not isinstance(answer.value, bool):
                numbers.append(answer.value)
            else:
                counts[answer.value] = counts.get(answer.value, 0) + 1
        ordered = sorted(counts.items(), key=lambda item: (type(item[0]).__name__, item[0]))
        summaries.append(QualitySummary(key, tuple(ordered), tuple(sorted(numbers))))
    return tuple(summaries)


def coordinator_threshold(reports: Sequence[YearlyReport], threshold: int | None) -> int:
    """The threshold of the aggregate: as given, else the strictest of the offices'."""
    if threshold is not None:
        return threshold
    return max([DEFAULT_THRESHOLD, *(r.threshold for r in reports)])


def aggregate(
    reports: Sequence[YearlyReport], year: int, threshold: int | None = None
) -> Aggregate:
    """The published aggregate of ``reports`` (all of ``year``, one per office)."""
    limit = coordinator_threshold(reports, threshold)
    reports = sorted(reports, key=lambda r: (r.district, r.office_id))
    by_district: dict[str, list[YearlyReport]] = {}
    for report in reports:
        by_district.setdefault(report.district, []).append(report)
    order = [code for code in DISTRICTS if code in by_district]
    order += sorted(set(by_district) - set(order))
    return Aggregate(
        year=year,
        threshold=limit,
        total=_published_tables(reports, limit) if reports else (),
        districts=tuple((code, _published_tables(by_district[code], limit)) for code in order),
        offices_per_district=tuple((code, len(by_district[code])) for code in order),
        quality=summarise_quality(reports),
    )
