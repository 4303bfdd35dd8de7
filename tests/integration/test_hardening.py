"""Hardening (issue #9), the short forms `make check` runs; `make hardening`
runs the full ones (tests/hardening/run.py, same checks in
hardening_checks.py): kill -9 during an import and during HTTP writes, the
permission matrix role x route from the route table itself, injection
payloads over every query parameter and path capture, and the security
headers."""
import random

import pytest

from hardening_checks import (PARAM_ROUTES, ROLE_USER, Tally, access_matrix, header_problems,
                              import_kill, injection, query_params_from_source,
                              routes_from_source, server_kill)
from server import PASSWORD, Server, make_demo

Q = "year=2024&asof=2024-06-30"
ROLES = list(ROLE_USER)  # admin, coordinator, section, department, leader, auditor


# ---- crash consistency ----

def test_kill_during_import_leaves_all_or_nothing(tmp_path):
    t = import_kill(Tally("import kill -9"), tmp_path, tries=4, rng=random.Random(9))
    print(t)
    assert t.tries == 4 and not t.failures, t


def test_kill_during_http_writes_keeps_acknowledged_writes(tmp_path):
    t = server_kill(Tally("server kill -9"), tmp_path, tries=2, rng=random.Random(9))
    print(t)
    assert t.tries == 2 and not t.failures, t


# ---- the permission matrix ----

@pytest.fixture(scope="module")
def srv(tmp_path_factory):
    db = tmp_path_factory.mktemp("hardening") / "h.db"
    make_demo(db)
    s = Server(db, log=str(db) + ".log")
    yield s
    assert s.stop() == 0


class Ctx:
    """What the matrix's requests name: projects of S01 (so the section user
    may write them) whose department is D01 (so the department user sees
    them), reports submitted for verifying and returning, targets to delete."""

    def __init__(self, srv):
        self.srv = srv
        coord = self.coord = srv.login("coord")
        items = coord.get(f"/api/v1/projects?{Q}&section=S01&limit=1000&sort=ref").json()["items"]
        self.shared = next(p["ref"] for p in items if (p["department"] or {}).get("code") == "D01")
        refs = [p["ref"] for p in items if p["ref"] != self.shared]
        assert len(refs) >= 17
        self.review = dict(zip(["admin", "coordinator", "admin-return", "coordinator-return"],
                               refs[:4]))
        self.report = dict(zip(["admin", "coordinator", "section"], refs[4:7]))
        s01 = srv.login("s01")
        for ref in refs[:4]:
            assert s01.put(f"/api/v1/reports/{ref}/2024-07", {"invest_yuan": 1}).status == 201
        assert s01.post("/api/v1/reports/submit", {"month": "2024-07",
                                                   "refs": refs[:4]}).json()["submitted"] == 4
        # Supervision items owned by D01 on the shared project: one that every
        # role reads, replies to and answers, and one per office role for each
        # decision (a resolved one to reopen).
        self.items = {}
        for use in ("shared", "resolve-admin", "resolve-coordinator", "close-admin",
                    "close-coordinator", "reopen-admin", "reopen-coordinator",
                    "escalate-admin", "escalate-coordinator"):
            r = coord.post("/api/v1/items", {"ref": self.shared, "title": f"矩阵事项 {use}",
                                             "owner": "D01"})
            assert r.status == 201, r.body
            self.items[use] = r.json()["id"]
        for role in ("admin", "coordinator"):
            r = coord.post(f"/api/v1/items/{self.items['reopen-' + role]}/resolve", {})
            assert r.status == 200, r.body
        self.targets = {}
        for role, due in (("admin", "2024-12-01"), ("coordinator", "2024-12-02")):
            r = coord.post("/api/v1/targets", {"year": 2024, "measure": "new_starts",
                                               "due": due, "value": 2})
            assert r.status == 201, r.body
            self.targets[role] = r.json()["id"]
        # The issued plan: listings of two years not issued, for each office
        # role to issue one; pending change requests on projects of S01, one
        # on the shared project (every role sees it), the others for the
        # office roles to approve, reject, withdraw, and the section user to
        # withdraw; and projects to propose a change to.
        for year in (2026, 2027):
            r = coord.put(f"/api/v1/listings/{self.shared}/{year}", {"tiers": ["district"]})
            assert r.status == 201, r.body
        spare = refs[7:]
        assert len(spare) >= 10, spare
        self.propose = dict(zip(["admin", "coordinator", "section"], spare[7:10]))
        keys = ["admin-approve", "coordinator-approve", "admin-reject", "coordinator-reject",
                "admin-withdraw", "coordinator-withdraw", "section-withdraw", "seen"]
        self.request = {}
        for key, ref in zip(keys, spare[:7] + [self.shared]):
            r = coord.post("/api/v1/change-requests", {
                "ref": ref, "changes": {"planned_completion": "2030-06-30"}, "reason": "矩阵"})
            assert r.status == 201, r.body
            self.request[key] = r.json()["id"]
        # visits: a visit every role reads and a team every writer changes.
        r = coord.post("/api/v1/visits", {"ref": self.shared, "who": "矩阵走访"})
        assert r.status == 201, r.body
        self.visit = r.json()["id"]
        r = coord.put(f"/api/v1/teams/{self.shared}", {"name": "矩阵突击队", "members": ["s01"]})
        assert r.status == 200, r.body

        # Element guarantees and demolition task books: S01's first task.
        tasks = coord.get("/api/v1/demolition?asof=2024-06-30").json()["items"]
        self.task = next(t["id"] for t in tasks if t["section"]["code"] == "S01")
        self.leads_setup(coord)

    def leads_setup(self, coord):
        """h-leads: leads followed by S01 (so the section user may move them):
        one every role reads, edits and notes; one per writing role to
        advance, sign (at 意向), drop, and for the office to reopen
        (dropped)."""
        self.leads = {}
        for use in ["shared"] + [f"{a}-{r}" for a in ("advance", "sign", "drop")
                                 for r in ("admin", "coordinator", "section")] + \
                ["reopen-admin", "reopen-coordinator"]:
            r = coord.post("/api/v1/leads", {"company": f"矩阵线索 {use}", "found_by": "320214",
                                             "followed_by": "S01"})
            assert r.status == 201, r.body
            self.leads[use] = lid = r.json()["id"]
            for _ in range(2 if use.startswith("sign-") else 0):
                assert coord.post(f"/api/v1/leads/{lid}/advance", {}).status == 200
            if use.startswith("reopen-"):
                assert coord.post(f"/api/v1/leads/{lid}/drop", {"text": "矩阵"}).status == 200

    def lead(self, use, role, action=None):
        """The path of a lead (action): the role's own lead for a move."""
        lid = self.leads.get(f"{use}-{role}", self.leads["shared"])
        return f"/api/v1/leads/{lid}" + (f"/{action}" if action else "")

    def own_list(self, role):
        """DELETE of the list the role made (POST /lists), else of list 1."""
        lists = self.coord.get("/api/v1/lists").json()["items"]
        mine = [x for x in lists if x["name"] == f"矩阵清单 {role}"]
        x = mine[0] if mine else lists[0]
        return f"/api/v1/lists/{x['id']}?version={x['version']}"

    def version(self, path):
        return self.coord.get(path).json()["version"]

    def sharing_rule(self):
        """Revenue sharing: a stored rule for the office roles to edit, made
        on first use, and its current version."""
        if not hasattr(self, "rule"):
            r = self.coord.post("/api/v1/ledger/rules", {
                "name": "矩阵规则", "nth_from": 7, "valid_from": 2031, "street_permille": 700})
            assert r.status == 201, r.body
            self.rule = r.json()["id"]
        rules = self.coord.get("/api/v1/ledger/rules").json()["items"]
        return self.rule, next(x["version"] for x in rules if x["id"] == self.rule)

    def item(self, use, role, action):
        """The path of an item action: the role's own item for a decision."""
        return f"/api/v1/items/{self.items.get(f'{use}-{role}', self.items['shared'])}/{action}"


def rule_edit(cx, role):
    rule, version = cx.sharing_rule()
    return f"/api/v1/ledger/rules/{rule}", {"name": f"矩阵规则 {role}", "nth_from": 7,
                                            "valid_from": 2031, "street_permille": 750,
                                            "version": version}


def project_edit(cx, role):
    v = cx.version(f"/api/v1/projects/{cx.shared}?{Q}")
    # a free-text field: the leader text names leader accounts (its links
    # are the office's, the PUT /projects/:ref/leaders row below)
    return f"/api/v1/projects/{cx.shared}", {"industry": f"矩阵 {role}", "version": v}


# The expectation table: every route of routes.c, the request that role sends
# (path and body, from the context), and the answer when the role has the
# right. Without it, access.c's matrix says 403 forbidden. A route of routes.c
# missing here, or an entry here that routes.c lacks, fails the test.
IMPORT_CSV = "ref,name,section\nMX-IMPORT,矩阵导入,S01\n".encode()
EXPECT = {
    ("GET", "/healthz"): (lambda cx, r: ("/healthz", None), 200),
    ("POST", "/api/v1/session"): (
        lambda cx, r: ("/api/v1/session", {"username": ROLE_USER.get(r, "nobody"),
                                           "password": PASSWORD}), 200),
    ("GET", "/api/v1/session"): (lambda cx, r: ("/api/v1/session", None), 200),
    ("DELETE", "/api/v1/session"): (lambda cx, r: ("/api/v1/session", None), 200),
    # A weak new password: 400 for every role, the route admitted. (A real
    # change would end the role's other sessions, the context's among them;
    # tests/integration/test_accounts.py changes passwords.)
    ("POST", "/api/v1/session/password"): (
        lambda cx, r: ("/api/v1/session/password", {"old": PASSWORD, "new": "weak"}), 400),
    ("GET", "/api/v1/units"): (lambda cx, r: ("/api/v1/units", None), 200),
    ("GET", "/api/v1/projects"): (lambda cx, r: ("/api/v1/projects?" + Q, None), 200),
    ("POST", "/api/v1/projects"): (
        lambda cx, r: ("/api/v1/projects", {"ref": f"MX-{r}", "name": "矩阵项目",
                                            "section": "S01"}), 201),
    ("GET", "/api/v1/projects/:ref"): (
        lambda cx, r: (f"/api/v1/projects/{cx.shared}?{Q}", None), 200),
    ("PUT", "/api/v1/projects/:ref"): (project_edit, 200),
    ("PATCH", "/api/v1/projects/:ref"): (project_edit, 200),
    ("GET", "/api/v1/measures"): (lambda cx, r: ("/api/v1/measures?" + Q, None), 200),
    ("GET", "/api/v1/targets"): (lambda cx, r: ("/api/v1/targets?" + Q, None), 200),
    ("POST", "/api/v1/targets"): (
        lambda cx, r: ("/api/v1/targets", {"year": 2024, "measure": "new_starts",
                                           "due": f"2024-10-{10 + (ROLES + [None]).index(r):02d}",
                                           "value": 3}), 201),
    ("DELETE", "/api/v1/targets/:id"): (
        lambda cx, r: (f"/api/v1/targets/{cx.targets.get(r, 1)}", None), 200),
    ("GET", "/api/v1/listings"): (lambda cx, r: ("/api/v1/listings?year=2024", None), 200),
    # 2024's plan is issued (its listings change by change request): each
    # office role lists a project of its own for 2025.
    ("PUT", "/api/v1/listings/:ref/:year"): (
        lambda cx, r: (f"/api/v1/listings/{cx.report.get(r, cx.shared)}/2025",
                       {"tiers": ["district"]}), 201),
    ("GET", "/api/v1/warnings"): (lambda cx, r: ("/api/v1/warnings?asof=2024-06-30", None),
                                  200),
    ("GET", "/api/v1/reports"): (lambda cx, r: ("/api/v1/reports?month=2024-06", None), 200),
    ("PUT", "/api/v1/reports/:ref/:month"): (
        lambda cx, r: (f"/api/v1/reports/{cx.report.get(r, cx.shared)}/2024-07",
                       {"invest_yuan": 5, "progress": "矩阵"}), 201),
    ("POST", "/api/v1/reports/submit"): (
        lambda cx, r: ("/api/v1/reports/submit", {"month": "2024-08", "refs": []}), 200),
    ("POST", "/api/v1/reports/:ref/:month/verify"): (
        lambda cx, r: (f"/api/v1/reports/{cx.review.get(r, cx.shared)}/2024-07/verify", None),
        200),
    ("POST", "/api/v1/reports/:ref/:month/return"): (
        lambda cx, r: (f"/api/v1/reports/{cx.review.get(f'{r}-return', cx.shared)}/2024-07"
                       "/return", {"reason": "矩阵退回"}), 200),
    ("GET", "/api/v1/users"): (lambda cx, r: ("/api/v1/users", None), 200),
    ("POST", "/api/v1/users"): (
        lambda cx, r: ("/api/v1/users", {"username": f"mx-{r}", "password": "matrix-pass-1",
                                         "role": "leader"}), 201),
    # One account no session of the matrix uses: s02.
    ("GET", "/api/v1/users/:name"): (lambda cx, r: ("/api/v1/users/s02", None), 200),
    ("PATCH", "/api/v1/users/:name"): (
        lambda cx, r: ("/api/v1/users/s02", {"display_name": f"矩阵 {r}"}), 200),
    ("DELETE", "/api/v1/users/:name/sessions"): (
        lambda cx, r: ("/api/v1/users/s02/sessions", None), 200),
    ("GET", "/api/v1/audit"): (lambda cx, r: ("/api/v1/audit?limit=5", None), 200),
    ("GET", "/api/v1/ranking"): (lambda cx, r: ("/api/v1/ranking?month=2024-06", None), 200),
    ("GET", "/api/v1/ranking/history"): (lambda cx, r: ("/api/v1/ranking/history", None), 200),
    ("GET", "/api/v1/bulletins"): (lambda cx, r: ("/api/v1/bulletins", None), 200),
    ("GET", "/api/v1/bulletins/:month"): (
        lambda cx, r: ("/api/v1/bulletins/2024-06?format=html", None), 200),
    ("POST", "/api/v1/bulletins/:month/issue"): (
        lambda cx, r: (f"/api/v1/bulletins/{ {'admin': '2024-05'}.get(r, '2024-06')}/issue",
                       None), 201),
    ("GET", "/api/v1/periods"): (lambda cx, r: ("/api/v1/periods", None), 200),
    ("GET", "/api/v1/settings"): (lambda cx, r: ("/api/v1/settings", None), 200),
    ("PUT", "/api/v1/settings"): (
        lambda cx, r: ("/api/v1/settings", {"bulletin.issuer": "区重大项目办"}), 200),
    ("GET", "/api/v1/settings/:key"): (
        lambda cx, r: ("/api/v1/settings/bulletin.title", None), 200),
    ("PUT", "/api/v1/settings/:key"): (
        lambda cx, r: ("/api/v1/settings/contest.named", {"value": 3}), 200),
    ("DELETE", "/api/v1/settings/:key"): (
        lambda cx, r: ("/api/v1/settings/contest.named", None), 200),
    ("GET", "/api/v1/indicators"): (lambda cx, r: ("/api/v1/indicators?year=2024", None), 200),
    ("PUT", "/api/v1/indicators"): (
        lambda cx, r: ("/api/v1/indicators",
                       {"month": {"admin": "2024-08"}.get(r, "2024-09"), "unit": None,
                        "items": [{"indicator": "industrial_funds", "value": 2}]}), 200),
    ("GET", "/api/v1/items"): (lambda cx, r: ("/api/v1/items?overdue=1", None), 200),
    ("POST", "/api/v1/items"): (
        lambda cx, r: ("/api/v1/items", {"ref": cx.shared, "title": f"矩阵 {r}"}), 201),
    ("GET", "/api/v1/items/:id"): (
        lambda cx, r: (f"/api/v1/items/{cx.items['shared']}", None), 200),
    ("PATCH", "/api/v1/items/:id"): (
        lambda cx, r: (f"/api/v1/items/{cx.items['shared']}",
                       {"title": f"矩阵事项 {r}",
                        "version": cx.version(f"/api/v1/items/{cx.items['shared']}")}), 200),
    ("POST", "/api/v1/items/:id/replies"): (
        lambda cx, r: (cx.item("shared", r, "replies"), {"text": f"矩阵回复 {r}"}), 201),
    ("POST", "/api/v1/items/:id/answer"): (
        lambda cx, r: (cx.item("shared", r, "answer"), {"text": f"矩阵答复 {r}"}), 200),
    ("POST", "/api/v1/items/:id/resolve"): (
        lambda cx, r: (cx.item("resolve", r, "resolve"), {}), 200),
    ("POST", "/api/v1/items/:id/close"): (
        lambda cx, r: (cx.item("close", r, "close"), {"text": "重复事项"}), 200),
    ("POST", "/api/v1/items/:id/reopen"): (
        lambda cx, r: (cx.item("reopen", r, "reopen"), {"text": "答复不实"}), 200),
    ("POST", "/api/v1/items/:id/escalate"): (
        lambda cx, r: (cx.item("escalate", r, "escalate"), {"text": "协调未果"}), 200),
    ("GET", "/api/v1/inbox"): (lambda cx, r: ("/api/v1/inbox", None), 200),
    ("GET", "/api/v1/plans/:year"): (lambda cx, r: ("/api/v1/plans/2024", None), 200),
    ("POST", "/api/v1/plans/:year/issue"): (
        lambda cx, r: (f"/api/v1/plans/{ {'admin': 2026}.get(r, 2027)}/issue", None), 201),
    ("GET", "/api/v1/change-requests"): (lambda cx, r: ("/api/v1/change-requests", None), 200),
    ("POST", "/api/v1/change-requests"): (
        lambda cx, r: ("/api/v1/change-requests",
                       {"ref": cx.propose.get(r, cx.shared), "reason": "矩阵",
                        "changes": {"planned_completion": "2031-06-30"}}), 201),
    ("GET", "/api/v1/change-requests/:id"): (
        lambda cx, r: (f"/api/v1/change-requests/{cx.request['seen']}", None), 200),
    ("POST", "/api/v1/change-requests/:id/approve"): (
        lambda cx, r: (f"/api/v1/change-requests/"
                       f"{cx.request.get(f'{r}-approve', cx.request['seen'])}/approve", {}), 200),
    ("POST", "/api/v1/change-requests/:id/reject"): (
        lambda cx, r: (f"/api/v1/change-requests/"
                       f"{cx.request.get(f'{r}-reject', cx.request['seen'])}/reject",
                       {"reason": "矩阵驳回"}), 200),
    ("POST", "/api/v1/change-requests/:id/withdraw"): (
        lambda cx, r: (f"/api/v1/change-requests/"
                       f"{cx.request.get(f'{r}-withdraw', cx.request['seen'])}/withdraw", {}),
        200),
    ("POST", "/api/v1/import/:kind"): (
        lambda cx, r: ("/api/v1/import/projects?dry_run=1", IMPORT_CSV), 200),
    ("GET", "/api/v1/export/:kind"): (lambda cx, r: ("/api/v1/export/units", None), 200),
    ("GET", "/api/v1/templates/:kind"): (lambda cx, r: ("/api/v1/templates/units", None), 200),
    # ui14 (issue #14 items 8, 10): readiness before issuing; the map
    ("GET", "/api/v1/bulletins/:month/readiness"): (
        lambda cx, r: ("/api/v1/bulletins/2024-07/readiness", None), 200),
    ("GET", "/api/v1/map/boundary"): (lambda cx, r: ("/api/v1/map/boundary", None), 200),
    ("PUT", "/api/v1/map/boundary"): (
        lambda cx, r: ("/api/v1/map/boundary",
                       {"name": f"矩阵 {r}", "version": cx.version("/api/v1/map/boundary"),
                        "geojson": {"type": "Polygon", "coordinates": [
                            [[120.3, 31.4], [120.6, 31.4], [120.6, 31.7], [120.3, 31.4]]]}}),
        200),
    # visits
    ("GET", "/api/v1/visits"): (lambda cx, r: ("/api/v1/visits?limit=5", None), 200),
    ("POST", "/api/v1/visits"): (
        lambda cx, r: ("/api/v1/visits", {"ref": cx.shared, "who": f"矩阵 {r}"}), 201),
    ("GET", "/api/v1/visits/:id"): (lambda cx, r: (f"/api/v1/visits/{cx.visit}", None), 200),
    ("GET", "/api/v1/teams/:ref"): (lambda cx, r: (f"/api/v1/teams/{cx.shared}", None), 200),
    ("PUT", "/api/v1/teams/:ref"): (
        lambda cx, r: (f"/api/v1/teams/{cx.shared}",
                       {"name": f"矩阵突击队 {r}",
                        "version": cx.coord.get(f"/api/v1/teams/{cx.shared}").json()
                        ["team"]["version"]}), 200),
    ("GET", "/api/v1/schedule"): (lambda cx, r: ("/api/v1/schedule?asof=2024-06-30", None), 200),
    # element guarantees and demolition task books: a row of its own per role
    ("GET", "/api/v1/supplies"): (lambda cx, r: ("/api/v1/supplies?asof=2024-06-30", None), 200),
    ("POST", "/api/v1/supplies"): (
        lambda cx, r: ("/api/v1/supplies", {"ref": cx.shared, "year": 2024, "element": "funding",
                                            "kind": "other", "on": "2024-06-01", "amount": 1,
                                            "doc_no": f"矩阵 {r}"}), 201),
    ("GET", "/api/v1/demolition"): (
        lambda cx, r: ("/api/v1/demolition?asof=2024-06-30", None), 200),
    ("POST", "/api/v1/demolition/:id/reports"): (
        lambda cx, r: (f"/api/v1/demolition/{cx.task}/reports",
                       {"on": f"2024-06-{10 + (ROLES + [None]).index(r):02d}", "done": 1}), 201),
    # Policy fulfilment (h-funds). Application 1 of the demo is on a project of
    # S01 under a policy whose 会商 D01 owns: every role sees it. A step with a
    # malformed day, and an application without its fields, are 400 for every
    # role let in (test_funds.py walks the steps themselves).
    ("GET", "/api/v1/applications"): (
        lambda cx, r: ("/api/v1/applications?asof=2024-06-30", None), 200),
    ("POST", "/api/v1/applications"): (
        lambda cx, r: ("/api/v1/applications", {"company": f"矩阵 {r}"}), 400),
    ("GET", "/api/v1/applications/:id"): (lambda cx, r: ("/api/v1/applications/1", None), 200),
    ("POST", "/api/v1/applications/:id/verify"): (
        lambda cx, r: ("/api/v1/applications/1/verify", {"on": "x"}), 400),
    ("POST", "/api/v1/applications/:id/consult"): (
        lambda cx, r: ("/api/v1/applications/1/consult", {"on": "x"}), 400),
    ("POST", "/api/v1/applications/:id/pay"): (
        lambda cx, r: ("/api/v1/applications/1/pay", {"on": "x"}), 400),
    ("POST", "/api/v1/applications/:id/reject"): (
        lambda cx, r: ("/api/v1/applications/1/reject", {"on": "x"}), 400),
    ("GET", "/api/v1/policies"): (lambda cx, r: ("/api/v1/policies", None), 200),
    ("POST", "/api/v1/policies"): (
        lambda cx, r: ("/api/v1/policies", {
            "name": f"矩阵政策 {r}", "kind": "other", "year": 2024,
            "limits": {"verify": 5, "consult": 10, "pay": 15},
            "owners": {"apply": "D01", "verify": "D01", "consult": "D01", "pay": "D02"}}), 201),
    ("GET", "/api/v1/calendar"): (lambda cx, r: ("/api/v1/calendar", None), 200),
    ("PUT", "/api/v1/calendar/:day"): (
        lambda cx, r: ("/api/v1/calendar/2025-01-01", {"kind": "holiday", "name": "元旦"}), 200),
    ("DELETE", "/api/v1/calendar/:day"): (lambda cx, r: ("/api/v1/calendar/2023-01-02", None),
                                          200),
    # h-leads: the lead pool
    ("GET", "/api/v1/leads"): (lambda cx, r: ("/api/v1/leads?section=S01", None), 200),
    ("POST", "/api/v1/leads"): (
        lambda cx, r: ("/api/v1/leads", {"company": f"矩阵新线索 {r}", "found_by": "S01",
                                         "followed_by": "S01"}), 201),
    ("GET", "/api/v1/leads/counts"): (lambda cx, r: ("/api/v1/leads/counts?year=2024", None),
                                      200),
    ("POST", "/api/v1/leads/talents"): (
        lambda cx, r: ("/api/v1/leads/talents", {"unit": "S01", "month": "2024-06",
                                                 "count": 1}), 200),
    ("GET", "/api/v1/leads/:id"): (lambda cx, r: (cx.lead("shared", r), None), 200),
    ("PATCH", "/api/v1/leads/:id"): (
        lambda cx, r: (cx.lead("shared", r), {"source": f"矩阵 {r}",
                                              "version": cx.version(cx.lead("shared", r))}),
        200),
    ("POST", "/api/v1/leads/:id/advance"): (lambda cx, r: (cx.lead("advance", r, "advance"), {}),
                                            200),
    ("POST", "/api/v1/leads/:id/sign"): (
        lambda cx, r: (cx.lead("sign", r, "sign"), {"ref": f"MX-LEAD-{r}"}), 200),
    ("POST", "/api/v1/leads/:id/drop"): (
        lambda cx, r: (cx.lead("drop", r, "drop"), {"text": "矩阵放弃"}), 200),
    ("POST", "/api/v1/leads/:id/reopen"): (
        lambda cx, r: (cx.lead("reopen", r, "reopen"), {"text": "矩阵重启"}), 200),
    ("POST", "/api/v1/leads/:id/notes"): (
        lambda cx, r: (cx.lead("shared", r, "notes"), {"text": "矩阵备注"}), 201),
    # revenue sharing and industrial funds (res_sharing.c)
    ("GET", "/api/v1/taxes"): (lambda cx, r: ("/api/v1/taxes?year=2024", None), 200),
    ("GET", "/api/v1/ledger"): (lambda cx, r: ("/api/v1/ledger?year=2024", None), 200),
    ("GET", "/api/v1/ledger/rules"): (lambda cx, r: ("/api/v1/ledger/rules", None), 200),
    ("POST", "/api/v1/ledger/rules"): (
        lambda cx, r: ("/api/v1/ledger/rules", {"name": f"矩阵新规则 {r}", "nth_from": 7,
                                                "valid_from": 2032, "street_permille": 800}),
        201),
    ("PUT", "/api/v1/ledger/rules/:id"): (rule_edit, 200),
    ("GET", "/api/v1/funds"): (lambda cx, r: ("/api/v1/funds?year=2024", None), 200),
    ("POST", "/api/v1/funds"): (
        lambda cx, r: ("/api/v1/funds", {"name": f"矩阵基金 {r}", "capital": 10000,
                                         "registered_on": "2024-05-05"}), 201),
    # leader linkage: the demo's leader accounts and lists (1 10亿以上项目,
    # 2 书记挂钩项目); the matrix's leader user "leader" reads its own page
    ("GET", "/api/v1/leaders"): (lambda cx, r: ("/api/v1/leaders", None), 200),
    ("GET", "/api/v1/leaders/:name/projects"): (
        lambda cx, r: ("/api/v1/leaders/leader/projects?asof=2024-06-30", None), 200),
    ("POST", "/api/v1/leaders/:name/visit"): (
        lambda cx, r: ("/api/v1/leaders/leader/visit", {}), 200),
    ("PUT", "/api/v1/projects/:ref/leaders"): (
        lambda cx, r: (f"/api/v1/projects/{cx.shared}/leaders",
                       {"leaders": ["lin"], "version": cx.version(
                           f"/api/v1/projects/{cx.shared}?{Q}")}), 200),
    ("GET", "/api/v1/lists"): (lambda cx, r: ("/api/v1/lists", None), 200),
    ("POST", "/api/v1/lists"): (
        lambda cx, r: ("/api/v1/lists", {"name": f"矩阵清单 {r}", "projects": [cx.shared]}),
        201),
    ("GET", "/api/v1/lists/:id"): (lambda cx, r: ("/api/v1/lists/1", None), 200),
    ("PUT", "/api/v1/lists/:id"): (
        lambda cx, r: ("/api/v1/lists/2", {"projects": [p["ref"] for p in cx.coord.get(
            "/api/v1/lists/2").json()["projects"]], "version": cx.version("/api/v1/lists/2")}),
        200),
    ("DELETE", "/api/v1/lists/:id"): (lambda cx, r: (cx.own_list(r), None), 200),
}

# Where a handler refuses a role that access.c lets in (403 from the handler).
HANDLER_RULES = {
    # res_export.c: an export holds every project; section and department
    # users see only theirs (projects R in access.c).
    ("GET", "/api/v1/export/:kind"): {"section": 403, "department": 403},
    # res_bulletins.c: a month not yet issued has only a draft, and drafts are
    # the issuers' (coordinators, admins); the others are told it is not issued.
    ("GET", "/api/v1/bulletins/:month"): {r: (404, "not_issued") for r in
                                          ("section", "department", "leader", "auditor")},
    # res_items.c, core/workflow.c WF_ITEM: the department responsible for the
    # project sees its items but raises none (it is not the owner of an item
    # not yet raised); the office never answers, the owner does.
    ("POST", "/api/v1/items"): {"department": 403},
    ("POST", "/api/v1/items/:id/answer"): {"admin": 403, "coordinator": 403},
    # res_leaders.c: only the leader marks its own page seen
    ("POST", "/api/v1/leaders/:name/visit"): {"admin": 403, "coordinator": 403,
                                               "auditor": 403},
}


def expected(route, role, matrix):
    """(status, error code or None) for role (None: no session)."""
    method, pattern, fn, res, act, flags = route
    ok = EXPECT[(method, pattern)][1]
    if "ROUTE_PUBLIC" in flags:
        if role is None and method == "POST":
            return 401, "bad_credentials"  # logging in as nobody
        return ok, None
    if role is None:
        return 401, "unauthenticated"
    if act not in matrix[role].get(res, set()):
        return 403, "forbidden"
    status = HANDLER_RULES.get((method, pattern), {}).get(role, ok)
    if isinstance(status, tuple):
        return status
    return status, "forbidden" if status == 403 else None


def test_every_route_has_an_expectation():
    in_source = {(m, p) for m, p, *_ in routes_from_source()}
    assert len(in_source) == len(routes_from_source()) >= 34
    assert in_source - set(EXPECT) == set(), "routes.c has routes the matrix test lacks"
    assert set(EXPECT) - in_source == set(), "the matrix test names routes routes.c lacks"
    assert set(access_matrix()) == set(ROLES)


def matrix_run(srv, tally, headers):
    """Every role (and no session) x every route of routes.c: the exact
    status, and the error code of a refusal, into tally; the security
    headers of every answer into headers."""
    matrix = access_matrix()
    cx = Ctx(srv)
    sessions = {role: srv.login(user) for role, user in ROLE_USER.items()}
    sessions[None] = srv.client()
    for route in routes_from_source():
        method, pattern = route[0], route[1]
        build = EXPECT[(method, pattern)][0]
        for role in ROLES + [None]:
            c = sessions[role]
            if pattern == "/api/v1/session" and method == "POST":
                c = srv.client()  # a new session is not the matrix's
            elif pattern == "/api/v1/session" and method == "DELETE" and role:
                c = srv.login(ROLE_USER[role])
            path, body = build(cx, role)
            raw = body if isinstance(body, bytes) else None
            r = c.request(method, path, body=None if raw else body, raw=raw)
            want, code = expected(route, role, matrix)
            who = f"{role or 'anonymous'} {method} {path}"
            got = r.json()["error"]["code"] if code and r.status == want else None
            tally.ok(r.status == want and got == code,
                     f"{who}: {r.status} {got or ''}, expected {want} {code or ''}: "
                     f"{r.body[:200]}")
            problems = header_problems(r, who)
            headers.ok(not problems, "; ".join(problems))
    return tally


def test_permission_matrix_role_by_route(tmp_path):
    # A server of its own: the matrix's writes expect the demo as it was made.
    db = tmp_path / "m.db"
    make_demo(db)
    srv = Server(db, log=str(db) + ".log")
    try:
        t = matrix_run(srv, Tally("matrix"), headers := Tally("headers"))
    finally:
        assert srv.stop() == 0
    assert t.tries == len(routes_from_source()) * 7
    assert t.failures == []
    assert headers.failures == []


def test_importing_units_needs_the_right_to_write_units(srv):
    assert "ACT_WRITE" not in access_matrix()["coordinator"]["RES_UNITS"]
    r = srv.login("coord").post("/api/v1/import/units?dry_run=1",
                                raw="code,name,kind,parent\nXU1,新街道,street,S01\n".encode())
    assert r.status == 403 and r.json()["error"]["code"] == "forbidden"


# ---- injection payloads ----

def test_every_query_parameter_has_injection_routes():
    assert query_params_from_source() == set(PARAM_ROUTES)


def test_injection_payloads_get_no_5xx(srv):
    t = injection(Tally("injection"), srv, srv.login("admin"), full=False,
                  headers=(h := Tally("headers")))
    print(t)
    assert t.tries > 3000 and not t.failures, t
    assert h.tries == t.tries - 1 and not h.failures, h


def test_injection_payloads_in_path_captures_get_no_5xx(srv):
    t = injection(Tally("captures"), srv, srv.login("admin"), full=False, captures=True,
                  headers=(h := Tally("headers")))
    print(t)
    assert t.tries > 2000 and not t.failures, t
    assert not h.failures, h


# ---- security headers ----

def test_security_headers_on_the_web_ui_and_errors(srv):
    c = srv.login("admin")
    problems = []
    for method, path in (("GET", "/"), ("GET", "/projects/2024-001"), ("GET", "/index.html"),
                         ("GET", "/assets/none.js"), ("GET", "/api/v1/nothing"),
                         ("DELETE", "/api/v1/measures"), ("POST", "/"),
                         ("GET", "/api/v1/bulletins/2024-06?format=html&draft=1")):
        r = c.request(method, path)
        problems += header_problems(r, f"{method} {path} ({r.status})")
    r = srv.client().get("/")
    assert r.status == 200 and r.headers["Content-Type"].startswith("text/html")
    assert "frame-ancestors 'none'" in r.headers["Content-Security-Policy"]
    assert problems == []


# ---- found by the fuzz targets ----

def test_errors_quoting_bytes_that_are_not_utf8_stay_json(srv):
    # jansson's message quotes the body ("near '...'") and a 404 names the
    # path; bytes that are not UTF-8 made the error document null
    # (tests/fuzz/corpus/fuzz_json_body/invalid_utf8_in_error).
    c = srv.login("coord")
    r = c.post("/api/v1/targets", raw=b'{"ame[[\\"`\\\\\\\xcd\xa3\\\xa3\\\\\\^\\\\\\\xa3\x00[[',
               headers={"Content-Type": "application/json"})
    assert r.status == 400
    err = r.json()["error"]
    assert err["code"] == "bad_json" and err["message"].startswith("invalid escape near")
    assert "\ufffd" in err["message"]
    r = c.get("/api/v1/projects/%FF%FE")
    assert r.status == 404 and r.json()["error"] == {
        "code": "not_found", "message": "not found", "message_zh": "未找到",
        "field": "\ufffd\ufffd"}
