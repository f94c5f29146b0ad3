"""Two small dialogs for printing: the register's period and the paper size setting."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from communitydesk.gui.context import AppContext
from communitydesk.i18n import _
from communitydesk.services.meetings.documents import PAPER_SIZES, print_settings, save_paper_size

Period = tuple[date | None, date | None]


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class RegisterPeriodDialog(QDialog):
    """Which meetings go on the register: all, or those in a period (inclusive)."""

    def __init__(self, *, today: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Attendance register: period"))
        today = today or date.today()
        self.use_from = QCheckBox(_("&From"))
        self.from_edit = QDateEdit(_qdate(date(today.year, 1, 1)))
        self.from_edit.setAccessibleName(_("From"))
        self.use_to = QCheckBox(_("T&o"))
        self.to_edit = QDateEdit(_qdate(today))
        self.to_edit.setAccessibleName(_("To"))
        for check, edit in ((self.use_from, self.from_edit), (self.use_to, self.to_edit)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.setEnabled(False)
            check.toggled.connect(edit.setEnabled)
        presets = QHBoxLayout()
        for label, start, end in (
            (_("&All meetings"), None, None),
            (_("&This year"), date(today.year, 1, 1), date(today.year, 12, 31)),
            (_("&Last year"), date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)),
        ):
            button = QPushButton(label)
            button.clicked.connect(lambda _=False, s=start, e=end: self.set_period(s, e))
            presets.addWidget(button)
        form = QFormLayout()
        form.addRow(self.use_from, self.from_edit)
        form.addRow(self.use_to, self.to_edit)
        note = QLabel(_("Cancelled meetings are left out. The register prints in landscape and "
                      "splits long periods across pages."))
        note.setWordWrap(True)
        note.setObjectName("countLabel")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        preview = buttons.addButton(_("&Preview"), QDialogButtonBox.ButtonRole.AcceptRole)
        preview.setObjectName("primary")
        preview.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(presets)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def set_period(self, start: date | None, end: date | None) -> None:
        self.use_from.setChecked(start is not None)
        self.use_to.setChecked(end is not None)
        if start is not None:
            self.from_edit.setDate(_qdate(start))
        if end is not None:
            self.to_edit.setDate(_qdate(end))

    def period(self) -> Period:
        start = _pydate(self.from_edit.date()) if self.use_from.isChecked() else None
        end = _pydate(self.to_edit.date()) if self.use_to.isChecked() else None
        return start, end

    def accept(self) -> None:
        start, end = self.period()
        if start and end and end < start:
            QMessageBox.warning(self, _("Attendance register"), _("The end of the period is before its start."))
            return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None = None) -> Period | None:
        dialog = cls(parent=parent)
        return dialog.period() if dialog.exec() == QDialog.DialogCode.Accepted else None


class PrintSettingsDialog(QDialog):
    """Paper size for every document: A4 (default) or US Letter."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("Print settings"))
        self.paper = QComboBox()
        for paper in PAPER_SIZES:
            self.paper.addItem(_("A4 (210 × 297 mm)") if paper == "A4" else _("US Letter (8½ × 11 in)"), paper)
        self.paper.setEnabled(False)
        self.loading = ctx.ops.read(lambda session: print_settings(session).paper_size, parent=self,
                                    done=self._loaded)
        form = QFormLayout()
        form.addRow(_("&Paper size"), self.paper)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _loaded(self, current: str) -> None:
        self.paper.setCurrentIndex(max(0, self.paper.findData(current)))
        self.paper.setEnabled(True)

    def accept(self) -> None:
        paper = self.paper.currentData()
        self.saving = self.ctx.ops.write(lambda session: save_paper_size(session, paper),
                                         parent=self, done=lambda _r: super(PrintSettingsDialog, self).accept())

    @classmethod
    def ask(cls, ctx: AppContext, parent: QWidget | None = None) -> bool:
        return cls(ctx, parent).exec() == QDialog.DialogCode.Accepted
