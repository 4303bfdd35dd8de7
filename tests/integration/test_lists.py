"""The lists of issue #14 on the small hand-computed district
(tests/fixtures/small): the project list's progress columns and sort keys
(items 5), figures in the caller's scope (item 4), every list as XLSX with
its filters and the caller's permissions (item 6), and the reasons' codes
(item 7).

The small district as of 2024-06-30 (six months elapsed; pace 6/12 without a
month-by-month plan):

| ref | section | annual plan | reports Jan–Jun (万元) | to date (yuan) | completion | pace | gap | last |
|---|---|---|---|---|---|---|---|---|
| P1 | S1 | 1000 | 100.1234 (Jan) + 200 (Mar) | 3,001,234 | 0.3001 | 0.5 | −20.0 | 2024-03 |
| P2 | S1 | 500.5 | 123.4567 (Apr) + 76.5433 (Jun) | 2,000,000 | 0.3996 | 0.5 | −10.0 | 2024-06 |
| P3 | S2 | 200 | — | 0 | 0.0 | 0.5 | −50.0 | — |
| P4 | S21 | 300 | — | 0 | 0.0 | 0.5 | −50.0 | — |
| P5 | S2 | 100, by month 10 × 8 + 5 × 4 | 30 (May) | 300,000 | 0.3 | 60/100 | −30.0 | 2024-05 |

P1's July report (50) lies after the as-of month and does not count. P1's gap:
30.01234 − 50 = −19.98766 points, −199.9 tenths, rounded −200; P2's: 2,000,000 /
5,005,000 = 39.96004 %, −10.03996 points, −100 tenths.
"""
import http.client
import io
import urllib.parse
import zipfile
import xml.etree.ElementTree as ET

import pytest

from conftest import FIXTURES, run
from server import PASSWORD, Server

Q = "year=2024&asof=2024-06-30"
M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
USERS = {"coord": ("coordinator", None), "sec2": ("section", "S2"), "sec1": ("section", "S1"),
         "dept": ("department", "G1"), "auditor": ("auditor", None),
         "leader": ("leader", None)}


@pytest.fixture(scope="module")
def srv(tmp_path_factory):
    db = tmp_path_factory.mktemp("lists") / "l.db"
    assert run("init", db=db).code == 0
    for kind in ("units", "projects", "listings", "reports", "targets"):
        r = run("import", kind, FIXTURES / "small" / f"{kind}.csv", db=db)
        assert r.code == 0, r
    for name, (role, unit) in USERS.items():
        args = ["user", "add", name, "--role", role] + (["--unit", unit] if unit else [])
        assert run(*args, db=db, stdin=PASSWORD + "\n").code == 0
    s = Server(db, log=str(db) + ".log")
    yield s
    assert s.stop() == 0


def projects(c, query):
    r = c.get(f"/api/v1/projects?{Q}&{query}")
    assert r.status == 200, r.body
    return r.json()["items"]


# ---- item 5: the progress columns and their sort keys ----

def test_progress_fields_are_exact(srv):
    items = {p["ref"]: p for p in projects(srv.login("coord"), "limit=10")}
    got = {ref: (p["invest_to_date_yuan"], p["completion"], p["pace"], p["pace_gap_points"],
                 p["last_report_month"]) for ref, p in items.items()}
    assert got == {
        "P1": (3001234, {"num": 3001234, "den": 10000000, "value": 0.3001},
               {"num": 6, "den": 12, "value": 0.5}, -20.0, "2024-03"),
        "P2": (2000000, {"num": 2000000, "den": 5005000, "value": 0.3996},
               {"num": 6, "den": 12, "value": 0.5}, -10.0, "2024-06"),
        "P3": (0, {"num": 0, "den": 2000000, "value": 0.0},
               {"num": 6, "den": 12, "value": 0.5}, -50.0, None),
        "P4": (0, {"num": 0, "den": 3000000, "value": 0.0},
               {"num": 6, "den": 12, "value": 0.5}, -50.0, None),
        "P5": (300000, {"num": 300000, "den": 1000000, "value": 0.3},
               {"num": 600000, "den": 1000000, "value": 0.6}, -30.0, "2024-05"),
    }
    # The single project answers the same.
    one = srv.login("coord").get(f"/api/v1/projects/P1?{Q}").json()
    assert (one["invest_to_date_yuan"], one["pace_gap_points"]) == (3001234, -20.0)


@pytest.mark.parametrize("sort, order", [
    ("pace_gap", ["P3", "P4", "P5", "P1", "P2"]),
    ("-pace_gap", ["P2", "P1", "P5", "P4", "P3"]),
    ("completion", ["P3", "P4", "P5", "P1", "P2"]),
    ("-invest_to_date", ["P1", "P2", "P5", "P4", "P3"]),
    ("last_report", ["P1", "P5", "P2", "P3", "P4"]),
    # no report sorts last whichever way
    ("-last_report", ["P2", "P5", "P1", "P4", "P3"]),
])
def test_progress_sort_keys(srv, sort, order):
    assert [p["ref"] for p in projects(srv.login("coord"), f"sort={sort}")] == order


def test_a_later_asof_counts_july(srv):
    # As of 2024-07-31: P1 350.1234 of 1000, pace 7/12: 35.01234 − 58.33333 = −23.32
    # points → −233 tenths.
    r = srv.login("coord").get("/api/v1/projects?year=2024&asof=2024-07-31&q=P1")
    p = r.json()["items"][0]
    assert (p["invest_to_date_yuan"], p["pace_gap_points"], p["last_report_month"]) == \
        (3501234, -23.3, "2024-07")


def test_unknown_sort_names_every_key(srv):
    r = srv.login("coord").get(f"/api/v1/projects?{Q}&sort=speed")
    assert r.status == 400
    e = r.json()["error"]
    assert (e["code"], e["field"]) == ("invalid", "sort")
    assert "invest_to_date, completion, pace_gap or last_report" in e["message"]


# ---- item 4: a section's and a department's figures are their own ----

@pytest.mark.parametrize("user, query, projects_n, started", [
    ("coord", "", 5, 3),            # P1, P2, P5 started
    ("sec2", "", 3, 1),             # P3, P4, P5: only P5 (completed 2024-05-20)
    ("sec2", "&section=D1", 3, 1),  # a section around its own: its own
    ("sec2", "&section=S21", 1, 0),  # within its own: P4
    ("sec2", "&section=S1", 0, 0),  # another section's: nothing it may see
    ("sec1", "", 2, 2),             # P1, P2
    ("dept", "", 3, 3),             # G1: P1, P2, P5
    ("leader", "", 5, 3),
])
def test_measures_are_in_the_callers_scope(srv, user, query, projects_n, started):
    c = srv.login(user)
    m = c.get(f"/api/v1/measures?{Q}{query}").json()
    assert (m["projects"], m["measures"]["start_rate"]["num"]) == (projects_n, started)
    # the drill-down, the project list of the same query, has as many
    assert c.get(f"/api/v1/projects?{Q}{query}").json()["total"] == projects_n


def test_a_section_dashboard_names_its_section(srv):
    m = srv.login("sec2").get(f"/api/v1/measures?{Q}&by=section").json()
    assert m["scope"]["section"] == "S2"
    # its breakdown holds its own units only
    assert [(b["key"], b["projects"]) for b in m["breakdown"]] == [("S2", 3), ("S21", 1)]
    # a cached district answer is not served to it, nor its answer to the office
    assert srv.login("coord").get(f"/api/v1/measures?{Q}&by=section").json()["projects"] == 5
    assert srv.login("sec2").get(f"/api/v1/measures?{Q}&by=section").json()["projects"] == 3


# ---- item 6: every list as XLSX ----

def download(srv, c, path):
    h = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=60)
    h.request("GET", path, headers={"Cookie": c.cookie})
    r = h.getresponse()
    data = r.read()
    h.close()
    return r.status, dict(r.getheaders()), data


def sheet(data, n=1):
    """The rows of sheet n as lists of cell texts (None for a blank cell)."""
    z = zipfile.ZipFile(io.BytesIO(data))
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).iter(M + "si"):
            shared.append("".join(t.text or "" for t in si.iter(M + "t")))
    rows = []
    for row in ET.fromstring(z.read(f"xl/worksheets/sheet{n}.xml")).iter(M + "row"):
        cells = {}
        for c in row.iter(M + "c"):
            t, v = c.get("t"), c.find(M + "v")
            col = "".join(ch for ch in c.get("r") if ch.isalpha())
            if t == "s":
                cells[col] = shared[int(v.text)]
            elif t == "inlineStr":
                cells[col] = "".join(x.text or "" for x in c.iter(M + "t"))
            else:
                cells[col] = v.text if v is not None else None
        width = max((ord(k) - 64 for k in cells), default=0)
        rows.append([cells.get(chr(65 + i)) for i in range(width)])
    return rows


def caption(data):
    return {r[0]: r[1] for r in sheet(data, 2)[1:]}


def test_projects_xlsx_holds_what_the_section_sees_sorted(srv):
    c = srv.login("sec2")
    status, h, data = download(srv, c, f"/api/v1/projects?{Q}&sort=pace_gap&format=xlsx")
    assert status == 200
    assert h["Content-Disposition"] == 'attachment; filename="ballast-projects.xlsx"'
    rows = sheet(data)
    assert rows[0][:15] == ["项目编号", "项目名称", "所属板块", "责任部门", "层级", "产业链",
                            "所处阶段", "预警", "总投资（万元）", "年度计划投资（万元）",
                            "累计完成（万元）", "完成率", "序时进度", "与序时差（百分点）",
                            "最近报送月份"]
    # every row it sees (P3, P4, P5: not a page of them), in the list's order
    assert [r[0] for r in rows[1:]] == ["P3", "P4", "P5"]
    p5 = rows[3]
    # 万元 as numbers, the rate as a fraction, the month as a date serial (2024-05-01)
    assert p5[2] == "乙街道" and p5[6] == "投产" and p5[8:15] == \
        ["1500", "100", "30", "0.3", "0.6", "-30", "45413"]
    cap = caption(data)
    assert cap["导出人"] == "sec2（板块/街道）"
    assert (cap["年度"], cap["截至日期"], cap["排序"]) == ("2024", "2024-06-30", "pace_gap")


def test_warnings_xlsx_follows_the_rule_filter(srv):
    c = srv.login("coord")
    # P3: planned to start 2024-05-01, not started 60 days later: red
    r = c.get("/api/v1/warnings?asof=2024-06-30&rule=start_overdue").json()
    assert [(w["ref"], w["level"], w["reason"], w["reason_code"], w["reason_params"],
             w["section_name"]) for w in r["warnings"]] == [
        ("P3", "red", "计划2024-05-01开工，已逾期60天未开工", "start_overdue",
         {"planned": "2024-05-01", "days": "60"}, "乙街道")]
    rule = urllib.parse.quote("逾期未开工")  # a rule by its Chinese label too
    status, _, data = download(srv, c, f"/api/v1/warnings?asof=2024-06-30&rule={rule}"
                                       "&format=xlsx")
    assert status == 200
    assert sheet(data) == [["等级", "项目编号", "项目名称", "所属板块", "预警类型", "原因"],
                           ["红灯", "P3", "丙道路工程", "乙街道", "逾期未开工",
                            "计划2024-05-01开工，已逾期60天未开工"]]
    assert caption(data)["预警类型"] == "逾期未开工"


def test_warning_reasons_carry_codes(srv):
    r = srv.login("coord").get("/api/v1/warnings?asof=2024-06-30&q=P1").json()
    got = sorted((w["reason_code"], tuple(sorted(w["reason_params"].items())))
                 for w in r["warnings"])
    # P1: April and May not reported (red); 300.1234 of a pace plan of 500: 60.0 % (yellow)
    assert got == [
        ("investment_lag_ratio", (("invest", "300.1234"), ("months", "6"), ("pct", "60.0"),
                                  ("plan", "500"), ("threshold", "80"))),
        ("report_missing_two", (("asof", "2024-06-30"), ("before", "2024-04"),
                                ("month", "2024-05"))),
    ]


def test_reports_xlsx_not_reported_of_a_section(srv):
    c = srv.login("sec2")
    status, _, data = download(srv, c, "/api/v1/reports?month=2024-06&status=not_reported"
                                       "&format=xlsx")
    assert status == 200
    rows = sheet(data)
    # P3, P4, P5 have no June report; the section sees no other section's
    assert [(r[0], r[3]) for r in rows[1:]] == [("P3", "未填报"), ("P4", "未填报"),
                                                ("P5", "未填报")]
    assert caption(data)["状态"] == "not_reported"


def test_targets_ranking_history_and_audit_xlsx(srv):
    c = srv.login("coord")
    status, _, data = download(srv, c, f"/api/v1/targets?{Q}&format=xlsx")
    assert status == 200
    rows = sheet(data)
    assert rows[0][:8] == ["编号", "指标", "层级", "板块", "责任部门", "仅产业项目", "截止日期",
                           "目标值"]
    assert len(rows) == 1 + 4
    status, _, data = download(srv, c, "/api/v1/ranking?month=2024-06&format=xlsx")
    assert status == 200 and sheet(data)[0][:3] == ["名次", "板块代码", "板块"]
    status, _, data = download(srv, c, "/api/v1/ranking/history?format=xlsx")
    assert status == 200 and len(sheet(data)) == 1  # no round saved: the header only
    a = srv.login("auditor")
    status, _, data = download(srv, a, "/api/v1/audit?entity=target&format=xlsx")
    assert status == 200
    rows = sheet(data)
    assert rows[0] == ["序号", "时间（UTC）", "操作人", "操作", "对象", "编号", "修改前", "修改后"]
    assert [r[3:5] for r in rows[1:]] == [["新增", "目标"]] * 4
    assert caption(data)["对象"] == "target"


def test_xlsx_keeps_the_permissions(srv):
    # the audit trail: admins and auditors only, whatever the format
    r = srv.login("sec2").get("/api/v1/audit?format=xlsx")
    assert r.status == 403 and r.json()["error"]["code"] == "forbidden"
    r = srv.login("coord").get(f"/api/v1/projects?{Q}&format=pdf")
    assert r.status == 400
    assert (r.json()["error"]["code"], r.json()["error"]["field"]) == ("invalid", "format")


# ---- item 3: amounts as the grid types them, and no blank submitted ----

def test_report_amounts_as_typed_are_judged_by_the_server(srv):
    c = srv.login("sec2")
    r = c.put("/api/v1/reports/P3/2024-06", {"invest": "１,２３4.5", "output": " "})
    assert r.status == 201, r.body
    assert (r.json()["invest_yuan"], r.json()["output_yuan"]) == (12345000, None)
    v = r.json()["version"]
    for text, why in [("1,23.4", "misplaced thousands separator"),
                      ("1.23456", "more than 4 decimals"), ("-1", "must not be negative"),
                      ("12a", "not a number")]:
        r = c.put("/api/v1/reports/P3/2024-06", {"invest": text, "version": v})
        assert r.status == 400
        e = r.json()["error"]
        assert (e["code"], e["field"]) == ("invalid", "invest"), text
        assert e["message"] == f'invest "{text}": {why} (万元, at most 4 decimals)'
    r = c.put("/api/v1/reports/P3/2024-06", {"invest": "1,23.4", "version": v})
    assert r.json()["error"]["message_zh"] == "本月完成投资“1,23.4”：千位分隔符位置错误（万元，最多4位小数）"
    # both amounts wrong: both named at once, the first as the error
    r = c.put("/api/v1/reports/P3/2024-06", {"invest": "x", "output": "1.23456", "version": v})
    assert r.status == 400
    assert [(e["field"], e["message"]) for e in r.json()["errors"]] == [
        ("invest", 'invest "x": not a number (万元, at most 4 decimals)'),
        ("output", 'output "1.23456": more than 4 decimals (万元, at most 4 decimals)')]
    assert r.json()["error"]["field"] == "invest"
    assert c.get("/api/v1/reports?month=2024-06&q=P3").json()["items"][0]["report"][
        "invest_yuan"] == 12345000  # nothing written


def test_submit_skips_a_blank_amount_and_says_so(srv):
    c = srv.login("sec2")
    assert c.put("/api/v1/reports/P4/2024-06", {"progress": "平整"}).status == 201
    assert c.put("/api/v1/reports/P5/2024-06", {"invest": "0"}).status == 201
    r = c.post("/api/v1/reports/submit", {"month": "2024-06", "refs": ["P4", "P5"]})
    assert r.status == 200
    assert r.json() == {"submitted": 1, "refs": ["P5"], "incomplete": [
        {"ref": "P4", "field": "invest",
         "message": "this month's investment is blank; fill it in (0 if none)",
         "message_zh": "本月完成投资未填写（没有投资请填 0）"}]}
    reports = {x["ref"]: x["report"] for x in c.get("/api/v1/reports?month=2024-06").json()["items"]}
    assert (reports["P4"]["status"], reports["P5"]["status"]) == ("draft", "submitted")


# ---- item 3 and 7: every problem of an import row at once, each with a code ----

def test_a_missing_ref_hides_no_other_problem(srv):
    c = srv.login("coord")
    body = ("项目编号,项目名称,所属板块,总投资（万元）,计划开工,签约日期,开工日期\n"
            ",,S9,\"1,23.4\",2024-02-30,2024-03-01,2024-02-01\n").encode()
    r = c.post("/api/v1/import/projects?dry_run=1", raw=body,
               headers={"Content-Type": "text/csv"})
    assert r.status == 200, r.body
    got = [(p["row"], p["column"], p["code"], p["params"]) for p in r.json()["problems"]]
    assert got == [
        (2, "ref", "required", {}),
        (2, "name", "required", {}),
        (2, "planned_start", "no_such_day", {}),
        (2, "total_investment", "thousands_sep", {}),
        (2, "signed_on", "stage_order", {"stage": "started_on", "label": "开工",
                                         "date": "2024-02-01"}),
        (2, "section", "no_unit", {}),
    ]


def test_stage_order_is_judged_beside_other_problems(srv):
    c = srv.login("coord")
    body = ("ref,name,section,signed_on,started_on,total_investment\n"
            "PX,,S1,2024-03-01,2024-02-01,1.23456\n").encode()
    r = c.post("/api/v1/import/projects?dry_run=1", raw=body,
               headers={"Content-Type": "text/csv"})
    got = [(p["column"], p["code"], p["params"]) for p in r.json()["problems"]]
    assert got == [
        ("name", "required", {}),
        ("total_investment", "decimals", {"n": "4"}),
        ("signed_on", "stage_order", {"stage": "started_on", "label": "开工",
                                      "date": "2024-02-01"}),
    ]


def test_items_xlsx_holds_the_items_the_caller_sees(srv):
    c = srv.login("coord")
    r = c.post("/api/v1/items", {"ref": "P3", "title": "用地指标未落实", "category": "land",
                                 "level": 1, "deadline": "2024-07-15", "raised_on": "2024-06-01"})
    assert r.status == 201, r.body
    r = c.post("/api/v1/items", {"ref": "P1", "title": "能评未批", "category": "energy",
                                 "level": 1, "deadline": "2024-07-20", "raised_on": "2024-06-02"})
    assert r.status == 201, r.body
    status, h, data = download(srv, srv.login("sec2"), "/api/v1/items?asof=2024-06-30&format=xlsx")
    assert status == 200
    assert h["Content-Disposition"] == 'attachment; filename="ballast-items.xlsx"'
    rows = sheet(data)
    assert rows[0][:7] == ["编号", "项目编号", "项目名称", "所属板块", "事项", "类别", "责任单位"]
    # S2 sees its own project's item only
    assert [(r[1], r[4], r[5]) for r in rows[1:]] == [("P3", "用地指标未落实", "用地")]
