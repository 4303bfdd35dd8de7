"""Which store the black-box tests run against (issue #17).

Without $BALLAST_TEST_PG the tests use SQLite files, as always. With it (the
connection string of a throwaway cluster, tests/pg/cluster.sh), every database
path a test names stands for a PostgreSQL database of its own, made on first
mention: the same test then runs against PostgreSQL. Tests that look inside
the database use connect() and dump(), which speak both."""
import atexit
import datetime
import hashlib
import os
import re
import shutil
import sqlite3
import tempfile

PG = os.environ.get("BALLAST_TEST_PG", "")
_made = set()


def is_pg_target(s):
    return s.startswith(("postgres://", "postgresql://")) or bool(re.match(r"^\w+=", s))


def _pg_conninfo(dbname):
    base = re.sub(r"\bdbname=\S+", "", PG).strip()
    return f"{base} dbname={dbname}"


def pg_name(path):
    """The PostgreSQL database a test's path stands for."""
    digest = hashlib.sha1(os.path.abspath(str(path)).encode()).hexdigest()[:24]
    return "t_" + digest


def _create(name):
    import psycopg2
    con = psycopg2.connect(PG)
    con.autocommit = True
    try:
        with con.cursor() as cur:
            cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
            if not cur.fetchone():
                cur.execute(f'CREATE DATABASE "{name}"')
    finally:
        con.close()


def env(db):
    """The environment a command on db runs with: on PostgreSQL its anchor
    log ($BALLAST_ANCHOR, docs/postgresql.md) where a SQLite file keeps its
    own, beside the path the test named; so the log's checks hold on both."""
    s = str(db)
    if not PG or is_pg_target(s) or s == ":memory:":
        return {}
    return {"BALLAST_ANCHOR": s + ".anchor"}


def target(db):
    """What --db gets for db (a path, or already a connection string)."""
    s = str(db)
    if not PG or is_pg_target(s) or s == ":memory:":
        return s
    name = pg_name(s)
    if name not in _made:
        _create(name)
        _made.add(name)
    return _pg_conninfo(name)


def _value(v):
    """A value as sqlite3 gives it: bytea as bytes, a date as its ISO text."""
    if isinstance(v, memoryview):
        return bytes(v)
    if isinstance(v, datetime.date):
        return v.isoformat()
    return v


def _row(row):
    """A row as sqlite3 gives it."""
    if row is None:
        return None
    return tuple(_value(v) for v in row)


class _Cursor:
    """psycopg2's cursor with sqlite3's row values."""

    def __init__(self, cur):
        self.cur = cur
        self.rowcount = cur.rowcount

    def fetchone(self):
        return _row(self.cur.fetchone()) if self.cur.description else None

    def fetchall(self):
        return [_row(r) for r in self.cur.fetchall()] if self.cur.description else []

    def __iter__(self):
        return iter(self.fetchall())


class _PgConnection:
    """What the tests use of sqlite3's connection, over psycopg2: execute()
    with `?` parameters, commit(), close()."""

    def __init__(self, conninfo, autocommit=False, readonly=False):
        import psycopg2
        self.con = psycopg2.connect(conninfo)
        self.con.set_session(readonly=readonly, autocommit=autocommit)

    def execute(self, sql, params=()):
        cur = self.con.cursor()
        cur.execute(sql.replace("%", "%%").replace("?", "%s"), tuple(params))
        return _Cursor(cur)

    def executemany(self, sql, rows):
        for params in rows:
            self.execute(sql, params)

    def executescript(self, sql):
        self.con.cursor().execute(sql)

    def commit(self):
        self.con.commit()

    def close(self):
        self.con.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if exc[0] is None:
            self.con.commit()
        else:
            self.con.rollback()
        return False


def connect(db, **kw):
    """A connection to the database a test named, SQLite or PostgreSQL.
    sqlite3's isolation_level=None (autocommit) and a read-only URI
    (f"file:{db}?mode=ro", uri=True) are kept on PostgreSQL."""
    if PG:
        s, ro = str(db), False
        if kw.get("uri") and s.startswith("file:"):
            s, _, query = s[5:].partition("?")
            ro = "mode=ro" in query
        return _PgConnection(target(s), autocommit="isolation_level" in kw
                             and kw["isolation_level"] is None, readonly=ro)
    return sqlite3.connect(str(db), **kw)


def dump(db):
    """The database's content as text, for comparisons between two states of
    the same backend."""
    if not PG:
        con = sqlite3.connect(str(db))
        try:
            return "\n".join(con.iterdump())
        finally:
            con.close()
    con = _PgConnection(target(db))
    try:
        out = []
        tables = [r[0] for r in con.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
            " ORDER BY tablename")]
        for t in tables:
            out.append(f"-- {t}")
            for row in con.execute(f'SELECT * FROM "{t}" ORDER BY 1'):
                out.append(repr(row))
        return "\n".join(out)
    finally:
        con.close()


def sqlite_only(reason):
    """A pytest mark: skip this test on PostgreSQL, saying why."""
    import pytest
    return pytest.mark.skipif(bool(PG), reason=f"SQLite only: {reason}")


def pg_only(reason):
    """A pytest mark: skip this test on SQLite, saying why."""
    import pytest
    return pytest.mark.skipif(not PG, reason=f"PostgreSQL only: {reason}")


def copy_db(src, dst):
    """dst becomes a copy of the database src (with its anchor log, without
    which a SQLite copy would not verify: docs/security.md)."""
    if not PG:
        for suffix in ("", "-wal", "-shm", ".anchor"):
            if os.path.exists(str(dst) + suffix):
                os.remove(str(dst) + suffix)
        # SQLite's backup: consistent while a server has the file open in WAL mode.
        s, d = sqlite3.connect(str(src)), sqlite3.connect(str(dst))
        with d:
            s.backup(d)
        s.close()
        d.close()
        if os.path.exists(str(src) + ".anchor"):
            shutil.copyfile(str(src) + ".anchor", str(dst) + ".anchor")
        return dst
    s, d = pg_name(src), pg_name(dst)
    target(src)
    pg_admin(PG, f'DROP DATABASE IF EXISTS "{d}"', f'CREATE DATABASE "{d}" TEMPLATE "{s}"')
    _made.add(d)
    if os.path.exists(str(src) + ".anchor"):
        shutil.copyfile(str(src) + ".anchor", str(dst) + ".anchor")
    elif os.path.exists(str(dst) + ".anchor"):
        os.remove(str(dst) + ".anchor")
    return dst


def remove(db):
    """The database gone, as if never made: SQLite's file deleted; on
    PostgreSQL an empty database of the same name in its place (its anchor
    log, like SQLite's, stays)."""
    if not PG:
        os.remove(str(db))
        return
    name = pg_name(db)
    pg_admin(PG, f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"')
    _made.add(name)


_templates = {}


def from_template(db, key, make):
    """db becomes a copy of the database make(path) builds, once per test
    process and key. On PostgreSQL every statement is a round trip: the demo
    district takes 3-9 s to build and `init` about one, a copy (CREATE
    DATABASE ... TEMPLATE) a fraction of that; on SQLite a copy saves the
    sanitizer build's start-ups. Tests of `init` and `demo` themselves call the
    binary, never this. A connection string a test made itself (perhaps in
    a cluster of its own) gets make(db) itself."""
    if is_pg_target(str(db)):
        make(str(db))
        return db
    if key not in _templates:
        if not _templates:
            tmp = tempfile.mkdtemp(prefix="ballast-templates-")
            atexit.register(shutil.rmtree, tmp, True)
            _templates[None] = tmp
        path = os.path.join(_templates[None], f"{key}.db")
        make(path)
        _templates[key] = path
    return copy_db(_templates[key], db)


# ---- portA: helpers for tests that touch the schema version or a missing
# database (added for the PostgreSQL run of the black-box suite) ----

def schema_version(db):
    """The database's schema version: SQLite's PRAGMA user_version, or
    PostgreSQL's one-row table ballast_schema (docs/postgresql.md)."""
    con = connect(db)
    try:
        sql = "SELECT version FROM ballast_schema" if PG else "PRAGMA user_version"
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


def set_schema_version(db, version):
    """Set the database's schema version as a newer (or older) ballast would."""
    con = connect(db)
    try:
        if PG:
            con.execute("UPDATE ballast_schema SET version = ?", (int(version),))
        else:
            con.execute(f"PRAGMA user_version = {int(version)}")
        con.commit()
    finally:
        con.close()


def missing(path):
    """What --db gets for a database that was never made: SQLite's path, or on
    PostgreSQL a connection string naming a database not created."""
    s = str(path)
    return _pg_conninfo(pg_name(s)) if PG and not is_pg_target(s) else s


# what a command says of a database that is not there
MISSING_SAYS = "does not exist" if PG else "no database"


def pg_admin(conninfo, *statements):
    """Run statements that take no transaction (CREATE, DROP DATABASE) on the
    cluster of conninfo, one after another."""
    import psycopg2
    con = psycopg2.connect(conninfo)
    con.autocommit = True
    try:
        with con.cursor() as cur:
            for sql in statements:
                cur.execute(sql)
    finally:
        con.close()


def pg_conninfo(base, name):
    """base's connection string, naming the database name instead."""
    return " ".join([p for p in base.split() if not p.startswith("dbname=")] + [f"dbname={name}"])
