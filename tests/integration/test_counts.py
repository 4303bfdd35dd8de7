"""What counts (#11 items 1, 3, 7), black-box, on the small fixture, by hand.

tests/fixtures/small as of 2024-06-30 (see test_measures.py): investment 5,301,234
yuan; warnings 2 red (P1 report missing, P3 start overdue) and 5 yellow, lights
2 red / 2 yellow / 1 green; June's contest S1 (甲板块) 30.00 first, S2 (乙街道)
12.33 second:
  S1: start 2/2 × 30 = 30; invested 5,001,234 of 15,005,000 × 30 = 10.00;
      red 1 of 2 × −20 = −10                                         → 30.00
  S2: start 1/3 × 30 = 10; invested 300,000 of 1,000,000 × 30 = 9.00;
      red 1 of 3 × −20 = −6.67                                       → 12.33
S2's section user then fills P5's June report with 100万 (1,000,000 yuan). Were it
counted: investment 6,301,234; P5 130万 of its 60万 plan to date, no lag; S2's
investment share capped at 100 % → 10 + 30 − 6.67 = 33.33, first.
"""
import csv
import io
import json

import pytest

import backend

from conftest import FIXTURES, run
from server import PASSWORD, Server

Y = ("--year", "2024", "--asof", "2024-06-30")
Q = "year=2024&asof=2024-06-30"
USERS = {"coord": ("coordinator", None), "admin": ("admin", None), "s1": ("section", "S1"),
         "s2": ("section", "S2"), "leader": ("leader", None)}
LIGHTS = {"green": 1, "yellow": 2, "red": 2}
P5_LAG = ("P5", "investment_lag", "yellow")


@pytest.fixture
def srv(small):
    for name, (role, unit) in USERS.items():
        args = ["user", "add", name, "--role", role] + (["--unit", unit] if unit else [])
        assert run(*args, db=small, stdin=PASSWORD + "\n").code == 0
    s = Server(small)
    yield s
    assert s.stop() == 0


def invest(c, extra=""):
    r = c.get("/api/v1/measures?" + Q + extra)
    assert r.status == 200, r.body
    return r.json()["measures"]["investment_yuan"], r.json().get("includes_drafts")


def warnings_of(c, extra=""):
    j = c.get("/api/v1/warnings?asof=2024-06-30" + extra).json()
    return sorted((w["ref"], w["rule"], w["level"]) for w in j["warnings"]), j["lights"], j


def ranking(c):
    r = c.get("/api/v1/ranking?month=2024-06")
    assert r.status == 200, r.body
    return [(s["code"], s["rank"], s["score"]) for s in r.json()["sections"]]


def bulletin_html(db, path):
    r = run("bulletin", "--month", "2024-06", "--format", "html", "-o", path, db=db)
    assert r.code == 0, r
    return path.read_bytes()


def test_a_draft_counts_nowhere_until_submitted(srv, tmp_path):
    coord, s2 = srv.login("coord"), srv.login("s2")
    before_html = bulletin_html(srv.db, tmp_path / "a.html")
    assert invest(coord) == (5301234, None)
    ws, lights, _ = warnings_of(coord)
    assert P5_LAG in ws and lights == LIGHTS
    assert ranking(coord) == [("S1", 1, 30.0), ("S2", 2, 12.33)]

    r = s2.put("/api/v1/reports/P5/2024-06", {"invest_yuan": 1000000, "progress": "设备调试"})
    assert r.status == 201 and r.json()["status"] == "draft", r.body

    # its figure, light and rank: unchanged, for everyone, and in the bulletin
    # (a section's own figures are its section's: P5's 300000, issue #14)
    for c in (coord, srv.login("leader")):
        assert invest(c) == (5301234, None)
    assert invest(s2) == (300000, None)
    ws, lights, _ = warnings_of(coord)
    assert P5_LAG in ws and lights == LIGHTS
    assert ranking(coord) == [("S1", 1, 30.0), ("S2", 2, 12.33)]
    assert run("measures", *Y, "--format", "json", db=srv.db).json()["measures"][
        "investment_yuan"] == 5301234
    assert bulletin_html(srv.db, tmp_path / "b.html") == before_html
    # the 未报送 list: P5's draft is not reported (P1, P3, P4 have no report; P2's is in)
    j = coord.get("/api/v1/reports?month=2024-06").json()
    assert (j["missing"], j["not_reported"]) == (3, 4)
    j = coord.get("/api/v1/reports?month=2024-06&status=not_reported").json()
    assert [(i["ref"], i["report"] and i["report"]["status"]) for i in j["items"]] == [
        ("P1", None), ("P3", None), ("P4", None), ("P5", "draft")]

    # the project office's preview counts the draft, and says so
    assert invest(coord, "&include_drafts=1") == (6301234, True)
    assert invest(srv.login("admin"), "&include_drafts=1") == (6301234, True)
    ws, lights, j = warnings_of(coord, "&include_drafts=1")
    assert P5_LAG not in ws and j["includes_drafts"] is True
    assert lights == {"green": 2, "yellow": 1, "red": 2}
    t = coord.get("/api/v1/targets?" + Q + "&include_drafts=1").json()
    assert t["includes_drafts"] is True
    cli = run("measures", *Y, "--include-drafts", "--format", "json", db=srv.db).json()
    assert cli["measures"]["investment_yuan"] == 6301234 and cli["includes_drafts"] is True
    table = run("measures", *Y, "--include-drafts", db=srv.db).out.splitlines()
    assert table[0].startswith("【含草稿预览】")
    rows = list(csv.reader(io.StringIO(run("warnings", "--asof", "2024-06-30",
                                           "--include-drafts", "--format", "csv",
                                           db=srv.db).out)))
    assert rows[0][-1] == "includes_drafts" and {r[-1] for r in rows[1:]} == {"1"}
    # … and only the project office may ask for it
    for name in ("s1", "s2", "leader"):
        c = srv.login(name)
        for path in ("/api/v1/measures?" + Q, "/api/v1/targets?" + Q,
                     "/api/v1/warnings?asof=2024-06-30"):
            r = c.get(path + "&include_drafts=1")
            assert r.status == 403 and r.json()["error"]["field"] == "include_drafts", (name, path)
    assert coord.get("/api/v1/measures?" + Q + "&include_drafts=maybe").status == 400

    # submitted, it counts: the figure, P5's light and S2's rank move
    r = s2.post("/api/v1/reports/submit", {"month": "2024-06", "refs": ["P5"]})
    assert r.status == 200 and r.json()["refs"] == ["P5"], r.body
    assert invest(coord) == (6301234, None)
    ws, lights, _ = warnings_of(coord)
    assert P5_LAG not in ws and lights == {"green": 2, "yellow": 1, "red": 2}
    assert ranking(coord) == [("S2", 1, 33.33), ("S1", 2, 30.0)]

    # returned as wrong, it counts nowhere again, not even in the preview
    r = coord.post("/api/v1/reports/P5/2024-06/return", {"reason": "投资额与发票不符"})
    assert r.status == 200 and r.json()["status"] == "returned", r.body
    assert invest(coord) == (5301234, None)
    assert invest(coord, "&include_drafts=1") == (5301234, True)
    ws, lights, _ = warnings_of(coord)
    assert P5_LAG in ws and lights == LIGHTS
    assert ranking(coord) == [("S1", 1, 30.0), ("S2", 2, 12.33)]
    assert coord.get("/api/v1/reports?month=2024-06").json()["not_reported"] == 4
    assert bulletin_html(srv.db, tmp_path / "c.html") == before_html


def test_a_draft_or_returned_month_is_not_reported(srv):
    """P2 owes May's report on 06-30 (yellow: May absent, April present)."""
    coord, s1 = srv.login("coord"), srv.login("s1")
    reason = "2024年5月月报未报送（截至2024-06-30）"
    note = "2024年5月月报未报送（截至2024-06-30；2024年5月月报已保存未提交或已被退回，不计入）"

    def p2_missing():
        _, _, j = warnings_of(coord)
        return [(w["level"], w["reason"]) for w in j["warnings"]
                if w["ref"] == "P2" and w["rule"] == "report_missing"]

    assert p2_missing() == [("yellow", reason)]
    assert s1.put("/api/v1/reports/P2/2024-05", {"invest_yuan": 250000}).status == 201
    assert p2_missing() == [("yellow", note)]
    assert s1.post("/api/v1/reports/submit", {"month": "2024-05"}).json()["refs"] == ["P2"]
    assert p2_missing() == []
    r = coord.post("/api/v1/reports/P2/2024-05/return", {"reason": "缺少形象进度"})
    assert r.status == 200
    assert p2_missing() == [("yellow", note)]
    cli = run("warnings", "--asof", "2024-06-30", "--format", "json", db=srv.db).json()
    assert [w["reason"] for w in cli["warnings"]
            if w["ref"] == "P2" and w["rule"] == "report_missing"] == [note]


# ---- targets, exactly (item 7) ----

TARGETS = """year,measure,tier,section,industrial,due,value
2024,annual_plan_yuan,,,,2024-06-30,2100.5
2024,new_starts,,,,2024-06-30,3
"""


def statuses(db, asof, measure):
    j = run("targets", "--year", "2024", "--asof", asof, "--format", "json", db=db).json()
    return [(t["due"], t["status"], t["expected"]) for t in j["targets"]
            if t["measure"] == measure]


def test_target_status_before_on_and_after_the_due_date(small, tmp_path):
    """A stock: Σ plans = 1000 + 500.5 + 200 + 300 + 100 = 2100.5万, whatever the date:
    on track before 06-30 (compared with the value itself, never met early), met
    on it and after. A count: new starts P2 (03-15) and P5 (05-20) = 2 of 3 by
    06-30: on 05-31 (day 151 of 181) the pace is 3 × 151 / 181 = 2.50 → 3, at risk;
    on the due date itself and after, missed, in the bulletin's summary and its
    Table 3 alike. The fixture's 4 by 12-31 beside it:
    2 × 365 >= 4 × 151 (05-31) and 4 × 181 (06-30), on track; 2 × 365 < 4 × 212
    (07-31), at risk."""
    f = tmp_path / "t.csv"
    f.write_text(TARGETS, encoding="utf-8")
    assert run("import", "targets", f, db=small).code == 0
    assert statuses(small, "2024-03-31", "annual_plan_yuan") == [
        ("2024-06-30", "on_track", 21005000)]
    assert statuses(small, "2024-06-30", "annual_plan_yuan") == [("2024-06-30", "met", 21005000)]
    assert statuses(small, "2024-07-31", "annual_plan_yuan") == [("2024-06-30", "met", 21005000)]
    assert statuses(small, "2024-05-31", "new_starts") == [
        ("2024-06-30", "at_risk", 3), ("2024-12-31", "on_track", 2)]
    assert statuses(small, "2024-06-30", "new_starts") == [
        ("2024-06-30", "missed", 3), ("2024-12-31", "on_track", 2)]
    assert statuses(small, "2024-07-31", "new_starts") == [
        ("2024-06-30", "missed", 3), ("2024-12-31", "at_risk", 2)]
    # the bulletin's summary and its Table 3 say the same on the due date itself
    html = run("bulletin", "--month", "2024-06", "--format", "html", "-o", tmp_path / "b.html",
               db=small)
    assert html.code == 0, html
    text = (tmp_path / "b.html").read_text(encoding="utf-8")
    assert "今年以来新开工项目2个，为6月底目标3个的66.7%，差1个未完成目标" in text
    assert ("<tr><td>新开工数</td><td>全区</td><td>2024-06-30</td><td class=\"n\">3</td>"
            "<td class=\"n\">2</td><td class=\"n\">3</td><td class=\"r\">未完成</td></tr>"
            in text)


BOOKS = """year,measure,section,due,value
2024,new_starts,S1,2024-12-31,3
2024,new_starts,S2,2024-12-31,2
2024,completions,,2024-12-31,2
2024,completions,S1,2024-12-31,1
"""


def test_task_books_add_up(small, tmp_path):
    """new starts: district 4, books S1 3 + S2 2 = 5 (+1); completions: district 2, S1's
    book 1 and none for S2 (−1). S2 = 1 makes the first add up."""
    f = tmp_path / "books.csv"
    f.write_text(BOOKS, encoding="utf-8")
    assert run("import", "targets", f, db=small).code == 0
    r = run("targets", "--year", "2024", "--check", "--format", "json", db=small)
    assert r.code == 1 and "2 task books of 2024 do not add up" in r.err, r
    got = [(c["measure"], c["value"], c["books_sum"], c["difference"], c["without"])
           for c in r.json()["check"]]
    assert got == [("new_starts", 4, 5, 1, []), ("completions", 2, 1, -1, ["S2"])]
    table = run("targets", "--year", "2024", "--check", db=small)
    assert table.code == 1 and "2项分解到板块的任务之和与区级目标不符" in table.out
    assert run("user", "add", "coord", "--role", "coordinator", db=small,
               stdin=PASSWORD + "\n").code == 0
    srv = Server(small)
    try:
        c = srv.login("coord")
        j = c.get("/api/v1/targets?year=2024&asof=2024-06-30&check=1").json()
        assert j["check"] == r.json()["check"]
        assert "check" not in c.get("/api/v1/targets?year=2024&asof=2024-06-30").json()
    finally:
        assert srv.stop() == 0
    f.write_text("year,measure,section,due,value\n2024,new_starts,S2,2024-12-31,1\n"
                 "2024,completions,S2,2024-12-31,1\n", encoding="utf-8")
    assert run("import", "targets", f, db=small).code == 0
    r = run("targets", "--year", "2024", "--check", db=small)
    assert r.code == 0 and "各板块任务书之和均等于区级目标" in r.out, r
    assert run("targets", "--year", "2024", "--check", "--format", "csv", db=small).code == 2


def test_rank_change_is_read_from_the_saved_round(small, tmp_path):
    """May saved: S1 38.47 first, S2 19.00 second (test_bulletin.py). Then P5's May
    report becomes 200万: P5 has invested 200万 of its 100万 plan, S2's share is capped
    at 100 % → June 10 + 30 − 6.67 = 33.33, first, S1 30.00 second. Against the
    saved May round S2 gained a place and S1 lost one; recomputed today, May would
    have S2 first too (10 + 30 = 40 > 38.47) and show no change."""
    assert run("ranking", "--month", "2024-05", "--save", db=small).code == 0
    f = tmp_path / "r.csv"
    f.write_text("ref,month,invest\nP5,2024-05,200\n", encoding="utf-8")
    assert run("import", "reports", f, db=small).code == 0
    j = run("ranking", "--month", "2024-06", "--format", "json", db=small).json()
    assert j["previous_round"] == "2024-05"
    assert [(s["code"], s["rank"], s["score"], s["change"]) for s in j["sections"]] == [
        ("S2", 1, 33.33, 1), ("S1", 2, 30.0, -1)]
    may = run("ranking", "--month", "2024-05", "--format", "json", db=small).json()
    assert [s["code"] for s in may["sections"]] == ["S2", "S1"]   # today's May differs
    assert run("bulletin", "--month", "2024-06", "--format", "html", "-o", tmp_path / "b.html",
               db=small).code == 0
    text = (tmp_path / "b.html").read_text(encoding="utf-8")
    assert "↑1" in text and "↓1" in text and "与5月保存的比武打擂结果相比" in text
    # no saved round of last month: nothing to compare with
    j = run("ranking", "--month", "2024-05", "--format", "json", db=small).json()
    assert j["previous_round"] is None and {s["change"] for s in j["sections"]} == {None}


# ---- indicators (item 3) ----

SERIES = """指标,月份,单位,数值,来源,备注
固定资产投资,2024-03,,2000,区统计局,快报
fixed_asset_investment_yuan,2024年5月,,"4,000",区统计局,
规上工业增加值增速,2024-03,,5.5,区统计局,
规上工业增加值增速,2024-06,,6.5%,区统计局,
industrial_value_added_growth,2024-09,,5.8,区统计局,回落
新增产业基金数,2024-06,S1,2,区金融办,
"""
IND_TARGETS = """year,measure,section,due,value
2024,fixed_asset_investment_yuan,,2024-09-30,4000
2024,industrial_value_added_growth,,2024-12-31,6%
"""


def ind_targets(db, asof):
    j = run("targets", "--year", "2024", "--asof", asof, "--format", "json", db=db).json()
    return [(t["measure"], t["actual"], t["indicator_month"], t["status"])
            for t in j["targets"] if "indicator_month" in t]


def test_an_indicator_series(small, tmp_path):
    """Fixed-asset investment 4000万 by 09-30 (day 273): on 04-30 (day 120) March's
    2000万 is at or above 4000万 × 120 / 273 = 1758.24万: on track; by 06-30 May's 4000万
    meets it early (a cumulative sum only grows). Growth 6 % by 12-31: March 5.5 % at
    risk; June 6.5 % on track, never met early; September 5.8 % at risk; at the due
    date and after, missed; each names the month of the figure it used."""
    f, t = tmp_path / "ind.csv", tmp_path / "t.csv"
    f.write_text(SERIES, encoding="utf-8")
    t.write_text(IND_TARGETS, encoding="utf-8")
    r = run("import", "indicators", f, db=small)
    assert r.code == 0 and "6 rows: 6 new" in r.err, r
    assert run("import", "targets", t, db=small).code == 0
    fai, growth = "fixed_asset_investment_yuan", "industrial_value_added_growth"
    assert ind_targets(small, "2024-02-28") == [
        (fai, None, None, "at_risk"), (growth, None, None, "at_risk")]
    assert ind_targets(small, "2024-04-30") == [
        (fai, 20000000, "2024-03", "on_track"), (growth, 0.055, "2024-03", "at_risk")]
    assert ind_targets(small, "2024-06-30") == [
        (fai, 40000000, "2024-05", "met"), (growth, 0.065, "2024-06", "on_track")]
    assert ind_targets(small, "2024-10-15") == [
        (fai, 40000000, "2024-05", "met"), (growth, 0.058, "2024-09", "at_risk")]
    assert ind_targets(small, "2024-12-31")[1] == (growth, 0.058, "2024-09", "missed")
    assert ind_targets(small, "2025-01-05")[1] == (growth, 0.058, "2024-09", "missed")

    # export reads back as it was written (round trip)
    out = tmp_path / "out.csv"
    assert run("export", "indicators", "-o", out, db=small).code == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "indicator,month,unit,value,source,note"
    assert lines[1:3] == ["fixed_asset_investment_yuan,2024-03,,2000,区统计局,快报",
                          "industrial_value_added_growth,2024-03,,5.5,区统计局,"]
    r = run("import", "indicators", out, db=small)
    assert r.code == 0 and "6 rows: 0 new, 0 changed, 6 unchanged" in r.err, r
    x = tmp_path / "out.xlsx"
    assert run("export", "indicators", "--format", "xlsx", "-o", x, db=small).code == 0
    r = run("import", "indicators", x, db=small)
    assert r.code == 0 and "6 rows: 0 new, 0 changed, 6 unchanged" in r.err, r


BAD = """indicator,month,unit,value
开工率,2024-03,,5
固定资产投资,2024-13,,1
规上工业增加值增速,2024-06,NOPE,150%
新增产业基金数,2024-06,,1.5
固定资产投资,2024-03,,-1
固定资产投资,2024-04,,100
固定资产投资,2024年4月,,200
"""


def test_indicator_import_is_all_or_nothing(small, tmp_path):
    f = tmp_path / "bad.csv"
    f.write_text(BAD, encoding="utf-8")
    r = run("import", "indicators", f, db=small)
    assert r.code == 1
    name = str(f)
    assert r.err.splitlines() == [
        f"{name}:2: indicator (指标): 开工率: not an indicator (固定资产投资, 工业投资, 规上工业"
        "增加值增速, 新增产业基金数, 新增产业基金注册资本, or their keys such as "
        "fixed_asset_investment_yuan)",
        f"{name}:3: month (月份): 2024-13: no such month",
        f"{name}:4: unit (单位): NOPE: no unit has this code or name",
        f"{name}:4: value (数值): 150%: a growth rate from -100% to 100%",
        f"{name}:5: value (数值): 1.5: not a whole number",
        f"{name}:6: value (数值): -1: must not be negative",
        f"{name}:8: month (月份): 2024年4月: repeats row 7 of this file",
        f"{name}: 7 problems; nothing was written",
    ]
    con = backend.connect(small)
    assert con.execute("SELECT count(*) FROM indicators").fetchone()[0] == 0
    con.close()
    assert run("import", "indicators", f, "--actor", "user:nobody", db=small).code == 1


def test_indicator_template(small, tmp_path):
    x = tmp_path / "tpl.xlsx"
    assert run("template", "indicators", "-o", x, db=small).code == 0
    import zipfile
    z = zipfile.ZipFile(x)
    assert "指标数据" in z.read("xl/workbook.xml").decode()
    shared = z.read("xl/sharedStrings.xml").decode()
    for label in ("指标", "月份", "单位", "数值", "来源", "备注", "规上工业增加值增速"):
        assert label in shared, label
    assert "开工率" not in shared   # the list holds the indicators only
    r = run("import", "indicators", x, "--dry-run", db=small)
    assert r.code == 0, r


def test_indicators_over_http(srv):
    coord = srv.login("coord")
    body = {"month": "2024-07", "unit": None, "source": "区统计局",
            "items": [{"indicator": "fixed_asset_investment_yuan", "value": 60000000},
                      {"indicator": "industrial_value_added_growth", "value": "6.2%",
                       "note": "快报"},
                      {"indicator": "industrial_funds", "value": 3, "source": "区金融办"}]}
    r = coord.put("/api/v1/indicators", body)
    assert r.status == 200, r.body
    assert [(i["indicator"], i["value"], i["source"], i["note"], i["version"])
            for i in r.json()["items"]] == [
        ("fixed_asset_investment_yuan", 60000000, "区统计局", None, 1),
        ("industrial_value_added_growth", 0.062, "区统计局", "快报", 1),
        ("industrial_funds", 3, "区金融办", None, 1)]
    j = srv.login("leader").get("/api/v1/indicators?year=2024").json()
    assert j["total"] == 3 and [i["key"] for i in j["indicators"]] == [
        "fixed_asset_investment_yuan", "industrial_investment_yuan",
        "industrial_value_added_growth", "industrial_funds", "industrial_funds_capital_yuan"]
    assert [(i["indicator"], i["month"], i["unit"]) for i in j["items"]] == [
        ("fixed_asset_investment_yuan", "2024-07", None),
        ("industrial_funds", "2024-07", None),
        ("industrial_value_added_growth", "2024-07", None)]
    # replacing a figure names its version; else 409 with the stored one, nothing written
    change = {"month": "2024-07", "items": [
        {"indicator": "industrial_funds", "value": 4, "source": "区金融办"},
        {"indicator": "fixed_asset_investment_yuan", "value": 61000000}]}
    r = coord.put("/api/v1/indicators", change)
    assert r.status == 409 and r.json()["current"]["value"] == 3, r.body
    change["items"][0]["version"] = 1
    r = coord.put("/api/v1/indicators", change)
    assert r.status == 409 and r.json()["current"]["value"] == 60000000, r.body
    change["items"][1]["version"] = 1
    r = coord.put("/api/v1/indicators", change)
    assert r.status == 200 and [i["version"] for i in r.json()["items"]] == [2, 2], r.body
    # bad figures: 400 naming the field, nothing written
    for item, field in (({"indicator": "start_rate", "value": 1}, "indicator"),
                        ({"indicator": "industrial_funds", "value": 1.5}, "value"),
                        ({"indicator": "industrial_value_added_growth", "value": 3}, "value")):
        r = coord.put("/api/v1/indicators", {"month": "2024-08", "items": [item]})
        assert r.status == 400 and r.json()["error"]["field"] == field, (item, r.body)
    assert coord.put("/api/v1/indicators", {"month": "2024-08", "unit": "NOPE",
                                             "items": body["items"]}).status == 400
    assert coord.get("/api/v1/indicators?year=2024&indicator=industrial_funds"
                     ).json()["total"] == 1
    # only the project office writes; every change is audited with before and after
    # (of an update, the fields it changed: the note stayed null)
    for name in ("s1", "leader"):
        assert srv.login(name).put("/api/v1/indicators", body).status == 403
    trail = srv.login("admin").get("/api/v1/audit?entity=indicator").json()["items"]
    assert trail[0]["after"] == {"value": 61000000, "source": None}
    assert trail[0]["before"] == {"value": 60000000, "source": "区统计局"}
    # the target on it names the month of the figure it used
    t = coord.post("/api/v1/targets", {"year": 2024, "measure": "industrial_funds",
                                       "due": "2024-12-31", "value": 10})
    assert t.status == 201, t.body
    j = coord.get("/api/v1/targets?year=2024&asof=2024-08-15").json()
    got = [(x["actual"], x["indicator_month"]) for x in j["targets"]
           if x["measure"] == "industrial_funds"]
    assert got == [(4, "2024-07")]
