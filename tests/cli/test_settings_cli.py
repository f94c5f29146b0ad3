"""`settings show|set` per the contract, and the group's name on every printed document at once."""

from __future__ import annotations

import json
from pathlib import Path

from communitydesk.services.settings.group_settings import DEFAULT_GROUP_NAME
from tests.pdf.poppler import flat, pdftotext

CONTRACT_KEYS = {"group_name", "default_venue", "phone_region", "financial_year_start", "quorum",
                 "currency", "dues_grace_days", "language", "languages_available"}


def test_show_json_has_the_contract_keys(run_cli) -> None:
    done = run_cli("settings", "show", "--json")
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout)
    assert set(shown) >= CONTRACT_KEYS
    assert shown["group_name"] == DEFAULT_GROUP_NAME
    assert shown["financial_year_start"] == 4 and shown["quorum"] == "" and shown["currency"] == "GBP"
    assert shown["dues_grace_days"] == 30 and shown["languages_available"] == ["en", "pl", "uk"]
    assert "kiosk_pin" not in shown and shown["kiosk_pin_set"] is False


def test_set_then_show(run_cli) -> None:
    for key, value, printed in (("group_name", "Riverside Tenants", "group_name: Riverside Tenants"),
                                ("default_venue", "St Anne's Hall", "default_venue: St Anne's Hall"),
                                ("phone_region", "ie", "phone_region: IE"),
                                ("financial_year_start", "1", "financial_year_start: 1 (January)"),
                                ("quorum", "10%", "quorum: 10%"),
                                ("currency", "eur", "currency: EUR"),
                                ("dues_grace_days", "14", "dues_grace_days: 14"),
                                ("language", "en", "language: en"),
                                ("kiosk_pin", "9876", "kiosk_pin: set")):
        done = run_cli("settings", "set", key, value)
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == printed
    shown = json.loads(run_cli("settings", "show", "--json").stdout)
    assert {k: shown[k] for k in CONTRACT_KEYS - {"languages_available"}} == {
        "group_name": "Riverside Tenants", "default_venue": "St Anne's Hall", "phone_region": "IE",
        "financial_year_start": 1, "quorum": "10%", "currency": "EUR", "dues_grace_days": 14,
        "language": "en"}
    assert shown["kiosk_pin_set"] is True
    human = run_cli("settings", "show")
    assert human.returncode == 0 and "9876" not in human.stdout + json.dumps(shown)
    assert "Riverside Tenants" in human.stdout


def test_unknown_key_or_bad_value_is_one_error_line(run_cli) -> None:
    for args, wanted in ((("colour", "red"), "error: unknown setting 'colour'; the settings are group_name"),
                         (("quorum", "0"), "error: quorum: "),
                         (("financial_year_start", "13"), "error: financial_year_start: "),
                         (("currency", "pounds"), "error: currency: "),
                         (("phone_region", "UK"), "error: phone_region: "),
                         (("--", "dues_grace_days", "-1"), "error: dues_grace_days: "),
                         (("kiosk_pin", "12"), "error: kiosk_pin: ")):
        done = run_cli("settings", "set", *args)
        assert done.returncode == 1, (args, done.stdout)
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(wanted), done.stderr
        assert "allowed" in lines[0] or "the settings are" in lines[0]
    shown = json.loads(run_cli("settings", "show", "--json").stdout)
    assert shown["quorum"] == "" and shown["currency"] == "GBP"  # nothing half-written


def test_every_printed_document_uses_the_name_at_once(run_cli, tmp_path: Path) -> None:
    added = run_cli("meetings", "add", "--title", "General meeting", "--starts", "2026-12-17 19:00", "--json")
    assert added.returncode == 0, added.stderr
    meeting = str(json.loads(added.stdout)["id"])
    before = tmp_path / "before.pdf"
    assert run_cli("print", "sign-in", meeting, "-o", str(before)).returncode == 0
    assert DEFAULT_GROUP_NAME in flat(pdftotext(before))

    assert run_cli("settings", "set", "group_name", "Riverside Tenants").returncode == 0
    for document in ("sign-in", "agenda"):
        out = tmp_path / f"{document}.pdf"
        done = run_cli("print", document, meeting, "-o", str(out))
        assert done.returncode == 0, done.stderr
        text = flat(pdftotext(out))
        assert "Riverside Tenants" in text
        assert DEFAULT_GROUP_NAME not in text
