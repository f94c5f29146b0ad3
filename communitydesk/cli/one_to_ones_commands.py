"""`one-to-ones add|due|list|show|done|snooze|reassign|ladder|move`.

JSON shapes (dates ISO 8601):

- ``add`` / ``list``: a conversation without its confidential notes —
  ``id, member_id, member_name, organiser_id, organiser_name, held_on, medium,
  duration_minutes, next_step, follow_up_on, follow_up_done_at, follow_up_by_id,
  stage_after`` (``list`` prints a list of these, newest first).
- ``show``: the same plus ``confidential: true, interests, story, issues,
  commitments, version``.
- ``due``: a list of ``id, member_id, member_name, organiser_id (who owes the
  follow-up), organiser_name, follow_up_on, next_step, held_on, held_by_id,
  days_overdue``.
- ``ladder``: a list of ``{stage, count, people: [{id, name, status}]}``; the
  ``stage`` of people not yet placed is null.
"""

from __future__ import annotations

import argparse
from datetime import date

from communitydesk.cli.context import CliContext, emit
from communitydesk.cli.show import day, text
from communitydesk.domain import Medium
from communitydesk.i18n import N_, _
from communitydesk.io.dates import parse_day
from communitydesk.services.members.records import find_member_ref
from communitydesk.services.one_to_ones.conversations import (
    get_one_to_one,
    list_one_to_ones,
    log_one_to_one,
)
from communitydesk.services.one_to_ones.follow_ups import (
    complete_follow_up,
    follow_ups_due,
    reassign_follow_up,
    snooze_follow_up,
)
from communitydesk.services.one_to_ones.ladder import ladder_board, move_member


def _today_or(value: str | None, field: str) -> date:
    return parse_day(value, field=field) if value else date.today()


def _member(session, value: str | None, field: str) -> int | None:  # noqa: ANN001 - a Session
    """A MEMBER option: id, email or full name (None when not given)."""
    return find_member_ref(session, value, field=field) if value is not None else None


def register(commands: argparse._SubParsersAction) -> None:
    top = commands.add_parser("one-to-ones", help=_("one-to-one conversations, follow-ups, the ladder"))
    sub = top.add_subparsers(dest="one_to_ones_command", metavar="ACTION", required=True)

    p = sub.add_parser("add", help=_("log a conversation"))
    p.add_argument("--organiser", required=True, metavar="MEMBER", help=_("id, email or full name"))
    p.add_argument("--member", required=True, metavar="MEMBER", help=_("id, email or full name"))
    p.add_argument("--date", required=True, metavar="D", help=_("2026-12-10 or 10/12/2026"))
    p.add_argument("--medium", default="in_person", choices=[m.value for m in Medium])
    p.add_argument("--duration", type=int, metavar="MINUTES")
    for name, shown in (("interests", N_("interests (confidential)")),
                        ("story", N_("story (confidential)")),
                        ("issues", N_("issues (confidential)")),
                        ("commitments", N_("commitments (confidential)"))):
        p.add_argument(f"--{name}", metavar="TEXT", help=_(shown))
    p.add_argument("--next-step", metavar="TEXT")
    p.add_argument("--follow-up", metavar="D")
    p.add_argument("--stage", metavar="NAME", help=_("ladder stage after the conversation"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=add_command)

    p = sub.add_parser("due", help=_("follow-ups due on or before a date that are not done"))
    p.add_argument("--on", metavar="D", help=_("default: today"))
    p.add_argument("--organiser", metavar="MEMBER", help=_("only this organiser's follow-ups"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=due_command)

    p = sub.add_parser("list", help=_("a member's one-to-ones (no confidential notes)"))
    p.add_argument("--member", required=True, metavar="MEMBER", help=_("id, email or full name"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=list_command)

    p = sub.add_parser("show", help=_("one conversation, with its confidential notes"))
    p.add_argument("one_to_one_id", type=int)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=show_command)

    p = sub.add_parser("done", help=_("mark a follow-up done"))
    p.add_argument("one_to_one_id", type=int)
    p.set_defaults(handler=done_command)

    p = sub.add_parser("snooze", help=_("move a follow-up to a later date"))
    p.add_argument("one_to_one_id", type=int)
    p.add_argument("--until", required=True, metavar="D")
    p.set_defaults(handler=snooze_command)

    p = sub.add_parser("reassign", help=_("hand a follow-up to another organiser"))
    p.add_argument("one_to_one_id", type=int)
    p.add_argument("--to", required=True, metavar="MEMBER", dest="organiser", help=_("id, email or full name"))
    p.set_defaults(handler=reassign_command)

    p = sub.add_parser("ladder", help=_("the leadership ladder: counts and people per stage"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=ladder_command)

    p = sub.add_parser("move", help=_("move a member to a ladder stage, recording why"))
    p.add_argument("member", metavar="MEMBER", help=_("id, email or full name"))
    p.add_argument("--stage", required=True, metavar="NAME")
    p.add_argument("--reason", metavar="TEXT")
    p.add_argument("--by", metavar="MEMBER", help=_("the member making the move"))
    p.set_defaults(handler=move_command)


def add_command(args: argparse.Namespace, ctx: CliContext) -> int:
    held = parse_day(args.date, field="--date")
    follow = parse_day(args.follow_up, field="--follow-up") if args.follow_up else None
    with ctx.db.session() as session:
        record = log_one_to_one(
            session, organiser_id=_member(session, args.organiser, "--organiser"),
            member_id=_member(session, args.member, "--member"), held_on=held,
            medium=args.medium, duration_minutes=args.duration, interests=args.interests,
            story=args.story, issues=args.issues, commitments=args.commitments,
            next_step=args.next_step, follow_up_on=follow, stage_after=args.stage,
        )
    s = record.summary
    said = _("{member} with {organiser}, {date}").format(
        member=text(s.member_name), organiser=text(s.organiser_name) or _("no organiser"),
        date=day(s.held_on))
    if s.follow_up_on:
        said += _(", follow up {date}").format(date=day(s.follow_up_on))
    emit(args, s, f"one-to-one {s.id}: {said}")  # the id line stays as scripts read it
    return 0


def due_command(args: argparse.Namespace, ctx: CliContext) -> int:
    on = _today_or(args.on, "--on")
    with ctx.db.session() as session:
        rows = follow_ups_due(session, on=on, organiser_id=_member(session, args.organiser, "--organiser"))
    lines = "\n".join(
        f"{f.id:>5}  {f.follow_up_on.isoformat()}  {text(f.member_name):<28} {text(f.organiser_name):<24} "
        f"{text(f.next_step)}" for f in rows
    ) or _("no follow-ups due on or before {date}").format(date=on.isoformat())
    emit(args, rows, lines)
    return 0


def list_command(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db.session() as session:
        member_id = _member(session, args.member, "--member")
        rows = list_one_to_ones(session, member_id=member_id)
    lines = "\n".join(
        f"{c.id:>5}  {c.held_on.isoformat()}  {c.medium_label:<9} {text(c.organiser_name):<24} "
        f"{text(c.next_step)}" for c in rows
    ) or _("no one-to-ones with member {id} yet").format(id=member_id)
    emit(args, rows, lines)
    return 0


def show_command(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db.session() as session:
        record = get_one_to_one(session, args.one_to_one_id)
    s = record.summary
    lines = [
        _("One-to-one {id}: {member} with {organiser}, {date}, {medium}").format(
            id=s.id, member=s.member_name, organiser=s.organiser_name or _("(no organiser)"),
            date=s.held_on.isoformat(), medium=s.medium_label)
        + (", " + _("{minutes} min").format(minutes=s.duration_minutes) if s.duration_minutes else ""),
        _("CONFIDENTIAL: what was shared in this conversation"),
    ]
    for label, value in ((_("Interests"), record.interests), (_("Story"), record.story),
                         (_("Issues"), record.issues), (_("Commitments"), record.commitments),
                         (_("Next step"), s.next_step)):
        lines.append(f"  {label}: {value or '-'}")
    if s.follow_up_on:
        follow = (_("  Follow up: {date} (done)") if s.follow_up_done_at else _("  Follow up: {date}"))
        lines.append(follow.format(date=s.follow_up_on.isoformat()))
    if s.stage_after:
        lines.append(_("  Stage after: {stage}").format(stage=s.stage_after))
    emit(args, record, "\n".join(lines))
    return 0


def done_command(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db.session() as session:
        complete_follow_up(session, args.one_to_one_id)
    print(_("follow-up of one-to-one {id} is done").format(id=args.one_to_one_id))
    return 0


def snooze_command(args: argparse.Namespace, ctx: CliContext) -> int:
    until = parse_day(args.until, field="--until")
    with ctx.db.session() as session:
        snooze_follow_up(session, args.one_to_one_id, until=until)
    print(_("follow-up of one-to-one {id} moved to {date}").format(id=args.one_to_one_id,
                                                                 date=until.isoformat()))
    return 0


def reassign_command(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db.session() as session:
        organiser = _member(session, args.organiser, "--to")
        reassign_follow_up(session, args.one_to_one_id, organiser_id=organiser)
    print(_("follow-up of one-to-one {id} is now with member {member}").format(
        id=args.one_to_one_id, member=organiser))
    return 0


def ladder_command(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db.session() as session:
        columns = ladder_board(session)
    lines = "\n".join(f"{c.title:<28} {c.count:>5}" for c in columns)
    emit(args, columns, lines)
    return 0


def move_command(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db.session() as session:
        member_id = _member(session, args.member, "MEMBER")
        move = move_member(session, member_id, to_stage=args.stage, reason=args.reason,
                           changed_by_id=_member(session, args.by, "--by"))
    if move is None:
        print(_("member {id} is already at that stage; nothing changed").format(id=member_id))
    else:
        print(f"member {member_id}: {move.from_stage or _('not placed')} → {move.to_stage}")
    return 0
