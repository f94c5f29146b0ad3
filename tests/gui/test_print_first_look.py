"""A long document's preview opens on its first pages, then fills in (#14)."""

from __future__ import annotations

from pathlib import Path

from communitydesk.config import Paths
from communitydesk.db.engine import Database
from communitydesk.gui.printing import print_menu
from communitydesk.gui.printing.first_pages import first_pages_of
from communitydesk.pdf.documents import DocumentKind
from tests.gui.test_printing import make_window
from tests.pdf.poppler import page_count, pdftotext


def _text(pdf: bytes, tmp_path: Path, name: str) -> str:
    path = tmp_path / name
    path.write_bytes(pdf)
    return pdftotext(path)


def test_a_long_sign_in_sheet_shows_its_start_then_the_whole(qtbot, monkeypatch, demo_db: Database,
                                                              paths: Paths, tmp_path: Path) -> None:
    monkeypatch.setattr(print_menu, "first_pages_of", lambda data: first_pages_of(data, keep=3))
    window = make_window(qtbot, demo_db, paths)
    started, opened, seen = [], [], []
    window.printing.preview_opened.connect(opened.append)

    def first_look(dialog) -> None:  # noqa: ANN001 - the preview, as it first appears
        started.append(dialog)
        seen.append((dialog.complete, dialog.print_button.isEnabled(), dialog.save_button.isEnabled(),
                     dialog.info.text(), dialog.pdf))

    window.printing.preview_started.connect(first_look)
    window.printing.preview(DocumentKind.SIGN_IN, 11)
    qtbot.waitUntil(lambda: bool(started), timeout=60_000)
    dialog = started[0]
    qtbot.addWidget(dialog)
    complete, can_print, can_save, info, first_pdf = seen[0]
    assert (complete, can_print, can_save) == (False, False, False)  # the whole is not in yet
    assert info == "Only the first pages so far (counts are not final) · preparing the rest…"
    first = _text(first_pdf, tmp_path, "first.pdf")
    qtbot.waitUntil(lambda: bool(opened), timeout=60_000)
    assert opened == [dialog] and dialog.complete and dialog.print_button.isEnabled()
    whole = _text(dialog.pdf, tmp_path, "whole.pdf")
    assert len(whole) > len(first)
    assert dialog.page_count() == page_count(tmp_path / "whole.pdf")
    # loaded and measured on the worker, then handed to the window's thread and kept by the dialog
    from PySide6.QtWidgets import QApplication

    assert dialog.document.thread() is QApplication.instance().thread()
    assert dialog.document.parent() is dialog and dialog.view.document() is dialog.document
    assert "pages" in dialog.info.text() or "page" in dialog.info.text()


def test_short_lists_are_left_whole() -> None:
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class Inner:
        names: tuple[str, ...]

    @dataclass(frozen=True)
    class Outer:
        inner: Inner
        rows: tuple[int, ...]

    short = Outer(Inner(("a", "b")), (1, 2))
    assert first_pages_of(short, keep=2) is short
    long = Outer(Inner(("a", "b", "c")), (1, 2, 3))
    assert first_pages_of(long, keep=2) == Outer(Inner(("a", "b")), (1, 2))


def test_closing_a_preview_on_its_first_pages_stops_the_rest(qtbot, monkeypatch, demo_db: Database,
                                                              paths: Paths) -> None:
    import dataclasses

    real_gather = print_menu.gather

    def long_sheet(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202 - the demo sheet, 300 times over
        data = real_gather(*args, **kwargs)
        return dataclasses.replace(data, people=data.people * 300)

    monkeypatch.setattr(print_menu, "gather", long_sheet)
    window = make_window(qtbot, demo_db, paths)
    started, opened = [], []
    window.printing.preview_started.connect(started.append)
    window.printing.preview_opened.connect(opened.append)
    window.printing.preview(DocumentKind.SIGN_IN, 11)
    qtbot.waitUntil(lambda: bool(started), timeout=60_000)
    layout = window.printing.layout
    qtbot.waitUntil(lambda: layout._running is not None, timeout=60_000)  # noqa: SLF001 - the child at work
    child = layout._process  # noqa: SLF001
    started[0].reject()  # closed before the whole was in
    qtbot.waitUntil(lambda: not child.is_alive(), timeout=10_000)  # its layout stopped
    window.ctx.ops.wait_idle()
    assert opened == []  # nothing opened late
    monkeypatch.setattr(print_menu, "gather", real_gather)
    window.printing.preview(DocumentKind.SIGN_IN, 11)  # the next print lays out in a new child
    qtbot.waitUntil(lambda: bool(opened), timeout=60_000)
    assert opened[0].complete


def test_measuring_a_long_document_lets_the_window_have_pythons_lock(qtbot, monkeypatch) -> None:
    """pdfium's page sizes are asked on a worker; the loop alone kept Python's lock for 30-60 ms
    on a 560-page pack, so it pauses every few pages (#14)."""
    import io

    from reportlab.pdfgen import canvas

    from communitydesk.gui.printing import pdf_preview_dialog

    out = io.BytesIO()
    pdf = canvas.Canvas(out)
    for page in range(40):
        pdf.drawString(72, 720, f"page {page + 1}")
        pdf.showPage()
    pdf.save()
    pauses: list[None] = []
    monkeypatch.setattr(pdf_preview_dialog, "_pause", lambda: pauses.append(None))
    document = pdf_preview_dialog.measured_document(out.getvalue())
    assert document.pageCount() == 40
    assert len(pauses) == 40 // pdf_preview_dialog.PAGES_BETWEEN_PAUSES
