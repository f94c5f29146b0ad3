"""Read a secretary's old attendance register: one row a person, one column a meeting date.

Why separate from the member columns: here most columns are dates and the
cells are marks (Y, ✓, A...), and a column that is neither a person field nor a
date must be reported, not silently dropped, since it may hold a meeting.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from communitydesk.i18n import N_, _
from communitydesk.io.dates import parse_date
from communitydesk.io.errors import RegisterError
from communitydesk.io.tabular import RowData
from communitydesk.io.text import (
    column_label,
    header_key,
    is_valid_email,
    normalise_email,
    one_line,
    quoted,
    shorten,
    split_full_name,
)

Mark = Literal["present", "apologies", "absent"]

_MARKS: dict[str, Mark] = {
    **dict.fromkeys(("y", "✓", "✔", "x", "1", "p", "yes", "present"), "present"),
    **dict.fromkeys(("a", "apol", "apologies"), "apologies"),
    **dict.fromkeys(("", "n", "0", "no"), "absent"),
}
_PERSON_KEYS = {
    "name": ("name", "fullname", "member", "membername", "person", "attendee"),
    "first_name": ("firstname", "forename", "givenname", "first"),
    "last_name": ("lastname", "surname", "familyname", "last"),
    "email": ("email", "emailaddress"),
}
_FIELD_BY_KEY = {key: field for field, keys in _PERSON_KEYS.items() for key in keys}
_MARK_HELP = N_("use Y, ✓, x, 1 or P for present, A for apologies, blank or N for absent")
# A person column's name in a message ("a second e-mail column").
_FIELD_WORDS = {"name": N_("name"), "first_name": N_("first name"), "last_name": N_("last name"),
                "email": N_("e-mail")}


@dataclass(frozen=True)
class DateColumn:
    index: int
    header: str
    on: date


@dataclass(frozen=True)
class RegisterProblem:
    """One entry for "rejected": row number, column header (or letter), reason."""

    row: int
    column: str
    reason: str

    def __post_init__(self) -> None:  # a reason quotes the cell: never a megabyte of it
        object.__setattr__(self, "column", shorten(self.column, 80))
        object.__setattr__(self, "reason", shorten(self.reason, 300))


@dataclass(frozen=True)
class RegisterLayout:
    """Where the person fields and the meeting dates are; column indexes or None."""

    name: int | None
    first_name: int | None
    last_name: int | None
    email: int | None
    dates: tuple[DateColumn, ...]
    problems: tuple[RegisterProblem, ...]  # columns that are neither (not fatal)
    headers: tuple[str, ...] = ()


@dataclass(frozen=True)
class RegisterRow:
    """A person's line: who, and a readable mark for each meeting date (blank = absent)."""

    line: int
    first_name: str | None
    last_name: str | None
    email: str | None
    marks: tuple[tuple[date, Mark], ...]


def parse_mark(cell: str | None) -> Mark | None:
    """'Y', ' ✓ ', 'apol', '' ... as a status; None when the mark cannot be read."""
    text = (cell or "").replace("\ufe0f", "").strip().casefold()
    return _MARKS.get(text)


def parse_register_header(headers: Iterable[str], *, monthfirst: bool = False,
                          header_line: int = 1, source: str = "") -> RegisterLayout:
    """Find the person columns and date columns; raise ``RegisterError`` without either."""
    source = source or _("the file")
    headers = tuple(headers)
    found: dict[str, int] = {}
    dates: list[DateColumn] = []
    seen_dates: dict[date, str] = {}
    problems: list[RegisterProblem] = []

    def problem(index: int, header: str, reason: str) -> None:
        problems.append(RegisterProblem(header_line, header or column_label(index), reason))

    for index, header in enumerate(headers):
        field = _FIELD_BY_KEY.get(header_key(header))
        if field and field not in found:
            found[field] = index
            continue
        on = parse_date(header, monthfirst=monthfirst)
        if on is not None and on in seen_dates:
            problem(index, header, _("the same meeting date as column {column}; ignored").format(
                column=repr(seen_dates[on])))
        elif on is not None:
            seen_dates[on] = header
            dates.append(DateColumn(index, header, on))
        elif not header:
            problem(index, header, _("the column has no header; its cells are ignored"))
        elif field:
            problem(index, header, _("a second {field} column; ignored").format(
                field=_(_FIELD_WORDS[field])))
        elif parse_date(header, monthfirst=not monthfirst) is not None:
            order = _("month-first (US)") if not monthfirst else _("day-first")
            flag = "--monthfirst" if not monthfirst else _("no --monthfirst")
            problem(index, header, _("not a valid date as written; if the dates are {order}, use "
                                     "{option}").format(order=order, option=flag))
        else:
            problem(index, header, _("neither a person column nor a meeting date; ignored"))
    if not ({"name", "first_name", "last_name"} & found.keys()):
        raise RegisterError(_("{name} has no name column: the register needs a 'Name' column, "
                              "or 'First Name' and 'Last Name'").format(name=source))
    if not dates:
        raise RegisterError(_("{name} has no meeting-date columns: headers must be dates such as "
                              "2026-01-31 or 31/01/2026").format(name=source))
    return RegisterLayout(found.get("name"), found.get("first_name"), found.get("last_name"),
                          found.get("email"), tuple(dates), tuple(problems), headers)


def extract_register_row(layout: RegisterLayout, row: RowData
                         ) -> tuple[RegisterRow | None, list[RegisterProblem]]:
    """The person and marks of one row, plus problems (unreadable marks, a bad e-mail).

    An unreadable mark is reported and left out; the rest of the row still counts.
    A row with no name is reported and returns no ``RegisterRow``.
    """
    problems: list[RegisterProblem] = []

    def cell(index: int | None) -> str:
        return row.get(index) if index is not None else ""

    def header(index: int | None) -> str:
        if index is None:
            return "Name"
        named = layout.headers[index] if index < len(layout.headers) else ""
        return named or column_label(index)

    first, last = one_line(cell(layout.first_name)), one_line(cell(layout.last_name))
    if not first and not last:
        first, last = split_full_name(cell(layout.name))
    email = normalise_email(cell(layout.email))
    if email is not None and not is_valid_email(email):
        problems.append(RegisterProblem(row.line, header(layout.email),
                                        _("{value} is not a valid e-mail address; ignored").format(
                                            value=quoted(cell(layout.email)))))
        email = None
    if not first and not last:
        name_column = layout.name if layout.name is not None else layout.first_name
        problems.append(RegisterProblem(row.line, header(name_column), _("no name on this row")))
        return None, problems
    marks: list[tuple[date, Mark]] = []
    for column in layout.dates:
        text = row.get(column.index)
        mark = parse_mark(text)
        if mark is None:
            problems.append(RegisterProblem(row.line, column.header,
                                            _("cannot read the mark {value}: {help}").format(
                                                value=quoted(text), help=_(_MARK_HELP))))
        else:
            marks.append((column.on, mark))
    return RegisterRow(row.line, first, last, email, tuple(marks)), problems
