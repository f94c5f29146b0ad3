"""The organiser's workspace: follow-ups due, who to talk to, every conversation, and the ladder.

Opening it builds and loads only the follow-up queue (its count is on the tab), in the event-loop
turn after the page itself, so the window answers between the two (#14); the other tabs are built and
loaded when first shown. Everything loads off the UI thread. While the page is hidden, a change
elsewhere only marks it stale: it reloads when shown again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QPushButton, QTabWidget, QVBoxLayout, QWidget

from communitydesk.gui.common.loading import Loader
from communitydesk.gui.common.shortcuts import press_on
from communitydesk.gui.common.widgets import PageHeader
from communitydesk.gui.context import AppContext
from communitydesk.gui.one_to_ones.follow_up_queue import FollowUpQueue
from communitydesk.i18n import N_, _

if TYPE_CHECKING:  # imported when first needed: opening the page imports only the queue
    from communitydesk.gui.one_to_ones.conversation_lists import ConversationList, ReachOutList
    from communitydesk.gui.one_to_ones.ladder_board import LadderBoard

TAB_FOLLOW_UPS, TAB_REACH_OUT, TAB_CONVERSATIONS, TAB_LADDER = range(4)
TAB_TITLES = (N_("Follow-ups"), N_("Who to talk to"), N_("Conversations"), N_("Ladder"))


class OneToOnesPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.loader = Loader(self, ctx)
        self.header = PageHeader(_("One-to-ones"), _("Conversations, follow-ups and the leadership ladder"))
        self.log_button = QPushButton(_("Log a one-to-one…"))
        self.log_button.setObjectName("primary")
        self.log_button.setToolTip(_("Log a one-to-one conversation (Ctrl+L)"))
        self.log_button.clicked.connect(self.log_one_to_one)
        self.header.add_widget(self.log_button)

        self._built: dict[int, QWidget] = {}
        self._stale = {TAB_REACH_OUT, TAB_CONVERSATIONS, TAB_LADDER}
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        for title in TAB_TITLES:  # placeholders until built
            self.tabs.addTab(QWidget(), _(title))
        self.tabs.currentChanged.connect(self._tab_shown)
        # The queue (~50 widgets, about half the page's first-opening time on the UI thread)
        # in the next event-loop turn, or at once if asked for first.
        self._queue_timer = QTimer(self, singleShot=True, interval=0)
        self._queue_timer.timeout.connect(lambda: self.queue)
        self._queue_timer.start()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 10)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)
        press_on("Ctrl+L", self.log_button, self)

    @property
    def queue(self) -> FollowUpQueue:
        """The follow-up queue, built (and its load started) the first time it is needed."""
        queue = self._built.get(TAB_FOLLOW_UPS)
        if queue is None:
            self._queue_timer.stop()
            queue = FollowUpQueue(self.ctx)
            queue.loaded.connect(self._update_tab_titles)
            self._place(TAB_FOLLOW_UPS, queue)
            # The window sized the page's minimum before the queue was in it (#19: large text).
            self.setMinimumWidth(max(self.minimumWidth(), self.layout().minimumSize().width()))
        return cast("FollowUpQueue", queue)

    @property
    def reach_out(self) -> ReachOutList:
        return cast("ReachOutList", self._tab(TAB_REACH_OUT))

    @property
    def conversations(self) -> ConversationList:
        return cast("ConversationList", self._tab(TAB_CONVERSATIONS))

    @property
    def ladder(self) -> LadderBoard:
        return cast("LadderBoard", self._tab(TAB_LADDER))

    def _tab(self, index: int) -> QWidget:
        """The tab's widget, built (in place of its placeholder) the first time it is needed."""
        widget = self._built.get(index)
        if widget is not None:
            return widget
        if index == TAB_LADDER:
            from communitydesk.gui.one_to_ones.ladder_board import LadderBoard

            widget = LadderBoard(self.ctx, load=False)
        else:
            from communitydesk.gui.one_to_ones.conversation_lists import (
                ConversationList,
                ReachOutList,
            )

            widget = (ReachOutList if index == TAB_REACH_OUT else ConversationList)(self.ctx, load=False)
        self._place(index, widget)
        return widget

    def _place(self, index: int, widget: QWidget) -> None:
        """Put a built tab in place of its placeholder, keeping the tab in view."""
        self._built[index] = widget
        current = self.tabs.currentIndex()
        placeholder = self.tabs.widget(index)
        self.tabs.blockSignals(True)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, widget, _(TAB_TITLES[index]))
        self.tabs.setCurrentIndex(current)
        self.tabs.blockSignals(False)
        placeholder.deleteLater()

    def _update_tab_titles(self) -> None:
        due = self.queue.model.rowCount()
        title = _(TAB_TITLES[TAB_FOLLOW_UPS])
        self.tabs.setTabText(TAB_FOLLOW_UPS, f"{title} ({due})" if due else title)

    def refresh(self) -> None:
        """Something this page shows changed: reload now if on screen, else when next shown."""
        self.loader.when_shown(self._reload)

    def _reload(self) -> None:
        """Reload the queue (its count is on the tab) and the tab in view; the others when shown."""
        self.queue.refresh()
        self._stale = {TAB_REACH_OUT, TAB_CONVERSATIONS, TAB_LADDER}
        self._tab_shown(self.tabs.currentIndex())

    def wait_until_loaded(self) -> None:
        """Let every load in flight arrive (the window calls this before switching database),
        the queue's too when it is about to be built."""
        if self._queue_timer.isActive():
            built = QEventLoop()
            self._queue_timer.timeout.connect(built.quit)  # after the slot that builds it
            built.exec()
        for tab in list(self._built.values()):
            tab.wait_until_loaded()  # type: ignore[attr-defined]

    def _tab_shown(self, index: int) -> None:
        if index in self._stale:
            self._stale.discard(index)
            self._tab(index).refresh()  # type: ignore[attr-defined]

    def log_one_to_one(self, member_id: int | None = None) -> None:
        from communitydesk.gui.one_to_ones.one_to_one_dialog import OneToOneDialog

        if OneToOneDialog.ask(self.ctx, self, member_id=member_id, today=self.queue.on()):
            self.refresh()
