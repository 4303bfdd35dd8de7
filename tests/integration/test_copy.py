"""`ballast copy --from A --to B` (issue #17 item 3): a database copied between
SQLite and PostgreSQL, in either direction and within one backend, then
checked equal. These tests name both backends themselves: a SQLite file by
its path, a PostgreSQL database of a cluster of their own (tests/pg/cluster.sh,
started for the session) or of $BALLAST_TEST_PG's, made fresh per test."""
import os
import pathlib
import re
import sqlite3
import subprocess
import uuid

import pytest

import backend

from conftest import BALLAST, ROOT

CLUSTER = ROOT / "tests" / "pg" / "cluster.sh"


def ballast(*args, anchor=None):
    """The binary; anchor: the PostgreSQL anchor log ($BALLAST_ANCHOR), none
    by default."""
    env = dict(os.environ)
    env.pop("BALLAST_DB", None)
    env.pop("BALLAST_ANCHOR", None)
    if anchor:
        env["BALLAST_ANCHOR"] = str(anchor)
    return subprocess.run([BALLAST, *map(str, args)], capture_output=True, text=True,
                          env=env, timeout=600)


@pytest.fixture(scope="session")
def pg_cluster(tmp_path_factory):
    """The connection string of a PostgreSQL cluster: $BALLAST_TEST_PG's, or
    one started here and stopped at the end."""
    given = os.environ.get("BALLAST_TEST_PG")
    if given:
        yield given
        return
    if not list(pathlib.Path("/usr/lib/postgresql").glob("*/bin/initdb")):
        pytest.skip("no PostgreSQL server installed (/usr/lib/postgresql/*/bin/initdb): "
                    "scripts/deps.sh installs postgresql-15")
    folder = tmp_path_factory.mktemp("pg")
    # Not under the session's folder: as root the server runs as `postgres`,
    # which may not enter pytest's (mode 0700); and a Unix socket's path has
    # at most 107 bytes.
    d = pathlib.Path(f"/tmp/bl-copy-{uuid.uuid4().hex[:8]}")
    started = subprocess.run(["sh", str(CLUSTER), "start", str(d)], capture_output=True,
                             text=True, timeout=120)
    (folder / "cluster.log").write_text(started.stderr)
    assert started.returncode == 0, started.stderr
    try:
        yield started.stdout.strip()
    finally:
        subprocess.run(["sh", str(CLUSTER), "stop", str(d)], capture_output=True, timeout=120)


@pytest.fixture
def new_pg(pg_cluster):
    """Make a new, empty PostgreSQL database; its connection string."""
    made = []

    def make():
        name = "copy_" + uuid.uuid4().hex[:12]
        backend.pg_admin(pg_cluster, f'CREATE DATABASE "{name}"')
        made.append(name)
        return backend.pg_conninfo(pg_cluster, name)

    yield make
    backend.pg_admin(pg_cluster, *(f'DROP DATABASE IF EXISTS "{name}"' for name in made))


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """A SQLite demo district (read only by the tests)."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    r = ballast("demo", "--db", path)
    assert r.returncode == 0, r.stderr
    return path


def sqlite_dump(path):
    con = sqlite3.connect(str(path))
    try:
        return "\n".join(con.iterdump())
    finally:
        con.close()


def pg_rows(conninfo, sql):
    import psycopg2
    con = psycopg2.connect(conninfo)
    try:
        cur = con.cursor()
        cur.execute(sql)
        return cur.fetchall()
    finally:
        con.close()


def counts(path):
    """Tables (without SQLite's own) and their rows in total."""
    con = sqlite3.connect(str(path))
    try:
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'")]
        rows = sum(con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables)
        return len(tables), rows
    finally:
        con.close()


def head(path):
    con = sqlite3.connect(str(path))
    try:
        i, h = con.execute("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
        return i, h.hex() if isinstance(h, bytes) else h
    finally:
        con.close()


def summary(path):
    tables, rows = counts(path)
    i, h = head(path)
    return (f"copied: {tables} tables, {rows} rows, equal row by row; {i} audit entries "
            f"chained, sound\nhead: entry {i} {h}\n")


def shown(conninfo):
    """How ballast names a PostgreSQL database in its messages: never with its
    connection string (store_describe)."""
    return "PostgreSQL database " + re.search(r"dbname=(\S+)", conninfo).group(1)


def verified(db):
    r = ballast("verify", "--db", db)
    assert r.returncode == 0, r.stderr
    return r.stdout


def measures(db):
    r = ballast("measures", "--year", 2025, "--format", "json", "--db", db)
    assert r.returncode == 0, r.stderr
    return r.stdout


def test_sqlite_to_postgresql_and_back_is_the_same_database(demo, new_pg, tmp_path):
    pg = new_pg()
    back = tmp_path / "back.db"

    there = ballast("copy", "--from", demo, "--to", pg)
    assert there.returncode == 0, there.stderr
    assert there.stdout == summary(demo)
    assert "ballast copy: reports: 1651 rows\n" in there.stderr
    assert "ballast copy: units: 13 rows\n" in there.stderr

    again = ballast("copy", "--from", pg, "--to", back)
    assert again.returncode == 0, again.stderr
    assert again.stdout == summary(demo)
    assert ("ballast copy: note: the source is PostgreSQL without an anchor log "
            "($BALLAST_ANCHOR names none): the copy's anchor log starts at the copied head\n"
            ) in again.stderr

    # Row for row, value for value, type for type (the audit hashes stay
    # blobs in TEXT columns), rowids of settings and workdays included.
    assert sqlite_dump(back) == sqlite_dump(demo)
    i, h = head(demo)
    rows = verified(demo).split(", ")[1]
    for db in (demo, pg, back):
        assert verified(db).endswith(f"head: entry {i} {h}\n")
    # Without $BALLAST_ANCHOR PostgreSQL keeps no anchor log: verify says so
    # rather than naming one.
    # (named without its connection string: store_describe)
    assert verified(pg) == (f"{shown(pg)}: sound; {i} audit entries chained, {rows}, no anchor log "
                            f"to check the head against\nhead: entry {i} {h}\n")
    assert measures(pg) == measures(demo)
    assert measures(back) == measures(demo)
    anchors = (tmp_path / "back.db.anchor").read_text().splitlines()
    assert anchors[2] == (f"# copied (ballast copy) from a database without an anchor log at "
                          f"entry {i}: the trail before this line was not anchored")
    assert anchors[3].startswith(f"{i} {h} ")
    assert len(anchors) == 4


def test_postgresql_ids_continue_after_the_copied_ones(demo, new_pg):
    pg = new_pg()
    assert ballast("copy", "--from", demo, "--to", pg).returncode == 0
    (top_user,), = pg_rows(pg, "SELECT max(id) FROM users")
    (top_audit,), = pg_rows(pg, "SELECT max(id) FROM audit")

    r = subprocess.run([BALLAST, "user", "add", "copied", "--role", "auditor", "--db", pg],
                       input="Copied-Pass-2025\n", capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert pg_rows(pg, "SELECT id FROM users WHERE username = 'copied'") == [(top_user + 1,)]
    assert pg_rows(pg, "SELECT max(id) FROM audit") == [(top_audit + 1,)]
    s = ballast("settings", "set", "bulletin.title", "复制后", "--db", pg)
    assert s.returncode == 0, s.stderr
    assert pg_rows(pg, "SELECT rowid, key FROM settings") == [(1, "bulletin.title")]
    verified(pg)


def test_postgresql_to_postgresql(demo, new_pg):
    a, b = new_pg(), new_pg()
    assert ballast("copy", "--from", demo, "--to", a).returncode == 0
    r = ballast("copy", "--from", a, "--to", b)
    assert r.returncode == 0, r.stderr
    assert r.stdout == summary(demo)
    assert measures(b) == measures(demo)


def test_sqlite_to_sqlite_keeps_the_anchors(demo, tmp_path):
    out = tmp_path / "out.db"
    r = ballast("copy", "--from", demo, "--to", out)
    assert r.returncode == 0, r.stderr
    assert r.stdout == summary(demo)
    assert sqlite_dump(out) == sqlite_dump(demo)
    i, h = head(demo)
    # The source's anchors, without its pending lines (each written before
    # its commit, which the copy holds).
    source = [ln for ln in pathlib.Path(f"{demo}.anchor").read_text().splitlines()
              if not ln.startswith(("#", "P "))]
    copied = pathlib.Path(f"{out}.anchor").read_text().splitlines()
    assert copied[2] == f"# copied (ballast copy) from {demo} up to entry {i}"
    assert [ln.split()[:2] for ln in copied[3:]] == [ln.split()[:2] for ln in source]
    assert verified(out) == (f"{out}: sound; {i} audit entries chained, "
                             f"{verified(demo).split(', ')[1]}, anchored in {out}.anchor at "
                             f"entry {i}\nhead: entry {i} {h}\n")


def test_the_anchors_go_through_postgresql_with_its_log(demo, new_pg, tmp_path):
    """With $BALLAST_ANCHOR, a PostgreSQL target's log is the SQLite source's
    anchors, and a SQLite copy of it takes them from that log."""
    pg, log, back = new_pg(), tmp_path / "pg.anchor", tmp_path / "back.db"
    r = ballast("copy", "--from", demo, "--to", pg, anchor=log)
    assert r.returncode == 0, r.stderr
    i, h = head(demo)
    source = [ln.split()[:2] for ln in pathlib.Path(f"{demo}.anchor").read_text().splitlines()
              if not ln.startswith(("#", "P "))]
    lines = log.read_text().splitlines()
    assert lines[2] == f"# copied (ballast copy) from {demo} up to entry {i}"
    assert [ln.split()[:2] for ln in lines[3:]] == source
    r = ballast("verify", "--db", pg, anchor=log)
    assert (r.returncode, r.stderr) == (0, "")
    assert r.stdout.endswith(f"anchored in {log} at entry {i}\nhead: entry {i} {h}\n")
    assert r.stdout.startswith(f"{shown(pg)}: sound; {i} audit entries chained, ")
    # a write through ballast appends its head; then back to SQLite with the log
    assert ballast("settings", "set", "contest.named", "4", "--db", pg, anchor=log).returncode == 0
    (j, g), = pg_rows(pg, "SELECT id, encode(hash, 'hex') FROM audit ORDER BY id DESC LIMIT 1")
    assert j == i + 1 and log.read_text().splitlines()[-1].split()[:2] == [str(j), g]
    r = ballast("copy", "--from", pg, "--to", back, anchor=log)
    assert r.returncode == 0, r.stderr
    copied = (tmp_path / "back.db.anchor").read_text().splitlines()
    assert copied[2] == f"# copied (ballast copy) from {log} up to entry {j}"
    assert [ln.split()[:2] for ln in copied[3:]] == source + [[str(j), g]]
    assert verified(back).endswith(f"anchored in {back}.anchor at entry {j}\n"
                                   f"head: entry {j} {g}\n")


def test_two_postgresql_databases_cannot_share_one_anchor_log(demo, new_pg, tmp_path):
    a, b, log = new_pg(), new_pg(), tmp_path / "a.anchor"
    assert ballast("copy", "--from", demo, "--to", a, anchor=log).returncode == 0
    kept = log.read_bytes()
    r = ballast("copy", "--from", a, "--to", b, anchor=log)
    assert (r.returncode, r.stdout) == (1, "")
    assert r.stderr == (f"ballast copy: $BALLAST_ANCHOR names one anchor log ({log}), but "
                        f"{shown(a)} and {shown(b)} are two PostgreSQL databases: copy without "
                        f"it, then give the copy's servers a log of their own\n")
    # nothing written: the target empty, the source's log as it was
    assert pg_rows(b, "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()"
                   ) == [(0,)]
    assert log.read_bytes() == kept


def test_a_target_that_holds_data_is_refused_and_left_alone(demo, new_pg, tmp_path):
    pg = new_pg()
    assert ballast("copy", "--from", demo, "--to", pg).returncode == 0
    before = pg_rows(pg, "SELECT id, hash FROM audit ORDER BY id")

    r = ballast("copy", "--from", demo, "--to", pg)
    assert r.returncode == 1
    assert r.stdout == ""
    assert r.stderr == (f"ballast copy: {shown(pg)} is not empty (table "
                        "applications holds rows); copy writes only a new SQLite file or an "
                        "empty database, and wrote nothing\n")
    assert pg_rows(pg, "SELECT id, hash FROM audit ORDER BY id") == before

    full = tmp_path / "full.db"
    full.write_bytes(demo.read_bytes())
    r = ballast("copy", "--from", demo, "--to", full)
    assert r.returncode == 1
    assert r.stderr == (f"ballast copy: {full} is not empty (table applications holds rows); "
                        "copy writes only a new SQLite file or an empty database, and wrote "
                        "nothing\n")
    assert full.read_bytes() == demo.read_bytes()

    taken = tmp_path / "taken.db"
    taken.write_bytes(b"not ours")
    r = ballast("copy", "--from", demo, "--to", taken)
    assert r.returncode == 1
    assert r.stderr == (f"ballast copy: {taken} cannot be read as a database (file is not a "
                        "database); copy writes only a new SQLite file or an empty database, "
                        "and wrote nothing\n")
    assert taken.read_bytes() == b"not ours"


def test_an_empty_sqlite_database_is_a_target(demo, tmp_path):
    # What `ballast init` makes, or a copy that was killed before its commit
    # leaves: ballast's tables, no row.
    empty = tmp_path / "empty.db"
    assert ballast("init", "--db", empty).returncode == 0
    r = ballast("copy", "--from", demo, "--to", empty)
    assert r.returncode == 0, r.stderr
    assert r.stdout == summary(demo)
    verified(empty)


def test_a_missing_source(tmp_path):
    r = ballast("copy", "--from", tmp_path / "none.db", "--to", tmp_path / "out.db")
    assert r.returncode == 1
    assert r.stderr == (f"ballast copy: no database at {tmp_path}/none.db (No such file or "
                        "directory)\n")
    assert sorted(os.listdir(tmp_path)) == []


def test_an_older_source_is_refused_and_not_upgraded(demo, tmp_path):
    old = tmp_path / "old.db"
    old.write_bytes(demo.read_bytes())
    con = sqlite3.connect(str(old))
    (v,), = con.execute("PRAGMA user_version")
    con.execute(f"PRAGMA user_version = {v - 1}")
    con.commit()
    con.close()

    r = ballast("copy", "--from", old, "--to", tmp_path / "out.db")
    assert r.returncode == 1
    assert r.stderr == (f"ballast copy: {old} has schema version {v - 1}, older than this "
                        f"ballast's {v}; copy never changes its source: upgrade it first (any "
                        "ballast command that opens it does, e.g. 'ballast verify --db' with "
                        "it; back it up before), then copy\n")
    con = sqlite3.connect(str(old))
    assert con.execute("PRAGMA user_version").fetchone() == (v - 1,)
    con.close()
    assert not (tmp_path / "out.db").exists()


def test_a_failed_copy_leaves_the_target_as_it_was(demo, new_pg, tmp_path):
    # A value SQLite keeps in an INTEGER column and PostgreSQL's bigint refuses.
    odd = tmp_path / "odd.db"
    odd.write_bytes(demo.read_bytes())
    con = sqlite3.connect(str(odd))
    con.execute("UPDATE reports SET invest = 'many' WHERE id = 7")
    con.commit()
    con.close()
    pg = new_pg()

    r = ballast("copy", "--from", odd, "--to", pg)
    assert r.returncode == 1
    assert ('\nballast copy: cannot write reports: invalid input syntax for type '
            'bigint: "many"\n') in r.stderr
    # The schema the copy made stays, every table empty; a later copy takes it.
    assert pg_rows(pg, "SELECT count(*) FROM audit") == [(0,)]
    assert pg_rows(pg, "SELECT count(*) FROM units") == [(0,)]
    assert ballast("copy", "--from", demo, "--to", pg).returncode == 0

    # A SQLite target the copy made is removed: a report of a project that
    # is not there fails the foreign keys at the commit.
    con = sqlite3.connect(str(odd))
    con.execute("UPDATE reports SET invest = 1, project_id = 99999 WHERE id = 7")
    con.commit()
    con.close()
    out = tmp_path / "out.db"
    r = ballast("copy", "--from", odd, "--to", out)
    assert r.returncode == 1
    assert r.stderr.endswith(f"\nballast copy: {out}: the copy cannot commit: "
                             "FOREIGN KEY constraint failed\n")
    assert [p for p in os.listdir(tmp_path) if p.startswith("out.db")] == []


def test_usage():
    r = ballast("copy", "--from", "a.db")
    assert r.returncode == 2
    assert r.stderr.startswith("usage: ballast copy --from DB --to DB\n")
    h = ballast("copy", "--help")
    assert h.returncode == 0
    assert h.stdout.startswith("usage: ballast copy --from DB --to DB\n")


def test_old_hashes_files_and_rowids_come_back_the_same(demo, new_pg, tmp_path):
    # A trail begun before schema 7 kept its hashes as 64 hex digits of text;
    # later entries are 32-byte blobs. PostgreSQL's bytea holds the digits as
    # bytes, and a copy back into SQLite makes them text again.
    old = tmp_path / "old.db"
    old.write_bytes(demo.read_bytes())
    (tmp_path / "old.db.anchor").write_bytes(pathlib.Path(f"{demo}.anchor").read_bytes())
    con = sqlite3.connect(str(old))
    con.execute("UPDATE audit SET hash = lower(hex(hash)), prev_hash = lower(hex(prev_hash))"
                " WHERE id <= 100")
    con.commit()
    assert con.execute("SELECT typeof(hash), count(*) FROM audit GROUP BY 1 ORDER BY 1"
                       ).fetchall() == [("blob", head(demo)[0] - 100), ("text", 100)]
    con.close()
    # An issued bulletin: its HTML, PDF and XLSX as blobs (bytea) of about a MB.
    r = ballast("bulletin", "--month", "2024-06", "--issue", "--yes", "--actor",
                "coordinator:wang", "--db", old)
    assert r.returncode == 0, r.stderr
    # Settings keep SQLite's rowid (PostgreSQL's rowid column): one with a gap.
    for args in (("set", "bulletin.title", "一"), ("set", "bulletin.issuer", "二"),
                 ("unset", "bulletin.title")):
        assert ballast("settings", *args, "--db", old).returncode == 0
    pg, back = new_pg(), tmp_path / "back.db"

    assert ballast("copy", "--from", old, "--to", pg).returncode == 0
    (n, first), = pg_rows(pg, "SELECT length(hash), hash FROM audit WHERE id = 1")
    assert n == 64
    con = sqlite3.connect(str(old))
    assert bytes(first).decode() == con.execute("SELECT hash FROM audit WHERE id = 1"
                                                ).fetchone()[0]
    con.close()
    r = ballast("copy", "--from", pg, "--to", back)
    assert r.returncode == 0, r.stderr
    assert sqlite_dump(back) == sqlite_dump(old)
    assert pg_rows(pg, "SELECT rowid, key FROM settings") == [(2, "bulletin.issuer")]
    con = sqlite3.connect(str(old))
    files = con.execute("SELECT html, pdf, xlsx FROM bulletins").fetchall()
    con.close()
    assert [tuple(bytes(v) for v in row)
            for row in pg_rows(pg, "SELECT html, pdf, xlsx FROM bulletins")] == files
    con = sqlite3.connect(str(back))
    assert con.execute("SELECT rowid, key FROM settings").fetchall() == [(2, "bulletin.issuer")]
    con.close()
    verified(pg)
    verified(back)
