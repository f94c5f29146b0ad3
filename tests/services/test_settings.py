"""The rules every group setting obeys, shared by `settings set`, the Settings dialog and first run."""

from __future__ import annotations

import pytest

from communitydesk.db.engine import Database
from communitydesk.errors import UserError
from communitydesk.services.members.records import add_member
from communitydesk.services.settings.group_settings import (
    LANGUAGES_AVAILABLE,
    load_settings,
    needs_first_run,
    parse_setting,
    save_settings,
    set_setting,
    setting_problems,
    settings_view,
)


@pytest.mark.parametrize(("key", "text", "stored"), [
    ("group_name", "  Riverside   Tenants ", ("group_name", "Riverside Tenants")),
    ("phone_region", "ie", ("phone_region", "IE")),
    ("financial_year_start", "1", ("financial_year_start_month", 1)),
    ("financial_year_start", "april", ("financial_year_start_month", 4)),
    ("financial_year_start", "Sep", ("financial_year_start_month", 9)),
    ("quorum", "12", ("quorum", "12")),
    ("quorum", "10 %", ("quorum", "10%")),
    ("quorum", "100%", ("quorum", "100%")),
    ("quorum", "", ("quorum", "")),
    ("currency", "eur", ("currency", "EUR")),
    ("dues_grace_days", "0", ("dues_grace_days", 0)),
    ("language", "en", ("language", "en")),
    ("language", "", ("language", "")),
    ("kiosk_pin", "0042", ("kiosk_pin", "0042")),
    ("kiosk_pin", "", ("kiosk_pin", "")),
    ("timezone", "Europe/Dublin", ("timezone", "Europe/Dublin")),
    ("paper_size", "letter", ("paper_size", "Letter")),
    ("ladder_stages", "New; Regular ;Lead", ("ladder_stages", ("New", "Regular", "Lead"))),
])
def test_accepted_values_are_normalised(key: str, text: str, stored: tuple[str, object]) -> None:
    assert parse_setting(key, text) == stored


@pytest.mark.parametrize(("key", "text", "allowed"), [
    ("group_name", "   ", "the group's name"),
    ("phone_region", "UK", "two-letter country code"),
    ("phone_region", "Narnia", "two-letter country code"),
    ("financial_year_start", "13", "1 to 12"),
    ("financial_year_start", "0", "1 to 12"),
    ("financial_year_start", "Smarch", "1 to 12"),
    ("quorum", "0", "number of people"),
    ("quorum", "101%", "1% to 100%"),
    ("quorum", "-3", "number of people"),
    ("quorum", "a dozen", "number of people"),
    ("currency", "XYZ", "ISO 4217"),
    ("currency", "pounds", "ISO 4217"),
    ("dues_grace_days", "-1", "0 to 3650"),
    ("dues_grace_days", "thirty", "0 to 3650"),
    ("language", "fr", "en"),
    ("kiosk_pin", "123", "4 to 8 digits"),
    ("kiosk_pin", "123456789", "4 to 8 digits"),
    ("kiosk_pin", "12a4", "4 to 8 digits"),
    ("timezone", "Mars/Olympus", "Europe/London"),
    ("ladder_stages", "New;new", "different stage names"),
    ("ladder_stages", " ; ", "one to 12"),
])
def test_refused_values_say_what_is_allowed(key: str, text: str, allowed: str) -> None:
    with pytest.raises(UserError) as refused:
        parse_setting(key, text)
    message = str(refused.value)
    assert message.startswith(f"{key}: ") and "allowed: " in message and allowed in message
    assert "\n" not in message


def test_unknown_key_lists_the_settings() -> None:
    with pytest.raises(UserError, match="unknown setting 'colour'.*group_name, default_venue"):
        parse_setting("colour", "blue")


def test_save_settings_applies_the_same_rules(db: Database) -> None:
    with db.session() as s:
        with pytest.raises(UserError, match="currency"):
            save_settings(s, currency="pounds")
        with pytest.raises(UserError, match="kiosk_pin"):
            save_settings(s, kiosk_pin="12")
        with pytest.raises(UserError):
            save_settings(s, dues_grace_days=True)  # a bool is not a number of days
        assert load_settings(s).currency == "GBP"


def test_setting_problems_names_each_bad_field() -> None:
    problems = setting_problems({"group_name": "", "currency": "EUR", "quorum": "0%",
                                 "financial_year_start_month": 13})
    assert set(problems) == {"group_name", "quorum", "financial_year_start_month"}
    assert "1 to 12" in problems["financial_year_start_month"]
    assert setting_problems({"group_name": "Riverside", "currency": "usd"}) == {}


def test_view_hides_the_kiosk_pin(db: Database) -> None:
    with db.session() as s:
        assert settings_view(s).kiosk_pin_set is False
        set_setting(s, "kiosk_pin", "2468")
        view = settings_view(s)
        assert view.kiosk_pin_set is True
        assert "2468" not in repr(view)
        assert view.languages_available == LANGUAGES_AVAILABLE


def test_first_run_only_on_an_unnamed_empty_database(db: Database) -> None:
    with db.session() as s:
        assert needs_first_run(s)
        add_member(s, first_name="Ann", last_name="Lee")
        assert not needs_first_run(s)  # someone already uses it
    with db.session() as s:
        save_settings(s, group_name="Riverside Tenants")
    with db.session() as s:
        assert not needs_first_run(s)


def test_first_run_skipped_once_named(db: Database) -> None:
    with db.session() as s:
        set_setting(s, "group_name", "Riverside Tenants")
        assert not needs_first_run(s)
        assert settings_view(s).group_name_set


def test_a_refused_pin_is_not_repeated_back() -> None:
    for pin in ("97a1", "975"):
        with pytest.raises(UserError) as refused:
            parse_setting("kiosk_pin", pin)
        assert pin not in str(refused.value)
