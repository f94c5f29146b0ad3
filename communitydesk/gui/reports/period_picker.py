"""Period, tag and kind pickers for the Reports screen, and a period in words.

Presets (this month, quarter, financial year…) follow the group's financial
year start month from settings; "Custom dates" enables the two date boxes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, QLocale, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from communitydesk.domain import MeetingKind
from communitydesk.gui.common.dates import short_date, short_date_format
from communitydesk.gui.meetings.labels import word
from communitydesk.i18n import N_, _
from communitydesk.services.reports.periods import MONTHS, PRESETS, Period, preset_period

# The labels of the service's PRESETS, for the catalogue; shown through _() here and on the page.
PRESET_WORDS = (N_("This month"), N_("Last month"), N_("This quarter"), N_("Last quarter"),
                N_("This financial year"), N_("Last financial year"), N_("Custom dates"))


@dataclass(frozen=True)
class PeriodChoice:
    """What the period pickers show, taken on the UI thread; a preset's dates follow the
    financial year start month the group's settings hold when the report is counted."""

    preset: str
    start: date
    end: date
    today: date

    def period(self, financial_year_start_month: int) -> Period:
        if self.preset == "custom":
            start, end = sorted((self.start, self.end))
            return Period(start, end)
        return preset_period(self.preset, today=self.today,
                             financial_year_start_month=financial_year_start_month)


class ReportFilters(QWidget):
    """Emits ``changed`` whenever the period, tag or kind changes."""

    changed = Signal()
    financial_year_start_chosen = Signal(int)  # the person picked another start month

    def __init__(self, *, today: date, financial_year_start_month: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self.fy_month = financial_year_start_month
        self.preset = QComboBox()
        self.preset.setObjectName("periodPreset")
        self.preset.setAccessibleName(_("Period"))
        for key, label in PRESETS:
            self.preset.addItem(_(label), key)
        self.preset.setCurrentIndex(self.preset.findData("this_financial_year"))
        self.start = QDateEdit(calendarPopup=True)
        self.end = QDateEdit(calendarPopup=True)
        self.start.setAccessibleName(_("From"))
        self.end.setAccessibleName(_("To"))
        for edit in (self.start, self.end):
            edit.setDisplayFormat(short_date_format())
        self.fy_start = QComboBox()
        self.fy_start.setAccessibleName(_("Financial year starts"))
        self.fy_start.setToolTip(_("The month your financial year starts (saved in the group's settings)"))
        for number in range(1, 13):
            name = QLocale().standaloneMonthName(number, QLocale.FormatType.LongFormat)
            self.fy_start.addItem(_("Year starts {month}").format(month=name), number)
        self.fy_start.setCurrentIndex(financial_year_start_month - 1)
        self.tag = QComboBox()
        self.tag.setAccessibleName(_("Tag"))
        self.tag.setToolTip(_("Only people carrying this tag"))
        self.kind = QComboBox()
        self.kind.setAccessibleName(_("Meeting kind"))
        self.kind.setToolTip(_("Only meetings of this kind"))
        self.kind.addItem(_("All meeting kinds"), None)
        for kind in MeetingKind:
            self.kind.addItem(word(kind), kind.value)
        self.set_tags([])
        adjust = QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        for box, length in ((self.tag, 16), (self.kind, 14), (self.fy_start, 17)):
            box.setSizeAdjustPolicy(adjust)
            box.setMinimumContentsLength(length)

        # Two short rows rather than one long one: fits a 1024×640 window without widening it.
        period_row = QHBoxLayout()
        period_row.addWidget(QLabel(_("Period")))
        period_row.addWidget(self.preset)
        period_row.addWidget(self.start)
        period_row.addWidget(QLabel(_("to")))
        period_row.addWidget(self.end)
        period_row.addWidget(self.fy_start)
        period_row.addStretch(1)
        who_row = QHBoxLayout()
        who_label = QLabel(_("Who"))
        who_label.setMinimumWidth(QLabel(_("Period")).sizeHint().width())
        who_row.addWidget(who_label)
        who_row.addWidget(self.tag)
        who_row.addWidget(self.kind)
        who_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(period_row)
        layout.addLayout(who_row)

        self._apply_preset()
        self.preset.currentIndexChanged.connect(self._on_preset)
        self.start.dateChanged.connect(self._on_dates)
        self.end.dateChanged.connect(self._on_dates)
        self.tag.currentIndexChanged.connect(self.changed)
        self.kind.currentIndexChanged.connect(self.changed)
        self.fy_start.currentIndexChanged.connect(
            lambda: self.financial_year_start_chosen.emit(self.fy_start.currentData()))

    def set_financial_year_start(self, month: int) -> None:
        """Follow the settings (no signal); presets are recomputed for the new year."""
        self.fy_month = month
        self.fy_start.blockSignals(True)
        self.fy_start.setCurrentIndex(month - 1)
        self.fy_start.blockSignals(False)
        self._apply_preset()

    def set_tags(self, tags: list[str]) -> None:
        """Refill the tag box, keeping the chosen tag if it still exists."""
        current = self.tag.currentData()
        self.tag.blockSignals(True)
        self.tag.clear()
        self.tag.addItem(_("Everyone"), None)
        for name in tags:
            self.tag.addItem(_("Tag: {name}").format(name=name), name)
        self.tag.setCurrentIndex(max(self.tag.findData(current), 0))
        self.tag.blockSignals(False)

    def choose(self, *, preset: str | None = None, start: date | None = None,
               end: date | None = None, tag: str | None = None, kind: str | None = None) -> None:
        """Set several filters at once with one ``changed`` (used by tests and shortcuts)."""
        self.blockSignals(True)
        try:
            if preset is not None:
                self.preset.setCurrentIndex(self.preset.findData(preset))
            if start is not None:
                self.preset.setCurrentIndex(self.preset.findData("custom"))
                self.start.setDate(QDate(start.year, start.month, start.day))
            if end is not None:
                self.preset.setCurrentIndex(self.preset.findData("custom"))
                self.end.setDate(QDate(end.year, end.month, end.day))
            if tag is not None:
                self.tag.setCurrentIndex(max(self.tag.findData(tag or None), 0))
            if kind is not None:
                self.kind.setCurrentIndex(max(self.kind.findData(kind or None), 0))
        finally:
            self.blockSignals(False)
        self.changed.emit()

    def choice(self) -> PeriodChoice:
        return PeriodChoice(self.preset.currentData(), self.start.date().toPython(),
                            self.end.date().toPython(), self.today)

    def period(self) -> Period:
        return self.choice().period(self.fy_month)

    def tag_name(self) -> str | None:
        return self.tag.currentData()

    def kind_name(self) -> str | None:
        return self.kind.currentData()

    def _apply_preset(self) -> None:
        custom = self.preset.currentData() == "custom"
        self.start.setEnabled(custom)
        self.end.setEnabled(custom)
        if not custom:
            period = self.period()
            for edit, day in ((self.start, period.start), (self.end, period.end)):
                edit.blockSignals(True)
                edit.setDate(QDate(day.year, day.month, day.day))
                edit.blockSignals(False)

    def _on_preset(self) -> None:
        self._apply_preset()
        self.changed.emit()

    def _on_dates(self) -> None:
        if self.preset.currentData() == "custom":
            self.changed.emit()


def describe_period(period: Period) -> str:
    """The period in the user's date format, with its preset name when it has one."""
    if period.start and period.end:
        span = _("{start} – {end}").format(start=short_date(period.start), end=short_date(period.end))
    elif period.start:
        span = _("from {date}").format(date=short_date(period.start))
    elif period.end:
        span = _("up to {date}").format(date=short_date(period.end))
    else:
        span = _("all time")
    return _("{period} ({span})").format(period=period_label(period.label), span=span) if period.label else span


def period_label(label: str) -> str:
    """The service's period name ("This month", "Financial year 2026/27", "Apr–Jun 2026") in the
    reader's language: presets from the catalogue, month names from the locale."""
    year = FINANCIAL_YEAR.fullmatch(label)
    if year:
        return _("Financial year {years}").format(years=year.group(1))
    quarter = QUARTER.fullmatch(label)
    if quarter:
        first, last, end_year = quarter.groups()
        short = QLocale.FormatType.ShortFormat
        return _("{first}–{last} {year}").format(
            first=QLocale().standaloneMonthName(MONTHS.index(first) + 1, short),
            last=QLocale().standaloneMonthName(MONTHS.index(last) + 1, short), year=end_year)
    return _(label)


FINANCIAL_YEAR = re.compile(r"Financial year (\S+)")
QUARTER = re.compile(r"({m})–({m}) (\d{{4}})".format(m="|".join(MONTHS)))
