"""A member's record: the fields, other capabilities' tabs, save with conflict handling,
and the ways out (left, archive, a real delete after a backup).

Everything reaches the database through the operation runner: the form opens at
once and fills in from one read ("Loading…" meanwhile); other tabs are built when
first shown; a save goes through the one versioned path, and when someone else
saved first the conflict dialog shows both versions and the merged values are
saved against the version it showed. Questions to the user go through ``ask_*``
functions at module level so tests can answer them without a modal loop.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

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

from communitydesk.errors import UserError
from communitydesk.gui.common import dialogs
from communitydesk.gui.common.conflict_dialog import ConflictDialog
from communitydesk.gui.common.dates import long_date
from communitydesk.gui.common.shown_values import MEMBER_STATUS, shown
from communitydesk.gui.common.tab_order import tab_after
from communitydesk.gui.common.widgets import fit_to_screen
from communitydesk.gui.context import AppContext
from communitydesk.gui.members.member_fields import LABELS, MemberFields
from communitydesk.gui.members.member_panels import (
    MemberPanel,
    PanelPlaceholder,
    member_panels,
    warm_panel_modules,
)
from communitydesk.gui.operations import show_problem
from communitydesk.i18n import N_, _
from communitydesk.services.core.names import person_name
from communitydesk.services.members.form import (
    MemberConflict,
    MemberForm,
    load_member_form,
    save_member_form,
)
from communitydesk.services.members.lifecycle import delete_member, mark_left, set_archived
from communitydesk.services.members.records import MemberRecord

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from communitydesk.gui.operations import Operation
    from communitydesk.gui.warm_up import WarmUp

CONFIDENTIAL = N_("Confidential")


def ask_unsaved(parent: QWidget) -> QMessageBox.StandardButton:
    """Save, Discard or Cancel for a form with unsaved changes; tests patch this."""
    return dialogs.ask_unsaved(parent, _("This member has changes that are not saved yet."))


def ask_confirm(parent: QWidget, title: str, text: str, action: str) -> bool:
    """Tests patch this (the members page and duplicates ask through it too)."""
    return dialogs.confirm(parent, title, text, action)



class MemberDialog(QDialog):
    """New member (``member_id=None``) or an existing one."""

    def __init__(self, ctx: AppContext, member_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.member_id = member_id
        self.record: MemberRecord | None = None
        self.is_loaded = False
        self.deleted = False
        self.saving: Operation | None = None  # the write in flight, if any
        self.conflict: ConflictDialog | None = None  # shown when someone else saved first
        self.fields = MemberFields()  # the group's choices arrive with the record
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.subtitle = QLabel()
        self.subtitle.setObjectName("pageSubtitle")
        self.subtitle.setWordWrap(True)  # a long subtitle at large text wraps rather than widening the dialog (#19)

        self.tabs = QTabWidget()
        self.tabs.setUsesScrollButtons(True)  # with large text the tabs scroll rather than widen the dialog (#19)
        self.details = QScrollArea()
        self.details.setWidgetResizable(True)
        self.details.setFrameShape(QScrollArea.Shape.NoFrame)
        self.details.setWidget(self.fields)
        self.tabs.addTab(self.details, _("Details"))
        self.panels: dict[str, QWidget] = {}  # the panels built so far (a tab's first showing)
        self.warm: WarmUp | None = None  # importing the panels' modules in the background
        if member_id is not None:
            for panel in member_panels():
                title = f"{panel.title} · {_(CONFIDENTIAL)}" if panel.sensitive else panel.title
                index = self.tabs.addTab(PanelPlaceholder(panel), title)
                if panel.sensitive:
                    self.tabs.setTabToolTip(index, _("Confidential: only for people who need it"))
                    self.tabs.tabBar().setTabTextColor(index, Qt.GlobalColor.darkRed)
        self.tabs.currentChanged.connect(self._tab_shown)

        self.more = QToolButton()
        self.more.setText(_("More actions"))
        self.more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.more)
        self.left_action = menu.addAction(_("Mark as left"), self.mark_left)
        self.archive_action = menu.addAction(_("Archive"), self.toggle_archive)
        menu.addSeparator()
        self.delete_action = menu.addAction(_("Delete permanently…"), self.delete_permanently)
        self.more.setMenu(menu)
        self.more.setVisible(False)
        self.cancel_button = QPushButton(_("&Cancel"))
        self.cancel_button.clicked.connect(self.reject)
        self.save_button = QPushButton(_("Save"))
        self.save_button.setObjectName("primary")
        self.save_button.setDefault(True)
        self.save_button.setToolTip(_("Save (Ctrl+S)"))
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
        self._baseline = self._snapshot()
        self.fields.changed.connect(self._update_title)
        self._set_enabled(False)
        self._update_title()
        self.loading = ctx.ops.read(lambda session: load_member_form(session, member_id),
                                    parent=self, done=self._loaded,
                                    failed=self._load_failed)

    # --- state ---------------------------------------------------------------------------
    def _loaded(self, form: MemberForm) -> None:
        self.record = form.record
        self.fields.set_choices(ladder_stages=form.ladder_stages, tags=form.tags,
                                phone_region=form.phone_region)
        if self.record is None:
            self.fields.set_values({"status": "active"})
        else:
            self.fields.set_values(self.record.values, self.record.tags)
        self.is_loaded = True
        self._baseline = self._snapshot()
        self.more.setVisible(self.record is not None)
        self._set_enabled(True)
        self._update_title()
        self.fields.edits["first_name"].setFocus()
        if self.member_id is not None:
            self.warm = warm_panel_modules(self.ctx)  # the other tabs' code, before one is clicked

    def _load_failed(self, exc: Exception) -> None:
        show_problem(self, exc)
        super().reject()

    def _set_enabled(self, enabled: bool) -> None:
        """Off while loading or saving: the form is not saved twice, nor edited half-loaded."""
        self.fields.setEnabled(enabled and self.is_loaded)
        self.save_button.setEnabled(enabled and self.is_loaded)
        self.more.setEnabled(enabled and self.is_loaded)

    def _tab_shown(self, index: int) -> None:
        page = self.tabs.widget(index)
        if isinstance(page, PanelPlaceholder):
            self.panel(page.panel.key)

    def panel(self, key: str) -> QWidget:
        """Another capability's tab, built now if it was not shown yet."""
        if key in self.panels:
            return self.panels[key]
        assert self.member_id is not None
        index = next(i for i in range(self.tabs.count())
                     if isinstance(self.tabs.widget(i), PanelPlaceholder)
                     and self.tabs.widget(i).panel.key == key)  # type: ignore[attr-defined]
        placeholder = self.tabs.widget(index)
        spec: MemberPanel = placeholder.panel  # type: ignore[attr-defined]
        widget = spec.factory(self.ctx, self.member_id)
        current = self.tabs.currentIndex()
        text, tip, colour = (self.tabs.tabText(index), self.tabs.tabToolTip(index),
                             self.tabs.tabBar().tabTextColor(index))
        self.tabs.blockSignals(True)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, widget, text)
        tab_after(self.tabs.tabBar(), widget)  # #19: Tab goes from the tab bar into the panel
        self.tabs.setTabToolTip(index, tip)
        if spec.sensitive:
            self.tabs.tabBar().setTabTextColor(index, colour)
        self.tabs.setCurrentIndex(current)
        self.tabs.blockSignals(False)
        placeholder.deleteLater()
        self.panels[key] = widget
        if hasattr(widget, "edit_requested"):  # a tab showing a field edited on Details
            widget.edit_requested.connect(self.show_field)
        return widget

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
        return self.is_loaded and self._snapshot() != self._baseline

    def _update_title(self) -> None:
        values = self.fields.values()
        name = person_name(values.get("first_name"), values.get("last_name"),  # type: ignore[arg-type]
                           values.get("preferred_name"))  # type: ignore[arg-type]
        if not self.is_loaded:
            self.setWindowTitle(_("Member record") if self.member_id is not None else _("New member"))
            self.title.setText(_("Loading…"))
            self.subtitle.setText("")
            return
        if self.record is None:
            self.setWindowTitle(_("New member"))
            self.title.setText(name or _("New member"))
            self.subtitle.setText(_("Fields marked * are needed; everything else can wait."))
            return
        self.setWindowTitle(_("{name} — member record").format(name=name or _("Member")))
        self.title.setText(name or _("(no name)"))
        archived = self.record.archived_at is not None
        bits = [shown(MEMBER_STATUS, str(self.record.values.get("status", "")))]
        if archived:
            bits.append(_("archived {date}").format(date=long_date(self.record.archived_at)))
        joined = self.record.values.get("joined_on")
        if joined:
            bits.append(_("joined {date}").format(date=long_date(joined)))
        elif self.record.created_at:
            bits.append(_("on the list since {date}").format(date=long_date(self.record.created_at)))
        self.subtitle.setText(" · ".join(bits) + ("  · " + _("unsaved changes") if self.is_dirty() else ""))
        self.archive_action.setText(_("Bring back from archive") if archived else _("Archive"))
        self.left_action.setEnabled(self.record.values.get("status") != "left")

    # --- saving --------------------------------------------------------------------------
    def save(self, *, then: Callable[[], object] | None = None) -> Operation | None:
        """Validate and start the save; None when nothing was started (a field is wrong,
        still loading, or a save is already running). ``then`` runs once it is saved."""
        if not self.is_loaded or self.saving is not None:
            return None
        if self.fields.validate() is not None:
            self.tabs.setCurrentIndex(0)
            return None
        version = self.record.version if self.record is not None else None
        return self._write(self.fields.values(), self.fields.tags(), version, then)

    def _write(self, values: dict[str, object], tags: list[str], version: int | None,
               then: Callable[[], object] | None) -> Operation:
        member_id = self.record.id if self.record is not None else None

        def job(session: Session) -> MemberRecord:
            return save_member_form(session, member_id, values, tags, expected_version=version)

        return self._run(job, then, on_conflict=lambda c: self._show_conflict(c, tags, then))

    def _run(self, job: Callable[[Session], MemberRecord], then: Callable[[], object] | None,
             on_conflict: Callable[[MemberConflict], object] | None = None) -> Operation:
        """One write that hands back the member's record; the form then shows it."""
        self._set_enabled(False)
        self.saving = self.ctx.ops.write(
            job, parent=self, done=lambda record: self._saved(record, then),
            failed=self._save_failed,
            on_conflict=on_conflict if on_conflict else None)
        return self.saving

    def _show_conflict(self, conflict: MemberConflict, tags: list[str],
                       then: Callable[[], object] | None) -> None:
        """Both versions side by side; the merged values are saved over the version shown."""
        self.saving = None
        self._set_enabled(True)
        dialog = ConflictDialog(conflict, labels={k: _(v) for k, v in LABELS.items()}, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(
            lambda: self._write(dialog.merged(), tags, conflict.current.version, then))
        self.conflict = dialog
        dialog.open()  # Cancel keeps the person's own text in the form

    def _save_failed(self, exc: Exception) -> None:
        self.saving = None
        self._set_enabled(True)
        message = str(exc)
        key = message.split(":", 1)[0].strip().replace(" ", "_")
        if isinstance(exc, UserError) and key in self.fields.errors and ":" in message:
            self.tabs.setCurrentIndex(0)
            self.fields.show_error(key, message.split(":", 1)[1].strip())
        else:
            show_problem(self, exc)

    def _saved(self, record: MemberRecord, then: Callable[[], object] | None) -> None:
        self.saving = None
        self.record = record
        self.member_id = record.id
        self.fields.set_values(record.values, record.tags)
        self._baseline = self._snapshot()
        self.more.setVisible(True)
        self._set_enabled(True)
        self._update_title()
        for panel in self.panels.values():
            if hasattr(panel, "refresh"):
                panel.refresh()
        if then is not None:
            then()

    def save_and_close(self) -> Operation | None:
        return self.save(then=self.accept)

    # --- leaving, archive, delete ----------------------------------------------------------
    def _apply(self, action: Callable[[Session, int], MemberRecord]) -> Operation | None:
        """Save what was typed first, then the change (each its own write)."""
        if self.record is None:
            return None
        if self.is_dirty():
            return self.save(then=lambda: self._apply(action))
        member_id = self.record.id
        return self._run(lambda session: action(session, member_id), None)

    def mark_left(self) -> Operation | None:
        return self._apply(mark_left)

    def toggle_archive(self) -> Operation | None:
        if self.record is None:
            return None
        archived = self.record.archived_at is None
        return self._apply(lambda s, i: set_archived(s, i, archived=archived))

    def delete_permanently(self) -> Operation | None:
        """A real delete: confirmed, after a backup (SQLite); attendance history goes too."""
        if self.record is None:
            return None
        values = self.record.values
        name = person_name(values.get("first_name"), values.get("last_name"),  # type: ignore[arg-type]
                           values.get("preferred_name"))  # type: ignore[arg-type]
        text = _("Delete {name} and their attendance and one-to-one records for good?\n\n"
                 "Usually “Mark as left” or “Archive” is better: reports keep counting them.").format(name=name)
        db = self.ctx.db
        if not db.is_sqlite:
            text += "\n\n" + _("This shared database cannot be backed up from here; ask whoever runs it.")
        if not ask_confirm(self, _("Delete {name}").format(name=name), text, _("Delete")):
            return None
        member_id = self.record.id

        def job(session: Session) -> str:
            return delete_member(session, member_id)  # the service backs the file up first

        self._set_enabled(False)
        self.saving = self.ctx.ops.write(job, parent=self, done=self._deleted,
                                         failed=self._save_failed)
        return self.saving

    def _deleted(self, _name: str) -> None:
        self.saving = None
        self.deleted = True
        self._baseline = self._snapshot()
        self.accept()

    # --- closing ---------------------------------------------------------------------------
    def reject(self) -> None:
        if self.is_dirty():
            answer = ask_unsaved(self)
            if answer == QMessageBox.StandardButton.Cancel:
                return
            if answer == QMessageBox.StandardButton.Save:
                self.save(then=self.accept)
                return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.is_dirty() and self.isVisible():
            event.ignore()
            self.reject()
            return
        super().closeEvent(event)
