"""The Privacy tab, retention and audit dialogs, the connect dialog and the conflict dialog."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from sqlalchemy import update

from communitydesk.config import Paths
from communitydesk.db.engine import Database
from communitydesk.db.models import Member
from communitydesk.errors import ConflictError
from communitydesk.gui.common.conflict_dialog import ConflictDialog
from communitydesk.gui.context import AppContext, DataEvents
from communitydesk.gui.members.member_panels import member_panels
from communitydesk.gui.privacy.audit_dialog import AuditDialog
from communitydesk.gui.privacy.connect_dialog import ConnectDialog
from communitydesk.gui.privacy.privacy_panel import PrivacyPanel
from communitydesk.gui.privacy.retention_dialog import RetentionDialog
from communitydesk.services.members.records import add_member, get_member, update_member


def _ctx(db: Database, paths: Paths) -> AppContext:
    settings = QSettings(str(paths.gui_settings_file), QSettings.Format.IniFormat)
    return AppContext(paths=paths, db=db, gui_settings=settings, events=DataEvents())


@pytest.fixture
def member_id(db: Database) -> int:
    with db.session() as s:
        return add_member(s, first_name="Bożena", last_name="Wiśniewska", email="bw@example.org",
                          consent_email=True, consent_date=date(2025, 5, 1),
                          consent_source="paper form").id


def test_privacy_tab_is_registered_as_sensitive() -> None:
    panel = next(p for p in member_panels() if p.key == "privacy")
    assert panel.title == "Privacy" and panel.sensitive


def test_privacy_tab_shows_consent_read_only(qtbot, db: Database, paths: Paths,
                                            member_id: int) -> None:
    """Consent is edited in one place (the record's Details, one Save); here it is only shown."""
    from PySide6.QtWidgets import QAbstractButton, QCheckBox, QDateEdit, QLineEdit

    from communitydesk.gui.common.dates import long_date

    ctx = _ctx(db, paths)
    panel = PrivacyPanel(ctx, member_id)
    qtbot.addWidget(panel)
    assert panel.loader.op is None and not panel.erase_button.isEnabled()  # read when first shown
    panel.show()
    ctx.ops.wait_idle()
    assert not panel.findChildren(QCheckBox) and not panel.findChildren(QDateEdit)
    assert not panel.findChildren(QLineEdit)
    assert not [b for b in panel.findChildren(QAbstractButton) if "Save" in b.text()]
    assert panel.consent_channels.text() == "Email"
    assert panel.consent_given.text() == f"{long_date(date(2025, 5, 1))}, paper form"
    with qtbot.waitSignal(panel.edit_requested) as asked:
        panel.change_consent_button.click()
    assert asked.args == ["consent_email"]


def test_consent_edited_once_in_the_member_record(qtbot, db: Database, paths: Paths,
                                                   member_id: int) -> None:
    from PySide6.QtWidgets import QPushButton

    from communitydesk.gui.members.member_dialog import MemberDialog

    ctx = _ctx(db, paths)
    dialog = MemberDialog(ctx, member_id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.loading.wait()
    saves = [b for b in dialog.findChildren(QPushButton) if "Save" in b.text()]
    assert saves == [dialog.save_button]
    panel = dialog.panel("privacy")  # built when its tab is first shown
    dialog.tabs.setCurrentWidget(panel)
    ctx.ops.wait_idle()
    panel.change_consent_button.click()
    assert dialog.tabs.currentIndex() == 0
    box = dialog.fields.edits["consent_phone"]
    qtbot.waitUntil(lambda: dialog.fields.edits["consent_email"].hasFocus())
    box.setChecked(True)
    dialog.fields.edits["consent_source"].setText("phone call, 3 March")
    saving = dialog.save()
    assert saving
    saving.wait()
    with db.session() as s:
        record = get_member(s, member_id)
    assert record.consent_phone and record.consent_source == "phone call, 3 March"
    assert record.consent_date == date(2025, 5, 1)
    dialog.tabs.setCurrentWidget(panel)  # a hidden tab reads the record again when shown
    ctx.ops.wait_idle()
    assert panel.consent_channels.text() == "Email, phone"  # the tab follows the save
    assert "phone call, 3 March" in panel.consent_given.text()


def test_export_and_erase_from_the_tab(qtbot, db: Database, paths: Paths, member_id: int,
                                       tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ctx = _ctx(db, paths)
    panel = PrivacyPanel(ctx, member_id)
    qtbot.addWidget(panel)
    panel.show()
    ctx.ops.wait_idle()
    monkeypatch.setattr(PrivacyPanel, "export_target", staticmethod(lambda *_: tmp_path / "bw.json"))
    panel.export_dialog().wait()
    assert json.loads((tmp_path / "bw.json").read_text(encoding="utf-8"))["details"]["email"] == "bw@example.org"
    assert (tmp_path / "bw.pdf").exists()
    monkeypatch.setattr(PrivacyPanel, "confirm_erase", staticmethod(lambda *_: False))
    assert panel.erase() is None
    with db.session() as s:
        assert get_member(s, member_id).email == "bw@example.org"  # cancelled: unchanged
    monkeypatch.setattr(PrivacyPanel, "confirm_erase", staticmethod(lambda *_: True))
    with qtbot.waitSignal(ctx.events.changed):
        panel.erase()
    ctx.ops.wait_idle()
    with db.session() as s:
        assert get_member(s, member_id).email is None
    assert "Erased" in panel.status.text() and not panel.erase_button.isEnabled()


def test_retention_dialog_lists_and_anonymises_after_confirmation(
        qtbot, qtmodeltester, db: Database, paths: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    with db.session() as s:
        gone = add_member(s, first_name="Long", last_name="Gone", status="left").id
        add_member(s, first_name="Still", last_name="Here")
        s.execute(update(Member).where(Member.id == gone).values(updated_at=datetime(2020, 1, 1),
                                                                  created_at=datetime(2020, 1, 1)))
    ctx = _ctx(db, paths)
    dialog = RetentionDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.summary.text() == "Loading…" and not dialog.anonymise_button.isEnabled()
    dialog.loading.wait()
    qtmodeltester.check(dialog.model)
    assert dialog.model.rowCount() == 1 and dialog.model.rows()[0][0] == "Long Gone"
    index = dialog.model.index(0, 0)
    assert dialog.model.data(index, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    monkeypatch.setattr(RetentionDialog, "confirm", staticmethod(lambda *_: False))
    assert dialog.anonymise_checked() is None
    with db.session() as s:
        assert get_member(s, gone).anonymised_at is None
    monkeypatch.setattr(RetentionDialog, "confirm", staticmethod(lambda *_: True))
    dialog.anonymise_checked()
    ctx.ops.wait_idle()
    with db.session() as s:
        assert get_member(s, gone).anonymised_at is not None
    assert dialog.model.rowCount() == 0
    assert dialog.summary.text().startswith("Anonymised 1 person. Backup: ")
    dialog.lapsed.setValue(0)
    dialog.save_rules()
    ctx.ops.wait_idle()
    assert "never" in dialog.lapsed.text()


def test_audit_dialog_shows_and_filters(qtbot, qtmodeltester, db: Database, paths: Paths,
                                        member_id: int) -> None:
    with db.session() as s:
        update_member(s, member_id, {"phone": "0123"}, expected_version=1)
    dialog = AuditDialog(_ctx(db, paths))
    qtbot.addWidget(dialog)
    dialog.loading.wait()
    qtmodeltester.check(dialog.model)
    assert dialog.model.rowCount() == 2
    dialog.search.setText("phone")
    assert dialog.proxy.rowCount() == 1
    dialog.user_name.setText("Ann (secretary)")
    dialog.save_user_name()
    with db.session() as s:
        update_member(s, member_id, {"phone": "0456"}, expected_version=2)
    again = AuditDialog(_ctx(db, paths))
    qtbot.addWidget(again)
    again.loading.wait()
    assert again.model.rows()[0][1] == "Ann (secretary)"


@pytest.mark.postgres
def test_connect_dialog_keeps_the_form_on_failure_and_stores_password_safely(
        qtbot, pg_server, db: Database, paths: Paths, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from communitydesk.db.engine import open_database

    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "pgpass"))
    opened: list[str] = []

    def connect(url: str, saved: str) -> None:
        db = open_database(url, backups_dir=tmp_path / "b")
        db.dispose()
        opened.append(saved)

    ctx = _ctx(db, paths)
    dialog = ConnectDialog(connect, ops=ctx.ops)
    qtbot.addWidget(dialog)
    dialog.host.setText("127.0.0.1")
    dialog.port.setValue(1)  # nothing listens there
    dialog.database.setText("postgres")
    dialog.user.setText("cd")
    dialog.password.setText("s3cret")
    trying = dialog.try_connect()
    assert trying is not None and "Connecting" in dialog.message.text()
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()  # no second try meanwhile
    trying.wait()
    assert dialog.connected is False
    assert "Could not connect" in dialog.message.text()
    assert dialog.host.text() == "127.0.0.1" and dialog.password.text() == "s3cret"
    assert dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    dialog.port.setValue(pg_server.port)
    dialog.try_connect().wait()
    assert dialog.connected is True
    assert opened and "s3cret" not in opened[0]
    pgpass = tmp_path / "pgpass"
    assert pgpass.read_text().strip().endswith(":s3cret") and pgpass.stat().st_mode & 0o077 == 0


def test_conflict_dialog_screenshot(qtbot, tmp_path: Path) -> None:
    error = ConflictError(
        "Halina Kowalska was changed by someone else while you were editing",
        mine={"phone": "+44 7700 900333", "email": "halina@example.org",
              "notes": "Call after six; happy to leaflet Block C", "postcode": "NB1 2GS"},
        theirs={"phone": "+44 7700 900222", "email": "halina@example.org",
                "notes": "Moved to Block D in May", "postcode": "NB1 2GS"})
    dialog = ConflictDialog(error)
    qtbot.addWidget(dialog)
    dialog.show()
    shot = tmp_path / "conflict-dialog.png"
    assert dialog.grab().save(str(shot))
    assert shot.stat().st_size > 5000
    assert dialog.fields == ["phone", "notes"]


@pytest.mark.parametrize("locale_name", ["en_GB", "en_US"])
def test_audit_dialog_names_people_in_plain_words_and_local_dates(
        qtbot, db: Database, paths: Paths, member_id: int, locale_name: str) -> None:
    """Not "member 73 insert": who, what record, the plain verb, the date as the locale writes it."""
    from PySide6.QtCore import QLocale

    from communitydesk.gui.common.dates import short_datetime
    from communitydesk.services.privacy.erasure import erase_member

    previous = QLocale()
    QLocale.setDefault(QLocale(locale_name))
    try:
        with db.session() as s:
            update_member(s, member_id, {"phone": "0123", "email": "b@example.org"},
                          expected_version=1)
            other = add_member(s, first_name="Ann", last_name="Lee").id
        with db.session() as s:
            erase_member(s, other)
        dialog = AuditDialog(_ctx(db, paths))
        qtbot.addWidget(dialog)
        dialog.loading.wait()
        headers = [dialog.model.headerData(c, Qt.Orientation.Horizontal)
                   for c in range(dialog.model.columnCount())]
        assert headers == ["When", "Who", "Record", "Change"]
        shown = {(dialog.model.index(r, 2).data(), dialog.model.index(r, 3).data())
                 for r in range(dialog.model.rowCount())}
        assert ("Bożena Wiśniewska", "added") in shown
        assert ("Bożena Wiśniewska", "changed email, phone") in shown
        assert ("a deleted person", "anonymised") in shown
        assert not any("Ann" in record or "member" in record for record, _ in shown)
        when = dialog.model.index(0, 0).data()
        with db.session() as s:
            from communitydesk.services.privacy.audit import list_audit_entries
            newest = list_audit_entries(s)[0].at
        assert when == short_datetime(newest)
        assert ("/" in when) and (when.index("/") <= 2)
        if locale_name == "en_US":
            assert when.split("/")[0] == str(newest.month)
        else:
            assert when.split("/")[0] == f"{newest.day:02d}"
    finally:
        QLocale.setDefault(previous)


def test_connect_dialog_tries_the_server_off_the_ui_thread(
        qtbot, db: Database, paths: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    """A slow server never freezes the window: the try runs on a worker, the clock keeps ticking."""
    import threading
    import time

    from PySide6.QtCore import QTimer

    from communitydesk.gui.privacy import connect_dialog

    tried_on: list[threading.Thread] = []

    def slow_server(url: str) -> str:
        tried_on.append(threading.current_thread())
        time.sleep(0.4)  # a server far away
        return url

    monkeypatch.setattr(connect_dialog, "check_server", slow_server)
    switched: list[str] = []
    dialog = ConnectDialog(lambda url, saved: switched.append(saved), ops=_ctx(db, paths).ops)
    qtbot.addWidget(dialog)
    for field, text in ((dialog.host, "db.example.org"), (dialog.database, "tenants"), (dialog.user, "cd")):
        field.setText(text)
    ticks: list[float] = []
    clock = QTimer()
    clock.timeout.connect(lambda: ticks.append(time.monotonic()))
    clock.start(10)
    trying = dialog.try_connect()
    assert not switched  # nothing happens on the UI thread until the server answers
    trying.wait()
    clock.stop()
    assert tried_on and tried_on[0] is not threading.main_thread()
    assert len(ticks) >= 10 and max(b - a for a, b in zip(ticks, ticks[1:], strict=False)) < 0.2
    assert dialog.connected is True and switched == ["postgresql+psycopg://cd@db.example.org:5432/tenants"]


def test_a_password_typed_now_wins_over_a_remembered_one(monkeypatch: pytest.MonkeyPatch) -> None:
    from communitydesk.services.core import credentials
    from communitydesk.services.core.connection_check import server_url

    monkeypatch.setattr(credentials, "load_password", lambda server: "old-password")
    typed = "postgresql+psycopg://cd:new-password@db.example.org:5432/tenants"
    assert server_url(typed) == typed
    saved = "postgresql+psycopg://cd@db.example.org:5432/tenants"
    assert server_url(saved) == "postgresql+psycopg://cd:old-password@db.example.org:5432/tenants"
