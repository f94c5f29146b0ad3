"""The counting rule (DESIGN.md "Motions, votes and quorum"), with no database in sight.

Votes cast are for + against; abstentions are not cast. Carried when the meeting was
quorate at the vote and: simple — more for than against; two-thirds — for ≥ 2/3 of
cast; three-quarters — for ≥ 3/4 of cast. Nothing cast (all abstained) is lost. A tie
(for = against) is lost unless the chair's casting vote is for the motion; a casting
vote counts only to break a tie, and never lifts a motion that needs more than a
simple majority. No votes recorded at all is pending.
"""

from __future__ import annotations

from dataclasses import dataclass

from communitydesk.domain import Majority, MotionResult, VoteChoice


@dataclass(frozen=True)
class Figures:
    votes_for: int
    against: int
    abstain: int

    @property
    def cast(self) -> int:
        return self.votes_for + self.against


def meets_majority(figures: Figures, majority: Majority | str) -> bool:
    rule = Majority(majority)
    cast, votes_for = figures.cast, figures.votes_for
    if cast == 0:
        return False
    if rule == Majority.SIMPLE:
        return votes_for > figures.against
    if rule == Majority.TWO_THIRDS:
        return 3 * votes_for >= 2 * cast
    return 4 * votes_for >= 3 * cast


def result(figures: Figures | None, majority: Majority | str, *, quorate: bool,
           casting_vote: VoteChoice | str | None = None) -> MotionResult:
    """Carried, lost, not quorate, or pending (``figures`` None: no votes yet)."""
    if figures is None:
        return MotionResult.PENDING
    if not quorate:
        return MotionResult.NOT_QUORATE
    if meets_majority(figures, majority):
        return MotionResult.CARRIED
    tied = figures.cast > 0 and figures.votes_for == figures.against
    if tied and Majority(majority) == Majority.SIMPLE and casting_vote == VoteChoice.FOR:
        return MotionResult.CARRIED
    return MotionResult.LOST
