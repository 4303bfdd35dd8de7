"""Settings (issue #11 item 4): `ballast settings list|get|set|unset` and
/api/v1/settings — every key checked against core/settings.c's table, every
change audited with the value before and after, administrators write,
coordinators and auditors read; and the settings take effect (warnings,
contest, bulletin)."""
import json

import pytest

import backend

from conftest import run
from server import Server, make_demo

KEYS = [
    "warn.start_overdue.yellow_days", "warn.start_overdue.red_days",
    "warn.filed_not_started.yellow_days", "warn.filed_not_started.red_days",
    "warn.investment_lag.form", "warn.investment_lag.yellow_pct",
    "warn.investment_lag.red_pct", "warn.investment_lag.yellow_points",
    "warn.investment_lag.red_points", "warn.completion_overdue.yellow_days",
    "warn.completion_overdue.red_days", "warn.report_missing.due_day",
    "contest.weight.start_rate", "contest.weight.investment_completion",
    "contest.weight.new_starts", "contest.weight.red_warnings",
    "contest.weight.overdue_items", "contest.weight.signed_investment", "contest.named",
    "items.days.level1", "items.days.level2", "items.days.level3", "items.days.level4",
    "bulletin.title", "bulletin.issuer",
    # visits
    "supervision.months", "supervision.threshold_yuan", "webhook.format", "webhook.url",
    # element guarantees (要素保障): days a land or energy need may wait
    "guarantees.wait_days",
]
DEFAULTS = ["0", "30", "90", "180", "ratio", "80", "50", "10", "30", "0", "60", "10",
            "30", "30", "20", "-20", "0", "0", "3", "15", "10", "10", "30", "重大项目建设月度通报",
            None,
            "odd", "1000000000", "off", None,  # visits
            "90"]  # guarantees


def audit(db, key):
    con = backend.connect(db)
    try:
        return con.execute("SELECT actor, action, before, after FROM audit WHERE entity = "
                           "'setting' AND entity_key = ? ORDER BY id", (key,)).fetchall()
    finally:
        con.close()


def test_list_shows_every_key_with_value_default_and_label(db):
    r = run("settings", "list", "--format", "json", db=db)
    assert r.code == 0, r
    items = r.json()
    assert [i["key"] for i in items] == KEYS
    assert [i["default"] for i in items] == DEFAULTS
    assert [i["value"] for i in items] == DEFAULTS
    assert not any(i["is_set"] for i in items)
    red = items[1]
    assert red == {"key": "warn.start_overdue.red_days", "type": "int", "value": "30",
                   "default": "30", "is_set": False, "label": "逾期未开工红灯天数",
                   "label_en": "Start overdue: red after (days)",
                   "description": "计划开工日期已过、尚未开工，逾期超过该天数亮红灯",
                   "description_en": "Red when the planned start passed more than this many "
                                     "days ago",
                   "min": 0, "max": 3650}
    assert items[4]["choices"] == ["ratio", "points"]
    assert items[KEYS.index("bulletin.issuer")]["default_note"] == "〈区名〉重大项目建设领导小组办公室"
    table = run("settings", "list", db=db)
    assert table.code == 0
    line = [ln for ln in table.out.splitlines() if ln.startswith("warn.start_overdue.red_days")]
    assert line and "30" in line[0] and "逾期未开工红灯天数" in line[0]
    csv = run("settings", "list", "--format", "csv", db=db).out.splitlines()
    assert csv[0] == "key,value,default,is_set,label"
    assert csv[2] == "warn.start_overdue.red_days,30,30,0,逾期未开工红灯天数"


def test_set_get_unset_are_audited_before_and_after(db):
    r = run("settings", "set", "warn.start_overdue.red_days", "45", "--actor", "cli:ops", db=db)
    assert r.code == 0, r
    assert "warn.start_overdue.red_days: (default) → 45" in r.err
    assert run("settings", "get", "warn.start_overdue.red_days", db=db).out == "45\n"
    # a negative weight is a value, not an option
    r = run("settings", "set", "contest.weight.red_warnings", "-25", db=db)
    assert r.code == 0, r
    assert run("settings", "get", "contest.weight.red_warnings", db=db).out == "-25\n"
    r = run("settings", "set", "warn.start_overdue.red_days", "60", "--actor", "cli:ops", db=db)
    assert r.code == 0 and "45 → 60" in r.err
    r = run("settings", "set", "warn.start_overdue.red_days", "60", db=db)
    assert r.code == 0 and "nothing changed" in r.err
    r = run("settings", "unset", "warn.start_overdue.red_days", "--actor", "cli:ops", db=db)
    assert r.code == 0, r
    assert run("settings", "get", "warn.start_overdue.red_days", db=db).out == "30\n"
    assert audit(db, "warn.start_overdue.red_days") == [
        ("cli:ops", "insert", None, '{"value":"45"}'),
        ("cli:ops", "update", '{"value":"45"}', '{"value":"60"}'),
        ("cli:ops", "delete", '{"value":"60"}', None),
    ]
    j = run("settings", "get", "bulletin.title", "--format", "json", db=db).json()
    assert j["value"] == "重大项目建设月度通报" and j["is_set"] is False


@pytest.mark.parametrize("key,value,why", [
    ("warn.start_overdue.red_days", "3651", "out of range (0 to 3650)"),
    ("warn.start_overdue.red_days", "-1", "out of range (0 to 3650)"),
    ("warn.start_overdue.red_days", "thirty", "not a whole number"),
    ("warn.start_overdue.red_days", "30.5", "not a whole number"),
    ("warn.report_missing.due_day", "29", "out of range (1 to 28)"),
    ("warn.investment_lag.form", "percent", "not one of ratio, points"),
    ("contest.weight.new_starts", "1001", "out of range (-1000 to 1000)"),
    ("contest.named", "0", "out of range (1 to 20)"),
    ("bulletin.title", "", "empty"),
    ("bulletin.title", "x" * 101, "longer than 100 characters"),
    # webhook.url (the group-chat robot): http:// or https://, a host, ≤ 500 characters
    ("webhook.url", "ftp://qyapi.weixin.qq.com/x", "not an http:// or https:// URL"),
    ("webhook.url", "qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k",
     "not an http:// or https:// URL"),
    ("webhook.url", "https:///cgi-bin/webhook/send", "no host"),
    ("webhook.url", "https://user@qyapi.weixin.qq.com/", "not a valid host"),
    ("webhook.url", "https://qyapi.weixin.qq.com:99999/", "not a valid port (1 to 65535)"),
    ("webhook.url", "https://qyapi.weixin.qq.com/send?key=a b",
     "contains a space or a character outside ASCII"),
    ("webhook.url", "https://example.com/" + "a" * 481, "longer than 500 characters"),
])
def test_bad_values_are_refused_and_write_nothing(db, key, value, why):
    r = run("settings", "set", key, value, db=db)
    assert r.code == 1
    assert r.err == f"ballast settings: {key}: {why}\n"
    assert audit(db, key) == []


def test_unknown_key_and_keys_together(db):
    r = run("settings", "set", "warn.nope", "1", db=db)
    assert r.code == 1
    assert r.err == ("ballast settings: no setting is named warn.nope ('ballast settings list' "
                     "names them)\n")
    r = run("settings", "get", "warn.nope", db=db)
    assert r.code == 1 and "no setting is named warn.nope" in r.err
    r = run("settings", "set", "warn.start_overdue.yellow_days", "31", db=db)
    assert r.code == 1
    assert ("warn.start_overdue.yellow_days (31) must not be greater than "
            "warn.start_overdue.red_days (30)") in r.err
    assert run("settings", "set", "warn.start_overdue", db=db).code == 2
    assert run("settings", "frobnicate", db=db).code == 2


def test_actor_account_must_be_an_administrator(tmp_path):
    db = tmp_path / "a.db"
    make_demo(db)
    r = run("settings", "set", "contest.named", "2", "--actor", "user:coord", db=db)
    assert r.code == 1 and "a coordinator may not change settings" in r.err
    r = run("settings", "set", "contest.named", "2", "--actor", "user:admin", db=db)
    assert r.code == 0, r
    assert audit(db, "contest.named") == [("user:admin", "insert", None, '{"value":"2"}')]


def test_settings_take_effect(tmp_path):
    db = tmp_path / "e.db"
    make_demo(db)
    j = run("ranking", "--month", "2024-06", "--no-save", "--format", "json", db=db).json()
    assert len(j["red_flag"]) == 3 and len(j["talk"]) == 3
    assert run("settings", "set", "contest.named", "2", db=db).code == 0
    j = run("ranking", "--month", "2024-06", "--no-save", "--format", "json", db=db).json()
    assert len(j["red_flag"]) == 2 and len(j["talk"]) == 2
    assert j["talk"] == [s["code"] for s in j["sections"][-2:]]

    red = run("warnings", "--asof", "2024-06-30", "--min", "red", "--format", "json", db=db)
    n_red = len(red.json()["warnings"])
    assert run("settings", "set", "warn.start_overdue.red_days", "3650", db=db).code == 0
    later = run("warnings", "--asof", "2024-06-30", "--min", "red", "--format", "json", db=db)
    assert len(later.json()["warnings"]) < n_red

    assert run("settings", "set", "bulletin.title", "重大项目月报（试行）", db=db).code == 0
    assert run("settings", "set", "bulletin.issuer", "某区项目办", db=db).code == 0
    out = tmp_path / "b.html"
    assert run("bulletin", "--month", "2024-06", "-o", out, db=db).code == 0
    html = out.read_text()
    assert "重大项目月报（试行）" in html and "某区项目办" in html
    assert run("verify", db=db).code == 0


@pytest.fixture(scope="module")
def srv(tmp_path_factory):
    db = tmp_path_factory.mktemp("settings") / "s.db"
    make_demo(db)
    s = Server(db)
    yield s
    s.stop()


def test_http_reads_by_role(srv):
    for name in ("admin", "coord", "auditor"):
        c = srv.login(name)
        r = c.get("/api/v1/settings")
        assert r.status == 200, (name, r.body)
        assert [i["key"] for i in r.json()["items"]] == KEYS
        one = c.get("/api/v1/settings/contest.weight.start_rate")
        assert one.status == 200 and one.json()["value"] == "30"
    for name in ("s01", "dept", "leader"):
        assert srv.login(name).get("/api/v1/settings").status == 403, name
    r = srv.login("admin").get("/api/v1/settings/warn.nope")
    assert r.status == 404 and r.json()["error"]["code"] == "unknown_setting"


def test_http_writes_admin_only_audited(srv):
    coord = srv.login("coord")
    r = coord.put("/api/v1/settings/warn.filed_not_started.red_days", {"value": 200})
    assert r.status == 403 and r.json()["error"]["code"] == "forbidden"
    auditor = srv.login("auditor")
    assert auditor.put("/api/v1/settings/warn.filed_not_started.red_days",
                       {"value": 200}).status == 403
    admin = srv.login("admin")
    r = admin.put("/api/v1/settings/warn.filed_not_started.red_days", {"value": 200})
    assert r.status == 200, r.body
    assert r.json()["value"] == "200" and r.json()["is_set"] is True
    r = admin.put("/api/v1/settings/warn.filed_not_started.red_days", {"value": "3651"})
    assert r.status == 400
    assert r.json()["error"] == {"code": "invalid", "field": "value",
                                 "message": "warn.filed_not_started.red_days: out of range "
                                            "(0 to 3650)",
                                 "message_zh": "设置值不符合要求"}
    r = admin.put("/api/v1/settings/warn.filed_not_started.red_days", {"value": 1.5})
    assert r.status == 400 and r.json()["error"]["field"] == "value"
    r = admin.put("/api/v1/settings/webhook.url", {"value": "robot.example/send"})
    assert r.status == 400
    assert r.json()["error"] == {"code": "invalid", "field": "value",
                                 "message": "webhook.url: not an http:// or https:// URL",
                                 "message_zh": "设置值不符合要求"}
    r = admin.put("/api/v1/settings/webhook.url",
                  {"value": "https://oapi.dingtalk.com/robot/send?access_token=ab12"})
    assert r.status == 200 and r.json()["value"] == (
        "https://oapi.dingtalk.com/robot/send?access_token=ab12")
    r = admin.put("/api/v1/settings/warn.nope", {"value": 1})
    assert r.status == 404 and r.json()["error"]["code"] == "unknown_setting"
    # several at once: all or none
    r = admin.put("/api/v1/settings", {"contest.weight.start_rate": 40,
                                       "contest.weight.new_starts": 5000})
    assert r.status == 400 and r.json()["error"]["field"] == "contest.weight.new_starts"
    assert admin.get("/api/v1/settings/contest.weight.start_rate").json()["value"] == "30"
    r = admin.put("/api/v1/settings", {"contest.weight.start_rate": 40, "bulletin.title": "月报"})
    assert r.status == 200, r.body
    assert [(i["key"], i["value"]) for i in r.json()["items"]] == [
        ("contest.weight.start_rate", "40"), ("bulletin.title", "月报")]
    assert coord.get("/api/v1/ranking?month=2024-06").json()["weights"]["start_rate"] == 40
    r = admin.delete("/api/v1/settings/contest.weight.start_rate")
    assert r.status == 200 and r.json()["value"] == "30" and r.json()["is_set"] is False
    trail = admin.get("/api/v1/audit?entity=setting&key=contest.weight.start_rate").json()
    assert [(e["actor"], e["action"], e["before"], e["after"]) for e in trail["items"]] == [
        ("user:admin", "delete", {"value": "40"}, None),
        ("user:admin", "insert", None, {"value": "40"}),
    ]
    trail = admin.get("/api/v1/audit?entity=setting&key=warn.filed_not_started.red_days")
    assert [(e["before"], e["after"]) for e in trail.json()["items"]] == [(None, {"value": "200"})]
