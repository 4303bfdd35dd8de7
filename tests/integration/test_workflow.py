"""The report workflow over HTTP, every cell: each status a report can be in
(none, draft, submitted, verified, returned) × each action (save, submit,
verify, return with and without a reason, import) × each caller (admin,
coordinator, a section user on its own project and on another section's, a
department user, a leader, an auditor, a disabled account, an expired session),
asserting the exact status code, error code and the report's state after.

The expectations are DOMAIN.md §3's table written out again below, not read
from src/core/workflow.c: the test is the independent check. What keeps the two
in step is `ballast workflow report --format json`, the C table as the binary
holds it: a status, action, role or party there with no expectation here fails
test_every_status_action_and_role_has_an_expectation."""
import json
import sqlite3

import pytest

from conftest import run
from server import PASSWORD, Server, make_demo

# ---- DOMAIN.md §3, by hand ----

NONE = "none"
STATUSES = ["draft", "submitted", "verified", "returned"]
FROM = [NONE] + STATUSES
ACTIONS = ["save", "submit", "verify", "return", "import"]
SAME = "unchanged"


class Refused:
    def __init__(self, status, code):
        self.status, self.code = status, code

    def __repr__(self):
        return f"{self.status} {self.code}"


LOCKED = Refused(409, "locked")
WRONG_STATUS = Refused(409, "wrong_status")
FORBIDDEN = Refused(403, "forbidden")
UNSEEN = Refused(404, "not_found")
NEEDS_REASON = Refused(400, "invalid")
UNAUTHENTICATED = Refused(401, "unauthenticated")
SKIPPED = "skipped"  # a submit passes over the report: 200, nothing submitted

# from, action, who → to (a status, SAME) or a refusal
TABLE = [
    ({NONE}, "save", {"own", "office"}, "draft"),
    ({"draft", "returned"}, "save", {"own"}, "draft"),
    ({"draft", "returned"}, "save", {"office"}, SAME),
    ({"submitted", "verified"}, "save", {"own"}, LOCKED),
    ({"submitted", "verified"}, "save", {"office"}, SAME),  # an amendment
    ({"draft", "returned"}, "submit", {"own", "office"}, "submitted"),
    ({"submitted"}, "verify", {"office"}, "verified"),
    ({"submitted"}, "return", {"office"}, "returned"),  # with a reason of 1–2000 characters
    (set(FROM), "import", {"office"}, "verified"),
]
# from any other status: "other statuses are skipped, not errors" (submit);
# "409 from any other status" (verify, return)
OTHERWISE = {"submit": SKIPPED, "verify": WRONG_STATUS, "return": WRONG_STATUS}
# "office" = coordinator or admin; "own" = a section user on a project of its
# subtree. Department, leader and auditor change nothing.
PARTIES = {"office": {"admin", "coordinator"}, "own": {"section"}}
ROLES = {"admin", "coordinator", "section", "department", "leader", "auditor"}

# The callers: account name, role, party on the test's projects (all of S01).
CALLERS = {
    "admin": ("admin", "admin", "office"),
    "coordinator": ("coord", "coordinator", "office"),
    "section_own": ("s01", "section", "own"),
    "section_other": ("s02", "section", "unseen"),  # S02 cannot see S01's projects
    "department": ("dept", "department", None),
    "leader": ("leader", "leader", None),
    "auditor": ("auditor", "auditor", None),
    "disabled": ("coord_off", "coordinator", "disabled"),  # disabled after logging in
    "expired": ("s01_late", "section", "expired"),         # its session has expired
}
CASE_ACTIONS = ["save", "submit", "verify", "return_reason", "return_no_reason", "import"]


def role_may(role, action):
    """The role is a party of some row of the action (else 403 whatever the report)."""
    return any(action == a and role in PARTIES[p] for _, a, who, _ in TABLE for p in who)


def expect(frm, case, caller):
    """(status code, error code or None, to-status or SAME or SKIPPED)."""
    _, role, party = CALLERS[caller]
    action = "return" if case.startswith("return") else case
    if party in ("disabled", "expired"):
        return UNAUTHENTICATED
    if not role_may(role, action):
        return FORBIDDEN
    if party == "unseen":
        # a batch submit passes over what the caller cannot see
        return SKIPPED if action == "submit" else UNSEEN
    if party is None:
        return FORBIDDEN
    if case == "return_no_reason":
        return NEEDS_REASON  # checked before the status: 400, not 409
    for froms, a, who, to in TABLE:
        if a == action and frm in froms and party in who:
            return to
    return OTHERWISE[action]


# ---- the server and the reports in every status ----

YEAR = 2024
MONTHS = [f"{YEAR}-{m:02d}" for m in range(7, 13)]  # one per case action
PROJECTS = [(frm, caller) for frm in FROM for caller in CALLERS]  # one per (status, caller)
CELLS = [(frm, case, caller) for frm in FROM for case in CASE_ACTIONS for caller in CALLERS]
PREP_INVEST = 100  # yuan, what every prepared report holds


def ref_of(frm, caller):
    return f"WF-{PROJECTS.index((frm, caller)):02d}"


def month_of(case):
    return MONTHS[CASE_ACTIONS.index(case)]


def value_of(frm, case, caller):
    """A distinct amount per cell, in yuan (a whole number of 万元 for imports)."""
    return (CELLS.index((frm, case, caller)) + 1) * 10000


class Env:
    def __init__(self, db, srv):
        self.db, self.srv = db, srv
        self.con = sqlite3.connect(str(db), isolation_level=None)
        self.clients = {}

    def state(self, ref, month):
        """(status, invest, version, return_reason) of the stored report, or None."""
        return self.con.execute(
            "SELECT r.status, r.invest, r.version, r.return_reason FROM reports r"
            " JOIN projects p ON p.id = r.project_id WHERE p.ref = ? AND r.month = ?",
            (ref, month)).fetchone()

    def audit(self, ref, month):
        return self.con.execute(
            "SELECT before, after FROM audit WHERE entity = 'report' AND entity_key = ?"
            " ORDER BY id", (f"{ref}/{month}",)).fetchall()


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("wf")
    db = tmp / "w.db"
    make_demo(db)
    for name, role, unit in (("coord_off", "coordinator", None), ("s01_late", "section", "S01")):
        args = ["user", "add", name, "--role", role] + (["--unit", unit] if unit else [])
        assert run(*args, db=db, stdin=PASSWORD + "\n").code == 0
    csv = tmp / "projects.csv"
    csv.write_text("ref,name,section,department,year,tiers\n" + "".join(
        f"{ref_of(f, c)},流转测试{ref_of(f, c)},S01,D01,{YEAR},区\n" for f, c in PROJECTS),
        encoding="utf-8")
    r = run("import", "projects", csv, db=db)
    assert r.code == 0, r
    srv = Server(db, log=str(db) + ".log")
    e = Env(db, srv)
    try:
        prepare(e)
        yield e
    finally:
        e.con.close()
        assert srv.stop() == 0


def prepare(e):
    """Bring each cell's report to its status through the workflow itself."""
    s01, coord = e.srv.login("s01"), e.srv.login("coord")
    for month in MONTHS:
        later = []
        for frm, caller in PROJECTS:
            if frm == NONE:
                continue
            ref = ref_of(frm, caller)
            r = s01.put(f"/api/v1/reports/{ref}/{month}", {"invest_yuan": PREP_INVEST})
            assert r.status == 201, r.body
            if frm != "draft":
                later.append((frm, ref))
        r = s01.post("/api/v1/reports/submit", {"month": month, "refs": [x for _, x in later]})
        assert r.status == 200 and r.json()["submitted"] == len(later), r.body
        for frm, ref in later:
            if frm == "verified":
                r = coord.post(f"/api/v1/reports/{ref}/{month}/verify", {})
            elif frm == "returned":
                r = coord.post(f"/api/v1/reports/{ref}/{month}/return", {"reason": "准备"})
            else:
                continue
            assert r.status == 200 and r.json()["status"] == frm, r.body
    for caller, (name, _, _) in CALLERS.items():
        e.clients[caller] = e.srv.login(name)
    r = run("user", "disable", "coord_off", "--actor", "cli:test", db=e.db)
    assert r.code == 0, r
    e.con.execute("UPDATE sessions SET expires_at = '1' WHERE user_id ="
                  " (SELECT id FROM users WHERE username = 's01_late')")


def act(e, frm, case, caller):
    c = e.clients[caller]
    ref, month = ref_of(frm, caller), month_of(case)
    now = e.state(ref, month)
    if case == "save":
        body = {"invest_yuan": value_of(frm, case, caller)}
        if now:
            body["version"] = now[2]
        return c.put(f"/api/v1/reports/{ref}/{month}", body)
    if case == "submit":
        return c.post("/api/v1/reports/submit", {"month": month, "refs": [ref]})
    if case == "verify":
        return c.post(f"/api/v1/reports/{ref}/{month}/verify", {})
    if case == "return_reason":
        return c.post(f"/api/v1/reports/{ref}/{month}/return", {"reason": "投资额与发票不符"})
    if case == "return_no_reason":
        return c.post(f"/api/v1/reports/{ref}/{month}/return", {})
    wan = value_of(frm, case, caller) // 10000
    return c.post("/api/v1/import/reports", raw=f"ref,month,invest\n{ref},{month},{wan}\n"
                  .encode(), headers={"Content-Type": "text/csv"})


def cell_id(cell):
    return "-".join(cell)


@pytest.mark.parametrize("frm,case,caller", CELLS, ids=[cell_id(c) for c in CELLS])
def test_cell(env, frm, case, caller):
    want = expect(frm, case, caller)
    ref, month = ref_of(frm, caller), month_of(case)
    before, trail = env.state(ref, month), env.audit(ref, month)
    assert (before[0] if before else NONE) == frm
    r = act(env, frm, case, caller)
    after = env.state(ref, month)

    if isinstance(want, Refused) or want == SKIPPED:
        if want == SKIPPED:
            assert r.status == 200, r.body
            assert r.json() == {"submitted": 0, "refs": [], "incomplete": []}
        else:
            assert r.status == want.status, r.body
            assert r.json()["error"]["code"] == want.code, r.body
            if want is NEEDS_REASON:
                assert r.json()["error"]["field"] == "reason"
        assert after == before  # nothing changed
        assert env.audit(ref, month) == trail
        return

    to = (before[0] if before else None) if want == SAME else want
    assert len(env.audit(ref, month)) == len(trail) + 1  # every change is audited
    assert after[0] == to
    assert after[2] == (before[2] + 1 if before else 1)
    if case == "save":
        assert r.status == (200 if before else 201), r.body
        assert r.json()["status"] == to and r.json()["invest_yuan"] == value_of(frm, case, caller)
        assert after[1] == value_of(frm, case, caller)
        if before:  # the old value stays in the audit trail (an amendment too)
            last = env.audit(ref, month)[-1]
            assert json.loads(last[0])["invest"] == PREP_INVEST
            assert json.loads(last[1])["invest"] == value_of(frm, case, caller)
    elif case == "submit":
        assert r.status == 200 and r.json() == {"submitted": 1, "refs": [ref], "incomplete": []}
        assert after[1] == PREP_INVEST
    elif case == "import":
        assert r.status == 200, r.body
        assert r.json()["ok"] is True and r.json()["written"] is True
        assert after[1] == value_of(frm, case, caller)
    else:
        assert r.status == 200, r.body
        assert r.json()["status"] == to
        assert r.json()["verified_by"] == "user:" + CALLERS[caller][0]
        assert after[1] == PREP_INVEST
        assert after[3] == ("投资额与发票不符" if to == "returned" else None)


def test_every_status_action_and_role_has_an_expectation():
    """The C table as the binary holds it has nothing the expectations above lack."""
    r = run("workflow", "report", "--format", "json")
    assert r.code == 0, r
    table = r.json()
    assert table["statuses"] == STATUSES
    assert table["actions"] == ACTIONS
    assert set(table["roles"]) == ROLES == {role for _, role, _ in CALLERS.values()}
    assert {p: set(v) for p, v in table["parties"].items()} == PARTIES
    for rule in table["rules"]:
        assert set(rule["from"]) <= set(FROM) and rule["action"] in ACTIONS
        assert set(rule["who"]) <= set(PARTIES)
    assert set(table["otherwise"]) == set(ACTIONS)
    # every case action of the cells is one of the table's actions
    assert {c.split("_")[0] for c in CASE_ACTIONS} == set(ACTIONS)


def test_cells_cover_every_combination():
    assert len(CELLS) == len(FROM) * len(CASE_ACTIONS) * len(CALLERS) == 270


# ---- the accounts the cells use ----

def test_a_disabled_account_cannot_log_in_and_enabling_restores_it(env):
    c = env.srv.client()
    r = c.post("/api/v1/session", {"username": "coord_off", "password": PASSWORD})
    assert r.status == 401 and r.json()["error"]["code"] == "bad_credentials"
    users = env.clients["admin"].get("/api/v1/users").json()["items"]
    assert [u["disabled"] for u in users if u["username"] == "coord_off"] == [True]
    trail = env.con.execute("SELECT actor, before, after FROM audit WHERE entity = 'user'"
                            " AND entity_key = 'coord_off' ORDER BY id").fetchall()
    assert trail[-1][0] == "cli:test"
    assert json.loads(trail[-1][1])["disabled"] == 0 and json.loads(trail[-1][2])["disabled"] == 1
    assert run("user", "disable", "coord_off", db=env.db).code == 0  # already: no change
    assert len(env.con.execute("SELECT id FROM audit WHERE entity = 'user' AND"
                               " entity_key = 'coord_off'").fetchall()) == len(trail)
    assert run("user", "disable", "nobody", db=env.db).code == 1
    try:
        assert run("user", "enable", "coord_off", db=env.db).code == 0
        c = env.srv.login("coord_off")
        assert c.get("/api/v1/session").json()["user"]["username"] == "coord_off"
    finally:
        assert run("user", "disable", "coord_off", db=env.db).code == 0


def test_an_ended_session_changes_nothing(env):
    c = env.srv.login("s01")
    saved = c.cookie
    assert c.delete("/api/v1/session").status == 200
    c.cookie = saved
    ref = ref_of("draft", "section_own")
    before = env.state(ref, MONTHS[0])
    r = c.put(f"/api/v1/reports/{ref}/{MONTHS[0]}", {"invest_yuan": 1, "version": before[2]})
    assert r.status == 401 and r.json()["error"]["code"] == "unauthenticated"
    assert env.state(ref, MONTHS[0]) == before


def test_the_cli_prints_the_table():
    r = run("workflow")
    assert r.code == 0, r
    lines = r.out.splitlines()
    assert lines[0] == "月度填报 (report)"
    assert lines[1] == "office = admin, coordinator; own = section on a project of its subtree"
    assert run("workflow", "nonsense").code == 2
