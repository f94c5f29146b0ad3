"""Print dialogs for labels, badges, letters and the phone tree, from the Print menu."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from communitydesk.gui.outreach.menu import open_dialog
from communitydesk.gui.outreach.print_dialogs import LabelsDialog
from communitydesk.services.meetings.planning import add_meeting
from tests.gui.test_printing import make_ctx, make_window
from tests.pdf.poppler import flat, pdftotext
from tests.services.outreach.people import add_people

SHOTS = Path("/tmp")


def _open(qtbot, window_or_ctx, name: str, parent=None):
    dialog = open_dialog(name, window_or_ctx, parent)
    qtbot.addWidget(dialog)
    dialog.loading.wait()
    qtbot.waitUntil(dialog.preview_button.isEnabled, timeout=20_000)
    return dialog


def _preview_text(qtbot, dialog, tmp_path: Path) -> str:
    dialog.preview_button.click()
    qtbot.waitUntil(lambda: dialog.preview_dialog is not None, timeout=60_000)
    qtbot.addWidget(dialog.preview_dialog)
    pdf = tmp_path / f"{dialog.file_name}.pdf"
    pdf.write_bytes(dialog.preview_dialog.pdf)
    return flat(pdftotext(pdf))


def _shots(dialog, name: str) -> None:
    for width, height in ((1366, 768), (1024, 640)):
        dialog.resize(width, height)
        dialog.grab().save(str(SHOTS / f"outreach-{name}-{width}.png"))


def test_print_menu_opens_the_labels_dialog_and_labels_need_post_consent(qtbot, db, paths, tmp_path):
    add_people(db)
    window = make_window(qtbot, db, paths)
    action = next(a for a in window.print_menu.actions() if a.data() == "LabelsDialog")
    action.trigger()
    dialog = window.findChild(LabelsDialog, "LabelsDialog")
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.preview_button.isEnabled, timeout=20_000)
    dialog.tag.setCurrentIndex(dialog.tag.findData("street"))
    dialog.layout_choice.setCurrentIndex(dialog.layout_choice.findData("L7163"))
    assert dialog.start.maximum() == 14
    dialog.start.setValue(3)
    dialog.outline.setChecked(True)
    text = _preview_text(qtbot, dialog, tmp_path)
    assert "Zoë Ångström" in text and "Łukasz Wiśniewski" in text and "Secret" not in text
    assert dialog.note.text().startswith("2 labels. 3 left out: 2 no consent to post")
    dialog.layout_choice.setCurrentIndex(dialog.layout_choice.findData("custom"))
    assert dialog.custom.isVisibleTo(dialog)
    _shots(dialog, "labels")


def test_badges_dialog_defaults_to_the_next_meeting(qtbot, db, paths, tmp_path):
    add_people(db)
    with db.session() as session:
        add_meeting(session, title="Last month", starts_at=datetime.now() - timedelta(days=30))
        coming = add_meeting(session, title="Street meeting", starts_at=datetime.now() + timedelta(days=3))
    dialog = _open(qtbot, make_ctx(db, paths), "BadgesDialog")
    assert dialog.meeting.currentData() == coming.id
    dialog.blanks.setValue(2)
    text = _preview_text(qtbot, dialog, tmp_path)
    assert "Zoë" in text and "Noconsent" in text and text.count("Hello, my name is") == 2
    _shots(dialog, "badges")


def test_letters_dialog_previews_a_real_member_and_refuses_unknown_fields(qtbot, db, paths, tmp_path):
    add_people(db)
    dialog = _open(qtbot, make_ctx(db, paths), "LettersDialog")
    dialog.template.setPlainText("Dear {called},\nWe write to you at {address}.\n{group_name}")
    dialog.refresh_sample()
    qtbot.waitUntil(lambda: "Dear Zoë," in dialog.sample.toPlainText(), timeout=20_000)
    assert "1 Elm St" in dialog.sample.toPlainText() and "2 letters; 3 left out" in dialog.note.text()
    text = _preview_text(qtbot, dialog, tmp_path)
    assert "Dear Zoë," in text and "Dear Łukasz," in text and "Secret" not in text
    _shots(dialog, "letters")
    dialog.template.setPlainText("Dear {first_name}, your {shoe_size}")
    dialog.refresh_sample()
    assert "unknown field {shoe_size}" in dialog.problem.text() and "{paid_until}" in dialog.problem.text()
    assert not dialog.preview_button.isEnabled()


def test_phone_tree_dialog_lists_phone_consent_only(qtbot, db, paths, tmp_path):
    add_people(db)
    dialog = _open(qtbot, make_ctx(db, paths), "PhoneTreeDialog")
    dialog.tag.setCurrentIndex(dialog.tag.findData("street"))
    text = _preview_text(qtbot, dialog, tmp_path)
    assert "Phone tree: street" in text and "Confidential" in text and "Sam Phoneonly" in text
    assert "Secret" not in text and "Łukasz" not in text
    _shots(dialog, "phonetree")


def test_a_custom_grid_that_does_not_fit_is_said_under_the_form(qtbot, db, paths):
    dialog = _open(qtbot, make_ctx(db, paths), "LabelsDialog")
    dialog.layout_choice.setCurrentIndex(dialog.layout_choice.findData("custom"))
    dialog.rows.setValue(30)
    assert dialog.start.maximum() == 90
    dialog.preview_button.click()
    qtbot.waitUntil(lambda: dialog.note.text().startswith("Cannot print:"), timeout=20_000)
    assert "do not fit on the page" in dialog.note.text() and dialog.preview_dialog is None
