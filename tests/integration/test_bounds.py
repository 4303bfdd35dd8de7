"""Issue #9 items 4, 5, 7, 9: the importer checks the actor's right to write
each kind (HTTP and the CLI's --actor), every amount lies in 0 … 10^15 yuan
on every entry path, a CSV export guards text that a spreadsheet would run as
a formula and import takes the guard off, target values and report months
have a domain range."""
import csv
import io

import pytest

import backend

from conftest import dump, run
from server import Server, make_demo

E15 = 10**15
INT64_MAX = 2**63 - 1
TOO_LARGE = "out of range: more than 10^15 yuan (100000000000 万元)"  # JSON, yuan
CELL_TOO_LARGE = "out of range: more than 100000000000 万元 (10^15 yuan)"  # cells, 万元
MONTH_RANGE = "month out of range (2000-01 to 2099-12)"

# S02 moved under S01: the move the outside test made as a coordinator.
UNITS_MOVE = "code,name,kind,parent\nS02,太科办(新安街道),section,S01\n".encode()
UNITS_BACK = "code,name,kind,parent\nS02,太科办(新安街道),section,320214\n".encode()


def copy_db(src, dst):
    """A consistent copy of a database (SQLite's backup while a server has it
    open; PostgreSQL's template)."""
    return backend.copy_db(src, dst)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    db = tmp_path_factory.mktemp("bounds") / "demo.db"
    make_demo(db, open_plan=True)  # the listings' bounds: 2024's plan editable directly
    return db


@pytest.fixture(scope="module")
def srv(demo, tmp_path_factory):
    db = copy_db(demo, tmp_path_factory.mktemp("bounds-srv") / "d.db")
    s = Server(db, log=str(db) + ".log")
    yield s
    assert s.stop() == 0


@pytest.fixture
def cli_db(demo, tmp_path):
    return copy_db(demo, tmp_path / "c.db")


def error_of(r):
    return r.json()["error"]


# ---- item 4: who may import what ----

def test_units_import_as_coordinator_is_forbidden_and_writes_nothing(srv):
    c = srv.login("coord")
    before = dump(srv.db)
    r = c.post("/api/v1/import/units", raw=UNITS_MOVE, headers={"Content-Type": "text/csv"})
    assert r.status == 403, r.body
    assert error_of(r)["code"] == "forbidden"
    assert error_of(r)["message"] == "your role may not import units"
    r = c.post("/api/v1/import/units?dry_run=1", raw=UNITS_MOVE)
    assert r.status == 403 and error_of(r)["code"] == "forbidden"
    assert dump(srv.db) == before
    # The coordinator still imports what its role writes.
    r = c.post("/api/v1/import/listings?dry_run=1",
               raw="ref,year,tiers,annual_plan\n2024-006,2024,区,100\n".encode())
    assert r.status == 200 and r.json()["ok"] is True, r.body


def test_units_import_as_admin_moves_the_tree(srv):
    admin, s01 = srv.login("admin"), srv.login("s01")
    mine = s01.get("/api/v1/projects?year=2024&limit=1").json()["total"]
    r = admin.post("/api/v1/import/units", raw=UNITS_MOVE)
    assert r.status == 200, r.body
    assert r.json()["written"] is True and r.json()["summary"]["changed"] == 1
    # Why the right matters: S01's user now sees S02's projects too.
    assert s01.get("/api/v1/projects?year=2024&limit=1").json()["total"] > mine
    r = admin.post("/api/v1/import/units", raw=UNITS_BACK)
    assert r.status == 200 and r.json()["summary"]["changed"] == 1, r.body
    assert s01.get("/api/v1/projects?year=2024&limit=1").json()["total"] == mine


def test_cli_actor_user_is_checked_against_the_accounts_role(cli_db, tmp_path):
    units = tmp_path / "units.csv"
    units.write_bytes(UNITS_MOVE)
    reports = tmp_path / "reports.csv"
    reports.write_text("ref,month,invest\n2024-006,2024-07,1\n", encoding="utf-8")
    before = dump(cli_db)
    r = run("import", "units", units, "--actor", "user:coord", db=cli_db)
    assert r.code == 1, r
    assert r.err == (f"{units}: user:coord (role coordinator, 发改委项目办) may not import units\n"
                     f"{units}: 1 problem; nothing was written\n")
    r = run("import", "reports", reports, "--actor", "user:s01", db=cli_db)
    assert r.code == 1, r
    assert r.err.startswith(f"{reports}: user:s01 (role section, 板块/街道) may not import "
                            "reports\n")
    r = run("import", "units", units, "--actor", "user:nobody", db=cli_db)
    assert r.code == 1 and r.err == "ballast import: --actor user:nobody: no such user\n", r
    assert dump(cli_db) == before
    r = run("import", "units", units, "--actor", "user:admin", db=cli_db)
    assert r.code == 0, r
    assert "1 changed" in r.err
    con = backend.connect(cli_db)
    actor = con.execute("SELECT actor FROM audit WHERE entity = 'unit' "
                        "ORDER BY id DESC LIMIT 1").fetchone()[0]
    con.close()
    assert actor == "user:admin"
    # Without --actor (or with a plain name) the machine's operator imports.
    back = tmp_path / "back.csv"
    back.write_bytes(UNITS_BACK)
    r = run("import", "units", back, db=cli_db)
    assert r.code == 0 and "1 changed" in r.err, r
    r = run("import", "reports", reports, "--actor", "ops:wang", db=cli_db)
    assert r.code == 0 and "1 new" in r.err, r


# ---- item 5: amounts ----

@pytest.mark.parametrize("value", [E15 + 1, INT64_MAX, -1])
def test_report_invest_out_of_bounds_is_400(srv, value):
    c = srv.login("coord")
    r = c.put("/api/v1/reports/2024-006/2024-11", {"invest_yuan": value})
    assert r.status == 400, r.body
    assert error_of(r)["code"] == "invalid" and error_of(r)["field"] == "invest_yuan"
    r = c.put("/api/v1/reports/2024-006/2024-11", {"invest_yuan": 1, "output_yuan": value})
    assert r.status == 400 and error_of(r)["field"] == "output_yuan"


def test_report_invest_at_the_bound_is_accepted_and_sums_exactly(srv):
    c = srv.login("coord")
    for month in ("2024-11", "2024-12"):
        r = c.put(f"/api/v1/reports/2024-007/{month}", {"invest_yuan": E15})
        assert r.status == 201, r.body
        assert r.json()["invest_yuan"] == E15
        r = c.post("/api/v1/reports/submit", {"month": month, "refs": ["2024-007"]})
        assert r.status == 200, r.body
    monthly = c.get("/api/v1/projects/2024-007?year=2024&asof=2024-12-31").json()["monthly"]
    assert monthly[11]["invest_cum_yuan"] == monthly[9]["invest_cum_yuan"] + 2 * E15


@pytest.mark.parametrize("value", [E15 + 1, INT64_MAX, -1])
def test_project_amounts_out_of_bounds_are_400(srv, value):
    c = srv.login("coord")
    for key in ("total_investment_yuan", "capacity_yuan"):
        r = c.post("/api/v1/projects", {"ref": "B-1", "name": "界限", "section": "S01",
                                        key: value})
        assert r.status == 400, r.body
        assert error_of(r)["code"] == "invalid" and error_of(r)["field"] == key
    r = c.post("/api/v1/projects", {"ref": "B-1", "name": "界限", "section": "S01",
                                    "land_mu": "100000000000.0001"})
    assert r.status == 400 and error_of(r)["field"] == "land_mu"


def test_listing_month_plan_that_would_wrap_is_400(srv):
    c = srv.login("coord")
    ls = next(x for x in c.get("/api/v1/listings?year=2024").json()["items"]
              if x["ref"] == "2024-008")
    r = c.put("/api/v1/listings/2024-008/2024",
              {"tiers": ["district"], "annual_plan_yuan": 0,
               "month_plan_yuan": [INT64_MAX, INT64_MAX, 2] + [0] * 9, "version": ls["version"]})
    assert r.status == 400, r.body
    assert error_of(r)["code"] == "invalid" and error_of(r)["field"] == "month_plan_yuan"
    r = c.put("/api/v1/listings/2024-008/2024",
              {"tiers": ["district"], "annual_plan_yuan": E15 + 1, "version": ls["version"]})
    assert r.status == 400 and error_of(r)["field"] == "annual_plan_yuan"
    r = c.put("/api/v1/listings/2024-008/2024",
              {"tiers": ["district"], "annual_plan_yuan": 2 * E15,
               "month_plan_yuan": [E15, E15] + [0] * 10, "version": ls["version"]})
    assert r.status == 400 and error_of(r)["field"] == "annual_plan_yuan"
    r = c.put("/api/v1/listings/2024-008/2024",
              {"tiers": ["district"], "annual_plan_yuan": E15,
               "month_plan_yuan": [E15 - 1, 1] + [0] * 10, "version": ls["version"]})
    assert r.status == 200, r.body
    assert r.json()["month_plan_yuan"][:2] == [E15 - 1, 1]


def test_import_amount_cells_are_bounded(cli_db, tmp_path):
    f = tmp_path / "listings.csv"
    f.write_text("ref,year,tiers,annual_plan,m01,m02,m03\n"
                 "2024-008,2024,区,0,922337203685477.5807,922337203685477.5807,0.0002\n"
                 "2024-009,2024,区,100000000000.0001,,,\n", encoding="utf-8")
    before = dump(cli_db)
    r = run("import", "listings", f, db=cli_db)
    assert r.code == 1, r
    assert r.err == (
        f"{f}:2: m01 (1月计划): 922337203685477.5807: {CELL_TOO_LARGE}\n"
        f"{f}:2: m02 (2月计划): 922337203685477.5807: {CELL_TOO_LARGE}\n"
        f"{f}:3: annual_plan (年度计划投资（万元）): 100000000000.0001: {CELL_TOO_LARGE}\n"
        f"{f}: 3 problems; nothing was written\n")
    assert dump(cli_db) == before
    p = tmp_path / "reports.csv"
    p.write_text("ref,month,invest\n2024-006,2024-07,-1\n2024-006,2024-08,100000000000\n",
                 encoding="utf-8")
    r = run("import", "reports", p, db=cli_db)
    assert r.code == 1, r
    assert r.err.startswith(f"{p}:2: invest (本月完成投资（万元）): -1: must not be negative\n")
    f.write_text("ref,year,tiers,annual_plan,m01,m02\n"
                 "2024-008,2024,区,100000000000,99999999999.9999,0.0001\n", encoding="utf-8")
    r = run("import", "listings", f, db=cli_db)
    assert r.code == 0 and "1 changed" in r.err, r


# ---- item 7: CSV formula injection ----

FORMULA = '=HYPERLINK("http://evil.example/","点我")'


def test_csv_export_guards_formulas_and_import_takes_the_guard_off(small, tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("ref,name,section,company,leader,industry\n"
                   f'F1,"{FORMULA.replace(chr(34), chr(34) * 2)}",S1,-5 公司,@王,+86\n'
                   "F2,'=已有引号,S1,,,\n", encoding="utf-8")
    # 挂钩领导 names a leader account (leader linkage): one named "@王"
    assert run("user", "add", "wang", "--role", "leader", "--name", "@王", db=small,
               stdin="demo-pass-1\n").code == 0
    r = run("import", "projects", src, db=small)
    assert r.code == 0, r
    con = backend.connect(small)
    assert con.execute("SELECT name FROM projects WHERE ref = 'F2'").fetchone()[0] == "=已有引号"
    con.execute("UPDATE projects SET name = '''=x' WHERE ref = 'F2'")
    con.commit()
    con.close()
    out = tmp_path / "p.csv"
    assert run("export", "projects", "-o", out, db=small).code == 0
    data = out.read_bytes()
    assert f'F1,"\'{FORMULA.replace(chr(34), chr(34) * 2)}",S1,'.encode() in data
    rows = {row["ref"]: row for row in csv.DictReader(io.StringIO(data.decode()))}
    assert rows["F1"]["name"] == "'" + FORMULA
    assert rows["F1"]["company"] == "'-5 公司"
    assert rows["F1"]["leader"] == "'@王"
    assert rows["F1"]["industry"] == "'+86"
    assert rows["F2"]["name"] == "''=x"
    assert rows["P1"]["total_investment"] == "12000"  # numbers are not text
    fresh = tmp_path / "fresh.db"
    assert run("init", db=fresh).code == 0
    assert run("export", "units", "-o", tmp_path / "u.csv", db=small).code == 0
    assert run("import", "units", tmp_path / "u.csv", db=fresh).code == 0
    assert run("user", "add", "wang", "--role", "leader", "--name", "@王", db=fresh,
               stdin="demo-pass-1\n").code == 0
    r = run("import", "projects", out, db=fresh)
    assert r.code == 0, r
    con = backend.connect(fresh)
    got = dict(con.execute("SELECT ref, name FROM projects WHERE ref IN ('F1', 'F2')"))
    company = con.execute("SELECT company FROM projects WHERE ref = 'F1'").fetchone()[0]
    con.close()
    assert got == {"F1": FORMULA, "F2": "'=x"}
    assert company == "-5 公司"
    again = tmp_path / "again.csv"
    assert run("export", "projects", "-o", again, db=fresh).code == 0
    assert again.read_bytes() == data


def test_http_export_guards_and_upload_round_trips(srv):
    c = srv.login("coord")
    r = c.post("/api/v1/projects", {"ref": "F-HTTP", "name": "=1+2", "section": "S01"})
    assert r.status == 201, r.body
    r = c.get("/api/v1/export/projects?format=csv")
    assert r.status == 200
    line = next(x for x in r.body.split("\r\n") if x.startswith("F-HTTP,"))
    assert line.startswith("F-HTTP,'=1+2,S01,")
    r = c.post("/api/v1/import/projects", raw=r.body.encode("utf-8"))
    assert r.status == 200 and r.json()["summary"]["changed"] == 0, r.body
    assert c.get("/api/v1/projects/F-HTTP").json()["name"] == "=1+2"


# ---- item 9: target values and report months ----

@pytest.mark.parametrize("measure,value,reason", [
    ("start_rate", -0.5, "a rate from 0 to 100%"),
    ("start_rate", "-0.5", "a rate from 0 to 100%"),
    ("start_rate", "999999999999%", "a rate from 0 to 100%"),
    ("start_rate", 999999999999, "a rate from 0 to 100%"),
    ("start_rate", "101%", "a rate from 0 to 100%"),
    ("industrial_value_added_growth", "-100.01%", "a growth rate from -100% to 100%"),
    ("new_starts", -1, "a count from 0 to 1000000"),
    ("new_starts", 1000001, "a count from 0 to 1000000"),
    ("fixed_asset_investment_yuan", E15 + 1, TOO_LARGE),
    ("fixed_asset_investment_yuan", -1, "must not be negative"),
])
def test_target_value_out_of_range_is_400(srv, measure, value, reason):
    c = srv.login("coord")
    r = c.post("/api/v1/targets", {"year": 2024, "measure": measure, "due": "2024-12-31",
                                   "value": value})
    assert r.status == 400, r.body
    assert error_of(r) == {"code": "invalid", "message": reason, "message_zh": "输入有误",
                           "field": "value"}


@pytest.mark.parametrize("measure,value", [
    ("start_rate", "100%"), ("start_rate", 0), ("industrial_value_added_growth", "-1.5%"),
    ("new_starts", 1000000), ("fixed_asset_investment_yuan", E15),
])
def test_target_value_at_the_bounds_is_accepted(srv, measure, value):
    c = srv.login("coord")
    r = c.post("/api/v1/targets", {"year": 2024, "measure": measure, "due": "2024-12-30",
                                   "value": value})
    assert r.status == 201, r.body
    assert c.request("DELETE", f"/api/v1/targets/{r.json()['id']}").status == 200


def test_target_import_values_are_bounded(cli_db, tmp_path):
    f = tmp_path / "targets.csv"
    f.write_text("year,measure,due,value\n"
                 "2024,start_rate,2024-12-31,-0.5\n"
                 "2024,start_rate,2024-11-30,999999999999%\n"
                 "2024,new_starts,2024-12-31,-3\n"
                 "2024,fixed_asset_investment_yuan,2024-12-31,100000000000.0001\n",
                 encoding="utf-8")
    before = dump(cli_db)
    r = run("import", "targets", f, db=cli_db)
    assert r.code == 1, r
    assert r.err == (
        f"{f}:2: value (目标值): -0.5: a rate from 0 to 100%\n"
        f"{f}:3: value (目标值): 999999999999%: a rate from 0 to 100%\n"
        f"{f}:4: value (目标值): -3: a count from 0 to 1000000\n"
        f"{f}:5: value (目标值): 100000000000.0001: {CELL_TOO_LARGE}\n"
        f"{f}: 4 problems; nothing was written\n")
    assert dump(cli_db) == before


@pytest.mark.parametrize("month", ["1900-01", "2999-12", "1999-12", "2100-01"])
def test_report_month_out_of_range_is_400(srv, month):
    c = srv.login("coord")
    r = c.put(f"/api/v1/reports/2024-006/{month}", {"invest_yuan": 1})
    assert r.status == 400, r.body
    assert error_of(r)["code"] == "invalid" and error_of(r)["field"] == "month"
    r = c.get(f"/api/v1/reports?month={month}")
    assert r.status == 400 and error_of(r)["field"] == "month"
    r = c.get(f"/api/v1/ranking?month={month}")
    assert r.status == 400 and error_of(r)["field"] == "month"


def test_report_months_at_the_bounds_are_accepted(srv):
    c = srv.login("coord")
    for month in ("2000-01", "2099-12"):
        r = c.put(f"/api/v1/reports/2024-006/{month}", {"invest_yuan": 1})
        assert r.status == 201, r.body


def test_report_month_bounds_on_import_and_cli(cli_db, tmp_path):
    f = tmp_path / "reports.csv"
    f.write_text("ref,month,invest\n2024-006,1900-01,1\n2024-006,2999年12月,1\n"
                 "2024-006,2000-01,1\n", encoding="utf-8")
    before = dump(cli_db)
    r = run("import", "reports", f, db=cli_db)
    assert r.code == 1, r
    assert r.err == (f"{f}:2: month (月份): 1900-01: {MONTH_RANGE}\n"
                     f"{f}:3: month (月份): 2999年12月: {MONTH_RANGE}\n"
                     f"{f}: 2 problems; nothing was written\n")
    assert dump(cli_db) == before
    for cmd in (("bulletin", "--month", "1900-01", "--format", "html", "-o",
                 tmp_path / "b.html"),
                ("ranking", "--month", "2999-12", "--no-save")):
        r = run(*cmd, db=cli_db)
        assert r.code == 2, r
        # the message the API gives for the same value (the one parameter table)
        assert r.err == f"ballast {cmd[0]}: month {cmd[2]}: {MONTH_RANGE}\n"


def test_a_wrong_uscc_check_character_is_saved_with_its_problem(srv):
    """core/codes.c judges the check character (the UI keeps no copy): the
    project is saved, and the API says what is wrong with the code."""
    c = srv.login("coord")
    # GB 32100-2015: the weights 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8,
    # 24, 10, 30, 28 times the values of 91320594MA1MXXXX0 sum to 3531 =
    # 31 × 113 + 28, so the check character is the one of value 31 − 28 = 3: "3"
    good = c.get("/api/v1/projects?year=2024&limit=1").json()["items"][0]
    assert good["uscc"] and good["uscc_problem"] is None
    r = c.post("/api/v1/projects", {"ref": "U-1", "name": "校验位", "section": "S01",
                                    "uscc": "91320594MA1MXXXX0A"})
    assert r.status == 201, r.body
    p = c.get("/api/v1/projects/U-1").json()
    assert p["uscc"] == "91320594MA1MXXXX0A"
    assert p["uscc_problem"] == "wrong check character (expected 3)"
    r = c.post("/api/v1/projects", {"ref": "U-2", "name": "无代码", "section": "S01"})
    assert r.status == 201 and c.get("/api/v1/projects/U-2").json()["uscc_problem"] is None
