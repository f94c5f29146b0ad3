"""`make bench`: run every bench/bench_*.py module (or those named) and print one table."""

from __future__ import annotations

import importlib
import sys
import time
from pathlib import Path

from bench.scale_data import scale_database


def main(argv: list[str]) -> int:
    names = argv or sorted(p.stem for p in Path(__file__).parent.glob("bench_*.py"))
    started = time.perf_counter()
    scale_database()
    failures = 0
    for name in names:
        module = importlib.import_module(f"bench.{name}")
        try:
            for result in module.run():
                print(result.line(), flush=True)
        except Exception as exc:  # noqa: BLE001 - report and carry on with the others
            failures += 1
            print(f"{name}: FAILED {exc!r}", flush=True)
    print(f"benchmarks finished in {time.perf_counter() - started:.1f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
