"""Issued bulletins are never overwritten (issue #11 item 6): a re-issue adds the
month's next version (第2版 …) with its reason; every version stays downloadable
and byte-identical, over the CLI and the API; the list shows them all; a
database of schema 3 keeps its issued bulletin as version 1."""
import hashlib
import json
import subprocess

import pytest

import backend

from conftest import SCHEMA_3_SQL, run
from server import Server, make_demo

M = ("--month", "2024-06")
FORMATS = ("html", "pdf", "xlsx")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    db = tmp_path_factory.mktemp("versions") / "d.db"
    make_demo(db)
    return db


def copy_db(src, dst):
    return backend.copy_db(src, dst)


def fetch(db, path, *args):
    r = run("bulletin", *M, "-o", path, *args, db=db)
    assert r.code == 0, r
    return path.read_bytes()


def pdftotext(path):
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def audit(db):
    con = backend.connect(db)
    try:
        return con.execute("SELECT action, entity_key, before, after FROM audit WHERE "
                           "entity = 'bulletin' ORDER BY id").fetchall()
    finally:
        con.close()


def test_reissue_keeps_version_1_and_adds_version_2(demo, tmp_path):
    db = copy_db(demo, tmp_path / "r.db")
    r = run("bulletin", *M, "--issue", "--yes", "--actor", "coordinator:wang", db=db)
    assert r.code == 0, r
    v1 = {f: fetch(db, tmp_path / f"v1.{f}") for f in FORMATS}

    r = run("bulletin", *M, "--issue", "--yes", db=db)
    assert r.code == 1
    assert ("2024-06 was issued already as 第6期 (第1版)" in r.err and "--reissue --reason" in r.err)
    r = run("bulletin", *M, "--issue", "--yes", "--reissue", db=db)
    assert r.code == 1
    # the month's readiness comes first (issue #14 item 8), then the refusal
    assert r.err.startswith("2024-06: 164 projects listed")
    assert r.err.splitlines()[-1] == ("ballast bulletin: a re-issue of 2024-06 needs a reason "
                                      "(--reason TEXT): it is printed in the new version and "
                                      "kept with it")
    assert run("bulletin", *M, "--reason", "x", "-o", tmp_path / "x.pdf", db=db).code == 2

    # the data changes through ballast (a new title), then the re-issue
    assert run("settings", "set", "bulletin.title", "重大项目建设月度通报（更正）", db=db).code == 0
    reason = "更正6月份空港经开区投资数据"
    r = run("bulletin", *M, "--issue", "--yes", "--reissue", "--reason", reason,
            "--actor", "coordinator:li", db=db)
    assert r.code == 0, r
    assert "re-issued 2024-06 as 2024年第6期 第2版 by coordinator:li" in r.err

    # version 1: every format byte for byte as first issued
    for f in FORMATS:
        assert fetch(db, tmp_path / f"a.{f}", "--version", "1") == v1[f], f
    # the default download is the latest version, which says what it is and why
    v2 = {f: fetch(db, tmp_path / f"v2.{f}") for f in FORMATS}
    for f in FORMATS:
        assert v2[f] != v1[f], f
        assert fetch(db, tmp_path / f"b.{f}", "--version", "2") == v2[f], f
    text = pdftotext(tmp_path / "v2.pdf")
    assert "（第2版）" in text and "更正说明" in text and "重大项目建设月度通报（更正）" in text
    assert "第2版" not in pdftotext(tmp_path / "v1.pdf")
    r = run("bulletin", *M, "--version", "3", "-o", tmp_path / "c.pdf", db=db)
    assert r.code == 1 and "the bulletin of 2024-06 has no version 3" in r.err

    listing = run("bulletin", "--list", "--format", "json", db=db).json()
    assert [(b["month"], b["version"], b["issue_no"], b["issued_by"], b["reason"])
            for b in listing] == [("2024-06", 2, 6, "coordinator:li", reason),
                                  ("2024-06", 1, 6, "coordinator:wang", None)]
    assert [b["bytes"]["pdf"] for b in listing] == [len(v2["pdf"]), len(v1["pdf"])]
    csv = run("bulletin", "--list", "--format", "csv", db=db).out.splitlines()
    assert csv[0] == ("month,issue_no,issued_at,issued_by,html_bytes,pdf_bytes,xlsx_bytes,"
                      "version,reason")
    assert csv[1].endswith(",2," + reason) and csv[2].endswith(",1,")

    entries = audit(db)
    assert [(a, k, b) for a, k, b, _ in entries] == [("issue", "2024-06", None),
                                                     ("reissue", "2024-06/v2", None)]
    after = json.loads(entries[1][3])
    assert (after["month"], after["version"], after["reason"]) == ("2024-06", 2, reason)
    for f in FORMATS:
        assert after[f] == {"bytes": len(v2[f]), "sha256": hashlib.sha256(v2[f]).hexdigest()}
        assert json.loads(entries[0][3])[f]["sha256"] == hashlib.sha256(v1[f]).hexdigest()

    # a third version keeps both before it
    r = run("bulletin", *M, "--issue", "--yes", "--reissue", "--reason", "第三次", db=db)
    assert r.code == 0, r
    assert fetch(db, tmp_path / "d.pdf", "--version", "1") == v1["pdf"]
    assert fetch(db, tmp_path / "e.pdf", "--version", "2") == v2["pdf"]
    assert [b["version"] for b in run("bulletin", "--list", "--format", "json",
                                      db=db).json()] == [3, 2, 1]
    assert run("verify", db=db).code == 0


def test_versions_over_http(demo, tmp_path):
    db = copy_db(demo, tmp_path / "h.db")
    s = Server(db)
    try:
        coord = s.login("coord")
        r = coord.post("/api/v1/bulletins/2024-05/issue")
        assert r.status == 201, r.body
        assert (r.json()["version"], r.json()["reason"]) == (1, None)
        v1 = coord.get("/api/v1/bulletins/2024-05?format=pdf")
        assert v1.status == 200
        r = coord.post("/api/v1/bulletins/2024-05/issue", {"reissue": True})
        assert r.status == 400
        assert r.json()["error"]["field"] == "reason"
        r = coord.post("/api/v1/bulletins/2024-05/issue", {"reissue": True, "reason": ""})
        assert r.status == 400 and r.json()["error"]["field"] == "reason"
        r = coord.post("/api/v1/bulletins/2024-05/issue", {"reissue": True, "reason": 5})
        assert r.status == 400 and r.json()["error"]["field"] == "reason"
        r = coord.post("/api/v1/bulletins/2024-05/issue", {"reason": "x"})
        assert r.status == 409 and r.json()["error"]["code"] == "issued"
        admin = s.login("admin")
        assert admin.put("/api/v1/settings/bulletin.issuer", {"value": "新吴区项目办"}).status == 200
        r = coord.post("/api/v1/bulletins/2024-05/issue", {"reissue": True, "reason": "落款更正"})
        assert r.status == 201, r.body
        assert (r.json()["version"], r.json()["reason"], r.json()["issue_no"]) == (2, "落款更正", 5)

        items = coord.get("/api/v1/bulletins").json()["items"]
        may = [(i["month"], i["version"], i["latest"], i["reason"]) for i in items]
        assert may == [("2024-05", 2, True, "落款更正"), ("2024-05", 1, False, None)]
        reader = s.login("s01")
        for c in (coord, reader):
            one = c.get("/api/v1/bulletins/2024-05?format=pdf&version=1")
            assert one.status == 200 and one.body == v1.body
            assert "bulletin-2024-05.pdf" in one.headers["Content-Disposition"]
            two = c.get("/api/v1/bulletins/2024-05?format=pdf&version=2")
            assert two.status == 200 and two.body != v1.body
            assert "bulletin-2024-05-v2.pdf" in two.headers["Content-Disposition"]
            assert c.get("/api/v1/bulletins/2024-05?format=pdf").body == two.body
            assert len(two.body.encode("utf-8", "replace")) > 0
            r = c.get("/api/v1/bulletins/2024-05?format=pdf&version=3")
            assert r.status == 404 and r.json()["error"]["code"] == "no_version"
            r = c.get("/api/v1/bulletins/2024-05?format=pdf&version=0")
            assert r.status == 400 and r.json()["error"]["field"] == "version"
        html = reader.get("/api/v1/bulletins/2024-05?format=html&version=2").body
        assert "新吴区项目办" in html and "落款更正" in html and "第2版" in html
        # an unissued month has no version 1 even for the office (no draft instead)
        r = coord.get("/api/v1/bulletins/2024-04?format=html&version=1")
        assert r.status == 404 and r.json()["error"]["code"] == "no_version"
    finally:
        assert s.stop() == 0
    # the bytes the server gave are the bytes the CLI gives
    cli = run("bulletin", "--month", "2024-05", "--version", "1", "-o", tmp_path / "v1.pdf",
              db=db)
    assert cli.code == 0
    assert run("verify", db=db).code == 0


@backend.sqlite_only("a schema-3 database exists only as a SQLite file: PostgreSQL's schema "
                     "starts at its baseline, which has bulletin versions")
def test_schema_3_bulletin_becomes_version_1(demo, tmp_path):
    """A database written before versions (schema 3: one row per month) opens as
    version 1 of that month, byte-identical; the version is recorded so an older
    ballast refuses the file."""
    db = copy_db(demo, tmp_path / "old.db")
    assert run("bulletin", *M, "--issue", "--yes", db=db).code == 0
    before = fetch(db, tmp_path / "before.pdf")
    con = backend.connect(db)
    con.executescript(SCHEMA_3_SQL)
    con.commit()
    con.close()
    listing = run("bulletin", "--list", "--format", "json", db=db).json()
    assert [(b["month"], b["version"], b["reason"]) for b in listing] == [("2024-06", 1, None)]
    assert fetch(db, tmp_path / "after.pdf", "--version", "1") == before
    con = backend.connect(db)
    assert con.execute("PRAGMA user_version").fetchone()[0] >= 4
    con.execute("PRAGMA user_version = 99")
    con.commit()
    con.close()
    r = run("bulletin", "--list", db=db)
    assert r.code == 1 and "newer than this ballast understands" in r.err
