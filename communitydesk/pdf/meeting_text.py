"""How dates, times and meetings are written on paper, the same way in every document.

Dates are spelled out ("Tuesday 5 May 2026") rather than numeric, so a sheet
reads the same to members from day-first and month-first countries.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from communitydesk.i18n import N_
from communitydesk.pdf.fonts import FONT, register_fonts
from communitydesk.pdf.layout import PageSetup, styles, text
from communitydesk.pdf.theme import INK
from communitydesk.services.meetings.actions import ActionSummary
from communitydesk.services.meetings.documents import DocumentMeeting, PrintSettings

if TYPE_CHECKING:  # printed_language builds on this module
    from communitydesk.pdf.printed_language import PrintedLanguage

# The register's three-letter column mark for each meeting kind, and its key.
KIND_SHORT = {"general": N_("Gen"), "committee": N_("Com"), "action": N_("Act"),
              "social": N_("Soc"), "training": N_("Trn")}
KIND_NAMES = {"general": N_("general"), "committee": N_("committee"), "action": N_("action"),
              "social": N_("social"), "training": N_("training")}
ACTION_STATUS = {"open": N_("open"), "done": N_("done"), "dropped": N_("dropped")}


def words(lang: PrintedLanguage | None) -> Callable[[str], str]:
    """``_`` for a document: its language's catalogue, or English as written (no ``lang``)."""
    return lang._ if lang is not None else str


def long_date(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def short_date(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def clock(moment: datetime) -> str:
    return f"{moment:%H:%M}"


def meeting_when(meeting: DocumentMeeting) -> str:
    """'Tuesday 5 May 2026, 19:00–21:00'."""
    when = f"{long_date(meeting.starts_at.date())}, {clock(meeting.starts_at)}"
    if meeting.ends_at and meeting.ends_at.date() == meeting.starts_at.date():
        when += f"–{clock(meeting.ends_at)}"
    return when


def meeting_subtitle(meeting: DocumentMeeting) -> str:
    """The running header's second line: date, time and venue."""
    return " · ".join(p for p in (meeting_when(meeting), meeting.venue) if p)


def page_setup(settings: PrintSettings, orientation: str = "portrait") -> PageSetup:
    return PageSetup(settings.paper_size, orientation)


NUMBER_WIDTH = 30.0  # "No." in bold plus padding, and up to four digits


def numbered_widths(page: PageSetup, *weights: float) -> list[float]:
    """A fixed "No." column, then the rest of the width split by ``weights``."""
    total = float(sum(weights))
    rest = page.content_width - NUMBER_WIDTH
    return [NUMBER_WIDTH, *(rest * w / total for w in weights)]


def printed_note(today: date | None = None) -> str:
    return f"Printed {long_date(today or date.today())} with CommunityDesk"


def heading_block(meeting: DocumentMeeting, label: str | None = None,
                  lang: PrintedLanguage | None = None) -> list[Flowable]:
    """The document's first lines: meeting title, when and where, and a cancelled warning
    (in ``lang``, else English)."""
    _ = words(lang)
    st = styles()
    title = meeting.title if label is None else _("{label}: {title}").format(
        label=label, title=meeting.title)
    subtitle = lang.meeting_subtitle(meeting) if lang is not None else meeting_subtitle(meeting)
    story: list[Flowable] = [text(title, st.title), text(subtitle, st.subtitle)]
    if meeting.status == "cancelled":
        story.append(Paragraph(f"<b>{escape(_('This meeting was cancelled.'))}</b>", st.body))
    return story


def facts_table(pairs: Sequence[tuple[str, str]], width: float) -> Flowable:
    """A borderless two-column 'Chair: …' block, in the Unicode font like every table."""
    st = styles()
    rows = [[text(label, st.cell_header), text(value, st.cell)] for label, value in pairs]
    table = Table(rows, colWidths=[width * 0.22, width * 0.78], hAlign="LEFT")
    table.setStyle(plain_table_style(padding=1))
    return table


def plain_table_style(*, padding: float = 3, extra: Sequence[tuple] = ()) -> TableStyle:
    """Unicode font, no rules at all: for label/value blocks and boxes (table_style() draws a grid)."""
    register_fonts()
    return TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 9),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK), ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), padding), ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
        *extra,
    ])


def action_rows(actions: Sequence[ActionSummary], *, today: date,
                with_raised: bool, lang: PrintedLanguage | None = None) -> list[list[object]]:
    """Rows for an action table: what, who, by when (overdue flagged), and where it was raised."""
    _ = words(lang)
    day = lang.short_date if lang is not None else short_date
    header: list[object] = [_("No."), _("Action"), _("Who"), _("By when")]
    if with_raised:
        header.append(_("Raised at"))
    rows: list[list[object]] = [header]
    for number, action in enumerate(actions, start=1):
        due = day(action.due_on) if action.due_on else "—"
        if action.is_overdue(today):
            due += " (" + _("overdue") + ")"
        elif action.status != "open":
            due += f" ({_(ACTION_STATUS.get(action.status, action.status))})"
        row: list[object] = [number, action.description, action.owner_name or _("Not assigned"),
                             due]
        if with_raised:
            raised = action.meeting_title or ""
            if action.meeting_date:
                raised = f"{raised}, {day(action.meeting_date)}"
            row.append(raised)
        rows.append(row)
    return rows
