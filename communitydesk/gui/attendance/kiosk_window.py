"""The door: a full-screen check-in kiosk a visitor can use but not leave.

Type the first letters of a first or last name (accents ignored), Enter checks the
top (or chosen) name in and records the time. Newcomers use "I'm new here".
Only names are shown, never contact details. Leaving needs Ctrl+Shift+Q and a
confirmation, or the kiosk PIN when the group has set one (Settings), so a visitor
cannot wander into the member list. The shortcut is not shown on the visitors' screen
(the organiser learns it from the Attendance screen's kiosk button).

Opening the kiosk fixes the meeting's sheet numbers, as opening the register does,
so a newcomer who signs up at the door takes the next number, never row 18: that is
the kiosk's one write on opening (``start_kiosk``), which also loads everyone who can
be found at the door, so typing a name never waits for the database. Each check-in
is a write through the operation runner; the next visitor can type meanwhile.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from communitydesk.errors import UserError
from communitydesk.gui.accessibility import announce, fit_on_show
from communitydesk.gui.common.dates import long_datetime, time_of_day
from communitydesk.gui.common.dialogs import confirm
from communitydesk.gui.context import AppContext
from communitydesk.gui.operations import Operation, show_problem
from communitydesk.i18n import _, ngettext
from communitydesk.services.attendance.check_in import CheckInIndex, CheckInPerson
from communitydesk.services.attendance.register import AttendanceEntry, Guest, add_guest, check_in
from communitydesk.services.attendance.screen import KioskStart, start_kiosk
from communitydesk.services.members.records import DuplicateEmailError

LEAVE_SHORTCUT = "Ctrl+Shift+Q"
KIOSK_STYLE = """
#kioskWelcome { color: #1f6b3a; background: #e3f4e7; border-radius: 8px; padding: 8px; }
#kioskWelcome[empty="true"] { background: transparent; }
#kioskError { color: #a32020; }
QCheckBox::indicator { width: 26px; height: 26px; }
QListWidget::item { padding: 6px; }
"""
MAX_MATCHES = 8
MEMBER_ROLE = Qt.ItemDataRole.UserRole + 1


def _big(widget: QWidget, points: int, *, bold: bool = False) -> QWidget:
    font = QFont(widget.font())
    font.setPointSize(points)
    font.setBold(bold)
    widget.setFont(font)
    return widget


class SearchBox(QLineEdit):
    """The type-ahead box; Up/Down move through the matches without leaving the box."""

    move_requested = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_requested.emit(-1 if event.key() == Qt.Key.Key_Up else 1)
            return
        if event.key() == Qt.Key.Key_Escape:
            self.clear()
            return
        super().keyPressEvent(event)


class NewcomerForm(QWidget):
    """"I'm new here": name, phone, e-mail and consent to be contacted."""

    submitted = Signal(dict)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = _big(QLabel(_("Welcome! Tell us who you are")), 26, bold=True)
        self.first_name = _big(QLineEdit(placeholderText=_("First name")), 18)
        self.last_name = _big(QLineEdit(placeholderText=_("Last name")), 18)
        self.phone = _big(QLineEdit(placeholderText=_("Phone (optional)")), 18)
        self.email = _big(QLineEdit(placeholderText=_("E-mail (optional)")), 18)
        self.consent = _big(QCheckBox(_("Yes, you may contact me about the group's meetings and news")), 14)
        self.message = _big(QLabel(), 14)
        self.message.setObjectName("kioskError")
        self.message.setWordWrap(True)
        form = QFormLayout()
        for label, field in ((_("First name"), self.first_name), (_("Last name"), self.last_name),
                             (_("Phone"), self.phone), (_("E-mail"), self.email)):
            form.addRow(_big(QLabel(label), 16), field)
        form.addRow("", self.consent)
        self.submit_button = _big(QPushButton(_("Check me in")), 18, bold=True)
        self.submit_button.setObjectName("primary")
        self.submit_button.clicked.connect(self.submit)
        self.back_button = _big(QPushButton(_("Back")), 16)
        self.back_button.clicked.connect(self.cancelled.emit)
        for field in (self.first_name, self.last_name, self.phone, self.email):
            field.returnPressed.connect(self.submit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.submit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def reset(self) -> None:
        for field in (self.first_name, self.last_name, self.phone, self.email):
            field.clear()
        self.consent.setChecked(False)
        self.message.clear()
        self.first_name.setFocus()

    def submit(self) -> None:
        if not self.first_name.text().strip():
            self.message.setText(_("Please type at least your first name."))
            self.first_name.setFocus()
            return
        self.submitted.emit({
            "first_name": self.first_name.text(), "last_name": self.last_name.text(),
            "phone": self.phone.text().strip() or None, "email": self.email.text().strip() or None,
            "consent": self.consent.isChecked(),
        })


class KioskWindow(QWidget):
    closed = Signal()
    checked_in = Signal(object)  # the AttendanceEntry of each check-in, for the register behind

    def __init__(self, ctx: AppContext, meeting_id: int, parent: QWidget | None = None, *,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.meeting_id = meeting_id
        self._today = today  # tests fix the date; None: the real one
        self._may_close = False
        self._kiosk_pin = ""
        self.index = CheckInIndex([])
        self.writing: Operation | None = None
        self.setObjectName("kiosk")
        self.setStyleSheet(KIOSK_STYLE)
        fit_on_show(self)  # at 200 % on a small laptop the kiosk scrolls rather than running off (#19)
        self.setWindowTitle(_("Check-in"))

        self.heading = heading = _big(QLabel(), 16)
        self.title = title = _big(QLabel(_("Loading…")), 28, bold=True)
        title.setWordWrap(True)
        prompt = _big(QLabel(_("Type the first letters of your first or last name, then press Enter")), 16)
        self.search_box = _big(SearchBox(placeholderText=_("Your name…")), 30)
        self.search_box.setObjectName("kioskSearch")
        self.search_box.setAccessibleName(_("Your name"))
        self.search_box.textChanged.connect(self.update_matches)
        self.search_box.returnPressed.connect(self.check_in_selected)
        self.search_box.move_requested.connect(self._move)
        self.matches = _big(QListWidget(), 22)
        self.matches.setAccessibleName(_("Matching names"))
        self.matches.setProperty("accessibleRowNoun", _("names"))
        self.matches.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.matches.itemActivated.connect(lambda _item: self.check_in_selected())
        self.matches.itemClicked.connect(lambda _item: self.check_in_selected())
        self.hint = _big(QLabel(), 16)
        self.welcome = _big(QLabel(), 26, bold=True)
        self.welcome.setObjectName("kioskWelcome")
        self.welcome.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.welcome.setWordWrap(True)
        self.new_button = _big(QPushButton(_("I'm &new here")), 20, bold=True)
        self.new_button.setObjectName("primary")
        self.new_button.clicked.connect(self.show_newcomer_form)
        self.count_label = _big(QLabel(), 14)

        search_page = QWidget()
        search_layout = QVBoxLayout(search_page)
        search_layout.addWidget(prompt)
        search_layout.addWidget(self.search_box)
        search_layout.addWidget(self.hint)
        search_layout.addWidget(self.matches, 1)
        row = QHBoxLayout()
        row.addWidget(_big(QLabel(_("Not on the list?")), 18))
        row.addWidget(self.new_button)
        row.addStretch(1)
        search_layout.addLayout(row)

        self.form = NewcomerForm()
        self.form.submitted.connect(self.register_newcomer)
        self.form.cancelled.connect(self.show_search)
        self.pages = QStackedWidget()
        self.pages.addWidget(search_page)
        self.pages.addWidget(self.form)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 30, 60, 20)
        layout.addWidget(heading)
        layout.addWidget(title)
        layout.addWidget(self.welcome)
        layout.addWidget(self.pages, 1)
        footer = QHBoxLayout()
        footer.addWidget(self.count_label)
        footer.addStretch(1)
        layout.addLayout(footer)

        self._welcome_timer = QTimer(self, singleShot=True, interval=6000, timeout=lambda: self._say(""))
        QShortcut(QKeySequence(LEAVE_SHORTCUT), self, activated=self.request_leave)
        self._say("")
        self.search_box.setEnabled(False)
        self.new_button.setEnabled(False)
        self.loading = ctx.ops.write(lambda s: start_kiosk(s, meeting_id), parent=self, done=self._started)

    def _started(self, start: KioskStart) -> None:
        self.index = CheckInIndex(start.people)
        self._kiosk_pin = start.kiosk_pin
        self.setWindowTitle(_("Check-in — {meeting}").format(meeting=start.title))
        self.heading.setText(start.group_name)
        self.title.setText(f"{start.title} · {long_datetime(start.starts_at)}")
        self.search_box.setEnabled(True)
        self.new_button.setEnabled(True)
        self._update_count()
        self.update_matches(self.search_box.text())
        self.search_box.setFocus()

    def wait_until_loaded(self) -> None:
        """Until the opening load and every check-in have landed (tests, closing)."""
        self.loading.wait()
        self.ctx.ops.wait_idle()

    # --- searching ---------------------------------------------------------------------
    def update_matches(self, text: str) -> None:
        found = self.index.search(text, limit=MAX_MATCHES)
        self.matches.clear()
        for person in found:
            label = person.display_name + ("   ✓ " + _("checked in") if person.status == "present" else "")
            item = QListWidgetItem(label)
            item.setData(MEMBER_ROLE, person.member_id)
            self.matches.addItem(item)
        if found:
            self.matches.setCurrentRow(0)
        if not text.strip():
            self.hint.setText("")
        elif not found:
            self.hint.setText(_("No one by that name yet. Check the spelling, or press “I'm new here”."))
        else:
            self.hint.setText(_("Press Enter to check in the highlighted name, or use ↑ ↓ to choose."))

    def _move(self, step: int) -> None:
        if self.matches.count():
            self.matches.setCurrentRow(max(0, min(self.matches.count() - 1, self.matches.currentRow() + step)))

    def selected_person(self) -> CheckInPerson | None:
        item = self.matches.currentItem()
        if item is None:
            return None
        member_id = item.data(MEMBER_ROLE)
        return next((p for p in self.index.people if p.member_id == member_id), None)

    # --- checking in ---------------------------------------------------------------------
    def check_in_selected(self) -> None:
        """The write runs behind; the box clears at once so the next visitor can type."""
        person = self.selected_person()
        if person is None:
            return
        already = person.status == "present"
        meeting_id, member_id, today = self.meeting_id, person.member_id, self._today
        self.index.replace(person._replace(status="present"))  # a second Enter is harmless either way
        self.search_box.clear()
        self._update_count()
        self.writing = self.ctx.ops.write(
            lambda s: check_in(s, meeting_id, member_id=member_id, today=today), parent=self,
            done=lambda entry: self._checked_in(person, already, entry),
            failed=lambda exc: self._check_in_refused(person, exc))

    def _checked_in(self, person: CheckInPerson, already: bool, entry: AttendanceEntry) -> None:
        first = person.display_name.split(" ")[0]
        when = time_of_day(entry.checked_in_at) if entry.checked_in_at else ""
        self._say((_("Welcome back, {name}: you were already checked in ({time}).") if already
                   else _("Welcome, {name}! You're checked in ({time}).")).format(name=first, time=when))
        self.checked_in.emit(entry)

    def _check_in_refused(self, person: CheckInPerson, exc: Exception) -> None:
        self.index.replace(person)  # as it was
        self._update_count()
        if isinstance(exc, UserError):
            self._say(str(exc))  # on the kiosk itself: no dialog for a visitor to dismiss
        else:
            show_problem(self, exc)

    def show_newcomer_form(self) -> None:
        self.pages.setCurrentWidget(self.form)
        self.form.reset()
        if self.search_box.text().strip():
            self.form.first_name.setText(self.search_box.text().strip())

    def show_search(self) -> None:
        self.pages.setCurrentWidget(self.pages.widget(0))
        self.search_box.clear()
        self.search_box.setFocus()

    def register_newcomer(self, values: dict) -> None:
        if not self.form.submit_button.isEnabled():
            return  # the first press is still being saved
        meeting_id, today = self.meeting_id, self._today
        self.form.submit_button.setEnabled(False)
        self.writing = self.ctx.ops.write(
            lambda s: add_guest(s, meeting_id, today=today, **values), parent=self,
            done=lambda guest: self._newcomer_added(values, guest), failed=self._newcomer_refused)
        self.writing.finished.connect(lambda: self.form.submit_button.setEnabled(True))

    def _newcomer_added(self, values: dict, guest: Guest) -> None:
        self.index.add(CheckInPerson(guest.member_id, guest.display_name, True, "present"))
        self._say(_("Welcome, {name}! Lovely to meet you — you're checked in.").format(
            name=values["first_name"].strip()))
        self._update_count()
        self.show_search()
        self.checked_in.emit(guest.entry)

    def _newcomer_refused(self, exc: Exception) -> None:
        if isinstance(exc, DuplicateEmailError):  # never say whose it is: anyone can read the kiosk
            self.form.message.setText(_("That e-mail is already on our list: please find your name "
                                        "with the search, or ask at the desk."))
            return
        if not isinstance(exc, UserError):
            show_problem(self, exc)
            return
        message = str(exc)
        if message.startswith("email:"):
            message = _("That e-mail address doesn't look right; please check it (or leave it empty).")
        self.form.message.setText(message)

    def _say(self, text: str) -> None:
        self.welcome.setText(text)
        announce(self.welcome, text)
        self.welcome.setProperty("empty", not text)
        self.welcome.style().unpolish(self.welcome)
        self.welcome.style().polish(self.welcome)
        if text:
            self._welcome_timer.start()

    def _update_count(self) -> None:
        n = sum(1 for p in self.index.people if p.status == "present")
        self.count_label.setText(ngettext("{count} checked in so far", "{count} checked in so far", n).format(count=n))
        announce(self.count_label, self.count_label.text())

    # --- leaving -------------------------------------------------------------------------
    @classmethod
    def confirm_leave(cls, parent: QWidget) -> bool:
        """Asked before the kiosk closes; tests patch this."""
        return confirm(parent, _("Leave the kiosk?"),
                       _("Close the check-in kiosk and return to CommunityDesk?"), _("Leave the kiosk"))

    @classmethod
    def ask_pin(cls, parent: QWidget) -> str | None:
        """The organiser types the kiosk PIN (None: cancelled); tests patch this."""
        text, ok = QInputDialog.getText(parent, _("Leave the kiosk?"),
                                        _("Kiosk PIN (set in Settings) to return to CommunityDesk:"),
                                        QLineEdit.EchoMode.Password)
        return text if ok else None

    def request_leave(self) -> bool:
        """With a kiosk PIN set, only that PIN leaves; without one, a confirmation does."""
        pin = self._kiosk_pin  # read when the kiosk opened (Settings cannot be reached from here)
        if pin:
            entered = type(self).ask_pin(self)
            if entered is not None and entered.strip() != pin:
                self.hint.setText(_("That PIN is not right, so the kiosk stays open."))  # quietly
            if entered is None or entered.strip() != pin:
                self.search_box.setFocus()
                return False
        elif not type(self).confirm_leave(self):
            self.search_box.setFocus()
            return False
        self._may_close = True
        self.close()
        return True

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if not self._may_close:
            event.ignore()  # Alt+F4 and the like: only the organiser shortcut leaves
            return
        self.closed.emit()
        super().closeEvent(event)
