"""The readable half of a subject-access export: what we hold on you, in plain sections."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

from reportlab.platypus import Flowable, Spacer

from communitydesk.i18n import _
from communitydesk.pdf.layout import PageSetup, build_document, long_table, styles, text

_DETAIL_LABELS = {
    "first_name": "First name", "last_name": "Last name", "preferred_name": "Preferred name",
    "pronouns": "Pronouns", "email": "E-mail", "phone": "Phone", "address_line1": "Address",
    "address_line2": "Address (2)", "town": "Town", "postcode": "Postcode", "status": "Status",
    "joined_on": "Joined", "notes": "Notes", "ladder_stage": "Ladder stage",
    "consent_email": "Consent: e-mail", "consent_phone": "Consent: phone",
    "consent_post": "Consent: post", "consent_date": "Consent given on",
    "consent_source": "Consent source",
}


def _fmt(value: object) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ", ".join(_fmt(v) for v in value) or "—"
    return str(value)


def _record(entry: dict) -> str:
    """"your record", "attendance 12", "one_to_one 3" → readable names."""
    kind = entry.get("record", "member")
    if kind == "member":
        return "your record"
    return f"{kind.replace('_', '-')} {entry.get('record_id') or ''}".strip()


def subject_access_story(data: dict, page: PageSetup) -> list[Flowable]:
    st = styles()
    details = data["details"]
    name = " ".join(p for p in (details.get("first_name"), details.get("last_name")) if p)
    story: list[Flowable] = [
        text(f"Everything we hold about {name}", st.title),
        text(f"Subject access export, member #{data['member_id']}, made "
             f"{_fmt(data['generated_at'])}. The JSON file next to this PDF holds the same "
             "information in machine-readable form.", st.subtitle),
        text("Personal details", st.heading),
        long_table([["Field", "Value"]] + [[_DETAIL_LABELS.get(k, k), _fmt(v)]
                                           for k, v in details.items()],
                   page.col_widths(1, 3)),
        text(f"Tags: {_fmt(data['tags'])}", st.body),
        text("Record", st.heading),
        long_table([["Created", "Last changed", "Archived", "Anonymised"],
                    [_fmt(data["record"][k]) for k in
                     ("created_at", "updated_at", "archived_at", "anonymised_at")]],
                   page.col_widths(1, 1, 1, 1)),
        text("Attendance", st.heading),
        long_table([["Meeting", "Date", "Status"]]
                   + [[a["meeting"], _fmt(a["starts_at"]), a["status"]] for a in data["attendance"]]
                   if data["attendance"] else [], page.col_widths(3, 1.3, 1),
                   empty_text="No attendance recorded."),
        *_dues_part(data.get("dues"), page, st),  # #17
        text("Action items", st.heading),
        long_table([["Action", "Due", "Status", "Note"]]
                   + [[a["description"], _fmt(a["due_on"]), a["status"], _fmt(a["note"])]
                      for a in data["actions"]] if data["actions"] else [],
                   page.col_widths(3, 1, 1, 2), empty_text="No action items."),
        text("One-to-one conversations (confidential notes included)", st.heading),
    ]
    if not data["one_to_ones"]:
        story.append(text("No one-to-one conversations recorded.", st.body))
    for o in data["one_to_ones"]:
        story.append(text(f"{_fmt(o['held_on'])} with {_fmt(o['organiser'])} ({o['medium']})",
                          st.subheading))
        rows = [["Interests", _fmt(o["interests"])], ["Story", _fmt(o["story"])],
                ["Issues", _fmt(o["issues"])], ["Commitments", _fmt(o["commitments"])],
                ["Next step", _fmt(o["next_step"])], ["Follow up on", _fmt(o["follow_up_on"])],
                ["Stage after", _fmt(o["stage_after"])]]
        story.append(long_table([["", ""], *rows], page.col_widths(1, 4)))
    story += [
        text("Roles at meetings", st.heading),
        long_table([["Meeting", "Date", "Role"]]
                   + [[r["meeting"], _fmt(r["starts_at"]), r["role"]] for r in data["meeting_roles"]]
                   if data["meeting_roles"] else [], page.col_widths(3, 1.3, 1),
                   empty_text="No roles at meetings."),
        text(f"One-to-ones held as organiser: {len(data['one_to_ones_held_as_organiser'])}", st.body),
        text("Follow-ups you were asked to make", st.heading),
        long_table([["Conversation", "With", "Next step", "Follow up on", "Done"]]
                   + [[_fmt(f["held_on"]), _fmt(f["with"]), _fmt(f["next_step"]),
                       _fmt(f["follow_up_on"]), _fmt(f["done_at"])] for f in data["follow_ups_owed"]]
                   if data["follow_ups_owed"] else [], page.col_widths(1, 1.3, 2.5, 1, 1),
                   empty_text="No follow-ups."),
        text("Minutes that name you", st.heading),
        long_table([["Meeting", "Date", "Item", "Minutes", "Decision"]]
                   + [[m["meeting"], _fmt(m["starts_at"]), m["item"], _fmt(m["minutes"]),
                       _fmt(m["decision"])] for m in data["minutes_naming_them"]]
                   if data["minutes_naming_them"] else [], page.col_widths(1.3, 1, 1, 2.5, 1.5),
                   empty_text="No minutes name you."),
        text("Leadership ladder history", st.heading),
        long_table([["When", "From", "To", "Reason"]]
                   + [[_fmt(s["changed_at"]), _fmt(s["from"]), _fmt(s["to"]), _fmt(s["reason"])]
                      for s in data["stage_changes"]] if data["stage_changes"] else [],
                   page.col_widths(1.3, 1, 1, 2.5), empty_text="No ladder changes."),
        text("Who changed these records", st.heading),
        long_table([["When", "By", "Record", "What", "Fields"]]
                   + [[_fmt(e["at"]), e["by"], _record(e), e["action"], _fmt(e["fields"])]
                      for e in data["audit_trail"]] if data["audit_trail"] else [],
                   page.col_widths(1.3, 1.2, 1.2, 0.8, 2), empty_text="No changes recorded."),
        Spacer(0, 6),
        text("Consent: e-mail {}, phone {}, post {}; given {} ({}).".format(
            *(_fmt(data["consent"][k]) for k in ("email", "phone", "post", "date", "source"))),
            st.small),
    ]
    return story


def build_subject_access_pdf(data: dict, target: Path | BinaryIO, *, group_name: str) -> int:
    page = PageSetup()
    return build_document(target, subject_access_story(data, page), group_name=group_name,
                          title="Subject access export",
                          subtitle=f"Member #{data['member_id']}")


def _dues_part(dues: dict | None, page: PageSetup, st) -> list[Flowable]:  # noqa: ANN001 - the styles
    """#17: the person's plan and payments (refunds negative, naming the receipt refunded)."""
    if not dues or (dues["plan"] is None and not dues["payments"]):
        return []
    plan = dues["plan"]
    return [text(_("Membership dues"), st.heading),
            text(_("Plan: {plan}").format(plan=f"{plan['name']} ({plan['amount']}, {plan['period']})"
                                          if plan else "—"), st.body),
            long_table([[_("Receipt"), _("Date"), _("Amount"), _("Method"), _("Reference")]]
                       + [[str(p["receipt_number"]), _fmt(p["date"]), p["amount"], p["method"],
                           _fmt(p["reference"])] for p in dues["payments"]] if dues["payments"] else [],
                       page.col_widths(1, 1.2, 1, 1, 2.5), empty_text=_("No payments recorded."))]
