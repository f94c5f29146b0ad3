"""What the printed documents need, gathered in one read: plain frozen data, no Qt, no PDF.

The PDF builders in ``communitydesk.pdf`` take these objects and never touch the
database, so the GUI can gather on the UI thread (fast queries) and lay out the
PDF on a worker thread. Agenda items and actions are read straight from their
tables so printing does not depend on the meetings screens.

The sign-in sheet data holds names and row numbers only: members' contact details
never enter it, so they cannot leak onto a sheet everyone at the door reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from communitydesk.db.models import AgendaItem, Attendance, Meeting, Member, Tag
from communitydesk.domain import AttendanceStatus, MeetingStatus
from communitydesk.errors import UserError
from communitydesk.i18n import N_, _, resolve_language, translator
from communitydesk.services.attendance.expected import display_name
from communitydesk.services.attendance.sheet_numbers import fix_sheet_order
from communitydesk.services.core.gc_pause import gc_paused
from communitydesk.services.core.ids import MeetingId, MemberId
from communitydesk.services.core.text import name_sort_key
from communitydesk.services.meetings.actions import ActionSummary, actions_raised_at
from communitydesk.services.meetings.matters_arising import matters_arising
from communitydesk.services.meetings.planning import load_meeting
from communitydesk.services.settings.group_settings import load_settings, save_settings

NEWCOMER_ROWS = 10
PAPER_SIZES = ("A4", "Letter")
REMOVED_NAME = N_("(name removed)")  # anonymised people: counted, never named


@dataclass(frozen=True)
class PrintSettings:
    group_name: str
    paper_size: str  # "A4" or "Letter"
    language: str = ""  # the group's language setting: "" is the computer's (#19)


@dataclass(frozen=True)
class DocumentMeeting:
    id: MeetingId
    title: str
    kind: str
    status: str
    starts_at: datetime
    ends_at: datetime | None
    venue: str | None
    chair_name: str | None
    minute_taker_name: str | None
    for_tag: str | None
    minutes_approved_on: date | None


@dataclass(frozen=True)
class AgendaLine:
    number: int
    title: str
    presenter: str | None
    duration_minutes: int | None
    starts_at: datetime | None  # planned start, from the meeting start and earlier durations
    minutes: str | None
    decision: str | None


@dataclass(frozen=True)
class SignInName:
    number: int
    name: str


@dataclass(frozen=True)
class SignInSheetData:
    settings: PrintSettings
    meeting: DocumentMeeting
    people: tuple[SignInName, ...]
    newcomer_rows: int = NEWCOMER_ROWS


@dataclass(frozen=True)
class AgendaData:
    settings: PrintSettings
    meeting: DocumentMeeting
    items: tuple[AgendaLine, ...]
    matters_arising: tuple[ActionSummary, ...]
    previous_meeting: DocumentMeeting | None
    motions: tuple = ()  # #16: (item label or "", MotionView), listed under their item


@dataclass(frozen=True)
class MinutesData:
    settings: PrintSettings
    meeting: DocumentMeeting
    present: tuple[str, ...]
    apologies: tuple[str, ...]
    items: tuple[AgendaLine, ...]
    actions: tuple[ActionSummary, ...]
    motions: tuple = ()  # #16: MotionView with figures and results
    elections: tuple = ()  # #16: Election


@dataclass(frozen=True)
class MeetingPackData:
    settings: PrintSettings
    meeting: DocumentMeeting
    agenda: AgendaData
    previous_minutes: MinutesData | None
    open_actions: tuple[ActionSummary, ...]
    sign_in: SignInSheetData
    membership: object | None = None  # #17 MembershipFigures, for an AGM when the group keeps dues


@dataclass(frozen=True)
class RegisterMeeting:
    id: MeetingId
    title: str
    kind: str
    starts_at: datetime


@dataclass(frozen=True)
class RegisterPerson:
    member_id: MemberId
    name: str
    marks: tuple[str, ...]  # per meeting: "present", "apologies", "absent" or "" (no entry)
    present: int


@dataclass(frozen=True)
class RegisterData:
    settings: PrintSettings
    from_date: date | None
    to_date: date | None
    meetings: tuple[RegisterMeeting, ...]
    people: tuple[RegisterPerson, ...]
    present_totals: tuple[int, ...]  # per meeting
    apologies_totals: tuple[int, ...]

    @property
    def total_present(self) -> int:
        return sum(self.present_totals)


# ----------------------------------------------------------------------------- helpers


def print_settings(session: Session) -> PrintSettings:
    settings = load_settings(session)
    paper = next((p for p in PAPER_SIZES if p.lower() == str(settings.paper_size).lower()), "A4")
    return PrintSettings(group_name=settings.group_name, paper_size=paper, language=settings.language)


def save_paper_size(session: Session, paper_size: str) -> PrintSettings:
    """Store A4 or Letter as the paper every document is laid out on."""
    paper = next((p for p in PAPER_SIZES if p.lower() == paper_size.strip().lower()), None)
    if paper is None:
        raise UserError(_("paper size: {paper_size!r} is not one of {sizes}").format(paper_size=paper_size, sizes=', '.join(PAPER_SIZES)))
    save_settings(session, paper_size=paper)
    return print_settings(session)


def _person_name(first: str | None, last: str | None, preferred: str | None = None) -> str:
    name = " ".join(p for p in ((preferred or first), last) if p)
    return name or REMOVED_NAME


def _removed(language: str) -> str:
    """"(name removed)" as the paper prints it: in the group's language."""
    return translator(resolve_language(language, use_environment=False)).gettext(REMOVED_NAME)


def _member_name(session: Session, member_id: int | None) -> str | None:
    if member_id is None:
        return None
    member = session.get(Member, member_id)
    if member is None:
        return None
    return _person_name(member.first_name, member.last_name, member.preferred_name)


def _document_meeting(session: Session, meeting: Meeting) -> DocumentMeeting:
    tag = session.get(Tag, meeting.for_tag_id) if meeting.for_tag_id is not None else None
    approved = meeting.minutes_approved_at
    return DocumentMeeting(
        id=MeetingId(meeting.id), title=meeting.title, kind=meeting.kind.value,
        status=meeting.status.value, starts_at=meeting.starts_at, ends_at=meeting.ends_at,
        venue=meeting.venue, chair_name=_member_name(session, meeting.chair_id),
        minute_taker_name=_member_name(session, meeting.minute_taker_id),
        for_tag=tag.name if tag is not None else None,
        minutes_approved_on=approved.date() if approved else None,
    )


def _agenda_lines(session: Session, meeting: Meeting) -> tuple[AgendaLine, ...]:
    rows = session.scalars(
        select(AgendaItem).where(AgendaItem.meeting_id == meeting.id)
        .order_by(AgendaItem.position, AgendaItem.id)
    ).all()
    lines = []
    clock: datetime | None = meeting.starts_at
    for number, item in enumerate(rows, start=1):
        lines.append(AgendaLine(
            number=number, title=item.title, presenter=item.presenter,
            duration_minutes=item.duration_minutes,
            starts_at=clock if item.duration_minutes else None,
            minutes=(item.minutes or "").strip() or None,
            decision=(item.decision or "").strip() or None,
        ))
        if clock is not None and item.duration_minutes:
            clock = clock + timedelta(minutes=item.duration_minutes)
        else:
            clock = None  # an item without a duration makes later times guesswork
    return tuple(lines)


def _names_with_status(session: Session, meeting_id: int, status: AttendanceStatus) -> tuple[str, ...]:
    rows = session.execute(
        select(Member.first_name, Member.last_name, Member.preferred_name, Member.anonymised_at)
        .join(Attendance, Attendance.member_id == Member.id)
        .where(Attendance.meeting_id == meeting_id, Attendance.status == status)
    ).all()
    rows = sorted(rows, key=lambda r: name_sort_key(r.last_name or "", r.first_name or ""))
    removed = _removed(load_settings(session).language)
    return tuple(removed if r.anonymised_at else
                 _person_name(r.first_name, r.last_name, r.preferred_name) for r in rows)


def previous_meeting(session: Session, meeting: Meeting) -> Meeting | None:
    """The last earlier meeting of the same series (else the same kind) that was not cancelled."""
    base = (
        select(Meeting)
        .where(Meeting.starts_at < meeting.starts_at, Meeting.status != MeetingStatus.CANCELLED,
               Meeting.id != meeting.id)
        .order_by(Meeting.starts_at.desc(), Meeting.id.desc())
        .limit(1)
    )
    if meeting.series_id is not None:
        found = session.scalars(base.where(Meeting.series_id == meeting.series_id)).first()
        if found is not None:
            return found
    return session.scalars(base.where(Meeting.kind == meeting.kind)).first()


# ----------------------------------------------------------------------------- documents


def sign_in_sheet_data(session: Session, meeting_id: int) -> SignInSheetData:
    """Expected people by name and number, in the register screen's order.

    Printing fixes the numbers (``fix_sheet_numbers``): a reprint keeps them.
    """
    meeting = load_meeting(session, meeting_id)
    return _sign_in_sheet(session, meeting_id, print_settings(session), _document_meeting(session, meeting))


def _sign_in_sheet(session: Session, meeting_id: int, settings: PrintSettings,
                   meeting: DocumentMeeting) -> SignInSheetData:
    """Built straight from the sheet order's rows: a big group's sheet has 15,000 names."""
    with gc_paused():
        order, _stored = fix_sheet_order(session, meeting_id)
        removed = _removed(settings.language)
        people = tuple(SignInName(number, display_name(row) or removed)
                       for number, _fixed, row in order.numbered())
    return SignInSheetData(settings=settings, meeting=meeting, people=people)


def agenda_data(session: Session, meeting_id: int) -> AgendaData:
    meeting = load_meeting(session, meeting_id)
    previous = previous_meeting(session, meeting)
    return AgendaData(
        settings=print_settings(session), meeting=_document_meeting(session, meeting),
        items=_agenda_lines(session, meeting),
        matters_arising=tuple(matters_arising(session, meeting_id)),  # as the screen lists them
        previous_meeting=_document_meeting(session, previous) if previous is not None else None,
        motions=_motions_by_item(session, meeting_id),
    )


def minutes_data(session: Session, meeting_id: int) -> MinutesData:
    meeting = load_meeting(session, meeting_id)
    return MinutesData(
        settings=print_settings(session), meeting=_document_meeting(session, meeting),
        present=_names_with_status(session, meeting_id, AttendanceStatus.PRESENT),
        apologies=_names_with_status(session, meeting_id, AttendanceStatus.APOLOGIES),
        items=_agenda_lines(session, meeting),
        actions=tuple(actions_raised_at(session, meeting_id)),
        motions=_motions(session, meeting_id), elections=_elections(session, meeting_id),
    )


def _motions(session: Session, meeting_id: int) -> tuple:
    """#16: the meeting's motions (imported on use: motions build on this package)."""
    from communitydesk.services.motions.motions import list_motions

    return tuple(list_motions(session, meeting_id))


def _motions_by_item(session: Session, meeting_id: int) -> tuple:
    ids = session.scalars(select(AgendaItem.id).where(AgendaItem.meeting_id == meeting_id)
                          .order_by(AgendaItem.position, AgendaItem.id)).all()
    number = {item_id: n for n, item_id in enumerate(ids, start=1)}
    return tuple((number.get(m.agenda_item_id), m) for m in _motions(session, meeting_id))


def _elections(session: Session, meeting_id: int) -> tuple:
    from communitydesk.services.motions.elections import list_elections

    return tuple(list_elections(session, meeting_id))


def meeting_pack_data(session: Session, meeting_id: int) -> MeetingPackData:
    """Agenda, the previous meeting's minutes, open actions and the sign-in sheet, in one read.

    The sign-in sheet shares the agenda's settings and meeting, and the meeting's row is
    held throughout, so the later reads of it find it loaded: fewer round trips.
    """
    from communitydesk.services.dues.paid_up import agm_membership  # #17

    meeting = load_meeting(session, meeting_id)
    agenda = agenda_data(session, meeting.id)
    previous = agenda.previous_meeting
    return MeetingPackData(
        settings=agenda.settings, meeting=agenda.meeting, agenda=agenda,
        previous_minutes=minutes_data(session, previous.id) if previous is not None else None,
        open_actions=agenda.matters_arising,
        sign_in=_sign_in_sheet(session, meeting_id, agenda.settings, agenda.meeting),
        membership=agm_membership(session, agenda.meeting.title, agenda.meeting.starts_at.date()),
    )


def register_data(
    session: Session, *, from_date: date | None = None, to_date: date | None = None,
    as_of: date | None = None,
) -> RegisterData:
    """People × counted meetings in the period (inclusive, local start dates).

    Counted as the reports count (DESIGN.md): cancelled meetings and meetings still ahead of
    ``as_of`` (default today) are left out, so the paper never shows empty future columns.
    """
    if from_date and to_date and to_date < from_date:
        raise UserError(_("--to: the end of the period is before its start"))
    started_by = datetime.combine((as_of or date.today()) + timedelta(days=1), time())
    counted = [Meeting.status != MeetingStatus.CANCELLED, Meeting.starts_at < started_by]
    if from_date:
        counted.append(Meeting.starts_at >= datetime.combine(from_date, time()))
    if to_date:
        counted.append(Meeting.starts_at < datetime.combine(to_date + timedelta(days=1), time()))
    meetings = session.scalars(
        select(Meeting).where(*counted).order_by(Meeting.starts_at, Meeting.id)).all()
    column = {m.id: i for i, m in enumerate(meetings)}
    removed = _removed(load_settings(session).language)
    marks: dict[int, list[str]] = {}
    names: dict[int, tuple[str, str, str]] = {}
    if meetings:
        entries = session.execute(
            select(Attendance.meeting_id, Attendance.member_id, Attendance.status,
                   Member.first_name, Member.last_name, Member.preferred_name, Member.anonymised_at)
            .join(Member, Member.id == Attendance.member_id)
            .join(Meeting, Meeting.id == Attendance.meeting_id)
            .where(*counted)
        )
        for meeting_id, member_id, status, first, last, preferred, anonymised in entries:
            row = marks.get(member_id)
            if row is None:
                row = marks[member_id] = [""] * len(meetings)
                if anonymised:  # an erased person still counts, without a name
                    names[member_id] = ("", "\uffff", removed)
                else:
                    names[member_id] = (first or "", last or "", _person_name(first, last, preferred))
            row[column[meeting_id]] = status.value
    order = sorted(marks, key=lambda mid: (*name_sort_key(names[mid][1], names[mid][0]), mid))
    people = tuple(
        RegisterPerson(member_id=MemberId(mid), name=names[mid][2], marks=tuple(marks[mid]),
                       present=marks[mid].count(AttendanceStatus.PRESENT.value))
        for mid in order
    )
    present = [0] * len(meetings)
    apologies = [0] * len(meetings)
    for person in people:
        for i, mark in enumerate(person.marks):
            if mark == AttendanceStatus.PRESENT.value:
                present[i] += 1
            elif mark == AttendanceStatus.APOLOGIES.value:
                apologies[i] += 1
    return RegisterData(
        settings=print_settings(session), from_date=from_date, to_date=to_date,
        meetings=tuple(RegisterMeeting(id=MeetingId(m.id), title=m.title, kind=m.kind.value,
                                       starts_at=m.starts_at) for m in meetings),
        people=people, present_totals=tuple(present), apologies_totals=tuple(apologies),
    )
