"""`dues export` (payments for the accounts, CSV/XLSX) and the year summary by plan and method.

Reuses the project's spreadsheet writer (io/sheet_writer.py): text that would run as a
formula is neutralised, dates are real dates and amounts real numbers in a workbook,
and a half-written file is never left behind. Amounts are summed as integers.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import String, cast, func, select, type_coerce
from sqlalchemy.orm import Session

from communitydesk.db.models import DuesPayment, DuesPlan, Member
from communitydesk.io.sheet_writer import TableWriter, check_format, neutralise
from communitydesk.services.core.names import formal_name
from communitydesk.services.dues.money import from_minor

HEADERS = ("date", "receipt_number", "member_id", "member", "plan", "method", "amount",
           "reference", "taken_by", "refund_of_receipt")
BATCH = 5000


def minor_text(minor: int) -> str:
    """1250 → "12.50", -50 → "-0.50": exact, and much faster than a Decimal per row."""
    sign = "-" if minor < 0 else ""
    whole, cents = divmod(abs(minor), 100)
    return f"{sign}{whole}.{cents:02d}"


@dataclass(frozen=True)
class PaymentsExport:
    path: Path
    format: str
    rows: int
    total: Decimal

    def to_json(self) -> dict:
        return {"path": str(self.path), "format": self.format, "rows": self.rows,
                "total": str(self.total)}


def _bounds(start: date | None, end: date | None) -> list:
    where = []
    if start:
        where.append(DuesPayment.paid_on >= start)
    if end:
        where.append(DuesPayment.paid_on <= end)
    return where


def export_payments(session: Session, target: Path | str, *, fmt: str | None = None,
                    start: date | None = None, end: date | None = None) -> PaymentsExport:
    """One row a payment (refunds negative, naming the refunded receipt), by date and number."""
    path = Path(target)
    chosen = check_format(fmt, path)

    conn = session.connection()
    xlsx = chosen == "xlsx"

    def safe_text(value: str | None) -> str | None:  # CSV: a ' before = + - @; XLSX: a string cell
        return neutralise(value, fmt=chosen)

    people = {mid: safe_text("Anonymised" if gone else formal_name(first, last))
              for mid, first, last, gone in conn.execute(
                  select(Member.id, Member.first_name, Member.last_name, Member.anonymised_at))}
    plans = {pid: safe_text(name) for pid, name in conn.execute(select(DuesPlan.id, DuesPlan.name))}
    receipts = dict(conn.execute(select(DuesPayment.id, DuesPayment.receipt_number)
                                 .where(DuesPayment.id.in_(select(DuesPayment.refund_of_id)))).all())
    # Raw ISO text for the date (no per-row date parsing on SQLite); amounts as integers until written.
    query = (select(type_coerce(DuesPayment.paid_on, String), DuesPayment.receipt_number,
                    DuesPayment.member_id, DuesPayment.plan_id, type_coerce(DuesPayment.method, String),
                    DuesPayment.amount_minor, DuesPayment.reference, DuesPayment.taken_by,
                    DuesPayment.refund_of_id)
             .where(*_bounds(start, end)).order_by(DuesPayment.paid_on, DuesPayment.receipt_number))
    count = total = 0
    takers: dict[str | None, str | None] = {}
    with TableWriter(path, chosen, sheet_title="Payments", headers=HEADERS, kinds=("date",)) as out:
        # Options for this statement only: set on the connection they would stay (PostgreSQL then
        # sends the audit insert at commit through a server-side cursor, which refuses it).
        result = conn.execute(query, execution_options={"stream_results": True, "yield_per": BATCH})
        for batch in result.partitions(BATCH):
            rows = []
            for paid_on, number, mid, pid, method, minor, ref, taker, refund_of in batch:
                total += minor
                if taker not in takers:
                    takers[taker] = safe_text(taker)
                if xlsx:
                    day = date.fromisoformat(paid_on[:10]) if isinstance(paid_on, str) else paid_on
                    amount: object = from_minor(minor)  # a number in the workbook
                else:
                    day, amount = paid_on, minor_text(minor)
                rows.append((day, number, mid, people.get(mid), plans.get(pid), method, amount,
                             safe_text(ref) if ref else ref, takers[taker], receipts.get(refund_of)))
            out.write_plain_rows(rows)
            count += len(rows)
    return PaymentsExport(path=path, format=chosen, rows=count, total=from_minor(total))


@dataclass(frozen=True)
class SummaryLine:
    plan: str
    method: str
    payments: int
    amount: Decimal

    def to_json(self) -> dict:
        return {"plan": self.plan, "method": self.method, "payments": self.payments,
                "amount": str(self.amount)}


@dataclass(frozen=True)
class YearSummary:
    year: int
    lines: tuple[SummaryLine, ...]
    by_plan: tuple[tuple[str, Decimal], ...]
    by_method: tuple[tuple[str, Decimal], ...]
    refunds: Decimal
    total: Decimal

    def to_json(self) -> dict:
        return {"year": self.year, "lines": [line.to_json() for line in self.lines],
                "by_plan": {k: str(v) for k, v in self.by_plan},
                "by_method": {k: str(v) for k, v in self.by_method},
                "refunds": str(self.refunds), "total": str(self.total)}


def summary_for(session: Session, start: date, end: date, *, year: int = 0) -> YearSummary:
    """Income by plan and method in a period (refunds netted in, and shown on their own)."""
    rows = session.execute(
        select(func.coalesce(DuesPlan.name, "(no plan)"), type_coerce(DuesPayment.method, String),
               func.count(), func.sum(DuesPayment.amount_minor))
        .outerjoin(DuesPlan, DuesPlan.id == DuesPayment.plan_id)
        .where(*_bounds(start, end))
        .group_by(DuesPlan.name, DuesPayment.method)
        .order_by(DuesPlan.name, DuesPayment.method)).all()
    refunds = session.scalar(select(func.coalesce(func.sum(DuesPayment.amount_minor), 0))
                             .where(*_bounds(start, end), DuesPayment.amount_minor < 0)) or 0
    by_plan: dict[str, int] = defaultdict(int)
    by_method: dict[str, int] = defaultdict(int)
    lines = []
    for plan, method, count, minor in rows:
        by_plan[plan] += minor or 0
        by_method[method] += minor or 0
        lines.append(SummaryLine(plan, method, count, from_minor(minor)))
    return YearSummary(year=year, lines=tuple(lines),
                       by_plan=tuple((k, from_minor(v)) for k, v in sorted(by_plan.items())),
                       by_method=tuple((k, from_minor(v)) for k, v in sorted(by_method.items())),
                       refunds=from_minor(refunds), total=from_minor(sum(by_plan.values())))


def year_summary(session: Session, year: int) -> YearSummary:
    return summary_for(session, date(year, 1, 1), date(year, 12, 31), year=year)


def income_by_month(session: Session, start: date, end: date) -> list[tuple[str, Decimal]]:
    """("2026-03", 145.50) for every month from ``start`` to ``end``, empty months at 0."""
    month = func.substr(cast(DuesPayment.paid_on, String), 1, 7)  # "2026-03" on SQLite and PostgreSQL
    totals: dict[str, int] = {m: int(total or 0) for m, total in session.execute(
        select(month, func.sum(DuesPayment.amount_minor)).where(*_bounds(start, end)).group_by(month))}
    months = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        key = f"{year:04d}-{month:02d}"
        months.append((key, from_minor(totals.get(key, 0))))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months
