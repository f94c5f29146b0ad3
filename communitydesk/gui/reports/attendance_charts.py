"""QtCharts views of a report: attendance per meeting over time, new vs returning a month.

Each chart sits in a ``ChartPanel`` with a "Save as PNG…" button; ``save_png``
is the method tests (and the button) call.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from pathlib import Path

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QDateTimeAxis,
    QLineSeries,
    QScatterSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QDate, QDateTime, QLocale, QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QFocusEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from communitydesk.errors import UserError
from communitydesk.gui.accessible_style import draw_focus_ring
from communitydesk.i18n import _, ngettext
from communitydesk.services.reports.figures import (
    MeetingAttendance,
    MonthAttendance,
    counted_meetings,
)

PRESENT = QColor("#3E7CB1")
NEW = QColor("#F0A202")
RETURNING = QColor("#3E7CB1")


def _base_chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setMargins(QMargins(6, 6, 6, 6))
    chart.setBackgroundRoundness(0)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


def _value_axis(peak: int) -> QValueAxis:
    axis = QValueAxis()
    axis.setLabelFormat("%d")
    top = max(5, peak + (peak // 10) + 1)
    axis.setRange(0, top)
    axis.setTickCount(6 if top > 5 else top + 1)
    if top > 5:
        axis.applyNiceNumbers()
    return axis


def attendance_points(meetings: Sequence[MeetingAttendance]) -> list[QPointF]:
    """The chart's points (start as ms since the epoch, people present) of the counted meetings:
    plain values, made on the worker with the report (a QDateTime a meeting costs the UI thread
    ~0.2 ms: 40 ms for a year at scale)."""
    return [QPointF(QDateTime(m.starts_at).toMSecsSinceEpoch(), m.present)
            for m in counted_meetings(meetings)]


def attendance_chart(meetings: Sequence[MeetingAttendance], *, as_of: date | None = None,
                     points: list[QPointF] | None = None) -> QChart:
    """People present at each counted meeting (those held by the report's as-of date);
    ``points`` are ``attendance_points(meetings)`` when they were made already."""
    chart = _base_chart(_("Attendance per meeting"))
    counted = counted_meetings(meetings)
    line = QLineSeries()
    line.setName(_("Present"))
    line.setPen(QPen(PRESENT, 2))
    dots = QScatterSeries()
    dots.setMarkerSize(7)
    dots.setColor(PRESENT)
    dots.setBorderColor(PRESENT)
    if points is None:
        points = attendance_points(meetings)
    line.replace(points)  # one call for all the points, not one a meeting
    dots.replace(points)
    chart.addSeries(line)
    chart.addSeries(dots)
    chart.legend().setVisible(False)
    x_axis = QDateTimeAxis()
    x_axis.setFormat("d MMM")
    x_axis.setLabelsAngle(-45)
    x_axis.setTruncateLabels(False)
    if counted:
        first, last = counted[0].starts_at, counted[-1].starts_at
        pad = max(timedelta(days=2), (last - first) / 30)  # keep the end points inside the frame
        x_axis.setRange(QDateTime(first - pad), QDateTime(last + pad))
    else:
        end = datetime.combine(as_of or date.today(), datetime.min.time())
        x_axis.setRange(QDateTime(end.replace(day=1)), QDateTime(end))
    x_axis.setTickCount(min(7, max(2, len(counted))))
    y_axis = _value_axis(max((m.present for m in counted), default=0))
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
    for series in (line, dots):
        series.attachAxis(x_axis)
        series.attachAxis(y_axis)
    return chart


def new_returning_chart(months: Sequence[MonthAttendance]) -> QChart:
    """Different people each month: first-timers stacked on people who came before."""
    chart = _base_chart(_("New and returning people per month"))
    new, returning = QBarSet(_("New")), QBarSet(_("Returning"))
    new.setColor(NEW)
    returning.setColor(RETURNING)
    for m in months:
        new.append(m.new_attendees)
        returning.append(m.returning_attendees)
    series = QStackedBarSeries()
    series.append(new)
    series.append(returning)
    chart.addSeries(series)
    categories = QBarCategoryAxis()
    locale = QLocale()  # month names in the user's language
    categories.append([locale.toString(QDate(m.month.year, m.month.month, 1), "MMM yy")
                       for m in months] or [""])
    categories.setTruncateLabels(False)
    if len(months) > 6:
        categories.setLabelsAngle(-60)
    y_axis = _value_axis(max((m.unique_attendees for m in months), default=0))
    chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(categories)
    series.attachAxis(y_axis)
    return chart


class FocusChartView(QChartView):
    """A chart view that shows when it has the keyboard focus (#19): the style draws nothing on a
    chart, so the view rings itself in the palette's Highlight colour, as tables and buttons are."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.exporting = False  # a saved picture never carries the ring

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if self.hasFocus() and not self.exporting:
            painter = QPainter(self.viewport())
            draw_focus_ring(painter, self.viewport().rect(), self.palette())
            painter.end()

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusInEvent(event)
        self.viewport().update()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(event)
        self.viewport().update()


class ChartPanel(QWidget):
    """A chart view with a caption and a Save as PNG button."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.view = FocusChartView()
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        # An explicit minimum: the chart's own (axis labels, legend) would widen a small window.
        self.view.setMinimumSize(240, 230)
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Tab reaches the chart, so its summary is read
        self.save_button = QPushButton(_("&Save as PNG…"))
        self.save_button.setToolTip(_("Save this chart as a picture for a report or a funder"))
        self.save_button.clicked.connect(self._ask_and_save)
        self.caption = QLabel()
        self.caption.setObjectName("countLabel")
        self.caption.setWordWrap(True)  # a long caption wraps instead of widening the window
        row = QHBoxLayout()
        row.addWidget(self.caption, 1)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)

    def set_chart(self, chart: QChart, caption: str = "") -> None:
        old = self.view.chart()
        self.view.setChart(chart)
        if old is not None and old is not chart:
            old.deleteLater()
        self.caption.setText(caption)
        self.view.setAccessibleName(chart.title() or self.name)
        self.view.setAccessibleDescription(chart_summary(chart))

    def save_png(self, path: Path | str, *, width: int = 1200, height: int = 600) -> Path:
        """Render the chart at a print-friendly size (independent of the window size)."""
        target = Path(path)
        if target.suffix.lower() != ".png":
            target = target.with_suffix(".png")
        old_size = self.view.size()
        self.view.resize(width, height)
        self.view.exporting = True
        try:
            image = self.view.grab()
        finally:
            self.view.exporting = False
        self.view.resize(old_size)
        if not image.save(str(target), "PNG"):
            raise UserError(_("{file}: could not write the picture there").format(file=target))
        return target

    def _ask_and_save(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, _("Save chart"), f"{self.name}.png",
                                                    _("PNG image (*.png)"))
        if path:
            self.save_png(path)


def chart_summary(chart: QChart) -> str:
    """What the chart shows, in words, for a screen reader (issue #19): the points of a line,
    each bar of a stacked bar chart."""
    parts: list[str] = []
    for series in chart.series():
        if isinstance(series, QLineSeries) and not isinstance(series, QScatterSeries):
            points = series.points()
            if not points:
                parts.append(_("No meetings counted yet."))
                continue
            values = [int(p.y()) for p in points]
            locale = QLocale()
            best = values.index(max(values))
            short = QLocale.FormatType.ShortFormat
            # Only the three days the sentence names become dates (not one a meeting).
            days = {i: QDateTime.fromMSecsSinceEpoch(int(points[i].x())).date() for i in (0, -1, best)}
            parts.append(ngettext(
                "{count} meeting from {first} to {last}; {what} between {low} and {high} people, "
                "most on {best} ({most}), {latest} at the latest.",
                "{count} meetings from {first} to {last}; {what} between {low} and {high} people, "
                "most on {best} ({most}), {latest} at the latest.", len(values)).format(
                count=len(values), first=locale.toString(days[0], short),
                last=locale.toString(days[-1], short), what=series.name() or _("present"),
                low=min(values), high=max(values), best=locale.toString(days[best], short),
                most=values[best], latest=values[-1]))
        elif isinstance(series, QStackedBarSeries):
            axis = next((a for a in chart.axes(Qt.Orientation.Horizontal) if isinstance(a, QBarCategoryAxis)), None)
            labels = axis.categories() if axis is not None else []
            sets = series.barSets()
            count = max((s.count() for s in sets), default=0)
            if count == 0:
                parts.append(_("No months with attendance yet."))
            for i in range(count):
                month = labels[i] if i < len(labels) else str(i + 1)
                values = ", ".join(f"{int(s.at(i))} {s.label().lower()}" for s in sets)
                parts.append(f"{month}: {values}.")
    return " ".join(parts)
