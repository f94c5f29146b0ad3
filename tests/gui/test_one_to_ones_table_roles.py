"""The one-to-ones tables answer a painted cell's many questions quickly (#14): a role the model
has no answer for returns at once; every role it answers gives what it gave before."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSettings, Qt

from communitydesk.config import Paths
from communitydesk.db.engine import Database
from communitydesk.gui.common.row_model import RowTableModel
from communitydesk.gui.context import AppContext, DataEvents
from communitydesk.gui.one_to_ones.conversation_lists import (
    MODE_CAME,
    ConversationList,
    ReachOutList,
)
from communitydesk.gui.one_to_ones.follow_up_queue import FollowUpQueue

ON = date(2026, 6, 15)


def _same(value: object, expected: object) -> bool:
    if hasattr(expected, "color"):  # a QBrush: compare the colour it paints
        return hasattr(value, "color") and value.color() == expected.color()
    return value == expected


def test_every_role_answers_as_the_whole_question_chain_does(qtbot, demo_db: Database, paths: Paths) -> None:
    settings = QSettings(str(paths.gui_settings_file), QSettings.Format.IniFormat)
    ctx = AppContext(paths=paths, db=demo_db, gui_settings=settings, events=DataEvents())
    queue = FollowUpQueue(ctx)
    queue.set_date(ON)
    conversations = ConversationList(ctx)
    reach = ReachOutList(ctx)
    came = ReachOutList(ctx)
    came.set_mode(MODE_CAME, 1)
    ctx.ops.wait_idle()
    answered: set[int] = set()
    for widget in (queue, conversations, reach, came):
        qtbot.addWidget(widget)
        model = widget.model
        assert model.rowCount() > 0
        for row in range(min(model.rowCount(), 15)):
            for column in range(model.columnCount()):
                for role in [*range(0, 40), *range(int(Qt.ItemDataRole.UserRole), int(Qt.ItemDataRole.UserRole) + 30)]:
                    expected = RowTableModel.cell_data(model, row, column, role)  # every comparison made
                    fast = model.cell_data(row, column, role)
                    assert _same(fast, expected), (type(model).__name__, row, column, role, fast, expected)
                    through_view = widget.proxy.index(row, column).data(role)  # as the table asks
                    source_row = widget.proxy.mapToSource(widget.proxy.index(row, column)).row()
                    assert _same(through_view, RowTableModel.cell_data(model, source_row, column, role))
                    if expected is not None:
                        answered.add(role)
    overdue = [f for f in queue.visible_rows() if f.days_overdue > 0]
    assert overdue and int(Qt.ItemDataRole.ForegroundRole) in answered  # overdue in red, still
    assert {int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ToolTipRole)} <= answered
