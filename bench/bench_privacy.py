"""Trust features at scale (20k members): erasure with file scrub, retention listing, audit overhead.

Each figure has a baseline measured in the same run on the same copy of the
scale database: a plain backup for erasure, the member list for retention, and
the same edits with the audit trail off. The first erasure on a file rewrites
it once (VACUUM: stale copies from writers without secure_delete); later ones
rely on secure_delete and a checkpoint (see services/privacy/erasure/file_scrub.py), so both
are reported.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import select

from bench.harness import Result, timed
from bench.scale_data import scale_database
from communitydesk.db.engine import open_database
from communitydesk.db.models import Member
from communitydesk.services.members.records import list_members
from communitydesk.services.privacy.erasure import erase_and_scrub
from communitydesk.services.privacy.retention import due_for_anonymisation

EDITS = 500


def _edit_members(db, ids: list[int], *, audit: bool, tag: str) -> float:  # noqa: ANN001
    start = time.perf_counter()
    with db.session() as s:
        if not audit:
            s.info["audit_off"] = True
        for member in s.scalars(select(Member).where(Member.id.in_(ids))):
            member.notes = f"{tag} {member.id}"
    return time.perf_counter() - start


def run() -> list[Result]:
    source_path = Path(scale_database())
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "scale.sqlite3"
        shutil.copy(source_path, copy)
        db = open_database(str(copy), backups_dir=Path(tmp) / "backups")
        try:
            with db.session() as s:
                ids = list(s.scalars(select(Member.id).where(Member.anonymised_at.is_(None))
                                    .order_by(Member.id).limit(EDITS + 4)))
            backup = timed(lambda: db.backup(reason="bench"), repeat=2)
            erase_times = []
            for member_id in ids[:3]:
                start = time.perf_counter()
                erase_and_scrub(db, member_id)
                erase_times.append(time.perf_counter() - start)
            first_erase, erase = erase_times[0], min(erase_times[1:])

            def listing() -> None:
                with db.session() as s:
                    list_members(s)

            def due() -> None:
                with db.session() as s:
                    due_for_anonymisation(s)

            members = timed(listing, repeat=3)
            retention = timed(due, repeat=3)
            edit_ids = ids[4:]
            plain = min(_edit_members(db, edit_ids, audit=False, tag=f"plain{i}") for i in range(2))
            audited = min(_edit_members(db, edit_ids, audit=True, tag=f"audit{i}") for i in range(2))
        finally:
            db.dispose()
    return [
        Result("erase one member + backup + scrub (20k members)", erase, "< 3x backup",
               "plain backup of the same file", backup),
        Result("first erase on a file: + one-off VACUUM rewrite", first_erase, "reported",
               "plain backup of the same file", backup),
        Result("retention: list people due (20k members)", retention, "< 2x member list",
               "member list (20k)", members),
        Result(f"edit {EDITS} members with audit trail", audited, "<= 1.2x",
               "same edits, audit trail off", plain),
    ]


if __name__ == "__main__":
    for r in run():
        print(r.line())
    sys.exit(0)
