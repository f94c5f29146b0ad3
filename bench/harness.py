"""Timing helpers and the result type every benchmark module returns."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Result:
    name: str
    seconds: float
    target: str = ""
    baseline_name: str = ""
    baseline_seconds: float | None = None
    extra: str = ""

    @property
    def ratio(self) -> float | None:
        if self.baseline_seconds:
            return self.seconds / self.baseline_seconds
        return None

    def line(self) -> str:
        parts = [f"{self.name:<52} {self.seconds * 1000:9.1f} ms"]
        if self.baseline_seconds is not None:
            parts.append(f"  baseline {self.baseline_name}: {self.baseline_seconds * 1000:.1f} ms"
                         f"  ratio {self.ratio:.2f}x")
        if self.target:
            parts.append(f"  target {self.target}")
        if self.extra:
            parts.append(f"  {self.extra}")
        return "".join(parts)


def timed(fn: Callable[[], object], *, repeat: int = 3) -> float:
    """Median wall time of ``repeat`` calls."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def samples(fn: Callable[[], object], *, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def median_p95(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def run_python(code_or_args: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, *code_or_args], check=True, capture_output=True, env=env)
    return time.perf_counter() - start
