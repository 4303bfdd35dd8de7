"""One HTTP error vocabulary (issue #10 item 5): every error code the server
can answer is a row of src/http/errors.c with one status, the handlers name
errors only through that table, and docs/api.md lists exactly its rows."""
import pathlib
import re

from hardening_checks import error_table

ROOT = pathlib.Path(__file__).resolve().parents[2]


def table():
    """(status, code) of every row of src/http/errors.c, in its order."""
    return [(status, code) for code, status in error_table().items()]


def test_codes_are_unique_and_statuses_are_errors():
    rows = table()
    assert len(rows) == len(re.findall(r"^\tHE_\w+,", (ROOT / "src/http/errors.h").read_text(),
                                       re.M))
    codes = [c for _, c in rows]
    assert len(codes) == len(set(codes))
    assert all(400 <= s <= 599 for s, _ in rows)


def test_the_docs_list_exactly_the_table():
    doc = (ROOT / "docs/api.md").read_text()
    listed = [(int(s), c) for s, c in re.findall(r"^\| (\d{3}) \| `(\w+)` \|", doc, re.M)]
    assert listed == table()


def test_no_handler_builds_an_error_by_hand():
    """An error's code and status come from the table: no handler passes a
    status with a code string, or writes an "error" object itself."""
    for f in sorted((ROOT / "src/http").glob("*.c")):
        if f.name in ("errors.c", "resp.c"):
            continue
        text = f.read_text()
        assert not re.search(r'resp_json\(\s*\w+,\s*[45]\d\d', text), f.name
        assert '"error", json_pack' not in text, f.name
        assert "resp_error(" not in text, f.name
