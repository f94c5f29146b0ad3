"""`agenda add|list`, `actions add|list|close`, `minutes set|approve`: the secretary's work
between and during meetings, scriptable.
"""

from __future__ import annotations

import argparse

from communitydesk.cli.context import CliContext, emit
from communitydesk.services.actions import add_action, close_action, list_actions
from communitydesk.services.agenda import add_agenda_item
from communitydesk.services.jsonable import to_jsonable
from communitydesk.services.matters_arising import agenda_with_arising
from communitydesk.services.meetings import parse_day
from communitydesk.services.minutes import approve_minutes, set_minutes


def register(commands: argparse._SubParsersAction) -> None:
    agenda = commands.add_parser("agenda", help="a meeting's agenda items")
    sub = agenda.add_subparsers(dest="agenda_command", metavar="ACTION", required=True)
    p = sub.add_parser("add", help="append an item to a meeting's agenda")
    p.add_argument("meeting_id", type=int)
    p.add_argument("--title", required=True)
    p.add_argument("--presenter")
    p.add_argument("--minutes", type=int, help="minutes allotted")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=agenda_add_command)
    p = sub.add_parser("list", help="the agenda with running times and matters arising")
    p.add_argument("meeting_id", type=int)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=agenda_list_command)

    actions = commands.add_parser("actions", help="action items")
    sub = actions.add_subparsers(dest="actions_command", metavar="ACTION", required=True)
    p = sub.add_parser("add", help="raise an action at a meeting")
    p.add_argument("--meeting", type=int, required=True)
    p.add_argument("--description", required=True)
    p.add_argument("--owner", type=int, help="member id")
    p.add_argument("--due", help="YYYY-MM-DD")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=actions_add_command)
    p = sub.add_parser("list", help="list actions")
    p.add_argument("--open", action="store_true", help="open actions only")
    p.add_argument("--owner", type=int, help="member id")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=actions_list_command)
    p = sub.add_parser("close", help="mark an action done or dropped")
    p.add_argument("action_id", type=int)
    p.add_argument("--status", required=True, choices=["done", "dropped"])
    p.add_argument("--at", type=int, metavar="MEETING_ID", help="the meeting where it was closed")
    p.set_defaults(handler=actions_close_command)

    minutes = commands.add_parser("minutes", help="minutes of a meeting")
    sub = minutes.add_subparsers(dest="minutes_command", metavar="ACTION", required=True)
    p = sub.add_parser("set", help="write the minutes of one agenda item")
    p.add_argument("meeting_id", type=int)
    p.add_argument("position", type=int, metavar="ITEM_POSITION")
    p.add_argument("--text", required=True)
    p.add_argument("--decision")
    p.set_defaults(handler=minutes_set_command)
    p = sub.add_parser("approve", help="record the minutes as approved at a meeting")
    p.add_argument("meeting_id", type=int)
    p.add_argument("--at", type=int, required=True, metavar="MEETING_ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=minutes_approve_command)


def agenda_add_command(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db.session() as session:
        item = add_agenda_item(session, args.meeting_id, title=args.title, presenter=args.presenter,
                               duration_minutes=args.minutes)
    emit(args, item, str(item.id))
    return 0


def agenda_list_command(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db.session() as session:
        rows = agenda_with_arising(session, args.meeting_id)
    value = [{**to_jsonable(entry), "actions": to_jsonable(actions)} for entry, actions in rows]
    lines = []
    for entry, actions in rows:
        who = f"  ({entry.presenter})" if entry.presenter else ""
        lines.append(f"{entry.position:>3}. {entry.starts_at:%H:%M}–{entry.ends_at:%H:%M}  {entry.title}{who}")
        for a in actions:
            due = f", due {a.due_on}" if a.due_on else ""
            lines.append(f"       - [{a.status}] {a.description} ({a.owner_name or 'no owner'}{due})")
    emit(args, value, "\n".join(lines) or "the agenda is empty")
    return 0


def actions_add_command(args: argparse.Namespace, ctx: CliContext) -> int:
    due = parse_day(args.due, field="--due") if args.due else None
    with ctx.db.session() as session:
        action = add_action(session, meeting_id=args.meeting, description=args.description,
                            owner_id=args.owner, due_on=due)
    emit(args, action, str(action.id))
    return 0


def actions_list_command(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db.session() as session:
        rows = list_actions(session, open_only=args.open, owner_id=args.owner)
    text = "\n".join(
        f"{a.id:>5}  {a.status:<7} {a.due_on or '':<10}  {a.description}  ({a.owner_name or 'no owner'})"
        for a in rows
    ) or "no actions"
    emit(args, rows, text)
    return 0


def actions_close_command(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db.session() as session:
        action = close_action(session, args.action_id, status=args.status, at_meeting_id=args.at)
    print(f"action {action.id} ({action.description}) is {action.status}")
    return 0


def minutes_set_command(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db.session() as session:
        item = set_minutes(session, args.meeting_id, args.position, text=args.text,
                           decision=args.decision, keep_decision=args.decision is None)
    print(f"minutes saved for item {item.position}: {item.title}")
    return 0


def minutes_approve_command(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db.session() as session:
        approval = approve_minutes(session, args.meeting_id, at_meeting_id=args.at)
    emit(args, approval, f"minutes of meeting {args.meeting_id} approved at "
                         f"{approval.approved_at_meeting_title}")
    return 0
