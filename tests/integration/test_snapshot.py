"""`ballast serve` answers every read from an in-memory snapshot of the
database (src/snap). These tests check that the snapshot and the database
never disagree: random writes through the server interleaved with reads,
compared at checkpoints with a freshly started server and with the CLI on the
same database; writes by another process (the CLI) seen by the next request;
and readers during a large write seeing all of it or none of it."""
import json
import random
import threading
import time

from conftest import run
from server import Server, make_demo
import backend

SEED = 20241207
YEAR = 2024
ASOF = "2024-06-30"
REFS = [f"2024-{i:03d}" for i in range(1, 165)]

# What the checkpoints compare: (client, path). Lists in every sort and some
# filters and pages, the measures in every breakdown, targets, warnings, the
# contest, the periods, single projects, units, listings, reports.
SORTS = ["ref", "-name", "total_investment", "-annual_plan", "planned_start", "-light",
         "section"]
READS = (
    [("coord", f"/api/v1/projects?year={YEAR}&asof={ASOF}&limit=30&offset={o}&sort={s}")
     for s in SORTS for o in (0, 60)]
    + [("s01", f"/api/v1/projects?year={YEAR}&asof={ASOF}&limit=1000&sort=-light"),
       ("dept", f"/api/v1/projects?year={YEAR}&asof={ASOF}&limit=1000"),
       ("coord", f"/api/v1/projects?year={YEAR}&asof={ASOF}&light=red&limit=1000"),
       ("coord", f"/api/v1/projects?year={YEAR}&asof={ASOF}&section=S02&tier=district"),
       ("coord", f"/api/v1/projects?year=2025&asof=2025-03-31&limit=1000&sort=-total_investment"),
       ("coord", f"/api/v1/listings?year={YEAR}&asof={ASOF}"),
       ("coord", f"/api/v1/listings?year=2025&asof=2025-03-31"),
       ("coord", "/api/v1/reports?month=2024-07"),
       ("s01", "/api/v1/reports?month=2024-06&status=not_reported"),
       # h-bench1: the report list reads the snapshot too
       ("coord", "/api/v1/reports?month=2024-05&status=returned"),
       ("s02", "/api/v1/reports?month=2024-08"),
       ("coord", "/api/v1/reports?month=2025-01&status=draft"),
       ("coord", f"/api/v1/targets?year={YEAR}&asof={ASOF}&check=1"),
       ("coord", f"/api/v1/targets?year={YEAR}&asof=2024-09-30&include_drafts=1"),
       ("coord", f"/api/v1/warnings?asof={ASOF}"),
       ("s02", f"/api/v1/warnings?asof=2024-08-15&min=red"),
       ("coord", "/api/v1/ranking?month=2024-06"),
       ("coord", "/api/v1/periods"),
       ("coord", "/api/v1/units"),
       ("coord", f"/api/v1/warnings?asof={ASOF}&rule=item_overdue"),
       ("coord", "/api/v1/items?limit=1000"),
       # h-wait: the element-wait warning follows supply writes
       ("coord", f"/api/v1/warnings?asof={ASOF}&rule=element_wait"),
       ("coord", "/api/v1/warnings?asof=2024-05-31&rule=element_wait")]
    + [("coord", f"/api/v1/measures?year={YEAR}&asof={a}&by={b}")
       for a in (ASOF, "2024-09-30") for b in ("section", "tier", "department", "month",
                                                 "industry")]
    + [("coord", f"/api/v1/measures?year={YEAR}&asof=2024-08-31&include_drafts=1&by=section"),
       ("coord", "/api/v1/measures?year=2025&asof=2025-02-28")]
    + [("coord", f"/api/v1/projects/{r}?year={YEAR}&asof={ASOF}") for r in REFS[:40]]
    + [("coord", f"/api/v1/projects/{r}?year=2025&asof=2025-01-31") for r in REFS[:10]]
    + [("coord", "/api/v1/projects/NEW-001?year=2024&asof=2024-06-30")]
)
# The CLI's documents of the same figures (test_parity.py: the same JSON).
CLI_READS = [
    (["measures", "--year", str(YEAR), "--asof", ASOF, "--by", "section"],
     f"/api/v1/measures?year={YEAR}&asof={ASOF}&by=section"),
    (["measures", "--year", str(YEAR), "--asof", "2024-09-30", "--by", "month"],
     f"/api/v1/measures?year={YEAR}&asof=2024-09-30&by=month"),
    (["measures", "--year", "2025", "--asof", "2025-02-28"],
     "/api/v1/measures?year=2025&asof=2025-02-28"),
    (["warnings", "--asof", ASOF], f"/api/v1/warnings?asof={ASOF}"),
    (["targets", "--year", str(YEAR), "--asof", ASOF],
     f"/api/v1/targets?year={YEAR}&asof={ASOF}"),
]
LOGINS = ("coord", "s01", "s02", "dept", "admin")


def answers(srv):
    clients = {name: srv.login(name) for name in LOGINS}
    out = {}
    for who, path in READS:
        r = clients[who].get(path)
        out[(who, path)] = (r.status, r.json())
    return out


REPORT_COLS = ("invest", "output", "progress", "problems", "status", "version",
               "return_reason", "submitted_by", "submitted_at", "verified_by",
               "verified_at")
REPORT_MONTHS = ("2024-05", "2024-06", "2024-07", "2024-08", "2025-01")


def reports_match_the_database(srv, db, step):
    """Every report of the months the random writes touch, as the list shows
    it, is the database's row, member for member, and a project without a
    row shows none (the list reads the snapshot since h-bench1)."""
    coord = srv.login("coord")
    con = backend.connect(f"file:{db}?mode=ro", uri=True)
    seen = 0
    try:
        for month in REPORT_MONTHS:
            rows = {ref: dict(zip(REPORT_COLS, rest)) for ref, *rest in con.execute(
                f"SELECT p.ref, {', '.join('r.' + c for c in REPORT_COLS)} FROM reports r"
                " JOIN projects p ON p.id = r.project_id WHERE r.month = ?", (month,))}
            items = coord.get(f"/api/v1/reports?month={month}").json()["items"]
            seen += len(items)
            for it in items:
                row, rep = rows.get(it["ref"]), it["report"]
                assert (rep is None) == (row is None), f"step {step}: {it['ref']} {month}"
                if row is None:
                    continue
                row["invest_yuan"], row["output_yuan"] = row.pop("invest"), row.pop("output")
                assert rep == row, f"step {step}: {it['ref']} {month} differs from the database"
    finally:
        con.close()
    assert seen >= 4 * 164  # the demo's 164 projects listed in 2024, each month


def checkpoint(srv, db, step):
    """The live server's answers equal a fresh server's on the same file,
    the report lists equal the database's rows, and the CLI's documents
    equal the live server's."""
    reports_match_the_database(srv, db, step)
    live = answers(srv)
    fresh = Server(db, log=f"{db}.fresh{step}.log")
    try:
        again = answers(fresh)
    finally:
        assert fresh.stop() == 0
    for key in live:
        assert live[key] == again[key], f"step {step}: {key} differs from a fresh load"
    coord = srv.login("coord")
    for args, path in CLI_READS:
        r = run(*args, "--format", "json", db=db)
        assert r.code == 0, r
        assert coord.get(path).json() == r.json(), f"step {step}: {path} differs from the CLI"


def day(rng, year=YEAR):
    return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def write_project(rng, c):
    """A field of a project changed; on the issued 2024 plan (the demo's) its
    planned dates change by a change request, approved at once."""
    ref = rng.choice(REFS)
    p = c.get(f"/api/v1/projects/{ref}").json()
    field, value = rng.choice([
        ("name", rng.choice(["甲项目", "乙项目", "丙项目"])),
        ("total_investment_yuan", rng.randint(1, 500) * 1000000),
        ("planned_start", day(rng)),
        ("industry", rng.choice(["集成电路", "新能源", None])),
        ("planned_completion", day(rng, 2025)),
    ])
    r = c.put(f"/api/v1/projects/{ref}", {field: value, "version": p["version"]})
    if r.status == 409 and r.json()["error"]["code"] == "plan_issued":
        approve(c, ref, {field: value})
        return
    assert r.status == 200, r.body


def approve(c, ref, changes):
    """The change request for changes on ref's issued plan, proposed and
    approved (a request that would change nothing is refused: fine)."""
    r = c.post("/api/v1/change-requests", {"ref": ref, "changes": changes, "reason": "调整"})
    if r.status == 201:
        r = c.post(f"/api/v1/change-requests/{r.json()['id']}/approve", {})
        assert r.status == 200, r.body
    else:
        assert r.status in (400, 409), r.body


def write_listing(rng, c):
    ref, year = rng.choice(REFS), rng.choice([2024, 2025])
    body = {"tiers": rng.sample(["province", "city", "district"], rng.randint(1, 3)),
            "annual_plan_yuan": rng.randint(1, 80) * 1200000}
    cur = [i for i in c.get(f"/api/v1/listings?year={year}&q={ref}").json()["items"]
           if i["ref"] == ref]
    if cur:
        body["version"] = cur[0]["version"]
    r = c.put(f"/api/v1/listings/{ref}/{year}", body)
    if r.status == 409 and r.json()["error"]["code"] == "plan_issued":
        approve(c, ref, {"annual_plan_yuan": body["annual_plan_yuan"]})
        return
    assert r.status in (200, 201), r.body


def write_report(rng, clients):
    """A section saves, submits; the office verifies, returns or amends."""
    ref = rng.choice(REFS[:60])
    month = rng.choice(["2024-05", "2024-06", "2024-07", "2024-08", "2025-01"])
    who = rng.choice(["s01", "s02", "coord"])
    c = clients[who]
    act = rng.choice(["save", "save", "submit", "verify", "return"])
    if act == "save":
        row = [i for i in c.get(f"/api/v1/reports?month={month}").json()["items"]
               if i["ref"] == ref]
        body = {"invest_yuan": rng.randint(0, 90) * 100000}
        if rng.random() < 0.5:  # texts with what JSON escapes (h-bench1)
            body["progress"] = rng.choice(["主体结构施工", "引号\"与反斜杠\\", "换行\n制表\t",
                                           "\b\f\x01 控制/斜杠", None])
            body["problems"] = rng.choice(["用地指标待落实", "", None, "第二行\r\n"])
        if row and row[0]["report"]:
            body["version"] = row[0]["report"]["version"]
        r = c.put(f"/api/v1/reports/{ref}/{month}", body)
        assert r.status in (200, 201, 403, 404, 409), r.body
    elif act == "submit":
        r = c.post("/api/v1/reports/submit", {"month": month})
        assert r.status in (200, 403), r.body
    else:
        c = clients["coord"]
        body = {"reason": "数字有误"} if act == "return" else {}
        r = c.post(f"/api/v1/reports/{ref}/{month}/{act}", body)
        assert r.status in (200, 404, 409), r.body


def write_item(rng, clients, items):
    """A supervision item raised (due by the rule, after today: the servers'
    own escalation leaves it), or one of them resolved."""
    coord = clients["coord"]
    if items and rng.random() < 0.4:
        r = coord.post(f"/api/v1/items/{items.pop(0)}/resolve", {"text": "已解决"})
        assert r.status == 200, r.body
        return
    r = coord.post("/api/v1/items", {"ref": rng.choice(REFS), "title": "用地指标待落实",
                                     "category": "land"})
    assert r.status == 201, r.body
    items.append(r.json()["id"])


def write_other(rng, clients, made, created):
    coord, admin = clients["coord"], clients["admin"]
    k = rng.randint(0, 6)
    if k == 0:
        r = coord.post("/api/v1/targets", {"year": YEAR, "measure": "start_rate",
                                           "tier": rng.choice(["province", "city", None]),
                                           "due": day(rng), "value": "60%"})
        assert r.status == 201, r.body
        made.append(r.json()["id"])
    elif k == 1 and made:
        r = coord.delete(f"/api/v1/targets/{made.pop(0)}")
        assert r.status == 200, r.body
    elif k == 2:
        r = admin.put("/api/v1/settings/warn.start_overdue.red_days",
                      {"value": rng.choice([10, 30, 90])})
        assert r.status == 200, r.body
    elif k == 3:
        body = {"month": f"2024-{rng.randint(1, 12):02d}", "unit": None, "items": [
            {"indicator": "fixed_asset_investment_yuan", "value": rng.randint(1, 9) * 10**9}]}
        r = coord.put("/api/v1/indicators", body)
        if r.status == 409:  # a month entered before: name the version replaced
            body["items"][0]["version"] = r.json()["current"]["version"]
            r = coord.put("/api/v1/indicators", body)
        assert r.status == 200, r.body
    elif k == 5:  # h-wait: a supply event (new: its document number is new)
        element = rng.choice(["land", "energy"])
        r = coord.post("/api/v1/supplies", {
            "ref": rng.choice(REFS), "year": YEAR, "element": element,
            "kind": "land_grant" if element == "land" else "energy_approval",
            "on": day(rng), "amount": rng.randint(1, 300), "doc_no": f"T-{len(made)}-{rng.random()}"})
        assert r.status == 201, r.body
    elif k == 6:
        r = admin.put("/api/v1/settings/guarantees.wait_days",
                      {"value": rng.choice([30, 90, 200])})
        assert r.status == 200, r.body
    else:
        ref = f"NEW-{len(created) + 1:03d}"
        r = coord.post("/api/v1/projects", {"ref": ref, "name": "新项目",
                                            "section": rng.choice(["S01", "S02", "S03"])})
        assert r.status == 201, r.body
        created.append(ref)


def test_random_writes_match_a_fresh_load(tmp_path):
    db = tmp_path / "d.db"
    make_demo(db)
    srv = Server(db, log=f"{db}.log")
    rng = random.Random(SEED)
    clients = {name: srv.login(name) for name in LOGINS}
    made, created, items = [], [], []
    try:
        checkpoint(srv, db, 0)
        for step in range(1, 181):
            k = rng.random()
            if k < 0.2:
                write_project(rng, clients["coord"])
            elif k < 0.35:
                write_listing(rng, clients["coord"])
            elif k < 0.8:
                write_report(rng, clients)
            elif k < 0.87:
                write_item(rng, clients, items)
            else:
                write_other(rng, clients, made, created)
            # reads in between, of what was just written among others
            who, path = rng.choice(READS)
            assert clients[who].get(path).status in (200, 404)
            if step % 60 == 0:
                checkpoint(srv, db, step)
    finally:
        assert srv.stop() == 0


def coord_of(srv):
    return srv.login("coord")


def figure(c, path, *keys):
    v = c.get(path).json()
    for k in keys:
        v = v[k]
    return v


def test_another_process_is_seen(tmp_path):
    """The CLI writes while the server runs: the next request sees it (a
    report import patches the snapshot; a unit import reloads it)."""
    db = tmp_path / "d.db"
    make_demo(db)
    srv = Server(db, log=f"{db}.log")
    try:
        c = coord_of(srv)
        path = "/api/v1/measures?year=2024&asof=2024-07-31"
        before = figure(c, path, "measures", "investment_yuan")
        p = c.get("/api/v1/projects/2024-001?year=2024&asof=2024-07-31").json()
        july = p["monthly"][6]
        csv = tmp_path / "r.csv"
        csv.write_text("ref,month,invest\n2024-001,2024-07,1234.5\n2024-002,2024-07,100\n")
        # the July reports these replace (none in the demo as of June)
        assert july["reported"] is False and july["invest_yuan"] == 0
        r = run("import", "reports", str(csv), db=db)
        assert r.code == 0, r
        after = figure(c, path, "measures", "investment_yuan")
        assert after == before + 12345000 + 1000000
        p = c.get("/api/v1/projects/2024-001?year=2024&asof=2024-07-31").json()
        assert p["monthly"][6]["invest_yuan"] == 12345000
        assert p["monthly"][6]["reported"] is True
        # a unit renamed by another process: everything is read again
        units = tmp_path / "u.csv"
        units.write_text("code,name,kind\nS01,改名的板块,section\n")
        r = run("import", "units", str(units), db=db)
        assert r.code == 0, r
        names = {u["code"]: u["name"] for u in c.get("/api/v1/units").json()["items"]}
        assert names["S01"] == "改名的板块"
        rows = c.get("/api/v1/measures?year=2024&asof=2024-07-31&by=section").json()
        assert [x["name"] for x in rows["breakdown"] if x["key"] == "S01"] == ["改名的板块"]
        assert rows["measures"]["investment_yuan"] == after
        # a setting from the CLI changes the lights at once
        r = run("settings", "set", "warn.start_overdue.red_days", "3650", db=db)
        assert r.code == 0, r
        assert c.get("/api/v1/settings/warn.start_overdue.red_days").json()["value"] == "3650"
        warn = c.get("/api/v1/warnings?asof=2024-06-30").json()
        cli = run("warnings", "--asof", "2024-06-30", "--format", "json", db=db).json()
        assert warn == cli
    finally:
        assert srv.stop() == 0


def test_readers_never_see_half_a_write(tmp_path):
    """An import of a year of reports for every project is one transaction;
    readers polling the measures and a list during it see the figures before
    it or after it, never a part of it."""
    db = tmp_path / "d.db"
    make_demo(db)
    srv = Server(db, log=f"{db}.log")
    try:
        c = coord_of(srv)
        path = "/api/v1/measures?year=2025&asof=2025-12-31"
        lpath = "/api/v1/projects?year=2025&asof=2025-12-31&limit=1000&sort=-light"
        listings = "ref,year,tiers,annual_plan\n" + "".join(
            f"{r},2025,district,120\n" for r in REFS)
        r = c.post("/api/v1/import/listings", raw=listings.encode(),
                   headers={"Content-Type": "text/csv"})
        assert r.status == 200, r.body
        before = c.get(path).json()["measures"]
        assert before["investment_yuan"] == 0
        lights_before = [(p["ref"], p["light"]) for p in c.get(lpath).json()["items"]]
        rows = "".join(f"{r},2025-{m:02d},1\n" for r in REFS for m in range(1, 13))
        seen, lights_seen, stop = [], [], threading.Event()
        pollers = [coord_of(srv) for _ in range(3)]

        def poll(me):
            while not stop.is_set():
                seen.append(me.get(path).json()["measures"]["investment_yuan"])
                lights_seen.append([(p["ref"], p["light"])
                                    for p in me.get(lpath).json()["items"]])

        threads = [threading.Thread(target=poll, args=(me,)) for me in pollers]
        for t in threads:
            t.start()
        while len(seen) < 3:  # every poller is reading before the write starts
            time.sleep(0.01)
        r = c.post("/api/v1/import/reports", raw=("ref,month,invest\n" + rows).encode(),
                   headers={"Content-Type": "text/csv"})
        assert r.status == 200, r.body
        after = c.get(path).json()["measures"]["investment_yuan"]
        lights_after = [(p["ref"], p["light"]) for p in c.get(lpath).json()["items"]]
        done = len(seen)
        # and reads after it (each poller had at most one read in flight)
        while len(seen) < done + 6:
            time.sleep(0.01)
        stop.set()
        for t in threads:
            t.join()
        # 164 projects × 12 months × 1 万元, all verified on import
        assert after == 164 * 12 * 10000
        assert seen[0] == 0 and after in seen[done:]
        assert set(seen) <= {0, after}, sorted(set(seen))
        assert all(x in (lights_before, lights_after) for x in lights_seen)
    finally:
        assert srv.stop() == 0


def test_list_rows_are_the_projects(tmp_path):
    """A list writes its rows as text (src/http/json_rows.c); each equals the
    project read on its own (jansson), member for member and in order."""
    db = tmp_path / "d.db"
    make_demo(db)
    srv = Server(db, log=f"{db}.log")
    try:
        c = coord_of(srv)
        # a project with every kind of member: text to escape, decimals,
        # month plans, no department
        p = c.get("/api/v1/projects/2024-007?year=2024").json()
        r = c.put("/api/v1/projects/2024-007", {"name": "引号\"与\\反斜杠\t", "land_mu": "12.5",
                                                "energy_tce": "0.0001", "department": None,
                                                "version": p["version"]})
        assert r.status == 200, r.body
        r = c.put("/api/v1/listings/2024-007/2025", {"tiers": ["province", "district"],
                                                     "annual_plan_yuan": 1200,
                                                     "month_plan_yuan": [100] * 12})
        assert r.status == 201, r.body
        for year, asof in ((2024, "2024-03-31"), (2024, "2024-06-30"), (2024, "2024-12-31"),
                           (2025, "2025-06-30")):
            page = c.get(f"/api/v1/projects?year={year}&asof={asof}&limit=1000&sort=-light")
            items = json.loads(page.body, object_pairs_hook=list)
            items = dict(items)["items"]
            assert len(items) == (164 if year == 2024 else 1)
            for row in items:
                ref = dict(row)["ref"]
                one = json.loads(c.get(f"/api/v1/projects/{ref}?year={year}&asof={asof}").body,
                                 object_pairs_hook=list)
                one = [(k, v) for k, v in one
                       if k not in ("warnings", "monthly", "plan_locked_year",
                                    "leaders")]  # the detail's own (leader linkage)
                assert row == one, ref
    finally:
        assert srv.stop() == 0


def test_a_signed_lead_moves_the_servers_contest(tmp_path):
    """h-talent: the contest's signed-investment part reads the signed leads
    from the snapshot; a lead signed through the server refreshes it, and the
    server's round equals the CLI's and a fresh server's."""
    db = tmp_path / "d.db"
    make_demo(db)
    srv = Server(db, log=f"{db}.log")
    path = "/api/v1/ranking?month=2024-06"
    cli = ("ranking", "--month", "2024-06", "--no-save", "--format", "json")
    try:
        c, admin = coord_of(srv), srv.login("admin")
        before = c.get(path).json()
        assert before == run(*cli, db=db).json()
        # weight 0 (the default): the part gives no points to anyone
        assert all(s["points"]["signed_investment"] == 0 for s in before["sections"])
        r = admin.put("/api/v1/settings/contest.weight.signed_investment", {"value": 40})
        assert r.status == 200, r.body
        old = {s["code"]: s["signed_investment"] for s in before["sections"]}
        # a lead of 10 亿 followed by S01, signed 2024-06-15 through the server
        r = c.post("/api/v1/leads", {"company": "快照测试半导体", "industry": "集成电路",
                                     "found_by": "S01", "followed_by": "S01",
                                     "amount_yuan": 1_000_000_000, "found_on": "2024-05-01"})
        assert r.status == 201, r.body
        lead = r.json()["id"]
        for _ in range(2):
            assert c.post(f"/api/v1/leads/{lead}/advance", {"on": "2024-05-20"}).status == 200
        r = c.post(f"/api/v1/leads/{lead}/sign", {"ref": "SNAP-LEAD-1", "on": "2024-06-15"})
        assert r.status == 200, r.body
        after = c.get(path).json()
        assert after["weights"]["signed_investment"] == 40
        den = old["S01"]["den"] + 1_000_000_000
        for s in after["sections"]:
            got = s["signed_investment"]
            num = old[s["code"]]["num"] + (1_000_000_000 if s["code"] == "S01" else 0)
            assert (got["num"], got["den"]) == (num, den), s["code"]
            # 40 points × the share, in hundredths rounded half away from zero
            assert s["points"]["signed_investment"] == (4000 * num * 2 + den) // (2 * den) / 100
        assert after == run(*cli, db=db).json()
        fresh = Server(db, log=f"{db}.fresh.log")
        try:
            assert fresh.login("coord").get(path).json() == after
        finally:
            assert fresh.stop() == 0
    finally:
        assert srv.stop() == 0
