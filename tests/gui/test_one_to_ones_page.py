"""The One-to-ones screen driven as an organiser would: queue, log form, ladder board, lists."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, QSettings, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication

from communitydesk.config import Paths
from communitydesk.db.engine import Database
from communitydesk.gui.context import AppContext, DataEvents
from communitydesk.gui.main_window import MainWindow
from communitydesk.gui.one_to_ones.conversation_lists import (
    MODE_CAME,
    ConversationList,
    ReachOutList,
)
from communitydesk.gui.one_to_ones.follow_up_queue import FollowUpQueue
from communitydesk.gui.one_to_ones.ladder_board import LadderBoard
from communitydesk.gui.one_to_ones.one_to_one_dialog import OneToOneDialog
from communitydesk.gui.one_to_ones.one_to_ones_page import OneToOnesPage
from communitydesk.gui.one_to_ones.pickers import MoveStageDialog, ReassignDialog
from communitydesk.gui.one_to_ones.prompts_dialog import PromptsDialog
from communitydesk.services.members.records import add_member, get_member
from communitydesk.services.one_to_ones.conversations import (
    get_one_to_one,
    list_one_to_ones,
    log_one_to_one,
)
from communitydesk.services.one_to_ones.follow_ups import follow_ups_due
from communitydesk.services.one_to_ones.ladder import ladder_board, stage_history
from communitydesk.services.settings.group_settings import load_settings

ON = date(2026, 3, 20)


def make_ctx(db: Database, paths: Paths) -> AppContext:
    settings = QSettings(str(paths.gui_settings_file), QSettings.Format.IniFormat)
    return AppContext(paths=paths, db=db, gui_settings=settings, events=DataEvents())


@pytest.fixture
def group(db: Database) -> dict:
    """Three organisers' worth of conversations with follow-ups around 20 March 2026."""
    with db.session() as s:
        ids = {k: add_member(s, first_name=f, last_name=last).id for k, f, last in (
            ("ana", "Ana", "Lima"), ("bo", "Bo", "Chen"), ("cy", "Çiğdem", "Yılmaz"),
            ("dee", "Dee", "Okafor"), ("eve", "Eve", "Novak"), ("fin", "Fin", "Walsh"))}
        plan = [("cy", "ana", date(2026, 3, 1), date(2026, 3, 10), "Ring about repairs"),
                ("dee", "ana", date(2026, 3, 2), date(2026, 3, 20), "Invite to committee"),
                ("eve", "bo", date(2026, 3, 3), date(2026, 3, 12), "Send leaflet"),
                ("fin", "bo", date(2026, 3, 4), date(2026, 3, 21), "Ask about the stall"),
                ("fin", "ana", date(2026, 1, 4), None, None)]
        for who, by, held, follow, step in plan:
            log_one_to_one(s, organiser_id=ids[by], member_id=ids[who], held_on=held, follow_up_on=follow,
                           next_step=step, story=f"PRIVATE {who}")
    return ids


def test_queue_and_cli_agree_on_a_date(qtbot, db: Database, paths: Paths, group: dict, run_cli) -> None:
    ctx = make_ctx(db, paths)
    queue = FollowUpQueue(ctx)
    qtbot.addWidget(queue)
    for day in (date(2026, 3, 9), date(2026, 3, 12), ON, date(2026, 4, 1)):
        queue.set_date(day)
        ctx.ops.wait_idle()
        out = run_cli("one-to-ones", "due", "--on", day.isoformat(), "--json", db=db.sqlite_path)
        assert out.returncode == 0, out.stderr
        cli = [(r["id"], r["member_id"], r["organiser_id"], r["follow_up_on"], r["next_step"])
               for r in json.loads(out.stdout)]
        gui = [(f.id, f.member_id, f.organiser_id, f.follow_up_on.isoformat(), f.next_step)
               for f in queue.visible_rows()]
        assert gui == cli, day
    assert len(gui) == 4
    queue.set_date(ON)
    ctx.ops.wait_idle()
    queue.set_organiser(group["bo"])
    ctx.ops.wait_idle()
    assert [f.member_name for f in queue.visible_rows()] == ["Eve Novak"]
    out = run_cli("one-to-ones", "due", "--on", ON.isoformat(), "--organiser", str(group["bo"]), "--json",
                  db=db.sqlite_path)
    assert [r["member_name"] for r in json.loads(out.stdout)] == ["Eve Novak"]


def test_queue_done_snooze_reassign_with_undo(qtbot, db: Database, paths: Paths, group: dict,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    ctx = make_ctx(db, paths)
    queue = FollowUpQueue(ctx)
    qtbot.addWidget(queue)
    queue.set_date(ON)
    ctx.ops.wait_idle()
    assert queue.count_label.text() == "3 due · 2 overdue"
    assert not queue.done_button.isEnabled()
    queue.select_row(0)
    first = queue.selected()
    assert first is not None and first.member_name == "Çiğdem Yılmaz"
    assert queue.mark_done()
    ctx.ops.wait_idle()
    assert first.id not in [f.id for f in queue.visible_rows()]
    assert queue.undo_button.isVisibleTo(queue)
    queue.undo()
    ctx.ops.wait_idle()
    assert first.id in [f.id for f in queue.visible_rows()]

    queue.select_row(0)
    assert queue.snooze_days(7)  # from the queue date: 27 March
    ctx.ops.wait_idle()
    with db.session() as s:
        assert get_one_to_one(s, first.id).summary.follow_up_on == date(2026, 3, 27)

    queue.select_row(0)
    item = queue.selected()
    assert item.member_name == "Eve Novak" and item.organiser_id == group["bo"]
    monkeypatch.setattr(ReassignDialog, "ask", classmethod(lambda cls, **kw: group["ana"]))
    assert queue.reassign_dialog()
    ctx.ops.wait_idle()
    queue.set_organiser(group["ana"])
    ctx.ops.wait_idle()
    assert item.id in [f.id for f in queue.visible_rows()]
    queue.undo()
    ctx.ops.wait_idle()
    assert item.id not in [f.id for f in queue.visible_rows()]

    queue.set_organiser(None)
    ctx.ops.wait_idle()
    queue.search.setText("leaflet")
    assert [f.member_name for f in queue.visible_rows()] == ["Eve Novak"]
    queue.set_date(date(2026, 1, 1))
    ctx.ops.wait_idle()
    assert queue.stack.currentWidget() is queue.empty


def test_model_soundness(qtmodeltester, qtbot, db: Database, paths: Paths, group: dict) -> None:
    ctx = make_ctx(db, paths)
    queue = FollowUpQueue(ctx)
    queue.set_date(ON)
    conversations = ConversationList(ctx)
    reach = ReachOutList(ctx)
    ctx.ops.wait_idle()
    for widget in (queue, conversations, reach):
        qtbot.addWidget(widget)
        qtmodeltester.check(widget.model)
    assert conversations.model.rowCount() == 5
    assert all("PRIVATE" not in conversations.model.search_text(r) for r in range(5))


def test_log_dialog_with_prompts(qtbot, db: Database, paths: Paths, group: dict,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    ctx = make_ctx(db, paths)
    announced: list[set] = []
    ctx.events.changed.connect(announced.append)
    dialog = OneToOneDialog(ctx, member_id=group["dee"], today=ON)
    qtbot.addWidget(dialog)
    assert not dialog.save_button.isEnabled() and "Loading" in dialog.windowTitle()
    dialog.loading.wait()
    assert dialog.save_button.isEnabled() and dialog.windowTitle() == "Log a one-to-one"
    prompts = [dialog.prompts.item(i).text() for i in range(dialog.prompts.count())]
    assert prompts == list(load_settings_for(db).one_to_one_prompts)
    monkeypatch.setattr(PromptsDialog, "ask", classmethod(lambda cls, p, parent=None: ("Who do you trust?",)))
    dialog.edit_prompts().wait()
    assert dialog.prompts.item(0).text() == "Who do you trust?" and dialog.prompts.count() == 1
    assert load_settings_for(db).one_to_one_prompts == ("Who do you trust?",)

    dialog.save().wait()  # nobody chose the organiser yet
    assert dialog.error.text().startswith("organiser") and dialog.saved is None
    dialog.organiser.set_member_id(group["ana"])
    dialog.notes["story"].setPlainText("Grew up two streets away")
    dialog.next_step.setText("Bring her to the repairs group")
    dialog.stage.setCurrentIndex(dialog.stage.findData("Activist"))
    dialog.save().wait()
    assert dialog.saved is not None and dialog.result() == dialog.DialogCode.Accepted
    with db.session() as s:
        record = get_one_to_one(s, dialog.saved.id)
        assert record.story == "Grew up two streets away"
        assert record.summary.follow_up_on == date(2026, 4, 3)
        assert get_member(s, group["dee"]).ladder_stage == "Activist"
    assert {"one_to_ones", "members"} <= announced[-1]
    assert ctx.gui_settings.value("one_to_ones/last_organiser") in (group["ana"], str(group["ana"]))


def load_settings_for(db: Database):  # noqa: ANN201
    with db.session() as s:
        return load_settings(s)


def test_dialog_refuses_unknown_person(qtbot, db: Database, paths: Paths, group: dict) -> None:
    dialog = OneToOneDialog(make_ctx(db, paths), today=ON)
    qtbot.addWidget(dialog)
    dialog.loading.wait()
    dialog.member.setEditText("Nobody Atall")
    assert not dialog.save()
    assert "person" in dialog.error.text()


def test_edit_conflict_keeps_both(qtbot, db: Database, paths: Paths, group: dict,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    ctx = make_ctx(db, paths)
    with db.session() as s:
        one_id = list_one_to_ones(s, member_id=group["eve"])[0].id
    mine = OneToOneDialog(ctx, one_to_one_id=one_id)
    theirs = OneToOneDialog(ctx, one_to_one_id=one_id)
    qtbot.addWidget(mine)
    qtbot.addWidget(theirs)
    ctx.ops.wait_idle()
    theirs.notes["issues"].setPlainText("Theirs")
    theirs.save().wait()
    assert theirs.saved is not None
    mine.notes["story"].setPlainText("Mine")
    seen = {}

    def choose(cls, error, labels=None, parent=None):  # noqa: ANN001, ANN202
        seen["theirs"] = error.theirs
        merged = dict(error.mine)
        merged["issues"] = error.theirs["issues"]
        return merged

    from communitydesk.gui.common.conflict_dialog import ConflictDialog

    monkeypatch.setattr(ConflictDialog, "ask", classmethod(choose))
    assert mine.save()
    ctx.ops.wait_idle()  # the save, the conflict, the other person's version, the save over it
    assert mine.saved is not None
    assert seen["theirs"]["issues"] == "Theirs"
    with db.session() as s:
        record = get_one_to_one(s, one_id)
    assert (record.story, record.issues) == ("Mine", "Theirs")


def test_ladder_board_move_and_screenshot(qtbot, qtmodeltester, demo_db: Database, paths: Paths, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    ctx = make_ctx(demo_db, paths)
    board = LadderBoard(ctx)
    qtbot.addWidget(board)
    board.resize(1100, 640)
    board.show()
    ctx.ops.wait_idle()
    with demo_db.session() as s:
        expected = {c.stage: c.count for c in ladder_board(s)}
    assert board.column_counts() == expected
    assert [lst.model().rowCount() for lst in board.lists] == list(expected.values())
    for lst in board.lists:
        qtmodeltester.check(lst.model())
    contact = next(c for c in board.columns if c.stage == "Contact")
    person = contact.people[0]
    assert board.select_member(person.member_id)
    assert board.selected_id == person.member_id
    assert "Stage history" in board.history_title.text()
    ctx.ops.wait_idle()

    monkeypatch.setattr(MoveStageDialog, "ask", classmethod(
        lambda cls, **kw: ("Activist", "Ran the street stall", None) if kw["target"] == "Activist" else None))
    assert board.ask_move(person.member_id, target="Activist")
    ctx.ops.wait_idle()
    assert board.column_counts()["Contact"] == expected["Contact"] - 1
    assert board.column_counts()["Activist"] == expected["Activist"] + 1
    assert person.name in board.people_in("Activist")
    assert "Ran the street stall" in board.history.item(0).text()
    with demo_db.session() as s:
        assert stage_history(s, person.member_id)[-1].reason == "Ran the street stall"
    assert not board.ask_move(person.member_id, target="Leader")  # cancelled: nothing changes

    # drag a name from Activist onto the Leader column: the drop asks, then moves
    activist = board.lists[list(board.column_counts()).index("Activist")]
    leader = board.lists[list(board.column_counts()).index("Leader")]
    row = activist.stage_model().row_of(person.member_id)
    mime = activist.stage_model().mimeData([activist.model().index(row, 0)])
    monkeypatch.setattr(MoveStageDialog, "ask", classmethod(lambda cls, **kw: (kw["target"], "Chaired", None)))
    leader.dropEvent(QDropEvent(QPointF(5, 5), Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton,
                                Qt.KeyboardModifier.NoModifier))
    ctx.ops.wait_idle()
    assert person.name in board.people_in("Leader")

    board.search.setText(person.name.split()[0])
    assert any(label.text().startswith("1 of") or " of " in label.text() for label in board.count_labels)
    shot = tmp_path / "ladder.png"
    assert board.grab().save(str(shot)) and shot.stat().st_size > 5000


def test_reach_out_and_conversations(qtbot, db: Database, paths: Paths, group: dict) -> None:
    ctx = make_ctx(db, paths)
    reach = ReachOutList(ctx)
    qtbot.addWidget(reach)
    reach.set_date(date(2026, 3, 31))
    ctx.ops.wait_idle()
    names = [reach.model.row_at(r).name for r in range(reach.model.rowCount())]
    assert "Ana Lima" in names and "Çiğdem Yılmaz" not in names
    reach.set_mode(MODE_CAME, 2)
    ctx.ops.wait_idle()
    assert reach.unit.text() == "meetings" and reach.stack.currentWidget() is reach.empty

    conversations = ConversationList(ctx)
    qtbot.addWidget(conversations)
    ctx.ops.wait_idle()
    conversations.search.setText("fin")
    assert conversations.proxy.rowCount() == 2
    conversations.table.selectRow(0)
    assert conversations.delete_selected(confirm=False)
    ctx.ops.wait_idle()
    assert conversations.model.rowCount() == 4


def test_page_in_main_window(qtbot, demo_db: Database, paths: Paths) -> None:
    window = MainWindow(make_ctx(demo_db, paths))
    qtbot.addWidget(window)
    page = window.show_page("one_to_ones")
    assert isinstance(page, OneToOnesPage)
    assert [page.tabs.tabText(i).split(" (")[0] for i in range(page.tabs.count())] == [
        "Follow-ups", "Who to talk to", "Conversations", "Ladder"]
    page.queue.set_date(date(2026, 6, 15))
    window.ctx.ops.wait_idle()
    with demo_db.session() as s:
        due = follow_ups_due(s, on=date(2026, 6, 15))
    assert [f.id for f in page.queue.visible_rows()] == [f.id for f in due]
    with demo_db.session() as s:
        add_member(s, first_name="Nadia", last_name="Rahman")
    window.ctx.announce("members")
    assert page.ladder.columns == []  # not shown yet: loads on first view
    page.tabs.setCurrentWidget(page.ladder)
    window.ctx.ops.wait_idle()
    assert "Nadia Rahman" in page.ladder.people_in(None)
    page.tabs.setCurrentWidget(page.conversations)
    window.ctx.ops.wait_idle()
    assert page.conversations.model.rowCount() > 0


def _column_rects(board: LadderBoard) -> list:
    """Each stage column's rectangle in the board's scroll viewport."""
    from PySide6.QtCore import QPoint, QRect

    viewport = board.board_area.viewport()
    return [QRect(lst.parentWidget().mapTo(viewport, QPoint(0, 0)), lst.parentWidget().size())
            for lst in board.lists]


@pytest.mark.parametrize("width, height", [(1366, 768), (1180, 760)])
def test_ladder_board_shows_every_stage_at_laptop_size(qtbot, demo_db: Database, paths: Paths,
                                                       width: int, height: int) -> None:
    """All five stages and the "not placed" column fit; Leader is never clipped at 1366×768."""
    with demo_db.session() as s:
        add_member(s, first_name="Nadia", last_name="Rahman")  # a sixth column: not placed
    window = MainWindow(make_ctx(demo_db, paths))
    qtbot.addWidget(window)
    window.setWindowState(Qt.WindowState.WindowNoState)  # the test screen is small: not maximised
    window.resize(width, height)
    window.show()
    page = window.show_page("one_to_ones")
    page.tabs.setCurrentWidget(page.ladder)
    board = page.ladder
    qtbot.waitUntil(lambda: bool(board.lists) and all(lst.isVisible() for lst in board.lists))
    QApplication.processEvents()  # the layout places the columns
    assert [c.title for c in board.columns][-1] == "Leader" and len(board.columns) == 6
    viewport = board.board_area.viewport().rect()
    for column, rect in zip(board.columns, _column_rects(board), strict=True):
        assert viewport.contains(rect), f"{column.title} clipped: {rect} not in {viewport}"
    assert board.board_area.horizontalScrollBar().maximum() == 0


def test_ladder_board_is_usable_at_1024(qtbot, demo_db: Database, paths: Paths) -> None:
    """Small screen: columns keep a readable width and the rest is a scroll away."""
    window = MainWindow(make_ctx(demo_db, paths))
    qtbot.addWidget(window)
    window.resize(1024, 640)
    window.show()
    page = window.show_page("one_to_ones")
    page.tabs.setCurrentWidget(page.ladder)
    board = page.ladder
    qtbot.waitUntil(lambda: bool(board.lists) and all(lst.isVisible() for lst in board.lists))
    QApplication.processEvents()  # the layout places the columns
    assert all(lst.parentWidget().width() >= 110 and lst.width() >= 90 for lst in board.lists)
    bar = board.board_area.horizontalScrollBar()
    bar.setValue(bar.maximum())
    QApplication.processEvents()
    last = _column_rects(board)[-1]
    assert board.board_area.viewport().rect().contains(last)
    assert board.lists[-1].viewport().height() >= 200


def test_one_load_per_user_action(qtbot, demo_db: Database, paths: Paths,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Opening loads the queue only; a save reloads it once (not again for the window's refresh);
    while the page is hidden a change elsewhere loads nothing until it is shown again."""
    from communitydesk.gui.one_to_ones.one_to_ones_page import TAB_LADDER

    window = MainWindow(make_ctx(demo_db, paths))
    qtbot.addWidget(window)
    window.show()
    ops = window.ctx.ops
    started: list[str | None] = []
    real_read = ops.read
    monkeypatch.setattr(ops, "read", lambda fn, **kw: started.append(kw.get("key")) or real_read(fn, **kw))
    page = window.show_page("one_to_ones")
    ops.wait_idle()
    assert started == [page.queue.loader.key]
    assert not isinstance(page.tabs.widget(TAB_LADDER), LadderBoard)  # built when first shown
    page.queue.set_date(date(2026, 6, 15))
    ops.wait_idle()
    page.queue.select_row(0)
    started.clear()
    assert page.queue.mark_done()
    ops.wait_idle()
    assert started.count(page.queue.loader.key) == 1  # its own reload and the window's are one
    assert page.tabs.tabText(0) == f"Follow-ups ({page.queue.model.rowCount()})"

    window.show_page("members")
    started.clear()
    ops.write(lambda s: add_member(s, first_name="Nadia", last_name="Rahman"), parent=window)
    ops.wait_idle()
    assert page.queue.loader.key not in started  # hidden: nothing read for it yet
    window.show_page("one_to_ones")
    ops.wait_idle()
    assert started.count(page.queue.loader.key) == 1


@pytest.mark.postgres
def test_two_windows_on_postgres_the_second_save_gets_both_versions(
        qtbot, pg_db: Database, paths: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two people edit the same conversation on the shared database, each from their own window."""
    from PySide6.QtWidgets import QDialog, QRadioButton

    from communitydesk.db.engine import open_database
    from communitydesk.gui.common.conflict_dialog import ConflictDialog

    with pg_db.session() as s:
        organiser = add_member(s, first_name="Mercy", last_name="Adeyemi").id
        who = add_member(s, first_name="Łukasz", last_name="Wiśniewski").id
        one_id = log_one_to_one(s, organiser_id=organiser, member_id=who, held_on=ON, story="First").id
    other_db = open_database(pg_db.url, backups_dir=paths.backups_dir)
    try:
        mine_ctx, theirs_ctx = make_ctx(pg_db, paths), make_ctx(other_db, paths)
        mine = OneToOneDialog(mine_ctx, one_to_one_id=one_id)
        theirs = OneToOneDialog(theirs_ctx, one_to_one_id=one_id)
        qtbot.addWidget(mine)
        qtbot.addWidget(theirs)
        mine_ctx.ops.wait_idle()
        theirs_ctx.ops.wait_idle()
        theirs.notes["story"].setPlainText("Theirs")
        theirs.save().wait()
        assert theirs.saved is not None

        shown: list[dict[str, list[str]]] = []

        def look_and_keep_mine(dialog: ConflictDialog) -> int:
            shown.append({key: [b.text() for b in group.buttons() if isinstance(b, QRadioButton)]
                          for key, group in dialog.groups.items()})
            return QDialog.DialogCode.Accepted

        monkeypatch.setattr(ConflictDialog, "exec", look_and_keep_mine)
        mine.notes["story"].setPlainText("Mine")
        mine.save()
        mine_ctx.ops.wait_idle()
        assert shown == [{"story": ["Theirs", "Mine"]}]  # the other person's version, then mine
        assert mine.saved is not None and mine.saved.story == "Mine"
        with other_db.session() as s:
            assert get_one_to_one(s, one_id).story == "Mine"
    finally:
        other_db.dispose()


def test_done_pressed_twice_quickly_is_one_done(qtbot, db: Database, paths: Paths, group: dict) -> None:
    ctx = make_ctx(db, paths)
    queue = FollowUpQueue(ctx)
    qtbot.addWidget(queue)
    queue.set_date(ON)
    ctx.ops.wait_idle()
    queue.select_row(0)
    first = queue.mark_done()
    assert queue.mark_done() is first  # the second press finds the first still saving
    ctx.ops.wait_idle()
    assert queue.count_label.text() == "2 due · 1 overdue" and queue.undo_button.isVisibleTo(queue)
