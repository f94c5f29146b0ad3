"""#14: the window does less on the UI thread when a screen is first opened.

Pages build their heavy parts in a later event-loop turn, and the code of the other screens
and of the PDF layout is imported in the background once the window shows."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import datetime

from PySide6.QtCore import QEventLoop, QTimer

from communitydesk.config import Paths
from communitydesk.db.engine import Database
from communitydesk.gui.context import AppContext
from communitydesk.gui.meetings.meetings_page import MeetingsPage
from communitydesk.services.meetings.planning import add_meeting
from tests.gui.meetings_helpers import make_ctx
from tests.paths import REPO


def _turn() -> None:
    loop = QEventLoop()
    QTimer.singleShot(0, loop.quit)
    loop.exec()


def _page_with_a_meeting(qtbot, db: Database, paths: Paths) -> tuple[MeetingsPage, AppContext, int]:  # noqa: ANN001
    """A Meetings page, not yet shown, over one meeting planned two days ahead."""
    with db.session() as s:
        meeting_id = add_meeting(s, title="General meeting", starts_at=datetime(2026, 3, 3, 19)).id
    ctx = make_ctx(db, paths)
    page = MeetingsPage(ctx, now=lambda: datetime(2026, 3, 1, 12))
    qtbot.addWidget(page)
    return page, ctx, meeting_id


def test_meetings_page_builds_its_editor_after_the_page(qtbot, db: Database, paths: Paths) -> None:
    page, _ctx, meeting_id = _page_with_a_meeting(qtbot, db, paths)
    assert page._editor is None  # the list and its header first: one short stall, not one long one
    qtbot.waitUntil(lambda: page._editor is not None, timeout=5_000)
    assert page._editor is not None and page.editor_stack.indexOf(page._editor) >= 0
    page.show()
    page.wait_until_loaded()
    assert page.editor.meeting_id == meeting_id  # the next meeting opens in it as before


def test_meetings_page_reads_its_list_after_its_own_turn(qtbot, db: Database, paths: Paths) -> None:
    page, ctx, _id = _page_with_a_meeting(qtbot, db, paths)
    page.show()
    assert page.loading is None and not ctx.ops.busy  # nothing reads beside the page's first layout
    qtbot.waitUntil(lambda: page.loading is not None)
    page.wait_until_loaded()
    assert page.model.rowCount() == 1


def test_an_editor_asked_for_before_the_next_turn_is_built_then(qtbot, db: Database, paths: Paths) -> None:
    page = MeetingsPage(make_ctx(db, paths))
    qtbot.addWidget(page)
    editor = page.editor
    _turn()
    assert page.editor is editor and page.editor_stack.indexOf(editor) >= 0  # built once


def test_warm_up_imports_the_screens_and_the_pdf_fonts_in_the_background() -> None:
    """In a fresh interpreter: nothing of a screen's or ReportLab's code is loaded before,
    everything after, each step on one of the operation runner's workers, never the UI thread."""
    script = textwrap.dedent("""
        import sys, threading
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        from communitydesk.gui.operations import OperationRunner
        from communitydesk.gui.pages import page_specs
        from communitydesk.gui.warm_up import PDF_MODULES, warm_up
        modules = [spec.module for spec in page_specs()]
        assert len(modules) == len(page_specs()) and all(modules)
        assert "communitydesk.gui.meetings.meetings_page" not in sys.modules
        assert "reportlab.platypus" not in sys.modules
        warm = warm_up(OperationRunner(lambda: None), modules)
        assert warm.wait(120), "the warm-up finished"
        assert warm.threads and threading.get_ident() not in warm.threads
        assert warm.loaded == [*modules, *PDF_MODULES], warm.loaded
        import communitydesk.pdf.fonts as fonts
        assert fonts._registered
        print("warm")
    """)
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True,
                          timeout=180, env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert done.stdout.strip().endswith("warm"), done.stderr[-2000:]


def test_a_page_hidden_before_its_first_read_reads_when_shown_again(qtbot, db: Database, paths: Paths) -> None:
    page, ctx, _id = _page_with_a_meeting(qtbot, db, paths)
    assert page.loading is None
    _turn()
    assert page.loading is None  # never shown: nothing read
    page.show()
    page.hide()  # another screen chosen before the read was due
    qtbot.wait(80)
    assert page.loading is None and not ctx.ops.busy
    page.show()
    qtbot.waitUntil(lambda: page.loading is not None)
    page.wait_until_loaded()
    assert page.model.rowCount() == 1
