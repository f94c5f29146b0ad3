"""Every menu item and every shortcut of the main window does what it says, on every screen.

Modal questions are answered by patches (file dialogs, message boxes and ``exec``), so
nothing blocks; what opened is recorded as short outcome strings ("page:meetings",
"dialog:AuditDialog", "file:New database", "message:Database check") and checked
against what each menu item promises. A second test collects every shortcut that can
be live at the same time and fails on any clash (Qt then fires neither of the two).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMenu, QMessageBox, QWidget

from communitydesk.config import Paths
from communitydesk.db.engine import Database
from communitydesk.gui.main_window import MainWindow
from tests.gui.accessibility.mnemonics import menu_items, mnemonic, repeated, window_mnemonics
from tests.gui.accessibility.screens import DIALOGS, build_screen, make_room, settle
from tests.gui.test_main_window import make_window

# What each menu item must open, by its text without "&" and "…". An item missing here
# (a new one) must at least open something: a page, a dialog, a question or a message.
EXPECTED = {
    "New database": "file:New database",
    "Open database": "file:Open database",
    "Connect to shared database": "dialog:ConnectDialog",
    "Backup now": "status:Backup saved",
    "Restore from backup": "file:Restore from backup",
    "Check database": "message:Database check",
    "Retention": "dialog:RetentionDialog",
    "Audit trail": "dialog:AuditDialog",
    "Set a password": "dialog:PasswordDialog",  # #20; Change/Remove (hidden on a plain file) say why not
    "Quit": "closed",
    "Members": "page:members",
    "Meetings": "page:meetings",
    "Actions": "page:actions",
    "Attendance": "page:attendance",
    "One-to-ones": "page:one_to_ones",
    "Reports": "page:reports",
    "Dues": "page:dues",  # #17
    "Sign-in sheet": "dialog:MeetingChooserDialog",
    "Agenda": "dialog:MeetingChooserDialog",
    "Minutes": "dialog:MeetingChooserDialog",
    "Meeting pack": "dialog:MeetingChooserDialog",
    "Attendance register": "dialog:RegisterPeriodDialog",
    "Print settings": "dialog:PrintSettingsDialog",
    "About CommunityDesk": "dialog:AboutDialog",
}


def plain(text: str) -> str:
    return text.replace("&", "").replace("…", "").strip()


def leaf_actions(menu: QMenu) -> Iterator[QAction]:
    """Every item of a menu and of its submenus, separators left out."""
    for action in menu.actions():
        if action.menu() is not None:
            yield from leaf_actions(action.menu())
        elif not action.isSeparator():
            yield action


def menu_actions(window: MainWindow) -> list[QAction]:
    out: list[QAction] = []
    for top in window.menuBar().actions():
        if top.menu() is not None:
            out.extend(leaf_actions(top.menu()))
    return out


class Outcomes:
    """Answers every modal question and records what was asked or opened."""

    def __init__(self, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
        self.window = window
        self.seen: set[str] = set()
        for name in ("getOpenFileName", "getSaveFileName", "getExistingDirectory"):
            monkeypatch.setattr(QFileDialog, name, staticmethod(self._file))
        for name in ("question", "warning", "information", "critical"):
            monkeypatch.setattr(QMessageBox, name, staticmethod(self._message))
        monkeypatch.setattr(QMessageBox, "about", staticmethod(self._message))
        for cls in (QDialog, QMessageBox):  # a plain function: it binds to the dialog
            monkeypatch.setattr(cls, "exec", lambda dialog: self._exec(dialog))

    def _file(self, _parent: QWidget | None, caption: str = "", *_args: object, **_kw: object):
        self.seen.add(f"file:{caption}")
        return ("", "")

    def _message(self, _parent: QWidget | None, title: str, *_args: object, **_kw: object):
        self.seen.add(f"message:{title}")
        return QMessageBox.StandardButton.No

    def _exec(self, dialog: QDialog) -> int:
        self.seen.add(f"dialog:{type(dialog).__name__}")
        return QDialog.DialogCode.Rejected.value

    def open_windows(self) -> list[QWidget]:
        return [w for w in QApplication.topLevelWidgets()
                if w.isVisible() and w is not self.window and not isinstance(w, QMenu)]

    def run(self, trigger) -> set[str]:  # noqa: ANN001 - a callable that fires the action
        """Fire, then collect: the page shown, new windows, messages, the window closed."""
        self.seen = set()
        before = set(map(id, self.open_windows()))
        page_before = self.window.stack.currentWidget()
        self.window.statusBar().clearMessage()
        trigger()
        QApplication.processEvents()
        self.window.ctx.ops.wait_idle()  # backup, check and the like run through the runner
        found = set(self.seen)
        for widget in self.open_windows():
            if id(widget) not in before:
                found.add(f"dialog:{type(widget).__name__}")
                widget.close()
        if not self.window.isVisible():
            found.add("closed")
        current = self.window.stack.currentWidget()
        if current is not page_before:
            key = next((k for k, p in self.window.pages.items() if p is current), None)
            found.add(f"page:{key}")
        message = self.window.statusBar().currentMessage()
        if message:
            found.add("status:" + message.split(":")[0])
        return found


def reopen(qtbot, window: MainWindow) -> None:
    if not window.isVisible():
        window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


@pytest.fixture
def window(qtbot, demo_db: Database, paths: Paths) -> MainWindow:
    window = make_window(qtbot, demo_db, paths)
    reopen(qtbot, window)
    return window


def expected_outcome(action: QAction) -> str | None:
    return EXPECTED.get(plain(action.text()))


def check(found: set[str], action: QAction) -> None:
    wanted = expected_outcome(action)
    name = plain(action.text())
    if wanted is None:
        assert found, f"“{name}” opened nothing"
    else:
        assert wanted in found, f"“{name}” should open {wanted}, got {sorted(found)}"


def test_every_menu_item_opens_what_it_says(qtbot, window: MainWindow, monkeypatch) -> None:
    outcomes = Outcomes(window, monkeypatch)
    actions = menu_actions(window)
    assert len(actions) >= len(EXPECTED)
    for action in actions:
        # start elsewhere than the item's page: a broken Go item that shows Members is caught
        window.show_page("members" if expected_outcome(action) == "page:reports" else "reports")
        found = outcomes.run(action.trigger)
        check(found, action)
        reopen(qtbot, window)
    window.wait_until_loaded()


def test_every_shortcut_fires_on_every_page(qtbot, window: MainWindow, monkeypatch) -> None:
    """Pressing the keys (not calling the action) proves no page's own shortcut shadows it."""
    outcomes = Outcomes(window, monkeypatch)
    with_keys = [a for a in menu_actions(window) if not a.shortcut().isEmpty()]
    go = [a for a in with_keys if plain(a.text()) in {s.title for s in window.specs}]
    assert [a.shortcut().toString() for a in go] == [f"Ctrl+{n}" for n in range(1, len(window.specs) + 1)]
    for spec in window.specs:
        for action in with_keys:
            window.show_page(spec.key)
            if expected_outcome(action) == f"page:{spec.key}":
                continue  # already there: switching to itself shows nothing new
            keys = action.shortcut()
            found = outcomes.run(lambda k=keys: QTest.keySequence(window, k))
            assert found, f"{keys.toString()} on {spec.title} did nothing"
            check(found, action)
            reopen(qtbot, window)
    window.wait_until_loaded()


# --- clashes ---------------------------------------------------------------------------

def _keys(sequence: QKeySequence) -> str:
    return sequence.toString(QKeySequence.SequenceFormat.PortableText)


def window_wide_shortcuts(window: MainWindow) -> list[tuple[str, str]]:
    """(keys, what) for the menu actions: live on every page."""
    out = []
    for action in menu_actions(window) + window.actions():
        for sequence in action.shortcuts():
            out.append((_keys(sequence), f"menu item “{plain(action.text())}”"))
    return out


def shortcuts_inside(widget: QWidget) -> list[tuple[str, str, str]]:
    """(keys, what, scope) for QShortcuts and QActions under ``widget``.

    Two WidgetShortcuts on different widgets are never live together (only the focused
    widget's fires), so their scope is that widget; everything else shares the window.
    """
    out = []
    for shortcut in widget.findChildren(QShortcut):
        scope = (f"widget {id(shortcut.parent())}"
                 if shortcut.context() == Qt.ShortcutContext.WidgetShortcut else "window")
        for sequence in shortcut.keys():  # noqa: SIM118 - QShortcut.keys(), not a dict
            out.append((_keys(sequence), f"{type(shortcut.parent()).__name__} shortcut", scope))
    for action in widget.findChildren(QAction):
        if action.menu() is not None:
            continue
        scope = ("window" if action.shortcutContext() != Qt.ShortcutContext.WidgetShortcut
                 else f"widget {id(action.parent())}")
        for sequence in action.shortcuts():
            out.append((_keys(sequence), f"action “{plain(action.text())}”", scope))
    return out


def clashes(window_wide: list[tuple[str, str]], local: list[tuple[str, str, str]]) -> list[str]:
    """Key sequences live twice at the same time (a WidgetShortcut clashes with the window)."""
    problems = []
    seen: dict[str, str] = {}
    for keys, what in window_wide:
        if keys in seen and seen[keys] != what:
            problems.append(f"{keys}: {seen[keys]} and {what}")
        seen.setdefault(keys, what)
    by_scope: dict[tuple[str, str], str] = {}
    for keys, what, scope in local:
        if keys in seen:
            problems.append(f"{keys}: {seen[keys]} and {what}")
        if (keys, scope) in by_scope:
            problems.append(f"{keys}: {by_scope[keys, scope]} and {what}")
        by_scope[keys, scope] = what
    return problems


def test_clashes_are_detected() -> None:
    """The checker itself: a page shortcut equal to a menu item's is a clash."""
    assert clashes([("Ctrl+Shift+N", "menu item “New database”")],
                   [("Ctrl+Shift+N", "MeetingsPage shortcut", "window")])
    assert not clashes([("Ctrl+O", "menu item “Open”")],
                       [("Return", "a", "widget 1"), ("Return", "b", "widget 2")])


def test_no_shortcut_is_bound_twice(qtbot, window: MainWindow) -> None:
    window_wide = window_wide_shortcuts(window)
    problems = clashes(window_wide, [])
    for spec in window.specs:
        page = window.show_page(spec.key)
        problems += [f"{spec.title}: {p}" for p in clashes(window_wide, shortcuts_inside(page))]
    assert not problems, "shortcuts bound twice:\n" + "\n".join(problems)


@pytest.mark.parametrize("name", sorted(DIALOGS))
def test_dialogs_have_no_shortcut_bound_twice(qtbot, demo_db: Database, paths: Paths, name: str) -> None:
    """Every dialog and window of the accessibility registry (tests/gui/accessibility/screens.py)."""
    dialog = shown_screen(qtbot, demo_db, paths, name)
    problems = clashes([], shortcuts_inside(dialog))
    assert not problems, f"{name}: " + "; ".join(problems)


# --- mnemonics (#19 item 1: every action has a mnemonic or shortcut) ----------------------

def shown_screen(qtbot, demo_db: Database, paths: Paths, name: str) -> QWidget:  # noqa: ANN001
    room = make_room(demo_db, paths)
    widget = build_screen(name, room)
    qtbot.addWidget(widget)
    widget.resize(1100, 760)
    widget.show()
    qtbot.waitExposed(widget)
    settle(widget, room)
    return widget


def all_menus(window: MainWindow) -> Iterator[QMenu]:
    pending = [a.menu() for a in window.menuBar().actions() if a.menu() is not None]
    while pending:
        menu = pending.pop(0)
        yield menu
        pending += [a.menu() for a in menu.actions() if a.menu() is not None]


def test_mnemonic_checker_finds_letters_taken_twice() -> None:
    assert mnemonic("Save &as…") == "a" and mnemonic("Fish && &chips") == "c" and mnemonic("Tom && Jerry") is None
    assert repeated([("a", "Add"), ("a", "Agenda"), ("b", "Back"), (None, "OK")]) == ["Alt+A: Add and Agenda"]


def test_every_menu_item_has_its_own_mnemonic(window: MainWindow) -> None:
    """Alt, then a letter, reaches every item: each item has one, no two in a menu share it
    (nor two menus of the bar), even where the item has a shortcut too."""
    problems = repeated([(mnemonic(a.text()), f"menu {a.text()!r}") for a in window.menuBar().actions()])
    for menu in all_menus(window):
        items = menu_items(menu)
        problems += [f"{menu.title()!r}: {a.text()!r} has no mnemonic" for a in items if mnemonic(a.text()) is None]
        problems += [f"{menu.title()!r}: {p}" for p in repeated([(mnemonic(a.text()), repr(a.text())) for a in items])]
    assert not problems, "\n".join(problems)


def test_no_page_takes_a_menu_letter_or_one_twice(qtbot, window: MainWindow) -> None:
    """On every page, the menu bar's letters and the page's buttons, fields and tabs are all
    different: Alt+F opens File whichever page is shown."""
    problems = []
    for spec in window.specs:
        window.show_page(spec.key)
        window.wait_until_loaded()
        problems += [f"{spec.title}: {p}" for p in repeated(window_mnemonics(window))]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", sorted(DIALOGS))
def test_no_dialog_has_a_mnemonic_twice(qtbot, demo_db: Database, paths: Paths, name: str) -> None:
    dialog = shown_screen(qtbot, demo_db, paths, name)
    assert repeated(window_mnemonics(dialog)) == []
