""""Email these people…": compose in the user's own mail client with everyone in BCC.

Only people with an email address and email consent are included; the dialog says
how many were left out and why, and shows their names on request. The message goes
out as ``mailto:`` links (in batches a mail client accepts), as addresses copied to
the clipboard, or as an ``.eml`` draft.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from communitydesk.domain import Channel
from communitydesk.errors import UserError
from communitydesk.gui.common.dialogs import confirm
from communitydesk.gui.context import AppContext
from communitydesk.gui.outreach.widgets import shrink_to_fit, stack_if_too_wide
from communitydesk.i18n import _, ngettext
from communitydesk.services.outreach.audiences import (
    AUDIENCES,
    BY_TAG,
    DEFAULT_DAYS,
    DUE_SOON,
    RENEWALS,
    renewals_due_ids,
)
from communitydesk.services.outreach.mail import (
    MailBatches,
    clipboard_text,
    mailto_batches,
    write_eml,
)
from communitydesk.services.outreach.reach import Reach, email_addresses, reach
from communitydesk.services.outreach.templates import TEMPLATES, EmailDraft, draft_for
from communitydesk.services.settings.group_settings import load_settings


@dataclass(frozen=True)
class EmailStart:
    people: Reach
    group_email: str
    draft: EmailDraft


def _start(session: Session, member_ids: list[int], template: str, meeting_id: int | None) -> EmailStart:
    return EmailStart(reach(session, member_ids, Channel.EMAIL), load_settings(session).group_email,
                      draft_for(session, template, meeting_id))


GIVEN = "given"  # the people the screen that opened the dialog chose


def _reach_of(session: Session, audience: str, given: list[int], days: int, on: date | None) -> Reach:
    ids = given if audience == GIVEN else renewals_due_ids(session, audience, within_days=days, on=on)
    return reach(session, ids, Channel.EMAIL)


def open_url(url: str) -> bool:
    """The one call that leaves the program (tests replace it)."""
    return QDesktopServices.openUrl(QUrl(url, QUrl.ParsingMode.StrictMode))


class EmailPeopleDialog(QDialog):
    def __init__(self, ctx: AppContext, member_ids: list[int], *, about: str, meeting_id: int | None = None,
                 template: str = "blank", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.member_ids = member_ids
        self.meeting_id = meeting_id
        self.today: date | None = None  # the day "due within N days" counts from (tests fix it)
        self.start: EmailStart | None = None
        self.opened: list[str] = []
        self.setWindowTitle(_("Email these people: {about}").format(about=about))
        self.resize(640, 560)

        self.summary = QLabel(_("Loading…"))
        self.summary.setWordWrap(True)
        self.summary.setObjectName("summary")
        self.left_out = QLabel("")
        self.left_out.setWordWrap(True)
        self.left_out.setObjectName("countLabel")
        self.names_button = QPushButton(_("Show &names"))
        self.names_button.setCheckable(True)
        self.names_button.setVisible(False)
        self.names_button.toggled.connect(self._toggle_names)
        self.names = QListWidget()
        self.names.setVisible(False)
        self.names.setMaximumHeight(120)
        left_row = QHBoxLayout()
        left_row.addWidget(self.left_out, 1)
        left_row.addWidget(self.names_button)

        self.audience = QComboBox()
        self.audience.addItem(_("These people: {about}").format(about=about), GIVEN)
        for key, words in AUDIENCES.items():
            if key != BY_TAG:
                self.audience.addItem(_(words), key)
        self.days = QSpinBox(minimum=1, maximum=366, value=DEFAULT_DAYS, suffix=_(" days"))
        self.days.setToolTip(_("Whose paid-up cover ends within this many days from today"))
        self.days.setEnabled(False)
        self.audience.setEnabled(False)  # until the first load lands
        shrink_to_fit(self.audience)
        self.audience.currentIndexChanged.connect(self._audience_changed)
        self.days.valueChanged.connect(self._audience_changed)
        self.template = QComboBox()
        for key, label in TEMPLATES.items():
            self.template.addItem(_(label), key)
        self.template.setCurrentIndex(max(0, self.template.findData(template)))
        shrink_to_fit(self.template)  # #19: no sideways scrolling at 200 %
        self.template.currentIndexChanged.connect(self._load_template)
        self.to = QLineEdit(readOnly=True)
        self.subject = QLineEdit()
        self.body = QPlainTextEdit()
        self.body.setPlaceholderText(_("Your message (it can also be written in your mail program)"))
        self.subject.textChanged.connect(self._update_batches)
        self.body.textChanged.connect(self._update_batches)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # narrow: each field under its label
        form.addRow(_("&Who"), self.audience)
        form.addRow(_("Due wit&hin"), self.days)
        form.addRow(_("Template"), self.template)
        form.addRow(_("To"), self.to)
        form.addRow(_("Subject"), self.subject)
        form.addRow(_("Message"), self.body)

        self.open_button = QPushButton(_("&Open in mail program"))
        self.open_button.setObjectName("primary")
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self.open_in_mail_client)
        self.copy_button = QPushButton(_("&Copy addresses"))
        self.copy_button.setToolTip(_("For pasting into the Bcc field (Ctrl+Shift+C)"))
        self.copy_button.clicked.connect(self.copy_addresses)
        QShortcut(QKeySequence("Ctrl+Shift+C"), self, activated=self.copy_addresses)
        self.save_button = QPushButton(_("Save &draft (.eml)…"))
        self.save_button.clicked.connect(lambda: self.save_draft())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        # the default button first: Tab into the button box lands on it, then moves on (#19)
        for button in (self.open_button, self.copy_button, self.save_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.status = QLabel("")
        self.status.setObjectName("countLabel")
        self.status.setWordWrap(True)
        stack_if_too_wide(buttons, self)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(left_row)
        layout.addWidget(self.names)
        layout.addLayout(form, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self._set_ready(False)
        chosen = self.template.currentData()
        self.loading = ctx.ops.read(lambda s: _start(s, member_ids, chosen, meeting_id), parent=self,
                                    done=self._show)

    # --- loading ---------------------------------------------------------------------------
    def _set_ready(self, ready: bool) -> None:
        has_people = ready and self.start is not None and bool(self.start.people.included)
        for button in (self.open_button, self.copy_button, self.save_button):
            button.setEnabled(has_people)

    def _show(self, start: EmailStart) -> None:
        self.start = start
        self.to.setText(start.group_email)
        self.to.setPlaceholderText(_("No group address yet: set one in Settings (group email)"))
        self._fill(start.draft)
        self.audience.setEnabled(True)
        self._show_people(start.people)

    def choose_audience(self, audience: str, days: int | None = None) -> None:
        """Email a dues audience instead of the people given (renewals due, #18)."""
        if days is not None:
            self.days.setValue(days)
        self.audience.setCurrentIndex(max(0, self.audience.findData(audience)))

    def _audience_changed(self) -> None:
        audience, given, days, on = self.audience.currentData(), self.member_ids, self.days.value(), self.today
        self.days.setEnabled(audience in (DUE_SOON, RENEWALS))
        if self.start is None:  # the choice is offered once the first load has landed
            return
        self._set_ready(False)
        self.summary.setText(_("Loading…"))
        self.loading = self.ctx.ops.read(lambda s: _reach_of(s, audience, given, days, on), parent=self,
                                         done=self._show_people, key="email-audience")

    def _show_people(self, people: Reach) -> None:
        assert self.start is not None
        self.start = replace(self.start, people=people)
        count = len(people.included)
        self.left_out.setText(people.left_out_summary() + (
            _(". Only people with an email address who agreed to email are included.") if people.left_out else ""))
        self.names_button.setVisible(bool(people.left_out))
        if not people.left_out:
            self.names_button.setChecked(False)  # no empty list left open after a change of audience
        self.names.clear()
        for person in people.left_out:
            self.names.addItem(f"{person.name}: {person.reason}")
        if not count:
            self.summary.setText(_("Nobody here can be emailed: nobody has both an email address and "
                                   "consent to email."))
        self._set_ready(True)
        self._update_batches()

    def _fill(self, draft: EmailDraft) -> None:
        self.subject.setText(draft.subject)
        self.body.setPlainText(draft.body)

    def _load_template(self) -> None:
        chosen, meeting_id = self.template.currentData(), self.meeting_id
        typed = (self.subject.text() or self.body.toPlainText()) and self.start is not None
        if typed and not confirm(self, _("Replace the message?"),
                                 _("Replace the subject and message with the template's?"), _("&Replace")):
            return
        self.ctx.ops.read(lambda s: draft_for(s, chosen, meeting_id), parent=self, done=self._fill,
                          key="email-template")

    def _toggle_names(self, shown: bool) -> None:
        self.names.setVisible(shown)
        self.names_button.setText(_("Hide &names") if shown else _("Show &names"))

    # --- what goes out ---------------------------------------------------------------------
    def addresses(self) -> list[str]:
        return email_addresses(self.start.people) if self.start is not None else []

    def batches(self) -> MailBatches:
        return mailto_batches(self.to.text(), self.addresses(), subject=self.subject.text(),
                              body=self.body.toPlainText())

    def _update_batches(self) -> None:
        if self.start is None or not self.start.people.included:
            return
        count = len(self.addresses())
        try:
            plan = self.batches()
        except UserError as exc:
            self.summary.setText(ngettext("{n} person, in Bcc. {problem}.", "{n} people, in Bcc. {problem}.",
                                          count).format(n=count, problem=exc))
            self.open_button.setEnabled(False)
            return
        self.open_button.setEnabled(True)
        windows = (_("one compose window") if plan.count == 1
                   else ngettext("{n} compose window (mail programs take about 1,800 characters of "
                                 "addresses at a time): send each one",
                                 "{n} compose windows (mail programs take about 1,800 characters of "
                                 "addresses at a time): send each one", plan.count).format(n=plan.count))
        note = "" if plan.body_in_links else _(" The message is too long for a mail link: paste it in yourself.")
        self.summary.setText(ngettext("{n} person, in Bcc so nobody sees the others' addresses. Opens {windows}.",
                                      "{n} people, in Bcc so nobody sees the others' addresses. Opens {windows}.",
                                      count).format(n=count, windows=windows) + note)

    def open_in_mail_client(self) -> None:
        plan = self.batches()
        if plan.count > 1 and not confirm(self, _("Several compose windows"),
                       _("Your mail program will open {count} messages, each with part of the list "
                         "in Bcc. Send every one of them. Open them now?").format(count=plan.count),
                       _("&Open them")):
            return
        if not plan.body_in_links:
            QGuiApplication.clipboard().setText(self.body.toPlainText())
        for url in plan.urls:
            if not open_url(url):
                QMessageBox.warning(self, _("No mail program"),
                                    _("No mail program opened. Use Copy addresses or Save draft instead."))
                return
            self.opened.append(url)
        self.status.setText(ngettext("Opened {n} message in your mail program.",
                                     "Opened {n} messages in your mail program.", len(plan.urls)).format(n=len(plan.urls))
                            + (_(" The message text is on the clipboard.") if not plan.body_in_links else ""))

    def copy_addresses(self) -> None:
        if not self.addresses():
            return
        QGuiApplication.clipboard().setText(clipboard_text(self.addresses()))
        count = len(self.addresses())
        self.status.setText(ngettext("{n} address copied: paste it into the Bcc field.",
                                     "{n} addresses copied: paste them into the Bcc field.", count).format(n=count))

    def save_draft(self, path: str | None = None) -> Path | None:
        if path is None:
            path, _filter = QFileDialog.getSaveFileName(self, _("Save draft"), "message.eml", _("Email drafts (*.eml)"))
            if not path:
                return None
        try:
            saved = write_eml(path, self.to.text(), self.addresses(), self.subject.text(),
                              self.body.toPlainText(), sender=self.to.text())
        except UserError as exc:
            QMessageBox.warning(self, _("Save draft"), str(exc))
            return None
        self.status.setText(_("Draft saved to {file}: open it to send from your mail program.").format(file=saved))
        return saved
