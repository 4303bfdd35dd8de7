"""The element-wait warning (要素保障等待, issue #15 item 3; DOMAIN.md §6/§7):
a project whose land or energy need has been short more than
guarantees.wait_days is a yellow warning of rule element_wait in `ballast
warnings`, GET /warnings and the project's light, from the one rule of
core/guarantees.c; the server's snapshot follows a supply written through it;
a bad stored guarantees.wait_days is refused like a bad warn.* threshold.

The district is tests/fixtures/small. Its lights before any supply, on
2024-07-01 and 2024-07-02 alike: P1, P3, P5 red, P2 yellow, P4 green (its
planned start is 09-01, nothing else is owed). Supplies, by hand:
  P4 energy: need 300.5 吨标煤 from 2024-04-02, 100 supplied on 04-20;
     04-02 → 07-01 is 28 + 31 + 30 + 1 = 90 days (not more than 90: green),
     07-02 is 91 days: yellow.
  P3 land: need 50 亩 from 2024-02-01, none supplied by 07-02:
     02-01 → 07-02 is 29 + 31 + 30 + 31 + 30 + 1 = 152 days (P3 is red anyway)."""

import pytest

import backend

from conftest import run
from server import PASSWORD, Server

SUPPLIES_CSV = (
    "项目编号,年度,要素,类型,日期,数量,文号\n"
    "P4,2024,用能,需求,2024-04-02,300.5,\n"
    "P4,2024,用能,能评批复,2024-04-20,100,能评-7\n"
    "P3,2024,用地,需求,2024-02-01,50,\n"
)

P4_REASON = "用能需求 300.5 吨标煤，已供 100 吨标煤，自 2024-04-02 起已等待 91 天（超过 90 天）"
P3_REASON = "用地需求 50 亩，已供 0 亩，自 2024-02-01 起已等待 152 天（超过 90 天）"


@pytest.fixture
def wdb(small, tmp_path):
    f = tmp_path / "supplies.csv"
    f.write_text(SUPPLIES_CSV, encoding="utf-8")
    r = run("import", "supplies", f, db=small)
    assert r.code == 0, r
    return small


def warnings(db, asof, *args):
    r = run("warnings", "--asof", asof, "--format", "json", *args, db=db)
    assert r.code == 0, r
    return r.json()


def waits(doc):
    return [(w["ref"], w["level"], w["reason"]) for w in doc["warnings"]
            if w["rule"] == "element_wait"]


def test_exactly_the_threshold_is_green_one_day_more_is_yellow(wdb):
    on = warnings(wdb, "2024-07-01")
    assert waits(on) == [("P3", "yellow", "用地需求 50 亩，已供 0 亩，自 2024-02-01 起已等待 "
                                          "151 天（超过 90 天）")]
    assert on["lights"] == {"green": 1, "yellow": 1, "red": 3}
    after = warnings(wdb, "2024-07-02")
    assert waits(after) == [("P3", "yellow", P3_REASON), ("P4", "yellow", P4_REASON)]
    # P4 turns yellow; P3 stays red (its worst)
    assert after["lights"] == {"green": 0, "yellow": 2, "red": 3}
    p4 = next(w for w in after["warnings"] if w["ref"] == "P4")
    assert (p4["rule_label"], p4["reason_code"]) == ("要素保障等待", "element_wait")
    assert p4["reason_params"] == {"element": "energy", "days": "91", "need": "300.5",
                                   "supplied": "100", "since": "2024-04-02", "limit": "90"}
    # the rule filter
    only = warnings(wdb, "2024-07-02", "--rule", "element_wait")
    assert [w["ref"] for w in only["warnings"]] == ["P3", "P4"]
    assert warnings(wdb, "2024-07-02", "--rule", "要素保障等待")["warnings"] == only["warnings"]
    # the threshold is the setting guarantees.wait_days
    assert run("settings", "set", "guarantees.wait_days", "91", db=wdb).code == 0
    assert [w[0] for w in waits(warnings(wdb, "2024-07-02"))] == ["P3"]


def test_both_elements_waiting(wdb, tmp_path):
    f = tmp_path / "land.csv"
    # P4 land: need 10 亩 from 2024-03-01: 03-01 → 07-02 = 30 + 31 + 30 + 31 + 1 = 123
    f.write_text("项目编号,年度,要素,类型,日期,数量,文号\nP4,2024,用地,需求,2024-03-01,10,\n",
                 encoding="utf-8")
    assert run("import", "supplies", f, db=wdb).code == 0
    p4 = [w for w in warnings(wdb, "2024-07-02")["warnings"]
          if w["ref"] == "P4" and w["rule"] == "element_wait"]
    assert len(p4) == 1
    assert p4[0]["reason"] == ("用地需求 10 亩，已供 0 亩，自 2024-03-01 起已等待 123 天（超过 90 天）；"
                               + P4_REASON)
    assert (p4[0]["reason_code"], p4[0]["reason_params"]) == (
        "element_wait_two", {"element": "land", "days": "123", "element2": "energy",
                             "days2": "91", "limit": "90"})


def store_setting(db, key, value):
    con = backend.connect(db)
    con.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))
    con.commit()
    con.close()


def test_a_bad_stored_wait_days_is_refused(wdb):
    store_setting(wdb, "guarantees.wait_days", "soon")
    r = run("warnings", "--asof", "2024-07-02", db=wdb)
    assert r.code == 1, r
    assert r.err == "ballast: setting guarantees.wait_days = soon: not a whole number\n"
    r = run("warnings", "--settings", db=wdb)
    assert r.code == 1, r
    store_setting(wdb, "guarantees.wait_days", "3651")
    r = run("warnings", "--asof", "2024-07-02", db=wdb)
    assert (r.code, r.err) == (1, "ballast: setting guarantees.wait_days = 3651: out of range\n")


def add_users(db):
    for name, role in (("coord", "coordinator"), ("admin", "admin")):
        r = run("user", "add", name, "--role", role, db=db, stdin=PASSWORD + "\n")
        assert r.code == 0, r


@pytest.fixture
def srv(wdb):
    add_users(wdb)
    s = Server(wdb)
    yield s
    assert s.stop() == 0


def lights(c, asof):
    r = c.get(f"/api/v1/projects?year=2024&asof={asof}")
    assert r.status == 200, r.body
    return {p["ref"]: p["light"] for p in r.json()["items"]}


def test_the_server_agrees_and_follows_a_supply(srv):
    c = srv.login("coord")
    q = "/api/v1/warnings?asof=2024-07-02&rule=element_wait"
    doc = c.get(q).json()
    assert [(w["ref"], w["reason"]) for w in doc["warnings"]] == [("P3", P3_REASON),
                                                                 ("P4", P4_REASON)]
    assert doc["warnings"] == warnings(srv.db, "2024-07-02", "--rule", "element_wait")["warnings"]
    assert lights(c, "2024-07-01")["P4"] == "green"
    assert lights(c, "2024-07-02")["P4"] == "yellow"
    page = c.get("/api/v1/projects/P4?year=2024&asof=2024-07-02").json()
    assert page["light"] == "yellow"
    assert [(w["rule"], w["reason"]) for w in page["warnings"]] == [("element_wait", P4_REASON)]
    # the rest of the need arrives on 07-01: the snapshot follows the write
    r = c.post("/api/v1/supplies", {"ref": "P4", "year": 2024, "element": "energy",
                                    "kind": "energy_approval", "on": "2024-07-01",
                                    "amount": "200.5", "doc_no": "能评-8"})
    assert r.status == 201, r.body
    assert [w["ref"] for w in c.get(q).json()["warnings"]] == ["P3"]
    assert lights(c, "2024-07-02")["P4"] == "green"
    assert c.get("/api/v1/projects/P4?year=2024&asof=2024-07-02").json()["warnings"] == []
    assert [w[0] for w in waits(warnings(srv.db, "2024-07-02"))] == ["P3"]


def test_the_server_refuses_a_bad_stored_wait_days(wdb):
    add_users(wdb)
    store_setting(wdb, "guarantees.wait_days", "-1")
    s = Server(wdb)
    try:
        c = s.login("coord")
        for path in ("/api/v1/warnings?asof=2024-07-02", "/api/v1/projects?year=2024",
                     "/api/v1/projects/P4?year=2024"):
            r = c.get(path)
            assert r.status == 500, (path, r.body)
            assert r.json()["error"] == {
                "code": "bad_setting", "message": "guarantees.wait_days = -1: out of range",
                "message_zh": "存储的设置值无效，未计算预警：guarantees.wait_days = -1: out of range",
                "field": "guarantees.wait_days"}, path
        assert s.login("admin").put("/api/v1/settings/guarantees.wait_days",
                                    {"value": "90"}).status == 200
        assert [w["ref"] for w in c.get("/api/v1/warnings?asof=2024-07-02&rule=element_wait")
                .json()["warnings"]] == ["P3", "P4"]
    finally:
        assert s.stop() == 0


def test_the_demo_gains_exactly_the_projects_that_newly_wait(tmp_path):
    """The demo district as of 2024-06-30: 13 projects wait on land or energy
    (one on both); 9 of them have no other warning, so the yellow lights go
    from 17 (the rule kept quiet by the longest wait_days) to 26, and the
    green ones from 138 to 129; the red ones stay 9."""
    from server import make_demo
    db = tmp_path / "d.db"
    make_demo(db)
    asof = "2024-06-30"
    doc = warnings(db, asof)
    waiting = {w["ref"] for w in doc["warnings"] if w["rule"] == "element_wait"}
    others = {w["ref"] for w in doc["warnings"] if w["rule"] != "element_wait"}
    assert len(waiting) == 13 and len(waiting - others) == 9
    assert run("settings", "set", "guarantees.wait_days", "3650", db=db).code == 0
    quiet = warnings(db, asof)
    assert not [w for w in quiet["warnings"] if w["rule"] == "element_wait"]
    assert quiet["lights"] == {"green": 138, "yellow": 17, "red": 9}
    assert doc["lights"] == {"green": 129, "yellow": 26, "red": 9}
    # exactly those 9 turned yellow; every other warning is the same
    assert sorted({w["ref"] for w in quiet["warnings"]} ^ {w["ref"] for w in doc["warnings"]}) \
        == sorted(waiting - others)
    assert [w for w in doc["warnings"] if w["rule"] != "element_wait"] == quiet["warnings"]
