"""One-to-one notes are confidential: a `members export` never carries them."""

from __future__ import annotations

import zipfile
from pathlib import Path

SECRETS = ("SECRET-INTEREST-7f3", "SECRET-STORY-7f3", "SECRET-ISSUE-7f3", "SECRET-PROMISE-7f3")


def _exported_text(path: Path) -> str:
    if zipfile.is_zipfile(path):  # xlsx: look inside every part
        with zipfile.ZipFile(path) as z:
            return "".join(z.read(name).decode("utf-8", "replace") for name in z.namelist())
    return path.read_bytes().decode("utf-8", "replace")


def test_members_export_leaves_one_to_one_notes_out(run_cli, tmp_path: Path) -> None:
    db = tmp_path / "cli.sqlite3"
    for first in ("Ewa", "Zofia"):
        run_cli("members", "add", "--first-name", first, "--last-name", "Kowalska", db=db)
    added = run_cli("one-to-ones", "add", "--organiser", "Ewa Kowalska", "--member", "zofia kowalska",
                    "--date", "2026-03-05",
                    "--interests", SECRETS[0], "--story", SECRETS[1], "--issues", SECRETS[2],
                    "--commitments", SECRETS[3], "--next-step", "Invite to the repairs group",
                    "--stage", "Supporter", db=db)
    assert added.returncode == 0, added.stderr
    for fmt in ("csv", "xlsx", "vcf"):
        out = tmp_path / f"members.{fmt}"
        result = run_cli("members", "export", "-o", str(out), "--format", fmt, db=db)
        assert result.returncode == 0, result.stderr
        text = _exported_text(out)
        assert "Zofia" in text
        assert not [s for s in SECRETS if s in text], fmt
