"""ReportLab charts for the attendance report: per meeting over time, new vs returning a month.

Every label uses the embedded CDSans font (chart text defaults to Helvetica).
Charts take plain numbers and labels, so they are easy to test and reuse.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from communitydesk.i18n import N_
from communitydesk.pdf.fonts import FONT, FONT_BOLD, register_fonts

PRESENT_COLOUR = colors.HexColor("#3E7CB1")
NEW_COLOUR = colors.HexColor("#F0A202")
RETURNING_COLOUR = colors.HexColor("#3E7CB1")
AXIS_COLOUR = colors.HexColor("#52606D")


def _thin(labels: Sequence[str], room: int) -> list[str]:
    """Keep every n-th label so at most ``room`` are drawn; the others are blank."""
    step = max(1, -(-len(labels) // max(room, 1)))
    return [label if i % step == 0 else "" for i, label in enumerate(labels)]


def _bar_chart(width: float, height: float, data: list[list[int]], labels: Sequence[str],
               title: str, fills: Sequence[colors.Color], *, stacked: bool = False,
               legend: Sequence[str] = ()) -> Drawing:
    register_fonts()
    drawing = Drawing(width, height)
    drawing.add(String(0, height - 12, title, fontName=FONT_BOLD, fontSize=10,
                       fillColor=colors.HexColor("#1F2933")))
    chart = VerticalBarChart()
    chart.x, chart.y = 32, 36
    chart.width = width - 44 - (90 if legend else 0)
    chart.height = height - 62
    chart.data = data if any(data) else [[0]]
    chart.categoryAxis.categoryNames = _thin(list(labels) or [""], int(chart.width // 34))
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 6.5
    chart.categoryAxis.labels.angle = 35 if len(labels) > 6 else 0
    chart.categoryAxis.labels.boxAnchor = "ne" if len(labels) > 6 else "n"
    chart.categoryAxis.strokeColor = AXIS_COLOUR
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.valueAxis.strokeColor = AXIS_COLOUR
    chart.valueAxis.gridStrokeColor = colors.HexColor("#E4E7EB")
    chart.valueAxis.visibleGrid = True
    peak = max((sum(col) if stacked else max(col)) for col in zip(*chart.data, strict=True))
    if peak < 5:
        chart.valueAxis.valueMax = 5
        chart.valueAxis.valueStep = 1
    chart.barSpacing = 0
    chart.groupSpacing = 2 if len(labels) > 40 else 5
    if stacked:
        chart.categoryAxis.style = "stacked"
    for index, fill in enumerate(fills):
        chart.bars[index].fillColor = fill
        chart.bars[index].strokeColor = None
    drawing.add(chart)
    if legend:
        key = Legend()
        key.x, key.y = width - 86, height - 30
        key.fontName = FONT
        key.fontSize = 8
        key.alignment = "right"
        key.colorNamePairs = list(zip(fills, legend, strict=True))
        drawing.add(key)
    return drawing


PER_MEETING_TITLE = N_("Attendance per meeting")
NEW_VS_RETURNING_TITLE = N_("New and returning people per month")
LEGEND = (N_("New"), N_("Returning"))


def _english(message: str) -> str:
    return message


def attendance_per_meeting_chart(width: float, height: float, labels: Sequence[str],
                                 present: Sequence[int], *,
                                 translate: Callable[[str], str] = _english) -> Drawing:
    """People present at each counted meeting, in date order (``translate``: the document's ``_``)."""
    return _bar_chart(width, height, [list(present)], labels, translate(PER_MEETING_TITLE),
                      [PRESENT_COLOUR])


def new_vs_returning_chart(width: float, height: float, months: Sequence[str],
                           new: Sequence[int], returning: Sequence[int], *,
                           translate: Callable[[str], str] = _english) -> Drawing:
    """Different people each month, split into first-timers and people who came before."""
    return _bar_chart(width, height, [list(new), list(returning)], months,
                      translate(NEW_VS_RETURNING_TITLE), [NEW_COLOUR, RETURNING_COLOUR],
                      stacked=True, legend=tuple(translate(w) for w in LEGEND))
