"""Print dialogs for labels, badges, letters and the phone tree: choose, then preview the PDF.

Reading and laying out run through the operation runner (reads only); the preview
is the app's usual PDF preview, with Print and Save.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from communitydesk.gui.common.dates import long_date
from communitydesk.gui.context import AppContext
from communitydesk.gui.outreach.widgets import shrink_to_fit
from communitydesk.i18n import N_, _, ngettext
from communitydesk.services.meetings.planning import MeetingSummary, list_meetings
from communitydesk.services.members.records import list_tags
from communitydesk.services.outreach.audiences import (
    AUDIENCES,
    BY_TAG,
    DEFAULT_DAYS,
    DUE_SOON,
    RENEWALS,
    renewals_due_ids,
)
from communitydesk.services.outreach.reach import Reach, select_member_ids
from communitydesk.services.outreach.templates import next_meeting_id

STATUSES = ("prospect", "active", "lapsed", "left")


@dataclass(frozen=True)
class Built:
    pdf: bytes
    note: str  # what was printed and who was left out


@dataclass(frozen=True)
class Choices:
    tags: tuple[str, ...]
    meetings: tuple[MeetingSummary, ...]
    next_meeting: int | None


def _choices(session: Session) -> Choices:
    return Choices(tuple(list_tags(session)), tuple(list_meetings(session)), next_meeting_id(session))


def counted(singular: str, plural: str, count: int) -> str:
    """'1 letter' / '3 letters', translated (``plural`` holds ``{n}``)."""
    return ngettext(singular, plural, count).format(n=count)


def _left(left_out: tuple, channel: str) -> str:
    from communitydesk.domain import Channel

    summary = Reach(Channel(channel), (), left_out).left_out_summary()
    return f" {summary}." if summary else ""


class OutreachPrintDialog(QDialog):
    """A form of choices and a Preview button; subclasses add fields and say how to build."""

    title = N_("Print")
    file_name = "document"
    uses_people = True  # tag and status filters

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_(self.title))
        self.preview_dialog = None
        self.form = QFormLayout()
        # choices keep their natural width in a wide window; only text boxes stretch
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.tag = QComboBox()
        self.tag.addItem(_("Everyone"), None)
        self.status = QComboBox()
        self.status.addItem(_("Any status"), None)
        for status in STATUSES:
            self.status.addItem(status.capitalize(), status)
        self.today: date | None = None  # the day "due within N days" counts from (tests fix it)
        self.audience = QComboBox()
        for key, words in AUDIENCES.items():
            self.audience.addItem(_(words), key)
        self.days = QSpinBox(minimum=1, maximum=366, value=DEFAULT_DAYS, suffix=_(" days"))
        self.days.setToolTip(_("Whose paid-up cover ends within this many days from today"))
        shrink_to_fit(self.audience)
        self.audience.currentIndexChanged.connect(self._audience_changed)
        if self.uses_people:
            self.form.addRow(_("&Who"), self.audience)
            self.form.addRow(_("Due wit&hin"), self.days)
            self.form.addRow(_("Tag"), self.tag)
            self.form.addRow(_("Status"), self.status)
        self._audience_changed()
        self.note = QLabel(_("Loading…"))
        self.note.setWordWrap(True)
        self.note.setObjectName("countLabel")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.preview_button = self.buttons.addButton(_("&Preview"), QDialogButtonBox.ButtonRole.ActionRole)
        self.preview_button.setObjectName("primary")
        self.preview_button.setDefault(True)
        self.preview_button.setEnabled(False)
        self.preview_button.clicked.connect(self.preview)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        self.add_widgets(layout)
        layout.addStretch(0)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.loading = ctx.ops.read(_choices, parent=self, done=self._loaded)

    def add_widgets(self, layout: QVBoxLayout) -> None:
        """Room below the form for a subclass's larger widgets."""

    def _loaded(self, choices: Choices) -> None:
        for tag in choices.tags:
            self.tag.addItem(tag, tag)
        self.loaded(choices)
        self.note.setText(self.hint())
        self.preview_button.setEnabled(True)

    def loaded(self, choices: Choices) -> None:
        """Subclasses fill their own lists."""

    def hint(self) -> str:
        return ""

    def _audience_changed(self) -> None:
        """The tag and status filters apply to "by tag" only; the days to "due soon" choices."""
        audience = self.audience.currentData()
        self.tag.setEnabled(audience == BY_TAG)
        self.status.setEnabled(audience == BY_TAG)
        self.days.setEnabled(audience in (DUE_SOON, RENEWALS))

    def choose_audience(self, audience: str, days: int | None = None) -> None:
        """Pick who is printed for (the Dues screen's hook and tests)."""
        self.audience.setCurrentIndex(max(0, self.audience.findData(audience)))
        if days is not None:
            self.days.setValue(days)

    def people_chooser(self) -> Callable[[Session], list[int]]:
        """A function for the worker giving the chosen people's ids, the widgets read now."""
        audience, days, on = self.audience.currentData(), self.days.value(), self.today
        tag, status = self.tag.currentData(), self.status.currentData()
        if audience == BY_TAG or not self.uses_people:
            return lambda session: select_member_ids(session, tag=tag, status=status)
        return lambda session: renewals_due_ids(session, audience, within_days=days, on=on)

    def builder(self) -> Callable[[Session], Built]:
        """A function for the worker, with every widget value captured now."""
        raise NotImplementedError

    def preview(self) -> None:
        build = self.builder()
        self.preview_button.setEnabled(False)
        self.note.setText(_("Preparing…"))
        self.building = self.ctx.ops.read(lambda session, _progress: build(session), parent=self,
                                          done=self._show, failed=self._failed,
                                          progress=_("Preparing the {what}…").format(what=_(self.title).lower()))

    def _failed(self, exc: Exception) -> None:
        """A UserError (a bad custom grid, a start label off the sheet) is said under the form."""
        from communitydesk.errors import UserError
        from communitydesk.gui.operations import show_problem

        self.preview_button.setEnabled(True)
        if isinstance(exc, UserError):
            self.note.setText(_("Cannot print: {problem}").format(problem=exc))
        else:
            show_problem(self, exc)

    def _show(self, built: Built) -> None:
        from communitydesk.gui.printing.pdf_preview_dialog import PdfPreviewDialog

        self.preview_button.setEnabled(True)
        self.note.setText(built.note)
        folder = self.ctx.gui_settings.printing_last_folder
        self.preview_dialog = PdfPreviewDialog(built.pdf, title=_(self.title), file_name=self.file_name,
                                               start_folder=str(folder or ""), parent=self)
        self.preview_dialog.show()


def _pdf(render: Callable, data: object) -> bytes:  # noqa: ANN001
    buffer = io.BytesIO()
    render(data, buffer)
    return buffer.getvalue()


class LabelsDialog(OutreachPrintDialog):
    title = N_("Address labels")
    file_name = "address-labels"

    def add_widgets(self, layout: QVBoxLayout) -> None:
        from communitydesk.pdf.labels import LAYOUTS

        self.layout_choice = QComboBox()
        for name, sheet in LAYOUTS.items():
            paper = "A4" if sheet.page_width < 600 else "Letter"
            self.layout_choice.addItem(_("{name} ({count} a sheet, {paper})").format(name=name, count=sheet.per_sheet, paper=paper), name)
        self.layout_choice.addItem(_("Custom grid…"), "custom")
        self.start = QSpinBox(minimum=1, maximum=21)
        self.start.setToolTip(_("The first unused label on a part-used sheet (across, then down)"))
        self.outline = QCheckBox(_("Draw label edges (test print on plain paper)"))
        self.form.addRow(_("Sheet"), self.layout_choice)
        self.form.addRow(_("Start at label"), self.start)
        self.form.addRow("", self.outline)
        self.custom = QWidget()
        grid = QGridLayout(self.custom)
        grid.setContentsMargins(0, 0, 0, 0)
        self.rows, self.columns = QSpinBox(minimum=1, maximum=30, value=7), QSpinBox(minimum=1, maximum=10, value=3)
        self.sizes = {}
        for n, (key, label, value) in enumerate((
                ("label_width_mm", N_("Label width (mm)"), 63.5), ("label_height_mm", N_("Label height (mm)"), 38.1),
                ("left_mm", N_("Left margin (mm)"), 7.25), ("top_mm", N_("Top margin (mm)"), 15.15),
                ("across_mm", N_("Pitch across (mm)"), 66.04), ("down_mm", N_("Pitch down (mm)"), 38.1))):
            box = QDoubleSpinBox(minimum=0, maximum=400, decimals=2, value=value)
            self.sizes[key] = box
            grid.addWidget(QLabel(_(label)), 1 + n // 2, (n % 2) * 2)
            grid.addWidget(box, 1 + n // 2, (n % 2) * 2 + 1)
        grid.addWidget(QLabel(_("Rows")), 0, 0)
        grid.addWidget(self.rows, 0, 1)
        grid.addWidget(QLabel(_("Columns")), 0, 2)
        grid.addWidget(self.columns, 0, 3)
        self.custom.setVisible(False)
        layout.addWidget(self.custom)
        self.layout_choice.currentIndexChanged.connect(self._layout_changed)
        self.rows.valueChanged.connect(self._layout_changed)  # the start label stays on the sheet
        self.columns.valueChanged.connect(self._layout_changed)

    def _layout_changed(self) -> None:
        from communitydesk.pdf.labels import LAYOUTS

        name = self.layout_choice.currentData()
        self.custom.setVisible(name == "custom")
        per_sheet = LAYOUTS[name].per_sheet if name in LAYOUTS else self.rows.value() * self.columns.value()
        self.start.setMaximum(per_sheet)

    def hint(self) -> str:
        return _("Only people with a postal address who agreed to post get a label.")

    def builder(self) -> Callable[[Session], Built]:
        from communitydesk.pdf.labels import LAYOUTS, custom_layout, render_labels
        from communitydesk.services.outreach.documents import gather_labels

        name = self.layout_choice.currentData()
        grid = dict(rows=self.rows.value(), columns=self.columns.value(),
                    **{key: box.value() for key, box in self.sizes.items()})
        start, outline, ids = self.start.value(), self.outline.isChecked(), self.people_chooser()

        def build(session: Session) -> Built:
            layout = LAYOUTS.get(name) or custom_layout(**grid)  # a bad grid: said under the form
            data = gather_labels(session, ids(session))
            buffer = io.BytesIO()
            render_labels(data.addresses, buffer, layout, start_at=start, outline=outline,
                          author=data.letterhead.group_name)
            return Built(buffer.getvalue(), ngettext("{n} label.", "{n} labels.", len(data.addresses)).format(n=len(data.addresses)) + _left(data.left_out, "post"))

        return build


class BadgesDialog(OutreachPrintDialog):
    title = N_("Name badges")
    file_name = "name-badges"
    uses_people = False

    def add_widgets(self, layout: QVBoxLayout) -> None:
        self.meeting = QComboBox()
        self.who = QComboBox()
        self.who.addItem(_("Everyone expected"), False)
        self.who.addItem(_("Those checked in"), True)
        self.line = QComboBox()
        for label, key in ((N_("No extra line"), "none"), (N_("Ladder stage"), "stage"), (N_("Tags"), "tags")):
            self.line.addItem(_(label), key)
        self.blanks = QSpinBox(minimum=0, maximum=400, value=8)
        self.form.addRow(_("Meeting"), self.meeting)
        self.form.addRow(_("Who"), self.who)
        self.form.addRow(_("Under the name"), self.line)
        self.form.addRow(_("Blank badges for newcomers"), self.blanks)

    def loaded(self, choices: Choices) -> None:
        for m in reversed(choices.meetings):
            self.meeting.addItem(f"{long_date(m.starts_at)}: {m.title}", m.id)
        index = self.meeting.findData(choices.next_meeting)
        self.meeting.setCurrentIndex(max(index, 0))
        if not choices.meetings:
            self.preview_button.setEnabled(False)

    def hint(self) -> str:
        return _("8 badges a sheet with cut marks: the name people go by large, the surname smaller.")

    def builder(self) -> Callable[[Session], Built]:
        from communitydesk.pdf.badges import render_badges
        from communitydesk.services.outreach.documents import gather_badges

        meeting_id, checked, line, blanks = (self.meeting.currentData(), self.who.currentData(),
                                             self.line.currentData(), self.blanks.value())

        def build(session: Session) -> Built:
            data = gather_badges(session, meeting_id, checked_in_only=checked, line=line, blanks=blanks)
            return Built(_pdf(render_badges, data), ngettext("{n} badge", "{n} badges", len(data.badges)).format(n=len(data.badges)) + _(" and {n} blank.").format(n=data.blanks))

        return build


class PhoneTreeDialog(OutreachPrintDialog):
    title = N_("Phone tree")
    file_name = "phone-tree"

    def hint(self) -> str:
        return _("Confidential: only people who agreed to be phoned are listed.")

    def builder(self) -> Callable[[Session], Built]:
        from communitydesk.pdf.phone_tree import render_phone_tree
        from communitydesk.services.outreach.documents import gather_phone_tree

        tag, ids = self.tag.currentData(), self.people_chooser()

        def build(session: Session) -> Built:
            data = gather_phone_tree(session, ids(session), tag=tag)  # titled in the group's language
            return Built(_pdf(render_phone_tree, data), ngettext("{n} person.", "{n} people.", len(data.rows)).format(n=len(data.rows)) + _left(data.left_out, "phone"))

        return build
