"""Big lists in their views (offscreen, shown): filling 8,000 meeting rows, 15,000 register
rows and 20,000 members, a search keystroke on the register and a header sort, wall and CPU.

What #14's stall target needs from the lists: Qt must not call Python once per row (a filter
proxy's ``filterAcceptsRow``), only once per row it paints."""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from bench.harness import Result
from bench.scale_data import scale_database

MEETINGS, REGISTER, REPEAT = 8_000, 15_000, 5


def _measure(name: str, fn: Callable[[], object], app, *, repeat: int = REPEAT,  # noqa: ANN001
             target: str = "< 50 ms") -> Result:
    """Median wall and CPU of ``fn`` and the events it leaves (the repaint); the target is the
    longest UI stall allowed (#14)."""
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        app.processEvents()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return Result(name, statistics.median(walls), target,
                  extra=f"CPU {statistics.median(cpus) * 1000:.1f} ms (median of {repeat})")


def _view(proxy):  # noqa: ANN001, ANN202
    from PySide6.QtWidgets import QTableView

    view = QTableView()
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.resize(1366, 768)
    view.show()
    return view


def _data(db_path: Path) -> tuple[list, list, list, list]:
    from communitydesk.db.engine import open_database
    from communitydesk.services.attendance.register import RegisterRow
    from communitydesk.services.core.names import person_name
    from communitydesk.services.meetings.rows import list_meeting_rows
    from communitydesk.services.members.records import list_members, member_search_text

    db = open_database(str(db_path), backups_dir=db_path.parent / "backups")
    try:
        with db.session() as session:
            members = list_members(session, sort=False)
            meetings = list_meeting_rows(session)
    finally:
        db.dispose()
    texts = [member_search_text(m) for m in members]
    # The scale data has 2,000 meetings: four copies with their own ids make a long-lived group.
    copies = (MEETINGS + len(meetings) - 1) // len(meetings)
    many = [m._replace(id=m.id + n * 100_000) for n in range(copies) for m in meetings][:MEETINGS]
    register = [RegisterRow(n + 1, m.id, m.first_name, m.last_name,
                            person_name(m.first_name, m.last_name, m.preferred_name), m.status,
                            ("present", "apologies", None)[n % 3], None)
                for n, m in enumerate(members[:REGISTER])]
    return members, texts, many, register


def run() -> list[Result]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from communitydesk.gui.attendance.register_table_model import (
        COL_NAME,
        RegisterFilterProxy,
        RegisterTableModel,
    )
    from communitydesk.gui.common.row_model import RowFilterProxy
    from communitydesk.gui.meetings.meeting_table_model import COL_TITLE, MeetingTableModel
    from communitydesk.gui.members.member_table_model import (
        COL_FIRST,
        COL_LAST,
        MemberFilterProxy,
        MemberTableModel,
    )

    app = QApplication.instance() or QApplication([])
    members, texts, meetings, register = _data(scale_database())
    now = datetime(2026, 11, 1)
    results = []

    meeting_model = MeetingTableModel()
    meeting_proxy = RowFilterProxy()
    meeting_proxy.setSourceModel(meeting_model)
    meeting_proxy.set_accept(lambda m: not m.is_upcoming(now))  # the page's "Past" filter
    meeting_view = _view(meeting_proxy)
    meeting_view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    results.append(_measure(f"set {len(meetings):,} meeting rows (past filter, view shown)",
                            lambda: meeting_model.set_rows(meetings), app))
    results.append(_measure("meetings: search keystroke 'gen'",
                            lambda: (meeting_proxy.set_search("gen"), meeting_proxy.set_search("")), app))
    titles = iter([COL_TITLE, 0] * REPEAT)
    results.append(_measure("meetings: header sort (title / date)",
                            lambda: meeting_view.sortByColumn(next(titles), Qt.SortOrder.AscendingOrder), app))

    register_model = RegisterTableModel()
    register_proxy = RegisterFilterProxy()
    register_proxy.setSourceModel(register_model)
    register_view = _view(register_proxy)
    register_view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    results.append(_measure(f"set {len(register):,} register rows (view shown)",
                            lambda: register_model.set_rows(register), app))
    results.append(_measure("register: search keystroke 'an' then clear",
                            lambda: (register_proxy.set_search("an"), register_proxy.set_search("")), app))
    columns = iter([COL_NAME, 0] * REPEAT)
    results.append(_measure("register: header sort (name / number)",
                            lambda: register_view.sortByColumn(next(columns), Qt.SortOrder.AscendingOrder), app))

    member_model = MemberTableModel()
    member_proxy = MemberFilterProxy()
    member_proxy.setSourceModel(member_model)
    member_view = _view(member_proxy)
    member_view.sortByColumn(COL_LAST, Qt.SortOrder.AscendingOrder)
    presort = member_model.presorter()
    sorted_rows, sorted_texts, sorted_by = presort(members, texts)
    results.append(_measure(f"set {len(members):,} members (presorted, view shown)",
                            lambda: member_model.set_rows(sorted_rows, search_texts=sorted_texts,
                                                          sorted_by=sorted_by), app))
    results.append(_measure("members: search keystroke 'lukasz' then clear",
                            lambda: (member_proxy.set_search("lukasz"), member_proxy.set_search("")), app))
    names = iter([COL_FIRST, COL_LAST] * REPEAT)
    results.append(_measure("members: header sort (first / last name)",
                            lambda: member_view.sortByColumn(next(names), Qt.SortOrder.AscendingOrder), app))
    for view in (meeting_view, register_view, member_view):
        view.close()
    return results


if __name__ == "__main__":
    for result in run():
        print(result.line())
