"""Renewals due as an audience (#18): "Email these people…" on the Dues screen acts on its
filter, and the Email and Letters dialogs can choose due / grace / lapsed members. Consent
still decides: someone due who did not agree to email never reaches the link, the
clipboard or the draft."""

from __future__ import annotations

from email import message_from_bytes
from email.policy import default

from PySide6.QtCore import QDate
from PySide6.QtGui import QDesktopServices, QGuiApplication

from communitydesk.gui.dues.dues_page import DUE_SOON, DuesPage
from communitydesk.gui.outreach import email_people
from communitydesk.services.outreach.audiences import DUE_SOON as DUE_SOON_AUDIENCE
from communitydesk.services.outreach.audiences import GRACE_OR_LAPSED, RENEWALS
from communitydesk.services.settings.group_settings import save_settings
from tests.gui.outreach.test_print_dialogs import _open, _preview_text
from tests.gui.test_printing import make_ctx
from tests.services.outreach.dues_people import TODAY, add_people_with_dues


def _loaded(qtbot, dialog) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: dialog.start is not None and dialog.audience.isEnabled(), timeout=20_000)
    dialog.ctx.ops.wait_idle()


def test_dues_page_emails_its_filter_and_consent_still_applies(qtbot, db, paths, tmp_path,  # noqa: ANN001
                                                                monkeypatch) -> None:
    add_people_with_dues(db)
    with db.session() as session:
        save_settings(session, group_email="hello@elmstreet.org")
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl",
                        lambda url: opened.append(url.toString(url.ComponentFormattingOption.FullyEncoded)) or True)
    page = DuesPage(make_ctx(db, paths))
    qtbot.addWidget(page)
    page.on.setDate(QDate(TODAY.year, TODAY.month, TODAY.day))
    page.ctx.ops.wait_idle()
    page.state.setCurrentIndex(page.state.findData(DUE_SOON))
    assert sorted(r.name for r in page.model.rows()) == ["Secret Noconsent", "Zoë Ångström"]
    page.email_button.click()
    dialog = page.email_dialog
    qtbot.addWidget(dialog)
    _loaded(qtbot, dialog)
    assert "due in the next 30 days" in dialog.windowTitle()
    assert dialog.template.currentData() == "renewal"
    assert dialog.subject.text() == "Renewing your membership of Our Community Group"
    assert "due for renewal" in dialog.body.toPlainText()
    assert dialog.addresses() == ["zoe+news@example.org"]
    assert dialog.left_out.text().startswith("1 left out: 1 no consent to email")
    dialog.subject.setText("Your renewal")
    dialog.body.setPlainText("")
    dialog.open_button.click()
    dialog.copy_button.click()
    clip = QGuiApplication.clipboard().text()
    saved = dialog.save_draft(str(tmp_path / "renewals.eml"))
    assert opened == ["mailto:hello@elmstreet.org?bcc=zoe%2Bnews@example.org&subject=Your%20renewal"]
    assert clip == "zoe+news@example.org"
    assert message_from_bytes(saved.read_bytes(), policy=default)["Bcc"] == "zoe+news@example.org"
    for output in (*opened, clip, saved.read_text()):
        assert "secret" not in output.lower()


def test_email_dialog_audience_renewals_due(qtbot, db, paths) -> None:  # noqa: ANN001
    ids = add_people_with_dues(db)
    dialog = email_people(make_ctx(db, paths), [ids["Pat Noemail"]], about="Pat", parent=None)
    qtbot.addWidget(dialog)
    dialog.today = TODAY
    _loaded(qtbot, dialog)
    assert dialog.addresses() == [] and not dialog.days.isEnabled()
    dialog.names_button.click()  # Pat: no email address
    assert dialog.names.isVisibleTo(dialog)
    dialog.choose_audience(RENEWALS, days=30)
    assert dialog.days.isEnabled()
    dialog.ctx.ops.wait_idle()
    assert sorted(dialog.addresses()) == ["lukasz&co@example.org", "zoe+news@example.org"]
    assert sorted(p.name for p in dialog.start.people.left_out) == ["Sam Phoneonly", "Secret Noconsent"]
    assert dialog.open_button.isEnabled()
    dialog.choose_audience(GRACE_OR_LAPSED)
    dialog.ctx.ops.wait_idle()
    assert dialog.addresses() == ["lukasz&co@example.org"] and not dialog.days.isEnabled()
    dialog.choose_audience(DUE_SOON_AUDIENCE, days=1)  # nobody: no one left out either
    dialog.ctx.ops.wait_idle()
    assert dialog.addresses() == [] and not dialog.names.isVisibleTo(dialog)
    assert not dialog.open_button.isEnabled()


def test_letters_for_members_in_grace_or_lapsed(qtbot, db, paths, tmp_path) -> None:  # noqa: ANN001
    add_people_with_dues(db)
    dialog = _open(qtbot, make_ctx(db, paths), "LettersDialog")
    dialog.today = TODAY
    dialog.choose_audience(GRACE_OR_LAPSED)
    assert not dialog.tag.isEnabled() and not dialog.days.isEnabled()
    qtbot.waitUntil(lambda: "Łukasz" in dialog.sample.toPlainText(), timeout=20_000)  # the sample follows
    dialog.ctx.ops.wait_idle()
    assert dialog.note.text().startswith("1 letter; 1 left out")
    text = _preview_text(qtbot, dialog, tmp_path)
    assert "Łukasz" in text and "Zoë" not in text and "Secret" not in text and "Pat" not in text
    assert dialog.note.text().startswith("1 letter. 1 left out")  # Sam: no postal address
