"""Possible duplicates among members, and a merge that keeps everything both records did.

Why: after an import or two the same person is often on the list twice
("Sean O'Neill" from Mailchimp, "Seán O'Neill" from the sign-in sheet). Pairs are
found by the same e-mail, the same phone with names that fit (a household's
shared landline alone is not a duplicate), or similar names (rapidfuzz, compared
within blocks of the same folded surname start so 20,000 members stay quick).
The merge re-points every row that refers to the removed member (attendance,
one-to-ones as member and organiser, actions, ladder history, chair and
minute-taker, tags, anything added later with a foreign key to members).
``merge_members`` deletes a member, so it backs the file up first (services.backups.safety).
"""

from __future__ import annotations

import heapq
import re
from collections import defaultdict
from collections.abc import Container, Iterator
from dataclasses import dataclass
from datetime import datetime
from itertools import islice
from pathlib import Path

from rapidfuzz import fuzz, process
from sqlalchemy import String, select, type_coerce, update
from sqlalchemy.orm import Session

from communitydesk.db.models import Attendance, Base, Member, Tag, member_tags
from communitydesk.errors import UserError
from communitydesk.i18n import N_, _
from communitydesk.services.backups.safety import backup_before
from communitydesk.services.core.lookup import fetch
from communitydesk.services.core.text import fold
from communitydesk.services.members.importing import CONSENT_FLAGS
from communitydesk.services.members.phones import phone_key
from communitydesk.services.members.records import EDITABLE_FIELDS, MemberSummary

NAME_SCORE_CUTOFF = 88
# A similar full name needs first names closer than a shared phone does: transliterated,
# Eleni/Helen and Dimitris/Dmitriy score 80 and are different names; Jon/John is 86.
SIMILAR_FIRST_NAMES = 85
_INTERNATIONAL = re.compile(r"\+[1-9][0-9 ]{5,}")
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

    def shown_reasons(self) -> str:
        """The reasons in the reader's language ("same email, same phone"); JSON keeps the English."""
        return ", ".join(_(REASON_WORDS.get(r, r)) for r in self.reasons)


# The reasons a pair is offered, as the JSON says them, marked for the reader's language.
REASON_WORDS = {"same name": N_("same name"), "similar name": N_("similar name"),
                "same email": N_("same email"), "same phone": N_("same phone")}


@dataclass(frozen=True)
class MergeResult:
    kept_id: int
    removed_id: int
    filled: tuple[str, ...]
    moved: dict[str, int]  # "attendance" -> rows re-pointed, ...
    conflicts: dict[str, tuple[object, object]]  # field -> (kept value, removed value)
    backup: Path | None = None  # the copy taken before the merge (None on a shared server)


def _full(m: MemberSummary) -> str:
    return " ".join(fold(m.full_name).split())


def _first_names(m: MemberSummary) -> set[str]:
    return {fold(n).strip(" .") for n in (m.first_name, m.preferred_name) if n and fold(n).strip(" .")}


def _names_fit(a: MemberSummary, b: MemberSummary, first_cutoff: float = 80) -> bool:
    """Could these two names be one person? A household shares a landline, not a first name:
    a shared phone counts only when the first names fit (same, similar, or an initial of the other)
    and the surnames are similar or one is missing."""
    last_a, last_b = fold(a.last_name).strip(), fold(b.last_name).strip()
    if last_a and last_b and fuzz.ratio(last_a, last_b) < 80:
        return False
    for x in _first_names(a):
        for y in _first_names(b):
            short, full = sorted((x, y), key=len)
            if x == y or (len(short) == 1 and full.startswith(short)) or fuzz.ratio(x, y) >= first_cutoff:
                return True
    return False


def _similar_names(members: list[MemberSummary], cutoff: float
                   ) -> tuple[dict[str, list[int]], list[tuple[str, str, float]]]:
    """Members by folded full name, and pairs of different names at least ``cutoff`` similar.

    Why by name: a list of 20,000 holds a few thousand different names, and each is compared
    once (within blocks of the same folded surname start), not once per member. A long shared
    surname makes "Chloe Papadopoulou" and "Helen Papadopoulou" score high, so a similar
    pair must also have first names that fit (or be the same words in another order).
    """
    by_name: dict[tuple[str, str], list[int]] = defaultdict(list)
    for m in members:  # grouped as written first: folding each different name once is cheaper
        by_name[(m.first_name or "", m.last_name or "")].append(m.id)
    folded: dict[str, list[int]] = defaultdict(list)
    sample: dict[str, MemberSummary] = {}
    members_by_id = {m.id: m for m in members}
    for ids in by_name.values():
        m = members_by_id[ids[0]]
        name = _full(m)
        folded[name] += ids
        sample.setdefault(name, m)
    blocks: dict[str, list[str]] = defaultdict(list)
    for name, m in sample.items():
        last = fold(m.last_name).strip() or fold(m.first_name).strip()
        blocks[last[:2]].append(name)
    similar = []
    for names in blocks.values():
        for i, name in enumerate(names[:-1]):
            for other, score, _offset in process.extract(
                    name, names[i + 1:], scorer=fuzz.token_sort_ratio,
                    score_cutoff=cutoff, limit=None):
                a, b = sample[name], sample[other]
                if _names_fit(a, b, SIMILAR_FIRST_NAMES) or sorted(name.split()) == sorted(other.split()):
                    similar.append((name, other, float(score)))
    return folded, similar


def find_possible_duplicates(session: Session, *, phone_region: str = "GB",
                             score_cutoff: float = NAME_SCORE_CUTOFF,
                             limit: int | None = None) -> list[DuplicatePair]:
    """Pairs sharing an e-mail or phone, or with names at least ``score_cutoff`` similar;
    strongest first (most reasons, then score, then ids), at most ``limit`` of them."""
    members = _members_untagged(session)
    by_id = {m.id: m for m in members}
    by_name, similar = _similar_names(members, score_cutoff)
    name_score = {}
    for x, y, score in similar:
        name_score[(x, y)] = name_score[(y, x)] = score

    def name_reason(a: int, b: int) -> tuple[str, float] | None:
        x, y = _full(by_id[a]), _full(by_id[b])
        if x == y:
            return "same name", 100.0
        score = name_score.get((x, y))
        return None if score is None else ("similar name", score)

    reasons: dict[tuple[int, int], list[str]] = defaultdict(list)
    scores: dict[tuple[int, int], float] = {}
    emails: dict[str, list[int]] = defaultdict(list)
    phones: dict[str, list[int]] = defaultdict(list)
    for m in members:
        if m.email:
            emails[m.email.strip().lower()].append(m.id)
        if m.phone:
            phones[m.phone].append(m.id)
    phone_groups: dict[str, list[int]] = defaultdict(list)
    for phone, ids in phones.items():
        # The stored readable form ("+44 7700 900001") is E.164 with spaces: no parse needed.
        key = phone.replace(" ", "") if _INTERNATIONAL.fullmatch(phone) else phone_key(
            phone, region=phone_region)
        if key:
            phone_groups[key] += ids
    for reason, groups in (("same email", emails), ("same phone", phone_groups)):
        for ids in groups.values():
            if len(ids) < 2:
                continue
            for i, a in enumerate(ids):
                for b in ids[i + 1:]:
                    if reason == "same phone" and not _names_fit(by_id[a], by_id[b]):
                        continue
                    key = (min(a, b), max(a, b))
                    if reason not in reasons[key]:
                        reasons[key].append(reason)
                    scores[key] = 100.0
    for key in reasons:
        if (found := name_reason(*key)) is not None:
            reasons[key].append(found[0])
            scores[key] = found[1] if len(reasons[key]) == 1 else scores[key]
    ranked = sorted(reasons, key=lambda k: (-len(reasons[k]), -scores[k], k))
    pairs = [(k, tuple(reasons[k]), scores[k]) for k in ranked]
    pairs += islice(_name_only_pairs(by_name, similar, skip=reasons),
                    None if limit is None else max(0, limit - len(pairs)))
    if limit is not None:
        pairs = pairs[:limit]
    tagged = _with_tags(session, [by_id[i] for (a, b), _why, _score in pairs for i in (a, b)])
    return [DuplicatePair(tagged[a], tagged[b], why, score) for (a, b), why, score in pairs]


def _members_untagged(session: Session) -> list[MemberSummary]:
    """Every member as ``list_members`` has them, without tags: the scan never compares tags,
    and reading 20,000 members' tags was a fifth of its time (the pairs get theirs after)."""
    query = select(
        Member.id, Member.first_name, Member.last_name, Member.email, Member.phone,
        Member.postcode, type_coerce(Member.status, String), Member.preferred_name, Member.joined_on,
        Member.ladder_stage, Member.archived_at.is_not(None),
    ).where(Member.anonymised_at.is_(None))
    return [MemberSummary(r[0], r[1], r[2], r[3], r[4], r[5], r[6], (), r[7], r[8], r[9], bool(r[10]))
            for r in session.connection().execute(query)]


def _with_tags(session: Session, members: list[MemberSummary]) -> dict[int, MemberSummary]:
    wanted = {m.id: m for m in members}
    tags: dict[int, list[str]] = defaultdict(list)
    ids = list(wanted)
    for start in range(0, len(ids), 500):
        for member_id, name in session.connection().execute(
                select(member_tags.c.member_id, Tag.name).join(Tag, Tag.id == member_tags.c.tag_id)
                .where(member_tags.c.member_id.in_(ids[start:start + 500])).order_by(Tag.name)):
            tags[member_id].append(name)
    return {i: m._replace(tags=tuple(tags[i])) if i in tags else m for i, m in wanted.items()}


def _name_only_pairs(by_name: dict[str, list[int]], similar: list[tuple[str, str, float]], *,
                     skip: Container[tuple[int, int]]
                     ) -> Iterator[tuple[tuple[int, int], tuple[str, ...], float]]:
    """Pairs found by name alone, best score first then by ids, made only as far as they are
    read: 20,000 members with common names make hundreds of thousands of same-name pairs."""
    def within(ids: list[int]) -> Iterator[tuple[int, int]]:
        ordered = sorted(ids)
        return ((a, b) for i, a in enumerate(ordered) for b in ordered[i + 1:])

    same = heapq.merge(*(within(ids) for ids in by_name.values() if len(ids) > 1))
    yield from ((k, ("same name",), 100.0) for k in same if k not in skip)
    levels: dict[float, list[tuple[int, int]]] = defaultdict(list)
    for x, y, score in similar:
        levels[score] += [(min(a, b), max(a, b)) for a in by_name[x] for b in by_name[y]]
    for score in sorted(levels, reverse=True):
        yield from ((k, ("similar name",), score) for k in sorted(levels[score]) if k not in skip)


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
        raise UserError(_("choose two different members to merge"))
    keep, gone = fetch(session, Member, keep_id), fetch(session, Member, remove_id)
    backup = backup_before(session, "merge")
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
    return MergeResult(keep_id, remove_id, tuple(filled), moved, conflicts, backup)


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
