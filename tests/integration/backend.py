"""Which store the black-box tests run against (issue #17).

Without $BALLAST_TEST_PG the tests use SQLite files, as always. With it (the
connection string of a throwaway cluster, tests/pg/cluster.sh), every database
path a test names stands for a PostgreSQL database of its own, made on first
mention: the same test then runs against PostgreSQL. Tests that look inside
the database use connect() and dump(), which speak both."""
import hashlib
import os
import re
import sqlite3

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


def _row(row):
    """A row as sqlite3 gives it: bytea as bytes."""
    if row is None:
        return None
    return tuple(bytes(v) if isinstance(v, memoryview) else v for v in row)


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

    def __init__(self, conninfo):
        import psycopg2
        self.con = psycopg2.connect(conninfo)

    def execute(self, sql, params=()):
        cur = self.con.cursor()
        cur.execute(sql.replace("%", "%%").replace("?", "%s"), tuple(params))
        return _Cursor(cur)

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


def connect(db):
    """A connection to the database a test named, SQLite or PostgreSQL."""
    if PG:
        return _PgConnection(target(db))
    return sqlite3.connect(str(db))


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


def copy_db(src, dst):
    """dst becomes a copy of the database src (with its anchor log, without
    which a SQLite copy would not verify: docs/security.md)."""
    if not PG:
        import shutil
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
    import psycopg2
    s, d = pg_name(src), pg_name(dst)
    target(src)
    con = psycopg2.connect(PG)
    con.autocommit = True
    try:
        with con.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{d}"')
            cur.execute(f'CREATE DATABASE "{d}" TEMPLATE "{s}"')
    finally:
        con.close()
    _made.add(d)
    return dst
