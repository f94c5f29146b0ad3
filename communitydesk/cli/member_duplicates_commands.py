"""`members duplicates` and `members merge KEEP OTHER`: tidying the list after imports.

Joined to the `members` group by members_commands (not a top-level command).
JSON of `duplicates`: a list of ``{"a", "b", "a_name", "b_name", "reason"}``, best first.
"""

from __future__ import annotations

import argparse
import sys

from communitydesk.cli.context import CliContext, emit, said_yes
from communitydesk.cli.show import text
from communitydesk.errors import UserError
from communitydesk.i18n import _
from communitydesk.services.members.duplicates import find_possible_duplicates, merge_members
from communitydesk.services.members.records import find_member_ref, get_member
from communitydesk.services.settings.group_settings import load_settings


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("duplicates", help=_("possible duplicate pairs, best first"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=duplicates_command)

    p = sub.add_parser("merge", help=_("merge OTHER into KEEP (backup first); KEEP's values stay"))
    p.add_argument("keep", metavar="KEEP", help=_("member to keep: id, email or full name"))
    p.add_argument("other", metavar="OTHER", help=_("member merged into KEEP and removed"))
    p.add_argument("--yes", action="store_true", help=_("do not ask"))
    p.set_defaults(handler=merge_command)


def duplicates_command(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db.session() as session:
        region = load_settings(session).phone_region
        pairs = find_possible_duplicates(session, phone_region=region)
    value = [{"a": p.first.id, "b": p.second.id, "a_name": p.first.full_name,
              "b_name": p.second.full_name, "reason": ", ".join(p.reasons)} for p in pairs]
    lines = "\n".join(f"{p.first.id:>6} {text(p.first.full_name):<30} {p.second.id:>6} "
                      f"{text(p.second.full_name):<30} {p.shown_reasons()}" for p in pairs)
    emit(args, value, lines or _("no possible duplicates"))
    return 0


def _confirm(question: str, *, yes: bool) -> None:
    """--yes, or a person at a terminal typing yes; never wait on a pipe."""
    if yes:
        return
    if not sys.stdin or not sys.stdin.isatty():
        raise UserError(_("merging removes a member; add --yes to confirm (no terminal to ask on)"))
    if not said_yes(input(_("{question} Type yes to go on: ").format(question=question))):
        raise UserError(_("cancelled; nothing was changed"))


def merge_command(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db.session() as session:
        keep_id = find_member_ref(session, args.keep, field="KEEP")
        other_id = find_member_ref(session, args.other, field="OTHER")
        if keep_id == other_id:
            raise UserError(_("KEEP and OTHER are the same member; name two different people"))
        keep, other = get_member(session, keep_id), get_member(session, other_id)
    _confirm(_("Merge {other} (member {other_id}) into {keep} (member {keep_id})?").format(
        other=other.full_name, other_id=other_id, keep=keep.full_name, keep_id=keep_id), yes=args.yes)
    with ctx.db.session() as session:
        result = merge_members(session, keep_id, other_id)
    if result.backup is not None:
        print(_("backup taken: {file}").format(file=result.backup), file=sys.stderr)
    lines = [_("merged member {other_id} into member {keep_id}: {name}").format(
        other_id=other_id, keep_id=keep_id, name=text(keep.full_name))]
    if result.filled:
        lines.append(_("  filled from the other record: {fields}").format(fields=", ".join(result.filled)))
    lines += [_("  {field}: kept {kept}, dropped {dropped}").format(
        field=name, kept=repr(text(kept)), dropped=repr(text(dropped)))
              for name, (kept, dropped) in result.conflicts.items()]
    print("\n".join(lines))
    return 0
