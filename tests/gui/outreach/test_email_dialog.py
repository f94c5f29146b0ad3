"""The "Email these people…" dialog: consent respected in every output; the mail program opened
through QDesktopServices.openUrl, the one call replaced here."""

from __future__ import annotations

from email import message_from_bytes
from email.policy import default
from pathlib import Path

from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QDialog

from communitydesk.config import Paths
from communitydesk.db.engine import Database
from communitydesk.gui.outreach import email_dialog, email_people
from communitydesk.services.members.records import add_member
from communitydesk.services.settings.group_settings import save_settings
from tests.gui.test_printing import make_ctx
from tests.services.outreach.people import add_people

SHOTS = Path("/tmp")


def _dialog(qtbot, db: Database, paths: Paths, ids: list[int], **kw):
    ctx = make_ctx(db, paths)
    dialog = email_people(ctx, ids, about="Street", parent=None, **kw)
    qtbot.addWidget(dialog)
    dialog.loading.wait()
    qtbot.waitUntil(lambda: dialog.start is not None, timeout=20_000)
    return dialog


def test_only_consenting_people_reach_the_link_the_clipboard_and_the_draft(qtbot, db, paths, tmp_path,
                                                                          monkeypatch):
    ids = add_people(db)
    with db.session() as session:
        save_settings(session, group_email="hello@elmstreet.org")
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl",
                        lambda url: opened.append(url.toString(url.ComponentFormattingOption.FullyEncoded)) or True)
    dialog = _dialog(qtbot, db, paths, list(ids.values()))
    assert "2 people, in Bcc" in dialog.summary.text() and "one compose window" in dialog.summary.text()
    assert dialog.left_out.text().startswith("3 left out: 2 no consent to email, 1 no email address")
    assert not dialog.names.isVisible()
    dialog.names_button.click()
    assert sorted(dialog.names.item(i).text() for i in range(dialog.names.count())) == [
        "Pat Noemail: no email address", "Sam Phoneonly: no consent to email",
        "Secret Noconsent: no consent to email"]
    dialog.subject.setText("Bins & recycling")
    dialog.open_button.click()
    assert opened == ["mailto:hello@elmstreet.org?bcc=zoe%2Bnews@example.org,lukasz%26co@example.org"
                      "&subject=Bins%20%26%20recycling"]
    dialog.copy_button.click()
    clip = QGuiApplication.clipboard().text()
    assert clip == "zoe+news@example.org, lukasz&co@example.org"
    saved = dialog.save_draft(str(tmp_path / "draft.eml"))
    message = message_from_bytes(saved.read_bytes(), policy=default)
    assert message["Bcc"] == clip and message["To"] == "hello@elmstreet.org"
    for output in (*opened, clip, saved.read_text()):
        assert "secret" not in output.lower() and "sam@" not in output
    dialog.resize(1366, 768)
    dialog.grab().save(str(SHOTS / "outreach-email-1366.png"))
    dialog.resize(1024, 640)
    dialog.grab().save(str(SHOTS / "outreach-email-1024.png"))


def test_many_people_open_several_windows_after_asking(qtbot, db, paths, monkeypatch):
    with db.session() as session:
        ids = [add_member(session, first_name=f"Person{n}", last_name="Many",
                          email=f"person.number{n}+x@example.org", consent_email=True).id for n in range(200)]
    opened: list[object] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    asked: list[str] = []
    monkeypatch.setattr(email_dialog, "confirm", lambda *a, **k: asked.append(a[2]) or True)
    dialog = _dialog(qtbot, db, paths, ids, template="blank")
    plan = dialog.batches()
    assert plan.count > 1 and f"Opens {plan.count} compose windows" in dialog.summary.text()
    dialog.open_button.click()
    assert len(opened) == plan.count and f"{plan.count} messages" in asked[0]
    assert sum(u.toString().count("@example.org") for u in opened) == 200


def test_nobody_to_email_disables_the_buttons(qtbot, db, paths):
    with db.session() as session:
        member = add_member(session, first_name="Only", last_name="Post", address_line1="1 Road",
                            consent_post=True)
    dialog = _dialog(qtbot, db, paths, [member.id])
    assert "Nobody here can be emailed" in dialog.summary.text()
    assert not dialog.open_button.isEnabled() and not dialog.copy_button.isEnabled()


def test_members_page_emails_the_members_shown(qtbot, db, paths):
    from communitydesk.gui.members.members_page import MembersPage

    add_people(db)
    with db.session() as session:
        add_member(session, first_name="Other", last_name="Tagless", email="other@example.org",
                   consent_email=True)
    page = MembersPage(make_ctx(db, paths))
    qtbot.addWidget(page)
    page.wait_until_loaded()
    page.search.setText("example.org")  # not Pat, who has no address
    qtbot.waitUntil(lambda: len(page.shown_member_ids()) == 5, timeout=20_000)
    page.email_shown_action.trigger()
    dialog = next(w for w in page.findChildren(QDialog) if w.windowTitle().startswith("Email these people"))
    qtbot.waitUntil(lambda: dialog.start is not None, timeout=20_000)
    assert dialog.windowTitle() == "Email these people: members shown"
    assert dialog.addresses() == ["zoe+news@example.org", "other@example.org", "lukasz&co@example.org"]
    assert dialog.left_out.text().startswith("2 left out: 2 no consent to email")
