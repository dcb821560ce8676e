"""A small exact simplex (fractions, Bland's rule): an independent check, in the tests, of
the graph check the suppression uses."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction


def _pivot(t: list[list[Fraction]], row: int, col: int) -> None:
    p = t[row][col]
    t[row] = [v / p for v in t[row]]
    for r in range(len(t)):
        if r != row and t[r][col] != 0:
            f = t[r][col]
            t[r] = [a - f * b for a, b in zip(t[r], t[row], strict=True)]


def _run(t: list[list[Fraction]], basis: list[int], cost: Sequence[Fraction], allowed: int) -> bool:
    """Minimise ``cost`` over the tableau; columns from ``allowed`` on may not enter.
    False when unbounded."""
    while True:
        reduced = [
            cost[j] - sum((cost[basis[i]] * t[i][j] for i in range(len(t))), Fraction(0))
            for j in range(allowed)
        ]
        entering = next((j for j, v in enumerate(reduced) if v < 0), None)
        if entering is None:
            return True
        rows = [i for i in range(len(t)) if t[i][entering] > 0]
        if not rows:
            return False
        leaving = min(rows, key=lambda i: (t[i][-1] / t[i][entering], basis[i]))
        _pivot(t, leaving, entering)
        basis[leaving] = entering


def lp_min(a: Sequence[Sequence[int]], b: Sequence[int], c: Sequence[int]) -> Fraction | None:
    """min c·x subject to a·x = b, x >= 0; None when unbounded. The system must be feasible."""
    m, n = len(a), len(c)
    rows = [[Fraction(v) for v in row] for row in a]
    rhs = [Fraction(v) for v in b]
    for i in range(m):
        if rhs[i] < 0:
            rows[i], rhs[i] = [-v for v in rows[i]], -rhs[i]
    t = [rows[i] + [Fraction(int(k == i)) for k in range(m)] + [rhs[i]] for i in range(m)]
    basis = list(range(n, n + m))
    phase1 = [Fraction(0)] * n + [Fraction(1)] * m
    _run(t, basis, phase1, n + m)
    # Artificial variables still in the basis sit at zero: pivot them out, or drop the
    # row when it is a redundant equation.
    keep = []
    for i in range(len(t)):
        if basis[i] >= n:
            col = next((j for j in range(n) if t[i][j] != 0), None)
            if col is None:
                continue
            _pivot(t, i, col)
            basis[i] = col
        keep.append(i)
    t = [[*t[i][:n], t[i][-1]] for i in keep]
    basis = [basis[i] for i in keep]
    cost = [Fraction(v) for v in c]
    if not _run(t, basis, cost, n):
        return None
    value = Fraction(0)
    for i, j in enumerate(basis):
        value += cost[j] * t[i][-1]
    return value
