"""The agenda: numbered items with planned times and presenters, and matters arising.

Matters arising are the open actions from earlier meetings; they are listed under
the agenda's own "Matters arising" item when it has one, else after the items.
"""

from __future__ import annotations

from datetime import date
from xml.sax.saxutils import escape

from reportlab.platypus import Flowable, Paragraph, Spacer

from communitydesk.i18n import N_
from communitydesk.pdf.layout import PageSetup, Target, build_document, long_table, styles, text
from communitydesk.pdf.meeting_text import (
    action_rows,
    facts_table,
    heading_block,
    numbered_widths,
    page_setup,
)
from communitydesk.pdf.motions_paper import agenda_motions
from communitydesk.pdf.printed_language import PrintedLanguage
from communitydesk.services.core.text import fold
from communitydesk.services.meetings.documents import AgendaData

TITLE = N_("Agenda")


def _is_matters_arising(title: str) -> bool:
    return "matters arising" in fold(title)


def matters_arising_block(data: AgendaData, page: PageSetup, *, inline: bool,
                          lang: PrintedLanguage | None = None) -> list[Flowable]:
    """The open actions as a table (``inline``), or one line pointing to the pack's section
    (in the group's language, as everything printed)."""
    lang = lang or PrintedLanguage.for_setting(data.settings.language)
    _ = lang._
    st = styles()
    count = len(data.matters_arising)
    if not count:
        return [text(_("No open actions from earlier meetings."), st.small)]
    if not inline:
        return [text(lang.ngettext("{count} open action from earlier meetings: see “Open actions” in this pack.",
                                   "{count} open actions from earlier meetings: see “Open actions” in this pack.",
                                   count).format(count=lang.number(count)), st.small)]
    rows = action_rows(data.matters_arising, today=data.meeting.starts_at.date(), with_raised=True, lang=lang)
    return [Spacer(0, 2), long_table(rows, numbered_widths(page, 7, 3.4, 2.8, 3.6),
                                     cell_styles=[st.cell_right], plain_columns=(0,))]


def agenda_story(data: AgendaData, page: PageSetup, *, inline_actions: bool = True,
                 lang: PrintedLanguage | None = None) -> list[Flowable]:
    lang = lang or PrintedLanguage.for_setting(data.settings.language)
    _ = lang._
    st = styles()
    meeting = data.meeting
    story = heading_block(meeting, lang=lang)
    facts = []
    if meeting.chair_name:
        facts.append((_("Chair"), meeting.chair_name))
    if meeting.minute_taker_name:
        facts.append((_("Minutes"), meeting.minute_taker_name))
    if data.previous_meeting is not None:
        prev = data.previous_meeting
        facts.append((_("Last meeting"), _("{title}, {date}").format(
            title=prev.title, date=lang.long_date(prev.starts_at.date()))))
    if facts:
        story += [facts_table(facts, page.content_width), Spacer(0, 8)]

    arising_placed = False
    if not data.items:
        story.append(text(_("No agenda items have been added to this meeting yet."), st.body))
    else:
        presenters = any(item.presenter for item in data.items)  # no empty "Who" column
        rows: list[list[object]] = [[_("No."), _("Item"), *([_("Who")] if presenters else []), _("Time")]]
        for item in data.items:
            when = lang.clock(item.starts_at) if item.starts_at else ""
            if item.duration_minutes:
                when = _("{time} ({minutes} min)").format(time=when, minutes=item.duration_minutes).strip()
            who = [item.presenter or ""] if presenters else []
            rows.append([f"{item.number}.", item.title, *who, when])
        weights = (9, 3.5, 2.4) if presenters else (12.5, 2.4)
        story.append(long_table(rows, numbered_widths(page, *weights),
                                cell_styles=[st.cell_right], plain_columns=(0,)))
        arising_placed = any(_is_matters_arising(i.title) for i in data.items)

    story += agenda_motions(data.motions, data.items, lang)  # #16
    number = next((i.number for i in data.items if _is_matters_arising(i.title)), None)
    label = _("Matters arising (item {number})").format(number=number) if arising_placed else _("Matters arising")
    story += [Spacer(0, 6), text(label, st.heading)]
    story += matters_arising_block(data, page, inline=inline_actions, lang=lang)
    story += [Spacer(0, 10), Paragraph(
        escape(_("Please send apologies to the secretary if you cannot come.")), st.small)]
    return story


def build_agenda(data: AgendaData, target: Target, *, printed_on: date | None = None) -> int:
    page = page_setup(data.settings)
    lang = PrintedLanguage.for_setting(data.settings.language)
    return build_document(
        target, agenda_story(data, page, lang=lang), group_name=data.settings.group_name,
        title=lang._(TITLE), subtitle=lang.meeting_subtitle(data.meeting), page_setup=page,
        footer_note=lang.printed_note(printed_on), page_label=lang.page_label(),
    )
