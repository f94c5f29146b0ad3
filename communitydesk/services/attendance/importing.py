"""Bring an old register spreadsheet in: people as rows, meeting dates as columns.

Idempotent by design: a meeting is matched by its date (and title, when several
meetings share a day), a person by e-mail, else by their accent-folded full name,
and an entry is written only where it differs, so importing the same file twice
changes nothing. The caller's session makes it all-or-nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from communitydesk.db.models import Attendance, Meeting, Member
from communitydesk.domain import AttendanceStatus, MeetingStatus, MemberStatus
from communitydesk.errors import UserError
from communitydesk.i18n import _, ngettext
from communitydesk.io.register_columns import (
    RegisterProblem,
    RegisterRow,
    extract_register_row,
    parse_mark,
    parse_register_header,
)
from communitydesk.io.tabular import Table, read_table
from communitydesk.services.backups.safety import backup_before
from communitydesk.services.core.import_lock import hold_import_lock
from communitydesk.services.core.text import fold

DEFAULT_TITLE = "General meeting"
DEFAULT_START = time(19, 0)
_RANK = {"absent": 0, "apologies": 1, "present": 2}

Progress = Callable[[int, int], bool]  # (done, total) -> keep going?


class ImportCancelled(UserError):
    """The person pressed Cancel; the transaction is rolled back."""


@dataclass(frozen=True)
class RegisterImportResult:
    meetings_created: int
    members_created: int
    entries: int
    rejected: tuple[RegisterProblem, ...] = ()
    entries_changed: int = 0
    meetings_matched: int = 0
    members_matched: int = 0
    people: int = 0
    dates: tuple[date, ...] = field(default=())

    def to_json(self) -> dict:
        """Exactly the contract's keys for ``attendance import --json``."""
        return {
            "meetings_created": self.meetings_created,
            "members_created": self.members_created,
            "entries": self.entries,
            "rejected": [{"row": p.row, "column": p.column, "reason": p.reason} for p in self.rejected],
        }

    def summary(self) -> str:
        people = ngettext("{count} person", "{count} people", self.people).format(count=self.people)
        dates = ngettext("{count} meeting date", "{count} meeting dates", len(self.dates)).format(
            count=len(self.dates))
        lines = [
            _("{people} and {dates} read").format(people=people, dates=dates),
            _("meetings: {created} created, {matched} already here").format(
                created=self.meetings_created, matched=self.meetings_matched),
            _("members: {created} created, {matched} matched").format(
                created=self.members_created, matched=self.members_matched),
            _("entries: {count} in the file, {changed} new or changed").format(
                count=self.entries, changed=self.entries_changed),
        ]
        if self.rejected:
            lines.append(ngettext("{count} cell or row could not be read:",
                                  "{count} cells or rows could not be read:",
                                  len(self.rejected)).format(count=len(self.rejected)))
            lines.extend(_("  row {row}, column {column}: {reason}").format(
                row=p.row, column=p.column, reason=p.reason) for p in self.rejected)
        return "\n".join(lines)


def full_name_key(first: str | None, last: str | None) -> str:
    """'Łukasz  Wróbel' and 'lukasz wrobel' give the same key, however the name was split."""
    return " ".join(fold(f"{first or ''} {last or ''}").split())


def import_register_file(session: Session, path: str | os.PathLike[str], *, title: str | None = None,
                         monthfirst: bool = False, progress: Progress | None = None,
                         preview: bool = False) -> RegisterImportResult:
    """Read ``path`` (CSV or XLSX) and import it; raises ``UserError`` if it is not a register.

    An import may correct existing entries, so the file is backed up first; a ``preview``
    works out the same result and rolls it back, with no backup.
    """
    table = read_table(path)  # an unreadable file is refused before any backup
    if not preview:
        backup_before(session, "register-import")
    result = import_register(session, table, title=title, monthfirst=monthfirst,
                             progress=progress, source=str(path))
    if preview:
        session.rollback()
    return result


def import_register(session: Session, table: Table, *, title: str | None = None, monthfirst: bool = False,
                    progress: Progress | None = None, source: str = "") -> RegisterImportResult:
    source = source or _("the file")
    layout = parse_register_header(table.headers, monthfirst=monthfirst, header_line=table.header_line,
                                   source=source)
    problems: list[RegisterProblem] = list(layout.problems)
    people: dict[str, RegisterRow] = {}
    marks: dict[str, dict[date, str]] = {}
    first_row: dict[str, int] = {}
    explicit_absent: dict[str, set[date]] = {}
    for row in table.rows:
        person, row_problems = extract_register_row(layout, row)
        problems.extend(row_problems)
        if person is None:
            continue
        key = person.email or full_name_key(person.first_name, person.last_name)
        if key in people:
            problems.append(RegisterProblem(row.line, "Name", _(
                "the same person as row {row}; their marks are combined (present wins over "
                "apologies)").format(row=first_row[key])))
        else:
            people[key], first_row[key] = person, row.line
            marks[key], explicit_absent[key] = {}, set()
        explicit_absent[key].update(c.on for c in layout.dates if row.get(c.index).strip()
                                    and parse_mark(row.get(c.index)) == "absent")
        for on, mark in person.marks:
            if _RANK[mark] > _RANK.get(marks[key].get(on, ""), -1):
                marks[key][on] = mark
    title = " ".join((title or "").split()) or DEFAULT_TITLE
    dates = tuple(c.on for c in layout.dates)
    hold_import_lock(session)  # before reading meetings and members: a second import waits
    meetings, meetings_created = _meetings_for(session, dates, title)
    members_created = members_matched = entries = changed = 0
    total = len(people)
    finder = _MemberFinder(session)
    existing = {(a.meeting_id, a.member_id): a for a in session.scalars(
        select(Attendance).where(Attendance.meeting_id.in_(set(meetings.values()))))}
    for done, (key, person) in enumerate(people.items(), start=1):
        if progress is not None and not progress(done - 1, total):
            raise ImportCancelled(_("import cancelled; nothing was changed"))
        member_id = finder.find(person)
        name_key = full_name_key(person.first_name, person.last_name)
        if member_id is not None and not (person.email and person.email in finder.by_email) \
                and finder.namesakes.get(name_key, 0) > 1:
            problems.append(RegisterProblem(person.line, "Name", _(
                "{count} members are called {name}; the marks went to member {id} (add an Email "
                "column to choose)").format(
                    count=finder.namesakes[name_key],
                    name=" ".join(p for p in (person.first_name, person.last_name) if p),
                    id=member_id)))
        if member_id is None:
            member = Member(first_name=person.first_name or person.last_name or "",
                            last_name=person.last_name if person.first_name else "",
                            email=person.email, status=MemberStatus.ACTIVE)
            session.add(member)
            session.flush()
            member_id = member.id
            finder.remember(person, member_id)
            members_created += 1
        else:
            members_matched += 1
        for on, mark in marks[key].items():
            if mark == "absent" and on not in explicit_absent[key]:
                continue  # a blank cell: absent by default, nothing to store
            entries += 1
            changed += _write_entry(session, existing, meetings[on], member_id, mark)
    if progress is not None:
        progress(total, total)
    session.flush()
    return RegisterImportResult(
        meetings_created=meetings_created, members_created=members_created, entries=entries,
        rejected=tuple(problems), entries_changed=changed,
        meetings_matched=len(dates) - meetings_created, members_matched=members_matched,
        people=len(people), dates=dates,
    )


def _meetings_for(session: Session, dates: tuple[date, ...], title: str) -> tuple[dict[date, int], int]:
    """The meeting of each date: same day and title first, else the day's first meeting, else new.

    Cancelled meetings are never matched: a register with marks says the meeting took place.
    """
    found: dict[date, int] = {}
    created = 0
    if not dates:
        return found, 0
    start = datetime.combine(min(dates), time())
    end = datetime.combine(max(dates) + timedelta(days=1), time())
    by_day: dict[date, list[tuple[str, int]]] = {}
    for meeting_id, meeting_title, starts_at in session.execute(
            select(Meeting.id, Meeting.title, Meeting.starts_at)
            .where(Meeting.starts_at >= start, Meeting.starts_at < end,
                   Meeting.status != MeetingStatus.CANCELLED)
            .order_by(Meeting.starts_at, Meeting.id)):
        by_day.setdefault(starts_at.date(), []).append((fold(meeting_title), meeting_id))
    wanted = fold(title)
    today = date.today()
    for on in dates:
        candidates = by_day.get(on, [])
        same_title = [i for t, i in candidates if t == wanted]
        if same_title or candidates:
            found[on] = (same_title or [i for _, i in candidates])[0]
            continue
        meeting = Meeting(title=title, starts_at=datetime.combine(on, DEFAULT_START),
                          status=MeetingStatus.HELD if on <= today else MeetingStatus.PLANNED,
                          notes="Imported from an old attendance register.")
        session.add(meeting)
        session.flush()
        found[on] = meeting.id
        created += 1
    return found, created


class _MemberFinder:
    """Existing members by e-mail and by folded full name, loaded once for the whole file."""

    def __init__(self, session: Session) -> None:
        self.by_email: dict[str, int] = {}
        self.by_name: dict[str, int] = {}
        self.namesakes: dict[str, int] = {}
        rows = session.execute(select(Member.id, Member.first_name, Member.last_name,
                                      func.lower(Member.email)).where(Member.anonymised_at.is_(None))
                               .order_by(Member.id))
        for member_id, first, last, email in rows:
            if email:
                self.by_email.setdefault(email, member_id)
            key = full_name_key(first, last)
            self.by_name.setdefault(key, member_id)
            self.namesakes[key] = self.namesakes.get(key, 0) + 1

    def find(self, person: RegisterRow) -> int | None:
        if person.email and person.email in self.by_email:
            return self.by_email[person.email]
        return self.by_name.get(full_name_key(person.first_name, person.last_name))

    def remember(self, person: RegisterRow, member_id: int) -> None:
        if person.email:
            self.by_email[person.email] = member_id
        self.by_name.setdefault(full_name_key(person.first_name, person.last_name), member_id)


def _write_entry(session: Session, existing: dict[tuple[int, int], Attendance], meeting_id: int,
                 member_id: int, mark: str) -> int:
    """Insert or correct one entry; 1 when something changed, 0 when it was already so."""
    status = AttendanceStatus(mark)
    row = existing.get((meeting_id, member_id))
    if row is None:
        row = Attendance(meeting_id=meeting_id, member_id=member_id, status=status)
        session.add(row)
        existing[(meeting_id, member_id)] = row
        return 1
    if row.status != status:
        row.status = status
        if status != AttendanceStatus.PRESENT:
            row.checked_in_at = None
        return 1
    return 0
