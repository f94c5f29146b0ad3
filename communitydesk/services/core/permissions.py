"""What the signed-in login may use on this database, as data the window can follow (#20).

PostgreSQL is the guard (db/roles.py): grants and row-level security refuse whatever a role
may not do, whatever program asks. The window only follows those rights, so a volunteer is not
offered a screen or a button that can only end in "permission denied", and can be told why.
The rights are read from PostgreSQL itself (``has_table_privilege``, ``pg_has_role``) in ONE
round trip, so what the window offers cannot drift from what the database allows. On SQLite
(one person's laptop, no roles) and for the database's owner or an admin everything is allowed.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from communitydesk.db import roles
from communitydesk.i18n import N_

# capability -> (what it is called on screen, privileges to READ it, privileges to CHANGE it).
# A privilege is "table:PRIVILEGE"; "admin" means the group's admin (or the database's owner).
# Every listed privilege is needed; a table that does not exist yet counts as refused.
CAPABILITIES: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "members": (N_("the member list (names, contact details, import, merge, delete)"),
                ("members:SELECT",), ("members:INSERT", "members:UPDATE", "members:DELETE")),
    "meetings": (N_("meetings and agendas"), ("meetings:SELECT", "agenda_items:SELECT"),
                 ("meetings:INSERT", "meetings:UPDATE")),
    "minutes": (N_("minutes and decisions"), ("agenda_items:SELECT",), ("agenda_items:UPDATE",)),
    "actions": (N_("action items"), ("action_items:SELECT",), ("action_items:UPDATE",)),
    "attendance": (N_("the register and check-in"), ("attendance:SELECT",), ("attendance:UPDATE",)),
    "one_to_ones": (N_("one-to-one conversations and their notes"), ("one_to_ones:SELECT",),
                    ("one_to_ones:INSERT", "one_to_ones:UPDATE")),
    "dues": (N_("membership dues and payments"), ("dues_payments:SELECT",),
             ("dues_payments:INSERT", "dues_plans:INSERT")),
    "motions": (N_("motions and votes"), ("motions:SELECT",), ("motions:INSERT", "motion_votes:INSERT")),
    "reports": (N_("attendance reports and exports"),
                ("members:SELECT", "meetings:SELECT", "attendance:SELECT"), ("settings:UPDATE",)),
    "settings": (N_("the group's settings"), ("settings:SELECT",), ("settings:UPDATE",)),
    "privacy": (N_("privacy tasks: erasing a person, retention, the audit trail"),
                ("audit_log:SELECT",), ("admin",)),
    "backups": (N_("backups, restoring a backup and the database check"), ("admin",), ("admin",)),
}


@dataclass(frozen=True)
class Permissions:
    """The login's rights; ``role`` is its role here ("owner" for the owner, "" on SQLite)."""

    role: str
    readable: frozenset[str]
    changeable: frozenset[str]

    @classmethod
    def everything(cls, role: str = "") -> Permissions:
        every = frozenset(CAPABILITIES)
        return cls(role, every, every)

    def may_read(self, capability: str) -> bool:
        return capability in self.readable

    def may_change(self, capability: str) -> bool:
        return capability in self.changeable

    @property
    def restricted(self) -> bool:
        return self.readable != frozenset(CAPABILITIES) or self.changeable != frozenset(CAPABILITIES)

    def missing(self) -> list[tuple[str, bool]]:
        """(capability, may still read it) for each one this login may not change, in order."""
        return [(c, c in self.readable) for c in CAPABILITIES if c not in self.changeable]


def _privilege_sql(privilege: str) -> str:
    if privilege == "admin":
        return "is_admin"
    table, what = privilege.split(":")
    # to_regclass: NULL for a table not made yet (an older database), and NULL counts as refused
    return f"coalesce(has_table_privilege(to_regclass('public.{table}'), '{what}'), false)"


def _all_of(privileges: tuple[str, ...]) -> str:
    return "(" + " AND ".join(_privilege_sql(p) for p in privileges) + ")"


def login_permissions(session: Session) -> Permissions:
    """This login's rights, read from the database in one round trip."""
    conn = session.connection()
    if conn.dialect.name != "postgresql":
        return Permissions.everything()
    columns = []
    for capability, (_label, read, change) in CAPABILITIES.items():
        columns.append(f"{_all_of(read)} AS read_{capability}")
        columns.append(f"{_all_of(change)} AS change_{capability}")
    names = [roles.role_name("", r) for r in roles.ROLES]  # "_admin", … after the database's name
    row = conn.execute(text(
        "WITH me AS (SELECT r.rolname AS login, r.rolsuper OR pg_has_role(session_user, d.datdba, 'MEMBER') "
        "                   AS is_owner "
        "              FROM pg_roles r, pg_database d "
        "             WHERE r.rolname = session_user AND d.datname = current_database()), "
        "held AS (SELECT array_agg(substr(g.rolname, length(current_database()) + 1) ORDER BY g.rolname) AS roles "
        "           FROM pg_auth_members am JOIN pg_roles g ON g.oid = am.roleid "
        "           JOIN pg_roles u ON u.oid = am.member "
        "          WHERE u.rolname = session_user "
        "            AND g.rolname = ANY(SELECT current_database() || n FROM unnest(CAST(:names AS text[])) n)), "
        "flags AS (SELECT me.is_owner, held.roles, me.is_owner OR EXISTS ("
        "            SELECT 1 FROM pg_roles a WHERE a.rolname = current_database() || '_admin' "
        "               AND pg_has_role(session_user, a.oid, 'USAGE')) AS is_admin FROM me, held) "
        f"SELECT is_owner, roles, {', '.join(columns)} FROM flags"), {"names": names}).mappings().one()
    held = [r.lstrip("_") for r in (row["roles"] or [])]
    role = ", ".join(held) or ("owner" if row["is_owner"] else "")
    return Permissions(
        role,
        frozenset(c for c in CAPABILITIES if row[f"read_{c}"]),
        frozenset(c for c in CAPABILITIES if row[f"change_{c}"]),
    )


def login_may(session: Session, check: str) -> bool:
    """A privilege check (``has_table_privilege('dues_plans', 'SELECT')``) for this login, asked
    once per connection; always True on SQLite, where one person has the whole file.

    A screen that reads beyond its own capability (Reports' paid-up line reads the dues book)
    asks first, so a role without it sees the rest instead of "permission denied" (#20)."""
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        return True
    key = ("communitydesk_may", check)
    may = connection.info.get(key)
    if may is None:  # privileges change only when an admin grants a role: a new connection sees it
        may = connection.info[key] = bool(connection.exec_driver_sql(f"SELECT {check}").scalar())
    return may
