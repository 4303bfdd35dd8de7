#!/usr/bin/python3
"""make hardening: the full forms of the checks test_hardening.py runs short
(issue #9), then a table of tries and results. Exit 1 when anything failed.

    BALLAST=build/san/ballast /usr/bin/python3 tests/hardening/run.py

Environment: BALLAST (default build/san/ballast), HARDENING_SEED (1),
HARDENING_IMPORT_KILLS (50), HARDENING_SERVER_KILLS (20), HARDENING_BUDGET
(seconds for the whole run, 570: injection payloads past it are left out
and counted). Traffic goes only to 127.0.0.1."""
import os
import pathlib
import random
import re
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
os.environ.setdefault("BALLAST", str(ROOT / "build" / "san" / "ballast"))
sys.path.insert(0, str(ROOT / "tests" / "integration"))

import hardening_checks as hc  # noqa: E402
import test_hardening  # noqa: E402
from server import Server, make_demo  # noqa: E402


def env_int(name, default):
    return int(os.environ.get(name, default))


def races(tally):
    """test_races.py with its concurrency rounds longer (HARDENING_SECONDS,
    20 here): each test is one try."""
    env = dict(os.environ, HARDENING_SECONDS=os.environ.get("HARDENING_RACE_SECONDS", "20"))
    out = subprocess.run([sys.executable, "-m", "pytest", "-q", "-rA", "-p", "no:cacheprovider",
                          str(ROOT / "tests" / "integration" / "test_races.py")],
                         capture_output=True, text=True, env=env, cwd=str(ROOT)).stdout
    for status, name in re.findall(r"^(PASSED|FAILED|ERROR) \S+::(\w+)", out, re.M):
        tally.ok(status == "PASSED", name)
    if not tally.tries:
        tally.ok(False, "test_races.py ran no test: " + out[-300:])


def main():
    t0 = time.monotonic()
    budget = env_int("HARDENING_BUDGET", 570)
    rng = random.Random(env_int("HARDENING_SEED", 1))
    tallies = []
    with tempfile.TemporaryDirectory(prefix="ballast-hardening-") as tmp:
        work = pathlib.Path(tmp)

        def timed(tally, fn):
            start = time.monotonic()
            fn(tally)
            tallies.append(tally)
            print(f"  {tally.name}: {tally.tries} tries, {len(tally.failures)} failed "
                  f"({time.monotonic() - start:.0f} s)", flush=True)

        print(f"make hardening: {os.environ['BALLAST']}", flush=True)
        timed(hc.Tally("kill -9 during import"),
              lambda t: hc.import_kill(t, work, env_int("HARDENING_IMPORT_KILLS", 50), rng))
        timed(hc.Tally("kill -9 of the server under writes"),
              lambda t: hc.server_kill(t, work, env_int("HARDENING_SERVER_KILLS", 20), rng))
        db = work / "h.db"
        make_demo(db)
        srv = Server(db, log=str(work / "server.log"))
        headers = hc.Tally("security headers")
        try:
            timed(hc.Tally("permission matrix role x route"),
                  lambda t: test_hardening.matrix_run(srv, t, headers))
            timed(hc.Tally("injection payloads x parameters"),
                  lambda t: hc.injection(t, srv, srv.login("admin"), full=True, headers=headers,
                                         deadline=t0 + budget))
            timed(hc.Tally("injection payloads x path captures"),
                  lambda t: hc.injection(t, srv, srv.login("admin"), full=True, headers=headers,
                                         deadline=t0 + budget, captures=True))
        finally:
            code = srv.stop()
        tallies.append(headers)  # every answer of the two checks above
        stopped = hc.Tally("the server stops cleanly, no sanitizer report")
        stopped.ok(code == 0, f"serve exited {code}")
        for line in hc.sanitizer_reports(str(work / "server.log")):
            stopped.ok(False, line)
        tallies.append(stopped)
        timed(hc.Tally("races: held body, concurrent editors, bodies before auth"), races)
    print_table(tallies, time.monotonic() - t0)
    return 1 if any(t.failures for t in tallies) else 0


def print_table(tallies, seconds):
    rows = [("check", "tries", "passed", "failed", "notes")]
    for t in tallies:
        notes = ", ".join(f"{k} {v}" for k, v in sorted(t.notes.items()))
        rows.append((t.name, str(t.tries), str(t.passed), str(len(t.failures)), notes))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    print()
    for i, r in enumerate(rows):
        print(" | ".join([r[0].ljust(widths[0])] + [r[k].rjust(widths[k]) for k in (1, 2, 3)] +
                         [r[4]]).rstrip())
        if i == 0:
            print("-+-".join("-" * w for w in widths) + "-+------")
    print(f"\n{seconds:.0f} s in all")
    for t in tallies:
        for f in t.failures[:10]:
            print(f"FAILED {t.name}: {f}")


if __name__ == "__main__":
    sys.exit(main())
