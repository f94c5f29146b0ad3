"""`meetings add|edit|list|cancel|export-ics`."""

from __future__ import annotations

import argparse
from pathlib import Path

from communitydesk.cli.context import CliContext, emit
from communitydesk.cli.show import meeting_line, text
from communitydesk.domain import MeetingKind
from communitydesk.errors import UserError
from communitydesk.i18n import N_, _, ngettext
from communitydesk.io.dates import parse_day, parse_when
from communitydesk.services.meetings.planning import (
    add_meeting,
    cancel_meeting,
    get_meeting_detail,
    list_meetings,
    update_meeting,
)
from communitydesk.services.meetings.series import series_description
from communitydesk.services.meetings.series_link import set_meeting_series
from communitydesk.services.members.records import find_member_ref

WHEN_HELP = N_('"2026-12-10 19:00" or "10/12/2026 19:00"')
NONE = ("", "none")


def register(commands: argparse._SubParsersAction) -> None:
    meetings = commands.add_parser("meetings", help=_("plan and list meetings"))
    sub = meetings.add_subparsers(dest="meetings_command", metavar="ACTION", required=True)

    p = sub.add_parser("add", help=_("plan a meeting"))
    p.add_argument("--title", required=True)
    p.add_argument("--starts", required=True, help=_(WHEN_HELP))
    p.add_argument("--ends", help=_(WHEN_HELP))
    p.add_argument("--venue")
    p.add_argument("--kind", default="general", choices=[k.value for k in MeetingKind])
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=add_command)

    p = sub.add_parser("edit", help=_("change the given details of a meeting, nothing else"))
    p.add_argument("meeting_id", type=int, metavar="MEETING_ID")
    p.add_argument("--title")
    p.add_argument("--starts", help=_(WHEN_HELP))
    p.add_argument("--ends", help=_('"2026-12-10 19:00" or "10/12/2026 19:00"; "none" to clear'))
    p.add_argument("--venue")
    p.add_argument("--kind", choices=[k.value for k in MeetingKind])
    p.add_argument("--chair", metavar="MEMBER", help=_('id, email or full name; "none" to clear'))
    p.add_argument("--minute-taker", metavar="MEMBER", help=_('id, email or full name; "none" to clear'))
    p.add_argument("--series", metavar="SERIES_ID", help=_('join a recurring series; "none" to leave it'))
    p.add_argument("--notes", metavar="TEXT")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=edit_command)

    p = sub.add_parser("list", help=_("list meetings"))
    p.add_argument("--from", dest="from_date", metavar="D")
    p.add_argument("--to", dest="to_date", metavar="D")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=list_command)

    p = sub.add_parser("cancel", help=_("mark a meeting cancelled (kept, left out of counts)"))
    p.add_argument("meeting_id", type=int)
    p.set_defaults(handler=cancel_command)

    p = sub.add_parser("export-ics", help=_("write the meetings as an iCalendar (.ics) file"))
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    p.set_defaults(handler=export_ics_command)


def add_command(args: argparse.Namespace, ctx: CliContext) -> int:
    starts = parse_when(args.starts, field="--starts")
    ends = parse_when(args.ends, field="--ends") if args.ends else None
    with ctx.db.session() as session:
        meeting = add_meeting(session, title=args.title, starts_at=starts, ends_at=ends,
                              venue=args.venue, kind=args.kind)
    emit(args, meeting, meeting_line(meeting.id, meeting.title, meeting.starts_at))
    return 0


def _member_or_none(session, text_value: str, field: str) -> int | None:  # noqa: ANN001 - a Session
    return None if text_value.strip().lower() in NONE else find_member_ref(session, text_value, field=field)


def edit_command(args: argparse.Namespace, ctx: CliContext) -> int:
    changes: dict[str, object] = {}
    for key in ("title", "venue", "kind", "notes"):
        if getattr(args, key) is not None:
            changes[key] = getattr(args, key)
    if args.starts is not None:
        changes["starts_at"] = parse_when(args.starts, field="--starts")
    if args.ends is not None:
        changes["ends_at"] = None if args.ends.strip().lower() in NONE else parse_when(args.ends, field="--ends")
    series: int | None | bool = False  # False: not given
    if args.series is not None:
        value = args.series.strip().lower()
        if value not in NONE and not value.isdigit():
            raise UserError(_("--series: {series!r} is not a series id (or none)").format(series=args.series))
        series = None if value in NONE else int(value)
    with ctx.db.session() as session:
        if args.chair is not None:
            changes["chair_id"] = _member_or_none(session, args.chair, "--chair")
        if args.minute_taker is not None:
            changes["minute_taker_id"] = _member_or_none(session, args.minute_taker, "--minute-taker")
        before = get_meeting_detail(session, args.meeting_id)
        changed = {k: v for k, v in changes.items() if getattr(before, k) != v}
        meeting = update_meeting(session, args.meeting_id, changed, expected_version=before.version)
        if series is not False:
            meeting = set_meeting_series(session, args.meeting_id, series)  # type: ignore[arg-type]
        repeats = series_description(session, meeting.series_id)  # "first Tuesday of each month"
    lines = [meeting_line(meeting.id, meeting.title, meeting.starts_at)]
    if meeting.chair_name or meeting.minute_taker_name:
        lines.append("  " + _("chair: {chair}; minute-taker: {minute_taker}").format(
            chair=text(meeting.chair_name) or "-", minute_taker=text(meeting.minute_taker_name) or "-"))
    if repeats:
        lines.append("  " + _("repeats: {rule}").format(rule=repeats))
    if meeting.version == before.version and series is False:
        lines[0] += " (" + _("nothing changed") + ")"
    emit(args, meeting, "\n".join(lines))
    return 0


def list_command(args: argparse.Namespace, ctx: CliContext) -> int:
    start = parse_day(args.from_date, field="--from") if args.from_date else None
    end = parse_day(args.to_date, field="--to") if args.to_date else None
    with ctx.db.session() as session:
        rows = list_meetings(session, from_date=start, to_date=end)
    lines = "\n".join(
        f"{m.id:>5}  {m.starts_at:%Y-%m-%d %H:%M}  {text(m.title):<36} {m.status}" for m in rows
    ) or _("no meetings")
    emit(args, rows, lines)
    return 0


def cancel_command(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db.session() as session:
        meeting = cancel_meeting(session, args.meeting_id)
    print(_("meeting {meeting_id} ({title}, {starts_at:%Y-%m-%d}) is cancelled").format(meeting_id=meeting.id, title=meeting.title, starts_at=meeting.starts_at))
    return 0


def export_ics_command(args: argparse.Namespace, ctx: CliContext) -> int:
    target = Path(args.output)
    with ctx.db.session() as session:
        from communitydesk.services.meetings.calendar_export import (
            export_ics,  # icalendar on demand
        )

        count = export_ics(session, target)
    print(ngettext("{count} meeting written to {file}", "{count} meetings written to {file}",
                   count).format(count=count, file=target))
    return 0
