"""The collector pauses for bulk reads and always comes back as it was, however pauses nest."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from communitydesk.services.core import gc_pause
from communitydesk.services.core.gc_pause import collect_only_when_asked, gc_paused, pause, paused


@pytest.fixture(autouse=True)
def collector_by_itself(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """As in a program with no window (once the suite has an application, it collects only
    when asked: tests/conftest.py); put back as it was."""
    was_enabled = gc.isenabled()
    monkeypatch.setattr(gc_pause, "_automatic", True)
    gc.enable()
    yield
    if not was_enabled:
        gc.disable()


def test_pause_and_resume() -> None:
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer pause still holds
    assert gc.isenabled()


def test_an_error_inside_still_resumes() -> None:
    with pytest.raises(ValueError), gc_paused():
        raise ValueError("boom")
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_overlapping_pauses_on_two_threads() -> None:
    inside, release = threading.Event(), threading.Event()

    def worker() -> None:
        with gc_paused():
            inside.set()
            release.wait(10)

    thread = threading.Thread(target=worker)
    thread.start()
    assert inside.wait(10)
    with gc_paused():
        release.set()
        thread.join(10)
        assert not gc.isenabled()  # the worker's pause ended, this one has not
    assert gc.isenabled()


def test_a_pause_held_across_code_resumes_once() -> None:
    resume = pause()
    assert not gc.isenabled()
    with gc_paused():
        pass
    assert not gc.isenabled()  # the block ended; the held pause goes on
    resume()
    assert gc.isenabled()
    with gc_paused():
        resume()  # a second call is nothing: it does not end this block's pause
        assert not gc.isenabled()
    assert gc.isenabled()


def test_once_collecting_only_when_asked_no_pause_turns_the_collector_on() -> None:
    resume = pause()  # begun while the collector still ran by itself (a worker's read)
    assert paused()
    collect_only_when_asked()  # then the window starts
    resume()
    assert not paused()
    assert not gc.isenabled()  # the pause ended, but the collector stays the window's
    with gc_paused():
        assert paused()
    assert not gc.isenabled()
