"""An import's first load (issue #17 item 6): into an empty table PostgreSQL
takes the rows by COPY (src/store/db_copy.c), SQLite by its INSERTs; both must
store the same values, the same ids and the same audit entry, and write
nothing when a row is bad. These run on either backend (BALLAST_TEST_PG set:
PostgreSQL, where the COPY path is the one exercised)."""
import json

from conftest import FIXTURES, run
import backend

SMALL = FIXTURES / "small"

# Text COPY's format must escape: a tab, a backslash, a line break, a
# carriage return, and the two characters COPY reads as NULL.
AWKWARD = ["设备\t安装", "C:\\路径\\N", "第一行\n第二行", "回\r车", "\\N", "，逗号"]


def sql(db, statement):
    con = backend.connect(db)
    try:
        return con.execute(statement).fetchall()
    finally:
        con.close()


def base(tmp_path):
    db = tmp_path / "c.db"
    assert run("init", db=db).code == 0
    for kind in ("units", "projects"):
        r = run("import", kind, SMALL / f"{kind}.csv", db=db)
        assert r.code == 0, r
    return db


def reports_csv(path, rows):
    lines = ["ref,month,invest,output,progress,problems"]
    for ref, month, invest, progress in rows:
        cell = '"' + progress.replace('"', '""') + '"' if progress else ""
        lines.append(f"{ref},{month},{invest},,{cell},")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def months(first_year, last_year):
    return [f"{y}-{m:02d}" for y in range(first_year, last_year + 1) for m in range(1, 13)]


# 144 rows: two projects, six years each; more than two audit chunks of 64.
ROWS = [(ref, m, 10 + i % 7, AWKWARD[i % len(AWKWARD)] if i % 5 == 0 else "")
        for ref in ("P1", "P2") for i, m in enumerate(months(2019, 2024))]


def test_a_first_load_stores_every_value_and_id_as_written(tmp_path):
    db = base(tmp_path)
    f = reports_csv(tmp_path / "reports.csv", ROWS)
    r = run("import", "reports", f, db=db)
    assert r.code == 0, r
    assert "144 rows: 144 new, 0 changed, 0 unchanged" in r.err
    got = sql(db, "SELECT r.id, p.ref, r.month, r.invest, r.output, r.progress, r.problems,"
                  " r.status, r.version FROM reports r JOIN projects p ON p.id = r.project_id"
                  " ORDER BY r.id")
    assert got == [(i + 1, ref, m, invest * 10000, None, progress or None, None, "verified", 1)
                   for i, (ref, m, invest, progress) in enumerate(ROWS)]
    # one import entry naming ids 1 to 144, and its three chunks (64, 64, 16 rows)
    after = json.loads(sql(db, "SELECT after FROM audit WHERE action = 'import' AND "
                               "entity = 'report'")[0][0])
    assert [(p["entity"], p["first"], p["last"], p["rows"]) for p in after["parts"]] == [
        ("report", 1, 144, 144)]
    assert sql(db, "SELECT seq FROM audit_chunks WHERE entity = 'report' ORDER BY seq") == [
        (0,), (1,), (2,)]
    assert run("verify", db=db).code == 0
    # the next report (a later import: the table has rows, so row by row) takes id 145
    f2 = reports_csv(tmp_path / "more.csv", [("P5", "2024-06", 3, "")])
    r = run("import", "reports", f2, db=db)
    assert r.code == 0, r
    assert sql(db, "SELECT r.id FROM reports r JOIN projects p ON p.id = r.project_id"
                   " WHERE p.ref = 'P5'") == [(145,)]
    # and the same file again changes nothing
    r = run("import", "reports", f, db=db)
    assert r.code == 0 and "144 rows: 0 new, 0 changed, 144 unchanged" in r.err
    assert run("verify", db=db).code == 0


def test_a_bad_row_late_in_a_first_load_writes_nothing(tmp_path):
    db = base(tmp_path)
    before = sql(db, "SELECT count(*) FROM audit"), sql(db, "SELECT count(*) FROM audit_chunks")
    rows = ROWS[:130] + [("P9", "2024-01", 1, "")] + ROWS[130:]
    r = run("import", "reports", reports_csv(tmp_path / "bad.csv", rows), db=db)
    assert r.code == 1
    assert "P9" in r.err and "no project has this ref" in r.err
    assert sql(db, "SELECT count(*) FROM reports") == [(0,)]
    assert (sql(db, "SELECT count(*) FROM audit"),
            sql(db, "SELECT count(*) FROM audit_chunks")) == before
    # the table is as it was: the good rows load, with the foreign key to projects kept
    r = run("import", "reports", reports_csv(tmp_path / "good.csv", ROWS), db=db)
    assert r.code == 0, r
    assert sql(db, "SELECT min(id), max(id), count(*) FROM reports")[0][2] == 144
    assert run("verify", db=db).code == 0


def test_a_dry_run_of_a_first_load_writes_nothing(tmp_path):
    db = base(tmp_path)
    r = run("import", "reports", reports_csv(tmp_path / "r.csv", ROWS), "--dry-run", db=db)
    assert r.code == 0, r
    assert "144 rows: 144 new, 0 changed, 0 unchanged" in r.err
    assert sql(db, "SELECT count(*) FROM reports") == [(0,)]
    r = run("import", "reports", reports_csv(tmp_path / "r.csv", ROWS), db=db)
    assert r.code == 0, r
    # SQLite's rollback gives the ids back; PostgreSQL's sequence keeps the one
    # the COPY drew (as its INSERTs would have kept theirs)
    assert sql(db, "SELECT min(id), max(id) FROM reports") == ([(2, 145)] if backend.PG
                                                              else [(1, 144)])


def test_a_first_load_of_listings_then_the_same_file_again(tmp_path):
    db = base(tmp_path)
    r = run("import", "listings", SMALL / "listings.csv", db=db)
    assert r.code == 0, r
    n = sql(db, "SELECT count(*) FROM listings")[0][0]
    assert n >= 2
    assert sql(db, "SELECT min(id), max(id) FROM listings") == [(1, n)]
    r = run("import", "listings", SMALL / "listings.csv", db=db)
    assert r.code == 0 and f"0 new, 0 changed, {n} unchanged" in r.err
    assert run("verify", db=db).code == 0
