"""A scripted tour of the window, measuring how long the UI thread was blocked at each step.

Run as ``python -m bench.ui_tour DATABASE``; prints one ``step <name> <stall ms> <statements>
<sessions> <UI-thread CPU ms> <data arrived ms>`` line per step and ``tour done`` (``TOUR_PROFILE=1`` adds the
functions that took the UI thread's time in each step; ``TOUR_SKIP_PRINT=1`` leaves out the
print preview, whose layout takes minutes, while iterating). A 5 ms ``QTimer`` heartbeat runs throughout:
the longest gap between two beats, less the 5 ms period, is the longest time the window
could not paint or answer a click. Statements and sessions are counted with SQLAlchemy
events on the window's engine (each session costs BEGIN/COMMIT round trips on a server).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HEARTBEAT_MS = 5
SETTLE_MS = 400


class Heartbeat:
    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.last = time.perf_counter()
        self.last_cpu = time.thread_time()
        self.worst = 0.0
        self.worst_cpu = 0.0  # the UI thread's own CPU time between two beats: what a busy
        # machine cannot inflate (the wall-clock gap also counts waiting for a core)
        self.timer = QTimer()
        self.timer.setInterval(HEARTBEAT_MS)
        self.timer.timeout.connect(self.beat)
        self.timer.start()

    def beat(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        self.worst = max(self.worst, now - self.last - HEARTBEAT_MS / 1000)
        self.worst_cpu = max(self.worst_cpu, cpu - self.last_cpu)
        self.last, self.last_cpu = now, cpu

    def take(self) -> tuple[float, float]:
        """The longest gap (wall clock) and the most UI-thread CPU between two beats."""
        self.beat()
        worst, self.worst = self.worst, 0.0
        worst_cpu, self.worst_cpu = self.worst_cpu, 0.0
        return max(worst, 0.0), worst_cpu


class StepProfile:
    """What the UI thread spent each step on (``TOUR_PROFILE=1``): the functions with the most
    own time, Qt calls included, so a stall can be traced to the call that made it."""

    def __init__(self) -> None:
        import cProfile

        self.profile = cProfile.Profile()

    def __enter__(self) -> StepProfile:
        self.profile.enable()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.profile.disable()

    def take(self, top: int = int(os.environ.get("TOUR_PROFILE_TOP", "6"))) -> list[str]:
        import pstats

        stats = pstats.Stats(self.profile).stats  # type: ignore[attr-defined]
        rows = sorted(stats.items(), key=lambda kv: kv[1][2], reverse=True)
        self.profile.clear()
        lines = []
        for (filename, line, name), (_cc, calls, own, cumulative, _callers) in rows:
            if "exec" in name or "wait" in name or name in ("settle", "step"):
                continue
            lines.append(f"{own * 1000:6.1f} ms own {cumulative * 1000:7.1f} cum {calls:6d}x "
                         f"{Path(filename).stem}:{line} {name}")
            if len(lines) == top:
                break
        return lines


def settle(ms: int = SETTLE_MS) -> None:
    """Run the event loop for a while so background results arrive and beats are counted."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    target = argv[0]
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QDialog
    from sqlalchemy import event

    from communitydesk.config import Paths
    from communitydesk.db.engine import open_database
    from communitydesk.gui.collector import MainThreadCollector
    from communitydesk.gui.context import AppContext, DataEvents
    from communitydesk.gui.main_window import MainWindow
    from communitydesk.gui.theme import apply_theme

    app = QApplication.instance() or QApplication([])
    MainThreadCollector(app)  # as the app does
    apply_theme(app)
    counts = {"statements": 0, "sessions": 0}
    with tempfile.TemporaryDirectory() as tmp:
        paths = Paths(data_dir=Path(tmp), config_dir=Path(tmp))
        db = open_database(target, backups_dir=paths.backups_dir)

        def statement(*_a: object) -> None:
            counts["statements"] += 1

        def began(*_a: object) -> None:
            counts["sessions"] += 1

        event.listen(db.engine, "before_cursor_execute", statement)
        event.listen(db.engine, "begin", began)
        # Dialogs open modeless here: a modal exec() would block the tour, not the user.
        QDialog.exec = lambda self: (self.show(), 0)[1]  # type: ignore[method-assign]
        beat = Heartbeat()
        profile = StepProfile() if os.environ.get("TOUR_PROFILE") else None
        settings = QSettings(str(paths.gui_settings_file), QSettings.Format.IniFormat)
        window: MainWindow | None = None

        def step(name: str, action: Callable[[], object]) -> None:
            settle(50)
            beat.take()
            before = dict(counts)
            if profile is not None:
                profile.__enter__()
            started, started_cpu = time.perf_counter(), time.process_time()
            action()
            if window is not None:  # the screen's data has arrived: what a person waits for
                window.wait_until_loaded()
            loaded = time.perf_counter() - started
            loaded_cpu = time.process_time() - started_cpu  # every thread: the workers' reads too
            settle()
            if window is not None:
                window.wait_until_loaded()
                settle(100)
            stall, cpu = beat.take()
            if profile is not None:
                profile.__exit__()
            print(f"step {name} {stall * 1000:.1f} {counts['statements'] - before['statements']} "
                  f"{counts['sessions'] - before['sessions']} {cpu * 1000:.1f} {loaded * 1000:.0f}",
                  flush=True)
            print(f"    process CPU until the data arrived {loaded_cpu * 1000:.0f} ms", flush=True)
            for line in profile.take() if profile is not None else ():
                print(f"    {line}", flush=True)

        def build() -> None:
            """As gui/app.py: build and show the window, then start the warm-up, all before its
            event loop runs (app.exec()). Nothing is on screen yet, so that time is start-up time,
            reported on its own line ("built"); the step's stall counts from there: the first
            paint, the first screen's data arriving, the warm-up."""
            nonlocal window
            window = MainWindow(AppContext(paths=paths, db=db, gui_settings=settings, events=DataEvents()))
            window.resize(1366, 768)
            window.show()
            if not os.environ.get("TOUR_NO_WARM_UP"):
                window.start_warm_up()  # as gui/app.py does once the window shows
            built, built_cpu = beat.take()
            print(f"built {built * 1000:.1f} {built_cpu * 1000:.1f}", flush=True)

        step("start", build)
        assert window is not None
        for spec in window.specs:
            step(f"page:{spec.key}", lambda key=spec.key: window.show_page(key))
        members = window.show_page("members")
        settle()

        def search() -> None:
            for text in ("s", "sm", "smi", "smit", ""):
                members.search.setText(text)
                settle(20)

        step("members:search", search)
        ids = members.shown_member_ids()
        step("members:open", lambda: members.open_member(ids[len(ids) // 2]))
        for widget in app.topLevelWidgets():
            if isinstance(widget, QDialog):
                widget.close()
        held = _a_held_meeting(db)  # the tour's own query: not on the clock
        meetings = window.show_page("meetings")
        step("meetings:open", lambda: meetings.select_meeting(held))
        attendance = window.show_page("attendance")
        step("attendance:register", lambda: attendance.choose_meeting(held))
        if os.environ.get("TOUR_SKIP_PRINT"):  # while iterating: the pack's layout takes minutes
            _finish(app, window, db)
            return 0
        shown: list[tuple[str, float, int, float]] = []
        asked = [0.0, 0.0]

        def seen(what: str, dialog) -> None:  # noqa: ANN001 - the preview dialog
            shown.append((what, time.perf_counter() - asked[0], dialog.page_count(),
                          time.process_time() - asked[1]))

        window.printing.preview_started.connect(lambda dialog: seen("first page", dialog))
        window.printing.preview_opened.connect(lambda dialog: seen("whole", dialog))

        def preview() -> None:
            asked[0], asked[1] = time.perf_counter(), time.process_time()
            window.printing.preview(_pack_kind(), held)

        step("print:pack preview", preview)

        def filled_in() -> None:  # the whole pack replaces its first pages in the open preview
            from PySide6.QtCore import QEventLoop, QTimer

            if any(what == "whole" for what, *_rest in shown):
                return
            loop = QEventLoop()
            window.printing.preview_opened.connect(loop.quit)
            QTimer.singleShot(300_000, loop.quit)
            loop.exec()

        step("print:pack filled in", filled_in)
        for what, seconds, pages, cpu in shown:
            print(f"preview {what} after {seconds:.2f} s ({pages} pages, process CPU {cpu:.2f} s)", flush=True)
        settle(1500)
        _finish(app, window, db)
    return 0


def _finish(app, window, db) -> None:  # noqa: ANN001 - the QApplication, MainWindow and Database
    from PySide6.QtWidgets import QDialog

    for widget in app.topLevelWidgets():
        if isinstance(widget, QDialog):
            widget.close()
    window.close()
    db.dispose()
    print("tour done", flush=True)


def _a_held_meeting(db) -> int:  # noqa: ANN001 - a Database
    from sqlalchemy import func, select

    from communitydesk.db.models import Attendance

    with db.session() as session:
        return session.scalar(select(Attendance.meeting_id).group_by(Attendance.meeting_id)
                              .order_by(func.count().desc()).limit(1))


def _pack_kind():  # noqa: ANN202 - the DocumentKind for a meeting pack
    from communitydesk.pdf.documents import DocumentKind

    return DocumentKind.PACK


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
