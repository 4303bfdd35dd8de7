"""The monthly bulletin (月度通报) and the section contest (比武打擂), black-box.

The PDF's text (pdftotext) holds the numbers `ballast measures` gives, the CJK
font is embedded (pdffonts), the XLSX reads back to the same values, drafts
are deterministic, an issued bulletin stays byte-identical after the data
change, and the small fixture's summary equals sentences worked out by hand.
"""
import hashlib
import json
import re
import subprocess
import zipfile
import xml.etree.ElementTree as ET

import pytest

import backend

from conftest import FIXTURES, dump, run
from server import PASSWORD, Server

M = ("--month", "2024-06")
J = ("--year", "2024", "--asof", "2024-06-30", "--format", "json")
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "rel": "http://schemas.openxmlformats.org/package/2006/relationships"}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    db = tmp_path_factory.mktemp("bulletin") / "d.db"
    r = run("demo", "--asof", "2024-06-30", db=db)
    assert r.code == 0, r
    return db


def bulletin(db, path, *args):
    r = run("bulletin", *M, "-o", path, *args, db=db)
    assert r.code == 0, r
    return path.read_bytes()


def pdftotext(path):
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def read_xlsx(path):
    """{sheet name: [[cell value, …], …]}: numbers as float, text as str."""
    z = zipfile.ZipFile(path)
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS):
            shared.append("".join(t.text or "" for t in si.iter(f"{{{NS['m']}}}t")))
    rels = {r.get("Id"): r.get("Target") for r in
            ET.fromstring(z.read("xl/_rels/workbook.xml.rels")).findall("rel:Relationship", NS)}
    out = {}
    for sheet in ET.fromstring(z.read("xl/workbook.xml")).find("m:sheets", NS):
        target = rels[sheet.get(f"{{{NS['r']}}}id")]
        root = ET.fromstring(z.read("xl/" + target.lstrip("/").removeprefix("xl/")))
        rows = []
        for row in root.iter(f"{{{NS['m']}}}row"):
            while len(rows) < int(row.get("r")) - 1:
                rows.append([])                     # rows the file leaves out are blank
            cells = {}
            for c in row.findall("m:c", NS):
                col = re.match(r"[A-Z]+", c.get("r")).group(0)
                idx = 0
                for ch in col:
                    idx = idx * 26 + ord(ch) - 64
                v = c.find("m:v", NS)
                if v is None:
                    continue
                cells[idx - 1] = shared[int(v.text)] if c.get("t") == "s" else float(v.text)
            rows.append([cells.get(i) for i in range(max(cells) + 1)] if cells else [])
        out[sheet.get("name")] = rows
    return out


def data_rows(rows):
    """The rows under the header, up to the blank row before the notes."""
    out = []
    for r in rows[1:]:
        if not r:
            break
        out.append(r)
    return out


def html_paragraphs(data):
    text = data.decode()
    return [re.sub(r"&[a-z]+;", "", p) for p in re.findall(r"<p>(.*?)</p>", text)]


# ---- usage ----

def test_help_and_usage(db):
    for cmd in ("bulletin", "ranking"):
        r = run(cmd, "--help")
        assert r.code == 0 and r.out.startswith("usage: ballast " + cmd), r
    assert run("bulletin", "-o", "x.pdf", db=db).code == 2               # no --month
    assert run("bulletin", "--month", "2024-13", "-o", "x.pdf", db=db).code == 2
    assert run("bulletin", *M, "-o", "x.doc", db=db).code == 2           # no format
    assert run("bulletin", *M, "--format", "docx", "-o", "x", db=db).code == 2
    assert run("bulletin", *M, "--reissue", "-o", "x.pdf", db=db).code == 2
    assert run("bulletin", *M, db=db).code == 2                          # no -o
    assert run("ranking", db=db).code == 2
    assert run("ranking", "--month", "June", db=db).code == 2
    r = run("bulletin", *M, "-o", "x.pdf", db=backend.missing(db.parent / "none.db"))
    assert r.code == 1 and backend.MISSING_SAYS in r.err


# ---- the demo district ----

def test_pdf_holds_the_measures_and_embeds_the_font(demo, tmp_path):
    pdf = tmp_path / "b.pdf"
    bulletin(demo, pdf)
    text = pdftotext(pdf)
    whole = run("measures", *J, db=demo).json()
    tiers = run("measures", *J, "--by", "tier", db=demo).json()["breakdown"]
    m = whole["measures"]

    def pct(r):
        return f"{r['num'] * 100 / r['den']:.1f}%"

    assert "重大项目建设月度通报" in text and "2024年第6期" in text
    assert f"区级以上重大项目{whole['projects']}个，已开工{m['start_rate']['num']}个，" \
           f"开工率{pct(m['start_rate'])}" in text.replace("\n", "").replace(" ", "")
    for t in tiers:
        assert pct(t["measures"]["start_rate"]) in text
    for key in ("filing_rate", "start_rate_of_filed", "investment_completion"):
        assert pct(m[key]) in text, key
    assert f"{m['investment_yuan'] // 10000:,}" in text          # 完成投资（万元）, whole 万元
    assert f"{m['investment_yuan'] / 1e8:.2f}亿元" in text.replace("\n", "")
    assert re.search(r"—\s*2\s*—", text)                          # page numbers
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                           check=True).stdout
    cjk = [line for line in fonts.splitlines() if "NotoSansCJK" in line]
    assert cjk and all(" yes yes yes " in line for line in cjk), fonts


def test_xlsx_reads_back_to_the_measures(demo, tmp_path):
    path = tmp_path / "b.xlsx"
    bulletin(demo, path)
    wb = read_xlsx(path)
    assert list(wb)[:3] == ["通报", "五率", "分层级"]
    tiers = run("measures", *J, "--by", "tier", db=demo).json()["breakdown"]
    whole = run("measures", *J, db=demo).json()
    rows = wb["分层级"]
    assert rows[0][:4] == ["层级", "项目数", "已开工", "开工率"]
    for row, t in zip(rows[1:4], tiers):
        m = t["measures"]
        assert row[1] == t["projects"]
        assert row[2] == m["start_rate"]["num"]
        assert row[3] == pytest.approx(m["start_rate"]["num"] / m["start_rate"]["den"], abs=1e-12)
        assert round(row[6] * 10000) == m["investment_yuan"]       # 万元 back to yuan
    total = rows[4]
    assert total[0] == "区级以上合计" and total[1] == whole["projects"]
    rates = {r[0]: r[3] for r in data_rows(wb["五率"])}
    assert rates["竣工项目投产率"] == pytest.approx(
        whole["measures"]["production_rate"]["value"], abs=5e-5)
    contest = run("ranking", *M, "--no-save", "--format", "json", db=demo).json()
    scores = [(r[1], r[6]) for r in data_rows(wb["比武打擂"]) if isinstance(r[6], float)]
    assert scores == [(s["name"], s["score"]) for s in contest["sections"]
                      if s["rank"] is not None]
    month = wb["分月投资"]
    assert len(month) >= 7 and month[6][0] == "6月"
    assert round(month[6][2] * 10000) == whole["measures"]["investment_yuan"]


def test_html_is_self_contained(demo, tmp_path):
    data = bulletin(demo, tmp_path / "b.html")
    text = data.decode()
    assert text.startswith("<!DOCTYPE html>")
    assert text.count("<svg") == 3
    assert "@page{size:A4" in text and "thead{display:table-header-group}" in text
    assert not re.search(r"""(src|href)=["']https?:""", text)
    paras = html_paragraphs(data)
    assert paras[0].startswith("截至6月底，全区列入2024年计划的区级以上重大项目164个")
    assert any(p.startswith("6月份比武打擂，") for p in paras)


def test_drafts_are_deterministic(demo, tmp_path):
    for ext in ("pdf", "xlsx", "html"):
        a = bulletin(demo, tmp_path / f"a.{ext}")
        b = bulletin(demo, tmp_path / f"b.{ext}")
        assert a == b, ext


def test_issued_bulletin_is_frozen(demo, tmp_path):
    db = tmp_path / "i.db"
    backend.copy_db(demo, db)
    r = run("bulletin", *M, "--issue", "--yes", "--actor", "coordinator:wang", db=db)
    assert r.code == 0, r
    assert "issued 2024-06 as 2024年第6期 by coordinator:wang" in r.err
    issued = {ext: bulletin(db, tmp_path / f"i.{ext}") for ext in ("pdf", "html", "xlsx")}
    assert "草稿" not in pdftotext(tmp_path / "i.pdf")

    con = backend.connect(db)
    con.execute("UPDATE reports SET invest = invest + 100000000 WHERE month = '2024-06'")
    con.commit()
    entry = con.execute("SELECT actor, action, after FROM audit WHERE entity = 'bulletin'"
                        " AND entity_key = '2024-06'").fetchall()
    con.close()
    for ext, data in issued.items():
        assert bulletin(db, tmp_path / f"j.{ext}") == data, ext
    draft = bulletin(db, tmp_path / "d.pdf", "--draft")
    assert draft != issued["pdf"] and "草稿" in pdftotext(tmp_path / "d.pdf")

    assert len(entry) == 1 and entry[0][:2] == ("coordinator:wang", "issue")
    after = json.loads(entry[0][2])
    assert after["month"] == "2024-06" and after["issue_no"] == 6
    for ext, data in issued.items():
        assert after[ext] == {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}

    r = run("bulletin", *M, "--issue", "--yes", db=db)
    assert r.code == 1 and "issued already" in r.err
    # a re-issue adds version 2 with its reason; version 1 stays as issued
    # (tests/integration/test_bulletin_versions.py has the rest)
    r = run("bulletin", *M, "--issue", "--yes", "--reissue", "--reason", "数据更正",
            "--actor", "coordinator:li", db=db)
    assert r.code == 0, r
    again = bulletin(db, tmp_path / "k.pdf")
    assert again != issued["pdf"]
    assert bulletin(db, tmp_path / "l.pdf", "--version", "1") == issued["pdf"]
    listing = run("bulletin", "--list", "--format", "json", db=db).json()
    assert [(b["month"], b["version"], b["issue_no"], b["issued_by"]) for b in listing] == [
        ("2024-06", 2, 6, "coordinator:li"), ("2024-06", 1, 6, "coordinator:wang")]
    assert listing[0]["bytes"]["pdf"] == len(again)
    # the reports changed behind ballast's back above are not what the audit trail says
    r = run("verify", db=db)
    assert r.code == 1 and "reports " in r.err and ": invest: audited " in r.err


def test_issue_number_and_round(demo, tmp_path):
    db = tmp_path / "n.db"
    backend.copy_db(demo, db)
    r = run("bulletin", "--month", "2024-05", "--issue", "--yes", "--issue-no", "12", db=db)
    assert r.code == 0, r
    assert "2024年第12期" in pdftotext_bytes(db, tmp_path, "2024-05")
    hist = run("ranking", "--history", "--format", "json", db=db).json()
    assert [h["month"] for h in hist] == ["2024-05"]
    assert hist[0]["result"]["leader"] == hist[0]["result"]["sections"][0]["code"]


def pdftotext_bytes(db, tmp_path, month):
    path = tmp_path / f"{month}.pdf"
    r = run("bulletin", "--month", month, "-o", path, db=db)
    assert r.code == 0, r
    return pdftotext(path)


# ---- the contest ----

def test_ranking_round(demo, tmp_path):
    db = tmp_path / "r.db"
    backend.copy_db(demo, db)
    j = run("ranking", *M, "--no-save", "--format", "json", db=db).json()
    assert run("ranking", "--history", "--format", "json", db=db).json() == []
    secs = j["sections"]
    assert j["weights"] == {"start_rate": 30, "investment_completion": 30, "new_starts": 20,
                            "red_warnings": -20, "overdue_items": 0,
                            "signed_investment": 0}
    assert len(secs) == 6 and [s["rank"] for s in secs] == [1, 2, 3, 4, 5, 6]
    assert j["leader"] == secs[0]["code"] and secs[0]["roles"] == ["leader", "red_flag"]
    assert j["red_flag"] == [s["code"] for s in secs[:3]]
    assert j["talk"] == [s["code"] for s in secs[3:]]
    for s in secs:
        assert s["score"] == pytest.approx(sum(s["points"].values()), abs=1e-9)
        sr = s["start_rate"]
        assert s["points"]["start_rate"] == round(30 * sr["num"] / sr["den"], 2)
    by_section = {b["key"]: b for b in
                  run("measures", *J, "--by", "section", db=db).json()["breakdown"]}
    for s in secs:
        assert s["start_rate"] == by_section[s["code"]]["measures"]["start_rate"]
        assert s["new_starts"] == by_section[s["code"]]["measures"]["new_starts"]

    r = run("ranking", *M, "--save", "--format", "table", db=db)
    assert r.code == 0 and "擂主" in r.out and "已保存" in r.out
    again = run("ranking", *M, "--save", "--format", "csv", db=db)
    assert again.out.splitlines()[0].startswith("rank,code,name,projects,")
    hist = run("ranking", "--history", "--format", "csv", db=db).out.splitlines()
    assert hist[0] == "month,computed_at,leader,red_flag,talk" and len(hist) == 2
    con = backend.connect(db)
    n = con.execute("SELECT count(*) FROM audit WHERE entity = 'ranking_round'").fetchone()[0]
    con.execute("INSERT INTO settings (key, value) VALUES ('contest.weight.red_warnings', '0')")
    con.commit()
    con.close()
    assert n == 1                                  # saving the same round twice wrote once
    j0 = run("ranking", *M, "--no-save", "--format", "json", db=db).json()
    assert j0["weights"]["red_warnings"] == 0
    assert all(s["points"]["red_warnings"] == 0 for s in j0["sections"])
    con = backend.connect(db)
    con.execute("UPDATE settings SET value = 'lots' WHERE key = 'contest.weight.red_warnings'")
    con.commit()
    con.close()
    r = run("ranking", *M, db=db)
    assert r.code == 1 and "contest.weight.red_warnings" in r.err


def round_scores(result):
    return [(s["code"], s["score"]) for s in result["sections"]]


def test_looking_at_the_ranking_never_writes(small):
    """May on the small fixture, by hand: S1 has 2 of 2 projects started (30 × 1 = 30
    points) and 28.23 % of its plan invested (30 × 4,235,801 / 15,005,000 = 8.47);
    S2 1 of 3 (10) and 30.0 % (9.00); no red projects, no task book."""
    may = ("--month", "2024-05")
    before = dump(small)
    r = run("ranking", *may, db=small)
    assert r.code == 0 and "擂主" in r.out and "已保存" not in r.out, r
    looked = run("ranking", *may, "--format", "json", db=small).json()
    assert round_scores(looked) == [("S1", 38.47), ("S2", 19.0)]
    assert dump(small) == before                    # looking wrote nothing

    r = run("ranking", *may, "--save", "--actor", "user:coord", db=small)
    assert r.code == 0 and "已保存为2024年5月的比武打擂结果。" in r.out, r
    con = backend.connect(small)
    trail = con.execute("SELECT actor, action, before, after FROM audit"
                        " WHERE entity = 'ranking_round' AND entity_key = '2024-05'").fetchall()
    assert [t[:3] for t in trail] == [("user:coord", "insert", None)]
    assert round_scores(json.loads(trail[0][3])["result"]) == [("S1", 38.47), ("S2", 19.0)]
    r = run("ranking", *may, "--save", db=small)
    assert r.code == 0 and "与已保存的2024年5月结果相同，未改写。" in r.out, r

    # The figures change (start rate weighs 40): looking shows them, the round stays.
    con.execute("INSERT INTO settings (key, value) VALUES ('contest.weight.start_rate', '40')")
    con.commit()
    saved = dump(small)
    looked = run("ranking", *may, "--format", "json", db=small).json()
    assert round_scores(looked) == [("S1", 48.47), ("S2", 22.33)]  # 40 + 8.47, 13.33 + 9.00
    assert run("ranking", *may, "--format", "csv", db=small).code == 0
    assert dump(small) == saved
    hist = run("ranking", "--history", "--format", "json", db=small).json()
    assert [(h["month"], round_scores(h["result"])) for h in hist] == [
        ("2024-05", [("S1", 38.47), ("S2", 19.0)])]

    # The server's ranking only looks too.
    assert run("user", "add", "coord", "--role", "coordinator", db=small,
               stdin=PASSWORD + "\n").code == 0
    srv = Server(small)
    try:
        before = con.execute("SELECT * FROM ranking_rounds").fetchall()
        r = srv.login("coord").get("/api/v1/ranking?month=2024-05")
        assert r.status == 200 and round_scores(r.json()) == [("S1", 48.47), ("S2", 22.33)]
        assert con.execute("SELECT * FROM ranking_rounds").fetchall() == before
    finally:
        assert srv.stop() == 0

    # Saving is the deliberate act, audited with the old round and the new.
    r = run("ranking", *may, "--save", "--actor", "user:coord", db=small)
    assert r.code == 0 and "已保存" in r.out, r
    trail = con.execute("SELECT actor, action, before, after FROM audit"
                        " WHERE entity = 'ranking_round' AND entity_key = '2024-05'").fetchall()
    con.close()
    assert [t[:2] for t in trail] == [("user:coord", "insert"), ("user:coord", "update")]
    assert round_scores(json.loads(trail[1][2])["result"]) == [("S1", 38.47), ("S2", 19.0)]
    assert round_scores(json.loads(trail[1][3])["result"]) == [("S1", 48.47), ("S2", 22.33)]
    assert run("ranking", "--history", "--save", db=small).code == 2


# ---- the small fixture, by hand ----

SMALL_STARTS = (
    "截至6月底，全区列入2024年计划的区级以上重大项目5个，已开工3个，开工率60.0%，"
    "完成6月底60%的目标。其中，省重大项目1个，已全部开工，完成3月底前全部开工的目标；"
    "市重大项目2个，已全部开工；区重大项目5个，已开工3个，开工率60.0%。"
    "今年以来新开工项目2个，为全年目标4个的50.0%，与序时进度持平；竣工项目1个。"
    "6月份无新开工和竣工项目。")
SMALL_INVEST = (
    "1—6月，重大项目累计完成投资530.12万元，占年度计划投资2100.5万元的25.2%，"
    "低于序时进度（50.0%）24.8个百分点；其中6月份完成投资76.54万元（1个项目报送月报）。")


def test_small_summary(small, tmp_path):
    paras = html_paragraphs(bulletin(small, tmp_path / "s.html"))
    assert paras[0] == SMALL_STARTS
    assert paras[1] == SMALL_INVEST
    assert paras[2].startswith("“五率”方面，签约项目备案率80.0%，备案项目开工率75.0%，"
                               "开工项目投资完成率33.1%，竣工项目投产率100.0%，"
                               "项目最终产能达效率0.0%。")


def test_section_without_projects(small, tmp_path):
    units = tmp_path / "units.csv"
    units.write_text("code,name,kind,parent\nS3,丙板块,section,D1\n", encoding="utf-8")
    assert run("import", "units", units, db=small).code == 0
    j = run("ranking", *M, "--no-save", "--format", "json", db=small).json()
    s3 = [s for s in j["sections"] if s["code"] == "S3"]
    assert s3 and s3[0]["rank"] is None and s3[0]["score"] is None and s3[0]["roles"] == []
    assert j["sections"][-1]["code"] == "S3"
    paras = html_paragraphs(bulletin(small, tmp_path / "s.html"))
    assert any("丙板块暂无列入计划的项目，不参与排名。" in p for p in paras)
    assert bulletin(small, tmp_path / "s.pdf")[:5] == b"%PDF-"


def test_month_without_reports(small, tmp_path):
    path = tmp_path / "aug.html"
    r = run("bulletin", "--month", "2024-08", "-o", path, db=small)
    assert r.code == 0, r
    paras = html_paragraphs(path.read_bytes())
    assert paras[1].startswith("1—8月，重大项目累计完成投资580.12万元")
    assert paras[1].endswith("；8月份月报尚未报送，当月投资数据暂缺。")
    r = run("bulletin", "--month", "2024-08", "-o", tmp_path / "aug.pdf", db=small)
    assert r.code == 0, r


def test_year_without_targets(small, tmp_path):
    con = backend.connect(small)
    con.execute("DELETE FROM targets")
    con.commit()
    con.close()
    paras = html_paragraphs(bulletin(small, tmp_path / "t.html"))
    assert paras[0] == ("截至6月底，全区列入2024年计划的区级以上重大项目5个，已开工3个，"
                        "开工率60.0%。其中，省重大项目1个，已全部开工；市重大项目2个，已全部开工；"
                        "区重大项目5个，已开工3个，开工率60.0%。今年以来新开工项目2个；"
                        "竣工项目1个。6月份无新开工和竣工项目。")
    text = pdftotext_bytes(small, tmp_path, "2024-06")
    assert "本年度尚未下达目标任务。" in text.replace(" ", "")


def test_year_with_nothing_listed(small, tmp_path):
    path = tmp_path / "y.html"
    r = run("bulletin", "--month", "2025-03", "-o", path, db=small)
    assert r.code == 0, r
    paras = html_paragraphs(path.read_bytes())
    assert paras[0] == "截至3月底，全区暂无列入2025年计划的重大项目，各项指标暂无可比数据。"
    for ext in ("pdf", "xlsx"):
        assert run("bulletin", "--month", "2025-03", "-o", tmp_path / f"y.{ext}",
                   db=small).code == 0
