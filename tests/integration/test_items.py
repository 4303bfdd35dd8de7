"""Supervision items (督办事项, issue #13) through the binary: the items file,
escalation over simulated months with a fixed clock (BALLAST_TODAY and
--asof), the overdue warning on its exact day, the lists as of past days,
the bulletin's 逾期事项, raising from a report's 存在问题 over HTTP, the
inbox, and `ballast serve` escalating by itself.

Every level and deadline below is computed by hand from the default days per
level (items.days.level1..4 = 15, 10, 10, 30): an item escalates the day
after its level's deadline to the next level with a level deadline that many
days later; it is overdue from the day after its deadline (办结时限), which
escalation does not move."""
import os

import pytest

import backend

from conftest import FIXTURES, run
from server import PASSWORD, Server, make_demo

TODAY = "2024-06-30"
ENV = {"BALLAST_TODAY": TODAY}

ITEMS_CSV = (
    "项目编号,事项,类别,责任单位,层级,提出日期,办结时限,状态,办结日期\n"
    # P1: 03-01 level 1, deadline 03-01 + 15 = 03-16
    "P1,用地指标待落实,用地,,1,2024-03-01,,,\n"
    # P3: 04-10 at level 2, deadline given 04-20
    "P3,征地拆迁未完成,征拆,S2,2,2024-04-10,2024-04-20,未办结,\n"
    # P2: settled on 03-10: never escalates
    "P2,施工许可办理缓慢,审批,G1,1,2024-03-05,,已办结,2024-03-10\n"
)


def days(first, last):
    """Every day from first to last as YYYY-MM-DD."""
    import datetime
    d = datetime.date.fromisoformat(first)
    end = datetime.date.fromisoformat(last)
    while d <= end:
        yield d.isoformat()
        d += datetime.timedelta(days=1)


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    db = tmp_path_factory.mktemp("items") / "i.db"
    assert run("init", db=db).code == 0
    for kind in ("units", "projects", "listings", "reports"):
        r = run("import", kind, FIXTURES / "small" / f"{kind}.csv", db=db)
        assert r.code == 0, r
    f = db.parent / "items.csv"
    f.write_text(ITEMS_CSV, encoding="utf-8")
    r = run("import", "items", f, db=db, env=ENV)
    assert r.code == 0, r
    assert "3 rows: 3 new, 0 changed, 0 unchanged" in r.err
    return db


def items_of(db, asof, *args):
    r = run("items", "--asof", asof, "--format", "json", *args, db=db, env=ENV)
    assert r.code == 0, r
    return {i["ref"]: i for i in r.json()["items"]}, r.json()


def steps(db, ref):
    con = backend.connect(db)
    try:
        return con.execute(
            "SELECT s.kind, s.on_day, s.level, s.deadline, s.level_deadline, s.status, s.actor"
            " FROM item_steps s JOIN items i ON i.id = s.item_id JOIN projects p"
            " ON p.id = i.project_id WHERE p.ref = ? ORDER BY s.id", (ref,)).fetchall()
    finally:
        con.close()


ITEMS_ORDERED_CSV = (
    "项目编号,事项,类别,责任单位,层级,提出日期,办结时限,状态,办结日期\n"
    # in this order, so the walk meets each kind of item left alone before
    # the one that moves: settled on 03-10
    "P2,施工许可办理缓慢,审批,G1,1,2024-03-05,,已办结,2024-03-10\n"
    # raised 04-10, after the run's day: "later"
    "P3,征地拆迁未完成,征拆,S2,2,2024-04-10,2024-04-20,未办结,\n"
    # at the top level, past its deadline 03-10: counted at the top
    "P4,能耗指标待批,用能,,4,2024-03-01,2024-03-10,未办结,\n"
    # level 1 from 03-15, deadline 03-15 + 15 = 03-30: in time
    "P4,配套资金缺口,资金,,1,2024-03-15,,,\n"
    # level 1 from 03-01, deadline 03-16: on 03-20 it moves to level 2 until
    # 03-20 + 10 = 03-30
    "P1,用地指标待落实,用地,,1,2024-03-01,,,\n"
    # and the walk goes on after one that moves: from 03-02, deadline 03-17,
    # the same step
    "P3,施工用电未接入,用能,,1,2024-03-02,,,\n"
)


def test_escalation_walks_past_every_item_it_leaves_alone(tmp_path):
    """A settled item, one stepped after the run's day, one at the top and one
    in time, all before the overdue one: each is left alone and counted, and
    the walk goes on to the one that moves."""
    db = tmp_path / "o.db"
    assert run("init", db=db).code == 0
    for kind in ("units", "projects"):
        assert run("import", kind, FIXTURES / "small" / f"{kind}.csv", db=db).code == 0
    f = tmp_path / "items.csv"
    f.write_text(ITEMS_ORDERED_CSV, encoding="utf-8")
    r = run("import", "items", f, db=db, env=ENV)
    assert r.code == 0, r
    r = run("escalate", "--asof", "2024-03-20", "--format", "json", db=db, env=ENV)
    assert r.code == 0, r
    got = r.json()
    moved = [(e["ref"], e["from"], e["to"], e["deadline"]) for e in got.pop("items")]
    assert got == {"asof": "2024-03-20", "escalated": 2, "pending": 5, "at_top": 1, "later": 1}
    assert moved == [("P1", 1, 2, "2024-03-30"), ("P3", 1, 2, "2024-03-30")]


def test_escalation_day_by_day_through_june(small):
    moved = {}
    for day in days("2024-03-01", TODAY):
        r = run("escalate", "--asof", day, "--format", "json", db=small, env=ENV)
        assert r.code == 0, r
        for e in r.json()["items"]:
            moved.setdefault(e["ref"], []).append((day, e["from"], e["to"], e["deadline"]))
    assert moved == {
        # 03-16 passed: 03-17 level 2 until 03-27; 03-28 level 3 until 04-07;
        # 04-08 level 4 until 05-08; level 4 is the top
        "P1": [("2024-03-17", 1, 2, "2024-03-27"), ("2024-03-28", 2, 3, "2024-04-07"),
               ("2024-04-08", 3, 4, "2024-05-08")],
        # 04-20 passed: 04-21 level 3 until 05-01; 05-02 level 4 until 06-01
        "P3": [("2024-04-21", 2, 3, "2024-05-01"), ("2024-05-02", 3, 4, "2024-06-01")],
    }
    # every step on the timeline, by the escalation's actor
    assert [s[:5] for s in steps(small, "P1")] == [
        ("raise", "2024-03-01", 1, "2024-03-16", "2024-03-16"),
        ("escalate", "2024-03-17", 2, "2024-03-16", "2024-03-27"),
        ("escalate", "2024-03-28", 3, "2024-03-16", "2024-04-07"),
        ("escalate", "2024-04-08", 4, "2024-03-16", "2024-05-08"),
    ]
    user = os.environ.get("USER")
    assert {s[6] for s in steps(small, "P1")[1:]} == {f"cli:{user}" if user else "cli:unknown"}
    assert [s[:2] for s in steps(small, "P2")] == [("raise", "2024-03-05"),
                                                    ("import", "2024-03-10")]
    # idempotent for the day: a second run finds nothing and writes nothing
    con = backend.connect(small)
    n = con.execute("SELECT count(*) FROM audit").fetchone()[0]
    r = run("escalate", "--asof", TODAY, "--format", "json", db=small, env=ENV)
    assert r.json() == {"asof": TODAY, "escalated": 0, "pending": 2, "at_top": 2, "later": 0,
                        "items": []}
    assert con.execute("SELECT count(*) FROM audit").fetchone()[0] == n
    # a run for a past day: an item whose last step is after it is "later"
    # (P3, escalated 05-02) and left alone; on that step's own day it is not
    r = run("escalate", "--asof", "2024-04-30", "--format", "json", db=small, env=ENV)
    assert r.json() == {"asof": "2024-04-30", "escalated": 0, "pending": 2, "at_top": 1,
                        "later": 1, "items": []}
    r = run("escalate", "--asof", "2024-05-02", "--format", "json", db=small, env=ENV)
    assert r.json() == {"asof": "2024-05-02", "escalated": 0, "pending": 2, "at_top": 2,
                        "later": 0, "items": []}
    assert con.execute("SELECT count(*) FROM audit").fetchone()[0] == n
    # each escalation is two audit entries: the item's update and its step
    assert con.execute("SELECT count(*) FROM audit WHERE entity = 'item_step'").fetchone()[0] \
        == 3 + 5 + 1
    con.close()
    r = run("verify", db=small)
    assert r.code == 0 and "sound" in r.out, r


def test_a_day_that_has_not_come_is_refused(small):
    r = run("escalate", "--asof", "2024-07-01", db=small, env=ENV)
    assert r.code == 1
    assert r.err == ("ballast escalate: --asof 2024-07-01: after today (2024-06-30); a day "
                     "that has not come cannot be escalated\n")


def test_items_as_of_past_days(small):
    june, doc = items_of(small, TODAY)
    assert doc["total"] == 3 and doc["pending"] == 2 and doc["overdue"] == 2
    assert doc["overdue_by_level"] == {"1": 0, "2": 0, "3": 0, "4": 2}
    p1 = june["P1"]
    assert (p1["level"], p1["level_label"], p1["deadline"], p1["level_deadline"],
            p1["status"], p1["overdue"], p1["days_late"]) == (
        4, "区协调会", "2024-03-16", "2024-05-08", "open", True, 106)  # 15+30+31+30
    assert (june["P3"]["level"], june["P3"]["days_late"]) == (4, 71)  # 10+31+30
    assert (june["P2"]["status"], june["P2"]["overdue"]) == ("resolved", False)
    # April 1st: P1 at level 3 (since 03-28), 16 days late; P3 not raised yet;
    # P2 resolved since 03-10
    april, doc = items_of(small, "2024-04-01")
    assert set(april) == {"P1", "P2"}
    assert (april["P1"]["level"], april["P1"]["level_deadline"], april["P1"]["days_late"]) == (
        3, "2024-04-07", 16)
    # 03-06: P2 open (its deadline 03-20 ahead), P1 open at level 1
    march, _ = items_of(small, "2024-03-06")
    assert (march["P2"]["status"], march["P2"]["days_left"]) == ("open", 14)
    assert (march["P1"]["level"], march["P1"]["days_left"]) == (1, 10)
    # filters through the one parameter table
    assert set(items_of(small, TODAY, "--overdue")[0]) == {"P1", "P3"}
    assert set(items_of(small, TODAY, "--section", "S2")[0]) == {"P3"}
    assert set(items_of(small, TODAY, "--category", "用地")[0]) == {"P1"}
    assert set(items_of(small, TODAY, "--owner", "G1")[0]) == {"P2"}
    assert set(items_of(small, TODAY, "--state", "resolved")[0]) == {"P2"}
    assert set(items_of(small, TODAY, "--level", "区协调会")[0]) == {"P1", "P3"}
    r = run("items", "--level", "5", db=small, env=ENV)
    assert r.code == 2
    assert r.err == ("ballast items: level 5: not one of 1, 2, 3, 4 (板块协调, 部门协调, "
                     "区领导协调, 区协调会)\n")
    r = run("items", "--asof", TODAY, "--format", "csv", "--overdue", db=small, env=ENV)
    assert r.out.splitlines()[0] == ("id,ref,project,section,title,category,owner,level,"
                                     "raised_on,deadline,level_deadline,status,overdue,"
                                     "days_late")
    assert r.out.splitlines()[1].endswith(",4,2024-03-01,2024-03-16,2024-05-08,open,1,106")


def test_the_overdue_warning_on_its_exact_day(small):
    def item_warnings(asof):
        r = run("warnings", "--asof", asof, "--format", "json", db=small, env=ENV)
        assert r.code == 0, r
        return [(w["ref"], w["level"], w["reason"]) for w in r.json()["warnings"]
                if w["rule"] == "item_overdue"]
    assert item_warnings("2024-03-16") == []  # the deadline day is in time
    assert item_warnings("2024-03-17") == [
        ("P1", "red", "督办事项“用地指标待落实”（第2级·部门协调）办结时限2024-03-16，已逾期1天")]
    # P3 (S2) overdue from 04-21; P2 was resolved on 03-10, before its deadline
    assert item_warnings("2024-04-21") == [
        ("P1", "red", "督办事项“用地指标待落实”（第4级·区协调会）办结时限2024-03-16，已逾期36天"),
        ("P3", "red", "督办事项“征地拆迁未完成”（第3级·区领导协调）办结时限2024-04-20，已逾期1天"),
    ]


def test_export_then_import_changes_nothing(small, tmp_path):
    r = run("export", "items", db=small)
    assert r.code == 0, r
    lines = r.out.splitlines()
    assert lines[0] == "ref,title,category,owner,level,raised_on,deadline,status,resolved_on,detail"
    assert lines[1:] == [
        "P1,用地指标待落实,land,S1,4,2024-03-01,2024-03-16,open,,",
        "P3,征地拆迁未完成,demolition,S2,4,2024-04-10,2024-04-20,open,,",
        "P2,施工许可办理缓慢,approval,G1,1,2024-03-05,2024-03-20,resolved,2024-03-10,",
    ]
    f = tmp_path / "again.csv"
    f.write_text(r.out, encoding="utf-8")
    before = run("items", "--format", "json", db=small, env=ENV).out
    r = run("import", "items", f, db=small, env=ENV)
    assert r.code == 0, r
    assert "3 rows: 0 new, 0 changed, 3 unchanged" in r.err
    assert run("items", "--format", "json", db=small, env=ENV).out == before


def test_import_refuses_bad_rows_all_at_once(small, tmp_path):
    f = tmp_path / "bad.csv"
    f.write_text("ref,title,category,level,raised_on,deadline,status,resolved_on\n"
                 "P1,甲,土方,1,2024-05-01,,,\n"
                 "P9,乙,用地,2,2024-05-01,,,\n"
                 "P2,丙,用地,5,2024-05-01,2024-04-01,,\n"
                 "P2,丁,用地,1,2024-05-01,,open,2024-05-02\n"
                 "P2,戊,,,2024-07-01,,,\n", encoding="utf-8")
    con = backend.connect(small)
    n = con.execute("SELECT count(*) FROM items").fetchone()[0]
    r = run("import", "items", f, db=small, env=ENV)
    assert r.code == 1
    assert r.err.splitlines()[:-1] == [
        f"{f}:2: category (类别): 土方: not one of 用地, 用能, 资金, 审批, 征拆, 其他 (land, "
        "energy, funds, approval, demolition, other)",
        f"{f}:3: ref (项目编号): P9: no project has this ref (import projects first)",
        f"{f}:4: level (层级): 5: not one of 1, 2, 3, 4 (板块协调, 部门协调, 区领导协调, 区协调会)",
        f"{f}:4: deadline (办结时限): 2024-04-01: before raised_on",
        f"{f}:5: resolved_on (办结日期): 2024-05-02: given for an item that is not resolved or "
        "closed",
        f"{f}:6: raised_on (提出日期): 2024-07-01: after today",
    ]
    assert con.execute("SELECT count(*) FROM items").fetchone()[0] == n
    con.close()


def test_the_june_bulletin_lists_the_overdue_items(tmp_path):
    """The demo's June: eight items overdue at 06-30 (demo_items.c): the two
    stalled projects' financing (raised 02-15, level 4), the April site
    visit's two (raised 04-20 at level 2, level 4 by 05-22), the June visit's
    one (06-12 at level 2, level 3 on 06-23) and the office's three for
    projects filed long ago (06-10 at level 1, level 2 on 06-26)."""
    db = tmp_path / "d.db"
    assert run("demo", "--asof", TODAY, db=db).code == 0
    _, doc = items_of(db, TODAY, "--overdue")
    assert doc["overdue_by_level"] == {"1": 0, "2": 3, "3": 1, "4": 4}
    out = tmp_path / "b.html"
    r = run("bulletin", "--month", "2024-06", "--format", "html", "-o", out, db=db, env=ENV)
    assert r.code == 0, r
    html = out.read_text(encoding="utf-8")
    assert "表14  逾期事项" in html
    assert "截至6月底，逾期未办结的督办事项共8项，其中区协调会4项、区领导协调1项、部门协调3项。" in html
    assert "对8项逾期督办事项，责任单位要限期办结" in html


# ---- over HTTP ----

@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    db = tmp_path_factory.mktemp("itemsdemo") / "d.db"
    make_demo(db)
    srv = Server(db, log=str(db) + ".log", env=ENV)
    yield db, srv
    assert srv.stop() == 0


def test_a_report_problem_becomes_an_item_answered_and_resolved(demo):
    db, srv = demo
    coord, s01 = srv.login("coord"), srv.login("s01")
    # 2024-071 (S01) reported 规划方案调整 in June
    r = coord.post("/api/v1/items", {"ref": "2024-071", "from_report": "2024-06"})
    assert r.status == 201, r.body
    it = r.json()
    assert (it["title"], it["detail"], it["category"], it["source"], it["source_ref"]) == (
        "规划方案调整", "规划方案调整", "other", "report", "2024-06")
    assert (it["owner"]["code"], it["level"], it["raised_on"], it["deadline"],
            it["level_deadline"], it["status"], it["raised_by"]) == (
        "S01", 1, TODAY, "2024-07-15", "2024-07-15", "open", "user:coord")
    assert it["actions"] == ["edit", "reply", "resolve", "close", "escalate"]
    iid = it["id"]
    r = s01.post(f"/api/v1/items/{iid}/replies", {"text": "已约资规分局现场踏勘",
                                                   "attachment": "踏勘记录（OA 2024-301）"})
    assert r.status == 201 and r.json()["actions"] == ["reply", "answer"], r.body
    r = s01.post(f"/api/v1/items/{iid}/answer", {"text": "规划调整方案已报批"})
    assert r.status == 200 and r.json()["status"] == "answered", r.body
    r = s01.post(f"/api/v1/items/{iid}/resolve", {})
    assert r.status == 403 and r.json()["error"]["code"] == "forbidden"
    r = coord.post(f"/api/v1/items/{iid}/resolve", {"text": "经核实已解决"})
    assert r.status == 200, r.body
    it = r.json()
    assert it["status"] == "resolved" and it["actions"] == ["reopen"]
    assert [(s["kind"], s["actor"], s["text"], s["attachment"]) for s in it["steps"]] == [
        ("raise", "user:coord", None, None),
        ("reply", "user:s01", "已约资规分局现场踏勘", "踏勘记录（OA 2024-301）"),
        ("answer", "user:s01", "规划调整方案已报批", None),
        ("resolve", "user:coord", "经核实已解决", None),
    ]
    r = s01.post(f"/api/v1/items/{iid}/replies", {"text": "补充"})
    assert r.status == 409 and r.json()["error"]["code"] == "locked"
    con = backend.connect(db)
    trail = con.execute("SELECT entity, action FROM audit WHERE (entity = 'item' AND"
                        " entity_key = ?) OR (entity = 'item_step' AND entity_key IN"
                        " (SELECT CAST(id AS TEXT) FROM item_steps WHERE item_id = ?))"
                        " ORDER BY id", (str(iid), iid)).fetchall()
    con.close()
    # raised (item, step); the reply on the raise's day leaves the row; the
    # answer and the resolve change it
    assert trail == [("item", "insert"), ("item_step", "insert"), ("item_step", "insert"),
                     ("item", "update"), ("item_step", "insert"), ("item", "update"),
                     ("item_step", "insert")]


def test_raising_checks_its_fields(demo):
    _, srv = demo
    coord, s01 = srv.login("coord"), srv.login("s01")
    r = coord.post("/api/v1/items", {"ref": "2024-071", "from_report": "2024-01"})
    assert (r.status, r.json()["error"]["field"]) == (400, "from_report")
    r = coord.post("/api/v1/items", {"ref": "2024-071"})
    assert (r.status, r.json()["error"]["field"]) == (400, "title")
    r = coord.post("/api/v1/items", {"ref": "2024-071", "title": "x", "raised_on": "2024-07-01"})
    assert (r.status, r.json()["error"]["field"]) == (400, "raised_on")
    r = coord.post("/api/v1/items", {"ref": "2024-071", "title": "x", "deadline": "2024-06-01"})
    assert (r.status, r.json()["error"]["field"]) == (400, "deadline")
    r = coord.post("/api/v1/items", {"ref": "nope", "title": "x"})
    assert (r.status, r.json()["error"]["code"]) == (404, "not_found")
    # a section raises on its own project, at level 1, owner and deadline by the rule
    r = s01.post("/api/v1/items", {"ref": "2024-071", "title": "x", "level": 2})
    assert (r.status, r.json()["error"]["field"]) == (403, "level")
    r = s01.post("/api/v1/items", {"ref": "2024-071", "from_visit": {"on": "2024-06-20",
                                                                     "note": "现场：地块用地指标待落实。"
                                                                             "另需协调电力"}})
    assert r.status == 201, r.body
    it = r.json()
    assert (it["title"], it["category"], it["source"], it["source_ref"], it["raised_on"],
            it["deadline"], it["owner"]["code"]) == (
        "现场：地块用地指标待落实", "land", "visit", "2024-06-20", "2024-06-20", "2024-07-05",
        "S01")


def test_the_list_over_http_pages_and_filters(demo):
    _, srv = demo
    c = srv.login("coord")
    r = c.get("/api/v1/items?overdue=yes&limit=3")
    assert r.status == 200, r.body
    doc = r.json()
    assert (doc["total"], doc["limit"], doc["offset"], len(doc["items"])) == (8, 3, 0, 3)
    assert doc["overdue_by_level"] == {"1": 0, "2": 3, "3": 1, "4": 4}
    r = c.get("/api/v1/items?level=9")
    assert (r.status, r.json()["error"]["field"]) == (400, "level")
    # a department sees the items it owns and those of the projects it is
    # responsible for, and no other
    def dept_sees(i):
        detail = c.get(f"/api/v1/items/{i['id']}").json()
        return i["owner"]["code"] == "D01" or (detail["project"]["department"] or {}).get(
            "code") == "D01"
    every = c.get("/api/v1/items?limit=1000").json()["items"]
    seen = srv.login("dept").get("/api/v1/items?limit=1000").json()["items"]
    assert sorted(i["id"] for i in seen) == sorted(i["id"] for i in every if dept_sees(i))
    assert len(seen) < len(every)
    # an overdue item's title is corrected and its passed deadline kept; a
    # deadline set before today (06-30) is refused
    it = c.get("/api/v1/items?overdue=yes&limit=1").json()["items"][0]
    r = c.request("PATCH", f"/api/v1/items/{it['id']}", {"title": it["title"] + "（更正）",
                                                       "version": it["version"]})
    assert r.status == 200, r.body
    got = r.json()
    assert (got["title"], got["deadline"], got["overdue"], got["days_late"]) == (
        it["title"] + "（更正）", it["deadline"], True, it["days_late"])
    r = c.request("PATCH", f"/api/v1/items/{it['id']}", {"deadline": "2024-06-29",
                                                       "version": got["version"]})
    assert (r.status, r.json()["error"]["field"]) == (400, "deadline")


def test_serve_escalates_by_itself_once_a_day(tmp_path):
    db = tmp_path / "s.db"
    assert run("init", db=db).code == 0
    for kind in ("units", "projects"):
        assert run("import", kind, FIXTURES / "small" / f"{kind}.csv", db=db).code == 0
    f = tmp_path / "i.csv"
    f.write_text("ref,title,raised_on\nP1,用地指标待落实,2024-03-01\n", encoding="utf-8")
    assert run("import", "items", f, db=db, env=ENV).code == 0
    for day, level in (("2024-03-17", 2), ("2024-03-17", 2), ("2024-03-28", 3)):
        srv = Server(db, log=str(db) + ".log", env={"BALLAST_TODAY": day})
        assert srv.stop() == 0
        assert [s[:3] for s in steps(db, "P1")][-1][2] == level
    kinds = [(s[0], s[1], s[6]) for s in steps(db, "P1")]
    assert kinds == [("raise", "2024-03-01", kinds[0][2]),
                     ("escalate", "2024-03-17", "ballast:escalate"),
                     ("escalate", "2024-03-28", "ballast:escalate")]
    log = open(str(db) + ".log", encoding="utf-8").read()
    assert "escalation as of 2024-03-28: 1 item moved up" in log


def test_the_inbox_of_each_role(tmp_path):
    """On the small district as of 06-30, by hand:
    items: P1 (S1, dept G1) owned by G1 at level 2, deadline 06-20 (10 days
    late); P2 (S1) owned by S1, deadline 07-02 (2 days left); P3 (S2) owned by
    S2 at level 3, deadline 07-10 (10 days left: not yet); P4 (S21 under S2)
    owned by S2, answered, deadline 06-25 (5 days late).
    lights: P1 red on 06-23 and 06-30 (report missing, item); P3 red both
    days (start overdue); P4 red from 06-26 (its item): new.
    reports owed after the 5th (May): S1's started projects P1 and P2 have
    none; S2's P5 has one (P3, P4 not started).
    The server escalates as it starts: P1 past its level's deadline 06-20 goes
    to level 3 (a leader's now), P4 past 06-25 to level 2."""
    db = tmp_path / "x.db"
    assert run("init", db=db).code == 0
    for kind in ("units", "projects", "listings", "reports"):
        assert run("import", kind, FIXTURES / "small" / f"{kind}.csv", db=db).code == 0
    f = tmp_path / "i.csv"
    f.write_text("ref,title,owner,level,raised_on,deadline,status\n"
                 "P1,甲事项,G1,2,2024-06-01,2024-06-20,\n"
                 "P2,乙事项,S1,1,2024-06-20,2024-07-02,\n"
                 "P3,丙事项,S2,3,2024-06-01,2024-07-10,\n"
                 "P4,丁事项,S2,1,2024-06-05,2024-06-25,answered\n", encoding="utf-8")
    assert run("import", "items", f, db=db, env=ENV).code == 0
    for name, role, unit in (("coord", "coordinator", None), ("s1", "section", "S1"),
                             ("s2", "section", "S2"), ("g1", "department", "G1"),
                             ("leader", "leader", None), ("auditor", "auditor", None)):
        args = ["user", "add", name, "--role", role] + (["--unit", unit] if unit else [])
        assert run(*args, db=db, stdin=PASSWORD + "\n").code == 0
    srv = Server(db, log=str(db) + ".log", env=ENV)
    try:
        def inbox(name):
            r = srv.login(name).get("/api/v1/inbox")
            assert r.status == 200, r.body
            doc = r.json()
            assert doc["total"] == len(doc["items"]) and doc["asof"] == TODAY
            return [(e["kind"], e["ref"], e["month"], e["count"], e["days"])
                    for e in doc["items"]]
        assert inbox("s1") == [("item_overdue", "P1", None, 0, 10), ("item_due", "P2", None, 0, 2),
                               ("reports_missing", None, "2024-05", 2, 0)]
        assert inbox("s2") == [("item_overdue", "P4", None, 0, 5), ("new_red", "P4", None, 0, 0)]
        assert inbox("g1") == [("item_overdue", "P1", None, 0, 10)]
        assert inbox("leader") == [("item_overdue", "P1", None, 0, 10), ("new_red", "P4", None, 0, 0)]
        assert inbox("coord") == [("item_answered", "P4", None, 0, 0), ("new_red", "P4", None, 0, 0)]
        assert inbox("auditor") == []
        # a report submitted waits for the office; returned, it is the section's
        s1, coord = srv.login("s1"), srv.login("coord")
        assert s1.put("/api/v1/reports/P1/2024-05", {"invest_yuan": 100}).status == 201
        assert s1.post("/api/v1/reports/submit", {"month": "2024-05", "refs": ["P1"]}).status == 200
        assert ("reports_to_verify", None, "2024-05", 1, 0) in inbox("coord")
        assert coord.post("/api/v1/reports/P1/2024-05/return", {"reason": "投资额与发票不符"}
                          ).status == 200
        got = inbox("s1")
        assert got[2] == ("report_returned", "P1", "2024-05", 1, 0)
        assert got[3] == ("reports_missing", None, "2024-05", 2, 0)  # a returned one does not count
        r = srv.login("s1").get("/api/v1/inbox")
        assert r.json()["items"][0]["text"] == "“甲事项”（区领导协调）办结时限2024-06-20，已逾期10天"
        assert r.json()["counts"] == {"item_overdue": 1, "item_due": 1, "item_answered": 0,
                                      "report_returned": 1, "reports_missing": 1,
                                      "reports_to_verify": 0, "new_red": 0}
    finally:
        assert srv.stop() == 0
