"""The shared lead pool (招商线索, issue #16 items 1 and 4; h-leads) through the
binary over HTTP, on the small district of tests/fixtures/small (units D1 区,
S1 甲板块, S2 乙街道, S21 乙街道社区 under S2, G1 发改):

- the visibility rule field by field: section S1 (not following), section S2
  (following), street S21 (below S2, not following), the coordinator, a
  leader and a department;
- a lead signed into a project carrying attracted_by from the unit that
  found it (district → district, street → street), linked both ways;
- a duplicate company (same name modulo spaces and ASCII case, or same
  USCC) refused naming the unit already following it;
- the stage refusals of core/workflow.c's WF_LEAD table;
- the 双招双引 counts table for a year and a month, by hand;
- `ballast verify` reconciles every table afterwards.

Every figure below is computed by hand from the calls made."""

import pytest

import backend

from conftest import FIXTURES, run
from server import PASSWORD, Server

TODAY = "2024-06-30"
ENV = {"BALLAST_TODAY": TODAY}
USERS = {  # name: (role, unit)
    "coord": ("coordinator", None),
    "s1": ("section", "S1"),
    "s2": ("section", "S2"),
    "s21": ("section", "S21"),
    "leader": ("leader", None),
    "dept": ("department", "G1"),
}
SHARED = {"id", "company", "industry", "stage", "stage_label", "found_by", "followed_by",
          "found_on", "version", "details"}
DETAILS = {"uscc", "amount_yuan", "source", "reason", "signed_on", "project", "last_on"}


@pytest.fixture(scope="module")
def srv(tmp_path_factory):
    db = tmp_path_factory.mktemp("leads") / "l.db"
    assert run("init", db=db).code == 0
    for kind in ("units", "projects"):
        r = run("import", kind, FIXTURES / "small" / f"{kind}.csv", db=db)
        assert r.code == 0, r
    for name, (role, unit) in USERS.items():
        args = ["user", "add", name, "--role", role] + (["--unit", unit] if unit else [])
        assert run(*args, db=db, stdin=PASSWORD + "\n").code == 0
    s = Server(db, env=ENV)
    yield s
    s.stop()


@pytest.fixture(scope="module")
def who(srv):
    return {name: srv.login(name) for name in USERS}


def create(c, **body):
    r = c.post("/api/v1/leads", body)
    assert r.status == 201, r.body
    return r.json()


def test_visibility_field_by_field(who):
    lead = create(who["coord"], company="星河光电科技有限公司", industry="集成电路",
                  amount_yuan=50_000_000, source="商会推介", found_by="D1",
                  followed_by="S2", uscc="91320214MA1XXXXX0A", found_on="2024-05-06",
                  text="首次接洽")
    lid = lead["id"]
    for name in ("s1", "s21", "leader", "dept"):
        got = who[name].get(f"/api/v1/leads/{lid}").json()
        assert set(got) == SHARED | {"actions"}, name
        assert (got["company"], got["industry"], got["stage"], got["details"],
                got["followed_by"]["code"], got["found_by"]["code"]) == \
            ("星河光电科技有限公司", "集成电路", "lead", False, "S2", "D1"), name
        assert got["actions"] == [], name
        row = [x for x in who[name].get("/api/v1/leads").json()["items"] if x["id"] == lid]
        assert set(row[0]) == SHARED, name
    for name in ("s2", "coord"):
        got = who[name].get(f"/api/v1/leads/{lid}").json()
        assert set(got) == SHARED | DETAILS | {"log", "actions"}, name
        assert (got["amount_yuan"], got["source"], got["uscc"], got["project"],
                got["details"]) == (50_000_000, "商会推介", "91320214MA1XXXXX0A", None, True)
        assert [(g["kind"], g["on"], g["body"], g["stage"]) for g in got["log"]] == \
            [("found", "2024-05-06", "首次接洽", "lead")]
    assert who["s2"].get(f"/api/v1/leads/{lid}").json()["actions"] == \
        ["edit", "note", "advance", "drop"]
    assert who["coord"].get(f"/api/v1/leads/{lid}").json()["actions"] == \
        ["edit", "note", "advance", "drop"]


def test_duplicate_company_refused_naming_the_follower(who):
    create(who["s2"], company="Aurora 新材料 有限公司", industry="新材料")
    for body in ({"company": "aurora新材料有限公司"},                      # spaces, case
                 {"company": "AURORA　新材料有限公司"}):                   # full-width space
        r = who["s1"].post("/api/v1/leads", body)
        assert r.status == 409, r.body
        e = r.json()["error"]
        assert (e["code"], e["field"]) == ("exists", "company")
        assert "followed by 乙街道" in e["message"] and "由乙街道跟进" in e["message_zh"]
    # the same USCC under another name
    create(who["s2"], company="海川智能装备", uscc="91320214MA1YYYYY1B")
    r = who["coord"].post("/api/v1/leads", {"company": "海川智能", "uscc": "91320214MA1YYYYY1B",
                                            "found_by": "D1", "followed_by": "S1"})
    assert (r.status, r.json()["error"]["code"]) == (409, "exists")
    assert "followed by 乙街道" in r.json()["error"]["message"]


def find(c, company):
    items = c.get("/api/v1/leads?limit=1000").json()["items"]
    return [x for x in items if x["company"] == company][0]


def test_stage_refusals(who):
    lid = create(who["s2"], company="远航生物医药", industry="生物医药")["id"]
    u = f"/api/v1/leads/{lid}"
    cases = [
        ("s2", "sign", {"ref": "X1"}, 409, "wrong_status"),    # 线索 cannot sign
        ("s1", "advance", {}, 403, "forbidden"),               # not following
        ("s21", "advance", {}, 403, "forbidden"),              # below the follower
        ("leader", "advance", {}, 403, "forbidden"),           # reads only
        ("s2", "drop", {}, 400, "invalid"),                    # no reason
        ("s2", "reopen", {"text": "x"}, 403, "forbidden"),     # the office's
        ("coord", "reopen", {"text": "x"}, 409, "wrong_status"),  # not dropped
    ]
    for name, act, body, status, code in cases:
        r = who[name].post(f"{u}/{act}", body)
        assert (r.status, r.json()["error"]["code"]) == (status, code), (name, act, r.body)
    assert who["s2"].post(f"{u}/advance", {}).json()["stage"] == "talks"
    assert who["s2"].post(f"{u}/advance", {}).json()["stage"] == "intent"
    r = who["s2"].post(f"{u}/advance", {})
    assert (r.status, r.json()["error"]["code"]) == (409, "wrong_status")
    r = who["s2"].post(f"{u}/drop", {"text": "企业转投外省"})
    assert (r.status, r.json()["stage"], r.json()["reason"]) == (200, "dropped", "企业转投外省")
    for act, body, status, code in [("notes", {"text": "x"}, 409, "locked"),
                                    ("advance", {}, 409, "wrong_status"),
                                    ("sign", {"ref": "X1"}, 409, "wrong_status")]:
        r = who["s2"].post(f"{u}/{act}", body)
        assert (r.status, r.json()["error"]["code"]) == (status, code), act
    r = who["coord"].post(f"{u}/reopen", {"text": "企业重新考虑"})
    assert (r.status, r.json()["stage"], r.json()["reason"]) == (200, "lead", None)


def test_sign_makes_a_project_attributed_and_linked(who, srv):
    # found by the district (D1), followed by S2: attracted_by district
    lid = find(who["coord"], "星河光电科技有限公司")["id"]
    u = f"/api/v1/leads/{lid}"
    assert who["s2"].post(f"{u}/notes", {"kind": "visit", "text": "赴企业总部走访"}).status == 201
    assert who["s2"].post(f"{u}/advance", {"text": "进入洽谈"}).status == 200
    assert who["s2"].post(f"{u}/advance", {}).status == 200
    r = who["s2"].post(f"{u}/sign", {"ref": "L-1", "name": "星河光电芯片封测项目"})
    assert r.status == 200, r.body
    got = r.json()
    assert (got["stage"], got["project"], got["signed_on"]) == ("signed", {"ref": "L-1"}, TODAY)
    assert [(g["kind"], g["stage"]) for g in got["log"]] == [
        ("found", "lead"), ("visit", "lead"), ("stage", "talks"), ("stage", "intent"),
        ("sign", "signed")]
    p = who["s2"].get("/api/v1/projects/L-1").json()
    p = p.get("project", p)
    assert (p["name"], p["section"] if isinstance(p["section"], str) else p["section"]["code"],
            p["attracted_by"], p["signed_on"], p["company"], p["industry"]) == \
        ("星河光电芯片封测项目", "S2", "district", TODAY, "星河光电科技有限公司", "集成电路")
    # the project links back: the lead list by the project's ref
    back = who["s1"].get("/api/v1/leads?ref=L-1").json()
    assert (back["total"], back["items"][0]["id"], back["items"][0]["details"]) == (1, lid, False)
    assert who["coord"].get("/api/v1/leads?ref=P1").json()["total"] == 0
    # a signed lead is locked and the project's ref is taken
    r = who["s2"].request("PATCH", u, {"version": got["version"], "source": "x"})
    assert (r.status, r.json()["error"]["code"]) == (409, "locked")
    # found by the street itself: attracted_by street; an existing ref is refused
    lid2 = create(who["s2"], company="青禾食品", industry="食品")["id"]
    for _ in range(2):
        who["s2"].post(f"/api/v1/leads/{lid2}/advance", {})
    r = who["s2"].post(f"/api/v1/leads/{lid2}/sign", {"ref": "P1"})
    assert (r.status, r.json()["error"]["code"], r.json()["error"]["field"]) == \
        (409, "exists", "ref")
    r = who["s2"].post(f"/api/v1/leads/{lid2}/sign", {"ref": "L-2"})
    assert r.status == 200, r.body
    con = backend.connect(srv.db)
    try:
        assert con.execute("SELECT attracted_by, signed_on, total_investment FROM projects"
                           " WHERE ref = 'L-2'").fetchone() == ("street", TODAY, None)
        assert con.execute("SELECT attracted_by, total_investment FROM projects"
                           " WHERE ref = 'L-1'").fetchone() == ("district", 50_000_000)
    finally:
        con.close()


def test_counts_by_hand(who):
    c = who["coord"]
    # found 2024-03-10 by S1, followed by S1, 8000 万 signed 2024-06-12
    a = create(c, company="甲一精密", industry="高端装备", found_by="S1", followed_by="S1",
               amount_yuan=80_000_000, found_on="2024-03-10")["id"]
    for _ in range(2):
        assert c.post(f"/api/v1/leads/{a}/advance", {"on": "2024-05-01"}).status == 200
    assert c.post(f"/api/v1/leads/{a}/sign", {"ref": "L-3", "on": "2024-06-12"}).status == 200
    # found 2023-12-01 by S1 (not in 2024), signed 2024-01-20, 1234.5 万
    b = create(c, company="甲二材料", found_by="S1", followed_by="S1",
               amount_yuan=12_345_000, found_on="2023-12-01")["id"]
    for _ in range(2):
        c.post(f"/api/v1/leads/{b}/advance", {"on": "2024-01-05"})
    assert c.post(f"/api/v1/leads/{b}/sign", {"ref": "L-4", "on": "2024-01-20"}).status == 200
    # talents reported by S1: 2024-06 → 3, 2024-02 → 2; S2 2024-06 → 1
    assert who["s1"].post("/api/v1/leads/talents",
                          {"unit": "S1", "month": "2024-06", "count": 3}).status == 200
    assert who["s1"].post("/api/v1/leads/talents",
                          {"unit": "S1", "month": "2024-02", "count": 2}).status == 200
    r = who["s1"].post("/api/v1/leads/talents", {"unit": "S2", "month": "2024-06", "count": 1})
    assert (r.status, r.json()["error"]["code"]) == (403, "forbidden")
    assert who["s2"].post("/api/v1/leads/talents",
                          {"unit": "S2", "month": "2024-06", "count": 1}).status == 200
    # leads so far, found in 2024 (all on TODAY but 星河 05-06, 甲一 03-10):
    #   D1: 星河 (05-06), 海川? no: 海川 was found by S2. S2 found: Aurora, 海川, 远航,
    #   青禾 (all 06-30). S1: 甲一 (03-10). 甲二 found 2023.
    # signed in 2024: S2 follows 星河 (5000 万) and 青禾 (no amount);
    #   S1 follows 甲一 (8000 万, 06-12) and 甲二 (1234.5 万, 01-20).
    year = c.get("/api/v1/leads/counts?year=2024").json()
    rows = {x["unit"]["code"]: (x["found"], x["signed"], x["signed_yuan"], x["funds"],
                                x["talents"]) for x in year["rows"]}
    assert rows == {"D1": (1, 0, 0, 0, 0),
                    "S1": (1, 2, 92_345_000, 0, 5),
                    "S2": (4, 2, 50_000_000, 0, 1),
                    "S21": (0, 0, 0, 0, 0)}
    assert (year["year"], year["month"]) == (2024, None)
    assert year["total"] == {"found": 6, "signed": 4, "signed_yuan": 142_345_000,
                             "funds": 0, "talents": 6}
    june = c.get("/api/v1/leads/counts?month=2024-06").json()
    rows = {x["unit"]["code"]: (x["found"], x["signed"], x["signed_yuan"], x["talents"])
            for x in june["rows"]}
    assert rows == {"D1": (0, 0, 0, 0), "S1": (0, 1, 80_000_000, 3),
                    "S2": (4, 2, 50_000_000, 1), "S21": (0, 0, 0, 0)}
    assert (june["year"], june["month"]) == (2024, 6)


def test_verify_reconciles_the_pool(srv):
    r = run("verify", db=srv.db)
    assert r.code == 0, r
    assert "not compared" not in r.out + r.err


LEADS_BAD = (
    "企业名称,产业链,意向投资（万元）,发现单位,跟进单位,阶段,项目编号,放弃原因\n"
    "甲公司,集成电路,100,D1,G1,线索,,\n"          # followed by a department
    "乙公司,新能源,200,S1,S1,签约,,\n"            # signed without its project
    "丙公司,新能源,,S1,S1,放弃,,\n"               # dropped without a reason
    "丁公司,新能源,,S1,S1,洽谈,P1,\n"             # a ref on a lead not signed
)
LEADS_GOOD = (
    "企业名称,统一社会信用代码,产业链,意向投资（万元）,线索来源,发现单位,跟进单位,阶段,"
    "登记日期,签约日期,放弃原因,项目编号\n"
    "戊光伏科技,,新能源,\"1,234.5\",展会,D1,S1,洽谈,2024-02-01,,,\n"
    "己生物,,生物医药,300,,甲板块,S1,签约,2024-01-15,2024-03-01,,P2\n"
    "庚材料,,新材料,,,S2,S21,放弃,2024-04-01,,企业资金链断裂,\n"
)


def test_import_all_or_nothing_with_row_errors(db, tmp_path):
    for kind in ("units", "projects"):
        assert run("import", kind, FIXTURES / "small" / f"{kind}.csv", db=db).code == 0
    f = tmp_path / "bad.csv"
    f.write_text(LEADS_BAD, encoding="utf-8")
    r = run("import", "leads", f, db=db, env=ENV)
    assert r.code == 1, r
    assert r.err.splitlines() == [
        f"{f}:2: followed_by (跟进单位): G1: is a department (部门), not the kind of unit this "
        "column takes",
        f"{f}:3: ref (项目编号): a signed lead names the project it became",
        f"{f}:4: reason (放弃原因): a dropped lead needs its reason",
        f"{f}:5: ref (项目编号): P1: only a signed lead names a project",
        f"{f}: 4 problems; nothing was written"]
    con = backend.connect(db)
    assert con.execute("SELECT count(*) FROM leads").fetchone() == (0,)
    con.close()
    g = tmp_path / "good.csv"
    g.write_text(LEADS_GOOD, encoding="utf-8")
    r = run("import", "leads", g, db=db, env=ENV)
    assert r.code == 0, r
    assert "3 rows: 3 new, 0 changed, 0 unchanged" in r.err
    con = backend.connect(db)
    try:
        got = con.execute(
            "SELECT l.company, l.amount, f.code, w.code, l.stage, l.found_on, l.signed_on,"
            " l.reason, p.ref FROM leads l JOIN units f ON f.id = l.found_by"
            " JOIN units w ON w.id = l.followed_by LEFT JOIN projects p ON p.id = l.project_id"
            " ORDER BY l.id").fetchall()
    finally:
        con.close()
    assert got == [
        ("戊光伏科技", 12_345_000, "D1", "S1", "talks", "2024-02-01", None, None, None),
        ("己生物", 3_000_000, "S1", "S1", "signed", "2024-01-15", "2024-03-01", None, "P2"),
        ("庚材料", None, "S2", "S21", "dropped", "2024-04-01", None, "企业资金链断裂", None)]
    # export writes what import reads: the round trip changes nothing
    out = tmp_path / "out.csv"
    r = run("export", "leads", "-o", out, db=db)
    assert r.code == 0, r
    r = run("import", "leads", out, db=db, env=ENV)
    assert r.code == 0, r
    assert "3 rows: 0 new, 0 changed, 3 unchanged" in r.err
    # the same company again, another stage: one change, logged as an import
    g.write_text(LEADS_GOOD.replace("洽谈", "意向"), encoding="utf-8")
    r = run("import", "leads", g, db=db, env=ENV)
    assert "3 rows: 0 new, 1 changed, 2 unchanged" in r.err, r
    assert run("template", "leads", "-o", tmp_path / "t.xlsx", db=db).code == 0
    assert run("verify", db=db).code == 0


def test_the_cli_prints_the_same_counts(srv, who):
    # after test_counts_by_hand: the CLI's table is the API's (operator view)
    r = run("leads", "--counts", "--year", "2024", "--format", "csv", db=srv.db, env=ENV)
    assert r.code == 0, r
    assert r.out.splitlines() == [
        "unit,found,signed,signed_yuan,funds,talents",
        "D1,1,0,0,0,0", "S1,1,2,92345000,0,5", "S2,4,2,50000000,0,1", "S21,0,0,0,0,0"]
    r = run("leads", "--section", "S1", "--format", "json", db=srv.db, env=ENV)
    assert r.code == 0, r
    assert sorted((x["company"], x["stage"], x["amount_yuan"]) for x in r.json()["items"]) == [
        ("甲一精密", "signed", 80_000_000), ("甲二材料", "signed", 12_345_000)]
    assert run("leads", "--bogus", db=srv.db).code == 2


def test_counts_read_the_fund_registry(srv, who):
    # after test_counts_by_hand: funds brought (引进基金) are the registry's funds
    # whose brought_by is the unit itself (not its subtree), registered in the period
    c = who["coord"]
    funds = (("甲产业基金", "2024-03-05", "S1"),   # S1, 2024-03
             ("乙社区基金", "2024-06-20", "S21"),  # S21's own: not also S2's
             ("丙旧基金", "2023-12-31", "S1"),     # 2023: outside 2024
             ("丁区级基金", "2024-07-01", "D1"),   # D1, 2024-07
             ("戊无主基金", "2024-05-01", None))   # brought by nobody
    for name, on, unit in funds:
        body = {"name": name, "capital": 100_000_000, "registered_on": on}
        if unit:
            body["brought_by"] = unit
        r = c.post("/api/v1/funds", body)
        assert r.status == 201, r.body
    year = c.get("/api/v1/leads/counts?year=2024").json()
    assert {x["unit"]["code"]: x["funds"] for x in year["rows"]} == {
        "D1": 1, "S1": 1, "S2": 0, "S21": 1}
    assert year["total"]["funds"] == 3
    june = c.get("/api/v1/leads/counts?month=2024-06").json()
    assert {x["unit"]["code"]: x["funds"] for x in june["rows"]} == {
        "D1": 0, "S1": 0, "S2": 0, "S21": 1}
    assert june["total"]["funds"] == 1
    y2023 = c.get("/api/v1/leads/counts?year=2023").json()
    assert {x["unit"]["code"]: x["funds"] for x in y2023["rows"]} == {
        "D1": 0, "S1": 1, "S2": 0, "S21": 0}
    r = run("leads", "--counts", "--year", "2024", "--format", "csv", db=srv.db, env=ENV)
    assert r.code == 0, r
    assert r.out.splitlines() == [
        "unit,found,signed,signed_yuan,funds,talents",
        "D1,1,0,0,1,0", "S1,1,2,92345000,1,5", "S2,4,2,50000000,0,1", "S21,0,0,0,1,0"]
    assert run("verify", db=srv.db).code == 0
