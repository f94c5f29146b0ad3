"""`demo`: fill an empty database with a believable tenants' association.

Deterministic for a given seed and ``today`` so tests and screenshots repeat.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy.orm import Session

from communitydesk.db.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    Meeting,
    MeetingSeries,
    Member,
    OneToOne,
    StageChange,
    Tag,
)
from communitydesk.domain import (
    ActionStatus,
    AttendanceStatus,
    Medium,
    MeetingKind,
    MeetingStatus,
    MemberStatus,
)
from communitydesk.errors import UserError
from communitydesk.i18n import _
from communitydesk.services.demo import names as N
from communitydesk.services.members.records import count_members
from communitydesk.services.settings.group_settings import (
    DEFAULT_AGENDA,
    DEFAULT_LADDER,
    save_settings,
)


@dataclass(frozen=True)
class DemoSummary:
    members: int
    meetings: int
    attendance: int
    actions: int
    one_to_ones: int


def _phone(rng: random.Random) -> str:
    return f"+44 7700 900{rng.randrange(0, 1000):03d}"


def _name(rng: random.Random, pool: tuple[tuple[str, ...], ...]) -> tuple[str, str]:
    """A first name and a surname that fit each other (gendered surnames, whole names)."""
    women, men, women_surnames, men_surnames = pool
    is_woman = rng.random() < len(women) / (len(women) + len(men))
    first = rng.choice(women if is_woman else men)
    surnames = women_surnames if is_woman else men_surnames
    if not surnames:  # a pool of whole names
        first, _space, last = first.partition(" ")
        return first, last
    return first, rng.choice(surnames)


def _make_members(session: Session, rng: random.Random, n: int, today: date, tags: list[Tag]) -> list[Member]:
    pools = list(N.POOL_WEIGHTS)
    weights = [N.POOL_WEIGHTS[p] for p in pools]
    members: list[Member] = []
    seen: set[str] = set()
    repeats = 0
    while len(members) < n:
        first, last = _name(rng, N.NAME_POOLS[rng.choices(pools, weights)[0]])
        if f"{first} {last}" in seen and repeats < 200:  # past ~300 people, names must repeat
            repeats += 1
            continue
        repeats = 0
        seen.add(f"{first} {last}")
        i = len(members)
        status = rng.choices(
            [MemberStatus.ACTIVE, MemberStatus.PROSPECT, MemberStatus.LAPSED, MemberStatus.LEFT],
            [70, 12, 12, 6],
        )[0]
        joined = today - timedelta(days=rng.randrange(30, 365 * 6))
        street = rng.choice(N.STREETS)
        m = Member(
            first_name=first, last_name=last,
            email=f"member{i + 1}@example.org" if rng.random() < 0.85 else None,
            phone=_phone(rng) if rng.random() < 0.8 else None,
            address_line1=f"{rng.randrange(1, 120)} {street}", town="Northbridge",
            postcode=f"NB{rng.randrange(1, 9)} {rng.randrange(1, 9)}{rng.choice('ABDEFGHJ')}{rng.choice('LNPQRSTU')}",
            status=status, joined_on=joined, ladder_stage=rng.choices(DEFAULT_LADDER, [40, 25, 20, 10, 5])[0],
            consent_email=rng.random() < 0.8, consent_phone=rng.random() < 0.6,
            consent_post=rng.random() < 0.3, consent_date=joined, consent_source="paper form",
            pronouns=rng.choice([None, None, None, "she/her", "he/him", "they/them"]),
        )
        m.tags = rng.sample(tags, k=rng.choice([0, 1, 1, 2]))
        members.append(m)
    session.add_all(members)
    session.flush()
    return members


TUESDAY, THURSDAY, SATURDAY = 1, 3, 5


def _add_months(first_of_month: date, months: int) -> date:
    index = first_of_month.year * 12 + first_of_month.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _nth_weekday(first_of_month: date, weekday: int, n: int) -> date:
    """E.g. the first Tuesday or the third Thursday of a month."""
    first = first_of_month + timedelta(days=(weekday - first_of_month.weekday()) % 7)
    return first + timedelta(weeks=n - 1)


def _make_meetings(session: Session, rng: random.Random, n: int, today: date, venue: str) -> list[Meeting]:
    series = MeetingSeries(title="General meeting", rule="FREQ=MONTHLY;BYDAY=1TU", venue=venue)
    session.add(series)
    session.flush()
    # Like a real group: the general meeting on the first Tuesday of the month (the
    # series' rule), something else mid-month (a Thursday evening, or a Saturday lunch),
    # over the months up to next month, so the next few meetings are still to come.
    first_month = _add_months(today.replace(day=1), 1 - (n - 1) // 2)
    meetings = []
    for i in range(n):
        month = _add_months(first_month, i // 2)
        kind = MeetingKind.GENERAL if i % 2 == 0 else rng.choice(
            [MeetingKind.COMMITTEE, MeetingKind.ACTION, MeetingKind.SOCIAL, MeetingKind.TRAINING])
        if kind == MeetingKind.GENERAL:
            day = _nth_weekday(month, TUESDAY, 1)
        else:
            day = _nth_weekday(month, SATURDAY if kind == MeetingKind.SOCIAL else THURSDAY, 3)
        start = datetime.combine(day, time(19 if kind != MeetingKind.SOCIAL else 14, 0))
        if day >= today:
            status = MeetingStatus.PLANNED
        elif i == n // 2 + 1:
            status = MeetingStatus.CANCELLED
        else:
            status = MeetingStatus.HELD
        title = {
            MeetingKind.GENERAL: "General meeting", MeetingKind.COMMITTEE: "Committee meeting",
            MeetingKind.ACTION: "Repairs action planning", MeetingKind.SOCIAL: "Community lunch",
            MeetingKind.TRAINING: "Training: running a one-to-one",
        }[kind]
        meetings.append(Meeting(
            title=title, kind=kind, starts_at=start, ends_at=start + timedelta(hours=2),
            venue=venue if kind != MeetingKind.SOCIAL else "St Anne's church hall", status=status,
            series_id=series.id if kind == MeetingKind.GENERAL else None,
        ))
    session.add_all(meetings)
    session.flush()
    return meetings


def _fill_meeting(session: Session, rng: random.Random, meeting: Meeting, members: list[Member],
                  today: date, counters: dict[str, int]) -> None:
    active = [m for m in members if m.status in (MemberStatus.ACTIVE, MemberStatus.PROSPECT)]
    people = [m for m in active if m.first_name]
    meeting.chair_id = people[0].id
    meeting.minute_taker_id = people[1].id
    held = meeting.status == MeetingStatus.HELD
    guests = 0
    if held:
        for m in people:
            if m.joined_on and m.joined_on > meeting.starts_at.date():
                continue
            roll = rng.random()
            if roll < 0.45:
                session.add(Attendance(meeting_id=meeting.id, member_id=m.id, status=AttendanceStatus.PRESENT,
                                       checked_in_at=meeting.starts_at - timedelta(minutes=rng.randrange(0, 15))))
                counters["attendance"] += 1
            elif roll < 0.55:
                session.add(Attendance(meeting_id=meeting.id, member_id=m.id, status=AttendanceStatus.APOLOGIES))
                counters["attendance"] += 1
        for _guest in range(rng.randrange(0, 3)):
            taken = {f"{m.first_name} {m.last_name}" for m in members}
            first, _space, last = rng.choice([n for n in N.GUEST_NAMES if n not in taken] or N.GUEST_NAMES).partition(" ")
            guest = Member(first_name=first, last_name=last,
                           status=MemberStatus.PROSPECT, joined_on=meeting.starts_at.date(),
                           ladder_stage=DEFAULT_LADDER[0])
            session.add(guest)
            session.flush()
            members.append(guest)
            session.add(Attendance(meeting_id=meeting.id, member_id=guest.id, status=AttendanceStatus.PRESENT,
                                   checked_in_at=meeting.starts_at))
            counters["attendance"] += 1
            guests += 1
    topic = rng.choice(N.TOPICS)
    for pos, title in enumerate(DEFAULT_AGENDA, start=1):
        item = AgendaItem(meeting_id=meeting.id, position=pos,
                          title=f"{title}: {topic}" if title == "Items for discussion" else title,
                          duration_minutes=rng.choice([5, 10, 15, 20]))
        if held:
            item.minutes = N.AGENDA_MINUTES[title].format(
                guests={0: "", 1: ", including one new face"}.get(guests, f", including {guests} new faces"),
                balance=rng.randrange(300, 2400), repairs=rng.randrange(3, 30), topic=topic)
            if title == "Items for discussion":
                item.decision = rng.choice(N.DECISIONS) or None
        session.add(item)
        session.flush()
        if held and title == "Items for discussion":
            for _action in range(rng.randrange(1, 4)):
                due = meeting.starts_at.date() + timedelta(days=rng.randrange(7, 40))
                status = ActionStatus.OPEN if due > today - timedelta(days=30) or rng.random() < 0.4 else ActionStatus.DONE
                session.add(ActionItem(description=rng.choice(N.ACTIONS), owner_id=rng.choice(people).id,
                                       due_on=due, status=status, meeting_id=meeting.id, agenda_item_id=item.id))
                counters["actions"] += 1


def _make_one_to_ones(session: Session, rng: random.Random, members: list[Member], today: date, n: int) -> int:
    organisers = [m for m in members if m.status == MemberStatus.ACTIVE][:3]
    for o in organisers:
        o.ladder_stage = "Leader"
    people = [m for m in members if m not in organisers and m.status != MemberStatus.LEFT]
    for i in range(min(n, len(people))):
        who = people[i]
        held = today - timedelta(days=rng.randrange(3, 150))
        interests, story, issues, commitments, next_step = rng.choice(N.ONE_TO_ONE_NOTES)
        stage = rng.choice(DEFAULT_LADDER[1:4])
        oto = OneToOne(organiser_id=rng.choice(organisers).id, member_id=who.id, held_on=held,
                       medium=rng.choice(list(Medium)), duration_minutes=rng.choice([30, 40, 45]),
                       interests=interests, story=story, issues=issues, commitments=commitments,
                       next_step=next_step, follow_up_on=held + timedelta(days=rng.randrange(7, 60)),
                       stage_after=stage)
        session.add(oto)
        session.flush()
        if who.ladder_stage != stage:
            session.add(StageChange(member_id=who.id, from_stage=who.ladder_stage, to_stage=stage,
                                    changed_at=datetime.combine(held, time(12)), changed_by_id=oto.organiser_id,
                                    reason="After a one-to-one", one_to_one_id=oto.id))
            who.ladder_stage = stage
    return min(n, len(people))


def fill_demo_data(session: Session, *, members: int = 60, meetings: int = 12, seed: int = 1,
                   today: date | None = None) -> DemoSummary:
    if count_members(session):
        raise UserError(_("the database already has members; demo data goes into an empty database"))
    if members < 3 or meetings < 1:
        raise UserError(_("demo needs at least 3 members and 1 meeting"))
    rng = random.Random(seed)
    today = today or date.today()
    venue = "Maple Court community room"
    save_settings(session, group_name="Maple Court Tenants' Association", default_venue=venue)
    tags = [Tag(name=n, colour=c) for n, c in zip(N.TAGS, N.TAG_COLOURS, strict=True)]
    tags += [Tag(name=s) for s in N.STREETS[:2]]
    session.add_all(tags)
    people = _make_members(session, rng, members, today, tags)
    meeting_rows = _make_meetings(session, rng, meetings, today, venue)
    counters = {"attendance": 0, "actions": 0}
    for meeting in meeting_rows:
        _fill_meeting(session, rng, meeting, people, today, counters)
    one_to_ones = _make_one_to_ones(session, rng, people, today, max(4, members // 5))
    session.flush()
    return DemoSummary(members=len(people), meetings=len(meeting_rows), attendance=counters["attendance"],
                       actions=counters["actions"], one_to_ones=one_to_ones)
