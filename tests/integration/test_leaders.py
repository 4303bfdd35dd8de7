"""Leader linkage (领导挂钩, issue #13 item 3) through the binary, on the small
hand-computed district (tests/fixtures/small): the 挂钩领导 import column
matched to leader accounts (all or nothing), linking and unlinking by the
office only (versioned, audited), a leader reading its own page only, what
changed since its last visit, the leader inbox by account, and named project
lists as a filter of /projects, /measures and the CLI.

The small district as of 2024-06-30 (see test_lists.py): P1 (S1; signed
2023-05-01, filed 2023-08-01, started 2023-10-01; plan 1000 万, reports
3,001,234 yuan), P2 (S1; started 2024-03-15; plan 500.5 万, 2,000,000 yuan),
P3 (S2; filed 2024-03-01, planned start 05-01, not started; plan 200 万),
P4 (S21; plan 300 万), P5 (S2; completed 2024-05-20, in production 06-15;
plan 100 万, 300,000 yuan)."""
from urllib.parse import quote

import pytest

import backend

from conftest import FIXTURES, run
from server import PASSWORD, Server

ASOF = "2024-06-30"
ENV = {"BALLAST_TODAY": ASOF}
LEADERS = {  # username: display name
    "wang": "王副区长",
    "li": "李区长",
    "zhou1": "周副区长",  # two accounts share this name: ambiguous
    "zhou2": "周副区长",
}


def small_db(path):
    db = path / "l.db"
    assert run("init", db=db).code == 0
    for kind in ("units", "projects", "listings", "reports"):
        r = run("import", kind, FIXTURES / "small" / f"{kind}.csv", db=db)
        assert r.code == 0, r
    for name, shown in LEADERS.items():
        r = run("user", "add", name, "--role", "leader", "--name", shown, db=db,
                stdin=PASSWORD + "\n")
        assert r.code == 0, r
    for name, role, unit in (("coord", "coordinator", None), ("s01", "section", "S1"),
                             ("auditor", "auditor", None)):
        r = run("user", "add", name, "--role", role, *(["--unit", unit] if unit else []),
                db=db, stdin=PASSWORD + "\n")
        assert r.code == 0, r
    return db


def links(db):
    """{ref: [username, …]} and {ref: 挂钩领导 text} as stored."""
    con = backend.connect(db)
    try:
        got = {}
        for ref, user in con.execute(
                "SELECT p.ref, u.username FROM project_leaders l JOIN projects p"
                " ON p.id = l.project_id JOIN users u ON u.id = l.user_id ORDER BY p.ref, l.id"):
            got.setdefault(ref, []).append(user)
        text = dict(con.execute("SELECT ref, leader FROM projects"))
        return got, text
    finally:
        con.close()


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    db = small_db(tmp_path_factory.mktemp("leaders"))
    f = db.parent / "leaders.csv"
    # a username or a display name links; names split at 、 ; ,
    f.write_text("项目编号,项目名称,所属板块,挂钩领导\n"
                 "P1,甲半导体扩产项目,S1,王副区长\n"
                 "P2,乙新能源电池项目,S1,wang、李区长\n"
                 "P3,丙道路工程,S2,\n", encoding="utf-8")
    r = run("import", "projects", f, db=db)
    assert r.code == 0, r
    return db


def test_import_links_the_names_that_match_an_account(db):
    got, text = links(db)
    assert got == {"P1": ["wang"], "P2": ["wang", "li"]}
    assert text["P1"] == "王副区长"
    assert text["P2"] == "王副区长、李区长"
    assert text["P3"] is None


def test_import_refuses_a_name_that_is_no_leader_account(db, tmp_path):
    before = links(db)
    f = tmp_path / "bad.csv"
    f.write_text("ref,name,section,leader\n"
                 "P1,甲半导体扩产项目,S1,li\n"
                 "P4,丁生物医药项目,S21,赵某\n"
                 "P5,戊智能制造项目,S2,周副区长\n", encoding="utf-8")
    r = run("import", "projects", f, db=db)
    assert r.code == 1, r
    assert f"{f}:3: leader (挂钩领导): 赵某: no leader account has this username or name" in r.err
    assert (f"{f}:4: leader (挂钩领导): 周副区长: several leader accounts have this name; "
            "use the username") in r.err
    assert links(db) == before  # all or nothing: P1's row was not written either
    # the username settles the shared display name
    f.write_text("ref,name,section,leader\nP5,戊智能制造项目,S2,zhou2\n", encoding="utf-8")
    r = run("import", "projects", f, "--dry-run", db=db)
    assert r.code == 0, r


@pytest.fixture(scope="module")
def srv(db):
    s = Server(db, env=ENV)
    yield s
    s.stop()


def test_the_office_links_and_unlinks_a_section_or_leader_cannot(srv, db):
    coord, s01, wang = srv.login("coord"), srv.login("s01"), srv.login("wang")
    p = coord.get("/api/v1/projects/P3?year=2024").json()
    assert p["leaders"] == [] and p["leader"] is None
    v = p["version"]
    for c in (s01, wang):
        r = c.put("/api/v1/projects/P3/leaders", {"leaders": ["li"], "version": v})
        assert (r.status, r.json()["error"]["code"]) == (403, "forbidden")
    r = coord.put("/api/v1/projects/P3/leaders", {"leaders": ["li"]})
    assert (r.status, r.json()["error"]["code"]) == (428, "version_required")
    r = coord.put("/api/v1/projects/P3/leaders", {"leaders": ["赵某"], "version": v})
    assert (r.status, r.json()["error"]["code"], r.json()["error"]["field"]) == \
        (422, "unknown_leader", "leaders")
    r = coord.put("/api/v1/projects/P3/leaders", {"leaders": ["li", "王副区长"], "version": v})
    assert r.status == 200, r.body
    assert r.json() == {"ref": "P3", "version": v + 1, "leader": "李区长、王副区长",
                        "leaders": [{"username": "li", "display_name": "李区长"},
                                    {"username": "wang", "display_name": "王副区长"}]}
    r = coord.put("/api/v1/projects/P3/leaders", {"leaders": ["li"], "version": v})
    assert (r.status, r.json()["error"]["code"]) == (409, "stale")
    r = coord.put("/api/v1/projects/P3/leaders", {"leaders": ["li"], "version": v + 1})
    assert r.status == 200 and r.json()["leader"] == "李区长"
    p = coord.get("/api/v1/projects/P3?year=2024").json()
    assert (p["version"], p["leader"]) == (v + 2, "李区长")
    assert p["leaders"] == [{"username": "li", "display_name": "李区长"}]
    got, _ = links(db)
    assert got["P3"] == ["li"]
    con = backend.connect(db)
    trail = con.execute("SELECT action, actor FROM audit WHERE entity = 'project_leader'"
                        " AND actor = 'user:coord' ORDER BY id").fetchall()
    con.close()
    assert trail == [("insert", "user:coord"), ("insert", "user:coord"),
                     ("delete", "user:coord")]
    assert run("verify", db=db).code == 0


def test_a_leader_reads_its_own_page_only(srv):
    wang = srv.login("wang")
    r = wang.get(f"/api/v1/leaders/wang/projects?asof={ASOF}")
    assert r.status == 200, r.body
    page = r.json()
    assert page["leader"] == {"username": "wang", "display_name": "王副区长"}
    assert (page["total"], page["changed"], page["last_visit"]) == (2, 0, None)
    assert [i["ref"] for i in page["items"]] == ["P1", "P2"]
    r = wang.get("/api/v1/leaders/li/projects")
    assert (r.status, r.json()["error"]["code"]) == (403, "forbidden")
    assert srv.login("s01").get("/api/v1/leaders/wang/projects").status == 403
    for name in ("coord", "auditor"):
        r = srv.login(name).get(f"/api/v1/leaders/wang/projects?asof={ASOF}")
        assert r.status == 200 and r.json()["total"] == 2
    assert wang.get("/api/v1/leaders/coord/projects").status == 404
    r = wang.get("/api/v1/leaders")
    assert [x["username"] for x in r.json()["items"]] == ["wang"]
    assert r.json()["items"][0]["projects"] == 2


def test_what_changed_since_the_last_visit(srv, db):
    wang, coord = srv.login("wang"), srv.login("coord")
    r = coord.post(f"/api/v1/leaders/wang/visit?asof={ASOF}", {})
    assert (r.status, r.json()["error"]["code"]) == (403, "forbidden")
    head = wang.get(f"/api/v1/leaders/wang/projects?asof={ASOF}").json()["head"]
    r = wang.post(f"/api/v1/leaders/wang/visit?asof={ASOF}", {"seen": head})
    assert r.status == 200 and r.json() == {"seen": head}
    page = wang.get(f"/api/v1/leaders/wang/projects?asof={ASOF}").json()
    assert page["changed"] == 0
    assert page["last_visit"]["audit_id"] == head
    assert page["last_visit"]["seen_on"] == ASOF
    # the office edits P2's June report and raises an item on P1
    con = backend.connect(db)
    version = con.execute("SELECT r.version FROM reports r JOIN projects p ON p.id ="
                          " r.project_id WHERE p.ref = 'P2' AND r.month = '2024-06'").fetchone()[0]
    con.close()
    r = coord.put("/api/v1/reports/P2/2024-06", {"invest_yuan": 800000, "version": version})
    assert r.status == 200, r.body
    r = coord.post("/api/v1/items", {"ref": "P1", "title": "用地指标待落实", "category": "land",
                                     "owner": "S1", "level": 3, "deadline": "2024-07-02"})
    assert r.status == 201, r.body
    page = wang.get(f"/api/v1/leaders/wang/projects?asof={ASOF}").json()
    assert page["changed"] == 2
    rows = {i["ref"]: i for i in page["items"]}
    assert rows["P1"]["changes"] == ["items"]
    assert rows["P2"]["changes"] == ["report"]
    assert (rows["P1"]["open_items"], rows["P1"]["overdue_items"]) == (1, 0)
    assert (rows["P2"]["open_items"], rows["P2"]["changes"]) == (0, ["report"])
    assert (page["open_items"], page["overdue_items"]) == (1, 0)
    # li (P2 and P3) was never here: nothing is "changed" on a first visit
    li = srv.login("li").get(f"/api/v1/leaders/li/projects?asof={ASOF}").json()
    assert (li["total"], li["changed"], li["last_visit"]) == (2, 0, None)


def test_the_leader_inbox_is_by_account(srv):
    """The item at level 3 on P1 (wang's), due 07-02, two days after the
    as-of day, is due soon in wang's inbox; li (P2, P3) does not see it."""
    wang = srv.login("wang").get(f"/api/v1/inbox?asof={ASOF}").json()
    li = srv.login("li").get(f"/api/v1/inbox?asof={ASOF}").json()
    assert [(e["kind"], e["ref"], e["days"]) for e in wang["items"]
            if e["kind"].startswith("item")] == [("item_due", "P1", 2)]
    assert [e["kind"] for e in li["items"] if e["kind"].startswith("item")] == []


LIST = "重点项目"
Q = quote(LIST)


def test_a_named_list_filters_projects_and_measures(srv, db):
    coord, s01 = srv.login("coord"), srv.login("s01")
    r = s01.post("/api/v1/lists", {"name": LIST, "projects": ["P1"]})
    assert (r.status, r.json()["error"]["code"]) == (403, "forbidden")
    r = coord.post("/api/v1/lists", {"name": LIST, "projects": ["P5", "P1", "P3", "P1"]})
    assert r.status == 201, r.body
    lst = r.json()
    assert (lst["name"], lst["version"], lst["total"]) == (LIST, 1, 3)
    assert [p["ref"] for p in lst["projects"]] == ["P1", "P3", "P5"]
    r = coord.post("/api/v1/lists", {"name": LIST, "projects": []})
    assert (r.status, r.json()["error"]["code"]) == (409, "exists")
    r = s01.get("/api/v1/lists")
    assert [(x["name"], x["projects"]) for x in r.json()["items"]] == [(LIST, 3)]
    r = coord.get(f"/api/v1/projects?year=2024&asof={ASOF}&list={Q}")
    assert r.json()["total"] == 3
    assert [p["ref"] for p in r.json()["items"]] == ["P1", "P3", "P5"]
    # a section sees its own of them: P1 (S1)
    r = s01.get(f"/api/v1/projects?year=2024&asof={ASOF}&list={Q}")
    assert [p["ref"] for p in r.json()["items"]] == ["P1"]
    m = coord.get(f"/api/v1/measures?year=2024&asof={ASOF}&list={Q}").json()
    assert m["projects"] == 3 and m["scope"]["list"] == LIST
    x = m["measures"]
    assert x["filing_rate"] == {"num": 3, "den": 3, "value": 1.0}
    assert x["start_rate_of_filed"] == {"num": 2, "den": 3, "value": 0.6667}
    assert x["investment_completion"] == {"num": 3301234, "den": 11000000, "value": 0.3001}
    assert x["production_rate"] == {"num": 1, "den": 1, "value": 1.0}
    assert x["start_rate"] == {"num": 2, "den": 3, "value": 0.6667}
    assert x["due_start_attainment"] == {"num": 1, "den": 2, "value": 0.5}
    assert (x["new_starts"], x["completions"], x["investment_yuan"]) == (1, 1, 3301234)
    r = coord.get(f"/api/v1/measures?year=2024&list={quote('没有')}")
    assert (r.status, r.json()["error"]["field"]) == (400, "list")
    assert r.json()["error"]["message"] == "list 没有: no project list has this name"
    # the CLI takes the same parameter
    c = run("measures", "--year", "2024", "--asof", ASOF, "--list", LIST, "--format", "json",
            db=db)
    assert c.code == 0 and c.json()["measures"]["investment_yuan"] == 3301234
    c = run("measures", "--year", "2024", "--list", "没有", db=db)
    assert c.code == 1 and "list 没有: no project list has this name" in c.err
    # edit (versioned), then delete
    r = coord.put(f"/api/v1/lists/{lst['id']}", {"projects": ["P2"], "version": 1})
    assert r.status == 200 and r.json()["version"] == 2
    assert [p["ref"] for p in r.json()["projects"]] == ["P2"]
    r = coord.put(f"/api/v1/lists/{lst['id']}", {"projects": ["P3"], "version": 1})
    assert (r.status, r.json()["error"]["code"]) == (409, "stale")
    r = coord.get(f"/api/v1/projects?year=2024&asof={ASOF}&list={Q}")
    assert [p["ref"] for p in r.json()["items"]] == ["P2"]
    r = coord.delete(f"/api/v1/lists/{lst['id']}?version=2")
    assert r.status == 200
    assert coord.get(f"/api/v1/lists/{lst['id']}").status == 404
    assert run("verify", db=db).code == 0


def test_the_cli_links_and_sets_lists(db):
    r = run("leaders", "link", "P4", "li", db=db)
    assert r.code == 0, r
    r = run("leaders", "--format", "json", db=db)
    counts = {x["username"]: x["projects"] for x in r.json()["items"]}
    assert counts == {"li": 3, "wang": 2, "zhou1": 0, "zhou2": 0}
    assert run("leaders", "link", "P4", "周副区长", db=db).code == 1
    assert run("leaders", "unlink", "P4", "li", db=db).code == 0
    assert run("lists", "set", "甲", "P2", "P1", db=db).code == 0
    r = run("lists", "show", "甲", "--format", "json", db=db)
    assert r.json()["projects"] == ["P1", "P2"]
    r = run("lists", "set", "甲", "P9", db=db)
    assert r.code == 1 and "P9: no project has this ref" in r.err
    assert run("lists", "delete", "甲", db=db).code == 0
    assert run("lists", "--format", "json", db=db).json() == {"items": []}
    assert run("verify", db=db).code == 0
