"""Look of every CommunityDesk PDF: colours, paragraph styles and tables.

All styles and table styles name the embedded ``CDSans`` font explicitly:
ReportLab falls back to Helvetica otherwise, which prints black boxes for
"Ł", "Ş", Greek and Cyrillic names.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, fields
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, LongTable, Paragraph, TableStyle

from communitydesk.pdf.fonts import FONT, FONT_BOLD, register_fonts
from communitydesk.pdf.row_heights import MeasuredHeights

__all__ = [
    "FAINT",
    "HEADER_FILL",
    "INK",
    "MUTED",
    "RULE",
    "ZEBRA_FILL",
    "CellValue",
    "Styles",
    "long_table",
    "styles",
    "table_style",
    "text",
]

CellValue = Any  # str | int | float | date | Flowable | None

# Colours: dark slate text, muted grey for secondary text, light rules and fills.
INK = colors.HexColor("#1F2933")
MUTED = colors.HexColor("#52606D")
FAINT = colors.HexColor("#7B8794")
RULE = colors.HexColor("#CBD2D9")
HEADER_FILL = colors.HexColor("#E4E7EB")
ZEBRA_FILL = colors.HexColor("#F5F7FA")


@dataclass(frozen=True)
class Styles:
    """The paragraph styles every document uses; all set in the CDSans font."""

    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_header: ParagraphStyle
    cell_center: ParagraphStyle
    cell_right: ParagraphStyle

    def __getitem__(self, name: str) -> ParagraphStyle:
        return getattr(self, name)

    def all(self) -> list[ParagraphStyle]:
        return [getattr(self, f.name) for f in fields(self)]


def styles() -> Styles:
    """Fresh ParagraphStyles (callers may tweak their copy) bound to the CDSans font."""
    register_fonts()
    base = ParagraphStyle("cd-base", fontName=FONT, fontSize=10, leading=13.5, textColor=INK)

    def derive(name: str, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(f"cd-{name}", parent=base, **kw)

    cell = derive("cell", fontSize=9, leading=11.2)
    return Styles(
        title=derive("title", fontName=FONT_BOLD, fontSize=18, leading=22, spaceAfter=4),
        subtitle=derive("subtitle", fontSize=11, leading=14, textColor=MUTED, spaceAfter=10),
        heading=derive(
            "heading", fontName=FONT_BOLD, fontSize=13, leading=16,
            spaceBefore=10, spaceAfter=4, keepWithNext=1,
        ),
        subheading=derive(
            "subheading", fontName=FONT_BOLD, fontSize=11, leading=14,
            spaceBefore=8, spaceAfter=3, keepWithNext=1,
        ),
        body=derive("body", spaceAfter=5),
        small=derive("small", fontSize=8, leading=10, textColor=MUTED),
        cell=cell,
        cell_header=ParagraphStyle("cd-cell-header", parent=cell, fontName=FONT_BOLD),
        cell_center=ParagraphStyle("cd-cell-center", parent=cell, alignment=TA_CENTER),
        cell_right=ParagraphStyle("cd-cell-right", parent=cell, alignment=TA_RIGHT),
    )


def text(value: object, style: ParagraphStyle) -> Paragraph:
    """A Paragraph of plain user text: ``& < >`` escaped, newlines kept as line breaks.

    Use this for anything typed by a person (names, minutes); build a Paragraph
    directly only for markup you wrote yourself.
    """
    raw = "" if value is None else str(value)
    lines = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return Paragraph("<br/>".join(escape(line) for line in lines), style)


def table_style(
    header_rows: int = 1,
    *,
    zebra: bool = True,
    font_size: float = 9,
    extra: Sequence[tuple[Any, ...]] = (),
) -> TableStyle:
    """A TableStyle that sets FONTNAME on every cell (tables default to Helvetica).

    Header rows are bold on a grey fill with a firm rule below; body rows get a
    light grid and optional zebra striping. ``extra`` commands are appended last.
    """
    register_fonts()
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), font_size),
        ("LEADING", (0, 0), (-1, -1), font_size * 1.25),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
        ("INNERGRID", (0, 0), (-1, -1), 0.25, RULE),
        ("BOX", (0, 0), (-1, -1), 0.5, FAINT),
    ]
    if header_rows > 0:
        last = header_rows - 1
        commands += [
            ("FONTNAME", (0, 0), (-1, last), FONT_BOLD),
            ("BACKGROUND", (0, 0), (-1, last), HEADER_FILL),
            ("VALIGN", (0, 0), (-1, last), "BOTTOM"),
            ("LINEBELOW", (0, last), (-1, last), 0.8, INK),
        ]
    if zebra:
        commands.append(("ROWBACKGROUNDS", (0, header_rows), (-1, -1), [colors.white, ZEBRA_FILL]))
    commands.extend(extra)
    return TableStyle(commands)


class _SplittingTable(LongTable):
    """LongTable that splits inside a row only when the row cannot fit a whole page.

    Plain ``splitInRow=1`` also splits ordinary rows at the foot of a page and can
    repeat the header mid-page; plain ``splitInRow=0`` aborts the whole build on
    one very long cell. This tries row boundaries first and splits inside a row
    only at the top of a fresh frame (or after ReportLab already moved it once).
    """

    def _calc_height(self, availHeight: float, availWidth: float, H: Any = None, W: Any = None) -> None:  # noqa: N803 - ReportLab's names
        """ReportLab's own measuring, over ``MeasuredHeights`` so it is one pass (row_heights.py)."""
        given = self._argH
        if self._spanCmds or None not in given:  # spans re-shape heights: ReportLab's own way
            super()._calc_height(availHeight, availWidth, H=H, W=W)
            return
        self._argH = MeasuredHeights(given)
        try:
            super()._calc_height(availHeight, availWidth, H=H, W=W)
        finally:
            self._argH = given
        self._rowHeights = list(self._rowHeights)  # a plain list again for splitting

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self.splitInRow = 0
        parts = super().split(avail_width, avail_height)
        frame = getattr(self, "_frame", None)
        fresh = frame is not None and bool(getattr(frame, "_atTop", 0))
        if not parts and (fresh or getattr(self, "_postponed", False)):
            self.splitInRow = 1
            parts = super().split(avail_width, avail_height)
            self.splitInRow = 0
        return parts


_ALIGN = {TA_CENTER: "CENTER", TA_RIGHT: "RIGHT"}


def _fits_one_line(value: CellValue, width: float) -> bool:
    """A short single-line string that needs no wrapping at the table's 9 pt size."""
    return (isinstance(value, str) and "\n" not in value and "\r" not in value
            and stringWidth(value, FONT, 9) <= width)


def _plain(value: CellValue) -> str:
    return "" if value is None else str(value)


def _cell(value: CellValue, style: ParagraphStyle) -> Flowable:
    if isinstance(value, Flowable):
        return value
    return text(value, style)


def long_table(
    data: Sequence[Sequence[CellValue]],
    col_widths: Sequence[float],
    header_rows: int = 1,
    *,
    zebra: bool = True,
    row_heights: Sequence[float | None] | None = None,
    extra_style: Sequence[tuple[Any, ...]] = (),
    cell_styles: Sequence[ParagraphStyle | None] | None = None,
    empty_text: str = "Nothing to show.",
    plain_columns: Collection[int] = (),
    plain_when_fits: Collection[int] = (),
) -> Flowable:
    """A page-splitting table whose header rows repeat on every page.

    Plain values become escaped Paragraphs so long names wrap inside their
    column; Flowables are used as given. ``cell_styles`` optionally gives a
    body style per column (e.g. ``cell_right`` for numbers). With no rows at
    all, returns a small paragraph saying ``empty_text`` instead of failing.

    ``plain_columns`` lists body columns whose short values (numbers, ticks,
    blank signature space) stay plain strings drawn in the table's own CDSans
    font: no wrapping, but several times faster than a Paragraph per cell, which
    matters for a 1,000-name sheet or a 500 × 12 register. They keep the
    alignment of their ``cell_styles`` entry. ``plain_when_fits`` columns (names)
    use a plain string when the value fits on one line, and a wrapping Paragraph
    only when it does not.
    """
    st = styles()
    if not data:
        return text(empty_text, st.body)
    ncols = max(len(row) for row in data)
    if len(col_widths) != ncols:
        raise ValueError(f"{len(col_widths)} column widths for {ncols} columns")
    per_column = list(cell_styles or [])
    per_column += [None] * (ncols - len(per_column))
    # Header cells follow their column's alignment (a right-aligned "Rate" column).
    header_styles = [
        ParagraphStyle(f"cd-cell-header-{i}", parent=st.cell_header, alignment=style.alignment)
        if style is not None and style.alignment != st.cell_header.alignment
        else st.cell_header
        for i, style in enumerate(per_column)
    ]
    plain = frozenset(plain_columns)
    fits = frozenset(plain_when_fits)
    room = [width - 8.5 for width in col_widths]  # less the 4 pt paddings, with a margin
    body_styles = [per_column[i] or st.cell for i in range(ncols)]
    rows: list[list[Any]] = []
    for index, row in enumerate(data):
        padded = list(row) + [""] * (ncols - len(row))
        if index < header_rows:
            rows.append([_cell(v, header_styles[i]) for i, v in enumerate(padded)])
        else:
            rows.append([
                _plain(v) if (i in plain and not isinstance(v, Flowable))
                or (i in fits and _fits_one_line(v, room[i])) else _cell(v, body_styles[i])
                for i, v in enumerate(padded)
            ])
    aligned: list[tuple[Any, ...]] = [
        ("ALIGN", (i, header_rows), (i, -1), _ALIGN.get(body_styles[i].alignment, "LEFT"))
        for i in sorted(plain) if i < ncols
    ]
    table = _SplittingTable(
        rows,
        colWidths=list(col_widths),
        rowHeights=list(row_heights) if row_heights is not None else None,
        repeatRows=min(header_rows, len(rows)),
        hAlign="LEFT",
    )
    table.setStyle(table_style(header_rows, zebra=zebra, extra=[*aligned, *extra_style]))
    return table
