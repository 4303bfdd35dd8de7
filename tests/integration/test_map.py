"""The project map (项目地图, issue #14 item 10), black box: a project's
longitude and latitude (import columns lng 经度 and lat 纬度, millionths of a
degree stored exactly, at most 6 decimals, ±180 and ±90, both or neither),
their round trip through export, and the district boundary an administrator
uploads (GeoJSON Polygon/MultiPolygon, closed rings, positions in range, at
most 2 MiB and 200000 positions), with its permissions, versions and audit.
"""
import csv
import json

import pytest

import backend

from conftest import run
from server import PASSWORD, Server

PROJECTS = "ref,name,section,lng,lat\n"
SQUARE = {"type": "Polygon", "coordinates": [
    [[120.3, 31.4], [120.6, 31.4], [120.6, 31.7], [120.3, 31.7], [120.3, 31.4]]]}


def stored(db):
    con = backend.connect(db)
    try:
        return dict((r[0], (r[1], r[2])) for r in
                    con.execute("SELECT ref, lng_e6, lat_e6 FROM projects ORDER BY ref"))
    finally:
        con.close()


def test_coordinates_are_checked_at_their_edges(small, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(PROJECTS +
                   "P1,甲半导体扩产项目,S1,180.000001,31\n"
                   "P2,乙新能源电池项目,S1,-180.000001,31\n"
                   "P3,丙道路工程,S2,120,90.000001\n"
                   "P4,丁生物医药项目,S21,120,-90.000001\n"
                   "P5,戊智能制造项目,S2,120.1234567,31\n"
                   "P1,甲半导体扩产项目,S1,东经120度,31\n"
                   "P2,乙新能源电池项目,S1,120.5,\n"
                   "P3,丙道路工程,S2,,31.5\n", encoding="utf-8")
    before = stored(small)
    r = run("import", "projects", bad, db=small)
    assert r.code == 1
    assert [l for l in r.err.splitlines() if l.startswith(str(bad))] == [
        f"{bad}:2: lng (经度): 180.000001: out of range: a longitude is from -180 to 180",
        f"{bad}:3: lng (经度): -180.000001: out of range: a longitude is from -180 to 180",
        f"{bad}:4: lat (纬度): 90.000001: out of range: a latitude is from -90 to 90",
        f"{bad}:5: lat (纬度): -90.000001: out of range: a latitude is from -90 to 90",
        f"{bad}:6: lng (经度): 120.1234567: more than 6 decimals",
        f"{bad}:7: ref (项目编号): P1: repeats row 2 of this file",
        f"{bad}:7: lng (经度): 东经120度: not a number",
        f"{bad}:8: ref (项目编号): P2: repeats row 3 of this file",
        f"{bad}:8: lat (纬度): : blank, but the other coordinate is given: a point needs "
        "both 经度 and 纬度",
        f"{bad}:9: ref (项目编号): P3: repeats row 4 of this file",
        f"{bad}:9: lng (经度): : blank, but the other coordinate is given: a point needs "
        "both 经度 and 纬度",
        f"{bad}: 11 problems; nothing was written"]
    assert stored(small) == before == {f"P{i}": (None, None) for i in range(1, 6)}

    # The edges themselves, full-width digits and Chinese headers are taken.
    ok = tmp_path / "ok.csv"
    ok.write_text("项目编号,项目名称,所属板块,经度,纬度\n"
                  "P1,甲半导体扩产项目,S1,180,90\n"
                  "P2,乙新能源电池项目,S1,-180,-90\n"
                  "P3,丙道路工程,S2,１２０.３５３４５６,３１.５１２３４５\n"
                  "P4,丁生物医药项目,S21,0.000001,-0.000001\n", encoding="utf-8")
    r = run("import", "projects", ok, db=small)
    assert r.code == 0, r
    assert stored(small) == {"P1": (180000000, 90000000), "P2": (-180000000, -90000000),
                             "P3": (120353456, 31512345), "P4": (1, -1), "P5": (None, None)}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_coordinates_round_trip_through_export(small, tmp_path, fmt):
    f = tmp_path / "c.csv"
    f.write_text(PROJECTS + "P1,甲半导体扩产项目,S1,120.353456,31.512345\n"
                 "P2,乙新能源电池项目,S1,-0.5,0.25\n", encoding="utf-8")
    assert run("import", "projects", f, db=small).code == 0
    want = stored(small)
    out = tmp_path / f"p.{fmt}"
    assert run("export", "projects", "--format", fmt, "-o", out, db=small).code == 0
    if fmt == "csv":
        table = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
        at = table[0].index("lng")
        assert table[0][at:at + 2] == ["lng", "lat"]
        rows = {row[0]: row[at:at + 2] for row in table}
        assert rows["P1"] == ["120.353456", "31.512345"]
        assert rows["P2"] == ["-0.5", "0.25"]
        assert rows["P3"] == ["", ""]
    r = run("import", "projects", out, db=small)
    assert r.code == 0, r
    assert "5 rows: 0 new, 0 changed, 5 unchanged" in r.err
    assert stored(small) == want


@pytest.fixture
def srv(small):
    for name, role in (("admin", "admin"), ("coord", "coordinator"), ("s1", "section")):
        args = ["user", "add", name, "--role", role] + (["--unit", "S1"] if role == "section"
                                                       else [])
        assert run(*args, db=small, stdin=PASSWORD + "\n").code == 0
    s = Server(small, log=str(small) + ".log")
    try:
        yield small, s
    finally:
        assert s.stop() == 0


def err(r):
    e = r.json()["error"]
    return r.status, e["code"], e.get("field")


def test_project_coordinates_over_http(srv):
    db, s = srv
    coord = s.login("coord")
    p1 = coord.get("/api/v1/projects/P1").json()
    assert (p1["lng"], p1["lat"]) == (None, None)
    r = coord.put("/api/v1/projects/P1", {"lng": "120.5", "lat": "31.25",
                                          "version": p1["version"]})
    assert r.status == 200, r.body
    assert (r.json()["lng"], r.json()["lat"]) == ("120.5", "31.25")
    assert stored(db)["P1"] == (120500000, 31250000)
    v = r.json()["version"]
    assert err(coord.put("/api/v1/projects/P1", {"lat": "90.5", "version": v})) == \
        (400, "invalid", "lat")
    assert err(coord.put("/api/v1/projects/P1", {"lng": 120.5, "version": v})) == \
        (400, "invalid", "lng")
    assert stored(db)["P1"] == (120500000, 31250000)


def test_boundary_upload_permissions_versions_and_limits(srv):
    db, s = srv
    admin, coord, s1 = s.login("admin"), s.login("coord"), s.login("s1")
    assert err(s1.get("/api/v1/map/boundary")) == (404, "not_found", None)
    body = {"name": "测试区", "geojson": SQUARE}
    assert err(coord.put("/api/v1/map/boundary", body)) == (403, "forbidden", None)
    assert err(s1.put("/api/v1/map/boundary", body)) == (403, "forbidden", None)
    r = admin.put("/api/v1/map/boundary", body)
    assert r.status == 201, r.body
    b = r.json()
    compact = json.dumps(SQUARE, separators=(",", ":"), ensure_ascii=False)
    assert (b["name"], b["geojson"], b["bytes"], b["polygons"], b["uploaded_by"],
            b["version"]) == ("测试区", SQUARE, len(compact), 1, "user:admin", 1)
    assert s1.get("/api/v1/map/boundary").json() == b

    # A replacement names the version it replaces.
    multi = {"type": "MultiPolygon", "coordinates": [SQUARE["coordinates"]] * 2}
    assert err(admin.put("/api/v1/map/boundary", {"name": "测试区", "geojson": multi})) == \
        (428, "version_required", "version")
    r = admin.put("/api/v1/map/boundary", {"name": "测试区", "geojson": multi, "version": 9})
    assert (r.status, r.json()["error"]["code"], r.json()["current"]["version"]) == \
        (409, "stale", 1)
    r = admin.put("/api/v1/map/boundary", {"name": "测试区", "geojson": multi, "version": 1})
    assert (r.status, r.json()["version"], r.json()["polygons"]) == (200, 2, 2)

    # What is refused, each with its reason; nothing changes.
    ring = SQUARE["coordinates"][0]
    cases = [
        ({"geojson": SQUARE}, "name", "name: the district's name, 1 to 200 bytes"),
        ({"name": "测试区"}, "geojson", "geojson: the boundary is missing"),
        ({"name": "测试区", "geojson": {"type": "Point", "coordinates": [120, 31]}},
         "geojson", "a geometry is not a Polygon or a MultiPolygon"),
        ({"name": "测试区", "geojson": {"type": "Polygon", "coordinates": [ring[:4]]}},
         "geojson", "a ring is not closed (its last position differs from its first)"),
        ({"name": "测试区", "geojson": {"type": "Polygon", "coordinates": [ring[:3]]}},
         "geojson", "a ring has fewer than 4 positions"),
        ({"name": "测试区", "geojson": {"type": "Polygon", "coordinates": [
            [[180.5, 31.4], [120.6, 31.4], [120.6, 31.7], [180.5, 31.4]]]}},
         "geojson", "a position is out of range: longitude from -180 to 180, latitude "
                    "from -90 to 90"),
        ({"name": "测试区", "geojson": {"type": "FeatureCollection", "features": []}},
         "geojson", "a FeatureCollection without features"),
        ({"name": "测试区", "geojson": {"type": "Feature", "geometry": None}},
         "geojson", "a geometry has no type"),
    ]
    for patch, field, message in cases:
        r = admin.put("/api/v1/map/boundary", {**patch, "version": 2})
        assert err(r) == (400, "invalid", field), (patch, r.body)
        assert r.json()["error"]["message"] == message
    # 200001 positions (about 1.2 MB) are too many; 100000 long ones (over
    # 2 MiB of text) too large.
    many = [[0, 0]] * 200000 + [[1, 1]]
    r = admin.put("/api/v1/map/boundary", {"name": "测试区", "version": 2, "geojson": {
        "type": "Polygon", "coordinates": [many[:-1] + [[0, 0]]]}})
    assert err(r) == (400, "invalid", "geojson")
    assert r.json()["error"]["message"] == "too many positions (more than 200000)"
    big = [[120.123456 + i * 1e-6, 31.123456] for i in range(99999)] + [[120.123456, 31.123456]]
    r = admin.put("/api/v1/map/boundary", {"name": "测试区", "version": 2, "geojson": {
        "type": "Polygon", "coordinates": [big]}})
    assert err(r) == (413, "too_large", "geojson")
    assert admin.get("/api/v1/map/boundary").json()["version"] == 2

    # Audited, and verify reconciles the table with the trail.
    con = backend.connect(db)
    trail = con.execute("SELECT actor, action, entity_key FROM audit WHERE entity ="
                        " 'map_boundary' ORDER BY id").fetchall()
    con.close()
    assert trail == [("user:admin", "insert", "district"), ("user:admin", "update", "district")]
    r = run("verify", db=db)
    assert r.code == 0, r
    assert "map_boundary" not in r.err
