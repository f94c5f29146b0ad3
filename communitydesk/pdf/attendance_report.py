"""The attendance report as a PDF: headline numbers, two charts, then the tables.

Uses the shared layout (header with group and period, "Page x of y") and the
CDSans font everywhere, so every name prints. Built from an ``AttendanceReport``.
"""

from __future__ import annotations

from datetime import date

from reportlab.platypus import Flowable, Spacer, Table

from communitydesk.pdf.layout import (
    PageSetup,
    Target,
    build_document,
    long_table,
    styles,
    table_style,
    text,
)
from communitydesk.pdf.meeting_text import long_date
from communitydesk.pdf.report_charts import attendance_per_meeting_chart, new_vs_returning_chart
from communitydesk.services.reports.figures import AttendanceReport, counted_meetings

MEMBER_ROW_LIMIT = 5000  # beyond this the PDF points to the spreadsheet export instead


def _with_header(header: list[str], rows: list[list]) -> list[list]:
    """Header plus rows, or nothing at all so the table shows its empty text."""
    return [header, *rows] if rows else []


def _subtitle(report: AttendanceReport) -> str:
    parts = [report.period.describe()]
    if report.period.label:
        parts.append(report.period.span())
    if report.tag:
        parts.append(f"people tagged {report.tag}")
    if report.kind:
        parts.append(f"{report.kind} meetings only")
    if report.as_of:
        parts.append(f"meetings held up to {long_date(report.as_of)}")
    return " · ".join(parts)


def _headline(report: AttendanceReport, width: float) -> Flowable:
    st = styles()
    numbers = report.headline()
    big = st.title.clone("cd-figure", alignment=1, spaceAfter=0)
    label = st.small.clone("cd-figure-label", alignment=1)
    row_values = [text(f"{value:,}", big) for _, value in numbers]
    row_labels = [text(name, label) for name, _ in numbers]
    table = Table([row_values, row_labels], colWidths=[width / len(numbers)] * len(numbers))
    table.setStyle(table_style(0, zebra=False, extra=[
        ("TOPPADDING", (0, 0), (-1, 0), 6), ("BOTTOMPADDING", (0, 1), (-1, 1), 6),
        ("INNERGRID", (0, 0), (-1, -1), 0, "white"),
        ("LINEAFTER", (0, 0), (-2, -1), 0.25, "#CBD2D9"),
    ]))
    return table


def report_story(report: AttendanceReport, page: PageSetup) -> list[Flowable]:
    st = styles()
    width = page.content_width
    story: list[Flowable] = [
        text("Attendance report", st.title), text(_subtitle(report), st.subtitle),
        _headline(report, width), Spacer(0, 10),
    ]
    if report.paid_up is not None:  # #17: the group keeps dues
        from communitydesk.services.dues.paid_up import paid_up_sentence
        story[-1:-1] = [Spacer(0, 6), text(paid_up_sentence(report.paid_up, long_date), st.body)]
    counted = counted_meetings(report.meeting_rows)
    story.append(attendance_per_meeting_chart(
        width, 190, [f"{m.starts_at:%d %b}" for m in counted], [m.present for m in counted]))
    story.append(Spacer(0, 8))
    story.append(new_vs_returning_chart(
        width, 190, [f"{m.month:%b %y}" for m in report.months],
        [m.new_attendees for m in report.months], [m.returning_attendees for m in report.months]))
    story.append(text(
        "A meeting counts once it has taken place (started by the date above), unless it was "
        "cancelled; meetings still ahead are listed but not counted. Unique attendees are different people present "
        "at a counted meeting; new people came for the first time ever in this period. The rate "
        "is present ÷ counted meetings since the person joined (or first came).", st.small))

    right = st.cell_right
    story.append(text("Months", st.heading))
    story.append(long_table(
        _with_header(
            ["Month", "Meetings", "Unique", "New", "Returning", "Attendances", "Apologies"],
            [[f"{m.month:%B %Y}", m.meetings, m.unique_attendees, m.new_attendees,
              m.returning_attendees, m.total_present, m.apologies]
             for m in report.months if report.meetings]),
        page.col_widths(3, 2, 1.8, 1.5, 2.2, 2.8, 2.3), cell_styles=[None] + [right] * 6,
        empty_text="No meetings in this period."))
    story.append(text("Meetings", st.heading))
    story.append(long_table(
        _with_header(
            ["Date", "Meeting", "Kind", "Present", "Apologies", "Absent", "New"],
            [[f"{m.starts_at:%d %b %Y %H:%M}",
              m.title + (f" ({m.not_counted_because}, not counted)" if m.not_counted_because
                         else ""), m.kind,
              m.present, m.apologies, m.absent, m.new] for m in report.meeting_rows]),
        page.col_widths(3.2, 5.2, 2, 1.9, 2.3, 1.7, 1.2),
        cell_styles=[None, None, None, right, right, right, right],
        empty_text="No meetings in this period."))
    story.append(text("People", st.heading))
    members = report.members[:MEMBER_ROW_LIMIT]
    story.append(long_table(
        _with_header(
            ["Name", "Present", "Apologies", "Since joining", "Rate", "Last attended", "New"],
            [[m.name, m.present, m.apologies, m.eligible, f"{m.rate:.0%}",
              f"{m.last_attended:%d %b %Y}" if m.last_attended else "—", "yes" if m.new else ""]
             for m in members]),
        page.col_widths(5.2, 1.9, 2.3, 2.6, 1.4, 2.5, 1.1),
        cell_styles=[None, right, right, right, right, None, None],
        empty_text="Nobody was on a register in this period."))
    if len(report.members) > MEMBER_ROW_LIMIT:
        story.append(text(f"… and {len(report.members) - MEMBER_ROW_LIMIT:,} more people: see the "
                          "spreadsheet export for everyone.", st.small))
    return story


def build_attendance_report_pdf(report: AttendanceReport, target: Target, *, group_name: str,
                                paper: str = "A4", today: date | None = None) -> int:
    """Write the PDF; return its page count."""
    page = PageSetup(paper=paper)
    printed = today or date.today()
    return build_document(target, report_story(report, page), group_name=group_name,
                          title="Attendance report", subtitle=_subtitle(report), page_setup=page,
                          footer_note=f"Printed {printed:%d %B %Y}")
