"""The One-to-ones (confidential) and Timeline tabs on a member's record."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QSettings

from communitydesk.config import Paths
from communitydesk.db.engine import Database
from communitydesk.db.models import Attendance
from communitydesk.domain import AttendanceStatus
from communitydesk.gui.context import AppContext, DataEvents
from communitydesk.gui.members.member_panels import member_panels
from communitydesk.gui.one_to_ones.member_tabs import MemberOneToOnesPanel, MemberTimelinePanel
from communitydesk.services.meetings.planning import add_meeting
from communitydesk.services.members.records import add_member
from communitydesk.services.one_to_ones.conversations import log_one_to_one
from communitydesk.services.one_to_ones.ladder import move_member


def make_ctx(db: Database, paths: Paths) -> AppContext:
    settings = QSettings(str(paths.gui_settings_file), QSettings.Format.IniFormat)
    return AppContext(paths=paths, db=db, gui_settings=settings, events=DataEvents())


def _person(db: Database) -> int:
    with db.session() as s:
        organiser = add_member(s, first_name="Mercy", last_name="Adeyemi").id
        who = add_member(s, first_name="Łukasz", last_name="Wiśniewski").id
        meeting = add_meeting(s, title="General meeting", starts_at=datetime(2026, 2, 3, 19)).id
        s.add(Attendance(meeting_id=meeting, member_id=who, status=AttendanceStatus.PRESENT))
        log_one_to_one(s, organiser_id=organiser, member_id=who, held_on=date(2026, 1, 10),
                       story="Old story", next_step="Come to a meeting")
        log_one_to_one(s, organiser_id=organiser, member_id=who, held_on=date(2026, 3, 1),
                       story="Lost his job in March", issues="Rent arrears", stage_after="Supporter")
        move_member(s, who, to_stage="Participant", reason="Spoke at the meeting",
                    changed_at=datetime(2026, 4, 2, 10))
    return who


def test_panels_are_registered() -> None:
    panels = {p.key: p for p in member_panels()}
    assert panels["one_to_ones"].sensitive and panels["one_to_ones"].title == "One-to-ones"
    assert not panels["timeline"].sensitive


def test_one_to_ones_panel_shows_notes_under_a_marker(qtbot, qtmodeltester, db: Database, paths: Paths,
                                                      tmp_path: Path) -> None:
    who = _person(db)
    ctx = make_ctx(db, paths)
    panel = MemberOneToOnesPanel(ctx, who)
    qtbot.addWidget(panel)
    panel.resize(800, 520)
    assert panel.loader.op is None  # nothing read until the tab is shown
    panel.show()
    ctx.ops.wait_idle()
    qtmodeltester.check(panel.model)
    assert panel.marker.isVisible() and "CONFIDENTIAL" in panel.marker.text()
    assert panel.count_label.text() == "2 one-to-ones"
    notes = panel.notes.toPlainText()  # newest first, selected on opening
    assert notes.startswith("CONFIDENTIAL") and "Lost his job in March" in notes and "Rent arrears" in notes
    panel.table.selectRow(1)
    ctx.ops.wait_idle()
    assert "Old story" in panel.notes.toPlainText()
    assert panel.grab().save(str(tmp_path / "panel.png"))


def test_timeline_panel(qtbot, qtmodeltester, db: Database, paths: Paths, tmp_path: Path) -> None:
    who = _person(db)
    ctx = make_ctx(db, paths)
    panel = MemberTimelinePanel(ctx, who)
    qtbot.addWidget(panel)
    panel.resize(800, 480)
    panel.refresh()
    assert panel.loader.op is None  # hidden: loads when first shown
    panel.show()
    ctx.ops.wait_idle()
    qtmodeltester.check(panel.model)
    shown = [panel.proxy.index(r, 0).data() + " " + panel.proxy.index(r, 1).data()
             for r in range(panel.proxy.rowCount())]
    from communitydesk.gui.common.dates import short_date

    assert shown == [f"{short_date(date(2026, m, d))} {kind}" for m, d, kind in (
        (4, 2, "Ladder"), (3, 1, "Ladder"), (3, 1, "One-to-one"), (2, 3, "Meeting"),
        (1, 10, "One-to-one"))]
    texts = " ".join(panel.model.search_text(r) for r in range(panel.model.rowCount()))
    assert "job" not in texts and "arrears" not in texts  # notes stay on the one-to-one itself
    panel.kind.setCurrentIndex(panel.kind.findData("Meeting"))
    assert panel.proxy.rowCount() == 1 and panel.proxy.index(0, 2).data() == "General meeting"
    panel.kind.setCurrentIndex(0)
    assert panel.proxy.rowCount() == 5
    assert panel.grab().save(str(tmp_path / "timeline.png"))


def test_timeline_details_write_days_in_the_locale() -> None:
    from PySide6.QtCore import QLocale

    from communitydesk.gui.one_to_ones.table_models import _local_days

    previous = QLocale()
    QLocale.setDefault(QLocale("en_US"))
    try:
        assert _local_days("Done · due 2026-03-09 · raised at AGM") == "Done · due 3/9/26 · raised at AGM"
    finally:
        QLocale.setDefault(previous)
