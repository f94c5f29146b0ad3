"""`dues plans add|list`, `dues pay`, `dues refund`, `dues status`, `dues export`, `dues summary`,
and `print receipt` / `print renewals` (DESIGN.md "Membership dues").

JSON: ``plans add`` the plan ``{id, name, amount, period, active}``; ``pay`` / ``refund`` the
payment with ``id, receipt_number, paid_until`` (amounts are decimal strings); ``status`` a list of
``{member_id, name, plan, paid_until, state, lapsed_on}``; ``summary`` ``{year, lines, by_plan,
by_method, refunds, total, from, to, paid_up_on_end_date, paid_up_during_period}``.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from communitydesk.cli.context import CliContext, emit
from communitydesk.domain import DuesPeriod, DuesState, PaymentMethod
from communitydesk.errors import UserError
from communitydesk.i18n import N_, _, ngettext
from communitydesk.io.dates import parse_day
from communitydesk.services.dues.export import export_payments, year_summary
from communitydesk.services.dues.payments import record_payment, refund_payment
from communitydesk.services.dues.plans import add_plan, list_plans
from communitydesk.services.dues.status import dues_status
from communitydesk.services.members.refs import find_member_ref
from communitydesk.services.reports.figures import paid_up_members

# What people read for the contract's values (the values themselves stay as DESIGN.md says in JSON).
PLAN_ADDED = {DuesPeriod.YEAR: N_("Plan {plan_id} added: {name}, {amount} a year"),
              DuesPeriod.MONTH: N_("Plan {plan_id} added: {name}, {amount} a month"),
              DuesPeriod.LIFE: N_("Plan {plan_id} added: {name}, {amount} for life")}


def _day(value: str | None, field: str) -> date:
    return parse_day(value, field=field) if value else date.today()


def register(commands: argparse._SubParsersAction) -> None:
    top = commands.add_parser("dues", help=_("membership plans, payments taken offline, who is paid up"))
    sub = top.add_subparsers(dest="dues_command", metavar="ACTION", required=True)

    plans = sub.add_parser("plans", help=_("membership plans"))
    plan_sub = plans.add_subparsers(dest="plans_command", metavar="ACTION", required=True)
    p = plan_sub.add_parser("add", help=_("a plan, e.g. Standard 12.00 a year"))
    p.add_argument("--name", required=True)
    p.add_argument("--amount", required=True, metavar="A", help=_("e.g. 12.00 (0 for a waived plan)"))
    p.add_argument("--period", required=True, choices=[x.value for x in DuesPeriod])
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=plans_add)
    p = plan_sub.add_parser("list", help=_("every plan"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=plans_list)

    p = sub.add_parser("pay", help=_("record a payment taken offline"))
    p.add_argument("member", metavar="MEMBER", help=_("id, email or full name"))
    p.add_argument("--amount", required=True, metavar="A")
    p.add_argument("--date", required=True, metavar="D")
    p.add_argument("--plan", metavar="NAME", help=_("default: the member's plan"))
    p.add_argument("--method", default="cash", choices=[m.value for m in PaymentMethod])
    p.add_argument("--reference", metavar="R")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=pay)

    p = sub.add_parser("refund", help=_("refund a payment (a negative payment with its own receipt)"))
    p.add_argument("payment_id", type=int, metavar="PAYMENT_ID")
    p.add_argument("--date", metavar="D", help=_("default today"))
    p.add_argument("--amount", metavar="A", help=_("default: all that is left"))
    p.add_argument("--reference", metavar="R")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=refund)

    p = sub.add_parser("status", help=_("each member's paid-until and state"))
    p.add_argument("--on", metavar="D", help=_("default today"))
    p.add_argument("--state", choices=[s.value for s in DuesState], help=_("only this state"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=status)

    p = sub.add_parser("export", help=_("payments for the accounts (CSV or XLSX)"))
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    p.add_argument("--from", dest="from_date", metavar="D")
    p.add_argument("--to", dest="to_date", metavar="D")
    p.add_argument("--format", choices=("csv", "xlsx"))
    p.set_defaults(handler=export)

    p = sub.add_parser("summary", help=_("a year's income by plan and method"))
    p.add_argument("--year", type=int, default=date.today().year, metavar="Y")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=summary)


def register_print(sub: argparse._SubParsersAction) -> None:
    """`print receipt` and `print renewals`, added to the `print` command."""
    p = sub.add_parser("receipt", help=_("a payment receipt"))
    p.add_argument("payment_id", type=int, metavar="PAYMENT_ID")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    p.set_defaults(handler=print_receipt)
    p = sub.add_parser("renewals", help=_("renewal letters, one page a person due"))
    p.add_argument("--on", metavar="D", help=_("default today"))
    p.add_argument("--within", type=int, default=30, metavar="DAYS", help=_("cover ending within (30)"))
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    p.set_defaults(handler=print_renewals)


def plans_add(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db.session() as s:
        plan = add_plan(s, name=args.name, amount=args.amount, period=args.period)
    emit(args, plan, _(PLAN_ADDED[plan.period]).format(plan_id=plan.id, name=plan.name, amount=plan.amount))
    return 0


def plans_list(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db.session() as s:
        plans = list_plans(s)
    retired = "  " + _("(retired)")
    emit(args, plans, "\n".join(f"{p.id:>4}  {p.name:<24} {p.amount:>10}  {p.period.value:<5}"
                                f"{'' if p.active else retired}" for p in plans) or _("No plans yet."))
    return 0


def pay(args: argparse.Namespace, ctx: CliContext) -> int:
    paid_on = parse_day(args.date, field="--date")
    with ctx.db.session() as s:
        member_id = find_member_ref(s, args.member, field="MEMBER")
        payment = record_payment(s, member_id, amount=args.amount, paid_on=paid_on, plan_name=args.plan,
                                 method=args.method, reference=args.reference)
    if payment.paid_until:
        message = _("Payment {payment_id}: receipt {receipt}, {amount} from {name} ({plan}); paid until {until}")
    else:
        message = _("Payment {payment_id}: receipt {receipt}, {amount} from {name} ({plan}); paid for life")
    emit(args, payment, message.format(
        payment_id=payment.id, receipt=payment.receipt_number, amount=payment.amount, name=payment.member_name,
        plan=payment.plan, until=payment.paid_until.isoformat() if payment.paid_until else ""))
    return 0


def refund(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db.session() as s:
        payment = refund_payment(s, args.payment_id, paid_on=_day(args.date, "--date"),
                                 amount=args.amount, reference=args.reference)
    emit(args, payment, _("Refund {payment_id}: receipt {receipt}, {amount} to {name}").format(
        payment_id=payment.id, receipt=payment.receipt_number, amount=payment.amount, name=payment.member_name))
    return 0


def status(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db.session() as s:
        rows = dues_status(s, on=_day(args.on, "--on"))
    if args.state:
        rows = [r for r in rows if r.state.value == args.state]
    emit(args, rows, "\n".join(
        f"{r.member_id:>6}  {r.name:<30} {r.plan or '-':<16} "
        f"{r.paid_until.isoformat() if r.paid_until else '-':<10}  {r.state.value}" for r in rows)  # values, as the contract
        or _("Nobody has a plan or a payment yet."))
    return 0


def export(args: argparse.Namespace, ctx: CliContext) -> int:
    start = parse_day(args.from_date, field="--from") if args.from_date else None
    end = parse_day(args.to_date, field="--to") if args.to_date else None
    if start and end and end < start:
        raise UserError(_("--to {end} is before --from {start}").format(end=end, start=start))
    with ctx.db.session() as s:
        result = export_payments(s, Path(args.output).expanduser(), fmt=args.format, start=start, end=end)
    print(ngettext("{count} payment written to {path} (total {total})",
                   "{count} payments written to {path} (total {total})", result.rows).format(
        count=result.rows, path=result.path, total=result.total))
    return 0


def summary(args: argparse.Namespace, ctx: CliContext) -> int:
    if not 1900 <= args.year <= 2999:
        raise UserError(_("--year: {year} is not a year").format(year=args.year))
    with ctx.db.session() as s:
        result = year_summary(s, args.year)
        paid_up = paid_up_members(s, date(args.year, 1, 1), date(args.year, 12, 31))
    lines = [_("Dues {year}: total {total} (refunds {refunds}); paid-up members: {during} during the year, "
               "{on_end} on {end}").format(year=result.year, total=result.total, refunds=result.refunds,
                                           during=paid_up.during_period, on_end=paid_up.on_end_date, end=paid_up.end)]
    lines += [f"  {line.plan:<20} {line.method:<9} {line.payments:>5}  {line.amount:>10}" for line in result.lines]
    emit(args, {**result.to_json(), **paid_up.to_json()}, "\n".join(lines))
    return 0


def _pdf_path(value: str) -> Path:
    path = Path(value).expanduser()
    if path.is_dir() or not path.parent.is_dir():
        raise UserError(_("-o: {path} is a folder or its folder does not exist").format(path=path))
    return path


def print_receipt(args: argparse.Namespace, ctx: CliContext) -> int:
    from communitydesk.pdf.dues_papers import build_receipt
    from communitydesk.services.dues.paper import receipt_data

    output = _pdf_path(args.output)
    with ctx.db.session() as s:
        data = receipt_data(s, args.payment_id)
    try:
        build_receipt(data, output)
    except OSError as exc:
        raise UserError(_("-o: cannot write {output}: {problem}").format(output=output, problem=exc.strerror or exc)) from None
    print(_("Receipt {receipt} written to {output}").format(receipt=data.payment.receipt_number, output=output))
    return 0


def print_renewals(args: argparse.Namespace, ctx: CliContext) -> int:
    from communitydesk.pdf.dues_papers import build_renewals
    from communitydesk.services.dues.paper import renewals_data

    output = _pdf_path(args.output)
    with ctx.db.session() as s:
        data = renewals_data(s, on=_day(args.on, "--on"), within=args.within)
    try:
        pages = build_renewals(data, output)
    except OSError as exc:
        raise UserError(_("-o: cannot write {output}: {problem}").format(output=output, problem=exc.strerror or exc)) from None
    count = len(data.letters)
    letters = ngettext("{count} renewal letter", "{count} renewal letters", count).format(count=count)
    print(ngettext("{letters} written to {output} ({pages} page)", "{letters} written to {output} ({pages} pages)",
                   pages).format(letters=letters, output=output, pages=pages))
    return 0
