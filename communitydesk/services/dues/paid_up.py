"""Paid-up members for funders and the AGM: on a date, and at any time over a period."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from communitydesk.services.dues.standing import Spans, paid_up_between, spans_paid_up
from communitydesk.services.dues.status import _covers, all_spans


@dataclass(frozen=True)
class PaidUpFigures:
    start: date
    end: date
    on_end_date: int  # paid or life on the last day
    during_period: int  # paid or life on at least one day of the period

    def to_json(self) -> dict:
        return {"from": self.start.isoformat(), "to": self.end.isoformat(),
                "paid_up_on_end_date": self.on_end_date, "paid_up_during_period": self.during_period}


def paid_up_on(session: Session, on: date) -> int:
    """Members paid (paid_until ≥ the date) or life members on ``on`` (grace is not paid up)."""
    return sum(paid_up_between(c, on, on) for c in _covers(session).values())


def paid_up_figures(session: Session, start: date, end: date, *,
                    spans_by_member: dict[int, Spans] | None = None) -> PaidUpFigures:
    spans = list((all_spans(session) if spans_by_member is None else spans_by_member).values())
    return PaidUpFigures(start=start, end=end,
                         on_end_date=sum(spans_paid_up(s, end, end) for s in spans),
                         during_period=sum(spans_paid_up(s, start, end) for s in spans))
