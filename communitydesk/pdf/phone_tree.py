"""Phone tree / contact list for organisers phoning round: phone consent only, marked confidential."""

from __future__ import annotations

from pathlib import Path
from typing import IO

from communitydesk.i18n import N_
from communitydesk.pdf.layout import PageSetup, build_document, long_table, styles, text
from communitydesk.pdf.printed_language import PrintedLanguage
from communitydesk.services.outreach.documents import PhoneTreeData

CONFIDENTIAL = N_("Confidential: for the organisers phoning round. Do not copy or leave lying about; "
                  "shred after use.")


def phone_tree_title(data: PhoneTreeData, lang: PrintedLanguage) -> str:
    """"Phone tree" (or "Phone tree: Block A") in the group's language, unless a title was given."""
    if data.title:
        return data.title
    return lang._("Phone tree: {tag}").format(tag=data.tag) if data.tag else lang._("Phone tree")


def render_phone_tree(data: PhoneTreeData, target: str | Path | IO[bytes]) -> int:
    """Printed in the group's language (its ``language`` setting), like every paper."""
    lang = PrintedLanguage(data.letterhead.language)
    _ = lang._
    page = PageSetup(paper=data.letterhead.paper_size)
    st = styles()
    rows = [[_("Name"), _("Phone"), _("Last one-to-one"), _("Ladder stage"), _("Called"), _("Notes")]]
    rows += [[r.name, r.phone, lang.short_date(r.last_one_to_one) if r.last_one_to_one else "",
              r.ladder_stage, "", ""] for r in data.rows]
    story = [
        text(lang.ngettext("{count} person who agreed to be phoned.", "{count} people who agreed to be phoned.",
                           len(data.rows)).format(count=len(data.rows)), st.body),
        long_table(rows if data.rows else [], page.col_widths(4.6, 3.8, 3.6, 3, 2.8, 3.2),
                   empty_text=_("Nobody here has a phone number and consent to be phoned."),
                   plain_when_fits=(0, 1), plain_columns=(4,)),
    ]
    return build_document(target if not isinstance(target, str) else Path(target), story, group_name=data.letterhead.group_name,
                          title=phone_tree_title(data, lang), subtitle=_("Confidential"), page_setup=page,
                          footer_note=_(CONFIDENTIAL), page_label=lang.page_label())
