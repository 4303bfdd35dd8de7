"""Measures, targets and warnings of the small fixture, computed by hand.

tests/fixtures/small: five projects listed in 2024, as of 2024-06-30.
  P1 S1  continuing (started 2023-10-01), plan 1000万, invest Jan 100.1234 + Mar 200
  P2 S1  started 2024-03-15, plan 500.5万, invest Apr 123.4567 + Jun 76.5433
  P3 S2  filed 2024-03-01, planned start 05-01, not started, plan 200万
  P4 S21 signed only, planned start 09-01, plan 300万
  P5 S2  completion 2024-05-20 with no start date (so started then), production 06-15,
         plan 100万 (month plan 10 × 8 + 5 × 4), invest May 30
"""
import csv
import io

from conftest import run

Y = ("--year", "2024", "--asof", "2024-06-30")


def rate(num, den, value):
    return {"num": num, "den": den, "value": value}


def test_whole_district(small):
    r = run("measures", *Y, "--format", "json", db=small)
    assert r.code == 0, r
    j = r.json()
    assert j["year"] == 2024 and j["asof"] == "2024-06-30" and j["projects"] == 5
    m = j["measures"]
    assert m["filing_rate"] == rate(4, 5, 0.8)               # P4 signed, not filed
    assert m["start_rate_of_filed"] == rate(3, 4, 0.75)       # P1 P2 P5 of P1 P2 P3 P5
    # Σ invest Jan–Jun of started P1 P2 P5 ÷ their plans; July and 2023 excluded
    assert m["investment_completion"] == rate(3001234 + 2000000 + 300000,
                                              10000000 + 5005000 + 1000000, 0.3312)
    assert m["production_rate"] == rate(1, 1, 1.0)
    assert m["capacity_rate"] == rate(0, 1, 0.0)
    assert m["start_rate"] == rate(3, 5, 0.6)
    assert m["due_start_attainment"] == rate(2, 3, 0.6667)   # P2 P3 P5; P1 continuing
    assert m["new_starts"] == 2 and m["completions"] == 1
    assert m["investment_yuan"] == 5301234
    assert m["annual_plan_yuan"] == 21005000


def test_zero_denominators_are_null(small):
    j = run("measures", *Y, "--section", "S21", "--format", "json", db=small).json()
    m = j["measures"]
    assert j["projects"] == 1
    assert m["filing_rate"] == rate(0, 1, 0.0)
    for k in ("start_rate_of_filed", "investment_completion", "production_rate",
              "capacity_rate", "due_start_attainment"):
        assert m[k] == rate(0, 0, None), k


def test_section_subtree_and_tier(small):
    s2 = run("measures", *Y, "--section", "S2", "--format", "json", db=small).json()
    assert s2["projects"] == 3                                # S2 and S21 under it
    assert s2["measures"]["start_rate"] == rate(1, 3, 0.3333)
    assert s2["measures"]["investment_completion"] == rate(300000, 1000000, 0.3)
    prov = run("measures", *Y, "--tier", "province", "--format", "json", db=small).json()
    assert prov["projects"] == 1
    assert prov["measures"]["investment_completion"] == rate(3001234, 10000000, 0.3001)
    assert prov["measures"]["due_start_attainment"] == rate(0, 0, None)


def test_breakdown_by_section_csv(small):
    r = run("measures", *Y, "--by", "section", "--format", "csv", db=small)
    assert r.code == 0, r
    rows = {row["key"]: row for row in csv.DictReader(io.StringIO(r.out)) if row["by"] == "section"}
    assert list(rows) == ["S1", "S2", "S21"]
    assert rows["S1"]["start_rate"] == "1" and rows["S1"]["production_rate"] == ""
    assert rows["S2"]["filing_rate_num"] == "2" and rows["S2"]["filing_rate_den"] == "3"
    assert rows["S21"]["annual_plan_yuan"] == "3000000"


def test_targets_status(small):
    r = run("targets", *Y, "--format", "json", db=small)
    assert r.code == 0, r
    got = [(t["measure"], t["due"], t["status"]) for t in r.json()["targets"]]
    assert got == [
        ("start_rate", "2024-03-31", "met"),      # province 1/1 at 03-31
        ("start_rate", "2024-06-30", "met"),      # 3/5 = 60 %
        ("new_starts", "2024-12-31", "on_track"),  # 2 × 365 >= 4 × 181
        ("start_rate", "2024-12-31", "at_risk"),  # district, S2: 1/3 < 90 %
    ]


def test_warnings_and_lights(small):
    r = run("warnings", "--asof", "2024-06-30", "--format", "json", db=small)
    assert r.code == 0, r
    j = r.json()
    got = sorted((w["ref"], w["rule"], w["level"]) for w in j["warnings"])
    assert got == [
        ("P1", "investment_lag", "yellow"),      # 300.1234 of 500 pace = 60.0 %
        ("P1", "report_missing", "red"),         # April and May absent
        ("P2", "investment_lag", "yellow"),      # 200 of 250.25 = 79.9 %
        ("P2", "report_missing", "yellow"),      # May absent, April present
        ("P3", "filed_not_started", "yellow"),   # filed 121 days ago
        ("P3", "start_overdue", "red"),          # 60 days late
        ("P5", "investment_lag", "yellow"),      # 30 of 60 (month plan) = 50.0 %
    ]
    assert j["lights"] == {"green": 1, "yellow": 2, "red": 2}
    reasons = {(w["ref"], w["rule"]): w["reason"] for w in j["warnings"]}
    assert reasons[("P3", "start_overdue")] == "计划2024-05-01开工，已逾期60天未开工"
    red = run("warnings", "--asof", "2024-06-30", "--min", "red", "--format", "json",
              db=small).json()
    assert sorted(w["ref"] for w in red["warnings"]) == ["P1", "P3"]


def test_warnings_summary_counts_what_exists(small):
    """The seven warnings above: 2 red (P1 report missing, P3 start overdue) and 5
    yellow; the lights 2 red (P1, P3), 2 yellow (P2, P5), 1 green (P4). --min red
    lists the red ones and says the five yellow ones are there, not listed."""
    asof = ("--asof", "2024-06-30")
    lines = run("warnings", *asof, "--min", "red", db=small).out.splitlines()
    assert lines[0] == ("截至2024-06-30  红色预警2条  黄色预警5条（本表只列红色预警，黄色预警5条"
                        "未列出）  （项目：红灯2个，黄灯2个，绿灯1个）")
    assert [l.split()[1] for l in lines[4:]] == ["P1", "P3"]
    lines = run("warnings", *asof, db=small).out.splitlines()
    assert lines[0] == "截至2024-06-30  红色预警2条  黄色预警5条  （项目：红灯2个，黄灯2个，绿灯1个）"
    assert len(lines) == 4 + 7  # summary, blank, header, rule, seven warnings
    lines = run("warnings", *asof, "--section", "S2", "--min", "red", db=small).out.splitlines()
    # S2's subtree: P3 (red, yellow), P4 (green), P5 (yellow)
    assert lines[0] == ("截至2024-06-30  S2 乙街道  红色预警1条  黄色预警2条（本表只列红色预警，"
                        "黄色预警2条未列出）  （项目：红灯1个，黄灯1个，绿灯1个）")
    red = run("warnings", *asof, "--min", "red", "--format", "json", db=small).json()
    assert red["min"] == "red"
    assert red["counts"] == {"red": 2, "yellow": 5}
    assert red["shown"] == {"red": 2, "yellow": 0}
    assert red["lights"] == {"green": 1, "yellow": 2, "red": 2}
    every = run("warnings", *asof, "--format", "json", db=small).json()
    assert every["counts"] == {"red": 2, "yellow": 5} and every["shown"] == every["counts"]


def test_export_measures_is_the_csv(tmp_path, small):
    out = tmp_path / "m.csv"
    r = run("export", "measures", *Y, "-o", out, db=small)
    assert r.code == 0, r
    direct = run("measures", *Y, "--format", "csv", db=small).out
    assert out.read_text(encoding="utf-8") == direct


def test_bad_usage(small):
    assert run("measures", "--year", "20x4", db=small).code == 2
    assert run("measures", *Y, "--by", "colour", db=small).code == 2
    assert run("measures", *Y, "--section", "NOPE", db=small).code == 1
    assert run("warnings", "--asof", "2024-02-30", db=small).code == 2
