"""Motions and elections on paper (#16): their part of the minutes and agenda, a ballot
paper for a contested election, and a roll-call voting sheet.

The minutes print each motion with its proposer, seconder, the figures and the result;
each election with its candidates, their votes and who was elected. A ballot lists the
candidates in a random order that is the same every time it is printed (seeded by the
election's id), so no candidate gains from being first on the list.

Words go through ``PrintedLanguage``: the ballot and the roll-call sheet are in the group's
language; the minutes' and agenda's parts take the language of the document they are in
(English until those documents pass theirs).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from reportlab.platypus import Flowable, Spacer

from communitydesk.i18n import N_, SOURCE_LANGUAGE
from communitydesk.pdf.layout import PageSetup, Target, build_document, long_table, styles, text
from communitydesk.pdf.meeting_text import page_setup
from communitydesk.pdf.printed_language import PrintedLanguage
from communitydesk.pdf.sign_in_sheet import heading
from communitydesk.services.meetings.documents import DocumentMeeting, PrintSettings
from communitydesk.services.motions.motions import motion_numbers

NEEDS = {"simple": N_("a simple majority"), "two-thirds": N_("two-thirds of votes cast"),
         "three-quarters": N_("three-quarters of votes cast")}
RESULTS = {"carried": N_("CARRIED"), "lost": N_("LOST"), "not quorate": N_("NOT QUORATE"), "pending": N_("PENDING")}
CASTING = {"for": N_("for"), "against": N_("against"), "abstain": N_("abstain")}
OUTCOMES = {"no nominations": N_("no nominations"), "pending": N_("pending"),
            "elected by ballot": N_("elected by ballot"), "elected unopposed": N_("elected unopposed")}
ENGLISH = PrintedLanguage(SOURCE_LANGUAGE)


def _people_line(m, lang: PrintedLanguage) -> str:  # noqa: ANN001 - MotionView
    return lang._("Proposed by {proposer}, seconded by {seconder}; needs {needs}.").format(
        proposer=m.proposer or "—", seconder=m.seconder or "—", needs=lang._(NEEDS[m.majority]))


def motion_result_line(m, lang: PrintedLanguage = ENGLISH) -> str:  # noqa: ANN001 - MotionView
    """``For 24, against 10, abstentions 2 (show of hands): CARRIED`` and the like."""
    _ = lang._
    if m.withdrawn:
        return _("Withdrawn.")
    if m.votes_for is None:
        return _("Not voted on.")
    how = _("show of hands") if m.method == "hands" else _("roll call")
    line = _("For {for_}, against {against}, abstentions {abstain} ({how}): {result}").format(
        for_=m.votes_for, against=m.against, abstain=m.abstain, how=how,
        result=_(RESULTS.get(m.result, m.result.upper())))
    if m.casting_vote:
        line += _(", with the chair's casting vote {vote}").format(vote=_(CASTING.get(m.casting_vote, m.casting_vote)))
    if m.result == "not quorate":
        line += _(" — {present} present, {required} needed").format(present=m.present_at_vote,
                                                                      required=m.required_at_vote)
    return line + "."


def minutes_motions(motions, elections, page: PageSetup,  # noqa: ANN001
                    lang: PrintedLanguage = ENGLISH) -> list[Flowable]:
    _ = lang._
    st = styles()
    story: list[Flowable] = []
    if motions:
        story.append(text(_("Motions ({count})").format(count=sum(1 for m in motions if m.parent_id is None)),
                          st.heading))
        numbers = motion_numbers(motions)
        for m in motions:
            label = (_("Amendment {number}") if m.parent_id else _("Motion {number}")).format(number=numbers[m.id])
            story.append(text(f"{label}: {m.text}", st.subheading))
            story.append(text(_people_line(m, lang), st.small))
            story.append(text(motion_result_line(m, lang), st.body))
    if elections:
        story.append(text(_("Elections ({count})").format(count=len(elections)), st.heading))
        for e in elections:
            seats = lang.ngettext("{n} seat", "{n} seats", e.seats).format(n=e.seats)
            story.append(text(f"{e.office} ({seats}): {_(OUTCOMES.get(e.outcome, e.outcome))}", st.subheading))
            rows: list[list[object]] = [[_("Candidate"), _("Proposed by"), _("Seconded by"), _("Votes"), _("Result")]]
            for c in e.candidates:
                rows.append([c.name, c.proposer or "—", c.seconder or "—",
                             "" if c.votes is None else str(c.votes), _("Elected") if c.elected else ""])
            width = page.content_width
            story.append(long_table(rows, [width * 0.3, width * 0.22, width * 0.22, width * 0.1, width * 0.16],
                                    empty_text=_("Nobody was nominated.")))
            story.append(Spacer(0, 4))
    return story


def agenda_motions(motions, items, lang: PrintedLanguage = ENGLISH) -> list[Flowable]:  # noqa: ANN001
    """The motions to be put, each under its agenda item ((item number, MotionView) pairs, AgendaLines)."""
    _ = lang._
    open_motions = [(n, m) for n, m in motions if not m.withdrawn]
    if not open_motions:
        return []
    st = styles()
    story: list[Flowable] = [Spacer(0, 6), text(_("Motions"), st.heading)]
    titles = {i.number: i.title for i in items}
    numbers = motion_numbers([m for _n, m in motions])
    for item_number, m in sorted(open_motions, key=lambda pair: (pair[0] is None, pair[0] or 0)):
        where = (_("Item {number}. {title}").format(number=item_number, title=titles.get(item_number, ""))
                 if item_number else _("Other business"))
        kind = (_("Amendment {number}") if m.parent_id else _("Motion {number}")).format(number=numbers[m.id])
        story.append(text(f"{where} — {kind}: {m.text}", st.body))
        story.append(text(_people_line(m, lang), st.small))
    return story


def _titled(meeting: DocumentMeeting, label: str, lang: PrintedLanguage) -> list[Flowable]:
    """``Ballot paper: Annual general meeting`` and when and where, in the paper's language."""
    return heading(replace(meeting, title=f"{label}: {meeting.title}"), lang)


def build_ballot(settings: PrintSettings, meeting: DocumentMeeting, election, target: Target, *,  # noqa: ANN001
                 printed_on: date | None = None) -> int:
    """A ballot paper for a contested election: candidates in the election's stable random order."""
    lang = PrintedLanguage.for_setting(settings.language)
    _ = lang._
    st = styles()
    page = page_setup(settings)
    seats = election.seats
    story = _titled(meeting, _("Ballot paper"), lang)
    story.append(text(_("Election of {office}").format(office=election.office), st.heading))
    story.append(text(lang.ngettext(
        "Vote for up to {n} candidate by putting a cross (X) in the box next to the name. "
        "Candidates are listed in a random order.",
        "Vote for up to {n} candidates by putting a cross (X) in the box next to the name. "
        "Candidates are listed in a random order.", seats).format(n=seats), st.body))
    rows: list[list[object]] = [[_("Candidate"), _("Your vote")]]
    rows += [[c.name, ""] for c in election.ballot_order()]
    width = page.content_width
    story.append(long_table(rows, [width * 0.75, width * 0.25], row_heights=[None] + [28] * (len(rows) - 1),
                            zebra=False))
    return build_document(target, story, group_name=settings.group_name, title=_("Ballot paper"),
                          subtitle=lang.meeting_subtitle(meeting), page_setup=page,
                          footer_note=lang.printed_note(printed_on), page_label=lang.page_label())


def build_roll_call_sheet(settings: PrintSettings, meeting: DocumentMeeting, motion, rows, target: Target, *,  # noqa: ANN001
                          printed_on: date | None = None) -> int:
    """A sheet to take a roll call on paper: the people present, a column each for for/against/abstain."""
    lang = PrintedLanguage.for_setting(settings.language)
    _ = lang._
    st = styles()
    page = page_setup(settings)
    story = _titled(meeting, _("Roll call"), lang)
    story.append(text(_("Motion: {text}").format(text=motion.text), st.subheading))
    story.append(text(_people_line(motion, lang), st.small))
    table: list[list[object]] = [[_("No."), _("Name"), _("For"), _("Against"), _("Abstain")]]
    table += [["" if r.number is None else str(r.number), r.name, "", "", ""] for r in rows]
    width = page.content_width
    story.append(long_table(table, [width * 0.08, width * 0.47, width * 0.15, width * 0.15, width * 0.15],
                            empty_text=_("Nobody is marked present.")))
    story.append(Spacer(0, 8))
    story.append(text(_("Totals:   For ______   Against ______   Abstain ______"), st.body))
    return build_document(target, story, group_name=settings.group_name, title=_("Roll call"),
                          subtitle=lang.meeting_subtitle(meeting), page_setup=page,
                          footer_note=lang.printed_note(printed_on), page_label=lang.page_label())
