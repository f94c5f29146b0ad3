"""Naming a member the way people do: an id, an e-mail, or a full name.

Why one resolver: every command that takes a MEMBER (``members edit``,
``actions add --owner``, ``one-to-ones add --organiser``, ``meetings edit
--chair`` …) must read "Łukasz Wiśniewski", "lukasz wisniewski" and "14" the
same way, and refuse an ambiguous name by listing who it could mean instead of
picking one silently. Names compare folded (case and accents ignored, spaces
collapsed), with the preferred name standing in for the first name too.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from communitydesk.db.models import Member
from communitydesk.errors import UserError
from communitydesk.i18n import _, ngettext
from communitydesk.services.core.ids import MemberId
from communitydesk.services.core.text import fold, matches, search_text, search_words

SHOWN_CANDIDATES = 5


def _key(*parts: str | None) -> str:
    return " ".join(fold(" ".join(p for p in parts if p)).split())


def _label(member_id: int, first: str, last: str, preferred: str | None, email: str | None) -> str:
    name = " ".join(p for p in (first, f"({preferred})" if preferred else None, last) if p)
    return f"{name} (id {member_id}{', ' + email if email else ''})"


def _candidates(rows: list, what: str) -> str:
    shown = ", ".join(_label(*r) for r in rows[:SHOWN_CANDIDATES])
    more = (" " + _("and {count} more").format(count=len(rows) - SHOWN_CANDIDATES)
            if len(rows) > SHOWN_CANDIDATES else "")
    return f"{what}: {shown}{more}"


def find_member_ref(session: Session, text: str, *, field: str = "member") -> MemberId:
    """The id of the one member ``text`` names (id, e-mail, or full name); else a UserError
    naming the candidates. ``field`` ("--owner", "MEMBER") starts the message."""
    wanted = " ".join((text or "").split())
    if not wanted:
        raise UserError(f"{field}: " + _("give a member id, email or full name"))
    if wanted.isdigit():
        if session.scalar(select(Member.id).where(Member.id == int(wanted))) is None:  # id only (#20: door)
            raise UserError(f"{field}: " + _("no member with id {id}").format(id=wanted))
        return MemberId(int(wanted))
    columns = (Member.id, Member.first_name, Member.last_name, Member.preferred_name, Member.email)
    living = select(*columns).where(Member.anonymised_at.is_(None)).order_by(Member.id)
    if "@" in wanted:
        rows = session.execute(living.where(func.lower(Member.email) == wanted.lower())).all()
        if len(rows) == 1:
            return MemberId(rows[0][0])
        if not rows:
            raise UserError(f"{field}: " + _("no member has the email {email}").format(email=wanted))
        raise UserError(_candidates(rows, f"{field}: " + ngettext(
            "{count} person has the email {email}; give the id of one",
            "{count} people have the email {email}; give the id of one", len(rows)).format(
            count=len(rows), email=wanted)))
    key = _key(wanted)
    everyone = session.execute(living).all()
    exact = [r for r in everyone if key in {_key(r[1], r[2]), _key(r[3], r[2])}]
    if len(exact) == 1:
        return MemberId(exact[0][0])
    if exact:
        raise UserError(_candidates(exact, f"{field}: " + ngettext(
            "{count} person is called {name}; give the id or email of one",
            "{count} people are called {name}; give the id or email of one", len(exact)).format(
            count=len(exact), name=repr(wanted))))
    words = search_words(wanted)
    haystacks = [(r, search_text(r[1], r[2], r[3])) for r in everyone]
    close = ([r for r, hay in haystacks if matches(words, hay)]
             or [r for r, hay in haystacks if any(matches([w], hay) for w in words if len(w) > 1)])
    if close:
        raise UserError(_candidates(close, f"{field}: " + _("no member is called {name}; did you mean").format(
            name=repr(wanted))))
    raise UserError(f"{field}: " + _("no member matches {text} (give an id, an email or a full name)").format(
        text=repr(wanted)))
