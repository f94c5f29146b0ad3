"""The attendance register: people down the side, meetings across, on landscape paper.

Long periods split both ways: meetings are cut into column blocks that fit the
page width (each block repeats the name column), and people run on over pages
with the header row repeated. Cancelled meetings are not in the data at all.
"""

from __future__ import annotations

import math
from datetime import date
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer

from communitydesk.i18n import N_
from communitydesk.pdf.fonts import FONT_BOLD
from communitydesk.pdf.layout import PageSetup, Target, build_document, long_table, styles, text
from communitydesk.pdf.meeting_text import KIND_NAMES, KIND_SHORT, page_setup
from communitydesk.pdf.printed_language import PrintedLanguage
from communitydesk.pdf.theme import INK
from communitydesk.services.meetings.documents import RegisterData

TITLE = N_("Attendance register")
MARKS = {"present": "✓", "apologies": "A", "absent": "", "": ""}
_NUMBER_WIDTH = 26.0
_TOTAL_WIDTH = 40.0
_MIN_NAME_WIDTH = 150.0
_MIN_MEETING_WIDTH = 45.0  # "28 May" in bold with padding
_MAX_MEETING_WIDTH = 54.0


def _language(data: RegisterData, lang: PrintedLanguage | None) -> PrintedLanguage:
    return lang or PrintedLanguage.for_setting(data.settings.language)


def period_text(data: RegisterData, lang: PrintedLanguage | None = None) -> str:
    lang = _language(data, lang)
    _ = lang._
    first = data.from_date or (data.meetings[0].starts_at.date() if data.meetings else None)
    last = data.to_date or (data.meetings[-1].starts_at.date() if data.meetings else None)
    if first and last:
        return _("{start} to {end}").format(start=lang.long_date(first), end=lang.long_date(last))
    if first:
        return _("from {date}").format(date=lang.long_date(first))
    if last:
        return _("up to {date}").format(date=lang.long_date(last))
    return _("all meetings")


def register_subtitle(data: RegisterData, lang: PrintedLanguage | None = None) -> str:
    lang = _language(data, lang)
    meetings, people = len(data.meetings), len(data.people)
    return " · ".join((
        period_text(data, lang),
        lang.ngettext("{count} meeting", "{count} meetings", meetings).format(
            count=lang.number(meetings)),
        lang.ngettext("{count} person", "{count} people", people).format(
            count=lang.number(people)),
    ))


def column_blocks(count: int, page: PageSetup) -> list[range]:
    """Split ``count`` meeting columns into blocks that fit beside the name column."""
    room = page.content_width - _NUMBER_WIDTH - _MIN_NAME_WIDTH - _TOTAL_WIDTH
    per_block = max(1, int(room // _MIN_MEETING_WIDTH))
    blocks = max(1, math.ceil(count / per_block))
    size = math.ceil(count / blocks) if count else 0  # even blocks: 20 + 20, not 36 + 4
    return [range(start, min(start + size, count)) for start in range(0, count, size or 1)]


def _header_label(data: RegisterData, index: int, lang: PrintedLanguage) -> str:
    meeting = data.meetings[index]
    day = meeting.starts_at.date()
    kind = KIND_SHORT.get(meeting.kind)
    return "\n".join((lang.pattern(day, "%a", "EEE"), f"{day.day} " + lang.pattern(day, "%b", "LLL"),
                      f"{day:%Y}", lang._(kind) if kind else ""))


def _block_table(data: RegisterData, block: range, page: PageSetup,
                 lang: PrintedLanguage) -> Flowable:
    _ = lang._
    st = styles()
    meeting_width = min(
        _MAX_MEETING_WIDTH,
        (page.content_width - _NUMBER_WIDTH - _MIN_NAME_WIDTH - _TOTAL_WIDTH) / max(1, len(block)),
    )
    name_width = page.content_width - _NUMBER_WIDTH - _TOTAL_WIDTH - meeting_width * len(block)
    header: list[object] = [_("No."), _("Name"), *(_header_label(data, i, lang) for i in block),
                            _("Total")]
    rows: list[list[object]] = [header]
    for number, person in enumerate(data.people, start=1):
        rows.append([number, person.name, *(MARKS.get(person.marks[i], "") for i in block),
                     person.present])
    rows.append(["", _("Present"), *(data.present_totals[i] for i in block), data.total_present])
    rows.append(["", _("Apologies"), *(data.apologies_totals[i] for i in block),
                 sum(data.apologies_totals)])
    ncols = len(header)
    center = [st.cell_center] * len(block)
    return long_table(
        rows, [_NUMBER_WIDTH, name_width, *([meeting_width] * len(block)), _TOTAL_WIDTH],
        cell_styles=[st.cell_right, None, *center, st.cell_right],
        plain_columns=[0, *range(2, ncols)], plain_when_fits=(1,),
        extra_style=[
            ("FONTNAME", (0, -2), (-1, -1), FONT_BOLD),
            ("LINEABOVE", (0, -2), (-1, -2), 0.8, INK),
            ("FONTNAME", (-1, 1), (-1, -1), FONT_BOLD),
            ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
        ],
    )


def register_story(data: RegisterData, page: PageSetup,
                   lang: PrintedLanguage | None = None) -> list[Flowable]:
    lang = _language(data, lang)
    _ = lang._
    st = styles()
    story: list[Flowable] = [text(_(TITLE), st.title),
                             text(register_subtitle(data, lang), st.subtitle)]
    if not data.meetings:
        story.append(text(_("No meetings in this period (cancelled meetings are left out)."),
                          st.body))
        return story
    if not data.people:
        story.append(text(_("Nobody has been marked present or sent apologies at these meetings "
                            "yet."), st.body))
    kinds = " · ".join(f"{_(KIND_SHORT[k])} {_(KIND_NAMES[k])}" for k in KIND_SHORT)
    story.append(Paragraph(escape(
        _("✓ present · A apologies · blank: not there · Total: meetings attended in the period.")
        + " " + kinds + "."), st.small))
    story.append(Spacer(0, 4))
    blocks = column_blocks(len(data.meetings), page)
    # Not st.subheading: its keep-with-next would push a block's whole table to a new page.
    block_label = ParagraphStyle("cd-register-block", parent=st.subheading, keepWithNext=0)
    for number, block in enumerate(blocks):
        if number:
            story.append(PageBreak())
        if len(blocks) > 1:
            first, last = data.meetings[block[0]], data.meetings[block[-1]]
            story.append(text(
                _("Meetings {first}–{last} of {count} ({start} to {end})").format(
                    first=block[0] + 1, last=block[-1] + 1, count=len(data.meetings),
                    start=lang.long_date(first.starts_at.date()),
                    end=lang.long_date(last.starts_at.date())),
                block_label))
        story.append(_block_table(data, block, page, lang))
    return story


def build_register(data: RegisterData, target: Target, *, printed_on: date | None = None) -> int:
    page = page_setup(data.settings, "landscape")
    lang = PrintedLanguage.for_setting(data.settings.language)
    return build_document(
        target, register_story(data, page, lang), group_name=data.settings.group_name,
        title=lang._(TITLE), subtitle=register_subtitle(data, lang), page_setup=page,
        footer_note=lang.printed_note(printed_on), page_label=lang.page_label(),
    )
