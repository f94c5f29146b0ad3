"""Ready-made messages: "next meeting" and "minutes are ready", filled from the database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from babel.dates import format_date
from sqlalchemy import select
from sqlalchemy.orm import Session

from communitydesk.db.models import Meeting
from communitydesk.domain import MeetingStatus
from communitydesk.i18n import N_, PSEUDO_LANGUAGE, SOURCE_LANGUAGE, resolve_language, translator
from communitydesk.services.meetings.agenda import list_agenda
from communitydesk.services.meetings.planning import get_meeting
from communitydesk.services.outreach.mail import mailto_url
from communitydesk.services.settings.group_settings import load_settings

TEMPLATES = {"blank": N_("Blank message"), "next_meeting": N_("Next meeting"),
             "minutes_ready": N_("Minutes are ready"), "renewal": N_("Renewal reminder")}


@dataclass(frozen=True)
class EmailDraft:
    subject: str
    body: str


def spelled_date(day: date, language: str = SOURCE_LANGUAGE) -> str:
    """'Tuesday 16 June 2026' in English, the same on every computer, day-first or month-first;
    'wtorek, 16 czerwca 2026' in another language (Babel's full date)."""
    if language in (SOURCE_LANGUAGE, PSEUDO_LANGUAGE):
        return f"{day:%A} {day.day} {day:%B %Y}"
    return format_date(day, "full", locale=language)


def when(moment: datetime, language: str = SOURCE_LANGUAGE) -> str:
    return translator(language).gettext("{date} at {time}").format(
        date=spelled_date(moment.date(), language), time=f"{moment:%H:%M}")


def group_language(session: Session) -> str:
    """Messages and letters go to members in the group's language (the ``language`` setting)."""
    return resolve_language(load_settings(session).language, use_environment=False)


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
    code = group_language(session)
    _ = translator(code).gettext
    venue = meeting.venue or settings.default_venue
    at = when(meeting.starts_at, code)
    day = spelled_date(meeting.starts_at.date(), code)
    first = (_("Our next meeting, {title}, is on {when} at {venue}.").format(title=meeting.title, when=at, venue=venue)
             if venue else _("Our next meeting, {title}, is on {when}.").format(title=meeting.title, when=at))
    lines = [_("Hello,"), "", first, ""]
    items = [item.title for item in list_agenda(session, meeting_id)]
    if items:
        lines += [_("On the agenda:"), *[f"  {n}. {title}" for n, title in enumerate(items, 1)], ""]
    if settings.group_email:
        subject = _("Apologies: {title}, {date}").format(title=meeting.title, date=day)
        lines += [_("If you cannot come, please send your apologies:"),
                  mailto_url(settings.group_email, [], subject), ""]
    lines += [_("See you there,"), settings.group_name]
    return EmailDraft(_("{title}: {date}").format(title=meeting.title, date=day), "\n".join(lines))


def minutes_ready_draft(session: Session, meeting_id: int) -> EmailDraft:
    meeting = get_meeting(session, meeting_id)
    settings = load_settings(session)
    code = group_language(session)
    _ = translator(code).gettext
    day = spelled_date(meeting.starts_at.date(), code)
    body = "\n".join([
        _("Hello,"), "",
        _("The minutes of {title} on {date} are ready. They are attached (or ask us for a copy).").format(
            title=meeting.title, date=day), "",
        _("If anything in them is wrong, please reply before the next meeting."), "",
        _("Thank you,"), settings.group_name])
    return EmailDraft(_("Minutes: {title}, {date}").format(title=meeting.title, date=day), body)


def renewal_draft(session: Session) -> EmailDraft:
    """For renewals due (#18): one message for everyone in Bcc, so nothing personal in it."""
    settings = load_settings(session)
    _ = translator(group_language(session)).gettext
    lines = [_("Hello,"), "",
             _("Your membership of {group} is due for renewal, or has just run out. Thank you for being "
               "part of the group: your subscription keeps it going.").format(group=settings.group_name), "",
             _("You can renew at the next meeting, or reply to this message and we will tell you how."),
             _("If you have renewed in the last few days, thank you, and please ignore this message."), "",
             _("Best wishes,"), settings.group_name]
    return EmailDraft(_("Renewing your membership of {group}").format(group=settings.group_name), "\n".join(lines))


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
