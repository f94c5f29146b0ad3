"""The door: a full-screen check-in kiosk a visitor can use but not leave.

Type the first letters of a first or last name (accents ignored), Enter checks the
top (or chosen) name in and records the time. Newcomers use "I'm new here".
Only names are shown, never contact details. Leaving needs Ctrl+Shift+Q and a
confirmation, so a visitor cannot wander into the member list.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from communitydesk.errors import UserError
from communitydesk.gui.context import AppContext
from communitydesk.services.attendance import add_guest, check_in
from communitydesk.services.check_in import CheckInIndex, CheckInPerson, check_in_people
from communitydesk.services.meetings import get_meeting
from communitydesk.services.members import DuplicateEmailError

LEAVE_SHORTCUT = "Ctrl+Shift+Q"
KIOSK_STYLE = """
#kioskWelcome { color: #1f6b3a; background: #e3f4e7; border-radius: 8px; padding: 8px; }
#kioskWelcome[empty="true"] { background: transparent; }
#kioskError { color: #a32020; }
#kioskLeaveHint { color: #888888; }
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
        title = _big(QLabel("Welcome! Tell us who you are"), 26, bold=True)
        self.first_name = _big(QLineEdit(placeholderText="First name"), 18)
        self.last_name = _big(QLineEdit(placeholderText="Last name"), 18)
        self.phone = _big(QLineEdit(placeholderText="Phone (optional)"), 18)
        self.email = _big(QLineEdit(placeholderText="E-mail (optional)"), 18)
        self.consent = _big(QCheckBox("Yes, you may contact me about the group's meetings and news"), 14)
        self.message = _big(QLabel(), 14)
        self.message.setObjectName("kioskError")
        self.message.setWordWrap(True)
        form = QFormLayout()
        for label, field in (("First name", self.first_name), ("Last name", self.last_name),
                             ("Phone", self.phone), ("E-mail", self.email)):
            form.addRow(_big(QLabel(label), 16), field)
        form.addRow("", self.consent)
        self.submit_button = _big(QPushButton("Check me in"), 18, bold=True)
        self.submit_button.setObjectName("primary")
        self.submit_button.clicked.connect(self.submit)
        self.back_button = _big(QPushButton("Back"), 16)
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
            self.message.setText("Please type at least your first name.")
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

    def __init__(self, ctx: AppContext, meeting_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.meeting_id = meeting_id
        self._may_close = False
        self.setObjectName("kiosk")
        self.setStyleSheet(KIOSK_STYLE)
        with ctx.db.session() as session:
            meeting = get_meeting(session, meeting_id)
            self.index = CheckInIndex(check_in_people(session, meeting_id))
        group = ctx.group_settings().group_name
        self.setWindowTitle(f"Check-in — {meeting.title}")

        heading = _big(QLabel(group), 16)
        title = _big(QLabel(f"{meeting.title} · {meeting.starts_at:%A %d %B, %H:%M}"), 28, bold=True)
        prompt = _big(QLabel("Type the first letters of your first or last name, then press Enter"), 16)
        self.search_box = _big(SearchBox(placeholderText="Your name…"), 30)
        self.search_box.setObjectName("kioskSearch")
        self.search_box.textChanged.connect(self.update_matches)
        self.search_box.returnPressed.connect(self.check_in_selected)
        self.search_box.move_requested.connect(self._move)
        self.matches = _big(QListWidget(), 22)
        self.matches.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.matches.itemActivated.connect(lambda _item: self.check_in_selected())
        self.matches.itemClicked.connect(lambda _item: self.check_in_selected())
        self.hint = _big(QLabel(), 16)
        self.welcome = _big(QLabel(), 26, bold=True)
        self.welcome.setObjectName("kioskWelcome")
        self.welcome.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.welcome.setWordWrap(True)
        self.new_button = _big(QPushButton("I'm new here"), 20, bold=True)
        self.new_button.setObjectName("primary")
        self.new_button.clicked.connect(self.show_newcomer_form)
        self.count_label = _big(QLabel(), 14)
        leave_hint = _big(QLabel(f"Organisers: {LEAVE_SHORTCUT} to leave the kiosk"), 10)
        leave_hint.setObjectName("kioskLeaveHint")

        search_page = QWidget()
        search_layout = QVBoxLayout(search_page)
        search_layout.addWidget(prompt)
        search_layout.addWidget(self.search_box)
        search_layout.addWidget(self.hint)
        search_layout.addWidget(self.matches, 1)
        row = QHBoxLayout()
        row.addWidget(_big(QLabel("Not on the list?"), 18))
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
        footer.addWidget(leave_hint)
        layout.addLayout(footer)

        self._welcome_timer = QTimer(self, singleShot=True, interval=6000, timeout=lambda: self._say(""))
        QShortcut(QKeySequence(LEAVE_SHORTCUT), self, activated=self.request_leave)
        self._say("")
        self._update_count()
        self.update_matches("")
        self.search_box.setFocus()

    # --- searching ---------------------------------------------------------------------
    def update_matches(self, text: str) -> None:
        found = self.index.search(text, limit=MAX_MATCHES)
        self.matches.clear()
        for person in found:
            label = person.display_name + ("   ✓ checked in" if person.status == "present" else "")
            item = QListWidgetItem(label)
            item.setData(MEMBER_ROLE, person.member_id)
            self.matches.addItem(item)
        if found:
            self.matches.setCurrentRow(0)
        if not text.strip():
            self.hint.setText("")
        elif not found:
            self.hint.setText("No one by that name yet. Check the spelling, or press \"I'm new here\".")
        else:
            self.hint.setText("Press Enter to check in the highlighted name, or use ↑ ↓ to choose.")

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
        person = self.selected_person()
        if person is None:
            return
        already = person.status == "present"
        try:
            with self.ctx.db.session() as session:
                entry = check_in(session, self.meeting_id, member_id=person.member_id)
        except UserError as exc:
            self._say(str(exc))
            return
        self.index.replace(person._replace(status="present"))
        first = person.display_name.split(" ")[0]
        when = f"{entry.checked_in_at:%H:%M}" if entry.checked_in_at else ""
        self._say(f"Welcome back, {first}: you were already checked in ({when})." if already
                  else f"Welcome, {first}! You're checked in ({when}).")
        self.search_box.clear()
        self._update_count()
        self.checked_in.emit(entry)
        self.ctx.announce("attendance")

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
        try:
            with self.ctx.db.session() as session:
                guest = add_guest(session, self.meeting_id, **values)
        except DuplicateEmailError:  # never say whose it is: anyone can read the kiosk
            self.form.message.setText("That e-mail is already on our list: please find your name "
                                      "with the search, or ask at the desk.")
            return
        except UserError as exc:
            message = str(exc)
            if message.startswith("email:"):
                message = "That e-mail address doesn't look right; please check it (or leave it empty)."
            self.form.message.setText(message)
            return
        self.index.add(CheckInPerson(guest.member_id, guest.display_name, True, "present"))
        self._say(f"Welcome, {values['first_name'].strip()}! Lovely to meet you — you're checked in.")
        self._update_count()
        self.show_search()
        self.checked_in.emit(guest.entry)
        self.ctx.announce("attendance", "members")

    def _say(self, text: str) -> None:
        self.welcome.setText(text)
        self.welcome.setProperty("empty", not text)
        self.welcome.style().unpolish(self.welcome)
        self.welcome.style().polish(self.welcome)
        if text:
            self._welcome_timer.start()

    def _update_count(self) -> None:
        n = sum(1 for p in self.index.people if p.status == "present")
        self.count_label.setText(f"{n} checked in so far")

    # --- leaving -------------------------------------------------------------------------
    @classmethod
    def confirm_leave(cls, parent: QWidget) -> bool:
        """Asked before the kiosk closes; tests patch this."""
        answer = QMessageBox.question(parent, "Leave the kiosk?",
                                      "Close the check-in kiosk and return to CommunityDesk?",
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def request_leave(self) -> bool:
        if not type(self).confirm_leave(self):
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
