"""`ballast verify` catches any change made behind ballast's back (issue #11
item 5): a direct sqlite3 change to each table ballast keeps is named (table,
key, field); a deleted or inserted row too; a changed audit entry names the
first broken entry; deleting the last entries, dropping the trail, rewriting
it with every later hash recomputed, or appending forged entries are caught
by the anchor log outside the file; and a database from before (schema 3) is
baselined once on upgrade, then holds.

On PostgreSQL ($BALLAST_TEST_PG) the same changes, made through
backend.connect, are caught the same way, against the anchor log
$BALLAST_ANCHOR names (backend.env: beside the path the test named, where a
SQLite file keeps its own); only SQLite's online backup and the schema-3
upgrade are SQLite's. Without $BALLAST_ANCHOR, test_pg_backend.py."""
import hashlib
import json
import sqlite3

import pytest

import backend

from conftest import SCHEMA_3_SQL, run
from server import Server, make_demo

GENESIS = "0" * 64
PG = bool(backend.PG)
# A day changed behind ballast's back: on SQLite written as no ISO day is
# (text, the same date); PostgreSQL's date column keeps only real days, so
# there another day.
ODD_DAY = "2099-01-01" if PG else "2024-3-1"
# An entry's hash in hex: entries hold it as 32 bytes since schema 7, as 64 hex
# digits before (and as the rewrites below leave it). PostgreSQL keeps either
# in a bytea column (docs/postgresql.md).
HASH = ("CASE length(hash) WHEN 32 THEN encode(hash, 'hex') ELSE convert_from(hash, 'UTF8') END"
        if PG else "CASE typeof(hash) WHEN 'blob' THEN lower(hex(hash)) ELSE hash END")


def copy_db(src, dst, anchor=True):
    """dst a copy of src, with its anchor log unless anchor is false."""
    if PG:  # a database of its own, made from src
        backend.copy_db(src, dst)
    else:
        dst.write_bytes(src.read_bytes())
        (dst.parent / (dst.name + ".anchor")).write_bytes(
            (src.parent / (src.name + ".anchor")).read_bytes())
    if not anchor:
        (dst.parent / (dst.name + ".anchor")).unlink()
    return dst


def sql(db, *statements):
    con = backend.connect(db)
    try:
        out = None
        for s in statements:
            out = con.execute(s).fetchall()
        con.commit()
        return out
    finally:
        con.close()


def one(db, query, *args):
    con = backend.connect(db)
    try:
        return con.execute(query, args).fetchone()
    finally:
        con.close()


def entry_hash(prev, entry_id, fields):
    """audit.c's audit_entry_hash: BLAKE2b-256 over "<length>:<bytes>;" of each
    field (NULL as "0!;"): the previous hash, the id, then at, actor, action,
    entity, key, before, after."""
    def f(s):
        if s is None:
            return b"0!;"
        b = s.encode()
        return str(len(b)).encode() + b":" + b + b";"
    data = f(prev) + f(str(entry_id)) + b"".join(f(x) for x in fields)
    return hashlib.blake2b(data, digest_size=32).hexdigest()


def rehash(con, first):
    """Recompute prev_hash and hash of every entry from first on: what someone
    who knows the scheme does after rewriting an entry."""
    row = con.execute(f"SELECT {HASH} FROM audit WHERE id = ?", (first - 1,)).fetchone()
    prev = row[0] if row else GENESIS
    for r in con.execute("SELECT id, at, actor, action, entity, entity_key, before, after"
                         " FROM audit WHERE id >= ? ORDER BY id", (first,)).fetchall():
        h = entry_hash(prev, r[0], r[1:])
        con.execute("UPDATE audit SET prev_hash = ?, hash = ? WHERE id = ?", (prev, h, r[0]))
        prev = h


def verify(db, *args):
    return run("verify", *args, db=db)


def problems(r):
    return [ln.removeprefix("ballast verify: ") for ln in r.err.splitlines()
            if not ln.endswith("problem") and not ln.endswith("problems")
            and not ln.startswith("ballast verify: note:")]


@pytest.fixture(scope="module")
def full(tmp_path_factory):
    """The demo district with a row in every table ballast keeps, every row
    written through ballast: accounts and a token, settings, an issued and a
    re-issued bulletin, a saved contest round, and reports through the
    workflow (saved, submitted, returned, verified) over HTTP."""
    db = tmp_path_factory.mktemp("verify") / "full.db"
    make_demo(db)
    assert run("user", "token", "coord", db=db).code == 0
    assert run("settings", "set", "contest.named", "2", db=db).code == 0
    assert run("bulletin", "--month", "2024-06", "--issue", "--yes", db=db).code == 0
    assert run("settings", "set", "bulletin.title", "月度通报", db=db).code == 0
    assert run("bulletin", "--month", "2024-06", "--issue", "--yes", "--reissue", "--reason",
               "标题更正", db=db).code == 0
    assert run("ranking", "--month", "2024-05", "--save", db=db).code == 0
    s = Server(db)
    try:
        sec = s.login("s01")
        items = sec.get("/api/v1/reports?month=2024-07").json()["items"]
        refs = [items[0]["ref"], items[1]["ref"]]
        for ref in refs:
            r = sec.put(f"/api/v1/reports/{ref}/2024-07", {"invest_yuan": 1000000})
            assert r.status == 201, r.body
        assert sec.post("/api/v1/reports/submit", {"month": "2024-07"}).status == 200
        coord = s.login("coord")
        assert coord.post(f"/api/v1/reports/{refs[0]}/2024-07/verify").status == 200
        assert coord.post(f"/api/v1/reports/{refs[1]}/2024-07/return",
                          {"reason": "请补充发票"}).status == 200
        p = coord.get("/api/v1/projects/2024-005?year=2024&asof=2024-06-30").json()
        # 挂钩领导 names a demo leader account: the row and its links change
        r = coord.put("/api/v1/projects/2024-005", {"leader": "wang", "version": p["version"]})
        assert r.status == 200, r.body
        assert r.json()["leader"] == "常务副区长 王某某"
        r = s.login("leader").post("/api/v1/leaders/leader/visit", {})
        assert r.status == 200, r.body
        assert coord.delete("/api/v1/targets/" + str(one(db, "SELECT max(id) FROM targets")[0])
                            ).status in (200, 204)
    finally:
        assert s.stop() == 0
    r = verify(db)
    assert r.code == 0, r
    return db, refs


def test_sound_and_prints_the_head(full, tmp_path):
    db, _ = full
    r = verify(db)
    assert r.code == 0, r
    head = one(db, f"SELECT id, {HASH} FROM audit ORDER BY id DESC LIMIT 1")
    assert f"head: entry {head[0]} {head[1]}" in r.out
    assert f"{head[0]} audit entries chained" in r.out
    # every commit anchored its head
    last = (db.parent / (db.name + ".anchor")).read_text().splitlines()[-1].split()
    assert (int(last[0]), last[1]) == head
    assert r.err == ""
    # and the head noted elsewhere checks too
    noted = tmp_path / "noted.anchor"
    noted.write_text(f"{head[0]} {head[1]}\n")
    assert verify(db, "--anchor", noted).code == 0


def row(db, query):
    return one(db, query)


# Each table ballast keeps: a change with sqlite3, and the problem verify names.
CHANGES = {
    "units": ("UPDATE units SET name = name || '改' WHERE code = 'S01'",
              lambda db: 'units S01: name: audited "{0}", stored "{0}改"'.format(
                  row(db, "SELECT name FROM units WHERE code = 'S01'")[0])),
    "projects": ("UPDATE projects SET name = name || 'X' WHERE ref = '2024-001'",
                 lambda db: 'projects 2024-001: name: audited "{0}", stored "{0}X"'.format(
                     row(db, "SELECT name FROM projects WHERE ref = '2024-001'")[0])),
    "listings": ("UPDATE listings SET annual_plan = annual_plan + 1 WHERE project_id = "
                 "(SELECT id FROM projects WHERE ref = '2024-001') AND year = 2024",
                 lambda db: "listings 2024-001/2024: annual_plan: audited {0}, stored {1}".format(
                     *(lambda v: (v, v + 1))(row(db, "SELECT annual_plan FROM listings l JOIN "
                                                 "projects p ON p.id = l.project_id WHERE "
                                                 "p.ref = '2024-001' AND year = 2024")[0]))),
    "reports": ("UPDATE reports SET invest = invest * 2 WHERE month = '2024-03' AND project_id"
                " = (SELECT id FROM projects WHERE ref = '2024-001')",
                lambda db: "reports 2024-001/2024-03: invest: audited {0}, stored {1}".format(
                    *(lambda v: (v, 2 * v))(row(db, "SELECT invest FROM reports r JOIN projects "
                                                "p ON p.id = r.project_id WHERE p.ref = "
                                                "'2024-001' AND month = '2024-03'")[0]))),
    "targets": ("UPDATE targets SET value = 1 WHERE id = 1",
                lambda db: "targets 1: value: audited {0}, stored 1".format(
                    row(db, "SELECT value FROM targets WHERE id = 1")[0])),
    "indicators": ("UPDATE indicators SET value = 7 WHERE measure = 'industrial_funds' AND "
                   "month = '2024-06'",
                   lambda db: "indicators industrial_funds/0/2024-06: value: audited {0}, "
                              "stored 7".format(row(db, "SELECT value FROM indicators WHERE "
                                                        "measure = 'industrial_funds' AND "
                                                        "month = '2024-06'")[0])),
    "settings": ("UPDATE settings SET value = '3' WHERE key = 'contest.named'",
                 lambda db: 'settings contest.named: value: audited "2", stored "3"'),
    "users": ("UPDATE users SET role = 'admin' WHERE username = 's01'",
              lambda db: 'users s01: role: audited "section", stored "admin"'),
    "api_tokens": ("UPDATE api_tokens SET revoked = 1",
                   lambda db: "api_tokens 1: revoked: audited 0, stored 1"),
    "bulletins": ("UPDATE bulletins SET issued_by = 'someone' WHERE version = 1",
                  lambda db: 'bulletins 2024-06: issued_by: audited "cli:{0}", stored '
                             '"someone"'.format(row(db, "SELECT substr(issued_by, 5) FROM "
                                                        "bulletins WHERE version = 1")[0])),
    "items": ("UPDATE items SET title = title || '改' WHERE id = 1",
              lambda db: 'items 1: title: audited "{0}", stored "{0}改"'.format(
                  row(db, "SELECT title FROM items WHERE id = 1")[0])),
    "item_steps": ("UPDATE item_steps SET body = '补记' WHERE id = 1",
                   lambda db: 'item_steps 1: body: audited null, stored "补记"'),
    "ranking_rounds": ("UPDATE ranking_rounds SET computed_at = '2020-01-01T00:00:00.000Z' "
                       "WHERE month = '2024-05'",
                       lambda db: 'ranking_rounds 2024-05: computed_at: audited "{0}", stored '
                                  '"2020-01-01T00:00:00.000Z"'.format(
                                      row(db, "SELECT computed_at FROM ranking_rounds WHERE "
                                              "month = '2024-05'")[0])),
    # the issued plan (schema 6): the demo's 2024 issue and its change requests
    "plan_issues": ("UPDATE plan_issues SET issued_by = 'someone' WHERE year = 2024",
                    lambda db: 'plan_issues 2024: issued_by: audited "user:coord", stored '
                               '"someone"'),
    "change_requests": ("UPDATE change_requests SET status = 'approved' WHERE status = "
                        "'rejected'",
                        lambda db: 'change_requests {0}: status: audited "rejected", stored '
                                   '"approved"'.format(row(db, "SELECT id FROM change_requests "
                                                               "WHERE status = 'rejected'")[0])),
    # the map's boundary (ui14, issue #14 item 10): the demo uploads one
    "map_boundary": ("UPDATE map_boundary SET uploaded_by = 'someone'",
                     lambda db: 'map_boundary district: uploaded_by: audited "cli:demo", stored '
                                '"someone"'),
    # visits: the demo's commando teams and site visits
    "teams": ("UPDATE teams SET name = name || '改' WHERE id = 1",
              lambda db: 'teams 1: name: audited "{0}", stored "{0}改"'.format(
                  row(db, "SELECT name FROM teams WHERE id = 1")[0])),
    "visits": ("UPDATE visits SET who = '某人' WHERE id = 1",
               lambda db: 'visits 1: who: audited "{0}", stored "某人"'.format(
                   row(db, "SELECT who FROM visits WHERE id = 1")[0])),
    # element guarantees and demolition task books: the demo's first rows
    "supplies": ("UPDATE supplies SET amount = amount + 1 WHERE id = 1",
                 lambda db: "supplies 1: amount: audited {0}, stored {1}".format(
                     row(db, "SELECT amount FROM supplies WHERE id = 1")[0],
                     row(db, "SELECT amount FROM supplies WHERE id = 1")[0] + 1)),
    "demolition_tasks": ("UPDATE demolition_tasks SET quantity = 7 WHERE id = 1",
                         lambda db: "demolition_tasks 1: quantity: audited {0}, stored 7".format(
                             row(db, "SELECT quantity FROM demolition_tasks WHERE id = 1")[0])),
    "demolition_reports": ("UPDATE demolition_reports SET done = done + 1 WHERE id = 1",
                           lambda db: "demolition_reports 1: done: audited {0}, stored {1}".format(
                               row(db, "SELECT done FROM demolition_reports WHERE id = 1")[0],
                               row(db, "SELECT done FROM demolition_reports WHERE id = 1")[0] + 1)),
    # policy fulfilment (h-funds): the demo's calendar, policies, applications, payments
    "workdays": ("UPDATE workdays SET name = '改' WHERE day = '2024-10-01'",
                 lambda db: 'workdays 2024-10-01: name: audited "国庆节", stored "改"'),
    "policies": ("UPDATE policies SET pay_days = 99 WHERE id = 1",
                 lambda db: "policies 1: pay_days: audited 20, stored 99"),
    "applications": ("UPDATE applications SET amount = amount + 1 WHERE id = 1",
                     lambda db: "applications 1: amount: audited 5000000, stored 5000001"),
    "fund_payments": ("UPDATE fund_payments SET yuan = yuan + 1 WHERE id = 1",
                      lambda db: "fund_payments 1: yuan: audited {0}, stored {1}".format(
                          *(lambda v: (v, v + 1))(row(db, "SELECT yuan FROM fund_payments "
                                                      "WHERE id = 1")[0]))),
    # h-leads: the demo's lead pool and the talents the sections reported
    "leads": ("UPDATE leads SET amount = amount + 1 WHERE id = 1",
              lambda db: "leads 1: amount: audited {0}, stored {1}".format(
                  row(db, "SELECT amount FROM leads WHERE id = 1")[0],
                  row(db, "SELECT amount + 1 FROM leads WHERE id = 1")[0])),
    "lead_log": ("UPDATE lead_log SET body = '补记' WHERE id = 2",
                 lambda db: 'lead_log 2: body: audited "走访企业，了解投资意向", stored "补记"'),
    "talent_counts": ("UPDATE talent_counts SET count = 9 WHERE id = 1",
                      lambda db: "talent_counts {0}: count: audited {1}, stored 9".format(
                          *row(db, "SELECT unit_id || '/' || month, count FROM talent_counts"
                                   " WHERE id = 1"))),
    # revenue sharing and industrial funds
    "taxes": ("UPDATE taxes SET tax = tax + 1 WHERE id = 1",
              lambda db: "taxes {0}/{1}: tax: audited {2}, stored {3}".format(
                  *row(db, "SELECT p.ref, t.year, t.tax, t.tax + 1 FROM taxes t JOIN projects p "
                           "ON p.id = t.project_id WHERE t.id = 1"))),
    "funds": ("UPDATE funds SET capital = 1 WHERE id = 1",
              lambda db: "funds {0}: capital: audited {1}, stored 1".format(
                  *row(db, "SELECT name, capital FROM funds WHERE id = 1"))),
    # leader linkage: the demo's links and lists, a leader's visit (the fixture's)
    "project_leaders": ("UPDATE project_leaders SET user_id = (SELECT id FROM users WHERE"
                        " username = 'leader') WHERE id = 1",
                        lambda db: "project_leaders 1: user_id: audited {0}, stored {1}".format(
                            row(db, "SELECT user_id FROM project_leaders WHERE id = 1")[0],
                            row(db, "SELECT id FROM users WHERE username = 'leader'")[0])),
    "project_lists": ("UPDATE project_lists SET name = name || '改' WHERE id = 1",
                      lambda db: 'project_lists 1: name: audited "10亿以上项目", stored '
                                 '"10亿以上项目改"'),
    "project_list_members": ("UPDATE project_list_members SET project_id = (SELECT min(id) FROM"
                             " projects WHERE id NOT IN (SELECT project_id FROM"
                             " project_list_members WHERE list_id = 1)) WHERE id = 1",
                             lambda db: "project_list_members 1: project_id: audited {0}, stored"
                                        " {1}".format(*row(
                                 db, "SELECT (SELECT project_id FROM project_list_members WHERE"
                                     " id = 1), min(id) FROM projects WHERE id NOT IN (SELECT"
                                     " project_id FROM project_list_members WHERE list_id = 1)"))),
    "leader_visits": ("UPDATE leader_visits SET audit_id = audit_id + 1",
                      lambda db: "leader_visits {0}: audit_id: audited {1}, stored {2}".format(
                          *row(db, "SELECT user_id, audit_id, audit_id + 1 FROM leader_visits"))),
}


@pytest.mark.parametrize("table", sorted(CHANGES))
def test_a_change_to_each_table_is_named(full, tmp_path, table):
    db = copy_db(full[0], tmp_path / "c.db")
    change, expect = CHANGES[table]
    want = expect(db)
    sql(db, change)
    r = verify(db)
    assert r.code == 1, r
    assert problems(r) == [want]
    assert r.err.endswith(": NOT sound: 1 problem\n")


def test_a_changed_coordinate_is_named(full, tmp_path):
    """ui14: a project's place, changed behind ballast's back."""
    db = copy_db(full[0], tmp_path / "g.db")
    lng = row(db, "SELECT lng_e6 FROM projects WHERE ref = '2024-001'")[0]
    sql(db, "UPDATE projects SET lng_e6 = lng_e6 + 1 WHERE ref = '2024-001'")
    r = verify(db)
    assert r.code == 1, r
    assert problems(r) == [f"projects 2024-001: lng_e6: audited {lng}, stored {lng + 1}"]


def test_workflow_stamps_password_token_and_files(full, tmp_path):
    db = copy_db(full[0], tmp_path / "w.db")
    refs = full[1]
    sql(db, f"UPDATE reports SET verified_by = 'user:admin' WHERE month = '2024-07' AND "
            f"project_id = (SELECT id FROM projects WHERE ref = '{refs[0]}')",
        f"UPDATE reports SET return_reason = NULL WHERE month = '2024-07' AND "
        f"project_id = (SELECT id FROM projects WHERE ref = '{refs[1]}')",
        "UPDATE users SET password_hash = 'x' || password_hash WHERE username = 'admin'",
        "UPDATE api_tokens SET token_hash = substr(token_hash, 1, 63) || 'x'",
        "UPDATE bulletins SET pdf = " + ("'\\x00'::bytea" if PG else "x'00'") +
        " || pdf WHERE version = 2",
        f"UPDATE projects SET planned_start = '{ODD_DAY}' WHERE ref = '2024-002'")
    if not PG:  # PostgreSQL's bigint column refuses text: SQLite's dynamic typing only
        sql(db, "UPDATE reports SET invest = invest || ' 元' WHERE rowid = 1")
    r = verify(db)
    assert r.code == 1
    p = problems(r)
    assert f'reports {refs[0]}/2024-07: verified_by: audited "user:coord", stored "user:admin"' in p
    assert f'reports {refs[1]}/2024-07: return_reason: audited "请补充发票", stored null' in p
    assert any(x.startswith("users admin: password_fingerprint: audited \"") for x in p)
    assert any(x.startswith("api_tokens 1: fingerprint: audited \"") for x in p)
    assert any(x.startswith('bulletins 2024-06/v2: pdf: audited {"bytes":') for x in p)
    planned = one(db, "SELECT planned_start FROM projects WHERE ref = '2024-002'")[0]
    assert planned == ODD_DAY
    assert any(x.startswith("projects 2024-002: planned_start: audited ") and
               x.endswith(f', stored "{ODD_DAY}"') for x in p)
    # a number stored as text is a change too
    if not PG:
        assert any(": invest: audited " in x and x.endswith('"') for x in p)
    assert len(p) == (6 if PG else 7)


def test_deleted_and_inserted_rows(full, tmp_path):
    db = copy_db(full[0], tmp_path / "d.db")
    tid = one(db, "SELECT min(id) FROM targets")[0]
    entry = one(db, "SELECT max(id) FROM audit WHERE entity = 'target' AND entity_key = ?",
                str(tid))[0]
    sql(db, f"DELETE FROM targets WHERE id = {tid}",
        "INSERT INTO units (code, name, kind, parent_id) VALUES ('S99', '影子板块', 'section', "
        "(SELECT id FROM units WHERE kind = 'district'))",
        "INSERT INTO settings (key, value) VALUES ('warn.start_overdue.red_days', '3650')")
    deleted = one(db, "SELECT max(id) FROM audit WHERE entity = 'target' AND action = 'delete'")
    r = verify(db)
    assert r.code == 1
    assert problems(r) == [
        f"units S99: the row has no audit entry: it was written behind ballast's back",
        f"targets {tid}: audited (entry {entry}), but the row is missing",
        "settings warn.start_overdue.red_days: the row has no audit entry: it was written "
        "behind ballast's back",
    ]
    # a row the trail deleted, put back behind ballast's back
    db2 = copy_db(full[0], tmp_path / "e.db")
    gone = one(db2, "SELECT entity_key, before FROM audit WHERE entity = 'target' AND "
               "action = 'delete'")
    t = json.loads(gone[1])
    sql(db2, "INSERT INTO targets (id, year, measure, tier, section_id, department_id, "
             "industrial, due, value) VALUES ({id}, {year}, '{measure}', '{tier}', "
             "{section_id}, {department_id}, {industrial}, '{due}', {value})".format(**t))
    r = verify(db2)
    assert r.code == 1
    assert problems(r) == [f"targets {gone[0]}: the audit trail deleted it (entry "
                           f"{deleted[0]}), yet the row is stored"]


def test_a_changed_audit_entry_names_the_first_broken_entry(full, tmp_path):
    db = copy_db(full[0], tmp_path / "a.db")
    eid = one(db, "SELECT id FROM audit WHERE entity = 'project' AND entity_key = '2024-010'"
              " ORDER BY id LIMIT 1")[0]
    sql(db, f"UPDATE audit SET after = replace(after, '\"name\":\"', '\"name\":\"伪') "
            f"WHERE id = {eid}")
    r = verify(db)
    assert r.code == 1
    p = problems(r)
    assert p[0] == (f"audit entry {eid} (insert project 2024-010) was changed after it was "
                    f"written: its hash does not match")
    # the row no longer matches what the (altered) trail says either
    assert any(x.startswith("projects 2024-010: name: audited \"伪") for x in p)


def test_deleting_the_last_entries(full, tmp_path):
    db = copy_db(full[0], tmp_path / "l.db")
    head = one(db, "SELECT max(id) FROM audit")[0]
    log, args = f"{db}.anchor", ()
    sql(db, f"DELETE FROM audit WHERE id > {head - 3}")
    r = verify(db, *args)
    assert r.code == 1
    p = problems(r)
    assert p[0] == (f"{log} records audit entry {head} ("
                    f"{one(full[0], f'SELECT {HASH} FROM audit WHERE id = ?', head)[0][:16]}…), "
                    f"but the trail ends at entry {head - 3}: entries {head - 2} to {head} "
                    f"were deleted, or the trail replaced")
    # and the rows those entries wrote have lost their trail
    assert len(p) > 1


def test_dropping_the_audit_table(full, tmp_path):
    db = copy_db(full[0], tmp_path / "x.db")
    head = one(db, "SELECT max(id) FROM audit")[0]
    log, args = f"{db}.anchor", ()
    rows = sum(one(db, f"SELECT count(*) FROM {t}")[0] for t in CHANGES)
    sql(db, "DROP TABLE audit")
    r = verify(db, *args)
    assert r.code == 1
    p = problems(r)
    # (each database's own words for the missing table)
    missing = 'relation "audit" does not exist' if PG else "no such table: audit"
    assert p[0] == (f"the audit trail cannot be read ({missing}): it was dropped or damaged")
    assert p[1].startswith(f"{log} records audit entry {head} (")
    assert p[1].endswith(f"but the trail ends at entry 0: entries 1 to {head} were deleted, "
                         f"or the trail replaced")
    assert f"NOT sound: {rows + 2} problems" in r.err
    # and an empty audit table in its place does not help
    sql(db, "CREATE TABLE audit (id INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT "
            "NULL, action TEXT NOT NULL, entity TEXT NOT NULL, entity_key TEXT NOT NULL, "
            "before TEXT, after TEXT, prev_hash TEXT NOT NULL, hash TEXT NOT NULL)")
    r = verify(db, *args)
    assert r.code == 1 and problems(r)[0].startswith(f"{log} records audit entry {head}")


def test_rewriting_an_entry_and_every_later_hash(full, tmp_path):
    """The perfect forgery inside the file: the row changed, its audit entry
    changed to match, every later hash recomputed. The chain holds; only the
    anchor log outside the file shows it."""
    db = copy_db(full[0], tmp_path / "f.db")
    eid, after = one(db, "SELECT id, after FROM audit WHERE entity = 'project' AND "
                     "entity_key = '2024-001' ORDER BY id LIMIT 1")
    forged = json.loads(after)
    forged["name"] += "（伪）"
    con = backend.connect(db)
    con.execute("UPDATE audit SET after = ? WHERE id = ?",
                (json.dumps(forged, ensure_ascii=False, separators=(",", ":")), eid))
    con.execute("UPDATE projects SET name = ? WHERE ref = '2024-001'", (forged["name"],))
    rehash(con, eid)
    con.commit()
    con.close()
    check_rewrite_against_the_log(db, tmp_path, eid)
    # a head noted elsewhere catches it as well
    head = one(full[0], f"SELECT id, {HASH} FROM audit ORDER BY id DESC LIMIT 1")
    noted = tmp_path / "noted"
    noted.write_text(f"{head[0]} {head[1]} written down on 2024-07-01\n")
    r = verify(db, "--anchor", noted)
    assert r.code == 1 and problems(r)[0].startswith(f"audit entry {head[0]} differs from "
                                                     f"{noted}")


def check_rewrite_against_the_log(db, tmp_path, eid):
    """The log beside the file names the first anchor the rewrite changed;
    deleted, verify says there is none."""
    anchors = [ln.split() for ln in (tmp_path / "f.db.anchor").read_text().splitlines()
               if ln and not ln.startswith(("#", "P "))]
    first_after = min(int(a[0]) for a in anchors if int(a[0]) >= eid)
    before = max([int(a[0]) for a in anchors if int(a[0]) < eid])
    r = verify(db)
    assert r.code == 1
    p = problems(r)
    new = one(db, f"SELECT {HASH} FROM audit WHERE id = ?", first_after)[0]
    old = [a[1] for a in anchors if int(a[0]) == first_after][0]
    assert p == [f"audit entry {first_after} differs from {db}.anchor (anchored {old[:16]}…, "
                 f"stored {new[:16]}…): the trail was rewritten after entry {before} and at or "
                 f"before entry {first_after}"]
    # the chain itself is consistent: without the log nothing else would show
    assert not any("hash does not match" in x for x in p)
    (tmp_path / "f.db.anchor").unlink()
    r = verify(db)
    assert r.code == 1 and problems(r) == [
        f"no anchor log at {db}.anchor: the end of the audit trail cannot be checked (keep "
        f"the log with the database, or give --anchor FILE)"]


def test_forged_entries_appended_at_the_end(full, tmp_path):
    db = copy_db(full[0], tmp_path / "g.db")
    con = backend.connect(db)
    head, h = con.execute(f"SELECT id, {HASH} FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    before = con.execute("SELECT value FROM settings WHERE key = 'contest.named'").fetchone()[0]
    fields = ["2024-07-01T00:00:00.000Z", "cli:admin", "update", "setting", "contest.named",
              json.dumps({"value": before}), json.dumps({"value": "20"})]
    con.execute("INSERT INTO audit VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (head + 1, *fields, h, entry_hash(h, head + 1, fields)))
    con.execute("UPDATE settings SET value = '20' WHERE key = 'contest.named'")
    con.commit()
    con.close()
    r = verify(db)
    assert r.code == 1
    assert problems(r) == [f"audit entries {head + 1} to {head + 1} are not in the anchor log "
                           f"{db}.anchor: written behind ballast's back, or by a ballast that "
                           f"could not append to the log"]


def test_a_copy_without_its_anchor_log(full, tmp_path):
    db = copy_db(full[0], tmp_path / "n.db", anchor=False)
    r = verify(db)
    assert r.code == 1
    assert problems(r) == [f"no anchor log at {db}.anchor: the end of the audit trail "
                           f"cannot be checked (keep the log with the database, or give "
                           f"--anchor FILE)"]
    bad = tmp_path / "bad.anchor"
    bad.write_text("12 not-a-hash\n")
    r = verify(db, "--anchor", bad)
    assert r.code == 1 and problems(r) == [f"{bad}:1: not an anchor (ID HASH): 12 not-a-hash"]


def test_backup_carries_its_anchors(full, tmp_path):
    db = copy_db(full[0], tmp_path / "b.db")
    copy = tmp_path / "copy.db"
    if PG:  # SQLite's online backup of its file; PostgreSQL has pg_dump and ballast copy
        r = run("backup", copy, db=db)
        assert (r.code, r.out, r.err) == (
            1, "", "ballast backup: backup copies a SQLite database file; for PostgreSQL use "
                   "pg_dump, or ballast copy --to FILE.db\n")
        assert not copy.exists() and not (tmp_path / "copy.db.tmp").exists()
        return
    assert run("backup", copy, db=db).code == 0
    assert verify(copy).code == 0
    # written after the copy: the live database moves on, the copy is still sound
    assert run("settings", "set", "contest.named", "4", db=db).code == 0
    assert verify(db).code == 0 and verify(copy).code == 0
    # restoring the copy without its log: the live log knows more than the copy has
    r = verify(copy, "--anchor", tmp_path / "b.db.anchor")
    assert r.code == 1 and "but the trail ends at entry" in problems(r)[0]


def test_pending_anchor_lines(full, tmp_path):
    """A commit writes a pending line ("P ID HASH") before it and its head after
    it. A transaction that never committed leaves a pending line verify passes
    over (a SQLite backup does not copy it); a process killed between its commit and
    its head line leaves the head pending, which verify accepts; a pending
    line does not excuse entries it does not name."""
    db = copy_db(full[0], tmp_path / "p.db")
    log = tmp_path / "p.db.anchor"
    head = one(db, f"SELECT id, {HASH} FROM audit ORDER BY id DESC LIMIT 1")
    with log.open("a") as f:  # rolled back: an entry id reused later, another hash
        f.write(f"P {head[0]} {'0' * 64} 2026-12-07T00:00:00Z\n")
    assert verify(db).code == 0
    if not PG:  # ballast backup is SQLite's online backup of its file
        copy = tmp_path / "copy.db"
        assert run("backup", copy, db=db).code == 0
        assert "P " not in (tmp_path / "copy.db.anchor").read_text()
        assert verify(copy).code == 0
    # killed between the commit and its head line: only its pending line remains
    assert run("settings", "set", "contest.named", "4", db=db).code == 0
    lines = log.read_text().splitlines()
    assert lines[-2].startswith("P ") and not lines[-1].startswith("P ")
    log.write_text("\n".join(lines[:-1]) + "\n")
    assert verify(db).code == 0
    # ... but not an entry written behind ballast's back after it
    sql(db, "UPDATE settings SET value = value WHERE key = 'contest.named'")
    con = backend.connect(db)
    last = con.execute(f"SELECT id, {HASH} FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    con.execute("INSERT INTO audit (id, at, actor, action, entity, entity_key, before, after,"
                " prev_hash, hash) VALUES (?, '2026-12-07T00:00:00.000Z', 'x', 'update',"
                " 'setting', 'contest.named', NULL, NULL, ?, ?)", (last[0] + 1, last[1], "f" * 64))
    con.commit()
    con.close()
    assert verify(db).code == 1


def test_a_new_database_and_init(tmp_path):
    db = tmp_path / "i.db"
    assert run("init", db=db).code == 0
    text = (tmp_path / "i.db.anchor").read_text()
    assert text.splitlines()[-1].startswith("0 " + GENESIS)
    r = verify(db)
    assert r.code == 0, r
    assert "head: entry 0 " + GENESIS in r.out
    # a database created again at the same path starts a new log
    backend.remove(db)
    assert run("init", db=db).code == 0
    assert [ln for ln in (tmp_path / "i.db.anchor").read_text().splitlines()
            if not ln.startswith("#")][0].startswith("0 ")


@backend.sqlite_only("PostgreSQL's schema begins at its baseline (schema 17, "
                     "docs/postgresql.md): no PostgreSQL database of schema 3 exists to upgrade")
def test_upgrade_from_schema_3_is_baselined_once(full, tmp_path):
    """A database written before tamper evidence: older audit forms (no password
    fingerprint, no bulletin version), no anchor log, schema 3. Opening it
    upgrades it, appends one baseline entry per row the trail does not give,
    and anchors the head; verify then holds, and catches what follows."""
    db = copy_db(full[0], tmp_path / "u.db", anchor=False)
    con = backend.connect(db)
    for eid, entity, after in con.execute("SELECT id, entity, after FROM audit WHERE "
                                          "entity IN ('user', 'bulletin', 'indicator')"
                                          ).fetchall():
        a = json.loads(after)
        for k in ("password_fingerprint", "created_at", "version", "reason", "source", "note"):
            a.pop(k, None)
        con.execute("UPDATE audit SET after = ? WHERE id = ?", (json.dumps(a), eid))
    con.execute("DELETE FROM audit WHERE entity = 'bulletin' AND entity_key LIKE '%/v%'")
    con.execute("DELETE FROM audit WHERE entity IN ('item', 'item_step')")  # schema 8
    # the map (ui14): a project's place was not in an old ballast's audit form
    for eid, before, after in con.execute("SELECT id, before, after FROM audit WHERE "
                                          "entity = 'project'").fetchall():
        forms = [json.loads(x) if x else None for x in (before, after)]
        if not any(k in (f or {}) for f in forms for k in ("lng_e6", "lat_e6")):
            continue
        for f in forms:
            for k in ("lng_e6", "lat_e6"):
                (f or {}).pop(k, None)
        con.execute("UPDATE audit SET before = ?, after = ? WHERE id = ?",
                    tuple(json.dumps(f) if f is not None else None for f in forms) + (eid,))
    # a project's landing date (revenue sharing) came after schema 3
    for eid, before, after in con.execute("SELECT id, before, after FROM audit WHERE entity = "
                                          "'project'").fetchall():
        b, a = (json.loads(x) if x else None for x in (before, after))
        for x in (b, a):
            if x:
                x.pop("landed_on", None)
        con.execute("UPDATE audit SET before = ?, after = ? WHERE id = ?",
                    (json.dumps(b) if b is not None else None,
                     json.dumps(a) if a is not None else None, eid))
    con.executescript(SCHEMA_3_SQL)
    # the ids are dense again and the chain consistent: as an old ballast left it
    ids = [r[0] for r in con.execute("SELECT id FROM audit ORDER BY id")]
    for new, old in enumerate(ids, start=1):
        if new != old:
            con.execute("UPDATE audit SET id = ? WHERE id = ?", (new, old))
    rehash(con, 1)
    con.commit()
    con.close()
    users = one(db, "SELECT count(*) FROM users")[0]
    head = one(db, "SELECT max(id) FROM audit")[0]

    r = verify(db)  # opening it upgrades it
    assert r.code == 0, r
    base = sql(db, "SELECT entity, entity_key, actor FROM audit WHERE action = 'baseline' "
                   "ORDER BY id")
    assert {e for e, _, _ in base} == {"user", "bulletin"}
    assert len([1 for e, _, _ in base if e == "user"]) == users
    assert ("bulletin", "2024-06", "ballast:upgrade") in base
    assert one(db, "SELECT min(id) FROM audit WHERE action = 'baseline'")[0] == head + 1
    log = (tmp_path / "u.db.anchor").read_text()
    assert f"\n{head + len(base)} " in log
    # once only
    assert verify(db).code == 0
    assert one(db, "SELECT count(*) FROM audit WHERE action = 'baseline'")[0] == len(base)
    sql(db, "UPDATE users SET disabled = 1 WHERE username = 'coord'")
    r = verify(db)
    assert r.code == 1 and problems(r) == ["users coord: disabled: audited 0, stored 1"]


def test_the_server_anchors_every_commit(full, tmp_path):
    db = copy_db(full[0], tmp_path / "s.db")
    log = tmp_path / "s.db.anchor"
    def heads():  # the committed heads; "P" lines are written before each commit
        return [ln for ln in log.read_text().splitlines() if not ln.startswith("P ")]

    n = len(heads())
    pending = len(log.read_text().splitlines()) - n
    s = Server(db)
    try:
        admin = s.login("admin")
        for v in ("5", "6"):
            assert admin.put("/api/v1/settings/contest.named", {"value": v}).status == 200
        head = one(db, f"SELECT id, {HASH} FROM audit ORDER BY id DESC LIMIT 1")
        lines = heads()
        assert len(lines) == n + 2
        # and each commit's pending line before it
        assert len(log.read_text().splitlines()) - len(lines) == pending + 2
        assert lines[-1].split()[:2] == [str(head[0]), head[1]]
    finally:
        assert s.stop() == 0
    r = verify(db)
    assert r.code == 0, r
    assert f"head: entry {head[0]} {head[1]}\n" in r.out


def test_an_issued_bulletin_prints_the_head_as_an_anchor(full, tmp_path):
    """Every issued bulletin prints the trail's last entry at its issue: the
    bulletins sent out are anchors nobody can rewrite with the file."""
    db = copy_db(full[0], tmp_path / "p.db")
    head = one(db, f"SELECT id, {HASH} FROM audit ORDER BY id DESC LIMIT 1")
    assert run("bulletin", "--month", "2024-04", "--issue", "--yes", db=db).code == 0
    html = tmp_path / "b.html"
    assert run("bulletin", "--month", "2024-04", "-o", html, db=db).code == 0
    line = f"核验信息：本期印发时，审计日志最后一条为第{head[0]}条，哈希值 {head[1]}。"
    assert line in html.read_text()
    # drafts print none
    draft = tmp_path / "d.html"
    assert run("bulletin", "--month", "2024-03", "-o", draft, db=db).code == 0
    assert "核验信息" not in draft.read_text()
    # what was printed checks the database later, and catches a rewrite
    printed = tmp_path / "printed"
    printed.write_text(f"{head[0]} {head[1]}\n")
    assert verify(db, "--anchor", printed).code == 0
    con = backend.connect(db)
    con.execute("UPDATE audit SET after = replace(after, '\"value\":\"2\"', '\"value\":\"9\"') "
                "WHERE entity = 'setting' AND entity_key = 'contest.named'")
    con.execute("UPDATE settings SET value = '9' WHERE key = 'contest.named'")
    rehash(con, 1)
    con.commit()
    con.close()
    (tmp_path / "p.db.anchor").unlink()
    r = verify(db, "--anchor", printed)
    assert r.code == 1 and problems(r)[0].startswith(f"audit entry {head[0]} differs from "
                                                     f"{printed}")
