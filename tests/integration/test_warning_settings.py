"""The warning thresholds in effect (core/warnings_load.c): DOMAIN.md §6's
defaults overridden by the warn.* settings stored in the database, as
`ballast warnings --settings` shows them; another family's settings are left
alone, a bad stored value is named and refused by the CLI and the server alike."""

from conftest import run
from server import PASSWORD, Server
import backend


def store(db, **settings):
    con = backend.connect(db)
    # an upsert both SQLite and PostgreSQL accept
    for k, v in settings.items():
        con.execute("INSERT INTO settings (key, value) VALUES (?, ?)"
                    " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (k.replace("__", "."), v))
    con.commit()
    con.close()


def in_effect(db):
    r = run("warnings", "--settings", db=db)
    assert r.code == 0 and r.err == "", r
    return dict(line.split("\t")[0].split("=", 1) for line in r.out.splitlines())


def test_defaults_of_domain_section_6(db):
    s = in_effect(db)
    assert len(s) == 13
    # element guarantees' own setting, which the element-wait rule reads (h-wait)
    assert s["guarantees.wait_days"] == "90"
    assert s["warn.start_overdue.red_days"] == "30"
    assert s["warn.filed_not_started.yellow_days"] == "90"
    assert s["warn.filed_not_started.red_days"] == "180"
    assert s["warn.investment_lag.yellow_pct"] == "80"
    assert s["warn.investment_lag.red_pct"] == "50"
    assert s["warn.completion_overdue.red_days"] == "60"
    assert s["warn.report_missing.due_day"] == "10"


def test_stored_thresholds_override_and_other_settings_are_left_alone(db):
    # two warn.* keys (both must apply) around a contest weight (not ours)
    store(db, warn__filed_not_started__red_days="365", score__weight__start_rate="40",
          warn__start_overdue__red_days="45")
    s = in_effect(db)
    assert s["warn.start_overdue.red_days"] == "45"
    assert s["warn.filed_not_started.red_days"] == "365"
    assert s["warn.filed_not_started.yellow_days"] == "90"
    assert "score.weight.start_rate" not in s


def test_a_bad_stored_value_is_named_and_refused(db):
    store(db, warn__start_overdue__red_days="45", warn__report_missing__due_day="0")
    r = run("warnings", "--settings", db=db)
    assert r.code == 1, r
    assert r.err == "ballast: setting warn.report_missing.due_day = 0: out of range\n"
    store(db, warn__report_missing__due_day="12")
    assert in_effect(db)["warn.report_missing.due_day"] == "12"


def test_an_unreadable_settings_table_is_an_error(db):
    con = backend.connect(db)
    con.execute("DROP TABLE settings")
    con.commit()
    con.close()
    # refused, not computed with the defaults, and said
    r = run("warnings", "--settings", db=db)
    assert r.code == 1, r
    # the database's own words for the missing table, one line on either backend
    why = 'relation "settings" does not exist' if backend.PG else "no such table: settings"
    assert r.err == f"ballast: cannot read the settings: prepare: {why}\n"


def test_the_server_refuses_what_a_bad_stored_threshold_would_colour(small):
    """The server answers as the CLI does: every answer that carries a light
    is refused with 500 bad_setting naming the value, and nothing else is."""
    store(small, warn__report_missing__due_day="0")
    ref = backend.connect(small).execute(
        "SELECT ref FROM projects ORDER BY ref LIMIT 1").fetchone()[0]
    for name, role in (("coord", "coordinator"), ("admin", "admin")):
        r = run("user", "add", name, "--role", role, db=small, stdin=PASSWORD + "\n")
        assert r.code == 0, r
    s = Server(small)
    try:
        c = s.login("coord")
        for path in ("/api/v1/warnings?asof=2024-06-30", "/api/v1/projects?year=2024",
                     "/api/v1/projects/" + ref + "?year=2024", "/api/v1/inbox?asof=2024-06-30",
                     "/api/v1/reports?month=2024-06&light=red",
                     "/api/v1/listings?year=2024&light=red"):
            r = c.get(path)
            assert r.status == 500, (path, r.body)
            e = r.json()["error"]
            assert e == {"code": "bad_setting",
                         "message": "warn.report_missing.due_day = 0: out of range",
                         "message_zh": "存储的设置值无效，未计算预警："
                                       "warn.report_missing.due_day = 0: out of range",
                         "field": "warn.report_missing.due_day"}, (path, e)
        # a lightless answer is not refused
        assert c.get("/api/v1/reports?month=2024-06").status == 200
        assert s.client().get("/healthz").status == 200
        # the admin's correction through ballast ends it
        r = s.login("admin").put("/api/v1/settings/warn.report_missing.due_day",
                                 {"value": "12"})
        assert r.status == 200, r.body
        assert c.get("/api/v1/projects?year=2024").status == 200
    finally:
        assert s.stop() == 0
