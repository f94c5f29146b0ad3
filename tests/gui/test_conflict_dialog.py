"""The conflict dialog shows only differing fields and merges the user's choices."""

from __future__ import annotations

from communitydesk.errors import ConflictError
from communitydesk.gui.common.conflict_dialog import ConflictDialog


def test_conflict_dialog_merges_choices(qtbot) -> None:
    error = ConflictError("Ann Lee was changed by someone else",
                          mine={"phone": "0161 1", "email": "a@example.org", "notes": "same"},
                          theirs={"phone": "0161 2", "email": "ann@example.org", "notes": "same"})
    dialog = ConflictDialog(error)
    qtbot.addWidget(dialog)
    assert dialog.fields == ["phone", "email"]
    assert dialog.merged() == error.mine
    dialog.choose("email", mine=False)
    assert dialog.merged() == {"phone": "0161 1", "email": "ann@example.org", "notes": "same"}
