"""The compact audit trail (issue #12 item 4): an import is one audit entry
naming the rows it inserted and the digest of their audit forms, with the
digest of every 64 rows beside it; an update keeps only the fields it changed;
hashes are 32 bytes. verify still catches a changed, deleted or forged row
after an import, and a rewritten digest; `ballast audit` (and GET /audit)
still shows every imported row with the values the import wrote.

The digests, as docs/security.md gives them: a row's is BLAKE2b-128 of its
audit form (the JSON an insert entry holds), a chunk's BLAKE2b-128 of the
digests of its 64 rows, the entry's BLAKE2b-256 of its chunks' digests."""
import hashlib
import json

from conftest import FIXTURES, run
import backend

SMALL = FIXTURES / "small"

# The audit forms of the small fixture's reports as its import writes them,
# by hand from tests/fixtures/small/reports.csv (万元 → yuan; 2024年4月 is
# 2024-04; every imported report is verified), in file order: ids 1 to 7.
REPORTS = [
    {"project_id": 1, "month": "2023-12", "invest": 9990000, "output": None,
     "progress": "收尾", "problems": None, "status": "verified"},
    {"project_id": 1, "month": "2024-01", "invest": 1001234, "output": None,
     "progress": "主体结构施工至5层", "problems": None, "status": "verified"},
    {"project_id": 1, "month": "2024-03", "invest": 2000000, "output": None,
     "progress": "主体封顶", "problems": "用地指标待落实", "status": "verified"},
    {"project_id": 1, "month": "2024-07", "invest": 500000, "output": None,
     "progress": None, "problems": None, "status": "verified"},
    {"project_id": 2, "month": "2024-04", "invest": 1234567, "output": None,
     "progress": None, "problems": None, "status": "verified"},
    {"project_id": 2, "month": "2024-06", "invest": 765433, "output": None,
     "progress": "设备安装, 调试", "problems": None, "status": "verified"},
    {"project_id": 5, "month": "2024-05", "invest": 300000, "output": 125000,
     "progress": None, "problems": None, "status": "verified"},
]
KEYS = ["P1/2023-12", "P1/2024-01", "P1/2024-03", "P1/2024-07", "P2/2024-04",
        "P2/2024-06", "P5/2024-05"]


def text(form):
    return json.dumps(form, ensure_ascii=False, separators=(",", ":"))


def b2b(data, size):
    return hashlib.blake2b(data, digest_size=size).digest()


def chunk_digests(forms):
    rows = [b2b(text(f).encode(), 16) for f in forms]
    return [b2b(b"".join(rows[i:i + 64]), 16) for i in range(0, len(rows), 64)]


def part_digest(forms):
    return b2b(b"".join(chunk_digests(forms)), 32).hex()


def sql(db, *statements):
    con = backend.connect(db)
    try:
        out = [con.execute(s).fetchall() for s in statements]
        con.commit()
        return out[-1]
    finally:
        con.close()


def copy(src, dst):
    return backend.copy_db(src, dst)


def problems(r):
    return [ln.removeprefix("ballast verify: ") for ln in r.err.splitlines()
            if not ln.endswith(("problem", "problems")) and "note:" not in ln]


def test_an_import_is_one_entry_with_the_digest_of_its_rows(small):
    rows = sql(small, "SELECT id, action, entity, entity_key, before, after FROM audit "
                      "ORDER BY id")
    assert [r[:4] for r in rows] == [
        (1, "import", "unit", str(SMALL / "units.csv")),
        (2, "import", "project", str(SMALL / "projects.csv")),
        (3, "import", "listing", str(SMALL / "listings.csv")),
        (4, "import", "report", str(SMALL / "reports.csv")),
        # targets can be deleted, so each keeps an entry of its own
        (5, "insert", "target", "1"), (6, "insert", "target", "2"),
        (7, "insert", "target", "3"), (8, "insert", "target", "4")]
    assert rows[3][4] is None
    assert json.loads(rows[3][5]) == {
        "file": str(SMALL / "reports.csv"), "rows": 7, "inserted": 7, "updated": 0,
        "unchanged": 0, "chunk": 64,
        "parts": [{"entity": "report", "first": 1, "last": 7, "rows": 7,
                   "digest": part_digest(REPORTS)}]}
    assert sql(small, "SELECT entry, entity, seq, digest FROM audit_chunks WHERE entry = 4") == [
        (4, "report", 0, chunk_digests(REPORTS)[0])]
    # every entry's hash and the previous one's are 32 bytes (PostgreSQL's
    # columns are bytea: there is no other type a value could have)
    assert sql(small, "SELECT DISTINCT length(hash), length(prev_hash) FROM audit") == [(32, 32)]
    if not backend.PG:
        assert sql(small, "SELECT DISTINCT typeof(hash), typeof(prev_hash) FROM audit") == [
            ("blob", "blob")]
    assert run("verify", db=small).code == 0


def test_ballast_audit_shows_every_imported_row(small):
    r = run("audit", "--entity", "report", "--format", "json", db=small)
    assert r.code == 0, r
    items = r.json()["items"]
    assert [(e["id"], e["action"], e["key"], e["before"]) for e in items] == \
        [(4, "import", str(SMALL / "reports.csv"), None)] + [(4, "insert", k, None) for k in KEYS]
    assert [e["after"] for e in items[1:]] == REPORTS
    assert {e["actor"] for e in items} == {"cli:unknown"}
    # paged across the import's rows, and by key
    r = run("audit", "--entity", "report", "--offset", "3", "--limit", "2", "--format", "json",
            db=small)
    assert [e["key"] for e in r.json()["items"]] == ["P1/2024-03", "P1/2024-07"]
    r = run("audit", "--key", "P2/2024-06", "--format", "json", db=small)
    assert [(e["id"], e["action"], e["entity"], e["after"]) for e in r.json()["items"]] == [
        (4, "insert", "report", REPORTS[5])]


def test_verify_names_the_rows_a_change_after_an_import_hides_in(small, tmp_path):
    db = copy(small, tmp_path / "c.db")
    sql(db, "UPDATE reports SET invest = 9990001 WHERE id = 1")
    r = run("verify", db=db)
    assert r.code == 1
    assert problems(r) == ["reports P1/2023-12 … P5/2024-05: changed since import entry 4 wrote "
                           "them (the 7 rows with ids 1 to 7 do not match their digest)"]
    # a deleted row is named by its id
    db = copy(small, tmp_path / "d.db")
    sql(db, "DELETE FROM reports WHERE id = 3")
    r = run("verify", db=db)
    assert r.code == 1
    assert problems(r) == ["reports #3: the row with id 3, which import entry 4 wrote, is missing"]


def test_verify_catches_a_rewritten_digest(small, tmp_path):
    # the chunk digests beside the entry: the entry's digest no longer matches them
    db = copy(small, tmp_path / "c.db")
    con = backend.connect(db)
    con.execute("UPDATE audit_chunks SET digest = ? WHERE entry = 4", (bytes(16),))
    con.commit()
    con.close()
    r = run("verify", db=db)
    assert r.code == 1
    assert problems(r) == ["audit entry 4 (import): the digests of its reports rows in "
                           "audit_chunks were changed after it was written: they do not match "
                           "the digest it recorded"]
    # the digest in the entry: the chain breaks there
    db = copy(small, tmp_path / "e.db")
    sql(db, "UPDATE audit SET after = replace(after, '\"digest\":\"', '\"digest\":\"00') "
            "WHERE id = 4")
    r = run("verify", db=db)
    assert r.code == 1
    assert problems(r)[0] == (f"audit entry 4 (import report {SMALL / 'reports.csv'}) was "
                              "changed after it was written: its hash does not match")


def test_an_update_records_only_the_fields_it_changed(small, tmp_path):
    changed = tmp_path / "reports.csv"
    changed.write_text((SMALL / "reports.csv").read_text(encoding="utf-8").replace(
        "P1,2024-01,100.1234,", "P1,2024-01,101,"), encoding="utf-8")
    r = run("import", "reports", changed, db=small)
    assert r.code == 0, r
    assert "7 rows: 0 new, 1 changed, 6 unchanged" in r.err
    # one entry, of the one field; nothing inserted, so no import entry
    assert sql(small, "SELECT id, action, entity, entity_key, before, after FROM audit "
                      "WHERE id > 8") == [
        (9, "update", "report", "P1/2024-01", '{"invest":1001234}', '{"invest":1010000}')]
    assert run("verify", db=small).code == 0
    # its trail: the update, and the row as the import wrote it
    r = run("audit", "--entity", "report", "--key", "P1/2024-01", "--format", "json", db=small)
    assert [(e["id"], e["action"], e["before"], e["after"]) for e in r.json()["items"]] == [
        (9, "update", {"invest": 1001234}, {"invest": 1010000}),
        (4, "insert", None, REPORTS[1])]
    # a field the update set is compared with it; one it did not, with the import's digest
    db = copy(small, tmp_path / "u.db")
    sql(db, "UPDATE reports SET invest = 1 WHERE id = 2")
    r = run("verify", db=db)
    assert r.code == 1 and problems(r) == ["reports P1/2024-01: invest: audited 1010000, stored 1"]
    db = copy(small, tmp_path / "p.db")
    sql(db, "UPDATE reports SET progress = '主体结构施工至6层' WHERE id = 2")
    r = run("verify", db=db)
    assert r.code == 1 and problems(r) == [
        "reports P1/2023-12 … P5/2024-05: changed since import entry 4 wrote them (the 7 rows "
        "with ids 1 to 7 do not match their digest)"]


def test_xlsx_imports_the_same_rows_to_the_same_digest(small, tmp_path):
    book = tmp_path / "reports.xlsx"
    assert run("export", "reports", "--format", "xlsx", "-o", book, db=small).code == 0
    db = tmp_path / "x.db"
    assert run("init", db=db).code == 0
    for kind in ("units", "projects"):
        assert run("import", kind, SMALL / f"{kind}.csv", db=db).code == 0
    assert run("import", "reports", book, db=db).code == 0
    after = json.loads(sql(db, "SELECT after FROM audit WHERE action = 'import' AND "
                               "entity = 'report'")[0][0])
    assert after["parts"] == [{"entity": "report", "first": 1, "last": 7, "rows": 7,
                               "digest": part_digest(REPORTS)}]
    assert run("verify", db=db).code == 0


@backend.sqlite_only("a schema-5 database (hashes as hex text) exists only as a SQLite file: "
                     "PostgreSQL's schema starts at its baseline, with 32-byte bytea hashes")
def test_an_older_trail_stays_readable(tmp_path):
    """A database of schema 5: hashes as hex text, no import digests. Opened,
    it gets migration 7; its old entries keep their hex hashes, new ones are
    32 bytes, and the chain runs on across them."""
    db = tmp_path / "o.db"
    assert run("init", db=db).code == 0
    for v in ("2", "3"):
        assert run("settings", "set", "contest.named", v, db=db).code == 0
    sql(db, "UPDATE audit SET hash = lower(hex(hash)), prev_hash = lower(hex(prev_hash))",
        "DROP INDEX audit_imports", "DROP TABLE audit_chunks",
        # and what came after 5 besides: the issued plan (6), the supervision
        # items (8), the teams, visits and webhook outbox (h-visits)
        "DROP TABLE change_requests", "DROP TABLE plan_issues",
        "DROP TABLE item_steps", "DROP TABLE items",
        # the map (ui14, issue #14 item 10)
        "ALTER TABLE projects DROP COLUMN lng_e6", "ALTER TABLE projects DROP COLUMN lat_e6",
        "DROP TABLE map_boundary",
        "DROP TABLE webhook_outbox", "DROP TABLE visits", "DROP TABLE teams",
        # element guarantees and demolition task books
        "DROP TABLE demolition_reports", "DROP TABLE demolition_tasks", "DROP TABLE supplies",
        # policy fulfilment (h-funds)
        "DROP TABLE fund_payments", "DROP TABLE applications", "DROP TABLE policies",
        "DROP TABLE workdays",
        # h-leads: the lead pool's migration
        "DROP TABLE lead_log", "DROP TABLE leads", "DROP TABLE talent_counts",
        # revenue sharing and industrial funds
        "DROP TABLE funds", "DROP TABLE taxes", "DROP TABLE sharing_rules",
        "ALTER TABLE projects DROP COLUMN landed_on",
        # leader linkage's tables
        "DROP TABLE leader_visits", "DROP TABLE project_list_members",
        "DROP TABLE project_lists", "DROP TABLE project_leaders",
        # h-bench1's month indexes: schema 5's covering index back
        # h-multi: the failed logins every server shares
        "DROP TABLE login_failures",
        "DROP INDEX reports_month_uncounted", "DROP INDEX reports_month_figures",
        "CREATE INDEX reports_month_counted ON reports(month, project_id, invest, output,"
        " status)",
        "PRAGMA user_version = 5")
    assert run("verify", db=db).code == 0
    assert sql(db, "SELECT name FROM sqlite_master WHERE name LIKE 'audit_%' ORDER BY 1") == [
        ("audit_chunks",), ("audit_entity",), ("audit_imports",)]
    assert run("settings", "set", "contest.named", "4", db=db).code == 0
    assert sql(db, "SELECT id, typeof(hash), length(hash), before, after FROM audit "
                   "ORDER BY id") == [
        (1, "text", 64, None, '{"value":"2"}'),
        (2, "text", 64, '{"value":"2"}', '{"value":"3"}'),
        (3, "blob", 32, '{"value":"3"}', '{"value":"4"}')]
    assert run("verify", db=db).code == 0


def test_an_import_of_new_and_stored_rows_gives_the_next_ids(small, tmp_path):
    """New, stored, new: the two new projects get ids 6 and 7 on either
    backend (a guessed insert that found P1 stored must not use up an id of
    PostgreSQL's sequence: the import's rows would not be consecutive), and
    one import entry names them."""
    lines = (SMALL / "projects.csv").read_text(encoding="utf-8").splitlines()
    p2 = lines[2]
    mixed = tmp_path / "mixed.csv"
    mixed.write_text("\n".join([lines[0], p2.replace("P2,", "P8,", 1), lines[1],
                                p2.replace("P2,", "P9,", 1)]) + "\n", encoding="utf-8")
    r = run("import", "projects", mixed, db=small)
    assert r.code == 0, r
    assert "3 rows: 2 new, 0 changed, 1 unchanged" in r.err
    assert sql(small, "SELECT id, ref FROM projects WHERE id > 5 ORDER BY id") == [
        (6, "P8"), (7, "P9")]
    after = json.loads(sql(small, "SELECT after FROM audit WHERE id = 9")[0][0])
    assert [(p["entity"], p["first"], p["last"], p["rows"]) for p in after["parts"]] == [
        ("project", 6, 7, 2)]
    assert run("verify", db=small).code == 0
