"""Two windows on one shared PostgreSQL database, through the operation runner: the second
save of the same member gets the conflict dialog with both versions, and the merge lands.

Each window is its own AppContext with its own Database (engine, connections, runner) on
the same real server, as two secretaries' laptops would be.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from communitydesk.config import Paths
from communitydesk.db.engine import Database, open_database
from communitydesk.gui.common.conflict_dialog import ConflictDialog
from communitydesk.gui.context import AppContext, DataEvents
from communitydesk.gui.members import member_dialog
from communitydesk.gui.members.member_dialog import MemberDialog
from communitydesk.services.members.records import add_member, get_member

pytestmark = pytest.mark.postgres


def _context(db: Database, paths: Paths, name: str) -> AppContext:
    settings = QSettings(str(paths.config_dir / f"{name}.ini"), QSettings.Format.IniFormat)
    return AppContext(paths=paths, db=db, gui_settings=settings, events=DataEvents())


@pytest.fixture
def second_db(pg_db: Database, paths: Paths) -> Iterator[Database]:
    other = open_database(pg_db.url, backups_dir=paths.backups_dir)
    yield other
    other.dispose()


def _open(qtbot, ctx: AppContext, member_id: int) -> MemberDialog:
    dialog = MemberDialog(ctx, member_id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.loading.wait()
    assert dialog.is_loaded
    return dialog


def test_second_window_gets_the_conflict_dialog_and_the_merge_lands(
        qtbot, pg_db: Database, second_db: Database, paths: Paths, monkeypatch) -> None:
    monkeypatch.setattr(member_dialog, "ask_unsaved",  # a failed step never waits on a question
                        lambda parent: QMessageBox.StandardButton.Discard)
    with pg_db.session() as s:
        member_id = add_member(s, first_name="Halina", last_name="Kowalska", town="York").id
    first_ctx, second_ctx = _context(pg_db, paths, "first"), _context(second_db, paths, "second")
    heard: list[set] = []
    first_ctx.events.changed.connect(heard.append)
    first = _open(qtbot, first_ctx, member_id)
    second = _open(qtbot, second_ctx, member_id)  # both windows show version 1

    first.fields.edits["town"].setText("Leeds")
    first.save().wait()
    assert first.conflict is None and first.record.version == 2
    assert {"members"} <= heard[-1]  # the first window's screens hear what it changed

    second.fields.edits["notes"].setPlainText("call after six")
    second.save().wait()
    conflict = second.conflict
    assert isinstance(conflict, ConflictDialog) and conflict.isVisible()
    assert conflict.fields == ["town", "notes"]  # only what differs, both versions shown
    town, notes = conflict.groups["town"], conflict.groups["notes"]
    assert (town.button(0).text(), town.button(1).text()) == ("Leeds", "York")  # theirs, yours
    assert (notes.button(0).text(), notes.button(1).text()) == ("(empty)", "call after six")
    assert town.checkedId() == 1 and notes.checkedId() == 1  # "yours" preselected
    with pg_db.session() as s:
        assert get_member(s, member_id).version == 2  # nothing of the second save landed yet

    conflict.choose("town", mine=False)  # keep the other person's town, and my note
    conflict.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    second_ctx.ops.wait_idle()

    with pg_db.session() as s:
        final = get_member(s, member_id)
    assert (final.town, final.notes, final.version) == ("Leeds", "call after six", 3)
    assert second.record.version == 3 and not second.is_dirty()
    assert second.fields.edits["town"].text() == "Leeds"
