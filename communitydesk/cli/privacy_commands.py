"""`privacy export|erase|due|retention|audit`: subject access, erasure, retention and the audit trail."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from communitydesk.cli.context import CliContext, emit, said_yes
from communitydesk.db.file_lock import sole_writer
from communitydesk.errors import UserError
from communitydesk.i18n import _, ngettext
from communitydesk.services.members.refs import find_member_ref
from communitydesk.services.privacy.audit import list_audit_entries
from communitydesk.services.privacy.erasure import (
    erase_and_scrub,
    export_subject_access,
    preview_erasure,
)
from communitydesk.services.privacy.file_scrub import PENDING_NOTE
from communitydesk.services.privacy.retention import apply_retention, due_for_anonymisation
from communitydesk.services.settings.group_settings import load_settings


def register(commands: argparse._SubParsersAction) -> None:
    privacy = commands.add_parser("privacy", help=_("subject access, erasure, retention, audit trail"))
    sub = privacy.add_subparsers(dest="privacy_command", metavar="ACTION", required=True)

    p = sub.add_parser("export", help=_("everything held on one person (JSON and PDF)"))
    p.add_argument("member_id", metavar="MEMBER", help=_("the member's id, email, or full name"))
    p.add_argument("-o", "--output", type=Path, required=True,
                   help=_("FILE.json or FILE.pdf; the other format is written next to it"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=export_command)

    p = sub.add_parser("erase", help=_("anonymise a person (attendance kept as anonymous counts)"))
    p.add_argument("member_id", metavar="MEMBER", help=_("the member's id, email, or full name"))
    p.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=erase_command)

    p = sub.add_parser("due", help=_("people due for anonymisation under the retention rules"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=due_command)

    p = sub.add_parser("retention", help=_("anonymise everyone due under the retention rules"))
    p.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=retention_command)

    p = sub.add_parser("audit", help=_("who changed what and when"))
    p.add_argument("--entity", help=_("e.g. member, meeting, one_to_one"))
    p.add_argument("--id", type=int, dest="entity_id")
    p.add_argument("--limit", type=int, default=200)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=audit_command)


def _confirm(question: str, *, yes: bool) -> None:
    """--yes, or a person at a terminal typing yes; never hang waiting on a pipe."""
    if yes:
        return
    if not sys.stdin or not sys.stdin.isatty():
        raise UserError(_("this cannot be undone except from a backup; add --yes to confirm "
                          "(no terminal to ask on)"))
    if not said_yes(input(_("{question} Type yes to go on: ").format(question=question))):
        raise UserError(_("cancelled; nothing was changed"))


def export_command(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db.session() as session:
        group = load_settings(session).group_name
        member_id = find_member_ref(session, args.member_id, field="MEMBER")
        result = export_subject_access(session, member_id, args.output, group_name=group)
    emit(args, result, _("wrote {json} and {pdf}").format(json=result.json_path, pdf=result.pdf_path))
    return 0


def erase_command(args: argparse.Namespace, ctx: CliContext) -> int:
    # A window with the file open may be showing this person and save them back: refuse.
    with sole_writer(ctx.db_target, _("erase a person")):
        with ctx.db.session() as session:
            args.member_id = find_member_ref(session, args.member_id, field="MEMBER")
            preview = preview_erasure(session, args.member_id)
        question = [_("Erase every personal detail of {name} (member {id})?").format(
            name=preview.name, id=args.member_id)]
        if preview.names_removed_from:
            question.append(_("Their name is also replaced by [name removed] in: {places}.").format(
                places=", ".join(preview.names_removed_from)))
        if preview.check_by_hand:
            question.append(_("Their surname, which others share, stays in: {places} (check by "
                              "hand).").format(places=", ".join(preview.check_by_hand)))
        _confirm("\n".join(question), yes=args.yes)
        result = erase_and_scrub(ctx.db, args.member_id)
    lines = [ngettext("member {id} anonymised; {count} attendance record kept as an anonymous count",
                      "member {id} anonymised; {count} attendance records kept as anonymous counts",
                      result.attendance_kept).format(id=args.member_id, count=result.attendance_kept)]
    if result.backup:
        lines.append(_("backup taken first: {file}").format(file=result.backup))
    if result.names_removed_from:
        lines.append(_("their name was replaced by [name removed] in: {places}").format(
            places=", ".join(result.names_removed_from)))
    for place in result.mentions:
        lines.append(_("note: their surname (shared with someone else) still appears in {place}; "
                       "check it by hand").format(place=place))
    if result.scrub_note:
        lines.append(_("warning: erasure {note}").format(note=result.scrub_note))
    emit(args, result, "\n".join(lines))
    return 0


def due_command(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db.session() as session:
        due = due_for_anonymisation(session)
    seen = _("last seen {date}")
    emit(args, due, "\n".join(f"{c.id}\t{c.name}\t{c.status}\t{seen.format(date=c.last_seen)}\t{c.rule}"
                              for c in due) or _("nobody is due for anonymisation"))
    return 0


def retention_command(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db.session() as session:
        due = due_for_anonymisation(session)
    if not due:
        emit(args, {"erased": [], "backup": None}, _("nobody is due for anonymisation"))
        return 0
    _confirm(ngettext("Anonymise {count} person due under the retention rules?",
                      "Anonymise {count} people due under the retention rules?", len(due)).format(
                          count=len(due)), yes=args.yes)
    with sole_writer(ctx.db_target, _("anonymise people")):
        result = apply_retention(ctx.db, [c.id for c in due], confirmed=True)
    text = ngettext("anonymised {count} person; backup: {file}", "anonymised {count} people; backup: {file}",
                    len(result.erased)).format(count=len(result.erased), file=result.backup)
    if not result.scrubbed:
        text += "\n" + _("warning: erasure not finished: {note}").format(note=_(PENDING_NOTE))
    emit(args, result, text)
    return 0


def audit_command(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db.session() as session:
        entries = list_audit_entries(session, entity=args.entity, entity_id=args.entity_id,
                                     limit=args.limit)
    emit(args, entries, "\n".join(
        f"{e.at:%Y-%m-%d %H:%M}\t{e.user_name}\t{e.summary}" for e in entries)
        or _("no changes recorded"))
    return 0
