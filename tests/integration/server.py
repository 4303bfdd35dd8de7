"""A real `ballast serve` on a free loopback port, and a small HTTP client."""
import http.client
import json
import os
import random
import signal
import socket
import subprocess
import time

import backend
from conftest import BALLAST, run

PASSWORD = "demo-pass-1"
ROLES = {  # username: (role, unit)
    "admin": ("admin", None),
    "coord": ("coordinator", None),
    "s01": ("section", "S01"),
    "s02": ("section", "S02"),
    "dept": ("department", "D01"),
    "leader": ("leader", None),
    "auditor": ("auditor", None),
}


# Loopback ports for the servers the tests start: below the kernel's ephemeral
# range (32768-60999 here), so no outgoing connection holds one, and split into
# one block per slot — xdist worker k of n in suite lane l of `lanes` (make
# check runs the UI suite beside this one, TEST_PORT_LANE/TEST_PORT_LANES) —
# so two suites or workers never race for a port. (The kernel's own choice,
# bind to port 0, cannot be split: Linux hands bind() odd ports only, and a
# parity split left worker 0 looking for an even one for ever.)
PORT_FIRST, PORT_LAST = 20000, 32000


def port_block(slot, slots):
    """The ports [lo, hi) of slot of slots."""
    size = (PORT_LAST - PORT_FIRST) // slots
    return PORT_FIRST + slot * size, PORT_FIRST + (slot + 1) * size


def free_port():
    """A loopback port of this process's block that nothing listens on now."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    n = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    k = int(worker[2:]) if worker.startswith("gw") else 0
    lanes = int(os.environ.get("TEST_PORT_LANES", "1"))
    lane = int(os.environ.get("TEST_PORT_LANE", "0"))
    lo, hi = port_block(lane * n + k, n * lanes)
    for _ in range(1000):
        port = random.randrange(lo, hi)
        s = socket.socket()
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            continue
        finally:
            s.close()
        return port
    raise RuntimeError(f"no free loopback port in {lo}..{hi - 1}")


def make_demo(db, open_plan=False):
    """The demo district as of 2024-06-30 with an account per role; its 2024
    plan issued (with the demo's change requests), or with open_plan not. A
    copy of one built once per test process (backend.from_template)."""
    def make(path):
        r = run("demo", "--asof", "2024-06-30", *(["--open-plan"] if open_plan else []), db=path)
        assert r.code == 0, r
        for name, (role, unit) in ROLES.items():
            args = ["user", "add", name, "--role", role]
            if unit:
                args += ["--unit", unit]
            r = run(*args, db=path, stdin=PASSWORD + "\n")
            assert r.code == 0, r
    return backend.from_template(db, "demo-open" if open_plan else "demo", make)


class Server:
    def __init__(self, db, log=None, args=None, env=None):
        self.db = db
        self.port = free_port()
        self.log = open(log or os.devnull, "w")
        self.proc = subprocess.Popen(
            [BALLAST, "serve", "--db", backend.target(db), "--listen", f"127.0.0.1:{self.port}",
             "--max-body", "65536", *(args or [])],
            stdout=self.log, stderr=self.log,
            env={**os.environ, **backend.env(db), **(env or {})})
        deadline = time.time() + 20
        while time.time() < deadline:
            try:
                if self.client().get("/healthz").status == 200:
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("the server did not start")

    def client(self):
        return Client(self.port)

    def login(self, name, password=PASSWORD):
        c = self.client()
        r = c.post("/api/v1/session", {"username": name, "password": password})
        assert r.status == 200, r.body
        c.csrf = r.json()["csrf"]
        return c

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        code = self.proc.wait(timeout=30)
        self.log.close()
        return code


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def json(self):
        return json.loads(self.body)


class Client:
    def __init__(self, port):
        self.port = port
        self.cookie = None
        self.csrf = None
        self.token = None

    def request(self, method, path, body=None, headers=None, raw=None, csrf=True):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        h = dict(headers or {})
        if self.cookie:
            h["Cookie"] = self.cookie
        if self.token:
            h["Authorization"] = "Bearer " + self.token
        if csrf and self.csrf and method not in ("GET", "HEAD"):
            h.setdefault("X-CSRF-Token", self.csrf)
        data = raw
        if body is not None:
            data = json.dumps(body).encode()
            h["Content-Type"] = "application/json"
        conn.request(method, path, body=data, headers=h)
        r = conn.getresponse()
        resp = Response(r.status, dict(r.getheaders()), r.read().decode("utf-8", "replace"))
        conn.close()
        # header names are case-insensitive (haproxy sends them in lower case)
        cookie = next((v for k, v in resp.headers.items() if k.lower() == "set-cookie"), None)
        if cookie:
            self.cookie = cookie.split(";")[0]
            if self.cookie.endswith("="):
                self.cookie = None
        return resp

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, body=None, **kw):
        return self.request("POST", path, body=body, **kw)

    def put(self, path, body=None, **kw):
        return self.request("PUT", path, body=body, **kw)

    def delete(self, path, **kw):
        return self.request("DELETE", path, **kw)
