"""Shared page layout for CommunityDesk PDFs: paper, styles, tables, header/footer.

Every document (sign-in sheet, agenda, minutes, pack, register, reports) is a
list of ReportLab flowables handed to :func:`build_document`, which adds the
running header (group, document title, date) and a "Page x of y" footer.
Everything here uses the embedded ``CDSans`` font so any member's name prints.
No database and no Qt: builders pass plain strings in.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import IO, Any, Union

from reportlab.lib.pagesizes import A4, LETTER, landscape, portrait
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Spacer,
)
from reportlab.platypus.doctemplate import ActionFlowable

from communitydesk.i18n import N_
from communitydesk.pdf.fonts import FONT, FONT_BOLD, register_fonts

# Re-exported so document builders need a single import.
from communitydesk.pdf.theme import (
    FAINT,
    INK,
    MUTED,
    RULE,
    Styles,
    long_table,
    styles,
    table_style,
    text,
)

__all__ = [
    "PageSetup",
    "Section",
    "SetHeader",
    "Styles",
    "build_document",
    "long_table",
    "sections",
    "styles",
    "table_style",
    "text",
]

Target = Union[str, "os.PathLike[str]", IO[bytes]]


_PAPERS = {"a4": ("A4", A4), "letter": ("Letter", LETTER)}
_HEADER_HEIGHT = 26.0  # two text lines and the rule, in points
_HEADER_GAP = 12.0  # space between header rule and body
_FOOTER_HEIGHT = 18.0  # footer rule, gap and text line


@dataclass(frozen=True)
class PageSetup:
    """Paper size and orientation; A4 by default, "Letter" for US/Canadian groups."""

    paper: str = "A4"
    orientation: str = "portrait"
    margin: float = 15 * mm

    def __post_init__(self) -> None:
        key = str(self.paper).strip().lower()
        if key not in _PAPERS:
            raise ValueError(f"unknown paper size {self.paper!r} (use A4 or Letter)")
        orientation = str(self.orientation).strip().lower()
        if orientation not in ("portrait", "landscape"):
            raise ValueError(f"unknown orientation {self.orientation!r} (portrait or landscape)")
        if not 0 <= self.margin <= 60 * mm:
            raise ValueError(f"margin {self.margin} pt out of range")
        object.__setattr__(self, "paper", _PAPERS[key][0])
        object.__setattr__(self, "orientation", orientation)

    @property
    def pagesize(self) -> tuple[float, float]:
        size = _PAPERS[self.paper.lower()][1]
        return landscape(size) if self.orientation == "landscape" else portrait(size)

    @property
    def width(self) -> float:
        return self.pagesize[0]

    @property
    def height(self) -> float:
        return self.pagesize[1]

    @property
    def content_width(self) -> float:
        """Width available to flowables (and so to a table's columns)."""
        return self.width - 2 * self.margin

    @property
    def content_height(self) -> float:
        """Height of the body frame, below the header and above the footer."""
        return self.height - 2 * self.margin - _HEADER_HEIGHT - _HEADER_GAP - _FOOTER_HEIGHT

    def col_widths(self, *weights: float) -> list[float]:
        """Split the content width in proportion to ``weights`` (e.g. 1, 6, 4)."""
        total = float(sum(weights))
        if not weights or total <= 0 or min(weights) < 0:
            raise ValueError("column weights must be non-negative and not all zero")
        return [self.content_width * w / total for w in weights]


# --------------------------------------------------------------------------- header


@dataclass(frozen=True)
class _Header:
    title: str
    subtitle: str


class SetHeader(ActionFlowable):
    """Change the running header's title (and subtitle) from this point on.

    Takes effect on the current page when nothing has been drawn on it yet
    (e.g. right after a PageBreak), otherwise from the next page. A ``None``
    subtitle means the document's own subtitle.
    """

    def __init__(self, title: str, subtitle: str | None = None) -> None:
        super().__init__()
        self.title = title
        self.subtitle = subtitle

    def apply(self, doc: BaseDocTemplate) -> None:  # called by doc.build, never drawn
        if not isinstance(doc, _Document):
            return
        subtitle = doc.default_subtitle if self.subtitle is None else self.subtitle
        header = _Header(self.title, subtitle)
        doc.current_header = header
        frame = getattr(doc, "frame", None)
        if frame is not None and getattr(frame, "_atTop", 0):
            doc.page_header = header


class _OutlineEntry(Flowable):
    """Zero-size marker that adds a PDF bookmark, so a pack's sections are clickable."""

    _count = 0

    def __init__(self, title: str) -> None:
        super().__init__()
        _OutlineEntry._count += 1
        self.title = title
        self.key = f"cd-section-{_OutlineEntry._count}"
        self.width = self.height = 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.bookmarkPage(self.key)
        self.canv.addOutlineEntry(self.title, self.key, level=0)


@dataclass
class Section:
    """One part of a combined PDF (e.g. the agenda inside a meeting pack)."""

    title: str
    story: Sequence[Flowable]
    subtitle: str | None = None


def sections(parts: Iterable[Section], *, bookmarks: bool = True) -> list[Flowable]:
    """Join sections into one story: each starts on a new page with its own header."""
    story: list[Flowable] = []
    for index, part in enumerate(parts):
        if index:
            story.append(PageBreak())
        story.append(SetHeader(part.title, part.subtitle))
        if bookmarks:
            story.append(_OutlineEntry(part.title))
        story.extend(part.story)
    return story


def _fit(value: str, font: str, size: float, width: float) -> str:
    """Shorten ``value`` with an ellipsis so it fits ``width`` points."""
    if stringWidth(value, font, size) <= width:
        return value
    while value and stringWidth(value + "…", font, size) > width:
        value = value[:-1]
    return value.rstrip() + "…" if value else ""


class _Document(BaseDocTemplate):
    """Doc template that remembers the header in force on each page."""

    def __init__(self, target: IO[bytes], *, page: PageSetup, group_name: str,
                 title: str, subtitle: str, **kw: Any) -> None:
        self.page_setup = page
        self.group_name = group_name
        self.default_subtitle = subtitle
        self.current_header = _Header(title, subtitle)
        self.page_header = self.current_header
        m = page.margin
        super().__init__(target, pagesize=page.pagesize, leftMargin=m, rightMargin=m,
                         topMargin=m, bottomMargin=m, title=title, **kw)
        frame = Frame(
            m, m + _FOOTER_HEIGHT, page.content_width, page.content_height,
            leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body",
        )
        self.addPageTemplates(
            PageTemplate("page", [frame], onPage=self._page_begins, onPageEnd=self._page_ends)
        )

    def _page_begins(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        self.page_header = self.current_header

    def _page_ends(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        page, header = self.page_setup, self.page_header
        left, right = page.margin, page.width - page.margin
        half = page.content_width / 2 - 6
        top = page.height - page.margin
        canv.saveState()
        canv.setFillColor(INK)
        canv.setFont(FONT_BOLD, 10)
        canv.drawString(left, top - 9, _fit(self.group_name, FONT_BOLD, 10, half))
        canv.drawRightString(right, top - 9, _fit(header.title, FONT_BOLD, 10, half))
        if header.subtitle:
            canv.setFillColor(MUTED)
            canv.setFont(FONT, 8.5)
            canv.drawRightString(right, top - 20, _fit(header.subtitle, FONT, 8.5, 2 * half))
        canv.setStrokeColor(INK)
        canv.setLineWidth(0.75)
        canv.line(left, top - _HEADER_HEIGHT, right, top - _HEADER_HEIGHT)
        canv.restoreState()


PAGE_LABEL = N_("Page {page} of {total}")  # a translated document passes its own (#19)


class _NumberedCanvas(Canvas):
    """Canvas that holds pages back until save() so the footer can say "of N"."""

    def __init__(self, *args: Any, page: PageSetup, footer_note: str | None,
                 page_label: str = PAGE_LABEL, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self._page_label = page_label
        self._page = page
        self._footer_note = footer_note or ""
        self._saved_pages: list[dict[str, Any]] = []
        self.page_count = 0

    def showPage(self) -> None:  # noqa: N802 - ReportLab's name
        self._saved_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        if not self._saved_pages:  # nothing was ever drawn: still give one page
            self.showPage()
        total = self.page_count = len(self._saved_pages)
        for state in self._saved_pages:
            self.__dict__.update(state)
            self._draw_footer(total)
            Canvas.showPage(self)
        self.page_count = total
        Canvas.save(self)

    def _draw_footer(self, total: int) -> None:
        page = self._page
        left, right = page.margin, page.width - page.margin
        base = page.margin
        label = self._page_label.format(page=self._pageNumber, total=total)
        self.saveState()
        self.setStrokeColor(RULE)
        self.setLineWidth(0.4)
        self.line(left, base + 10, right, base + 10)
        self.setFillColor(FAINT)
        self.setFont(FONT, 7.5)
        self.drawRightString(right, base, label)
        if self._footer_note:
            room = page.content_width - stringWidth(label, FONT, 7.5) - 18
            self.drawString(left, base, _fit(self._footer_note, FONT, 7.5, room))
        self.restoreState()


def _current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _write_atomically(path: Path, data: bytes) -> None:
    """Write via a temporary file so a failed build never leaves half a PDF."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o666 & ~_current_umask())  # mkstemp's 0600 would hide a shared PDF
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def build_document(
    target: Target,
    story: Iterable[Flowable],
    *,
    group_name: str,
    title: str,
    subtitle: str | None = None,
    page_setup: PageSetup | None = None,
    footer_note: str | None = None,
    author: str | None = None,
    page_label: str = PAGE_LABEL,
) -> int:
    """Lay out ``story`` and write the PDF to a path or binary file; return the page count.

    Every page gets a header (group name left; ``title`` and ``subtitle``, typically
    the meeting date and venue, right) and a "Page x of y" footer with an optional
    ``footer_note`` (e.g. "Printed 5 March 2026"). Flowables are consumed: build a
    fresh story for each call. An empty story gives a one-page document.
    """
    register_fonts()
    page = page_setup or PageSetup()
    buffer = io.BytesIO()
    doc = _Document(
        buffer, page=page, group_name=group_name or "", title=title or "",
        subtitle=subtitle or "", author=author or group_name or "",
        creator="CommunityDesk", initialFontName=FONT, initialFontSize=10,
    )
    flowables = list(story) or [Spacer(0, 0)]
    canvases: list[_NumberedCanvas] = []

    def make_canvas(*args: Any, **kw: Any) -> _NumberedCanvas:
        canv = partial(_NumberedCanvas, page=page, footer_note=footer_note, page_label=page_label)(*args, **kw)
        canvases.append(canv)
        return canv

    doc.build(flowables, canvasmaker=make_canvas)
    data = buffer.getvalue()
    if isinstance(target, (str, os.PathLike)):
        _write_atomically(Path(target), data)
    else:
        target.write(data)
    return canvases[-1].page_count
