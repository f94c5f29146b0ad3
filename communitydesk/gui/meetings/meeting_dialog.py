"""Create or edit a meeting: title, kind, times, venue, chair and minute-taker (picked from
members), notes; a new meeting can repeat ("first Tuesday of each month") and start from
the agenda template.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from PySide6.QtCore import QDate, QDateTime, QLocale
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from communitydesk.domain import MeetingKind, MeetingStatus
from communitydesk.gui.common.dates import short_date_format, time_of_day
from communitydesk.gui.context import AppContext
from communitydesk.gui.meetings.labels import word
from communitydesk.gui.meetings.member_picker import MemberPicker
from communitydesk.i18n import N_, _, ngettext
from communitydesk.services.meetings.planning import MeetingDetail
from communitydesk.services.meetings.series import (
    describe_rule,
    monthly_weekday_rule,
    occurrences,
    weekly_rule,
)

REPEATS = (("none", N_("Does not repeat")), ("weekly", N_("Every week")),
           ("fortnightly", N_("Every two weeks")), ("monthly", N_("Monthly on the same weekday")))


@dataclass(frozen=True)
class MeetingForm:
    values: dict[str, object]
    repeat_rule: str | None = None
    repeat_count: int = 1
    use_template: bool = False


def datetime_edit_format() -> str:
    """Weekday, the locale's short date and its time, for the start and end boxes."""
    short = QLocale.FormatType.ShortFormat
    return f"ddd {short_date_format()}  {QLocale().timeFormat(short)}"


def to_qdatetime(value: datetime) -> QDateTime:
    return QDateTime.fromString(value.strftime("%Y-%m-%dT%H:%M:00"), "yyyy-MM-ddTHH:mm:ss")


def from_qdatetime(value: QDateTime) -> datetime:
    return datetime.strptime(value.toString("yyyy-MM-ddTHH:mm"), "%Y-%m-%dT%H:%M")


def repeat_rule_for(kind: str, start: datetime) -> str | None:
    if kind == "weekly":
        return weekly_rule(start.weekday())
    if kind == "fortnightly":
        return weekly_rule(start.weekday(), interval=2)
    if kind == "monthly":
        ordinal = (start.day - 1) // 7 + 1
        return monthly_weekday_rule(-1 if ordinal == 5 else ordinal, start.weekday())
    return None


class MeetingDialog(QDialog):
    def __init__(self, ctx: AppContext, *, detail: MeetingDetail | None = None,
                 start: datetime | None = None, venue: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detail = detail
        self.setWindowTitle(_("Edit meeting") if detail else _("New meeting"))
        self.title = QLineEdit(placeholderText=_("e.g. General meeting"))
        self.kind = QComboBox()
        for kind in MeetingKind:
            self.kind.addItem(word(kind), kind.value)
        self.status = QComboBox()
        for status in MeetingStatus:
            self.status.addItem(word(status), status.value)
        start = detail.starts_at if detail else (start or datetime.now().replace(hour=19, minute=0))
        start = start.replace(second=0, microsecond=0)
        end = (detail.ends_at if detail else None) or start + timedelta(hours=2)
        self.starts = QDateTimeEdit(to_qdatetime(start), calendarPopup=True)
        self.starts.setDisplayFormat(datetime_edit_format())
        self.ends = QDateTimeEdit(to_qdatetime(end), calendarPopup=True)
        self.ends.setDisplayFormat(datetime_edit_format())
        self._length = end - start
        self.starts.dateTimeChanged.connect(self._start_moved)
        self.venue = QLineEdit(venue)
        self.chair = MemberPicker(ctx)  # names load when a picker is first used
        self.minute_taker = MemberPicker(ctx)
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(70)

        form = QFormLayout()
        form.addRow(_("&Title"), self.title)
        form.addRow(_("&Kind"), self.kind)
        if detail is not None:
            form.addRow(_("Stat&us"), self.status)
        form.addRow(_("&Starts"), self.starts)
        form.addRow(_("&Ends"), self.ends)
        form.addRow(_("&Venue"), self.venue)
        form.addRow(_("&Chair"), self.chair)
        form.addRow(_("&Minute-taker"), self.minute_taker)
        form.addRow(_("&Notes"), self.notes)

        self.repeat = QComboBox()
        self.repeat.setAccessibleName(_("Repeat"))
        for key, label in REPEATS:
            self.repeat.addItem(_(label), key)
        self.count = QSpinBox(minimum=2, maximum=52, value=6)
        self._count_suffix()
        self.count.setAccessibleName(_("Number of meetings"))
        self.repeat_hint = QLabel()
        self.repeat_hint.setObjectName("countLabel")
        self.repeat_hint.setWordWrap(True)
        self.template = QCheckBox(_("Start the agenda from the standard template"), checked=True)
        if detail is None:
            row = QHBoxLayout()
            row.addWidget(self.repeat, 1)
            row.addWidget(self.count)
            form.addRow(_("Repeat"), row)
            form.addRow("", self.repeat_hint)
            form.addRow("", self.template)
        self.repeat.currentIndexChanged.connect(self._update_repeat)
        self.count.valueChanged.connect(self._update_repeat)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        if detail is not None:
            self.title.setText(detail.title)
            self.kind.setCurrentIndex(self.kind.findData(detail.kind))
            self.status.setCurrentIndex(self.status.findData(detail.status))
            self.venue.setText(detail.venue or "")
            self.chair.set_member(detail.chair_id, detail.chair_name)
            self.minute_taker.set_member(detail.minute_taker_id, detail.minute_taker_name)
            self.notes.setPlainText(detail.notes or "")
        self._update_repeat()
        self.resize(520, 0)

    def _start_moved(self, value: QDateTime) -> None:
        self.ends.setDateTime(to_qdatetime(from_qdatetime(value) + self._length))
        self._update_repeat()

    def _count_suffix(self) -> None:
        """The unit follows the number: Polish and Ukrainian say 2-4 meetings differently from 5."""
        value = self.count.value()
        self.count.setSuffix(ngettext(" meeting", " meetings", value))

    def _update_repeat(self) -> None:
        self._count_suffix()
        rule = repeat_rule_for(self.repeat.currentData(), from_qdatetime(self.starts.dateTime()))
        self.count.setEnabled(rule is not None)
        if rule is None:
            self.repeat_hint.setText("")
            return
        start = from_qdatetime(self.starts.dateTime())
        dates = occurrences(rule, first_day=start.date(), at=start.time(), count=min(self.count.value(), 4))
        shown = ", ".join(QLocale().toString(QDate(d.year, d.month, d.day), "ddd d MMM") for d in dates)
        words = describe_rule(rule)
        self.repeat_hint.setText(_("{rule} at {time}: {dates}").format(
            rule=f"{words[:1].upper()}{words[1:]}", time=time_of_day(start),
            dates=shown + ("…" if self.count.value() > 4 else "")))

    def form(self) -> MeetingForm:
        """The values to save; raises ValueError naming the field that is wrong."""
        title = self.title.text().strip()
        if not title:
            raise ValueError(_("Title: a meeting needs a title."))
        starts = from_qdatetime(self.starts.dateTime())
        ends = from_qdatetime(self.ends.dateTime())
        if ends < starts:
            raise ValueError(_("Ends: the meeting cannot end before it starts."))
        people = {}
        for key, picker, label in (("chair_id", self.chair, _("Chair")),
                                   ("minute_taker_id", self.minute_taker, _("Minute-taker"))):
            try:
                people[key] = picker.member_id()
            except ValueError:
                if not picker.loaded:
                    raise ValueError(_("{field}: the members' names are still loading; try again "
                                       "in a moment.").format(field=label)) from None
                raise ValueError(_("{field}: “{name}” is not a member; pick a name from "
                                   "the list or leave it empty.").format(field=label, name=picker.text())) from None
        values: dict[str, object] = {
            "title": title, "kind": self.kind.currentData(), "starts_at": starts, "ends_at": ends,
            "venue": self.venue.text().strip() or None, **people,
            "notes": self.notes.toPlainText() or None,
        }
        if self.detail is not None:
            values["status"] = self.status.currentData()
        rule = repeat_rule_for(self.repeat.currentData(), starts) if self.detail is None else None
        return MeetingForm(values=values, repeat_rule=rule,
                           repeat_count=self.count.value() if rule else 1,
                           use_template=self.detail is None and self.template.isChecked())

    def accept(self) -> None:
        try:
            self.form()
        except ValueError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return
        super().accept()

    @classmethod
    def ask(cls, ctx: AppContext, **kwargs: object) -> MeetingForm | None:
        """Show the dialog; the form values, or None if cancelled. Tests patch this."""
        dialog = cls(ctx, **kwargs)  # type: ignore[arg-type]
        return dialog.form() if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_start(parent: QWidget | None, suggested: datetime, *, title: str, text: str) -> datetime | None:
    """A small dialog asking for one start date and time (e.g. for a duplicated meeting)."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    edit = QDateTimeEdit(to_qdatetime(suggested), calendarPopup=True)
    edit.setDisplayFormat(datetime_edit_format())
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form = QFormLayout(dialog)
    form.addRow(QLabel(text))
    form.addRow(_("&Starts"), edit)
    form.addRow(buttons)
    return from_qdatetime(edit.dateTime()) if dialog.exec() == QDialog.DialogCode.Accepted else None
