"""Long documents are laid out in a child process (pdf/layout_process.py, #14): the same paper
as laying out here, a print that survives the child dying, and a layout that can be stopped."""

from __future__ import annotations

import dataclasses
import logging
import pickle
import threading
import time
from pathlib import Path

import pytest

from communitydesk.db.engine import Database
from communitydesk.pdf.documents import DocumentKind, SignInSheetData, gather, render_bytes
from communitydesk.pdf.layout_process import SLICE, LayoutCancelled, LayoutProcess, pack, unpack
from tests.pdf.poppler import page_count, pdftotext


@pytest.fixture
def sheet(demo_db: Database) -> SignInSheetData:
    with demo_db.session() as session:
        data = gather(session, DocumentKind.SIGN_IN, 11)
    assert isinstance(data, SignInSheetData) and data.people
    return data


@pytest.fixture
def layout():  # noqa: ANN201 - a LayoutProcess, stopped after the test
    process = LayoutProcess()
    yield process
    process.stop()


def _long(sheet: SignInSheetData, times: int) -> SignInSheetData:
    return dataclasses.replace(sheet, people=sheet.people * times)


def _text(pdf: bytes, folder: Path, name: str) -> str:
    path = folder / name
    path.write_bytes(pdf)
    return pdftotext(path, layout=True)


def test_the_child_prints_what_laying_out_here_prints(layout: LayoutProcess, sheet: SignInSheetData,
                                                      tmp_path: Path) -> None:
    pdf, pages = layout.lay_out(sheet)
    assert layout.running  # it was the child's work, and the child stays for the next print
    here, here_pages = render_bytes(sheet)
    assert pages == here_pages == page_count(_write(tmp_path / "child.pdf", pdf))
    assert _text(pdf, tmp_path, "child.pdf") == _text(here, tmp_path, "here.pdf")
    again, _pages = layout.lay_out(sheet)  # the same child, a second time
    assert _text(again, tmp_path, "again.pdf") == _text(here, tmp_path, "here.pdf")


def test_a_document_packed_ahead_prints_the_same(layout: LayoutProcess, sheet: SignInSheetData,
                                                 tmp_path: Path) -> None:
    packed = pack(sheet)  # on the worker that read the data, before the window opens the preview
    pdf, pages = layout.lay_out(packed)
    here, here_pages = render_bytes(sheet)
    assert pages == here_pages
    assert _text(pdf, tmp_path, "packed.pdf") == _text(here, tmp_path, "here.pdf")


def test_a_long_list_is_packed_in_slices_and_comes_back_whole(demo_db: Database,
                                                               sheet: SignInSheetData) -> None:
    """15,000 names pickled in one call held Python's lock 15-25 ms while the window waited."""
    with demo_db.session() as session:
        pack_data = gather(session, DocumentKind.PACK, 11)
    long = dataclasses.replace(pack_data, sign_in=_long(sheet, 2 * SLICE // len(sheet.people) + 1))
    packed = pack(long)
    outer, slices = pickle.loads(packed.payload)
    assert len(slices) >= 3 and all(len(pickle.loads(part)) <= SLICE for part in slices)
    assert unpack(packed.payload) == long
    assert unpack(pack(sheet).payload) == sheet  # a short list travels as it is


def _write(path: Path, pdf: bytes) -> Path:
    path.write_bytes(pdf)
    return path


def test_a_child_that_ended_is_replaced(layout: LayoutProcess, sheet: SignInSheetData) -> None:
    layout.prepare()
    ended = layout._process  # noqa: SLF001
    ended.kill()  # as if the computer ended it while idle
    ended.join(10)
    pdf, pages = layout.lay_out(sheet)
    assert layout.running and layout._process is not ended and pages >= 1  # noqa: SLF001


def test_a_child_that_dies_mid_layout_does_not_lose_the_print(
        layout: LayoutProcess, sheet: SignInSheetData, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    long = _long(sheet, 40)
    layout.prepare()
    outcome: list[tuple[bytes, int]] = []
    with caplog.at_level(logging.WARNING, logger="communitydesk.pdf"):  # packed: unpacked here
        worker = threading.Thread(target=lambda: outcome.append(layout.lay_out(pack(long), key="pack")))
        worker.start()
        _wait_until_running(layout, "pack")
        time.sleep(0.3)  # into the layout
        layout._process.kill()  # noqa: SLF001 - not a cancel: the child crashed
        worker.join(120)
    assert "laying out here instead" in caplog.text
    pdf, pages = outcome[0]
    assert pages == page_count(_write(tmp_path / "sheet.pdf", pdf)) > 1
    assert long.people[-1].name in _text(pdf, tmp_path, "sheet.pdf")


def _wait_until_running(layout: LayoutProcess, key: str) -> None:
    deadline = time.monotonic() + 30
    while layout._running != key and time.monotonic() < deadline:  # noqa: SLF001
        time.sleep(0.01)
    assert layout._running == key  # noqa: SLF001


def test_a_layout_error_comes_back_with_its_kind(layout: LayoutProcess) -> None:
    with pytest.raises(RuntimeError, match="KeyError"):
        layout.lay_out(12345)  # not a document: the child's layout fails, the child stays
    assert layout.running


def test_cancel_stops_the_layout_under_way_and_the_next_print_works(
        layout: LayoutProcess, sheet: SignInSheetData, tmp_path: Path) -> None:
    layout.prepare()
    outcome: list[object] = []

    def lay_out_long() -> None:
        try:
            outcome.append(layout.lay_out(_long(sheet, 400), key="long"))
        except LayoutCancelled as exc:
            outcome.append(exc)

    worker = threading.Thread(target=lay_out_long)
    worker.start()
    _wait_until_running(layout, "long")
    layout.cancel("long")
    worker.join(30)
    assert not worker.is_alive()
    assert len(outcome) == 1 and isinstance(outcome[0], LayoutCancelled)
    pdf, pages = layout.lay_out(sheet)  # a new child starts
    assert pages == page_count(_write(tmp_path / "after.pdf", pdf))


def test_cancel_before_its_turn_leaves_the_running_layout_alone(
        layout: LayoutProcess, sheet: SignInSheetData, tmp_path: Path) -> None:
    results: dict[str, object] = {}

    def run(key: str, data: SignInSheetData) -> None:
        try:
            results[key] = layout.lay_out(data, key=key)
        except LayoutCancelled as exc:
            results[key] = exc

    first = threading.Thread(target=run, args=("first", _long(sheet, 40)))
    first.start()
    _wait_until_running(layout, "first")
    layout.cancel("second")  # asked to stop before it began
    second = threading.Thread(target=run, args=("second", sheet))
    second.start()
    first.join(120)
    second.join(120)
    assert isinstance(results["second"], LayoutCancelled)
    pdf, pages = results["first"]  # type: ignore[misc]
    assert pages == page_count(_write(tmp_path / "first.pdf", pdf)) > 1


def test_stop_ends_the_child(layout: LayoutProcess) -> None:
    layout.prepare()
    process = layout._process  # noqa: SLF001
    assert process is not None and process.is_alive()
    layout.stop()
    assert not process.is_alive() and not layout.running
