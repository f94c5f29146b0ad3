"""What the ballot paper and the roll-call sheet print, read in one session."""

from __future__ import annotations

from sqlalchemy.orm import Session

from communitydesk.errors import UserError
from communitydesk.i18n import ngettext
from communitydesk.services.meetings.documents import DocumentMeeting, PrintSettings, print_settings
from communitydesk.services.meetings.planning import load_meeting
from communitydesk.services.motions.elections import Election, get_election
from communitydesk.services.motions.motions import MotionView, get_motion
from communitydesk.services.motions.votes import RollCallRow, roll_call


def _meeting(session: Session, meeting_id: int) -> DocumentMeeting:
    from communitydesk.services.meetings.documents import _document_meeting

    return _document_meeting(session, load_meeting(session, meeting_id))


def ballot_data(session: Session, election_id: int) -> tuple[PrintSettings, DocumentMeeting, Election]:
    election = get_election(session, election_id)
    if not election.contested:
        raise UserError(ngettext("the election for {office} is not contested ({count} nominated for {seats} seat); no ballot is needed",
                                 "the election for {office} is not contested ({count} nominated for {seats} seats); no ballot is needed",
                                 election.seats).format(office=election.office, count=len(election.candidates), seats=election.seats))
    return print_settings(session), _meeting(session, election.meeting_id), election


def roll_call_sheet_data(session: Session, motion_id: int
                         ) -> tuple[PrintSettings, DocumentMeeting, MotionView, list[RollCallRow]]:
    motion = get_motion(session, motion_id)
    rows = [r for r in roll_call(session, motion_id) if r.proxy_for is None]
    return print_settings(session), _meeting(session, motion.meeting_id), motion, rows
