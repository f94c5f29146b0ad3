"""The door kiosk and the register, from opening to saved, with the keyboard alone (issue #19,
item 1): every step is a key pressed on the widget that has the focus, as a person without a
mouse works; no clicks and no slots called. The test only waits (for loads and writes) and
looks (where the focus is, what the database holds).
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from communitydesk.config import Paths
from communitydesk.db.engine import Database
from communitydesk.gui.attendance.attendance_page import AttendancePage
from communitydesk.gui.attendance.kiosk_window import LEAVE_SHORTCUT, KioskWindow
from communitydesk.services.attendance.register import register_rows
from tests.gui.test_attendance_page import small_group
from tests.gui.test_main_window import make_window


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(keys: str) -> None:
    """A key or a chord ("Ctrl+K", "Tab", "Space") on the focused widget, or on the active
    window when nothing in it has the focus (where the keyboard's keys then go)."""
    target = QApplication.focusWidget() or QApplication.activeWindow()
    assert target is not None, "no window is active"
    QTest.keySequence(target, QKeySequence(keys))


def type_text(text: str) -> None:
    QTest.keyClicks(focused(), text)


def tab_to(widget: QWidget, *, most: int = 15) -> None:
    """Tab until ``widget`` has the focus, as a person does; fails if Tab never gets there."""
    for _ in range(most):
        if focused() is widget:
            return
        press("Tab")
    assert focused() is widget, f"Tab never reached {type(widget).__name__}"


def keep_active(qtbot, window: QWidget) -> None:  # noqa: ANN001
    """The window manager's part, not the person's: the offscreen platform (no window manager)
    drops the active window when a page is switched or a window closes; a desktop keeps it."""
    if QApplication.activeWindow() is not window:
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def statuses(db: Database, meeting_id: int) -> dict[str, str | None]:
    with db.session() as s:
        return {row.display_name: row.status for row in register_rows(s, meeting_id)}


def test_check_in_at_the_kiosk_and_mark_the_register_with_keys_alone(qtbot, db: Database,
                                                                        paths: Paths) -> None:
    meeting_id = small_group(db)  # six people, a meeting tonight
    window = make_window(qtbot, db, paths)
    window.show()
    keep_active(qtbot, window)
    window.wait_until_loaded()

    # Go to the Attendance page from the Go menu's shortcut.
    go = next(i for i, spec in enumerate(window.specs) if spec.key == "attendance") + 1
    press(f"Ctrl+{go}")
    page = window.stack.currentWidget()
    assert isinstance(page, AttendancePage)
    page.wait_until_loaded()
    assert page.meeting_id == meeting_id

    # The kiosk: Ctrl+K opens it with the search box focused; a visitor types and presses Enter.
    keep_active(qtbot, window)
    press("Ctrl+K")
    kiosk = page.kiosk
    assert isinstance(kiosk, KioskWindow)
    qtbot.addWidget(kiosk)
    kiosk.wait_until_loaded()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is kiosk.search_box)
    type_text("person3 surn")
    press("Return")
    kiosk.wait_until_loaded()
    window.ctx.ops.wait_idle()
    assert kiosk.welcome.text().startswith("Welcome, Person3")
    assert statuses(db, meeting_id)["Person3 SurnameD"] == "present"

    # The organiser leaves: the shortcut, then Tab from Cancel (the default) to the Leave button, Space.
    leave_pressed: list[bool] = []

    def answer_by_keys() -> None:
        box = QApplication.activeModalWidget()
        if box is None or QApplication.activeWindow() is not box or QApplication.focusWidget() is None:
            QTimer.singleShot(20, answer_by_keys)  # not up yet
            return
        leave = box.findChild(QWidget, "confirm-action")
        for _ in range(6):
            if QApplication.focusWidget() is leave:
                break
            press("Tab")
        leave_pressed.append(QApplication.focusWidget() is leave)
        press("Space" if leave_pressed[-1] else "Escape")  # Escape: never leave the test hanging

    QTimer.singleShot(0, answer_by_keys)
    press(LEAVE_SHORTCUT)
    assert leave_pressed == [True], "Tab did not reach the Leave button"
    qtbot.waitUntil(lambda: not kiosk.isVisible() and window.isVisible())
    page.wait_until_loaded()

    # The register: Ctrl+F to the search box, Tab to the table, then a key per person.
    keep_active(qtbot, window)  # the kiosk has closed: the desktop gives the window back
    press("Ctrl+F")
    assert focused() is page.search
    tab_to(page.table)
    press("Home")  # the first row
    press("P")  # Person0 present; the cursor moves down a row
    press("A")  # Person1 apologies
    press("2")  # Person2 apologies (the number keys work as the letters do)
    page.wait_until_loaded()
    window.ctx.ops.wait_idle()
    assert statuses(db, meeting_id) == {
        "Person0 SurnameA": "present", "Person1 SurnameB": "apologies", "Person2 SurnameC": "apologies",
        "Person3 SurnameD": "present", "Person4 SurnameE": None, "Person5 SurnameF": None}
