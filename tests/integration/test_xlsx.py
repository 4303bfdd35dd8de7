"""Spreadsheets: XLSX and XLS import, XLSX export, templates, bad files.

The workbooks of tests/fixtures/xlsx were saved by LibreOffice Calc, or written
in the XML dialect of Excel and WPS (see make_fixtures.py there); they hold the
data of tests/fixtures/small, so each must import exactly as the CSV does."""
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile

import pytest

import backend

from conftest import FIXTURES, dump, run

SMALL = FIXTURES / "small"
XLSX = FIXTURES / "xlsx"
M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def fresh(tmp_path, name="fresh.db"):
    path = tmp_path / name
    assert run("init", db=path).code == 0
    return path


def export_csv(db, kind, tmp_path):
    out = tmp_path / f"{kind}-{db.stem}.csv"
    r = run("export", kind, "-o", out, db=db)
    assert r.code == 0, r
    return out.read_bytes()


def imported(tmp_path, name, files):
    """A fresh database with the small units and then files [(kind, path, args)]."""
    db = fresh(tmp_path, name)
    assert run("import", "units", SMALL / "units.csv", db=db).code == 0
    for kind, path, *args in files:
        r = run("import", kind, path, *args, db=db)
        assert r.code == 0, r
        assert r.err.startswith(f"{path}: ") and " rows: " in r.err, r
    return db


def read_xlsx(path, sheet=1):
    """The cells of a sheet as {"A1": (text, style)} and the sheet's XML root."""
    z = zipfile.ZipFile(path)
    names = set(z.namelist())
    shared = []
    if "xl/sharedStrings.xml" in names:
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).iter(M + "si"):
            shared.append("".join(t.text or "" for t in si.iter(M + "t")))
    root = ET.fromstring(z.read(f"xl/worksheets/sheet{sheet}.xml"))
    cells = {}
    for c in root.iter(M + "c"):
        t, v = c.get("t"), c.find(M + "v")
        if t == "s":
            text = shared[int(v.text)]
        elif t == "inlineStr":
            text = "".join(x.text or "" for x in c.iter(M + "t"))
        else:
            text = v.text if v is not None else None
        cells[c.get("r")] = (text, int(c.get("s", "0")))
    return cells, root, z


def num_formats(z):
    """Cell style index → number format code."""
    root = ET.fromstring(z.read("xl/styles.xml"))
    custom = {int(f.get("numFmtId")): f.get("formatCode") for f in root.iter(M + "numFmt")}
    builtin = {0: "General", 1: "0", 14: "m/d/yy", 49: "@"}
    xfs = root.find(M + "cellXfs")
    return [custom.get(int(x.get("numFmtId", "0")), builtin.get(int(x.get("numFmtId", "0"))))
            for x in xfs.iter(M + "xf")]


# ---- import: the same result as the CSV ------------------------------------------


@pytest.mark.parametrize("name", ["projects-libreoffice.xlsx", "projects-libreoffice.xls",
                                  "projects-excel-style.xlsx"])
def test_workbook_imports_as_its_csv(tmp_path, name):
    want = imported(tmp_path, "csv.db", [("projects", SMALL / "projects.csv")])
    got = imported(tmp_path, "xlsx.db", [("projects", XLSX / name)])
    assert export_csv(got, "projects", tmp_path) == export_csv(want, "projects", tmp_path)


def test_libreoffice_values_are_exact(tmp_path):
    db = imported(tmp_path, "x.db", [("projects", XLSX / "projects-libreoffice.xlsx")])
    import sqlite3
    con = backend.connect(db)
    got = con.execute("SELECT ref, name, industrial, total_investment, planned_start, "
                      "signed_on, filed_on, started_on, completed_on, production_on, code, "
                      "uscc FROM projects ORDER BY ref").fetchall()
    con.close()
    assert got == [
        ("P1", "甲半导体扩产项目", 1, 120000000, "2023-09-01", "2023-05-01", "2023-08-01",
         "2023-10-01", None, None, "2308-320214-89-01-000001", "91350100M000100Y43"),
        ("P2", "乙新能源电池项目", 1, 50005000, "2024-03-01", "2024-01-10", "2024-02-01",
         "2024-03-15", None, None, None, None),
        ("P3", "丙道路工程", 0, 8000000, "2024-05-01", "2024-02-01", "2024-03-01", None, None,
         None, None, None),
        ("P4", "丁生物医药项目", 1, 30000000, "2024-09-01", "2024-01-05", None, None, None,
         None, None, None),
        ("P5", "戊智能制造项目", 1, 15000000, "2024-02-01", None, None, None, "2024-05-20",
         "2024-06-15", None, None),
    ]


def test_1904_dates_and_sheet_by_name(tmp_path):
    csv = imported(tmp_path, "csv.db", [("projects", SMALL / "projects.csv"),
                                        ("reports", SMALL / "reports.csv")])
    f = XLSX / "reports-1904-libreoffice.xlsx"
    db = imported(tmp_path, "x.db", [("projects", SMALL / "projects.csv"),
                                     ("reports", f, "--sheet", "月报")])
    assert export_csv(db, "reports", tmp_path) == export_csv(csv, "reports", tmp_path)
    r = run("import", "reports", f, db=db)  # the first sheet is 说明
    assert r.code == 1
    assert f"{f}:1: 本表第二个工作表是月报。: unknown column" in r.err
    r = run("import", "reports", f, "--sheet", "nope", db=db)
    assert r.code == 1
    assert r.err.splitlines()[0] == (f"{f}: the workbook has no sheet named \"nope\"; its "
                                     "sheets are: \"说明\", \"月报\"")


def test_problems_carry_the_sheet_row(tmp_path):
    """Header on row 3 after two blank rows, a blank row 7: the numbers are the
    sheet's. No units: every section is unknown."""
    db = fresh(tmp_path)
    f = XLSX / "projects-libreoffice.xlsx"
    r = run("import", "projects", f, db=db)
    assert r.code == 1
    rows = [int(m) for m in re.findall(rf"^{re.escape(str(f))}:(\d+): section", r.err, re.M)]
    assert rows == [4, 5, 6, 8, 9]
    assert f"{f}:5: section (所属板块): 甲板块: no unit has this code or name" in r.err
    assert "nothing was written" in r.err


def test_formula_error_is_a_row_problem(tmp_path):
    src = zipfile.ZipFile(XLSX / "projects-excel-style.xlsx")
    bad = tmp_path / "err.xlsx"
    with zipfile.ZipFile(bad, "w") as z:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<c r=\"G4\"><v>799.99999999999989</v></c>",
                                    b"<c r=\"G4\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c>")
            z.writestr(item, data)
    db = imported(tmp_path, "x.db", [])
    r = run("import", "projects", bad, db=db)
    assert r.code == 1
    assert f"{bad}:4: cell G4: the formula gives an error (#DIV/0!)" in r.err
    assert "1 problem; nothing was written" in r.err


# ---- bad files ----------------------------------------------------------------------


@pytest.mark.parametrize("name,reason", [
    ("image.xlsx", "not a spreadsheet: a PNG image"),
    ("html-table.xls", "not a spreadsheet: an HTML page"),
    ("projects.ods", "an OpenDocument spreadsheet (.ods), not XLSX"),
    ("truncated.xlsx", "not an XLSX workbook: the file starts like a zip archive but is "
                       "not one"),
    ("crc-error.xlsx", "the workbook is damaged: xl/sharedStrings.xml: CRC error"),
    ("bomb.xlsx", "refused as a zip bomb: xl/worksheets/sheet1.xml would expand 1027 times"),
    ("bomb-lying.xlsx", "refused as a zip bomb: xl/worksheets/sheet1.xml expands more than "
                        "100 times its compressed size"),
    ("encrypted.xlsx", "the workbook is password-protected"),
    ("encrypted.xls", "the workbook is password-protected"),
    ("malformed.xlsx", "the workbook is damaged: xl/worksheets/sheet1.xml, line 2: "
                       "mismatched tag"),
])
def test_bad_file_is_refused_in_one_line(tmp_path, name, reason):
    db = imported(tmp_path, "x.db", [])
    before = dump(db)
    f = XLSX / name
    r = run("import", "projects", f, db=db)
    assert r.code == 1, r
    lines = r.err.splitlines()
    assert lines[0].startswith(f"{f}: {reason}"), r
    assert lines[1:] == [f"{f}: 1 problem; nothing was written"]
    assert dump(db) == before


def test_too_many_rows(tmp_path):
    db = imported(tmp_path, "x.db", [])
    f = XLSX / "projects-libreoffice.xlsx"
    r = run("import", "projects", f, "--max-rows", "3", db=db)
    assert r.code == 1
    assert f"{f}: too large: more than 3 rows (the limit is 3)" in r.err
    assert run("import", "projects", f, "--max-rows", "6", db=db).code == 0
    assert run("import", "projects", f, "--max-rows", "0", db=db).code == 2


# ---- export: XLSX that imports back ----------------------------------------------


KINDS = ("units", "projects", "listings", "reports")


def test_xlsx_round_trip_is_lossless(tmp_path, small):
    for kind in KINDS:
        r = run("export", kind, "--format", "xlsx", "-o", tmp_path / f"{kind}.xlsx", db=small)
        assert r.code == 0, r
    db = fresh(tmp_path)
    for kind in KINDS:
        r = run("import", kind, tmp_path / f"{kind}.xlsx", db=db)
        assert r.code == 0, r
    for kind in KINDS:
        assert export_csv(db, kind, tmp_path) == export_csv(small, kind, tmp_path), kind


def test_xlsx_export_has_types_and_chinese_headers(tmp_path, small):
    out = tmp_path / "p.xlsx"
    assert run("export", "projects", "--format", "xlsx", "-o", out, db=small).code == 0
    cells, root, z = read_xlsx(out)
    fmts = num_formats(z)
    assert cells["A1"][0] == "项目编号" and cells["L1"][0] == "总投资（万元）"
    assert cells["A2"] == ("P1", cells["A2"][1])
    assert cells["L2"][0] == "12000" and fmts[cells["L2"][1]] == "#,##0.00"
    assert cells["L3"][0] == "5000.5"
    assert cells["U2"][0] == "45200" and fmts[cells["U2"][1]] == "yyyy-mm-dd"  # 2023-10-01
    assert root.find(f"{M}sheetViews/{M}sheetView/{M}pane").get("state") == "frozen"
    # 33 columns: the project's 27, 经度 and 纬度 (ui14, the map), 落户日期 (revenue
    # sharing), the listing's 3
    assert root.find(M + "autoFilter").get("ref") == "A1:AG6"
    assert cells["AD1"][0] == "落户日期"
    widths = [float(c.get("width")) for c in root.iter(M + "col")]
    assert len(widths) == 33 and min(widths) >= 8
    out = tmp_path / "r.xlsx"
    assert run("export", "reports", "--format", "xlsx", "-o", out, db=small).code == 0
    cells, root, z = read_xlsx(out)
    fmts = num_formats(z)
    assert cells["B3"][0] == "45292" and fmts[cells["B3"][1]] == "yyyy-mm"  # 2024-01
    assert cells["C3"][0] == "100.1234" and fmts[cells["C3"][1]] == "#,##0.00"


def test_measures_and_warnings_as_xlsx(tmp_path, small):
    out = tmp_path / "m.xlsx"
    r = run("export", "measures", "--year", "2024", "--asof", "2024-06-30", "--by", "section",
            "--format", "xlsx", "-o", out, db=small)
    assert r.code == 0, r
    cells, root, z = read_xlsx(out)
    fmts = num_formats(z)
    heads = [cells[f"{c}1"][0] for c in "ABCDE"]
    assert heads == ["分组", "代码", "名称", "项目数", "签约项目备案率"]
    assert cells["A2"][0] == "合计" and cells["D2"][0] == "5"
    assert cells["E2"][0] == "0.8" and fmts[cells["E2"][1]] == "0.00%"
    assert cells["A3"][0] == "板块"
    invest = [k for k, v in cells.items() if v[0] == "完成投资（万元）"][0]
    col = re.match(r"[A-Z]+", invest).group()
    # 100.1234 + 200 + 123.4567 + 76.5433 + 30, as the double nearest to it
    assert float(cells[f"{col}2"][0]) == 530.1234
    out = tmp_path / "w.xlsx"
    r = run("export", "warnings", "--asof", "2024-06-30", "--format", "xlsx", "-o", out,
            db=small)
    assert r.code == 0, r
    cells, _, _ = read_xlsx(out)
    assert [cells[f"{c}1"][0] for c in "ABCDEFG"] == [
        "项目编号", "项目名称", "所属板块", "预警规则", "预警类型", "等级", "原因"]
    assert {cells[f"F{i}"][0] for i in range(2, 10) if f"F{i}" in cells} <= {"红", "黄"}


def test_xlsx_needs_a_file(small):
    r = run("export", "projects", "--format", "xlsx", db=small)
    assert r.code == 2
    assert "needs -o FILE" in r.err
    assert run("export", "projects", "--format", "pdf", "-o", "x", db=small).code == 2


# ---- templates ---------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["units", "projects", "listings", "reports", "targets"])
def test_template(tmp_path, small, kind):
    out = tmp_path / f"{kind}.xlsx"
    r = run("template", kind, "-o", out, db=small)
    assert r.code == 0, r
    cells, root, z = read_xlsx(out)
    wb = z.read("xl/workbook.xml").decode()
    assert re.findall(r'<sheet name="([^"]+)"', wb)[1:] == ["填写说明", "选项"]
    assert 'state="hidden"' in wb
    assert root.find(f"{M}sheetViews/{M}sheetView/{M}pane").get("state") == "frozen"
    assert len(list(root.iter(M + "dataValidation"))) == len(
        [k for k in cells if k.endswith("1") and k[:-1].isalpha()])
    assert any(n.startswith("xl/comments") for n in z.namelist())
    r = run("import", kind, out, db=small)  # the empty template imports: no rows
    assert r.code == 0, r
    assert ": 0 rows: " in r.err


def test_filled_template_imports(tmp_path, small):
    out = tmp_path / "t.xlsx"
    assert run("template", "projects", "-o", out, db=small).code == 0
    cells, root, z = read_xlsx(out)
    heads = {v[0]: re.match(r"[A-Z]+", k).group() for k, v in cells.items()
             if re.fullmatch(r"[A-Z]+1", k)}
    row = {"项目编号": "N1", "项目名称": "新建厂房", "所属板块": "甲板块", "是否产业项目": "是",
           "层级": "市、区", "年度": "2024"}
    xml = "".join(f'<c r="{heads[k]}2" t="inlineStr"><is><t>{v}</t></is></c>'
                  for k, v in sorted(row.items(), key=lambda kv: (len(heads[kv[0]]), heads[kv[0]])))
    filled = tmp_path / "filled.xlsx"
    with zipfile.ZipFile(filled, "w") as w:
        for item in z.infolist():
            data = z.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", f'<row r="2">{xml}</row></sheetData>'.encode())
            w.writestr(item, data)
    r = run("import", "projects", filled, db=small)
    assert r.code == 0, r
    assert "1 rows: 1 new" in r.err


def test_template_section_list_comes_from_the_database(tmp_path, small):
    out = tmp_path / "t.xlsx"
    assert run("template", "projects", "-o", out, db=small).code == 0
    cells, _, _ = read_xlsx(out, 3)
    assert [cells[f"A{i}"][0] for i in range(1, 5)] == ["板块", "甲板块", "乙街道", "乙街道社区"]
    assert cells["B2"][0] == "发改"
    r = run("template", "nonsense", "-o", out, db=small)
    assert r.code == 2


@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="soffice not found: `make deps` installs LibreOffice "
                    "(libreoffice-calc-nogui)")
def test_libreoffice_reads_the_export(tmp_path, small):
    out = tmp_path / "r.xlsx"
    assert run("export", "reports", "--format", "xlsx", "-o", out, db=small).code == 0
    subprocess.run(["soffice", "--headless", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true",
                    "--outdir", str(tmp_path), str(out)], check=True, capture_output=True,
                   timeout=120)
    lines = (tmp_path / "r.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "项目编号,月份,本月完成投资（万元）,本月产值（万元）,形象进度,存在问题"
    assert lines[2] == "P1,2024-01,100.12,,主体结构施工至5层,"
