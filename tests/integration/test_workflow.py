"""The report workflow over HTTP, every cell: each status a report can be in
(none, draft, submitted, verified, returned) × each action (save, submit,
verify, return with and without a reason, import) × each caller (admin,
coordinator, a section user on its own project and on another section's, a
department user, a leader, an auditor, a disabled account, an expired session),
asserting the exact status code, error code and the report's state after.
Then the issued plan's two workflows (a plan change, an actual date entered
after the issue; DOMAIN.md §3) the same way: each status a change request can
be in × propose, approve, reject (with and without a reason), withdraw × each
caller.

The expectations are DOMAIN.md §3's table written out again below, not read
from src/core/workflow.c: the test is the independent check. What keeps the two
in step is `ballast workflow report --format json`, the C table as the binary
holds it: a status, action, role or party there with no expectation here fails
test_every_status_action_and_role_has_an_expectation."""
import json

import pytest

import backend

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
        self.con = backend.connect(str(db), isolation_level=None)
        self.clients = {}

    def state(self, ref, month):
        """(status, invest, version, return_reason) of the stored report, or None."""
        return self.con.execute(
            "SELECT r.status, r.invest, r.version, r.return_reason FROM reports r"
            " JOIN projects p ON p.id = r.project_id WHERE p.ref = ? AND r.month = ?",
            (ref, month)).fetchone()

    def audit(self, ref, month):
        """The report's audit entries, oldest first, (before, after) as JSON
        text, read back as ballast shows them (an import's rows included)."""
        if "audit" not in self.clients:
            self.clients["audit"] = self.srv.login("admin")
        r = self.clients["audit"].get(f"/api/v1/audit?entity=report&key={ref}/{month}"
                                      "&limit=1000")
        assert r.status == 200, r.body
        return [tuple(None if v is None else json.dumps(v, ensure_ascii=False) for v in
                      (e["before"], e["after"])) for e in reversed(r.json()["items"])]


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("wf")
    db = tmp / "w.db"
    make_demo(db, open_plan=True)  # the cells' projects join 2024's list, then it is issued
    for name, role, unit in (("coord_off", "coordinator", None), ("s01_late", "section", "S01")):
        args = ["user", "add", name, "--role", role] + (["--unit", unit] if unit else [])
        assert run(*args, db=db, stdin=PASSWORD + "\n").code == 0
    csv = tmp / "projects.csv"
    csv.write_text("ref,name,section,department,year,tiers\n" + "".join(
        f"{ref_of(f, c)},流转测试{ref_of(f, c)},S01,D01,{YEAR},区\n" for f, c in PROJECTS),
        encoding="utf-8")
    r = run("import", "projects", csv, db=db)
    assert r.code == 0, r
    csv.write_text("ref,name,section,department,year,tiers,annual_plan\n" + "".join(
        f"{ref},变更测试{ref},S01,D01,{YEAR},区,100\n" for ref in CR_REFS), encoding="utf-8")
    r = run("import", "projects", csv, db=db)
    assert r.code == 0, r
    r = run("plan", "issue", "--year", str(YEAR), "--actor", "cli:test", db=db)
    assert r.code == 0, r
    srv = Server(db, log=str(db) + ".log")
    e = Env(db, srv)
    try:
        prepare(e)
        prepare_requests(e)
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


# ---- supervision items (DOMAIN.md §7, issue #13), by hand ----
#
# The same check for the item workflow: each status an item can be in (and
# none: raising one) × each action over HTTP (with and without the text it
# needs) × each caller, the exact status code, error code and the item after.
# "office" = coordinator or admin; "own" = the section of the item's project,
# or the department that owns the item. A department that is only the
# project's responsible department sees the item and changes nothing.

I_STATUSES = ["open", "answered", "resolved", "closed"]
I_FROM = [NONE] + I_STATUSES
I_ACTIONS = ["save", "import", "reply", "answer", "resolve", "close", "reopen", "escalate"]
PENDING = {"open", "answered"}
DONE = {"resolved", "closed"}
NEEDS_TEXT = Refused(400, "invalid")

I_TABLE = [
    ({NONE}, "save", {"own", "office"}, "open"),           # raise
    (PENDING, "save", {"office"}, SAME),                    # edit
    (DONE, "save", {"office"}, LOCKED),
    (PENDING | DONE, "save", {"own"}, FORBIDDEN),
    (PENDING, "reply", {"own", "office"}, SAME),
    (DONE, "reply", {"own", "office"}, LOCKED),
    (PENDING, "answer", {"own"}, "answered"),
    (PENDING, "resolve", {"office"}, "resolved"),
    (PENDING, "close", {"office"}, "closed"),
    ({"answered"} | DONE, "reopen", {"office"}, "open"),
    (PENDING, "escalate", {"office"}, SAME),                # one level up
    ({NONE}, "import", {"office"}, "open"),
    (PENDING | DONE, "import", {"office"}, SAME),            # the row's status
]
I_PARTIES = {"office": {"admin", "coordinator"}, "own": {"section", "department"}}
I_TEXT = {"reply", "answer", "close", "reopen", "escalate"}
# The right of access.c each route needs: the office's decisions are V.
I_RIGHT = {"raise": "W", "save": "V", "reply": "W", "answer": "W", "resolve": "V",
           "close": "V", "reopen": "V", "escalate": "V"}
RIGHTS = {"admin": "RWV", "coordinator": "RWV", "section": "RW", "department": "RW",
          "leader": "R", "auditor": "R"}

# The items are on project WFI-1 of S01 whose responsible department is D02,
# owned by D01.
I_CALLERS = {
    "admin": ("admin", "admin", "office"),
    "coordinator": ("coord", "coordinator", "office"),
    "section_own": ("s01", "section", "own"),
    "section_other": ("s02", "section", "unseen"),
    "department_owner": ("dept", "department", "own"),      # D01
    "department_project": ("dept2", "department", "seen"),  # D02
    "leader": ("leader", "leader", None),
    "auditor": ("auditor", "auditor", None),
}
I_CASES = ["save", "reply", "reply_no_text", "answer", "answer_no_text", "resolve", "close",
           "close_no_text", "reopen", "escalate"]
I_CELLS = [(NONE, "save", c) for c in I_CALLERS] + [
    (f, case, c) for f in I_STATUSES for case in I_CASES for c in I_CALLERS]
I_TODAY = "2024-07-15"
STEP_KIND = {"save": "edit", "reply": "reply", "answer": "answer", "resolve": "resolve",
             "close": "close", "reopen": "reopen", "escalate": "escalate"}


def i_role_may(role, action):
    return any(action == a and role in I_PARTIES[p] and not isinstance(to, Refused)
               for _, a, who, to in I_TABLE for p in who)


def i_expect(frm, case, caller):
    _, role, party = I_CALLERS[caller]
    action = case.replace("_no_text", "")
    if frm == NONE and caller == "department_owner":
        party = "unseen"  # a new item has no owner yet: D01 does not read WFI-1
    if I_RIGHT["raise" if frm == NONE else action] not in RIGHTS[role]:
        return FORBIDDEN  # the route's right (access.c), before anything is read
    if party == "unseen":
        return UNSEEN
    if not i_role_may(role, action) or party in (None, "seen"):
        return FORBIDDEN
    if case.endswith("_no_text") and action in I_TEXT:
        return NEEDS_TEXT  # 400 before the status
    for froms, a, who, to in I_TABLE:
        if a == action and frm in froms and party in who:
            return to
    return WRONG_STATUS


def title_of(frm, case, caller):
    return f"流转-{frm}-{case}-{caller}"


class ItemEnv:
    def __init__(self, db, srv):
        self.db, self.srv = db, srv
        self.con = backend.connect(str(db), isolation_level=None)
        self.clients = {}

    def item(self, title):
        """(id, status, level, version, steps) of the item with this title, or None."""
        row = self.con.execute("SELECT id, status, level, version FROM items WHERE title = ?",
                               (title,)).fetchone()
        if not row:
            return None
        n = self.con.execute("SELECT count(*) FROM item_steps WHERE item_id = ?",
                             (row[0],)).fetchone()[0]
        return (*row, n)

    def last_step(self, iid):
        return self.con.execute("SELECT kind, actor FROM item_steps WHERE item_id = ?"
                                " ORDER BY id DESC LIMIT 1", (iid,)).fetchone()


@pytest.fixture(scope="module")
def ienv(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("wfi")
    db = tmp / "i.db"
    make_demo(db)
    r = run("user", "add", "dept2", "--role", "department", "--unit", "D02", db=db,
            stdin=PASSWORD + "\n")
    assert r.code == 0, r
    p = tmp / "p.csv"
    p.write_text("ref,name,section,department\nWFI-1,督办流转测试,S01,D02\n", encoding="utf-8")
    assert run("import", "projects", p, db=db).code == 0
    f = tmp / "items.csv"
    f.write_text("ref,title,owner,level,raised_on,status\n" + "".join(
        f"WFI-1,{title_of(frm, case, c)},D01,1,2024-07-01,{frm}\n"
        for frm, case, c in I_CELLS if frm != NONE), encoding="utf-8")
    r = run("import", "items", f, db=db, env={"BALLAST_TODAY": I_TODAY})
    assert r.code == 0, r
    srv = Server(db, log=str(db) + ".log", env={"BALLAST_TODAY": I_TODAY})
    e = ItemEnv(db, srv)
    for caller, (name, _, _) in I_CALLERS.items():
        e.clients[caller] = srv.login(name)
    try:
        yield e
    finally:
        e.con.close()
        assert srv.stop() == 0


def i_act(e, frm, case, caller):
    c = e.clients[caller]
    title = title_of(frm, case, caller)
    if frm == NONE:
        return c.post("/api/v1/items", {"ref": "WFI-1", "title": title})
    iid, _, _, version, _ = e.item(title)
    action = case.replace("_no_text", "")
    body = {} if case.endswith("_no_text") else {"text": "已与资规分局对接，用地预审意见已出"}
    if action == "save":
        return c.request("PATCH", f"/api/v1/items/{iid}", {"title": title + "（改）",
                                                           "version": version})
    if action == "reply":
        return c.post(f"/api/v1/items/{iid}/replies", body)
    return c.post(f"/api/v1/items/{iid}/{action}", body)


@pytest.mark.parametrize("frm,case,caller", I_CELLS, ids=[cell_id(c) for c in I_CELLS])
def test_item_cell(ienv, frm, case, caller):
    want = i_expect(frm, case, caller)
    title = title_of(frm, case, caller)
    before = ienv.item(title)
    assert (before[1] if before else NONE) == frm
    r = i_act(ienv, frm, case, caller)
    if isinstance(want, Refused):
        assert r.status == want.status, r.body
        assert r.json()["error"]["code"] == want.code, r.body
        if want is NEEDS_TEXT:
            assert r.json()["error"]["field"] == "text"
        assert ienv.item(title) == before  # nothing changed, no step
        return
    action = case.replace("_no_text", "")
    if frm == NONE:
        assert r.status == 201, r.body
        after = ienv.item(title)
        assert (after[1], after[2], after[3], after[4]) == ("open", 1, 1, 1)
        return
    assert r.status == (201 if action == "reply" else 200), r.body
    to = frm if want == SAME else want
    after = ienv.item(title + ("（改）" if action == "save" else ""))
    assert after[0] == before[0] and after[1] == to
    assert r.json()["status"] == to
    assert after[4] == before[4] + 1  # one step on the timeline
    assert ienv.last_step(after[0]) == (STEP_KIND[action], "user:" + I_CALLERS[caller][0])
    assert after[2] == before[2] + (action == "escalate")
    # the row changes (and its version) unless a step on its last step's day
    # leaves its state as it was (a reply; a second answer): the open items'
    # last step was their raise on 07-01, the others' their import today
    same_row = frm != "open" and (action == "reply" or (action, frm) == ("answer", "answered"))
    assert after[3] == before[3] + (0 if same_row else 1)


def test_every_item_status_action_and_role_has_an_expectation():
    r = run("workflow", "item", "--format", "json")
    assert r.code == 0, r
    table = r.json()
    assert table["statuses"] == I_STATUSES
    assert table["actions"] == I_ACTIONS
    assert {p: set(v) for p, v in table["parties"].items()} == I_PARTIES
    assert table["own"] == "section on a project of its subtree, or department owning the item"
    rules = {(f, ru["action"], w): (ru["to"] if ru["to"] else ru["refused"])
             for ru in table["rules"] for f in ru["from"] for w in ru["who"]}
    mine = {(f, a, w): (to if isinstance(to, str) else
                        {LOCKED: "locked", FORBIDDEN: "forbidden"}[to])
            for froms, a, who, to in I_TABLE for f in froms for w in who}
    assert rules == mine
    assert set(table["otherwise"].values()) == {"wrong_status"}
    assert {c.replace("_no_text", "") for c in I_CASES} | {"import"} == set(I_ACTIONS)


def test_item_cells_cover_every_combination():
    assert len(I_CELLS) == len(I_CALLERS) + len(I_STATUSES) * len(I_CASES) * len(I_CALLERS) \
        == 328


# ---- the issued plan's change requests (DOMAIN.md §3), by hand ----

CR_STATUSES = ["pending", "approved", "rejected", "withdrawn"]
CR_FROM = [NONE] + CR_STATUSES
CR_ACTIONS = ["propose", "approve", "reject", "withdraw"]
# from, action, who → to. A plan change (change) is proposed with a reason of
# 1–2000 characters; an actual date (actual) without one, as a report is
# saved; a rejection always has one.
CR_TABLE = [
    ({NONE}, "propose", {"own", "office"}, "pending"),
    ({"pending"}, "approve", {"office"}, "approved"),
    ({"pending"}, "reject", {"office"}, "rejected"),
    ({"pending"}, "withdraw", {"own", "office"}, "withdrawn"),
]
CR_REASON = {"change": {"propose", "reject"}, "actual": {"reject"}}
CR_CASES = ["propose_reason", "propose_no_reason", "approve", "reject_reason",
            "reject_no_reason", "withdraw"]
DECISIONS = CR_CASES[2:]
CR_WORKFLOWS = ["change", "actual"]
# One project per (workflow, from-status, caller); on it one field per case.
CR_REFS = [f"CR-{i:03d}" for i in range(len(CR_WORKFLOWS) * len(CR_FROM) * len(CALLERS))]
FIELDS = {  # the field each case proposes, and its value; stage dates in stage order
    "change": {"propose_reason": ("planned_start", "2024-08-01"),
               "propose_no_reason": ("planned_completion", "2025-08-01"),
               "approve": ("planned_start", "2024-09-01"),
               "reject_reason": ("planned_completion", "2025-09-01"),
               "reject_no_reason": ("planned_production", "2025-10-01"),
               "withdraw": ("annual_plan_yuan", 2000000)},
    "actual": {"propose_reason": ("land_on", "2024-01-05"),
               "propose_no_reason": ("permit_on", "2024-02-05"),
               "approve": ("signed_on", "2024-01-10"),
               "reject_reason": ("filed_on", "2024-02-10"),
               "reject_no_reason": ("started_on", "2024-03-10"),
               "withdraw": ("completed_on", "2024-04-10")},
}
CR_CELLS = ([(wf, NONE, case, caller) for wf in CR_WORKFLOWS for case in CR_CASES
             for caller in CALLERS] +
            [(wf, frm, case, caller) for wf in CR_WORKFLOWS for frm in CR_STATUSES
             for case in DECISIONS for caller in CALLERS])


def cr_ref(wf, frm, caller):
    return CR_REFS[(CR_WORKFLOWS.index(wf) * len(CR_FROM) + CR_FROM.index(frm)) * len(CALLERS)
                   + list(CALLERS).index(caller)]


def cr_action(case):
    return case.split("_")[0]


def cr_role_may(role, action):
    return any(action == a and role in PARTIES[p] for _, a, who, _ in CR_TABLE for p in who)


def cr_expect(wf, frm, case, caller):
    """A refusal, or the request's status after."""
    _, role, party = CALLERS[caller]
    action = cr_action(case)
    if party in ("disabled", "expired"):
        return UNAUTHENTICATED
    if not cr_role_may(role, action):
        return FORBIDDEN
    if frm == NONE and action != "propose":
        return UNSEEN  # there is no such request
    if party == "unseen" or party is None:
        return UNSEEN if party == "unseen" else FORBIDDEN
    if case.endswith("no_reason") and action in CR_REASON[wf]:
        return NEEDS_REASON  # before the status: 400, not 409
    for froms, a, who, to in CR_TABLE:
        if a == action and frm in froms and party in who:
            return to
    return WRONG_STATUS


def request_state(e, rid):
    return e.con.execute("SELECT status, version, decided_by, decision_reason FROM"
                         " change_requests WHERE id = ?", (rid,)).fetchone()


def request_trail(e, rid):
    return e.con.execute("SELECT action FROM audit WHERE entity = 'change_request' AND"
                         " entity_key = ? ORDER BY id", (str(rid),)).fetchall()


def project_value(e, ref, field):
    if field == "annual_plan_yuan":
        return e.con.execute("SELECT l.annual_plan FROM listings l JOIN projects p ON"
                             " p.id = l.project_id WHERE p.ref = ? AND l.year = ?",
                             (ref, YEAR)).fetchone()[0]
    return e.con.execute(f"SELECT {field} FROM projects WHERE ref = ?", (ref,)).fetchone()[0]


def prepare_requests(e):
    """A request per decision cell, proposed by the office and brought to its
    status through the workflow itself."""
    coord = e.srv.login("coord")
    e.requests = {}
    for wf in CR_WORKFLOWS:
        for frm in CR_STATUSES:
            for caller in CALLERS:
                ref = cr_ref(wf, frm, caller)
                for case in DECISIONS:
                    field, value = FIELDS[wf][case]
                    r = coord.post("/api/v1/change-requests", {
                        "ref": ref, "changes": {field: value}, "reason": "准备"})
                    assert r.status == 201 and r.json()["kind"] == (
                        "plan" if wf == "change" else "actual"), r.body
                    rid = r.json()["id"]
                    act = {"approved": "approve", "rejected": "reject",
                           "withdrawn": "withdraw"}.get(frm)
                    if act:
                        r = coord.post(f"/api/v1/change-requests/{rid}/{act}",
                                       {"reason": "准备"})
                        assert r.status == 200 and r.json()["status"] == frm, r.body
                    e.requests[(wf, frm, caller, case)] = rid


def cr_act(e, wf, frm, case, caller):
    c = e.clients[caller]
    field, value = FIELDS[wf][case]
    ref = cr_ref(wf, frm, caller)
    action = cr_action(case)
    if action == "propose":
        body = {"ref": ref, "changes": {field: value}}
        if case == "propose_reason":
            body["reason"] = "征地延后，开工顺延"
        return c.post("/api/v1/change-requests", body), None
    rid = e.requests.get((wf, frm, caller, case), 999999)
    body = {"reason": "依据不足"} if case == "reject_reason" else {}
    return c.post(f"/api/v1/change-requests/{rid}/{action}", body), rid


def cr_cell_id(cell):
    return "-".join(cell)


@pytest.mark.parametrize("wf,frm,case,caller", CR_CELLS, ids=[cr_cell_id(c) for c in CR_CELLS])
def test_change_request_cell(env, wf, frm, case, caller):
    want = cr_expect(wf, frm, case, caller)
    field, value = FIELDS[wf][case]
    ref = cr_ref(wf, frm, caller)
    rid = env.requests.get((wf, frm, caller, case))
    before = request_state(env, rid) if rid else None
    trail = request_trail(env, rid) if rid else None
    official = project_value(env, ref, field)
    count = env.con.execute("SELECT count(*) FROM change_requests").fetchone()[0]
    if rid:
        assert before[0] == frm
    r, _ = cr_act(env, wf, frm, case, caller)

    if isinstance(want, Refused):
        assert r.status == want.status, r.body
        assert r.json()["error"]["code"] == want.code, r.body
        if want is NEEDS_REASON:
            assert r.json()["error"]["field"] == "reason"
        assert env.con.execute("SELECT count(*) FROM change_requests").fetchone()[0] == count
        if rid:
            assert request_state(env, rid) == before and request_trail(env, rid) == trail
        assert project_value(env, ref, field) == official  # nothing written
        return

    if cr_action(case) == "propose":
        assert r.status == 201, r.body
        got = r.json()
        assert got["status"] == want == "pending" and got["ref"] == ref and got["year"] == YEAR
        assert got["kind"] == ("plan" if wf == "change" else "actual")
        assert got["changes"] == {field: {"label": got["changes"][field]["label"], "from": None,
                                          "to": value}}
        assert got["proposed_by"] == "user:" + CALLERS[caller][0]
        assert got["reason"] == ("征地延后，开工顺延" if case == "propose_reason" else None)
        assert request_trail(env, got["id"]) == [("propose",)]
        assert project_value(env, ref, field) == official  # pending: the official value stays
        return

    assert r.status == 200, r.body
    after = request_state(env, rid)
    assert r.json()["status"] == after[0] == want
    assert after[1] == before[1] + 1
    assert after[2] == "user:" + CALLERS[caller][0]
    assert after[3] == ("依据不足" if want == "rejected" else None)
    assert request_trail(env, rid) == trail + [(cr_action(case),)]  # every step is audited
    stored = project_value(env, ref, field)
    assert stored == (value if want == "approved" else official)


def test_every_change_table_cell_has_an_expectation():
    """The C tables as the binary holds them have nothing the expectations
    above lack, and the same rows."""
    for wf in CR_WORKFLOWS:
        r = run("workflow", wf, "--format", "json")
        assert r.code == 0, r
        table = r.json()
        assert table["statuses"] == CR_STATUSES
        assert table["actions"] == CR_ACTIONS
        assert set(table["roles"]) == ROLES
        assert {p: set(v) for p, v in table["parties"].items()} == PARTIES
        rows = [(set(x["from"]), x["action"], set(x["who"]), x["to"]) for x in table["rules"]]
        assert rows == [(f, a, w, t) for f, a, w, t in CR_TABLE]
        assert {x["action"] for x in table["rules"] if "reason" in x["conditions"]} == \
            CR_REASON[wf]
        assert table["otherwise"] == {a: "wrong_status" for a in CR_ACTIONS}
        assert {cr_action(c) for c in CR_CASES} == set(CR_ACTIONS)


def test_change_cells_cover_every_combination():
    assert len(CR_CELLS) == len(CR_WORKFLOWS) * (len(CR_CASES) + len(CR_STATUSES) *
                                                 len(DECISIONS)) * len(CALLERS) == 396
