"""The pseudo-locale (en_XA: accented, 40% longer, bracketed) on every covered window: any word
still in plain English is text not marked for translation, and any label or button narrower
than its text would cut a real translation off. Screenshots of each are saved with the test.

COVERED grows as more files are marked (#19): the main window's menus and status bar, About,
the first-run screen, Settings (every tab), the Members and Attendance screens with their
dialogs, and the Print menu's dialogs so far. The other screens come after their files are marked.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QSettings
from PySide6.QtWidgets import QApplication, QWidget

from communitydesk import APP_NAME, __version__
from communitydesk.config import Paths
from communitydesk.db.engine import Database
from communitydesk.gui.app import install_language
from communitydesk.gui.context import AppContext, DataEvents
from communitydesk.i18n import PSEUDO_LANGUAGE
from tests.i18n.pseudo_walk import Shown, cut_off, menu_texts, untranslated, visible_texts

SIZES = ((1366, 768), (1024, 640))  # a laptop, and a netbook: dialogs keep their own size


@dataclass(frozen=True)
class Window:
    """One covered window: how to open it, which words in it are ours, its data's words."""

    name: str
    open: Callable[[AppContext], QWidget]
    texts: Callable[[QWidget], Iterator[Shown]] = visible_texts
    pages: Callable[[QWidget], list[Callable[[], None]]] = lambda _w: [lambda: None]
    resize: bool = False  # a main window is tried at each screen size; a dialog keeps its own
    cut_scope: Callable[[QWidget], QWidget] = lambda widget: widget  # where cut-off text counts
    data: Callable[[QWidget], list[str]] = lambda _w: []  # this window's own data words (names)


def _main_window(ctx: AppContext) -> QWidget:
    from communitydesk.gui.main_window import MainWindow

    return MainWindow(ctx)


def _main_window_texts(window: QWidget) -> Iterator[Shown]:
    """The menus (the Go menu names the screens) and the status bar; the pages' own words are
    checked on their own below, once their files are marked."""
    yield Shown("windowTitle", window.windowTitle())
    yield from menu_texts(window, [window.file_menu, window.edit_menu, window.print_menu,
                                   window.menuBar().actions()[-1].menu()])
    go_menu = window.menuBar().actions()[2].menu()
    yield from menu_texts(window, [go_menu])  # the screens' names (gui/pages.py)
    yield Shown("status bar", window.db_label.text())


def _main_window_pages(window: QWidget) -> list[Callable[[], None]]:
    """Every screen of the sidebar, screenshotted; their own words are checked once marked."""
    return [lambda i=i: (window.show_page_at(i), window.wait_until_loaded())
            for i in range(len(window.specs))]


def _about(ctx: AppContext) -> QWidget:
    from communitydesk.gui.about_dialog import AboutDialog

    return AboutDialog(paths=ctx.paths, database=ctx.db.display_name)


def _first_run(_ctx: AppContext) -> QWidget:
    from communitydesk.gui.first_run.first_run_dialog import FirstRunDialog

    return FirstRunDialog()


def _settings(ctx: AppContext) -> QWidget:
    from communitydesk.gui.settings.settings_dialog import SettingsDialog

    dialog = SettingsDialog(ctx)
    dialog.loading.wait()
    return dialog


def _settings_tabs(dialog: QWidget) -> list[Callable[[], None]]:
    return [lambda i=i: dialog.tabs.setCurrentIndex(i) for i in range(dialog.tabs.count())]


def _members_page(ctx: AppContext) -> QWidget:
    from communitydesk.gui.members.members_page import MembersPage

    return MembersPage(ctx)


def _first_member_id(ctx: AppContext) -> int:
    from communitydesk.services.members.records import list_members

    with ctx.db.session() as session:
        return list_members(session)[0].id


def _member_dialog(ctx: AppContext) -> QWidget:
    from communitydesk.gui.members.member_dialog import MemberDialog

    dialog = MemberDialog(ctx, _first_member_id(ctx))
    dialog.loading.wait()
    return dialog


def _member_tabs(dialog: QWidget) -> list[Callable[[], None]]:
    """Details and the attendance tab (the other tabs are other screens' panels, marked later)."""
    return [lambda i=i: (dialog.tabs.setCurrentIndex(i), dialog.ctx.ops.wait_idle()) for i in (0, 1)]


def _new_member(ctx: AppContext) -> QWidget:
    from communitydesk.gui.members.member_dialog import MemberDialog

    dialog = MemberDialog(ctx)
    dialog.loading.wait()
    return dialog


def _duplicates(ctx: AppContext) -> QWidget:
    from communitydesk.gui.members.duplicates_dialog import DuplicatesDialog

    dialog = DuplicatesDialog(ctx)
    dialog.loading.wait()
    ctx.ops.wait_idle()
    return dialog


def _import_wizard(ctx: AppContext) -> QWidget:
    from communitydesk.gui.members.import_wizard import ImportWizard

    return ImportWizard(ctx)


def _attendance_page(ctx: AppContext) -> QWidget:
    from communitydesk.gui.attendance.attendance_page import AttendancePage

    return AttendancePage(ctx)


def _register_import(ctx: AppContext) -> QWidget:
    from communitydesk.gui.attendance.register_import_dialog import RegisterImportDialog

    return RegisterImportDialog(ctx)


def _meeting_chooser(ctx: AppContext) -> QWidget:
    from communitydesk.gui.printing.meeting_chooser_dialog import MeetingChooserDialog
    from communitydesk.i18n import _

    dialog = MeetingChooserDialog(ctx, document=_("Agenda"))
    dialog.loading.wait()
    return dialog


def _register_period(_ctx: AppContext) -> QWidget:
    from communitydesk.gui.printing.print_dialogs import RegisterPeriodDialog

    return RegisterPeriodDialog()


def _print_settings(ctx: AppContext) -> QWidget:
    from communitydesk.gui.printing.print_dialogs import PrintSettingsDialog

    dialog = PrintSettingsDialog(ctx)
    dialog.loading.wait()
    return dialog



# --- #19 item 4, second round: the Meetings, Actions, Reports, One-to-ones pages and their dialogs,
# and the privacy dialogs (gui/meetings, gui/reports, gui/one_to_ones, gui/privacy).

def _page(factory: Callable[[AppContext], QWidget]) -> Callable[[AppContext], QWidget]:
    def open_page(ctx: AppContext) -> QWidget:
        page = factory(ctx)
        page.resize(1366, 768)
        return page
    return open_page


def _meetings(ctx: AppContext) -> QWidget:
    from communitydesk.gui.meetings.meetings_page import MeetingsPage

    return MeetingsPage(ctx)


def _meetings_tabs(page: QWidget) -> list[Callable[[], None]]:
    """The list with a meeting chosen, then each of its tabs (agenda, minutes, matters arising)."""
    def choose() -> None:
        page.table.selectRow(0)
        page.editor.loading and page.editor.loading.wait()
    return [choose, *(lambda i=i: page.editor.tabs.setCurrentIndex(i)
                      for i in range(page.editor.tabs.count()))]


def _meetings_texts(page: QWidget) -> Iterator[Shown]:
    """Our words on the page; the chosen meeting's title, venue and people are its data."""
    data = {page.editor.title, page.editor.details, page.editor.minutes.item_title}
    title = page.editor.title.text()  # also inside our sentences ("the minutes of {title} …")
    yield from (Shown(s.where, s.text.replace(title, " ") if title else s.text)
                for s in visible_texts(page) if not any(
                    s.where.startswith(f"QLabel({w.objectName() or '-'})") and s.text == w.text()
                    for w in data))


def _actions(ctx: AppContext) -> QWidget:
    from communitydesk.gui.meetings.actions_page import ActionsPage

    return ActionsPage(ctx)


def _reports(ctx: AppContext) -> QWidget:
    from communitydesk.gui.reports.reports_page import ReportsPage

    return ReportsPage(ctx)


def _reports_tabs(page: QWidget) -> list[Callable[[], None]]:
    return [lambda i=i: page.tabs.setCurrentIndex(i) for i in range(page.tabs.count())]


def _one_to_ones(ctx: AppContext) -> QWidget:
    from communitydesk.gui.one_to_ones.one_to_ones_page import OneToOnesPage

    return OneToOnesPage(ctx)


def _one_to_ones_tabs(page: QWidget) -> list[Callable[[], None]]:
    return [lambda i=i: (page.tabs.setCurrentIndex(i), page.wait_until_loaded())
            for i in range(page.tabs.count())]


def _one_to_ones_texts(page: QWidget) -> Iterator[Shown]:
    """The ladder's stage names are the group's own words (Settings), not the catalogue's."""
    yield from (s for s in visible_texts(page) if not s.where.startswith("QLabel(stageTitle)")
                or s.text.startswith("["))


def _meeting_dialog(ctx: AppContext) -> QWidget:
    from communitydesk.gui.meetings.meeting_dialog import MeetingDialog

    return MeetingDialog(ctx)


def _one_to_one_dialog(ctx: AppContext) -> QWidget:
    from communitydesk.gui.one_to_ones.one_to_one_dialog import OneToOneDialog

    dialog = OneToOneDialog(ctx)
    dialog.loading.wait()
    return dialog


def _retention(ctx: AppContext) -> QWidget:
    from communitydesk.gui.privacy.retention_dialog import RetentionDialog

    dialog = RetentionDialog(ctx)
    dialog.loading.wait()
    return dialog


def _audit(ctx: AppContext) -> QWidget:
    from communitydesk.gui.privacy.audit_dialog import AuditDialog

    dialog = AuditDialog(ctx)
    dialog.loading.wait()
    return dialog


def _connect(ctx: AppContext) -> QWidget:
    from communitydesk.gui.privacy.connect_dialog import ConnectDialog

    return ConnectDialog(lambda _url, _saved: None, ops=ctx.ops)


COVERED = [
    Window("main window", _main_window, _main_window_texts, pages=_main_window_pages, resize=True,
           cut_scope=lambda window: window.statusBar()),
    Window("about", _about),
    Window("first run", _first_run),
    Window("settings", _settings, pages=_settings_tabs),
    Window("members page", _members_page, resize=True),
    Window("member record", _member_dialog, pages=_member_tabs,
           data=lambda dialog: [dialog.title.text()]),  # the member's name
    Window("new member", _new_member),
    Window("duplicates", _duplicates),
    Window("import members", _import_wizard),
    Window("attendance page", _attendance_page, resize=True),
    Window("old register import", _register_import),
    Window("meeting chooser", _meeting_chooser),
    Window("register period", _register_period),
    Window("print settings", _print_settings),
    Window("meetings", _page(_meetings), _meetings_texts, pages=_meetings_tabs),
    Window("actions", _page(_actions)),
    Window("reports", _page(_reports), pages=_reports_tabs),
    Window("one-to-ones", _page(_one_to_ones), _one_to_ones_texts, pages=_one_to_ones_tabs),
    Window("meeting dialog", _meeting_dialog),
    Window("one-to-one dialog", _one_to_one_dialog),
    Window("retention", _retention),
    Window("audit trail", _audit),
    Window("connect", _connect),
]


@pytest.fixture
def pseudo(qapp: QApplication) -> Iterator[QApplication]:
    install_language(qapp, PSEUDO_LANGUAGE)
    yield qapp
    install_language(qapp, "en")


def data_words(ctx: AppContext) -> list[str]:
    """What is put into the words, not translated: names, paths, the version, the group."""
    return [APP_NAME, __version__, ctx.db.display_name, str(ctx.paths.data_dir),
            str(ctx.paths.backups_dir), str(ctx.paths.config_dir), ctx.group.group_name,
            "A4", "GBP", "Europe/London", "United Kingdom (GB)", "Pound sterling (GBP)",
            "Europe/London".replace("_", " "), *ctx.group.ladder_stages,
            "Ctrl+Shift+Q",  # a key combination, as the keyboard names it
            # Month and day names are the locale's (Qt's CLDR data), not our catalogue's.
            *(QLocale().standaloneMonthName(m, QLocale.FormatType.LongFormat) for m in range(1, 13)),
            *(QLocale().dayName(d, QLocale.FormatType.LongFormat) for d in range(1, 8))]


def settle(widget: QWidget) -> None:
    """Let layouts and the offscreen platform give every child its final size (test only)."""
    QApplication.processEvents()
    widget.layout() and widget.layout().activate()
    QApplication.processEvents()


def save_shot(widget: QWidget, folder: Path, name: str) -> None:
    path = folder / f"pseudo-{name}.png"
    widget.grab().save(str(path))
    keep = os.environ.get("COMMUNITYDESK_SCREENSHOTS")  # a folder to look at them afterwards
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(keep) / path.name)


@pytest.mark.parametrize("window", COVERED, ids=[w.name for w in COVERED])
def test_pseudo_locale_everything_translated_nothing_cut_off(
        qtbot, pseudo: QApplication, demo_db: Database, paths: Paths, tmp_path: Path,
        window: Window) -> None:
    settings = QSettings(str(paths.gui_settings_file), QSettings.Format.IniFormat)
    ctx = AppContext(paths=paths, db=demo_db, gui_settings=settings, events=DataEvents())
    ctx.load_group().wait()
    widget = window.open(ctx)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    if hasattr(widget, "wait_until_loaded"):
        widget.wait_until_loaded()
    data = data_words(ctx) + window.data(widget)
    problems: list[str] = []
    for width, height in SIZES if window.resize else ((None, None),):
        if width:
            widget.resize(width, height)
        for number, show_page in enumerate(window.pages(widget)):
            show_page()
            settle(widget)
            label = f"{window.name.replace(' ', '-')}-{number}" + (f"-{width}" if width else "")
            save_shot(widget, tmp_path, label)
            problems += [f"{label}: not translated: {s.where}: {s.text!r}"
                         for s in window.texts(widget) if untranslated(s.text, data)]
            problems += [f"{label}: cut off: {c}" for c in cut_off(window.cut_scope(widget))]
    assert not problems, "\n".join(sorted(set(problems)))
