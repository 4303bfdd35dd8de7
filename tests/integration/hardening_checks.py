"""The hardening checks of issue #9, shared by test_hardening.py (the short
forms, run by `make check`) and tests/hardening/run.py (the full forms, run by
`make hardening`): kill -9 during imports and during HTTP writes, the
permission matrix role x route read from src/http/routes.c and
src/core/access.c, injection payloads over every query parameter and path
capture, and the security headers. Every check returns a Tally: tries, and what failed.

All traffic goes to a `ballast serve` on 127.0.0.1."""
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import threading
import time
import urllib.parse

import backend

from conftest import BALLAST, ROOT, run
from server import Response, Server, make_demo


class Tally:
    """Tries of one check and the failures among them (one line each)."""

    def __init__(self, name):
        self.name = name
        self.tries = 0
        self.failures = []
        self.notes = {}

    def ok(self, cond, what):
        self.tries += 1
        if not cond:
            self.failures.append(what)
        return cond

    def note(self, key, n=1):
        self.notes[key] = self.notes.get(key, 0) + n

    @property
    def passed(self):
        return self.tries - len(self.failures)

    def __repr__(self):
        head = f"{self.name}: {self.tries} tries, {len(self.failures)} failed {self.notes}"
        return "\n  ".join([head] + self.failures[:20])


def fresh_copy(src, dst):
    """A copy of the database src with its anchor log (docs/security.md
    "Tamper evidence"): a copy without it would not verify."""
    return backend.copy_db(src, dst)


def counts(db, tables=("reports", "audit")):
    con = backend.connect(db)
    try:
        return tuple(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables)
    finally:
        con.close()


def sanitizer_reports(log_path):
    """The lines of a server log that a sanitizer wrote (empty when none)."""
    try:
        with open(log_path, encoding="utf-8", errors="replace") as f:
            return [line.rstrip() for line in f
                    if "runtime error" in line or "Sanitizer" in line]
    except FileNotFoundError:
        return []


# ---- crash consistency: kill -9 during `ballast import` ----

def import_fixture(workdir, first_year=2012):
    """The demo district and a reports file for all its projects and the
    months from first_year to 2023-10 (before the demo's own reports), about
    23,000 rows: an import of about a second under the sanitizers."""
    base = workdir / "import-base.db"
    r = run("demo", "--asof", "2024-06-30", db=base)
    assert r.code == 0, r
    con = backend.connect(base)
    refs = [x[0] for x in con.execute("SELECT ref FROM projects ORDER BY ref")]
    con.close()
    big = workdir / "big.csv"
    with open(big, "w", encoding="utf-8") as f:
        f.write("ref,month,invest,output,progress\n")
        for y in range(first_year, 2024):
            for m in range(1, 13 if y < 2023 else 11):
                for i, ref in enumerate(refs):
                    f.write(f"{ref},{y}-{m:02d},{(y * 13 + m * 7 + i) % 500 + 1},0,"
                            f"第{y}年{m}月进度\n")
    return base, big


def import_kill(tally, workdir, tries, rng):
    """Kill `ballast import reports BIG.csv` at spread-out random moments;
    after each, `ballast verify` is sound and the counts of reports and audit
    entries are those before the import or those after it."""
    base, big = import_fixture(workdir)
    before = counts(base)
    full = fresh_copy(base, workdir / "import-full.db")
    t0 = time.monotonic()
    r = run("import", "reports", big, db=full)
    span = time.monotonic() - t0
    assert r.code == 0, r
    after = counts(full)
    assert after[0] > before[0] + 20000, (before, after)
    db = workdir / "import-kill.db"
    for i in range(tries):
        fresh_copy(base, db)
        # Stratified: try i lands in the i-th slice of 0 .. 1.2 x the import's time.
        delay = span * 1.2 * (i + rng.random()) / tries
        p = subprocess.Popen([BALLAST, "import", "reports", str(big), "--db", backend.target(db)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             env={**os.environ, **backend.env(db)})
        time.sleep(delay)
        done = p.poll() is not None
        if not done:
            p.send_signal(signal.SIGKILL)
        p.wait()
        tally.note("finished before the kill" if done else "killed")
        v = run("verify", db=db)
        got = counts(db)
        state = "before" if got == before else "after" if got == after else "neither"
        tally.note(f"counts {state}")
        tally.ok(v.code == 0 and state != "neither",
                 f"import kill at {delay:.3f}s: verify exit {v.code} {v.err.strip()}; "
                 f"counts {got}, before {before}, after {after}")
    return tally


# ---- crash consistency: kill -9 of the server under concurrent writes ----

Q = "year=2024&asof=2024-06-30"


def server_fixture(workdir):
    """The demo district with its accounts, and a bearer token of coord."""
    base = workdir / "server-base.db"
    make_demo(base)
    r = run("user", "token", "coord", db=base)
    assert r.code == 0, r
    return base, r.out.strip()


class Writer(threading.Thread):
    """Writes one row over and over until the server goes away; remembers the
    last write acknowledged and the last one attempted."""

    def __init__(self, port, token, kind, key):
        super().__init__(daemon=True)
        self.port, self.token, self.kind, self.key = port, token, kind, key
        self.acked = 0
        self.attempted = 0
        self.error = None

    def req(self, conn, method, path, body=None):
        h = {"Authorization": "Bearer " + self.token}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            h["Content-Type"] = "application/json"
        conn.request(method, path, body=data, headers=h)
        r = conn.getresponse()
        return r.status, json.loads(r.read() or b"null")

    def run(self):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            if self.kind == "project":
                path = f"/api/v1/projects/{self.key}"
                st, doc = self.req(conn, "GET", path + "?" + Q)
                version = doc["version"]
            elif self.kind == "report":
                path = f"/api/v1/reports/{self.key}/2024-07"
                version = None
            while True:
                i = self.attempted + 1
                self.attempted = i
                if self.kind == "project":
                    st, doc = self.req(conn, "PUT", path, {"industry": f"w-{i}",
                                                           "version": version})
                    ok = st == 200
                    version = doc.get("version") if ok else version
                elif self.kind == "report":
                    body = {"invest_yuan": i}
                    if version is not None:
                        body["version"] = version
                    st, doc = self.req(conn, "PUT", path, body)
                    ok = st in (200, 201)
                    version = doc.get("version") if ok else version
                else:
                    # The same target each time (targets are keyed by their
                    # scope and due day): its value is the write's number.
                    st, doc = self.req(conn, "POST", "/api/v1/targets",
                                       {"year": 2024, "measure": "new_starts",
                                        "due": "2024-11-11", "value": i})
                    ok = st == 201
                if not ok:
                    self.error = f"{self.kind} write {i}: {st} {doc}"
                    return
                self.acked = i
        except (OSError, http.client.HTTPException, ValueError):
            return  # the server was killed
        finally:
            conn.close()


def server_kill(tally, workdir, tries, rng, writers=3):
    """Kill -9 a server while threads write projects, reports and targets;
    after each kill `ballast verify` is sound and every acknowledged write is
    in the database (the row holds the last acknowledged write or the one in
    flight)."""
    base, token = server_fixture(workdir)
    con = backend.connect(base)
    refs = [x[0] for x in con.execute(
        "SELECT ref FROM projects ORDER BY ref LIMIT ?", (writers * 2,))]
    con.close()
    db = workdir / "server-kill.db"
    for i in range(tries):
        fresh_copy(base, db)
        log = str(workdir / f"server-kill-{i}.log")
        s = Server(db, log=log)
        ws = ([Writer(s.port, token, "project", refs[k]) for k in range(writers)] +
              [Writer(s.port, token, "report", refs[writers + k]) for k in range(writers)] +
              [Writer(s.port, token, "target", None)])
        for w in ws:
            w.start()
        time.sleep(0.3 + rng.random() * 1.2)
        s.proc.send_signal(signal.SIGKILL)
        s.proc.wait()
        s.log.close()
        for w in ws:
            w.join(timeout=30)
        v = run("verify", db=db)
        problems = [w.error for w in ws if w.error]
        con = backend.connect(db)
        for w in ws:
            if w.kind == "project":
                got = con.execute("SELECT industry FROM projects WHERE ref=?",
                                  (w.key,)).fetchone()[0]
                k = int(got[2:]) if got and got.startswith("w-") else 0
            elif w.kind == "report":
                row = con.execute("SELECT r.invest FROM reports r JOIN projects p ON "
                                  "p.id = r.project_id WHERE p.ref=? AND r.month='2024-07'",
                                  (w.key,)).fetchone()
                k = row[0] if row else 0
            else:
                row = con.execute("SELECT value FROM targets WHERE measure='new_starts' "
                                  "AND due='2024-11-11'").fetchone()
                k = row[0] if row else 0
            if not w.acked <= k <= w.attempted:
                problems.append(f"{w.kind} {w.key}: stored write {k}, acknowledged "
                                f"{w.acked}, attempted {w.attempted}")
        con.close()
        acked = sum(w.acked for w in ws)
        tally.note("writes acknowledged", acked)
        tally.ok(v.code == 0 and acked > 0 and not problems,
                 f"server kill {i}: verify exit {v.code} {v.err.strip()}; "
                 f"{acked} writes acknowledged; {problems}")
    return tally


# ---- the route table and the permission matrix, read from the sources ----

ROUTE_RE = re.compile(r'\{\s*"(\w+)",\s*(API\s*)?"([^"]*)",\s*(\w+),\s*(RES_\w+),\s*(ACT_\w+),'
                      r'\s*([\w|]+)\s*\}')


def routes_from_source():
    """[(method, pattern, handler, resource, action, flags)] of routes.c."""
    text = (ROOT / "src" / "http" / "routes.c").read_text(encoding="utf-8")
    table = text[text.index("routes[] = {"):]
    table = table[:table.index("};")]
    out = []
    for m in ROUTE_RE.finditer(table):
        method, api, path, fn, res, act, flags = m.groups()
        out.append((method, ("/api/v1" if api else "") + path, fn, res, act,
                    set(flags.split("|")) - {"0"}))
    assert len(out) == table.count("{ \""), "a route line routes_from_source cannot read"
    return out


def access_matrix():
    """{role key: {RES_X: set of ACT_Y}} of access.c's matrix."""
    text = (ROOT / "src" / "core" / "access.c").read_text(encoding="utf-8")
    body = text[text.index("matrix[ROLE__MAX][RES__MAX] = {"):]
    body = body[:body.index("\n};")]
    letters = {"R": "ACT_READ", "W": "ACT_WRITE", "V": "ACT_VERIFY"}
    out = {}
    for role, cells in re.findall(r"\[ROLE_(\w+)\]\s*=\s*\{(.*?)\}", body, re.S):
        out[role.lower()] = {res: {letters[x.strip()] for x in acts.split("|")}
                             for res, acts in re.findall(r"\[(RES_\w+)\]\s*=\s*([RWV |]+)",
                                                         cells)}
    return out


# The account that plays each role (server.py's ROLES).
ROLE_USER = {"admin": "admin", "coordinator": "coord", "section": "s01",
             "department": "dept", "leader": "leader", "auditor": "auditor"}


def query_params_from_source():
    """Every query parameter a handler reads: req_query(rq, "x") and the
    params.c helpers that take the key (parse_bool_param(rq, rs, "x"))."""
    keys = set()
    for f in sorted((ROOT / "src" / "http").glob("*.c")):
        text = f.read_text(encoding="utf-8")
        keys |= set(re.findall(r'req_query\(\s*rq,\s*"(\w+)"\s*\)', text))
        keys |= set(re.findall(r'_param\(\s*rq,\s*rs,\s*"(\w+)"', text))
    # The parameter table that both the CLI and the API read (io/scope_params.c).
    table = (ROOT / "src" / "io" / "scope_params.c").read_text(encoding="utf-8")
    keys |= set(re.findall(r'\[SP_\w+\] = (?:ROW|PICK|COUNT)\("(\w+)"', table))
    return keys


# ---- security headers ----

def header_problems(resp, what):
    """What is missing from resp's headers (a list; empty when all is well)."""
    h = {k.lower(): v for k, v in resp.headers.items()}
    out = []
    if h.get("x-content-type-options") != "nosniff":
        out.append("X-Content-Type-Options: nosniff")
    if h.get("referrer-policy") not in ("no-referrer", "same-origin", "strict-origin",
                                        "strict-origin-when-cross-origin"):
        out.append("Referrer-Policy")
    csp = h.get("content-security-policy", "")
    if h.get("x-frame-options") != "DENY" and "frame-ancestors 'none'" not in csp:
        out.append("frame protection (X-Frame-Options: DENY or frame-ancestors 'none')")
    ctype = h.get("content-type", "")
    if (ctype.startswith("text/html") or ctype.startswith("application/json")) and (
            "default-src" not in csp or "frame-ancestors 'none'" not in csp):
        out.append(f"Content-Security-Policy with default-src and frame-ancestors on {ctype}")
    if "server" in h or "x-powered-by" in h:
        out.append("no Server / X-Powered-By header")
    for k, v in h.items():
        if re.search(r"ballast/|microhttpd|MHD", v):
            out.append(f"the software named in {k}: {v}")
    return [f"{what}: {x}" for x in out]


# ---- injection payloads ----

# One GET request per parameter: the route that reads it, with the other
# parameters it needs, and the content types its success may have (besides JSON).
P = "/api/v1/projects?" + Q
PARAM_ROUTES = {
    "year": [P, "/api/v1/measures?asof=2024-06-30", "/api/v1/targets?asof=2024-06-30",
             "/api/v1/listings", "/api/v1/projects/2024-001", "/api/v1/change-requests",
             "/api/v1/ledger", "/api/v1/taxes", "/api/v1/funds"],  # revenue sharing
    "asof": [P, "/api/v1/measures?year=2024", "/api/v1/warnings", "/api/v1/targets",
             "/api/v1/projects/2024-001"],
    "industrial": [P, "/api/v1/measures?" + Q], "tier": [P, "/api/v1/measures?" + Q],
    "light": [P, "/api/v1/warnings?asof=2024-06-30"], "stage": [P, "/api/v1/measures?" + Q],
    "reached": [P, "/api/v1/reports?month=2024-06"], "not_reached": [P],
    "due_start": [P], "kind": [P, "/api/v1/measures?" + Q],
    "unit": ["/api/v1/indicators?year=2024"], "indicator": ["/api/v1/indicators?year=2024"],
    "include_drafts": ["/api/v1/measures?" + Q, "/api/v1/targets?year=2024",
                       "/api/v1/warnings?asof=2024-06-30"],
    "check": ["/api/v1/targets?year=2024"],
    "version": ["/api/v1/bulletins/2024-06?format=html"], "reached_from": [P + "&reached=started"],
    "section": [P, "/api/v1/measures?" + Q, "/api/v1/warnings?asof=2024-06-30",
                "/api/v1/reports?month=2024-06"],
    "department": [P, "/api/v1/measures?" + Q], "q": [P, "/api/v1/reports?month=2024-06"],
    "industry": [P, "/api/v1/measures?" + Q],
    "limit": [P, "/api/v1/audit", "/api/v1/change-requests"],
    "offset": [P, "/api/v1/audit", "/api/v1/change-requests"], "sort": [P],
    "by": ["/api/v1/measures?" + Q],
    "min": ["/api/v1/warnings?asof=2024-06-30"], "entity": ["/api/v1/audit"],
    "rule": ["/api/v1/warnings?asof=2024-06-30"],
    "key": ["/api/v1/audit?entity=project"],
    "month": ["/api/v1/ranking", "/api/v1/reports"],
    "status": ["/api/v1/reports?month=2024-06", "/api/v1/change-requests"],
    "project": ["/api/v1/change-requests"],
    # revenue sharing (res_sharing.c)
    "street": ["/api/v1/ledger?year=2024"],
    "format": ["/api/v1/bulletins/2024-05", "/api/v1/export/units", P,
               "/api/v1/warnings?asof=2024-06-30", "/api/v1/reports?month=2024-06",
               "/api/v1/targets?year=2024", "/api/v1/ranking?month=2024-06",
               "/api/v1/ranking/history", "/api/v1/audit", "/api/v1/items",
               "/api/v1/applications",
               "/api/v1/ledger", "/api/v1/funds"],  # revenue sharing
    "draft": ["/api/v1/bulletins/2024-05"], "header": ["/api/v1/export/units"],
    "dry_run": ["POST /api/v1/import/units"],
    "overdue": ["/api/v1/items", "/api/v1/applications"], "level": ["/api/v1/items"], "category": ["/api/v1/items"],
    "owner": ["/api/v1/items"], "state": ["/api/v1/items"], "ref": ["/api/v1/items"],
    # policy fulfilment (h-funds)
    "policy": ["/api/v1/applications"], "step": ["/api/v1/applications"],
    # An account no other check logs in as.
    "token": ["DELETE /api/v1/users/s02/sessions"], "all": ["DELETE /api/v1/users/s02/sessions"],
    # leader linkage: a named project list, a filter everywhere
    "list": [P, "/api/v1/measures?" + Q, "/api/v1/warnings?asof=2024-06-30"],
}
# Element guarantees and demolition task books (res_guarantees.c): the
# parameters they take, each of which other routes take too.
for _key, _routes in {"year": ["/api/v1/supplies", "/api/v1/demolition"],
                      "asof": ["/api/v1/supplies", "/api/v1/demolition"],
                      "section": ["/api/v1/supplies", "/api/v1/demolition"],
                      "department": ["/api/v1/supplies"],
                      "limit": ["/api/v1/supplies", "/api/v1/demolition"],
                      "offset": ["/api/v1/supplies", "/api/v1/demolition"],
                      "format": ["/api/v1/supplies", "/api/v1/demolition"]}.items():
    PARAM_ROUTES.setdefault(_key, []).extend(_routes)
# h-leads: the lead pool's list and its counts read these parameters too.
for _key, _route in (("section", "/api/v1/leads"), ("industry", "/api/v1/leads"),
                     ("q", "/api/v1/leads"), ("ref", "/api/v1/leads"), ("limit", "/api/v1/leads"),
                     ("offset", "/api/v1/leads"), ("year", "/api/v1/leads/counts"),
                     ("month", "/api/v1/leads/counts")):
    PARAM_ROUTES[_key].append(_route)
# district1 (issue #17 item 5): the district a bulletin or contest round is of.
PARAM_ROUTES["district"] = ["/api/v1/ranking?month=2024-06", "/api/v1/bulletins",
                            "/api/v1/bulletins/2024-05?format=html",
                            "/api/v1/ranking/history", "/api/v1/bulletins/2024-05/readiness"]
DOWNLOAD_TYPES = ("text/html", "application/pdf", "text/csv",
                  "application/vnd.openxmlformats")

BASE_PAYLOADS = [
    "", " ", "0", "-1", "1", "2024", "2024-06", "2024-06-30", "S01", "city", "yes",
    "' OR 1=1--", "' OR '1'='1", "1' OR '1'='1' --", "\" OR \"\"=\"", "1; DROP TABLE projects;--",
    "') UNION SELECT username, password_hash FROM users--", "1 AND sleep(5)", "%' --",
    "*", "%", "_", "\\", "\\\\", "'", "\"", "`", "\\'", "''", "\"\"", "\\\"",
    "\x00", "a\x00b", "%00", "\x01\x02\x1f\x7f", "\r\n", "\r\nSet-Cookie: x=1",
    "\t", "\n\n\n",
    "../../../../etc/passwd", "..\\..\\windows\\win.ini", "/etc/passwd", "....//....//",
    "%2e%2e%2f%2e%2e%2f", "file:///etc/passwd", "C:\\boot.ini",
    "%n%n%n%n", "%s%s%s%s%s", "%x%x%x%x", "%99999999d", "%.9999999f", "%p%p%p", "{0}", "${7*7}",
    "{{7*7}}", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
    "javascript:alert(1)", "\"><svg onload=alert(1)>",
    "{\"a\":", "{}", "[]", "[[[[[[", "]]]]", "\"}", "null", "true", "NaN", "Infinity",
    "-Infinity", "1e309", "-1e309", "0x7fffffff", "0b1", "1_000", "1,000", "１２３",
    "9223372036854775807", "9223372036854775808", "-9223372036854775808",
    "-9223372036854775809", "18446744073709551616", "4294967296", "2147483648",
    "-2147483649", "99999999999999999999999999999999", "0.0000000001", "1.5", "-0",
    "+1", "--1", "1e3", "2024-02-30", "2024-13-01", "0000-00-00", "9999-12-31",
    "1899-12-31", "3000-01-01", "2024-06-31", "2024/6/30", "2024年6月30日",
    "中文参数", "項目", "\u202e\u202d", "\ufeff2024", "\u3000", "𝟚𝟘𝟚𝟜", "😀" * 10,
    b"\xed\xb3\xbf", "A" * 257, "B" * 1000, "C" * 4000, "D" * 20000,
]

FRAGMENTS = [
    "' OR 1=1--", "\x00", "%00", "%n%s", "../", "<script>", "\"", "'", "\\", ";",
    "\r\n", "\u0000\u0000", "%ff", "𝟚", "中", " ", "&", "=", "#", "?", "+", "%2F",
]
VALID = ["2024", "2024-06-30", "2024-06", "S01", "D01", "city", "started", "1", "50",
         "project", "html", "section", "red", "ref", "draft", "zh"]
NUMBERS = ([str(2 ** k + d) for k in range(0, 65, 4) for d in (-1, 0, 1)] +
           [str(-(2 ** k) + d) for k in range(0, 65, 8) for d in (-1, 0, 1)] +
           ["1" + "0" * k for k in (18, 19, 20, 40, 300)])


def payloads(full):
    """The payload values (str or bytes, unencoded). Short: the base list
    (about 110); full: about 1,800, the base list plus every valid value
    combined with every fragment before and after it, the numeric
    boundaries, and invalid UTF-8."""
    out = list(BASE_PAYLOADS)
    if not full:
        return out
    for v in VALID:
        for f in FRAGMENTS:
            out += [v + f, f + v, v + f + v, f + v + f]
    out += [a + b for a in FRAGMENTS[:12] for b in FRAGMENTS[:12]]
    out += NUMBERS
    out += [b"\xff", b"\xfe\xff", b"\xc0\xaf", b"\xed\xa0\x80", b"\xe4\xb8", b"2024-06\xff",
            b"S01\x80", b"\xf4\x90\x80\x80"] * 2
    out += ["x" * n for n in (63, 64, 65, 127, 128, 200, 201, 255, 256, 511, 512, 1024)]
    out += [f * k for f in ("%", "'", "\\", "[", "{", "\x00") for k in (2, 100, 3000)]
    return out


def encode(value):
    return urllib.parse.quote(value, safe="")


RAW = ["%", "%%", "%zz", "%0", "%00", "%ff%fe", "%c0%80", "%u0041", "a%", "%%32%30",
       "+", "++", "a+b", "&&", "==", "=&=", ";", "x;y", "%3B"]


def with_param(target, key, value):
    """The URL of target with key set to value (already encoded)."""
    method = "GET"
    for m in ("POST", "DELETE"):
        if target.startswith(m + " "):
            method, target = m, target[len(m) + 1:]
    path, _, query = target.partition("?")
    kept = [p for p in query.split("&") if p and p.split("=")[0] != key]
    return method, path + "?" + "&".join(kept + [f"{key}={value}"])


BAD_CSV = b"code,name,kind,parent\nX1,,nonsense,NOPE\n"


CAPTURE_FILL = {"ref": "2024-001", "month": "2024-06", "year": "2024", "id": "1",
                "kind": "units"}


def capture_requests(full):
    """(method, path, body) for every payload in every :capture of every
    route, the route's other captures filled with valid values."""
    values = [encode(v) for v in payloads(full)] + RAW
    out = []
    for method, pattern, fn, res, act, flags in routes_from_source():
        segs = pattern.split("/")
        for i, seg in enumerate(segs):
            if not seg.startswith(":"):
                continue
            for value in values:
                path = "/".join(value if k == i else
                                CAPTURE_FILL[x[1:]] if x.startswith(":") else x
                                for k, x in enumerate(segs))
                body = None
                if method != "GET":
                    body = BAD_CSV if "import" in pattern else b"{}"
                out.append((method, path, body))
    return out


def error_table():
    """code → status, from the one error table (src/http/errors.c)."""
    src = (ROOT / "src" / "http" / "errors.c").read_text(encoding="utf-8")
    return {c: int(st) for c, st in re.findall(r'\[HE_\w+\] = \{ "(\w+)", (\d+),', src)}


ERRORS = error_table()


def answer_ok(status, ctype, data):
    """An answer to a payload is exactly one of: a 200/201 document (JSON
    without an error, or the route's download), or one of REFUSALS, whose
    code is also the error table's for that very status."""
    if not ctype.startswith("application/json"):
        return status == 200 and ctype.startswith(DOWNLOAD_TYPES)
    try:
        doc = json.loads(data)
    except ValueError:
        return False
    err = doc.get("error") if isinstance(doc, dict) else None
    if status in (200, 201):
        return err is None
    code = err.get("code") if isinstance(err, dict) else None
    return (status, code) in REFUSALS and ERRORS.get(code) == status


# The refusals a payload may meet, each an exact (status, code): a value that
# is malformed or out of range, a capture that names nothing or no route, a
# workflow step the thing's state or the caller's role does not allow, an edit
# without its version, an import file with problems, an upload too large.
# Anything else fails the check: a 5xx, a lost session (401, 403 csrf), a
# throttle (429), a busy server (503), a code this list does not name.
REFUSALS = {(400, "invalid"), (400, "bad_json"), (400, "empty"), (403, "forbidden"),
            (404, "not_found"), (404, "not_issued"), (404, "no_version"),
            (404, "unknown_setting"), (405, "method_not_allowed"), (409, "stale"),
            (409, "conflict"), (409, "wrong_status"), (409, "exists"), (409, "locked"),
            (409, "issued"), (409, "plan_issued"), (409, "plan_open"),
            (409, "change_pending"), (413, "too_large"), (422, "refused"),
            (428, "version_required")}


def injection(tally, srv, client, full, headers=None, deadline=None, captures=False):
    """Every payload in every query parameter (with captures: in every
    :capture of every route's path instead): no 5xx, the answer is a JSON
    document (or the route's download type on a 200), the server lives and
    its log has no sanitizer report. Short: the base payloads, each
    parameter's first route; full: all payloads, every route that reads it.
    With headers (a Tally), the security headers of every answer are
    checked too. Past deadline (time.monotonic) the rest is left out and
    noted."""
    if captures:
        todo = capture_requests(full)
    else:
        values = [encode(v) for v in payloads(full)] + RAW
        todo = []
        for key, targets in sorted(PARAM_ROUTES.items()):
            for target in (targets if full else targets[:1]):
                for value in values:
                    method, url = with_param(target, key, value)
                    todo.append((method, url, BAD_CSV if method == "POST" else None))
    conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=60)
    sent = {"Cookie": client.cookie, "X-CSRF-Token": client.csrf}
    for method, url, body in todo:
        if deadline and time.monotonic() > deadline:
            tally.note("left out at the time bound")
            continue
        what = f"{method} {url[:160]}"
        try:
            conn.request(method, url, body=body, headers=sent)
            r = conn.getresponse()
            data = r.read()
            ctype = r.getheader("Content-Type", "")
            if r.getheader("Connection", "").lower() == "close":
                conn.close()
        except (OSError, http.client.HTTPException) as e:
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=60)
            tally.ok(False, f"{what}: {e!r}")
            if srv.proc.poll() is not None:
                return tally
            continue
        good = answer_ok(r.status, ctype, data)
        tally.note(f"{r.status // 100}xx")
        tally.ok(good, f"{what}: {r.status} {ctype} {data[:120]!r}")
        if headers is not None:
            problems = header_problems(Response(r.status, dict(r.getheaders()), ""), what)
            headers.ok(not problems, "; ".join(problems))
    conn.close()
    alive = srv.proc.poll() is None
    health = alive and srv.client().get("/healthz").status == 200
    tally.ok(health, "the server answers /healthz after the payloads")
    for line in sanitizer_reports(srv.log.name):
        tally.ok(False, f"server log: {line}")
    return tally
