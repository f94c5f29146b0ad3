"""Dues states on the Dues screen: grace and lapsed carry a sign and words, not only a colour (#19)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from communitydesk.domain import DuesState
from communitydesk.gui.dues.dues_page import StatusModel
from communitydesk.services.dues.status import StatusRow

STATE = 3


def _row(member_id: int, state: DuesState) -> StatusRow:
    return StatusRow(member_id=member_id, name=f"Person {member_id}", member_status="active", plan="Standard",
                     plan_amount="12.00", paid_until=date(2026, 5, 31), state=state,
                     lapsed_on=date(2026, 6, 30) if state is DuesState.LAPSED else None)


def test_grace_and_lapsed_carry_a_sign_and_words(qtbot) -> None:  # noqa: ANN001
    model = StatusModel()
    model.set_rows([_row(1, DuesState.PAID), _row(2, DuesState.GRACE), _row(3, DuesState.LAPSED)])
    paid, grace, lapsed = (model.index(r, STATE) for r in range(3))
    assert paid.data(Qt.ItemDataRole.DecorationRole) is None
    for index, word in ((grace, "grace"), (lapsed, "lapsed")):
        assert index.data(Qt.ItemDataRole.DisplayRole) == word
        assert index.data(Qt.ItemDataRole.DecorationRole) is not None
        assert index.data(Qt.ItemDataRole.AccessibleTextRole).startswith(f"{word}, ")
