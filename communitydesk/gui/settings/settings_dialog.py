"""Edit → Settings…: the group's own name, venue, region, meetings, money, people and language.

Every value goes through the same rules as ``communitydesk settings set``
(services/settings/group_settings/group_settings.py): a refused value is explained under its field, the tab
holding it comes forward, and OK saves nothing until all are right.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from communitydesk.gui.accessibility import name_form_rows
from communitydesk.gui.context import AppContext
from communitydesk.gui.operations import Operation, show_problem
from communitydesk.gui.settings.choice_widgets import (
    SearchableCombo,
    currency_combo,
    language_combo,
    month_combo,
    region_combo,
    timezone_combo,
)
from communitydesk.i18n import N_, _, ngettext
from communitydesk.services.settings.group_settings import (
    PAPER_SIZES,
    GroupSettings,
    load_settings,
    save_settings,
    setting_problems,
)

ERROR_STYLE = "color: #b3261e;"


class QuorumEditor(QWidget):
    """No rule, a number of people, or a share of active members: "", "12" or "10%"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = QComboBox()
        self.kind.addItem(_("No quorum rule"), "")
        self.kind.addItem(_("A number of people"), "people")
        self.kind.addItem(_("A share of active members"), "share")
        self.number = QSpinBox(minimum=1, maximum=9999)
        self.number.setAccessibleName("Quorum number")
        self.number.setMinimumWidth(110)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.number.valueChanged.connect(self._kind_changed)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.kind, 1)
        row.addWidget(self.number)
        self.setFocusProxy(self.kind)
        self._kind_changed()

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        self.number.setEnabled(bool(kind))
        self.number.setSuffix("%" if kind == "share" else ngettext(" person", " people", self.number.value()))
        self.number.setMaximum(100 if kind == "share" else 9999)

    def value(self) -> str:
        kind = self.kind.currentData()
        if not kind:
            return ""
        return f"{self.number.value()}%" if kind == "share" else str(self.number.value())

    def set_value(self, text: str) -> None:
        share = text.endswith("%")
        digits = text.rstrip("%").strip()
        self.kind.setCurrentIndex(0 if not digits else (2 if share else 1))
        if digits.isdigit():
            self.number.setValue(int(digits))


def _lines(editor: QPlainTextEdit) -> tuple[str, ...]:
    return tuple(line.strip() for line in editor.toPlainText().splitlines() if line.strip())


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("pageSubtitle")
    label.setWordWrap(True)
    return label


class SettingsDialog(QDialog):
    TABS = (N_("Group"), N_("Meetings"), N_("Money"), N_("People"), N_("Language"))

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("Settings"))
        self.editors: dict[str, QWidget] = {}
        self.error_labels: dict[str, QLabel] = {}
        self._error_rows: dict[str, tuple[QFormLayout, int]] = {}
        self._tab_of: dict[str, int] = {}
        self.tabs = QTabWidget()
        for index, build in enumerate((self._group_tab, self._meetings_tab, self._money_tab,
                                       self._people_tab, self._language_tab)):
            page = QWidget()
            form = QFormLayout(page)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
            self._form, self._index = form, index
            build(form)
            self.tabs.addTab(page, _(self.TABS[index]))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.summary = QLabel()
        self.summary.setStyleSheet(ERROR_STYLE)
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        if ctx.db.read_only:
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
            self.summary.setText(_("This database is open read-only ({reason}); settings can be "
                                   "looked at, not changed.").format(reason=ctx.db.read_only_reason))
        self.summary.setVisible(bool(self.summary.text()))
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.tabs.setEnabled(False)
        self.ok_button.setEnabled(False)
        self.setWindowTitle(_("Settings (loading…)"))
        self.saving: Operation | None = None
        self.loading = ctx.ops.read(load_settings, parent=self, done=self._loaded,
                                    key="settings-dialog")
        self.resize(640, 520)

    def _loaded(self, settings: GroupSettings) -> None:
        """Fields are filled and editable only once the stored values have arrived."""
        self.load(settings)
        self.setWindowTitle(_("Settings"))
        self.tabs.setEnabled(True)
        self.ok_button.setEnabled(not self.ctx.db.read_only)

    # --- building --------------------------------------------------------------------
    def _add(self, label: str, name: str, editor: QWidget, hint: str = "") -> None:
        """A labelled field (the label is the editor's buddy: Alt+letter jumps to it), its
        hint, and a hidden line for the rule's message."""
        form = self._form
        compact = isinstance(editor, QSpinBox) or (isinstance(editor, QComboBox)
                                                   and not isinstance(editor, SearchableCombo))
        if compact or name == "kiosk_pin":  # a number, a month or a PIN needs no full width
            editor.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            editor.setMinimumWidth(180)
        if hint:
            box = QWidget()
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            column.addWidget(editor, 0, Qt.AlignmentFlag.AlignLeft if compact or name == "kiosk_pin"
                             else Qt.AlignmentFlag(0))
            column.addWidget(_hint(hint))
            box.setFocusProxy(editor)
            form.addRow(label, box)
            form.labelForField(box).setBuddy(editor)
        else:
            form.addRow(label, editor)
        error = QLabel()
        error.setObjectName(f"error_{name}")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        form.addRow("", error)
        name_form_rows(form)
        row = form.rowCount() - 1
        form.setRowVisible(row, False)
        self.editors[name] = editor
        self.error_labels[name] = error
        self._error_rows[name] = (form, row)
        self._tab_of[name] = self._index

    def _group_tab(self, form: QFormLayout) -> None:
        self._add(_("Group &name:"), "group_name", QLineEdit(maxLength=120),
                  _("Printed at the top of every sign-in sheet, agenda, minutes and report."))
        self._add(_("Usual &venue:"), "default_venue", QLineEdit(maxLength=200,
                  placeholderText=_("e.g. Maple Court community room")))
        self._add(_("Group &email:"), "group_email", QLineEdit(maxLength=254,  # #18
                  placeholderText=_("e.g. secretary@riverside-tenants.org")),
                  _("The To address when you email members from here; members go in Bcc."))
        self._add(_("&Phone region:"), "phone_region", region_combo(),
                  _("Phone numbers written without +country code are read as this country's."))
        self._add(_("&Time zone:"), "timezone", timezone_combo(),
                  _("Meeting times in calendar files are in this time zone."))

    def _meetings_tab(self, form: QFormLayout) -> None:
        self._add(_("&Quorum:"), "quorum", QuorumEditor(),
                  _("How many people must be present for votes to count. A share is of members "
                    "whose status is active on the meeting's date, rounded up."))
        self._add(_("Pro&xy votes:"), "proxies_allowed",  # #16
                  QCheckBox(_("Allowed in a roll call")),
                  _("A member who is present may cast an absent member's vote; it is recorded "
                    "with who held it and counted once."))
        agenda = QPlainTextEdit()
        agenda.setTabChangesFocus(True)
        agenda.setMinimumHeight(120)
        self._add(_("New &agendas start with:"), "agenda_template", agenda,
                  _("One item a line, in order. Changing this leaves existing agendas as they are."))
        paper = QComboBox()
        for size in PAPER_SIZES:
            paper.addItem(size, size)
        self._add(_("Pa&per size:"), "paper_size", paper)
        pin = QLineEdit(maxLength=8, placeholderText=_("no PIN"))
        pin.setEchoMode(QLineEdit.EchoMode.Password)
        self._add(_("&Kiosk PIN:"), "kiosk_pin", pin,
                  _("4 to 8 digits asked before anyone leaves the check-in kiosk. Empty: no PIN."))

    def _money_tab(self, form: QFormLayout) -> None:
        self._add(_("&Currency:"), "currency", currency_combo(), _("The currency dues are paid in."))
        self._add(_("&Financial year starts in:"), "financial_year_start_month", month_combo(),
                  _("Reports offer 'this financial year' from the first day of this month."))
        grace = QSpinBox(minimum=0, maximum=3650, suffix=_(" days"))
        self._add(_("Dues &grace period:"), "dues_grace_days", grace,
                  _("How long after their paid-until date someone is shown as 'in grace' before "
                    "'lapsed'."))

    def _people_tab(self, form: QFormLayout) -> None:
        ladder = QPlainTextEdit()
        ladder.setTabChangesFocus(True)
        ladder.setMinimumHeight(110)
        self._add(_("&Ladder stages:"), "ladder_stages", ladder,
                  _("One stage a line, from first contact to leader. People keep the stage they are "
                    "on; anyone on a stage you rename or remove shows at the end of the ladder "
                    "board."))
        for name, label, after in (("retention_lapsed_months", _("Lapsed &members kept for:"),
                                    _("After someone lapses or leaves, their details are listed "
                                      "for anonymisation this many months later.")),
                                   ("retention_prospect_months", _("&Prospects kept for:"),
                                    _("Prospects never seen again are listed this many months "
                                      "later."))):
            months = QSpinBox(minimum=0, maximum=240, suffix=_(" months"))
            months.setSpecialValueText(_("for ever"))
            self._add(label, name, months, after)

    def _language_tab(self, form: QFormLayout) -> None:
        self._add(_("&Language:"), "language", language_combo(),
                  _("Printed sheets, agendas and minutes use this language at once; this window "
                    "changes language the next time CommunityDesk starts. Dates and numbers on "
                    "screen follow this computer's regional settings."))

    # --- values ------------------------------------------------------------------------
    def load(self, s: GroupSettings) -> None:
        e = self.editors
        e["group_name"].setText(s.group_name)
        e["default_venue"].setText(s.default_venue)
        e["group_email"].setText(s.group_email)
        e["phone_region"].set_value(s.phone_region)
        e["timezone"].set_value(s.timezone)
        e["quorum"].set_value(s.quorum)
        e["proxies_allowed"].setChecked(s.proxies_allowed == "yes")
        e["agenda_template"].setPlainText("\n".join(s.agenda_template))
        e["paper_size"].setCurrentIndex(max(0, e["paper_size"].findData(s.paper_size)))
        e["kiosk_pin"].setText(s.kiosk_pin)
        e["currency"].set_value(s.currency)
        e["financial_year_start_month"].setCurrentIndex(
            max(0, e["financial_year_start_month"].findData(s.financial_year_start_month)))
        e["dues_grace_days"].setValue(s.dues_grace_days)
        e["ladder_stages"].setPlainText("\n".join(s.ladder_stages))
        e["retention_lapsed_months"].setValue(s.retention_lapsed_months)
        e["retention_prospect_months"].setValue(s.retention_prospect_months)
        e["language"].setCurrentIndex(max(0, e["language"].findData(s.language)))

    def values(self) -> dict[str, object]:
        """Each field's value as the settings service takes it."""
        out: dict[str, object] = {}
        for name, editor in self.editors.items():
            if isinstance(editor, SearchableCombo | QuorumEditor):
                out[name] = editor.value()
            elif isinstance(editor, QCheckBox):  # a yes/no setting
                out[name] = "yes" if editor.isChecked() else "no"
            elif isinstance(editor, QLineEdit):
                out[name] = editor.text()
            elif isinstance(editor, QPlainTextEdit):
                out[name] = _lines(editor)
            elif isinstance(editor, QSpinBox):
                out[name] = editor.value()
            elif isinstance(editor, QComboBox):
                out[name] = editor.currentData()
        return out

    def show_problems(self, problems: dict[str, str]) -> None:
        for name, label in self.error_labels.items():
            message = problems.get(name, "")
            label.setText(message)
            form, row = self._error_rows[name]
            form.setRowVisible(row, bool(message))
        self.summary.setText(_("Some settings need correcting before they can be saved.") if problems
                             else "")
        self.summary.setVisible(bool(problems))
        if problems:
            first = next(name for name in self.editors if name in problems)
            self.tabs.setCurrentIndex(self._tab_of[first])
            self.editors[first].setFocus()

    def accept(self) -> None:
        values = self.values()
        problems = setting_problems(values)
        self.show_problems(problems)
        if problems:
            return
        self.ok_button.setEnabled(False)  # one save at a time; back on if it is refused
        self.saving = self.ctx.ops.write(lambda session: save_settings(session, **values),
                                         parent=self, done=lambda _saved: super(SettingsDialog, self)
                                         .accept(), failed=self._not_saved)

    def _not_saved(self, exc: Exception) -> None:
        self.ok_button.setEnabled(True)
        show_problem(self, exc)
