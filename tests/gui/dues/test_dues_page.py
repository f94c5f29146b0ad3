"""The Dues screen, the record-payment dialog and the member's Dues tab, driven with qtbot."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt

from communitydesk.db.models import Member
from communitydesk.domain import MemberStatus
from communitydesk.gui.context import AppContext
from communitydesk.gui.dues import dues_page
from communitydesk.gui.dues.dues_page import DuesPage
from communitydesk.gui.dues.payment_dialog import PaymentDialog

TODAY = date.today()


def _names(page: DuesPage) -> list[str]:
    return [r.name for r in page.model.rows()]


def test_counts_filters_and_due_soon(qtbot, page: DuesPage) -> None:
    assert "4</b> people" in page.totals.text() and "2 lapsed" in page.totals.text()
    assert "1</b> due in the next 30 days" in page.totals.text()
    page.state.setCurrentIndex(page.state.findData("lapsed"))
    assert sorted(_names(page)) == ["Ana Silva", "Ivan Petrov"]
    assert all(r.lapsed_on is not None for r in page.model.rows())
    page.state.setCurrentIndex(page.state.findData("due"))
    assert _names(page) == ["Zoë Adams"]
    page.state.setCurrentIndex(0)
    qtbot.keyClicks(page.search, "lukasz")
    assert _names(page) == ["Łukasz Nowak"]
    assert "£30.00" in page.summary.text() or str(TODAY.year) in page.summary.text()
    assert len(page.chart.months) == 12


def test_mark_lapsed_asks_first_and_changes_only_those(qtbot, page: DuesPage, ctx: AppContext,
                                                       monkeypatch) -> None:
    assert page.mark_button.text() == "Mar&k these 2 lapsed…"  # Alt+K (#19)
    monkeypatch.setattr(dues_page, "confirm", lambda *a, **k: False)
    assert page.confirm_mark_lapsed() is None
    with ctx.db.session() as s:
        assert {m.status for m in s.query(Member)} == {MemberStatus.ACTIVE}
    monkeypatch.setattr(dues_page, "confirm", lambda *a, **k: True)
    page.confirm_mark_lapsed().wait()
    ctx.ops.wait_idle()
    with ctx.db.session() as s:
        lapsed = {m.first_name for m in s.query(Member) if m.status == MemberStatus.LAPSED}
    assert lapsed == {"Ivan", "Ana"}
    qtbot.waitUntil(lambda: page.mark_button.text() == "Mar&k lapsed…")
    assert not page.mark_button.isEnabled()


def test_payment_dialog_fills_the_plan_and_records(qtbot, ctx: AppContext) -> None:
    dialog = PaymentDialog(ctx, 2)
    qtbot.addWidget(dialog)
    dialog.loading.wait()
    qtbot.waitUntil(dialog.ok.isEnabled)
    assert dialog.plan.currentData().name == "Standard"
    assert dialog.amount.text().replace(",", ".") == "12.00"
    dialog.amount.setText("12.345")
    assert dialog.save() is None and "two decimal places" in dialog.problem.text()
    dialog.amount.setText("12.00")
    dialog.paid_on.setDate(QDate(TODAY.year, TODAY.month, TODAY.day))
    dialog.save().wait()
    qtbot.waitUntil(lambda: dialog.recorded is not None)
    assert dialog.recorded.receipt_number == 5 and dialog.recorded.member_id == 2


def test_a_payment_the_service_refuses_keeps_the_dialog_open_with_the_reason(qtbot, ctx: AppContext) -> None:
    """The plan is retired (by another treasurer) after the form showed: nothing is recorded, the
    reason is on the problem line and Record is pressable again (gui/dues/payment_parts.py)."""
    from communitydesk.services.dues.plans import set_plan_active

    dialog = PaymentDialog(ctx, 2)
    qtbot.addWidget(dialog)
    dialog.loading.wait()
    qtbot.waitUntil(dialog.ok.isEnabled)
    with ctx.db.session() as s:
        set_plan_active(s, dialog.plan.currentData().id, False)
    dialog.save().wait()
    qtbot.waitUntil(lambda: "retired" in dialog.problem.text())
    assert dialog.ok.isEnabled() and dialog.recorded is None and dialog.result() == 0


def test_three_keystrokes_from_the_member_record(qtbot, ctx: AppContext) -> None:
    from communitydesk.gui.members.member_dialog import MemberDialog

    dialog = MemberDialog(ctx, 1)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    ctx.ops.wait_idle()
    qtbot.keyClick(dialog, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)  # 1: the Dues tab
    qtbot.waitUntil(lambda: "dues" in dialog.panels)
    tab = dialog.panels["dues"]
    tab.loading.wait()
    qtbot.waitUntil(lambda: "Standard" in tab.summary.text())
    qtbot.keyClick(tab, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # 2: Record payment…
    qtbot.waitUntil(lambda: getattr(tab, "dialog", None) is not None and tab.dialog.ok.isEnabled())
    qtbot.keyClick(tab.dialog.amount, Qt.Key.Key_Return)  # 3: Enter records it
    qtbot.waitUntil(lambda: tab.dialog.recorded is not None)
    assert tab.dialog.recorded.amount == 12
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2)


def test_member_list_filters_by_dues_state(qtbot, ctx: AppContext) -> None:
    from communitydesk.gui.dues.member_filter import DuesStateFilter
    from communitydesk.gui.members.members_page import MembersPage

    members = MembersPage(ctx)
    qtbot.addWidget(members)
    members.wait_until_loaded()
    qtbot.waitUntil(lambda: members.proxy.rowCount() == 4)
    combo = members.findChild(DuesStateFilter)
    combo.setCurrentIndex(combo.findData("lapsed"))
    combo.loading.wait()
    qtbot.waitUntil(lambda: members.proxy.rowCount() == 2)
    combo.setCurrentIndex(0)
    assert members.proxy.rowCount() == 4


def test_paid_at_the_door_from_the_register(qtbot, ctx: AppContext) -> None:
    from datetime import datetime, time

    from communitydesk.gui.attendance.attendance_page import AttendancePage
    from communitydesk.services.meetings.planning import add_meeting

    with ctx.db.session() as s:
        add_meeting(s, title="Branch meeting", starts_at=datetime.combine(TODAY, time(19)))
    page = AttendancePage(ctx)
    qtbot.addWidget(page)
    page.wait_until_loaded()
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 4)
    page.table.setFocus()
    page.table.selectRow(0)
    member_id = page.selected_member_ids()[0]
    button = page.paid_at_the_door_button
    assert button.text() == "Pa&id at the door…" and "Ctrl+Shift+Y" in button.toolTip()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = page.door_payment
    dialog.loading.wait()
    qtbot.waitUntil(dialog.ok.isEnabled)
    assert dialog.reference.text() == "at the door: Branch meeting"
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.recorded is not None)
    assert dialog.recorded.member_id == member_id and dialog.recorded.reference == "at the door: Branch meeting"


def test_plans_dialog_adds_and_retires(qtbot, page: DuesPage) -> None:
    dialog = page.edit_plans()
    dialog.loading.wait()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2)
    dialog.amount.setText("1.234")
    assert dialog.add() is None and "two decimal places" in dialog.problem.text()
    dialog.name.setText("Life")
    dialog.amount.setText("150")
    dialog.period.setCurrentIndex(dialog.period.findData("life"))
    dialog.add().wait()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 3)
    assert "Life" in [p.name for p in dialog.model.rows()]
    dialog.table.selectRow([p.name for p in dialog.model.rows()].index("Concession"))
    dialog.toggle_active().wait()
    qtbot.waitUntil(lambda: any(not p.active for p in dialog.model.rows()))
    assert [p.name for p in dialog.model.rows() if not p.active] == ["Concession"]


def test_print_receipt_from_the_member_tab(qtbot, ctx: AppContext, tmp_path) -> None:
    from communitydesk.gui.dues.member_dues_tab import MemberDuesTab
    from tests.pdf.poppler import flat, pdftotext

    tab = MemberDuesTab(ctx, 1)
    qtbot.addWidget(tab)
    tab.loading.wait()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    tab.table.selectRow(0)
    tab.print_receipt(str(tmp_path / "r.pdf")).wait()
    qtbot.waitUntil(lambda: (tmp_path / "r.pdf").exists())
    assert "Receipt No. 1" in flat(pdftotext(tmp_path / "r.pdf")) and "Łukasz Nowak" in pdftotext(tmp_path / "r.pdf")
