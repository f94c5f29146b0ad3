"""The one-click meeting pack: agenda, the previous meeting's minutes, open actions, sign-in sheet.

One PDF the chair takes to the meeting. Each part starts on a new page with its
own running header and a PDF bookmark, so it can be printed whole or in parts.
"""

from __future__ import annotations

from datetime import date

from reportlab.platypus import Flowable

from communitydesk.i18n import N_
from communitydesk.pdf.agenda import agenda_story
from communitydesk.pdf.layout import (
    PageSetup,
    Section,
    Target,
    build_document,
    long_table,
    sections,
    styles,
    text,
)
from communitydesk.pdf.meeting_text import action_rows, heading_block, numbered_widths, page_setup
from communitydesk.pdf.minutes import minutes_story
from communitydesk.pdf.printed_language import PrintedLanguage
from communitydesk.pdf.sign_in_sheet import sign_in_story
from communitydesk.services.meetings.documents import MeetingPackData

TITLE = N_("Meeting pack")
PART_TITLES = (N_("Agenda"), N_("Minutes of the previous meeting"), N_("Open actions"),
               N_("Sign-in sheet"))


def open_actions_story(data: MeetingPackData, page: PageSetup,
                       lang: PrintedLanguage | None = None) -> list[Flowable]:
    lang = lang or PrintedLanguage.for_setting(data.settings.language)
    _ = lang._
    st = styles()
    story = heading_block(data.meeting, label=_(PART_TITLES[2]), lang=lang)
    count = len(data.open_actions)
    if not count:
        return [*story, text(_("There are no open actions from earlier meetings."), st.body)]
    story.append(text(lang.ngettext(
        "{count} open action raised at earlier meetings, oldest first. Overdue means due "
        "before this meeting.",
        "{count} open actions raised at earlier meetings, oldest first. Overdue means due "
        "before this meeting.", count).format(count=lang.number(count)), st.body))
    rows = action_rows(data.open_actions, today=data.meeting.starts_at.date(), with_raised=True,
                       lang=lang)
    story.append(long_table(rows, numbered_widths(page, 7, 3.4, 2.8, 3.6),
                            cell_styles=[st.cell_right], plain_columns=(0,)))
    return story


def pack_story(data: MeetingPackData, page: PageSetup,
               lang: PrintedLanguage | None = None) -> list[Flowable]:
    """The pack's four parts in the group's language (the agenda and the previous minutes follow
    as soon as pdf/agenda.py and pdf/minutes.py are marked)."""
    lang = lang or PrintedLanguage.for_setting(data.settings.language)
    _ = lang._
    st = styles()
    subtitle = lang.meeting_subtitle(data.meeting)
    previous = data.previous_minutes
    if previous is not None:
        minutes_part = Section(
            _(PART_TITLES[1]), minutes_story(previous, page),
            subtitle=_("{meeting}, {date} · pack for {pack_date}").format(
                meeting=previous.meeting.title,
                date=lang.long_date(previous.meeting.starts_at.date()),
                pack_date=lang.long_date(data.meeting.starts_at.date())),
        )
    else:
        minutes_part = Section(_(PART_TITLES[1]), [
            *heading_block(data.meeting, label=_(PART_TITLES[1]), lang=lang),
            text(_("There is no earlier meeting of this kind, so there are no minutes to approve."),
                 st.body),
        ], subtitle=subtitle)
    parts = [
        Section(_(PART_TITLES[0]), agenda_story(data.agenda, page, inline_actions=False), subtitle),
        minutes_part,
        Section(_(PART_TITLES[2]), open_actions_story(data, page, lang), subtitle),
        Section(_(PART_TITLES[3]), sign_in_story(data.sign_in, page, lang), subtitle),
    ]
    if data.membership is not None:  # #17: an AGM of a group that keeps dues
        from communitydesk.pdf.dues_papers import membership_story
        parts.insert(3, Section(_("Membership"), membership_story(data.membership), subtitle))
    return sections(parts)


def build_meeting_pack(data: MeetingPackData, target: Target, *,
                       printed_on: date | None = None) -> int:
    page = page_setup(data.settings)
    lang = PrintedLanguage.for_setting(data.settings.language)
    return build_document(
        target, pack_story(data, page, lang), group_name=data.settings.group_name,
        title=lang._(TITLE), subtitle=lang.meeting_subtitle(data.meeting), page_setup=page,
        footer_note=lang.printed_note(printed_on), page_label=lang.page_label(),
    )
