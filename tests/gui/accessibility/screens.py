"""Every page of the main window and every dialog, built over the demo group.

Pages come from ``gui/pages.py`` (a new page there is covered at once). A new dialog or
window is one line in ``DIALOGS``: a name and a function from a ``Room`` to the widget.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from importlib import import_module

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

from communitydesk.config import Paths
from communitydesk.db.engine import Database
from communitydesk.gui.context import AppContext, DataEvents
from communitydesk.gui.pages import page_specs

TODAY = date(2026, 6, 15)  # the demo group's today


@dataclass
class Room:
    """What a screen is built from: the demo database and ids of things in it."""

    ctx: AppContext
    member_id: int
    meeting_id: int

    def meeting_choices(self) -> list:
        from communitydesk.services.attendance.screen import list_meeting_choices

        with self.ctx.db.session() as s:
            return list_meeting_choices(s)[:5]


def make_room(db: Database, paths: Paths) -> Room:
    from communitydesk.services.meetings.planning import list_meetings
    from communitydesk.services.members.records import list_members

    settings = QSettings(str(paths.gui_settings_file), QSettings.Format.IniFormat)
    ctx = AppContext(paths=paths, db=db, gui_settings=settings, events=DataEvents())
    with db.session() as s:
        return Room(ctx, list_members(s)[0].id, list_meetings(s)[0].id)


def _cls(path: str) -> type:
    module, name = path.rsplit(".", 1)
    return getattr(import_module(f"communitydesk.gui.{module}"), name)


def _tiny_pdf() -> bytes:
    from io import BytesIO

    from reportlab.pdfgen.canvas import Canvas

    out = BytesIO()
    canvas = Canvas(out)
    canvas.drawString(72, 720, "Sign-in sheet")
    canvas.save()
    return out.getvalue()


def _conflict() -> object:
    from communitydesk.errors import ConflictError

    return ConflictError("Ann Lee was changed by someone else", mine={"phone": "0161 1"},
                         theirs={"phone": "0161 2"})


def _motion(room: Room) -> object:
    """A motion put at the room's meeting (#16: the motions dialogs need one)."""
    from communitydesk.services.motions.motions import add_motion

    with room.ctx.db.session() as s:
        return add_motion(s, room.meeting_id, text="That the hall is booked for the summer fair")


Build = Callable[[Room], QWidget]

# name -> how to build it. One line per dialog or window.
DIALOGS: dict[str, Build] = {
    "about": lambda r: _cls("about_dialog.AboutDialog")(paths=r.ctx.paths, database="demo.sqlite3"),
    "kiosk meeting choice": lambda r: _cls("attendance.meeting_choice.KioskMeetingDialog")(
        r.meeting_choices(), today=TODAY),
    "kiosk": lambda r: _cls("attendance.kiosk_window.KioskWindow")(r.ctx, r.meeting_id, today=TODAY),
    "register import": lambda r: _cls("attendance.register_import_dialog.RegisterImportDialog")(r.ctx),
    "conflict": lambda r: _cls("common.conflict_dialog.ConflictDialog")(_conflict()),
    "first run": lambda r: _cls("first_run.first_run_dialog.FirstRunDialog")(),
    "new meeting": lambda r: _cls("meetings.meeting_dialog.MeetingDialog")(r.ctx),
    "duplicates": lambda r: _cls("members.duplicates_dialog.DuplicatesDialog")(r.ctx),
    "import members": lambda r: _cls("members.import_wizard.ImportWizard")(r.ctx),
    "new member": lambda r: _cls("members.member_dialog.MemberDialog")(r.ctx),
    "edit member": lambda r: _cls("members.member_dialog.MemberDialog")(r.ctx, r.member_id),
    "one-to-one": lambda r: _cls("one_to_ones.one_to_one_dialog.OneToOneDialog")(
        r.ctx, member_id=r.member_id, today=TODAY),
    "move stage": lambda r: _cls("one_to_ones.pickers.MoveStageDialog")(
        ctx=r.ctx, person="Ann Lee", current="Contact", stages=("Contact", "Member", "Leader"), target="Member"),
    "reassign": lambda r: _cls("one_to_ones.pickers.ReassignDialog")(ctx=r.ctx, person="Ann Lee"),
    "snooze": lambda r: _cls("one_to_ones.pickers.SnoozeDateDialog")(start=TODAY),
    "prompts": lambda r: _cls("one_to_ones.prompts_dialog.PromptsDialog")(("How are you?", "What matters?")),
    "meeting chooser": lambda r: _cls("printing.meeting_chooser_dialog.MeetingChooserDialog")(
        r.ctx, document="Sign-in sheet", today=TODAY),
    "pdf preview": lambda r: _cls("printing.pdf_preview_dialog.PdfPreviewDialog")(
        _tiny_pdf(), title="Sign-in sheet", file_name="sign-in.pdf"),
    "register period": lambda r: _cls("printing.print_dialogs.RegisterPeriodDialog")(today=TODAY),
    "print settings": lambda r: _cls("printing.print_dialogs.PrintSettingsDialog")(r.ctx),
    "audit": lambda r: _cls("privacy.audit_dialog.AuditDialog")(r.ctx),
    "connect": lambda r: _cls("privacy.connect_dialog.ConnectDialog")(lambda url, saved: None, ops=r.ctx.ops),
    "retention": lambda r: _cls("privacy.retention_dialog.RetentionDialog")(r.ctx),
    "settings": lambda r: _cls("settings.settings_dialog.SettingsDialog")(r.ctx),
    "motion": lambda r: _cls("motions.motion_dialog.MotionDialog")(r.ctx, ((1, "1. Accounts"),)),  # #16
    "show of hands": lambda r: _cls("motions.hands_dialog.HandsDialog")(_motion(r), 20),  # #16
    "roll call": lambda r: _cls("motions.roll_call_dialog.RollCallDialog")(r.ctx, _motion(r)),  # #16
    "elections": lambda r: _cls("motions.elections_dialog.ElectionsDialog")(r.ctx, r.meeting_id),  # #16
    "office to elect": lambda r: _cls("motions.elections_dialog.OfficeDialog")(),  # #16
    "nomination": lambda r: _cls("motions.elections_dialog.NominationDialog")(r.ctx, "Chair"),  # #16
    "dues payment": lambda r: _cls("dues.payment_dialog.PaymentDialog")(r.ctx, r.member_id),  # #17
    "dues plans": lambda r: _cls("dues.plans_dialog.PlansDialog")(r.ctx),  # #17
    "email people": lambda r: _cls("outreach.email_dialog.EmailPeopleDialog")(  # #18
        r.ctx, [r.member_id], about="renewals due"),
    "address labels": lambda r: _cls("outreach.print_dialogs.LabelsDialog")(r.ctx),  # #18
    "name badges": lambda r: _cls("outreach.print_dialogs.BadgesDialog")(r.ctx),  # #18
    "letters": lambda r: _cls("outreach.letters_dialog.LettersDialog")(r.ctx),  # #18
    "phone tree": lambda r: _cls("outreach.print_dialogs.PhoneTreeDialog")(r.ctx),  # #18
}

PAGES: list[str] = [spec.key for spec in page_specs()]
SCREENS: list[str] = [f"page:{key}" for key in PAGES] + ["main window"] + sorted(DIALOGS)


def build_screen(name: str, room: Room) -> QWidget:
    """The named screen, shown and with its first loads landed."""
    if name == "main window":
        from communitydesk.gui.main_window import MainWindow

        widget: QWidget = MainWindow(room.ctx)
    elif name.startswith("page:"):
        spec = next(s for s in page_specs() if s.key == name.removeprefix("page:"))
        widget = spec.factory(room.ctx)
    else:
        widget = DIALOGS[name](room)
    return widget


def settle(widget: QWidget, room: Room) -> None:
    """Let every load the screen started land (a screen's own waits, then the runner)."""
    for _ in range(3):
        wait = getattr(widget, "wait_until_loaded", None)
        if callable(wait):
            wait()
        room.ctx.ops.wait_idle()
