"""Printing from the app: the Print menu, the meeting chooser, the preview, print and save."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QPageLayout
from PySide6.QtPrintSupport import QPrinter

from communitydesk.config import Paths
from communitydesk.db.engine import Database
from communitydesk.db.models import Meeting
from communitydesk.gui.context import AppContext, DataEvents
from communitydesk.gui.main_window import MainWindow
from communitydesk.gui.printing.meeting_chooser_dialog import (
    COL_DATE,
    COL_TITLE,
    ID_ROLE,
    MeetingChoiceTableModel,
    MeetingChooserDialog,
    likely_meeting,
)
from communitydesk.gui.printing.pdf_preview_dialog import PdfPreviewDialog
from communitydesk.gui.printing.print_dialogs import PrintSettingsDialog, RegisterPeriodDialog
from communitydesk.pdf.documents import DocumentKind, gather, render_bytes
from communitydesk.services.meetings.documents import print_settings
from communitydesk.services.meetings.planning import list_meetings
from tests.pdf.poppler import page_count


def make_ctx(db: Database, paths: Paths) -> AppContext:
    settings = QSettings(str(paths.gui_settings_file), QSettings.Format.IniFormat)
    return AppContext(paths=paths, db=db, gui_settings=settings, events=DataEvents())


def make_window(qtbot, db: Database, paths: Paths) -> MainWindow:
    window = MainWindow(make_ctx(db, paths))
    qtbot.addWidget(window)
    return window


def open_preview(qtbot, window: MainWindow, kind: DocumentKind, meeting_id: int | None = 11,
                 **period: date) -> PdfPreviewDialog:
    with qtbot.waitSignal(window.printing.preview_opened, timeout=60_000) as opened:
        window.printing.preview(kind, meeting_id, **period)
    dialog = opened.args[0]
    qtbot.addWidget(dialog)
    return dialog


def test_print_menu_lists_every_document(qtbot, demo_db: Database, paths: Paths) -> None:
    window = make_window(qtbot, demo_db, paths)
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus[-2:] == ["&Print", "&Help"]
    labels = [a.text() for a in window.print_menu.actions() if a.text()]
    assert labels == ["&Sign-in sheet…", "&Agenda…", "&Minutes…", "Meeting &pack…",
                      "Attendance &register…", "Address &labels…", "Name &badges…", "L&etters…",
                      "P&hone tree…", "Print se&ttings…"]
    assert all(not a.shortcut().isEmpty() for a in window.print_menu.actions()[:5])


def test_meeting_pack_preview_page_count_matches_pdf(qtbot, demo_db: Database, paths: Paths,
                                                      tmp_path: Path) -> None:
    window = make_window(qtbot, demo_db, paths)
    dialog = open_preview(qtbot, window, DocumentKind.PACK)
    assert dialog.isVisible()
    with demo_db.session() as s:
        _, pages = render_bytes(gather(s, DocumentKind.PACK, 11))
        held_on = s.get(Meeting, 11).starts_at.date()
    saved = tmp_path / "pack"
    dialog.save_to(saved)
    assert dialog.saved_to == tmp_path / "pack.pdf"
    assert dialog.page_count() == page_count(dialog.saved_to) == pages >= 4
    assert f"{pages} pages · A4 portrait" == dialog.info.text()
    assert dialog.file_name == f"pack-{held_on:%Y-%m-%d}.pdf"
    dialog.zoom_by(1.25)
    dialog.whole_page()
    dialog.close()


def test_print_renders_every_page_to_the_printer(qtbot, demo_db: Database, paths: Paths,
                                                  tmp_path: Path) -> None:
    window = make_window(qtbot, demo_db, paths)
    dialog = open_preview(qtbot, window, DocumentKind.REGISTER, None)
    printer = dialog.make_printer()
    assert printer.pageLayout().orientation() == QPageLayout.Orientation.Landscape
    printer.setResolution(72)  # keep the test light; real printing renders at 300 dpi
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    assert dialog.print_to(printer) == dialog.page_count()
    assert page_count(out) == dialog.page_count()


def test_unknown_meeting_warns_instead_of_crashing(qtbot, demo_db: Database, paths: Paths,
                                                   monkeypatch) -> None:
    window = make_window(qtbot, demo_db, paths)
    warnings = []
    monkeypatch.setattr("communitydesk.gui.printing.print_menu.QMessageBox.warning",
                        lambda *args: warnings.append(args[2]))
    with qtbot.waitSignal(window.printing.build_failed, timeout=60_000) as failed:
        window.printing.preview(DocumentKind.AGENDA, 999)
    assert failed.args == ["no meeting with id 999"]
    assert warnings == ["Cannot print: no meeting with id 999"]
    assert window.printing.previews == []


def test_cancelled_build_is_discarded(qtbot, demo_db: Database, paths: Paths) -> None:
    window = make_window(qtbot, demo_db, paths)
    controller = window.printing
    opened = []
    controller.preview_opened.connect(opened.append)
    job = controller.preview(DocumentKind.SIGN_IN, 11)
    controller.cancel(job)
    later = open_preview(qtbot, window, DocumentKind.AGENDA)  # a second job still opens
    assert opened == [later]


def test_meeting_chooser_newest_first_search_and_keys(qtbot, qtmodeltester, demo_db: Database,
                                                      paths: Paths) -> None:
    dialog = MeetingChooserDialog(make_ctx(demo_db, paths), document="Agenda",
                                  today=date(2026, 6, 15))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.stack.currentWidget() is dialog.waiting  # read off the UI thread
    dialog.loading.wait()
    qtmodeltester.check(dialog.model)
    qtmodeltester.check(dialog.proxy)
    with demo_db.session() as s:
        meetings = list_meetings(s)
    assert dialog.proxy.rowCount() == len(meetings)
    first = dialog.proxy.index(0, COL_DATE).data(ID_ROLE)
    assert first == max(meetings, key=lambda m: m.starts_at).id  # newest first
    assert dialog.selected_meeting() == 10  # the next meeting: Thursday 18 June
    qtbot.keyClicks(dialog.search, "committee")
    titles = {dialog.proxy.index(r, COL_TITLE).data() for r in range(dialog.proxy.rowCount())}
    assert titles == {"Committee meeting"}
    dialog.search.clear()
    qtbot.keyClicks(dialog.search, "april 2026")
    assert dialog.proxy.rowCount() == 2
    qtbot.keyClick(dialog.search, Qt.Key.Key_Down)
    assert dialog.selected_meeting() in {5, 6}
    dialog.search.setText("zzz nothing")
    assert dialog.stack.currentWidget() is dialog.no_match
    assert not dialog.preview_button.isEnabled()
    dialog.search.clear()
    dialog.proxy.sort(COL_TITLE, Qt.SortOrder.AscendingOrder)
    assert dialog.proxy.index(0, COL_TITLE).data() == "Committee meeting"
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert dialog.result() == dialog.DialogCode.Accepted


def test_meeting_chooser_on_empty_database(qtbot, db: Database, paths: Paths) -> None:
    dialog = MeetingChooserDialog(make_ctx(db, paths), document="Sign-in sheet")
    qtbot.addWidget(dialog)
    dialog.loading.wait()
    assert dialog.stack.currentWidget() is dialog.empty
    assert not dialog.preview_button.isEnabled() and dialog.selected_meeting() is None


def test_likely_meeting_prefers_the_next_one(demo_db: Database) -> None:
    with demo_db.session() as s:
        rows = list_meetings(s)
    assert likely_meeting(rows, today=date(2026, 4, 1), prefer_past=False) == 5  # Tuesday 7 April
    assert likely_meeting(rows, today=date(2026, 4, 1), prefer_past=True) == 4  # Thursday 19 March
    assert likely_meeting([], today=date(2026, 4, 1), prefer_past=False) is None


def test_model_sorting_keeps_dates_as_dates(qtmodeltester, demo_db: Database) -> None:
    model = MeetingChoiceTableModel()
    with demo_db.session() as s:
        model.set_rows(list_meetings(s))
    qtmodeltester.check(model)
    model.sort(COL_DATE, Qt.SortOrder.AscendingOrder)
    assert model.row_at(0).starts_at < model.row_at(1).starts_at


def test_print_settings_switch_to_letter(qtbot, demo_db: Database, paths: Paths) -> None:
    ctx = make_ctx(demo_db, paths)
    changed = []
    ctx.events.changed.connect(changed.append)
    dialog = PrintSettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.loading.wait()
    assert dialog.paper.currentData() == "A4"
    dialog.paper.setCurrentIndex(dialog.paper.findData("Letter"))
    dialog.accept()
    dialog.saving.wait()
    ctx.ops.wait_idle()  # screens hear of a settings change once the settings are re-read
    assert dialog.result() == dialog.DialogCode.Accepted
    assert changed == [{"settings", "audit"}]  # what the write touched, recorded by the runner
    with demo_db.session() as s:
        assert print_settings(s).paper_size == "Letter"


def test_register_period_dialog(qtbot) -> None:
    dialog = RegisterPeriodDialog(today=date(2026, 6, 15))
    qtbot.addWidget(dialog)
    assert dialog.period() == (None, None)
    dialog.set_period(date(2026, 1, 1), date(2026, 12, 31))
    assert dialog.period() == (date(2026, 1, 1), date(2026, 12, 31))
    dialog.set_period(date(2026, 3, 1), None)
    assert dialog.period() == (date(2026, 3, 1), None)


def test_first_print_of_a_sign_in_sheet_fixes_its_numbers(qtbot, demo_db: Database, paths: Paths) -> None:
    from sqlalchemy import func, select

    from communitydesk.db.models import SheetNumber

    window = make_window(qtbot, demo_db, paths)
    with demo_db.session() as s:
        assert s.scalar(select(func.count()).select_from(SheetNumber).where(SheetNumber.meeting_id == 11)) == 0
    dialog = open_preview(qtbot, window, DocumentKind.SIGN_IN)
    assert dialog.page_count() >= 1
    with demo_db.session() as s:
        assert s.scalar(select(func.count()).select_from(SheetNumber).where(SheetNumber.meeting_id == 11)) > 0
