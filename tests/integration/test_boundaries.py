"""Every text and amount field at its edges, on each entry path (issue #20
item 3): the HTTP body, the import row. Below the minimum, at it, at the
maximum, above it, the wrong type, null and empty — each with the exact
answer and, for a refusal, nothing written."""
import pytest

from conftest import FIXTURES, dump, run
from server import Server, make_demo

MAX_TEXT = 2000  # bytes of a text field (DOMAIN.md: progress, problems, names)
AMOUNT_MAX = 10 ** 15


@pytest.fixture(scope="module")
def srv(tmp_path_factory):
    db = tmp_path_factory.mktemp("edges") / "d.db"
    make_demo(db)
    s = Server(db, log=str(db) + ".log")
    yield s
    assert s.stop() == 0


def put_report(c, month, body):
    return c.put(f"/api/v1/reports/2024-030/{month}", body)


@pytest.mark.parametrize("field", ["progress", "problems"])
def test_report_text_at_and_over_its_limit(srv, field):
    c = srv.login("coord")
    month = {"progress": "2024-09", "problems": "2024-10"}[field]
    at = "进" * (MAX_TEXT // 3) + "ab"  # 666 three-byte characters + 2 = 2000 bytes
    assert len(at.encode()) == MAX_TEXT
    r = put_report(c, month, {field: at + "c"})
    assert r.status == 400 and r.json()["error"] == {
        "code": "invalid", "message": "a text of at most 2000 bytes", "message_zh": "文本过长",
        "field": field}
    r = put_report(c, month, {field: at})
    assert r.status == 201 and r.json()[field] == at
    version = r.json()["version"]
    for bad in (5, ["x"], {"a": 1}, True):
        r = put_report(c, month, {field: bad, "version": version})
        assert r.status == 400 and r.json()["error"]["field"] == field, bad
    r = put_report(c, month, {field: None, "version": version})
    assert r.status == 200 and r.json()[field] is None
    r = put_report(c, month, {field: "", "version": version + 1})
    assert r.status == 200 and r.json()[field] == ""


@pytest.mark.parametrize("value,status", [
    (-1, 400), (0, 201), (1, 201), (AMOUNT_MAX, 201), (AMOUNT_MAX + 1, 400),
    (2 ** 63 - 1, 400), (-(2 ** 63), 400), (1.5, 400), ("100", 400), (True, 400),
    (None, 201),
])
def test_report_amount_edges(srv, value, status):
    c = srv.login("coord")
    month = "2024-11"
    ref = f"2024-0{40 + test_report_amount_edges.n}"
    test_report_amount_edges.n += 1
    r = c.put(f"/api/v1/reports/{ref}/{month}", {"invest_yuan": value})
    assert r.status == status, (value, r.body)
    if status == 400:
        assert r.json()["error"]["field"] == "invest_yuan"
    else:
        assert r.json()["invest_yuan"] == value


test_report_amount_edges.n = 0


def test_return_reason_edges(srv):
    c = srv.login("coord")
    s01 = srv.login("s01")
    ref = next(i["ref"] for i in s01.get("/api/v1/reports?month=2024-08").json()["items"]
               if i["editable"] and i["report"] is None)
    assert s01.put(f"/api/v1/reports/{ref}/2024-08", {"invest_yuan": 7}).status == 201
    assert s01.post("/api/v1/reports/submit", {"month": "2024-08", "refs": [ref]}).status == 200
    path = f"/api/v1/reports/{ref}/2024-08/return"
    for bad in ("", "退" * 2001, None, 7):
        r = c.post(path, {"reason": bad})
        assert r.status == 400 and r.json()["error"]["field"] == "reason", bad
    r = c.post(path, {"reason": "退" * 2000})  # 2000 characters, 6000 bytes: at the limit
    assert r.status == 200 and r.json()["status"] == "returned"
    assert r.json()["return_reason"] == "退" * 2000


def test_import_text_cell_over_its_limit_writes_nothing(tmp_path, small):
    at = "x" * MAX_TEXT
    good = tmp_path / "good.csv"
    good.write_text(f"ref,month,invest,output,progress,problems\nP1,2024-07,1,,{at},\n")
    bad = tmp_path / "bad.csv"
    bad.write_text(f"ref,month,invest,output,progress,problems\nP1,2024-08,1,,{at}y,\n")
    before = dump(small)
    r = run("import", "reports", bad, db=small)
    assert r.code == 1
    assert f"{bad}:2: progress (形象进度)" in r.err and "2000" in r.err
    assert dump(small) == before
    r = run("import", "reports", good, db=small)
    assert r.code == 0, r
    assert dump(small) != before
