"""#20: who may do what on a shared database, refused by PostgreSQL itself (SQLSTATE 42501).

Each role gets a login; every operation runs through the CLI and as raw SQL with that
login, so a refusal is proven to come from the database, not from the window or the app.
"""

from __future__ import annotations

import json
from datetime import date
from itertools import count

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from communitydesk.cli import main
from communitydesk.db import roles
from communitydesk.db.engine import Database

pytestmark = pytest.mark.postgres

ROLES = roles.ROLES
TODAY = date.today().isoformat()


def login_url(db: Database, login: str) -> str:
    return make_url(db.url).set(username=login, password="pw").render_as_string(hide_password=False)


def cli(capsys: pytest.CaptureFixture[str], url: str, *args: str) -> tuple[int, str, str]:
    code = main(["--db", url, *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(name="granted")
def shared_database(pg_db: Database, capsys: pytest.CaptureFixture[str]) -> dict:
    """Two members (one with an email), a meeting today, a one-to-one, a login per role."""
    owner = pg_db.url
    ids = {}
    for first, last, email in (("Ada", "Lovelace", "ada@example.org"), ("Bea", "Organiser", None)):
        extra = ["--email", email] if email else []
        code, out, err = cli(capsys, owner, "members", "add", "--first-name", first, "--last-name", last,
                             "--status", "active", *extra, "--json")
        assert code == 0, err
        ids[first] = json.loads(out)["id"]
    code, out, err = cli(capsys, owner, "meetings", "add", "--title", "Tonight",
                         "--starts", f"{TODAY} 00:01", "--json")
    assert code == 0, err
    ids["meeting"] = json.loads(out)["id"]
    code, _, err = cli(capsys, owner, "one-to-ones", "add", "--organiser", str(ids["Bea"]),
                       "--member", str(ids["Ada"]), "--date", TODAY, "--story", "private story")
    assert code == 0, err
    database = make_url(owner).database
    conninfo = _conninfo(owner)
    with psycopg.connect(conninfo, autocommit=True) as conn:
        for role in ROLES:
            login = f"{database}_{role}_login"
            conn.execute(f'DROP ROLE IF EXISTS "{login}"')
            conn.execute(f"CREATE ROLE \"{login}\" LOGIN PASSWORD 'pw'")
    for role in ROLES:
        code, _, err = cli(capsys, owner, "db", "grant", f"{database}_{role}_login", role,
                           *(["--member", str(ids["Bea"])] if role == "organiser" else []))
        assert code == 0, err
    return {"ids": ids, "logins": {r: f"{database}_{r}_login" for r in ROLES}}


def _conninfo(url: str, user: str | None = None) -> str:
    u = make_url(url)
    return f"host={u.host} port={u.port} dbname={u.database} user={user or u.username} password=pw"


# --- the matrix: what each role may do; everything else must be refused by PostgreSQL ---

_PLANS = count(1)  # each role's plan gets its own name

CLI_OPS = {  # name -> (argv builder, roles allowed)
    "members list": (lambda i: ["members", "list", "--json"], {"admin", "secretary", "treasurer", "organiser"}),
    "one-to-ones due": (lambda i: ["one-to-ones", "due", "--json"], {"admin", "organiser"}),
    "meetings add": (lambda i: ["meetings", "add", "--title", "Next", "--starts", f"{TODAY} 23:00"],
                     {"admin", "secretary"}),
    "settings set": (lambda i: ["settings", "set", "group_name", "Tenants"], {"admin", "secretary"}),
    "attendance mark": (lambda i: ["attendance", "mark", str(i["meeting"]), str(i["Ada"]),
                                   "--status", "present"], {"admin", "secretary", "door"}),
    # #17: the treasurer keeps the book; the secretary may read it, never change it
    "dues plans add": (lambda i: ["dues", "plans", "add", "--name", f"Plan {next(_PLANS)}",
                                  "--amount", "12.00", "--period", "year"],
                       {"admin", "treasurer"}),
    "dues status": (lambda i: ["dues", "status", "--json"], {"admin", "treasurer", "secretary"}),
}

SQL_OPS = {  # name -> (statement, roles allowed)
    "read names": ("SELECT first_name, last_name FROM members", set(ROLES)),
    "read emails": ("SELECT email FROM members", {"admin", "secretary", "treasurer", "organiser"}),
    "read one-to-one notes": ("SELECT story, interests FROM one_to_ones", {"admin", "organiser"}),
    "edit member notes": ("UPDATE members SET notes = 'x'", {"admin", "secretary", "organiser"}),
    "rename a meeting": ("UPDATE meetings SET title = title", {"admin", "secretary"}),
    "lock today's meeting": ("SELECT id FROM meetings FOR UPDATE", {"admin", "secretary", "door"}),
    "add meeting": ("INSERT INTO meetings (title, kind, starts_at, status, version) "
                    "VALUES ('m', 'general', now(), 'planned', 1)", {"admin", "secretary"}),
    "check in": ("UPDATE attendance SET checked_in_at = localtimestamp(0)", {"admin", "secretary", "door"}),
    "edit minutes": ("UPDATE agenda_items SET minutes = 'x'", {"admin", "secretary"}),
    "erase the audit trail": ("DELETE FROM audit_log", set()),
    "change settings": ("UPDATE settings SET value = value", {"admin", "secretary"}),
    "read payments": ("SELECT amount_minor FROM dues_payments", {"admin", "treasurer", "secretary"}),
    "edit payments": ("UPDATE dues_payments SET reference = reference", {"admin", "treasurer"}),
    "take a receipt number": ("SELECT * FROM dues_receipt_counter FOR UPDATE", {"admin", "treasurer"}),
    "edit motions": ("UPDATE motions SET text = text", {"admin", "secretary"}),
    "read motions": ("SELECT text FROM motions", {"admin", "secretary", "treasurer", "organiser"}),
}


@pytest.mark.parametrize("role", ROLES)
def test_each_role_through_the_cli(granted: dict, pg_db: Database, capsys: pytest.CaptureFixture[str],
                                   role: str) -> None:
    url = login_url(pg_db, granted["logins"][role])
    for name, (argv, allowed) in CLI_OPS.items():
        code, _out, err = cli(capsys, url, *argv(granted["ids"]))
        if role in allowed:
            assert code == 0, f"{role} should be allowed {name}: {err}"
        else:
            assert code == 1, f"{role} should be refused {name}"
            assert err.startswith(f"error: not allowed for role {role}: permission denied"), (name, err)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_with_raw_sql(granted: dict, pg_db: Database, role: str) -> None:
    """The same rights hold in psql: the refusal is SQLSTATE 42501 from the server."""
    for name, (statement, allowed) in SQL_OPS.items():
        with psycopg.connect(_conninfo(pg_db.url, granted["logins"][role])) as conn:
            if role in allowed:
                conn.execute(statement)
            else:
                with pytest.raises(psycopg.errors.InsufficientPrivilege) as refused:
                    conn.execute(statement)
                assert refused.value.sqlstate == "42501", name
            conn.rollback()


def test_door_checks_people_in_at_the_kiosk_and_sees_names_only(granted: dict, pg_db: Database) -> None:
    from communitydesk.db.engine import open_database
    from communitydesk.services.attendance.check_in import check_in_people
    from communitydesk.services.attendance.register import check_in

    door = open_database(login_url(pg_db, granted["logins"]["door"]), backups_dir=pg_db.backups_dir)
    try:
        meeting = granted["ids"]["meeting"]
        with door.session() as session:
            names = {p.display_name for p in check_in_people(session, meeting)}
            entry = check_in(session, meeting, member_id=granted["ids"]["Ada"])
        assert "Ada Lovelace" in names
        assert entry.status == "present"
    finally:
        door.dispose()
    with psycopg.connect(_conninfo(pg_db.url, granted["logins"]["door"])) as conn:
        for statement in ("SELECT * FROM members", "SELECT email FROM members",
                          "SELECT * FROM one_to_ones", "SELECT next_step FROM one_to_ones"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
            conn.rollback()
        # row-level security: only today's meetings and their register
        conn.execute("SET TIME ZONE 'UTC'")
        seen = conn.execute("SELECT count(*) FROM meetings WHERE starts_at::date <> current_date").fetchone()
        assert seen == (0,)


def test_roles_json_says_who_holds_what(granted: dict, pg_db: Database,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, pg_db.url, "db", "roles", "--json")
    assert code == 0, err
    held = {(r["login"], r["role"]) for r in json.loads(out)}
    assert held == {(granted["logins"][r], r) for r in ROLES}
    organiser = next(r for r in json.loads(out) if r["role"] == "organiser")
    assert organiser["member_name"] == "Bea Organiser"
    code, _, err = cli(capsys, pg_db.url, "db", "revoke", granted["logins"]["door"], "door")
    assert code == 0, err
    code, out, _ = cli(capsys, pg_db.url, "db", "roles", "--json")
    assert "door" not in {r["role"] for r in json.loads(out)}


def test_grant_moves_a_login_to_one_role_and_checks_the_login(granted: dict, pg_db: Database,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    login = granted["logins"]["door"]
    assert cli(capsys, pg_db.url, "db", "grant", login, "treasurer")[0] == 0
    _, out, _ = cli(capsys, pg_db.url, "db", "roles", "--json")
    assert [r["role"] for r in json.loads(out) if r["login"] == login] == ["treasurer"]
    code, _, err = cli(capsys, pg_db.url, "db", "grant", "nobody_here", "door")
    assert code == 1 and "there is no login 'nobody_here'" in err
    # a door login may not hand out roles: PostgreSQL refuses it
    code, _, err = cli(capsys, login_url(pg_db, granted["logins"]["secretary"]), "db", "grant", login, "admin")
    assert code == 1 and err.startswith("error: not allowed for role secretary"), err


def test_migration_is_idempotent_and_sqlite_has_no_roles(pg_db: Database, db: Database,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    with pg_db.engine.begin() as conn:
        roles.install(conn)  # again: nothing fails, nothing doubles
        count = conn.execute(text("SELECT count(*) FROM pg_roles WHERE rolname = ANY(:names)"),
                             {"names": [roles.role_name(make_url(pg_db.url).database, r) for r in ROLES]}
                             ).scalar()
    assert count == len(ROLES)
    code, _, err = cli(capsys, str(db.sqlite_path), "db", "roles")
    assert code == 1 and "roles are for a shared PostgreSQL database" in err



def test_the_admin_login_gives_out_roles_but_not_admin(granted: dict, pg_db: Database,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    admin = login_url(pg_db, granted["logins"]["admin"])
    door = granted["logins"]["door"]
    code, _, err = cli(capsys, admin, "db", "grant", door, "secretary")
    assert code == 0, err
    _, out, _ = cli(capsys, pg_db.url, "db", "roles", "--json")
    assert [r["role"] for r in json.loads(out) if r["login"] == door] == ["secretary"]
    code, _, err = cli(capsys, admin, "db", "grant", door, "admin")
    assert code == 1 and err.startswith("error: not allowed for role admin"), err


def test_a_login_without_a_role_is_told_what_to_ask_for(pg_db: Database, pg_server,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    database = make_url(pg_db.url).database
    with psycopg.connect(_conninfo(pg_db.url).replace(" password=pw", ""), autocommit=True) as conn:
        conn.execute(f'CREATE ROLE "{database}_nobody" LOGIN')
    code, _, err = cli(capsys, login_url(pg_db, f"{database}_nobody"), "members", "list")
    assert code == 1
    assert f"the login {database}_nobody has no role on {database} yet" in err
    assert f"db grant {database}_nobody ROLE" in err


def test_the_migration_goes_down_and_up_again(pg_db: Database) -> None:
    from alembic import command

    from communitydesk.db import migrate

    names = [roles.role_name(make_url(pg_db.url).database, r) for r in ROLES]
    count = text("SELECT count(*) FROM pg_roles WHERE rolname = ANY(:names)")
    with pg_db.engine.begin() as conn:
        config = migrate.alembic_config(conn)
        command.downgrade(config, "cd0005")
        assert conn.execute(count, {"names": names}).scalar() == 0
        assert not roles.audited_by_database(conn)
        command.upgrade(config, "head")
        assert conn.execute(count, {"names": names}).scalar() == len(ROLES)
        assert roles.audited_by_database(conn)


@pytest.mark.parametrize("role", ["organiser", "door"])
def test_a_role_without_the_dues_book_reads_reports_and_registers_without_an_error(
        granted: dict, pg_db: Database, role: str) -> None:
    """Reports' paid-up line reads the dues book and the register stores its sheet numbers:
    a role allowed neither gets the report without that line and the register unnumbered,
    where it got "permission denied" (#20)."""
    from datetime import date

    from communitydesk.db.engine import open_database
    from communitydesk.services.attendance.sheet_numbers import fix_sheet_numbers
    from communitydesk.services.dues.paid_up import dues_in_use, report_paid_up
    from communitydesk.services.dues.plans import add_plan, find_plan_or_none

    with pg_db.session() as session:  # the group keeps dues
        if find_plan_or_none(session, "Standard") is None:
            add_plan(session, name="Standard", amount="12.00", period="year")
        assert dues_in_use(session)
    login = open_database(login_url(pg_db, granted["logins"][role]), backups_dir=pg_db.backups_dir)
    try:
        with login.session() as session:
            assert report_paid_up(session, None, date.today()) is None
        if role == "organiser":  # the door may number today's sheet: its own test shows that
            with login.session() as session:
                assert fix_sheet_numbers(session, granted["ids"]["meeting"])
    finally:
        login.dispose()
