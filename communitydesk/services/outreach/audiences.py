"""Who a message or a print run is for, beyond a tag and a status: renewals due (#18).

"Renewals due" reads the dues book (``services/dues/status.dues_status``): members whose
paid-up cover ends within the next N days, and those in grace or lapsed. Consent is not
decided here: the channel's own check (``reach``) still leaves out anyone who did not agree.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.orm import Session

from communitydesk.domain import DuesState
from communitydesk.i18n import N_
from communitydesk.services.dues.status import dues_status

BY_TAG = "tag"  # the tag and status filters
DUE_SOON = "due_soon"  # paid up, cover ends within N days
GRACE_OR_LAPSED = "grace_or_lapsed"
RENEWALS = "renewals"  # both of the above

# key -> the words a person chooses from (translated where they are shown)
AUDIENCES = {
    BY_TAG: N_("People with the tag and status below"),
    DUE_SOON: N_("Dues due within the days below"),
    GRACE_OR_LAPSED: N_("Dues in grace or lapsed"),
    RENEWALS: N_("Renewals due: due soon, in grace or lapsed"),
}
DEFAULT_DAYS = 30


def renewals_due_ids(session: Session, audience: str, *, within_days: int = DEFAULT_DAYS,
                     on: date | None = None) -> list[int]:
    """Member ids of a dues audience (DUE_SOON, GRACE_OR_LAPSED or RENEWALS), in name order."""
    if audience not in (DUE_SOON, GRACE_OR_LAPSED, RENEWALS):
        raise ValueError(f"not a dues audience: {audience!r}")
    day = on or date.today()
    horizon = day + timedelta(days=max(within_days, 0))
    wanted: list[int] = []
    for row in dues_status(session, on=day):
        due_soon = (row.state is DuesState.PAID and row.paid_until is not None
                    and row.paid_until <= horizon)
        behind = row.state in (DuesState.GRACE, DuesState.LAPSED)
        if (audience == DUE_SOON and due_soon) or (audience == GRACE_OR_LAPSED and behind) \
                or (audience == RENEWALS and (due_soon or behind)):
            wanted.append(row.member_id)
    return wanted
