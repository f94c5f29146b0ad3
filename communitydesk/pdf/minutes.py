"""Minutes: who came, apologies, each agenda item's minutes and decision, then the actions.

Written to be posted to members: the decisions stand out in a shaded box, and the
action table says what, who and by when.
"""

from __future__ import annotations

from datetime import date

from reportlab.platypus import Flowable, Spacer, Table

from communitydesk.i18n import N_
from communitydesk.pdf.layout import PageSetup, Target, build_document, long_table, styles, text
from communitydesk.pdf.meeting_text import (
    action_rows,
    facts_table,
    heading_block,
    numbered_widths,
    page_setup,
    plain_table_style,
)
from communitydesk.pdf.motions_paper import minutes_motions
from communitydesk.pdf.printed_language import PrintedLanguage
from communitydesk.pdf.theme import MUTED, ZEBRA_FILL
from communitydesk.services.meetings.documents import MinutesData

TITLE = N_("Minutes")


def _names(names: tuple[str, ...], none: str) -> str:
    return ", ".join(names) if names else none


def _decision(decision: str, width: float, label: str) -> Flowable:
    st = styles()
    box = Table([[text(label, st.cell_header)], [text(decision, st.cell)]],
                colWidths=[width], hAlign="LEFT")
    box.setStyle(plain_table_style(padding=2, extra=[
        ("BACKGROUND", (0, 0), (-1, -1), ZEBRA_FILL), ("LINEBEFORE", (0, 0), (0, -1), 2, MUTED),
        ("LEFTPADDING", (0, 0), (-1, -1), 8), ("TOPPADDING", (0, 0), (-1, 0), 5),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
    ]))
    return box


def minutes_story(data: MinutesData, page: PageSetup,
                  lang: PrintedLanguage | None = None) -> list[Flowable]:
    """The minutes in the group's language (printed words are for the people in the room)."""
    lang = lang or PrintedLanguage.for_setting(data.settings.language)
    _ = lang._
    st = styles()
    meeting = data.meeting
    story = heading_block(meeting, label=None, lang=lang)
    if meeting.minutes_approved_on:
        status = _("Approved {date}").format(date=lang.long_date(meeting.minutes_approved_on))
    else:
        status = _("Draft: to be approved at the next meeting")
    facts = [(_("Chair"), meeting.chair_name or "—"), (_("Minutes taken by"), meeting.minute_taker_name or "—"),
             (_("Status"), status)]
    story += [facts_table(facts, page.content_width), Spacer(0, 4)]

    story.append(text(_("Present ({count})").format(count=lang.number(len(data.present))), st.heading))
    story.append(text(_names(data.present, _("Nobody was recorded as present.")), st.body))
    story.append(text(_("Apologies ({count})").format(count=lang.number(len(data.apologies))), st.heading))
    story.append(text(_names(data.apologies, _("None.")), st.body))

    story.append(text(_("Minutes"), st.heading))
    if not data.items:
        story.append(text(_("No agenda items or minutes have been recorded for this meeting."), st.body))
    for item in data.items:
        block: list[Flowable] = [text(f"{item.number}. {item.title}", st.subheading)]
        if item.presenter:
            block.append(text(_("Presented by {name}").format(name=item.presenter), st.small))
        block.append(text(item.minutes or _("No minutes recorded."), st.body))
        story.extend(block)  # subheadings keep with the next paragraph
        if item.decision:
            story += [_decision(item.decision, page.content_width, _("Decision")), Spacer(0, 6)]

    story += minutes_motions(data.motions, data.elections, page, lang)  # #16

    story.append(text(_("Actions ({count})").format(count=lang.number(len(data.actions))), st.heading))
    if data.actions:
        rows = action_rows(data.actions, today=meeting.starts_at.date(), with_raised=False, lang=lang)
        story.append(long_table(rows, numbered_widths(page, 9, 4, 3.2),
                                cell_styles=[st.cell_right], plain_columns=(0,)))
    else:
        story.append(text(_("No actions were agreed at this meeting."), st.body))
    return story


def build_minutes(data: MinutesData, target: Target, *, printed_on: date | None = None) -> int:
    page = page_setup(data.settings)
    lang = PrintedLanguage.for_setting(data.settings.language)
    return build_document(
        target, minutes_story(data, page, lang), group_name=data.settings.group_name,
        title=lang._(TITLE), subtitle=lang.meeting_subtitle(data.meeting), page_setup=page,
        footer_note=lang.printed_note(printed_on), page_label=lang.page_label(),
    )
