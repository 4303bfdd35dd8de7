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


PROJECTS = ("项目编号,项目名称,所属板块,挂钩领导\n"
            "Q1,甲项目,S1,王副区长\n"
            "Q2,乙项目,S1,wang、李区长\n"
            "Q3,丙项目,S2,\n"
            "Q4,丁项目,S2,li\n")


def leader_trail(db):
    """The links (id, project ref, username) and the audit entries after the
    leader accounts, without their times and hashes."""
    rows = sql(db, "SELECT l.id, p.ref, u.username FROM project_leaders l JOIN projects p"
                   " ON p.id = l.project_id JOIN users u ON u.id = l.user_id ORDER BY l.id")
    trail = sql(db, "SELECT id, action, entity, entity_key, before, after FROM audit"
                    " WHERE id > 3 ORDER BY id")
    return rows, [t[:5] + (json.loads(t[5]) if t[5] else None,) for t in trail]


def test_a_first_load_of_projects_links_their_leaders_as_row_by_row_does(tmp_path):
    got = []
    for first_load in (True, False):
        db = tmp_path / f"p{int(first_load)}.db"
        assert run("init", db=db).code == 0
        for name, shown in (("wang", "王副区长"), ("li", "李区长")):
            r = run("user", "add", name, "--role", "leader", "--name", shown, db=db,
                    stdin="bench-pass-1\n")
            assert r.code == 0, r
        assert run("import", "units", SMALL / "units.csv", db=db).code == 0
        f = tmp_path / "projects.csv"
        if not first_load:
            # one project already stored: the same file then goes row by row
            f.write_text(PROJECTS.split("\n", 1)[0] + "\nQ0,零项目,S1,\n", encoding="utf-8")
            assert run("import", "projects", f, db=db).code == 0
        f.write_text(PROJECTS, encoding="utf-8")
        r = run("import", "projects", f, db=db)
        assert r.code == 0, r
        assert "4 rows: 4 new, 0 changed, 0 unchanged" in r.err
        assert run("verify", db=db).code == 0
        got.append(leader_trail(db))
    links, trail = got[0]
    assert links == [(1, "Q1", "wang"), (2, "Q2", "wang"), (3, "Q2", "li"), (4, "Q4", "li")]
    # the link entries in row order, then the import's
    assert [(t[1], t[2], t[3]) for t in trail] == [
        ("insert", "project_leader", k) for k in ("1", "2", "3", "4")] + [
        ("import", "project", str(tmp_path / "projects.csv"))]
    assert [t[5]["user_id"] for t in trail[:4]] == [1, 1, 2, 2]
    # row by row (after Q0's import): the same links and entries, each
    # project's id one on
    row_links, row_trail = got[1]
    assert row_links == links
    assert [t[1:4] for t in row_trail[1:]] == [t[1:4] for t in trail]
    assert [dict(t[5], project_id=t[5]["project_id"] - 1) for t in row_trail[1:5]] == \
        [t[5] for t in trail[:4]]


def test_max_rows_may_raise_the_cap_for_one_large_csv(tmp_path):
    db = base(tmp_path)
    f = reports_csv(tmp_path / "r.csv", ROWS)
    r = run("import", "reports", f, "--max-rows", "16777216", db=db)
    assert r.code == 0, r
    r = run("import", "reports", f, "--max-rows", "16777217", db=db)
    assert r.code == 2
    assert "--max-rows 16777217: not a number of rows from 1 to 16777216" in r.err


@backend.pg_only("a first load goes by COPY only on PostgreSQL")
def test_a_first_load_reads_no_row_back(tmp_path):
    """A first load finds nothing stored (the table was empty, and a key twice
    in the file is refused): it reads no report back per row, which would end
    the COPY at every row (one COPY per row: ten times slower on the city). The
    table's own statistics count the reads."""
    db = base(tmp_path)
    reads = ("SELECT coalesce(idx_scan, 0) + seq_scan FROM pg_stat_user_tables"
             " WHERE relname = 'reports'")
    before = sql(db, reads)[0][0]
    r = run("import", "reports", reports_csv(tmp_path / "r.csv", ROWS), db=db)
    assert r.code == 0, r
    assert sql(db, "SELECT count(*) FROM reports") == [(144,)]
    # A handful for the whole load — the indexes built after the rows, the
    # foreign key checked once, this test's count — not one a row (149 then).
    # (The statistics reach the view when the importer's session ends.)
    assert sql(db, reads)[0][0] - before <= 10
