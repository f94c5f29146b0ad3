"""Each printed document built from the demo group and read back with pdftotext."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from communitydesk.db.engine import Database
from communitydesk.db.models import Member
from communitydesk.pdf.documents import DocumentKind, gather, render, render_bytes
from communitydesk.services.meetings.documents import save_paper_size
from tests.pdf.poppler import flat, font_names, page_count, pages, pdfinfo, pdftotext

GROUP = "Maple Court Tenants' Association"
PRINTED = date(2026, 6, 15)
MEETING = 9  # General meeting, Tuesday 2 June 2026 (held; the demo's "today" is 15 June)
PREVIOUS = 7  # the general meeting before it, Tuesday 5 May


def build(db: Database, kind: DocumentKind, tmp_path: Path, meeting_id: int | None = MEETING,
          **period: date):
    with db.session() as s:
        data = gather(s, kind, meeting_id, **period)
    pdf = tmp_path / f"{kind.value}.pdf"
    total = render(data, pdf, printed_on=PRINTED)
    assert total == page_count(pdf)
    return data, pdf, total


def assert_every_page_has_header(pdf: Path, title: str, when: str) -> None:
    texts = pages(pdf)
    for number, page in enumerate(texts, start=1):
        assert GROUP in page, f"group name missing on page {number}"
        assert title in page, f"{title!r} missing on page {number}"
        assert when in page, f"date missing on page {number}"
        assert f"Page {number} of {len(texts)}" in page
    assert "■" not in "".join(texts)


def test_sign_in_sheet_names_in_order_and_no_contact_details(demo_db: Database, tmp_path: Path) -> None:
    data, pdf, total = build(demo_db, DocumentKind.SIGN_IN, tmp_path)
    assert_every_page_has_header(pdf, "Sign-in sheet", "Tuesday 2 June 2026")
    text = flat(pdftotext(pdf))
    assert f"{len(data.people)} people on the list" in text
    positions = []
    for person in data.people:
        found = re.search(rf"\b{person.number} {re.escape(person.name)}\b", text)
        assert found, f"row {person.number} {person.name!r} missing"
        positions.append(found.start())
    assert positions == sorted(positions)  # the register screen's order
    assert "Newcomers and guests" in text and "Happy to be contacted" in text
    assert text.count("☐") >= 10
    with demo_db.session() as s:
        contacts = s.execute(select(Member.email, Member.phone)).all()
    emails = {e for e, _ in contacts if e}
    phones = {p for _, p in contacts if p}
    assert emails and phones
    raw = pdftotext(pdf) + pdftotext(pdf, layout=True)
    squeezed = re.sub(r"\s+", "", raw)
    for email in emails:
        assert email not in raw
    for phone in phones:
        assert re.sub(r"\s+", "", phone) not in squeezed
    assert "@" not in raw and "7700" not in raw
    assert all(n.startswith("DejaVuSans") for n in font_names(pdf))


def test_every_script_prints_exactly(demo_db: Database, tmp_path: Path) -> None:
    data, pdf, _ = build(demo_db, DocumentKind.SIGN_IN, tmp_path)
    text = flat(pdftotext(pdf))
    names = [p.name for p in data.people]
    scripts = {
        "Polish": r"[ŁłąęśżźćńŚ]", "Turkish": r"[ŞşİıĞğ]", "Greek": r"[\u0370-\u03ff]",
        "Cyrillic": r"[\u0400-\u04ff]", "Irish": r"\b(Ó|Ní|Nic|Mac) ",
    }
    for script, pattern in scripts.items():
        written = [n for n in names if re.search(pattern, n)]
        assert written, f"the demo has no {script} names on this sheet"
        for name in written:
            assert name in text, f"{script} name {name!r} did not come out exactly"


def test_agenda_items_times_and_matters_arising(demo_db: Database, tmp_path: Path) -> None:
    data, pdf, _ = build(demo_db, DocumentKind.AGENDA, tmp_path)
    assert_every_page_has_header(pdf, "Agenda", "Tuesday 2 June 2026")
    text = flat(pdftotext(pdf))
    for item in data.items:
        assert f"{item.number}. {item.title}" in text
    assert "19:00 (" in text
    assert "Matters arising (item 3)" in text
    assert data.matters_arising
    for action in data.matters_arising:
        assert flat(action.description) in text
        assert action.owner_name in text
    assert "Last meeting" in text and "General meeting, Tuesday 5 May 2026" in text


def test_minutes_present_apologies_decisions_actions(demo_db: Database, tmp_path: Path) -> None:
    data, pdf, _ = build(demo_db, DocumentKind.MINUTES, tmp_path, PREVIOUS)
    assert_every_page_has_header(pdf, "Minutes", "Tuesday 5 May 2026")
    text = flat(pdftotext(pdf))
    assert f"Present ({len(data.present)})" in text
    assert f"Apologies ({len(data.apologies)})" in text
    assert f"Actions ({len(data.actions)})" in text
    for name in data.present + data.apologies:
        assert name in text
    for item in data.items:
        assert f"{item.number}. {item.title}" in text
        assert flat(item.minutes) in text
        if item.decision:
            assert flat(item.decision) in text
    for action in data.actions:
        assert flat(action.description) in text
    assert "Draft: to be approved at the next meeting" in text


def test_meeting_pack_has_all_four_parts(demo_db: Database, tmp_path: Path) -> None:
    data, pdf, total = build(demo_db, DocumentKind.PACK, tmp_path)
    texts = pages(pdf)
    assert len(texts) == total >= 4
    firsts = [t.splitlines() for t in texts]
    titles = ["Agenda", "Minutes of the previous meeting", "Open actions", "Sign-in sheet"]
    order = [next(i for i, lines in enumerate(firsts) if title in lines[:4]) for title in titles]
    assert order == sorted(order) and order[0] == 0
    for number, page in enumerate(texts, start=1):
        assert GROUP in page and f"Page {number} of {total}" in page
        assert "2 June 2026" in page  # this meeting's date on every page, the pack's too
    joined = flat("\n".join(texts))
    assert "Tuesday 5 May 2026" in joined  # the previous minutes
    count = len(data.open_actions)
    assert f"{count} open action{'s' if count != 1 else ''} raised at earlier meetings" in joined
    for person in data.sign_in.people:
        assert person.name in joined
    assert "@example.org" not in joined
    assert all(name.startswith("DejaVuSans") for name in font_names(pdf))  # no Helvetica anywhere


def test_register_landscape_names_and_totals(demo_db: Database, tmp_path: Path) -> None:
    data, pdf, _ = build(demo_db, DocumentKind.REGISTER, tmp_path, None)
    assert pdfinfo(pdf)["Page size"].startswith("841.89 x 595.2")
    assert_every_page_has_header(pdf, "Attendance register", "3 February 2026")
    text = flat(pdftotext(pdf))
    assert len(data.meetings) == 11  # the cancelled training session is left out
    assert "21 May" not in text
    for person in data.people:
        assert person.name in text
    assert f"{len(data.people)} people" in text
    totals = re.search(r"Present ((?:\d+ ){11})(\d+)", text)
    assert totals, "totals row missing"
    assert [int(v) for v in totals.group(1).split()] == list(data.present_totals)
    assert int(totals.group(2)) == data.total_present == sum(p.present for p in data.people)


def test_register_period(demo_db: Database, tmp_path: Path) -> None:
    data, pdf, _ = build(demo_db, DocumentKind.REGISTER, tmp_path, None,
                         from_date=date(2026, 1, 1), to_date=date(2026, 3, 31))
    assert [m.starts_at.day for m in data.meetings] == [3, 19, 3, 19]  # February and March
    assert "Thursday 1 January 2026 to Tuesday 31 March 2026" in flat(pdftotext(pdf))


def test_letter_paper_from_settings(demo_db: Database, tmp_path: Path) -> None:
    with demo_db.session() as s:
        save_paper_size(s, "Letter")
    _, pdf, _ = build(demo_db, DocumentKind.AGENDA, tmp_path)
    assert pdfinfo(pdf)["Page size"].startswith("612 x 792")
    _, pdf, _ = build(demo_db, DocumentKind.REGISTER, tmp_path, None)
    assert pdfinfo(pdf)["Page size"].startswith("792 x 612")


@pytest.mark.parametrize("kind", [k for k in DocumentKind if k.needs_meeting])
def test_render_bytes_matches_file(demo_db: Database, kind: DocumentKind) -> None:
    with demo_db.session() as s:
        data = gather(s, kind, MEETING)
    pdf, total = render_bytes(data, printed_on=PRINTED)
    assert pdf.startswith(b"%PDF") and total >= 1
