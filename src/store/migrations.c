/* migrations.c — the schema, as numbered steps. Never edit a released step:
 * add a new one. Dates are ISO text ('2024-03-05'), months 'YYYY-MM', money
 * integer yuan, areas and energy in 1/10000 units. */
#include "store/migrations.h"

const char *const migrations[] = {
	/* 1: the foundation. */
	"CREATE TABLE units ("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('city','district','section','street','department')),"
	"  parent_id INTEGER REFERENCES units(id),"
	"  version INTEGER NOT NULL DEFAULT 1);"
	"CREATE TABLE projects ("
	"  id INTEGER PRIMARY KEY,"
	"  ref TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL,"
	"  code TEXT, company TEXT, uscc TEXT, leader TEXT, industry TEXT, commando TEXT,"
	"  section_id INTEGER NOT NULL REFERENCES units(id),"
	"  department_id INTEGER REFERENCES units(id),"
	"  industrial INTEGER NOT NULL DEFAULT 0,"
	"  attracted_by TEXT,"
	"  total_investment INTEGER, capacity INTEGER, land_mu INTEGER, energy_tce INTEGER,"
	"  planned_start TEXT, planned_completion TEXT, planned_production TEXT,"
	"  signed_on TEXT, filed_on TEXT, started_on TEXT, completed_on TEXT,"
	"  production_on TEXT, capacity_on TEXT, land_on TEXT, permit_on TEXT,"
	"  version INTEGER NOT NULL DEFAULT 1);"
	"CREATE INDEX projects_section ON projects(section_id);"
	"CREATE TABLE listings ("
	"  id INTEGER PRIMARY KEY,"
	"  project_id INTEGER NOT NULL REFERENCES projects(id),"
	"  year INTEGER NOT NULL,"
	"  province INTEGER NOT NULL DEFAULT 0,"
	"  city INTEGER NOT NULL DEFAULT 0,"
	"  district INTEGER NOT NULL DEFAULT 0,"
	"  annual_plan INTEGER,"
	"  m01 INTEGER, m02 INTEGER, m03 INTEGER, m04 INTEGER, m05 INTEGER, m06 INTEGER,"
	"  m07 INTEGER, m08 INTEGER, m09 INTEGER, m10 INTEGER, m11 INTEGER, m12 INTEGER,"
	"  version INTEGER NOT NULL DEFAULT 1,"
	"  UNIQUE (project_id, year));"
	"CREATE INDEX listings_year ON listings(year);"
	"CREATE TABLE reports ("
	"  id INTEGER PRIMARY KEY,"
	"  project_id INTEGER NOT NULL REFERENCES projects(id),"
	"  month TEXT NOT NULL,"
	"  invest INTEGER, output INTEGER, progress TEXT, problems TEXT,"
	"  status TEXT NOT NULL DEFAULT 'submitted',"
	"  version INTEGER NOT NULL DEFAULT 1,"
	"  UNIQUE (project_id, month));"
	"CREATE INDEX reports_month ON reports(month);"
	"CREATE TABLE targets ("
	"  id INTEGER PRIMARY KEY,"
	"  year INTEGER NOT NULL,"
	"  measure TEXT NOT NULL,"
	"  tier TEXT NOT NULL DEFAULT '',"
	"  section_id INTEGER NOT NULL DEFAULT 0,"
	"  department_id INTEGER NOT NULL DEFAULT 0,"
	"  industrial INTEGER NOT NULL DEFAULT 0,"
	"  due TEXT NOT NULL,"
	"  value INTEGER NOT NULL,"
	"  version INTEGER NOT NULL DEFAULT 1,"
	"  UNIQUE (year, measure, tier, section_id, department_id, industrial, due));"
	"CREATE TABLE indicators ("
	"  id INTEGER PRIMARY KEY,"
	"  measure TEXT NOT NULL,"
	"  unit_id INTEGER NOT NULL DEFAULT 0,"
	"  month TEXT NOT NULL,"
	"  value INTEGER NOT NULL,"
	"  UNIQUE (measure, unit_id, month));"
	"CREATE TABLE settings ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL);"
	"CREATE TABLE audit ("
	"  id INTEGER PRIMARY KEY,"
	"  at TEXT NOT NULL,"
	"  actor TEXT NOT NULL,"
	"  action TEXT NOT NULL,"
	"  entity TEXT NOT NULL,"
	"  entity_key TEXT NOT NULL,"
	"  before TEXT,"
	"  after TEXT,"
	"  prev_hash TEXT NOT NULL,"
	"  hash TEXT NOT NULL);"
	"CREATE INDEX audit_entity ON audit(entity, entity_key);",

	/* 2: accounts, sessions, the report workflow, bulletins and contest rounds. */
	"CREATE TABLE users ("
	"  id INTEGER PRIMARY KEY,"
	"  username TEXT NOT NULL UNIQUE,"
	"  role TEXT NOT NULL CHECK (role IN ('admin','coordinator','section','department',"
	"    'leader','auditor')),"
	"  unit_id INTEGER REFERENCES units(id),"
	"  display_name TEXT,"
	"  password_hash TEXT NOT NULL,"
	"  disabled INTEGER NOT NULL DEFAULT 0,"
	"  created_at TEXT NOT NULL,"
	"  version INTEGER NOT NULL DEFAULT 1);"
	"CREATE TABLE sessions ("
	"  id INTEGER PRIMARY KEY,"
	"  user_id INTEGER NOT NULL REFERENCES users(id),"
	"  token_hash TEXT NOT NULL UNIQUE,"
	"  csrf TEXT NOT NULL,"
	"  created_at TEXT NOT NULL,"
	"  expires_at TEXT NOT NULL);"
	"CREATE TABLE api_tokens ("
	"  id INTEGER PRIMARY KEY,"
	"  user_id INTEGER NOT NULL REFERENCES users(id),"
	"  token_hash TEXT NOT NULL UNIQUE,"
	"  created_at TEXT NOT NULL,"
	"  revoked INTEGER NOT NULL DEFAULT 0);"
	"ALTER TABLE reports ADD COLUMN return_reason TEXT;"
	"ALTER TABLE reports ADD COLUMN submitted_by TEXT;"
	"ALTER TABLE reports ADD COLUMN submitted_at TEXT;"
	"ALTER TABLE reports ADD COLUMN verified_by TEXT;"
	"ALTER TABLE reports ADD COLUMN verified_at TEXT;"
	"CREATE TABLE bulletins ("
	"  id INTEGER PRIMARY KEY,"
	"  month TEXT NOT NULL UNIQUE,"
	"  issue_no INTEGER NOT NULL,"
	"  issued_at TEXT NOT NULL,"
	"  issued_by TEXT NOT NULL,"
	"  html BLOB, pdf BLOB, xlsx BLOB);"
	"CREATE TABLE ranking_rounds ("
	"  id INTEGER PRIMARY KEY,"
	"  month TEXT NOT NULL UNIQUE,"
	"  computed_at TEXT NOT NULL,"
	"  weights TEXT NOT NULL,"
	"  result TEXT NOT NULL);",

	/* 3: the measures read a year's listings in project order and its reports
	 * month by month: covering indexes do both without visiting table rows
	 * (or sorting), and their leading columns serve every query that
	 * listings_year and reports_month served. */
	"CREATE INDEX listings_year_values ON listings(year, project_id, province, city,"
	"  district, annual_plan);"
	"DROP INDEX listings_year;"
	"CREATE INDEX reports_month_values ON reports(month, project_id, invest, output);"
	"DROP INDEX reports_month;",

	/* 4: an issued bulletin is never overwritten: a re-issue is a new version
	 * of the month (第2版 …) with its reason, and every version is kept. The
	 * table is rebuilt because UNIQUE (month) cannot be dropped in place; the
	 * bulletins issued so far become version 1. */
	"CREATE TABLE bulletin_versions ("
	"  id INTEGER PRIMARY KEY,"
	"  month TEXT NOT NULL,"
	"  version INTEGER NOT NULL,"
	"  issue_no INTEGER NOT NULL,"
	"  issued_at TEXT NOT NULL,"
	"  issued_by TEXT NOT NULL,"
	"  reason TEXT,"
	"  html BLOB, pdf BLOB, xlsx BLOB,"
	"  UNIQUE (month, version));"
	"INSERT INTO bulletin_versions (id, month, version, issue_no, issued_at, issued_by,"
	"  html, pdf, xlsx)"
	"  SELECT id, month, 1, issue_no, issued_at, issued_by, html, pdf, xlsx FROM bulletins;"
	"DROP TABLE bulletins;"
	"ALTER TABLE bulletin_versions RENAME TO bulletins;",

	/* 5: DOMAIN.md §3, only submitted and verified reports count: the
	 * measures' month index covers the status too, so they still read no
	 * table row. The statistics bureau's figures (indicators) keep where
	 * they came from, a note, and a version for edits. */
	"CREATE INDEX reports_month_counted ON reports(month, project_id, invest, output,"
	"  status);"
	"DROP INDEX reports_month_values;"
	"ALTER TABLE indicators ADD COLUMN source TEXT;"
	"ALTER TABLE indicators ADD COLUMN note TEXT;"
	"ALTER TABLE indicators ADD COLUMN version INTEGER NOT NULL DEFAULT 1;",

	/* 6: DOMAIN.md §3, the issued plan (任务书): the years whose list a
	 * coordinator issued, and the change requests to them. A request keeps
	 * each field's official value when it was proposed and the proposed
	 * one, as JSON {"field": [from, to], …} (core/changes.h keys); the
	 * project and listing rows keep the official values. */
	"CREATE TABLE plan_issues ("
	"  year INTEGER PRIMARY KEY,"
	"  issued_at TEXT NOT NULL,"
	"  issued_by TEXT NOT NULL);"
	"CREATE TABLE change_requests ("
	"  id INTEGER PRIMARY KEY,"
	"  project_id INTEGER NOT NULL REFERENCES projects(id),"
	"  year INTEGER NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('plan','actual')),"
	"  changes TEXT NOT NULL,"
	"  reason TEXT,"
	"  status TEXT NOT NULL CHECK (status IN ('pending','approved','rejected','withdrawn')),"
	"  proposed_by TEXT NOT NULL,"
	"  proposed_at TEXT NOT NULL,"
	"  decided_by TEXT,"
	"  decided_at TEXT,"
	"  decision_reason TEXT,"
	"  version INTEGER NOT NULL DEFAULT 1);"
	"CREATE INDEX change_requests_project ON change_requests(project_id, status);"
	"CREATE INDEX change_requests_year ON change_requests(year, status);",

	/* 7: a compact audit trail. An import records the rows it inserts as one
	 * "import" entry naming each kind's id range and the digest of the rows' audit
	 * forms (store/audit_batch.c); audit_chunks holds the digests of every
	 * 64 rows, so that verify can say which rows changed. New entries keep
	 * their hashes as 32 bytes, not 64 hex digits; older entries stay as
	 * they are and are read either way. */
	"CREATE TABLE audit_chunks ("
	"  entry INTEGER NOT NULL,"
	"  entity TEXT NOT NULL,"
	"  seq INTEGER NOT NULL,"
	"  digest BLOB NOT NULL,"
	"  PRIMARY KEY (entry, entity, seq)) WITHOUT ROWID;"
	"CREATE INDEX audit_imports ON audit(id) WHERE action = 'import';",

	/* 8: supervision items (督办事项, DOMAIN.md §7) and their timeline. An
	 * item's row holds its state after its last step; each step keeps the
	 * state after it (status, level, deadline 办结时限 and the level's
	 * deadline 本级时限, which escalation moves) and the day it took effect,
	 * so an item's state on any past day is its last step on or before that
	 * day. */
	"CREATE TABLE items ("
	"  id INTEGER PRIMARY KEY,"
	"  project_id INTEGER NOT NULL REFERENCES projects(id),"
	"  title TEXT NOT NULL,"
	"  detail TEXT,"
	"  category TEXT NOT NULL CHECK (category IN ('land','energy','funds','approval',"
	"    'demolition','other')),"
	"  owner_id INTEGER NOT NULL REFERENCES units(id),"
	"  level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),"
	"  raised_on TEXT NOT NULL,"
	"  deadline TEXT NOT NULL,"
	"  level_deadline TEXT NOT NULL,"
	"  status TEXT NOT NULL CHECK (status IN ('open','answered','resolved','closed')),"
	"  source TEXT NOT NULL CHECK (source IN ('direct','visit','report','import')),"
	"  source_ref TEXT,"
	"  raised_by TEXT NOT NULL,"
	"  last_on TEXT NOT NULL,"
	"  version INTEGER NOT NULL DEFAULT 1);"
	"CREATE INDEX items_project ON items(project_id);"
	"CREATE INDEX items_owner ON items(owner_id);"
	"CREATE TABLE item_steps ("
	"  id INTEGER PRIMARY KEY,"
	"  item_id INTEGER NOT NULL REFERENCES items(id),"
	"  kind TEXT NOT NULL CHECK (kind IN ('raise','reply','answer','resolve','close',"
	"    'reopen','escalate','edit','import')),"
	"  on_day TEXT NOT NULL,"
	"  at TEXT NOT NULL,"
	"  actor TEXT NOT NULL,"
	"  body TEXT,"
	"  attachment TEXT,"
	"  status TEXT NOT NULL,"
	"  level INTEGER NOT NULL,"
	"  deadline TEXT NOT NULL,"
	"  level_deadline TEXT NOT NULL);"
	"CREATE INDEX item_steps_item ON item_steps(item_id, id);",
	/* ui14 (issue #14 item 10): the map — a project's longitude and latitude
	 * in millionths of a degree, and the district's boundary (GeoJSON, one
	 * row) that an administrator uploads. */
	"ALTER TABLE projects ADD COLUMN lng_e6 INTEGER"
	"  CHECK (lng_e6 IS NULL OR lng_e6 BETWEEN -180000000 AND 180000000);"
	"ALTER TABLE projects ADD COLUMN lat_e6 INTEGER"
	"  CHECK (lat_e6 IS NULL OR lat_e6 BETWEEN -90000000 AND 90000000);"
	"CREATE TABLE map_boundary ("
	"  id INTEGER PRIMARY KEY CHECK (id = 1),"
	"  name TEXT NOT NULL,"
	"  geojson TEXT NOT NULL,"
	"  uploaded_by TEXT NOT NULL,"
	"  uploaded_at TEXT NOT NULL,"
	"  version INTEGER NOT NULL DEFAULT 1);",

	/* visits (issue #13 items 4-6): commando teams (党员突击队), one per
	 * project, with their members (one per line: an account's username or a
	 * free name); site visits (走访/现场督办) with their findings; and the
	 * webhook outbox: one row per notification event, its key unique so that
	 * no event is ever sent twice, whatever restarts. The outbox is delivery
	 * state, not the district's data (sqlite_forms.c form_not_data). */
	"CREATE TABLE teams ("
	"  id INTEGER PRIMARY KEY,"
	"  project_id INTEGER NOT NULL UNIQUE REFERENCES projects(id),"
	"  name TEXT NOT NULL,"
	"  members TEXT,"
	"  version INTEGER NOT NULL DEFAULT 1);"
	"CREATE TABLE visits ("
	"  id INTEGER PRIMARY KEY,"
	"  project_id INTEGER NOT NULL REFERENCES projects(id),"
	"  on_day TEXT NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('commando','supervision','other')),"
	"  who TEXT NOT NULL,"
	"  findings TEXT,"
	"  recorded_by TEXT NOT NULL,"
	"  recorded_at TEXT NOT NULL,"
	"  version INTEGER NOT NULL DEFAULT 1);"
	"CREATE INDEX visits_project ON visits(project_id, on_day);"
	"CREATE INDEX visits_day ON visits(on_day);"
	"CREATE TABLE webhook_outbox ("
	"  id INTEGER PRIMARY KEY,"
	"  event_key TEXT NOT NULL UNIQUE,"
	"  text TEXT NOT NULL,"
	"  created_at TEXT NOT NULL,"
	"  attempts INTEGER NOT NULL DEFAULT 0,"
	"  next_at INTEGER NOT NULL DEFAULT 0,"
	"  sent_at TEXT,"
	"  last_error TEXT);"
	"CREATE INDEX webhook_outbox_due ON webhook_outbox(next_at) WHERE sent_at IS NULL;",

	/* element guarantees (要素保障) and demolition task books (征拆任务书),
	 * DOMAIN.md §7. A supplies row is a project's need of one element for a
	 * year (kind 'need', one per project, year and element; on_day the day
	 * the need counts from, may be NULL) or a supply event (供地批复, 能评批复,
	 * 贷款, 专项债 …) on its day with its document number. Land and energy
	 * amounts are in 1/10000 亩 and 1/10000 吨标煤 (as projects.land_mu),
	 * funding in yuan. A demolition task is a section's for a year: a
	 * quantity of ㎡ or households due by a day; each report states what is
	 * done so far on its day. */
	"CREATE TABLE supplies ("
	"  id INTEGER PRIMARY KEY,"
	"  project_id INTEGER NOT NULL REFERENCES projects(id),"
	"  year INTEGER NOT NULL,"
	"  element TEXT NOT NULL CHECK (element IN ('land','energy','funding')),"
	"  kind TEXT NOT NULL CHECK (kind IN ('need','land_grant','energy_approval','loan',"
	"    'bond','fiscal','other')),"
	"  on_day TEXT,"
	"  amount INTEGER NOT NULL CHECK (amount >= 0),"
	"  doc_no TEXT NOT NULL DEFAULT '',"
	"  version INTEGER NOT NULL DEFAULT 1);"
	"CREATE UNIQUE INDEX supplies_need ON supplies(project_id, year, element)"
	"  WHERE kind = 'need';"
	"CREATE UNIQUE INDEX supplies_event ON supplies(project_id, year, element, kind, on_day,"
	"  doc_no) WHERE kind <> 'need';"
	"CREATE TABLE demolition_tasks ("
	"  id INTEGER PRIMARY KEY,"
	"  section_id INTEGER NOT NULL REFERENCES units(id),"
	"  year INTEGER NOT NULL,"
	"  name TEXT NOT NULL,"
	"  measure TEXT NOT NULL CHECK (measure IN ('area','households')),"
	"  quantity INTEGER NOT NULL CHECK (quantity >= 0),"
	"  due TEXT NOT NULL,"
	"  version INTEGER NOT NULL DEFAULT 1,"
	"  UNIQUE (section_id, year, name));"
	"CREATE TABLE demolition_reports ("
	"  id INTEGER PRIMARY KEY,"
	"  task_id INTEGER NOT NULL REFERENCES demolition_tasks(id),"
	"  on_day TEXT NOT NULL,"
	"  done INTEGER NOT NULL CHECK (done >= 0),"
	"  version INTEGER NOT NULL DEFAULT 1,"
	"  UNIQUE (task_id, on_day));",

	/* h-funds: policy fulfilment (政策兑现, DOMAIN.md §7) and the working-day
	 * calendar its time limits count on. workdays lists the days that are
	 * not as their weekday says: holidays (放假) and make-up working days
	 * (调休上班). A policy names each step's owner unit and time limit in
	 * working days; an application's row holds its steps' days and the
	 * amount approved at 会商, its payments (拨付, one or more) are rows of
	 * their own, so its state on any past day follows from the dates. */
	"CREATE TABLE workdays ("
	"  day TEXT PRIMARY KEY,"
	"  kind TEXT NOT NULL CHECK (kind IN ('holiday','workday')),"
	"  name TEXT);"
	"CREATE TABLE policies ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  kind TEXT NOT NULL CHECK (kind IN ('major_industrial','listing','specialised','other')),"
	"  year INTEGER NOT NULL,"
	"  verify_days INTEGER NOT NULL CHECK (verify_days BETWEEN 1 AND 250),"
	"  consult_days INTEGER NOT NULL CHECK (consult_days BETWEEN 1 AND 250),"
	"  pay_days INTEGER NOT NULL CHECK (pay_days BETWEEN 1 AND 250),"
	"  apply_owner_id INTEGER NOT NULL REFERENCES units(id),"
	"  verify_owner_id INTEGER NOT NULL REFERENCES units(id),"
	"  consult_owner_id INTEGER NOT NULL REFERENCES units(id),"
	"  pay_owner_id INTEGER NOT NULL REFERENCES units(id),"
	"  version INTEGER NOT NULL DEFAULT 1);"
	"CREATE TABLE applications ("
	"  id INTEGER PRIMARY KEY,"
	"  company TEXT NOT NULL,"
	"  uscc TEXT NOT NULL,"
	"  project_id INTEGER REFERENCES projects(id),"
	"  policy_id INTEGER NOT NULL REFERENCES policies(id),"
	"  amount INTEGER NOT NULL CHECK (amount > 0),"
	"  applied_on TEXT NOT NULL,"
	"  verified_on TEXT,"
	"  consulted_on TEXT,"
	"  approved INTEGER NOT NULL DEFAULT 0 CHECK (approved >= 0),"
	"  rejected_on TEXT,"
	"  reason TEXT,"
	"  status TEXT NOT NULL CHECK (status IN ('applied','verified','consulted','paying',"
	"    'paid','rejected')),"
	"  version INTEGER NOT NULL DEFAULT 1);"
	"CREATE UNIQUE INDEX applications_key ON applications(uscc, policy_id, applied_on);"
	"CREATE INDEX applications_project ON applications(project_id);"
	"CREATE TABLE fund_payments ("
	"  id INTEGER PRIMARY KEY,"
	"  application_id INTEGER NOT NULL REFERENCES applications(id),"
	"  on_day TEXT NOT NULL,"
	"  yuan INTEGER NOT NULL CHECK (yuan > 0));"
	"CREATE INDEX fund_payments_application ON fund_payments(application_id, id);",

	/* h-leads: the shared lead pool (招商线索, issue #16) with its log of
	 * notes, visits and stage moves, and the talents or teams each unit
	 * reports per month for 双招双引. A signed lead names the project it
	 * became; the row holds its stage after its last log entry. */
	"CREATE TABLE leads ("
	"  id INTEGER PRIMARY KEY,"
	"  company TEXT NOT NULL,"
	"  uscc TEXT,"
	"  industry TEXT,"
	"  amount INTEGER,"
	"  source TEXT,"
	"  found_by INTEGER NOT NULL REFERENCES units(id),"
	"  followed_by INTEGER NOT NULL REFERENCES units(id),"
	"  stage TEXT NOT NULL CHECK (stage IN ('lead','talks','intent','signed','dropped')),"
	"  reason TEXT,"
	"  found_on TEXT NOT NULL,"
	"  signed_on TEXT,"
	"  project_id INTEGER REFERENCES projects(id),"
	"  last_on TEXT NOT NULL,"
	"  version INTEGER NOT NULL DEFAULT 1);"
	"CREATE INDEX leads_project ON leads(project_id);"
	"CREATE TABLE lead_log ("
	"  id INTEGER PRIMARY KEY,"
	"  lead_id INTEGER NOT NULL REFERENCES leads(id),"
	"  kind TEXT NOT NULL CHECK (kind IN ('found','note','visit','stage','sign','drop',"
	"    'import')),"
	"  on_day TEXT NOT NULL,"
	"  at TEXT NOT NULL,"
	"  actor TEXT NOT NULL,"
	"  body TEXT,"
	"  stage TEXT NOT NULL);"
	"CREATE INDEX lead_log_lead ON lead_log(lead_id, id);"
	"CREATE TABLE talent_counts ("
	"  id INTEGER PRIMARY KEY,"
	"  unit_id INTEGER NOT NULL REFERENCES units(id),"
	"  month TEXT NOT NULL,"
	"  count INTEGER NOT NULL CHECK (count >= 0),"
	"  version INTEGER NOT NULL DEFAULT 1,"
	"  UNIQUE (unit_id, month));",

	/* Revenue sharing and industrial funds (招商共享, 产业基金, DOMAIN.md §7;
	 * core/sharing.h). A project's landing date (落户) starts year 1 of the
	 * sharing rules; the rules stored here override the built-in defaults;
	 * one tax figure per project and year, integer yuan; the fund registry,
	 * capital in integer yuan. */
	"ALTER TABLE projects ADD COLUMN landed_on TEXT;"
	"CREATE TABLE sharing_rules ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL,"
	"  attracted_by TEXT NOT NULL CHECK (attracted_by IN ('district','street')),"
	"  landed_in INTEGER REFERENCES units(id),"
	"  nth_from INTEGER NOT NULL CHECK (nth_from BETWEEN 1 AND 99),"
	"  nth_to INTEGER CHECK (nth_to BETWEEN 1 AND 99),"
	"  valid_from INTEGER,"
	"  valid_to INTEGER,"
	"  street_permille INTEGER NOT NULL CHECK (street_permille BETWEEN 0 AND 1000),"
	"  version INTEGER NOT NULL DEFAULT 1);"
	"CREATE TABLE taxes ("
	"  id INTEGER PRIMARY KEY,"
	"  project_id INTEGER NOT NULL REFERENCES projects(id),"
	"  year INTEGER NOT NULL,"
	"  tax INTEGER NOT NULL CHECK (tax >= 0),"
	"  version INTEGER NOT NULL DEFAULT 1,"
	"  UNIQUE (project_id, year));"
	"CREATE TABLE funds ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  manager TEXT,"
	"  capital INTEGER NOT NULL CHECK (capital >= 0),"
	"  registered_on TEXT NOT NULL,"
	"  focus TEXT,"
	"  brought_by INTEGER REFERENCES units(id),"
	"  version INTEGER NOT NULL DEFAULT 1);"
	"CREATE INDEX funds_registered ON funds(registered_on);",

	/* leaders: leader linkage (领导挂钩, DOMAIN.md §7) — leader accounts
	 * linked to projects, many to many (the truth behind the projects'
	 * free-text 挂钩领导, which stays as the names for reading); named
	 * project lists (tags such as 书记挂钩10亿以上项目), a filter everywhere;
	 * and each user's last visit to the leader page, as the audit entry it
	 * had seen and the day the page was of. */
	"CREATE TABLE project_leaders ("
	"  id INTEGER PRIMARY KEY,"
	"  project_id INTEGER NOT NULL REFERENCES projects(id),"
	"  user_id INTEGER NOT NULL REFERENCES users(id),"
	"  UNIQUE (project_id, user_id));"
	"CREATE INDEX project_leaders_user ON project_leaders(user_id);"
	"CREATE TABLE project_lists ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  version INTEGER NOT NULL DEFAULT 1);"
	"CREATE TABLE project_list_members ("
	"  id INTEGER PRIMARY KEY,"
	"  list_id INTEGER NOT NULL REFERENCES project_lists(id),"
	"  project_id INTEGER NOT NULL REFERENCES projects(id),"
	"  UNIQUE (list_id, project_id));"
	"CREATE TABLE leader_visits ("
	"  user_id INTEGER PRIMARY KEY REFERENCES users(id),"
	"  audit_id INTEGER NOT NULL,"
	"  seen_on TEXT NOT NULL,"
	"  seen_at TEXT NOT NULL);",

	/* h-bench1: the measures' month index without the status (its text was
	 * a quarter of the index: 8 MiB of the city's 125, bench/README.md);
	 * the reports that are not submitted or verified — drafts, returned,
	 * the few of the month being filled — in a partial index of their own,
	 * which the reader asks first (sqlite_dataset.c); its WHERE is two
	 * comparisons, which SQLite evaluates for each row in about a sixth of
	 * the instructions NOT IN takes. Dropped first, so that the new indexes
	 * reuse its pages. */
	"DROP INDEX reports_month_counted;"
	"CREATE INDEX reports_month_figures ON reports(month, project_id, invest, output);"
	"CREATE INDEX reports_month_uncounted ON reports(month, project_id, status)"
	"  WHERE status <> 'submitted' AND status <> 'verified';",

	/* district1 (issue #17 item 5): one instance, many districts. Bulletins
	 * and contest rounds are kept per issuing district and month: district_id
	 * is the district unit, or 0 for the instance's own — an instance with at
	 * most one district, whose acts need no district, as before. The rows
	 * kept so far were the whole instance's (all its sections together), so
	 * they stay 0 whatever units the database holds (their audit keys, which
	 * name no district, stay true). UNIQUE (month) cannot be dropped in
	 * place: both tables are rebuilt with their ids. */
	"CREATE TABLE bulletins_by_district ("
	"  id INTEGER PRIMARY KEY,"
	"  district_id INTEGER NOT NULL DEFAULT 0,"
	"  month TEXT NOT NULL,"
	"  version INTEGER NOT NULL,"
	"  issue_no INTEGER NOT NULL,"
	"  issued_at TEXT NOT NULL,"
	"  issued_by TEXT NOT NULL,"
	"  reason TEXT,"
	"  html BLOB, pdf BLOB, xlsx BLOB,"
	"  UNIQUE (district_id, month, version));"
	"INSERT INTO bulletins_by_district (id, district_id, month, version, issue_no, issued_at,"
	"  issued_by, reason, html, pdf, xlsx)"
	"  SELECT id, 0, month, version, issue_no, issued_at, issued_by, reason, html, pdf, xlsx"
	"  FROM bulletins;"
	"DROP TABLE bulletins;"
	"ALTER TABLE bulletins_by_district RENAME TO bulletins;"
	"CREATE TABLE rounds_by_district ("
	"  id INTEGER PRIMARY KEY,"
	"  district_id INTEGER NOT NULL DEFAULT 0,"
	"  month TEXT NOT NULL,"
	"  computed_at TEXT NOT NULL,"
	"  weights TEXT NOT NULL,"
	"  result TEXT NOT NULL,"
	"  UNIQUE (district_id, month));"
	"INSERT INTO rounds_by_district (id, district_id, month, computed_at, weights, result)"
	"  SELECT id, 0, month, computed_at, weights, result FROM ranking_rounds;"
	"DROP TABLE ranking_rounds;"
	"ALTER TABLE rounds_by_district RENAME TO ranking_rounds;",

	/* h-multi (issue #17 item 4): failed logins counted in the database, so
	 * that several servers on one database give the limits one gives
	 * (http/throttle_db.c). A row per throttle key, named by its digest;
	 * times in ms since the epoch; expires_ms is when the row says nothing
	 * any more, and a failure drops such rows. Login state like sessions:
	 * not audited (sqlite_forms.c form_not_data). WITHOUT ROWID: the key
	 * is the row's only name, as in PostgreSQL's table (ballast copy moves
	 * a rowid only where both sides keep one). */
	"CREATE TABLE login_failures ("
	"  key_hash TEXT PRIMARY KEY,"
	"  fails INTEGER NOT NULL,"
	"  mark_ms INTEGER NOT NULL,"
	"  until_ms INTEGER NOT NULL,"
	"  expires_ms INTEGER NOT NULL) WITHOUT ROWID;"
	"CREATE INDEX login_failures_expires ON login_failures(expires_ms);",
};

const int n_migrations = sizeof(migrations) / sizeof(migrations[0]);
