"""The first-run screen: the group's name, usual venue and phone region, then how to start.

Why: on a new database everything printed said "Our Community Group" and the
only way to see the app working was to fill the group's own file with a demo.
This asks the three things every sheet and phone number needs, then offers
starting empty, importing a members file, or exploring a demo kept in a
separate file.
"""

from __future__ import annotations

import enum

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from communitydesk import APP_NAME
from communitydesk.gui.settings.choice_widgets import default_region, region_combo
from communitydesk.i18n import _
from communitydesk.services.settings.group_settings import setting_problems

ERROR_STYLE = "color: #b3261e;"


class FirstRunChoice(enum.Enum):
    EMPTY = "empty"
    IMPORT = "import"
    DEMO = "demo"


class FirstRunDialog(QDialog):
    """Accepted with ``choice`` set and ``values()`` checked by the settings rules."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Welcome to {app}").format(app=APP_NAME))
        self.choice: FirstRunChoice | None = None

        title = QLabel(_("Welcome to {app}").format(app=APP_NAME))
        title.setObjectName("pageTitle")
        intro = QLabel(_("Tell us about your group: its name goes at the top of every sign-in "
                         "sheet, agenda and set of minutes. You can change all of this later in "
                         "Edit → Settings."))
        intro.setWordWrap(True)
        intro.setObjectName("pageSubtitle")

        self.group_name = QLineEdit(maxLength=120, placeholderText=_("e.g. Riverside Tenants' Association"))
        self.venue = QLineEdit(maxLength=200, placeholderText=_("e.g. St Anne's church hall (optional)"))
        self.region = region_combo()
        self.region.set_value(default_region())
        # #20: the person the audit trail names for changes made on this computer (optional)
        self.your_name = QLineEdit(maxLength=120, placeholderText=_("e.g. Sam Okafor (optional)"))
        self.your_name.setToolTip(_("Shown in the audit trail next to the changes you make here"))
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for label, name, editor in ((_("Group &name:"), "group_name", self.group_name),
                                    (_("Usual &venue:"), "default_venue", self.venue),
                                    (_("&Phone numbers are from:"), "phone_region", self.region),
                                    (_("&Your name:"), "your_name", self.your_name)):
            form.addRow(label, editor)
            error = QLabel()
            error.setStyleSheet(ERROR_STYLE)
            error.setWordWrap(True)
            error.hide()
            form.addRow("", error)
            self.errors[name] = error

        start = QLabel(_("How would you like to start?"))
        start.setStyleSheet("font-weight: 600; margin-top: 8px;")
        self.empty_button = QCommandLinkButton(
            _("&Start with an empty list"), _("Add members and plan your first meeting yourself."))
        self.import_button = QCommandLinkButton(
            _("&Import a members file…"), _("A spreadsheet, CSV, or an export from Google "
                                              "Contacts, Mailchimp or Eventbrite. You see a preview "
                                              "before anything is added."))
        self.demo_button = QCommandLinkButton(
            _("&Explore the demo first"), _("Opens a made-up group in a separate file, so your own "
                                              "stays empty. Come back with File → Open database."))
        self.empty_button.setDefault(True)
        for button, choice in ((self.empty_button, FirstRunChoice.EMPTY),
                               (self.import_button, FirstRunChoice.IMPORT),
                               (self.demo_button, FirstRunChoice.DEMO)):
            button.clicked.connect(lambda _checked=False, c=choice: self.choose(c))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(start)
        for button in (self.empty_button, self.import_button, self.demo_button):
            layout.addWidget(button)
        layout.addStretch(1)
        self.setMinimumWidth(520)
        self.resize(600, self.sizeHint().height())
        self.group_name.setFocus(Qt.FocusReason.OtherFocusReason)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        """Tall enough for the wrapped text at the width shown: a translation 40% longer
        than the English wraps onto more lines, and a dialog sized before it was shown cut
        the last line off (found by tests/i18n/test_pseudo_locale.py)."""
        super().showEvent(event)
        self.layout().activate()
        self.resize(self.width(), max(self.height(), self.heightForWidth(self.width())))

    def values(self) -> dict[str, object]:
        """What to store: the demo may be explored without naming the group yet."""
        values: dict[str, object] = {"group_name": self.group_name.text(),
                                     "default_venue": self.venue.text(),
                                     "phone_region": self.region.value()}
        if self.choice is FirstRunChoice.DEMO and not self.group_name.text().strip():
            del values["group_name"]
        return values

    def choose(self, choice: FirstRunChoice) -> None:
        """Accept with this choice once the details pass the settings rules."""
        self.choice = choice
        problems = setting_problems(self.values())
        for name, label in self.errors.items():
            label.setText(problems.get(name, ""))
            label.setVisible(name in problems)
        self.layout().activate()  # room for the messages: wrapped lines must not be cut off
        self.resize(self.width(), max(self.height(), self.heightForWidth(self.width()),
                                      self.sizeHint().height()))
        if problems:
            self.choice = None
            first = next(n for n in ("group_name", "default_venue", "phone_region") if n in problems)
            {"group_name": self.group_name, "default_venue": self.venue,
             "phone_region": self.region}[first].setFocus()
            return
        self.accept()
