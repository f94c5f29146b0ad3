"""Possible duplicates among members, and a merge that keeps everything both records did.

Why: after an import or two the same person is often on the list twice
("Sean O'Neill" from Mailchimp, "Seán O'Neill" from the sign-in sheet). Pairs are
found by the same e-mail, the same phone with names that fit (a household's
shared landline alone is not a duplicate), or similar names (rapidfuzz, compared
within blocks of the same folded surname start so 20,000 members stay quick).
The merge re-points every row that refers to the removed member (attendance,
one-to-ones as member and organiser, actions, ladder history, chair and
minute-taker, tags, anything added later with a foreign key to members).
Take a backup before calling ``merge_members``: it deletes a member.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from rapidfuzz import fuzz, process
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from communitydesk.db.models import Attendance, Base, Member
from communitydesk.errors import UserError
from communitydesk.services.core.text import fold
from communitydesk.services.members.importing import CONSENT_FLAGS
from communitydesk.services.members.phones import phone_key
from communitydesk.services.members.records import EDITABLE_FIELDS, MemberSummary, list_members

NAME_SCORE_CUTOFF = 88
_ATTENDANCE_RANK = {"present": 3, "apologies": 2, "absent": 1}


@dataclass(frozen=True)
class DuplicatePair:
    """Two members that may be one person; ``reasons`` says why ("same email", ...)."""

    first: MemberSummary
    second: MemberSummary
    reasons: tuple[str, ...]
    score: float

    def to_json(self) -> dict:
        return {"first": self.first, "second": self.second, "reasons": list(self.reasons),
                "score": round(self.score, 1)}


@dataclass(frozen=True)
class MergeResult:
    kept_id: int
    removed_id: int
    filled: tuple[str, ...]
    moved: dict[str, int]  # "attendance" -> rows re-pointed, ...
    conflicts: dict[str, tuple[object, object]]  # field -> (kept value, removed value)


def _full(m: MemberSummary) -> str:
    return " ".join(fold(m.full_name).split())


def _first_names(m: MemberSummary) -> set[str]:
    return {fold(n).strip(" .") for n in (m.first_name, m.preferred_name) if n and fold(n).strip(" .")}


def _names_fit(a: MemberSummary, b: MemberSummary) -> bool:
    """Could these two names be one person? A household shares a landline, not a first name:
    a shared phone counts only when the first names fit (same, similar, or an initial of the other)
    and the surnames are similar or one is missing."""
    last_a, last_b = fold(a.last_name).strip(), fold(b.last_name).strip()
    if last_a and last_b and fuzz.ratio(last_a, last_b) < 80:
        return False
    for x in _first_names(a):
        for y in _first_names(b):
            short, full = sorted((x, y), key=len)
            if x == y or (len(short) == 1 and full.startswith(short)) or fuzz.ratio(x, y) >= 80:
                return True
    return False


def find_possible_duplicates(session: Session, *, phone_region: str = "GB",
                             score_cutoff: float = NAME_SCORE_CUTOFF,
                             limit: int | None = None) -> list[DuplicatePair]:
    """Pairs sharing an e-mail or phone, or with names at least ``score_cutoff`` similar;
    strongest first (most reasons, then score), at most ``limit`` of them."""
    members = list_members(session, sort=False)
    reasons: dict[tuple[int, int], list[str]] = defaultdict(list)
    scores: dict[tuple[int, int], float] = {}
    by_id = {m.id: m for m in members}

    def note(a: int, b: int, reason: str, score: float) -> None:
        key = (min(a, b), max(a, b))
        if reason not in reasons[key]:
            reasons[key].append(reason)
        scores[key] = max(scores.get(key, 0.0), score)

    for reason, key_of in (
        ("same email", lambda m: (m.email or "").strip().lower() or None),
        ("same phone", lambda m: phone_key(m.phone, region=phone_region)),
    ):
        groups: dict[str, list[int]] = defaultdict(list)
        for m in members:
            if (key := key_of(m)) is not None:
                groups[key].append(m.id)
        for ids in groups.values():
            for i, a in enumerate(ids):
                for b in ids[i + 1:]:
                    if reason == "same phone" and not _names_fit(by_id[a], by_id[b]):
                        continue
                    note(a, b, reason, 100.0)

    blocks: dict[str, list[MemberSummary]] = defaultdict(list)
    for m in members:
        last = fold(m.last_name).strip() or fold(m.first_name).strip()
        blocks[last[:2]].append(m)
    for block in blocks.values():
        if len(block) < 2:
            continue
        names = [_full(m) for m in block]
        for i, name in enumerate(names[:-1]):
            for _match, score, offset in process.extract(
                    name, names[i + 1:], scorer=fuzz.token_sort_ratio,
                    score_cutoff=score_cutoff, limit=None):
                j = i + 1 + offset
                note(block[i].id, block[j].id,
                     "same name" if name == names[j] else "similar name", float(score))
    ranked = sorted(reasons, key=lambda k: (-len(reasons[k]), -scores[k], k))
    if limit is not None:
        ranked = ranked[:limit]
    return [DuplicatePair(by_id[a], by_id[b], tuple(reasons[(a, b)]), scores[(a, b)])
            for a, b in ranked]


def _member_fks() -> list[tuple[str, str]]:
    """(table, column) of every foreign key to members.id, except the tags link and attendance."""
    found = []
    for table in Base.metadata.sorted_tables:
        if table.name in ("member_tags", "attendance"):
            continue
        for column in table.columns:
            if any(fk.column.table.name == "members" for fk in column.foreign_keys):
                found.append((table.name, column.name))
    return found


def merge_members(session: Session, keep_id: int, remove_id: int) -> MergeResult:
    """Fold ``remove_id`` into ``keep_id``: blanks filled, history re-pointed, then deleted."""
    if keep_id == remove_id:
        raise UserError("choose two different members to merge")
    keep, gone = session.get(Member, keep_id), session.get(Member, remove_id)
    if keep is None or gone is None:
        raise UserError(f"no member with id {remove_id if keep else keep_id}")
    filled, conflicts = [], {}
    for name in EDITABLE_FIELDS:
        mine, theirs = getattr(keep, name), getattr(gone, name)
        blank = (not mine) if name in CONSENT_FLAGS else mine in (None, "")
        if blank and theirs not in (None, "", False):
            setattr(keep, name, theirs)
            filled.append(name)
        elif theirs not in (None, "", False) and mine != theirs:
            if name == "notes":
                keep.notes = f"{mine}\n\n{theirs}"
                filled.append(name)
            else:
                conflicts[name] = (mine, theirs)
    if gone.joined_on and keep.joined_on and gone.joined_on < keep.joined_on:
        keep.joined_on = gone.joined_on  # the earlier date is when they really joined
        filled.append("joined_on")
    keep.tags = sorted({*keep.tags, *gone.tags}, key=lambda t: t.name)
    moved = {"attendance": _merge_attendance(session, keep_id, remove_id)}
    from communitydesk.services.dues.plans import before_member_merge  # #17: one plan per person

    before_member_merge(session, keep_id, remove_id)
    for table_name, column in _member_fks():
        table = Base.metadata.tables[table_name]
        count = session.execute(update(table).where(table.c[column] == remove_id)
                                .values({column: keep_id})).rowcount
        if count:
            moved[f"{table_name}.{column}"] = count
    session.flush()
    session.delete(gone)
    keep.updated_at = datetime.now()
    session.flush()
    return MergeResult(keep_id, remove_id, tuple(filled), moved, conflicts)


def _merge_attendance(session: Session, keep_id: int, remove_id: int) -> int:
    """Move the removed member's register entries; where both were at a meeting keep the best."""
    mine = {a.meeting_id: a for a in session.scalars(
        select(Attendance).where(Attendance.member_id == keep_id))}
    moved = 0
    for entry in list(session.scalars(select(Attendance).where(Attendance.member_id == remove_id))):
        other = mine.get(entry.meeting_id)
        if other is None:
            entry.member_id = keep_id
        else:
            if _ATTENDANCE_RANK[entry.status.value] > _ATTENDANCE_RANK[other.status.value]:
                other.status = entry.status
                other.checked_in_at = other.checked_in_at or entry.checked_in_at
            session.delete(entry)
        moved += 1
    session.flush()
    return moved
