#!/usr/bin/python3
"""make soak: `ballast serve` for SOAK_SECONDS (600) under a mixed read and
write load from a few client threads on 127.0.0.1, sampling the server's
resident memory (VmRSS of /proc/PID/status) and open file descriptors
(/proc/PID/fd) every few seconds (issue #9).

The first fifth of the time (at most two minutes) is the warm-up: caches,
SQLite's page caches and malloc's arenas fill. Then the load pauses to take
an idle sample, runs for the rest of the time, stops, and a last idle sample
is taken. Under load the RSS swings by tens of MiB with the requests in
flight (an XLSX export, a bulletin), so a leak is judged by what stays: it
fails when the idle RSS at the end exceeds the idle RSS after the warm-up by
more than SOAK_RSS_GROWTH (20 %), or the median RSS of the last third of
the load exceeds the warm-up's median by as much. Files other than sockets
come and go too (an export's temporary file, an upload's): it fails when
even their fewest in the last third of the load are more than the warm-up's
median, or when the files or the sockets open at the end, idle, are more
than at the pause. And it fails when any answer is a 5xx, a connection fails, or the
server does not stop cleanly. It prints every sample.

Use the optimised build (the Makefile passes build/ballast): AddressSanitizer
keeps freed memory in quarantine, so its RSS grows by design."""
import http.client
import json
import os
import pathlib
import random
import sqlite3
import statistics
import sys
import tempfile
import threading
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
os.environ.setdefault("BALLAST", str(ROOT / "build" / "ballast"))
sys.path.insert(0, str(ROOT / "tests" / "integration"))

from conftest import run  # noqa: E402
from server import PASSWORD, Server, make_demo  # noqa: E402

SECONDS = float(os.environ.get("SOAK_SECONDS", 600))
CLIENTS = int(os.environ.get("SOAK_CLIENTS", 3))
RSS_GROWTH = float(os.environ.get("SOAK_RSS_GROWTH", 0.20))
INTERVAL = min(5.0, max(1.0, SECONDS / 40))
WARMUP = min(120.0, max(2 * INTERVAL, SECONDS / 5))
IMPORT_CSV = "ref,name,section\nSOAK-1,浸泡测试,S01\n".encode()


def proc_sample(pid):
    """(VmRSS in KiB, open descriptors, of which sockets)."""
    rss = 0
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1])
    fds = sockets = 0
    for name in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{name}")
        except OSError:
            continue  # closed meanwhile
        fds += 1
        sockets += target.startswith("socket:")
    return rss, fds, sockets


class Load(threading.Thread):
    """One client: a weighted mix of reads, writes, logins and bad requests,
    on a kept-alive connection that it sometimes drops."""

    def __init__(self, port, token, refs, seed, go):
        super().__init__(daemon=True)
        self.port, self.token, self.refs, self.go = port, token, refs, go
        self.rng = random.Random(seed)
        self.conn = None
        self.requests = 0
        self.by_status = {}
        self.errors = []
        self.stop = False

    def send(self, method, path, body=None, token=True, headers=None):
        if self.conn is None:
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        h = dict(headers or {})
        if token:
            h["Authorization"] = "Bearer " + self.token
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
            h["Content-Type"] = "application/json"
        try:
            self.conn.request(method, path, body=body, headers=h)
            r = self.conn.getresponse()
            data = r.read()
            if r.getheader("Connection", "").lower() == "close":
                self.drop()
        except (OSError, http.client.HTTPException) as e:
            self.errors.append(f"{method} {path}: {e!r}")
            self.drop()
            return 0, None
        self.requests += 1
        self.by_status[r.status] = self.by_status.get(r.status, 0) + 1
        if r.status >= 500:
            self.errors.append(f"{method} {path}: {r.status} {data[:200]!r}")
        try:
            return r.status, json.loads(data)
        except ValueError:
            return r.status, None

    def drop(self):
        if self.conn:
            self.conn.close()
        self.conn = None

    def day(self):
        return f"2024-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}"

    def one(self):
        rng, ref = self.rng, self.rng.choice(self.refs)
        k = rng.random()
        if k < 0.15:
            q = f"year=2024&asof={self.day()}&limit={rng.randint(1, 200)}"
            q += rng.choice(["", "&tier=city", "&section=S01", "&light=red", "&sort=-light",
                             "&q=%E9%A1%B9%E7%9B%AE", "&stage=started", "&reached=filed&due_start=1"])
            self.send("GET", "/api/v1/projects?" + q)
        elif k < 0.25:
            by = rng.choice(["", "&by=section", "&by=month", "&by=department", "&by=tier"])
            self.send("GET", f"/api/v1/measures?year=2024&asof={self.day()}{by}")
        elif k < 0.30:
            self.send("GET", f"/api/v1/warnings?asof={self.day()}")
        elif k < 0.35:
            self.send("GET", f"/api/v1/reports?month=2024-{rng.randint(1, 12):02d}")
        elif k < 0.40:
            self.send("GET", f"/api/v1/projects/{ref}?year=2024&asof={self.day()}")
        elif k < 0.45:
            self.send("GET", rng.choice(["/api/v1/units", "/api/v1/periods", "/api/v1/targets",
                                         "/api/v1/listings?year=2024", "/api/v1/bulletins",
                                         "/api/v1/ranking?month=2024-06", "/healthz", "/",
                                         "/api/v1/audit?limit=50",  # 403: coord
                                         "/api/v1/session"]))
        elif k < 0.47:
            self.send("GET", rng.choice(["/api/v1/export/projects?format=csv",
                                         "/api/v1/templates/reports",
                                         "/api/v1/export/units?format=xlsx",
                                         "/api/v1/bulletins/2024-05?format=html&draft=1"]))
        elif k < 0.60:
            st, p = self.send("GET", f"/api/v1/projects/{ref}?year=2024&asof=2024-06-30")
            if st == 200:
                self.send("PUT", f"/api/v1/projects/{ref}",
                          {"industry": f"浸泡{rng.randint(0, 999)}", "version": p["version"]})
        elif k < 0.72:
            month = f"2024-{rng.randint(7, 12):02d}"
            st, doc = self.send("PUT", f"/api/v1/reports/{ref}/{month}",
                                {"invest_yuan": rng.randint(1, 10 ** 7)})
            if st == 409 and doc and "current" in doc:
                self.send("PUT", f"/api/v1/reports/{ref}/{month}",
                          {"invest_yuan": rng.randint(1, 10 ** 7),
                           "version": doc["current"]["version"]})
        elif k < 0.77:
            self.send("POST", "/api/v1/targets",
                      {"year": 2024, "measure": "new_starts", "due": self.day(),
                       "value": rng.randint(0, 50)})
        elif k < 0.80:
            self.send("POST", "/api/v1/import/projects?dry_run=1", IMPORT_CSV)
        elif k < 0.82:
            c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            c.request("POST", "/api/v1/session",
                      body=json.dumps({"username": "leader", "password": PASSWORD}),
                      headers={"Content-Type": "application/json"})
            r = c.getresponse()
            csrf = json.loads(r.read()).get("csrf", "")
            cookie = (r.getheader("Set-Cookie") or "").split(";")[0]
            c.request("DELETE", "/api/v1/session", headers={"Cookie": cookie,
                                                            "X-CSRF-Token": csrf})
            r2 = c.getresponse()
            r2.read()
            c.close()
            for st in (r.status, r2.status):
                self.requests += 1
                self.by_status[st] = self.by_status.get(st, 0) + 1
        elif k < 0.96:
            self.send(*rng.choice([("GET", "/api/v1/nothing", None),
                                   ("DELETE", "/api/v1/measures", None),
                                   ("GET", "/api/v1/projects?year=x", None),
                                   ("PUT", f"/api/v1/projects/{ref}", b"{not json"),
                                   ("GET", "/api/v1/projects/NO-SUCH", None),
                                   ("GET", "/assets/none.js", None)]))
        elif k < 0.98:
            self.send("GET", "/api/v1/units", token=False)
        else:
            self.drop()

    def run(self):
        try:
            while not self.stop:
                self.go.wait()
                if self.stop:
                    break
                self.one()
        except Exception as e:  # a bug of this script: the soak must not pass
            self.errors.append(f"client stopped: {e!r}")
        self.drop()


def main():
    print(f"make soak: {os.environ['BALLAST']}, {SECONDS:.0f} s, {CLIENTS} clients, a sample "
          f"every {INTERVAL:.0f} s, warm-up {WARMUP:.0f} s", flush=True)
    failures = []
    with tempfile.TemporaryDirectory(prefix="ballast-soak-") as tmp:
        db = pathlib.Path(tmp) / "soak.db"
        make_demo(db)
        r = run("user", "token", "coord", db=db)
        assert r.code == 0, r
        token = r.out.strip()
        con = sqlite3.connect(str(db))
        refs = [x[0] for x in con.execute("SELECT ref FROM projects ORDER BY ref LIMIT 40")]
        con.close()
        srv = Server(db, log=str(db) + ".log")
        pid = srv.proc.pid
        go = threading.Event()
        clients = [Load(srv.port, token, refs, seed, go) for seed in range(CLIENTS)]
        for c in clients:
            c.start()
        samples = []

        def sample(phase):
            rss, fds, sockets = proc_sample(pid)
            n = sum(c.requests for c in clients)
            s = (time.monotonic() - t0, phase, rss, fds, sockets, n)
            samples.append(s)
            print(f"{s[0]:7.1f} s  {phase:7}  VmRSS {rss:7d} KiB  fds {fds:3d} "
                  f"(sockets {sockets:3d})  requests {n:8d}", flush=True)

        t0 = time.monotonic()
        go.set()
        while time.monotonic() - t0 < WARMUP:
            time.sleep(INTERVAL)
            sample("warm-up")
        go.clear()
        time.sleep(2)
        sample("idle")
        go.set()
        while time.monotonic() - t0 < SECONDS:
            time.sleep(INTERVAL)
            sample("load")
        go.clear()
        for c in clients:
            c.stop = True
        go.set()
        for c in clients:
            c.join(timeout=60)
        time.sleep(2)
        sample("idle")
        code = srv.stop()

    warm = [s for s in samples if s[1] == "warm-up"]
    load = [s for s in samples if s[1] == "load"] or warm
    idle = [s for s in samples if s[1] == "idle"]
    rss_warm = statistics.median(s[2] for s in warm)
    rss_last = statistics.median(s[2] for s in load[-max(1, len(load) // 3):])
    rss_peak = max(s[2] for s in samples)
    files_warm = statistics.median(s[3] - s[4] for s in warm)
    files_last = min(s[3] - s[4] for s in load[-max(1, len(load) // 3):])
    files_peak = max(s[3] - s[4] for s in samples)
    total = sum(c.requests for c in clients)
    statuses = {}
    for c in clients:
        for k, v in c.by_status.items():
            statuses[k] = statuses.get(k, 0) + v
        failures += c.errors[:5]
    print(f"\n{total} requests ({total / SECONDS:.0f}/s): "
          + ", ".join(f"{k} x{v}" for k, v in sorted(statuses.items())))
    growth = f"bound +{RSS_GROWTH * 100:.0f} %"
    print(f"VmRSS idle: after the warm-up {idle[0][2]} KiB, at the end {idle[-1][2]} KiB "
          f"({(idle[-1][2] / idle[0][2] - 1) * 100:+.1f} %, {growth})")
    print(f"VmRSS median: warm-up {rss_warm:.0f} KiB, last third of the load {rss_last:.0f} KiB "
          f"({(rss_last / rss_warm - 1) * 100:+.1f} %, {growth}); peak {rss_peak} KiB")
    print(f"files other than sockets: warm-up median {files_warm:.0f}, fewest in the last "
          f"third of the load {files_last}; peak {files_peak}")
    print(f"descriptors when idle: after the warm-up {idle[0][3]} ({idle[0][4]} sockets), "
          f"at the end {idle[-1][3]} ({idle[-1][4]} sockets)")
    if idle[-1][2] > idle[0][2] * (1 + RSS_GROWTH):
        failures.append(f"idle VmRSS grew from {idle[0][2]} to {idle[-1][2]} KiB")
    if rss_last > rss_warm * (1 + RSS_GROWTH):
        failures.append(f"median VmRSS grew from {rss_warm:.0f} to {rss_last:.0f} KiB")
    if files_last > files_warm:
        failures.append(f"open files grew from {files_warm:.0f} to at least {files_last}")
    if idle[-1][3] - idle[-1][4] > idle[0][3] - idle[0][4] or idle[-1][4] > idle[0][4]:
        failures.append(f"idle descriptors grew from {idle[0][3]} to {idle[-1][3]}")
    if any(s >= 500 for s in statuses):
        failures.append("5xx answers")
    if code != 0:
        failures.append(f"serve exited {code}")
    for f in failures:
        print("FAILED", f)
    print("soak: " + ("FAILED" if failures else "ok"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
