"""Issuing with a readiness check (issue #14 item 8), on the small
hand-computed district of test_plan.py (2024 plan issued), for June 2024.

By hand (projects.csv, reports.csv; a report is owed by a listed project
started by the month's last day, and only a submitted or verified one counts):
- listed: P1 … P5 (5). Started by 06-30: P1 (2023-10-01), P2 (2024-03-15), P5
  (completed 2024-05-20, so started) → 3 owe June; P3 and P4 not started.
- June reports: P2's, imported, so verified. P1 and P5 have none → 2 missing,
  0 unverified, 0 change requests pending.
- By section (the project's own unit): S1 has P1, P2 (甲板块 is S1): owed 2,
  missing 1; S2 has P3, P5: owed 1, missing 1; S21 has P4: owed 0.
Then S1 saves P1's June report without submitting it (still missing, as a
draft), S2 saves and submits P5's (unverified), S2 proposes moving P3's planned
start (pending): 1 missing, 1 unverified, 1 pending.

The ranking after the issue: S2 (P3, P4, P5) has start rate 1/3 → 10 points,
investment completion of P5 (30 + 20 万 of 100 万) 0.5 → 15, red P3 1/3 →
−6.67: 18.33; S1 30.00. Approving P3's move clears P3's red light: S2 live
25.00 against 18.33 issued.
"""
import json

from conftest import run
from test_plan import env  # noqa: F401  (the fixture)

M = "2024-06"


def ready(c):
    r = c.get(f"/api/v1/bulletins/{M}/readiness")
    assert r.status == 200, r.body
    return r.json()


def brief(j):
    return {"counts": j["counts"], "listed": j["listed"], "owed": j["owed"],
            "ready": j["ready"],
            "sections": [(s["code"], s["owed"], s["missing"], s["unverified"],
                          s["pending_change"]) for s in j["sections"]],
            "missing": [(m["ref"], m["section"], m["status"]) for m in j["missing"]],
            "unverified": [(m["ref"], m["section"], m["status"]) for m in j["unverified"]],
            "pending_change": [(m["ref"], m["section"]) for m in j["pending_change"]]}


def test_readiness_counts_lists_and_the_cli(env):  # noqa: F811
    db, srv, c = env
    coord, s1, s2 = c["coord"], c["s1"], c["s2"]
    assert brief(ready(coord)) == {
        "counts": {"missing": 2, "unverified": 0, "pending_change": 0},
        "listed": 5, "owed": 3, "ready": False,
        "sections": [("S1", 2, 1, 0, 0), ("S2", 1, 1, 0, 0), ("S21", 0, 0, 0, 0)],
        "missing": [("P1", "S1", None), ("P5", "S2", None)],
        "unverified": [], "pending_change": []}

    assert s1.put(f"/api/v1/reports/P1/{M}", {"invest_yuan": 100000}).status == 201
    assert s2.put(f"/api/v1/reports/P5/{M}", {"invest_yuan": 200000}).status == 201
    assert s2.post("/api/v1/reports/submit", {"month": M, "refs": ["P5"]}).status == 200
    r = s2.post("/api/v1/change-requests", {"ref": "P3", "reason": "征地延后",
                                            "changes": {"planned_start": "2024-07-15"}})
    assert r.status == 201, r.body
    rid = r.json()["id"]
    j = ready(coord)
    assert brief(j) == {
        "counts": {"missing": 1, "unverified": 1, "pending_change": 1},
        "listed": 5, "owed": 3, "ready": False,
        "sections": [("S1", 2, 1, 0, 0), ("S2", 1, 0, 1, 1), ("S21", 0, 0, 0, 0)],
        "missing": [("P1", "S1", "draft")],
        "unverified": [("P5", "S2", "submitted")],
        "pending_change": [("P3", "S2")]}
    assert j["pending_change"][0]["id"] == rid
    assert j["missing"][0]["name"] == "甲半导体扩产项目"

    # who may ask: those who issue (403 for a section user, as for issuing)
    r = s1.get(f"/api/v1/bulletins/{M}/readiness")
    assert (r.status, r.json()["error"]["code"]) == (403, "forbidden")
    r = coord.get("/api/v1/bulletins/2024-13/readiness")
    assert (r.status, r.json()["error"]["code"]) == (400, "invalid")

    # the CLI prints the same answer, and issues only with --yes
    out = run("bulletin", "--month", M, "--readiness", "--format", "json", db=db)
    assert out.code == 0, out
    assert out.json() == j
    out = run("bulletin", "--month", M, "--readiness", db=db)
    assert out.out.splitlines()[0] == (
        "2024-06: 5 projects listed, 3 owe the month's report: 1 not reported, "
        "1 submitted and not verified; 1 change requests pending")
    refused = run("bulletin", "--month", M, "--issue", db=db)
    assert refused.code == 1
    assert refused.err.splitlines()[-1] == (
        "ballast bulletin: not issued: the month lacks what is listed above; give --yes "
        "to issue it anyway")
    assert coord.get("/api/v1/bulletins").json()["items"] == []
    issued = run("bulletin", "--month", M, "--issue", "--yes", db=db)
    assert issued.code == 0, issued
    assert len(coord.get("/api/v1/bulletins").json()["items"]) == 1

    # the ranking shows the issued round beside the live one
    def ranking():
        return coord.get(f"/api/v1/ranking?month={M}").json()

    rk = ranking()
    assert [(s["code"], s["rank"], s["score"]) for s in rk["sections"]] == \
        [("S1", 1, 30.0), ("S2", 2, 18.33)]
    assert (rk["issued"]["issue_no"], rk["issued"]["version"], rk["issued"]["differs"]) == \
        (6, 1, False)
    assert [(s["code"], s["rank"], s["score"]) for s in rk["issued"]["sections"]] == \
        [("S1", 1, 30.0), ("S2", 2, 18.33)]
    assert coord.post(f"/api/v1/change-requests/{rid}/approve", {}).status == 200
    rk = ranking()
    assert [(s["code"], s["rank"], s["score"]) for s in rk["sections"]] == \
        [("S1", 1, 30.0), ("S2", 2, 25.0)]
    assert rk["issued"]["differs"] is True
    assert [(s["code"], s["rank"], s["score"]) for s in rk["issued"]["sections"]] == \
        [("S1", 1, 30.0), ("S2", 2, 18.33)]
    assert coord.get("/api/v1/ranking?month=2024-05").json()["issued"] is None
