"""`privacy export|erase` and the open-time housekeeping, run as a user runs them."""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from communitydesk.db.storage_location import storage_warning

SECRET_NAME = "Wenceslas-Quintrell"
SECRET_EMAIL = "wq.private@example.org"


def _totals(db: Path, run_cli) -> dict:
    report = run_cli("report", "attendance", "--json", db=db)
    assert report.returncode == 0, report.stderr
    data = json.loads(report.stdout)
    return {k: data[k] for k in ("meetings", "unique_attendees", "total_present", "apologies")}


def test_export_and_erase_end_to_end(run_cli, tmp_path: Path) -> None:
    db = tmp_path / "group.sqlite3"
    assert run_cli("demo", "--members", "30", "--meetings", "6", db=db).returncode == 0
    added = run_cli("members", "add", "--first-name", "Ottoline", "--last-name", SECRET_NAME,
                    "--email", SECRET_EMAIL, "--json", db=db)
    member_id = json.loads(added.stdout)["id"]
    meetings = json.loads(run_cli("meetings", "list", "--json", db=db).stdout)
    held = [m for m in meetings if m["starts_at"] < datetime.now().isoformat(timespec="minutes")]
    for m in held[:3]:
        marked = run_cli("attendance", "mark", str(m["id"]), str(member_id), "--status", "present", db=db)
        assert marked.returncode == 0, marked.stderr
    before = _totals(db, run_cli)

    out = run_cli("privacy", "export", str(member_id), "-o", str(tmp_path / "sar.pdf"), "--json", db=db)
    assert out.returncode == 0, out.stderr
    paths = json.loads(out.stdout)
    assert Path(paths["pdf"]).exists()
    exported = json.loads(Path(paths["json"]).read_text(encoding="utf-8"))
    assert exported["details"]["email"] == SECRET_EMAIL

    refused = run_cli("privacy", "erase", str(member_id), db=db)  # no terminal, no --yes
    assert refused.returncode == 1 and refused.stderr.startswith("error:") and "--yes" in refused.stderr
    assert "Traceback" not in refused.stderr

    erased = run_cli("privacy", "erase", str(member_id), "--yes", "--json", db=db)
    assert erased.returncode == 0, erased.stderr
    assert json.loads(erased.stdout)["scrubbed"] is True
    assert _totals(db, run_cli) == before
    for f in (db, Path(f"{db}-wal")):
        if f.exists():
            raw = f.read_bytes()
            assert SECRET_NAME.encode() not in raw and SECRET_EMAIL.encode() not in raw
    again = run_cli("privacy", "erase", str(member_id), "--yes", db=db)
    assert again.returncode == 1 and "already anonymised" in again.stderr
    missing = run_cli("privacy", "export", "9999", "-o", str(tmp_path / "x.json"), db=db)
    assert missing.returncode == 1 and "no member with id 9999" in missing.stderr


def test_due_and_retention_commands(run_cli, tmp_path: Path) -> None:
    db = tmp_path / "r.sqlite3"
    run_cli("members", "add", "--first-name", "A", "--last-name", "B", "--status", "left", db=db)
    con = sqlite3.connect(db)
    con.execute("UPDATE members SET updated_at='2001-01-01 00:00', created_at='2001-01-01 00:00'")
    con.commit()
    con.close()
    due = json.loads(run_cli("privacy", "due", "--json", db=db).stdout)
    assert [d["id"] for d in due] == [1]
    assert run_cli("privacy", "retention", db=db).returncode == 1  # needs --yes without a terminal
    done = run_cli("privacy", "retention", "--yes", "--json", db=db)
    assert json.loads(done.stdout)["erased"] == [1]
    assert json.loads(run_cli("privacy", "due", "--json", db=db).stdout) == []
    audit = json.loads(run_cli("privacy", "audit", "--entity", "member", "--json", db=db).stdout)
    assert audit[0]["action"] == "anonymise"


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_database_wal_and_backups_are_owner_only(run_cli, tmp_path: Path, paths) -> None:
    db = tmp_path / "perm.sqlite3"
    run_cli("members", "add", "--first-name", "A", "--last-name", "B", db=db)
    run_cli("members", "add", "--first-name", "C", "--last-name", "D", db=db)  # daily backup now
    assert run_cli("db", "backup", db=db).returncode == 0
    files = [db, *paths.backups_dir.glob("*.sqlite3")]
    files += [p for p in (Path(f"{db}-wal"), Path(f"{db}-shm")) if p.exists()]
    assert len(files) >= 3
    for f in files:
        assert f.stat().st_mode & 0o077 == 0, f"{f} is readable by others"
    assert paths.backups_dir.stat().st_mode & 0o077 == 0


def test_first_open_of_the_day_takes_a_backup_once(run_cli, tmp_path: Path, paths) -> None:
    db = tmp_path / "daily.sqlite3"
    assert run_cli("db", "upgrade", db=db, create=False).returncode == 0  # creates the file
    assert not list(paths.backups_dir.glob("daily-*-daily.sqlite3"))
    run_cli("members", "list", db=db)
    run_cli("members", "list", db=db)
    assert len(list(paths.backups_dir.glob("daily-*-daily.sqlite3"))) == 1


def test_backup_folder_setting_points_at_a_stick(db, tmp_path: Path, paths) -> None:
    from communitydesk.services.backups.auto_backup import on_open
    from communitydesk.services.settings.group_settings import save_settings

    db.just_created = False  # as if opened again on a later day
    stick = tmp_path / "USBSTICK"
    with db.session() as s:
        save_settings(s, backup_dir=str(stick))
    notes = on_open(db, default_backups_dir=paths.backups_dir)
    assert any("not available" in w for w in notes.warnings)
    stick.mkdir()
    notes = on_open(db, default_backups_dir=paths.backups_dir)
    assert notes.backup is not None and notes.backup.parent == stick and not notes.warnings


def test_synced_and_network_folders_are_flagged(run_cli, tmp_path: Path) -> None:
    assert "Dropbox" in storage_warning(Path("/home/ann/Dropbox/group/cd.sqlite3"))
    assert "OneDrive" in storage_warning(Path("/Users/ann/OneDrive - Tenants/cd.sqlite3"))
    assert "Google Drive" in storage_warning(Path("/Users/ann/Google Drive/cd.sqlite3"))
    assert "iCloud" in storage_warning(Path("/Users/ann/Library/Mobile Documents/com~apple~CloudDocs/cd.sqlite3"))
    mounts = "/dev/sda1 / ext4 rw 0 0\n//nas/share /mnt/office cifs rw 0 0\nsrv:/x /mnt/nfs nfs4 rw 0 0\n"
    assert "SMB" in storage_warning(Path("/mnt/office/cd.sqlite3"), mounts_text=mounts)
    assert "NFS" in storage_warning(Path("/mnt/nfs/a/cd.sqlite3"), mounts_text=mounts)
    assert storage_warning(Path("/home/ann/cd.sqlite3"), mounts_text=mounts) is None
    assert "shared database" in storage_warning(Path("/home/ann/Dropbox/cd.sqlite3"))
    synced = tmp_path / "Dropbox"
    synced.mkdir()
    out = run_cli("members", "list", db=synced / "g.sqlite3")
    assert out.returncode == 0 and "warning:" in out.stderr and "Dropbox" in out.stderr
