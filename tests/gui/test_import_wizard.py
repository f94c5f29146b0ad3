"""The import wizard driven as a secretary would: file, (mapping), preview, import, Cancel."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from communitydesk.config import Paths
from communitydesk.db.engine import Database
from communitydesk.gui.members.import_wizard import PAGE_MAPPING, PAGE_PREVIEW, PAGE_RUN
from communitydesk.services.members.records import add_member, list_members
from tests.gui.test_main_window import make_window
from tests.paths import FIXTURES


@pytest.fixture
def page(qtbot, db: Database, paths: Paths):
    return make_window(qtbot, db, paths).show_page("members")


def wait_preview(qtbot, wizard) -> None:
    qtbot.waitUntil(lambda: wizard.preview_page.result is not None
                    or "Cannot" in wizard.preview_page.summary.text(), timeout=30_000)


def test_known_export_skips_mapping_and_imports(qtbot, page, db: Database) -> None:
    wizard = page.import_members(str(FIXTURES / "google_contacts.csv"))
    wizard.next()
    assert wizard.currentId() == PAGE_PREVIEW  # no mapping step for a Google export
    wait_preview(qtbot, wizard)
    preview = wizard.preview_page
    assert "Google Contacts export" in preview.subTitle()
    assert preview.result.created == 26 and preview.people.rowCount() == 26
    assert preview.isComplete()
    with db.session() as s:
        assert list_members(s) == []  # the preview wrote nothing
    wizard.next()
    assert wizard.currentId() == PAGE_RUN
    qtbot.waitUntil(lambda: wizard.run_page.is_done, timeout=30_000)
    assert "26 new members" in wizard.run_page.status.text()
    page.ctx.ops.wait_idle()  # the list's refresh, started by what the import changed
    assert page.model.rowCount() == 26  # the list refreshed itself
    assert page.tag_filter.findData("Mill Lane block") > 0


def test_preview_lists_problem_rows_and_conflicts(qtbot, page, db: Database, tmp_path: Path) -> None:
    with db.session() as s:
        add_member(s, first_name="Ann", last_name="Lee", email="ann@example.org", town="York")
    path = tmp_path / "list.csv"
    path.write_text("First Name,Last Name,Email,Town\nAnn,Lee,ann@example.org,Hull\n"
                    "Bo,Ng,bo@@bad,\nCy,Po,cy@example.org,\n", encoding="utf-8")
    wizard = page.import_members(str(path))
    wizard.next()
    wait_preview(qtbot, wizard)
    preview = wizard.preview_page
    assert preview.problems.rowCount() == 1
    assert preview.problems.item(0, 0).data(0) == 3 and preview.problems.item(0, 1).text() == "email"
    assert preview.conflicts.rowCount() == 1
    assert [preview.conflicts.item(0, c).text() for c in (2, 3, 4)] == ["town", "York", "Hull"]
    assert preview.tabs.tabText(1) == "Problems (1)"


def test_unknown_headers_get_a_mapping_step(qtbot, page, db: Database, tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("Who,Contact,Mob,Colour\nAnn Lee,ann@example.org,07700 900123,red\n",
                    encoding="utf-8")
    wizard = page.import_members(str(path))
    wizard.next()
    assert wizard.currentId() == PAGE_MAPPING
    mapping = wizard.mapping_page
    chosen = {h: c.currentData() for h, c in mapping.combos}
    assert chosen == {"Who": "full_name", "Contact": "email", "Mob": "phone", "Colour": "ignore"}
    for header in ("Who", "Contact"):
        mapping.choose(header, "ignore")
    wizard.next()
    assert wizard.currentId() == PAGE_MAPPING and "No usable column" in mapping.error.text()
    mapping.choose("Who", "full_name")
    wizard.next()
    assert wizard.currentId() == PAGE_PREVIEW
    wait_preview(qtbot, wizard)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.run_page.is_done, timeout=30_000)
    with db.session() as s:
        (ann,) = list_members(s)
    assert (ann.first_name, ann.last_name, ann.phone, ann.email) == (
        "Ann", "Lee", "+44 7700 900123", None)


def test_unreadable_file_is_explained_on_the_first_page(qtbot, page, tmp_path: Path) -> None:
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 50)
    wizard = page.import_members(str(path))
    wizard.next()
    assert wizard.currentId() == 0
    assert "photo.csv" in wizard.file_page.error.text()


def test_cancel_during_import_changes_nothing(qtbot, page, db: Database, tmp_path: Path) -> None:
    path = tmp_path / "many.csv"
    path.write_text("First Name,Last Name,Email\n" + "".join(
        f"P{i},Q,p{i}@example.org\n" for i in range(3000)), encoding="utf-8")
    wizard = page.import_members(str(path))
    wizard.next()
    wait_preview(qtbot, wizard)
    # Cancel is pressed before the worker reports any progress: the job stops at its first check.
    original = wizard.run_import

    def run_cancelled(*, dry_run: bool, **callbacks):
        operation = original(dry_run=dry_run, **callbacks)
        operation.cancel()
        return operation

    wizard.run_import = run_cancelled
    wizard.next()
    qtbot.waitUntil(lambda: wizard.run_page.is_done, timeout=30_000)
    assert "cancelled" in wizard.run_page.status.text()
    with db.session() as s:
        assert list_members(s) == []


def test_preview_lists_a_phone_kept_as_written(qtbot, page, tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("Name,Email,Phone\nAnn Archer,ann@example.org,0770090011\n"
                    "Ben Baker,ben@example.org,07700 901123\n", encoding="utf-8")
    wizard = page.import_members(str(path))
    wizard.next()
    if wizard.currentId() == PAGE_MAPPING:
        wizard.next()
    wait_preview(qtbot, wizard)
    preview = wizard.preview_page
    assert preview.tabs.tabText(1) == "Problems (1)"
    assert preview.problems.item(0, 1).text() == "phone"
    assert "'0770090011'" in preview.problems.item(0, 2).text()
    assert "a UK mobile has 11 digits" in preview.problems.item(0, 2).text()
    assert "1 row is imported with a value to check" in preview.summary.text()
    assert preview.isComplete()  # a warning does not stop the import
    preview.tabs.setCurrentIndex(1)
    for size in ((1366, 768), (1024, 640)):
        wizard.resize(*size)
        wizard.grab().save(f"/tmp/imports-phone-preview-{size[0]}.png")


def test_the_import_shows_the_runners_progress_with_cancel(qtbot, page, db: Database,
                                                           tmp_path: Path) -> None:
    """A long import gets the one progress dialog of the window; its Cancel leaves nothing."""
    from PySide6.QtWidgets import QProgressDialog, QPushButton

    path = tmp_path / "many.csv"
    path.write_text("First Name,Last Name,Email\n" + "".join(
        f"P{i},Q,p{i}@example.org\n" for i in range(3000)), encoding="utf-8")
    wizard = page.import_members(str(path))
    wizard.next()
    wait_preview(qtbot, wizard)
    wizard.next()
    progress = [d for d in wizard.findChildren(QProgressDialog)
                if d.labelText() == "Importing members…"]
    assert len(progress) == 1 and progress[0].windowModality() == Qt.WindowModality.WindowModal
    (cancel,) = [b for b in progress[0].findChildren(QPushButton) if b.text() == "Cancel"]
    cancel.click()
    qtbot.waitUntil(lambda: wizard.run_page.is_done, timeout=30_000)
    assert "cancelled" in wizard.run_page.status.text()
    with db.session() as s:
        assert list_members(s) == []


def _names_in_preview(preview) -> list[str]:
    return sorted(preview.people.item(r, 1).text() for r in range(preview.people.rowCount()))


def test_preview_shows_the_guessed_encoding_and_a_chooser_reads_again(qtbot, page, db: Database
                                                                      ) -> None:
    """#21: an 8-bit file shows the encoding guessed; choosing another re-reads the file."""
    wizard = page.import_members(str(FIXTURES / "members_cp1250.csv"))
    wizard.next()
    wait_preview(qtbot, wizard)
    preview = wizard.preview_page
    assert preview.encoding.isVisible() and preview.encoding.currentData() == "cp1250"
    assert "cp1250" in preview.encoding.currentText() and "guessed" in preview.encoding.currentText()
    assert "Łukasz Wiśniewski" in _names_in_preview(preview)
    preview.result = None
    preview.encoding.setCurrentIndex(preview.encoding.findData("cp1252"))
    preview.encoding.activated.emit(preview.encoding.currentIndex())
    wait_preview(qtbot, wizard)
    assert "£ukasz Wiœniewski" in _names_in_preview(preview)  # read again, as chosen
    assert wizard.table.encoding == "cp1252"


def test_preview_warns_when_two_encodings_read_alike(qtbot, page, db: Database) -> None:
    wizard = page.import_members(str(FIXTURES / "members_one_name_8bit.csv"))
    wizard.next()
    wait_preview(qtbot, wizard)
    preview = wizard.preview_page
    assert preview.encoding_note.isVisible()
    assert "choose" in preview.encoding_note.text().lower()
    wizard.resize(1366, 768)
    wizard.grab().save("/tmp/names-import-encoding.png")
    wizard.resize(1024, 640)
    wizard.grab().save("/tmp/names-import-encoding-small.png")
