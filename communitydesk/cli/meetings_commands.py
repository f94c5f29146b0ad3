"""`meetings add|list|cancel|export-ics`."""

from __future__ import annotations

import argparse
from pathlib import Path

from communitydesk.cli.context import CliContext, emit
from communitydesk.db.models import MeetingKind
from communitydesk.services.meetings import (
    add_meeting,
    cancel_meeting,
    list_meetings,
    parse_day,
    parse_when,
)


def register(commands: argparse._SubParsersAction) -> None:
    meetings = commands.add_parser("meetings", help="plan and list meetings")
    sub = meetings.add_subparsers(dest="meetings_command", metavar="ACTION", required=True)

    p = sub.add_parser("add", help="plan a meeting")
    p.add_argument("--title", required=True)
    p.add_argument("--starts", required=True, help='"YYYY-MM-DD HH:MM"')
    p.add_argument("--ends", help='"YYYY-MM-DD HH:MM"')
    p.add_argument("--venue")
    p.add_argument("--kind", default="general", choices=[k.value for k in MeetingKind])
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=add_command)

    p = sub.add_parser("list", help="list meetings")
    p.add_argument("--from", dest="from_date")
    p.add_argument("--to", dest="to_date")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=list_command)

    p = sub.add_parser("cancel", help="mark a meeting cancelled (kept, left out of counts)")
    p.add_argument("meeting_id", type=int)
    p.set_defaults(handler=cancel_command)

    p = sub.add_parser("export-ics", help="write the meetings as an iCalendar (.ics) file")
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    p.set_defaults(handler=export_ics_command)


def add_command(args: argparse.Namespace, ctx: CliContext) -> int:
    starts = parse_when(args.starts, field="--starts")
    ends = parse_when(args.ends, field="--ends") if args.ends else None
    with ctx.db.session() as session:
        meeting = add_meeting(session, title=args.title, starts_at=starts, ends_at=ends,
                              venue=args.venue, kind=args.kind)
    emit(args, meeting, str(meeting.id))
    return 0


def list_command(args: argparse.Namespace, ctx: CliContext) -> int:
    start = parse_day(args.from_date, field="--from") if args.from_date else None
    end = parse_day(args.to_date, field="--to") if args.to_date else None
    with ctx.db.session() as session:
        rows = list_meetings(session, from_date=start, to_date=end)
    text = "\n".join(
        f"{m.id:>5}  {m.starts_at:%Y-%m-%d %H:%M}  {m.title:<36} {m.status}" for m in rows
    ) or "no meetings"
    emit(args, rows, text)
    return 0


def cancel_command(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db.session() as session:
        meeting = cancel_meeting(session, args.meeting_id)
    print(f"meeting {meeting.id} ({meeting.title}, {meeting.starts_at:%Y-%m-%d}) is cancelled")
    return 0


def export_ics_command(args: argparse.Namespace, ctx: CliContext) -> int:
    target = Path(args.output)
    with ctx.db.session() as session:
        from communitydesk.services.calendar_export import export_ics  # icalendar on demand

        count = export_ics(session, target)
    print(f"{count} meetings written to {target}")
    return 0
