"""The organiser's workspace: follow-ups due, who to talk to, every conversation, and the ladder.

Opening it loads only the follow-up queue (its count is on the tab); the other
tabs load when first shown. Everything loads off the UI thread. While the page
is hidden, a change elsewhere only marks it stale: it reloads when shown again.
"""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QPushButton, QTabWidget, QVBoxLayout, QWidget

from communitydesk.gui.context import AppContext
from communitydesk.gui.one_to_ones.conversation_lists import ConversationList, ReachOutList
from communitydesk.gui.one_to_ones.follow_up_queue import FollowUpQueue
from communitydesk.gui.one_to_ones.ladder_board import LadderBoard
from communitydesk.gui.one_to_ones.loading import Loader
from communitydesk.gui.one_to_ones.one_to_one_dialog import OneToOneDialog
from communitydesk.gui.widgets import PageHeader

TAB_FOLLOW_UPS, TAB_REACH_OUT, TAB_CONVERSATIONS, TAB_LADDER = range(4)


class OneToOnesPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.loader = Loader(self, ctx)
        self.header = PageHeader("One-to-ones", "Conversations, follow-ups and the leadership ladder")
        self.log_button = QPushButton("Log a one-to-one…")
        self.log_button.setObjectName("primary")
        self.log_button.setToolTip("Ctrl+L")
        self.log_button.clicked.connect(self.log_one_to_one)
        self.header.add_widget(self.log_button)

        self.queue = FollowUpQueue(ctx)
        self.queue.loaded.connect(self._update_tab_titles)
        self.reach_out = ReachOutList(ctx, load=False)  # the other tabs load when first shown
        self.conversations = ConversationList(ctx, load=False)
        self.ladder = LadderBoard(ctx, load=False)
        self._stale = {TAB_REACH_OUT, TAB_CONVERSATIONS, TAB_LADDER}
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.queue, "Follow-ups")
        self.tabs.addTab(self.reach_out, "Who to talk to")
        self.tabs.addTab(self.conversations, "Conversations")
        self.tabs.addTab(self.ladder, "Ladder")
        self._update_tab_titles()
        self.tabs.currentChanged.connect(self._tab_shown)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 10)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)
        QShortcut(QKeySequence("Ctrl+L"), self, activated=self.log_one_to_one)

    def _update_tab_titles(self) -> None:
        due = self.queue.model.rowCount()
        self.tabs.setTabText(TAB_FOLLOW_UPS, f"Follow-ups ({due})" if due else "Follow-ups")

    def refresh(self) -> None:
        """Something this page shows changed: reload now if on screen, else when next shown."""
        self.loader.when_shown(self._reload)

    def _reload(self) -> None:
        """Reload the queue (its count is on the tab) and the tab in view; the others when shown."""
        self.queue.refresh()
        self._stale = {TAB_REACH_OUT, TAB_CONVERSATIONS, TAB_LADDER}
        self._tab_shown(self.tabs.currentIndex())

    def wait_until_loaded(self) -> None:
        """Let every load in flight arrive (the window calls this before switching database)."""
        for tab in (self.queue, self.reach_out, self.conversations, self.ladder):
            tab.wait_until_loaded()

    def _tab_shown(self, index: int) -> None:
        if index in self._stale:
            self._stale.discard(index)
            self.tabs.widget(index).refresh()

    def log_one_to_one(self, member_id: int | None = None) -> None:
        if OneToOneDialog.ask(self.ctx, self, member_id=member_id, today=self.queue.on()):
            self.refresh()
