"""Element guarantees (要素保障) and demolition task books (征拆任务书), issue #15
items 3 and 4, through the binary: the supplies and demolition files (round
trip, refusals), need vs supplied per project, section and district, the
waiting warning on its exact day, demolition status by the targets' rule, the
API's permissions and writes.

The district is tests/fixtures/small (S1; S2 with the street S21 under it;
department G1 responsible for P1 and P5). Every figure below is computed by
hand. Land and energy are kept in ten-thousandths of 亩 and 吨标煤, funding in
yuan; guarantees.wait_days is 90 (the default): a need short more than 90
days after its need date (none: 2024-01-01, the fixture has no signing
dates) is yellow."""
import pytest

from conftest import run
from server import PASSWORD, Server

SUPPLIES_CSV = (
    "项目编号,年度,要素,类型,日期,数量,文号\n"
    "P1,2024,用地,需求,2024-03-01,120.5,\n"
    "P1,2024,用地,供地批复,2024-05-10,100,锡供〔2024〕1号\n"
    "P1,2024,用能,需求,,5000,\n"
    "P1,2024,资金,需求,,20000,\n"
    "P1,2024,资金,贷款,2024-06-01,8000.25,贷-001\n"
    "P3,2024,用地,需求,2024-02-01,50,\n"
    "P3,2024,用地,供地批复,2024-07-15,50,锡供〔2024〕9号\n"
    "P4,2024,用能,需求,2024-04-02,300.5,\n"
    "P4,2024,用能,能评批复,2024-04-20,100,能评-7\n"
    "P4,2024,资金,专项债,2024-05-05,1000,\n"
    "P5,2024,资金,需求,,3000,\n"
    "P5,2024,资金,财政资金,2024-03-03,3000,财-3\n"
    "P2,2023,用地,需求,,10,\n"
)

DEMOLITION_CSV = (
    "section,year,task,measure,quantity,due,reported_on,done\n"
    "S1,2024,甲片区征收,㎡,12000,2024-09-30,2024-03-31,2000\n"
    "S1,2024,甲片区征收,㎡,12000,2024-09-30,2024-06-30,7000\n"
    "S2,2024,乙街道拆迁,户,40,2024-06-30,2024-05-31,40\n"
    "S21,2024,社区腾退,户,30,2024-12-31,2024-06-15,15\n"
)

USERS = {"coord": ("coordinator", None), "s2": ("section", "S2"),
         "s1": ("section", "S1"), "g1": ("department", "G1"), "lead": ("leader", None)}


@pytest.fixture
def gdb(small, tmp_path):
    for kind, text in (("supplies", SUPPLIES_CSV), ("demolition", DEMOLITION_CSV)):
        f = tmp_path / f"{kind}.csv"
        f.write_text(text, encoding="utf-8")
        r = run("import", kind, f, db=small)
        assert r.code == 0, r
    return small


def supplies(db, asof, *args):
    r = run("supplies", "--asof", asof, "--format", "json", *args, db=db)
    assert r.code == 0, r
    return r.json()


def fig(need, supplied):
    return {"need": need, "supplied": supplied, "gap": need - supplied}


def figs(doc_part):
    return {e: {k: doc_part[e][k] for k in ("need", "supplied", "gap")}
            for e in ("land", "energy", "funding")}


def test_need_vs_supplied_per_project_section_and_district(gdb):
    doc = supplies(gdb, "2024-06-30")
    lines = {i["ref"]: i for i in doc["items"]}
    assert sorted(lines) == ["P1", "P3", "P4", "P5"]  # P2's need is 2023's
    assert figs(lines["P1"]) == {"land": fig(1205000, 1000000), "energy": fig(50000000, 0),
                                 "funding": fig(200000000, 80002500)}
    # P3's grant of 07-15 is after the day: not supplied yet
    assert figs(lines["P3"]) == {"land": fig(500000, 0), "energy": fig(0, 0),
                                 "funding": fig(0, 0)}
    assert figs(lines["P4"]) == {"land": fig(0, 0), "energy": fig(3005000, 1000000),
                                 "funding": fig(0, 10000000)}
    assert figs(lines["P5"])["funding"] == fig(30000000, 30000000)
    sections = {s["section"]["code"]: s for s in doc["sections"]}
    assert figs(sections["S1"]) == figs(lines["P1"])
    assert figs(sections["S2"]) == {"land": fig(500000, 0), "energy": fig(0, 0),
                                    "funding": fig(30000000, 30000000)}
    assert figs(sections["S21"]) == figs(lines["P4"])
    assert [sections[s]["projects"] for s in ("S1", "S2", "S21")] == [1, 2, 1]
    # the district is the sections summed, and the rows summed
    assert figs(doc["district"]) == {"land": fig(1705000, 1000000),
                                     "energy": fig(53005000, 1000000),
                                     "funding": fig(230000000, 120002500)}
    for e in ("land", "energy", "funding"):
        for k in ("need", "supplied"):
            assert doc["district"][e][k] == sum(i[e][k] for i in doc["items"])
            assert doc["district"][e][k] == sum(s[e][k] for s in doc["sections"])
    assert doc["district"]["land"]["need_text"] == "170.5"
    assert doc["district"]["funding"]["gap_text"] == "10999.75"
    assert doc["district"]["projects"] == 4


def test_waiting_warning_names_element_and_days(gdb):
    doc = supplies(gdb, "2024-06-30")
    lines = {i["ref"]: i for i in doc["items"]}
    # P1 land since 03-01: 121 days; energy since 01-01: 181 days
    assert lines["P1"]["land"]["waited"] == 121 and lines["P1"]["land"]["yellow"]
    assert lines["P1"]["energy"]["waited"] == 181 and lines["P1"]["energy"]["yellow"]
    assert lines["P1"]["energy"]["since"] == "2024-01-01"
    assert lines["P1"]["reasons"] == [
        "用地需求 120.5 亩，已供 100 亩，自 2024-03-01 起已等待 121 天（超过 90 天）",
        "用能需求 5000 吨标煤，已供 0 吨标煤，自 2024-01-01 起已等待 181 天（超过 90 天）"]
    assert lines["P3"]["land"]["waited"] == 150 and lines["P3"]["light"] == "yellow"
    # P4 energy since 04-02: 89 days on 06-30, green
    assert lines["P4"]["energy"]["waited"] == 89 and lines["P4"]["light"] == "green"
    assert lines["P5"]["light"] == "green"  # funding never waits
    assert lines["P5"]["funding"]["waited"] is None
    assert doc["waiting"] == 2


def test_waiting_warning_on_its_exact_day(gdb):
    # P4: 90 days on 07-01 (not more than 90: green), 91 on 07-02: yellow
    on = {i["ref"]: i for i in supplies(gdb, "2024-07-01")["items"]}
    assert on["P4"]["energy"]["waited"] == 90 and on["P4"]["light"] == "green"
    after = {i["ref"]: i for i in supplies(gdb, "2024-07-02")["items"]}
    assert after["P4"]["energy"]["waited"] == 91 and after["P4"]["light"] == "yellow"
    assert after["P4"]["reasons"] == [
        "用能需求 300.5 吨标煤，已供 100 吨标煤，自 2024-04-02 起已等待 91 天（超过 90 天）"]
    # the threshold is the setting
    assert run("settings", "set", "guarantees.wait_days", "91", db=gdb).code == 0
    after = {i["ref"]: i for i in supplies(gdb, "2024-07-02")["items"]}
    assert after["P4"]["light"] == "green"
    # P3's land arrives on 07-15: from then on it waits no more
    got = {i["ref"]: i for i in supplies(gdb, "2024-07-15")["items"]}
    assert got["P3"]["land"]["waited"] is None and got["P3"]["light"] == "green"


def test_supplies_filters_and_csv(gdb):
    doc = supplies(gdb, "2024-06-30", "--section", "S2")
    assert sorted(i["ref"] for i in doc["items"]) == ["P3", "P4", "P5"]
    assert figs(doc["district"])["energy"] == fig(3005000, 1000000)
    doc = supplies(gdb, "2024-06-30", "--department", "G1")
    assert sorted(i["ref"] for i in doc["items"]) == ["P1", "P5"]
    r = run("supplies", "--asof", "2024-06-30", "--format", "csv", db=gdb)
    assert r.code == 0, r
    rows = r.out.splitlines()
    assert rows[1] == ("P1,甲半导体扩产项目,S1,120.5,100,20.5,5000,0,5000,20000,8000.25,"
                       "11999.75,121,181,yellow")
    r = run("supplies", "--asof", "2024-06-30", db=gdb)
    assert r.code == 0 and "合计" in r.out and "自 2024-02-01 起已等待 150 天" in r.out


def test_demolition_status_by_the_targets_rule(gdb):
    def board(asof):
        r = run("demolition", "--asof", asof, "--format", "json", db=gdb)
        assert r.code == 0, r
        return {t["name"]: t for t in r.json()["items"]}, r.json()

    b, doc = board("2024-06-30")
    # 甲: elapsed 181 of 273 days: pace round(12000 × 181 / 273) = 7956 > 7000
    assert (b["甲片区征收"]["done"], b["甲片区征收"]["expected"],
            b["甲片区征收"]["status"]) == (7000, 7956, "at_risk")
    # 乙: due 06-30 reached, 40 of 40 done on 05-31
    assert (b["乙街道拆迁"]["done"], b["乙街道拆迁"]["status"]) == (40, "met")
    # 社区: round(30 × 181 / 365) = 15, and 15 × 365 >= 30 × 181
    assert (b["社区腾退"]["done"], b["社区腾退"]["expected"],
            b["社区腾退"]["status"]) == (15, 15, "on_track")
    assert doc["by_status"] == {"met": 1, "missed": 0, "on_track": 1, "at_risk": 1}
    # before its report of 06-15 社区 has done nothing: at risk
    b, _ = board("2024-06-14")
    assert (b["社区腾退"]["done"], b["社区腾退"]["status"]) == (0, "at_risk")
    assert b["社区腾退"]["reported_on"] is None
    # after 甲's due date, 7000 < 12000: missed
    b, _ = board("2024-10-01")
    assert (b["甲片区征收"]["done"], b["甲片区征收"]["status"]) == (7000, "missed")
    r = run("demolition", "--asof", "2024-06-30", "--section", "S2", "--format", "csv", db=gdb)
    assert r.code == 0, r
    assert [line.split(",")[2] for line in r.out.splitlines()[1:]] == ["乙街道拆迁", "社区腾退"]


def test_round_trip_csv_and_xlsx(gdb, tmp_path):
    for kind in ("supplies", "demolition"):
        for fmt in ("csv", "xlsx"):
            f = tmp_path / f"{kind}.{fmt}"
            r = run("export", kind, "--format", fmt, "-o", f, db=gdb)
            assert r.code == 0, r
            r = run("import", kind, f, db=gdb)
            assert r.code == 0, r
            assert " 0 new, 0 changed" in r.err, r
    r = run("export", "supplies", "--format", "csv", "-o", "-", db=gdb)
    assert r.out.splitlines()[:3] == [
        "ref,year,element,kind,on,amount,doc_no",
        "P1,2024,land,need,2024-03-01,120.5,",
        "P1,2024,land,land_grant,2024-05-10,100,锡供〔2024〕1号"]
    assert len(r.out.splitlines()) == 14
    assert run("verify", db=gdb).code == 0


def test_import_refusals_all_or_nothing(gdb, tmp_path):
    f = tmp_path / "bad.csv"
    f.write_text("ref,year,element,kind,on,amount\n"
                 "P1,2024,land,energy_approval,2024-01-05,3\n"
                 "P9,2024,水,need,,-1\n"
                 "P1,2024,funding,loan,,1\n"
                 "P1,2024,energy,need,,7\n", encoding="utf-8")
    r = run("import", "supplies", f, db=gdb)
    assert r.code == 1
    assert r.err.splitlines() == [
        f"{f}:2: kind (类型): the kind does not supply this element",
        f"{f}:3: element (要素): 水: not one of 用地, 用能, 资金 (land, energy, funding)",
        f"{f}:3: amount (数量（亩/吨标煤/万元）): -1: must not be negative",
        f"{f}:3: ref (项目编号): P9: no project has this ref (import projects first)",
        f"{f}:4: on (日期): a supply needs its date",
        f"{f}: 5 problems; nothing was written"]
    # the valid energy need of row 5 was not written either
    assert figs(supplies(gdb, "2024-06-30")["district"])["energy"] == fig(53005000, 1000000)
    f.write_text("section,year,task,measure,quantity,due,reported_on,done\n"
                 "G1,2024,部门任务,㎡,10,2024-05-01,,\n"
                 "S1,2024,无期限,户,5,2023-12-31,,\n"
                 "S1,2024,缺完成,户,5,2024-06-30,2024-03-01,\n", encoding="utf-8")
    r = run("import", "demolition", f, db=gdb)
    assert r.code == 1, r
    assert "nothing was written" in r.err and r.err.count(f"{f}:") == 4


@pytest.fixture
def srv(gdb):
    for name, (role, unit) in USERS.items():
        args = ["user", "add", name, "--role", role] + (["--unit", unit] if unit else [])
        assert run(*args, db=gdb, stdin=PASSWORD + "\n").code == 0
    s = Server(gdb)
    yield s
    assert s.stop() == 0


def test_api_rows_follow_the_caller(srv):
    q = "?asof=2024-06-30"
    seen = {}
    for name in USERS:
        r = srv.login(name).get("/api/v1/supplies" + q)
        assert r.status == 200, r.body
        seen[name] = sorted(i["ref"] for i in r.json()["items"])
    assert seen == {"coord": ["P1", "P3", "P4", "P5"], "s2": ["P3", "P4", "P5"],
                    "s1": ["P1"], "g1": ["P1", "P5"], "lead": ["P1", "P3", "P4", "P5"]}
    boards = {}
    for name in USERS:
        r = srv.login(name).get("/api/v1/demolition" + q)
        assert r.status == 200, r.body
        boards[name] = sorted(t["name"] for t in r.json()["items"])
    assert boards["s2"] == ["乙街道拆迁", "社区腾退"]
    assert boards["s1"] == ["甲片区征收"]
    assert boards["g1"] == boards["coord"] == ["乙街道拆迁", "甲片区征收", "社区腾退"]
    # the API's figures are the CLI's
    doc = srv.login("coord").get("/api/v1/supplies" + q).json()
    assert figs(doc["district"])["funding"] == fig(230000000, 120002500)


def test_api_writes_and_their_refusals(srv):
    s2, s1, g1, coord = (srv.login(n) for n in ("s2", "s1", "g1", "coord"))
    grant = {"ref": "P3", "year": 2024, "element": "land", "kind": "land_grant",
             "on": "2024-06-20", "amount": "20.25", "doc_no": "锡供〔2024〕5号"}
    r = s2.post("/api/v1/supplies", grant)
    assert r.status == 201, r.body
    assert r.json()["supply"]["amount"] == 202500 and r.json()["supply"]["version"] == 1
    doc = coord.get("/api/v1/supplies?asof=2024-06-30").json()
    p3 = next(i for i in doc["items"] if i["ref"] == "P3")
    assert p3["land"]["supplied"] == 202500 and p3["land"]["gap"] == 297500
    # changing it needs its version
    grant["amount"] = 21
    assert s2.post("/api/v1/supplies", grant).status == 428
    assert s2.post("/api/v1/supplies", {**grant, "version": 7}).status == 409
    r = s2.post("/api/v1/supplies", {**grant, "version": 1})
    assert r.status == 200 and r.json()["supply"]["amount"] == 210000
    assert r.json()["supply"]["version"] == 2
    # another section's project is not found; departments and leaders do not write
    assert s1.post("/api/v1/supplies", grant).status == 404
    assert g1.post("/api/v1/supplies", grant).status == 403
    assert srv.login("lead").post("/api/v1/supplies", grant).status == 403
    r = s2.post("/api/v1/supplies", {**grant, "kind": "loan", "version": 2})
    assert r.status == 400 and r.json()["error"]["field"] == "kind"
    # demolition progress: the section's own tasks only
    tasks = {t["name"]: t["id"] for t in coord.get("/api/v1/demolition?asof=2024-06-30")
             .json()["items"]}
    r = s2.post(f"/api/v1/demolition/{tasks['社区腾退']}/reports", {"on": "2024-06-28",
                                                                 "done": 20})
    assert r.status == 201, r.body
    b = {t["name"]: t for t in s2.get("/api/v1/demolition?asof=2024-06-30").json()["items"]}
    assert (b["社区腾退"]["done"], b["社区腾退"]["status"]) == (20, "on_track")
    assert s2.post(f"/api/v1/demolition/{tasks['甲片区征收']}/reports",
                   {"on": "2024-06-28", "done": 1}).status == 404
    assert g1.post(f"/api/v1/demolition/{tasks['甲片区征收']}/reports",
                   {"on": "2024-06-28", "done": 1}).status == 403
    assert coord.post(f"/api/v1/demolition/{tasks['甲片区征收']}/reports",
                      {"on": "2023-12-01", "done": 1}).status == 400
    assert coord.post("/api/v1/demolition/999/reports",
                      {"on": "2024-06-28", "done": 1}).status == 404
    assert run("verify", db=srv.db).code == 0


def test_matrix_as_xlsx(srv):
    r = srv.login("coord").get("/api/v1/supplies?asof=2024-06-30&format=xlsx")
    assert r.status == 200
    assert r.headers["Content-Disposition"] == 'attachment; filename="ballast-supplies.xlsx"'


def cells_text(html_text):
    """The HTML's text, one '|' between tags."""
    import html
    import re
    t = re.sub(r"<[^>]+>", "|", html_text)
    return re.sub(r"\|(\s*\|)+", "|", html.unescape(t))


def test_bulletin_section(gdb, tmp_path):
    f = tmp_path / "b.html"
    r = run("bulletin", "--month", "2024-06", "--format", "html", "-o", f, db=gdb)
    assert r.code == 0, r
    text = cells_text(f.read_text(encoding="utf-8"))
    # after （六）逾期事项 (the fixture has overdue projects: its 表13, 表14)
    assert "|（七）要素保障|" in text and "|表15  要素保障分板块情况|" in text
    # each section's row, and the total equal to the rows summed by hand
    assert "|甲板块|1|120.5|100|20.5|5,000|0|5,000|20,000|8,000.25|11,999.75|1|" in text
    assert "|乙街道|2|50|0|50|0|0|0|3,000|3,000|0|1|" in text
    assert "|乙街道社区|1|0|0|0|300.5|100|200.5|0|1,000|-1,000|0|" in text
    assert "|合计|4|170.5|100|70.5|5,300.5|100|5,200.5|23,000|12,000.25|10,999.75|2|" in text
    assert ("|注：截至6月底，4个项目登记了2024年度要素需求，其中用地或用能需求未满足、"
            "等待超过90天的项目2个（黄灯）。|") in text
    waiting = text[text.index("|表16  要素保障等待超期项目|"):text.index("七、下步工作要求")]
    assert waiting.split("|情况|")[1].strip("|").split("|") == [
        "1", "甲板块", "甲半导体扩产项目", "用地", "121",
        "用地需求 120.5 亩，已供 100 亩，自 2024-03-01 起已等待 121 天（超过 90 天）",
        "2", "甲板块", "甲半导体扩产项目", "用能", "181",
        "用能需求 5000 吨标煤，已供 0 吨标煤，自 2024-01-01 起已等待 181 天（超过 90 天）",
        "3", "乙街道", "丙道路工程", "用地", "150",
        "用地需求 50 亩，已供 0 亩，自 2024-02-01 起已等待 150 天（超过 90 天）"]
