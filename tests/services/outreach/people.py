"""A small group where each person lacks one thing, shared by the outreach tests."""

from __future__ import annotations

from communitydesk.db.engine import Database
from communitydesk.services.members.records import add_member

# name -> (fields, consent channels); the secret_* people must never appear in any output
PEOPLE = {
    "Zoë Ångström": (dict(email="zoe+news@example.org", phone="07700 900001", address_line1="1 Elm St",
                          town="Leeds", postcode="LS6 1AA"), {"email", "post", "phone"}),
    "Łukasz Wiśniewski": (dict(email="lukasz&co@example.org", address_line1="2 Oak Rd", town="Łódź",
                               postcode="90-001"), {"email", "post"}),
    "Secret Noconsent": (dict(email="secret.noconsent@example.org", phone="07700 900999",
                              address_line1="99 Hidden Lane", town="Nowhere", postcode="ZZ9 9ZZ"), set()),
    "Pat Noemail": (dict(phone="07700 900002", address_line1="3 Ash Way", town="York"), {"email", "phone"}),
    "Sam Phoneonly": (dict(email="sam@example.org", phone="07700 900003"), {"phone"}),
}


def add_people(db: Database, *, tag: str = "street") -> dict[str, int]:
    ids = {}
    with db.session() as session:
        for name, (fields, consent) in PEOPLE.items():
            first, last = name.split(" ")
            member = add_member(session, first_name=first, last_name=last, tags=[tag], **fields,
                                **{f"consent_{c}": c in consent for c in ("email", "post", "phone")})
            ids[name] = member.id
    return ids
