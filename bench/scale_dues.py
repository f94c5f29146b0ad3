"""A year of dues for the scale group (#17): plans, and payments for 20,000 members
(most yearly, some monthly, a few life members), inserted in bulk with the receipt counter moved on."""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from communitydesk.db.models import DuesPayment, DuesPlan, MemberPlan, ReceiptCounter

PLANS = (("Standard", 1200, "year"), ("Concession", 300, "year"), ("Monthly", 150, "month"),
         ("Life", 15000, "life"))


def fill_dues(session: Session, *, members: int, seed: int = 1, today: date = date(2026, 11, 1)) -> int:
    """Add the plans and a year of payments unless the database has some; returns how many added."""
    if session.scalar(select(func.count()).select_from(DuesPayment)):
        return 0
    rng = random.Random(seed)
    ids = {}
    for name, minor, period in PLANS:
        ids[name] = session.execute(insert(DuesPlan).values(name=name, amount_minor=minor, period=period,
                                                            active=True).returning(DuesPlan.id)).scalar_one()
    rows = []
    methods = ("cash", "cash", "cheque", "transfer", "transfer", "card")
    for member_id in range(1, members + 1):
        plan = rng.choices(("Standard", "Concession", "Monthly", "Life"), weights=(70, 20, 5, 5))[0]
        minor = dict((n, m) for n, m, _p in PLANS)[plan]
        if plan == "Monthly":
            first = today - timedelta(days=365)
            days = [first + timedelta(days=30 * k + rng.randrange(0, 5)) for k in range(12)]
        elif plan == "Life":
            days = [today - timedelta(days=rng.randrange(365, 3650))]
        else:
            days = [today - timedelta(days=rng.randrange(0, 365))]
        for day in days:
            rows.append({"member_id": member_id, "plan_id": ids[plan], "paid_on": day, "amount_minor": minor,
                         "method": rng.choice(methods), "reference": f"REF{member_id}",
                         "taken_by": "treasurer", "version": 1})
    rows.sort(key=lambda r: r["paid_on"])
    for number, row in enumerate(rows, start=1):
        row["receipt_number"] = number
    session.execute(insert(DuesPayment), rows)
    session.execute(insert(MemberPlan),
                    [{"member_id": r["member_id"], "plan_id": r["plan_id"]}
                     for r in {r["member_id"]: r for r in rows}.values()])
    if session.get(ReceiptCounter, 1) is None:
        session.add(ReceiptCounter(id=1, last_number=len(rows)))
    else:
        session.execute(update(ReceiptCounter).where(ReceiptCounter.id == 1).values(last_number=len(rows)))
    return len(rows)
