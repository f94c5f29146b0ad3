"""`elections ...`: offices, nominations, votes and results at the AGM (#16; not fixed by the contract).

    elections add MEETING_ID --office NAME [--seats N] [--starts D] [--json]   an office to elect
    elections nominate ELECTION_ID MEMBER [--proposer MEMBER] [--seconder MEMBER] [--json]
    elections withdraw ELECTION_ID MEMBER                                      a nomination withdrawn
    elections vote ELECTION_ID MEMBER --votes N [MEMBER --votes N ...]         the count (contested)
    elections declare ELECTION_ID [--json]             elect: unopposed, or the most votes; officers recorded
    elections list MEETING_ID [--json]                 offices, candidates, votes, results
    elections ballot ELECTION_ID -o FILE.pdf           a ballot paper (candidates in a stable random order)
    elections officers MEMBER [--json]                 the offices a member has held (their record)

MEMBER is an id, email or full name as everywhere. Errors: one `error:` line, exit 1.
"""

from __future__ import annotations

import argparse

from communitydesk.cli.context import CliContext, emit
from communitydesk.cli.show import iso_day, text
from communitydesk.i18n import _, ngettext
from communitydesk.io.dates import parse_day
from communitydesk.services.members.refs import find_member_ref
from communitydesk.services.motions.elections import (
    Election,
    add_office,
    declare,
    list_elections,
    nominate,
    officer_terms,
    record_candidate_votes,
    withdraw_nomination,
)


def register(commands: argparse._SubParsersAction) -> None:
    elections = commands.add_parser("elections", help=_("AGM elections: offices, nominations, votes, officers"))
    sub = elections.add_subparsers(dest="elections_command", metavar="ACTION", required=True)

    p = sub.add_parser("add", help=_("an office to elect at a meeting"))
    p.add_argument("meeting_id", type=int, metavar="MEETING_ID")
    p.add_argument("--office", required=True, metavar="NAME")
    p.add_argument("--seats", type=int, default=1)
    p.add_argument("--starts", metavar="D", help=_("when the officers' terms start (default: the meeting's day)"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=add_command)

    p = sub.add_parser("nominate", help=_("a candidate, with proposer and seconder"))
    p.add_argument("election_id", type=int, metavar="ELECTION_ID")
    p.add_argument("member", metavar="MEMBER")
    p.add_argument("--proposer", metavar="MEMBER")
    p.add_argument("--seconder", metavar="MEMBER")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=nominate_command)

    p = sub.add_parser("withdraw", help=_("a nomination withdrawn"))
    p.add_argument("election_id", type=int, metavar="ELECTION_ID")
    p.add_argument("member", metavar="MEMBER")
    p.set_defaults(handler=withdraw_command)

    p = sub.add_parser("vote", help=_("the votes for candidates in a contested election"))
    p.add_argument("election_id", type=int, metavar="ELECTION_ID")
    p.add_argument("member", metavar="MEMBER")
    p.add_argument("--votes", type=int, required=True, metavar="N")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=vote_command)

    p = sub.add_parser("declare", help=_("elect and record the officers"))
    p.add_argument("election_id", type=int, metavar="ELECTION_ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=declare_command)

    p = sub.add_parser("list", help=_("a meeting's elections"))
    p.add_argument("meeting_id", type=int, metavar="MEETING_ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=list_command)

    p = sub.add_parser("ballot", help=_("a ballot paper (PDF) for a contested election"))
    p.add_argument("election_id", type=int, metavar="ELECTION_ID")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    p.set_defaults(handler=ballot_command)

    p = sub.add_parser("officers", help=_("the offices a member has held"))
    p.add_argument("member", metavar="MEMBER")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=officers_command)


def election_lines(e: Election) -> str:
    """An id line and its candidates: English in every language, as scripts read it (GLOSSARY.md)."""
    lines = [f"election {e.id}: {text(e.office)} ({e.seats} seat{'s' if e.seats != 1 else ''}): {e.outcome}"]
    for c in e.candidates:
        votes = "" if c.votes is None else f", {c.votes} votes"
        mark = " — elected" if c.elected else ""
        lines.append(f"  {text(c.name)} (proposed {text(c.proposer) or '-'}, seconded {text(c.seconder) or '-'}"
                     f"{votes}){mark}")
    return "\n".join(lines)


def add_command(args: argparse.Namespace, ctx: CliContext) -> int:
    starts = parse_day(args.starts, field="--starts") if args.starts else None
    with ctx.db.session() as session:
        election = add_office(session, args.meeting_id, name=args.office, seats=args.seats, starts_on=starts)
    emit(args, election, str(election.id))
    return 0


def nominate_command(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db.session() as session:
        election = nominate(
            session, args.election_id, member_id=find_member_ref(session, args.member, field="MEMBER"),
            proposer_id=find_member_ref(session, args.proposer, field="--proposer") if args.proposer else None,
            seconder_id=find_member_ref(session, args.seconder, field="--seconder") if args.seconder else None)
    emit(args, election, election_lines(election))
    return 0


def withdraw_command(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db.session() as session:
        election = withdraw_nomination(session, args.election_id,
                                       find_member_ref(session, args.member, field="MEMBER"))
    print(election_lines(election))
    return 0


def vote_command(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db.session() as session:
        member_id = find_member_ref(session, args.member, field="MEMBER")
        election = record_candidate_votes(session, args.election_id, {member_id: args.votes})
    emit(args, election, election_lines(election))
    return 0


def declare_command(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db.session() as session:
        election = declare(session, args.election_id)
    emit(args, election, election_lines(election))
    return 0


def list_command(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db.session() as session:
        elections = list_elections(session, args.meeting_id)
    emit(args, elections, "\n".join(election_lines(e) for e in elections) or _("no elections"))
    return 0


def officers_command(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db.session() as session:
        member_id = find_member_ref(session, args.member, field="MEMBER")
        terms = officer_terms(session, member_id)
    emit(args, terms, "\n".join(
        (_("{office}: from {start} to {end}") if t.ends_on else _("{office}: from {start}")).format(
            office=text(t.office), start=iso_day(t.starts_on), end=iso_day(t.ends_on) if t.ends_on else "")
        for t in terms) or _("no offices held"))
    return 0


def ballot_command(args: argparse.Namespace, ctx: CliContext) -> int:
    from communitydesk.pdf.motions_paper import build_ballot
    from communitydesk.services.motions.paper import ballot_data

    with ctx.db.session() as session:
        data = ballot_data(session, args.election_id)
    pages = build_ballot(*data, args.output)
    print(ngettext("ballot paper for election {election_id} written to {output} ({pages} page)",
                   "ballot paper for election {election_id} written to {output} ({pages} pages)", pages).format(
        election_id=args.election_id, output=args.output, pages=pages))
    return 0
