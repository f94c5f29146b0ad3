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
from communitydesk.i18n import _


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
    ("PDF (ReportLab, fonts)", _pdf),
    ("spreadsheets (openpyxl)", _xlsx),
    ("calendars (icalendar)", _ics),
    ("saved passwords (keyring)", _keyring),
    ("database migrations", _migrations),
    ("window parts (Qt)", _qt),
)


def run_self_check(_args: argparse.Namespace, _ctx: CliContext) -> int:
    failed = 0
    for name, check in CHECKS:
        try:
            print(f"ok   {name}: {check()}")
        except Exception as exc:  # noqa: BLE001 - each part reports, the others still run
            failed += 1
            print(f"FAIL {name}: {type(exc).__name__}: {exc}")
    print("self-check passed" if not failed else f"self-check: {failed} part(s) missing")
    return 1 if failed else 0
