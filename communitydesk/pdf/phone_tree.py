"""Phone tree / contact list for organisers phoning round: phone consent only, marked confidential."""

from __future__ import annotations

from pathlib import Path
from typing import IO

from communitydesk.pdf.layout import PageSetup, build_document, long_table, styles, text
from communitydesk.pdf.meeting_text import short_date
from communitydesk.services.outreach.documents import PhoneTreeData

CONFIDENTIAL = "Confidential: for the organisers phoning round. Do not copy or leave lying about; shred after use."


def render_phone_tree(data: PhoneTreeData, target: str | Path | IO[bytes]) -> int:
    page = PageSetup(paper=data.letterhead.paper_size)
    st = styles()
    rows = [["Name", "Phone", "Last one-to-one", "Ladder stage", "Called", "Notes"]]
    rows += [[r.name, r.phone, short_date(r.last_one_to_one) if r.last_one_to_one else "",
              r.ladder_stage, "", ""] for r in data.rows]
    story = [
        text(f"{len(data.rows)} people who agreed to be phoned.", st.body),
        long_table(rows if data.rows else [], page.col_widths(5, 4, 3.2, 3, 2.2, 3.6),
                   empty_text="Nobody here has a phone number and consent to be phoned.",
                   plain_when_fits=(0, 1), plain_columns=(4,)),
    ]
    return build_document(target if not isinstance(target, str) else Path(target), story, group_name=data.letterhead.group_name,
                          title=data.title, subtitle="Confidential", page_setup=page,
                          footer_note=CONFIDENTIAL)
