"""What the one-to-ones screens read in one go: the pickers' people, the queue, the log form."""

from __future__ import annotations

from datetime import date

from communitydesk.db.engine import Database
from communitydesk.services.members.records import add_member
from communitydesk.services.one_to_ones.conversations import log_one_to_one
from communitydesk.services.one_to_ones.follow_ups import follow_ups_due, list_organisers
from communitydesk.services.one_to_ones.views import (
    follow_up_queue_view,
    member_choices,
    one_to_one_form,
)
from communitydesk.services.settings.group_settings import load_settings


def test_views_match_the_services_they_bundle(db: Database) -> None:
    with db.session() as s:
        kasia = add_member(s, first_name="Katarzyna", last_name="Nowak", preferred_name="Kasia").id
        ana = add_member(s, first_name="Ana", last_name="Lima", status="prospect").id
        one = log_one_to_one(s, organiser_id=ana, member_id=kasia, held_on=date(2026, 3, 1),
                             follow_up_on=date(2026, 3, 10), story="Private", stage_after="Activist")
    with db.session() as s:
        everyone, active = member_choices(s), member_choices(s, status="active")
        queue = follow_up_queue_view(s, on=date(2026, 3, 20), organiser_id=ana, within_days=0)
        new_form, edit_form = one_to_one_form(s), one_to_one_form(s, one.id)
        assert list(queue.rows) == follow_ups_due(s, on=date(2026, 3, 20), organiser_id=ana)
        assert list(queue.organisers) == list_organisers(s)
        settings = load_settings(s)
    assert everyone.ids == (ana, kasia)  # by surname
    assert everyone.labels == (f"Ana Lima  (#{ana})", f"Kasia Nowak  (#{kasia})")  # the name people use
    assert everyone.stages == (None, "Activist")
    assert active.ids == (kasia,)
    assert new_form.record is None and new_form.prompts == settings.one_to_one_prompts
    assert new_form.ladder_stages == settings.ladder_stages
    assert edit_form.record is not None and edit_form.record.story == "Private"
