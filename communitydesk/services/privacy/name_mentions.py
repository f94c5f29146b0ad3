"""Where free text names a person, and taking their name out of it when they are erased.

What a careful secretary expects from erasure: no text in the file still says
who the person was. So their names are replaced by ``[name removed]``:

- in texts they own (their action items), every form: full name, first or
  preferred name alone, surname alone;
- everywhere else (minutes, decisions, meeting notes, other people's actions,
  one-to-one notes and member notes), their full name in any order, and their
  surname alone when nobody else in the group has it.

A shared surname standing alone ("Kowalski reported…", with two Kowalskis in
the group) is not replaced: that text is listed for the secretary to check by
hand. Matching is by whole words, case- and accent-insensitive ("Lecka" finds
"Łęcka"), so "Ann" never touches "Annual".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from communitydesk.db.models import ActionItem, AgendaItem, Meeting, Member, OneToOne, StageChange
from communitydesk.i18n import _
from communitydesk.services.core.text import LIKE_ESCAPE, fold, like_contains

REDACTED = "[name removed]"
_WORD = re.compile(r"\w+")
_JOIN = re.compile(r"[\s\-\u2010\u2011\u2013'\u2019.,]{1,3}")  # between the words of one name

Pattern = tuple[str, ...]  # folded words of one way of writing the name


@dataclass(frozen=True)
class NameForms:
    anywhere: tuple[Pattern, ...]  # replaced in any text
    own: tuple[Pattern, ...]  # replaced in texts the person owns (adds single names)
    surname: Pattern  # left alone elsewhere when shared: listed for review


@dataclass(frozen=True)
class TextChange:
    obj: object
    field: str
    new_text: str
    place: str


@dataclass(frozen=True)
class MentionScan:
    changes: tuple[TextChange, ...]
    review: tuple[str, ...]  # places where a shared surname still stands alone

    @property
    def places(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.place for c in self.changes))


def _words(text: str | None) -> Pattern:
    return tuple(fold(m.group()) for m in _WORD.finditer(text or ""))


def name_forms(session: Session, member: Member) -> NameForms:
    first, last, preferred = _words(member.first_name), _words(member.last_name), \
        _words(member.preferred_name)
    givens = [g for g in (first, preferred) if g]
    full = [g + last for g in givens] + [last + g for g in givens] if last else givens
    anywhere = list(full)
    if last and not _surname_shared(session, member, last):
        anywhere.append(last)
    own = anywhere + givens + ([last] if last else [])
    return NameForms(anywhere=_unique(anywhere), own=_unique(own), surname=last)


def _unique(forms: list[Pattern]) -> tuple[Pattern, ...]:
    return tuple(dict.fromkeys(f for f in forms if f))


def _surname_shared(session: Session, member: Member, last: Pattern) -> bool:
    query = select(Member.last_name).where(Member.id != member.id, Member.anonymised_at.is_(None))
    fragments = _prefilter_fragments(member.last_name)
    if fragments:
        query = query.where(or_(*(Member.last_name.ilike(like_contains(f), escape=LIKE_ESCAPE)
                                  for f in fragments)))
    return any(_words(name) == last for name in session.scalars(query))


def _prefilter_fragments(written: str | None) -> list[str]:
    """Substrings every spelling of the name contains, in the cases a text may use, for a LIKE
    the database can do; [] when there is none (the caller then reads every row).

    The longest run of letters that folding only lower-cases ("niewska" in "Wiśniewska",
    "εωργ" in "Γεωργίου") is in every accented or unaccented spelling; SQLite lower-cases
    ASCII only, so other scripts get their lower, upper and written forms too.
    """
    runs, current = [], ""
    for char in written or "":
        if char.isalpha() and fold(char) == char.lower():
            current += char
        else:
            runs.append(current)
            current = ""
    runs.append(current)
    best = max(runs, key=len)
    if len(best) < 2:
        return []
    if best.isascii():
        return [best]
    return list(dict.fromkeys((best, best.lower(), best.upper(), best.capitalize())))


def replace_names(text: str, patterns: tuple[Pattern, ...]) -> tuple[str, int]:
    """``text`` with each whole-word occurrence of a pattern replaced; longest forms first."""
    tokens = list(_WORD.finditer(text))
    folded = [fold(t.group()) for t in tokens]
    ordered = sorted(patterns, key=len, reverse=True)
    out: list[str] = []
    pos = i = count = 0
    while i < len(tokens):
        for pattern in ordered:
            n = len(pattern)
            if tuple(folded[i:i + n]) == pattern and all(
                    _JOIN.fullmatch(text[tokens[j].end():tokens[j + 1].start()])
                    for j in range(i, i + n - 1)):
                out += [text[pos:tokens[i].start()], REDACTED]
                pos, i, count = tokens[i + n - 1].end(), i + n, count + 1
                break
        else:
            i += 1
    out.append(text[pos:])
    return "".join(out), count


def _rows(session: Session, member: Member, forms: NameForms) -> Iterator[tuple[object, tuple[str, ...], str, bool]]:
    """(row, text fields, place, owned) for every row that may name the person."""
    fragments = _prefilter_fragments(member.last_name) if forms.surname else []
    # SQLite's LIKE already ignores ASCII case; its ILIKE adds lower() on every row (slower).
    sqlite = session.get_bind().dialect.name == "sqlite"

    def narrowed(model: type, fields: tuple[str, ...]):  # noqa: ANN202
        query = select(model)
        if fragments:
            query = query.where(or_(*(
                getattr(model, f).like(like_contains(fragment), escape=LIKE_ESCAPE) if sqlite
                else getattr(model, f).ilike(like_contains(fragment), escape=LIKE_ESCAPE)
                for f in fields for fragment in fragments)))
        return query

    action_fields = ("description", "note")
    for action in session.scalars(select(ActionItem).where(ActionItem.owner_id == member.id)):
        yield action, action_fields, _("action {id}").format(id=action.id), True
    for action in session.scalars(narrowed(ActionItem, action_fields).where(
            or_(ActionItem.owner_id.is_(None), ActionItem.owner_id != member.id))):
        yield action, action_fields, _("action {id}").format(id=action.id), False
    for item in session.scalars(narrowed(AgendaItem, ("title", "presenter", "minutes", "decision"))):
        yield (item, ("title", "presenter", "minutes", "decision"),
               _("minutes of meeting {meeting} (agenda item {id})").format(
                   meeting=item.meeting_id, id=item.id), False)
    for meeting in session.scalars(narrowed(Meeting, ("title", "notes"))):
        yield meeting, ("title", "notes"), _("notes of meeting {id}").format(id=meeting.id), False
    talk_fields = ("interests", "story", "issues", "commitments", "next_step")
    for talk in session.scalars(narrowed(OneToOne, talk_fields).where(OneToOne.member_id != member.id)):
        yield talk, talk_fields, _("one-to-one {id}").format(id=talk.id), False
    for other in session.scalars(narrowed(Member, ("notes",)).where(Member.id != member.id)):
        yield other, ("notes",), _("notes on member {id}").format(id=other.id), False
    for change in session.scalars(narrowed(StageChange, ("reason",))
                                  .where(StageChange.member_id != member.id)):
        yield change, ("reason",), _("ladder change {id}").format(id=change.id), False


def scan_mentions(session: Session, member: Member) -> MentionScan:
    """What erasing ``member`` would change in free text (nothing is changed here)."""
    forms = name_forms(session, member)
    changes: list[TextChange] = []
    review: list[str] = []
    for row, fields, place, owned in _rows(session, member, forms):
        for field in fields:
            value = getattr(row, field)
            if not value:
                continue
            new_text, count = replace_names(value, forms.own if owned else forms.anywhere)
            if count:
                changes.append(TextChange(row, field, new_text, place))
            if not owned and forms.surname and replace_names(new_text, (forms.surname,))[1]:
                review.append(place)
    return MentionScan(changes=tuple(changes), review=tuple(dict.fromkeys(review)))


def remove_names(session: Session, member: Member) -> MentionScan:
    """Replace the person's names in free text (same transaction as the erasure)."""
    scan = scan_mentions(session, member)
    for change in scan.changes:
        setattr(change.obj, change.field, change.new_text)
    return scan
