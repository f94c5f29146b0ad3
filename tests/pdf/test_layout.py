"""The PDF base layer, read back with poppler as a member would read the paper."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from reportlab.platypus import Flowable, PageBreak, Paragraph

from communitydesk.pdf.fonts import FONT
from communitydesk.pdf.layout import (
    PageSetup,
    Section,
    SetHeader,
    build_document,
    long_table,
    sections,
    styles,
    table_style,
    text,
)
from tests.pdf import poppler
from tests.pdf.poppler import font_names, page_count, pdfinfo

NAMES = [
    "Łukasz Wiśniewski",
    "Şükrü Yılmaz",
    "Γιώργος Παπαδόπουλος",
    "Наталья Иванова",
    "Siobhán Ó Ceallaigh",
    "Zoë Brontë",
]
GROUP = "Riverside Tenants’ Association"


# Poppler helpers shared with the document tests; these tests read the layout text.


def pdftotext(pdf: Path, *, layout: bool = True) -> str:
    """Extracted text; pages are separated by form feeds."""
    return poppler.pdftotext(pdf, layout=layout)


def pages(pdf: Path) -> list[str]:
    return poppler.pages(pdf, layout=True)


def build(path: Path, story: list[Flowable], **kw: object) -> int:
    options: dict[str, object] = {
        "group_name": GROUP, "title": "Sign-in sheet",
        "subtitle": "Thursday 5 March 2026, 19:00 · Community Hall",
    }
    options.update(kw)
    return build_document(path, story, **options)  # type: ignore[arg-type]


# ------------------------------------------------------------------ tests


def test_every_name_prints_in_paragraphs_and_tables(tmp_path: Path) -> None:
    st = styles()
    page = PageSetup()
    story: list[Flowable] = [Paragraph("Present", st.heading)]
    story += [text(name, st.body) for name in NAMES]
    story.append(Paragraph(f"Chair: <b>{NAMES[0]}</b>, minutes: <i>{NAMES[2]}</i>", st.body))
    story.append(PageBreak())
    rows = [["#", "Name", "Signature"]] + [[i, n, ""] for i, n in enumerate(NAMES, 1)]
    story.append(long_table(rows, page.col_widths(1, 8, 5)))
    pdf = tmp_path / "names.pdf"
    assert build(pdf, story) == 2

    paragraphs, table = pages(pdf)
    for name in NAMES:
        assert name in paragraphs, f"{name!r} lost in paragraphs"
        assert name in table, f"{name!r} lost in the table"
    assert f"Chair: {NAMES[0]}, minutes: {NAMES[2]}" in paragraphs
    assert "■" not in paragraphs + table
    used = font_names(pdf)
    assert used and all(n.startswith("DejaVuSans") for n in used), used


def test_thousand_rows_paginate_with_repeated_header(tmp_path: Path) -> None:
    page = PageSetup()
    rows = [["No.", "Member name", "Signature"]]
    rows += [[i, f"{NAMES[i % len(NAMES)]} {i}", ""] for i in range(1, 1001)]
    pdf = tmp_path / "long.pdf"
    total = build(pdf, [long_table(rows, page.col_widths(1, 8, 5))])

    assert total > 1
    assert page_count(pdf) == total
    texts = pages(pdf)
    assert len(texts) == total
    for number, page_text in enumerate(texts, 1):
        assert page_text.count("Member name") == 1, f"header row missing on page {number}"
        assert f"Page {number} of {total}" in page_text
        assert GROUP in page_text and "Sign-in sheet" in page_text
    assert "Page 1 of" in texts[0] and f"Page {total} of {total}" in texts[-1]
    joined = "\n".join(texts)
    for i in (1, 500, 999, 1000):
        assert f"{NAMES[i % len(NAMES)]} {i}" in joined


def test_empty_story_builds_one_page(tmp_path: Path) -> None:
    pdf = tmp_path / "empty.pdf"
    assert build(pdf, []) == 1
    assert page_count(pdf) == 1
    only = pdftotext(pdf)
    assert GROUP in only and "Page 1 of 1" in only


def test_empty_table_is_a_sentence_not_a_crash(tmp_path: Path) -> None:
    pdf = tmp_path / "none.pdf"
    build(pdf, [long_table([], [100.0], empty_text="No open actions.")])
    assert "No open actions." in pdftotext(pdf)


def test_header_only_table_builds(tmp_path: Path) -> None:
    pdf = tmp_path / "header.pdf"
    build(pdf, [long_table([["What", "Who", "When"]], [200.0, 150.0, 100.0])])
    assert "What" in pdftotext(pdf)


def test_very_long_names_wrap_inside_their_column(tmp_path: Path) -> None:
    page = PageSetup()
    spaced = " ".join(["Wiśniewska-Ó Ceallaigh"] * 9)[:200]
    solid = "Ł" + "ż" * 199
    widths = page.col_widths(1, 8, 5)
    table = long_table([["#", "Name", "Signature"], [1, spaced, ""], [2, solid, ""]], widths)
    width, _height = table.wrap(page.content_width, page.content_height)
    assert width <= page.content_width + 0.01
    pdf = tmp_path / "wrap.pdf"
    build(pdf, [text(solid, styles().body), table])
    flat = re.sub(r"\s+", "", pdftotext(pdf, layout=False))
    assert flat.count(solid) == 2
    assert spaced.replace(" ", "") in flat


def test_a_cell_taller_than_a_page_splits_instead_of_failing(tmp_path: Path) -> None:
    page = PageSetup()
    huge = "The committee discussed the repairs backlog at length. " * 400
    rows = [["Item", "Minutes"], ["1", "Short"], ["2", huge], ["3", "After"]]
    pdf = tmp_path / "huge.pdf"
    total = build(pdf, [long_table(rows, page.col_widths(1, 6))])
    assert total > 1
    texts = pages(pdf)
    assert all(t.count("Minutes") == 1 for t in texts)  # header once per page, never mid-page
    assert "After" in texts[-1]


def test_text_escapes_markup_and_keeps_line_breaks(tmp_path: Path) -> None:
    pdf = tmp_path / "escape.pdf"
    build(pdf, [text("Tom & Jerry <b>not bold</b>\nsecond line", styles().body)])
    lines = pdftotext(pdf).splitlines()
    assert any("Tom & Jerry <b>not bold</b>" in line for line in lines)
    assert any(line.strip() == "second line" for line in lines)


def test_sections_get_their_own_header_title_and_date(tmp_path: Path) -> None:
    st = styles()
    page = PageSetup()
    long_rows = [["Name", "Signature"]] + [[f"Person {i}", ""] for i in range(120)]
    story = sections([
        Section("Agenda", [Paragraph("1. Welcome", st.body)]),
        Section("Minutes of the previous meeting", [Paragraph("Minutes text", st.body)],
                subtitle="Thursday 5 February 2026"),
        Section("Open actions", [long_table([], [100.0], empty_text="No open actions.")]),
        Section("Sign-in sheet", [long_table(long_rows, page.col_widths(3, 2))]),
    ])
    pdf = tmp_path / "pack.pdf"
    total = build(pdf, story, title="Meeting pack")
    texts = pages(pdf)
    assert total == len(texts) >= 5
    assert "Agenda" in texts[0].splitlines()[0] and "1. Welcome" in texts[0]
    assert "Minutes of the previous meeting" in texts[1] and "5 February 2026" in texts[1]
    assert "5 March 2026" not in texts[1]
    assert "Open actions" in texts[2] and "No open actions." in texts[2]
    for later in texts[3:]:  # the sign-in sheet runs over pages and keeps its title
        assert "Sign-in sheet" in later.splitlines()[0] and "5 March 2026" in later
    assert all("Meeting pack" not in t for t in texts)


def test_set_header_mid_page_applies_from_next_page(tmp_path: Path) -> None:
    st = styles()
    story: list[Flowable] = [Paragraph("first", st.body), SetHeader("Second part"),
                             Paragraph("still page one", st.body), PageBreak(),
                             Paragraph("page two", st.body)]
    pdf = tmp_path / "mid.pdf"
    build(pdf, story, title="First part")
    one, two = pages(pdf)
    assert "First part" in one and "Second part" not in one
    assert "Second part" in two


def test_letter_landscape_and_metadata(tmp_path: Path) -> None:
    page = PageSetup("letter", "landscape")
    assert page.pagesize == (792.0, 612.0)
    assert sum(page.col_widths(1, 2, 3)) == pytest.approx(page.content_width)
    pdf = tmp_path / "register.pdf"
    build(pdf, [Paragraph("grid", styles().body)], title="Attendance register", page_setup=page)
    info = pdfinfo(pdf)
    assert info["Page size"].startswith("792 x 612")
    assert info["Title"] == "Attendance register"


def test_page_setup_rejects_unknown_paper() -> None:
    with pytest.raises(ValueError, match="paper"):
        PageSetup("A5")
    with pytest.raises(ValueError, match="orientation"):
        PageSetup("A4", "sideways")


def test_long_header_text_is_shortened_not_overlapping(tmp_path: Path) -> None:
    pdf = tmp_path / "header.pdf"
    build(pdf, [], group_name="Association " * 20, title="Minutes " * 20,
          footer_note="Printed today")
    first = pdftotext(pdf).splitlines()[0]
    assert "…" in first and "Printed today" in pdftotext(pdf)


def test_writes_to_a_binary_buffer() -> None:
    buffer = io.BytesIO()
    assert build_document(buffer, [], group_name="G", title="T") == 1
    assert buffer.getvalue().startswith(b"%PDF")


def test_failed_build_leaves_no_file(tmp_path: Path) -> None:
    class Broken(Flowable):
        def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
            raise RuntimeError("boom")

    target = tmp_path / "out.pdf"
    with pytest.raises(RuntimeError):
        build(target, [Broken()])
    assert list(tmp_path.iterdir()) == []


def test_styles_and_tables_always_name_the_unicode_font() -> None:
    assert all(style.fontName.startswith(FONT) for style in styles().all())
    commands = table_style(header_rows=0, zebra=False).getCommands()
    assert ("FONTNAME", (0, 0), (-1, -1), FONT) in commands
