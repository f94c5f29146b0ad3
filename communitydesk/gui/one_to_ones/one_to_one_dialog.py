"""Log or edit one conversation, with the group's prompt questions beside the form.

The confidential notes sit in their own marked box; the prompts come from
settings (``one_to_one_prompts``) and are edited here too, so every organiser
sees the same questions. Everything the form shows is read in one go off the
UI thread (the form says "Loading…" and Save waits); saving goes through
``ctx.ops.write`` and a conflicting save by someone else opens the conflict
dialog with both versions.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from communitydesk.errors import ConflictError, UserError
from communitydesk.gui.common.conflict_dialog import ConflictDialog
from communitydesk.gui.common.widgets import LocaleDateEdit
from communitydesk.gui.context import AppContext
from communitydesk.gui.one_to_ones.pickers import MemberPicker
from communitydesk.gui.one_to_ones.prompts_dialog import PromptsDialog
from communitydesk.gui.operations import Operation, show_problem
from communitydesk.gui.theme import follow_system
from communitydesk.i18n import N_, _
from communitydesk.services.one_to_ones.conversations import (
    MEDIUM_LABELS,
    OneToOneRecord,
    get_one_to_one,
    log_one_to_one,
    update_one_to_one,
)
from communitydesk.services.one_to_ones.views import OneToOneForm, one_to_one_form
from communitydesk.services.settings.group_settings import DEFAULT_ONE_TO_ONE_PROMPTS, save_settings

CONFIDENTIAL_NOTE = N_("CONFIDENTIAL — kept out of member exports, printed lists and the timeline; "
                        "shown only here and in this person's own data request.")
MARKER_STYLE = ("background: #fff4d6; border: 1px solid #e0b44c; border-radius: 4px; padding: 6px 8px; "
                "color: #6b4e00;")
DIALOG_STYLE = """
QGroupBox#confidential { border: 1px solid #e0b44c; background: #fffaf0; border-radius: 5px;
                         margin-top: 12px; padding-top: 8px; }
QGroupBox#confidential::title { subcontrol-origin: margin; left: 10px; padding: 0 4px;
                                color: #6b4e00; font-weight: 600; }
QListWidget#prompts::item { padding: 4px 2px; }
"""
FIELD_LABELS = {"organiser_id": N_("Organiser"), "member_id": N_("Person"), "held_on": N_("Date"),
                "medium": N_("How"), "duration_minutes": N_("Minutes"), "interests": N_("Interests"),
                "story": N_("Story"), "issues": N_("Issues raised"), "commitments": N_("Commitments"),
                "next_step": N_("Next step"), "follow_up_on": N_("Follow up on"),
                "stage_after": N_("Ladder stage after")}  # translated where shown
LAST_ORGANISER_KEY = "one_to_ones/last_organiser"


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date_edit(day: date) -> QDateEdit:
    return LocaleDateEdit(_qdate(day))


class OneToOneDialog(QDialog):
    """Log a new conversation (``member_id`` preselected) or edit one (``one_to_one_id``)."""

    def __init__(self, ctx: AppContext, *, one_to_one_id: int | None = None, member_id: int | None = None,
                 today: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = today or date.today()
        self.record: OneToOneRecord | None = None
        self.saved: OneToOneRecord | None = None
        self.saving: Operation | None = None
        self._stage_of: dict[int, str | None] = {}
        self.title = _("Edit one-to-one") if one_to_one_id is not None else _("Log a one-to-one")
        self.setWindowTitle(_("{title} — Loading…").format(title=self.title))

        self.member = MemberPicker()
        self.organiser = MemberPicker()
        self.held_on = _date_edit(self.today)
        self.held_on.setAccessibleName(_("Date"))
        self.medium = QComboBox()
        self.medium.setAccessibleName(_("How the conversation happened"))
        for value, label in MEDIUM_LABELS.items():
            self.medium.addItem(_(label), value)
        self.duration = QSpinBox()
        self.duration.setAccessibleName(_("Duration"))
        self.duration.setRange(0, 600)
        self.duration.setSingleStep(5)
        self.duration.setSuffix(_(" min"))
        self.duration.setSpecialValueText("—")
        self.notes: dict[str, QPlainTextEdit] = {}
        self.next_step = QLineEdit(placeholderText=_("What happens next, e.g. invite to the repairs group"))
        self.follow_up = QCheckBox(_("Follow up on"))
        self.follow_up_on = _date_edit(self.today + timedelta(days=14))
        self.follow_up_on.setAccessibleName(_("Follow up on"))
        self.follow_up.toggled.connect(self.follow_up_on.setEnabled)
        self.follow_up.setChecked(True)
        self.stage_now = QLabel()
        self.stage_now.setObjectName("pageSubtitle")
        self.member.currentIndexChanged.connect(self._show_stage_now)
        self.stage = QComboBox()
        self.stage.setAccessibleName(_("Ladder stage after"))
        self.stage.addItem(_("(no change)"), None)

        form = QFormLayout()
        form.addRow(_("Person"), self.member)
        form.addRow(_("Organiser"), self.organiser)
        when = QHBoxLayout()
        when.addWidget(self.held_on)
        when.addWidget(self.medium)
        when.addWidget(self.duration)
        when.addStretch(1)
        form.addRow(_("Date"), when)

        private = QGroupBox(_("Confidential — what they shared"))
        private.setObjectName("confidential")
        private_form = QFormLayout(private)
        marker = QLabel(_(CONFIDENTIAL_NOTE))
        marker.setObjectName("confidentialMarker")
        marker.setWordWrap(True)
        marker.setStyleSheet(MARKER_STYLE)
        private_form.addRow(marker)
        for key, hint in (("interests", _("What they care about")), ("story", _("Their story, in their words")),
                          ("issues", _("Issues they raised")), ("commitments", _("What they said they would do"))):
            edit = QPlainTextEdit(placeholderText=hint)
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(58)
            self.notes[key] = edit
            private_form.addRow(_(FIELD_LABELS[key]), edit)

        follow = QHBoxLayout()
        follow.addWidget(self.follow_up)
        follow.addWidget(self.follow_up_on)
        follow.addStretch(1)
        after = QFormLayout()
        after.addRow(_("Next step"), self.next_step)
        after.addRow("", QWidget())
        after.addRow(_("Follow-up"), follow)
        stage_row = QHBoxLayout()
        stage_row.addWidget(self.stage, 1)
        stage_row.addWidget(self.stage_now)
        after.addRow(_("Ladder stage after"), stage_row)

        self.error = QLabel()
        self.error.setObjectName("formError")
        self.error.setStyleSheet("color: #a33a2a;")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setEnabled(False)  # until the form has loaded

        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(private)
        left.addLayout(after)
        left.addStretch(1)
        left.addWidget(self.error)
        left.addWidget(self.buttons)

        self.prompts = QListWidget()
        self.prompts.setAccessibleName(_("Questions to ask"))
        self.prompts.setObjectName("prompts")
        self.prompts.setWordWrap(True)
        self.prompts.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.edit_prompts_button = QPushButton(_("Edit &questions…"))
        self.edit_prompts_button.clicked.connect(self.edit_prompts)
        self.edit_prompts_button.setEnabled(False)
        side = QFrame()
        side.setObjectName("promptPanel")
        side.setFixedWidth(270)
        side_layout = QVBoxLayout(side)
        title = QLabel("<b>" + _("Questions to ask") + "</b>")
        title.setWordWrap(True)  # a large font wraps it in the narrow panel (#19)
        hint = QLabel(_("Tick them off as you go. Listen more than you talk."))
        hint.setWordWrap(True)
        hint.setObjectName("pageSubtitle")
        side_layout.addWidget(title)
        side_layout.addWidget(hint)
        side_layout.addWidget(self.prompts, 1)
        side_layout.addWidget(self.edit_prompts_button, 0, Qt.AlignmentFlag.AlignLeft)

        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addWidget(side)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.save)
        self.setStyleSheet(DIALOG_STYLE)
        self.setStyleSheet(follow_system(self.styleSheet()))  # dark palette, system font (#19)
        self.resize(920, 640)
        # Editing: nothing can be typed until the conversation is in the form, or it would be
        # overwritten. Logging: the notes can be started at once; only the people wait.
        self._wait_for_record = [self.held_on, self.medium, self.duration, *self.notes.values(),
                                 self.next_step, self.follow_up, self.follow_up_on, self.stage]
        if one_to_one_id is not None:
            for widget in self._wait_for_record:
                widget.setEnabled(False)
        self.loading = ctx.ops.read(lambda session: one_to_one_form(session, one_to_one_id), parent=self,
                                    done=lambda form: self._loaded(form, member_id),
                                    failed=self._load_failed)

    def _loaded(self, form: OneToOneForm, member_id: int | None) -> None:
        self.record = form.record
        self._stage_of = dict(zip(form.people.ids, form.people.stages, strict=True))
        self.member.set_choices(form.people)
        self.organiser.set_choices(form.people)
        for stage in form.ladder_stages:
            self.stage.addItem(stage, stage)
        self.show_prompts(form.prompts)
        for widget in self._wait_for_record:
            widget.setEnabled(True)
        self._fill(member_id)
        self.follow_up_on.setEnabled(self.follow_up.isChecked())
        self.setWindowTitle(self.title)
        self.save_button.setEnabled(True)
        self.edit_prompts_button.setEnabled(True)

    def _load_failed(self, exc: Exception) -> None:
        """E.g. the conversation was deleted meanwhile: say so and close the empty form."""
        show_problem(self, exc)
        self.reject()

    def _fill(self, member_id: int | None) -> None:
        if self.record is None:
            self.member.set_member_id(member_id)
            last = self.ctx.gui_settings.value(LAST_ORGANISER_KEY)
            if last not in (None, "") and int(last) != member_id:
                self.organiser.set_member_id(int(last))
            (self.organiser if member_id else self.member).setFocus()
            return
        s = self.record.summary
        self.member.set_member_id(s.member_id)
        self.organiser.set_member_id(s.organiser_id)
        self.held_on.setDate(_qdate(s.held_on))
        self.medium.setCurrentIndex(self.medium.findData(s.medium))
        self.duration.setValue(s.duration_minutes or 0)
        for key, edit in self.notes.items():
            edit.setPlainText(getattr(self.record, key) or "")
        self.next_step.setText(s.next_step or "")
        self.follow_up.setChecked(s.follow_up_on is not None)
        if s.follow_up_on:
            self.follow_up_on.setDate(_qdate(s.follow_up_on))
        index = self.stage.findData(s.stage_after)
        if s.stage_after and index < 0:
            self.stage.addItem(s.stage_after, s.stage_after)
            index = self.stage.count() - 1
        self.stage.setCurrentIndex(max(index, 0))

    def _show_stage_now(self) -> None:
        member_id = self.member.member_id()
        stage = self._stage_of.get(member_id) if member_id is not None else None
        self.stage_now.setText(_("now: {stage}").format(stage=stage or _("not yet placed"))
                               if member_id is not None else "")

    def show_prompts(self, prompts: tuple[str, ...]) -> None:
        self.prompts.clear()
        for text in prompts:
            item = QListWidgetItem(text)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.prompts.addItem(item)

    def edit_prompts(self) -> Operation | None:
        current = tuple(self.prompts.item(i).text() for i in range(self.prompts.count()))
        prompts = PromptsDialog.ask(current, self)
        if prompts is None:
            return None
        chosen = prompts or DEFAULT_ONE_TO_ONE_PROMPTS
        return self.ctx.ops.write(lambda session: save_settings(session, one_to_one_prompts=chosen),
                                  parent=self,
                                  done=lambda saved: self.show_prompts(saved.one_to_one_prompts))

    def values(self) -> dict[str, object]:
        if self.member.member_id() is None:
            raise UserError(_("person: choose who the conversation was with"))
        if self.organiser.currentText().strip() and self.organiser.member_id() is None:
            raise UserError(_("organiser: nobody called “{name}”").format(name=self.organiser.currentText().strip()))
        values: dict[str, object] = {
            "member_id": self.member.member_id(), "organiser_id": self.organiser.member_id(),
            "held_on": self.held_on.date().toPython(), "medium": self.medium.currentData(),
            "duration_minutes": self.duration.value() or None,
            "next_step": self.next_step.text(),
            "follow_up_on": self.follow_up_on.date().toPython() if self.follow_up.isChecked() else None,
            "stage_after": self.stage.currentData(),
        }
        values.update({key: edit.toPlainText() for key, edit in self.notes.items()})
        return values

    def save(self) -> Operation | None:
        """Save off the UI thread; the dialog closes when it is saved. None: the form has a mistake."""
        if not self.save_button.isEnabled():
            return self.saving  # still loading, or Ctrl+Return pressed again while saving
        try:
            values = self.values()
        except UserError as exc:
            self.error.setText(str(exc))
            return None
        record = self.record
        if record is None:
            def job(session):  # noqa: ANN001, ANN202 - runs on the worker
                return log_one_to_one(session, **values)  # type: ignore[arg-type]
        else:
            def job(session):  # noqa: ANN001, ANN202 - runs on the worker
                return update_one_to_one(session, record.id, values, expected_version=record.version)
        self.error.clear()
        self.save_button.setEnabled(False)
        self.saving = self.ctx.ops.write(job, parent=self, done=self._saved,
                                         failed=self._save_failed,
                                         on_conflict=self._conflict)
        return self.saving

    def _saved(self, saved: OneToOneRecord) -> None:
        self.saved = saved
        if saved.summary.organiser_id:
            self.ctx.gui_settings.setValue(LAST_ORGANISER_KEY, int(saved.summary.organiser_id))
        self.accept()

    def _save_failed(self, exc: Exception) -> None:
        """A mistake in the form is shown beside it (the form keeps everything typed)."""
        self.save_button.setEnabled(True)
        if isinstance(exc, UserError):
            self.error.setText(str(exc))
        else:
            show_problem(self, exc)

    def _conflict(self, exc: ConflictError) -> None:
        """Someone else saved first: show both versions, then save the chosen values over theirs."""
        merged = ConflictDialog.ask(exc, labels={key: _(label) for key, label in FIELD_LABELS.items()},
                                    parent=self)
        if merged is None or self.record is None:
            self.save_button.setEnabled(True)  # cancelled: the form keeps the user's text
            return
        one_to_one_id = self.record.id

        def fresh(record: OneToOneRecord) -> None:
            self.record = record  # their version number: the next save goes over it
            self._fill_values(merged)
            self.save_button.setEnabled(True)
            self.save()

        self.saving = self.ctx.ops.read(lambda session: get_one_to_one(session, one_to_one_id),
                                        parent=self, done=fresh,
                                        failed=self._save_failed)

    def _fill_values(self, values: dict[str, object]) -> None:
        """Put merged conflict values back into the form before saving again."""
        for key, edit in self.notes.items():
            if key in values:
                edit.setPlainText(str(values[key] or ""))
        if "next_step" in values:
            self.next_step.setText(str(values["next_step"] or ""))
        if "member_id" in values:
            self.member.set_member_id(values["member_id"])  # type: ignore[arg-type]
        if "organiser_id" in values:
            self.organiser.set_member_id(values["organiser_id"])  # type: ignore[arg-type]
        if isinstance(values.get("held_on"), date):
            self.held_on.setDate(_qdate(values["held_on"]))  # type: ignore[arg-type]
        if "medium" in values:
            self.medium.setCurrentIndex(max(self.medium.findData(str(values["medium"])), 0))
        if "duration_minutes" in values:
            self.duration.setValue(int(values["duration_minutes"] or 0))  # type: ignore[arg-type]
        if "follow_up_on" in values:
            follow = values["follow_up_on"]
            self.follow_up.setChecked(isinstance(follow, date))
            if isinstance(follow, date):
                self.follow_up_on.setDate(_qdate(follow))
        if "stage_after" in values:
            self.stage.setCurrentIndex(max(self.stage.findData(values["stage_after"]), 0))

    @classmethod
    def ask(cls, ctx: AppContext, parent: QWidget | None = None, **kwargs) -> OneToOneRecord | None:  # noqa: ANN003
        dialog = cls(ctx, parent=parent, **kwargs)
        dialog.exec()
        return dialog.saved
