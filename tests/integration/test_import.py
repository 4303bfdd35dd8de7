"""Import: formats, all-or-nothing, error lines, upserts (INTERFACES.md "Files")."""
from collections import Counter

from conftest import FIXTURES, dump, run
import backend

SMALL = FIXTURES / "small"


def rows(db, sql, *args):
    con = backend.connect(db)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def test_small_fixture_values_are_stored_exactly(small):
    got = rows(small, "SELECT ref, total_investment, started_on, completed_on, code, uscc "
                      "FROM projects ORDER BY ref")
    assert got == [
        ("P1", 120000000, "2023-10-01", None, "2308-320214-89-01-000001",
         "91350100M000100Y43"),
        ("P2", 50005000, "2024-03-15", None, None, None),
        ("P3", 8000000, None, None, None, None),
        ("P4", 30000000, None, None, None, None),
        ("P5", 15000000, None, "2024-05-20", None, None),
    ]
    assert rows(small, "SELECT p.ref, r.month, r.invest, r.output FROM reports r JOIN "
                       "projects p ON p.id = r.project_id ORDER BY p.ref, r.month") == [
        ("P1", "2023-12", 9990000, None),
        ("P1", "2024-01", 1001234, None),
        ("P1", "2024-03", 2000000, None),
        ("P1", "2024-07", 500000, None),
        ("P2", "2024-04", 1234567, None),
        ("P2", "2024-06", 765433, None),
        ("P5", "2024-05", 300000, 125000),
    ]
    assert rows(small, "SELECT p.ref, province, city, district, annual_plan, m01, m12 "
                       "FROM listings l JOIN projects p ON p.id = l.project_id "
                       "ORDER BY p.ref") == [
        ("P1", 1, 1, 1, 10000000, None, None),
        ("P2", 0, 1, 1, 5005000, None, None),
        ("P3", 0, 0, 1, 2000000, None, None),
        ("P4", 0, 0, 1, 3000000, None, None),
        ("P5", 0, 0, 1, 1000000, 100000, 50000),
    ]


def test_every_write_is_audited(small):
    # read back as ballast shows the trail: an import's entry, then its rows
    r = run("audit", "--limit", "1000", "--format", "json", db=small)
    assert r.code == 0, r
    n = Counter(e["entity"] for e in r.json()["items"] if e["action"] != "import")
    assert sorted(n.items()) == [("listing", 5), ("project", 5), ("report", 7), ("target", 4),
                                 ("unit", 6)]


def test_reimport_is_idempotent(small):
    before = dump(small)
    r = run("import", "projects", SMALL / "projects.csv", db=small)
    assert r.code == 0, r
    assert "5 rows: 0 new, 0 changed, 5 unchanged" in r.err
    assert dump(small) == before


def test_gb18030_and_bom_files_import_the_same(tmp_path, db):
    text = (SMALL / "units.csv").read_text(encoding="utf-8")
    gb = tmp_path / "units-gb.csv"
    gb.write_bytes(text.encode("gb18030"))
    r = run("import", "units", gb, db=db)
    assert r.code == 0, r
    assert rows(db, "SELECT code, name FROM units ORDER BY code")[0] == ("C1", "测试市")
    bom = tmp_path / "units-bom.csv"
    bom.write_bytes(b"\xef\xbb\xbf" + text.replace("测试市", "测试市2").encode())
    r = run("import", "units", bom, db=db)
    assert r.code == 0, r
    assert "1 changed" in r.err
    assert rows(db, "SELECT name FROM units WHERE code = 'C1'") == [("测试市2",)]


def test_bad_file_lists_every_problem_and_writes_nothing(tmp_path, small):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "ref,name,section,total_investment,started_on,completed_on,uscc\n"
        "N1,好项目,S1,100,,,\n"
        "N2,坏金额,S1,12.34567,,,\n"
        "N3,坏日期,S1,1,2024-02-30,,\n"
        "N4,倒序,S1,1,2024-05-01,2024-04-01,\n"
        "N5,无板块,NOPE,1,,,\n"
        ",无编号,S1,1,,,\n"
        "N1,重复,S1,1,,,\n"
        "N8,校验位,S1,1,,,91350100M000100Y44\n",
        encoding="utf-8")
    before = dump(small)
    r = run("import", "projects", bad, db=small)
    assert r.code == 1, r
    lines = [l for l in r.err.splitlines() if l.startswith(str(bad))]
    f = str(bad)
    assert f"{f}:3: total_investment (总投资（万元）): 12.34567: more than 4 decimals" in lines
    assert any(l.startswith(f"{f}:4: started_on (开工日期): 2024-02-30: ") for l in lines)
    assert any(l.startswith(f"{f}:5: started_on (开工日期): 2024-05-01: later than the "
                            "completed_on") for l in lines)
    assert any(l.startswith(f"{f}:6: section (所属板块): NOPE: ") for l in lines)
    assert any(l.startswith(f"{f}:7: ref (项目编号): ") for l in lines)
    assert any(l.startswith(f"{f}:8: ref (项目编号): N1: repeats row 2") for l in lines)
    assert any(l.startswith(f"{f}:9: uscc (统一社会信用代码): 91350100M000100Y44: warning:")
               for l in lines)
    assert "6 problems; nothing was written" in r.err
    assert dump(small) == before


def test_unknown_column_refused_unless_ignored(tmp_path, small):
    f = tmp_path / "p.csv"
    f.write_text("ref,name,section,colour\nN1,x,S1,red\n", encoding="utf-8")
    r = run("import", "projects", f, db=small)
    assert r.code == 1
    assert f"{f}:1: colour: unknown column" in r.err
    r = run("import", "projects", f, "--ignore-unknown", db=small)
    assert r.code == 0, r


def test_dry_run_writes_nothing(tmp_path, small):
    f = tmp_path / "p.csv"
    f.write_text("ref,name,section\nN1,新项目,S1\n", encoding="utf-8")
    before = dump(small)
    r = run("import", "projects", f, "--dry-run", db=small)
    assert r.code == 0, r
    assert "1 new" in r.err and "dry run" in r.err
    assert dump(small) == before


def test_listing_month_plan_must_add_up(tmp_path, small):
    f = tmp_path / "l.csv"
    f.write_text("ref,year,tiers,annual_plan,m01,m02\nP3,2025,区,100,60,30\n",
                 encoding="utf-8")
    r = run("import", "listings", f, db=small)
    assert r.code == 1
    assert "adds up to 900000 yuan, not the annual plan (1000000 yuan)" in r.err


def test_upsert_keeps_columns_the_file_lacks(tmp_path, small):
    f = tmp_path / "p.csv"
    f.write_text("项目编号,项目名称,所属板块\nP1,甲半导体扩产项目（二期）,S1\n", encoding="utf-8")
    r = run("import", "projects", f, db=small)
    assert r.code == 0, r
    assert rows(small, "SELECT name, total_investment, version FROM projects WHERE ref='P1'") \
        == [("甲半导体扩产项目（二期）", 120000000, 2)]


def test_usage_errors_exit_2(db):
    assert run("import", "nonsense", "x.csv", db=db).code == 2
    assert run("import", "projects", db=db).code == 2
    assert run("import", "--help").code == 0


def test_missing_file_is_a_user_error(db):
    r = run("import", "projects", "/nonexistent.csv", db=db)
    assert r.code == 1
    assert "/nonexistent.csv" in r.err


def test_units_loop_through_stored_units_is_refused(tmp_path, small):
    # S2 is stored under D1; a file putting D1 under S2 would close a loop that
    # only the stored parents show (found by tests/fuzz/fuzz_units.c).
    before = dump(small)
    f = tmp_path / "u.csv"
    f.write_text("code,name,kind,parent\nD1,测试区,district,S2\n", encoding="utf-8")
    r = run("import", "units", f, db=small)
    assert r.code == 1
    assert "u.csv:2: parent (上级单位代码): S2: the parents form a loop" in r.err
    assert dump(small) == before
    # Moving both in one file is no loop: S2 up to the city, then D1 under it.
    f.write_text("code,name,kind,parent\nS2,乙街道,street,C1\nD1,测试区,district,S2\n",
                 encoding="utf-8")
    r = run("import", "units", f, db=small)
    assert r.code == 0, r
    assert rows(small, "SELECT u.code, p.code FROM units u JOIN units p ON p.id = u.parent_id "
                       "WHERE u.code IN ('D1', 'S2') ORDER BY u.code") == [("D1", "S2"),
                                                                        ("S2", "C1")]
