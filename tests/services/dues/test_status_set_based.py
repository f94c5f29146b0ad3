"""The Dues screen's set-based standing (one query, one loop) equals the pure rule in
services/dues/standing.py, member by member, on a few hundred generated members."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy import insert

from communitydesk.db.engine import Database
from communitydesk.db.models import DuesPayment, DuesPlan, Member, MemberPlan
from communitydesk.domain import DuesPeriod
from communitydesk.services.dues.paid_up import paid_up_figures
from communitydesk.services.dues.standing import (
    Cover,
    lapsed_on,
    paid_up_between,
    standing_of,
    state_on,
)
from communitydesk.services.dues.status import dues_status

PLANS = ((1, "Standard", 1200, "year"), (2, "Monthly", 150, "month"), (3, "Life", 10000, "life"),
         (4, "Waived", 0, "year"))
DAYS = (date(2024, 1, 31), date(2024, 2, 29), date(2025, 6, 15), date(2025, 12, 31), date(2026, 3, 1),
        date(2026, 6, 15), date(2027, 1, 1))


def _generate(db: Database, members: int, seed: int) -> dict[int, list[Cover]]:
    """Random payments (same-day pairs, month ends, full, partial and split refunds, payments on
    no plan); returns the covers the pure rule sees for each member."""
    rng = random.Random(seed)
    payments, refunds, plan_rows = [], [], []
    receipt = 0
    covers: dict[int, list[Cover]] = defaultdict(list)
    with db.session() as s:
        s.execute(insert(DuesPlan), [{"id": i, "name": n, "amount_minor": a, "period": p, "active": True}
                                     for i, n, a, p in PLANS])
        s.execute(insert(Member), [{"id": m, "first_name": f"P{m}", "last_name": rng.choice("ABCDE"),
                                    "status": "active"} for m in range(1, members + 1)])
        for member_id in range(1, members + 1):
            if rng.random() < 0.1:
                plan_rows.append({"member_id": member_id, "plan_id": 1})  # a plan and never a payment
                continue
            for _ in range(rng.choice((1, 1, 1, 2, 3, 5))):
                plan = rng.choice((1, 1, 1, 2, 2, 3, 4, None))
                day = rng.choice((date(2024, 1, 31), date(2025, 1, 31), date(2025, 8, 31))) \
                    if rng.random() < 0.2 else date(2023, 6, 1) + timedelta(days=rng.randrange(0, 1300))
                amount = dict((i, a) for i, _n, a, _p in PLANS).get(plan, 500)
                receipt += 1
                payments.append({"id": receipt, "member_id": member_id, "plan_id": plan, "paid_on": day,
                                 "amount_minor": amount, "method": "cash", "receipt_number": receipt,
                                 "version": 1})
                back = 0
                if amount and rng.random() < 0.25:
                    parts = rng.choice(([amount], [amount // 2], [amount // 2, amount - amount // 2]))
                    for part in parts:
                        receipt += 1
                        refunds.append({"id": receipt, "member_id": member_id, "plan_id": plan,
                                        "paid_on": day + timedelta(days=3), "amount_minor": -part,
                                        "method": "cash", "receipt_number": receipt, "version": 1,
                                        "refund_of_id": payments[-1]["id"]})
                        back += part
                period = DuesPeriod(PLANS[plan - 1][3]) if plan else None
                covers[member_id].append(Cover(day, period, refunded=amount > 0 and back >= amount))
            plan_rows.append({"member_id": member_id, "plan_id": payments[-1]["plan_id"] or 1})
        s.execute(insert(DuesPayment), payments + refunds)
        s.execute(insert(MemberPlan), plan_rows)
    return covers


def test_set_based_standing_equals_the_rule(any_db: Database) -> None:
    db = any_db
    covers = _generate(db, 300, seed=17)
    grace = 30
    for day in DAYS:
        with db.session() as s:
            rows = {r.member_id: r for r in dues_status(s, on=day)}
            figures = paid_up_figures(s, day - timedelta(days=365), day)
        assert len(rows) == 300, day
        for member_id, row in rows.items():
            standing = standing_of(covers.get(member_id, []), on=day)
            expected = (standing.paid_until, state_on(standing, day, grace_days=grace),
                        lapsed_on(standing, grace_days=grace))
            assert (row.paid_until, row.state, row.lapsed_on) == expected, (day, member_id, covers[member_id])
        assert figures.on_end_date == sum(paid_up_between(c, day, day) for c in covers.values()), day
        assert figures.during_period == sum(paid_up_between(c, day - timedelta(days=365), day)
                                            for c in covers.values()), day
