"""Who may be reached by email, post or phone, and who is left out and why.

Every outreach output (mail links, copied addresses, .eml drafts, labels, letters,
phone trees) takes its people from :func:`reach`, so consent is checked in one place:
a person without the channel's consent never reaches any of them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from communitydesk.db.models import Member
from communitydesk.domain import Channel
from communitydesk.i18n import N_, _, ngettext
from communitydesk.io.text import is_valid_email
from communitydesk.services.core.names import person_name
from communitydesk.services.core.text import name_sort_key
from communitydesk.services.members.records import list_members, member_tag_names


@dataclass(frozen=True)
class Contact:
    """One person's contact details, as far as outreach needs them."""

    member_id: int
    first_name: str
    last_name: str
    preferred_name: str | None
    email: str | None
    phone: str | None
    address_lines: tuple[str, ...]  # street lines and town, without the postcode
    postcode: str | None
    status: str
    ladder_stage: str | None
    tags: tuple[str, ...]
    consent_email: bool
    consent_post: bool
    consent_phone: bool

    @property
    def name(self) -> str:
        return person_name(self.first_name, self.last_name, self.preferred_name)

    @property
    def called(self) -> str:
        """What they like to be called: the preferred name, else the first name."""
        return (self.preferred_name or "").strip() or self.first_name

    @property
    def postal_lines(self) -> tuple[str, ...]:
        """Address lines for an envelope: the street lines, town, then the postcode."""
        return (*self.address_lines, *([self.postcode] if self.postcode else []))


@dataclass(frozen=True)
class LeftOut:
    member_id: int
    name: str
    reason: str


@dataclass(frozen=True)
class Reach:
    """The people a channel may reach, and everyone else with the reason."""

    channel: Channel
    included: tuple[Contact, ...]
    left_out: tuple[LeftOut, ...]

    def reasons(self) -> dict[str, int]:
        """How many were left out for each reason, most common first."""
        return dict(Counter(p.reason for p in self.left_out).most_common())

    def left_out_summary(self) -> str:
        """'3 left out: 2 no consent to email, 1 no email address' (empty when nobody)."""
        if not self.left_out:
            return ""
        # "{count} {reason}": a language may turn it round ("brak zgody na e-mail: 2").
        parts = ", ".join(_("{count} {reason}").format(count=n, reason=reason)
                          for reason, n in self.reasons().items())
        return ngettext("{count} left out: {reasons}", "{count} left out: {reasons}",
                        len(self.left_out)).format(count=len(self.left_out), reasons=parts)


# Reasons are in the reader's words when made (``_`` in ``_why_not``): they are only shown.
NO_CONSENT = {Channel.EMAIL: N_("no consent to email"), Channel.POST: N_("no consent to post"),
              Channel.PHONE: N_("no consent to phone")}
MISSING = {Channel.EMAIL: N_("no email address"), Channel.POST: N_("no postal address"),
           Channel.PHONE: N_("no phone number")}


def _contact(m: Member, tags: tuple[str, ...]) -> Contact:
    lines = tuple(p.strip() for p in (m.address_line1, m.address_line2, m.town) if p and p.strip())
    return Contact(
        member_id=m.id, first_name=m.first_name, last_name=m.last_name or "",
        preferred_name=m.preferred_name, email=(m.email or "").strip() or None,
        phone=(m.phone or "").strip() or None, address_lines=lines,
        postcode=(m.postcode or "").strip() or None, status=str(m.status.value),
        ladder_stage=m.ladder_stage, tags=tags, consent_email=bool(m.consent_email),
        consent_post=bool(m.consent_post), consent_phone=bool(m.consent_phone),
    )


def load_contacts(session: Session, member_ids: Iterable[int]) -> list[Contact]:
    """The given members (erased ones skipped), sorted by surname then first name."""
    wanted = list(dict.fromkeys(int(i) for i in member_ids))
    tags = member_tag_names(session)
    found: list[Contact] = []
    for start in range(0, len(wanted), 500):  # stay under every database's parameter limit
        chunk = wanted[start:start + 500]
        rows = session.scalars(select(Member).where(Member.id.in_(chunk), Member.anonymised_at.is_(None)))
        found += [_contact(m, tags.get(m.id, ())) for m in rows]
    found.sort(key=lambda c: (*name_sort_key(c.last_name, c.first_name), c.member_id))
    return found


def select_member_ids(session: Session, *, tag: str | None = None, status: str | None = None,
                      search: str | None = None) -> list[int]:
    """The members a `members list` with the same options shows (archived ones too)."""
    return [m.id for m in list_members(session, status=status, tag=tag, search=search)]


def _why_not(contact: Contact, channel: Channel) -> str | None:
    reason = _reason_key(contact, channel)
    return _(reason) if reason else None


def _reason_key(contact: Contact, channel: Channel) -> str | None:
    if channel is Channel.EMAIL:
        if not contact.email:
            return MISSING[channel]
        if not is_valid_email(contact.email.lower()):
            return N_("email address looks wrong")
        return None if contact.consent_email else NO_CONSENT[channel]
    if channel is Channel.POST:
        if not contact.address_lines:
            return MISSING[channel]
        return None if contact.consent_post else NO_CONSENT[channel]
    if not contact.phone:
        return MISSING[channel]
    return None if contact.consent_phone else NO_CONSENT[channel]


def split_by_consent(contacts: Sequence[Contact], channel: Channel | str) -> Reach:
    """Who among ``contacts`` the channel may reach. Email: one entry per address."""
    channel = Channel(channel)
    included: list[Contact] = []
    left_out: list[LeftOut] = []
    seen_emails: dict[str, str] = {}
    for contact in contacts:
        reason = _why_not(contact, channel)
        if reason is None and channel is Channel.EMAIL:
            key = contact.email.lower()  # type: ignore[union-attr]
            if key in seen_emails:
                reason = _("same email address as {name}").format(name=seen_emails[key])
            else:
                seen_emails[key] = contact.name
        if reason is None:
            included.append(contact)
        else:
            left_out.append(LeftOut(contact.member_id, contact.name, reason))
    return Reach(channel, tuple(included), tuple(left_out))


def reach(session: Session, member_ids: Iterable[int], channel: Channel | str) -> Reach:
    """The people among ``member_ids`` that ``channel`` may reach, and the rest with reasons."""
    return split_by_consent(load_contacts(session, member_ids), channel)


def email_addresses(people: Reach) -> list[str]:
    """The addresses of an email reach, for a BCC field (never anyone left out)."""
    if people.channel is not Channel.EMAIL:
        raise ValueError("email_addresses needs an email reach")
    return [c.email for c in people.included if c.email]
