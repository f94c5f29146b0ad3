"""In the files already marked for translation (#19), no words reach the screen or the paper
without ``_()``: a literal handed to a Qt text setter, a widget or a PDF paragraph is English
forever. MARKED grows as more files are marked; the pseudo-locale test checks the same at run
time, this check names the line."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.paths import REPO

MARKED = (
    "communitydesk/gui/main_window.py",
    "communitydesk/gui/database_actions.py",
    "communitydesk/gui/about_dialog.py",
    "communitydesk/gui/app.py",
    "communitydesk/gui/first_run/first_run.py",
    "communitydesk/gui/first_run/first_run_dialog.py",
    "communitydesk/gui/settings/settings_dialog.py",
    "communitydesk/gui/settings/choice_widgets.py",
    "communitydesk/pdf/sign_in_sheet.py",
    "communitydesk/pdf/attendance_report.py",
    "communitydesk/pdf/meeting_pack.py",
    "communitydesk/pdf/register.py",
    "communitydesk/pdf/report_charts.py",
    "communitydesk/pdf/subject_access.py",
    "communitydesk/pdf/layout.py",
    "communitydesk/pdf/documents.py",
    "communitydesk/pdf/meeting_text.py",
    "communitydesk/pdf/agenda.py",
    "communitydesk/pdf/minutes.py",
    "communitydesk/gui/meetings/action_table_model.py",
    "communitydesk/gui/meetings/actions_page.py",
    "communitydesk/gui/meetings/agenda_editor.py",
    "communitydesk/gui/meetings/agenda_table_model.py",
    "communitydesk/gui/meetings/arising_panel.py",
    "communitydesk/gui/meetings/list_splitter.py",
    "communitydesk/gui/meetings/meeting_dialog.py",
    "communitydesk/gui/meetings/meeting_editor.py",
    "communitydesk/gui/meetings/meeting_table_model.py",
    "communitydesk/gui/meetings/meetings_page.py",
    "communitydesk/gui/meetings/member_picker.py",
    "communitydesk/gui/meetings/minutes_editor.py",
    "communitydesk/gui/meetings/labels.py",
    "communitydesk/gui/one_to_ones/conversation_lists.py",
    "communitydesk/gui/one_to_ones/follow_up_queue.py",
    "communitydesk/gui/one_to_ones/ladder_board.py",
    "communitydesk/gui/one_to_ones/member_tabs.py",
    "communitydesk/gui/one_to_ones/one_to_one_dialog.py",
    "communitydesk/gui/one_to_ones/one_to_ones_page.py",
    "communitydesk/gui/one_to_ones/pickers.py",
    "communitydesk/gui/one_to_ones/prompts_dialog.py",
    "communitydesk/gui/one_to_ones/table_models.py",
    "communitydesk/gui/privacy/audit_dialog.py",
    "communitydesk/gui/privacy/connect_dialog.py",
    "communitydesk/gui/privacy/open_guard.py",
    "communitydesk/gui/privacy/privacy_panel.py",
    "communitydesk/gui/privacy/retention_dialog.py",
    "communitydesk/gui/privacy/rows_model.py",
    "communitydesk/gui/reports/attendance_charts.py",
    "communitydesk/gui/reports/period_picker.py",
    "communitydesk/gui/reports/report_table_models.py",
    "communitydesk/gui/reports/report_widgets.py",
    "communitydesk/gui/reports/report_exports.py",
    "communitydesk/gui/reports/reports_page.py",
    "communitydesk/gui/attendance/attendance_page.py",
    "communitydesk/gui/attendance/kiosk_window.py",
    "communitydesk/gui/attendance/meeting_choice.py",
    "communitydesk/gui/attendance/member_attendance_panel.py",
    "communitydesk/gui/attendance/page_windows.py",
    "communitydesk/gui/attendance/register_import_dialog.py",
    "communitydesk/gui/attendance/register_marks.py",
    "communitydesk/gui/attendance/register_table_model.py",
    "communitydesk/gui/attendance/register_view.py",
    "communitydesk/gui/members/duplicates_dialog.py",
    "communitydesk/gui/members/import_pages.py",
    "communitydesk/gui/members/import_wizard.py",
    "communitydesk/gui/members/member_dialog.py",
    "communitydesk/gui/members/member_fields.py",
    "communitydesk/gui/members/member_panels.py",
    "communitydesk/gui/members/member_table_model.py",
    "communitydesk/gui/members/members_page.py",
    "communitydesk/gui/printing/first_pages.py",
    "communitydesk/gui/printing/meeting_chooser_dialog.py",
    "communitydesk/gui/printing/pdf_preview_dialog.py",
    "communitydesk/gui/printing/print_dialogs.py",
    "communitydesk/gui/printing/print_menu.py",
    "communitydesk/gui/common/conflict_dialog.py",
    "communitydesk/gui/common/dates.py",
    "communitydesk/gui/common/dialogs.py",
    "communitydesk/gui/common/loading.py",
    "communitydesk/gui/common/row_model.py",
    "communitydesk/gui/common/saving.py",
    "communitydesk/gui/common/search_proxy.py",
    "communitydesk/gui/common/shown_values.py",
    "communitydesk/gui/common/table_view.py",
    "communitydesk/gui/common/widgets.py",
    "communitydesk/gui/pages.py",
    "communitydesk/gui/operations.py",
    "communitydesk/gui/backup_actions.py",
    "communitydesk/gui/dues/door.py",
    "communitydesk/gui/dues/dues_page.py",
    "communitydesk/gui/dues/income_chart.py",
    "communitydesk/gui/dues/member_dues_tab.py",
    "communitydesk/gui/dues/member_filter.py",
    "communitydesk/gui/dues/payment_dialog.py",
    "communitydesk/gui/dues/payment_edit.py",
    "communitydesk/gui/dues/plans_dialog.py",
    "communitydesk/gui/outreach/email_dialog.py",
    "communitydesk/gui/outreach/hooks.py",
    "communitydesk/gui/outreach/letters_dialog.py",
    "communitydesk/gui/outreach/menu.py",
    "communitydesk/gui/outreach/print_dialogs.py",
    "communitydesk/gui/outreach/widgets.py",
)
# Calls that show their text to people, and which positional arguments are that text.
SHOWN = {
    "setText": (0,), "setWindowTitle": (0,), "setToolTip": (0,), "setPlaceholderText": (0,),
    "addItem": (0,), "addMenu": (0,), "addRow": (0,), "showMessage": (0,), "setSuffix": (0,),
    "setSpecialValueText": (0,), "addTab": (1,), "warning": (1, 2), "critical": (1, 2),
    "information": (1, 2), "question": (1, 2), "QLabel": (0,), "QPushButton": (0,),
    "QCommandLinkButton": (0, 1), "QAction": (0,), "QCheckBox": (0,), "QGroupBox": (0,),
    "QRadioButton": (0,), "getSaveFileName": (1, 3), "getOpenFileName": (1, 3),
    "Paragraph": (0,), "text": (0,), "_action": (1,), "_add": (0, 3), "_hint": (0,),
}
SHOWN_KEYWORDS = ("placeholderText", "suffix", "specialValueText", "windowTitle")
WORDS = re.compile(r"[A-Za-z]{2,}")
# Literals that are not words to translate: data or markup.
NOT_WORDS = {"English"}  # a language's own name, shown as itself


def _called(node: ast.Call) -> str:
    func = node.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _literal_words(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):  # an f-string: its literal parts
        return "".join(v.value for v in node.values
                       if isinstance(v, ast.Constant) and isinstance(v.value, str))
    return None


def unmarked(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or _called(node) not in SHOWN:
            continue
        positions = SHOWN[_called(node)]
        shown = [a for i, a in enumerate(node.args) if i in positions]
        for arg in [*shown, *(k.value for k in node.keywords if k.arg in SHOWN_KEYWORDS)]:
            words = _literal_words(arg)
            if words and words not in NOT_WORDS and WORDS.search(HTML.sub("", words)):
                where = path.relative_to(REPO) if path.is_relative_to(REPO) else path.name
                found.append(f"{where}:{arg.lineno}: {words!r}")
    return found


HTML = re.compile(r"<[^>]*>|\{[^{}]*\}")


def test_marked_files_show_no_unmarked_words() -> None:
    problems = [line for name in MARKED for line in unmarked(REPO / name)]
    assert problems == [], "wrap these in _():\n" + "\n".join(problems)


def test_the_check_finds_an_unmarked_label(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text('label = QLabel("Members")\nother = QLabel(_("Members"))\n'
                      'row = form.addRow(f"Total: {n}", x)\n', encoding="utf-8")
    assert [line.split(": ", 1)[1] for line in unmarked(sample)] == ["'Members'", "'Total: '"]
