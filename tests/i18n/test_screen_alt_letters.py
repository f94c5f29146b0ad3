"""Alt letters on the Meetings, Actions, Reports and One-to-ones screens and the meeting dialog
(#19 item 4): unique in each language among what is on screen together, the menu bar included
(a page's Alt+letter that a menu also uses opens the menu instead)."""

from __future__ import annotations

import re

import pytest

from tests.i18n.test_catalogues import TRANSLATED, catalogue

MENU_BAR = ("&File", "&Edit", "&Go", "&Help")
PAGE_MEETINGS = ("Ca&ncel meeting", "E&xport calendar…", "Edit deta&ils…", "Appro&ve minutes…",
                 "&Agenda", "&Minutes", "Matters a&rising")
# Shown together: the window's menus, a page, and at most one tab of that page at a time.
TOGETHER = {
    "meetings, agenda tab": (*MENU_BAR, *PAGE_MEETINGS, "A&dd item", "Rem&ove", "Add template item&s"),
    "meetings, minutes tab": (*MENU_BAR, *PAGE_MEETINGS, "&Save minutes"),
    "meetings, matters arising tab": (*MENU_BAR, *PAGE_MEETINGS, "&Done", "Dr&opped", "&Carry on"),
    "actions": (*MENU_BAR, "Mark &done", "Mark d&ropped", "Re&open"),
    "reports": (*MENU_BAR, "E&xport attendance", "&Save as PNG…", "Save as P&NG…"),
    "one-to-ones, follow-ups": (*MENU_BAR, "Rea&ssign…", "&Open conversation", "Log the &next one-to-one…"),
    "meetings, motions tab": (*MENU_BAR, *PAGE_MEETINGS, "Mo&tions", "E&dit…", "Sh&ow of hands…", "Ro&ll call…",
                              "&Withdraw", "Roll-call &sheet…",
                              "&Clear votes"),
    "motions tab, withdrawn motion selected": (*MENU_BAR, *PAGE_MEETINGS, "Mo&tions",
                                               "E&dit…", "Put &back", "Sh&ow of hands…", "Ro&ll call…",
                                               "Roll-call &sheet…", "&Clear votes"),
    "show of hands dialog": ("&For:", "&Against:", "A&bstain:", "Chair's &casting vote (on a tie):"),
    "motion dialog": ("&Wording:", "&Needs:", "Agenda &item:", "&Proposer:", "&Seconder:"),
    "elections dialog": ("&Add office…", "&Nominate…", "&Ballot paper…", "&Declare result…", "Save &votes"),
    "nomination": ("&Candidate:", "&Proposer:", "&Seconder:"),
    "payment correction": ("&Date", "&Amount", "&Method", "Re&ference"),
    "meeting dialog": ("&Title", "&Kind", "Stat&us", "&Starts", "&Ends", "&Venue", "&Chair",
                       "&Minute-taker", "&Notes"),
}


@pytest.mark.parametrize("code", TRANSLATED)
@pytest.mark.parametrize("where", TOGETHER)
def test_alt_letters_unique_on_each_screen(code: str, where: str) -> None:
    words = {m.id: m.string for m in catalogue(code) if m.id}
    shown = [words[text] for text in TOGETHER[where]]
    letters = [re.search(r"&(.)", text).group(1).lower() for text in shown]
    doubled = {letter for letter in letters if letters.count(letter) > 1}
    assert not doubled, (code, where, [t for t in shown if re.search(r"&(.)", t).group(1).lower() in doubled])
