"""Black-box tests of the ballast binary: they run it as a user would.

BALLAST names the binary (the Makefile passes the sanitizer build)."""
import json
import os
import pathlib
import subprocess

import pytest

import backend

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
BALLAST = os.environ.get("BALLAST", str(ROOT / "build" / "ballast"))


class Result:
    def __init__(self, proc):
        self.code = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr

    def json(self):
        return json.loads(self.out)

    def __repr__(self):
        return f"<exit {self.code}\nstdout: {self.out}\nstderr: {self.err}>"


def run(*args, db=None, stdin=None, env=None):
    cmd = [BALLAST, *map(str, args)]
    e = dict(os.environ)
    e.pop("BALLAST_DB", None)
    e.pop("BALLAST_ANCHOR", None)
    if db is not None:
        cmd += ["--db", backend.target(db)]
        e.update(backend.env(db))
    if env:
        e.update(env)
    proc = subprocess.run(cmd, input=stdin, capture_output=True, text=True, env=e,
                          timeout=600)
    return Result(proc)


def dump(db):
    """The database's content as text, for byte-for-byte comparisons."""
    return backend.dump(db)


# SQL that takes a database of the current schema back to schema 3 (before
# bulletin versions, migration 4, the counted-reports index and the
# indicators' source and note, migration 5; the issued plan, migration 6; the
# import digests, migration 7; the supervision items, migration 8; the map's
# coordinates and boundary, ui14's; the teams, visits and webhook outbox of
# h-visits; element guarantees and demolition task books; policy fulfilment
# and the working-day calendar; the lead pool; revenue sharing; leader
# linkage's tables; h-bench1's month indexes; the district of bulletins and
# rounds, district1's; the failed logins, h-multi's), as an older ballast left it.
SCHEMA_3_SQL = """
    ALTER TABLE projects DROP COLUMN lng_e6;
    ALTER TABLE projects DROP COLUMN lat_e6;
    DROP TABLE map_boundary;
    DELETE FROM audit WHERE entity = 'map_boundary';
    DROP TABLE webhook_outbox;
    DROP TABLE visits;
    DROP TABLE teams;
    DELETE FROM audit WHERE entity IN ('team', 'visit');
    DROP TABLE demolition_reports;
    DROP TABLE demolition_tasks;
    DROP TABLE supplies;
    DELETE FROM audit WHERE entity IN ('supply', 'demolition_task', 'demolition_report');
    DROP TABLE fund_payments;
    DROP TABLE applications;
    DROP TABLE policies;
    DROP TABLE workdays;
    DELETE FROM audit WHERE entity IN ('workday', 'policy', 'application', 'fund_payment');
    DROP TABLE lead_log;
    DROP TABLE leads;
    DROP TABLE talent_counts;
    DELETE FROM audit WHERE entity IN ('lead', 'lead_log', 'talent_count');
    DROP TABLE funds;
    DROP TABLE taxes;
    DROP TABLE sharing_rules;
    DELETE FROM audit WHERE entity IN ('fund', 'tax', 'sharing_rule');
    ALTER TABLE projects DROP COLUMN landed_on;
    DROP TABLE leader_visits;
    DROP TABLE project_list_members;
    DROP TABLE project_lists;
    DROP TABLE project_leaders;
    DELETE FROM audit WHERE entity IN ('project_leader', 'project_list',
      'project_list_member', 'leader_visit');
    DROP TABLE change_requests;
    DROP TABLE plan_issues;
    DELETE FROM audit WHERE entity IN ('plan', 'change_request');
    DROP TABLE item_steps;
    DROP TABLE items;
    DROP INDEX audit_imports;
    DROP TABLE audit_chunks;
    DELETE FROM bulletins WHERE version > 1;
    CREATE TABLE old_bulletins (id INTEGER PRIMARY KEY, month TEXT NOT NULL UNIQUE,
      issue_no INTEGER NOT NULL, issued_at TEXT NOT NULL, issued_by TEXT NOT NULL,
      html BLOB, pdf BLOB, xlsx BLOB);
    INSERT INTO old_bulletins SELECT id, month, issue_no, issued_at, issued_by, html, pdf,
      xlsx FROM bulletins;
    DROP TABLE bulletins;
    ALTER TABLE old_bulletins RENAME TO bulletins;
    CREATE TABLE old_rounds (id INTEGER PRIMARY KEY, month TEXT NOT NULL UNIQUE,
      computed_at TEXT NOT NULL, weights TEXT NOT NULL, result TEXT NOT NULL);
    INSERT INTO old_rounds SELECT id, month, computed_at, weights, result FROM ranking_rounds;
    DROP TABLE ranking_rounds;
    ALTER TABLE old_rounds RENAME TO ranking_rounds;
    DROP INDEX reports_month_uncounted;
    DROP INDEX reports_month_figures;
    CREATE INDEX reports_month_values ON reports(month, project_id, invest, output);
    ALTER TABLE indicators DROP COLUMN source;
    ALTER TABLE indicators DROP COLUMN note;
    ALTER TABLE indicators DROP COLUMN version;
    DROP TABLE login_failures;
    PRAGMA user_version = 3;
"""


@pytest.fixture
def db(tmp_path):
    """An empty database of the current schema: a copy of one `ballast init`
    made for this test process (backend.from_template)."""
    def make(path):
        r = run("init", db=path)
        assert r.code == 0, r
    return backend.from_template(tmp_path / "t.db", "init", make)


@pytest.fixture
def small(db):
    """The small hand-computed district of tests/fixtures/small."""
    for kind in ("units", "projects", "listings", "reports", "targets"):
        r = run("import", kind, FIXTURES / "small" / f"{kind}.csv", db=db)
        assert r.code == 0, r
    return db
