"""Revenue sharing and industrial funds (招商共享, 产业基金; issue #16 items 2,
3): the taxes file, `ballast ledger`, /api/v1/ledger, its rules, the fund
registry and the fund targets, black-box, by hand.

The fixture's units (tests/fixtures/small): S1 甲板块 (id 3), S2 乙街道 (4)
and S21 乙街道社区 (5, under S2). Projects written below:
  T1 district-attracted, S1, landed 2018-05-01: 2018 is year 1, 2023 year 6,
     2024 year 7;
  T2 district-attracted, S2, no landing date, signed 2024-12-31: 2024 year 1;
  T3 district-attracted, S21, signed 2018-07-01: 2024 year 7;
  T4 street-attracted: no rule shares it.
Default rules: years 1-6 the street 1000 permille, from 7 the street 800; the
street gets floor(tax x permille / 1000), the district the rest."""
import pytest

from conftest import FIXTURES, run
from server import PASSWORD, Server

PROJECTS = (
    "ref,name,section,attracted_by,signed_on,landed_on\n"
    "T1,甲集成电路项目,S1,district,2021-03-01,2018-05-01\n"
    "T2,乙新材料项目,S2,区级,2024-12-31,\n"
    "T3,丙装备项目,S21,district,2018-07-01,\n"
    "T4,丁街道招商项目,S1,街道,2020-06-01,\n"
)
TAXES = (
    "项目编号,年度,税收（万元）\n"
    "T1,2018,0.01\n"         # 100 yuan, year 1: all to the street
    "T1,2023,600\n"          # 6,000,000, year 6: all to the street
    "T1,2024,1234.5679\n"    # 12,345,679, year 7: 9,876,543.2 -> 9,876,543 / 2,469,136
    "T2,2024,0.0007\n"       # 7 yuan, year 1
    "T3,2024,0.0001\n"       # 1 yuan, year 7: 0.8 -> 0 / the 1 yuan to the district
    "T4,2024,0.0009\n"       # street-attracted: no line
)
USERS = {"coord": ("coordinator", None), "s1": ("section", "S1"), "s2": ("section", "S2"),
         "auditor": ("auditor", None), "dept": ("department", "G1"),
         "leader": ("leader", None), "admin": ("admin", None)}


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    d = tmp_path_factory.mktemp("sharing")
    db = d / "s.db"
    assert run("init", db=db).code == 0
    assert run("import", "units", FIXTURES / "small" / "units.csv", db=db).code == 0
    (d / "p.csv").write_text(PROJECTS, encoding="utf-8")
    r = run("import", "projects", d / "p.csv", db=db)
    assert r.code == 0, r
    (d / "t.csv").write_text(TAXES, encoding="utf-8")
    r = run("import", "taxes", d / "t.csv", db=db)
    assert r.code == 0, r
    assert "6 rows: 6 new, 0 changed, 0 unchanged" in r.err
    for name, (role, unit) in USERS.items():
        args = ["user", "add", name, "--role", role] + (["--unit", unit] if unit else [])
        assert run(*args, db=db, stdin=PASSWORD + "\n").code == 0
    return db


def ledger(db, *args):
    r = run("ledger", "--format", "json", *args, db=db)
    assert r.code == 0, r
    return r.json()


def lines(j):
    return [(x["ref"], x["year"], x["year_no"], x["tax"], x["street_share"],
             x["district_share"], x["rule"]["id"]) for x in j["items"]]


def test_the_ledger_by_hand(db):
    j = ledger(db)
    assert lines(j) == [
        ("T1", 2018, 1, 100, 100, 0, -1),
        ("T1", 2023, 6, 6000000, 6000000, 0, -1),
        ("T1", 2024, 7, 12345679, 9876543, 2469136, -2),
        ("T2", 2024, 1, 7, 7, 0, -1),
        ("T3", 2024, 7, 1, 0, 1, -2),
    ]
    assert j["totals"] == {"tax": 18345787, "street": 15876650, "district": 2469137}
    assert j["unshared"] == 1
    assert j["items"][2]["rule"]["name"] == "默认：落户第7年起 区:街道=1:4"
    assert j["items"][2]["landed_on"] == "2018-05-01"
    assert j["items"][3]["landed_on"] == "2024-12-31"  # its signing date
    # totals equal the sums of their rows
    for k, col in (("tax", "tax"), ("street", "street_share"), ("district", "district_share")):
        assert j["totals"][k] == sum(x[col] for x in j["items"])
    # one year; one street's subtree (S2 holds S21)
    j = ledger(db, "--year", "2024", "--street", "S2")
    assert lines(j) == [("T2", 2024, 1, 7, 7, 0, -1), ("T3", 2024, 7, 1, 0, 1, -2)]
    assert j["totals"] == {"tax": 8, "street": 7, "district": 1}
    assert j["street"] == "S2" and j["year"] == 2024
    r = run("ledger", "--year", "2024", "--format", "csv", db=db)
    assert r.code == 0, r
    assert r.out.splitlines()[1] == ("T1,甲集成电路项目,S1,2018-05-01,2024,7,12345679,9876543,"
                                     "2469136,800,-2,默认：落户第7年起 区:街道=1:4")
    r = run("ledger", "--year", "2024", db=db)
    assert r.code == 0 and "分成台账：3条，税收12345687元，街道9876550元，区级2469137元" in r.out
    assert "另有1条税收记录无适用规则" in r.out
    r = run("ledger", "--street", "NOPE", db=db)
    assert r.code == 2 and "street NOPE" in r.err


def test_taxes_import_is_all_or_nothing(db, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("ref,year,tax\nT1,2024,1\nNOPE,2024,1\nT2,2024,-1\nT2,2022,1.00001\n"
                   "T1,2024,2\nT3,1999,1\n", encoding="utf-8")
    r = run("import", "taxes", bad, db=db)
    assert r.code == 1, r
    err = r.err
    assert "bad.csv:3: ref (项目编号): NOPE: no project has this ref" in err
    assert "bad.csv:4: tax (税收（万元）): -1:" in err
    assert "bad.csv:5: tax (税收（万元）): 1.00001:" in err
    assert "bad.csv:6: year (年度): 2024: repeats row 2 of this file" in err
    assert "bad.csv:7: year (年度): 1999: a tax year from 2000 to 2099" in err
    # nothing written: T1 2024 is still 12,345,679
    assert ledger(db, "--year", "2024")["totals"]["tax"] == 12345687
    r = run("export", "taxes", db=db)
    assert r.code == 0
    assert r.out.splitlines() == ["ref,year,tax", "T1,2018,0.01", "T1,2023,600",
                                  "T1,2024,1234.5679", "T2,2024,0.0007", "T3,2024,0.0001",
                                  "T4,2024,0.0009"]
    r = run("export", "projects", db=db)
    assert "landed_on" in r.out.splitlines()[0]
    assert ",2018-05-01," in r.out.splitlines()[1] + ","


@pytest.fixture(scope="module")
def srv(db):
    s = Server(db)
    yield s
    s.stop()


def test_who_sees_the_ledger(srv):
    def refs(name):
        r = srv.login(name).get("/api/v1/ledger?year=2024")
        return r.status, [x["ref"] for x in r.json()["items"]] if r.status == 200 else None

    assert refs("coord") == (200, ["T1", "T2", "T3"])
    assert refs("auditor") == (200, ["T1", "T2", "T3"])
    assert refs("leader") == (200, ["T1", "T2", "T3"])
    assert refs("s1") == (200, ["T1"])
    assert refs("s2") == (200, ["T2", "T3"])
    assert refs("dept") == (403, None)
    j = srv.login("s2").get("/api/v1/ledger?year=2024").json()
    assert j["totals"] == {"tax": 8, "street": 7, "district": 1}
    t = srv.login("s2").get("/api/v1/taxes").json()
    assert [(x["ref"], x["year"], x["tax"]) for x in t["items"]] == [("T2", 2024, 7),
                                                                   ("T3", 2024, 1)]
    assert srv.login("dept").get("/api/v1/taxes").status == 403
    assert srv.client().get("/api/v1/ledger").status == 401
    x = srv.login("s2").get("/api/v1/ledger?year=2024&format=xlsx")
    assert x.status == 200 and x.headers["Content-Type"].startswith(
        "application/vnd.openxmlformats")
    assert 'filename="ballast-ledger.xlsx"' in x.headers["Content-Disposition"]
    r = srv.login("coord").get("/api/v1/ledger?street=NOPE")
    assert r.status == 400 and r.json()["error"]["code"] == "invalid"


def test_a_rule_changed_for_later_years_only(srv, db, tmp_path):
    rule = {"name": "2025年起 第7年起 街道70%", "attracted_by": "district", "nth_from": 7,
            "valid_from": 2025, "street_permille": 700}
    for name in ("s1", "auditor", "leader", "dept"):
        assert srv.login(name).post("/api/v1/ledger/rules", rule).status == 403
    c = srv.login("coord")
    bad = c.post("/api/v1/ledger/rules", {**rule, "street_permille": 1001})
    assert bad.status == 400 and bad.json()["error"]["code"] == "invalid"
    r = c.post("/api/v1/ledger/rules", rule)
    assert r.status == 201, r.body
    made = r.json()
    assert (made["street_permille"], made["district_permille"], made["version"]) == (700, 300, 1)
    # T1's 2025 (year 8): 1,000,000.5 yuan -> 700,000 / 300,001 under the new rule
    f = tmp_path / "t2025.csv"
    f.write_text("ref,year,tax\nT1,2025,100.00005\n", encoding="utf-8")
    assert run("import", "taxes", f, db=db).code == 1  # 5 decimals of 万元: refused
    f.write_text("ref,year,tax\nT1,2025,100.0001\n", encoding="utf-8")
    assert srv.login("coord").post("/api/v1/import/taxes", raw=f.read_bytes(),
                                   headers={"Content-Type": "text/csv"}).status == 200
    j = c.get("/api/v1/ledger").json()
    got = {(x["ref"], x["year"]): (x["street_share"], x["district_share"], x["rule"]["id"])
           for x in j["items"]}
    assert got[("T1", 2025)] == (700000, 300001, made["id"])
    # the years the rule does not name stay as they were
    assert got[("T1", 2024)] == (9876543, 2469136, -2)
    assert got[("T3", 2024)] == (0, 1, -2)
    # an edit names its version; a stale one is refused with the current rule
    path = f"/api/v1/ledger/rules/{made['id']}"
    assert c.put(path, {**rule, "street_permille": 750}).status == 428
    stale = c.put(path, {**rule, "street_permille": 750, "version": 9})
    assert stale.status == 409 and stale.json()["error"]["code"] == "stale"
    r = c.put(path, {**rule, "street_permille": 750, "version": 1})
    assert r.status == 200 and r.json()["version"] == 2
    j = c.get("/api/v1/ledger?year=2025").json()
    assert lines(j) == [("T1", 2025, 8, 1000001, 750000, 250001, made["id"])]
    trail = srv.login("admin").get("/api/v1/audit?entity=sharing_rule").json()["items"]
    assert [(e["action"], e["key"]) for e in trail][:2] == [("update", str(made["id"])),
                                                            ("insert", str(made["id"]))]
    assert trail[0]["before"] == {"street_permille": 700}
    assert trail[0]["after"] == {"street_permille": 750}
    rules = c.get("/api/v1/ledger/rules").json()["items"]
    assert [x["id"] for x in rules] == [made["id"], -1, -2]
    assert c.put("/api/v1/ledger/rules/-1", {**rule, "version": 0}).status == 404


def test_fund_targets_read_the_registry(srv, db, tmp_path):
    c = srv.login("coord")
    # a hand-entered figure first: it is the source while the year has no fund
    r = c.put("/api/v1/indicators", {"month": "2024-06", "items": [
        {"indicator": "industrial_funds", "value": 40},
        {"indicator": "industrial_funds_capital_yuan", "value": 9000000000}]})
    assert r.status == 200, r.body
    for measure, value in (("industrial_funds", 3), ("industrial_funds_capital_yuan",
                                                     10000000000)):
        assert c.post("/api/v1/targets", {"year": 2024, "measure": measure,
                                          "due": "2024-12-31", "value": value}).status == 201

    def actual():
        j = c.get("/api/v1/targets?year=2024&asof=2024-12-31").json()
        return {x["measure"]: (x["actual"], x["status"]) for x in j["targets"]
                if x["measure"].startswith("industrial_funds")}

    assert actual() == {"industrial_funds": (40, "met"),
                        "industrial_funds_capital_yuan": (9000000000, "missed")}
    fund = {"name": "甲产业基金", "manager": "甲资本", "capital": 5000000000,
            "registered_on": "2024-03-05", "focus": "集成电路", "brought_by": "S1"}
    for name in ("s1", "auditor", "dept"):
        assert srv.login(name).post("/api/v1/funds", fund).status == 403
    r = c.post("/api/v1/funds", fund)
    assert r.status == 201, r.body
    f = tmp_path / "funds.csv"
    f.write_text("基金名称,管理人,注册资本（万元）,注册日期,投资方向,引进单位\n"
                 "乙并购基金,乙资本,300000,2024年7月1日,新材料,S2\n"
                 "丙天使基金,,20000.5,2023/12/31,,\n", encoding="utf-8")
    r = run("import", "funds", f, db=db)
    assert r.code == 0, r
    # 2024's registry: 2 funds, 5,000,000,000 + 3,000,000,000 yuan; the entered 40 is set aside
    assert actual() == {"industrial_funds": (2, "missed"),
                        "industrial_funds_capital_yuan": (8000000000, "missed")}
    j = c.get("/api/v1/funds?year=2024").json()
    assert (j["count"], j["capital"], j["total"]) == (2, 8000000000, 2)
    assert [x["name"] for x in j["items"]] == ["甲产业基金", "乙并购基金"]
    assert j["items"][0]["brought_by"]["code"] == "S1"
    assert c.get("/api/v1/funds").json()["total"] == 3
    assert srv.login("s2").get("/api/v1/funds?year=2023").json()["capital"] == 200005000
    # as of 2024-06-10 the target reads June's figure: the funds through June 30 (1)
    j = c.get("/api/v1/targets?year=2024&asof=2024-06-10").json()
    got = [(x["actual"], x["indicator_month"]) for x in j["targets"]
           if x["measure"] == "industrial_funds"]
    assert got == [(1, "2024-06")]
    # an edit of a fund names its version
    assert c.post("/api/v1/funds", {**fund, "capital": 6000000000}).status == 428
    r = c.post("/api/v1/funds", {**fund, "capital": 6000000000, "version": 1})
    assert r.status == 200 and r.json()["version"] == 2
    assert actual()["industrial_funds_capital_yuan"] == (9000000000, "missed")


def test_verify_covers_the_new_tables(srv, db):
    r = run("verify", db=db)
    assert r.code == 0, r
    assert "not compared" not in r.out + r.err
