"""One-to-one conversations: log, read, edit (optimistic locking), list, delete.

Confidentiality: ``interests``, ``story``, ``issues`` and ``commitments`` are what
a person told an organiser in confidence. Only ``OneToOneRecord`` (one
conversation, opened on purpose) carries them; every list here returns
``OneToOneSummary``, which does not, so no list, export or printout built on
these functions can leak them. The person's own subject-access export reads
``OneToOneRecord``.

The follow-up queue and "who to talk to next" live in ``services.one_to_ones.follow_ups``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased
from sqlalchemy.orm.exc import StaleDataError

from communitydesk.db.models import Member, OneToOne
from communitydesk.domain import Medium
from communitydesk.errors import ConflictError, UserError
from communitydesk.i18n import N_, _
from communitydesk.services.core.ids import MemberId, OneToOneId
from communitydesk.services.core.lookup import fetch
from communitydesk.services.core.names import optional_person_name
from communitydesk.services.one_to_ones.ladder import move_member, resolve_stage

SENSITIVE_FIELDS = ("interests", "story", "issues", "commitments")
EDITABLE_FIELDS = (
    "organiser_id", "member_id", "held_on", "medium", "duration_minutes", *SENSITIVE_FIELDS,
    "next_step", "follow_up_on", "stage_after",
)
MEDIUM_LABELS = {Medium.IN_PERSON.value: N_("In person"), Medium.PHONE.value: N_("Phone"),
                 Medium.VIDEO.value: N_("Video"), Medium.OTHER.value: N_("Other")}


@dataclass(frozen=True)
class OneToOneSummary:
    """A conversation as lists show it: who, when, how, next step. No confidential notes."""

    id: OneToOneId
    member_id: MemberId
    member_name: str
    organiser_id: MemberId | None
    organiser_name: str | None
    held_on: date
    medium: str
    duration_minutes: int | None
    next_step: str | None
    follow_up_on: date | None
    follow_up_done_at: datetime | None
    follow_up_by_id: MemberId | None
    follow_up_by_name: str | None
    stage_after: str | None

    @property
    def medium_label(self) -> str:
        return _(MEDIUM_LABELS[self.medium]) if self.medium in MEDIUM_LABELS else self.medium

    def to_json(self) -> dict:
        return {
            "id": self.id, "member_id": self.member_id, "member_name": self.member_name,
            "organiser_id": self.organiser_id, "organiser_name": self.organiser_name,
            "held_on": self.held_on, "medium": self.medium, "duration_minutes": self.duration_minutes,
            "next_step": self.next_step, "follow_up_on": self.follow_up_on,
            "follow_up_done_at": self.follow_up_done_at, "follow_up_by_id": self.follow_up_by_id,
            "stage_after": self.stage_after,
        }


@dataclass(frozen=True)
class OneToOneRecord:
    """One conversation in full, including the confidential notes, and the version it was read at."""

    summary: OneToOneSummary
    interests: str | None
    story: str | None
    issues: str | None
    commitments: str | None
    version: int

    @property
    def id(self) -> OneToOneId:
        return self.summary.id

    def values(self) -> dict[str, object]:
        s = self.summary
        return {"organiser_id": s.organiser_id, "member_id": s.member_id, "held_on": s.held_on,
                "medium": s.medium, "duration_minutes": s.duration_minutes,
                "interests": self.interests, "story": self.story, "issues": self.issues,
                "commitments": self.commitments, "next_step": s.next_step,
                "follow_up_on": s.follow_up_on, "stage_after": s.stage_after}

    def to_json(self) -> dict:
        return {**self.summary.to_json(), "confidential": True, "interests": self.interests,
                "story": self.story, "issues": self.issues, "commitments": self.commitments,
                "version": self.version}


display_name = optional_person_name  # the one name formatter (services/core/names.py)


def summary_query():  # noqa: ANN201 - a Select over one-to-ones with the three names joined
    who, org, by = aliased(Member), aliased(Member), aliased(Member)
    return (
        select(OneToOne.id, OneToOne.member_id, who.first_name, who.last_name, who.preferred_name,
               OneToOne.organiser_id, org.first_name, org.last_name, org.preferred_name,
               OneToOne.held_on, OneToOne.medium, OneToOne.duration_minutes, OneToOne.next_step,
               OneToOne.follow_up_on, OneToOne.follow_up_done_at, OneToOne.follow_up_by_id,
               by.first_name, by.last_name, by.preferred_name, OneToOne.stage_after)
        .join(who, who.id == OneToOne.member_id)
        .outerjoin(org, org.id == OneToOne.organiser_id)
        .outerjoin(by, by.id == OneToOne.follow_up_by_id)
    ), who


def summary_from_row(r) -> OneToOneSummary:  # noqa: ANN001 - a row of summary_query()
    return OneToOneSummary(
        id=OneToOneId(r[0]), member_id=MemberId(r[1]), member_name=display_name(r[2], r[3], r[4]) or "",
        organiser_id=r[5], organiser_name=display_name(r[6], r[7], r[8]), held_on=r[9],
        medium=r[10].value, duration_minutes=r[11], next_step=r[12], follow_up_on=r[13],
        follow_up_done_at=r[14], follow_up_by_id=r[15], follow_up_by_name=display_name(r[16], r[17], r[18]),
        stage_after=r[19],
    )


def _medium(value: str | Medium) -> Medium:
    text = str(value).strip().lower().replace(" ", "_").replace("-", "_")
    text = {"person": "in_person", "inperson": "in_person", "call": "phone", "zoom": "video"}.get(text, text)
    try:
        return Medium(text)
    except ValueError:
        allowed = ", ".join(m.value for m in Medium)
        raise UserError(_("medium: “{value}” is not one of {allowed}").format(value=value, allowed=allowed)) from None


def _person(session: Session, member_id: object, field: str) -> Member:
    if member_id is None:
        raise UserError(_("{field}: choose a person").format(field=field))
    member = session.get(Member, member_id)
    if member is None:
        raise UserError(_("{field}: no member with id {id}").format(field=field, id=member_id))
    if member.anonymised_at is not None:
        raise UserError(_("{field}: member {id} has been anonymised").format(field=field, id=member_id))
    return member


def clean_values(session: Session, values: dict[str, object]) -> dict[str, object]:
    """Trim text, check people, dates, medium, duration and stage; errors name the field."""
    out: dict[str, object] = {}
    for key, value in values.items():
        if key not in EDITABLE_FIELDS:
            raise UserError(_("unknown one-to-one field {field}").format(field=repr(key)))
        if isinstance(value, str):
            value = value.strip() or None
        out[key] = value
    if "member_id" in out:
        _person(session, out["member_id"], "member")
    if out.get("organiser_id") is not None:
        _person(session, out["organiser_id"], "organiser")
    if "member_id" in out and out.get("organiser_id") == out["member_id"]:
        raise UserError(_("organiser: the organiser and the person cannot be the same member"))
    if "held_on" in out and not isinstance(out["held_on"], date):
        raise UserError(_("date: when was the conversation held?"))
    if "medium" in out:
        out["medium"] = _medium(out["medium"] or Medium.IN_PERSON)
    if out.get("duration_minutes") is not None:
        minutes = out["duration_minutes"]
        if not isinstance(minutes, int) or not 1 <= minutes <= 600:
            raise UserError(_("duration: “{value}” is not a number of minutes between 1 and 600").format(value=minutes))
    if out.get("stage_after"):
        out["stage_after"] = resolve_stage(session, str(out["stage_after"]), field="stage after")
    return out


def _check_dates(held_on: date, follow_up_on: date | None) -> None:
    if follow_up_on is not None and follow_up_on < held_on:
        raise UserError(_("follow-up: {date} is before the conversation ({held})").format(
            date=follow_up_on.isoformat(), held=held_on.isoformat()))


def _move_after(session: Session, oto: OneToOne) -> None:
    if oto.stage_after:
        move_member(session, oto.member_id, to_stage=oto.stage_after,
                    reason=f"After a one-to-one on {oto.held_on.isoformat()}",
                    changed_by_id=oto.organiser_id, one_to_one_id=oto.id,
                    changed_at=datetime.combine(oto.held_on, time(12)))


def log_one_to_one(
    session: Session,
    *,
    organiser_id: int | None,
    member_id: int,
    held_on: date,
    medium: str | Medium = Medium.IN_PERSON,
    duration_minutes: int | None = None,
    interests: str | None = None,
    story: str | None = None,
    issues: str | None = None,
    commitments: str | None = None,
    next_step: str | None = None,
    follow_up_on: date | None = None,
    stage_after: str | None = None,
) -> OneToOneRecord:
    """Record a conversation; a ``stage_after`` also moves the person on the ladder."""
    if organiser_id is None:
        raise UserError(_("organiser: who held the conversation?"))
    values = clean_values(session, {
        "organiser_id": organiser_id, "member_id": member_id, "held_on": held_on, "medium": medium,
        "duration_minutes": duration_minutes, "interests": interests, "story": story,
        "issues": issues, "commitments": commitments, "next_step": next_step,
        "follow_up_on": follow_up_on, "stage_after": stage_after,
    })
    _check_dates(held_on, follow_up_on)
    oto = OneToOne(**values)
    session.add(oto)
    session.flush()
    _move_after(session, oto)
    return get_one_to_one(session, oto.id)


def load_one_to_one(session: Session, one_to_one_id: int) -> OneToOne:
    oto = fetch(session, OneToOne, one_to_one_id)
    return oto


def get_one_to_one(session: Session, one_to_one_id: int) -> OneToOneRecord:
    """One conversation with its confidential notes (the caller shows them marked as such)."""
    oto = load_one_to_one(session, one_to_one_id)
    query, _columns = summary_query()
    row = session.execute(query.where(OneToOne.id == oto.id)).one()
    return OneToOneRecord(summary=summary_from_row(row), interests=oto.interests, story=oto.story,
                          issues=oto.issues, commitments=oto.commitments, version=oto.version)


def _conflict(session: Session, one_to_one_id: int, mine: dict) -> ConflictError:
    theirs = get_one_to_one(session, one_to_one_id)
    return ConflictError(
        _("the one-to-one with {name} on {date} was changed by someone else while you were "
          "editing").format(name=theirs.summary.member_name, date=theirs.summary.held_on.isoformat()),
        mine=mine, theirs={k: v for k, v in theirs.values().items() if k in mine},
    )


def update_one_to_one(
    session: Session, one_to_one_id: int, changes: dict[str, object], *, expected_version: int | None = None,
) -> OneToOneRecord:
    """Save an edited conversation. If someone saved first, raise ConflictError with both versions."""
    oto = load_one_to_one(session, one_to_one_id)
    cleaned = clean_values(session, changes)
    if expected_version is not None and oto.version != expected_version:
        raise _conflict(session, one_to_one_id, cleaned)
    _check_dates(cleaned.get("held_on", oto.held_on), cleaned.get("follow_up_on", oto.follow_up_on))
    member_id = cleaned.get("member_id", oto.member_id)
    if cleaned.get("organiser_id", oto.organiser_id) == member_id:
        raise UserError(_("organiser: the organiser and the person cannot be the same member"))
    stage_changed = "stage_after" in cleaned and cleaned["stage_after"] != oto.stage_after
    for key, value in cleaned.items():
        setattr(oto, key, value)
    try:
        session.flush()
    except StaleDataError:
        session.rollback()
        raise _conflict(session, one_to_one_id, cleaned) from None
    if stage_changed:
        _move_after(session, oto)
    return get_one_to_one(session, oto.id)


def delete_one_to_one(session: Session, one_to_one_id: int, *, expected_version: int | None = None) -> OneToOneSummary:
    """Remove a conversation logged by mistake; ladder moves it caused stay, unlinked."""
    record = get_one_to_one(session, one_to_one_id)
    if expected_version is not None and record.version != expected_version:
        raise _conflict(session, one_to_one_id, {})
    session.delete(load_one_to_one(session, one_to_one_id))
    session.flush()
    return record.summary


def list_one_to_ones(
    session: Session, *, member_id: int | None = None, organiser_id: int | None = None,
) -> list[OneToOneSummary]:
    """Conversations, newest first, without the confidential notes."""
    if member_id is not None:
        fetch(session, Member, member_id)
    query, who = summary_query()
    query = query.where(who.anonymised_at.is_(None))
    if member_id is not None:
        query = query.where(OneToOne.member_id == member_id)
    if organiser_id is not None:
        query = query.where(OneToOne.organiser_id == organiser_id)
    query = query.order_by(OneToOne.held_on.desc(), OneToOne.id.desc())
    session.flush()
    return [summary_from_row(r) for r in session.connection().execute(query)]


def records_about_member(session: Session, member_id: int) -> list[OneToOneRecord]:
    """Every conversation *about* this person, with the confidential notes, oldest first.

    For the person's own subject-access export only. Conversations they held as
    organiser are about other people and are not included.
    """
    fetch(session, Member, member_id)
    ids = session.scalars(select(OneToOne.id).where(OneToOne.member_id == member_id)
                          .order_by(OneToOne.held_on, OneToOne.id))
    return [get_one_to_one(session, one_to_one_id) for one_to_one_id in ids.all()]
