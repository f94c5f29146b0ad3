"""Mail-merge letters: one page each, with the group's letterhead and the address placed for a
window envelope (DL/C5, left window). A long letter is set smaller so it stays on its page."""

from __future__ import annotations

import io
from pathlib import Path
from typing import IO

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame, KeepInFrame, Spacer

from communitydesk.pdf.fonts import FONT, FONT_BOLD, register_fonts
from communitydesk.pdf.labels import save_pdf
from communitydesk.pdf.layout import styles, text
from communitydesk.pdf.theme import INK, MUTED, RULE
from communitydesk.services.outreach.letters import Letter, LetterData

MARGIN = 20 * mm


def _letterhead(canvas: Canvas, data: LetterData, width: float, height: float) -> None:
    head = data.letterhead
    canvas.saveState()
    canvas.setFillColor(INK)
    canvas.setFont(FONT_BOLD, 16)
    canvas.drawString(MARGIN, height - 18 * mm, head.group_name)
    canvas.setFillColor(MUTED)
    canvas.setFont(FONT, 9)
    if head.group_email:
        canvas.drawString(MARGIN, height - 23 * mm, head.group_email)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.6)
    canvas.line(MARGIN, height - 26 * mm, width - MARGIN, height - 26 * mm)
    canvas.restoreState()


def _address(canvas: Canvas, lines: tuple[str, ...], height: float) -> None:
    """Inside a left window (20 mm in, 45 mm down, 90 × 40 mm)."""
    canvas.saveState()
    canvas.setFillColor(INK)
    size = 10.5 if len(lines) <= 6 else 9
    y = height - 50 * mm
    for line in lines[:8]:
        canvas.setFont(FONT, size)
        canvas.drawString(MARGIN, y, line)
        y -= size * 1.25
    canvas.restoreState()


def _body(canvas: Canvas, letter: Letter, date_line: str, width: float, height: float) -> None:
    style = ParagraphStyle("cd-letter", parent=styles().body, fontSize=11, leading=15, spaceAfter=0)
    story = [text(date_line, ParagraphStyle("cd-letter-date", parent=style, alignment=2)),
             Spacer(0, 8 * mm)]
    for paragraph in letter.body.replace("\r\n", "\n").split("\n\n"):
        story += [text(paragraph.strip("\n"), style), Spacer(0, 4 * mm)]
    frame_top = height - 92 * mm
    frame = Frame(MARGIN, MARGIN, width - 2 * MARGIN, frame_top - MARGIN, leftPadding=0,
                  rightPadding=0, topPadding=0, bottomPadding=0, showBoundary=0)
    frame.addFromList([KeepInFrame(width - 2 * MARGIN, frame_top - MARGIN, story, mode="shrink")], canvas)


def render_letters(data: LetterData, target: str | Path | IO[bytes]) -> int:
    """Write one page per letter; return the page count (one blank letterhead page if none)."""
    register_fonts()
    page = LETTER if data.letterhead.paper_size == "Letter" else A4
    width, height = page
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=page, pageCompression=1)
    canvas.setTitle(f"Letters from {data.letterhead.group_name}")
    canvas.setAuthor(data.letterhead.group_name)
    canvas.setCreator("CommunityDesk")
    for letter in data.letters:
        _letterhead(canvas, data, width, height)
        _address(canvas, letter.address_lines, height)
        _body(canvas, letter, data.date_line, width, height)
        canvas.showPage()
    if not data.letters:
        _letterhead(canvas, data, width, height)
        canvas.showPage()
    canvas.save()
    save_pdf(target, buffer.getvalue())
    return max(1, len(data.letters))
