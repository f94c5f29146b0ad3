"""#20 on SQLite: one laptop has no logins, so the audit trail names the person chosen on first run."""

from __future__ import annotations

from sqlalchemy import select

from communitydesk.config import Paths
from communitydesk.db.engine import Database
from communitydesk.db.models import AuditEntry
from communitydesk.services.members.records import add_member
from tests.gui.test_first_run import choose, open_window, welcome


def test_the_name_typed_on_first_run_is_in_the_audit_trail(qtbot, db: Database, paths: Paths) -> None:
    window, settings = open_window(qtbot, db, paths)
    dialog = welcome(window, settings, str(db.sqlite_path))
    dialog.group_name.setText("Riverside Tenants")
    dialog.your_name.setText("Sam Okafor")
    choose(window, dialog.empty_button)
    with db.session() as session:
        add_member(session, first_name="Ada", last_name="Lovelace")
    with db.session() as session:
        names = set(session.scalars(select(AuditEntry.user_name).where(AuditEntry.entity == "member")))
    assert names == {"Sam Okafor"}
    assert settings.value("audit_user_name") == "Sam Okafor"  # kept for the next start


def test_no_name_keeps_the_computer_login(qtbot, db: Database, paths: Paths) -> None:
    window, settings = open_window(qtbot, db, paths)
    dialog = welcome(window, settings, str(db.sqlite_path))
    dialog.group_name.setText("Riverside Tenants")
    choose(window, dialog.empty_button)
    assert settings.value("audit_user_name") is None
