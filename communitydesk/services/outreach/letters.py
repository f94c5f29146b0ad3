"""Mail-merge letters: a plain-text template with ``{fields}`` filled for each person.

Only people with an address and post consent get a letter. A field the template
names that we do not know is refused with the list of fields we do know, before
anything is printed.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from communitydesk.domain import Channel
from communitydesk.errors import UserError
from communitydesk.i18n import N_, SOURCE_LANGUAGE, _
from communitydesk.services.outreach.documents import (
    Letterhead,
    letterhead,
    next_meeting_text,
    today_text,
)
from communitydesk.services.outreach.reach import Contact, LeftOut, reach
from communitydesk.services.outreach.templates import group_language

FIELDS = {  # each field's meaning, shown beside the template (``_()`` where shown)
    "first_name": N_("first name as recorded"),
    "last_name": N_("surname"),
    "called": N_("the name they go by (preferred name, else first name)"),
    "full_name": N_("first name and surname"),
    "address": N_("postal address, one line each"),
    "postcode": N_("postcode"),
    "paid_until": N_("date their dues are paid to (empty with no payment, or for life members)"),
    "next_meeting": N_("the next meeting: title, date, time and venue"),
    "group_name": N_("the group's name"),
    "group_email": N_("the group's email address"),
    "today": N_("today's date"),
}


def template_fields(template: str) -> list[str]:
    """The field names a template uses; UserError for a malformed brace."""
    try:
        return [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]
    except ValueError as exc:
        raise UserError(_("the letter template has a stray brace ({problem}); to print a brace itself, write it twice").format(
            problem=exc)) from None


def check_template(template: str, *, source: str | None = None) -> None:
    """Refuse a template naming a field we do not fill, listing the ones we do."""
    source = source or _("the letter template")
    for name in template_fields(template):
        if name not in FIELDS:
            raise UserError(_("{source}: unknown field {{{name}}}; the fields are {fields}").format(
                source=source, name=name, fields=", ".join(f"{{{f}}}" for f in FIELDS)))


def read_template(path: str | Path) -> str:
    target = Path(path)
    try:
        text = target.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise UserError(_("--template: there is no file {target}").format(target=target)) from None
    except UnicodeDecodeError:
        raise UserError(_("--template: {target} is not UTF-8 text; save it as UTF-8 plain text").format(target=target)) from None
    except OSError as exc:
        raise UserError(_("--template: cannot read {target}: {problem}").format(target=target, problem=exc.strerror or exc)) from None
    check_template(text, source=str(target))
    return text


@dataclass(frozen=True)
class Letter:
    address_lines: tuple[str, ...]  # the address block at the top (name first)
    body: str


@dataclass(frozen=True)
class LetterData:
    letterhead: Letterhead
    date_line: str
    letters: tuple[Letter, ...]
    left_out: tuple[LeftOut, ...]


def _paid_until(session: Session, member_ids: list[int]) -> dict[int, date]:
    """Each person's dues paid-to date (DESIGN.md "Membership dues"); none for life members.

    One read of every payment, however many letters: a renewal run is hundreds of people.
    """
    from communitydesk.services.dues.standing import standing_from_spans
    from communitydesk.services.dues.status import all_spans

    spans = all_spans(session)
    found = {}
    for member_id in member_ids:
        if member_id in spans:
            standing = standing_from_spans(spans[member_id], date.today())
            if standing.paid_until is not None and not standing.life:
                found[member_id] = standing.paid_until
    return found


def fill(template: str, contact: Contact, *, head: Letterhead, next_meeting: str, today: str,
         paid_until: date | None, language: str = SOURCE_LANGUAGE) -> str:
    values = {
        "first_name": contact.first_name, "last_name": contact.last_name, "called": contact.called,
        "full_name": " ".join(p for p in (contact.first_name, contact.last_name) if p),
        "address": "\n".join(contact.postal_lines), "postcode": contact.postcode or "",
        "paid_until": today_text(paid_until, language) if paid_until else "", "next_meeting": next_meeting,
        "group_name": head.group_name, "group_email": head.group_email, "today": today,
    }
    return template.format_map(values)


def gather_letters(session: Session, member_ids: list[int], template: str,
                   *, today: date | None = None) -> LetterData:
    check_template(template)
    people = reach(session, member_ids, Channel.POST)
    head = letterhead(session)
    meeting = next_meeting_text(session)
    code = group_language(session)
    day = today_text(today, code)
    paid = _paid_until(session, [c.member_id for c in people.included])
    letters = tuple(
        Letter((" ".join(p for p in (c.first_name, c.last_name) if p), *c.postal_lines),
               fill(template, c, head=head, next_meeting=meeting, today=day,
                    paid_until=paid.get(c.member_id), language=code))
        for c in people.included)
    return LetterData(head, day, letters, people.left_out)


# The letter a secretary starts from, in the reader's words: ``_(DEFAULT_TEMPLATE)`` where shown.
DEFAULT_TEMPLATE = N_("""Dear {called},

Our next meeting is {next_meeting}. We would love to see you there, and do bring a neighbour.

With best wishes,
{group_name}
""")


@dataclass(frozen=True)
class LetterPreview:
    text: str  # the first letter as it will print, or a sentence saying why there is none
    letters: int
    left_out: int
    warning: str = ""  # a field that will print empty for everyone (no meeting planned yet)


def preview_letter(session: Session, member_ids: list[int], template: str) -> LetterPreview:
    """The letter the first person who may be written to would get (a real member, not a sample)."""
    check_template(template)
    people = reach(session, member_ids, Channel.POST)
    if not people.included:
        return LetterPreview(_("Nobody here has a postal address and consent to post."), 0,
                             len(people.left_out))
    first = people.included[0]
    paid = _paid_until(session, [first.member_id])
    meeting = next_meeting_text(session)
    code = group_language(session)
    body = fill(template, first, head=letterhead(session), next_meeting=meeting,
                today=today_text(language=code), paid_until=paid.get(first.member_id), language=code)
    address = "\n".join((" ".join(p for p in (first.first_name, first.last_name) if p), *first.postal_lines))
    warning = (_("No meeting is planned yet, so {{next_meeting}} will print empty: plan the meeting first, "
                 "or take the field out of the letter.").format() if "{next_meeting}" in template and not meeting else "")
    return LetterPreview(f"{address}\n\n{body}", len(people.included), len(people.left_out), warning)
