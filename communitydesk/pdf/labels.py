"""Address labels on common sheets (L7160, L7163, Avery 5160) or a custom grid.

Geometry is in points from the sheet's top-left corner, as the maker prints it.
Text is shrunk until every line fits its label and never spills; a line still too
wide at the smallest readable size is shortened with an ellipsis. A part-used sheet
is reused by starting at label N; an outline shows the boxes for a test print on plain paper.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import inch, mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from communitydesk.errors import UserError
from communitydesk.i18n import _
from communitydesk.pdf.fonts import FONT, FONT_BOLD, register_fonts
from communitydesk.pdf.layout import _write_atomically
from communitydesk.pdf.theme import INK, RULE

MAX_SIZE = 11.0  # points: the usual address size
MIN_SIZE = 5.0  # smaller than this is unreadable on an envelope
LEADING = 1.18


@dataclass(frozen=True)
class LabelLayout:
    """A sheet of labels: page size, grid, label size, top-left margins and pitch (all points)."""

    name: str
    page_width: float
    page_height: float
    rows: int
    columns: int
    label_width: float
    label_height: float
    left: float
    top: float
    across: float  # horizontal pitch: left edge to next left edge
    down: float  # vertical pitch
    padding: float = 3 * mm

    def __post_init__(self) -> None:
        if self.rows < 1 or self.columns < 1 or self.rows * self.columns > 200:
            raise UserError(_("{name}: a sheet needs 1 to 200 labels").format(name=self.name))
        if min(self.label_width, self.label_height) < 10 * mm:
            raise UserError(_("{name}: labels smaller than 10 mm cannot hold an address").format(name=self.name))
        if self.across < self.label_width or self.down < self.label_height:
            raise UserError(_("{name}: the pitch is smaller than a label, so labels would overlap").format(name=self.name))
        right = self.left + (self.columns - 1) * self.across + self.label_width
        bottom = self.top + (self.rows - 1) * self.down + self.label_height
        if self.left < 0 or self.top < 0 or right > self.page_width + 0.01 or bottom > self.page_height + 0.01:
            raise UserError(_("{name}: the labels do not fit on the page; check margins and pitch").format(name=self.name))

    @property
    def per_sheet(self) -> int:
        return self.rows * self.columns

    def box(self, index: int) -> tuple[float, float, float, float]:
        """Label ``index`` (0-based, across then down) as (x, y-from-top, width, height)."""
        row, column = divmod(index % self.per_sheet, self.columns)
        return (self.left + column * self.across, self.top + row * self.down,
                self.label_width, self.label_height)


LAYOUTS = {
    "L7160": LabelLayout("L7160", *A4, rows=7, columns=3, label_width=63.5 * mm, label_height=38.1 * mm,
                         left=7.25 * mm, top=15.15 * mm, across=66.04 * mm, down=38.1 * mm),
    "L7163": LabelLayout("L7163", *A4, rows=7, columns=2, label_width=99.1 * mm, label_height=38.1 * mm,
                         left=4.65 * mm, top=15.15 * mm, across=101.6 * mm, down=38.1 * mm),
    "5160": LabelLayout("5160", *LETTER, rows=10, columns=3, label_width=2.625 * inch,
                        label_height=1 * inch, left=0.1875 * inch, top=0.5 * inch,
                        across=2.75 * inch, down=1 * inch, padding=2 * mm),
}


def custom_layout(*, rows: int, columns: int, label_width_mm: float, label_height_mm: float,
                  left_mm: float, top_mm: float, across_mm: float, down_mm: float,
                  paper: str = "A4") -> LabelLayout:
    """A grid measured with a ruler, in millimetres."""
    size = LETTER if paper.strip().lower() == "letter" else A4
    return LabelLayout("custom", *size, rows=rows, columns=columns, label_width=label_width_mm * mm,
                       label_height=label_height_mm * mm, left=left_mm * mm, top=top_mm * mm,
                       across=across_mm * mm, down=down_mm * mm,
                       padding=min(3 * mm, label_height_mm * mm / 8))


def layout_named(name: str) -> LabelLayout:
    found = next((layout for key, layout in LAYOUTS.items() if key.lower() == name.strip().lower()), None)
    if found is None:
        raise UserError(_("--layout: unknown label sheet {name!r}; use one of {layouts}").format(name=name, layouts=', '.join(LAYOUTS)))
    return found


def _shorten(line: str, font: str, size: float, width: float) -> str:
    if stringWidth(line, font, size) <= width:
        return line
    while line and stringWidth(line + "…", font, size) > width:
        line = line[:-1]
    return line.rstrip() + "…"


WRAP_BELOW = 8.0  # above this size a long line shrinks the label; below, it may wrap instead


def _font(index: int) -> str:
    return FONT_BOLD if index == 0 else FONT


def _wrap(line: str, font: str, size: float, width: float) -> list[str]:
    """Words onto as many lines as needed; a word wider than the label is broken."""
    out: list[str] = []
    current = ""
    for word in line.split(" "):
        candidate = f"{current} {word}" if current else word
        if stringWidth(candidate, font, size) <= width:
            current = candidate
            continue
        if current:
            out.append(current)
        current = ""
        for char in word:
            if stringWidth(current + char, font, size) > width and current:
                out.append(current)
                current = ""
            current += char
    if current:
        out.append(current)
    return out


def fit_lines(lines: Sequence[str], width: float, height: float) -> tuple[float, list[tuple[int, str]]]:
    """The largest size (MIN_SIZE..MAX_SIZE) at which the address fits, and the lines to print
    as (index of the address line it came from, text): the name is line 0, printed bold."""
    kept = [" ".join(line.split()) for line in lines if line and line.strip()]
    size = MAX_SIZE
    while True:
        room = int(height // (size * LEADING))
        if max((stringWidth(t, _font(i), size) for i, t in enumerate(kept)), default=0) <= width \
                and len(kept) <= room:
            return size, list(enumerate(kept))
        if size <= WRAP_BELOW:
            wrapped = [(i, part) for i, t in enumerate(kept) for part in _wrap(t, _font(i), size, width)]
            if len(wrapped) <= room:
                return size, wrapped
        if size <= MIN_SIZE:
            break
        size = max(MIN_SIZE, round(size - 0.25, 2))
    # Still too much at the smallest size: keep what fits, the last kept line ends with "…".
    room = max(1, int(height // (size * LEADING)))
    wrapped = wrapped[:room]
    index, last = wrapped[-1]
    wrapped[-1] = (index, _shorten(last + "…", _font(index), size, width))
    return size, wrapped


def save_pdf(target: str | Path | IO[bytes], data: bytes) -> None:
    """To a path (atomically) or an open binary file (the window's preview)."""
    if isinstance(target, (str, Path)):
        _write_atomically(Path(target), data)
    else:
        target.write(data)


def render_labels(addresses: Sequence[Sequence[str]], target: str | Path | IO[bytes], layout: LabelLayout, *,
                  start_at: int = 1, outline: bool = False, title: str | None = None,
                  author: str = "") -> int:
    """Write the labels (one address each, name first); return the page count."""
    if not 1 <= start_at <= layout.per_sheet:
        raise UserError(_("start label must be from 1 to {per_sheet} on a {name} sheet").format(per_sheet=layout.per_sheet, name=layout.name))
    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(layout.page_width, layout.page_height), pageCompression=1)
    canvas.setTitle(title or _("Address labels"))
    canvas.setCreator("CommunityDesk")
    canvas.setAuthor(author)
    slot = start_at - 1
    pages = 1
    if not addresses and outline:
        _outline(canvas, layout)
    for number, lines in enumerate(addresses):
        if number and slot % layout.per_sheet == 0:
            canvas.showPage()
            pages += 1
        if outline and (slot % layout.per_sheet == 0 or number == 0):
            _outline(canvas, layout)
        _draw_label(canvas, layout, slot % layout.per_sheet, lines)
        slot += 1
    canvas.showPage()
    canvas.save()
    save_pdf(target, buffer.getvalue())
    return pages


def _outline(canvas: Canvas, layout: LabelLayout) -> None:
    canvas.saveState()
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.4)
    for index in range(layout.per_sheet):
        x, top, w, h = layout.box(index)
        canvas.roundRect(x, layout.page_height - top - h, w, h, 2 * mm, stroke=1, fill=0)
    canvas.restoreState()


def _draw_label(canvas: Canvas, layout: LabelLayout, index: int, lines: Sequence[str]) -> None:
    x, top, w, h = layout.box(index)
    pad = layout.padding
    size, kept = fit_lines(lines, w - 2 * pad, h - 2 * pad)
    leading = size * LEADING
    block = len(kept) * leading
    # centred vertically; the first baseline sits one ascent below the block's top
    y = layout.page_height - top - (h - block) / 2 - size * 0.95
    canvas.setFillColor(INK)
    for i, line in kept:
        canvas.setFont(_font(i), size)
        canvas.drawString(x + pad, y, line)
        y -= leading
