"""Export writes what import reads: a lossless round trip."""
from conftest import dump, run

KINDS = ("units", "projects", "listings", "reports")


def test_round_trip_is_lossless(tmp_path, small):
    first = {}
    for kind in KINDS:
        out = tmp_path / f"{kind}.csv"
        r = run("export", kind, "--format", "csv", "-o", out, db=small)
        assert r.code == 0, r
        first[kind] = out.read_bytes()
    fresh = tmp_path / "fresh.db"
    assert run("init", db=fresh).code == 0
    for kind in KINDS:
        r = run("import", kind, tmp_path / f"{kind}.csv", db=fresh)
        assert r.code == 0, r
    for kind in KINDS:
        again = tmp_path / f"{kind}-again.csv"
        r = run("export", kind, "--format", "csv", "-o", again, db=fresh)
        assert r.code == 0, r
        assert again.read_bytes() == first[kind], kind


def test_chinese_headers_round_trip(tmp_path, small):
    out = tmp_path / "p.csv"
    assert run("export", "projects", "--header", "zh", "--bom", "-o", out, db=small).code == 0
    data = out.read_bytes()
    assert data.startswith("\ufeff项目编号,项目名称,所属板块".encode())
    before = dump(small)
    r = run("import", "projects", out, db=small)
    assert r.code == 0, r
    assert "5 unchanged" in r.err
    assert dump(small) == before


def test_money_keeps_four_decimals(small):
    r = run("export", "reports", db=small)
    assert "P1,2024-01,100.1234," in r.out
    assert "P2,2024-06,76.5433,,\"设备安装, 调试\"," in r.out
