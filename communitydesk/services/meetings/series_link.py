"""Putting one meeting into a recurring series, or taking it out (``meetings edit --series``).

Why its own module: ``update_meeting`` edits the meeting form's fields; which
series a meeting belongs to decides where its matters arising come from, so a
change is checked against the series that exists and saved with a new version.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from communitydesk.db.models import MeetingSeries
from communitydesk.errors import UserError
from communitydesk.i18n import _
from communitydesk.services.meetings.planning import MeetingDetail, get_meeting_detail, load_meeting


def set_meeting_series(session: Session, meeting_id: int, series_id: int | None) -> MeetingDetail:
    """Join ``series_id`` (None: stand alone). The meeting's own title, time and venue stay."""
    meeting = load_meeting(session, meeting_id)
    if series_id is not None and session.get(MeetingSeries, series_id) is None:
        raise UserError(_("--series: no meeting series with id {series_id}").format(series_id=series_id))
    if meeting.series_id != series_id:
        meeting.series_id = series_id
        session.flush()
    return get_meeting_detail(session, meeting_id)
