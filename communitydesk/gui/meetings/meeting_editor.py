"""One meeting: its details, then tabs for the agenda, the minutes, matters arising and motions;
approving the minutes (at which meeting) makes them read-only until reopened. Only the Agenda tab
is built with the editor; the others are built when first shown or asked for (``minutes``,
``arising``, ``motions``) and then filled in from the meeting already read (#14).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from communitydesk.gui.common.dates import long_date, long_datetime, short_date, time_of_day
from communitydesk.gui.common.dialogs import confirm
from communitydesk.gui.context import AppContext
from communitydesk.gui.meetings.agenda_editor import AgendaEditor
from communitydesk.gui.meetings.arising_panel import ArisingPanel
from communitydesk.gui.meetings.labels import word
from communitydesk.gui.meetings.minutes_editor import MinutesEditor
from communitydesk.gui.motions.motions_panel import MotionsPanel  # #16
from communitydesk.gui.motions.quorum_indicator import QuorumIndicator  # #16
from communitydesk.gui.operations import Operation
from communitydesk.gui.theme import follow_system
from communitydesk.i18n import _
from communitydesk.services.meetings.minutes import (
    ApprovalChoices,
    MinutesApproval,
    approve_minutes,
    reopen_minutes,
)
from communitydesk.services.meetings.planning import MeetingDetail
from communitydesk.services.meetings.view import MeetingView, meeting_view

TAB_AGENDA, TAB_MINUTES, TAB_ARISING, TAB_MOTIONS = range(4)


class MeetingEditor(QWidget):
    edit_requested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 today: Callable[[], date] = date.today) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = today  # minutes are approved only for meetings held by then
        self.meeting: MeetingDetail | None = None
        self.choices: ApprovalChoices | None = None
        self.wanted_id: int | None = None  # the meeting asked for (shown once its read lands)
        self.loading: Operation | None = None
        self._agenda_select: int | None = None
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 16px; font-weight: 600;")
        self.title.setStyleSheet(follow_system(self.title.styleSheet()))  # system font (#19)
        self.details = QLabel()
        self.details.setObjectName("pageSubtitle")
        self.details.setWordWrap(True)
        self.approval = QLabel()
        self.approval.setWordWrap(True)
        self.edit_button = QPushButton(_("Edit deta&ils…"))
        self.edit_button.clicked.connect(lambda: self.edit_requested.emit())
        self.approve_button = QPushButton(_("Appro&ve minutes…"))
        self.approve_button.setToolTip(_("Record the minutes as a true record, approved at a meeting"))
        self.approve_button.clicked.connect(self.approve)
        self.reopen_button = QPushButton(_("Reopen minutes"))
        self.reopen_button.setToolTip(_("Make approved minutes editable again"))
        self.reopen_button.clicked.connect(self.reopen)

        self.agenda = AgendaEditor(ctx)
        self.agenda.changed.connect(lambda select_id: self.reload(agenda_select=select_id))
        # The other tabs are built when first shown (or asked for): opening the Meetings screen
        # builds only what it shows (#14). Until then a tab holds an empty placeholder.
        self._view: MeetingView | None = None
        self._minutes: MinutesEditor | None = None
        self._arising: ArisingPanel | None = None
        self._motions: MotionsPanel | None = None
        self._motions_meeting: tuple[int | None, bool] = (None, False)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.agenda, _("&Agenda"))
        self.tabs.addTab(QWidget(), _("&Minutes"))
        self.tabs.addTab(QWidget(), _("Matters a&rising"))
        self.tabs.addTab(QWidget(), _("Mo&tions"))
        self.quorum = QuorumIndicator(ctx)  # #16: "Present 23 of 18 needed — quorate", live
        self.tabs.currentChanged.connect(self._tab_changed)

        top = QHBoxLayout()
        texts = QVBoxLayout()
        texts.addWidget(self.title)
        texts.addWidget(self.details)
        texts.addWidget(self.approval)
        # Aligned, so its own narrow width does not cap the column (the buttons took the rest).
        texts.addWidget(self.quorum, 0, Qt.AlignmentFlag.AlignLeft)
        top.addLayout(texts, 1)
        for b in (self.edit_button, self.approve_button, self.reopen_button):
            top.addWidget(b)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

    # --- tabs built when first shown ----------------------------------------------
    @property
    def minutes(self) -> MinutesEditor:
        if self._minutes is None:
            self._minutes = MinutesEditor(self.ctx)
            self._minutes.changed.connect(self.reload)
            self._minutes.show_view(self._view)
            self._put_tab(TAB_MINUTES, self._minutes)
        return self._minutes

    @property
    def arising(self) -> ArisingPanel:
        if self._arising is None:
            self._arising = ArisingPanel(self.ctx)
            self._arising.changed.connect(self.reload)
            self._arising.show_view(self._view)
            self._put_tab(TAB_ARISING, self._arising)
        return self._arising

    @property
    def motions(self) -> MotionsPanel:
        """#16: motions, votes, elections; reads its meeting when shown."""
        if self._motions is None:
            self._motions = MotionsPanel(self.ctx)
            self._motions.quorum_read.connect(self.quorum.show_quorum)
            meeting_id, read_only = self._motions_meeting
            self._motions.set_meeting(meeting_id, read_only=read_only)
            self._put_tab(TAB_MOTIONS, self._motions)
        return self._motions

    def _put_tab(self, index: int, panel: QWidget) -> None:
        """Put a panel just built in place of its tab's placeholder, keeping the tab shown."""
        placeholder, text, current = self.tabs.widget(index), self.tabs.tabText(index), self.tabs.currentIndex()
        self.tabs.blockSignals(True)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, panel, text)
        self.tabs.setCurrentIndex(current)
        self.tabs.blockSignals(False)
        placeholder.deleteLater()

    def _build_tab(self, index: int) -> None:
        if index == TAB_MINUTES:
            self.minutes  # noqa: B018 - built by being asked for
        elif index == TAB_ARISING:
            self.arising  # noqa: B018
        elif index == TAB_MOTIONS:
            self.motions  # noqa: B018

    @property
    def meeting_id(self) -> int | None:
        """The meeting shown now (a newer one may be loading: see ``wanted_id``)."""
        return self.meeting.id if self.meeting else None

    @property
    def is_loading(self) -> bool:
        return self.loading is not None and not self.loading.is_done

    def load(self, meeting_id: int | None) -> Operation | None:
        """Show a meeting: one read of everything the header and the three tabs show."""
        if meeting_id != self.wanted_id and self._minutes is not None and self._minutes.is_dirty():
            self._minutes.save_current()  # leaving a meeting saves what was typed
        self.wanted_id = meeting_id
        if meeting_id is None:
            if self.loading is not None:
                self.loading.cancel()  # a read still on its way must not bring a meeting back
            self.loading = None
            self.show_view(None)
            return None
        today = self.today()
        self.loading = self.ctx.ops.read(lambda s: meeting_view(s, meeting_id, today=today),
                                         parent=self, done=self.show_view,
                                         key=f"meeting-view-{id(self)}")
        return self.loading

    def reload(self, agenda_select: int | None = None) -> Operation | None:
        """Read the shown meeting again after a change (ours or someone else's)."""
        self._agenda_select = agenda_select
        return self.load(self.wanted_id)

    def show_view(self, view: MeetingView | None) -> None:
        self.meeting = view.detail if view is not None else None
        self.choices = view.choices if view is not None else None
        self._show_header(view.repeats if view else None, view.approval if view else None)
        select, self._agenda_select = self._agenda_select, None
        self._view = view
        self.agenda.show_view(view, select)
        for panel in (self._minutes, self._arising):
            if panel is not None:
                panel.show_view(view)
        self.update_arising_tab()
        shown_id = view.detail.id if view is not None else None  # #16
        self._motions_meeting = (shown_id, bool(view and view.detail.minutes_approved))
        if self._motions is not None:
            self._motions.set_meeting(shown_id, read_only=self._motions_meeting[1])
        self.quorum.set_meeting(shown_id, read=False)  # from the Motions tab's read or a check-in

    def _show_header(self, rule: str | None, approval: MinutesApproval | None) -> None:
        m = self.meeting
        for b in (self.edit_button, self.approve_button, self.reopen_button):
            b.setEnabled(m is not None)
        if m is None:
            self.title.setText("")
            self.details.setText("")
            self.approval.setText("")
            return
        when = long_datetime(m.starts_at)
        if m.ends_at:
            when += f"–{time_of_day(m.ends_at)}"
        parts = [when, m.venue or _("no venue yet"), word(m.kind)]
        if m.status != "planned":
            parts.append(word(m.status).upper() if m.status == "cancelled" else word(m.status))
        people = []
        if m.chair_name:
            people.append(_("Chair: {name}").format(name=m.chair_name))
        if m.minute_taker_name:
            people.append(_("Minutes: {name}").format(name=m.minute_taker_name))
        if rule:
            people.append(_("Repeats: {rule}").format(rule=rule))
        self.title.setText(m.title)
        self.details.setText(" · ".join(parts) + ("\n" + " · ".join(people) if people else ""))
        if approval is not None and approval.approved:
            self.approval.setText(_("✔ Minutes approved at {meeting}, {date}. "
                                    "They are read-only until reopened.").format(
                meeting=approval.at_meeting_name, date=long_date(approval.at_meeting_starts_at)))
            self.approval.setStyleSheet("color: #2f6f4f; font-weight: 600;")
        else:
            self.approval.setText(_("Minutes are a draft.") if m.status == "held" else "")
            self.approval.setStyleSheet("color: #5f6b66;")
        self.approval.setVisible(bool(self.approval.text()))  # no blank line above the tabs
        self.approve_button.setVisible(not m.minutes_approved)
        self.reopen_button.setVisible(m.minutes_approved)
        reason = self.choices.reason if self.choices is not None else None
        self.approve_button.setEnabled(reason is None and not m.minutes_approved)
        self.approve_button.setToolTip(
            _("Not yet: {reason}").format(reason=reason) if reason else
            _("Record the minutes as a true record, approved at a later meeting"))

    def update_arising_tab(self) -> None:
        n = sum(1 for a in self._view.arising if a.status == "open") if self._view is not None else 0
        self.tabs.setTabText(TAB_ARISING, _("Matters a&rising ({count})").format(count=n) if n
                             else _("Matters a&rising"))

    def _tab_changed(self, index: int) -> None:
        self._build_tab(index)
        if index != TAB_MINUTES and self._minutes is not None and self._minutes.is_dirty():
            self._minutes.save_current()

    # --- approval -----------------------------------------------------------------
    @staticmethod
    def choose_approval_meeting(parent: QWidget, choices: list[tuple[int, str]], default: int) -> int | None:
        """Ask at which meeting the minutes were approved. Tests patch this."""
        labels = [label for _id, label in choices]
        label, ok = QInputDialog.getItem(parent, _("Approve minutes"),
                                         _("The minutes were approved as a true record at:"),
                                         labels, default, False)
        if not ok:
            return None
        return choices[labels.index(label)][0]

    def approve(self) -> Operation | None:
        """Ask at which later meeting (already held) the minutes were approved, and record it."""
        m = self.meeting
        offer = self.choices
        if m is None or m.minutes_approved or offer is None or offer.reason is not None:
            return None
        if self._minutes is not None and self._minutes.is_dirty():
            self._minutes.save_current()
        choices = [(c.id, f"{c.title} — {short_date(c.starts_at)}") for c in offer.meetings]
        default = next(n for n, (i, _label) in enumerate(choices) if i == offer.default_id)
        at = self.choose_approval_meeting(self, choices, default)
        if at is None:
            return None
        today = self.today()
        return self.ctx.ops.write(lambda s: approve_minutes(s, m.id, at_meeting_id=at, today=today),
                                  parent=self, done=lambda _approval: self.reload())

    @staticmethod
    def confirm_reopen(parent: QWidget, title: str) -> bool:
        """Tests patch this."""
        return confirm(
            parent, _("Reopen minutes"),
            _("The minutes of “{title}” were approved as a true record. Reopen them for editing?\n\n"
              "Changes after approval should be reported at the next meeting.").format(title=title),
            _("Reopen"))

    def reopen(self) -> Operation | None:
        m = self.meeting
        if m is None or not m.minutes_approved or not self.confirm_reopen(self, m.title):
            return None
        return self.ctx.ops.write(lambda s: reopen_minutes(s, m.id), parent=self,
                                  done=lambda _approval: self.reload())
