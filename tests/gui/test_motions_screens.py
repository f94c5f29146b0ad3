"""The Motions tab, the roll call by keys alone, the live quorum line and the Elections dialog (#16)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from communitydesk.config import Paths
from communitydesk.db.engine import Database
from communitydesk.gui.meetings.meeting_editor import MeetingEditor
from communitydesk.gui.motions.elections_dialog import ElectionsDialog
from communitydesk.gui.motions.motions_panel import MotionsPanel
from communitydesk.gui.motions.quorum_indicator import QuorumIndicator
from communitydesk.gui.motions.roll_call_dialog import RollCallDialog
from communitydesk.services.attendance.register import record_attendance
from communitydesk.services.meetings.agenda import add_agenda_item
from communitydesk.services.meetings.planning import add_meeting
from communitydesk.services.members.records import add_member
from communitydesk.services.motions.elections import add_office, list_elections, nominate
from communitydesk.services.motions.motions import add_motion, get_motion, list_motions
from communitydesk.services.settings.group_settings import set_setting
from tests.gui.meetings_helpers import make_ctx

SHOTS = Path("/tmp")


@pytest.fixture
def agm(db: Database) -> dict:
    with db.session() as s:
        people = [add_member(s, first_name=f"Person{i:02}", last_name=f"Surname{i:02}").id for i in range(44)]
        meeting = add_meeting(s, title="Annual general meeting", starts_at=datetime(2026, 5, 12, 19, 0))
        add_agenda_item(s, meeting.id, title="Accounts for 2025")
        set_setting(s, "quorum", "18")
        for member_id in people[:40]:
            record_attendance(s, meeting.id, member_id=member_id, status="present")
        main = add_motion(s, meeting.id, text="That the accounts for 2025 be adopted", proposer_id=people[0],
                          seconder_id=people[1], majority="two-thirds")
    return {"meeting": meeting.id, "people": people, "motion": main.id}


def test_forty_person_roll_call_with_keys_alone(qtbot, db: Database, paths: Paths, agm) -> None:  # noqa: ANN001
    ctx = make_ctx(db, paths)
    with db.session() as s:
        motion = get_motion(s, agm["motion"])
    dialog = RollCallDialog(ctx, motion)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.loading.wait()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 40)
    keys = [Qt.Key.Key_F] * 28 + [Qt.Key.Key_A] * 8 + [Qt.Key.Key_B] * 3 + [Qt.Key.Key_2]
    for key in keys:
        qtbot.keyClick(dialog.table, key)
    assert dialog.tally.text() == "For 28 · Against 9 · Abstain 3 — 40 of 40 voted"
    assert dialog.table.currentRow() == 39  # the last row stays selected
    qtbot.keyClick(dialog.table, Qt.Key.Key_Delete)  # the last vote taken back
    qtbot.waitUntil(dialog.is_idle, timeout=60_000)
    ctx.ops.wait_idle()
    with db.session() as s:
        counted = get_motion(s, agm["motion"])
    assert (counted.votes_for, counted.against, counted.abstain) == (28, 8, 3)
    assert counted.result == "carried" and counted.method == "roll call"  # 28 of 36 cast ≥ 2/3
    dialog.resize(1024, 640)
    dialog.grab().save(str(SHOTS / "motions-rollcall-1024.png"))


def test_quorum_line_follows_check_ins(qtbot, db: Database, paths: Paths, agm) -> None:  # noqa: ANN001
    ctx = make_ctx(db, paths)
    label = QuorumIndicator(ctx)
    qtbot.addWidget(label)
    label.set_meeting(agm["meeting"]).wait()
    assert label.text() == "Present 40 of 18 needed — quorate"
    meeting_id, people = agm["meeting"], agm["people"]

    def leave(s) -> None:  # noqa: ANN001
        for member_id in people[2:25]:  # 23 go home (they did not vote by name)
            record_attendance(s, meeting_id, member_id=member_id, status="absent")
    ctx.ops.write(leave, parent=None).wait()
    qtbot.waitUntil(lambda: label.text() == "Present 17 of 18 needed — not quorate")
    ctx.ops.write(lambda s: record_attendance(s, meeting_id, member_id=people[41], status="present"),
                  parent=None).wait()
    qtbot.waitUntil(lambda: label.text() == "Present 18 of 18 needed — quorate")


def test_panel_puts_amends_and_counts_hands(qtbot, db: Database, paths: Paths, agm, monkeypatch) -> None:  # noqa: ANN001
    ctx = make_ctx(db, paths)
    editor = MeetingEditor(ctx)
    qtbot.addWidget(editor)
    editor.show()
    editor.load(agm["meeting"]).wait()
    editor.tabs.setCurrentWidget(editor.motions)
    panel: MotionsPanel = editor.motions
    qtbot.waitUntil(lambda: panel.screen is not None and panel.table.rowCount() == 1)
    assert editor.quorum.text() == "Present 40 of 18 needed — quorate"

    def fill(dialog) -> bool:  # noqa: ANN001 - the user types and presses OK
        name = type(dialog).__name__
        if name == "MotionDialog":
            dialog.text.setPlainText("That the rent strike begins in June" if dialog.windowTitle() != "Amendment"
                                     else "Replace June with July")
            dialog.item.setCurrentIndex(1)
        elif name == "HandsDialog":
            dialog.counts["for"].setValue(20)
            dialog.counts["against"].setValue(12)
            dialog.counts["abstain"].setValue(3)
        return True
    monkeypatch.setattr(MotionsPanel, "run_dialog", staticmethod(fill))
    panel.new_motion().wait()
    qtbot.waitUntil(lambda: panel.table.rowCount() == 2)
    assert panel.selected().text == "That the rent strike begins in June"
    panel.amend().wait()
    qtbot.waitUntil(lambda: panel.table.rowCount() == 3)
    assert panel.table.item(2, 0).text() == "2a"
    assert not panel.buttons["hands"].isEnabled() or panel.selected().parent_id  # the amendment first
    panel.hands().wait()  # on the amendment, selected after it was put
    qtbot.waitUntil(lambda: panel.table.item(2, 7).text() == "carried")
    panel.select_motion(panel.screen.motions[1].id)
    panel.hands().wait()
    qtbot.waitUntil(lambda: panel.table.item(1, 7).text() == "carried")
    with db.session() as s:
        motions = list_motions(s, agm["meeting"])
    assert [(m.votes_for, m.against, m.result) for m in motions][1:] == [(20, 12, "carried"), (20, 12, "carried")]
    assert motions[1].agenda_item_id is not None
    for size in ((1366, 768), (1024, 640)):
        editor.resize(*size)
        qtbot.wait(50)
        editor.grab().save(str(SHOTS / f"motions-tab-{size[0]}.png"))


def test_elections_dialog_declares_unopposed(qtbot, db: Database, paths: Paths, agm, monkeypatch) -> None:  # noqa: ANN001
    with db.session() as s:
        office = add_office(s, agm["meeting"], name="Treasurer")
        nominate(s, office.id, member_id=agm["people"][3], proposer_id=agm["people"][4])
        contested = add_office(s, agm["meeting"], name="Chair")
        for who in agm["people"][5:8]:
            nominate(s, contested.id, member_id=who)
    ctx = make_ctx(db, paths)
    dialog = ElectionsDialog(ctx, agm["meeting"])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.loading.wait()
    qtbot.waitUntil(lambda: dialog.offices.count() == 2)
    monkeypatch.setattr(ElectionsDialog, "confirm", lambda self, text: True)
    dialog.offices.setCurrentRow(0)
    dialog.declare().wait()
    qtbot.waitUntil(lambda: "elected unopposed" in dialog.offices.item(0).text())
    dialog.offices.setCurrentRow(1)
    for row, votes in enumerate(("14", "9", "3")):
        dialog.table.item(row, 3).setText(votes)
    dialog.save_votes().wait()
    qtbot.waitUntil(lambda: dialog.table.item(0, 3) is not None and dialog.table.item(0, 3).text() == "14")
    dialog.declare().wait()
    qtbot.waitUntil(lambda: "elected by ballot" in dialog.offices.item(1).text())
    with db.session() as s:
        chair = list_elections(s, agm["meeting"])[1]
    assert [c.elected for c in chair.candidates] == [True, False, False]
    for size in ((1366, 768), (1024, 640)):
        dialog.resize(*size)
        qtbot.wait(50)
        dialog.grab().save(str(SHOTS / f"motions-elections-{size[0]}.png"))


def test_motions_tab_keys_and_names(qtbot, db: Database, paths: Paths, agm) -> None:  # noqa: ANN001
    """#19 on the Motions tab (a tab of the meeting screen, which scrolls at 200 %, so not in DIALOGS)."""
    from PySide6.QtWidgets import QApplication

    from tests.gui.accessibility.walks import (
        buttons_without_keys,
        tab_chain_problems,
        unnamed_elements,
    )

    panel = MotionsPanel(make_ctx(db, paths))
    qtbot.addWidget(panel)
    panel.set_meeting(agm["meeting"])
    panel.resize(1100, 700)
    panel.show()
    qtbot.waitUntil(lambda: panel.screen is not None and panel.table.rowCount() == 1)
    panel.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is panel, timeout=3000)
    assert unnamed_elements(panel) == []
    assert buttons_without_keys(panel) == []
    assert tab_chain_problems(panel) == []
