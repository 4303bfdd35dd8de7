"""Commando teams, site visits and the bimonthly on-site supervision schedule
(issue #13 items 4, 5) and the group-chat webhook (item 6), through the
binary, on the small fixture (tests/fixtures/small) with a fixed clock
(BALLAST_TODAY = 2024-06-30).

The schedule is computed by hand. The window holding 2024-06-15 with the
default odd months is 2024-05-01 … 2024-06-30; the projects are judged on
its first day, 2024-05-01:
  P1 12,000 万 filed 2023-08-01 and started 2023-10-01: not filed-not-started;
     its worst light that day is yellow (investment lag): not on it.
  P2 5,000.5 万: started 2024-03-15; yellow: not on it.
  P3 800 万 = 8,000,000 yuan, filed 2024-03-01, not started: filed-not-started;
     planned start 2024-05-01, 0 days late: not red.
  P4 3,000 万: signed only (not filed), planned start 2024-09-01: not on it.
  P5 1,500 万 = 15,000,000 yuan: not filed by then (its first later date is
     its completion, 2024-05-20); planned start 2024-02-01, 90 days late on
     05-01 (> 30): red.
With the threshold at 8,000,000 yuan both P3 (at it) and P5 are on the
schedule, both in section S2 乙街道; at 8,000,001 only P5; at the default
10 亿 none. With even months the window is 2024-06-01 … 2024-07-31, judged on
06-01: P3 is then filed-not-started and red (31 days late), P5 has started
(its completion 05-20) and is no longer red.
"""
import http.server
import json
import ssl
import threading
import time

import pytest

import backend

from conftest import FIXTURES, run
from server import PASSWORD, Server

TODAY = "2024-06-30"
ENV = {"BALLAST_TODAY": TODAY}
USERS = {  # name: (role, unit)
    "admin": ("admin", None), "coord": ("coordinator", None),
    "s1": ("section", "S1"), "s2": ("section", "S2"), "g1": ("department", "G1"),
    "leader": ("leader", None), "auditor": ("auditor", None),
}


def small_db(path):
    db = path / "v.db"
    assert run("init", db=db).code == 0
    for kind in ("units", "projects", "listings", "reports"):
        r = run("import", kind, FIXTURES / "small" / f"{kind}.csv", db=db)
        assert r.code == 0, r
    for name, (role, unit) in USERS.items():
        r = run("user", "add", name, "--role", role, *(["--unit", unit] if unit else []),
                db=db, stdin=PASSWORD + "\n")
        assert r.code == 0, r
    return db


@pytest.fixture(scope="module")
def srv(tmp_path_factory):
    db = small_db(tmp_path_factory.mktemp("visits"))
    s = Server(db, env=ENV)
    yield s
    s.stop()


def schedule(db, *args):
    r = run("schedule", "--format", "json", *args, db=db, env=ENV)
    assert r.code == 0, r
    return r.json()


def refs(doc):
    return [(s["code"], p["ref"], p["reasons"], p["visited"]) for s in doc["sections"]
            for p in s["projects"]]


def test_schedule_selection_by_hand(tmp_path):
    db = small_db(tmp_path)
    doc = schedule(db, "--asof", "2024-06-15")
    assert (doc["from"], doc["to"], doc["months"], doc["threshold_yuan"]) == \
        ("2024-05-01", "2024-06-30", "odd", 1000000000)
    assert (doc["total"], doc["sections"]) == (0, [])
    assert run("settings", "set", "supervision.threshold_yuan", "8000000", db=db).code == 0
    doc = schedule(db, "--asof", "2024-06-15")
    assert refs(doc) == [("S2", "P3", ["filed_not_started"], False), ("S2", "P5", ["red"], False)]
    assert (doc["total"], doc["visited"], doc["not_visited"]) == (2, 0, 2)
    assert [p["total_investment"] for p in doc["sections"][0]["projects"]] == [8000000, 15000000]
    # The same window from its first and its last day; the next one starts 07-01.
    assert schedule(db, "--asof", "2024-05-01")["from"] == "2024-05-01"
    assert schedule(db, "--asof", "2024-06-30")["to"] == "2024-06-30"
    assert schedule(db, "--asof", "2024-07-01")["from"] == "2024-07-01"
    assert run("settings", "set", "supervision.threshold_yuan", "8000001", db=db).code == 0
    assert refs(schedule(db, "--asof", "2024-06-15")) == [("S2", "P5", ["red"], False)]
    assert run("settings", "set", "supervision.threshold_yuan", "8000000", db=db).code == 0
    assert run("settings", "set", "supervision.months", "even", db=db).code == 0
    doc = schedule(db, "--asof", "2024-06-15")
    assert (doc["from"], doc["to"]) == ("2024-06-01", "2024-07-31")
    assert refs(doc) == [("S2", "P3", ["filed_not_started", "red"], False)]
    # A section elsewhere selects nothing.
    assert schedule(db, "--asof", "2024-06-15", "--section", "S1")["total"] == 0
    r = run("settings", "set", "supervision.months", "march", db=db)
    assert (r.code, r.err) == (1, "ballast settings: supervision.months: not an allowed value\n")


def test_visits_mark_the_schedule(srv):
    coord = srv.login("coord")
    r = srv.login("admin").put("/api/v1/settings/supervision.threshold_yuan", {"value": "8000000"})
    assert r.status == 200, r.body
    made = []
    for ref, on, kind in (("P3", "2024-05-10", "supervision"),  # in the window: visited
                          ("P5", "2024-04-30", "supervision"),  # the day before it
                          ("P5", "2024-05-12", "commando"),     # not a supervision
                          ("P3", "2024-06-02", "双月现场督办")):  # a second, by label
        r = coord.post("/api/v1/visits", {"ref": ref, "on": on, "kind": kind,
                                          "who": "项目办 王科长", "findings": "施工许可未办"})
        assert r.status == 201, r.body
        made.append(r.json())
    assert made[0]["kind"] == "supervision" and made[3]["kind_label"] == "双月现场督办"
    assert made[0]["recorded_by"] == "user:coord"
    doc = coord.get("/api/v1/schedule?asof=2024-06-15").json()
    assert refs(doc) == [("S2", "P3", ["filed_not_started"], True), ("S2", "P5", ["red"], False)]
    p3 = doc["sections"][0]["projects"][0]
    assert (p3["visited_on"], p3["visit_id"], p3["visits"]) == ("2024-05-10", made[0]["id"], 2)
    assert (doc["total"], doc["visited"], doc["not_visited"]) == (2, 1, 1)
    assert doc["sections"][0]["visited"] == 1
    # A section user sees its own projects only; S1 has none on the schedule.
    assert srv.login("s1").get("/api/v1/schedule?asof=2024-06-15").json()["total"] == 0
    assert srv.login("s2").get("/api/v1/schedule?asof=2024-06-15").json()["total"] == 2
    out = run("schedule", "--asof", "2024-06-15", db=srv.db, env=ENV).out
    assert "应督办2个，已督办1个，未督办1个" in out and "已督办 2024-05-10" in out


def test_visit_fields_are_checked(srv):
    coord = srv.login("coord")
    for body, field in (({"ref": "P3", "on": "2024-07-01", "who": "王"}, "on"),  # after today
                        ({"ref": "P3", "who": "王", "kind": "picnic"}, "kind"),
                        ({"ref": "P3"}, "who"),
                        ({"ref": "P3", "who": "王\n李"}, "who"),
                        ({"who": "王"}, "ref")):
        r = coord.post("/api/v1/visits", body)
        assert (r.status, r.json()["error"]["code"], r.json()["error"]["field"]) == \
            (400, "invalid", field), body
    r = coord.post("/api/v1/visits", {"ref": "NOPE", "who": "王"})
    assert r.status == 404


def test_permission_matrix(srv):
    """Who records, keeps teams and reads, on P3 (section S2, no department)
    and P1 (S1, department G1)."""
    want = {"admin": 201, "coord": 201, "s2": 201, "s1": 404, "g1": 403, "leader": 403,
            "auditor": 403}
    ids = {}
    for name, status in want.items():
        r = srv.login(name).post("/api/v1/visits", {"ref": "P3", "on": "2024-06-20",
                                                    "kind": "other", "who": f"矩阵 {name}"})
        assert r.status == status, (name, r.body)
        if status == 201:
            ids[name] = r.json()["id"]
        else:
            assert r.json()["error"]["code"] == ("forbidden" if status == 403 else "not_found")
    r = srv.login("s1").post("/api/v1/visits", {"ref": "P1", "on": "2024-06-21", "who": "甲板块"})
    assert r.status == 201
    p1_visit = r.json()["id"]
    # Reading: rows as their projects.
    seen = {name: {v["id"] for v in srv.login(name).get("/api/v1/visits?limit=1000").json()["items"]}
            for name in USERS}
    assert set(ids.values()) | {p1_visit} <= seen["coord"] == seen["leader"] == seen["auditor"]
    assert p1_visit in seen["s1"] and not set(ids.values()) & seen["s1"]
    assert set(ids.values()) <= seen["s2"] and p1_visit not in seen["s2"]
    assert p1_visit in seen["g1"] and not set(ids.values()) & seen["g1"]  # G1: P1's department
    assert srv.login("s1").get(f"/api/v1/visits/{ids['coord']}").status == 404
    assert srv.login("leader").get(f"/api/v1/visits/{ids['coord']}").status == 200
    # Teams: the section of the project and the office keep them.
    team = {"name": "丙道路工程党员突击队", "members": ["s2", "张工"]}
    for name, status in (("leader", 403), ("g1", 403), ("s1", 404), ("s2", 200)):
        r = srv.login(name).put("/api/v1/teams/P3", team)
        assert r.status == status, (name, r.body)
    doc = srv.login("leader").get("/api/v1/teams/P3").json()
    assert doc["team"]["members"] == [{"name": "s2", "account": True},
                                      {"name": "张工", "account": False}]
    assert doc["team"]["version"] == 1
    r = srv.login("coord").put("/api/v1/teams/P3", {**team, "name": "新名", "version": 0})
    assert (r.status, r.json()["error"]["code"], r.json()["current"]["team"]["version"]) == \
        (409, "stale", 1)
    r = srv.login("coord").put("/api/v1/teams/P3", {**team, "name": "新名"})
    assert (r.status, r.json()["error"]["code"]) == (428, "version_required")
    r = srv.login("coord").put("/api/v1/teams/P3", {**team, "name": "新名", "version": 1})
    assert (r.status, r.json()["team"]["name"], r.json()["team"]["version"]) == (200, "新名", 2)
    assert srv.login("s1").get("/api/v1/teams/P3").status == 404
    assert srv.login("s1").get("/api/v1/teams/P1").json()["team"] is None


def test_items_raised_from_a_visit(srv):
    coord = srv.login("coord")
    v = coord.post("/api/v1/visits", {"ref": "P3", "on": "2024-06-25", "kind": "supervision",
                                      "who": "区领导", "findings": "征地拆迁未完成，影响开工。"}).json()
    r = coord.post("/api/v1/items", {"ref": "P3", "from_visit": {"id": v["id"]}})
    assert r.status == 201, r.body
    it = r.json()
    assert (it["source"], it["source_ref"], it["raised_on"], it["detail"], it["category"]) == \
        ("visit", f"visit:{v['id']}", "2024-06-25", "征地拆迁未完成，影响开工。", "demolition")
    assert it["title"] == "征地拆迁未完成，影响开工"  # cut at the sentence's end
    got = coord.get(f"/api/v1/visits/{v['id']}").json()
    assert [(i["id"], i["status"]) for i in got["items"]] == [(it["id"], "open")]
    r = coord.post("/api/v1/items", {"ref": "P1", "from_visit": {"id": v["id"]}})
    assert (r.status, r.json()["error"]["field"]) == (400, "from_visit")
    # The visit and the team are audited and reconcile.
    r = run("verify", db=srv.db)
    assert r.code == 0, r


# ---- the webhook ----

ITEMS_CSV = ("项目编号,事项,类别,责任单位,层级,提出日期,办结时限,状态\n"
             "P1,用地指标待落实,用地,,1,2024-06-20,2024-06-25,未办结\n")
ESCALATED = ("项目P1（甲半导体扩产项目）督办事项「用地指标待落实」已由第1级（板块协调）升至"
             "第2级（部门协调），本级时限2024-07-10（2024-06-30升级）。")
OVERDUE = "项目P1（甲半导体扩产项目）督办事项「用地指标待落实」办结时限2024-06-25已过，逾期未办结。"


class Receiver:
    """A robot on a loopback port: records each body; answers 500 to the
    first `fail` requests, then 200 with {"errcode": 0}. With tls, a
    (certificate, key) pair of files, it speaks https (test_webhook_tls.py)."""

    def __init__(self, fail=0, tls=None):
        self.bodies, self.fail = [], fail
        outer = self

        class H(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                n = int(self.headers["Content-Length"])
                outer.bodies.append(json.loads(self.rfile.read(n)))
                bad = outer.fail > 0
                outer.fail -= 1
                self.send_response(500 if bad else 200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b'{"errcode":1}' if bad else b'{"errcode":0,"errmsg":"ok"}')

            def log_message(self, *a):
                pass

        self.httpd = http.server.HTTPServer(("127.0.0.1", 0), H)
        if tls:
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.load_cert_chain(*tls)
            self.httpd.socket = ctx.wrap_socket(self.httpd.socket, server_side=True)
        scheme = "https" if tls else "http"
        self.url = f"{scheme}://127.0.0.1:{self.httpd.server_port}/cgi-bin/webhook/send?key=k"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def wait(self, n, timeout=40):
        end = time.time() + timeout
        while len(self.bodies) < n and time.time() < end:
            time.sleep(0.2)
        return self.bodies

    def close(self):
        self.httpd.shutdown()


def webhook_db(tmp_path, fmt, url):
    db = small_db(tmp_path)
    f = tmp_path / "items.csv"
    f.write_text(ITEMS_CSV, encoding="utf-8")
    assert run("import", "items", f, db=db, env=ENV).code == 0
    for k, v in (("webhook.format", fmt), ("webhook.url", url)):
        assert run("settings", "set", k, v, db=db).code == 0
    return db


def outbox(db):
    con = backend.connect(db)
    try:
        return con.execute("SELECT event_key, attempts, sent_at IS NOT NULL FROM webhook_outbox"
                           " ORDER BY event_key").fetchall()
    finally:
        con.close()


def test_webhook_sends_each_event_once_across_restarts(tmp_path):
    rx = Receiver()
    db = webhook_db(tmp_path, "wecom", rx.url)
    s = Server(db, env=ENV)
    try:
        got = rx.wait(2)
    finally:
        s.stop()
    assert sorted(b["text"]["content"] for b in got) == sorted([ESCALATED, OVERDUE])
    assert all(b["msgtype"] == "text" and set(b) == {"msgtype", "text"} for b in got)
    item = outbox(db)[0][0].split(":")[1]
    assert outbox(db) == [(f"item_escalated:{item}:2:2024-06-30", 1, 1),
                          (f"item_overdue:{item}:2024-06-25", 1, 1)]
    s = Server(db, env=ENV)  # a restart: the events are queued again, and not sent
    try:
        time.sleep(7)        # past a scan (every 5 seconds) and its sends
    finally:
        s.stop()
    rx.close()
    assert len(rx.bodies) == 2
    assert [r[1:] for r in outbox(db)] == [(1, 1), (1, 1)]


def test_webhook_retries_a_failure(tmp_path):
    rx = Receiver(fail=1)
    db = webhook_db(tmp_path, "dingtalk", rx.url)
    s = Server(db, env=ENV)
    try:
        got = rx.wait(3)
    finally:
        s.stop()
        rx.close()
    assert len(got) == 3
    # the failed one is sent again (before or after the other event: the
    # retry waits a second, the other event does not wait for it), the other once
    texts = [b["text"]["content"] for b in got]
    assert texts.count(texts[0]) == 2 and len(set(texts)) == 2, texts
    assert all(b["at"] == {"isAtAll": False} for b in got)
    assert sorted(r[1] for r in outbox(db)) == [1, 2]
    assert all(r[2] == 1 for r in outbox(db))


def test_webhook_is_off_by_default(tmp_path):
    rx = Receiver()
    db = small_db(tmp_path)
    f = tmp_path / "items.csv"
    f.write_text(ITEMS_CSV, encoding="utf-8")
    assert run("import", "items", f, db=db, env=ENV).code == 0
    assert run("settings", "set", "webhook.url", rx.url, db=db).code == 0
    s = Server(db, env=ENV)
    try:
        time.sleep(6)
    finally:
        s.stop()
        rx.close()
    assert (rx.bodies, outbox(db)) == ([], [])


def test_webhook_tells_a_new_red_light(tmp_path):
    """P2 turns red on 2024-06-28, the day after its level-4 item's deadline
    (督办事项逾期); it was not red on 06-23 … 06-27. P1 and P3 have been red
    since before 06-23 (report missing; start overdue): not new."""
    rx = Receiver()
    db = small_db(tmp_path)
    f = tmp_path / "items.csv"
    f.write_text("项目编号,事项,类别,责任单位,层级,提出日期,办结时限,状态\n"
                 "P2,电力增容未批复,用能,,4,2024-06-01,2024-06-27,未办结\n", encoding="utf-8")
    assert run("import", "items", f, db=db, env=ENV).code == 0
    for k, v in (("webhook.format", "wecom"), ("webhook.url", rx.url)):
        assert run("settings", "set", k, v, db=db).code == 0
    s = Server(db, env=ENV)
    try:
        got = rx.wait(2)
        time.sleep(1)
    finally:
        s.stop()
        rx.close()
    assert sorted(b["text"]["content"] for b in got) == [
        "项目P2（乙新能源电池项目）亮红灯：督办事项“电力增容未批复”（第4级·区协调会）办结时限"
        "2024-06-27，已逾期3天",
        "项目P2（乙新能源电池项目）督办事项「电力增容未批复」办结时限2024-06-27已过，逾期未办结。",
    ]
    item = [r for r in outbox(db) if r[0].startswith("item_overdue:")][0][0].split(":")[1]
    assert outbox(db) == [(f"item_overdue:{item}:2024-06-27", 1, 1),
                          ("new_red:P2:2024-06-28", 1, 1)]
