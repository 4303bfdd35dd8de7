"""What only the PostgreSQL backend does (issue #17 item 2): its schema
version table, its migrations under an advisory lock, a newer schema refused,
a database of another program refused, days kept as `date`. Runs in `make
integration-pg` (BALLAST_TEST_PG set); SQLite's own are in test_verify.py and
test_server.py."""
import concurrent.futures

import pytest

import backend
from conftest import run

pytestmark = pytest.mark.skipif(
    not backend.PG, reason="PostgreSQL only: runs in make integration-pg (BALLAST_TEST_PG)")


def version(db):
    con = backend.connect(db)
    try:
        return con.execute("SELECT version, application FROM ballast_schema").fetchall()
    finally:
        con.close()


def test_init_makes_the_schema_and_records_its_version_once(tmp_path):
    db = tmp_path / "a.db"
    r = run("init", db=db)
    assert r.code == 0, r
    rows = version(db)
    assert len(rows) == 1 and rows[0][1] == "ballast"
    # A second init changes nothing.
    r = run("init", db=db)
    assert r.code == 0, r
    assert version(db) == rows


def test_a_newer_schema_is_refused_and_left_alone(tmp_path):
    db = tmp_path / "n.db"
    assert run("init", db=db).code == 0
    (v, _), = version(db)
    con = backend.connect(db)
    con.execute("UPDATE ballast_schema SET version = ?", (v + 1,))
    con.commit()
    con.close()
    r = run("measures", "--year", "2024", db=db)
    assert r.code == 1, r
    assert (f"the database has schema version {v + 1}, newer than this ballast understands "
            f"({v}); use a newer ballast") in r.err
    assert version(db) == [(v + 1, "ballast")]


def test_a_database_of_another_program_is_refused(tmp_path):
    db = tmp_path / "o.db"
    backend.target(db)
    con = backend.connect(db)
    con.execute("CREATE TABLE customers (id BIGINT PRIMARY KEY, name TEXT)")
    con.commit()
    con.close()
    r = run("init", db=db)
    assert r.code == 1, r
    assert "holds tables of another program (no ballast_schema table); use an empty database" \
        in r.err
    con = backend.connect(db)
    tables = [t for (t,) in con.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")]
    con.close()
    assert tables == ["customers"]


def test_a_database_without_the_schema_is_not_opened_as_one(tmp_path):
    db = tmp_path / "e.db"
    r = run("measures", "--year", "2024", db=db)
    assert r.code == 1, r
    assert "is not a ballast database (run 'ballast init' first)" in r.err


def test_two_processes_migrating_a_new_database_at_once_make_one_schema(tmp_path):
    db = tmp_path / "race.db"
    backend.target(db)
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        codes = list(pool.map(lambda _: run("init", db=db).code, range(4)))
    assert codes == [0, 0, 0, 0]
    assert len(version(db)) == 1
    con = backend.connect(db)
    n = con.execute("SELECT count(*) FROM pg_tables WHERE tablename = 'units'").fetchone()[0]
    con.close()
    assert n == 1


def test_days_are_dates_and_read_back_as_iso_text(small):
    con = backend.connect(small)
    kind, = con.execute(
        "SELECT data_type FROM information_schema.columns WHERE table_name = 'projects'"
        " AND column_name = 'signed_on'").fetchone()
    month_kind, = con.execute(
        "SELECT data_type FROM information_schema.columns WHERE table_name = 'reports'"
        " AND column_name = 'month'").fetchone()
    con.close()
    assert (kind, month_kind) == ("date", "text")
    r = run("export", "projects", db=small)
    assert r.code == 0, r
    assert "2024-" in r.out and "00:00" not in r.out


def test_messages_name_the_database_never_its_connection_string(tmp_path):
    db = tmp_path / "p.db"
    target = backend.target(db) + " password=s3cret-word"
    name = backend.pg_name(db)
    r = run("measures", "--year", "2024", db=target)
    assert r.code == 1, r
    assert r.err == (f"ballast: PostgreSQL database {name}: PostgreSQL database {name} is not a "
                     "ballast database (run 'ballast init' first)\n")
    r = run("init", db=target)
    schema = version(db)[0][0]
    assert (r.code, r.err) == (0, f"PostgreSQL database {name}: created (schema {schema})\n")
    r = run("verify", db=target)
    assert r.code == 0, r
    assert "s3cret" not in r.out + r.err and "host=" not in r.out + r.err


def test_the_anchor_log_is_where_ballast_anchor_says_and_only_there(tmp_path):
    """A PostgreSQL database is not a file to keep a log beside: its anchor log
    is the file $BALLAST_ANCHOR names (the harness names DB.anchor, as SQLite
    keeps). Without it, nothing is written and verify says what it could not
    check; a write made without the log shows once the log is back."""
    db, log = tmp_path / "l.db", tmp_path / "l.db.anchor"
    assert run("init", db=db).code == 0
    assert log.read_text().splitlines()[-1].startswith("0 " + "0" * 64 + " ")
    no_log = {"BALLAST_ANCHOR": ""}
    before = log.read_bytes()
    r = run("settings", "set", "contest.named", "4", db=db, env=no_log)
    assert r.code == 0, r
    assert log.read_bytes() == before and not (tmp_path / "l.db.anchor.tmp").exists()
    r = run("verify", db=db, env=no_log)
    assert (r.code, r.err) == (0, "ballast verify: note: no anchor log ($BALLAST_ANCHOR names "
                                  "none): a rewrite of the whole audit chain by the database's "
                                  "owner would not be seen\n")
    assert ", no anchor log to check the head against\nhead: entry 1 " in r.out
    # the same database against its log: the entry written without it is named
    r = run("verify", db=db)
    assert r.code == 1
    assert r.err.splitlines()[0] == (f"ballast verify: audit entries 1 to 1 are not in the "
                                     f"anchor log {log}: written behind ballast's back, or by "
                                     f"a ballast that could not append to the log")
