"""Lay out a long document in a separate process, so the window never waits for it (#14).

Why: ReportLab's layout is pure Python. On a worker thread it holds Python's one lock
(the GIL) for seconds, and the window's thread needs that lock for every Python call a
paint or a click makes, so it waits in turns: in about half the runs a 559-page pack
froze the preview's window for 2 s while it laid out. A child process has its own
interpreter and its own lock; the worker thread only waits on a pipe, lock released.

One child serves one program: it starts with the first long print (importing ReportLab
and reading the fonts while the first pages are laid out on the worker), stays for the
next print, and ends when the program ends or after a quiet spell. If the child cannot
run (it died, or could not start), the document is laid out here instead: slower for
the window, but the print is never lost.
"""

from __future__ import annotations

import dataclasses
import logging
import multiprocessing
import pickle
import threading
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

from communitydesk.i18n import current_language, set_language

log = logging.getLogger("communitydesk.pdf")

IDLE_SECONDS = 600.0  # a child with no work for this long ends; the next print starts another


@dataclass(frozen=True)
class Packed:
    """A document as sent to the child: packed ahead of time, on a worker the window is not
    waiting for. Why: pickling a 15,000-name pack holds Python's lock 15-25 ms in one call."""

    payload: bytes


SLICE = 1000  # rows pickled in one call: about a millisecond with Python's lock held


@dataclass(frozen=True)
class _Slices:
    """Where a long tuple was: its rows are slices[start:end], each pickled on its own."""

    start: int
    end: int


def pack(data: Any) -> Packed:  # noqa: ANN401 - any documents.DocumentData
    """``data`` pickled with its long tuples (the sign-in sheet's 15,000 names) in slices: one
    ``pickle.dumps`` holds Python's lock for the whole object, and the window waited on it; between
    slices the worker lets it go."""
    slices: list[bytes] = []
    outer = pickle.dumps(_split(data, slices), protocol=pickle.HIGHEST_PROTOCOL)
    return Packed(pickle.dumps((outer, slices), protocol=pickle.HIGHEST_PROTOCOL))


def unpack(payload: bytes) -> Any:  # noqa: ANN401 - any documents.DocumentData
    outer, slices = pickle.loads(payload)
    return _join(pickle.loads(outer), slices)


def _fields_mapped(value: Any, part: Callable[[Any], Any]) -> Any:  # noqa: ANN401 - a document's parts
    """A dataclass with ``part`` applied to each field (itself when nothing changed); any other
    value as it is."""
    if not dataclasses.is_dataclass(value) or isinstance(value, type):
        return value
    changed = {f.name: new for f in dataclasses.fields(value)
               if (new := part(old := getattr(value, f.name))) is not old}
    return dataclasses.replace(value, **changed) if changed else value


def _split(value: Any, slices: list[bytes]) -> Any:  # noqa: ANN401 - a document's parts
    if type(value) is tuple and len(value) > SLICE:
        start = len(slices)
        slices += [pickle.dumps(value[i:i + SLICE], protocol=pickle.HIGHEST_PROTOCOL)
                   for i in range(0, len(value), SLICE)]
        return _Slices(start, len(slices))
    return _fields_mapped(value, lambda part: _split(part, slices))


def _join(value: Any, slices: list[bytes]) -> Any:  # noqa: ANN401 - a document's parts
    if isinstance(value, _Slices):
        return tuple(row for part in slices[value.start:value.end] for row in pickle.loads(part))
    return _fields_mapped(value, lambda part: _join(part, slices))


class LayoutCancelled(Exception):
    """The layout was stopped by :meth:`LayoutProcess.cancel` (its result is not wanted)."""


@dataclass(frozen=True)
class _Failure:
    """A layout error in the child, sent back as text (any exception type may not pickle)."""

    kind: str
    message: str


def _serve(connection: Connection, language: str) -> None:
    """The child: lay out each document sent until the pipe closes or nothing comes for a while."""
    set_language(language)
    from communitydesk.pdf.documents import render_bytes
    from communitydesk.pdf.fonts import register_fonts

    register_fonts()
    connection.send("ready")
    while connection.poll(IDLE_SECONDS):
        try:
            data = unpack(connection.recv_bytes())
        except EOFError:
            return
        try:
            reply: Any = render_bytes(data)
        except Exception as exc:  # noqa: BLE001 - every layout problem goes back to the window
            reply = _Failure(type(exc).__name__, str(exc))
        connection.send(reply)


class LayoutProcess:
    """The child that lays out documents, started on first use; one layout at a time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()  # one document at a time through the pipe
        self._process: BaseProcess | None = None
        self._connection: Connection | None = None
        self._running: object = None  # the key of the layout under way
        self._withdrawn: set[object] = set()  # keys cancelled before their turn
        self._cancelled = False

    def prepare(self) -> None:
        """Start the child now (it takes a second to load); nothing to do while one lays out."""
        if self._lock.acquire(blocking=False):
            try:
                self._ensure_started()
            finally:
                self._lock.release()

    def lay_out(self, data: Any, key: object = None) -> tuple[bytes, int]:  # noqa: ANN401 - any DocumentData
        """The PDF of ``data`` (a document, or one ``pack``-ed) and its page count, laid out in
        the child (here if it cannot run). ``key`` names this layout for :meth:`cancel`."""
        with self._lock:
            if key is not None and key in self._withdrawn:
                self._withdrawn.discard(key)
                raise LayoutCancelled
            self._cancelled, self._running = False, key
            try:
                connection = self._ensure_started()
                connection.send_bytes(data.payload if isinstance(data, Packed) else pack(data).payload)
                reply = _wait_for_reply(connection)
            except (EOFError, OSError) as exc:
                if self._cancelled:
                    raise LayoutCancelled from exc
                log.warning("the layout process stopped (%s); laying out here instead", exc)
                self._forget()
                return _lay_out_here(data)
            finally:
                self._running = None
        if isinstance(reply, _Failure):
            raise RuntimeError(f"{reply.kind}: {reply.message}")
        return reply

    def cancel(self, key: object = None) -> None:
        """Stop layout ``key``: under way, the child ends (the next print starts a new one);
        still waiting for its turn, it will not start."""
        if key is not None and key != self._running:
            self._withdrawn.add(key)
            return
        self._cancelled = True
        process = self._process
        if process is not None and process.is_alive():
            process.terminate()

    def stop(self) -> None:
        """End the child (the program is closing)."""
        process, connection = self._process, self._connection
        self._process = self._connection = None
        if connection is not None:
            connection.close()  # a waiting child sees the pipe close and ends by itself
        if process is not None:
            process.join(2)
            if process.is_alive():
                process.terminate()

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.is_alive()

    def _ensure_started(self) -> Connection:
        if self._process is not None and self._process.is_alive() and self._connection is not None:
            return self._connection
        self._forget()
        spawn = multiprocessing.get_context("spawn")  # no fork: the window's threads stay out of it
        ours, theirs = spawn.Pipe()
        process = spawn.Process(target=_serve, args=(theirs, current_language()),
                                name="communitydesk-layout", daemon=True)
        process.start()
        theirs.close()
        self._process, self._connection = process, ours
        return ours

    def _forget(self) -> None:
        if self._connection is not None:
            self._connection.close()
        if self._process is not None and self._process.is_alive():
            self._process.terminate()
        self._process = self._connection = None


def _wait_for_reply(connection: Connection) -> Any:  # noqa: ANN401 - bytes and pages, or a _Failure
    reply = connection.recv()
    while reply == "ready":  # the child's greeting when it has just started
        reply = connection.recv()
    return reply


def _lay_out_here(data: Any) -> tuple[bytes, int]:  # noqa: ANN401
    from communitydesk.pdf.documents import render_alone

    return render_alone(unpack(data.payload) if isinstance(data, Packed) else data)
