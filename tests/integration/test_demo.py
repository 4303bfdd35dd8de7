"""The demo district: the seed's counts, deterministic, and it looks like June."""
import pytest

from conftest import run
import backend

J = ("--year", "2024", "--asof", "2024-06-30", "--format", "json")


def test_demo_lists_and_june_picture(tmp_path):
    db = tmp_path / "d.db"
    r = run("demo", "--asof", "2024-06-30", db=db)
    assert r.code == 0, r
    tiers = run("measures", *J, "--by", "tier", db=db).json()["breakdown"]
    assert [(t["key"], t["projects"]) for t in tiers] == [
        ("province", 9), ("city", 52), ("district", 156)]
    prov = tiers[0]["measures"]["start_rate"]
    assert prov["den"] == 9 and 7 <= prov["num"] <= 9
    sections = run("measures", *J, "--by", "section", db=db).json()["breakdown"]
    assert len(sections) == 6
    rates = [s["measures"]["start_rate"]["value"] for s in sections]
    assert max(rates) - min(rates) > 0.15      # some sections ahead, some behind
    lights = run("warnings", "--asof", "2024-06-30", "--format", "json", db=db).json()
    assert 3 <= lights["lights"]["red"] <= 10
    targets = run("targets", *J, db=db).json()["targets"]
    assert len(targets) >= 13


def test_demo_is_deterministic_per_seed(tmp_path):
    out = []
    for name, seed in (("a", 7), ("b", 7), ("c", 8)):
        db = tmp_path / f"{name}.db"
        assert run("demo", "--seed", seed, db=db).code == 0
        r = run("export", "projects", db=db)
        assert r.code == 0, r
        out.append(r.out + run("export", "reports", db=db).out)
    assert out[0] == out[1]
    assert out[0] != out[2]


def test_demo_refuses_existing_file(tmp_path):
    db = tmp_path / "d.db"
    assert run("demo", db=db).code == 0
    assert run("demo", db=db).code == 1
    assert run("demo", "--force", db=db).code == 0


@pytest.mark.skipif(not backend.PG, reason="PostgreSQL only: a SQLite file of another "
                    "program is a file like any other to --force")
def test_demo_force_leaves_another_programs_database(tmp_path):
    db = tmp_path / "other.db"
    con = backend.connect(db)
    con.execute("CREATE TABLE payroll (id BIGINT PRIMARY KEY, yuan BIGINT)")
    con.execute("INSERT INTO payroll VALUES (1, 5000)")
    con.commit()
    con.close()
    r = run("demo", "--force", db=db)
    assert r.code == 1
    assert "holds tables of another program (no ballast_schema table); use an empty database" \
        in r.err
    con = backend.connect(db)
    assert con.execute("SELECT id, yuan FROM payroll").fetchall() == [(1, 5000)]
    con.close()


def test_overview_prints(tmp_path):
    db = tmp_path / "d.db"
    assert run("demo", "--asof", "2024-06-30", db=db).code == 0
    r = run("overview", "--year", "2024", "--asof", "2024-06-30", db=db)
    assert r.code == 0, r
    assert "开工率" in r.out and "空港经开区(硕放街道)" in r.out


def test_schema_newer_than_binary_is_refused(tmp_path):
    db = tmp_path / "n.db"
    assert run("init", db=db).code == 0
    backend.set_schema_version(db, 999)
    r = run("measures", "--year", "2024", db=db)
    assert r.code == 1
    assert "newer than this ballast" in r.err


def test_help_everywhere():
    for cmd in ("init", "demo", "import", "export", "measures", "targets", "warnings",
                "overview"):
        r = run(cmd, "--help")
        assert r.code == 0 and "usage" in r.out, cmd
    assert run("nonsense").code == 2
