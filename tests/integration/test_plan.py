"""The issued plan (任务书, DOMAIN.md §3; issue #11 item 2) on the small
hand-computed district as of 2024-06-30: once 2024 is issued, the section S2
that owns P3 (planned start 2024-05-01, filed 2024-03-01, not started; May
reported) cannot move its yardstick. Moving the planned start to 2024-07-15
changes no measure, light or score until the project office approves; a
rejection changes none; an approval changes exactly what the new date says.
Actual dates a section enters wait for confirmation; the office's apply at
once. Every refusal with its status and code; the import refusal; verify
names a change to the new tables made behind ballast's back.

By hand, as of 2024-06-30 (P1 started 2023-10-01, P2 started 2024-03-15, P5
completed 2024-05-20 so started; P3 not started; P4 planned 2024-09-01):
- 应开尽开 (due-start attainment) counts the projects not started before 2024
  with a planned start on or before 06-30: P2, P3, P5; started among them: P2,
  P5 → 2/3. With P3's planned start 07-15: P2, P5 → 2/2.
- P3's warnings: start overdue 60 days (05-01 → 06-30, red: over 30), filed
  121 days ago and not started (yellow: over 90, not over 180); its May report
  is in, so no missing report → red. With 07-15: only the yellow one.
- The contest of June (weights 30/30/20/−20): S2 has P3, P4, P5; start rate 1/3
  → 10 points; investment completion of the started projects (P5 only: 30万
  reported of its 100万 annual plan) 0.3 → 9 points; no new-start task → 0;
  red projects 1 of 3 → −6.67; score 12.33. With no red project: 19.00. S1
  (start rate 2/2 → 30, investment 0.3333 → 10, red 1 of 2 → −10) stays first
  with 30.00.
- The start rate (开工率) is 3/5 (P1, P2, P5); once P3's start on 06-20 is
  confirmed, 4/5.
"""
import json

import pytest

import backend

from conftest import FIXTURES, run
from server import PASSWORD, Server

YEAR, ASOF = 2024, "2024-06-30"
Q = f"year={YEAR}&asof={ASOF}"
ACCOUNTS = {"admin": ("admin", None), "coord": ("coordinator", None),
            "s1": ("section", "S1"), "s2": ("section", "S2"), "g1": ("department", "G1"),
            "leader": ("leader", None), "auditor": ("auditor", None)}
PENDING_ZH = "2024年计划已下达，计划开工只能通过变更申请修改，经项目办批准后生效"


def small_db(path):
    for kind in ("units", "projects", "listings", "reports", "targets"):
        r = run("import", kind, FIXTURES / "small" / f"{kind}.csv", db=path)
        assert r.code == 0, r
    may = path.parent / "may.csv"
    may.write_text("ref,month,invest\nP3,2024-05,20\n", encoding="utf-8")
    assert run("import", "reports", may, db=path).code == 0
    for name, (role, unit) in ACCOUNTS.items():
        args = ["user", "add", name, "--role", role] + (["--unit", unit] if unit else [])
        assert run(*args, db=path, stdin=PASSWORD + "\n").code == 0


@pytest.fixture
def env(db, tmp_path):
    small_db(db)
    r = run("plan", "issue", "--year", str(YEAR), "--actor", "user:coord", db=db)
    assert r.code == 0, r
    srv = Server(db, log=str(db) + ".log")
    try:
        yield db, srv, {name: srv.login(name) for name in ACCOUNTS}
    finally:
        assert srv.stop() == 0


def figures(c, section=None):
    """What a section is measured by: 应开尽开, the start rate, P3's light and
    warnings, and the June contest (rank, code, score, red projects). The
    measures are of the caller's scope (a section user's: its own, #14), or of
    section when given."""
    m = c.get(f"/api/v1/measures?{Q}" + (f"&section={section}" if section else "")
              ).json()["measures"]
    p3 = c.get(f"/api/v1/projects/P3?{Q}").json()
    ranking = c.get("/api/v1/ranking?month=2024-06").json()["sections"]
    return {"due_start_attainment": m["due_start_attainment"], "start_rate": m["start_rate"],
            "light": p3["light"],
            "warnings": sorted((w["rule"], w["level"]) for w in p3["warnings"]),
            "ranking": [(s["rank"], s["code"], s["score"], s["red_projects"]) for s in ranking]}


BEFORE = {
    "due_start_attainment": {"num": 2, "den": 3, "value": 0.6667},
    "start_rate": {"num": 3, "den": 5, "value": 0.6},
    "light": "red",
    "warnings": [("filed_not_started", "yellow"), ("start_overdue", "red")],
    "ranking": [(1, "S1", 30.0, 1), (2, "S2", 12.33, 1)],
}
AFTER_MOVE = {
    "due_start_attainment": {"num": 2, "den": 2, "value": 1.0},
    "start_rate": {"num": 3, "den": 5, "value": 0.6},
    "light": "yellow",
    "warnings": [("filed_not_started", "yellow")],
    "ranking": [(1, "S1", 30.0, 1), (2, "S2", 19.0, 0)],
}


def p3(db, field):
    con = backend.connect(db)
    try:
        return con.execute(f"SELECT {field} FROM projects WHERE ref = 'P3'").fetchone()[0]
    finally:
        con.close()


def error(r):
    return r.json()["error"]


def test_a_moved_planned_start_changes_nothing_until_approved(env):
    db, srv, c = env
    s2, coord = c["s2"], c["coord"]
    assert figures(coord) == BEFORE

    # A direct edit is refused, naming the field; nothing is written.
    v = s2.get(f"/api/v1/projects/P3?{Q}").json()["version"]
    r = s2.put("/api/v1/projects/P3", {"planned_start": "2024-07-15", "version": v})
    assert r.status == 409, r.body
    assert error(r) == {
        "code": "plan_issued", "field": "planned_start", "fields": ["planned_start"],
        "year": 2024, "message_zh": PENDING_ZH,
        "message": "the 2024 plan is issued: planned_start may change only by an approved "
                   "change request (POST /api/v1/change-requests)"}
    assert p3(db, "planned_start") == "2024-05-01"

    # A proposal needs a reason; with one it waits, and nothing moves.
    body = {"ref": "P3", "changes": {"planned_start": "2024-07-15"}}
    r = s2.post("/api/v1/change-requests", body)
    assert r.status == 400 and error(r)["code"] == "invalid" and error(r)["field"] == "reason"
    r = s2.post("/api/v1/change-requests", {**body, "reason": "征地延后，开工顺延"})
    assert r.status == 201, r.body
    first = r.json()
    assert (first["status"], first["kind"], first["year"], first["proposed_by"]) == \
        ("pending", "plan", 2024, "user:s2")
    assert first["changes"] == {"planned_start": {"label": "计划开工", "from": "2024-05-01",
                                                  "to": "2024-07-15"}}
    assert first["actions"] == ["withdraw"]  # the section's: not approve, not reject
    assert figures(coord) == BEFORE
    assert figures(s2)["light"] == "red"
    assert p3(db, "planned_start") == "2024-05-01"

    # Rejected: still nothing.
    r = coord.post(f"/api/v1/change-requests/{first['id']}/reject", {"reason": "依据不足"})
    assert r.status == 200 and r.json()["status"] == "rejected", r.body
    assert r.json()["decision_reason"] == "依据不足" and r.json()["decided_by"] == "user:coord"
    assert figures(coord) == BEFORE
    assert p3(db, "planned_start") == "2024-05-01"

    # Proposed again and approved: the new date is official, and every figure
    # follows it.
    r = s2.post("/api/v1/change-requests", {**body, "reason": "征地协议已签，开工顺延至7月"})
    assert r.status == 201, r.body
    second = r.json()["id"]
    assert coord.get(f"/api/v1/change-requests/{second}").json()["actions"] == \
        ["approve", "reject", "withdraw"]
    assert figures(coord) == BEFORE
    r = coord.post(f"/api/v1/change-requests/{second}/approve", {})
    assert r.status == 200 and r.json()["status"] == "approved", r.body
    assert p3(db, "planned_start") == "2024-07-15"
    assert figures(coord) == AFTER_MOVE
    # the section sees its own figures, as the office sees that section's
    assert figures(s2) == figures(coord, "S2")

    # The history the project page shows: both requests, newest first.
    h = s2.get("/api/v1/change-requests?project=P3").json()
    assert (h["total"], h["limit"], h["offset"]) == (2, 50, 0)
    assert [(x["id"], x["status"]) for x in h["items"]] == \
        [(second, "approved"), (first["id"], "rejected")]
    # and the audit trail: proposed, rejected; proposed, approved, the project updated
    con = backend.connect(db)
    trail = con.execute("SELECT actor, action, entity, entity_key FROM audit WHERE entity IN"
                        " ('change_request', 'project', 'plan') AND id > (SELECT id FROM"
                        " audit WHERE entity = 'plan') ORDER BY id").fetchall()
    con.close()
    assert trail == [("user:s2", "propose", "change_request", str(first["id"])),
                     ("user:coord", "reject", "change_request", str(first["id"])),
                     ("user:s2", "propose", "change_request", str(second)),
                     ("user:coord", "update", "project", "P3"),
                     ("user:coord", "approve", "change_request", str(second))]
    assert run("verify", db=db).code == 0


def test_every_refusal_has_its_status_and_code(env):
    db, srv, c = env
    s1, s2, coord = c["s1"], c["s2"], c["coord"]
    body = {"ref": "P3", "changes": {"planned_start": "2024-07-15"}, "reason": "征地延后"}
    r = s2.post("/api/v1/change-requests", body)
    assert r.status == 201
    rid = r.json()["id"]
    cases = [
        # who, method, path, body → status, code, field
        (s2, "POST", "/api/v1/change-requests", body, 409, "change_pending", "planned_start"),
        (s2, "POST", "/api/v1/change-requests",
         {**body, "changes": {"planned_start": "2024-07-15", "started_on": "2024-06-01"}},
         400, "invalid", "changes"),
        (s2, "POST", "/api/v1/change-requests", {**body, "changes": {"name": "x"}},
         400, "invalid", "changes"),
        (s2, "POST", "/api/v1/change-requests", {**body, "changes": {}}, 400, "invalid",
         "changes"),
        (s2, "POST", "/api/v1/change-requests",
         {**body, "changes": {"planned_completion": "2024-13-01"}}, 400, "invalid",
         "planned_completion"),
        (s2, "POST", "/api/v1/change-requests",
         {**body, "changes": {"planned_completion": None}}, 400, "invalid", "changes"),
        (s2, "POST", "/api/v1/change-requests", {**body, "ref": "P9"}, 404, "not_found", "ref"),
        (s1, "POST", "/api/v1/change-requests", {**body, "changes": {"planned_completion":
                                                                      "2025-01-01"}},
         404, "not_found", None),
        (s2, "POST", "/api/v1/change-requests", {**body, "year": 2025}, 409, "plan_open",
         "year"),
        (s2, "POST", "/api/v1/change-requests", {**body, "reason": "x" * 2001}, 400,
         "invalid", "reason"),
        (c["g1"], "POST", "/api/v1/change-requests", body, 403, "forbidden", None),
        (c["leader"], "POST", "/api/v1/change-requests", body, 403, "forbidden", None),
        (c["auditor"], "POST", "/api/v1/change-requests", body, 403, "forbidden", None),
        (s2, "POST", f"/api/v1/change-requests/{rid}/approve", {}, 403, "forbidden", None),
        (s2, "POST", f"/api/v1/change-requests/{rid}/reject", {"reason": "x"}, 403,
         "forbidden", None),
        (s1, "POST", f"/api/v1/change-requests/{rid}/withdraw", {}, 404, "not_found", str(rid)),
        (s1, "GET", f"/api/v1/change-requests/{rid}", None, 404, "not_found", str(rid)),
        (coord, "POST", f"/api/v1/change-requests/{rid}/reject", {}, 400, "invalid", "reason"),
        (coord, "POST", "/api/v1/change-requests/999/approve", {}, 404, "not_found", "999"),
        (coord, "POST", "/api/v1/change-requests/x/approve", {}, 404, "not_found", "x"),
        (coord, "GET", "/api/v1/change-requests?status=draft", None, 400, "invalid", "status"),
        (s1, "GET", "/api/v1/change-requests?project=P3", None, 400, "invalid", "project"),
        (coord, "POST", "/api/v1/plans/2024/issue", None, 409, "plan_issued", "year"),
        (coord, "POST", "/api/v1/plans/2031/issue", None, 400, "invalid", "year"),
        (s2, "POST", "/api/v1/plans/2025/issue", None, 403, "forbidden", None),
        (coord, "PUT", "/api/v1/listings/P3/2024",
         {"tiers": ["district"], "annual_plan_yuan": 3000000, "version": 1}, 409,
         "plan_issued", "annual_plan_yuan"),
        (coord, "PUT", "/api/v1/listings/P3/2024",
         {"tiers": ["city", "district"], "annual_plan_yuan": 2000000, "version": 1}, 409,
         "plan_issued", "tiers"),
    ]
    con = backend.connect(db)
    count = con.execute("SELECT count(*) FROM change_requests").fetchone()[0]
    audit = con.execute("SELECT max(id) FROM audit").fetchone()[0]
    for who, method, path, b, status, code, field in cases:
        r = who.request(method, path, body=b)
        assert (r.status, error(r)["code"], error(r).get("field")) == (status, code, field), \
            (method, path, b, r.body)
    assert con.execute("SELECT count(*) FROM change_requests").fetchone()[0] == count
    assert con.execute("SELECT max(id) FROM audit").fetchone()[0] == audit  # nothing written
    # the pending one names the request it clashes with; the issue the one in force
    r = s2.post("/api/v1/change-requests", body)
    assert error(r)["request"] == rid and error(r)["fields"] == ["planned_start"]
    r = coord.post("/api/v1/plans/2024/issue")
    assert r.json()["current"]["issued_by"] == "user:coord" and r.json()["current"]["issued"]
    # decided requests stay decided: 409 wrong_status from the table
    assert coord.post(f"/api/v1/change-requests/{rid}/withdraw", {}).status == 200
    for act, b in (("approve", {}), ("reject", {"reason": "迟"}), ("withdraw", {})):
        r = coord.post(f"/api/v1/change-requests/{rid}/{act}", b)
        assert (r.status, error(r)["code"]) == (409, "wrong_status"), r.body
    con.close()


def test_a_listing_change_by_request_and_the_stale_approval(env):
    db, srv, c = env
    s2, coord = c["s2"], c["coord"]
    # The annual plan and the month plan change together, or not at all.
    months = [100000] * 11 + [1900000]  # 300万 in yuan, by month
    r = s2.post("/api/v1/change-requests", {"ref": "P3", "reason": "增加路面工程量",
                                            "changes": {"annual_plan_yuan": 3000000}})
    assert r.status == 201, r.body
    r = coord.post(f"/api/v1/change-requests/{r.json()['id']}/approve", {})
    assert r.status == 200 and r.json()["status"] == "approved"
    l3 = next(x for x in coord.get(f"/api/v1/listings?{Q}").json()["items"] if x["ref"] == "P3")
    assert (l3["annual_plan_yuan"], l3["month_plan_yuan"]) == (3000000, None)
    r = s2.post("/api/v1/change-requests", {"ref": "P3", "reason": "按月分解",
                                            "changes": {"month_plan_yuan": months[:11] + [1]}})
    assert r.status == 400 and error(r)["field"] == "month_plan_yuan"
    assert error(r)["message_zh"] == "分月计划之和须等于年度计划"
    r = s2.post("/api/v1/change-requests", {"ref": "P3", "reason": "按月分解",
                                            "changes": {"month_plan_yuan": months}})
    assert r.status == 201 and r.json()["changes"]["month_plan_yuan"]["from"] is None
    # the listing's plan in the year's listings: issued
    doc = coord.get(f"/api/v1/listings?{Q}").json()
    assert (doc["plan"]["year"], doc["plan"]["issued"], doc["plan"]["issued_by"]) == \
        (2024, True, "user:coord")
    assert coord.get(f"/api/v1/plans/{YEAR}").json()["requests"] == \
        {"pending": 1, "approved": 1, "rejected": 0, "withdrawn": 0}
    assert s2.get("/api/v1/plans/2025").json() == {
        "year": 2025, "issued": False, "issued_at": None, "issued_by": None,
        "requests": {"pending": 0, "approved": 0, "rejected": 0, "withdrawn": 0}}

    # An actual date the section enters waits; the office's own entry of the
    # same date meanwhile makes the section's request stale.
    v = s2.get(f"/api/v1/projects/P3?{Q}").json()["version"]
    r = s2.put("/api/v1/projects/P3", {"permit_on": "2024-06-01", "version": v})
    assert r.status == 200, r.body
    pending = r.json()["pending_change"]
    assert (pending["kind"], pending["status"], pending["reason"]) == ("actual", "pending", None)
    assert r.json()["permit_on"] is None and p3(db, "permit_on") is None
    r = coord.put("/api/v1/projects/P3", {"permit_on": "2024-06-02", "version": v})
    assert r.status == 200 and "pending_change" not in r.json(), r.body
    assert p3(db, "permit_on") == "2024-06-02"  # the office's: at once
    r = coord.post(f"/api/v1/change-requests/{pending['id']}/approve", {})
    assert r.status == 409 and error(r)["code"] == "stale", r.body
    assert error(r)["fields"] == ["permit_on"] and r.json()["error"]["field"] == "permit_on"
    assert p3(db, "permit_on") == "2024-06-02"
    assert coord.get(f"/api/v1/change-requests/{pending['id']}").json()["status"] == "pending"


def test_an_actual_start_waits_for_the_office(env):
    db, srv, c = env
    s2, coord = c["s2"], c["coord"]
    p = s2.get(f"/api/v1/projects/P3?{Q}").json()
    assert p["plan_locked_year"] == 2024
    # A started date before the filing date goes backwards: refused, nothing pending.
    r = s2.put("/api/v1/projects/P3", {"started_on": "2024-02-01", "version": p["version"]})
    assert r.status == 400 and error(r)["field"] == "filed_on", r.body
    # The section's start date, with a note: pending, the project unchanged.
    r = s2.put("/api/v1/projects/P3", {"started_on": "2024-06-20", "industry": "市政道路",
                                       "reason": "6月20日举行开工仪式", "version": p["version"]})
    assert r.status == 200, r.body
    got = r.json()
    assert (got["started_on"], got["industry"], got["version"]) == (None, "市政道路",
                                                                 p["version"] + 1)
    assert got["pending_change"]["changes"] == {
        "started_on": {"label": "开工日期", "from": None, "to": "2024-06-20"}}
    assert got["pending_change"]["reason"] == "6月20日举行开工仪式"
    assert figures(coord) == BEFORE
    # Entering it again while it waits: 409, nothing written.
    r = s2.put("/api/v1/projects/P3", {"started_on": "2024-06-21", "version": got["version"]})
    assert (r.status, error(r)["code"], error(r)["fields"]) == \
        (409, "change_pending", ["started_on"])
    # Confirmed: P3 has started on 06-20. The start rate is 4/5; 应开尽开 3/3;
    # P3's light: started, 20万 of its 200万 × 6/12 = 100万 to date is 20 %, below
    # 50 %: investment lag, red.
    r = coord.post(f"/api/v1/change-requests/{got['pending_change']['id']}/approve", {})
    assert r.status == 200, r.body
    assert p3(db, "started_on") == "2024-06-20"
    after = figures(coord)
    assert after["start_rate"] == {"num": 4, "den": 5, "value": 0.8}
    assert after["due_start_attainment"] == {"num": 3, "den": 3, "value": 1.0}
    assert (after["light"], after["warnings"]) == ("red", [("investment_lag", "red")])
    # The office enters a date: at once, audited, no request.
    v = coord.get(f"/api/v1/projects/P3?{Q}").json()["version"]
    r = coord.put("/api/v1/projects/P3", {"land_on": "2024-02-20", "version": v})
    assert r.status == 200 and "pending_change" not in r.json()
    assert p3(db, "land_on") == "2024-02-20"
    assert c["auditor"].get("/api/v1/change-requests").json()["total"] == 1
    assert run("verify", db=db).code == 0


def test_importing_into_an_issued_year_is_refused_row_by_row(env, tmp_path):
    db, srv, c = env
    f = tmp_path / "l.csv"
    f.write_text("ref,year,tiers,annual_plan\nP3,2024,区,300\nP2,2024,\"市,区\",500.5\n"
                 "P1,2025,区,10\n", encoding="utf-8")
    reason = ("the 2024 plan is issued (2024年计划已下达): {} changes only by a change "
              "request the project office approves (POST /api/v1/change-requests)")
    con = backend.connect(db)
    before = con.execute("SELECT max(id) FROM audit").fetchone()[0]
    r = run("import", "listings", f, db=db)
    assert r.code == 1
    assert r.err == (f"{f}:2: annual_plan (年度计划投资（万元）): 300: "
                     f"{reason.format('annual_plan_yuan')}\n"
                     f"{f}: 1 problem; nothing was written\n")
    p = tmp_path / "p.csv"
    p.write_text("ref,name,section,planned_start,planned_completion,started_on,year,tiers\n"
                 "P3,丙道路工程,S2,2024-07-15,2025-06-30,2024-06-20,,\n"
                 "P4,丁生物医药项目,S21,2024-09-01,,,2024,区;市\n"
                 "P6,新项目,S1,,,,2024,区\n", encoding="utf-8")
    r = run("import", "projects", p, db=db)
    assert r.code == 1
    assert r.err == (
        f"{p}:2: planned_start (计划开工): 2024-07-15: {reason.format('planned_start')}\n"
        f"{p}:2: planned_completion (计划竣工): 2025-06-30: "
        f"{reason.format('planned_completion')}\n"
        f"{p}:3: tiers (层级): {reason.format('tiers')}\n"
        f"{p}:3: annual_plan (年度计划投资（万元）): {reason.format('annual_plan_yuan')}\n"
        f"{p}:4: tiers (层级): {reason.format('tiers')}\n"
        f"{p}: 5 problems; nothing was written\n")
    assert con.execute("SELECT max(id) FROM audit").fetchone()[0] == before
    # Over HTTP: 422 with the same problems; the unchanged rows and another
    # year go in; the office's actual dates apply.
    r = c["coord"].post("/api/v1/import/listings", raw=f.read_bytes(),
                        headers={"Content-Type": "text/csv"})
    assert r.status == 422 and error(r)["code"] == "refused"
    assert [(x["row"], x["column"]) for x in r.json()["problems"]] == [(2, "annual_plan")]
    f.write_text("ref,year,tiers,annual_plan\nP3,2024,区,200\nP1,2025,区,10\n", encoding="utf-8")
    r = run("import", "listings", f, db=db)
    assert (r.code, r.err) == (0, f"{f}: 2 rows: 1 new, 0 changed, 1 unchanged\n")
    p.write_text("ref,name,section,started_on\nP3,丙道路工程,S2,2024-06-20\n", encoding="utf-8")
    r = run("import", "projects", p, db=db)
    assert r.code == 0 and p3(db, "started_on") == "2024-06-20", r
    con.close()


def test_the_command_line(env):
    db, srv, c = env
    r = run("plan", "status", "--year", "2024", db=db)
    assert r.code == 0
    assert r.out.splitlines()[1] == "change requests: 0 pending, 0 approved, 0 rejected, " \
                                    "0 withdrawn"
    assert r.out.startswith("2024年计划已下达 (the 2024 plan is issued): at ")
    assert r.out.splitlines()[0].endswith(" by user:coord")
    r = run("plan", "status", "--year", "2023", "--format", "json", db=db)
    assert r.json() == {"year": 2023, "issued": False, "issued_at": None, "issued_by": None,
                        "requests": {"pending": 0, "approved": 0, "rejected": 0,
                                     "withdrawn": 0}}
    r = run("plan", "issue", "--year", "2024", db=db)
    assert r.code == 1 and r.err.startswith("ballast plan: the 2024 plan was issued already, at ")
    assert run("plan", "issue", db=db).code == 2
    assert run("plan", "issue", "--year", "2024", "--actor", "user:s2", db=db).code == 1
    rid = c["s2"].post("/api/v1/change-requests", {"ref": "P3", "reason": "延后",
                       "changes": {"planned_start": "2024-07-15"}}).json()["id"]
    r = run("change-requests", "--format", "json", db=db)
    assert [(x["id"], x["ref"], x["status"]) for x in r.json()] == [(rid, "P3", "pending")]
    r = run("change-requests", "list", "--status", "approved", "--format", "csv", db=db)
    assert r.out.splitlines() == ["id,ref,year,kind,status,changes,proposed_by,reason"]
    r = run("change-requests", "reject", str(rid), db=db)
    assert (r.code, r.err) == (1, f"ballast change-requests: {rid}: a reason of 1 to 2000 "
                                  f"characters is required\n")
    r = run("change-requests", "approve", str(rid), "--actor", "user:s2", db=db)
    assert (r.code, r.err) == (1, f"ballast change-requests: {rid}: your role may not "
                                  f"approve this\n")
    r = run("change-requests", "approve", str(rid), "--actor", "cli:test", db=db)
    assert (r.code, r.err) == (0, f"ballast change-requests: {rid} (P3 plan): approved\n")
    assert p3(db, "planned_start") == "2024-07-15"
    r = run("change-requests", "show", str(rid), "--format", "json", db=db)
    assert (r.json()["decided_by"], r.json()["status"]) == ("cli:test", "approved")
    r = run("change-requests", "withdraw", str(rid), db=db)
    assert r.code == 1 and "not allowed from the request's current status" in r.err
    assert run("change-requests", "approve", db=db).code == 2
    assert run("change-requests", "frob", "1", db=db).code == 2


VERIFY_CASES = {
    # what is done behind ballast's back → the problem verify names
    "a proposed value": (
        "UPDATE change_requests SET changes = replace(changes, '2024-07-15', '2024-12-31')",
        'change_requests {id}: changes: audited {{"planned_start":["2024-05-01","2024-07-15"]}}'
        ', stored {{"planned_start":["2024-05-01","2024-12-31"]}}'),
    "a status": ("UPDATE change_requests SET status = 'approved'",
                 'change_requests {id}: status: audited "pending", stored "approved"'),
    "the issue": ("UPDATE plan_issues SET issued_at = '2024-01-01T00:00:00Z'",
                  'plan_issues 2024: issued_at: audited "{at}", stored "2024-01-01T00:00:00Z"'),
}


@pytest.mark.parametrize("case", sorted(VERIFY_CASES))
def test_verify_names_a_change_to_the_plan_tables(env, case):
    db, srv, c = env
    rid = c["s2"].post("/api/v1/change-requests", {"ref": "P3", "reason": "延后",
                       "changes": {"planned_start": "2024-07-15"}}).json()["id"]
    con = backend.connect(db)
    at = con.execute("SELECT issued_at FROM plan_issues").fetchone()[0]
    assert run("verify", db=db).code == 0
    change, problem = VERIFY_CASES[case]
    con.execute(change)
    con.commit()
    con.close()
    r = run("verify", db=db)
    assert r.code == 1, r
    lines = [ln.removeprefix("ballast verify: ") for ln in r.err.splitlines()
             if not ln.endswith("problem") and not ln.startswith("ballast verify: note:")]
    assert lines == [problem.format(id=rid, at=at)]


def test_verify_names_a_deleted_and_an_inserted_request(env):
    db, srv, c = env
    rid = c["s2"].post("/api/v1/change-requests", {"ref": "P3", "reason": "延后",
                       "changes": {"planned_start": "2024-07-15"}}).json()["id"]
    con = backend.connect(db)
    pid = con.execute("SELECT id FROM projects WHERE ref = 'P3'").fetchone()[0]
    con.execute("DELETE FROM change_requests")
    con.execute("INSERT INTO change_requests (id, project_id, year, kind, changes, status,"
                " proposed_by, proposed_at) VALUES (77, ?, 2024, 'actual',"
                " '{\"started_on\":[null,\"2024-06-01\"]}', 'approved', 'user:s2',"
                " '2024-06-01T00:00:00Z')", (pid,))
    con.commit()
    con.close()
    r = run("verify", db=db)
    assert r.code == 1
    err = r.err
    assert f"change_requests {rid}: " in err and "change_requests 77: " in err, err
    assert err.endswith(": NOT sound: 2 problems\n")
