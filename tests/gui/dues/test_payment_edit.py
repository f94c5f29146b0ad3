"""Correcting and refunding a payment from the window: the member's Dues tab and the Dues page."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from communitydesk.db.models import DuesPayment
from communitydesk.gui.common.conflict_dialog import ConflictDialog
from communitydesk.gui.context import AppContext
from communitydesk.gui.dues import payment_edit
from communitydesk.gui.dues.dues_page import DuesPage
from communitydesk.gui.dues.member_dues_tab import MemberDuesTab
from communitydesk.services.dues.payments import edit_payment


def _tab(qtbot, ctx: AppContext, member_id: int = 1) -> MemberDuesTab:
    tab = MemberDuesTab(ctx, member_id)
    qtbot.addWidget(tab)
    tab.resize(1024, 640)
    tab.show()
    tab.loading.wait()
    qtbot.waitUntil(lambda: tab.model.rowCount() >= 1)
    tab.table.selectRow(0)
    return tab


def _payments(ctx: AppContext, member_id: int = 1) -> list[tuple[int, int, int | None, str | None]]:
    with ctx.db.session() as s:
        return [tuple(r) for r in s.execute(
            select(DuesPayment.receipt_number, DuesPayment.amount_minor, DuesPayment.refund_of_id,
                   DuesPayment.reference).where(DuesPayment.member_id == member_id)
            .order_by(DuesPayment.receipt_number))]


def test_edit_a_payment_from_the_member_tab(qtbot, ctx: AppContext) -> None:
    tab = _tab(qtbot, ctx)
    dialog = tab.edit_payment()
    assert dialog.amount.text().replace(",", ".") == "12.00"
    dialog.amount.setText("15")
    dialog.reference.setText("cheque 0042")
    dialog.save().wait()
    qtbot.waitUntil(lambda: dialog.saved is not None)
    assert _payments(ctx) == [(1, 1500, None, "cheque 0042")]
    qtbot.waitUntil(lambda: tab.model.row_at(0).reference == "cheque 0042")


def test_edit_conflict_shows_both_versions_and_saves_the_merge(qtbot, ctx: AppContext, monkeypatch) -> None:
    tab = _tab(qtbot, ctx)
    dialog = tab.edit_payment()
    with ctx.db.session() as s:  # another treasurer corrects it meanwhile
        edit_payment(s, 1, expected_version=1, amount="13", reference="theirs")
    seen = []

    def ask(error, **_kw):  # noqa: ANN001, ANN202 - the dialog's classmethod, patched
        seen.append((error.mine, error.theirs))
        return {**error.mine, "reference": error.theirs["reference"]}

    monkeypatch.setattr(ConflictDialog, "ask", staticmethod(ask))
    dialog.amount.setText("14")
    dialog.reference.setText("mine")
    dialog.save().wait()
    ctx.ops.wait_idle()
    qtbot.waitUntil(lambda: dialog.saved is not None)
    assert seen == [({"amount_minor": 1400, "reference": "mine"}, {"amount_minor": 1300, "reference": "theirs"})]
    assert _payments(ctx) == [(1, 1400, None, "theirs")]


def test_refund_is_asked_first(qtbot, ctx: AppContext, monkeypatch) -> None:
    tab = _tab(qtbot, ctx)
    dialog = tab.refund_payment()
    dialog.loading.wait()
    qtbot.waitUntil(dialog.ok.isEnabled)
    assert dialog.amount.text().replace(",", ".") == "12.00"
    asked = []
    monkeypatch.setattr(payment_edit, "confirm", lambda _p, _t, text, *a: asked.append(text) and False)
    assert dialog.save() is None
    assert "Refund £12.00 to Łukasz Nowak?" in asked[0] and _payments(ctx) == [(1, 1200, None, None)]
    monkeypatch.setattr(payment_edit, "confirm", lambda *a: True)
    dialog.amount.setText("5")
    dialog.save().wait()
    qtbot.waitUntil(lambda: dialog.refunded is not None)
    assert _payments(ctx) == [(1, 1200, None, None), (5, -500, 1, None)]  # its own receipt number
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2)
    tab.table.selectRow([r.refund_of_id for r in tab.model.rows()].index(1))
    monkeypatch.setattr(QMessageBox, "information", lambda *a: asked.append(a[2]))
    assert tab.refund_payment() is None and "refund already" in asked[-1]


def test_refund_from_the_dues_page(qtbot, page: DuesPage, ctx: AppContext, monkeypatch) -> None:
    page.table.selectRow([r.name for r in page.model.rows()].index("Zoë Adams"))
    dialog = page.show_payments()
    tab = dialog.tab
    tab.loading.wait()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    tab.table.selectRow(0)
    refund = tab.refund_payment()
    refund.loading.wait()
    qtbot.waitUntil(refund.ok.isEnabled)
    monkeypatch.setattr(payment_edit, "confirm", lambda *a: True)
    refund.save().wait()
    qtbot.waitUntil(lambda: refund.refunded is not None)
    assert _payments(ctx, 2) == [(2, 1200, None, None), (5, -1200, 2, None)]
    dialog.reject()
    page.loading.wait()
    qtbot.waitUntil(lambda: {r.name: r.state.value for r in page.model.rows()}.get("Zoë Adams") == "none")
