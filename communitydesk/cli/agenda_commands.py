"""`agenda add|list|remove|move`, `actions add|list|close`, `minutes set|approve`: the
secretary's work between and during meetings, scriptable. Agenda items are named by their
meeting and position, as `agenda list` shows them (the same as `minutes set`).
"""

from __future__ import annotations

import argparse

from communitydesk.cli.context import CliContext, emit
from communitydesk.cli.show import day, iso_day, text
from communitydesk.errors import UserError
from communitydesk.i18n import _
from communitydesk.io.dates import parse_day
from communitydesk.services.core.jsonable import to_jsonable
from communitydesk.services.meetings.actions import add_action, close_action, list_actions
from communitydesk.services.meetings.agenda import (
    AgendaEntry,
    add_agenda_item,
    list_agenda,
    remove_agenda_item,
    reorder_agenda,
)
from communitydesk.services.meetings.matters_arising import agenda_with_arising
from communitydesk.services.meetings.minutes import approve_minutes, set_minutes
from communitydesk.services.members.records import find_member_ref


def register(commands: argparse._SubParsersAction) -> None:
    agenda = commands.add_parser("agenda", help=_("a meeting's agenda items"))
    sub = agenda.add_subparsers(dest="agenda_command", metavar="ACTION", required=True)
    p = sub.add_parser("add", help=_("append an item to a meeting's agenda"))
    p.add_argument("meeting_id", type=int)
    p.add_argument("--title", required=True)
    p.add_argument("--presenter")
    p.add_argument("--minutes", type=int, help=_("minutes allotted"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=agenda_add_command)
    p = sub.add_parser("list", help=_("the agenda with running times and matters arising"))
    p.add_argument("meeting_id", type=int)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=agenda_list_command)
    p = sub.add_parser("remove", help=_("take an item off a meeting's agenda"))
    p.add_argument("meeting_id", type=int)
    p.add_argument("position", type=int, metavar="ITEM_POSITION")
    p.add_argument("--yes", action="store_true", help=_("also when the item has minutes or a decision"))
    p.set_defaults(handler=agenda_remove_command)
    p = sub.add_parser("move", help=_("move an agenda item to another position"))
    p.add_argument("meeting_id", type=int)
    p.add_argument("position", type=int, metavar="ITEM_POSITION")
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--to", type=int, metavar="POSITION", help=_("its new position (1 = first)"))
    where.add_argument("--up", type=int, nargs="?", const=1, metavar="N", help=_("N places earlier (default 1)"))
    where.add_argument("--down", type=int, nargs="?", const=1, metavar="N", help=_("N places later (default 1)"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=agenda_move_command)

    actions = commands.add_parser("actions", help=_("action items"))
    sub = actions.add_subparsers(dest="actions_command", metavar="ACTION", required=True)
    p = sub.add_parser("add", help=_("raise an action at a meeting"))
    p.add_argument("--meeting", type=int, required=True)
    p.add_argument("--description", required=True)
    p.add_argument("--owner", metavar="MEMBER", help=_("id, email or full name"))
    p.add_argument("--due", metavar="D", help=_("2026-12-10 or 10/12/2026"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=actions_add_command)
    p = sub.add_parser("list", help=_("list actions"))
    p.add_argument("--open", action="store_true", help=_("open actions only"))
    p.add_argument("--owner", metavar="MEMBER", help=_("id, email or full name"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=actions_list_command)
    p = sub.add_parser("close", help=_("mark an action done or dropped"))
    p.add_argument("action_id", type=int)
    p.add_argument("--status", required=True, choices=["done", "dropped"])
    p.add_argument("--at", type=int, metavar="MEETING_ID", help=_("the meeting where it was closed"))
    p.set_defaults(handler=actions_close_command)

    minutes = commands.add_parser("minutes", help=_("minutes of a meeting"))
    sub = minutes.add_subparsers(dest="minutes_command", metavar="ACTION", required=True)
    p = sub.add_parser("set", help=_("write the minutes of one agenda item"))
    p.add_argument("meeting_id", type=int)
    p.add_argument("position", type=int, metavar="ITEM_POSITION")
    p.add_argument("--text", required=True)
    p.add_argument("--decision")
    p.set_defaults(handler=minutes_set_command)
    p = sub.add_parser("approve", help=_("record the minutes as approved at a meeting"))
    p.add_argument("meeting_id", type=int)
    p.add_argument("--at", type=int, required=True, metavar="MEETING_ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=minutes_approve_command)


def agenda_add_command(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db.session() as session:
        item = add_agenda_item(session, args.meeting_id, title=args.title, presenter=args.presenter,
                               duration_minutes=args.minutes)
    emit(args, item, f"agenda item {item.position} of meeting {item.meeting_id}: {text(item.title)}")  # an id line
    return 0


def agenda_list_command(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db.session() as session:
        rows = agenda_with_arising(session, args.meeting_id)
    value = [{**to_jsonable(entry), "actions": to_jsonable(actions)} for entry, actions in rows]
    lines = []
    for entry, actions in rows:
        who = f"  ({text(entry.presenter)})" if entry.presenter else ""
        lines.append(f"{entry.position:>3}. {entry.starts_at:%H:%M}–{entry.ends_at:%H:%M}  {text(entry.title)}{who}")
        for a in actions:
            due = f", due {day(a.due_on)}" if a.due_on else ""
            lines.append(f"       - [{a.status}] {text(a.description)} ({text(a.owner_name or 'no owner')}{due})")
    emit(args, value, "\n".join(lines) or _("the agenda is empty"))
    return 0


def _item_at(session, meeting_id: int, position: int) -> AgendaEntry:  # noqa: ANN001 - a Session
    items = list_agenda(session, meeting_id)
    for item in items:
        if item.position == position:
            return item
    if items:
        raise UserError(_("meeting {meeting_id} has no agenda item {position} (items 1–{last})").format(
            meeting_id=meeting_id, position=position, last=len(items)))
    raise UserError(_("meeting {meeting_id} has no agenda item {position} (its agenda is empty)").format(
        meeting_id=meeting_id, position=position))


def agenda_remove_command(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db.session() as session:
        item = _item_at(session, args.meeting_id, args.position)
        if (item.minutes or item.decision) and not args.yes:
            raise UserError(_("agenda item {position} ({title}) has minutes or a decision; add --yes to remove it with them").format(position=item.position, title=item.title))
        remove_agenda_item(session, item.id)
    print(_("removed agenda item {position} of meeting {meeting_id}: {text}").format(position=item.position, meeting_id=item.meeting_id, text=text(item.title)))
    return 0


def agenda_move_command(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db.session() as session:
        item = _item_at(session, args.meeting_id, args.position)
        ids = [i.id for i in list_agenda(session, args.meeting_id)]
        if args.to is not None:
            target = args.to
        else:
            target = args.position - args.up if args.up is not None else args.position + args.down
        target = max(1, min(len(ids), target))
        ids.insert(target - 1, ids.pop(args.position - 1))
        entries = reorder_agenda(session, args.meeting_id, ids)
    lines = [f"{e.position:>3}. {e.starts_at:%H:%M}  {text(e.title)}" for e in entries]
    emit(args, entries, _("moved {title} to position {position}").format(title=text(item.title), position=target) + "\n" + "\n".join(lines))
    return 0


def actions_add_command(args: argparse.Namespace, ctx: CliContext) -> int:
    due = parse_day(args.due, field="--due") if args.due else None
    with ctx.db.session() as session:
        owner = find_member_ref(session, args.owner, field="--owner") if args.owner else None
        action = add_action(session, meeting_id=args.meeting, description=args.description,
                            owner_id=owner, due_on=due)
    who = text(action.owner_name) if action.owner_name else "no owner"
    due_text = f", due {day(action.due_on)}" if action.due_on else ""
    emit(args, action, f"action {action.id}: {text(action.description)} ({who}{due_text})")  # an id line
    return 0


def actions_list_command(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db.session() as session:
        owner = find_member_ref(session, args.owner, field="--owner") if args.owner else None
        rows = list_actions(session, open_only=args.open, owner_id=owner)
    lines = "\n".join(
        f"{a.id:>5}  {a.status:<7} {iso_day(a.due_on):<10}  {text(a.description)}  "
        f"({text(a.owner_name or 'no owner')})"
        for a in rows
    ) or _("no actions")
    emit(args, rows, lines)
    return 0


def actions_close_command(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db.session() as session:
        action = close_action(session, args.action_id, status=args.status, at_meeting_id=args.at)
    print(_("action {action_id} ({text}) is {status}").format(
        action_id=action.id, text=text(action.description), status=_(action.status)))
    return 0


def minutes_set_command(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db.session() as session:
        item = set_minutes(session, args.meeting_id, args.position, text=args.text,
                           decision=args.decision, keep_decision=args.decision is None)
    print(_("minutes saved for item {position}: {title}").format(position=item.position,
                                                             title=text(item.title)))
    return 0


def minutes_approve_command(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db.session() as session:
        approval = approve_minutes(session, args.meeting_id, at_meeting_id=args.at)
    emit(args, approval, _("minutes of meeting {meeting_id} approved at {meeting}").format(
        meeting_id=args.meeting_id, meeting=approval.approved_at_meeting_title))
    return 0
