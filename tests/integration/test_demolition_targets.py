"""A demolition target (issue #15 item 5): measures demolition_area_m2 (征拆面积)
and demolition_households (征拆户数) in the targets table, judged like every
target (DOMAIN.md §5) from the demolition task books: the actual is the sum,
over the tasks of the target's year and measure in its section subtree, of
each task's latest progress report on or before the day judged.

The district is tests/fixtures/small (S1; S2 with the street S21 under it).
Tasks: S2 乙片区征收 20000 ㎡ by 12-31 (03-31: 2000); S21 社区腾退 16500 ㎡
by 06-30 (04-30: 10000); S1 甲片区征收 5000 ㎡ (04-30: 5000, not S2's); S2
乙街道搬迁 40 户 (04-30: 10, another measure). S2's target: 36500 ㎡ by
12-31, over 2024-01-01 … 12-31 = 365 days, so the pace is 100 ㎡ a day
elapsed: on 04-29 (119 days) 11900, on 04-30 (120 days) 12000."""
from conftest import run
from server import PASSWORD, Server

DEMOLITION_CSV = (
    "section,year,task,measure,quantity,due,reported_on,done\n"
    "S2,2024,乙片区征收,㎡,20000,2024-12-31,2024-03-31,2000\n"
    "S21,2024,社区腾退,㎡,16500,2024-06-30,2024-04-30,10000\n"
    "S1,2024,甲片区征收,㎡,5000,2024-12-31,2024-04-30,5000\n"
    "S2,2024,乙街道搬迁,户,40,2024-12-31,2024-04-30,10\n"
)

TARGETS_CSV = (
    "year,measure,section,due,value\n"
    "2024,征拆面积,S2,2024-12-31,36500\n"
    "2024,demolition_households,S2,2024-12-31,40\n"
)


def load(db, tmp_path):
    for kind, text in (("demolition", DEMOLITION_CSV), ("targets", TARGETS_CSV)):
        f = tmp_path / f"{kind}.csv"
        f.write_text(text, encoding="utf-8")
        r = run("import", kind, f, db=db)
        assert r.code == 0, r


def demolition_targets(db, asof):
    r = run("targets", "--year", "2024", "--asof", asof, "--format", "json", db=db)
    assert r.code == 0, r
    return [t for t in r.json()["targets"] if t["measure"].startswith("demolition_")]


def area(targets):
    (t,) = [t for t in targets if t["measure"] == "demolition_area_m2"]
    return t


def test_pace_the_day_before_and_of_a_report(small, tmp_path):
    load(small, tmp_path)
    t = area(demolition_targets(small, "2024-04-29"))
    assert (t["label"], t["scope"]["section"], t["value"]) == ("征拆面积", "S2", 36500)
    assert (t["actual"], t["expected"], t["status"]) == (2000, 11900, "at_risk")
    # the drill-down: S2's and S21's area tasks, not S1's, not the households
    assert [(k["name"], k["section"], k["done"], k["reported_on"]) for k in t["tasks"]] == [
        ("乙片区征收", "S2", 2000, "2024-03-31"), ("社区腾退", "S21", 0, None)]
    t = area(demolition_targets(small, "2024-04-30"))
    assert (t["actual"], t["expected"], t["status"]) == (12000, 12000, "on_track")
    assert sum(k["done"] for k in t["tasks"]) == t["actual"]
    # after the due date, judged on it: 12000 short of 36500, missed
    t = area(demolition_targets(small, "2025-01-15"))
    assert (t["judged_on"], t["actual"], t["expected"], t["status"]) == (
        "2024-12-31", 12000, 36500, "missed")
    (h,) = [t for t in demolition_targets(small, "2024-04-30")
            if t["measure"] == "demolition_households"]
    assert (h["actual"], h["status"]) == (10, "at_risk")  # 10 × 365 < 40 × 120
    table = run("targets", "--year", "2024", "--asof", "2024-04-30", db=small)
    assert table.code == 0 and "征拆面积" in table.out, table


def test_server_agrees_and_follows_a_report(small, tmp_path):
    """A progress report written through the API refreshes what the targets
    read: task 乙片区征收 on 04-15 1999 (later than 03-31) makes 11999, one
    ㎡ short of the pace on 04-30: at risk, in the server and the CLI alike."""
    load(small, tmp_path)
    assert run("user", "add", "coord", "--role", "coordinator", db=small,
               stdin=PASSWORD + "\n").code == 0
    srv = Server(small)
    try:
        c = srv.login("coord")
        q = "/api/v1/targets?year=2024&asof=2024-04-30"
        api = [t for t in c.get(q).json()["targets"] if t["measure"].startswith("demolition_")]
        assert api == demolition_targets(small, "2024-04-30")
        tasks = {k["name"]: k["id"] for k in area(api)["tasks"]}
        r = c.post(f"/api/v1/demolition/{tasks['乙片区征收']}/reports",
                   {"on": "2024-04-15", "done": 1999})
        assert r.status == 201, r.body
        t = area([t for t in c.get(q).json()["targets"] if t["measure"].startswith("demol")])
        assert (t["actual"], t["expected"], t["status"]) == (11999, 12000, "at_risk")
        assert t == area(demolition_targets(small, "2024-04-30"))
        # a demolition target takes a section only
        r = c.post("/api/v1/targets", {"year": 2024, "measure": "demolition_area_m2",
                                       "tier": "city", "due": "2024-12-31", "value": 1})
        assert r.status == 400 and r.json()["error"]["field"] == "tier", r.body
        r = c.post("/api/v1/targets", {"year": 2024, "measure": "demolition_households",
                                       "section": "S1", "due": "2024-12-31", "value": 5})
        assert r.status == 201, r.body
    finally:
        assert srv.stop() == 0
    assert run("verify", db=small).code == 0


def test_import_refuses_a_filter(small, tmp_path):
    f = tmp_path / "bad.csv"
    f.write_text("year,measure,section,industrial,due,value\n"
                 "2024,demolition_area_m2,S2,1,2024-12-31,100\n"
                 "2024,demolition_area_m2,S2,,2024-12-31,1000000001\n", encoding="utf-8")
    r = run("import", "targets", f, db=small)
    assert r.code == 1, r
    assert "no tier, department or industrial filter" in r.err, r
    assert "a quantity from 0 to 1000000000" in r.err, r
    assert demolition_targets(small, "2024-04-30") == []
