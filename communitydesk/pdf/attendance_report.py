"""The attendance report as a PDF: headline numbers, two charts, then the tables.

Uses the shared layout (header with group and period, "Page x of y") and the
CDSans font everywhere, so every name prints. Built from an ``AttendanceReport``.
"""

from __future__ import annotations

from datetime import date

from reportlab.platypus import Flowable, Spacer, Table

from communitydesk.i18n import N_
from communitydesk.pdf.layout import (
    PageSetup,
    Target,
    build_document,
    long_table,
    styles,
    table_style,
    text,
)
from communitydesk.pdf.meeting_text import KIND_NAMES
from communitydesk.pdf.printed_language import PrintedLanguage
from communitydesk.pdf.report_charts import attendance_per_meeting_chart, new_vs_returning_chart
from communitydesk.services.reports.figures import AttendanceReport, counted_meetings

MEMBER_ROW_LIMIT = 5000  # beyond this the PDF points to the spreadsheet export instead
TITLE = N_("Attendance report")


def _with_header(header: list[str], rows: list[list]) -> list[list]:
    """Header plus rows, or nothing at all so the table shows its empty text."""
    return [header, *rows] if rows else []


def _day(lang: PrintedLanguage, day: date) -> str:
    """'05 Mar 2026' in English (this report's style), the language's medium date otherwise."""
    return lang.pattern(day, "%d %b %Y", "medium")


def _span(report: AttendanceReport, lang: PrintedLanguage) -> str:
    """The period's dates in the document's language."""
    start, end = report.period.start, report.period.end
    if start and end:
        return f"{_day(lang, start)} – {_day(lang, end)}"
    if start:
        return lang._("from {date}").format(date=_day(lang, start))
    if end:
        return lang._("up to {date}").format(date=_day(lang, end))
    return lang._("all time")


def _subtitle(report: AttendanceReport, lang: PrintedLanguage) -> str:
    _ = lang._
    parts = [report.period.name(lang)] if report.period.label else []
    parts.append(_span(report, lang))
    if report.tag:
        parts.append(_("people tagged {tag}").format(tag=report.tag))
    if report.kind:
        parts.append(_("{kind} meetings only").format(
            kind=_(KIND_NAMES.get(report.kind, report.kind))))
    if report.as_of:
        parts.append(_("meetings held up to {date}").format(date=lang.long_date(report.as_of)))
    return " · ".join(parts)


def _headline(report: AttendanceReport, width: float, lang: PrintedLanguage) -> Flowable:
    st = styles()
    numbers = report.headline()
    big = st.title.clone("cd-figure", alignment=1, spaceAfter=0)
    label = st.small.clone("cd-figure-label", alignment=1)
    row_values = [text(f"{value:,}" if lang.english else lang.number(value), big)
                  for _, value in numbers]
    row_labels = [text(lang._(name), label) for name, _ in numbers]
    table = Table([row_values, row_labels], colWidths=[width / len(numbers)] * len(numbers))
    table.setStyle(table_style(0, zebra=False, extra=[
        ("TOPPADDING", (0, 0), (-1, 0), 6), ("BOTTOMPADDING", (0, 1), (-1, 1), 6),
        ("INNERGRID", (0, 0), (-1, -1), 0, "white"),
        ("LINEAFTER", (0, 0), (-2, -1), 0.25, "#CBD2D9"),
    ]))
    return table


def report_story(report: AttendanceReport, page: PageSetup,
                 lang: PrintedLanguage | None = None) -> list[Flowable]:
    lang = lang or PrintedLanguage.for_setting("")
    _ = lang._
    st = styles()
    width = page.content_width
    story: list[Flowable] = [
        text(_(TITLE), st.title), text(_subtitle(report, lang), st.subtitle),
        _headline(report, width, lang), Spacer(0, 10),
    ]
    if report.paid_up is not None:  # #17: the group keeps dues
        from communitydesk.services.dues.paid_up import paid_up_sentence
        story[-1:-1] = [Spacer(0, 6), text(paid_up_sentence(report.paid_up, lang.long_date), st.body)]
    counted = counted_meetings(report.meeting_rows)
    story.append(attendance_per_meeting_chart(
        width, 190, [lang.pattern(m.starts_at.date(), "%d %b", "d MMM") for m in counted],
        [m.present for m in counted], translate=_))
    story.append(Spacer(0, 8))
    story.append(new_vs_returning_chart(
        width, 190, [lang.pattern(m.month, "%b %y", "LLL yy") for m in report.months],
        [m.new_attendees for m in report.months], [m.returning_attendees for m in report.months],
        translate=_))
    story.append(text(_(
        "A meeting counts once it has taken place (started by the date above), unless it was "
        "cancelled; meetings still ahead are listed but not counted. Unique attendees are "
        "different people present at a counted meeting; new people came for the first time ever "
        "in this period. The rate is present ÷ counted meetings since the person joined (or "
        "first came)."), st.small))

    right = st.cell_right
    no_meetings = _("No meetings in this period.")
    story.append(text(_("Months"), st.heading))
    story.append(long_table(
        _with_header(
            [_("Month"), _("Meetings"), _("Unique"), _("New"), _("Returning"), _("Attendances"),
             _("Apologies")],
            [[lang.pattern(m.month, "%B %Y", "LLLL y"), m.meetings, m.unique_attendees,
              m.new_attendees, m.returning_attendees, m.total_present, m.apologies]
             for m in report.months if report.meetings]),
        page.col_widths(2.8, 1.9, 1.8, 1.3, 2.3, 2.3, 2.6), cell_styles=[None] + [right] * 6,
        empty_text=no_meetings))
    story.append(text(_("Meetings"), st.heading))
    story.append(long_table(
        _with_header(
            [_("Date"), _("Meeting"), _("Kind"), _("Present"), _("Apologies"), _("Absent"),
             _("New")],
            [[f"{_day(lang, m.starts_at.date())} {lang.clock(m.starts_at)}",
              m.title + (" (" + _("{reason}, not counted").format(
                  reason=_(m.not_counted_because)) + ")" if m.not_counted_because else ""),
              _(KIND_NAMES.get(m.kind, m.kind)),
              m.present, m.apologies, m.absent, m.new] for m in report.meeting_rows]),
        page.col_widths(2.9, 4.4, 1.9, 1.8, 2.8, 2.1, 1.3),
        cell_styles=[None, None, None, right, right, right, right],
        empty_text=no_meetings))
    story.append(text(_("People"), st.heading))
    members = report.members[:MEMBER_ROW_LIMIT]
    story.append(long_table(
        _with_header(
            [_("Name"), _("Present"), _("Apologies"), _("Since joining"), _("Rate"),
             _("Last attended"), _("New")],
            [[m.name, m.present, m.apologies, m.eligible, lang.percent(m.rate),
              _day(lang, m.last_attended) if m.last_attended else "—",
              _("yes") if m.new else ""]
             for m in members]),
        page.col_widths(3.7, 1.8, 2.8, 2.6, 2.4, 2.5, 1.4),
        cell_styles=[None, right, right, right, right, None, None],
        empty_text=_("Nobody was on a register in this period.")))
    more = len(report.members) - MEMBER_ROW_LIMIT
    if more > 0:
        story.append(text(lang.ngettext(
            "… and {count} more person: see the spreadsheet export for everyone.",
            "… and {count} more people: see the spreadsheet export for everyone.", more).format(
                count=f"{more:,}" if lang.english else lang.number(more)), st.small))
    return story


def build_attendance_report_pdf(report: AttendanceReport, target: Target, *, group_name: str,
                                paper: str = "A4", today: date | None = None,
                                language: str = "") -> int:
    """Write the PDF in the group's ``language`` setting; return its page count."""
    page = PageSetup(paper=paper)
    lang = PrintedLanguage.for_setting(language)
    return build_document(target, report_story(report, page, lang), group_name=group_name,
                          title=lang._(TITLE), subtitle=_subtitle(report, lang), page_setup=page,
                          footer_note=lang.printed_note(today), page_label=lang.page_label())
