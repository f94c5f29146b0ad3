"""Officer terms on the member's record and in their subject-access export (#16 item 3)."""

from __future__ import annotations

from datetime import date, datetime

from communitydesk.config import Paths
from communitydesk.db.engine import Database
from communitydesk.gui.common.dates import short_date
from communitydesk.gui.members.member_panels import member_panels
from communitydesk.gui.motions.member_offices import MemberOfficesPanel
from communitydesk.services.meetings.planning import add_meeting
from communitydesk.services.members.records import add_member
from communitydesk.services.motions.elections import add_office, declare, nominate
from communitydesk.services.privacy.erasure import subject_access_data
from tests.gui.meetings_helpers import make_ctx


def _two_terms(db: Database) -> tuple[int, int]:
    """Ana is elected treasurer in 2025 and chair in 2026 (ending her treasurer term); Bo never."""
    with db.session() as s:
        ana = add_member(s, first_name="Ana", last_name="Abbott").id
        bo = add_member(s, first_name="Bo", last_name="Chen").id
        cy = add_member(s, first_name="Cy", last_name="Dunn").id
        for year, office, who in ((2025, "Treasurer", ana), (2026, "Chair", ana), (2026, "Treasurer", cy)):
            meeting = add_meeting(s, title=f"AGM {year}", starts_at=datetime(year, 5, 12, 19))
            election = add_office(s, meeting.id, name=office)
            nominate(s, election.id, member_id=who)
            declare(s, election.id)
    return ana, bo


def test_offices_tab_lists_terms_when_first_shown(qtbot, db: Database, paths: Paths) -> None:  # noqa: ANN001
    ana, bo = _two_terms(db)
    spec = next(p for p in member_panels() if p.key == "offices")
    panel = spec.factory(make_ctx(db, paths), ana)
    qtbot.addWidget(panel)
    assert isinstance(panel, MemberOfficesPanel) and panel.loading is None  # loads when first shown
    panel.show()
    panel.wait_until_loaded()
    shown = [[panel.model.index(r, c).data() for c in range(3)] for r in range(panel.model.rowCount())]
    assert shown == [["Chair", short_date(date(2026, 5, 12)), "now (in office)"],
                     ["Treasurer", short_date(date(2025, 5, 12)), short_date(date(2026, 5, 11))]]
    assert panel.table.isVisible() and not panel.empty.isVisible()
    panel.resize(800, 300)
    panel.grab().save("/tmp/motions2-offices.png")
    nobody = MemberOfficesPanel(make_ctx(db, paths), bo)
    qtbot.addWidget(nobody)
    nobody.show()
    nobody.wait_until_loaded()
    assert nobody.empty.isVisible() and nobody.table.isHidden()


def test_subject_access_lists_offices_held(db: Database) -> None:
    ana, bo = _two_terms(db)
    with db.session() as s:
        held = subject_access_data(s, ana)["offices"]
        none = subject_access_data(s, bo)["offices"]
    assert held == [{"office": "Treasurer", "from": date(2025, 5, 12), "to": date(2026, 5, 11)},
                    {"office": "Chair", "from": date(2026, 5, 12), "to": None}]
    assert none == []
