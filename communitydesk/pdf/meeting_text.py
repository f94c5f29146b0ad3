"""How dates, times and meetings are written on paper, the same way in every document.

Dates are spelled out ("Tuesday 5 May 2026") rather than numeric, so a sheet
reads the same to members from day-first and month-first countries.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from communitydesk.pdf.fonts import FONT, register_fonts
from communitydesk.pdf.layout import PageSetup, styles, text
from communitydesk.pdf.theme import INK
from communitydesk.services.meetings.actions import ActionSummary
from communitydesk.services.meetings.documents import DocumentMeeting, PrintSettings

KIND_SHORT = {"general": "Gen", "committee": "Com", "action": "Act", "social": "Soc",
              "training": "Trn"}


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


def heading_block(meeting: DocumentMeeting, label: str | None = None) -> list[Flowable]:
    """The document's first lines: meeting title, when and where, and a cancelled warning."""
    st = styles()
    story: list[Flowable] = [text(meeting.title if label is None else f"{label}: {meeting.title}",
                                  st.title),
                             text(meeting_subtitle(meeting), st.subtitle)]
    if meeting.status == "cancelled":
        story.append(Paragraph("<b>This meeting was cancelled.</b>", st.body))
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
                with_raised: bool) -> list[list[object]]:
    """Rows for an action table: what, who, by when (overdue flagged), and where it was raised."""
    header: list[object] = ["No.", "Action", "Who", "By when"]
    if with_raised:
        header.append("Raised at")
    rows: list[list[object]] = [header]
    for number, action in enumerate(actions, start=1):
        due = short_date(action.due_on) if action.due_on else "—"
        if action.is_overdue(today):
            due += " (overdue)"
        elif action.status != "open":
            due += f" ({action.status})"
        row: list[object] = [number, action.description, action.owner_name or "Not assigned", due]
        if with_raised:
            raised = action.meeting_title or ""
            if action.meeting_date:
                raised = f"{raised}, {short_date(action.meeting_date)}"
            row.append(raised)
        rows.append(row)
    return rows
