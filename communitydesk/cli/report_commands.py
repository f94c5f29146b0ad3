"""`report attendance`: the treasurer's numbers (DESIGN.md definitions), as text or JSON."""

from __future__ import annotations

import argparse
from pathlib import Path

from communitydesk.cli.attendance_export_commands import period_from_args
from communitydesk.cli.context import CliContext, emit
from communitydesk.domain import MeetingKind
from communitydesk.i18n import _
from communitydesk.services.meetings.planning import parse_day
from communitydesk.services.reports.figures import AttendanceReport, attendance_report
from communitydesk.services.settings.group_settings import load_settings


def register(commands: argparse._SubParsersAction) -> None:
    report = commands.add_parser("report", help=_("attendance numbers for treasurers and funders"))
    sub = report.add_subparsers(dest="report_command", metavar="REPORT", required=True)
    p = sub.add_parser(
        "attendance", help=_("meetings, unique/new/returning attendees, rates"),
        description=_("Counted meetings are those not cancelled that have started by the "
                    "--as-of date (default today) and whose local start date is in the period "
                    "(inclusive). --tag keeps only people with that tag; --kind keeps only "
                    "meetings of that kind."),
    )
    p.add_argument("--from", dest="from_date", metavar="D", help=_("first meeting date (inclusive)"))
    p.add_argument("--to", dest="to_date", metavar="D", help=_("last meeting date (inclusive)"))
    p.add_argument("--as-of", dest="as_of", metavar="D",
                   help=_("count meetings that started on or before this day (default today)"))
    p.add_argument("--tag", metavar="T", help=_("only people carrying this tag"))
    p.add_argument("--kind", metavar="K", choices=[k.value for k in MeetingKind],
                   help=_("only meetings of this kind"))
    p.add_argument("--workbook", metavar="FILE.xlsx",
                   help=_("also write the funder workbook (Summary, Meetings, People, Months)"))
    p.add_argument("--pdf", metavar="FILE.pdf", help=_("also write the report PDF with charts"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=attendance_command)


def attendance_text(report: AttendanceReport) -> str:
    lines = [_("Attendance, {period}").format(period=report.period.describe())
             + (_(", tag {tag}").format(tag=report.tag) if report.tag else "")
             + (_(", {kind} meetings").format(kind=report.kind) if report.kind else "")
             + (_(", meetings held by {date}").format(date=f"{report.as_of:%Y-%m-%d}")
                if report.as_of else "")]
    labels = [(_(label), value) for label, value in report.headline()]
    width = max(20, *(len(label) for label, _value in labels))
    lines += [f"  {label:<{width}} {value:>7,}" for label, value in labels]
    if report.members:
        lines.append("")
        name, present, rate = _("name"), _("present"), _("rate")
        lines.append(f"  {'id':>6}  {name:<32} {present:>7} {rate:>6}")
        lines += [f"  {m.id:>6}  {m.name[:32]:<32} {m.present:>7} {m.rate:>6.0%}"
                  for m in report.members]
    return "\n".join(lines)


def attendance_command(args: argparse.Namespace, ctx: CliContext) -> int:
    period = period_from_args(args)
    as_of = parse_day(args.as_of, field="--as-of") if args.as_of else None
    with ctx.db.session() as session:
        report = attendance_report(session, period, tag=args.tag, kind=args.kind, as_of=as_of)
        settings = load_settings(session)
    if args.workbook:
        from communitydesk.services.reports.funder_workbook import (
            write_funder_workbook,  # openpyxl on demand
        )

        write_funder_workbook(report, Path(args.workbook), group_name=settings.group_name,
                              language=settings.language)
    if args.pdf:
        from communitydesk.pdf.attendance_report import (
            build_attendance_report_pdf,  # ReportLab on demand
        )

        build_attendance_report_pdf(report, Path(args.pdf), group_name=settings.group_name,
                                    paper=settings.paper_size, language=settings.language)
    emit(args, report, attendance_text(report))
    return 0
