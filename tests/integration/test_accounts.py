"""Account maintenance (issue #14 item 1), black-box: `ballast user
disable|enable|reset|set-role|list|tokens|revoke` (exit codes, output, the
database after), `GET/PATCH /api/v1/users/:name` and `DELETE
/api/v1/users/:name/sessions` as an administrator and as a coordinator,
`POST /api/v1/session/password` for one's own password, the password rule on
every path, that an open session of a disabled, re-roled or reset account is
401 on its very next request, 409 `exists` for a taken user name, and the
audit trail of each change, which never holds a secret."""
import json
import shutil

import pytest

import backend

from conftest import run
from server import PASSWORD, Server, make_demo

RULE_EN = "at least 10 characters"
RULE_ZH = "至少 10 个字符"


def assert_new_fingerprint(before, after):
    """A password entry holds the account's audit form before and after: the
    same but for the password's fingerprint, and never a hash."""
    b, a = json.loads(before), json.loads(after)
    assert a["password_fingerprint"] != b["password_fingerprint"]
    assert {k: v for k, v in a.items() if k != "password_fingerprint"} == \
        {k: v for k, v in b.items() if k != "password_fingerprint"}
    assert "version" not in a and "password_hash" not in a and "$argon2" not in after


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    """The demo district with one account per role (server.py), made once."""
    db = tmp_path_factory.mktemp("accounts") / "base.db"
    make_demo(db)
    return db


@pytest.fixture
def db(base, tmp_path):
    """A fresh copy of the base database for one test."""
    path = tmp_path / "a.db"
    backend.copy_db(base, path)
    return path


@pytest.fixture
def srv(db):
    s = Server(db, log=str(db) + ".log")
    yield s
    assert s.stop() == 0


def q(db, sql, *args):
    con = backend.connect(db)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def user_row(db, name):
    """(role, unit code or None, disabled, version) of the account."""
    rows = q(db, "SELECT u.role, n.code, u.disabled, u.version FROM users u"
                 " LEFT JOIN units n ON n.id = u.unit_id WHERE u.username = ?", name)
    return rows[0] if rows else None


def sessions_of(db, name):
    return q(db, "SELECT count(*) FROM sessions s JOIN users u ON u.id = s.user_id"
                 " WHERE u.username = ?", name)[0][0]


def audit(db, name):
    """(actor, action, before, after) of the user's audit entries, oldest first."""
    return q(db, "SELECT actor, action, before, after FROM audit WHERE entity = 'user'"
                 " AND entity_key = ? ORDER BY id", name)


def err(r):
    e = r.json()["error"]
    return r.status, e["code"], e.get("field")


def alive(client):
    """The status of the client's next request."""
    return client.get("/api/v1/session").status


# ---- the command line ----

def test_cli_list_as_table_json_and_csv(db):
    r = run("user", "list", "--format", "json", db=db)
    assert r.code == 0, r
    users = {u["username"]: u for u in r.json()}
    # the demo's ten leader accounts (leader linkage) and one per role
    demo_leaders = ["li", "lin", "qian", "sun", "wang", "wu", "zhang", "zhao", "zheng", "zhou"]
    assert sorted(users) == sorted(["admin", "auditor", "coord", "dept", "leader", "s01",
                                    "s02"] + demo_leaders)
    assert users["lin"] == {"username": "lin", "role": "leader", "unit": None,
                            "display_name": "区委书记 林某某", "disabled": False, "version": 1}
    assert users["s01"] == {"username": "s01", "role": "section", "unit": "S01",
                            "display_name": None, "disabled": False, "version": 1}
    assert users["admin"]["unit"] is None
    r = run("user", "list", "--format", "csv", db=db)
    assert r.code == 0, r
    lines = r.out.splitlines()
    assert lines[0] == "username,role,unit,display_name,disabled"
    assert "dept,department,D01,,0" in lines
    r = run("user", "list", "--format", "table", db=db)
    assert r.code == 0, r
    row = next(x for x in r.out.splitlines() if x.startswith("s02 "))
    assert row.split() == ["s02", "section", "S02", "-", "active"]
    assert run("user", "list", "--format", "xml", db=db).code == 2
    assert run("user", "list", "extra", db=db).code == 2


def test_cli_usage_errors_exit_2(db):
    r = run("user", "--help")
    assert r.code == 0 and "ballast user set-role NAME ROLE [--unit CODE]" in r.out
    assert "at least 10 characters" in r.out
    for args in (["user"], ["user", "frob", "s01"], ["user", "set-role", "s01"],
                 ["user", "disable"], ["user", "revoke", "s01", "--token", "x"],
                 ["user", "revoke", "s01", "--token", "1", "--all"],
                 ["user", "disable", "s01", "--all"], ["user", "set-role", "s01", "boss"]):
        r = run(*args, db=db)
        assert r.code == 2, (args, r)
    assert user_row(db, "s01") == ("section", "S01", 0, 1)


def test_cli_disable_ends_the_open_session_and_enable_restores_login(db, srv):
    c = srv.login("s01")
    assert alive(c) == 200
    r = run("user", "disable", "s01", "--actor", "cli:wang", db=db)
    assert r.code == 0, r
    assert r.err == "user s01 disabled; sessions ended: 1\n"
    assert user_row(db, "s01") == ("section", "S01", 1, 2)
    assert sessions_of(db, "s01") == 0
    r = c.get("/api/v1/session")
    assert err(r) == (401, "unauthenticated", None)
    r = srv.client().post("/api/v1/session", {"username": "s01", "password": PASSWORD})
    assert err(r) == (401, "bad_credentials", None)
    r = run("user", "disable", "s01", db=db)
    assert (r.code, r.err) == (0, "user s01 is already disabled\n")
    assert run("user", "disable", "nobody", db=db).code == 1
    r = run("user", "enable", "s01", db=db)
    assert (r.code, r.err) == (0, "user s01 enabled\n")
    assert user_row(db, "s01") == ("section", "S01", 0, 3)
    assert alive(c) == 401  # the ended session stays ended
    assert alive(srv.login("s01")) == 200
    trail = audit(db, "s01")
    assert [(a, x) for a, x, _, _ in trail[-2:]] == [("cli:wang", "update"), ("cli", "update")]
    assert json.loads(trail[-2][3])["disabled"] == 1


def test_cli_reset_checks_the_rule_and_ends_sessions(db, srv):
    c = srv.login("coord")
    for pw, why in (("short-1", "the password is too short"),
                    ("abcdefghijkl", "the password has only one kind of character")):
        r = run("user", "reset", "coord", db=db, stdin=pw + "\n")
        assert r.code == 1, r
        assert r.err.startswith(f"ballast user: {why}: ") and RULE_EN in r.err, r.err
    assert user_row(db, "coord")[3] == 1
    assert run("user", "add", "zhangsan01", "--role", "leader", db=db,
               stdin="Zhang-san-01\n").code == 0
    r = run("user", "reset", "zhangsan01", db=db, stdin="ZhangSan01\n")
    assert r.code == 1 and "the password is the user name" in r.err, r
    r = run("user", "reset", "nobody", db=db, stdin="good-pass-123\n")
    assert r.code == 1 and "nobody: no such user" in r.err
    hash_before = q(db, "SELECT password_hash FROM users WHERE username = 'coord'")[0][0]
    r = run("user", "reset", "coord", db=db, stdin="Fresh-pass-2024\n")
    assert r.code == 0, r
    assert r.err == "user coord: password reset; sessions ended: 1\n"
    assert q(db, "SELECT password_hash FROM users WHERE username = 'coord'")[0][0] != hash_before
    assert user_row(db, "coord") == ("coordinator", None, 0, 2)
    assert alive(c) == 401
    r = srv.client().post("/api/v1/session", {"username": "coord", "password": PASSWORD})
    assert r.status == 401
    assert alive(srv.login("coord", "Fresh-pass-2024")) == 200
    actor, action, before, after = audit(db, "coord")[-1]
    assert (actor, action) == ("cli", "password")
    assert_new_fingerprint(before, after)
    assert run("verify", db=db).code == 0  # the reset's entry is the account as stored


def test_cli_add_refuses_a_weak_password_and_a_taken_name(db):
    r = run("user", "add", "wangwu", "--role", "leader", db=db, stdin="wangwuwangwu\n")
    assert r.code == 1 and "only one kind of character" in r.err and RULE_EN in r.err, r
    r = run("user", "add", "wangwu", "--role", "leader", db=db, stdin="demo-pass\n")
    assert r.code == 1 and "too short" in r.err, r
    assert user_row(db, "wangwu") is None
    r = run("user", "add", "s01", "--role", "leader", db=db, stdin="Another-pass-1\n")
    assert r.code == 1 and "a user named s01 exists already" in r.err, r
    r = run("user", "add", "s09", "--role", "section", "--unit", "D01", db=db,
            stdin="Another-pass-1\n")
    assert r.code == 1 and "a section user belongs to a section or street" in r.err, r
    assert user_row(db, "s09") is None


def test_cli_set_role_changes_role_and_unit_and_ends_sessions(db, srv):
    c = srv.login("s01")
    r = run("user", "set-role", "s01", "coordinator", "--actor", "cli:li", db=db)
    assert r.code == 0, r
    assert r.err == "user s01: section of S01 -> coordinator; sessions ended: 1\n"
    assert user_row(db, "s01") == ("coordinator", None, 0, 2)
    assert err(c.get("/api/v1/session")) == (401, "unauthenticated", None)
    c = srv.login("s01")
    assert c.get("/api/v1/session").json()["user"]["role"] == "coordinator"
    r = run("user", "set-role", "s01", "section", db=db)
    assert r.code == 2 and "a section user needs --unit CODE" in r.err, r
    r = run("user", "set-role", "s01", "section", "--unit", "D01", db=db)
    assert r.code == 1 and "belongs to a section or street" in r.err, r
    r = run("user", "set-role", "s01", "section", "--unit", "NOPE", db=db)
    assert r.code == 1 and "--unit NOPE: no unit has this code" in r.err, r
    assert user_row(db, "s01") == ("coordinator", None, 0, 2)
    r = run("user", "set-role", "s01", "section", "--unit", "S02", db=db)
    assert r.code == 0, r
    assert user_row(db, "s01") == ("section", "S02", 0, 3)
    assert alive(c) == 401
    r = run("user", "set-role", "dept", "department", db=db)
    assert (r.code, r.err) == (0, "user dept is already department of D01\n")
    assert user_row(db, "dept")[3] == 1
    r = run("user", "set-role", "dept", "department", "--unit", "D02", db=db)
    assert r.code == 0 and user_row(db, "dept")[:2] == ("department", "D02"), r
    assert run("user", "set-role", "nobody", "leader", db=db).code == 1
    trail = audit(db, "s01")
    assert trail[-2][0] == "cli:li"
    assert json.loads(trail[-2][2])["role"] == "section"
    assert json.loads(trail[-2][3])["role"] == "coordinator"
    assert json.loads(trail[-2][3])["unit_id"] == 0


def test_cli_tokens_lists_without_secrets_and_revoke_ends_them(db, srv):
    tokens = [run("user", "token", "leader", db=db).out.strip() for _ in range(2)]
    assert all(len(t) == 43 for t in tokens)
    ids = [x[0] for x in q(db, "SELECT t.id FROM api_tokens t JOIN users u ON u.id = t.user_id"
                              " WHERE u.username = 'leader' ORDER BY t.id")]
    hashes = [x[0] for x in q(db, "SELECT token_hash FROM api_tokens")]
    r = run("user", "tokens", "leader", "--format", "json", db=db)
    assert r.code == 0, r
    listed = r.json()
    assert [t["id"] for t in listed] == ids
    assert all(t["last_used_at"] is None and t["revoked"] is False and
               t["created_at"].endswith("Z") for t in listed)
    assert sorted(listed[0]) == ["created_at", "id", "last_used_at", "revoked"]
    for fmt in ("json", "csv", "table"):
        out = run("user", "tokens", "leader", "--format", fmt, db=db).out
        assert not any(s in out for s in tokens + hashes + [h[:8] for h in hashes])
    assert run("user", "tokens", "leader", "--format", "csv", db=db).out.splitlines()[0] == \
        "id,created_at,last_used_at,revoked"
    assert run("user", "tokens", "nobody", db=db).code == 1

    bearer = []
    for t in tokens:
        b = srv.client()
        b.token = t
        bearer.append(b)
    c = srv.login("leader")
    assert [alive(b) for b in bearer + [c]] == [200, 200, 200]

    r = run("user", "revoke", "leader", "--token", str(ids[0]), db=db)
    assert (r.code, r.err) == (0, "user leader: sessions ended: 0, API tokens revoked: 1\n"), r
    assert [alive(b) for b in bearer + [c]] == [401, 200, 200]
    r = run("user", "revoke", "leader", "--token", str(ids[0]), db=db)
    assert (r.code, r.err) == (0, "user leader: sessions ended: 0, API tokens revoked: 0\n"), r
    r = run("user", "revoke", "leader", "--token", "999", db=db)
    assert r.code == 1 and "user leader has no API token 999" in r.err, r
    r = run("user", "revoke", "leader", db=db)
    assert (r.code, r.err) == (0, "user leader: sessions ended: 1, API tokens revoked: 0\n"), r
    assert [alive(b) for b in bearer + [c]] == [401, 200, 401]
    r = run("user", "revoke", "leader", "--all", db=db)
    assert (r.code, r.err) == (0, "user leader: sessions ended: 0, API tokens revoked: 1\n"), r
    assert [alive(b) for b in bearer] == [401, 401]
    assert [t["revoked"] for t in run("user", "tokens", "leader", "--format", "json",
                                      db=db).json()] == [True, True]
    assert run("user", "revoke", "nobody", db=db).code == 1
    revokes = [json.loads(a) for _, action, _, a in audit(db, "leader") if action == "revoke"]
    assert revokes == [{"sessions": 0, "tokens": [ids[0]]}, {"sessions": 0, "tokens": []},
                       {"sessions": 1, "tokens": []}, {"sessions": 0, "tokens": [ids[1]]}]


# ---- the API, as an administrator and as a coordinator ----

def test_get_user(srv):
    srv.login("s01")
    admin = srv.login("admin")
    r = admin.get("/api/v1/users/s01")
    assert r.status == 200, r.body
    u = r.json()
    assert {k: u[k] for k in ("username", "role", "role_label", "unit", "display_name",
                              "disabled", "version", "sessions", "tokens")} == {
        "username": "s01", "role": "section", "role_label": "板块/街道", "unit": "S01",
        "display_name": None, "disabled": False, "version": 1, "sessions": 1, "tokens": []}
    assert "password_hash" not in r.body and "argon2" not in r.body
    r = admin.get("/api/v1/users/nobody")
    assert err(r) == (404, "not_found", "name")
    assert r.json()["error"]["message_zh"] == "没有名为 nobody 的用户"
    for path in ("/api/v1/users/s01", "/api/v1/users/nobody"):
        assert err(srv.login("coord").get(path)) == (403, "forbidden", None)


def test_admin_disables_a_user_whose_open_session_then_fails(db, srv):
    s01 = srv.login("s01")
    admin, coord = srv.login("admin"), srv.login("coord")
    assert alive(s01) == 200
    r = coord.request("PATCH", "/api/v1/users/s01", {"disabled": True})
    assert err(r) == (403, "forbidden", None)
    assert user_row(db, "s01")[2] == 0 and alive(s01) == 200
    r = admin.request("PATCH", "/api/v1/users/s01", {"disabled": True})
    assert r.status == 200, r.body
    assert (r.json()["disabled"], r.json()["sessions_ended"], r.json()["sessions"]) == \
        (True, 1, 0)
    assert user_row(db, "s01") == ("section", "S01", 1, 2)
    assert err(s01.get("/api/v1/session")) == (401, "unauthenticated", None)
    assert err(s01.put("/api/v1/reports/2024-001/2024-07", {"invest_yuan": 1})) == \
        (401, "unauthenticated", None)
    r = srv.client().post("/api/v1/session", {"username": "s01", "password": PASSWORD})
    assert err(r) == (401, "bad_credentials", None)
    r = admin.request("PATCH", "/api/v1/users/s01", {"disabled": True})
    assert r.status == 200 and r.json()["version"] == 2  # no change, no new version
    r = admin.request("PATCH", "/api/v1/users/s01", {"disabled": False})
    assert r.status == 200 and r.json()["disabled"] is False
    assert user_row(db, "s01") == ("section", "S01", 0, 3)
    assert alive(s01) == 401
    assert alive(srv.login("s01")) == 200
    actor, action, before, after = audit(db, "s01")[-2]
    assert (actor, action) == ("user:admin", "update")
    assert (json.loads(before)["disabled"], json.loads(after)["disabled"]) == (0, 1)


def test_admin_changes_role_and_unit(db, srv):
    s01 = srv.login("s01")
    admin, coord = srv.login("admin"), srv.login("coord")
    r = coord.request("PATCH", "/api/v1/users/s01", {"role": "department", "unit": "D01"})
    assert err(r) == (403, "forbidden", None)
    r = admin.request("PATCH", "/api/v1/users/s01", {"role": "department", "unit": "D01"})
    assert r.status == 200, r.body
    assert (r.json()["role"], r.json()["unit"], r.json()["sessions_ended"]) == \
        ("department", "D01", 1)
    assert user_row(db, "s01") == ("department", "D01", 0, 2)
    assert err(s01.get("/api/v1/projects?year=2024")) == (401, "unauthenticated", None)
    s01 = srv.login("s01")
    assert s01.get("/api/v1/session").json()["user"]["role"] == "department"
    for body, field in (({"role": "section"}, "unit"), ({"role": "boss"}, "role"),
                        ({"unit": "NOPE"}, "unit"), ({"role": 3}, "role"),
                        ({"role": "department", "unit": "S01"}, "unit"),
                        ({"disabled": "yes"}, "disabled"), ({}, None),
                        ({"display_name": ["x"]}, "display_name")):
        r = admin.request("PATCH", "/api/v1/users/s01", body)
        assert err(r) == (400, "invalid", field), (body, r.body)
    assert user_row(db, "s01") == ("department", "D01", 0, 2)
    assert alive(s01) == 200  # refused changes end nothing
    r = admin.request("PATCH", "/api/v1/users/s01", {"role": "leader", "version": 1})
    assert r.status == 409 and r.json()["error"]["code"] == "stale"
    assert r.json()["current"]["version"] == 2
    r = admin.request("PATCH", "/api/v1/users/s01", {"role": "leader"},
                      headers={"If-Match": "2"})
    assert r.status == 200 and (r.json()["role"], r.json()["unit"]) == ("leader", None)
    assert user_row(db, "s01") == ("leader", None, 0, 3)
    assert alive(s01) == 401
    r = admin.request("PATCH", "/api/v1/users/s01", {"role": "section", "unit": "S01",
                                                     "display_name": "张三"})
    assert r.status == 200 and r.json()["display_name"] == "张三"
    r = admin.request("PATCH", "/api/v1/users/nobody", {"role": "leader"})
    assert err(r) == (404, "not_found", "name")
    trail = audit(db, "s01")
    roles = [(json.loads(b)["role"], json.loads(a)["role"]) for _, x, b, a in trail
             if x == "update"]
    assert roles == [("section", "department"), ("department", "leader"),
                     ("leader", "section")]


def test_admin_resets_a_password(db, srv):
    s02 = srv.login("s02")
    admin = srv.login("admin")
    r = admin.request("PATCH", "/api/v1/users/s02", {"password": "weak"})
    assert err(r) == (400, "invalid", "password")
    assert RULE_EN in r.json()["error"]["message"]
    assert RULE_ZH in r.json()["error"]["message_zh"]
    r = admin.request("PATCH", "/api/v1/users/s02", {"password": 12345678901})
    assert err(r) == (400, "invalid", "password")
    assert err(srv.login("coord").request("PATCH", "/api/v1/users/s02",
                                          {"password": "Reset-pass-77"})) == \
        (403, "forbidden", None)
    assert alive(s02) == 200
    r = admin.request("PATCH", "/api/v1/users/s02", {"password": "Reset-pass-77"})
    assert r.status == 200, r.body
    assert r.json()["sessions_ended"] == 1 and "Reset-pass-77" not in r.body
    assert alive(s02) == 401
    r = srv.client().post("/api/v1/session", {"username": "s02", "password": PASSWORD})
    assert err(r) == (401, "bad_credentials", None)
    assert alive(srv.login("s02", "Reset-pass-77")) == 200
    assert user_row(db, "s02") == ("section", "S02", 0, 2)
    actor, action, before, after = audit(db, "s02")[-1]
    assert (actor, action) == ("user:admin", "password")
    assert_new_fingerprint(before, after)


def test_an_admin_cannot_lock_out_their_own_account(db, srv):
    admin = srv.login("admin")
    for body in ({"disabled": True}, {"role": "leader"}, {"password": "Other-pass-123"}):
        r = admin.request("PATCH", "/api/v1/users/admin", body)
        assert err(r) == (403, "forbidden", None), body
    assert user_row(db, "admin") == ("admin", None, 0, 1)
    r = admin.request("PATCH", "/api/v1/users/admin", {"display_name": "系统管理员"})
    assert r.status == 200 and r.json()["display_name"] == "系统管理员"
    assert alive(admin) == 200


def test_admin_revokes_sessions_and_tokens(db, srv):
    a, b = srv.login("s01"), srv.login("s01")
    token = run("user", "token", "s01", db=db).out.strip()
    bearer = srv.client()
    bearer.token = token
    tid = q(db, "SELECT max(id) FROM api_tokens")[0][0]
    admin, coord = srv.login("admin"), srv.login("coord")
    assert err(coord.delete("/api/v1/users/s01/sessions")) == (403, "forbidden", None)
    assert [alive(x) for x in (a, b, bearer)] == [200, 200, 200]
    r = admin.get("/api/v1/users/s01")
    assert r.json()["sessions"] == 2
    assert [(t["id"], t["revoked"]) for t in r.json()["tokens"]] == [(tid, False)]
    r = admin.delete("/api/v1/users/s01/sessions")
    assert r.status == 200 and r.json() == {"username": "s01", "sessions": 2, "tokens": 0}
    assert [alive(x) for x in (a, b, bearer)] == [401, 401, 200]
    assert sessions_of(db, "s01") == 0
    for path, field in (("?token=abc", "token"), ("?token=0", "token"), ("?all=maybe", "all"),
                        (f"?token={tid}&all=1", "token")):
        r = admin.delete("/api/v1/users/s01/sessions" + path)
        assert err(r) == (400, "invalid", field), path
    r = admin.delete("/api/v1/users/s01/sessions?token=999")
    assert err(r) == (404, "not_found", "token")
    assert err(admin.delete("/api/v1/users/nobody/sessions")) == (404, "not_found", "name")
    c = srv.login("s01")
    r = admin.delete(f"/api/v1/users/s01/sessions?token={tid}")
    assert r.status == 200 and r.json() == {"username": "s01", "sessions": 0, "tokens": 1}
    assert [alive(x) for x in (bearer, c)] == [401, 200]
    r = admin.delete("/api/v1/users/s01/sessions?all=1")
    assert r.json() == {"username": "s01", "sessions": 1, "tokens": 0}
    assert admin.get("/api/v1/users/s01").json()["tokens"][0]["revoked"] is True
    trail = [(actor, json.loads(after)) for actor, x, _, after in audit(db, "s01")
             if x == "revoke"]
    assert trail == [("user:admin", {"sessions": 2, "tokens": []}),
                     ("user:admin", {"sessions": 0, "tokens": [tid]}),
                     ("user:admin", {"sessions": 1, "tokens": []})]


def test_duplicate_user_is_409_exists_with_a_clear_message(db, srv):
    admin = srv.login("admin")
    r = admin.post("/api/v1/users", {"username": "s01", "password": "Another-pass-1",
                                     "role": "leader"})
    assert err(r) == (409, "exists", "username")
    assert r.json()["error"]["message_zh"] == "用户名 s01 已存在，请换一个用户名"
    assert "s01 exists already" in r.json()["error"]["message"]
    r = admin.post("/api/v1/users", {"username": "s09", "password": "abcdefghijkl",
                                     "role": "leader"})
    assert err(r) == (400, "invalid", "password")
    assert RULE_ZH in r.json()["error"]["message_zh"]
    r = admin.post("/api/v1/users", {"username": "s09", "password": "s09s09s09s", "role":
                                     "section", "unit": "D01"})
    assert err(r) == (400, "invalid", "unit")
    r = admin.post("/api/v1/users", {"username": "s09", "password": "Another-pass-1",
                                     "role": "section", "unit": "S01"})
    assert r.status == 201, r.body
    assert user_row(db, "s09") == ("section", "S01", 0, 1)


# ---- one's own password ----

def test_own_password_change(db, srv):
    c, other = srv.login("s02"), srv.login("s02")
    path = "/api/v1/session/password"
    for body, field in (({"new": "Brand-new-22"}, "old"), ({"old": PASSWORD}, "new"),
                        ({"old": PASSWORD, "new": "short-1"}, "new"),
                        ({"old": PASSWORD, "new": "abcdefghijkl"}, "new"),
                        ({"old": "wrong-password", "new": "Brand-new-22"}, "old")):
        r = c.post(path, body)
        assert err(r) == (400, "invalid", field), (body, r.body)
    r = c.post(path, {"old": PASSWORD, "new": "short-1"})
    assert RULE_EN in r.json()["error"]["message"] and RULE_ZH in r.json()["error"]["message_zh"]
    r = c.post(path, {"old": "wrong-password", "new": "Brand-new-22"})
    assert r.json()["error"]["message_zh"] == "当前密码不正确"
    assert user_row(db, "s02")[3] == 1 and [alive(x) for x in (c, other)] == [200, 200]
    assert err(c.post(path, {"old": PASSWORD, "new": "Brand-new-22"}, csrf=False)) == \
        (403, "csrf", None)
    assert err(srv.client().post(path, {"old": PASSWORD, "new": "Brand-new-22"})) == \
        (401, "unauthenticated", None)
    r = c.post(path, {"old": PASSWORD, "new": "Brand-new-22"})
    assert r.status == 200 and r.json() == {"ok": True, "sessions_ended": 1}
    assert [alive(x) for x in (c, other)] == [200, 401]
    r = srv.client().post("/api/v1/session", {"username": "s02", "password": PASSWORD})
    assert err(r) == (401, "bad_credentials", None)
    assert alive(srv.login("s02", "Brand-new-22")) == 200
    actor, action, before, after = audit(db, "s02")[-1]
    assert (actor, action) == ("user:s02", "password")
    assert_new_fingerprint(before, after)
    # every role may change its own password; a coordinator too
    coord = srv.login("coord")
    assert coord.post(path, {"old": PASSWORD, "new": "Coord-pass-99"}).status == 200
    assert alive(srv.login("coord", "Coord-pass-99")) == 200


def test_wrong_old_passwords_are_throttled_like_logins(srv):
    c = srv.login("auditor")
    path = "/api/v1/session/password"
    got = [err(c.post(path, {"old": "wrong-password", "new": "Brand-new-22"}))[:2]
           for _ in range(6)]
    assert got == [(400, "invalid")] * 5 + [(429, "throttled")]
    r = c.post(path, {"old": PASSWORD, "new": "Brand-new-22"})
    assert r.status == 429 and int(r.headers["Retry-After"]) > 0
    assert alive(c) == 200


# ---- the audit trail holds no secret ----

def test_audit_entries_hold_no_secret(db, srv):
    admin = srv.login("admin")
    token = run("user", "token", "leader", db=db).out.strip()
    assert admin.request("PATCH", "/api/v1/users/s01", {"password": "Reset-pass-77"}).status \
        == 200
    assert admin.post("/api/v1/users", {"username": "s09", "password": "Initial-pass-5",
                                        "role": "leader"}).status == 201
    assert srv.login("s02").post("/api/v1/session/password",
                                 {"old": PASSWORD, "new": "Brand-new-22"}).status == 200
    assert run("user", "reset", "coord", db=db, stdin="Fresh-pass-2024\n").code == 0
    assert run("user", "revoke", "leader", "--all", db=db).code == 0
    rows = q(db, "SELECT action, entity, before, after FROM audit"
                 " WHERE entity IN ('user', 'api_token')")
    assert {(a, e) for a, e, _, _ in rows} >= {("insert", "user"), ("password", "user"),
                                                ("revoke", "user"), ("insert", "api_token")}
    hashes = [h for (h,) in q(db, "SELECT password_hash FROM users")]
    token_hashes = [h for (h,) in q(db, "SELECT token_hash FROM api_tokens")]
    secrets = ["Reset-pass-77", "Initial-pass-5", "Brand-new-22", "Fresh-pass-2024", PASSWORD,
               token, "argon2"] + hashes + token_hashes
    for _, _, before, after in rows:
        for text in (before, after):
            assert not any(s in (text or "") for s in secrets), text


def test_the_session_says_what_the_role_may_do(srv):
    """The UI keeps no permission matrix: GET /session carries the role's row
    of core/access.c and every role with whether it needs a unit."""
    doc = srv.login("s01").get("/api/v1/session").json()
    assert doc["user"]["may"] == {
        "units": ["read"], "projects": ["read", "write"], "listings": ["read"],
        "reports": ["read", "write"], "targets": ["read"], "measures": ["read"],
        "warnings": ["read"], "bulletins": ["read"], "indicators": ["read"],
        "items": ["read", "write"],
        # the issued plan (DOMAIN.md §3): a section reads it, proposes and withdraws
        "plans": ["read"], "change-requests": ["read", "write"],
        # visits: a section records visits on its own projects
        "visits": ["read", "write"],
        # element guarantees and demolition task books: its own projects and tasks
        "supplies": ["read", "write"], "demolition": ["read", "write"],
        # policy fulfilment (DOMAIN.md §7): a section reads its projects' applications
        "policies": ["read"], "applications": ["read"], "calendar": ["read"],
        # h-leads: the shared lead pool, its own leads' moves
        "leads": ["read", "write"],
        # revenue sharing: its own projects' taxes and ledger lines, the fund registry
        "taxes": ["read"], "ledger": ["read"], "funds": ["read"],
        # leader linkage: a section reads the named project lists (a filter),
        # not the leaders' pages
        "lists": ["read"]}
    assert doc["roles"] == [
        {"key": "admin", "label": "系统管理员", "needs_unit": False},
        {"key": "coordinator", "label": "发改委项目办", "needs_unit": False},
        {"key": "section", "label": "板块/街道", "needs_unit": True},
        {"key": "department", "label": "部门", "needs_unit": True},
        {"key": "leader", "label": "区领导", "needs_unit": False},
        {"key": "auditor", "label": "审计/纪检", "needs_unit": False}]
    may = srv.login("coord").get("/api/v1/session").json()["user"]["may"]
    assert may["reports"] == ["read", "write", "verify"] and "users" not in may
    assert may["bulletins"] == ["read", "verify"] and may["import"] == ["write"]
    may = srv.login("admin").get("/api/v1/session").json()["user"]["may"]
    assert may["users"] == ["read", "write"] and may["audit"] == ["read"]
