"""Ballot paper and roll-call sheet from the window: built through the runner, shown in the preview.

The same builders as ``elections ballot`` and ``motions sheet`` in the CLI; the PDF is made on
the worker (a read: nothing is written) and opens in ``PdfPreviewDialog`` to print or save.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from communitydesk.gui.context import AppContext
from communitydesk.gui.operations import Operation
from communitydesk.i18n import _


@dataclass(frozen=True)
class Paper:
    pdf: bytes
    title: str
    file_name: str


def _ballot(session, election_id: int) -> Paper:  # noqa: ANN001 - a Session, on the worker
    from communitydesk.pdf.motions_paper import build_ballot
    from communitydesk.services.motions.paper import ballot_data

    settings, meeting, election = ballot_data(session, election_id)
    buffer = io.BytesIO()
    build_ballot(settings, meeting, election, buffer)
    slug = "".join(ch if ch.isalnum() else "-" for ch in election.office.lower()).strip("-") or "office"
    return Paper(buffer.getvalue(), _("Ballot paper: {office}").format(office=election.office), f"ballot-{slug}")


def _roll_call_sheet(session, motion_id: int) -> Paper:  # noqa: ANN001 - a Session, on the worker
    from communitydesk.pdf.motions_paper import build_roll_call_sheet
    from communitydesk.services.motions.paper import roll_call_sheet_data

    settings, meeting, motion, rows = roll_call_sheet_data(session, motion_id)
    buffer = io.BytesIO()
    build_roll_call_sheet(settings, meeting, motion, rows, buffer)
    return Paper(buffer.getvalue(), _("Roll-call sheet"), f"roll-call-motion-{motion_id}")


class PaperPreviews:
    """Opens the previews for one screen; ``last`` is the newest preview dialog (tests)."""

    def __init__(self, ctx: AppContext, parent: QWidget) -> None:
        self.ctx = ctx
        self.parent = parent
        self.last = None

    def ballot(self, election_id: int) -> Operation:
        return self._build(lambda s: _ballot(s, election_id))

    def roll_call_sheet(self, motion_id: int) -> Operation:
        return self._build(lambda s: _roll_call_sheet(s, motion_id))

    def _build(self, job) -> Operation:  # noqa: ANN001 - a read on the worker (a small PDF: quick)
        return self.ctx.ops.read(job, parent=self.parent, done=self._open,
                                 key=f"motions-paper-{id(self.parent)}")

    def _open(self, paper: Paper) -> None:
        from communitydesk.gui.printing.pdf_preview_dialog import PdfPreviewDialog

        folder = self.ctx.gui_settings.printing_last_folder
        dialog = PdfPreviewDialog(paper.pdf, title=paper.title, file_name=paper.file_name,
                                  start_folder=str(folder or ""), parent=self.parent)
        dialog.finished.connect(lambda _r=0, d=dialog: self._closed(d))
        self.last = dialog
        dialog.show()

    def _closed(self, dialog) -> None:  # noqa: ANN001 - the preview
        if dialog.saved_to is not None:
            self.ctx.gui_settings.printing_last_folder = str(dialog.saved_to.parent)
        dialog.deleteLater()
