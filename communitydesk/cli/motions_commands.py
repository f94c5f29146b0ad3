"""`motions add|amend|vote|withdraw|list` and `meetings quorum` (DESIGN.md "Motions, votes and quorum").

Beyond the contract: `motions amend MOTION_ID --text T` puts an amendment (voted before the
motion it amends), `motions vote ... --casting for|against` records the chair's casting vote
on a tie, `--proxy MEMBER` casts an absent member's vote by the present person holding it
(when `proxies_allowed` is yes), `--clear` takes the votes back, `motions withdraw`, and
`motions leave MEETING_ID MEMBER --votes keep|remove` marks someone who voted by name as no
longer present (the register refuses that until told what happens to their votes).
"""

from __future__ import annotations

import argparse

from communitydesk.cli.context import CliContext, emit
from communitydesk.cli.show import text
from communitydesk.domain import Majority, VoteChoice
from communitydesk.i18n import _, ngettext
from communitydesk.services.members.refs import find_member_ref
from communitydesk.services.motions.motions import (
    MotionView,
    add_motion,
    clear_votes,
    get_motion,
    list_motions,
    record_hands,
    set_casting_vote,
    withdraw_motion,
)
from communitydesk.services.motions.quorum import meeting_quorum
from communitydesk.services.motions.votes import record_vote, set_attendance

MAJORITIES = [m.value for m in Majority]
VOTES = [v.value for v in VoteChoice]


def register(commands: argparse._SubParsersAction) -> None:
    motions = commands.add_parser("motions", help=_("motions, amendments and votes at a meeting"))
    sub = motions.add_subparsers(dest="motions_command", metavar="ACTION", required=True)

    p = sub.add_parser("add", help=_("a motion put to the meeting"))
    p.add_argument("meeting_id", type=int, metavar="MEETING_ID")
    _motion_options(p)
    p.add_argument("--item", type=int, metavar="AGENDA_ITEM_ID")
    p.set_defaults(handler=add_command)

    p = sub.add_parser("amend", help=_("an amendment to a motion (voted before it)"))
    p.add_argument("motion_id", type=int, metavar="MOTION_ID")
    _motion_options(p)
    p.set_defaults(handler=amend_command)

    p = sub.add_parser("vote", help=_("a show of hands (--for/--against) or one person's vote (--member)"))
    p.add_argument("motion_id", type=int, metavar="MOTION_ID")
    p.add_argument("--for", dest="votes_for", type=int, metavar="N")
    p.add_argument("--against", type=int, metavar="N")
    p.add_argument("--abstain", type=int, metavar="N", default=0)
    p.add_argument("--member", metavar="MEMBER")
    p.add_argument("--vote", choices=VOTES)
    p.add_argument("--proxy", metavar="MEMBER", help=_("the present person holding --member's proxy"))
    p.add_argument("--casting", choices=("for", "against", "none"), help=_("the chair's casting vote on a tie"))
    p.add_argument("--clear", action="store_true", help=_("take back every vote on the motion"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=vote_command, vote_parser=p)

    p = sub.add_parser("withdraw", help=_("withdraw a motion before its vote"))
    p.add_argument("motion_id", type=int, metavar="MOTION_ID")
    p.add_argument("--undo", action="store_true", help=_("put it back"))
    p.set_defaults(handler=withdraw_command)

    p = sub.add_parser("leave", help=_("mark a voter not present, saying whether their roll-call votes stand"))
    p.add_argument("meeting_id", type=int, metavar="MEETING_ID")
    p.add_argument("member", metavar="MEMBER")
    p.add_argument("--status", choices=("absent", "apologies", "none"), default="absent")
    p.add_argument("--votes", choices=("keep", "remove"), required=True)
    p.set_defaults(handler=leave_command)

    p = sub.add_parser("list", help=_("the meeting's motions with figures and results"))
    p.add_argument("meeting_id", type=int, metavar="MEETING_ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=list_command)

    p = sub.add_parser("export", help=_("every result in a period, as CSV or XLSX"))
    p.add_argument("--from", dest="from_date", metavar="D")
    p.add_argument("--to", dest="to_date", metavar="D")
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    p.add_argument("--format", choices=("csv", "xlsx"), help=_("default: from the file name, else csv"))
    p.set_defaults(handler=export_command)

    p = sub.add_parser("sheet", help=_("a roll-call voting sheet (PDF) of the people present"))
    p.add_argument("motion_id", type=int, metavar="MOTION_ID")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    p.set_defaults(handler=sheet_command)

    meetings = commands.choices.get("meetings")  # `meetings quorum` joins the meetings group
    if meetings is not None:
        group = next(a for a in meetings._actions if isinstance(a, argparse._SubParsersAction))
        p = group.add_parser("quorum", help=_("present against the quorum the settings need"))
        p.add_argument("meeting_id", type=int, metavar="MEETING_ID")
        p.add_argument("--json", action="store_true")
        p.set_defaults(handler=quorum_command)


def _motion_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--text", required=True)
    p.add_argument("--proposer", metavar="MEMBER")
    p.add_argument("--seconder", metavar="MEMBER")
    p.add_argument("--majority", choices=MAJORITIES, default="simple")
    p.add_argument("--json", action="store_true")


def motion_line(m: MotionView) -> str:
    """``motion 3 (amends 2): That … — 12 for, 3 against, 1 abstain: carried``."""
    # An id line: English in every language, as scripts read it (locale/GLOSSARY.md).
    amends = f" (amends {m.parent_id})" if m.parent_id else ""
    figures = "" if m.votes_for is None else f" — {m.votes_for} for, {m.against} against, {m.abstain} abstain"
    state = "withdrawn" if m.withdrawn else m.result
    return f"motion {m.id}{amends}: {text(m.text)}{figures}: {state}"


def _people(session, args: argparse.Namespace) -> dict:  # noqa: ANN001 - a Session
    return {
        "proposer_id": find_member_ref(session, args.proposer, field="--proposer") if args.proposer else None,
        "seconder_id": find_member_ref(session, args.seconder, field="--seconder") if args.seconder else None,
    }


def add_command(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db.session() as session:
        motion = add_motion(session, args.meeting_id, text=args.text, agenda_item_id=args.item,
                            majority=args.majority, **_people(session, args))
    emit(args, motion, str(motion.id))
    return 0


def amend_command(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db.session() as session:
        parent = get_motion(session, args.motion_id)
        motion = add_motion(session, parent.meeting_id, text=args.text, amends=parent.id,
                            majority=args.majority, **_people(session, args))
    emit(args, motion, str(motion.id))
    return 0


def vote_command(args: argparse.Namespace, ctx: CliContext) -> int:
    parser: argparse.ArgumentParser = args.vote_parser
    hands = args.votes_for is not None or args.against is not None
    by_name = args.member is not None
    if hands and by_name:
        parser.error(_("give either --for/--against (a show of hands) or --member with --vote, not both"))
    if by_name and not args.vote:
        parser.error(_("--member needs --vote for|against|abstain"))
    if hands and (args.votes_for is None or args.against is None):
        parser.error(_("a show of hands needs both --for and --against"))
    if not (hands or by_name or args.clear or args.casting):
        parser.error(_("give --for N --against N, or --member MEMBER --vote V"))
    casting = None if args.casting in (None, "none") else args.casting
    with ctx.db.session() as session:
        if args.clear:
            motion = clear_votes(session, args.motion_id)
        if hands:
            motion = record_hands(session, args.motion_id, votes_for=args.votes_for, against=args.against,
                                  abstain=args.abstain, casting_vote=casting)
        elif by_name:
            member_id = find_member_ref(session, args.member, field="--member")
            holder = find_member_ref(session, args.proxy, field="--proxy") if args.proxy else None
            motion = record_vote(session, args.motion_id, member_id=member_id, vote=args.vote,
                                 proxy_holder_id=holder)
        if args.casting is not None:
            motion = set_casting_vote(session, args.motion_id, casting)
    emit(args, motion, motion_line(motion))
    return 0


def withdraw_command(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db.session() as session:
        motion = withdraw_motion(session, args.motion_id, withdrawn=not args.undo)
    print(motion_line(motion))
    return 0


def list_command(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db.session() as session:
        motions = list_motions(session, args.meeting_id)
    emit(args, motions, "\n".join(motion_line(m) for m in motions) or _("no motions"))
    return 0


def quorum_command(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db.session() as session:
        quorum = meeting_quorum(session, args.meeting_id)
    emit(args, quorum, quorum.label())
    return 0


def export_command(args: argparse.Namespace, ctx: CliContext) -> int:
    from communitydesk.io.dates import parse_day
    from communitydesk.services.motions.export import export_results

    start = parse_day(args.from_date, field="--from") if args.from_date else None
    end = parse_day(args.to_date, field="--to") if args.to_date else None
    with ctx.db.session() as session:
        count = export_results(session, args.output, from_date=start, to_date=end, fmt=args.format)
    print(ngettext("{count} result written to {output}", "{count} results written to {output}", count).format(
        count=count, output=args.output))
    return 0


def sheet_command(args: argparse.Namespace, ctx: CliContext) -> int:
    from communitydesk.pdf.motions_paper import build_roll_call_sheet
    from communitydesk.services.motions.paper import roll_call_sheet_data

    with ctx.db.session() as session:
        data = roll_call_sheet_data(session, args.motion_id)
    pages = build_roll_call_sheet(*data, args.output)
    print(ngettext("roll-call sheet for motion {motion_id} written to {output} ({pages} page)",
                   "roll-call sheet for motion {motion_id} written to {output} ({pages} pages)", pages).format(
        motion_id=args.motion_id, output=args.output, pages=pages))
    return 0


def leave_command(args: argparse.Namespace, ctx: CliContext) -> int:
    status = None if args.status == "none" else args.status
    with ctx.db.session() as session:
        member_id = find_member_ref(session, args.member, field="MEMBER")
        entry = set_attendance(session, args.meeting_id, member_id=member_id, status=status, votes=args.votes)
    kept = "kept" if args.votes == "keep" else "removed"  # an id line: English, as scripts read it
    print(f"meeting {entry.meeting_id}, member {entry.member_id}: {entry.status or 'not marked'}; votes {kept}")
    return 0
