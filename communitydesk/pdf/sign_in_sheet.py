"""The sign-in sheet for the door: expected people by number and name, then rows for newcomers.

Privacy: the sheet is read by everyone who comes in, so members appear by name
only (the data handed in holds nothing else). Numbers are the register's fixed
sheet numbers (``services.attendance.sheet_numbers``): a reprint keeps them and people added
since come last, so a signature on row 17 is ticked on row 17 on screen.
Newcomers write their own name, phone and email, and tick whether they are
happy to be contacted. The sheet is in the group's language (the ``language`` setting, #19):
the people at the door read it, whatever the language of the computer that printed it.
"""

from __future__ import annotations

from datetime import date
from xml.sax.saxutils import escape

from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer

from communitydesk.i18n import N_
from communitydesk.pdf.layout import PageSetup, Target, build_document, long_table, styles, text
from communitydesk.pdf.meeting_text import numbered_widths, page_setup
from communitydesk.pdf.printed_language import PrintedLanguage
from communitydesk.services.meetings.documents import DocumentMeeting, SignInSheetData

TITLE = N_("Sign-in sheet")
TICK_BOX = "☐"
# Taller rows than a normal table: room for a signature or handwriting.
_WRITING_ROOM = [("TOPPADDING", (0, 1), (-1, -1), 7), ("BOTTOMPADDING", (0, 1), (-1, -1), 7)]
_NEWCOMER_ROW_HEIGHT = 28.0


def heading(meeting: DocumentMeeting, lang: PrintedLanguage) -> list[Flowable]:
    """Meeting title, when and where, and a cancelled warning (``meeting_text.heading_block``
    in the sheet's language)."""
    st = styles()
    story: list[Flowable] = [text(meeting.title, st.title),
                             text(lang.meeting_subtitle(meeting), st.subtitle)]
    if meeting.status == "cancelled":
        cancelled = lang._("This meeting was cancelled.")
        story.append(Paragraph(f"<b>{escape(cancelled)}</b>", st.body))
    return story


def sign_in_story(data: SignInSheetData, page: PageSetup,
                  lang: PrintedLanguage | None = None) -> list[Flowable]:
    lang = lang or PrintedLanguage.for_setting(data.settings.language)
    _ = lang._
    st = styles()
    story = heading(data.meeting, lang)
    count = len(data.people)
    if count:
        on_list = (lang.ngettext("{count} person on the list (members of {tag}).",
                                 "{count} people on the list (members of {tag}).", count)
                   if data.meeting.for_tag else
                   lang.ngettext("{count} person on the list.", "{count} people on the list.", count))
        on_list = escape(on_list).format(count=f"<b>{lang.number(count)}</b>",
                                         tag=escape(data.meeting.for_tag or ""))
        story.append(Paragraph(
            on_list + " " + escape(_(
                "Please find your name (by surname; anyone added since the list was first printed "
                "is at the end) and sign next to it. New here? Welcome — please add yourself in "
                "the newcomers table at the end.")), st.body))
        rows: list[list[object]] = [[_("No."), _("Name"), _("Signature")]]
        rows += [[p.number, p.name, ""] for p in data.people]
        story.append(long_table(
            rows, numbered_widths(page, 7, 6), zebra=True,
            cell_styles=[st.cell_right, None, None], plain_columns=(0, 2), plain_when_fits=(1,),
            extra_style=_WRITING_ROOM,
        ))
    else:
        story.append(text(_("Nobody is on the list for this meeting yet: everyone signs in "
                            "as a newcomer below."), st.body))
    # With nobody on the list, everyone signs in as a newcomer: give them a full page.
    page_full = int((page.content_height - 200) // _NEWCOMER_ROW_HEIGHT)  # below the title
    story += newcomer_block(data.newcomer_rows if count else max(data.newcomer_rows, page_full),
                            page, lang)
    return story


def newcomer_block(rows: int, page: PageSetup,
                   lang: PrintedLanguage | None = None) -> list[Flowable]:
    """Blank rows for people not on the list; kept together on one page where it fits."""
    _ = (lang or PrintedLanguage.for_setting(""))._
    st = styles()
    table_height = 30 + rows * _NEWCOMER_ROW_HEIGHT
    block: list[Flowable] = [
        Spacer(0, 8),
        CondPageBreak(min(table_height + 60, page.content_height)),
        text(_("Newcomers and guests"), st.heading),
        text(_("Tick {box} if you are happy for the group to contact you about meetings and "
               "news. We keep your details private and never share them.").format(box=TICK_BOX),
             st.small),
        Spacer(0, 4),
    ]
    data: list[list[object]] = [[_("Name"), _("Phone"), _("Email"), _("Happy to be contacted")]]
    data += [["", "", "", TICK_BOX] for _ in range(rows)]
    block.append(long_table(
        data, page.col_widths(5, 3.4, 5, 2.2), zebra=False,
        row_heights=[None] + [_NEWCOMER_ROW_HEIGHT] * rows,
        cell_styles=[None, None, None, st.cell_center], plain_columns=(0, 1, 2, 3),
        extra_style=[("FONTSIZE", (3, 1), (3, -1), 14), ("VALIGN", (0, 1), (-1, -1), "MIDDLE")],
    ))
    return block


def build_sign_in_sheet(data: SignInSheetData, target: Target, *,
                        printed_on: date | None = None) -> int:
    """Write the sign-in sheet PDF; returns its page count."""
    page = page_setup(data.settings)
    lang = PrintedLanguage.for_setting(data.settings.language)
    return build_document(
        target, sign_in_story(data, page, lang), group_name=data.settings.group_name,
        title=lang._(TITLE), subtitle=lang.meeting_subtitle(data.meeting), page_setup=page,
        footer_note=lang.printed_note(printed_on), page_label=lang.page_label(),
    )
