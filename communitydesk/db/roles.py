"""Who may do what on a shared PostgreSQL database, enforced by PostgreSQL itself.

The window cannot be the guard: anyone with a login can open ``psql``. So each
role is a PostgreSQL role (named per database, ``<dbname>_door``, so two groups
can share a server) with table grants, column grants and row-level security.
The privileges are data (``TABLE_PRIVILEGES``): a new table is one line there,
and its migration ends with ``roles.install(op.get_bind())`` on PostgreSQL
(idempotent) so the grants, policies and audit trigger cover it.

The audit trail on PostgreSQL is written by a trigger (the login, ``session_user``,
and the person linked to it in ``login_members``), so changes made with ``psql`` are recorded too;
the app's own SQLAlchemy audit events stand aside there (see db/audit.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.engine import Connection

from communitydesk.errors import UserError
from communitydesk.i18n import _

ROLES = ("admin", "secretary", "treasurer", "organiser", "door")
ALL = "SELECT, INSERT, UPDATE, DELETE"
READ = "SELECT"
EDIT = "SELECT, INSERT, UPDATE"
STAFF_READ = {"admin": ALL, "secretary": ALL, "treasurer": READ, "organiser": READ}

# table -> {role: privileges}. A role not named gets nothing on that table.
TABLE_PRIVILEGES: dict[str, dict[str, str]] = {
    "alembic_version": {role: READ for role in ROLES},  # every login checks the schema on open
    "settings": {**STAFF_READ, "door": READ},
    "members": {**STAFF_READ, "organiser": "SELECT, UPDATE"},  # door: names only, below
    "tags": STAFF_READ,
    "member_tags": {**STAFF_READ, "door": READ},  # a meeting for a tag expects its members
    "stage_changes": {"admin": ALL, "secretary": READ, "organiser": ALL},
    "meeting_series": STAFF_READ,
    "meetings": {**STAFF_READ, "door": READ},  # door: today's meetings only (row policy)
    "agenda_items": STAFF_READ,
    "action_items": {**STAFF_READ, "organiser": EDIT},
    "attendance": {**STAFF_READ, "door": EDIT},  # door: check-ins at today's meetings
    "sheet_numbers": {**STAFF_READ, "door": "SELECT, INSERT"},
    "one_to_ones": {"admin": ALL, "organiser": ALL},  # never treasurer, secretary or door
    "audit_log": {"admin": READ, "secretary": READ},  # written by the trigger only
    "login_members": {role: READ for role in ROLES if role != "door"} | {"admin": ALL},
    # #16 motions and elections: decided at meetings, minuted by the secretary
    "motions": STAFF_READ, "motion_votes": STAFF_READ, "election_offices": STAFF_READ,
    "nominations": STAFF_READ, "officer_terms": STAFF_READ,
    # #17 dues: the treasurer's book; the secretary may read it, never edit it
    "dues_plans": {"admin": ALL, "treasurer": ALL, "secretary": READ},
    "dues_payments": {"admin": ALL, "treasurer": ALL, "secretary": READ},
    "dues_member_plans": {"admin": ALL, "treasurer": ALL, "secretary": READ},
    "dues_receipt_counter": {"admin": ALL, "treasurer": "SELECT, UPDATE", "secretary": READ},
}

# Columns a role may use on a table it has no table-wide privilege on.
DOOR_NAME_COLUMNS = "id, first_name, last_name, preferred_name, status, archived_at, anonymised_at"
COLUMN_PRIVILEGES: dict[str, dict[str, tuple[str, ...]]] = {
    "members": {"door": (
        f"SELECT ({DOOR_NAME_COLUMNS})",
        # a newcomer at the door becomes a prospect member (guests become contacts)
        "INSERT (first_name, last_name, phone, email, status, joined_on, consent_email, "
        "consent_phone, consent_date, consent_source, version, created_at, updated_at)",
    )},
    # Fixing a meeting's sheet numbers (the register and the kiosk open with it) locks the
    # meeting row (SELECT ... FOR UPDATE), which PostgreSQL allows only with UPDATE on some
    # column. The version column alone, and row security keeps it to today's meetings.
    "meetings": {"door": ("UPDATE (version)",)},
}

# Row-level security: table -> {role: USING expression}. Roles not named see every row.
TODAY_MEETING = ("EXISTS (SELECT 1 FROM meetings m WHERE m.id = {table}.meeting_id "
                 "AND m.starts_at::date = current_date)")
ROW_POLICIES: dict[str, dict[str, str]] = {
    "meetings": {"door": "starts_at::date = current_date"},
    "attendance": {"door": TODAY_MEETING.format(table="attendance")},
    "sheet_numbers": {"door": TODAY_MEETING.format(table="sheet_numbers")},
    "members": {"door": "anonymised_at IS NULL AND archived_at IS NULL"},
}

# Tables whose changes the trigger records, and the name the audit trail uses for each.
AUDITED = {
    "members": "member", "meetings": "meeting", "agenda_items": "agenda_item",
    "action_items": "action", "attendance": "attendance", "one_to_ones": "one_to_one",
    "tags": "tag", "settings": "setting", "meeting_series": "meeting_series",
    "dues_plans": "dues_plan", "dues_payments": "dues_payment", "dues_member_plans": "member_plan",
}
BULK_THRESHOLD = 20  # as db/audit.py: many rows in one statement become one summary entry


class NotAllowedError(UserError):
    """PostgreSQL refused this login (SQLSTATE 42501): the role may not do or see this."""


def role_name(database: str, role: str) -> str:
    return f"{database}_{role}"


def _q(conn: Connection, name: str) -> str:
    return conn.dialect.identifier_preparer.quote_identifier(name)


def _database(conn: Connection) -> str:
    return str(conn.execute(text("SELECT current_database()")).scalar())


def _tables(conn: Connection) -> set[str]:
    return set(conn.execute(text(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")).scalars())


def may_create_roles(conn: Connection) -> bool:
    return bool(conn.execute(text(
        "SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user")).scalar())


def install(conn: Connection) -> None:
    """Create the roles (if missing), grants, row policies and the audit trigger. Idempotent.

    The ``login_members`` table must exist (the migration makes it on every database)."""
    install_audit_trigger(conn)
    if not may_create_roles(conn):
        return  # the owner may not create roles: only the owner's login can use this database
    database = _database(conn)
    for role in ROLES:
        name = role_name(database, role)
        conn.execute(text(
            f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{name}') "
            f"THEN CREATE ROLE {_q(conn, name)} NOLOGIN; END IF; END $$"))
    conn.execute(text(f"GRANT CONNECT ON DATABASE {_q(conn, database)} TO "
                      + ", ".join(_q(conn, role_name(database, r)) for r in ROLES)))
    admin = _q(conn, role_name(database, "admin"))
    for role in ROLES[1:]:  # the group's admin gives the other roles out (`db grant`)
        conn.execute(text(f"GRANT {_q(conn, role_name(database, role))} TO {admin} WITH ADMIN OPTION"))
    apply_grants(conn, database)


def apply_grants(conn: Connection, database: str) -> None:
    """(Re)state every grant and policy from the tables above; a new table is one line there."""
    tables = _tables(conn)
    everyone = ", ".join(_q(conn, role_name(database, r)) for r in ROLES)
    conn.execute(text(f"GRANT USAGE ON SCHEMA public TO {everyone}"))
    conn.execute(text(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {everyone}"))
    for table in sorted(tables):
        conn.execute(text(f"REVOKE ALL ON {_q(conn, table)} FROM {everyone}"))
        for role, privileges in TABLE_PRIVILEGES.get(table, {}).items():
            conn.execute(text(f"GRANT {privileges} ON {_q(conn, table)} TO "
                              f"{_q(conn, role_name(database, role))}"))
        for role, grants in COLUMN_PRIVILEGES.get(table, {}).items():
            for grant in grants:
                conn.execute(text(f"GRANT {grant} ON {_q(conn, table)} TO "
                                  f"{_q(conn, role_name(database, role))}"))
    for table, policies in ROW_POLICIES.items():
        if table not in tables:
            continue
        conn.execute(text(f"ALTER TABLE {_q(conn, table)} ENABLE ROW LEVEL SECURITY"))
        others = [r for r in ROLES if r not in policies]
        _policy(conn, table, f"{table}_all_rows", others, database, "true")
        for role, using in policies.items():
            _policy(conn, table, f"{table}_{role}", [role], database, using)


def _policy(conn: Connection, table: str, name: str, roles: list[str], database: str,
            using: str) -> None:
    conn.execute(text(f"DROP POLICY IF EXISTS {_q(conn, name)} ON {_q(conn, table)}"))
    to = ", ".join(_q(conn, role_name(database, r)) for r in roles)
    conn.execute(text(f"CREATE POLICY {_q(conn, name)} ON {_q(conn, table)} TO {to} "
                      f"USING ({using}) WITH CHECK ({using})"))


AUDIT_FUNCTIONS = """
CREATE OR REPLACE FUNCTION cd_audit_user() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $f$
  SELECT left(coalesce(
    (SELECT trim(coalesce(nullif(m.preferred_name, ''), m.first_name) || ' ' || m.last_name)
            || ' (' || session_user || ')'
       FROM login_members l JOIN members m ON m.id = l.member_id WHERE l.login = session_user),
    session_user::text), 120)
$f$;

CREATE OR REPLACE FUNCTION cd_audit_row() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $f$
DECLARE
  old_j jsonb; new_j jsonb; fields text[]; ident integer; act text;
BEGIN
  IF TG_OP = 'DELETE' THEN old_j := to_jsonb(OLD); ELSE new_j := to_jsonb(NEW); END IF;
  IF TG_OP = 'UPDATE' THEN
    old_j := to_jsonb(OLD);
    SELECT array_agg(k ORDER BY k) INTO fields FROM jsonb_object_keys(new_j) k
     WHERE k NOT IN ('version', 'updated_at', 'created_at') AND new_j -> k IS DISTINCT FROM old_j -> k;
    IF fields IS NULL THEN RETURN NULL; END IF;
    act := CASE WHEN 'anonymised_at' = ANY(fields) AND new_j ->> 'anonymised_at' IS NOT NULL
                THEN 'anonymise' ELSE 'update' END;
  ELSE
    act := lower(TG_OP);
  END IF;
  IF coalesce(new_j, old_j) ? 'id' THEN
    ident := (coalesce(new_j, old_j) ->> 'id')::integer;
  ELSIF coalesce(new_j, old_j) ? 'key' THEN  -- settings are named by their key
    fields := ARRAY[coalesce(new_j, old_j) ->> 'key'] || coalesce(fields, ARRAY[]::text[]);
  END IF;
  INSERT INTO audit_log (at, user_name, entity, entity_id, action, changes)
  VALUES (localtimestamp(0), cd_audit_user(), TG_ARGV[0], ident, act,
          CASE WHEN fields IS NULL OR cardinality(fields) = 0 THEN NULL ELSE to_jsonb(fields)::text END);
  RETURN NULL;
END
$f$;

CREATE OR REPLACE FUNCTION cd_audit_inserts() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $f$
DECLARE n integer;
BEGIN
  SELECT count(*) INTO n FROM new_rows;
  IF n > %(bulk)s THEN
    INSERT INTO audit_log (at, user_name, entity, entity_id, action, changes)
    VALUES (localtimestamp(0), cd_audit_user(), TG_ARGV[0], NULL, 'insert',
            to_jsonb(ARRAY[n || ' records'])::text);
  ELSE
    INSERT INTO audit_log (at, user_name, entity, entity_id, action, changes)
    SELECT localtimestamp(0), cd_audit_user(), TG_ARGV[0],
           CASE WHEN j ? 'id' THEN (j ->> 'id')::integer END, 'insert',
           CASE WHEN j ? 'key' THEN to_jsonb(ARRAY[j ->> 'key'])::text END
      FROM (SELECT to_jsonb(r) AS j FROM new_rows r) rows;
  END IF;
  RETURN NULL;
END
$f$;
"""


def install_audit_trigger(conn: Connection) -> None:
    conn.exec_driver_sql(AUDIT_FUNCTIONS.replace("%(bulk)s", str(BULK_THRESHOLD)))
    tables = _tables(conn)
    for table, entity in AUDITED.items():
        if table not in tables:  # a later table listed before its migration has run
            continue
        conn.execute(text(f"DROP TRIGGER IF EXISTS cd_audit_changes ON {_q(conn, table)}"))
        conn.execute(text(f"DROP TRIGGER IF EXISTS cd_audit_inserts ON {_q(conn, table)}"))
        conn.execute(text(
            f"CREATE TRIGGER cd_audit_changes AFTER UPDATE OR DELETE ON {_q(conn, table)} "
            f"FOR EACH ROW EXECUTE FUNCTION cd_audit_row('{entity}')"))
        conn.execute(text(
            f"CREATE TRIGGER cd_audit_inserts AFTER INSERT ON {_q(conn, table)} "
            f"REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT "
            f"EXECUTE FUNCTION cd_audit_inserts('{entity}')"))


def audited_by_database(conn: Connection) -> bool:
    """True when the trigger writes the trail (the app's own audit events must then stand aside)."""
    if conn.dialect.name != "postgresql":
        return False
    return bool(conn.execute(text(
        "SELECT 1 FROM pg_trigger WHERE tgname = 'cd_audit_inserts' LIMIT 1")).scalar())


def uninstall(conn: Connection) -> None:
    """Undo ``install`` on this database (the roles stay if other grants still use them)."""
    database = _database(conn)
    for table in AUDITED:
        conn.execute(text(f"DROP TRIGGER IF EXISTS cd_audit_changes ON {_q(conn, table)}"))
        conn.execute(text(f"DROP TRIGGER IF EXISTS cd_audit_inserts ON {_q(conn, table)}"))
    conn.execute(text("DROP FUNCTION IF EXISTS cd_audit_row(), cd_audit_inserts(), cd_audit_user()"))
    for table, policies in ROW_POLICIES.items():
        for name in [f"{table}_all_rows", *(f"{table}_{r}" for r in policies)]:
            conn.execute(text(f"DROP POLICY IF EXISTS {_q(conn, name)} ON {_q(conn, table)}"))
        conn.execute(text(f"ALTER TABLE {_q(conn, table)} DISABLE ROW LEVEL SECURITY"))
    if may_create_roles(conn):
        for role in ROLES:
            name = role_name(database, role)
            conn.execute(text(f"DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{name}') "
                              f"THEN EXECUTE 'DROP OWNED BY {_q(conn, name)}'; "
                              f"EXECUTE 'DROP ROLE {_q(conn, name)}'; END IF; END $$"))


# --- who holds what -------------------------------------------------------------------------


@dataclass(frozen=True)
class Holder:
    login: str
    role: str
    member_id: int | None
    member_name: str | None


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise UserError(_("role: {role!r} is not one of {roles}").format(role=role, roles=", ".join(ROLES)))


def _check_login(conn: Connection, login: str) -> None:
    found = conn.execute(text("SELECT rolcanlogin FROM pg_roles WHERE rolname = :n"), {"n": login}).scalar()
    if found is None:
        raise UserError(_("there is no login {login!r} on this server; create it first "
                          "(in psql: CREATE ROLE \"{login}\" LOGIN PASSWORD '…')").format(login=login))
    if not found:
        raise UserError(_("{login!r} is a role that cannot log in, not a login").format(login=login))


def _held_by(conn: Connection, login: str, database: str) -> list[str]:
    """This database's roles granted to ``login`` itself (not through another role)."""
    names = {role_name(database, r): r for r in ROLES}
    held = conn.execute(text(
        "SELECT r.rolname FROM pg_auth_members am JOIN pg_roles r ON r.oid = am.roleid "
        "JOIN pg_roles u ON u.oid = am.member WHERE u.rolname = :login AND r.rolname = ANY(:names)"),
        {"login": login, "names": list(names)}).scalars()
    return [names[h] for h in held]


def grant(conn: Connection, login: str, role: str, member_id: int | None = None) -> None:
    """Give ``login`` exactly one role on this database (any other role here is taken away).

    The database owner may grant any role; an ``admin`` login every role but ``admin``.
    """
    _check_role(role)
    _check_login(conn, login)
    database = _database(conn)
    for other in _held_by(conn, login, database):
        if other != role:
            conn.execute(text(f"REVOKE {_q(conn, role_name(database, other))} FROM {_q(conn, login)}"))
    conn.execute(text(f"GRANT {_q(conn, role_name(database, role))} TO {_q(conn, login)}"))
    if member_id is not None:
        conn.execute(text("INSERT INTO login_members (login, member_id) VALUES (:l, :m) "
                          "ON CONFLICT (login) DO UPDATE SET member_id = excluded.member_id"),
                     {"l": login, "m": member_id})


def revoke(conn: Connection, login: str, role: str) -> None:
    _check_role(role)
    _check_login(conn, login)
    conn.execute(text(f"REVOKE {_q(conn, role_name(_database(conn), role))} FROM {_q(conn, login)}"))


def holders(conn: Connection) -> list[Holder]:
    """Every login holding one of this database's roles, with the person linked to it."""
    database = _database(conn)
    rows = conn.execute(text(
        "SELECT u.rolname, r.rolname, l.member_id, "
        "       trim(coalesce(nullif(m.preferred_name, ''), m.first_name) || ' ' || m.last_name) "
        "  FROM pg_auth_members am JOIN pg_roles r ON r.oid = am.roleid "
        "  JOIN pg_roles u ON u.oid = am.member "
        "  LEFT JOIN login_members l ON l.login = u.rolname "
        "  LEFT JOIN members m ON m.id = l.member_id "
        " WHERE u.rolcanlogin AND r.rolname = ANY(:names) ORDER BY u.rolname, r.rolname"),
        {"names": [role_name(database, r) for r in ROLES]}).all()
    prefix = len(database) + 1
    return [Holder(login, role[prefix:], member_id, name) for login, role, member_id, name in rows]


def current_roles(conn: Connection) -> list[str]:
    """The roles of this database granted to the connected login ([] for the owner)."""
    return _held_by(conn, str(conn.execute(text("SELECT session_user")).scalar()), _database(conn))
