"""`members list|add|edit|duplicates|merge|import|export`: the member list from the command line."""

from __future__ import annotations

import argparse
import contextlib
from datetime import date

from communitydesk.cli import member_duplicates_commands
from communitydesk.cli.context import CliContext, emit
from communitydesk.cli.show import member_line, text
from communitydesk.db.file_lock import sole_writer
from communitydesk.errors import UserError
from communitydesk.i18n import _, ngettext
from communitydesk.io.dates import parse_day
from communitydesk.io.text import split_address
from communitydesk.services.members.export import FORMATS, export_members
from communitydesk.services.members.importing import (
    import_people,
    parse_mapping_options,
    read_import_file,
)
from communitydesk.services.members.records import (
    DuplicateEmailError,
    add_member,
    find_member_ref,
    get_member,
    list_members,
    update_member,
)
from communitydesk.services.settings.group_settings import load_settings

CHANNELS = ("email", "phone", "post")
STATUSES = ("prospect", "active", "lapsed", "left")
# option dest -> member field, for the options `add` and `edit` share
TEXT_OPTIONS = {"first_name": "first_name", "last_name": "last_name", "preferred_name": "preferred_name",
                "pronouns": "pronouns", "email": "email", "phone": "phone", "postcode": "postcode",
                "status": "status", "notes": "notes"}


def _member_options(p: argparse.ArgumentParser, *, adding: bool) -> None:
    """The fields `members add` takes; `members edit` takes the same, each optional."""
    p.add_argument("--first-name", required=adding)
    p.add_argument("--last-name", required=adding)
    p.add_argument("--preferred-name", help=_("what they like to be called"))
    p.add_argument("--pronouns")
    p.add_argument("--email")
    p.add_argument("--phone")
    p.add_argument("--address", metavar="TEXT", help=_('e.g. "12 Elm Street, Leeds" (a postcode in it is read too)'))
    p.add_argument("--postcode")
    p.add_argument("--status", default="active" if adding else None, help=_("one of: {values}").format(values=", ".join(STATUSES)))
    p.add_argument("--joined", metavar="D", help=_("date they joined (2026-12-10 or 10/12/2026)"))
    p.add_argument("--notes", metavar="TEXT")
    p.add_argument("--tag", action="append", default=[], metavar="T",
                   help=_("a tag (repeatable)") if adding
                   else _("a tag (repeatable); added to the member's tags"))
    p.add_argument("--consent", metavar="CHANNELS",
                   help=_('consent given today for email,phone,post (source "entered")') if adding
                   else _('consent given today for email,phone,post (source "entered"); "none" '
                          "withdraws every channel"))
    p.add_argument("--json", action="store_true")


def register(commands: argparse._SubParsersAction) -> None:
    members = commands.add_parser("members", help=_("the member list"))
    sub = members.add_subparsers(dest="members_command", metavar="ACTION", required=True)

    p = sub.add_parser("list", help=_("list members"))
    p.add_argument("--status", choices=STATUSES)
    p.add_argument("--tag")
    p.add_argument("--search", help=_("words found in names, email, phone, postcode or tags "
                                    "(case and accents ignored)"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=list_command)

    p = sub.add_parser("add", help=_("add a member"))
    _member_options(p, adding=True)
    p.set_defaults(handler=add_command)

    p = sub.add_parser("edit", help=_("change the given fields of a member, nothing else"))
    p.add_argument("member", metavar="MEMBER", help=_("id, email or full name"))
    _member_options(p, adding=False)
    p.add_argument("--remove-tag", action="append", default=[], metavar="T", help=_("a tag to take off"))
    p.set_defaults(handler=edit_command)
    member_duplicates_commands.add_parsers(sub)

    p = sub.add_parser(
        "import", help=_("import a member list (CSV, XLSX or vCard; Google, Mailchimp, Eventbrite...)"))
    p.add_argument("file")
    p.add_argument("--dry-run", action="store_true", help=_("report what would change, write nothing"))
    p.add_argument("--map", action="append", default=[], metavar="HEADER=FIELD",
                   help=_("use a column for a field, e.g. --map \"Mobile=phone\" (repeatable)"))
    p.add_argument("--encoding", metavar="NAME",
                   help=_("the file's text encoding (e.g. cp1250, cp1251, mac_roman) instead of the guess"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=import_command)

    p = sub.add_parser("export", help=_("write every member to CSV, XLSX or vCard"))
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    p.add_argument("--format", choices=FORMATS, help=_("default: from the file name, else csv"))
    p.set_defaults(handler=export_command)


def list_command(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db.session() as session:
        rows = list_members(session, status=args.status, tag=args.tag, search=args.search)
    lines = "\n".join(
        f"{m.id:>6}  {text(m.full_name):<32} {text(m.email):<32} {m.status}" for m in rows
    ) or _("no members match")
    emit(args, rows, lines)
    return 0


def _values(args: argparse.Namespace) -> dict[str, object]:
    """The member fields given on the command line (None: not given)."""
    values: dict[str, object] = {field: getattr(args, dest) for dest, field in TEXT_OPTIONS.items()
                                 if getattr(args, dest) is not None}
    if args.address is not None:
        parts = split_address(args.address)
        values.update(address_line1=parts.line1, address_line2=parts.line2, town=parts.town)
        if parts.postcode and args.postcode is None:
            values["postcode"] = parts.postcode
    if args.joined is not None:
        values["joined_on"] = parse_day(args.joined, field="--joined") if args.joined.strip() else None
    if args.consent is not None:
        wanted = {c.strip().lower() for c in args.consent.split(",") if c.strip()} - {"none"}
        unknown = wanted - set(CHANNELS)
        if unknown:
            raise UserError(_("--consent: {values} is not one of email, phone, post").format(
                values=", ".join(sorted(unknown))))
        values.update({f"consent_{c}": c in wanted for c in CHANNELS})
        values.update(consent_date=date.today() if wanted else None,
                      consent_source="entered" if wanted else None)
    return values


def _taken(exc: DuplicateEmailError) -> UserError:
    return UserError(_("{problem}; to change their details use `communitydesk members edit {id}`")
                     .format(problem=str(exc).split(";")[0], id=exc.member_id))


def add_command(args: argparse.Namespace, ctx: CliContext) -> int:
    values = _values(args)
    try:
        with ctx.db.session() as session:
            member = add_member(session, tags=args.tag, **values)
    except DuplicateEmailError as exc:
        raise _taken(exc) from None
    emit(args, member, member_line(member))
    return 0


def edit_command(args: argparse.Namespace, ctx: CliContext) -> int:
    values = _values(args)
    try:
        with ctx.db.session() as session:
            member_id = find_member_ref(session, args.member, field="MEMBER")
            before = get_member(session, member_id)
            tags = None
            if args.tag or args.remove_tag:
                removed = {t.casefold() for t in args.remove_tag}
                tags = [t for t in (*before.tags, *args.tag) if t.casefold() not in removed]
            changed = {k: v for k, v in values.items() if before.values.get(k) != v}
            member = update_member(session, member_id, changed, expected_version=before.version,
                                   tags=tags)
    except DuplicateEmailError as exc:
        raise UserError(_("{problem}; one email belongs to one member").format(
            problem=str(exc).split(";")[0])) from None
    note = "" if member.version != before.version else " (" + _("nothing changed") + ")"
    emit(args, member, member_line(member) + note)
    return 0


def import_command(args: argparse.Namespace, ctx: CliContext) -> int:
    overrides = parse_mapping_options(args.map)
    source = read_import_file(args.file, overrides=overrides, encoding=args.encoding)
    # The window's writer lock is honoured: an import under an open window is refused.
    with (contextlib.nullcontext() if args.dry_run else sole_writer(ctx.db_target, _("import members"))),\
            ctx.db.session() as session:
        region = load_settings(session).phone_region
        result = import_people(session, source, dry_run=args.dry_run, phone_region=region)
        if args.dry_run:
            session.rollback()
    lines = [f"{args.file} ({source.format}): {result.summary()}"]
    row = _("  row {row}: {field}: {reason}")
    lines += [row.format(row=p.line, field=p.field, reason=p.reason) for p in result.rejected]
    lines += [row.format(row=p.line, field=p.field, reason=p.reason) for p in result.warnings]
    lines += [_("  row {row}: {name}: {field} is {here} here, {incoming} in the file (kept)").format(
        row=c.row, name=c.name, field=c.field, here=repr(c.existing), incoming=repr(c.incoming))
        for c in result.conflicts]
    emit(args, result, "\n".join(lines))
    return 0


def export_command(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db.session() as session:
        count = export_members(session, args.output, fmt=args.format)
    print(ngettext("{count} member written to {file}", "{count} members written to {file}",
                   count).format(count=count, file=args.output))
    return 0
