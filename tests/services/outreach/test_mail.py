"""mailto links: batches that mail clients accept, and addresses escaped so none is mangled."""

from __future__ import annotations

from email import message_from_bytes
from email.policy import default
from urllib.parse import unquote

import pytest

from communitydesk.errors import UserError
from communitydesk.services.outreach.mail import (
    MAX_URL_LENGTH,
    clipboard_text,
    eml_draft,
    mailto_batches,
    mailto_url,
)


def _bcc(url: str) -> list[str]:
    query = url.split("?", 1)[1]
    field = next(p for p in query.split("&") if p.startswith("bcc="))
    return [unquote(a) for a in field[4:].split(",")]


def test_plus_ampersand_and_non_ascii_are_escaped():
    url = mailto_url("group@example.org", ["zoe+news@example.org", "a&b@example.org", "zoë@exämple.org"],
                     subject="Spotkanie: Łódź & co", body="Line one\nZoë + Łukasz")
    assert "zoe%2Bnews@example.org" in url and "a%26b@example.org" in url
    assert "+" not in url and url.count("&") == 2  # only the field separators
    assert url.isascii()
    assert _bcc(url) == ["zoe+news@example.org", "a&b@example.org", "zoë@exämple.org"]
    assert "subject=Spotkanie%3A%20%C5%81%C3%B3d%C5%BA%20%26%20co" in url
    assert "body=Line%20one%0D%0AZo%C3%AB%20%2B%20%C5%81ukasz" in url
    assert url.startswith("mailto:group@example.org?bcc=")


def test_batches_stay_under_the_limit_and_keep_every_address_once():
    addresses = [f"person.number{n:04d}+tag@example.org" for n in range(300)]
    plan = mailto_batches("group@example.org", addresses, subject="Next meeting", body="Hello all")
    assert plan.count == len(plan.batches) > 1
    assert all(len(url) <= MAX_URL_LENGTH for url in plan.urls)
    assert [a for batch in plan.batches for a in batch] == addresses
    assert [a for url in plan.urls for a in _bcc(url)] == addresses
    # batches are full: each but the last could not take the next address
    for batch, following in zip(plan.batches, plan.batches[1:], strict=False):
        bigger = mailto_url("group@example.org", [*batch, following[0]], "Next meeting", "Hello all")
        assert len(bigger) > MAX_URL_LENGTH
    assert all("subject=Next%20meeting" in url and "body=Hello%20all" in url for url in plan.urls)


def test_exact_limit_and_a_single_batch():
    plan = mailto_batches("g@example.org", ["a@example.org", "b@example.org"])
    assert plan.count == 1 and plan.urls[0] == "mailto:g@example.org?bcc=a@example.org,b@example.org"
    for limit in (200, 257, 300, 411):
        many = mailto_batches("g@example.org", [f"n{n}@example.org" for n in range(100)], limit=limit + 400)
        assert max(len(u) for u in many.urls) <= limit + 400


def test_a_body_too_long_for_a_link_is_left_out_not_cut():
    plan = mailto_batches("g@example.org", ["a@example.org"], subject="S", body="x" * 3000)
    assert plan.body_in_links is False and "body=" not in plan.urls[0]
    assert len(plan.urls[0]) <= MAX_URL_LENGTH


def test_nobody_gives_no_link_with_addresses():
    assert mailto_batches("", []).urls == ()


def test_a_subject_too_long_is_a_plain_error():
    with pytest.raises(UserError):
        mailto_batches("g@example.org", ["a@example.org"], subject="x" * 2000)


def test_clipboard_and_eml_draft_put_people_in_bcc():
    assert clipboard_text(["a@x.org", "b+c@y.org"]) == "a@x.org, b+c@y.org"
    raw = eml_draft("group@example.org", ["zoe+news@example.org", "lukasz@example.org"],
                    "Spotkanie w Łodzi", "Cześć Zoë", sender="group@example.org")
    message = message_from_bytes(raw, policy=default)
    assert message["To"] == "group@example.org"
    assert message["Bcc"] == "zoe+news@example.org, lukasz@example.org"
    assert message["Subject"] == "Spotkanie w Łodzi" and message["X-Unsent"] == "1"
    assert message.get_content().strip() == "Cześć Zoë"
