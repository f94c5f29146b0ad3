"""`members add|edit|list` for people: what was made is printed, MEMBER takes an id, email or
name, a taken email and control characters are refused, search folds accents in any script."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path


def _add(run_cli, *args: str) -> dict:
    out = run_cli("members", "add", *args, "--json")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_add_prints_what_it_made_and_json_keeps_the_object(run_cli) -> None:
    out = run_cli("members", "add", "--first-name", "Łukasz", "--last-name", "Wiśniewski",
                  "--address", "12 Elm Street, Leeds LS6 2AB", "--consent", "email,post")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "member 1: Łukasz Wiśniewski"
    member = _add(run_cli, "--first-name", "Zoë", "--last-name", "Hughes", "--joined", "10/12/2026")
    assert member["id"] == 2 and member["joined_on"] == "2026-12-10" and member["tags"] == []
    first = json.loads(run_cli("members", "list", "--search", "lukasz", "--json").stdout)[0]
    assert first["postcode"] == "LS6 2AB"
    shown = json.loads(run_cli("members", "edit", "1", "--json").stdout)
    assert (shown["address_line1"], shown["town"]) == ("12 Elm Street", "Leeds")
    assert (shown["consent_email"], shown["consent_phone"], shown["consent_post"]) == (True, False, True)
    assert shown["consent_source"] == "entered"


def test_search_is_case_and_accent_insensitive_in_any_script(run_cli) -> None:
    _add(run_cli, "--first-name", "Иван", "--last-name", "Иванов")
    _add(run_cli, "--first-name", "Zoë", "--last-name", "Hughes")
    _add(run_cli, "--first-name", "Łukasz", "--last-name", "Wiśniewski")
    for typed, last in (("Иван", "Иванов"), ("иван", "Иванов"), ("zoe", "Hughes"), ("lukasz", "Wiśniewski")):
        rows = json.loads(run_cli("members", "list", "--search", typed, "--json").stdout)
        assert [r["last_name"] for r in rows] == [last], typed


def test_an_existing_email_is_refused_naming_the_member(run_cli) -> None:
    ann = _add(run_cli, "--first-name", "Ann", "--last-name", "Lee", "--email", "ann@example.org")
    again = run_cli("members", "add", "--first-name", "Annie", "--last-name", "Lee",
                    "--email", "ANN@example.org")
    assert again.returncode == 1
    assert again.stderr.strip() == ("error: email: ann@example.org is already Ann Lee's (member "
                                    f"{ann['id']}); to change their details use "
                                    f"`communitydesk members edit {ann['id']}`")
    assert len(json.loads(run_cli("members", "list", "--json").stdout)) == 1


def test_control_characters_are_refused_and_stored_ones_print_escaped(run_cli, tmp_path: Path) -> None:
    for bad in ("Evil\x1b[2J", "Bell\x07", "Two\nLines", "Back\rspace"):
        out = run_cli("members", "add", "--first-name", bad, "--last-name", "X")
        assert out.returncode == 1 and "first name:" in out.stderr and "control character" in out.stderr
        assert "\x1b" not in out.stderr and "\x07" not in out.stderr
    _add(run_cli, "--first-name", "Old", "--last-name", "Import")
    con = sqlite3.connect(tmp_path / "cli.sqlite3")  # what an older version let in
    con.execute("UPDATE members SET last_name = 'Imp\x1b]0;pwned\x07ort'")
    con.commit()
    con.close()
    listed = run_cli("members", "list")
    assert listed.returncode == 0 and "\x1b" not in listed.stdout and "\x07" not in listed.stdout
    assert "Imp\\x1b]0;pwned\\x07ort" in listed.stdout


def test_edit_changes_only_the_given_fields_by_id_email_or_name(run_cli) -> None:
    ann = _add(run_cli, "--first-name", "Ann", "--last-name", "Lee", "--email", "ann@example.org",
               "--phone", "0161 496 0000", "--tag", "Choir")
    out = run_cli("members", "edit", "ann lee", "--postcode", "LS6 2AB", "--tag", "Street team")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == f"member {ann['id']}: Ann Lee"
    edited = json.loads(run_cli("members", "edit", "ANN@example.org", "--preferred-name", "Annie",
                                "--remove-tag", "choir", "--json").stdout)
    assert edited["postcode"] == "LS6 2AB" and edited["phone"] == "0161 496 0000"
    assert edited["preferred_name"] == "Annie" and edited["tags"] == ["Street team"]
    assert edited["version"] == ann["version"] + 2
    same = run_cli("members", "edit", str(ann["id"]), "--postcode", "LS6 2AB")
    assert same.stdout.strip().endswith("(nothing changed)")
    audit = json.loads(run_cli("privacy", "audit", "--entity", "member", "--json").stdout)
    assert any("postcode" in row["fields"] for row in audit if row["entity_id"] == ann["id"])


def test_member_arguments_name_the_candidates_when_unclear(run_cli) -> None:
    a = _add(run_cli, "--first-name", "Ann", "--last-name", "Lee")
    b = _add(run_cli, "--first-name", "Ann", "--last-name", "Lée", "--email", "ann2@example.org")
    several = run_cli("members", "edit", "ann lee", "--postcode", "X1")
    assert several.returncode == 1 and len(several.stderr.strip().splitlines()) == 1
    assert f"id {a['id']}" in several.stderr and f"id {b['id']}" in several.stderr
    nobody = run_cli("members", "edit", "Ann Smith", "--postcode", "X1")
    assert nobody.returncode == 1 and "no member is called 'Ann Smith'; did you mean" in nobody.stderr
    assert run_cli("members", "edit", "ann2@example.org", "--postcode", "X1").returncode == 0


def test_duplicates_and_merge(run_cli) -> None:
    keep = _add(run_cli, "--first-name", "Seán", "--last-name", "O'Neill", "--email", "sean@example.org")
    other = _add(run_cli, "--first-name", "Sean", "--last-name", "O'Neill", "--phone", "0161 496 0000")
    _add(run_cli, "--first-name", "Mary", "--last-name", "Smith", "--phone", "0161 496 0001")
    _add(run_cli, "--first-name", "John", "--last-name", "Smith", "--phone", "0161 496 0001")
    pairs = json.loads(run_cli("members", "duplicates", "--json").stdout)
    assert pairs == [{"a": keep["id"], "b": other["id"], "a_name": "Seán O'Neill",
                      "b_name": "Sean O'Neill", "reason": "same name"}]  # not the Smiths' landline
    refused = run_cli("members", "merge", "sean@example.org", str(other["id"]))
    assert refused.returncode == 1 and "--yes" in refused.stderr
    merged = run_cli("members", "merge", "sean@example.org", str(other["id"]), "--yes")
    assert merged.returncode == 0, merged.stderr
    assert merged.stdout.startswith(f"merged member {other['id']} into member {keep['id']}: Seán O'Neill")
    assert "backup taken" in merged.stderr
    kept = json.loads(run_cli("members", "edit", str(keep["id"]), "--json").stdout)
    assert kept["phone"] == "0161 496 0000"
    assert run_cli("members", "merge", str(keep["id"]), "Seán O'Neill", "--yes").returncode == 1
