"""Emitting signals from Python must not drain the reference counts of True and False."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QStringListModel, Signal

from communitydesk.gui.signals import emit


class _Source(QObject):
    ping = Signal(set)


def test_emit_keeps_bool_reference_counts(qapp) -> None:  # noqa: ANN001
    source = _Source()
    seen: list[set] = []
    source.ping.connect(seen.append)
    model = QStringListModel(["a"])
    before = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(500):
        emit(source.ping, {"meetings"})
        emit(model.layoutAboutToBeChanged)
        emit(model.layoutChanged)
    after = sys.getrefcount(True), sys.getrefcount(False)
    assert len(seen) == 500
    assert after[0] >= before[0] and after[1] >= before[1]
