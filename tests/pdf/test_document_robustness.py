"""Layout that holds: long names and titles wrap, empty meetings print, 1,000 names paginate,
and a long register splits across pages both ways. Built from plain data, no database."""

from __future__ import annotations

import dataclasses
import re
from datetime import date, datetime, timedelta
from pathlib import Path

from communitydesk.pdf.agenda import build_agenda
from communitydesk.pdf.minutes import build_minutes
from communitydesk.pdf.register import build_register, column_blocks
from communitydesk.pdf.sign_in_sheet import build_sign_in_sheet
from communitydesk.services.core.ids import MeetingId, MemberId
from communitydesk.services.meetings.documents import (
    AgendaData,
    AgendaLine,
    DocumentMeeting,
    MinutesData,
    PrintSettings,
    RegisterData,
    RegisterMeeting,
    RegisterPerson,
    SignInName,
    SignInSheetData,
)
from tests.pdf.poppler import flat, page_count, pages, pdftotext

SETTINGS = PrintSettings(group_name="Riverside Tenants’ Association", paper_size="A4")
NAMES = ["Łukasz Wiśniewski", "Şükrü Yılmaz", "Γιώργος Παπαδόπουλος", "Наталья Иванова",
         "Siobhán Ó Ceallaigh", "Zoë Brontë"]


def meeting(title: str = "General meeting") -> DocumentMeeting:
    return DocumentMeeting(
        id=MeetingId(1), title=title, kind="general", status="planned",
        starts_at=datetime(2026, 3, 5, 19), ends_at=datetime(2026, 3, 5, 21), venue="Community Hall",
        chair_name=None, minute_taker_name=None, for_tag=None, minutes_approved_on=None,
    )


def test_thousand_names_paginate_cleanly(tmp_path: Path) -> None:
    people = tuple(SignInName(i, f"{NAMES[i % len(NAMES)]} {i}") for i in range(1, 1001))
    pdf = tmp_path / "big.pdf"
    total = build_sign_in_sheet(SignInSheetData(SETTINGS, meeting(), people), pdf)
    assert total == page_count(pdf) > 20
    texts = pages(pdf)
    for number, page in enumerate(texts, start=1):
        assert "Sign-in sheet" in page and "Thursday 5 March 2026" in page
        assert f"Page {number} of {total}" in page
        if number < total:
            assert page.count("Signature") == 1, f"header row not repeated on page {number}"
    joined = flat("\n".join(texts))
    for person in people:
        assert f"{person.number} {person.name} " in joined
    assert "Newcomers and guests" in texts[-1]


def test_very_long_names_and_titles_wrap(tmp_path: Path) -> None:
    long_name = " ".join(["Wiśniewska-Ó Ceallaigh"] * 8)
    solid = "Ł" + "ż" * 120
    people = (SignInName(1, long_name), SignInName(2, solid), SignInName(3, "Ann Lee"))
    pdf = tmp_path / "long.pdf"
    build_sign_in_sheet(SignInSheetData(SETTINGS, meeting(), people), pdf)
    squeezed = re.sub(r"\s+", "", pdftotext(pdf))
    assert long_name.replace(" ", "") in squeezed and solid in squeezed

    title = "Discussion of the landlord's proposal for the refurbishment of the stairwells " * 4
    items = (AgendaLine(1, title.strip(), "Γιώργος Παπαδόπουλος " * 3, 20, meeting().starts_at,
                        None, None),)
    agenda = tmp_path / "agenda.pdf"
    build_agenda(AgendaData(SETTINGS, meeting(title.strip()), items, (), None), agenda)
    text = flat(pdftotext(agenda))
    assert flat(title.strip()) in text
    assert "No open actions from earlier meetings." in text


def test_a_meeting_with_nothing_yet_still_prints(tmp_path: Path) -> None:
    empty = meeting("First meeting")
    sheet = tmp_path / "sheet.pdf"
    assert build_sign_in_sheet(SignInSheetData(SETTINGS, empty, ()), sheet) == 1
    text = flat(pdftotext(sheet))
    assert "Nobody is on the list for this meeting yet" in text and "Newcomers and guests" in text
    assert text.count("☐") > 15  # a full page of newcomer rows

    agenda = tmp_path / "agenda.pdf"
    assert build_agenda(AgendaData(SETTINGS, empty, (), (), None), agenda) == 1
    assert "No agenda items have been added" in flat(pdftotext(agenda))

    minutes = tmp_path / "minutes.pdf"
    assert build_minutes(MinutesData(SETTINGS, empty, (), (), (), ()), minutes) == 1
    text = flat(pdftotext(minutes))
    assert "Present (0) Nobody was recorded as present." in text
    assert "No agenda items or minutes have been recorded" in text
    assert "No actions were agreed at this meeting." in text

    register = tmp_path / "register.pdf"
    data = RegisterData(SETTINGS, date(2026, 1, 1), date(2026, 1, 31), (), (), (), ())
    assert build_register(data, register) == 1
    assert "No meetings in this period" in flat(pdftotext(register))


def register_data(people: int, meetings: int) -> RegisterData:
    start = datetime(2025, 1, 7, 19)
    columns = tuple(RegisterMeeting(MeetingId(i + 1), "General meeting", "general",
                                    start + timedelta(days=14 * i)) for i in range(meetings))
    rows = []
    for p in range(people):
        marks = tuple("present" if (p + m) % 3 else ("apologies" if p % 2 else "")
                      for m in range(meetings))
        rows.append(RegisterPerson(MemberId(p + 1), f"{NAMES[p % len(NAMES)]} {p + 1}", marks,
                                   marks.count("present")))
    present = tuple(sum(r.marks[m] == "present" for r in rows) for m in range(meetings))
    apologies = tuple(sum(r.marks[m] == "apologies" for r in rows) for m in range(meetings))
    return RegisterData(SETTINGS, None, None, columns, tuple(rows), present, apologies)


def test_register_splits_columns_and_rows_with_repeated_headers(tmp_path: Path) -> None:
    data = register_data(people=60, meetings=40)
    pdf = tmp_path / "register.pdf"
    total = build_register(data, pdf)
    texts = pages(pdf)
    assert total == len(texts) >= 4
    for number, page in enumerate(texts, start=1):
        assert "Attendance register" in page and f"Page {number} of {total}" in page
        assert page.count("Name") >= 1 and "Total" in page  # header row on every page
    joined = flat("\n".join(texts))
    for person in data.people:
        assert joined.count(person.name + " ") >= 2  # the name column repeats in every block
    for column in data.meetings:
        day = column.starts_at
        assert f"{day:%a} {day.day} {day:%b} {day:%Y}" in joined
    assert "Meetings 1–10 of 40" in joined and "Meetings 31–40 of 40" in joined


def test_column_blocks_fill_the_width_evenly() -> None:
    from communitydesk.pdf.layout import PageSetup

    page = PageSetup("A4", "landscape")
    assert column_blocks(12, page) == [range(0, 12)]
    blocks = column_blocks(40, page)
    assert [len(b) for b in blocks] == [10, 10, 10, 10]
    assert column_blocks(13, page) == [range(0, 7), range(7, 13)]
    assert column_blocks(0, page) == []


def test_five_hundred_people_by_twelve_meetings(tmp_path: Path) -> None:
    data = register_data(people=500, meetings=12)
    pdf = tmp_path / "register.pdf"
    total = build_register(data, pdf)
    texts = pages(pdf)
    assert total == len(texts) > 10
    assert all("Total" in page for page in texts)
    last = flat(texts[-1])
    assert f"Present {' '.join(str(v) for v in data.present_totals)} {data.total_present}" in last


def test_a_tag_meeting_says_whose_sheet_it_is(tmp_path: Path) -> None:
    committee = dataclasses.replace(meeting("Committee meeting"), for_tag="Committee & officers")
    pdf = tmp_path / "committee.pdf"
    build_sign_in_sheet(SignInSheetData(SETTINGS, committee, (SignInName(1, "Ann Lee"),)), pdf,
                        printed_on=date(2026, 3, 1))
    text = flat(pdftotext(pdf))
    assert "1 person on the list (members of Committee & officers)." in text
    assert "Printed Sunday 1 March 2026 with CommunityDesk" in text
