"""Export mirrors import on both paths (issue #10 item 3): the server's
download is byte for byte what `ballast export` writes, built in memory or in
a private temporary file under $TMPDIR that is gone afterwards."""
import http.client
import io
import zipfile

import pytest

from conftest import run
from server import Server, make_demo


@pytest.fixture(scope="module")
def srv(tmp_path_factory):
    base = tmp_path_factory.mktemp("exp")
    db = base / "d.db"
    make_demo(db)
    tmp = base / "tmp"
    tmp.mkdir()
    s = Server(db, log=str(db) + ".log", env={"TMPDIR": str(tmp)})
    s.tmp = tmp
    yield s
    assert s.stop() == 0


@pytest.mark.parametrize("kind", ["units", "projects", "listings", "reports"])
def test_csv_download_equals_the_cli_export(srv, kind, tmp_path):
    r = srv.login("coord").get(f"/api/v1/export/{kind}?format=csv")
    assert r.status == 200
    assert r.headers["Content-Disposition"] == f'attachment; filename="ballast-{kind}.csv"'
    out = tmp_path / f"{kind}.csv"
    cli = run("export", kind, "--bom", "-o", out, db=srv.db)
    assert cli.code == 0, cli
    assert r.body.encode("utf-8") == out.read_bytes()


def test_xlsx_download_is_built_in_tmpdir_and_removed(srv, tmp_path):
    c = srv.login("coord")
    h = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=60)
    h.request("GET", "/api/v1/export/projects?format=xlsx", headers={"Cookie": c.cookie})
    r = h.getresponse()
    assert r.status == 200
    data = r.read()
    h.close()
    book = zipfile.ZipFile(io.BytesIO(data))
    assert "xl/workbook.xml" in book.namelist()
    out = tmp_path / "p.xlsx"
    assert run("export", "projects", "--format", "xlsx", "-o", out, db=srv.db).code == 0
    cli = zipfile.ZipFile(out)
    # Same sheets, same cells (the files' timestamps differ).
    for name in ("xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"):
        if name in cli.namelist():
            assert book.read(name) == cli.read(name), name
    assert list(srv.tmp.iterdir()) == []


def test_sections_may_not_take_a_whole_export(srv):
    r = srv.login("s01").get("/api/v1/export/projects?format=csv")
    assert r.status == 403 and r.json()["error"]["code"] == "forbidden"
