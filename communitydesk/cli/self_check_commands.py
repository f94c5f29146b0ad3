"""`self-check`: load every part the program loads only when first needed, and say what it found.

Why: an installed bundle that lacks one of them (ReportLab, openpyxl, icalendar,
QtCharts, QtPdf, keyring, the migrations, the fonts) would only fail the day a
volunteer first prints or exports. Support asks for this line; CI runs it on the
frozen bundle.
"""

from __future__ import annotations

import argparse
import io
from collections.abc import Callable

from communitydesk.cli.context import CliContext
from communitydesk.i18n import N_, _, ngettext


def register(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser("self-check", help=_("check that every part of the program loads"))
    p.set_defaults(handler=run_self_check)  # opens no database


def _pdf() -> str:
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from communitydesk.pdf.fonts import FONT, font_path, register_fonts
    from communitydesk.pdf.theme import styles

    register_fonts()
    out = io.BytesIO()
    SimpleDocTemplate(out).build([Paragraph("Łukasz Наталья Γιώργος", styles().body)])
    return f"{FONT} from {font_path('DejaVuSans.ttf').parent}, {len(out.getvalue()):,} bytes"


def _layout_process() -> str:
    """A sign-in sheet laid out in the child process the window uses for long documents
    (a frozen bundle must start itself as that child: ``multiprocessing.freeze_support``)."""
    from datetime import datetime

    from communitydesk.pdf.layout_process import LayoutProcess
    from communitydesk.services.core.ids import MeetingId
    from communitydesk.services.meetings.documents import (
        DocumentMeeting,
        PrintSettings,
        SignInName,
        SignInSheetData,
    )

    meeting = DocumentMeeting(MeetingId(1), "Check", "general", "planned", datetime(2026, 1, 1, 19), None,
                              None, None, None, None, None)
    sheet = SignInSheetData(PrintSettings("Check", "A4"), meeting, (SignInName(1, "Łukasz Наталья"),))
    process = LayoutProcess()
    try:
        pdf, pages = process.lay_out(sheet)
        if not process.running:
            raise RuntimeError("laid out without the child process")
        return f"{len(pdf):,} bytes"
    finally:
        process.stop()


def _xlsx() -> str:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Łukasz", "Wiśniewski"])
    out = io.BytesIO()
    book.save(out)
    return f"{len(out.getvalue()):,} bytes"


def _ics() -> str:
    from icalendar import Calendar

    return f"{len(Calendar().to_ical())} bytes"


def _keyring() -> str:
    import keyring

    return type(keyring.get_keyring()).__name__


def _migrations() -> str:
    from communitydesk.db import migrate

    return f"{len(migrate.known_revisions())} revisions, head {migrate.head_revision()}"


def _qt() -> str:
    from communitydesk.gui.self_check import check_qt_parts  # Qt only for this command

    return check_qt_parts()


CHECKS: tuple[tuple[str, Callable[[], str]], ...] = (
    (N_("PDF (ReportLab, fonts)"), _pdf),
    (N_("printing in a second process"), _layout_process),
    (N_("spreadsheets (openpyxl)"), _xlsx),
    (N_("calendars (icalendar)"), _ics),
    (N_("saved passwords (keyring)"), _keyring),
    (N_("database migrations"), _migrations),
    (N_("window parts (Qt)"), _qt),
)


def run_self_check(_args: argparse.Namespace, _ctx: CliContext) -> int:
    failed = 0
    for name, check in CHECKS:
        try:
            print(f"ok   {_(name)}: {check()}")  # "ok" and "FAIL" stay: an installer reads them
        except Exception as exc:  # noqa: BLE001 - each part reports, the others still run
            failed += 1
            print(f"FAIL {_(name)}: {type(exc).__name__}: {exc}")
    print(_("self-check passed") if not failed else ngettext(
        "self-check: {count} part missing", "self-check: {count} parts missing", failed).format(
            count=failed))
    return 1 if failed else 0
