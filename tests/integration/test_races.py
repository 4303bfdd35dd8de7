"""Issue #9's server faults, each as the regression test that failed before
its fix: a write lands on the project in its URL (a held body), no lost
update under concurrent editors (projects, reports, listings), nothing of a
body read before the caller is known, drafts only for those who issue, and
an If-Match that is a version or refused.

HARDENING_SECONDS (default 3) sets how long each concurrency test runs;
`make hardening` runs them longer."""
import itertools
import json
import os
import socket
import time

import pytest

import backend

from server import PASSWORD, Server, make_demo

SECONDS = float(os.environ.get("HARDENING_SECONDS", "3"))
SERIAL = itertools.count(1)  # every write's value differs from every other's


def start(tmp_path_factory, name, threads):
    db = tmp_path_factory.mktemp(name) / "d.db"
    make_demo(db, open_plan=True)  # listings edited concurrently: 2024's plan not issued
    return Server(db, log=str(db) + ".log", args=["--threads", str(threads)])


@pytest.fixture(scope="module")
def srv(tmp_path_factory):
    # One worker thread: every connection is served by the same thread, which
    # is what made the capture race happen every time.
    s = start(tmp_path_factory, "races", 1)
    yield s
    assert s.stop() == 0


@pytest.fixture(scope="module")
def busy(tmp_path_factory):
    """Many worker threads, for the concurrent editors."""
    s = start(tmp_path_factory, "busy", 8)
    yield s
    assert s.stop() == 0


def project(c, ref):
    r = c.get(f"/api/v1/projects/{ref}?year=2024")
    assert r.status == 200, r.body
    return r.json()


def audit_rows(db, entity, key):
    con = backend.connect(db)
    try:
        return con.execute("SELECT actor, after FROM audit WHERE entity = ? AND entity_key = ?"
                           " ORDER BY id", (entity, key)).fetchall()
    finally:
        con.close()


def raw_request_head(port, method, path, headers, length):
    """Open a connection and send a request's head only; the body is held."""
    s = socket.create_connection(("127.0.0.1", port), timeout=30)
    head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {length}\r\n"
    head += "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
    s.sendall(head.encode())
    return s


def read_response(s):
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = s.recv(65536)
        if not chunk:
            break
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    status = int(head.split()[1])
    length = 0
    for line in head.split(b"\r\n")[1:]:
        k, _, v = line.partition(b":")
        if k.strip().lower() == b"content-length":
            length = int(v)
    while len(rest) < length:
        chunk = s.recv(65536)
        if not chunk:
            break
        rest += chunk
    return status, rest


def test_held_body_writes_to_the_project_in_its_url(srv):
    """The outside test's reproduction: PATCH 2024-002 with its body held, a
    request for 2024-003 on the same worker, then the body."""
    coord = srv.login("coord")
    before2, before3 = project(coord, "2024-002"), project(coord, "2024-003")
    body = json.dumps({"industry": "光伏组件", "version": before2["version"]}).encode()
    s = raw_request_head(srv.port, "PATCH", "/api/v1/projects/2024-002",
                         {"Cookie": coord.cookie, "X-CSRF-Token": coord.csrf,
                          "Content-Type": "application/json"}, len(body))
    time.sleep(0.2)
    other = srv.client().get("/api/v1/projects/2024-003")
    assert other.status == 401
    s.sendall(body)
    status, answer = read_response(s)
    s.close()
    assert status == 200, answer
    assert json.loads(answer)["ref"] == "2024-002"
    after2, after3 = project(coord, "2024-002"), project(coord, "2024-003")
    assert after2["industry"] == "光伏组件" and after2["version"] == before2["version"] + 1
    assert after3["industry"] == before3["industry"] and after3["version"] == before3["version"]
    last = audit_rows(srv.db, "project", "2024-002")[-1]
    assert last[0] == "user:coord" and json.loads(last[1])["industry"] == "光伏组件"
    assert all(json.loads(a)["industry"] != "光伏组件"
               for _, a in audit_rows(srv.db, "project", "2024-003") if a)


def run_editors(srv, n, get_version, make_request):
    """Rounds of n editors who all read the same version and write at once:
    each request's head and all but the last byte of its body are sent on its
    own connection, then the last bytes go out together, so the server's
    workers handle the n writes at the same moment. Exactly one may win a
    round; a write made against version V and acknowledged as anything but
    V+1 overwrote a write its editor never saw (a lost update)."""
    c = srv.login("coord")
    rounds = max(5, int(SECONDS * 10))
    acks, errors = [], []
    for _ in range(rounds):
        version = get_version(c)
        socks = []
        for _ in range(n):
            value = f"v{next(SERIAL)}"
            method, path, body = make_request(version, value)
            data = json.dumps(body).encode()
            s = raw_request_head(srv.port, method, path,
                                 {"Cookie": c.cookie, "X-CSRF-Token": c.csrf,
                                  "Content-Type": "application/json"}, len(data))
            s.sendall(data[:-1])
            socks.append((s, data[-1:], value))
        time.sleep(0.05)
        for s, last, _ in socks:
            s.sendall(last)
        won = 0
        for s, _, value in socks:
            status, answer = read_response(s)
            s.close()
            if status in (200, 201):
                won += 1
                acks.append((json.loads(answer)["version"], value, version))
            elif status != 409:
                errors.append((status, answer[:200]))
        assert won <= 1 or errors, f"{won} writes won one round"
    assert not errors, errors[:5]
    assert acks, "no write succeeded"
    versions = [v for v, _, _ in acks]
    assert len(versions) == len(set(versions)), "two writes acknowledged the same version"
    lost = [(sent, v) for v, _, sent in acks if v != (sent or 0) + 1]
    assert not lost, f"{len(lost)} of {len(acks)} acknowledged writes were lost updates"
    return [(v, value) for v, value, _ in acks]


def test_concurrent_project_editors_lose_nothing(busy):
    ref = "2024-010"

    def get_version(c):
        return project(c, ref)["version"]

    def put(version, value):
        return "PATCH", f"/api/v1/projects/{ref}", {"industry": value, "version": version}

    start = project(busy.login("coord"), ref)["version"]
    acks = run_editors(busy, 16, get_version, put)
    last_version, last_value = max(acks)
    now = project(busy.login("coord"), ref)
    assert now["version"] == last_version == start + len(acks)
    assert now["industry"] == last_value
    updates = [a for _, a in audit_rows(busy.db, "project", ref)[-len(acks):]]
    assert [json.loads(a)["industry"] for a in updates] == [v for _, v in sorted(acks)]


def test_concurrent_report_editors_lose_nothing(busy):
    ref, month = "2024-011", "2024-07"
    path = f"/api/v1/reports/{ref}/{month}"

    def get_version(c):
        items = c.get(f"/api/v1/reports?month={month}").json()["items"]
        rep = next(i["report"] for i in items if i["ref"] == ref)
        return rep["version"] if rep else None

    def put(version, value):
        body = {"progress": value, "invest_yuan": 1000}
        if version is not None:  # else the first write creates the report
            body["version"] = version
        return "PUT", path, body

    acks = run_editors(busy, 8, get_version, put)
    last_version, last_value = max(acks)
    items = busy.login("coord").get(f"/api/v1/reports?month={month}").json()["items"]
    rep = next(i["report"] for i in items if i["ref"] == ref)
    assert rep["version"] == last_version == len(acks)
    assert rep["progress"] == last_value


def test_concurrent_listing_editors_lose_nothing(busy):
    ref = "2024-012"
    path = f"/api/v1/listings/{ref}/2024"

    def get_version(c):
        items = c.get(f"/api/v1/listings?year=2024&ref={ref}").json()["items"]
        return next(i["version"] for i in items if i["ref"] == ref)

    def put(version, value):
        return "PUT", path, {"annual_plan_yuan": 1000 + int(value[1:]), "tiers": ["district"],
                             "version": version}

    acks = run_editors(busy, 8, get_version, put)
    last_version, last_value = max(acks)
    c = busy.login("coord")
    items = c.get(f"/api/v1/listings?year=2024&ref={ref}").json()["items"]
    now = next(i for i in items if i["ref"] == ref)
    assert now["version"] == last_version
    assert now["annual_plan_yuan"] == 1000 + int(last_value[1:])


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise AssertionError("no VmRSS")


def test_no_body_is_read_before_the_caller_is_known(srv):
    """16 unauthenticated 60 MiB uploads: each is refused from its headers
    (401 before a byte of the body is sent) and memory stays flat."""
    base = rss_kib(srv.proc.pid)
    socks = [raw_request_head(srv.port, "POST", "/api/v1/import/reports",
                              {"Content-Type": "text/csv"}, 60 << 20) for _ in range(16)]
    for s in socks:
        status, body = read_response(s)
        assert status == 401 and json.loads(body)["error"]["code"] == "unauthenticated"
    chunk = b"x" * (1 << 20)
    for s in socks:  # whatever the client still sends is not kept
        try:
            for _ in range(4):
                s.sendall(chunk)
        except OSError:
            pass
        s.close()
    assert rss_kib(srv.proc.pid) - base < 32 * 1024
    # A known user whose role may not import is refused from the headers too.
    leader = srv.login("leader")
    s = raw_request_head(srv.port, "POST", "/api/v1/import/reports",
                         {"Cookie": leader.cookie, "X-CSRF-Token": leader.csrf}, 60 << 20)
    status, body = read_response(s)
    s.close()
    assert status == 403 and json.loads(body)["error"]["code"] == "forbidden"
    # A session write without its CSRF token: 403 csrf, from the headers.
    coord = srv.login("coord")
    s = raw_request_head(srv.port, "POST", "/api/v1/import/reports",
                         {"Cookie": coord.cookie}, 60 << 20)
    status, body = read_response(s)
    s.close()
    assert status == 403 and json.loads(body)["error"]["code"] == "csrf"
    # An admitted upload over the limit (64 MiB): 413 from its Content-Length.
    s = raw_request_head(srv.port, "POST", "/api/v1/import/reports",
                         {"Cookie": coord.cookie, "X-CSRF-Token": coord.csrf}, 65 << 20)
    status, body = read_response(s)
    s.close()
    assert status == 413 and json.loads(body)["error"]["code"] == "too_large"
    assert srv.client().get("/healthz").status == 200


def test_drafts_are_for_those_who_issue(srv):
    leader, s01, coord = srv.login("leader"), srv.login("s01"), srv.login("coord")
    r = leader.get("/api/v1/bulletins/2024-03?format=pdf&draft=1")
    assert r.status == 403 and r.json()["error"]["code"] == "forbidden"
    r = s01.get("/api/v1/bulletins/2024-03?format=html")
    assert r.status == 404 and r.json()["error"]["code"] == "not_issued"
    first = coord.get("/api/v1/bulletins/2024-03?format=html&draft=1")
    assert first.status == 200 and "草稿" in first.body
    again = coord.get("/api/v1/bulletins/2024-03?format=html")
    assert again.status == 200 and again.body == first.body
    assert again.headers["Content-Disposition"] == \
        'inline; filename="bulletin-2024-03-draft.html"'


def test_if_match_is_a_version_or_refused(srv):
    c = srv.login("coord")
    p = project(c, "2024-020")
    v = p["version"]
    for bad in (f"{v}junk", f'"{v}', "", "W/", f"{v} ", "-1", "0x1"):
        r = c.request("PATCH", "/api/v1/projects/2024-020", body={"industry": "X"},
                      headers={"If-Match": bad})
        assert r.status == 400, (bad, r.body)
        assert r.json()["error"]["code"] == "invalid" and r.json()["error"]["field"] == "version"
    assert project(c, "2024-020")["version"] == v
    r = c.request("PATCH", "/api/v1/projects/2024-020", body={"industry": "甲"},
                  headers={"If-Match": f'W/"{v}"'})
    assert r.status == 200 and r.json()["version"] == v + 1
    r = c.request("PATCH", "/api/v1/projects/2024-020", body={"industry": "乙"},
                  headers={"If-Match": str(v)})
    assert r.status == 409 and r.json()["error"]["code"] == "stale"
    assert r.json()["current"]["industry"] == "甲"
    r = c.request("PATCH", "/api/v1/projects/2024-020", body={"industry": "乙"})
    assert r.status == 428 and r.json()["error"]["code"] == "version_required"


def test_a_write_to_a_project_one_cannot_see_is_404(srv):
    """A section writing outside its subtree learns nothing (as on reads)."""
    s01 = srv.login("s01")
    coord = srv.login("coord")
    outside = next(p for p in coord.get("/api/v1/projects?year=2024&limit=1000").json()["items"]
                   if p["section"]["code"] != "S01")
    r = s01.request("PATCH", f"/api/v1/projects/{outside['ref']}",
                    body={"industry": "X", "version": outside["version"]})
    assert r.status == 404 and r.json()["error"]["code"] == "not_found"
    r = s01.put(f"/api/v1/reports/{outside['ref']}/2024-07", {"invest_yuan": 1})
    assert r.status == 404 and r.json()["error"]["code"] == "not_found"
    assert s01.get(f"/api/v1/projects/{outside['ref']}?year=2024").status == 404
