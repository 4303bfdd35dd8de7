"""Several `ballast serve` processes on one database (issue #17 item 4),
black-box: two servers on loopback ports with haproxy (Debian's package) in
front of them, both on one PostgreSQL database — and the same on one SQLite
file in WAL mode. A session made through one server works through the other;
a write through one server shows in the next answer of the other, cached
before; the login throttle counts the failures of both; 32 editors at once,
each reading a row's version and writing it back one more, across both
servers, lose no update: every write is 200 or 409 stale, and the rows end
at their start plus the writes that succeeded.

The PostgreSQL case uses $BALLAST_TEST_PG's cluster when it is set, else
starts its own (tests/pg/cluster.sh) for the module and stops it after."""
import json
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

import backend
from conftest import ROOT
from server import PASSWORD, Client, Server, free_port, make_demo

CLUSTER = ROOT / "tests" / "pg" / "cluster.sh"
PAIR_FREE = 5            # failures of one account from one address before it waits
REFS = ["2024-001", "2024-002", "2024-003"]  # the rows the editors share
EDITORS = 32
ROUNDS = 4               # read-version → write, per editor


@pytest.fixture(scope="module")
def pg_base():
    """The connection string of a PostgreSQL cluster: $BALLAST_TEST_PG's, or
    one started for this module (stopped at its end, also on failure)."""
    if backend.PG:
        yield backend.PG
        return
    if not shutil.which("initdb") and not list(
            __import__("glob").glob("/usr/lib/postgresql/*/bin/initdb")):
        pytest.skip("no PostgreSQL server installed (scripts/deps.sh installs postgresql-15)")
    folder = tempfile.mkdtemp(prefix="ballast-multi-pg-")
    r = subprocess.run([str(CLUSTER), "start", folder], capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 0, r.stderr
    try:
        yield r.stdout.strip().splitlines()[-1]
    finally:
        subprocess.run([str(CLUSTER), "stop", folder], capture_output=True, timeout=120)


def pg_database(base, name):
    """A new database name in base's cluster; its connection string."""
    backend.pg_admin(base, f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"')
    return backend.pg_conninfo(base, name)


def sql(db, query, params=()):
    """The rows of query on db, a SQLite file or a PostgreSQL connection
    string (`?` parameters on both)."""
    if isinstance(db, str) and backend.is_pg_target(db):
        con = backend._PgConnection(db)
    else:
        import sqlite3
        con = sqlite3.connect(str(db))
    try:
        return [tuple(r) for r in con.execute(query, params)]
    finally:
        con.close()


class Haproxy:
    """haproxy in front of the servers, round robin, each answer naming the
    server that gave it (X-Served-By: a or b)."""

    def __init__(self, folder, ports):
        self.port = free_port()
        cfg = os.path.join(folder, "haproxy.cfg")
        servers = "\n".join(f"    server {name} 127.0.0.1:{port}"
                            for name, port in zip("ab", ports))
        with open(cfg, "w") as f:
            f.write(f"""global
    maxconn 512
defaults
    mode http
    timeout connect 5s
    timeout client 120s
    timeout server 120s
frontend front
    bind 127.0.0.1:{self.port}
    default_backend ballast
backend ballast
    balance roundrobin
    http-response set-header X-Served-By %s
{servers}
""")
        self.log = open(os.path.join(folder, "haproxy.log"), "w")
        self.proc = subprocess.Popen(["haproxy", "-f", cfg, "-db"], stdout=self.log,
                                     stderr=self.log)
        deadline = time.time() + 20
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("haproxy did not start")

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=30)
        self.log.close()


@pytest.fixture(scope="module", params=["postgresql", "sqlite"])
def farm(request, tmp_path_factory):
    """The demo district on one database, two servers on it and haproxy in
    front: (db, server a, server b, haproxy, the folder of their logs)."""
    if not shutil.which("haproxy"):
        pytest.skip("haproxy is not installed (scripts/deps.sh installs it)")
    folder = tmp_path_factory.mktemp("multi-" + request.param)
    if request.param == "postgresql":
        base = request.getfixturevalue("pg_base")
        db = pg_database(base, "multi_" + str(os.getpid()))
    else:
        if backend.PG:
            pytest.skip("BALLAST_TEST_PG maps every test database to PostgreSQL: "
                        "the postgresql case is this module's run on it")
        db = folder / "d.db"
    make_demo(db)
    # A month on from the demo's day: both servers' daily escalation has 7
    # supervision items to move up (the demo's, counted by `ballast escalate
    # --asof 2024-07-31` on a copy).
    env = {"BALLAST_TODAY": "2024-07-31"}
    # Started together, so that their first escalations meet.
    with ThreadPoolExecutor(max_workers=2) as pool:
        a, b = pool.map(lambda name: Server(db, log=str(folder / f"{name}.log"),
                                            args=["--threads", "4"], env=env), "ab")
    hp = Haproxy(str(folder), [a.port, b.port])
    yield db, a, b, hp, folder
    hp.stop()
    assert a.stop() == 0
    assert b.stop() == 0


def served_by(r):
    """Which server gave r through haproxy (which sends header names in lower
    case)."""
    return {k.lower(): v for k, v in r.headers.items()}.get("x-served-by")


def login(port, name, password):
    c = Client(port)
    r = c.post("/api/v1/session", {"username": name, "password": password})
    if r.status == 200:
        c.csrf = r.json()["csrf"]
    return c, r


def project(c, ref):
    r = c.get(f"/api/v1/projects/{ref}")
    assert r.status == 200, r.body
    return r.json()


def test_a_session_made_through_one_server_works_through_the_other(farm):
    _, a, b, hp, _ = farm
    c, r = login(hp.port, "coord", PASSWORD)
    assert r.status == 200
    first = served_by(r)
    assert first in ("a", "b")
    # round robin: the write goes through the other server, with the cookie
    # and CSRF token the first one gave (a stale version: nothing changes)
    r = c.request("PATCH", "/api/v1/projects/2024-004",
                  {"version": 1_000_000, "name": "x"})
    assert (r.status, r.json()["error"]["code"]) == (409, "stale")
    assert served_by(r) == ("b" if first == "a" else "a")
    # the same session straight to each server
    for port in (a.port, b.port):
        c.port = port
        assert c.get("/api/v1/session").json()["user"]["username"] == "coord"
    # a write without the token is refused by both: the token is the session's
    for port in (a.port, b.port):
        c.port = port
        r = c.request("PATCH", "/api/v1/projects/2024-004", {"version": 1, "name": "x"},
                      csrf=False)
        assert (r.status, r.json()["error"]["code"]) == (403, "csrf")
    # logged out through b, the session is gone on a too
    c.port = b.port
    assert c.delete("/api/v1/session").status == 200
    c.port = a.port
    assert c.get("/api/v1/session").status == 401


def test_a_write_through_b_shows_in_a_cached_answer_of_a(farm):
    _, a, b, _, _ = farm
    ca, _ = login(a.port, "coord", PASSWORD)
    cb, _ = login(b.port, "coord", PASSWORD)
    url = "/api/v1/projects?year=2024&limit=1000"

    def total(c):
        r = c.get(url)
        assert r.status == 200, r.body
        return {p["ref"]: p["total_investment_yuan"] for p in r.json()["items"]}["2024-005"]

    before = total(ca)
    assert total(ca) == before          # the second answer is the cached one
    v = project(cb, "2024-005")["version"]
    r = cb.request("PATCH", "/api/v1/projects/2024-005",
                   {"version": v, "total_investment_yuan": before + 7})
    assert r.status == 200, r.body
    assert total(ca) == before + 7
    assert total(cb) == before + 7


def test_the_login_throttle_counts_both_servers(farm):
    _, a, b, hp, _ = farm
    # 3 failures through a and 2 through b: the pair's five free ones
    got = [login(port, "auditor", "wrong-password")[1].status
           for port in (a.port, a.port, a.port, b.port, b.port)]
    assert got == [401] * PAIR_FREE
    # now both refuse it, the right password too, and so does haproxy
    for port in (a.port, b.port, hp.port):
        r = login(port, "auditor", PASSWORD)[1]
        assert (r.status, r.json()["error"]["code"]) == (429, "throttled")
        retry = {k.lower(): v for k, v in r.headers.items()}["retry-after"]
        assert 1 <= int(retry) <= 30
    # the counts are rows of the database: the pair's, the account's and
    # the address's
    assert sorted(f for f, in sql(farm[0], "SELECT fails FROM login_failures"))[-3:] == [
        PAIR_FREE, PAIR_FREE, PAIR_FREE]


def edit(port, ref, outcome, lock):
    """One editor's round: read the row's version and investment, write it
    back one yuan more naming that version; the status into outcome."""
    c = Client(port)
    c.cookie, c.csrf = edit.session
    r = c.get(f"/api/v1/projects/{ref}")
    assert r.status == 200, r.body
    p = r.json()
    w = c.request("PATCH", f"/api/v1/projects/{ref}",
                  {"version": p["version"], "total_investment_yuan":
                   p["total_investment_yuan"] + 1})
    code = w.json()["error"]["code"] if w.status != 200 else None
    with lock:
        outcome.append((ref, w.status, code, served_by(w)))


def test_32_editors_across_both_servers_lose_no_update(farm):
    db, a, b, hp, _ = farm
    (audit_before,), = sql(db, "SELECT max(id) FROM audit")
    c, r = login(hp.port, "coord", PASSWORD)
    assert r.status == 200
    edit.session = (c.cookie, c.csrf)
    start = {ref: project(c, ref) for ref in REFS}
    outcome, lock = [], threading.Lock()
    jobs = [REFS[(e + k) % len(REFS)] for e in range(EDITORS) for k in range(ROUNDS)]
    with ThreadPoolExecutor(max_workers=EDITORS) as pool:
        list(pool.map(lambda ref: edit(hp.port, ref, outcome, lock), jobs))
    assert len(outcome) == EDITORS * ROUNDS
    # every write is taken or refused as stale: no 500, no 503
    assert sorted({(s, code) for _, s, code, _ in outcome}) == [
        (200, None), (409, "stale")]
    # both servers took writes
    assert {by for _, s, _, by in outcome if s == 200} == {"a", "b"}
    for ref in REFS:
        ok = sum(1 for r_, s, _, _ in outcome if r_ == ref and s == 200)
        stale = sum(1 for r_, s, _, _ in outcome if r_ == ref and s == 409)
        assert ok + stale == jobs.count(ref)
        c.port = a.port
        end = project(c, ref)
        # no lost update: one yuan and one version per write taken, read
        # through either server
        assert end["total_investment_yuan"] == start[ref]["total_investment_yuan"] + ok
        assert end["version"] == start[ref]["version"] + ok
        c.port = b.port
        assert project(c, ref)["total_investment_yuan"] == end["total_investment_yuan"]
        c.port = hp.port
        # and one audit entry per write taken
        assert sql(db, "SELECT count(*) FROM audit WHERE id > ? AND entity = 'project'"
                       " AND entity_key = ? AND action = 'update'",
                   (audit_before, ref)) == [(ok,)]


def test_a_write_undone_by_an_outside_writer_is_run_again(farm):
    """PostgreSQL only: a write from outside ballast (here psycopg2) holds a
    project's row while the server's edit reads it and waits to write it;
    the outside write commits, PostgreSQL refuses the edit (40001), and the
    server runs it again: 409 stale against the version the outside write
    made, not 503 or 500. The outside write changes only the version (the
    edit counter, which `ballast verify` does not compare)."""
    db, a, _, _, _ = farm
    if not (isinstance(db, str) and backend.is_pg_target(db)):
        pytest.skip("PostgreSQL's serialization failure: SQLite's one writer never meets one")
    import psycopg2
    c, _ = login(a.port, "coord", PASSWORD)
    v = project(c, "2024-006")["version"]
    outside = psycopg2.connect(db)
    try:
        cur = outside.cursor()
        cur.execute("UPDATE projects SET version = version + 1 WHERE ref = '2024-006'")
        got = {}
        t = threading.Thread(target=lambda: got.update(r=c.request(
            "PATCH", "/api/v1/projects/2024-006", {"version": v, "industry": "x"})))
        t.start()
        # the edit waits for the row (no timing is asserted: an edit that
        # came later would read the new version and be stale all the same)
        time.sleep(1.5)
        outside.commit()
        t.join(timeout=60)
    finally:
        outside.close()
    r = got["r"]
    assert (r.status, r.json()["error"]["code"]) == (409, "stale")
    assert r.json()["current"]["version"] == v + 1
    assert project(c, "2024-006")["industry"] != "x"


ESCALATED = 7  # the demo's items that move up on 2024-07-31


def test_the_daily_escalation_moves_each_item_once(farm):
    """Both servers run the day's escalation at their start; one at a time
    (the job lock), so the items move up once: 7 in all over both logs, by
    one run, no run failing on the other's writes, 7 audited moves."""
    db, _, _, _, folder = farm
    runs = []
    deadline = time.time() + 30
    while time.time() < deadline:
        runs = [line for name in ("a.log", "b.log")
                for line in open(folder / name, encoding="utf-8").read().splitlines()
                if line.startswith("ballast serve: escalation")]
        if sum(1 for r in runs if "moved up" in r) and sum(
                int(r.split(": ")[2].split()[0]) for r in runs if "moved up" in r) == ESCALATED:
            break
        time.sleep(0.2)
    moved = [int(r.split(": ")[2].split()[0]) for r in runs if "moved up" in r]
    assert [r for r in runs if "moved up" not in r] == []
    assert sorted(m for m in moved if m) == [ESCALATED]
    assert sql(db, "SELECT count(*) FROM audit WHERE actor = 'ballast:escalate'"
                   " AND entity = 'item' AND action = 'update'") == [(ESCALATED,)]


def test_verify_holds_after_the_editors(farm):
    db = farm[0]
    from conftest import run
    r = run("verify", db=db)
    assert r.code == 0, r
