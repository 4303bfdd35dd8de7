"""A project's 挂钩领导 through the project writes (issue #13 item 3): the
`leader` of PUT /projects/:ref and POST /projects is read as the import reads
the column (core/leaders.h leader_text_pick) — each name a leader account's
username or display name — and the row and its links are written in one
transaction; an unknown name is 422 `unknown_leader`, a display name several
accounts share 422 `ambiguous_leader`, and then nothing is written. An empty
`leader` unlinks every one; a write without it leaves the links alone.

On the small district (tests/fixtures/small, see test_leaders.py), with the
leader accounts of test_leaders.LEADERS: wang 王副区长, li 李区长, zhou1 and
zhou2 both 周副区长. No project has a leader before these tests."""
import json

import pytest

import backend

from conftest import run
from server import Server
from test_leaders import ASOF, ENV, links, small_db


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return small_db(tmp_path_factory.mktemp("leaderput"))


@pytest.fixture(scope="module")
def srv(db):
    s = Server(db, env=ENV)
    yield s
    s.stop()


def head(db):
    con = backend.connect(db)
    try:
        return con.execute("SELECT COALESCE(MAX(id), 0) FROM audit").fetchone()[0]
    finally:
        con.close()


def trail_after(db, after):
    """The audit entries after id `after`: (action, entity, key, before, after)
    with the JSON forms parsed."""
    con = backend.connect(db)
    try:
        rows = con.execute("SELECT action, entity, entity_key, before, after FROM audit"
                           " WHERE id > ? ORDER BY id", (after,)).fetchall()
    finally:
        con.close()
    return [(a, e, k, json.loads(b) if b else None, json.loads(x) if x else None)
            for a, e, k, b, x in rows]


def project(c, ref):
    r = c.get(f"/api/v1/projects/{ref}?year=2024&asof={ASOF}")
    assert r.status == 200, r.body
    return r.json()


def user_ids(db):
    con = backend.connect(db)
    try:
        return dict(con.execute("SELECT username, id FROM users"))
    finally:
        con.close()


def project_id(db, ref):
    con = backend.connect(db)
    try:
        return con.execute("SELECT id FROM projects WHERE ref = ?", (ref,)).fetchone()[0]
    finally:
        con.close()


def test_a_username_links_and_get_shows_the_link_and_the_text(srv, db):
    coord = srv.login("coord")
    p = project(coord, "P1")
    assert (p["leader"], p["leaders"]) == (None, [])
    v, mark = p["version"], head(db)
    r = coord.put("/api/v1/projects/P1", {"leader": "li", "version": v})
    assert r.status == 200, r.body
    assert (r.json()["version"], r.json()["leader"]) == (v + 1, "李区长")
    assert r.json()["leaders"] == [{"username": "li", "display_name": "李区长"}]
    p = project(coord, "P1")
    assert (p["version"], p["leader"]) == (v + 1, "李区长")
    assert p["leaders"] == [{"username": "li", "display_name": "李区长"}]
    got, text = links(db)
    assert (got, text["P1"]) == ({"P1": ["li"]}, "李区长")
    # the audit holds the project's change and the link's, in that order
    trail = trail_after(db, mark)
    assert [(a, e) for a, e, *_ in trail] == [("update", "project"), ("insert", "project_leader")]
    assert trail[0][3]["leader"] is None and trail[0][4]["leader"] == "李区长"
    assert trail[1][4] == {"id": int(trail[1][2]), "project_id": project_id(db, "P1"),
                           "user_id": user_ids(db)["li"]}


def test_a_display_name_links_and_the_text_is_the_shown_names(srv, db):
    coord = srv.login("coord")
    v, mark = project(coord, "P1")["version"], head(db)
    # names split at 、 ; , as the import splits the column; li named twice
    r = coord.put("/api/v1/projects/P1", {"leader": " 王副区长 ; li、李区长", "version": v})
    assert r.status == 200, r.body
    assert (r.json()["version"], r.json()["leader"]) == (v + 1, "王副区长、李区长")
    p = project(coord, "P1")
    assert p["leader"] == "王副区长、李区长"
    assert p["leaders"] == [{"username": "li", "display_name": "李区长"},
                            {"username": "wang", "display_name": "王副区长"}]
    assert links(db)[0] == {"P1": ["li", "wang"]}
    trail = trail_after(db, mark)
    assert [(a, e) for a, e, *_ in trail] == [("update", "project"), ("insert", "project_leader")]
    assert trail[1][4]["user_id"] == user_ids(db)["wang"]


def test_an_unknown_name_is_422_and_nothing_is_written(srv, db):
    coord = srv.login("coord")
    before_p, before_links, mark = project(coord, "P1"), links(db), head(db)
    r = coord.put("/api/v1/projects/P1", {"leader": "li、赵某", "name": "改名了",
                                          "version": before_p["version"]})
    assert r.status == 422, r.body
    assert r.json()["error"] == {
        "code": "unknown_leader", "field": "leader",
        "message": 'leader: no leader account has the username or name "赵某"; '
                   "nothing was written",
        "message_zh": "挂钩领导：“赵某”不是区领导账号的用户名或姓名，未写入"}
    p = project(coord, "P1")
    assert (p["version"], p["name"], p["leader"]) == (before_p["version"], before_p["name"],
                                                      "王副区长、李区长")
    assert p["leaders"] == before_p["leaders"]
    assert links(db) == before_links
    assert head(db) == mark
    # a new project naming no leader account is not created either
    r = coord.post("/api/v1/projects", {"ref": "P8", "name": "新项目", "section": "S1",
                                        "leader": "赵某"})
    assert (r.status, r.json()["error"]["code"]) == (422, "unknown_leader")
    assert coord.get("/api/v1/projects/P8?year=2024").status == 404
    assert head(db) == mark


def test_a_shared_display_name_is_422_the_username_settles_it(srv, db):
    coord = srv.login("coord")
    v, before, mark = project(coord, "P3")["version"], links(db), head(db)
    r = coord.put("/api/v1/projects/P3", {"leader": "周副区长", "version": v})
    assert r.status == 422, r.body
    assert r.json()["error"] == {
        "code": "ambiguous_leader", "field": "leader",
        "message": 'leader: several leader accounts have the name "周副区长"; give the '
                   "username; nothing was written",
        "message_zh": "挂钩领导：多个区领导账号名为“周副区长”，请填写用户名，未写入"}
    assert (links(db), head(db), project(coord, "P3")["version"]) == (before, mark, v)
    r = coord.put("/api/v1/projects/P3", {"leader": "zhou2", "version": v})
    assert r.status == 200 and r.json()["leader"] == "周副区长"
    assert links(db)[0]["P3"] == ["zhou2"]
    # more than 16 names: 400 invalid, nothing written
    r = coord.put("/api/v1/projects/P3", {"leader": "、".join(["li"] * 17), "version": v + 1})
    assert (r.status, r.json()["error"]["code"], r.json()["error"]["field"]) == \
        (400, "invalid", "leader")


def test_a_write_without_leader_keeps_the_links(srv, db):
    coord = srv.login("coord")
    p = project(coord, "P1")
    before, mark = links(db), head(db)
    r = coord.put("/api/v1/projects/P1", {"industry": "集成电路设计", "version": p["version"]})
    assert r.status == 200, r.body
    assert r.json()["leader"] == "王副区长、李区长"
    assert links(db) == before
    assert [(a, e) for a, e, *_ in trail_after(db, mark)] == [("update", "project")]


def test_a_section_sends_its_leaders_back_but_does_not_change_them(srv, db):
    s01, mark = srv.login("s01"), head(db)
    p = project(s01, "P1")
    before = links(db)
    # the form as read: the same accounts (in any order, by any of their names)
    r = s01.put("/api/v1/projects/P1", {"leader": "wang、li", "name": p["name"],
                                        "version": p["version"]})
    assert r.status == 200, r.body
    # nothing changed: no new version, no audit entry
    assert (r.json()["leader"], r.json()["version"]) == ("王副区长、李区长", p["version"])
    assert links(db) == before
    r = s01.put("/api/v1/projects/P1", {"leader": "li", "version": p["version"]})
    assert r.status == 403, r.body
    assert r.json()["error"] == {"code": "forbidden", "field": "leader",
                                 "message": "leader: only the project office links a "
                                            "project's leaders",
                                 "message_zh": "只有项目办可以设置挂钩领导"}
    assert links(db) == before
    assert trail_after(db, mark) == []


def test_the_leader_sees_the_newly_linked_project(srv, db):
    coord, wang = srv.login("coord"), srv.login("wang")
    page = wang.get(f"/api/v1/leaders/wang/projects?asof={ASOF}").json()
    assert [i["ref"] for i in page["items"]] == ["P1"]
    v = project(coord, "P2")["version"]
    r = coord.put("/api/v1/projects/P2", {"leader": "wang", "version": v})
    assert r.status == 200, r.body
    page = wang.get(f"/api/v1/leaders/wang/projects?asof={ASOF}").json()
    assert (page["total"], [i["ref"] for i in page["items"]]) == (2, ["P1", "P2"])
    # an item at level 3 on P2, due two days after the as-of day: in wang's inbox
    r = coord.post("/api/v1/items", {"ref": "P2", "title": "电力增容待批", "category": "energy",
                                     "owner": "S1", "level": 3, "deadline": "2024-07-02"})
    assert r.status == 201, r.body
    inbox = wang.get(f"/api/v1/inbox?asof={ASOF}").json()
    assert [(e["kind"], e["ref"], e["days"]) for e in inbox["items"]
            if e["kind"].startswith("item")] == [("item_due", "P2", 2)]
    r = srv.login("li").get(f"/api/v1/inbox?asof={ASOF}").json()
    assert [e for e in r["items"] if e["kind"].startswith("item")] == []


def test_a_new_project_links_its_leaders(srv, db):
    coord, mark = srv.login("coord"), head(db)
    r = coord.post("/api/v1/projects", {"ref": "P9", "name": "己新建项目", "section": "S2",
                                        "leader": "王副区长"})
    assert r.status == 201, r.body
    assert (r.json()["leader"], r.json()["leaders"]) == (
        "王副区长", [{"username": "wang", "display_name": "王副区长"}])
    assert links(db)[0]["P9"] == ["wang"]
    assert [(a, e) for a, e, *_ in trail_after(db, mark)] == [("insert", "project"),
                                                            ("insert", "project_leader")]


def test_an_empty_leader_unlinks_every_one(srv, db):
    coord, mark = srv.login("coord"), head(db)
    v = project(coord, "P1")["version"]
    r = coord.put("/api/v1/projects/P1", {"leader": "", "version": v})
    assert r.status == 200, r.body
    assert (r.json()["leader"], r.json()["leaders"]) == (None, [])
    p = project(coord, "P1")
    assert (p["version"], p["leader"], p["leaders"]) == (v + 1, None, [])
    assert "P1" not in links(db)[0] and links(db)[1]["P1"] is None
    assert [(a, e) for a, e, *_ in trail_after(db, mark)] == [
        ("update", "project"), ("delete", "project_leader"), ("delete", "project_leader")]
    # null reads as empty: P2 loses wang
    v = project(coord, "P2")["version"]
    r = coord.put("/api/v1/projects/P2", {"leader": None, "version": v})
    assert r.status == 200 and r.json()["leaders"] == []
    assert "P2" not in links(db)[0]


def test_the_links_route_answers_the_same_codes(srv, db):
    coord = srv.login("coord")
    v = project(coord, "P4")["version"]
    r = coord.put("/api/v1/projects/P4/leaders", {"leaders": ["赵某"], "version": v})
    assert (r.status, r.json()["error"]["code"], r.json()["error"]["field"]) == \
        (422, "unknown_leader", "leaders")
    r = coord.put("/api/v1/projects/P4/leaders", {"leaders": ["周副区长"], "version": v})
    assert (r.status, r.json()["error"]["code"]) == (422, "ambiguous_leader")


def test_verify_is_sound_after_these_writes(db):
    r = run("verify", db=db)
    assert r.code == 0, r
