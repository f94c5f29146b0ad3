"""Retention lists who is due and acts only when confirmed; the audit trail names who changed what."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import update

from communitydesk.db.engine import Database
from communitydesk.db.models import Member
from communitydesk.errors import UserError
from communitydesk.services.members.records import add_member, get_member, update_member
from communitydesk.services.privacy.audit import list_audit_entries
from communitydesk.services.privacy.retention import apply_retention, due_for_anonymisation
from communitydesk.services.settings.group_settings import save_settings

TODAY = date(2026, 6, 15)


def _backdate(db: Database, member_id: int, when: datetime) -> None:
    with db.session() as s:
        s.execute(update(Member).where(Member.id == member_id)
                  .values(updated_at=when, created_at=when))


def test_due_lists_only_people_past_the_rules(db: Database) -> None:
    with db.session() as s:
        old_lapsed = add_member(s, first_name="Old", last_name="Lapsed", status="lapsed").id
        new_lapsed = add_member(s, first_name="New", last_name="Lapsed", status="lapsed").id
        old_prospect = add_member(s, first_name="Old", last_name="Prospect", status="prospect").id
        active = add_member(s, first_name="Old", last_name="Active").id
    _backdate(db, old_lapsed, datetime(2023, 1, 1))
    _backdate(db, new_lapsed, datetime(2026, 1, 1))
    _backdate(db, old_prospect, datetime(2025, 1, 1))
    _backdate(db, active, datetime(2020, 1, 1))
    with db.session() as s:
        due = due_for_anonymisation(s, today=TODAY)
    assert [(c.id, c.status) for c in due] == [(old_lapsed, "lapsed"), (old_prospect, "prospect")]
    assert "24 months" in due[0].rule and "12 months" in due[1].rule
    with db.session() as s:
        save_settings(s, retention_prospect_months=0)  # rule switched off
        assert [c.id for c in due_for_anonymisation(s, today=TODAY)] == [old_lapsed]


def test_apply_needs_confirmation_and_only_erases_due_people(db: Database) -> None:
    with db.session() as s:
        gone = add_member(s, first_name="Gone", last_name="Away", status="left",
                          email="gone@example.org").id
        here = add_member(s, first_name="Still", last_name="Here").id
    _backdate(db, gone, datetime(2020, 1, 1))
    with pytest.raises(UserError, match="confirm"):
        apply_retention(db, [gone], confirmed=False)
    with pytest.raises(UserError, match="not due"):
        apply_retention(db, [gone, here], confirmed=True)
    with db.session() as s:
        assert get_member(s, gone).email == "gone@example.org"  # nothing happened
    result = apply_retention(db, [gone], confirmed=True)
    assert result.erased == (gone,) and result.backup
    with db.session() as s:
        assert get_member(s, gone).email is None
        assert get_member(s, here).first_name == "Still"
        assert due_for_anonymisation(s) == []


def test_audit_trail_records_who_and_which_fields_never_values(db: Database) -> None:
    with db.session() as s:
        member_id = add_member(s, first_name="Ada", last_name="Lovelace").id
    with db.session() as s:
        update_member(s, member_id, {"email": "ada@example.org", "phone": "01234"},
                      expected_version=1, tags=["Committee"])
    with db.session() as s:
        entries = list_audit_entries(s, entity="member", entity_id=member_id)
    assert [e.action for e in entries] == ["update", "insert"]
    assert set(entries[0].fields) == {"email", "phone", "tags"}
    assert "@" in entries[0].user_name
    assert all("ada@example.org" not in str(e) for e in entries)


def test_a_value_set_to_what_it_was_is_no_change(db: Database) -> None:
    """The trail compares loaded and current values itself (cheaper than attribute history):
    writing the same value back, or a change undone before the commit, records nothing."""
    with db.session() as s:
        member_id = add_member(s, first_name="Ada", last_name="Lovelace", email="ada@example.org").id
    with db.session() as s:
        member = s.get(Member, member_id)
        member.email = "ada@example.org"
        member.first_name = "Augusta"
        member.first_name = "Ada"
        member.last_name = "King"
    with db.session() as s:
        entries = list_audit_entries(s, entity="member", entity_id=member_id)
    assert [e.action for e in entries] == ["update", "insert"]
    assert entries[0].fields == ("last_name",)


def test_failed_change_leaves_no_audit_entry(db: Database) -> None:
    with pytest.raises(RuntimeError), db.session() as s:
        add_member(s, first_name="Never", last_name="Saved")
        raise RuntimeError("crash before commit")
    with db.session() as s:
        assert list_audit_entries(s) == []


def test_bulk_inserts_are_summed_up(db: Database) -> None:
    with db.session() as s:
        s.add_all(Member(first_name=f"P{i}", last_name="Bulk") for i in range(50))
    with db.session() as s:
        entries = list_audit_entries(s)
    assert len(entries) == 1 and entries[0].fields == ("50 records",)


def test_audit_user_name_comes_from_the_database_setting(tmp_path, paths) -> None:
    from communitydesk.db.engine import open_database

    db = open_database(str(tmp_path / "a.sqlite3"), backups_dir=paths.backups_dir)
    db.dispose()
    named = Database(url=db.url, engine=db.engine, backups_dir=db.backups_dir,
                     sqlite_path=db.sqlite_path, audit_user="secretary-laptop")
    with named.session() as s:
        add_member(s, first_name="X", last_name="Y")
    named.set_audit_user("treasurer")
    with named.session() as s:
        add_member(s, first_name="Z", last_name="Y")
    with named.session() as s:
        assert [e.user_name for e in list_audit_entries(s)] == ["treasurer", "secretary-laptop"]
    named.dispose()


def test_audit_rows_read_as_sentences_with_names_and_plain_verbs(db: Database) -> None:
    """Not "member 73 insert": the person's name and what happened, for window and CLI alike."""
    from communitydesk.services.meetings.planning import add_meeting

    with db.session() as s:
        ada = add_member(s, first_name="Ada", last_name="Lovelace").id
        meeting = add_meeting(s, title="General meeting", starts_at=datetime(2026, 7, 2, 19, 0)).id
    with db.session() as s:
        update_member(s, ada, {"email": "ada@example.org", "phone": "01234 567890"},
                      expected_version=1)
    with db.session() as s:
        rows = list_audit_entries(s)
    by_what = {(r.entity, r.action): r for r in rows}
    added, changed = by_what["member", "insert"], by_what["member", "update"]
    assert (added.record, added.change) == ("Ada Lovelace", "added")
    assert (changed.record, changed.change) == ("Ada Lovelace", "changed email, phone")
    assert changed.summary == "Changed Ada Lovelace: email, phone"
    assert added.summary == "Added Ada Lovelace"
    planned = by_what["meeting", "insert"]
    assert planned.record == "meeting “General meeting”" and planned.record_date == date(2026, 7, 2)
    assert planned.summary == "Added meeting “General meeting” (2026-07-02)"
    assert "summary" in added.to_json() and added.to_json()["entity_id"] == ada
    assert meeting == planned.entity_id
    with pytest.raises(AttributeError):
        added.summary = "x"  # type: ignore[misc]  # frozen


def test_audit_never_names_an_erased_or_deleted_person(db: Database) -> None:
    from communitydesk.services.members.lifecycle import delete_member
    from communitydesk.services.privacy.erasure import erase_member

    with db.session() as s:
        erased = add_member(s, first_name="Zoë", last_name="Secret").id
        gone = add_member(s, first_name="Gone", last_name="Person").id
    with db.session() as s:
        update_member(s, erased, {"phone": "01234 567890"}, expected_version=1)
    with db.session() as s:
        erase_member(s, erased)
    with db.session() as s:
        delete_member(s, gone)
    with db.session() as s:  # SQLite may give the freed id to the next person
        newcomer = add_member(s, first_name="New", last_name="Comer").id
    with db.session() as s:
        rows = list_audit_entries(s)
    text = " ".join(f"{r.record} {r.change} {r.summary}" for r in rows)
    assert "Zoë" not in text and "Secret" not in text and "member #" not in text
    assert "Gone" not in text
    about_erased = [r for r in rows if r.entity_id == erased and r.entity == "member"]
    assert {r.record for r in about_erased} == {"a deleted person"}
    assert {"added", "changed phone", "anonymised"} <= {r.change for r in about_erased}
    removal = next(r for r in rows if r.entity == "member" and r.action == "delete")
    about_gone = [r for r in rows if r.entity == "member" and r.entity_id == gone
                  and r.id <= removal.id]
    assert {r.record for r in about_gone} == {"a deleted person"}
    assert {r.change for r in about_gone} == {"added", "removed"}
    newcomer_added = next(r for r in rows if r.entity_id == newcomer and r.id > removal.id)
    assert newcomer_added.record == "New Comer"  # even when SQLite reused the freed id


def test_bulk_and_settings_entries_read_plainly(db: Database) -> None:
    with db.session() as s:
        s.add_all(Member(first_name=f"P{i}", last_name="Bulk") for i in range(30))
    with db.session() as s:
        save_settings(s, group_name="Maple Court")
    with db.session() as s:
        rows = list_audit_entries(s)
    assert rows[-1].summary == "Added 30 people"
    assert any(r.summary == "Changed settings: group name" for r in rows), [r.summary for r in rows]
