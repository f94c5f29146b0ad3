"""Ballot paper and roll-call sheet from the window (#16 item 4): built through the runner, previewed."""

from __future__ import annotations

from pathlib import Path

from communitydesk.config import Paths
from communitydesk.db.engine import Database
from communitydesk.gui.motions.elections_dialog import ElectionsDialog
from communitydesk.gui.motions.motions_panel import MotionsPanel
from communitydesk.gui.printing.pdf_preview_dialog import PdfPreviewDialog
from communitydesk.services.members.records import add_member
from communitydesk.services.motions.elections import add_office, nominate
from tests.gui.meetings_helpers import make_ctx
from tests.gui.test_motions_screens import agm  # noqa: F401 - the fixture
from tests.pdf.poppler import pdftotext


def _text(preview: PdfPreviewDialog, tmp_path: Path) -> str:
    pdf = tmp_path / "preview.pdf"
    pdf.write_bytes(preview.pdf)
    return pdftotext(pdf)


def test_ballot_paper_opens_in_the_preview(qtbot, db: Database, paths: Paths, agm: dict,  # noqa: F811
                                           tmp_path: Path) -> None:  # noqa: ANN001
    with db.session() as s:
        unopposed = add_office(s, agm["meeting"], name="Treasurer")
        nominate(s, unopposed.id, member_id=agm["people"][3])
        chair = add_office(s, agm["meeting"], name="Chair")
        for first, last in (("Łucja", "Wąs"), ("Zoë", "Ångström"), ("Kemal", "Öztürk")):
            nominate(s, chair.id, member_id=add_member(s, first_name=first, last_name=last).id)
    dialog = ElectionsDialog(make_ctx(db, paths), agm["meeting"])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.loading.wait()
    qtbot.waitUntil(lambda: dialog.offices.count() == 2)
    dialog.offices.setCurrentRow(0)
    assert not dialog.buttons["ballot"].isEnabled()  # unopposed: no ballot
    dialog.offices.setCurrentRow(1)
    assert dialog.buttons["ballot"].isEnabled()
    dialog.buttons["ballot"].click()
    qtbot.waitUntil(lambda: dialog.papers.last is not None)
    preview = dialog.papers.last
    assert isinstance(preview, PdfPreviewDialog) and preview.isVisible()
    text = _text(preview, tmp_path)
    assert "Election of Chair" in text
    for name in ("Łucja Wąs", "Zoë Ångström", "Kemal Öztürk"):
        assert name in text
    preview.resize(1366, 768)
    preview.grab().save("/tmp/motions2-ballot-preview.png")
    preview.close()


def test_roll_call_sheet_opens_in_the_preview(qtbot, db: Database, paths: Paths, agm: dict,  # noqa: F811
                                              tmp_path: Path) -> None:  # noqa: ANN001
    panel = MotionsPanel(make_ctx(db, paths))
    qtbot.addWidget(panel)
    panel.set_meeting(agm["meeting"])
    panel.show()
    qtbot.waitUntil(lambda: panel.screen is not None and panel.table.rowCount() == 1)
    assert panel.buttons["sheet"].isEnabled()
    panel.buttons["sheet"].click()
    qtbot.waitUntil(lambda: panel.papers.last is not None)
    text = _text(panel.papers.last, tmp_path)
    assert "That the accounts for 2025 be adopted" in text
    assert "Person00 Surname00" in text and "Person39 Surname39" in text  # the 40 present
    assert "Person40" not in text
