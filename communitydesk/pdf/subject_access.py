"""The readable half of a subject-access export: what we hold on you, in plain sections, in the
group's language (the ``language`` setting, #19): the person reading it asked for it."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

from reportlab.platypus import Flowable, Spacer

from communitydesk.i18n import N_
from communitydesk.pdf.layout import PageSetup, build_document, long_table, styles, text
from communitydesk.pdf.printed_language import PrintedLanguage

TITLE = N_("Subject access export")
_DETAIL_LABELS = {
    "first_name": N_("First name"), "last_name": N_("Last name"),
    "preferred_name": N_("Preferred name"), "pronouns": N_("Pronouns"), "email": N_("E-mail"),
    "phone": N_("Phone"), "address_line1": N_("Address"), "address_line2": N_("Address (2)"),
    "town": N_("Town"), "postcode": N_("Postcode"), "status": N_("Status"),
    "joined_on": N_("Joined"), "notes": N_("Notes"), "ladder_stage": N_("Ladder stage"),
    "consent_email": N_("Consent: e-mail"), "consent_phone": N_("Consent: phone"),
    "consent_post": N_("Consent: post"), "consent_date": N_("Consent given on"),
    "consent_source": N_("Consent source"),
}
# Stored values that are words: printed in the reader's language.
_VALUES = {
    "present": N_("present"), "apologies": N_("apologies"), "absent": N_("absent"),
    "open": N_("open"), "done": N_("done"), "dropped": N_("dropped"),
    "prospect": N_("prospect"), "active": N_("active"), "lapsed": N_("lapsed"), "left": N_("left"),
    "chair": N_("chair"), "minute taker": N_("minute-taker"), "other": N_("other"),
    "in_person": N_("in person"), "phone": N_("phone"), "video": N_("video"),
    "insert": N_("added"), "update": N_("changed"), "delete": N_("removed"),
    "anonymise": N_("anonymised"),
}


class _Writer:
    """Values as the reader reads them: dates and yes/no in the document's language."""

    def __init__(self, lang: PrintedLanguage) -> None:
        self.lang = lang

    def __call__(self, value: object) -> str:
        _ = self.lang._
        if value is None or value == "":
            return "—"
        if isinstance(value, bool):
            return _("yes") if value else _("no")
        if isinstance(value, datetime):
            return f"{self.lang.short_date(value.date())} {self.lang.clock(value)}"
        if isinstance(value, date):
            return self.lang.short_date(value)
        if isinstance(value, list | tuple):
            return ", ".join(self(v) for v in value) or "—"
        return str(value)

    def word(self, value: object) -> str:
        """A stored status or kind ("present", "done"), translated when it is one we know."""
        return self.lang._(_VALUES[value]) if isinstance(value, str) and value in _VALUES \
            else self(value)

    def record(self, entry: dict) -> str:
        """"your record", "attendance 12", "one-to-one 3" → readable names."""
        kind = entry.get("record", "member")
        if kind == "member":
            return self.lang._("your record")
        return f"{kind.replace('_', '-')} {entry.get('record_id') or ''}".strip()


def subject_access_story(data: dict, page: PageSetup,
                         lang: PrintedLanguage | None = None) -> list[Flowable]:
    lang = lang or PrintedLanguage.for_setting("")
    _ = lang._
    fmt = _Writer(lang)
    st = styles()
    details = data["details"]
    name = " ".join(p for p in (details.get("first_name"), details.get("last_name")) if p)
    story: list[Flowable] = [
        text(_("Everything we hold about {name}").format(name=name), st.title),
        text(_("Subject access export, member #{id}, made {when}. The JSON file next to this PDF "
               "holds the same information in machine-readable form.").format(
                   id=data["member_id"], when=fmt(data["generated_at"])), st.subtitle),
        text(_("Personal details"), st.heading),
        long_table([[_("Field"), _("Value")]]
                   + [[_(_DETAIL_LABELS[k]) if k in _DETAIL_LABELS else k,
                       fmt.word(v) if k == "status" else fmt(v)] for k, v in details.items()],
                   page.col_widths(1, 3)),
        text(_("Tags: {tags}").format(tags=fmt(data["tags"])), st.body),
        text(_("Record"), st.heading),
        long_table([[_("Created"), _("Last changed"), _("Archived"), _("Anonymised")],
                    [fmt(data["record"][k]) for k in
                     ("created_at", "updated_at", "archived_at", "anonymised_at")]],
                   page.col_widths(1, 1, 1, 1)),
        text(_("Attendance"), st.heading),
        long_table([[_("Meeting"), _("Date"), _("Status")]]
                   + [[a["meeting"], fmt(a["starts_at"]), fmt.word(a["status"])]
                      for a in data["attendance"]]
                   if data["attendance"] else [], page.col_widths(3, 1.3, 1),
                   empty_text=_("No attendance recorded.")),
        *_dues_part(data.get("dues"), page, st, lang, fmt),  # #17
        text(_("Action items"), st.heading),
        long_table([[_("Action"), _("Due"), _("Status"), _("Note")]]
                   + [[a["description"], fmt(a["due_on"]), fmt.word(a["status"]), fmt(a["note"])]
                      for a in data["actions"]] if data["actions"] else [],
                   page.col_widths(3, 1, 1, 2), empty_text=_("No action items.")),
        text(_("One-to-one conversations (confidential notes included)"), st.heading),
    ]
    if not data["one_to_ones"]:
        story.append(text(_("No one-to-one conversations recorded."), st.body))
    for o in data["one_to_ones"]:
        story.append(text(_("{date} with {organiser} ({medium})").format(
            date=fmt(o["held_on"]), organiser=fmt(o["organiser"]), medium=fmt.word(o["medium"])),
            st.subheading))
        rows = [[_("Interests"), fmt(o["interests"])], [_("Story"), fmt(o["story"])],
                [_("Issues"), fmt(o["issues"])], [_("Commitments"), fmt(o["commitments"])],
                [_("Next step"), fmt(o["next_step"])], [_("Follow up on"), fmt(o["follow_up_on"])],
                [_("Stage after"), fmt(o["stage_after"])]]
        story.append(long_table([["", ""], *rows], page.col_widths(1, 4)))
    held = len(data["one_to_ones_held_as_organiser"])
    story += [
        text(_("Roles at meetings"), st.heading),
        long_table([[_("Meeting"), _("Date"), _("Role")]]
                   + [[r["meeting"], fmt(r["starts_at"]), fmt.word(r["role"])]
                      for r in data["meeting_roles"]]
                   if data["meeting_roles"] else [], page.col_widths(3, 1.3, 1),
                   empty_text=_("No roles at meetings.")),
        text(_("One-to-ones held as organiser: {count}").format(count=lang.number(held)), st.body),
        text(_("Follow-ups you were asked to make"), st.heading),
        long_table([[_("Conversation"), _("With"), _("Next step"), _("Follow up on"), _("Done")]]
                   + [[fmt(f["held_on"]), fmt(f["with"]), fmt(f["next_step"]),
                       fmt(f["follow_up_on"]), fmt(f["done_at"])] for f in data["follow_ups_owed"]]
                   if data["follow_ups_owed"] else [], page.col_widths(1, 1.3, 2.5, 1, 1),
                   empty_text=_("No follow-ups.")),
        text(_("Minutes that name you"), st.heading),
        long_table([[_("Meeting"), _("Date"), _("Item"), _("Minutes"), _("Decision")]]
                   + [[m["meeting"], fmt(m["starts_at"]), m["item"], fmt(m["minutes"]),
                       fmt(m["decision"])] for m in data["minutes_naming_them"]]
                   if data["minutes_naming_them"] else [], page.col_widths(1.3, 1, 1, 2.5, 1.5),
                   empty_text=_("No minutes name you.")),
        text(_("Leadership ladder history"), st.heading),
        long_table([[_("When"), _("From"), _("To"), _("Reason")]]
                   + [[fmt(s["changed_at"]), fmt(s["from"]), fmt(s["to"]), fmt(s["reason"])]
                      for s in data["stage_changes"]] if data["stage_changes"] else [],
                   page.col_widths(1.3, 1, 1, 2.5), empty_text=_("No ladder changes.")),
        text(_("Who changed these records"), st.heading),
        long_table([[_("When"), _("By"), _("Record"), _("What"), _("Fields")]]
                   + [[fmt(e["at"]), e["by"], fmt.record(e), fmt.word(e["action"]),
                       fmt(e["fields"])] for e in data["audit_trail"]] if data["audit_trail"] else [],
                   page.col_widths(1.3, 1.2, 1.2, 0.8, 2), empty_text=_("No changes recorded.")),
        Spacer(0, 6),
        text(_("Consent: e-mail {email}, phone {phone}, post {post}; given {date} ({source}).").format(
            **{k: fmt(data["consent"][k]) for k in ("email", "phone", "post", "date", "source")}),
            st.small),
    ]
    return story


def build_subject_access_pdf(data: dict, target: Path | BinaryIO, *, group_name: str,
                             language: str = "") -> int:
    """Write the PDF in the group's ``language`` setting; return its page count."""
    page = PageSetup()
    lang = PrintedLanguage.for_setting(language)
    return build_document(target, subject_access_story(data, page, lang), group_name=group_name,
                          title=lang._(TITLE),
                          subtitle=lang._("Member #{id}").format(id=data["member_id"]),
                          page_label=lang.page_label())


def _dues_part(dues: dict | None, page: PageSetup, st, lang: PrintedLanguage,  # noqa: ANN001 - styles
               fmt) -> list[Flowable]:  # noqa: ANN001 - the story's value writer
    """#17: the person's plan and payments (refunds negative, naming the receipt refunded)."""
    if not dues or (dues["plan"] is None and not dues["payments"]):
        return []
    _ = lang._
    plan = dues["plan"]
    return [text(_("Membership dues"), st.heading),
            text(_("Plan: {plan}").format(plan=f"{plan['name']} ({plan['amount']}, {plan['period']})"
                                          if plan else "—"), st.body),
            long_table([[_("Receipt"), _("Date"), _("Amount"), _("Method"), _("Reference")]]
                       + [[str(p["receipt_number"]), fmt(p["date"]), p["amount"], p["method"],
                           fmt(p["reference"])] for p in dues["payments"]] if dues["payments"] else [],
                       page.col_widths(1, 1.2, 1, 1, 2.5), empty_text=_("No payments recorded."))]
