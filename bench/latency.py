"""The latency figures the mail benchmarks print (bench_imap.py, bench_graph.py): copies, median, p95, max."""
from __future__ import annotations

import math
import statistics


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)] if ordered else float("nan")


def summary(values: list[float], expected: int) -> list[str]:
    if not values:
        return [f"0/{expected}", "-", "-", "-"]
    return [f"{len(values)}/{expected}", f"{statistics.median(values):.2f} s", f"{percentile(values, 95):.2f} s",
            f"{max(values):.2f} s"]
