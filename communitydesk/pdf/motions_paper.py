"""Motions and elections on paper (#16): their part of the minutes and agenda, a ballot
paper for a contested election, and a roll-call voting sheet.

The minutes print each motion with its proposer, seconder, the figures and the result;
each election with its candidates, their votes and who was elected. A ballot lists the
candidates in a random order that is the same every time it is printed (seeded by the
election's id), so no candidate gains from being first on the list.
"""

from __future__ import annotations

from datetime import date

from reportlab.platypus import Flowable, Spacer

from communitydesk.pdf.layout import PageSetup, Target, build_document, long_table, styles, text
from communitydesk.pdf.meeting_text import heading_block, meeting_subtitle, page_setup, printed_note
from communitydesk.services.meetings.documents import DocumentMeeting, PrintSettings

NEEDS = {"simple": "a simple majority", "two-thirds": "two-thirds of votes cast",
         "three-quarters": "three-quarters of votes cast"}


def _numbers(motions) -> dict[int, str]:  # noqa: ANN001 - MotionView tuple
    numbers: dict[int, str] = {}
    main, letters = 0, {}
    for m in motions:
        if m.parent_id is None:
            main += 1
            numbers[m.id] = str(main)
        else:
            letters[m.parent_id] = letters.get(m.parent_id, 0) + 1
            numbers[m.id] = numbers.get(m.parent_id, "?") + "abcdefghijklmnopqrstuvwxyz"[(letters[m.parent_id] - 1) % 26]
    return numbers


def motion_result_line(m) -> str:  # noqa: ANN001 - MotionView
    """``For 24, against 10, abstentions 2 (show of hands): CARRIED`` and the like."""
    if m.withdrawn:
        return "Withdrawn."
    if m.votes_for is None:
        return "Not voted on."
    how = "show of hands" if m.method == "hands" else "roll call"
    line = f"For {m.votes_for}, against {m.against}, abstentions {m.abstain} ({how}): {m.result.upper()}"
    if m.casting_vote:
        line += f", with the chair's casting vote {m.casting_vote}"
    if m.result == "not quorate":
        line += f" — {m.present_at_vote} present, {m.required_at_vote} needed"
    return line + "."


def minutes_motions(motions, elections, page: PageSetup) -> list[Flowable]:  # noqa: ANN001
    st = styles()
    story: list[Flowable] = []
    if motions:
        story.append(text(f"Motions ({sum(1 for m in motions if m.parent_id is None)})", st.heading))
        numbers = _numbers(motions)
        for m in motions:
            label = f"Amendment {numbers[m.id]}" if m.parent_id else f"Motion {numbers[m.id]}"
            story.append(text(f"{label}: {m.text}", st.subheading))
            story.append(text(f"Proposed by {m.proposer or '—'}, seconded by {m.seconder or '—'}; "
                              f"needs {NEEDS[m.majority]}.", st.small))
            story.append(text(motion_result_line(m), st.body))
    if elections:
        story.append(text(f"Elections ({len(elections)})", st.heading))
        for e in elections:
            seats = f"{e.seats} seat{'s' if e.seats != 1 else ''}"
            story.append(text(f"{e.office} ({seats}): {e.outcome}", st.subheading))
            rows: list[list[object]] = [["Candidate", "Proposed by", "Seconded by", "Votes", "Result"]]
            for c in e.candidates:
                rows.append([c.name, c.proposer or "—", c.seconder or "—",
                             "" if c.votes is None else str(c.votes), "Elected" if c.elected else ""])
            width = page.content_width
            story.append(long_table(rows, [width * 0.3, width * 0.22, width * 0.22, width * 0.1, width * 0.16],
                                    empty_text="Nobody was nominated."))
            story.append(Spacer(0, 4))
    return story


def agenda_motions(motions, items) -> list[Flowable]:  # noqa: ANN001 - (item number, MotionView), AgendaLine
    """The motions to be put, each under its agenda item."""
    open_motions = [(n, m) for n, m in motions if not m.withdrawn]
    if not open_motions:
        return []
    st = styles()
    story: list[Flowable] = [Spacer(0, 6), text("Motions", st.heading)]
    titles = {i.number: i.title for i in items}
    numbers = _numbers([m for _n, m in motions])
    for item_number, m in sorted(open_motions, key=lambda pair: (pair[0] is None, pair[0] or 0)):
        where = f"Item {item_number}. {titles.get(item_number, '')}" if item_number else "Other business"
        kind = "Amendment" if m.parent_id else "Motion"
        story.append(text(f"{where} — {kind} {numbers[m.id]}: {m.text}", st.body))
        story.append(text(f"Proposed by {m.proposer or '—'}, seconded by {m.seconder or '—'}; "
                          f"needs {NEEDS[m.majority]}.", st.small))
    return story


def build_ballot(settings: PrintSettings, meeting: DocumentMeeting, election, target: Target, *,  # noqa: ANN001
                 printed_on: date | None = None) -> int:
    """A ballot paper for a contested election: candidates in the election's stable random order."""
    st = styles()
    page = page_setup(settings)
    seats = election.seats
    story = heading_block(meeting, label="Ballot paper")
    story.append(text(f"Election of {election.office}", st.heading))
    story.append(text(f"Vote for up to {seats} candidate{'s' if seats != 1 else ''} by putting a cross (X) "
                      "in the box next to the name. Candidates are listed in a random order.", st.body))
    rows: list[list[object]] = [["Candidate", "Your vote"]]
    rows += [[c.name, ""] for c in election.ballot_order()]
    width = page.content_width
    story.append(long_table(rows, [width * 0.75, width * 0.25], row_heights=[None] + [28] * (len(rows) - 1),
                            zebra=False))
    return build_document(target, story, group_name=settings.group_name, title="Ballot paper",
                          subtitle=meeting_subtitle(meeting), page_setup=page, footer_note=printed_note(printed_on))


def build_roll_call_sheet(settings: PrintSettings, meeting: DocumentMeeting, motion, rows, target: Target, *,  # noqa: ANN001
                          printed_on: date | None = None) -> int:
    """A sheet to take a roll call on paper: the people present, a column each for for/against/abstain."""
    st = styles()
    page = page_setup(settings)
    story = heading_block(meeting, label="Roll call")
    story.append(text(f"Motion: {motion.text}", st.subheading))
    story.append(text(f"Proposed by {motion.proposer or '—'}, seconded by {motion.seconder or '—'}; "
                      f"needs {NEEDS[motion.majority]}.", st.small))
    table: list[list[object]] = [["No.", "Name", "For", "Against", "Abstain"]]
    table += [["" if r.number is None else str(r.number), r.name, "", "", ""] for r in rows]
    width = page.content_width
    story.append(long_table(table, [width * 0.08, width * 0.47, width * 0.15, width * 0.15, width * 0.15],
                            empty_text="Nobody is marked present."))
    story.append(Spacer(0, 8))
    story.append(text("Totals:   For ______   Against ______   Abstain ______", st.body))
    return build_document(target, story, group_name=settings.group_name, title="Roll call",
                          subtitle=meeting_subtitle(meeting), page_setup=page, footer_note=printed_note(printed_on))
