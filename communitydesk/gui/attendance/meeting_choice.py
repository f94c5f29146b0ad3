"""Which meeting the register and the kiosk open on, and the kiosk's "which meeting?" question.

A meeting still ahead takes no check-ins (only apologies), so neither screen opens on
one by itself: the register opens on the most recent meeting that has started (today's
if any); the kiosk opens on today's meeting, and asks when there are several or none.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QStringListModel,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from communitydesk.gui.common.dates import long_date, long_datetime, short_datetime
from communitydesk.gui.common.shown_values import MEETING_STATUS, shown
from communitydesk.i18n import _, ngettext
from communitydesk.services.attendance.screen import (
    MeetingChoice,
    RegisterSnapshot,
    list_meeting_choices,
    read_register,
)

MEETING_ROLE = Qt.ItemDataRole.UserRole + 1
KIOSK_CHOICES = 12  # the most recent meetings offered when none is today
LABELS_AT_ONCE = 150  # about 3 ms of the UI thread's time between two events


def meeting_label(m: MeetingChoice) -> str:
    state = "" if m.status == "planned" else f"  ({shown(MEETING_STATUS, m.status).lower()})"
    return f"{short_datetime(m.starts_at)} — {m.title}{state}"


class MeetingListModel(QAbstractListModel):
    """The picker's meetings, newest first; labels made a few hundred at a time once they land.

    2,000 meetings filled one ``addItem`` at a time blocked the window for a fifth of a second,
    and so did making their 2,000 labels at once (45 ms). The box's completer searches
    ``completion``, the same labels held by Qt, so choosing a meeting far down the list (the
    completer looks for the chosen label from the top) never calls back into Python per row.
    """

    def __init__(self, parent=None) -> None:  # noqa: ANN001 - Qt parent
        super().__init__(parent)
        self._meetings: list[MeetingChoice] = []
        self._labels: dict[int, str] = {}
        self._row_of: dict[int, int] = {}
        self._labelled = 0  # rows [0, _labelled) have been offered to the labeller
        self.completion = QStringListModel(self)  # typing in the box searches these
        self._labeller = QTimer(self)
        self._labeller.setInterval(0)  # between events: the window paints and answers meanwhile
        self._labeller.timeout.connect(self._label_more)

    def set_meetings(self, meetings: list[MeetingChoice]) -> None:
        self.beginResetModel()
        self._meetings = list(reversed(meetings))  # the register being taken is near the top
        self._labels.clear()
        self._row_of = {m.id: i for i, m in enumerate(self._meetings)}
        self.endResetModel()
        # the completions keep the old labels until the new ones are made: the box matches a
        # completion to its meeting by the label's text (QComboBox.findText), not by row
        self._labelled = 0
        self._labeller.start()

    def _label_more(self) -> None:
        end = min(self._labelled + LABELS_AT_ONCE, len(self._meetings))
        for row in range(self._labelled, end):
            self.label(row)
        self._labelled = end
        if end == len(self._meetings):
            self._labeller.stop()
            self.completion.setStringList([self.label(row) for row in range(end)])

    def label(self, row: int) -> str:
        label = self._labels.get(row)
        if label is None:
            label = self._labels[row] = meeting_label(self._meetings[row])
        return label

    def row_of(self, meeting_id: int | None) -> int:
        return self._row_of.get(meeting_id, -1) if meeting_id is not None else -1

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._meetings)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.label(index.row())
        if role == Qt.ItemDataRole.UserRole:
            return self._meetings[index.row()].id
        return None


def is_ahead(m: MeetingChoice, today: date) -> bool:
    return m.starts_at.date() > today


def default_meeting(meetings: list[MeetingChoice], today: date) -> MeetingChoice | None:
    """The most recent meeting that has started (today's if any); never one still ahead."""
    started = [m for m in meetings if m.status != "cancelled" and not is_ahead(m, today)]
    return max(started, key=lambda m: (m.starts_at, m.id), default=None)


def next_meeting(meetings: list[MeetingChoice], today: date) -> MeetingChoice | None:
    ahead = [m for m in meetings if m.status != "cancelled" and is_ahead(m, today)]
    return min(ahead, key=lambda m: (m.starts_at, m.id), default=None)


def kiosk_candidates(meetings: list[MeetingChoice], today: date) -> list[MeetingChoice]:
    """Today's meetings if any (earliest first), else the most recent ones already held."""
    live = [m for m in meetings if m.status != "cancelled"]
    todays = sorted((m for m in live if m.starts_at.date() == today), key=lambda m: (m.starts_at, m.id))
    if todays:
        return todays
    held = sorted((m for m in live if m.starts_at.date() < today), key=lambda m: (m.starts_at, m.id),
                  reverse=True)
    return held[:KIOSK_CHOICES]


def register_notice(meeting: MeetingChoice | None, meetings: list[MeetingChoice], today: date, *,
                    refused: str | None = None) -> str:
    """What the register says above the table: a meeting still ahead takes apologies only."""
    if meeting is not None and is_ahead(meeting, today):
        text = _("This meeting has not happened yet ({when}): only "
                 "apologies can be recorded until its day.").format(when=long_datetime(meeting.starts_at))
        if refused:
            return (_("Cannot mark anyone present.") if refused == "present" else
                    _("Cannot mark anyone absent.")) + " " + text
        return text
    coming = next_meeting(meetings, today)
    if meeting is None and coming is not None:
        return _("No meeting has been held yet. The next is {title} on "
                 "{date}: choose it above to record apologies.").format(
            title=coming.title, date=long_date(coming.starts_at))
    return ""


class KioskMeetingDialog(QDialog):
    """Asked when the kiosk cannot tell which meeting is at the door (several or none today)."""

    def __init__(self, candidates: list[MeetingChoice], *, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Check-in kiosk: which meeting?"))
        several_today = bool(candidates) and candidates[0].starts_at.date() == today
        if several_today:
            question = ngettext("There is {count} meeting today ({date}). Which one are people arriving for?",
                                "There are {count} meetings today ({date}). Which one are people arriving for?",
                                len(candidates)).format(count=len(candidates), date=long_date(today))
        else:
            question = _("There is no meeting today ({date}). The kiosk checks people in "
                         "to a meeting that has started: choose a recent one, or cancel.").format(
                date=long_date(today))
        self.question = QLabel(question)
        self.question.setWordWrap(True)
        self.choices = QListWidget()
        self.choices.setAccessibleName(_("Meetings"))
        for m in candidates:
            item = QListWidgetItem(f"{long_datetime(m.starts_at)} — {m.title}")
            item.setData(MEETING_ROLE, m.id)
            self.choices.addItem(item)
        self.choices.setCurrentRow(0)
        self.choices.itemActivated.connect(lambda _item: self.accept())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        start = buttons.addButton(_("Open the kiosk"), QDialogButtonBox.ButtonRole.AcceptRole)
        start.setObjectName("primary")
        start.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addWidget(self.choices, 1)
        layout.addWidget(buttons)
        self.resize(520, 360)

    def chosen(self) -> int | None:
        item = self.choices.currentItem()
        return item.data(MEETING_ROLE) if item is not None else None

    @classmethod
    def ask(cls, candidates: list[MeetingChoice], *, today: date, parent: QWidget | None) -> int | None:
        """The chosen meeting's id, or None when cancelled; tests patch this."""
        dialog = cls(candidates, today=today, parent=parent)
        return dialog.chosen() if dialog.exec() else None


@dataclass(frozen=True)
class PageLoad:
    """The picker's meetings, the one chosen, and its register: what opening the page reads."""

    meetings: tuple[MeetingChoice, ...]
    chosen_id: int | None
    register: RegisterSnapshot | None


def load_page(session, keep: int | None, today: date) -> PageLoad:  # noqa: ANN001 - a Session
    """On the worker: the meeting being worked on stays chosen, else the most recent one held."""
    meetings = list_meeting_choices(session)
    chosen = next((m for m in meetings if m.id == keep), None) or default_meeting(meetings, today)
    register = read_register(session, chosen.id) if chosen else None
    return PageLoad(tuple(meetings), chosen.id if chosen else None, register)


def kiosk_meeting(meetings: list[MeetingChoice], today: date, *,
                  parent: QWidget | None) -> tuple[int | None, str]:
    """The kiosk's meeting: today's; several or none today, the organiser is asked.

    Returns the meeting id (None: cancelled or nothing to open) and, when there is
    nothing to open, why, for the page to say.
    """
    candidates = kiosk_candidates(meetings, today)
    todays = [m for m in candidates if m.starts_at.date() == today]
    if len(todays) == 1:
        return todays[0].id, ""
    if not candidates:
        coming = next_meeting(meetings, today)
        if coming:
            return None, _("The kiosk opens on the day of a meeting; no meeting has been held yet "
                           "(the next is on {date}).").format(date=long_date(coming.starts_at))
        return None, _("The kiosk opens on the day of a meeting; no meeting has been held yet.")
    return KioskMeetingDialog.ask(candidates, today=today, parent=parent), ""
