"""`members emails`, `print labels|letters|badges|phone-tree`: consent decides, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from communitydesk.services.meetings.planning import add_meeting
from tests.paths import REPO
from tests.pdf.poppler import flat, page_count, pdftotext
from tests.services.outreach.people import add_people

LETTER = REPO / "tests" / "fixtures" / "outreach_letter.txt"
SECRETS = ("Secret", "Noconsent", "Hidden", "ZZ9")


def _url(database) -> str:  # noqa: ANN001 - a Database
    return database.url


def test_members_emails_prints_one_bcc_line_and_counts_the_rest_on_stderr(any_db, run_cli):
    add_people(any_db)
    out = run_cli("members", "emails", db=_url(any_db))
    assert out.returncode == 0, out.stderr
    assert out.stdout == "zoe+news@example.org, lukasz&co@example.org\n"
    assert out.stderr.strip() == "3 left out: 2 no consent to email, 1 no email address"
    narrowed = run_cli("members", "emails", "--search", "lukasz", db=_url(any_db))
    assert narrowed.stdout == "lukasz&co@example.org\n" and narrowed.stderr == ""
    nobody = run_cli("members", "emails", "--tag", "no-such-tag", db=_url(any_db))
    assert nobody.returncode == 0 and nobody.stdout == "\n"


def test_labels_and_letters_only_for_post_consent(any_db, run_cli, tmp_path: Path):
    add_people(any_db)
    labels, letters = tmp_path / "labels.pdf", tmp_path / "letters.pdf"
    out = run_cli("print", "labels", "--tag", "street", "--layout", "l7163", "-o", str(labels), db=_url(any_db))
    assert out.returncode == 0, out.stderr
    assert "2 labels" in out.stdout and "3 left out" in out.stderr
    text = flat(pdftotext(labels))
    assert "Zoë Ångström 1 Elm St Leeds LS6 1AA" in text and "Łukasz Wiśniewski 2 Oak Rd Łódź 90-001" in text
    out = run_cli("print", "letters", "--template", str(LETTER), "-o", str(letters), db=_url(any_db))
    assert out.returncode == 0, out.stderr
    assert page_count(letters) == 2
    text = flat(pdftotext(letters))
    assert "Dear Zoë," in text and "Dear Łukasz," in text and "paid until:" in text
    for secret in SECRETS:
        assert secret not in flat(pdftotext(labels)) and secret not in text


def test_unknown_letter_field_is_refused_with_the_fields_we_know(run_cli, tmp_path: Path):
    template = tmp_path / "bad.txt"
    template.write_text("Dear {first_name}, your {shoe_size} is ready.\n", encoding="utf-8")
    out = run_cli("print", "letters", "--template", str(template), "-o", str(tmp_path / "x.pdf"))
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert out.stderr.startswith("error: ") and "unknown field {shoe_size}" in out.stderr
    assert "{first_name}" in out.stderr and "{next_meeting}" in out.stderr and "{paid_until}" in out.stderr
    assert not (tmp_path / "x.pdf").exists()
    missing = run_cli("print", "letters", "--template", str(tmp_path / "none.txt"), "-o", str(tmp_path / "x.pdf"))
    assert missing.returncode == 1 and "no file" in missing.stderr


def test_badges_for_a_meetings_expected_people_with_blanks(db, run_cli, tmp_path: Path):
    add_people(db)
    with db.session() as session:
        meeting = add_meeting(session, title="Street meeting", starts_at=datetime.now() + timedelta(days=2))
    pdf = tmp_path / "badges.pdf"
    out = run_cli("print", "badges", str(meeting.id), "--blanks", "4", "-o", str(pdf), db=db.url)
    assert out.returncode == 0, out.stderr
    assert "9 badges, 2 pages" in out.stdout  # five people, four blanks: 8 a sheet
    text = flat(pdftotext(pdf))
    for word in ("Zoë", "Ångström", "Łukasz", "Wiśniewski", "Noconsent"):  # badges need no consent
        assert word in text
    assert text.count("Hello, my name is") == 4
    assert run_cli("print", "badges", "999", "-o", str(pdf), db=db.url).returncode == 1


@pytest.mark.parametrize("layout", ["L7160", "5160"])
def test_phone_tree_is_confidential_and_phone_consent_only(db, run_cli, tmp_path: Path, layout):
    add_people(db)
    pdf = tmp_path / "tree.pdf"
    out = run_cli("print", "phone-tree", "--tag", "street", "-o", str(pdf), db=db.url)
    assert out.returncode == 0, out.stderr
    text = flat(pdftotext(pdf))
    assert "Confidential" in text and "Zoë Ångström" in text and "Sam Phoneonly" in text
    assert "Secret" not in text and "Łukasz" not in text
    bad = run_cli("print", "labels", "--layout", "A9999", "-o", str(tmp_path / "l.pdf"), db=db.url)
    assert bad.returncode == 2  # argparse: not one of the sheets
    start = run_cli("print", "labels", "--layout", layout, "--start", "99", "-o", str(tmp_path / "l.pdf"), db=db.url)
    assert start.returncode == 1 and "start label must be from 1 to" in start.stderr


def test_letters_fill_paid_until_from_the_dues_book(db, run_cli, tmp_path: Path):
    """{paid_until} comes from recorded payments: a year plan paid on 1 March runs to 1 March."""
    add_people(db)
    letters = tmp_path / "letters.pdf"
    assert run_cli("dues", "plans", "add", "--name", "Standard", "--amount", "12.00",
                   "--period", "year", db=str(db.sqlite_path)).returncode == 0
    paid = run_cli("dues", "pay", "Zoë Ångström", "--amount", "12.00", "--date", "2026-03-01",
                   "--plan", "Standard", db=str(db.sqlite_path))
    assert paid.returncode == 0, paid.stderr
    out = run_cli("print", "letters", "--template", str(LETTER), "-o", str(letters), db=str(db.sqlite_path))
    assert out.returncode == 0, out.stderr
    text = flat(pdftotext(letters))
    zoe = text[text.index("Dear Zoë,"):text.index("Dear Łukasz,")] if text.index("Dear Zoë,") < \
        text.index("Dear Łukasz,") else text[text.index("Dear Zoë,"):]
    assert "paid until: Monday 1 March 2027" in zoe
