"""Every filter of the CLI and its HTTP twin, on the demo district as of
2024-06-30: the same projects and figures, and for a bad value the same
message (src/io/scope_params.c is the one table both read)."""
import json
import urllib.parse

import pytest

from conftest import run
from server import Server, make_demo

PERIOD = {"year": "2024", "asof": "2024-06-30"}
CLI_PERIOD = ["--year", "2024", "--asof", "2024-06-30"]

# (query parameters, the same as command-line options)
FILTERS = [
    ({}, []),
    ({"tier": "province"}, ["--tier", "province"]),
    ({"tier": "省"}, ["--tier", "省"]),
    ({"层级": "市"}, ["--层级", "市"]),
    ({"tier": "District"}, ["--tier", "district"]),
    ({"section": "S01"}, ["--section", "S01"]),
    ({"section": "新加坡科创城", "tier": "district"}, ["--section", "S03", "--tier", "区"]),
    ({"department": "D02"}, ["--department", "D02"]),
    ({"industrial": "1"}, ["--industrial"]),
    ({"industrial": "否"}, ["--industrial=no"]),
    ({"industry": "集成电路"}, ["--industry", "集成电路"]),
    ({"stage": "started"}, ["--stage", "started"]),
    ({"stage": "储备"}, ["--stage", "reserve"]),
    ({"阶段": "竣工"}, ["--stage", "completed"]),
    ({"reached": "filed"}, ["--reached", "备案"]),
    ({"reached": "started", "reached_from": "2024-01-01"},
     ["--reached", "started", "--reached-from", "2024-01-01"]),
    ({"not_reached": "started"}, ["--not-reached", "started"]),
    ({"due_start": "1"}, ["--due-start"]),
    ({"due_start": "1", "reached": "started"}, ["--due-start", "--reached", "started"]),
    ({"kind": "new"}, ["--kind", "新开工"]),
    ({"kind": "续建"}, ["--kind", "continuing"]),
    ({"q": "半导体"}, ["--q", "半导体"]),
    ({"q": "2024-01", "tier": "city"}, ["--q", "2024-01", "--tier", "city"]),
]
FLAGS = ("industrial", "due_start")
BREAKDOWNS = ["tier", "section", "department", "month", "industry",
              "district"]  # district1: the demo's one district

# (parameter, bad value): the CLI's option, and whether the measures take it
BAD = [
    ("year", "20x4"), ("year", "1899"), ("asof", "2024-02-30"), ("asof", "soon"),
    ("tier", "省级项目x"), ("tier", "province;city"), ("industrial", "maybe"),
    ("stage", "开"), ("reached", "reserve"), ("not_reached", "done"),
    ("reached_from", "2024-13-01"), ("due_start", "perhaps"), ("kind", "old"),
    ("industry", "链" * 70), ("q", "x" * 201), ("by", "colour"),
]


@pytest.fixture(scope="module")
def srv(tmp_path_factory):
    db = tmp_path_factory.mktemp("parity") / "d.db"
    make_demo(db)
    s = Server(db, log=str(db) + ".log")
    yield s
    assert s.stop() == 0


@pytest.fixture(scope="module")
def coord(srv):
    return srv.login("coord")


def get(client, path, params):
    r = client.get(f"/api/v1/{path}?" + urllib.parse.urlencode({**PERIOD, **params}))
    return r


def cli_json(srv, cmd, args):
    r = run(cmd, *args, "--format", "json", db=srv.db)
    assert r.code == 0, r
    return r.json()


def option(key):
    return "--" + key.replace("_", "-")


@pytest.mark.parametrize("params,cli", FILTERS)
def test_measures_and_projects_of_a_filter(srv, coord, params, cli):
    doc = cli_json(srv, "measures", CLI_PERIOD + cli)
    r = get(coord, "measures", params)
    assert r.status == 200, r.body
    assert r.json() == doc
    # the projects behind the figures: the list holds exactly P
    items = get(coord, "projects", {**params, "limit": 1000}).json()
    assert items["total"] == doc["projects"]
    listings = get(coord, "listings", params).json()["items"]
    assert sorted(x["ref"] for x in listings) == sorted(p["ref"] for p in items["items"])


@pytest.mark.parametrize("by", BREAKDOWNS)
def test_breakdowns(srv, coord, by):
    for params, cli in (({}, []), ({"tier": "city"}, ["--tier", "市"])):
        doc = cli_json(srv, "measures", CLI_PERIOD + cli + ["--by", by])
        assert doc["breakdown"] and get(coord, "measures", {**params, "by": by}).json() == doc


@pytest.mark.parametrize("params,cli", FILTERS[:12] + [({"light": "red"}, ["--light", "红"]),
                                                       ({"light": "yellow", "tier": "city"},
                                                        ["--light", "yellow", "--tier", "市"])])
def test_warnings_of_a_filter(srv, coord, params, cli):
    doc = cli_json(srv, "warnings", ["--asof", "2024-06-30"] + cli)
    r = coord.get("/api/v1/warnings?" + urllib.parse.urlencode({"asof": "2024-06-30", **params}))
    assert r.status == 200, r.body
    assert r.json() == doc


def test_the_stage_shown_is_the_stage_filtered(coord):
    for stage in ("reserve", "signed", "filed", "started", "completed", "production",
                  "capacity"):
        items = get(coord, "projects", {"stage": stage, "limit": 1000}).json()["items"]
        assert all(p["stage"] == stage for p in items), stage
    items = get(coord, "projects", {"reached": "started", "limit": 1000}).json()["items"]
    assert items and all(p["reached"]["started"] <= "2024-06-30" for p in items)


@pytest.mark.parametrize("key,value", BAD)
def test_a_bad_value_has_one_message(srv, coord, key, value):
    extra = ["--reached", "started"] if key == "reached_from" else []
    # a yes/no is a flag on the command line: its value follows an '='
    arg = [f"{option(key)}={value}"] if key in FLAGS else [option(key), value]
    cli = run("measures", *CLI_PERIOD, *arg, *extra, db=srv.db)
    assert cli.code == 2, cli
    params = {key: value, **({"reached": "started"} if extra else {})}
    r = get(coord, "measures", params)
    assert r.status == 400, r.body
    err = r.json()["error"]
    assert err["field"] == key
    assert cli.err == f"ballast measures: {err['message']}\n"
    assert err["message"].startswith(key + " ")
    # the lists read the same table (all of it but the breakdown)
    if key != "by":
        assert get(coord, "projects", params).json()["error"] == err


@pytest.mark.parametrize("cli,params,field", [
    (["--section", "NOPE"], {"section": "NOPE"}, "section"),
    (["--section", "D01"], {"section": "D01"}, "section"),
    (["--department", "S01"], {"department": "S01"}, "department"),
])
def test_an_unknown_unit_has_one_message(srv, coord, cli, params, field):
    r = run("measures", *CLI_PERIOD, *cli, db=srv.db)
    assert r.code == 1, r
    err = get(coord, "measures", params).json()["error"]
    assert err["field"] == field and r.err == f"ballast measures: {err['message']}\n"


def test_combinations_and_other_commands(srv, coord):
    r = run("measures", *CLI_PERIOD, "--reached-from", "2024-01-01", db=srv.db)
    err = get(coord, "projects", {"reached_from": "2024-01-01"}).json()["error"]
    assert r.code == 2 and r.err == f"ballast measures: {err['message']}\n"
    assert err == {"code": "invalid", "message": "reached_from needs reached (a stage)",
                   "message_zh": "达到起始日须与已达阶段同用", "field": "reached_from"}
    for value in ("purple", "green"):
        key = "light" if value == "purple" else "min"
        r = run("warnings", "--asof", "2024-06-30", option(key), value, db=srv.db)
        err = coord.get(f"/api/v1/warnings?asof=2024-06-30&{key}={value}").json()["error"]
        assert r.code == 2 and r.err == f"ballast warnings: {err['message']}\n"
    r = run("targets", "--year", "2024", "--asof", "2024-06-31", db=srv.db)
    err = coord.get("/api/v1/targets?year=2024&asof=2024-06-31").json()["error"]
    assert r.code == 2 and r.err == f"ballast targets: {err['message']}\n"


def test_messages_name_the_value_and_the_choices(coord):
    err = get(coord, "measures", {"tier": "x"}).json()["error"]
    assert err["message"] == "tier x: not one of province, city, district (省, 市, 区)"
    assert err["message_zh"] == "层级 x：应为 province、city、district（省、市、区）之一"
    err = get(coord, "projects", {"kind": "旧"}).json()["error"]
    assert err["message"] == "kind 旧: not one of new, continuing (新开工, 续建)"


def test_the_dashboards_figures_come_with_the_measures(coord):
    doc = get(coord, "measures", {}).json()
    assert doc["pace"]["num"] == 6 and doc["pace"]["den"] == 12 and doc["pace"]["value"] == 0.5
    inv = doc["pace"]["investment"]
    assert (inv["num"], inv["den"]) == (doc["measures"]["investment_yuan"],
                                        doc["measures"]["annual_plan_yuan"])
    assert doc["targets"]["start_rate"]["measure"] == "start_rate"
    tiers = get(coord, "measures", {"by": "tier"}).json()["breakdown"]
    city = next(r for r in tiers if r["key"] == "city")["targets"]["start_rate"]
    assert city["scope"] == {"tier": "city", "section": None, "department": None,
                             "industrial": True}  # the city's only one: industrial
    months = get(coord, "measures", {"by": "month"}).json()["breakdown"]
    plans = [m["pace"]["plan_yuan"] for m in months]
    assert len(plans) == 6 and plans == sorted(plans)
    sections = get(coord, "measures", {"by": "section"}).json()["breakdown"]
    ranks = sorted(s["rank"]["start_rate"] for s in sections if s["rank"]["start_rate"])
    assert ranks[0] == 1
    targets = get(coord, "targets", {}).json()
    assert [m["key"] for m in targets["measures"]][:2] == ["filing_rate", "start_rate_of_filed"]
    assert {t["kind"] for t in targets["targets"]} <= {"rate", "count", "money"}


def test_the_other_parameters_read_the_same_table(srv, coord, tmp_path):
    """month, status, the yes/no switches and the page come from the same
    table as the filters: one reading, one message, in the CLI and every route."""
    for path in ("reports?month=2024-13", "ranking?month=2024-13"):
        err = coord.get(f"/api/v1/{path}").json()["error"]
        assert err == {"code": "invalid", "message": "month 2024-13: no such month",
                       "message_zh": "月份 2024-13：不是2000-01至2099-12之间的月份（如2024-06）",
                       "field": "month"}, err
    err = coord.get("/api/v1/ranking?month=1999-12").json()["error"]
    r = run("ranking", "--month", "1999-12", "--no-save", db=srv.db)
    assert r.code == 2 and r.err == f"ballast ranking: {err['message']}\n"
    assert err["message"] == "month 1999-12: month out of range (2000-01 to 2099-12)"
    r = coord.get("/api/v1/bulletins/2099-13?format=html")
    assert r.status == 400 and r.json()["error"]["field"] == "month"
    # a month is required where the list is of one month, and is read tolerantly
    err = coord.get("/api/v1/reports").json()["error"]
    assert err == {"code": "invalid", "message": "month: needs a value",
                   "message_zh": "月份：缺少取值", "field": "month"}
    assert coord.get("/api/v1/reports?" + urllib.parse.urlencode({"月份": "2024年6月"})).json()["month"] == "2024-06"
    # the status filter takes the statuses (and their labels); anything else is a 400
    all_rows = coord.get("/api/v1/reports?month=2024-06").json()
    for key, label in (("verified", "已核实"), ("not_reported", "未报送"), ("missing", "未填报")):
        a = coord.get(f"/api/v1/reports?month=2024-06&status={key}").json()
        b = coord.get("/api/v1/reports?" + urllib.parse.urlencode(
            {"month": "2024-06", "状态": label})).json()
        assert a == b and a["total"] <= all_rows["total"]
    assert coord.get("/api/v1/reports?month=2024-06&status=missing").json()["total"] == \
        all_rows["missing"]
    err = coord.get("/api/v1/reports?month=2024-06&status=lost").json()["error"]
    assert err["field"] == "status" and err["message"].startswith(
        "status lost: not one of draft, submitted, verified, returned, missing, not_reported")
    # yes/no switches read yes/no words, as the filters' do
    for path, key in (("measures?include_drafts=maybe", "include_drafts"),
                      ("targets?check=sometimes", "check"),
                      ("bulletins/2024-06?draft=perhaps", "draft")):
        err = coord.get(f"/api/v1/{path}").json()["error"]
        assert err["field"] == key and err["message"] == (
            f"{key} {path.split('=')[1]}: not a yes/no value (yes, no, 是, 否, 1, 0)")
    assert coord.get("/api/v1/measures?" + urllib.parse.urlencode(
        {"include_drafts": "是"})).json()["includes_drafts"] is True
    r = coord.post("/api/v1/import/units?dry_run=maybe", raw=b"code,name,kind\n")
    assert r.status == 400 and r.json()["error"]["field"] == "dry_run"
    r = run("measures", *CLI_PERIOD, "--include-drafts=maybe", db=srv.db)
    err = coord.get("/api/v1/measures?include_drafts=maybe").json()["error"]
    assert r.code == 2 and r.err == f"ballast measures: {err['message']}\n"
    # the page: a count from 1 (limit) or 0 (offset), capped per list
    admin = srv.login("admin")
    for q, msg in (("limit=0", "limit 0: not a whole number from 1"),
                   ("offset=-1", "offset -1: not a whole number from 0"),
                   ("limit=x", "limit x: not a whole number from 1"),
                   ("limit=1001", "limit 1001: more than this list's most, 1000")):
        err = admin.get(f"/api/v1/audit?{q}").json()["error"]
        assert err["message"] == msg, err
    assert len(admin.get("/api/v1/audit?" + urllib.parse.urlencode(
        {"每页条数": 3})).json()["items"]) == 3
