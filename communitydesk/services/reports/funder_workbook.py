"""The workbook a funder asks for: Summary, Meetings, People and Months sheets.

Numbers are numbers and dates are dates (a treasurer can sum and filter them);
every text cell goes through ``safe_text`` so a name like ``=HYPERLINK(...)``
cannot run as a formula. Built from an ``AttendanceReport``: no database here.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from communitydesk.errors import UserError
from communitydesk.files import atomic_write
from communitydesk.i18n import N_, SOURCE_LANGUAGE, _, resolve_language
from communitydesk.io.sheet_writer import DATE_FORMAT, PERCENT_FORMAT, safe_text, workbook_bytes
from communitydesk.services.reports.figures import AttendanceReport
from communitydesk.services.reports.periods import ReportWords

SHEETS = (N_("Summary"), N_("Meetings"), N_("People"), N_("Months"))
# Values a funder reads, in the group's language (the English word is the catalogue's key).
SHOWN_VALUES = {v: v for v in (
    N_("general"), N_("committee"), N_("action"), N_("social"), N_("training"),
    N_("planned"), N_("held"), N_("cancelled"),
    N_("prospect"), N_("active"), N_("lapsed"), N_("left"),
)}
_HEADER_FILL = PatternFill("solid", fgColor="E4E7EB")
_BOLD = Font(bold=True)


def _table(sheet, headers: list[str], rows: list[tuple], *, widths: list[int],  # noqa: ANN001
           formats: dict[int, str] | None = None) -> None:
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(vertical="bottom", wrap_text=True)
    for row in rows:
        sheet.append(list(row))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for column, fmt in (formats or {}).items():
        for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            cell.number_format = fmt
    sheet.freeze_panes = "A2"
    if rows:
        sheet.auto_filter.ref = sheet.dimensions


def write_funder_workbook(
    report: AttendanceReport, target: Path | str, *, group_name: str, today: date | None = None,
    language: str = SOURCE_LANGUAGE,
) -> Path:
    """The workbook in the group's ``language`` setting, like the printed report."""
    path = Path(target)
    if not path.parent.is_dir():
        raise UserError(_("{path}: the folder {parent} does not exist").format(path=path, parent=path.parent))
    words = ReportWords(resolve_language(language, use_environment=False))

    def value(word: str) -> str:
        return words._(SHOWN_VALUES[word]) if word in SHOWN_VALUES else word

    yes, no = words._("yes"), words._("no")
    book = Workbook()
    summary = book.active
    summary.title = words._(SHEETS[0])
    summary.append([safe_text(group_name) or "", None])
    summary["A1"].font = Font(bold=True, size=14)
    summary.append([words._("Attendance report"), safe_text(report.period.describe(words))])
    summary.append([words._("From"), report.period.start])
    summary.append([words._("To"), report.period.end])
    summary.append([words._("People with tag"), safe_text(report.tag) or words._("everyone")])
    summary.append([words._("Meeting kind"), value(report.kind) if report.kind else words._("all kinds")])
    summary.append([words._("Produced on"), today or date.today()])
    summary.append([words._("Meetings held up to"), report.as_of])
    summary.append([])
    for label, number in report.headline():
        summary.append([words._(label), number])
    for row in (3, 4, 7, 8):
        summary.cell(row=row, column=2).number_format = DATE_FORMAT
    summary.append([])
    summary.append([words._("Definitions"), words._(
        "A meeting counts once it has taken place (started by the 'held up to' date), unless "
        "cancelled; meetings still ahead are listed but not counted. Unique attendees: different "
        "people present at a counted meeting. New: first ever present inside the period. Rate: "
        "present ÷ counted meetings since the person joined (or first came).")])
    summary.column_dimensions["A"].width = 22
    summary.column_dimensions["B"].width = 60
    summary.cell(row=summary.max_row, column=2).alignment = Alignment(wrap_text=True)

    _table(
        book.create_sheet(words._(SHEETS[1])),
        [words._("Date"), words._("Time"), words._("Meeting"), words._("Kind"), words._("Status"), words._("Counted"), words._("Present"),
         words._("Apologies"), words._("Absent"), words._("New")],
        [(m.starts_at.date(), f"{m.starts_at:%H:%M}", safe_text(m.title), value(m.kind), value(m.status),
          yes if m.counted else words._("no: {reason}").format(reason=words._(m.not_counted_because or "")),
          m.present, m.apologies, m.absent, m.new)
         for m in report.meeting_rows],
        widths=[12, 7, 36, 11, 10, 18, 9, 10, 8, 6], formats={1: DATE_FORMAT},
    )
    _table(
        book.create_sheet(words._(SHEETS[2])),
        [words._("Member id"), words._("Name"), words._("Status"), words._("Present"), words._("Apologies"), words._("Absent"),
         words._("Meetings since joining"), words._("Rate"), words._("Last attended"), words._("New in period")],
        [(m.id, safe_text(m.name), value(m.status), m.present, m.apologies, m.absent, m.eligible,
          m.rate, m.last_attended, yes if m.new else no) for m in report.members],
        widths=[10, 32, 10, 9, 10, 8, 12, 8, 13, 9], formats={8: PERCENT_FORMAT, 9: DATE_FORMAT},
    )
    _table(
        book.create_sheet(words._(SHEETS[3])),
        [words._("Month"), words._("Meetings"), words._("Unique attendees"), words._("New"), words._("Returning"),
         words._("Total attendances"), words._("Apologies")],
        [(m.month, m.meetings, m.unique_attendees, m.new_attendees, m.returning_attendees,
          m.total_present, m.apologies) for m in report.months],
        widths=[12, 10, 12, 8, 10, 12, 10], formats={1: "mmm yyyy"},
    )
    atomic_write(path, workbook_bytes(book))  # all or nothing, owner-only
    return path
