"""One instance, many districts (issue #17 item 5, DOMAIN.md §2): a city's
instance keeps bulletins and contest rounds per district and month; a
district coordinator sees and issues only its own district's (another's is
404), a city coordinator names the district (422 district_required without)
and compares districts with measures by=district.

The fixture tests/fixtures/districts: city C, districts DA (sections A1, A2)
and DB (B1, B2); five projects listed in 2024 at district tier, as of
2024-06-30 (万元):

  ref  section signed     filed      started    planned start  plan  invest
  PA1  A1      2024-01-05 2024-02-01 2024-03-10 2024-03-01     1000  100 (Apr) + 150 (May)
  PA2  A1      2024-01-10 2024-03-01 —          2024-05-01      500  —
  PA3  A2      2023-06-01 2023-08-01 2023-10-01 2023-10-01     2000  200 (Jan)
  PB1  B1      2024-02-01 2024-03-01 2024-04-01 2024-04-01      800  80 (May)
  PB2  B2      2024-01-01 —          —          2024-06-01      400  —
"""

import http.client

import pytest

import backend

from conftest import FIXTURES, run
from server import PASSWORD, Server
from test_lists import sheet

M = "2024-06"
USERS = {  # username: (role, unit)
    "admin": ("admin", None),
    "city": ("coordinator", "C"),
    "ca": ("coordinator", "DA"),
    "cb": ("coordinator", "DB"),
    "sa1": ("section", "A1"),
}


def make_city(db, users=True):
    assert run("init", db=db).code == 0
    for kind in ("units", "projects", "listings", "reports"):
        r = run("import", kind, FIXTURES / "districts" / f"{kind}.csv", db=db)
        assert r.code == 0, r
    for name, (role, unit) in USERS.items() if users else ():
        args = ["user", "add", name, "--role", role] + (["--unit", unit] if unit else [])
        assert run(*args, db=db, stdin=PASSWORD + "\n").code == 0


def unit_id(db, code):
    con = backend.connect(db)
    try:
        return con.execute("SELECT id FROM units WHERE code = ?", (code,)).fetchone()[0]
    finally:
        con.close()


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    db = tmp_path_factory.mktemp("districts") / "city.db"
    make_city(db)
    return db


def codes(doc):
    return [s["code"] for s in doc["sections"]]


def test_the_cli_ranks_one_district_and_needs_it_named(city):
    r = run("ranking", "--month", M, db=city)
    assert r.code == 1 and "holds 2 districts: name one with --district CODE" in r.err
    r = run("ranking", "--month", M, "--district", "DX", db=city)
    assert r.code == 1 and "district DX: no district has this code or name" in r.err
    r = run("ranking", "--month", M, "--district", "A1", db=city)  # a section is no district
    assert r.code == 1 and "no district has this code or name" in r.err
    a = run("ranking", "--month", M, "--district", "DA", "--format", "json", db=city).json()
    b = run("ranking", "--month", M, "--district", "乙区", "--format", "json", db=city).json()
    # A2: PA3 started (1/1); A1: PA1 of PA1, PA2 (1/2); B1: PB1 (1/1); B2: none (0/1)
    assert sorted(codes(a)) == ["A1", "A2"] and sorted(codes(b)) == ["B1", "B2"]
    rate = {s["code"]: (s["start_rate"]["num"], s["start_rate"]["den"])
            for s in a["sections"] + b["sections"]}
    assert rate == {"A1": (1, 2), "A2": (1, 1), "B1": (1, 1), "B2": (0, 1)}
    # investment completion of started projects: A1 250/1000 万, B1 80/800 万 (yuan)
    inv = {s["code"]: (s["investment_completion"]["num"], s["investment_completion"]["den"])
           for s in a["sections"] + b["sections"]}
    assert inv["A1"] == (2500000, 10000000) and inv["B1"] == (800000, 8000000)
    assert a["issued"] is None


def test_measures_by_district(city):
    doc = run("measures", "--year", "2024", "--asof", "2024-06-30", "--by", "district",
              "--format", "json", db=city).json()
    rows = {r["key"]: r for r in doc["breakdown"]}
    assert [r["key"] for r in doc["breakdown"]] == ["DA", "DB"]
    a, b = rows["DA"], rows["DB"]
    assert (a["name"], a["projects"], b["name"], b["projects"]) == ("甲区", 3, "乙区", 2)

    def ratio(row, k):
        return (row["measures"][k]["num"], row["measures"][k]["den"])
    # DA: signed 3, filed 3, started 2 (PA1, PA3); due starts PA1, PA2 (PA3
    # continues), started PA1; invest 450 万 of started plans 3000 万
    assert ratio(a, "filing_rate") == (3, 3)
    assert ratio(a, "start_rate_of_filed") == (2, 3)
    assert ratio(a, "start_rate") == (2, 3)
    assert ratio(a, "due_start_attainment") == (1, 2)
    assert ratio(a, "investment_completion") == (4500000, 30000000)
    assert (a["measures"]["new_starts"], a["measures"]["investment_yuan"]) == (1, 4500000)
    # DB: signed 2, filed 1 (PB1), started 1; due starts PB1, PB2, started PB1;
    # invest 80 万 of 800 万
    assert ratio(b, "filing_rate") == (1, 2)
    assert ratio(b, "start_rate_of_filed") == (1, 1)
    assert ratio(b, "start_rate") == (1, 2)
    assert ratio(b, "due_start_attainment") == (1, 2)
    assert ratio(b, "investment_completion") == (800000, 8000000)
    assert (b["measures"]["new_starts"], b["measures"]["investment_yuan"]) == (1, 800000)
    # the whole city: the two together
    assert doc["projects"] == 5 and doc["measures"]["investment_yuan"] == 5300000
    # a scope of one district keeps its row only
    one = run("measures", "--year", "2024", "--asof", "2024-06-30", "--by", "district",
              "--section", "A1", "--format", "json", db=city).json()
    assert [(r["key"], r["projects"]) for r in one["breakdown"]] == [("DA", 2)]


def test_each_district_issues_its_own_bulletin_and_round(tmp_path):
    db = tmp_path / "c.db"
    make_city(db, users=False)
    r = run("bulletin", "--month", M, "--issue", "--yes", "--actor", "x", db=db)
    assert r.code == 1 and "name one with --district" in r.err
    for d in ("DA", "DB"):
        r = run("bulletin", "--month", M, "--issue", "--yes", "--district", d, "--actor",
                "coordinator:" + d, db=db)
        assert r.code == 0, r
    # issued once per district: a second issue of DA is refused, DB untouched
    r = run("bulletin", "--month", M, "--issue", "--yes", "--district", "DA", db=db)
    assert r.code == 1 and "issued already" in r.err
    listing = run("bulletin", "--list", "--format", "json", db=db).json()
    assert [(b["month"], b["district"], b["version"], b["issued_by"]) for b in listing] == [
        (M, "DA", 1, "coordinator:DA"), (M, "DB", 1, "coordinator:DB")]
    only_b = run("bulletin", "--list", "--district", "DB", "--format", "json", db=db).json()
    assert [b["district"] for b in only_b] == ["DB"]
    hist = run("ranking", "--history", "--format", "json", db=db).json()
    assert [(h["month"], h["district"], sorted(s["code"] for s in h["result"]["sections"]))
            for h in hist] == [(M, "DA", ["A1", "A2"]), (M, "DB", ["B1", "B2"])]
    # each bulletin is of its district's projects: PA1 … in A's, PB1 … in B's
    a_html, b_html = tmp_path / "a.html", tmp_path / "b.html"
    assert run("bulletin", "--month", M, "--district", "DA", "-o", a_html, db=db).code == 0
    assert run("bulletin", "--month", M, "--district", "DB", "-o", b_html, db=db).code == 0
    a_text, b_text = a_html.read_text(), b_html.read_text()
    assert "甲二街道" in a_text and "乙一板块" not in a_text
    assert "乙一板块" in b_text and "甲二街道" not in b_text
    # audited under keys naming the district's id; verify reconciles the rows
    ida, idb = unit_id(db, "DA"), unit_id(db, "DB")
    con = backend.connect(db)
    keys = con.execute("SELECT entity, entity_key FROM audit WHERE entity IN ('bulletin',"
                       " 'ranking_round') ORDER BY id").fetchall()
    con.close()
    assert keys == [("bulletin", f"{ida}/{M}"), ("ranking_round", f"{ida}/{M}"),
                    ("bulletin", f"{idb}/{M}"), ("ranking_round", f"{idb}/{M}")]
    r = run("verify", db=db)
    assert r.code == 0, r
    # a row moved to another district behind ballast's back is found
    con = backend.connect(db)
    con.execute("UPDATE ranking_rounds SET district_id = ? WHERE district_id = ?", (0, idb))
    con.commit()
    con.close()
    r = run("verify", db=db)
    assert r.code == 1 and "ranking_rounds" in r.err


def test_who_sees_which_district_over_http(tmp_path):
    db = tmp_path / "h.db"
    make_city(db)
    srv = Server(db)
    try:
        ca, cb, city, sa1 = (srv.login(n) for n in ("ca", "cb", "city", "sa1"))
        # a district coordinator: its own by default, another's is 404
        r = ca.get(f"/api/v1/ranking?month={M}")
        assert r.status == 200 and r.json()["district"] == "DA"
        assert sorted(codes(r.json())) == ["A1", "A2"]
        assert ca.get(f"/api/v1/ranking?month={M}&district=DA").status == 200
        r = ca.get(f"/api/v1/ranking?month={M}&district=DB")
        assert (r.status, r.json()["error"]["code"]) == (404, "not_found")
        # the city coordinator names the district
        r = city.get(f"/api/v1/ranking?month={M}")
        assert (r.status, r.json()["error"]["code"], r.json()["error"]["field"]) == (
            422, "district_required", "district")
        r = city.get(f"/api/v1/ranking?month={M}&district=DB")
        assert r.status == 200 and sorted(codes(r.json())) == ["B1", "B2"]
        r = city.get(f"/api/v1/ranking?month={M}&district=NOPE")
        assert (r.status, r.json()["error"]["field"]) == (400, "district")
        # issuing: each coordinator its own; the city's needs the district
        r = ca.post(f"/api/v1/bulletins/{M}/issue")
        assert (r.status, r.json()["district"], r.json()["version"]) == (201, "DA", 1)
        r = ca.post(f"/api/v1/bulletins/{M}/issue?district=DB")
        assert (r.status, r.json()["error"]["code"]) == (404, "not_found")
        r = city.post(f"/api/v1/bulletins/{M}/issue")
        assert (r.status, r.json()["error"]["code"]) == (422, "district_required")
        r = city.post(f"/api/v1/bulletins/{M}/issue?district=DB")
        assert (r.status, r.json()["district"]) == (201, "DB")
        r = city.post(f"/api/v1/bulletins/{M}/issue?district=DA")
        assert (r.status, r.json()["error"]["code"]) == (409, "issued")
        # downloads: one's own; another district's is 404, never a draft
        assert ca.get(f"/api/v1/bulletins/{M}?format=html").status == 200
        r = ca.get(f"/api/v1/bulletins/{M}?format=html&district=DB")
        assert (r.status, r.json()["error"]["code"]) == (404, "not_found")
        r = sa1.get(f"/api/v1/bulletins/{M}?format=html")
        assert r.status == 200 and "甲二街道" in r.body and "乙一板块" not in r.body
        assert sa1.get(f"/api/v1/bulletins/{M}?format=html&district=DB").status == 404
        r = city.get(f"/api/v1/bulletins/{M}?format=html&district=DB")
        assert r.status == 200 and "乙一板块" in r.body and "甲二街道" not in r.body
        assert city.get(f"/api/v1/bulletins/{M}?format=html").status == 422
        # lists: a district's own; the city's all, or one named
        def listed(c, q=""):
            r = c.get("/api/v1/bulletins" + q)
            assert r.status == 200, r.body
            return [(b["month"], b["district"], b["latest"]) for b in r.json()["items"]]
        assert listed(ca) == [(M, "DA", True)]
        assert listed(cb) == [(M, "DB", True)]
        assert listed(city) == [(M, "DA", True), (M, "DB", True)]
        assert listed(city, "?district=DB") == [(M, "DB", True)]
        assert ca.get("/api/v1/bulletins?district=DB").status == 404
        hist = city.get("/api/v1/ranking/history").json()["items"]
        assert [(h["month"], h["district"]) for h in hist] == [(M, "DA"), (M, "DB")]
        hist = cb.get("/api/v1/ranking/history").json()["items"]
        assert [(h["month"], h["district"]) for h in hist] == [(M, "DB")]
        # the history as XLSX names each round's district (a column after the month)
        conn = http.client.HTTPConnection("127.0.0.1", city.port, timeout=60)
        conn.request("GET", "/api/v1/ranking/history?format=xlsx", headers={"Cookie": city.cookie})
        got = conn.getresponse()
        rows = sheet(got.read())
        conn.close()
        assert got.status == 200
        assert rows[0][:2] == ["月份", "区"]
        assert sorted((r[1], r[4]) for r in rows[1:]) == [
            ("DA", "A1"), ("DA", "A2"), ("DB", "B1"), ("DB", "B2")]
        # the issued round beside the live one is the district's
        r = ca.get(f"/api/v1/ranking?month={M}").json()["issued"]
        assert (r["issue_no"], sorted(s["code"] for s in r["sections"])) == (6, ["A1", "A2"])
        # readiness of one district's projects: A lacks PA1's, PA2's and PA3's
        # June reports (PA2 not started owes none), B PB1's
        ra = ca.get(f"/api/v1/bulletins/{M}/readiness").json()
        rb = city.get(f"/api/v1/bulletins/{M}/readiness?district=DB").json()
        assert sorted(s["code"] for s in ra["sections"]) == ["A1", "A2"]
        assert sorted(s["code"] for s in rb["sections"]) == ["B1", "B2"]
        # the city compares its districts
        r = city.get("/api/v1/measures?year=2024&asof=2024-06-30&by=district")
        assert [(x["key"], x["projects"], x["measures"]["investment_yuan"])
                for x in r.json()["breakdown"]] == [("DA", 3, 4500000), ("DB", 2, 800000)]
    finally:
        srv.stop()


def current_version(db):
    return backend.schema_version(db)


# The two tables as they were before the district migration. NOTE: the test
# below sets the schema version back by one: it assumes the district
# migration is the last of src/store/migrations.c (adjust it if one is
# appended after it).
BEFORE_DISTRICTS_SQL = """
    CREATE TABLE b0 (id INTEGER PRIMARY KEY, month TEXT NOT NULL, version INTEGER NOT NULL,
      issue_no INTEGER NOT NULL, issued_at TEXT NOT NULL, issued_by TEXT NOT NULL,
      reason TEXT, html BLOB, pdf BLOB, xlsx BLOB, UNIQUE (month, version));
    INSERT INTO b0 SELECT id, month, version, issue_no, issued_at, issued_by, reason, html,
      pdf, xlsx FROM bulletins;
    DROP TABLE bulletins;
    ALTER TABLE b0 RENAME TO bulletins;
    CREATE TABLE r0 (id INTEGER PRIMARY KEY, month TEXT NOT NULL UNIQUE,
      computed_at TEXT NOT NULL, weights TEXT NOT NULL, result TEXT NOT NULL);
    INSERT INTO r0 SELECT id, month, computed_at, weights, result FROM ranking_rounds;
    DROP TABLE ranking_rounds;
    ALTER TABLE r0 RENAME TO ranking_rounds;
"""


@backend.sqlite_only("the district migration is part of PostgreSQL's baseline schema: no "
                     "PostgreSQL database from before it exists to migrate")
def test_the_migration_keeps_what_was_issued_as_the_instances_own(tmp_path):
    """A database issued from before the migration: its bulletins and rounds
    were of every section together, so they stay the instance's own (key 0,
    district null), whatever districts the database holds — here two, the
    second added after the issue. The city sees them; a district's
    coordinator does not, and issues its own month beside them."""
    db = tmp_path / "m.db"
    assert run("init", db=db).code == 0
    units = (FIXTURES / "districts" / "units.csv").read_text().splitlines()
    one = tmp_path / "one.csv"
    one.write_text("\n".join(line for line in units if "DB" not in line) + "\n")
    for kind, path in (("units", one), ("projects", None), ("listings", None)):
        src = path or FIXTURES / "districts" / f"{kind}.csv"
        if kind != "units":  # the A projects only
            rows = src.read_text().splitlines()
            src = tmp_path / f"{kind}.csv"
            src.write_text("\n".join(r for r in rows if not r.startswith("PB")) + "\n")
        assert run("import", kind, src, db=db).code == 0
    # one district: no district needed, stored as the instance's own
    r = run("bulletin", "--month", M, "--issue", "--yes", "--actor", "coordinator:old", db=db)
    assert r.code == 0, r
    assert run("import", "units", FIXTURES / "districts" / "units.csv", db=db).code == 0
    version = current_version(db)
    con = backend.connect(db)
    # The districts migration is followed by one (h-multi's login_failures,
    # undone here too): the database goes back to before both.
    con.executescript(BEFORE_DISTRICTS_SQL + "DROP TABLE login_failures;"
                      f"PRAGMA user_version = {version - 2};")
    con.close()
    r = run("verify", db=db)  # opens, migrates, and reconciles the rebuilt tables
    assert r.code == 0, r
    assert current_version(db) == version
    con = backend.connect(db)
    rows = con.execute("SELECT district_id, month, version FROM bulletins").fetchall()
    rounds = con.execute("SELECT district_id, month FROM ranking_rounds").fetchall()
    con.close()
    assert rows == [(0, M, 1)] and rounds == [(0, M)]
    for name, (role, unit) in USERS.items():
        args = ["user", "add", name, "--role", role] + (["--unit", unit] if unit else [])
        assert run(*args, db=db, stdin=PASSWORD + "\n").code == 0
    srv = Server(db)
    try:
        city, ca = srv.login("city"), srv.login("ca")
        items = city.get("/api/v1/bulletins").json()["items"]
        assert [(b["month"], b["district"], b["issued_by"]) for b in items] == [
            (M, None, "coordinator:old")]
        assert ca.get("/api/v1/bulletins").json()["items"] == []
        r = ca.post(f"/api/v1/bulletins/{M}/issue")
        assert (r.status, r.json()["district"], r.json()["version"]) == (201, "DA", 1)
        items = city.get("/api/v1/bulletins").json()["items"]
        assert [(b["month"], b["district"]) for b in items] == [(M, None), (M, "DA")]
    finally:
        srv.stop()
    assert run("verify", db=db).code == 0


def test_one_district_needs_no_district(tmp_path):
    """The demo's instance (one district): nothing is named, as before; the
    district may still be named, and is the one."""
    db = tmp_path / "d.db"
    assert run("demo", "--asof", "2024-06-30", db=db).code == 0
    plain = run("ranking", "--month", M, "--format", "json", db=db).json()
    named = run("ranking", "--month", M, "--district", "320214", "--format", "json",
                db=db).json()
    assert plain == named and len(plain["sections"]) == 6
    r = run("bulletin", "--month", M, "--issue", "--yes", "--district", "新吴区", db=db)
    assert r.code == 0, r
    listing = run("bulletin", "--list", "--format", "json", db=db).json()
    assert [(b["month"], b["district"]) for b in listing] == [(M, None)]
    con = backend.connect(db)
    keys = con.execute("SELECT entity_key FROM audit WHERE entity = 'bulletin'").fetchall()
    con.close()
    assert keys == [(M,)]
