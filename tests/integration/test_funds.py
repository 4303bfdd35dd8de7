"""Policy fulfilment (政策兑现, issue #15 items 1-2, the policy-money parts of
5-7) through the binary: the shipped 2024 calendar, policies, the
applications file, every step and its refusals from the command line and
over HTTP (pay before 核实, pay more than approved, a department that does
not own the step), partial payments, the overdue step on its exact working
day, the red warning and the bulletin's 政策兑现 section, and who sees which
application.

Every working-day figure is counted by hand on the State Council's 2024
calendar (国庆 10/1-10/7 rest, 9/29 Sun and 10/12 Sat worked), days after
the step before, that day not counted:
  A (P1, S1) applied Fri 09-20, 核实 limit 5: 9/23-9/27 -> due 09-27; Sat
    9/28 adds none, Sun 9/29 (调休) is the 6th: overdue by 1 on 09-29.
  B (P3, S2) consulted Tue 10-22, 拨付 limit 15: 10/23-25 (3), 10/28-11/1 (8),
    11/4-8 (13), 11/11, 11/12 (15) -> due 11-12; 60 of 160 万 paid on 11-01:
    overdue by 1 on 11-13.
"""
import os
import re

import pytest

import backend

from conftest import FIXTURES, run
from server import PASSWORD, Server

POLICY = "重大产业项目扶持专项资金"
UNITS = "code,name,kind,parent\nG2,工信,department,D1\nG3,财政,department,D1\nG4,商务,department,D1\n"
APPS = (
    "企业名称,统一社会信用代码,项目编号,政策,申请金额（万元）,申领日期,核实日期,会商日期,"
    "核定金额（万元）,拨付日期,拨付金额（万元）,不予支持日期,原因\n"
    f"甲半导体有限公司,91320200MA1MXXKL5U,P1,{POLICY},100,2024-09-20,,,,,,,\n"
    f"乙道路有限公司,91320214MA1W0C00E7,P3,{POLICY},200,2024-09-20,2024-09-27,2024-10-22,160,"
    "2024-11-01,60,,\n"
    f"丙科技有限公司,91350100M000100Y43,,{POLICY},50,2024-01-29,2024-02-02,,,,,2024-02-05,"
    "投资额未达政策门槛\n"
)
USERS = {"coord": ("coordinator", None), "s1": ("section", "S1"), "s2": ("section", "S2"),
         "g1": ("department", "G1"), "g2": ("department", "G2"), "g3": ("department", "G3"),
         "g4": ("department", "G4"), "leader": ("leader", None), "auditor": ("auditor", None)}


def make(db):
    assert run("init", db=db).code == 0
    for kind in ("units", "projects", "listings"):
        r = run("import", kind, FIXTURES / "small" / f"{kind}.csv", db=db)
        assert r.code == 0, r
    f = db.parent / "more_units.csv"
    f.write_text(UNITS, encoding="utf-8")
    assert run("import", "units", f, db=db).code == 0
    assert run("fund", "official", "2024", db=db).code == 0
    r = run("fund", "policy", POLICY, "--kind", "major_industrial", "--year", "2024",
            "--limits", "5,10,15", "--owners", "G2,G2,G1,G3", db=db)
    assert r.code == 0, r
    for name, (role, unit) in USERS.items():
        args = ["user", "add", name, "--role", role] + (["--unit", unit] if unit else [])
        assert run(*args, db=db, stdin=PASSWORD + "\n").code == 0


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    d = tmp_path_factory.mktemp("funds") / "f.db"
    make(d)
    f = d.parent / "apps.csv"
    f.write_text(APPS, encoding="utf-8")
    r = run("import", "applications", f, db=d)
    assert r.code == 0, r
    assert "3 rows: 3 new, 0 changed, 0 unchanged" in r.err
    return d


def apps(db, asof, *args):
    r = run("applications", "--asof", asof, "--format", "json", *args, db=db)
    assert r.code == 0, r
    return r.json()


def by_company(doc):
    return {a["company"][:1]: a for a in doc["items"]}


def test_the_shipped_calendar(db):
    r = run("fund", "calendar", "--format", "json", db=db)
    days = {d["day"]: d["kind"] for d in r.json()["items"]}
    assert len(days) == 36
    assert days["2024-02-04"] == "workday" and days["2024-02-18"] == "workday"
    assert all(days[f"2024-02-{d}"] == "holiday" for d in range(10, 18))
    assert days["2024-09-29"] == "workday" and days["2024-10-12"] == "workday"
    assert [days[f"2024-10-0{d}"] for d in range(1, 8)] == ["holiday"] * 7
    assert "2024-02-09" not in days  # 除夕 2024 is a working day
    # only the admin edits it
    r = run("fund", "holiday", "2025-01-01", "元旦", "--actor", "user:coord", db=db)
    assert r.code == 1 and "only an admin edits the calendar" in r.err


def test_the_file_round_trips(db, tmp_path):
    out = tmp_path / "apps.csv"
    assert run("export", "applications", "--format", "csv", "-o", out, db=db).code == 0
    rows = out.read_text(encoding="utf-8").splitlines()
    assert rows[0] == ("company,uscc,ref,policy,amount,applied_on,verified_on,consulted_on,"
                       "approved,paid_on,paid,rejected_on,reason")
    assert rows[2] == (f"乙道路有限公司,91320214MA1W0C00E7,P3,{POLICY},200,2024-09-20,"
                       "2024-09-27,2024-10-22,160,2024-11-01,60,,")
    r = run("import", "applications", out, db=db)
    assert r.code == 0 and "3 rows: 0 new, 0 changed, 3 unchanged" in r.err


def test_file_problems_are_all_reported(db, tmp_path):
    f = tmp_path / "bad.csv"
    f.write_text(
        "company,uscc,policy,amount,applied_on,verified_on,consulted_on,approved,paid_on,paid\n"
        f"丁公司,9132020,{POLICY},10,2024-03-01,,,,,\n"                       # row 2: uscc
        f"戊公司,91320200MA1MXXKL5U,无此政策,10,2024-03-01,,,,,\n"             # row 3: policy
        f"己公司,91320200MA1MXXKL5U,{POLICY},10,2024-03-01,,2024-03-05,,,\n"   # row 4: 会商 without 核实
        f"庚公司,91320200MA1MXXKL5U,{POLICY},10,2024-03-02,2024-03-03,2024-03-04,8,2024-03-05,9\n",
        encoding="utf-8")
    r = run("import", "applications", f, db=db)
    assert r.code == 1
    assert "bad.csv:2: uscc (统一社会信用代码): 9132020: not 18 characters" in r.err
    assert "bad.csv:3: policy (政策): 无此政策: no policy has this name" in r.err
    assert "bad.csv:4: consulted_on (会商日期)" in r.err
    assert "a step's date without the date of the step before" in r.err
    assert "bad.csv:5: paid (拨付金额（万元）)" in r.err and "more than the amount approved" in r.err
    assert run("applications", "--format", "json", db=db).json()["total"] == 3  # nothing written


def test_overdue_on_the_exact_working_day(db):
    a = by_company(apps(db, "2024-09-27"))["甲"]
    assert (a["status"], a["pending_step"], a["due"], a["used_days"], a["overdue"]) == \
        ("applied", "verify", "2024-09-27", 5, False)
    assert by_company(apps(db, "2024-09-28"))["甲"]["overdue"] is False
    a = by_company(apps(db, "2024-09-29"))["甲"]
    assert (a["used_days"], a["late_days"], a["overdue"]) == (6, 1, True)
    assert a["owner"]["code"] == "G2"
    b = by_company(apps(db, "2024-11-12"))["乙"]
    assert (b["status"], b["paid_yuan"], b["due"], b["overdue"]) == \
        ("paying", 600000, "2024-11-12", False)
    doc = apps(db, "2024-11-13", "--overdue")
    assert [(x["company"], x["pending_step"], x["late_days"]) for x in doc["items"]] == [
        # A: 9/23-27, 9/29, 9/30, 10/8-12, 10/14-18, 21-25, 28-11/1, 11/4-8, 11/11-13 = 35 used
        ("甲半导体有限公司", "verify", 30), ("乙道路有限公司", "pay", 1)]
    assert (doc["applied_yuan"], doc["approved_yuan"], doc["paid_yuan"]) == \
        (3000000, 1600000, 600000)
    c = by_company(apps(db, "2024-11-13"))["丙"]
    assert (c["status"], c["reason"], c["pending_step"]) == ("rejected", "投资额未达政策门槛", None)


def test_the_red_warning_and_the_bulletin(db, tmp_path):
    r = run("warnings", "--asof", "2024-11-13", "--format", "json", db=db)
    # one late step on each project: its code is fund_overdue, not _many
    assert sorted((w["ref"], w["reason_code"], w["reason_params"]["n"])
                  for w in r.json()["warnings"] if w["rule"] == "fund_overdue") == [
        ("P1", "fund_overdue", "1"), ("P3", "fund_overdue", "1")]
    fund = sorted((w["ref"], w["level"], w["reason"]) for w in r.json()["warnings"]
                  if w["rule"] == "fund_overdue")
    assert fund == [
        ("P1", "red", f"甲半导体有限公司申请的{POLICY}核实环节超期未兑现：责任单位工信，"
                      "自2024-09-20起已用35个工作日，时限5个工作日，超期30个工作日"),
        ("P3", "red", f"乙道路有限公司申请的{POLICY}拨付环节超期未兑现：责任单位财政，"
                      "自2024-10-22起已用16个工作日，时限15个工作日，超期1个工作日")]
    out = tmp_path / "b.html"
    assert run("bulletin", "--month", "2024-11", "--format", "html", "-o", out, db=db).code == 0
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", out.read_text(encoding="utf-8")))
    # 11-30: A used 9/23 … 11/29 = 47 (late 42); B 11/13 … 11/29 = 13 late
    assert ("截至11月底，今年受理政策兑现申请3件，申请金额350万元，经会商核定160万元，"
            "已拨付60万元；已全额拨付0件，不予支持1件。超期未兑现环节2个，其中工信1个、财政1个") in text
    assert "1 工信 1 1 0 0 42" in text and "2 财政 1 0 0 1 13" in text


def copy(db, tmp_path):
    return backend.copy_db(db, tmp_path / "c.db")


def test_two_late_steps_on_one_project(db, tmp_path):
    """A second application on P1, applied Tue 10-08, 核实 not done: by 11-13
    10/9-12 (4, Sat 10/12 worked), 10/14-18, 21-25, 28-11/1, 11/4-8 (20),
    11/11-13 (3) = 27 used, late 22. One warning names both, the longest
    late (A, 30) in full."""
    d = copy(db, tmp_path)
    f = tmp_path / "more.csv"
    f.write_text(APPS.split("\n", 1)[0] + "\n"
                 f"丁材料有限公司,91320200MA1MXXKL5U,P1,{POLICY},20,2024-10-08,,,,,,,\n",
                 encoding="utf-8")
    r = run("import", "applications", f, db=d)
    assert r.code == 0, r
    r = run("warnings", "--asof", "2024-11-13", "--format", "json", db=d)
    fund = [w for w in r.json()["warnings"] if w["rule"] == "fund_overdue" and w["ref"] == "P1"]
    assert len(fund) == 1
    w = fund[0]
    assert (w["level"], w["reason"]) == (
        "red", f"2项政策兑现环节超期，超期最久的是甲半导体有限公司申请的{POLICY}核实环节超期未兑现："
               "责任单位工信，自2024-09-20起已用35个工作日，时限5个工作日，超期30个工作日")
    assert (w["reason_code"], w["reason_params"]) == ("fund_overdue_many", {
        "n": "2", "company": "甲半导体有限公司", "step": "verify", "owner": "工信",
        "since": "2024-09-20", "days": "30"})
    print(r.json()["lights"], r.json().get("counts"))

def test_every_step_and_its_refusals(db, tmp_path):
    d = copy(db, tmp_path)

    def fund(*args, actor=None):
        return run("fund", *args, *(["--actor", f"user:{actor}"] if actor else []), db=d)

    r = fund("pay", "1", "--on", "2024-10-08", "--amount", "10")
    assert r.code == 1 and "this step does not follow from the application's status" in r.err
    r = fund("verify", "1", "--on", "2024-10-08", actor="g1")  # 核实 is G2's
    assert r.code == 1 and "you may not do this to the application" in r.err
    r = fund("verify", "1", "--on", "2024-09-19", actor="g2")
    assert r.code == 1 and "on: before the step before" in r.err
    r = fund("verify", "1", "--on", "2024-10-08", actor="g2")
    assert (r.code, r.err.strip()) == (0, "ballast fund: 1 verified")
    r = fund("consult", "1", "--on", "2024-10-09", "--amount", "100.0001", actor="g1")
    assert r.code == 1 and "the amount approved must be 1 yuan to the amount applied" in r.err
    r = fund("consult", "1", "--on", "2024-10-09", "--amount", "80", actor="g1")
    assert (r.code, r.err.strip()) == (0, "ballast fund: 1 consulted")
    r = fund("pay", "1", "--on", "2024-10-10", "--amount", "30", actor="g3")
    assert (r.code, r.err.strip()) == (0, "ballast fund: 1 paying")
    r = fund("pay", "1", "--on", "2024-10-11", "--amount", "50.0001", actor="g3")
    assert r.code == 1 and "more than the amount approved still unpaid" in r.err
    r = fund("pay", "1", "--on", "2024-10-11", "--amount", "50", actor="g3")
    assert (r.code, r.err.strip()) == (0, "ballast fund: 1 paid")
    r = fund("reject", "1", "--on", "2024-10-12", "--reason", "x")
    assert r.code == 1 and "does not follow" in r.err
    a = by_company(apps(d, "2024-10-11"))["甲"]
    assert (a["status"], a["paid_yuan"], a["payments"]) == \
        ("paid", 800000, [{"on": "2024-10-10", "yuan": 300000}, {"on": "2024-10-11", "yuan": 500000}])
    # rejecting needs a reason; 会商 may reject
    r = fund("reject", "2", "--on", "2024-11-13")
    assert r.code == 1
    assert run("verify", db=d).code == 0
    con = backend.connect(d)
    acts = con.execute("SELECT action, entity FROM audit WHERE entity IN"
                       " ('application', 'fund_payment') ORDER BY id").fetchall()
    con.close()
    assert acts[-5:] == [("update", "application"), ("update", "application"),
                         ("insert", "fund_payment"), ("update", "application"),
                         ("insert", "fund_payment")]


def test_entering_an_application(db, tmp_path):
    """fund apply (core/funds_act.c fund_enter): the table decides who may
    enter (申领's owner G2 or the office; G3 owns a later step: refused), then
    the rules (an amount of 0, a 17-character code), then the row is stored
    as applied, the only change (the others roll back)."""
    d = copy(db, tmp_path)

    def apply(*extra, actor=None, amount="30"):
        return run("fund", "apply", "--policy", POLICY, "--company", "丁材料有限公司",
                   "--uscc", "91320200MA1MXXKL5U", "--amount", amount, "--on", "2024-11-01",
                   *extra, *(["--actor", f"user:{actor}"] if actor else []), db=d)

    r = apply(actor="g3")
    assert (r.code, r.out) == (1, "")
    assert "apply: you may not do this to the application" in r.err
    r = apply(actor="g2", amount="0")
    assert r.code == 1 and "apply: amount: must be more than 0" in r.err
    r = run("fund", "apply", "--policy", POLICY, "--company", "丁材料有限公司", "--uscc",
            "91320200MA1MXXKL5", "--amount", "30", "--on", "2024-11-01",
            "--actor", "user:g2", db=d)
    assert r.code == 1 and "apply: uscc: not 18 characters" in r.err
    assert len(apps(d, "2024-11-13")["items"]) == 3
    r = apply("--ref", "P1", actor="g2")
    assert (r.code, r.out.strip()) == (0, "4")
    items = apps(d, "2024-11-13")["items"]
    assert len(items) == 4
    a = by_company(apps(d, "2024-11-13"))["丁"]
    assert (a["status"], a["amount_yuan"], a["applied_on"], a["ref"]) == \
        ("applied", 300000, "2024-11-01", "P1")
    r = apply(actor="coord")  # the same code, policy and day again: a duplicate
    assert (r.code, r.out) == (1, "")
    assert "apply: insert application" in r.err
    assert len(apps(d, "2024-11-13")["items"]) == 4
    r = run("fund", "apply", "--policy", POLICY, "--company", "丁材料有限公司", "--uscc",
            "91320200MA1MXXKL5U", "--amount", "30", "--on", "2024-11-04",
            "--actor", "user:coord", db=d)  # the office may enter one too
    assert (r.code, r.out.strip()) == (0, "5")
    r = run("fund", "verify", "99", "--on", "2024-11-13", db=d)
    assert (r.code, r.err.strip()) == (1, "ballast fund: verify: no application 99")
    assert run("verify", db=d).code == 0


SEES = {"admin": 3, "coord": 3, "leader": 3, "auditor": 3, "s1": 1, "s2": 1, "g1": 3, "g2": 3,
        "g3": 3, "g4": 0}


@pytest.fixture()
def srv(db, tmp_path):
    d = copy(db, tmp_path)
    assert run("user", "add", "admin", "--role", "admin", db=d, stdin=PASSWORD + "\n").code == 0
    s = Server(d, env={"BALLAST_TODAY": "2024-11-13"})
    yield s
    s.stop()


def test_who_sees_and_moves_what(srv):
    for name, n in SEES.items():
        doc = srv.login(name).get("/api/v1/applications?asof=2024-11-13").json()
        assert doc["total"] == n, name
    s1 = srv.login("s1").get("/api/v1/applications?asof=2024-11-13").json()["items"]
    assert [a["ref"] for a in s1] == ["P1"]
    assert srv.login("s2").get("/api/v1/applications/1").status == 404
    g4 = srv.login("g4")
    assert g4.get("/api/v1/applications/1").status == 404
    assert g4.post("/api/v1/applications/1/verify", {}).status == 404
    r = srv.login("s1").post("/api/v1/applications/1/verify", {})
    assert (r.status, r.json()["error"]["code"]) == (403, "forbidden")
    r = srv.login("g3").post("/api/v1/applications/1/verify", {})  # sees it, not its step
    assert (r.status, r.json()["error"]["code"]) == (403, "forbidden")
    coord = srv.login("coord")
    r = coord.post("/api/v1/applications/1/pay", {"amount_yuan": 100})  # before 核实
    assert (r.status, r.json()["error"]["code"]) == (409, "wrong_status")
    r = srv.login("g2").post("/api/v1/applications/1/verify", {"on": "2024-11-12"})
    assert (r.status, r.json()["error"]["field"]) == (403, "on")  # backdating is the office's
    doc = srv.login("g2").get("/api/v1/applications/1").json()
    assert doc["actions"] == ["verify", "reject"]
    r = srv.login("g2").post("/api/v1/applications/1/verify", {"version": doc["version"]})
    assert r.status == 200
    assert (r.json()["status"], r.json()["pending_step"], r.json()["owner"]["code"]) == \
        ("verified", "consult", "G1")
    assert [t["step"] for t in r.json()["timeline"]] == ["apply", "verify"]
    r = srv.login("g2").post("/api/v1/applications/1/verify", {})
    assert (r.status, r.json()["error"]["code"]) == (403, "forbidden")  # no longer its step
    r = coord.post("/api/v1/applications/1/verify", {})
    assert (r.status, r.json()["error"]["code"]) == (409, "wrong_status")
    r = coord.post("/api/v1/applications/2/pay", {"amount_yuan": 1000001})  # 100 万 unpaid
    assert (r.status, r.json()["error"]["code"], r.json()["error"]["field"]) == \
        (400, "invalid", "amount")
    r = srv.login("g3").post("/api/v1/applications/2/pay", {"amount_yuan": 1000000})
    assert (r.status, r.json()["status"], r.json()["paid_yuan"]) == (200, "paid", 1600000)
    r = srv.login("g1").post("/api/v1/applications/1/reject", {})
    assert (r.status, r.json()["error"]["field"]) == (400, "reason")
    # a stale version: refused, nothing changed
    v = coord.get("/api/v1/applications/1").json()["version"]
    r = srv.login("g1").post("/api/v1/applications/1/consult",
                             {"amount_yuan": 10, "version": v + 1})
    assert (r.status, r.json()["error"]["code"], r.json()["error"]["field"]) == \
        (409, "stale", "version")
    assert coord.get("/api/v1/applications/1").json()["status"] == "verified"
    r = srv.login("g1").post("/api/v1/applications/1/consult", {"amount_yuan": 10, "version": v})
    assert (r.status, r.json()["status"], r.json()["approved_yuan"]) == (200, "consulted", 10)
    assert srv.login("g1").post("/api/v1/applications/99/consult", {}).status == 404


def test_entering_over_http(srv):
    """POST /applications: 201 for 申领's owner (G2), 403 for a department
    owning a later step, 409 for the same code, policy and day again, 400
    for an unknown policy or a rule broken; each refusal stores nothing."""
    body = {"company": "戊能源有限公司", "uscc": "91320200MA1MXXKL5U", "policy": 1,
            "amount_yuan": 500000, "applied_on": "2024-11-12", "ref": "P3"}
    g2, coord = srv.login("g2"), srv.login("coord")
    r = srv.login("g3").post("/api/v1/applications", body)
    assert (r.status, r.json()["error"]["code"]) == (403, "forbidden")
    r = g2.post("/api/v1/applications", dict(body, policy=99))
    assert (r.status, r.json()["error"]["code"], r.json()["error"]["field"]) == \
        (400, "invalid", "policy")
    r = g2.post("/api/v1/applications", dict(body, amount_yuan=0))
    assert (r.status, r.json()["error"]["code"], r.json()["error"]["field"]) == \
        (400, "invalid", "amount")
    assert coord.get("/api/v1/applications?asof=2024-11-13").json()["total"] == 3
    r = g2.post("/api/v1/applications", body)
    assert (r.status, r.json()["id"], r.json()["status"]) == (201, 4, "applied")
    r = g2.post("/api/v1/applications", body)
    assert (r.status, r.json()["error"]["code"], r.json()["error"]["field"]) == \
        (409, "exists", "uscc")
    assert coord.get("/api/v1/applications?asof=2024-11-13").json()["total"] == 4


def test_the_server_warnings_follow_the_steps(srv):
    coord = srv.login("coord")

    def fund_refs():
        doc = coord.get("/api/v1/warnings?asof=2024-11-13&rule=fund_overdue").json()
        return sorted(w["ref"] for w in doc["warnings"])

    assert fund_refs() == ["P1", "P3"]
    # the light alone (the projects' list computes no sentence, the fund rule
    # included); every project is red by 11-13 (no report since the fixture's)
    r = coord.get("/api/v1/projects?year=2024&asof=2024-11-13&limit=1000")
    assert r.status == 200, r.body
    assert {p["ref"]: p["light"] for p in r.json()["items"]} == {
        "P1": "red", "P2": "red", "P3": "red", "P4": "red", "P5": "red"}
    assert srv.login("g2").post("/api/v1/applications/1/verify", {}).status == 200
    assert fund_refs() == ["P3"]
    r = coord.get("/api/v1/applications?asof=2024-11-13&overdue=yes&format=xlsx")
    assert r.status == 200 and r.body[:2] == "PK"
    r = coord.get("/api/v1/applications?asof=2024-11-13&step=pay&policy=1")
    assert [a["company"] for a in r.json()["items"]] == ["乙道路有限公司"]
    r = coord.get("/api/v1/applications?step=apply")
    assert (r.status, r.json()["error"]["field"]) == (400, "step")


def test_the_command_filters_by_policy_and_step(db):
    doc = apps(db, "2024-11-13", "--step", "pay", "--policy", POLICY)
    assert [a["company"] for a in doc["items"]] == ["乙道路有限公司"]
    assert apps(db, "2024-11-13", "--step", "核实", "--policy", "1")["total"] == 1
    r = run("applications", "--policy", "无此政策", db=db)
    assert r.code == 2 and "--policy 无此政策: no policy has this id or name" in r.err
    r = run("applications", "--step", "apply", db=db)
    assert r.code == 2 and "step apply" in r.err


def test_a_years_calendar_is_imported(db, tmp_path):
    d = copy(db, tmp_path)
    f = tmp_path / "cal.csv"
    f.write_text("日期,类型,名称\n2025-01-01,放假,元旦\n2025-01-26,调休上班,春节\n"
                 "2025-01-28,放假,春节\n2025-01-29,休息,春节\n", encoding="utf-8")
    r = run("import", "calendar", f, db=d)
    assert r.code == 1 and "cal.csv:5: kind (类型): 休息: not one of 放假, 调休上班" in r.err
    f.write_text("日期,类型,名称\n2025-01-01,放假,元旦\n2025-01-26,调休上班,春节\n", encoding="utf-8")
    r = run("import", "calendar", f, db=d)
    assert r.code == 0 and "2 rows: 2 new, 0 changed, 0 unchanged" in r.err
    days = {x["day"]: x["kind"] for x in run("fund", "calendar", "--format", "json",
                                              db=d).json()["items"]}
    assert (len(days), days["2025-01-01"], days["2025-01-26"]) == (38, "holiday", "workday")
    # B's 拨付 clock after 2024-12-31 (Tue): 2025-01-01 is a rest day now
    b = by_company(apps(d, "2025-01-02"))["乙"]
    a = by_company(apps(db, "2025-01-02"))["乙"]
    assert b["used_days"] == a["used_days"] - 1
