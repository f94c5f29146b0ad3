"""Consent decides who is reached: the same answer on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime, timedelta

from communitydesk.domain import Channel
from communitydesk.services.meetings.agenda import add_agenda_item
from communitydesk.services.meetings.planning import add_meeting
from communitydesk.services.outreach.mail import eml_draft, mailto_batches
from communitydesk.services.outreach.reach import email_addresses, reach, select_member_ids
from communitydesk.services.outreach.templates import draft_for
from communitydesk.services.settings.group_settings import save_settings
from tests.services.outreach.people import add_people


def test_each_channel_needs_its_consent_and_says_why(any_db):
    ids = add_people(any_db)
    with any_db.session() as session:
        everyone = select_member_ids(session, tag="street")
        by_email = reach(session, everyone, Channel.EMAIL)
        by_post = reach(session, everyone, "post")
        by_phone = reach(session, everyone, "phone")
    assert [c.name for c in by_email.included] == ["Zoë Ångström", "Łukasz Wiśniewski"]
    assert {p.name: p.reason for p in by_email.left_out} == {
        "Secret Noconsent": "no consent to email", "Pat Noemail": "no email address",
        "Sam Phoneonly": "no consent to email"}
    assert by_email.left_out_summary() == "3 left out: 2 no consent to email, 1 no email address"
    assert email_addresses(by_email) == ["zoe+news@example.org", "lukasz&co@example.org"]
    assert [c.member_id for c in by_post.included] == [ids["Zoë Ångström"], ids["Łukasz Wiśniewski"]]
    assert {p.reason for p in by_post.left_out} == {"no consent to post", "no postal address"}
    assert sorted(c.name for c in by_phone.included) == ["Pat Noemail", "Sam Phoneonly", "Zoë Ångström"]


def test_nobody_without_consent_reaches_a_link_or_a_draft(any_db):
    add_people(any_db)
    with any_db.session() as session:
        addresses = email_addresses(reach(session, select_member_ids(session), Channel.EMAIL))
    plan = mailto_batches("group@example.org", addresses, subject="Hi", body="Hello")
    draft = eml_draft("group@example.org", addresses, "Hi", "Hello").decode()
    for output in (*plan.urls, draft, ", ".join(addresses)):
        assert "secret" not in output.lower() and "sam@" not in output


def test_the_same_address_twice_is_emailed_once(any_db):
    add_people(any_db)
    from communitydesk.services.members.records import add_member
    with any_db.session() as session:
        add_member(session, first_name="Zoe", last_name="Twin", email="other@example.org",
                   consent_email=True)
        both = reach(session, select_member_ids(session), Channel.EMAIL)
    assert len(email_addresses(both)) == len(set(email_addresses(both)))


def test_next_meeting_template_has_date_venue_agenda_and_apologies_link(any_db):
    starts = datetime.now().replace(second=0, microsecond=0) + timedelta(days=3)
    with any_db.session() as session:
        save_settings(session, group_email="hello@elmstreet.org", group_name="Elm Street Residents")
        meeting = add_meeting(session, title="Residents' meeting", starts_at=starts, venue="Church hall")
        add_agenda_item(session, meeting.id, title="Bins & recycling")
        draft = draft_for(session, "next_meeting", None)
        minutes = draft_for(session, "minutes_ready", meeting.id)
    assert f"{starts:%A}" in draft.body and "Church hall" in draft.body and "Bins & recycling" in draft.body
    assert "mailto:hello@elmstreet.org?subject=Apologies%3A%20Residents%27%20meeting" in draft.body
    assert draft.subject.startswith("Residents' meeting:")
    assert "minutes" in minutes.body and minutes.subject.startswith("Minutes: Residents' meeting")
