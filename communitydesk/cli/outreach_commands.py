"""Reaching people (#18): `members emails`, `print labels|badges|letters|phone-tree`.

Registered after `members_commands` and `print_commands`: it adds its actions to their
`members` and `print` commands. Every output takes its people through the consent check
in services/outreach/reach.py; the count left out (never who) goes to stderr.
"""

from __future__ import annotations

import argparse
import sys

from communitydesk.cli.context import CliContext
from communitydesk.cli.members_commands import STATUSES
from communitydesk.cli.print_commands import _output_path
from communitydesk.domain import Channel
from communitydesk.errors import UserError
from communitydesk.i18n import _, ngettext
from communitydesk.services.outreach.reach import Reach, email_addresses, reach, select_member_ids

LAYOUT_NAMES = ("L7160", "L7163", "5160")


def _subcommands(commands: argparse._SubParsersAction, name: str) -> argparse._SubParsersAction:
    parser = commands.choices[name]
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))


def _filters(p: argparse.ArgumentParser) -> None:
    p.add_argument("--tag", metavar="T")
    p.add_argument("--status", choices=STATUSES)
    p.add_argument("--search", metavar="TEXT", help=_("as in `members list --search`"))


def register(commands: argparse._SubParsersAction) -> None:
    members = _subcommands(commands, "members")
    p = members.add_parser("emails", help=_("addresses for a BCC field: email + email consent only"))
    _filters(p)
    p.set_defaults(handler=emails_command)

    printing = _subcommands(commands, "print")
    p = printing.add_parser("labels", help=_("address labels: address + post consent only"))
    _filters(p)
    p.add_argument("--layout", default="L7160", type=str.upper, choices=LAYOUT_NAMES)
    p.add_argument("--start", type=int, default=1, metavar="N", help=_("first free label on the sheet"))
    p.add_argument("--outline", action="store_true", help=_("draw the label edges (a test print)"))
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    p.set_defaults(handler=labels_command)

    p = printing.add_parser("badges", help=_("name badges for a meeting's expected people, 8 a sheet"))
    p.add_argument("meeting_id", type=int, metavar="MEETING_ID")
    p.add_argument("--checked-in", action="store_true", help=_("only those marked present"))
    p.add_argument("--line", choices=("none", "stage", "tags"), default="none",
                   help=_("a small line under the name"))
    p.add_argument("--blanks", type=int, default=0, metavar="N", help=_("blank badges for newcomers"))
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    p.set_defaults(handler=badges_command)

    p = printing.add_parser("letters", help=_("mail-merge letters from a template: post consent only"))
    p.add_argument("--template", required=True, metavar="FILE",
                   help=_("plain text with fields such as {first_name}, {address}, {next_meeting}"))
    _filters(p)
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    p.set_defaults(handler=letters_command)

    p = printing.add_parser("phone-tree", help=_("confidential contact list for phoning round: phone consent only"))
    _filters(p)
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    p.set_defaults(handler=phone_tree_command)


def _left_out(people_left: Reach | int, summary: str = "") -> None:
    count = people_left if isinstance(people_left, int) else len(people_left.left_out)
    text = summary or (people_left.left_out_summary() if isinstance(people_left, Reach) else "")
    if count:
        print(text or ngettext("{count} left out", "{count} left out", count).format(count=count),
              file=sys.stderr)


def _ids(session, args: argparse.Namespace) -> list[int]:  # noqa: ANN001 - a Session
    return select_member_ids(session, tag=args.tag, status=args.status, search=args.search)


def emails_command(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db.session() as session:
        people = reach(session, _ids(session, args), Channel.EMAIL)
    print(", ".join(email_addresses(people)))
    _left_out(people)
    return 0


def _written(what: str, output: object, pages: int, counted: str) -> None:
    """'Address labels written to out.pdf (2 labels, 1 page)': ``counted`` already says "2 labels"."""
    print(ngettext("{what} written to {output} ({counted}, {pages} page)",
                   "{what} written to {output} ({counted}, {pages} pages)", pages).format(
        what=what, output=output, counted=counted, pages=pages))


def _write(render, data, output):  # noqa: ANN001, ANN202 - a PDF builder, its data and a path
    try:
        return render(data, output)
    except OSError as exc:
        raise UserError(_("-o: cannot write {output}: {problem}").format(output=output, problem=exc.strerror or exc)) from None


def labels_command(args: argparse.Namespace, ctx: CliContext) -> int:
    from communitydesk.pdf.labels import layout_named, render_labels
    from communitydesk.services.outreach.documents import gather_labels

    output = _output_path(args.output)
    layout = layout_named(args.layout)
    with ctx.db.session() as session:
        data = gather_labels(session, _ids(session, args))
    pages = _write(lambda d, o: render_labels(d.addresses, o, layout, start_at=args.start,
                                              outline=args.outline,
                                              author=d.letterhead.group_name), data, output)
    count = len(data.addresses)
    _written(_("Address labels"), output, pages,
             ngettext("{count} label", "{count} labels", count).format(count=count))
    _left_out(len(data.left_out), Reach(Channel.POST, (), data.left_out).left_out_summary())
    return 0


def badges_command(args: argparse.Namespace, ctx: CliContext) -> int:
    from communitydesk.pdf.badges import render_badges
    from communitydesk.services.outreach.documents import gather_badges

    output = _output_path(args.output)
    if not 0 <= args.blanks <= 400:
        raise UserError(_("--blanks: give a number from 0 to 400"))
    with ctx.db.session() as session:
        data = gather_badges(session, args.meeting_id, checked_in_only=args.checked_in,
                             line=args.line, blanks=args.blanks)
    pages = _write(render_badges, data, output)
    count = len(data.badges) + data.blanks
    _written(_("Name badges"), output, pages,
             ngettext("{count} badge", "{count} badges", count).format(count=count))
    return 0


def letters_command(args: argparse.Namespace, ctx: CliContext) -> int:
    from communitydesk.pdf.letters import render_letters
    from communitydesk.services.outreach.letters import gather_letters, read_template

    output = _output_path(args.output)
    template = read_template(args.template)
    with ctx.db.session() as session:
        data = gather_letters(session, _ids(session, args), template)
    pages = _write(render_letters, data, output)
    count = len(data.letters)
    _written(_("Letters"), output, pages,
             ngettext("{count} letter", "{count} letters", count).format(count=count))
    _left_out(len(data.left_out), Reach(Channel.POST, (), data.left_out).left_out_summary())
    return 0


def phone_tree_command(args: argparse.Namespace, ctx: CliContext) -> int:
    from communitydesk.pdf.phone_tree import render_phone_tree
    from communitydesk.services.outreach.documents import gather_phone_tree

    output = _output_path(args.output)
    with ctx.db.session() as session:  # titled "Phone tree" (with the tag) in the group's language
        data = gather_phone_tree(session, _ids(session, args), tag=args.tag)
    pages = _write(render_phone_tree, data, output)
    count = len(data.rows)
    _written(_("Phone tree"), output, pages,
             ngettext("{count} person", "{count} people", count).format(count=count))
    _left_out(len(data.left_out), Reach(Channel.PHONE, (), data.left_out).left_out_summary())
    return 0
