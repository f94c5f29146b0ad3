"""`members import` and `members export` per the contract: exit codes, JSON keys, all or nothing."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from tests.paths import FIXTURES


def members(run_cli) -> list[dict]:
    return json.loads(run_cli("members", "list", "--json").stdout)


def test_import_json_and_reimport(run_cli) -> None:
    out = run_cli("members", "import", str(FIXTURES / "google_contacts.csv"), "--json")
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert {"created", "updated", "unchanged", "rejected", "conflicts"} <= result.keys()
    assert result["created"] == len(members(run_cli)) > 20
    again = json.loads(run_cli("members", "import", str(FIXTURES / "google_contacts.csv"),
                               "--json").stdout)
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, result["created"])
    merged = json.loads(run_cli("members", "import", str(FIXTURES / "mailchimp_audience.csv"),
                                "--json").stdout)
    assert merged["updated"] >= 15 and len(members(run_cli)) == result["created"] + merged["created"]


def test_dry_run_and_rejected_rows(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("First Name,Last Name,Email\nAnn,Lee,ann@example.org\nBo,Ng,broken@\n",
                    encoding="utf-8")
    dry = run_cli("members", "import", str(path), "--dry-run", "--json")
    assert dry.returncode == 0, dry.stderr
    report = json.loads(dry.stdout)
    assert report["created"] == 1
    assert report["rejected"] == [{"row": 3, "field": "email",
                                   "reason": report["rejected"][0]["reason"]}]
    assert "broken@" in report["rejected"][0]["reason"]
    assert members(run_cli) == []
    human = run_cli("members", "import", str(path))
    assert "1 new" in human.stdout and "row 3: email" in human.stdout


def test_map_option_and_unusable_files(run_cli, tmp_path: Path) -> None:
    odd = tmp_path / "odd.csv"
    odd.write_text("Who,Contact\nAnn Lee,ann@example.org\n", encoding="utf-8")
    refused = run_cli("members", "import", str(odd))
    assert refused.returncode == 1 and refused.stderr.startswith("error: ")
    assert "no usable column" in refused.stderr and "Traceback" not in refused.stderr
    ok = run_cli("members", "import", str(odd), "--map", "Who=full_name", "--map", "Contact=email",
                 "--json")
    assert ok.returncode == 0 and json.loads(ok.stdout)["created"] == 1
    for name, data in (("empty.csv", b""), ("binary.csv", bytes(range(256)) * 4)):
        (tmp_path / name).write_bytes(data)
        out = run_cli("members", "import", str(tmp_path / name))
        assert out.returncode == 1 and out.stderr.count("\n") == 1 and name in out.stderr
    assert run_cli("members", "import", str(tmp_path / "missing.csv")).returncode == 1
    assert len(members(run_cli)) == 1


def test_export_formats_and_neutralisation(run_cli, tmp_path: Path) -> None:
    run_cli("members", "add", "--first-name", "=HYPERLINK(\"x\")", "--last-name", "Evil",
            "--phone", "+44 7700 900123")
    run_cli("members", "add", "--first-name", "Zoë", "--last-name", "Hughes", "--tag", "Choir")
    out = tmp_path / "members.csv"
    done = run_cli("members", "export", "-o", str(out))
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig", newline="")))
    evil = next(r for r in rows if r["last_name"] == "Evil")
    assert evil["first_name"] == "'=HYPERLINK(\"x\")" and evil["phone"] == "+44 7700 900123"
    for fmt in ("xlsx", "vcf"):
        target = tmp_path / f"out.{fmt}"
        assert run_cli("members", "export", "-o", str(target), "--format", fmt).returncode == 0
        assert target.stat().st_size > 100
    assert "BEGIN:VCARD" in (tmp_path / "out.vcf").read_text(encoding="utf-8")
    bad = run_cli("members", "export", "-o", str(tmp_path / "no" / "such" / "dir.csv"))
    assert bad.returncode == 1 and bad.stderr.startswith("error: cannot write")
