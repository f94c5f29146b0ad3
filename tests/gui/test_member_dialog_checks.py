"""The member form refuses what the CLI refuses: a taken e-mail, control characters."""

from __future__ import annotations

import pytest

from communitydesk.config import Paths
from communitydesk.db.engine import Database
from communitydesk.gui.members import member_dialog
from communitydesk.services.members.records import add_member, list_members
from tests.gui.test_main_window import make_window


@pytest.fixture
def page(qtbot, db: Database, paths: Paths):
    window = make_window(qtbot, db, paths)
    return window.show_page("members")


def test_a_taken_email_is_refused_under_the_email_field(qtbot, page, db: Database, monkeypatch) -> None:
    problems: list[str] = []
    monkeypatch.setattr(member_dialog, "show_problem", lambda parent, exc: problems.append(str(exc)))
    with db.session() as s:
        add_member(s, first_name="Ann", last_name="Lee", email="ann@example.org")
    dialog = page.new_member()
    dialog.loading.wait()
    fields = dialog.fields
    fields.edits["first_name"].setText("Annie")
    fields.edits["email"].setText("Ann@Example.org")
    dialog.save().wait()  # the service refuses it: shown under the field, nothing saved
    assert "already Ann Lee's" in fields.errors["email"].text()
    fields.edits["email"].setText("annie@example.org")
    fields.edits["address_line1"].setText("12 Elm\x1b[2J Street")
    dialog.save().wait()
    assert problems and problems[-1].startswith("address line 1: 12 Elm\\x1b[2J Street contains a control")
    fields.edits["address_line1"].setText("12 Elm Street")
    dialog.save().wait()
    with db.session() as s:
        assert len(list_members(s)) == 2
