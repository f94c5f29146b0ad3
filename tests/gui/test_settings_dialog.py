"""Edit → Settings…: tabs a secretary understands, inline refusals, saving through the service rules."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLabel

from communitydesk.config import Paths
from communitydesk.db.engine import Database, open_database
from communitydesk.gui.context import AppContext, DataEvents
from communitydesk.gui.main_window import MainWindow
from communitydesk.gui.settings.settings_dialog import SettingsDialog
from communitydesk.services.settings.group_settings import load_settings


def make_window(qtbot, db: Database, paths: Paths) -> MainWindow:
    settings = QSettings(str(paths.gui_settings_file), QSettings.Format.IniFormat)
    window = MainWindow(AppContext(paths=paths, db=db, gui_settings=settings, events=DataEvents()))
    qtbot.addWidget(window)
    return window


def open_from_menu(window: MainWindow) -> SettingsDialog:
    edit = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    action = next(a for a in edit.actions() if a.text() == "&Settings…")
    assert action.shortcut() == QKeySequence("Ctrl+,")
    action.trigger()
    dialog = next(w for w in window.findChildren(SettingsDialog) if w.isVisible())
    dialog.loading.wait()
    return dialog


def press_ok(dialog: SettingsDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    if dialog.saving is not None:
        dialog.saving.wait()
    dialog.ctx.ops.wait_idle()  # the group's settings are read again, then screens are told


def test_edit_menu_sits_between_file_and_go(qtbot, db: Database, paths: Paths) -> None:
    window = make_window(qtbot, db, paths)
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus.index("&Edit") == menus.index("&File") + 1
    assert menus.index("&Go") > menus.index("&Edit")


def test_tabs_and_buddies(qtbot, db: Database, paths: Paths) -> None:
    window = make_window(qtbot, db, paths)
    window.show()
    dialog = open_from_menu(window)
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == [
        "Group", "Meetings", "Money", "People", "Language"]
    for name, editor in dialog.editors.items():  # every field is reached from its label
        form = dialog._error_rows[name][0]
        items = [form.itemAt(r, QFormLayout.ItemRole.LabelRole) for r in range(form.rowCount())]
        labels = [item.widget() for item in items if item is not None]
        assert any(isinstance(lab, QLabel) and lab.buddy() is editor for lab in labels), name
    for tab in range(dialog.tabs.count()):  # Alt+letter reaches one field, never two
        keys = [lab.text().split("&")[1][0].lower() for lab in dialog.tabs.widget(tab).findChildren(QLabel)
                if lab.buddy() is not None]
        assert len(keys) == len(set(keys)), (dialog.tabs.tabText(tab), keys)
    assert dialog.editors["group_name"].text() == "Our Community Group"
    assert dialog.editors["phone_region"].currentText() == "United Kingdom (GB)"


def test_ok_saves_and_renames_the_window(qtbot, db: Database, paths: Paths) -> None:
    window = make_window(qtbot, db, paths)
    window.show()
    dialog = open_from_menu(window)
    e = dialog.editors
    e["group_name"].setText("Riverside Tenants")
    e["default_venue"].setText("St Anne's Hall")
    e["phone_region"].setEditText("ireland")  # typed, not picked: the name is enough
    e["quorum"].kind.setCurrentIndex(2)
    e["quorum"].number.setValue(10)
    e["currency"].set_value("EUR")
    e["financial_year_start_month"].setCurrentIndex(0)
    e["dues_grace_days"].setValue(14)
    e["kiosk_pin"].setText("2468")
    e["ladder_stages"].setPlainText("New\nRegular\n\nLead\n")
    press_ok(dialog)
    assert not dialog.isVisible()
    with db.session() as s:
        saved = load_settings(s)
    assert (saved.group_name, saved.default_venue, saved.phone_region, saved.quorum, saved.currency,
            saved.financial_year_start_month, saved.dues_grace_days, saved.kiosk_pin, saved.ladder_stages) == (
        "Riverside Tenants", "St Anne's Hall", "IE", "10%", "EUR", 1, 14, "2468", ("New", "Regular", "Lead"))
    assert window.windowTitle() == "CommunityDesk — Riverside Tenants"
    assert window.group_label.text() == "Riverside Tenants"


def test_bad_values_shown_inline_and_ok_refuses(qtbot, db: Database, paths: Paths) -> None:
    window = make_window(qtbot, db, paths)
    window.show()
    dialog = open_from_menu(window)
    dialog.editors["group_name"].setText("Riverside Tenants")
    dialog.editors["kiosk_pin"].setText("12")
    dialog.editors["currency"].setEditText("pounds")
    dialog.editors["ladder_stages"].setPlainText("New\nnew")
    press_ok(dialog)
    assert dialog.isVisible()
    assert dialog.tabs.tabText(dialog.tabs.currentIndex()) == "Meetings"  # the first tab with a problem
    for name, wanted in (("kiosk_pin", "4 to 8 digits"), ("currency", "ISO 4217"),
                         ("ladder_stages", "appears twice")):
        label = dialog.error_labels[name]
        assert wanted in label.text() and not label.isHidden(), name
    assert dialog.error_labels["group_name"].isHidden()
    with db.session() as s:
        assert load_settings(s).group_name == "Our Community Group"  # nothing half-saved

    dialog.editors["kiosk_pin"].setText("")
    dialog.editors["currency"].setEditText("eur")
    dialog.editors["ladder_stages"].setPlainText("New\nRegular")
    press_ok(dialog)
    assert not dialog.isVisible()
    with db.session() as s:
        saved = load_settings(s)
    assert (saved.group_name, saved.currency, saved.kiosk_pin) == ("Riverside Tenants", "EUR", "")


def test_empty_name_refused(qtbot, db: Database, paths: Paths) -> None:
    dialog = SettingsDialog(make_window(qtbot, db, paths).ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.loading.wait()
    dialog.editors["group_name"].setText("   ")
    dialog.accept()
    assert "cannot be empty" in dialog.error_labels["group_name"].text()
    assert dialog.tabs.currentIndex() == 0


def test_cancel_changes_nothing(qtbot, db: Database, paths: Paths) -> None:
    window = make_window(qtbot, db, paths)
    window.show()
    dialog = open_from_menu(window)
    dialog.editors["group_name"].setText("Someone Else")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    with db.session() as s:
        assert load_settings(s).group_name == "Our Community Group"


def test_typed_names_find_their_codes(qtbot, db: Database, paths: Paths) -> None:
    dialog = SettingsDialog(make_window(qtbot, db, paths).ctx)
    qtbot.addWidget(dialog)
    dialog.loading.wait()
    dialog.editors["timezone"].setEditText("dublin")
    dialog.editors["currency"].setEditText("euro")
    dialog.editors["phone_region"].setEditText("pl")
    values = dialog.values()
    assert (values["timezone"], values["currency"], values["phone_region"]) == ("Europe/Dublin", "EUR", "PL")


def test_read_only_database_cannot_be_changed(qtbot, db: Database, paths: Paths) -> None:
    path = db.sqlite_path
    db.dispose()
    viewer = open_database(str(path), backups_dir=paths.backups_dir, read_only_reason="open elsewhere")
    try:
        dialog = SettingsDialog(make_window(qtbot, viewer, paths).ctx)
        qtbot.addWidget(dialog)
        dialog.loading.wait()
        assert dialog.editors["group_name"].text() == "Our Community Group"
        assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
        assert "read-only" in dialog.summary.text()
    finally:
        viewer.dispose()


def test_loading_state_until_the_stored_values_arrive(qtbot, db: Database, paths: Paths) -> None:
    from communitydesk.services.settings.group_settings import save_settings

    with db.session() as s:
        save_settings(s, group_name="Riverside Tenants")
    dialog = SettingsDialog(make_window(qtbot, db, paths).ctx)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not dialog.tabs.isEnabled() and not ok.isEnabled()  # nothing to edit or save yet
    assert "loading" in dialog.windowTitle().lower()
    assert dialog.editors["group_name"].text() == ""
    dialog.loading.wait()
    assert dialog.tabs.isEnabled() and ok.isEnabled() and dialog.windowTitle() == "Settings"
    assert dialog.editors["group_name"].text() == "Riverside Tenants"


def test_a_refused_save_keeps_the_dialog_open(qtbot, db: Database, paths: Paths, monkeypatch) -> None:
    from communitydesk.errors import UserError
    from communitydesk.gui.settings import settings_dialog

    dialog = SettingsDialog(make_window(qtbot, db, paths).ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.loading.wait()
    shown: list[str] = []
    monkeypatch.setattr(settings_dialog, "show_problem", lambda _parent, exc: shown.append(str(exc)))

    def refuse(_session, **_values):  # as the database would when another program locks it
        raise UserError("the database is busy; try again")

    monkeypatch.setattr(settings_dialog, "save_settings", refuse)
    press_ok(dialog)
    assert shown == ["the database is busy; try again"]
    assert dialog.isVisible() and dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
