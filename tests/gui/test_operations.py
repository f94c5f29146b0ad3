"""The operation runner: work off the UI thread, one error path, change sets, newest read wins."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select, update

from communitydesk.db.engine import Database
from communitydesk.db.models import Member
from communitydesk.errors import ConflictError, UserError
from communitydesk.gui.operations import OperationRunner, ReadWroteError
from communitydesk.services.core.changes import Area, Changes
from communitydesk.services.members.records import add_member, list_members


@pytest.fixture
def runner(qtbot, db: Database) -> OperationRunner:
    return OperationRunner(lambda: db, strict_reads=True)


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text, *a: shown.append((title, text)))
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, title, text, *a: shown.append((title, text)))
    return shown


def test_a_read_runs_on_a_worker_and_answers_on_the_ui_thread(runner: OperationRunner, db: Database) -> None:
    with db.session() as session:
        add_member(session, first_name="Łukasz", last_name="Wiśniewski")
    ui_thread = QThread.currentThread()
    seen: dict[str, object] = {}

    def work(session):  # noqa: ANN001, ANN202
        seen["worker"] = QThread.currentThread()
        return list_members(session)

    def done(rows) -> None:  # noqa: ANN001
        seen["rows"] = rows
        seen["callback"] = QThread.currentThread()

    runner.read(work, parent=None, done=done).wait()
    assert [r.first_name for r in seen["rows"]] == ["Łukasz"]
    assert seen["worker"] is not ui_thread
    assert seen["callback"] is ui_thread


def test_a_write_says_what_it_changed(runner: OperationRunner, db: Database, qtbot) -> None:
    with qtbot.waitSignal(runner.changed, timeout=10_000) as signal:
        runner.write(lambda s: add_member(s, first_name="Ann", last_name="Lee", tags=["Street"]),
                     parent=None)
    changes: Changes = signal.args[0]
    assert changes.touches([Area.MEMBERS]) and changes.touches([Area.TAGS])
    assert not changes.touches([Area.MEETINGS])
    with db.session() as session:
        assert session.scalar(select(Member.last_name)) == "Lee"


def test_a_write_that_changes_nothing_announces_nothing(runner: OperationRunner, qtbot) -> None:
    fired: list[object] = []
    runner.changed.connect(fired.append)
    runner.write(lambda s: list_members(s), parent=None).wait()
    assert fired == []


def test_a_user_error_is_one_plain_message_and_rolls_back(
        runner: OperationRunner, db: Database, messages: list) -> None:
    def bad(session):  # noqa: ANN001, ANN202
        add_member(session, first_name="Half", last_name="Saved")
        session.flush()
        raise UserError("row 7: the email 'x@' is not an address; fix it and import again")

    runner.write(bad, parent=None).wait()
    assert messages == [("Not done", "row 7: the email 'x@' is not an address; fix it and import again")]
    with db.session() as session:
        assert session.scalar(select(Member.id)) is None


def test_a_conflict_goes_to_the_screen_with_both_versions(runner: OperationRunner, messages: list) -> None:
    got: list[ConflictError] = []

    def save(_session):  # noqa: ANN001, ANN202
        raise ConflictError("changed by someone else", mine={"phone": "1"}, theirs={"phone": "2"})

    runner.write(save, parent=None, on_conflict=got.append).wait()
    assert [(e.mine, e.theirs) for e in got] == [({"phone": "1"}, {"phone": "2"})]
    assert messages == []


def test_a_bug_is_logged_and_shown_without_a_traceback(runner: OperationRunner, messages: list,
                                                       caplog: pytest.LogCaptureFixture) -> None:
    def broken(_session):  # noqa: ANN001, ANN202
        return 1 / 0

    runner.read(broken, parent=None, done=lambda _r: None).wait()
    assert len(messages) == 1 and messages[0][0] == "Something went wrong"
    assert "Traceback" not in messages[0][1]
    assert "ZeroDivisionError" in caplog.text and "Traceback" in caplog.text


def test_reads_never_write(runner: OperationRunner, db: Database) -> None:
    with db.session() as session:
        add_member(session, first_name="Ann", last_name="Lee")
    failures: list[Exception] = []

    def sneaky(session):  # noqa: ANN001, ANN202
        session.execute(update(Member).values(notes="touched"))

    runner.read(sneaky, parent=None, done=lambda _r: None, failed=failures.append).wait()
    assert len(failures) == 1 and isinstance(failures[0], ReadWroteError)


def test_a_newer_read_with_the_same_key_wins(runner: OperationRunner) -> None:
    release = threading.Event()
    results: list[str] = []

    def slow(_session):  # noqa: ANN001, ANN202
        release.wait(10)
        return "old"

    first = runner.read(slow, parent=None, done=results.append, key="search")
    second = runner.read(lambda _s: "new", parent=None, done=results.append, key="search")
    second.wait()
    release.set()
    first.wait()
    assert results == ["new"]


def test_long_work_reports_progress_and_can_be_cancelled(runner: OperationRunner, db: Database, qtbot,
                                                         messages: list) -> None:
    started = threading.Event()

    def long_import(session, progress):  # noqa: ANN001, ANN202
        for done in range(1_000_000):
            add_member(session, first_name=f"P{done}", last_name="X") if done < 3 else None
            started.set()
            if not progress(done, 1_000_000):
                raise UserError("import cancelled; nothing was changed")
        return "finished"

    results: list[str] = []
    op = runner.write(long_import, parent=None, done=results.append, progress="Importing members…")
    qtbot.waitUntil(started.is_set, timeout=10_000)  # the worker starts once the loop is idle
    op.cancel()
    op.wait()
    assert results == []
    assert messages == [("Not done", "import cancelled; nothing was changed")]
    with db.session() as session:
        assert session.scalar(select(Member.id)) is None


def test_a_closed_screen_gets_no_result_but_the_others_hear_of_the_change(
        runner: OperationRunner, db: Database, qtbot, messages: list) -> None:
    from PySide6.QtWidgets import QWidget

    screen = QWidget()
    release = threading.Event()
    results: list[object] = []
    heard: list[Changes] = []
    runner.changed.connect(heard.append)

    def save(session):  # noqa: ANN001, ANN202
        release.wait(10)
        return add_member(session, first_name="Ann", last_name="Lee")

    op = runner.write(save, parent=screen, done=results.append)
    screen.deleteLater()
    qtbot.wait(50)  # the screen is deleted before the save lands
    release.set()
    op.wait()
    assert results == [] and messages == []
    assert heard and heard[0].touches([Area.MEMBERS])


def test_a_read_for_a_screen_closed_before_it_started_is_not_run(
        runner: OperationRunner, qtbot, messages: list, monkeypatch: pytest.MonkeyPatch) -> None:
    """A screen closed in the turn that asked (a test ending, a window closing) leaves no read
    to run later against a database that may be gone (workers starting once the loop is idle)."""
    from PySide6.QtWidgets import QWidget

    from communitydesk.gui import background

    monkeypatch.setattr(background, "START_WHEN_IDLE", True)

    screen = QWidget()
    ran: list[str] = []
    op = runner.read(lambda _session: ran.append("read"), parent=screen, done=ran.append)
    screen.deleteLater()
    op.wait()
    assert op.is_done and ran == [] and messages == [] and not runner.busy


def test_a_read_that_fails_for_a_closed_screen_is_logged_not_shown(
        runner: OperationRunner, qtbot, messages: list, caplog) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QWidget

    screen = QWidget()
    started, release = threading.Event(), threading.Event()

    def read(_session):  # noqa: ANN001, ANN202
        started.set()
        release.wait(10)
        raise RuntimeError("the file went away")

    op = runner.read(read, parent=screen, done=lambda _r: None)
    qtbot.waitUntil(started.is_set, timeout=10_000)
    screen.deleteLater()
    qtbot.wait(50)
    release.set()
    op.wait()
    assert messages == []  # no message box for nobody, in the middle of whatever comes next
    assert "the file went away" in caplog.text


def test_work_without_a_session_runs_on_a_worker(runner: OperationRunner) -> None:
    """Loading a screen's code needs no database: the same runner, no session opened."""
    seen: dict[str, object] = {}

    def work() -> str:
        seen["worker"] = QThread.currentThread()
        return "loaded"

    runner.run(work, done=lambda result: seen.setdefault("result", result)).wait()
    assert seen["result"] == "loaded" and seen["worker"] is not QThread.currentThread()


def test_background_work_is_not_waited_for(runner: OperationRunner) -> None:
    """Closing the window waits for reads and writes, not for code being loaded ahead of need."""
    release = threading.Event()
    background = runner.run(lambda: release.wait(30), waited=False)
    assert not runner.busy
    runner.wait_idle(ms=30_000)  # returns at once: nothing a person waits for is running
    assert not background.is_done
    release.set()
    background.wait()
    assert background.is_done
