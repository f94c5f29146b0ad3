"""The member list's "dues state" filter (paid, grace, lapsed, none, life), added beside its
status and tag filters: the ids in the chosen state are read through ctx.ops, then shown."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QWidget

from communitydesk.domain import DuesState
from communitydesk.i18n import N_, _
from communitydesk.services.dues.status import dues_status

LABELS = {DuesState.PAID: N_("Dues paid"), DuesState.GRACE: N_("Dues in grace"), DuesState.LAPSED: N_("Dues lapsed"),
          DuesState.NONE: N_("Dues not paid yet"), DuesState.LIFE: N_("Life members")}


class DuesStateFilter(QComboBox):
    """``page`` is the Members page: its ``ctx``, ``proxy.set_only_ids`` and ``_update_counts``."""

    def __init__(self, page: QWidget) -> None:
        super().__init__(page)
        self.page = page
        self.loading = None
        self.addItem(_("Any dues state"), None)
        for state, label in LABELS.items():
            self.addItem(_(label), state.value)
        self.setToolTip(_("Show members by their membership dues today"))
        self.setAccessibleName(_("Dues"))  # #19: what a screen reader says
        self.currentIndexChanged.connect(self.apply)

    def apply(self) -> None:
        state = self.currentData()
        if state is None:
            self.page.proxy.set_only_ids(None)
            self.page._update_counts()
            return
        self.loading = self.page.ctx.ops.read(
            lambda s: frozenset(r.member_id for r in dues_status(s, on=date.today()) if r.state.value == state),
            parent=self, done=self._show, key="members-dues-filter")

    def _show(self, ids: frozenset[int]) -> None:
        self.page.proxy.set_only_ids(ids)
        self.page._update_counts()
