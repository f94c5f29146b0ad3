"""The outreach test group with a dues book on 2026-06-15 (yearly plan, 30 days' grace)."""

from __future__ import annotations

from datetime import date

from communitydesk.db.engine import Database
from communitydesk.services.dues.payments import record_payment
from communitydesk.services.dues.plans import add_plan
from tests.services.outreach.people import add_people

TODAY = date(2026, 6, 15)
PAID_ON = {
    "Zoë Ångström": date(2025, 7, 1),  # cover ends 30 June: due soon
    "Secret Noconsent": date(2025, 7, 5),  # due soon, but agreed to nothing
    "Łukasz Wiśniewski": date(2025, 6, 1),  # ended 31 May: in grace
    "Sam Phoneonly": date(2025, 1, 10),  # ended in January: lapsed (no email consent)
    "Pat Noemail": date(2026, 1, 1),  # paid up until December: not due
}


def add_people_with_dues(db: Database) -> dict[str, int]:
    ids = add_people(db)
    with db.session() as session:
        add_plan(session, name="Standard", amount="12.00", period="year")
        for name, paid_on in PAID_ON.items():
            record_payment(session, ids[name], amount="12.00", paid_on=paid_on, plan_name="Standard")
    return ids
