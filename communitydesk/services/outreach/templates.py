"""Ready-made messages: "next meeting" and "minutes are ready", filled from the database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from communitydesk.db.models import Meeting
from communitydesk.domain import MeetingStatus
from communitydesk.services.meetings.agenda import list_agenda
from communitydesk.services.meetings.planning import get_meeting
from communitydesk.services.outreach.mail import mailto_url
from communitydesk.services.settings.group_settings import load_settings

TEMPLATES = {"blank": "Blank message", "next_meeting": "Next meeting",
             "minutes_ready": "Minutes are ready", "renewal": "Renewal reminder"}


@dataclass(frozen=True)
class EmailDraft:
    subject: str
    body: str


def spelled_date(day: date) -> str:
    """'Tuesday 16 June 2026': the same on every computer, day-first or month-first."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def when(moment: datetime) -> str:
    return f"{spelled_date(moment.date())} at {moment:%H:%M}"


def next_meeting_id(session: Session, *, now: datetime | None = None) -> int | None:
    """The first meeting still to come that is not cancelled."""
    moment = now or datetime.now()
    return session.scalar(select(Meeting.id).where(
        Meeting.starts_at >= moment, Meeting.status != MeetingStatus.CANCELLED)
        .order_by(Meeting.starts_at, Meeting.id).limit(1))


def last_meeting_id(session: Session, *, now: datetime | None = None) -> int | None:
    """The latest meeting already started that was not cancelled."""
    moment = now or datetime.now()
    return session.scalar(select(Meeting.id).where(
        Meeting.starts_at < moment, Meeting.status != MeetingStatus.CANCELLED)
        .order_by(Meeting.starts_at.desc(), Meeting.id.desc()).limit(1))


def next_meeting_draft(session: Session, meeting_id: int) -> EmailDraft:
    """Date, venue, the agenda's item titles, and a link for sending apologies."""
    meeting = get_meeting(session, meeting_id)
    settings = load_settings(session)
    venue = meeting.venue or settings.default_venue
    lines = ["Hello,", "", f"Our next meeting, {meeting.title}, is on {when(meeting.starts_at)}"
             + (f" at {venue}." if venue else "."), ""]
    items = [item.title for item in list_agenda(session, meeting_id)]
    if items:
        lines += ["On the agenda:", *[f"  {n}. {title}" for n, title in enumerate(items, 1)], ""]
    if settings.group_email:
        subject = f"Apologies: {meeting.title}, {spelled_date(meeting.starts_at.date())}"
        lines += ["If you cannot come, please send your apologies:",
                  mailto_url(settings.group_email, [], subject), ""]
    lines += ["See you there,", settings.group_name]
    return EmailDraft(f"{meeting.title}: {spelled_date(meeting.starts_at.date())}", "\n".join(lines))


def minutes_ready_draft(session: Session, meeting_id: int) -> EmailDraft:
    meeting = get_meeting(session, meeting_id)
    settings = load_settings(session)
    day = spelled_date(meeting.starts_at.date())
    body = "\n".join([
        "Hello,", "",
        f"The minutes of {meeting.title} on {day} are ready. They are attached"
        " (or ask us for a copy).", "",
        "If anything in them is wrong, please reply before the next meeting.", "",
        "Thank you,", settings.group_name])
    return EmailDraft(f"Minutes: {meeting.title}, {day}", body)


def renewal_draft(session: Session) -> EmailDraft:
    """For renewals due (#18): one message for everyone in Bcc, so nothing personal in it."""
    settings = load_settings(session)
    lines = ["Hello,", "",
             f"Your membership of {settings.group_name} is due for renewal, or has just run out."
             " Thank you for being part of the group: your subscription keeps it going.", "",
             "You can renew at the next meeting, or reply to this message and we will tell you how.",
             "If you have renewed in the last few days, thank you, and please ignore this message.", "",
             "Best wishes,", settings.group_name]
    return EmailDraft(f"Renewing your membership of {settings.group_name}", "\n".join(lines))


def draft_for(session: Session, template: str, meeting_id: int | None) -> EmailDraft:
    """The draft a template gives for a meeting (the next one when none is given)."""
    if template == "blank":
        return EmailDraft("", "")
    if template == "renewal":
        return renewal_draft(session)
    chosen = meeting_id
    if chosen is None:
        chosen = last_meeting_id(session) if template == "minutes_ready" else next_meeting_id(session)
    if chosen is None:
        return EmailDraft("", "")
    if template == "next_meeting":
        return next_meeting_draft(session, chosen)
    if template == "minutes_ready":
        return minutes_ready_draft(session, chosen)
    raise ValueError(f"unknown template {template!r}")
