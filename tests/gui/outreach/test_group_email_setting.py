"""Settings → Group: the group's own email address (#18), the To of "Email these people…",
refused inline like the other fields when it is not an address."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from communitydesk.config import Paths
from communitydesk.db.engine import Database
from communitydesk.services.settings.group_settings import load_settings, save_settings
from tests.gui.test_settings_dialog import make_window, open_from_menu, press_ok


def test_group_email_is_edited_checked_and_saved(qtbot, db: Database, paths: Paths) -> None:  # noqa: ANN001
    with db.session() as s:
        save_settings(s, group_email="old@example.org")
    window = make_window(qtbot, db, paths)
    window.show()
    dialog = open_from_menu(window)
    field = dialog.editors["group_email"]
    assert field.text() == "old@example.org"
    assert dialog.tabs.tabText(dialog._tab_of["group_email"]) == "Group"
    assert any(isinstance(label, QLabel) and label.buddy() is field for label in dialog.findChildren(QLabel))

    field.setText("secretary at riverside")
    press_ok(dialog)
    assert dialog.isVisible()
    error = dialog.error_labels["group_email"]
    assert "not an email address" in error.text() and not error.isHidden()
    with db.session() as s:
        assert load_settings(s).group_email == "old@example.org"  # nothing saved

    field.setText(" Secretary@Riverside.example ")
    press_ok(dialog)
    assert not dialog.isVisible()
    with db.session() as s:
        assert load_settings(s).group_email == "secretary@riverside.example"
