"""A member's record: the fields, other capabilities' tabs, save with conflict handling,
and the ways out (left, archive, a real delete after a backup).

Questions to the user go through ``ask_*`` functions at module level so tests can
answer them without a modal loop.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from communitydesk.errors import ConflictError, UserError
from communitydesk.gui.conflict_dialog import ConflictDialog
from communitydesk.gui.context import AppContext
from communitydesk.gui.dates import long_date
from communitydesk.gui.members.member_fields import LABELS, MemberFields
from communitydesk.gui.members.member_panels import member_panels
from communitydesk.gui.widgets import fit_to_screen
from communitydesk.services.member_lifecycle import delete_member, mark_left, set_archived
from communitydesk.services.members import (
    MemberRecord,
    add_member,
    get_member,
    list_tags,
    update_member,
)

CONFIDENTIAL = "Confidential"


def ask_unsaved(parent: QWidget) -> QMessageBox.StandardButton:
    """Save, Discard or Cancel for a form with unsaved changes."""
    return QMessageBox.question(
        parent, "Unsaved changes", "This member has changes that are not saved yet.",
        QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)


def ask_confirm(parent: QWidget, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def show_problem(parent: QWidget, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


class MemberDialog(QDialog):
    """New member (``member_id=None``) or an existing one."""

    def __init__(self, ctx: AppContext, member_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.record: MemberRecord | None = None
        self.deleted = False
        settings = ctx.group_settings()
        with ctx.db.session() as session:
            tags = list_tags(session)
            if member_id is not None:
                self.record = get_member(session, member_id)
        self.fields = MemberFields(ladder_stages=settings.ladder_stages, tags=tags,
                                   phone_region=settings.phone_region)
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.subtitle = QLabel()
        self.subtitle.setObjectName("pageSubtitle")

        self.tabs = QTabWidget()
        self.details = QScrollArea()
        self.details.setWidgetResizable(True)
        self.details.setFrameShape(QScrollArea.Shape.NoFrame)
        self.details.setWidget(self.fields)
        self.tabs.addTab(self.details, "Details")
        self.panels: dict[str, QWidget] = {}
        if self.record is not None:
            for panel in member_panels():
                widget = panel.factory(ctx, self.record.id)
                title = f"{panel.title} · {CONFIDENTIAL}" if panel.sensitive else panel.title
                index = self.tabs.addTab(widget, title)
                if panel.sensitive:
                    self.tabs.setTabToolTip(index, "Confidential: only for people who need it")
                    self.tabs.tabBar().setTabTextColor(index, Qt.GlobalColor.darkRed)
                self.panels[panel.key] = widget
                if hasattr(widget, "edit_requested"):  # a tab showing a field edited on Details
                    widget.edit_requested.connect(self.show_field)

        self.more = QToolButton()
        self.more.setText("More actions")
        self.more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.more)
        self.left_action = menu.addAction("Mark as left", self.mark_left)
        self.archive_action = menu.addAction("Archive", self.toggle_archive)
        menu.addSeparator()
        self.delete_action = menu.addAction("Delete permanently…", self.delete_permanently)
        self.more.setMenu(menu)
        self.more.setVisible(self.record is not None)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.reject)
        self.save_button = QPushButton("Save")
        self.save_button.setObjectName("primary")
        self.save_button.setDefault(True)
        self.save_button.setToolTip("Save (Ctrl+S)")
        self.save_button.clicked.connect(self.save_and_close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.more)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save_and_close)
        fit_to_screen(self, 900, 640)
        self._load()
        self.fields.changed.connect(self._update_title)

    # --- state ---------------------------------------------------------------------------
    def _load(self) -> None:
        if self.record is None:
            self.fields.set_values({"status": "active"})
        else:
            self.fields.set_values(self.record.values, self.record.tags)
        self._baseline = self._snapshot()
        self._update_title()
        self.fields.edits["first_name"].setFocus()

    def show_field(self, key: str) -> None:
        """Bring one field of the Details tab into view with the cursor in it."""
        self.tabs.setCurrentWidget(self.details)
        edit = self.fields.edits[key]
        self.details.ensureWidgetVisible(edit)
        edit.setFocus()

    def _snapshot(self) -> tuple:
        return tuple(sorted(self.fields.values().items(), key=lambda kv: kv[0])), \
            tuple(self.fields.tags())

    def is_dirty(self) -> bool:
        return self._snapshot() != self._baseline

    def _update_title(self) -> None:
        values = self.fields.values()
        name = " ".join(str(v) for v in (values.get("first_name"), values.get("last_name")) if v)
        if self.record is None:
            self.setWindowTitle("New member")
            self.title.setText(name or "New member")
            self.subtitle.setText("Fields marked * are needed; everything else can wait.")
            return
        self.setWindowTitle(f"{name or 'Member'} — member record")
        self.title.setText(name or "(no name)")
        archived = self.record.archived_at is not None
        bits = [str(self.record.values.get("status", "")).capitalize()]
        if archived:
            bits.append(f"archived {long_date(self.record.archived_at)}")
        joined = self.record.values.get("joined_on")
        if joined:
            bits.append(f"joined {long_date(joined)}")
        elif self.record.created_at:
            bits.append(f"on the list since {long_date(self.record.created_at)}")
        self.subtitle.setText(" · ".join(bits) + ("  · unsaved changes" if self.is_dirty() else ""))
        self.archive_action.setText("Bring back from archive" if archived else "Archive")
        self.left_action.setEnabled(self.record.values.get("status") != "left")

    # --- saving --------------------------------------------------------------------------
    def save(self) -> bool:
        """Validate and save; True when saved. Conflicts go through ConflictDialog."""
        if self.fields.validate() is not None:
            self.tabs.setCurrentIndex(0)
            return False
        values, tags = self.fields.values(), self.fields.tags()
        try:
            with self.ctx.db.session() as session:
                if self.record is None:
                    self.record = add_member(session, tags=tags, **values)
                else:
                    self.record = update_member(session, self.record.id, values, tags=tags,
                                                expected_version=self.record.version)
        except ConflictError as conflict:
            return self._resolve_conflict(conflict, tags)
        except UserError as exc:
            self._show_service_error(str(exc))
            return False
        self._after_change()
        return True

    def _resolve_conflict(self, conflict: ConflictError, tags: list[str]) -> bool:
        merged = ConflictDialog.ask(conflict, labels=LABELS, parent=self)
        if merged is None:
            return False  # the user's text stays in the form
        assert self.record is not None
        try:
            with self.ctx.db.session() as session:
                current = get_member(session, self.record.id)
                self.record = update_member(session, current.id, merged, tags=tags,
                                            expected_version=current.version)
        except ConflictError as again:
            return self._resolve_conflict(again, tags)
        except UserError as exc:
            self._show_service_error(str(exc))
            return False
        self._after_change()
        return True

    def _show_service_error(self, message: str) -> None:
        key = message.split(":", 1)[0].strip().replace(" ", "_")
        if key in self.fields.errors:
            self.fields.show_error(key, message.split(":", 1)[1].strip())
        else:
            show_problem(self, "Cannot save", message)

    def _after_change(self) -> None:
        assert self.record is not None
        self.fields.set_values(self.record.values, self.record.tags)
        self._baseline = self._snapshot()
        self.more.setVisible(True)
        self._update_title()
        for panel in self.panels.values():
            if hasattr(panel, "refresh"):
                panel.refresh()
        self.ctx.announce("members", "tags")

    def save_and_close(self) -> None:
        if self.save():
            self.accept()

    # --- leaving, archive, delete ----------------------------------------------------------
    def _apply(self, action) -> None:  # noqa: ANN001 - a service call taking (session, id)
        assert self.record is not None
        if self.is_dirty() and not self.save():
            return
        with self.ctx.db.session() as session:
            self.record = action(session, self.record.id)
        self._after_change()

    def mark_left(self) -> None:
        self._apply(mark_left)

    def toggle_archive(self) -> None:
        assert self.record is not None
        archived = self.record.archived_at is None
        self._apply(lambda s, i: set_archived(s, i, archived=archived))

    def delete_permanently(self) -> None:
        """A real delete: confirmed, after a backup (SQLite); attendance history goes too."""
        assert self.record is not None
        name = self.record.full_name
        text = (f"Delete {name} and their attendance and one-to-one records for good?\n\n"
                "Usually “Mark as left” or “Archive” is better: reports keep counting them.")
        if not self.ctx.db.is_sqlite:
            text += "\n\nThis shared database cannot be backed up from here; ask whoever runs it."
        if not ask_confirm(self, f"Delete {name}", text):
            return
        try:
            if self.ctx.db.is_sqlite:
                self.ctx.db.backup(reason="before-delete")
            with self.ctx.db.session() as session:
                delete_member(session, self.record.id)
        except UserError as exc:
            show_problem(self, "Cannot delete", str(exc))
            return
        self.deleted = True
        self._baseline = self._snapshot()
        self.ctx.announce("members", "attendance", "one_to_ones")
        self.accept()

    # --- closing ---------------------------------------------------------------------------
    def reject(self) -> None:
        if self.is_dirty():
            answer = ask_unsaved(self)
            if answer == QMessageBox.StandardButton.Cancel:
                return
            if answer == QMessageBox.StandardButton.Save:
                if self.save():
                    self.accept()
                return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.is_dirty() and self.isVisible():
            event.ignore()
            self.reject()
            return
        super().closeEvent(event)
