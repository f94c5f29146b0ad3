"""Name badges, 8 to a sheet (2 × 4) with cut marks: the name people go by large, surname smaller.

Blank badges (group name and a line to write on) follow for newcomers.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import IO

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from communitydesk.pdf.fonts import FONT, FONT_BOLD, register_fonts
from communitydesk.pdf.labels import save_pdf
from communitydesk.pdf.theme import FAINT, INK, MUTED, RULE
from communitydesk.services.outreach.documents import Badge, BadgeData

COLUMNS, ROWS = 2, 4
BADGE_WIDTH, BADGE_HEIGHT = 90 * mm, 60 * mm
CUT_MARK = 5 * mm
PADDING = 5 * mm


def _fit_size(value: str, font: str, largest: float, smallest: float, width: float) -> float:
    size = largest
    while size > smallest and stringWidth(value, font, size) > width:
        size -= 0.5
    return size


def _shorten(value: str, font: str, size: float, width: float) -> str:
    if stringWidth(value, font, size) <= width:
        return value
    while value and stringWidth(value + "…", font, size) > width:
        value = value[:-1]
    return value.rstrip() + "…"


def _origin(page: tuple[float, float]) -> tuple[float, float]:
    """The grid's top-left corner (x, y from the bottom), centred on the page."""
    width, height = page
    return (width - COLUMNS * BADGE_WIDTH) / 2, height - (height - ROWS * BADGE_HEIGHT) / 2


def _cut_marks(canvas: Canvas, page: tuple[float, float]) -> None:
    """Short lines outside the grid where every cut goes, so no mark shows on a badge."""
    left, top = _origin(page)
    right, bottom = left + COLUMNS * BADGE_WIDTH, top - ROWS * BADGE_HEIGHT
    canvas.saveState()
    canvas.setStrokeColor(MUTED)
    canvas.setLineWidth(0.5)
    for column in range(COLUMNS + 1):
        x = left + column * BADGE_WIDTH
        canvas.line(x, top + 1.5 * mm, x, top + 1.5 * mm + CUT_MARK)
        canvas.line(x, bottom - 1.5 * mm, x, bottom - 1.5 * mm - CUT_MARK)
    for row in range(ROWS + 1):
        y = top - row * BADGE_HEIGHT
        canvas.line(left - 1.5 * mm, y, left - 1.5 * mm - CUT_MARK, y)
        canvas.line(right + 1.5 * mm, y, right + 1.5 * mm + CUT_MARK, y)
    canvas.restoreState()


def _draw(canvas: Canvas, x: float, y_top: float, group: str, badge: Badge | None) -> None:
    width = BADGE_WIDTH - 2 * PADDING
    canvas.saveState()
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.3)
    canvas.rect(x, y_top - BADGE_HEIGHT, BADGE_WIDTH, BADGE_HEIGHT, stroke=1, fill=0)
    centre = x + BADGE_WIDTH / 2
    canvas.setFillColor(FAINT)
    canvas.setFont(FONT, 8)
    canvas.drawCentredString(centre, y_top - PADDING - 6, _shorten(group, FONT, 8, width))
    if badge is None:
        canvas.setFillColor(MUTED)
        canvas.setFont(FONT, 10)
        canvas.drawCentredString(centre, y_top - 24 * mm, "Hello, my name is")
        canvas.setStrokeColor(MUTED)
        canvas.line(x + PADDING, y_top - 42 * mm, x + BADGE_WIDTH - PADDING, y_top - 42 * mm)
        canvas.restoreState()
        return
    called = badge.called or badge.surname
    size = _fit_size(called, FONT_BOLD, 30, 14, width)
    canvas.setFillColor(INK)
    canvas.setFont(FONT_BOLD, size)
    canvas.drawCentredString(centre, y_top - 30 * mm, _shorten(called, FONT_BOLD, size, width))
    if badge.surname and badge.called:
        small = _fit_size(badge.surname, FONT, 15, 9, width)
        canvas.setFont(FONT, small)
        canvas.drawCentredString(centre, y_top - 40 * mm, _shorten(badge.surname, FONT, small, width))
    if badge.line:
        canvas.setFillColor(MUTED)
        canvas.setFont(FONT, 9)
        canvas.drawCentredString(centre, y_top - BADGE_HEIGHT + PADDING + 2,
                                 _shorten(badge.line, FONT, 9, width))
    canvas.restoreState()


def render_badges(data: BadgeData, target: str | Path | IO[bytes]) -> int:
    """Write the badge sheets; return the page count (one page even with no badges)."""
    register_fonts()
    page = LETTER if data.letterhead.paper_size == "Letter" else A4
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=page, pageCompression=1)
    canvas.setTitle(f"Name badges: {data.meeting_title}")
    canvas.setAuthor(data.letterhead.group_name)
    canvas.setCreator("CommunityDesk")
    items: list[Badge | None] = [*data.badges, *([None] * data.blanks)]
    left, top = _origin(page)
    per_page = COLUMNS * ROWS
    pages = max(1, -(-len(items) // per_page))
    for number in range(pages):
        _cut_marks(canvas, page)
        for slot, badge in enumerate(items[number * per_page:(number + 1) * per_page]):
            row, column = divmod(slot, COLUMNS)
            _draw(canvas, left + column * BADGE_WIDTH, top - row * BADGE_HEIGHT,
                  data.letterhead.group_name, badge)
        canvas.showPage()
    canvas.save()
    save_pdf(target, buffer.getvalue())
    return pages
