"""`print sign-in|agenda|minutes|pack MEETING_ID -o FILE.pdf` and `print register [--from D] [--to D] -o FILE.pdf`."""

from __future__ import annotations

import argparse
from pathlib import Path

from communitydesk.cli.context import CliContext
from communitydesk.errors import UserError
from communitydesk.i18n import N_, _, ngettext
from communitydesk.services.meetings.planning import parse_day

_MEETING_DOCUMENTS = {
    "sign-in": N_("sign-in sheet: expected people by name (no contact details) and newcomer rows"),
    "agenda": N_("agenda with matters arising (open actions)"),
    "minutes": N_("minutes: present, apologies, each item's minutes and decisions, actions"),
    "pack": N_("meeting pack: agenda, previous minutes, open actions, sign-in sheet"),
}


def register(commands: argparse._SubParsersAction) -> None:
    printing = commands.add_parser("print", help=_("print sign-in sheets, agendas, minutes, packs, the register"))
    sub = printing.add_subparsers(dest="print_command", metavar="DOCUMENT", required=True)
    for name, help_text in _MEETING_DOCUMENTS.items():
        p = sub.add_parser(name, help=_(help_text))
        p.add_argument("meeting_id", type=int, metavar="MEETING_ID")
        p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
        p.set_defaults(handler=print_command, document=name)
    p = sub.add_parser("register", help=_("attendance grid, people × meetings, landscape"))
    p.add_argument("--from", dest="from_date", metavar="D")
    p.add_argument("--to", dest="to_date", metavar="D")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    p.set_defaults(handler=print_command, document="register")
    from communitydesk.cli.dues_commands import register_print  # #17: receipt, renewals

    register_print(sub)


def _output_path(value: str) -> Path:
    path = Path(value).expanduser()
    if path.is_dir():
        raise UserError(_("-o: {path} is a folder; give a file name such as {example}").format(
            path=path, example=path / "sheet.pdf"))
    if not path.parent.is_dir():
        raise UserError(_("-o: the folder {parent} does not exist").format(parent=path.parent))
    return path


def print_command(args: argparse.Namespace, ctx: CliContext) -> int:
    # ReportLab loads only when printing, keeping other commands quick to start.
    from communitydesk.pdf.documents import DocumentKind, gather, render

    output = _output_path(args.output)
    kind = DocumentKind(args.document)
    start = parse_day(args.from_date, field="--from") if getattr(args, "from_date", None) else None
    end = parse_day(args.to_date, field="--to") if getattr(args, "to_date", None) else None
    with ctx.db.session() as session:
        data = gather(session, kind, getattr(args, "meeting_id", None), from_date=start, to_date=end)
    try:
        pages = render(data, output)
    except OSError as exc:
        raise UserError(_("-o: cannot write {output}: {problem}").format(output=output, problem=exc.strerror or exc)) from None
    print(ngettext("{document} written to {file} ({count} page)",
                   "{document} written to {file} ({count} pages)", pages).format(
        document=kind.title, file=output, count=pages))
    return 0
