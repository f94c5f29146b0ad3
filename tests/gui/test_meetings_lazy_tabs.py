"""The Meetings screen builds what it shows (#14): the editor's Minutes, Matters arising and
Motions tabs appear, filled in and working, when first shown; the list says "No meetings yet"
only once the meetings have been read."""

from __future__ import annotations

from datetime import datetime

from communitydesk.config import Paths
from communitydesk.db.engine import Database
from communitydesk.gui.meetings.meeting_editor import TAB_ARISING, TAB_MINUTES, TAB_MOTIONS
from communitydesk.gui.meetings.meetings_page import MeetingsPage
from communitydesk.services.meetings.actions import add_action
from communitydesk.services.meetings.agenda import add_agenda_item, list_agenda
from communitydesk.services.meetings.planning import add_meeting
from tests.gui.meetings_helpers import make_ctx

NOW = datetime(2026, 3, 1, 12, 0)


def _page(qtbot, db: Database, paths: Paths) -> MeetingsPage:  # noqa: ANN001 - qtbot
    page = MeetingsPage(make_ctx(db, paths), now=lambda: NOW)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    return page


def test_tabs_built_when_first_shown_show_the_meeting_and_save(qtbot, db: Database, paths: Paths) -> None:
    with db.session() as s:
        earlier = add_meeting(s, title="February meeting", starts_at=datetime(2026, 2, 3, 19))
        add_action(s, meeting_id=earlier.id, description="Book the hall")
        march = add_meeting(s, title="March meeting", starts_at=datetime(2026, 3, 3, 19))
        for title in ("Welcome", "Reports"):
            add_agenda_item(s, march.id, title=title)
        april = add_meeting(s, title="April meeting", starts_at=datetime(2026, 4, 7, 19))
        add_agenda_item(s, april.id, title="Repairs")
    page = _page(qtbot, db, paths)
    page.wait_until_loaded()
    editor = page.editor
    assert editor.meeting.title == "March meeting"  # the next meeting
    for name in ("_minutes", "_arising", "_motions"):
        assert getattr(editor, name) is None, name  # not built until shown
    assert editor.tabs.tabText(TAB_ARISING) == "Matters a&rising (1)"  # counted without the panel

    editor.tabs.setCurrentIndex(TAB_MINUTES)
    assert editor.tabs.currentWidget() is editor.minutes and editor.minutes.isVisible()
    assert editor.tabs.tabText(TAB_MINUTES) == "&Minutes"
    with db.session() as s:
        agenda = list_agenda(s, march.id)
    assert [e.title for e in agenda][-2:] == ["Welcome", "Reports"]
    assert [editor.minutes.items.item(n).text() for n in range(editor.minutes.items.count())] == \
        [f"{e.position}. {e.title}" for e in agenda]
    editor.minutes.show_item(agenda[-1].position)
    editor.minutes.minutes.setPlainText("Treasurer reported a surplus.")
    assert editor.minutes.save_current() is not None
    page.wait_until_loaded()
    with db.session() as s:
        assert list_agenda(s, march.id)[-1].minutes == "Treasurer reported a surplus."

    editor.tabs.setCurrentIndex(TAB_ARISING)
    assert editor.tabs.currentWidget() is editor.arising and editor.arising.isVisible()
    assert [a.description for a in editor.arising.model.rows()] == ["Book the hall"]

    editor.tabs.setCurrentIndex(TAB_MOTIONS)
    assert editor.tabs.currentWidget() is editor.motions and editor.motions.isVisible()
    assert editor.motions.meeting_id == march.id
    page.wait_until_loaded()
    assert editor.motions.screen is not None  # read when shown

    assert page.select_meeting(april.id)  # the tabs built follow the next meeting
    page.wait_until_loaded()
    assert editor.motions.meeting_id == april.id
    editor.tabs.setCurrentIndex(TAB_MINUTES)
    assert editor.minutes.items.item(editor.minutes.items.count() - 1).text().endswith(". Repairs")
    assert [editor.tabs.tabText(n) for n in range(editor.tabs.count())] == \
        ["&Agenda", "&Minutes", "Matters a&rising (1)", "Mo&tions"]


def test_a_tab_asked_for_before_the_meeting_arrives_is_filled_in_when_it_does(
        qtbot, db: Database, paths: Paths) -> None:
    with db.session() as s:
        march = add_meeting(s, title="March meeting", starts_at=datetime(2026, 3, 3, 19))
        add_agenda_item(s, march.id, title="Welcome")
    page = _page(qtbot, db, paths)
    minutes = page.editor.minutes  # built at once, before any meeting has been read
    assert minutes.items.count() == 0
    page.wait_until_loaded()
    assert [minutes.items.item(n).text() for n in range(minutes.items.count())] == ["1. Welcome"]


def test_no_meetings_yet_only_once_the_meetings_are_read(qtbot, db: Database, paths: Paths) -> None:
    page = _page(qtbot, db, paths)
    assert page.list_stack.currentWidget() is page.table  # still reading: no claim yet
    page.wait_until_loaded()
    assert page.list_stack.currentWidget() is page.empty
    assert page.empty.title.text() == "No meetings yet"
