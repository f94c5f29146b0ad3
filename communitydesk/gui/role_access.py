"""The window follows the login's rights on a shared database (#20); PostgreSQL stays the guard.

Screens a role may not read leave the sidebar and the Go menu; buttons and menu items it may
not use are disabled with a tooltip and a status tip saying why and whom to ask; Help → "Why is
something missing?" (and a click on the role in the status bar) lists it all. Nothing here is
protection: the database refuses the same things to ``psql`` (tests/postgres/test_roles.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from communitydesk.gui.operations import show_problem
from communitydesk.i18n import N_, _
from communitydesk.services.core.permissions import CAPABILITIES, Permissions, login_permissions

if TYPE_CHECKING:
    from communitydesk.gui.main_window import MainWindow

# page key -> the capability it shows
PAGE_NEEDS = {"members": "members", "meetings": "meetings", "actions": "actions", "attendance": "attendance",
              "one_to_ones": "one_to_ones", "reports": "reports", "dues": "dues"}
# page key -> (attribute path on the page, capability it changes ("read:…": reads), what the control does)
PAGE_CONTROLS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "members": (("new_button", "members", N_("add members")),
                ("import_button", "members", N_("import members")),
                ("duplicates_button", "members", N_("merge duplicate members")),
                ("bulk_button", "members", N_("change many members at once"))),
    "meetings": (("new_button", "meetings", N_("plan meetings")),
                 ("duplicate_button", "meetings", N_("plan meetings")),
                 ("cancel_button", "meetings", N_("cancel meetings")),
                 ("editor.minutes.save_button", "minutes", N_("edit minutes")),
                 ("editor.minutes.minutes", "minutes", N_("edit minutes")),
                 ("editor.minutes.decision", "minutes", N_("edit minutes")),
                 ("editor.approve_button", "minutes", N_("approve minutes")),
                 ("editor.reopen_button", "minutes", N_("reopen minutes")),
                 ("editor.minutes.action_add", "actions", N_("add actions"))),
    "actions": (("done_button", "actions", N_("close actions")),
                ("dropped_button", "actions", N_("close actions")),
                ("reopen_button", "actions", N_("reopen actions"))),
    "attendance": (*((name, "attendance", N_("mark the register")) for name in (
                       "present_button", "apologies_button", "absent_button", "clear_button", "row_entry",
                       "guest_first", "guest_last", "guest_button")),
                   ("kiosk_button", "attendance", N_("run the check-in kiosk")),
                   ("import_button", "members", N_("import old registers (they add members)")),
                   ("email_button", "read:members", N_("email members (it needs their addresses)")),
                   ("paid_at_the_door_button", "dues", N_("record payments"))),
    "one_to_ones": (("log_button", "one_to_ones", N_("log one-to-ones")),),
    "dues": (("record_button", "dues", N_("record payments")),
             ("mark_button", "dues", N_("mark members lapsed")),
             ("plans_button", "dues", N_("change membership plans"))),
}
# dialogs and panels (by class name) -> the same: found when they are first shown
SHOWN_CONTROLS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "MemberDialog": (("delete_action", "members", N_("delete members")),
                     ("archive_action", "members", N_("archive members")),
                     ("left_action", "members", N_("mark members as left"))),
    "PrivacyPanel": (("erase_button", "privacy", N_("erase a person")),
                     ("change_consent_button", "members", N_("change consent"))),
}
# the window's own menu items: their text (as main_window.py words it) -> capability, what it does
WINDOW_ACTIONS: tuple[tuple[str, str, str], ...] = (
    (N_("&Backup now"), "backups", N_("take backups")),
    (N_("&Restore from backup…"), "backups", N_("restore backups")),
    (N_("&Check database"), "backups", N_("check the database")),
    (N_("Re&tention…"), "privacy", N_("apply retention periods")),
    (N_("&Audit trail…"), "privacy", N_("read the audit trail")),
    (N_("&Settings…"), "settings", N_("change the group's settings")),
)
START_PAGE = {"door": "attendance"}  # the door's laptop opens on check-in


def why_not(role: str, doing: str) -> str:
    return _("Your role, {role}, cannot {doing}. Ask the group's admin.").format(role=role, doing=_(doing))


class _KeepDisabled(QObject):
    """Screens enable their buttons as the selection changes; these stay disabled."""

    def keep_action(self, on: bool) -> None:
        action = self.sender()
        if on and isinstance(action, QAction):
            action.setEnabled(False)

    def release(self, action: QAction) -> None:
        """Another login may use it again (the window switched database)."""
        action.enabledChanged.disconnect(self.keep_action)
        action.setToolTip("")
        action.setStatusTip("")
        action.setEnabled(True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.EnabledChange and isinstance(watched, QWidget) and watched.isEnabled():
            watched.setEnabled(False)
        return False


def _find(page: QObject, path: str) -> QObject | None:
    found: object = page
    for name in path.split("."):
        found = getattr(found, name, None)
        if found is None:
            return None
    return found if isinstance(found, QObject) else None


def refuse(control: QObject, reason: str, keeper: _KeepDisabled) -> None:
    """Disable ``control`` for good, saying why on hover and in the status bar."""
    control.setToolTip(reason)
    control.setStatusTip(reason)
    if isinstance(control, QAction):
        control.setEnabled(False)
        control.enabledChanged.connect(keeper.keep_action)
        return
    control.setEnabled(False)
    control.installEventFilter(keeper)


class RoleAccess(QObject):
    """Reads the login's rights when a database opens and makes the window follow them."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.permissions = Permissions.everything()
        self.keeper = _KeepDisabled(self)
        self.clicks = _ExplainOnClick(self)
        self.label_explains = False
        self.refused_actions: list[QAction] = []
        self.wanted = ""  # the screen to show once the rights are read (after a database switch)

    def load(self, first_page: bool = False) -> None:
        """Ask the database (one read, off the UI thread); SQLite allows everything at once."""
        if self.window.ctx.db.is_sqlite:
            self.apply(Permissions.everything(), first_page)
            return
        self.window.ctx.ops.read(login_permissions, parent=self.window, key="login-permissions",
                                 done=lambda found: self.apply(found, first_page),
                                 failed=lambda exc: self._unknown(exc, first_page))

    def _unknown(self, exc: Exception, first_page: bool) -> None:
        """The rights could not be read (the server went away?): offer the screens, say why;
        the database still refuses whatever this login may not do."""
        self.apply(Permissions.everything(), first_page)
        show_problem(self.window, exc)

    def apply(self, permissions: Permissions, first_page: bool = False) -> None:
        window = self.window
        self.permissions = permissions
        window.role_text = permissions.role
        window._update_titles()  # noqa: SLF001 - the status bar names the role
        allowed = [s for s in window.all_specs if permissions.may_read(PAGE_NEEDS.get(s.key, s.key))]
        if [s.key for s in allowed] != [s.key for s in window.specs]:
            show_only(window, allowed)
        for action in self.refused_actions:
            self.keeper.release(action)
        self.refused_actions = []
        for text, capability, doing in WINDOW_ACTIONS:
            if not permissions.may_change(capability):
                for action in self._menu_actions(_(text)):
                    refuse(action, why_not(permissions.role, doing), self.keeper)
                    self.refused_actions.append(action)
        if not permissions.may_read("meetings"):  # every paper printed there needs the meetings
            for action in window.print_menu.actions():
                if not action.isSeparator() and action.menu() is None:
                    refuse(action, why_not(permissions.role, N_("print meeting papers or letters")), self.keeper)
                    self.refused_actions.append(action)
        for key, page in window.pages.items():
            self.page_built(key, page)
        start = START_PAGE.get(permissions.role)
        if start and any(s.key == start for s in window.specs):
            window.show_page_at(next(i for i, s in enumerate(window.specs) if s.key == start))
        elif window.specs and (first_page or window.sidebar.currentRow() < 0):
            keys = [s.key for s in window.specs]
            window.show_page_at(keys.index(self.wanted) if self.wanted in keys else 0)
        if permissions.restricted and not self.label_explains:
            QApplication.instance().installEventFilter(self)
            window.db_label.installEventFilter(self.clicks)
            window.db_label.setCursor(Qt.CursorShape.PointingHandCursor)
            self.label_explains = True

    def _menu_actions(self, text: str) -> list[QAction]:
        found = []
        for menu_action in self.window.menuBar().actions():
            menu = menu_action.menu()
            found += [a for a in (menu.actions() if menu else []) if a.text() == text]
        return found

    def page_built(self, key: str, page: QWidget) -> None:
        """Disable what this role may not use on a screen just built (screens build lazily)."""
        self._restrict(page, PAGE_CONTROLS.get(key, ()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Dialogs and panels, as they are first shown (only installed for a restricted login)."""
        if event.type() == QEvent.Type.Show and type(watched).__name__ in SHOWN_CONTROLS \
                and not watched.property("cdRoleChecked"):
            watched.setProperty("cdRoleChecked", True)
            self._restrict(watched, SHOWN_CONTROLS[type(watched).__name__])
        return False

    def _restrict(self, widget: QObject, controls: tuple[tuple[str, str, str], ...]) -> None:
        """Disable the controls this role may not use; a screen with a ``role_refused`` dict
        also learns why each refused capability is refused (for its keys, which have no button)."""
        refused: dict[str, str] | None = getattr(widget, "role_refused", None)
        for path, capability, doing in controls:
            allowed = (self.permissions.may_read(capability[5:]) if capability.startswith("read:")
                       else self.permissions.may_change(capability))
            if allowed:
                continue
            reason = why_not(self.permissions.role, doing)
            if refused is not None:
                refused.setdefault(capability, reason)
            control = _find(widget, path)  # a lazy panel is built only to refuse it
            if control is not None:
                refuse(control, reason, self.keeper)

    def missing_text(self) -> str:
        p = self.permissions
        if not p.restricted:
            return _("Nothing is missing: this login may use everything in CommunityDesk.")
        lines = [_("You are signed in with the role {role}. The database itself decides what each role may "
                   "see and change, so this is not a setting of this computer.").format(role=p.role or _("none")),
                 ""]
        hidden = [_(CAPABILITIES[c][0]) for c, may_read in p.missing() if not may_read]
        look_only = [_(CAPABILITIES[c][0]) for c, may_read in p.missing() if may_read]
        for heading, items in ((_("Not available to your role:"), hidden),
                               (_("You may look at these, not change them:"), look_only)):
            if items:
                lines += [heading, *("• " + item for item in items), ""]
        lines += [_("If you need more, ask the group's admin to give your login another role "
                        "(communitydesk db grant LOGIN ROLE).")]
        return "\n".join(lines)

    def explain(self) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Information, _("Why is something missing?"), self.missing_text(),
                          QMessageBox.StandardButton.Ok, self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setStyleSheet("QLabel#qt_msgbox_label { min-width: 30em; }")  # a list, not a narrow column of wrapped lines
        box.open()
        return box


class _ExplainOnClick(QObject):
    """A click on the status bar's role opens the explanation."""

    def __init__(self, access: RoleAccess) -> None:
        super().__init__(access)
        self.access = access

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.MouseButtonRelease and self.access.permissions.restricted:
            self.access.explain()
            return True
        return False


def show_only(window: MainWindow, specs: list) -> None:
    """Rebuild the sidebar, the screens and the Go menu with ``specs`` alone."""
    for page in window.pages.values():
        if hasattr(page, "wait_until_loaded"):
            page.wait_until_loaded()
    window.sidebar.blockSignals(True)
    window.sidebar.clear()
    while window.stack.count():
        old = window.stack.widget(0)
        window.stack.removeWidget(old)
        old.deleteLater()
    window.pages.clear()
    window.specs = list(specs)
    for spec in specs:
        window.sidebar.addItem(spec.title)
        window.stack.addWidget(QWidget())
    window.sidebar.blockSignals(False)
    window.fill_go_menu()
