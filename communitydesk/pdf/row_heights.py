"""Row heights for a long table, measured in one pass instead of ReportLab's quadratic one.

ReportLab 5's ``Table._calc_height`` finds the next row to measure with ``None in H`` and
``H.index(None)``, and a long table's running height with ``sum(H[:i + 1])``, each a scan from
the first row for every row. On a 15,000-name sign-in sheet those scans were ~60 % of the
meeting pack's 20 s layout, on a worker thread that the window waits on for Python's lock
(#14). ``MeasuredHeights`` answers the same three questions from a moving mark and a running
total, so the method (kept as ReportLab wrote it) measures each row once. The heights it
produces are the same numbers; only the searching changes.
"""

from __future__ import annotations

from typing import Any, SupportsIndex


class MeasuredHeights(list):  # type: ignore[type-arg] - ReportLab's list of floats and Nones
    """A table's row heights while ``_calc_height`` fills them in, first row to last."""

    def __init__(self, heights: list[float | None]) -> None:
        super().__init__(heights)
        self._first_unknown = 0  # every row before it has its height
        self._summed_rows = 0  # the running total covers rows [0, _summed_rows)
        self._total = 0.0

    def _advance(self) -> int:
        count = len(self)
        while self._first_unknown < count and list.__getitem__(self, self._first_unknown) is not None:
            self._first_unknown += 1
        return self._first_unknown

    def __contains__(self, value: object) -> bool:
        if value is None:
            return self._advance() < len(self)
        return list.__contains__(self, value)

    def index(self, value: Any, *args: SupportsIndex) -> int:  # noqa: ANN401 - list's signature
        if value is None and not args:
            found = self._advance()
            if found == len(self):
                raise ValueError("None is not in list")
            return found
        return list.index(self, value, *args)

    def __setitem__(self, key: Any, value: Any) -> None:  # noqa: ANN401 - list's signature
        list.__setitem__(self, key, value)
        if not isinstance(key, int) or key < self._summed_rows:
            self._summed_rows, self._total = 0, 0.0  # an earlier height changed: add up again

    def __getitem__(self, key: Any) -> Any:  # noqa: ANN401 - list's signature
        if isinstance(key, slice) and key.step is None and (key.start or 0) == 0:
            if key.stop is None:  # H[:] is the working copy: keep it quick as well
                return MeasuredHeights(list.__getitem__(self, key))
            return [self._sum_to(min(key.stop, len(self)))]  # only ever summed: sum(H[:i + 1])
        return list.__getitem__(self, key)

    def _sum_to(self, stop: int) -> float:
        if stop < self._summed_rows:
            self._summed_rows, self._total = 0, 0.0
        for height in list.__getitem__(self, slice(self._summed_rows, stop)):
            self._total += height
        self._summed_rows = stop
        return self._total
