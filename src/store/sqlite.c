/* sqlite.c — the store's statement table and cache, bind and column helpers,
 * and transactions (opening and migrating: sqlite_open.c).
 * Entities with more fields are in sqlite_entities.c; the audit chain in audit.c. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/migrations.h"
#include "store/sqlite_int.h"
#include "store/store_accounts.h"
#include "util/xalloc.h"

#define PROJECT_COLS \
	"p.id, p.ref, p.name, p.code, p.company, p.uscc, p.leader, p.industry, p.commando," \
	" p.section_id, p.department_id, p.industrial, p.attracted_by, p.total_investment," \
	" p.capacity, p.land_mu, p.energy_tce, p.planned_start, p.planned_completion," \
	" p.planned_production, p.signed_on, p.filed_on, p.started_on, p.completed_on," \
	" p.production_on, p.capacity_on, p.land_on, p.permit_on, p.lng_e6, p.lat_e6," \
	" p.version, p.landed_on"
#define PROJECT_SET \
	"ref = ?1, name = ?2, code = ?3, company = ?4, uscc = ?5, leader = ?6, industry = ?7," \
	" commando = ?8, section_id = ?9, department_id = ?10, industrial = ?11," \
	" attracted_by = ?12, total_investment = ?13, capacity = ?14, land_mu = ?15," \
	" energy_tce = ?16, planned_start = ?17, planned_completion = ?18," \
	" planned_production = ?19, signed_on = ?20, filed_on = ?21, started_on = ?22," \
	" completed_on = ?23, production_on = ?24, capacity_on = ?25, land_on = ?26," \
	" permit_on = ?27, lng_e6 = ?28, lat_e6 = ?29, landed_on = ?31"
#define LISTING_COLS \
	"l.project_id, l.year, l.province, l.city, l.district, l.annual_plan, l.m01, l.m02," \
	" l.m03, l.m04, l.m05, l.m06, l.m07, l.m08, l.m09, l.m10, l.m11, l.m12, l.version"
#define REPORT_COLS \
	"r.project_id, r.month, r.invest, r.output, r.progress, r.problems, r.status, r.version"
/* A report with its workflow stamps (sqlite_workflow.c col_row). */
#define REPORT_ROW_COLS REPORT_COLS ", r.return_reason, r.submitted_by, r.submitted_at," \
	" r.verified_by, r.verified_at"
/* sqlite_accounts.c col_user. */
#define VISIT_COLS \
	"v.id, v.project_id, v.on_day, v.kind, v.who, v.findings, v.recorded_by," \
	" v.recorded_at, v.version"
#define USER_COLS "u.id, u.username, u.role, u.unit_id, u.display_name, u.disabled, u.version"
/* sqlite_items.c col_item and col_step. */
#define ITEM_COLS \
	"i.id, i.project_id, i.title, i.detail, i.category, i.owner_id, i.level, i.raised_on," \
	" i.deadline, i.status, i.source, i.source_ref, i.raised_by, i.last_on, i.version," \
	" i.level_deadline"
#define ITEM_STEP_COLS \
	"s.id, s.item_id, s.kind, s.on_day, s.at, s.actor, s.body, s.attachment, s.status," \
	" s.level, s.deadline, s.level_deadline"
/* sqlite_guarantees.c col_supply, col_task. */
#define SUPPLY_COLS \
	"s.id, s.project_id, s.year, s.element, s.kind, s.on_day, s.amount, s.doc_no, s.version"
#define DEMO_TASK_COLS \
	"t.id, t.section_id, t.year, t.name, t.measure, t.quantity, t.due, t.version"
/* sqlite_funds.c col_policy and col_application. */
#define POLICY_COLS \
	"id, name, kind, year, verify_days, consult_days, pay_days, apply_owner_id," \
	" verify_owner_id, consult_owner_id, pay_owner_id, version"
#define APPLICATION_COLS \
	"id, company, uscc, project_id, policy_id, amount, applied_on, verified_on, consulted_on," \
	" approved, rejected_on, reason, status, version"
/* sqlite_leads.c col_lead (h-leads). */
#define LEAD_COLS \
	"l.id, l.company, l.uscc, l.industry, l.amount, l.source, l.found_by, l.followed_by," \
	" l.stage, l.reason, l.found_on, l.signed_on, l.project_id, l.last_on, l.version, p.ref"
/* sqlite_changes.c col_change. */
#define CHANGE_COLS \
	"c.id, c.project_id, p.ref, p.section_id, p.department_id, c.year, c.kind, c.changes," \
	" c.reason, c.status, c.proposed_by, c.proposed_at, c.decided_by, c.decided_at," \
	" c.decision_reason, c.version, p.name"
/* sqlite_bulletins.c col_bulletin. */
#define BULLETIN_COLS \
	"month, issue_no, issued_at, issued_by, length(html), length(pdf), length(xlsx)," \
	" version, reason, district_id"

/* sqlite_sharing.c col_rule and col_fund. */
#define RULE_COLS \
	"id, name, attracted_by, landed_in, nth_from, nth_to, valid_from, valid_to," \
	" street_permille, version"
#define FUND_COLS "id, name, manager, capital, registered_on, focus, brought_by, version"

/* A leader link's columns and tables (sqlite_leaders.c). */
#define LEADER_LINK_COLS "l.id, l.project_id, l.user_id, u.username, u.display_name" \
	" FROM project_leaders l JOIN users u ON u.id = l.user_id"

static const char *const stmt_sql[ST__MAX] = {
	[ST_BEGIN] = "BEGIN IMMEDIATE",
	[ST_COMMIT] = "COMMIT",
	[ST_ROLLBACK] = "ROLLBACK",
	[ST_UNITS] = "SELECT id, code, name, kind, parent_id, version FROM units ORDER BY id",
	[ST_UNIT_BY_CODE] = "SELECT id, code, name, kind, parent_id, version FROM units WHERE code = ?1",
	[ST_UNIT_INSERT] = "INSERT INTO units (code, name, kind, parent_id) VALUES (?1, ?2, ?3, ?4)",
	[ST_UNIT_UPDATE] = "UPDATE units SET name = ?2, kind = ?3, parent_id = ?4,"
			   " version = version + 1 WHERE id = ?1",
	[ST_PROJECT_BY_REF] = "SELECT " PROJECT_COLS " FROM projects p WHERE p.ref = ?1",
	[ST_PROJECT_REF] = "SELECT ref FROM projects WHERE id = ?1",
	[ST_PROJECT_INSERT] = "INSERT INTO projects (ref, name, code, company, uscc, leader,"
			      " industry, commando, section_id, department_id, industrial,"
			      " attracted_by, total_investment, capacity, land_mu, energy_tce,"
			      " planned_start, planned_completion, planned_production, signed_on,"
			      " filed_on, started_on, completed_on, production_on, capacity_on,"
			      " land_on, permit_on, lng_e6, lat_e6, landed_on) VALUES (?1, ?2, ?3, ?4,"
			      " ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,"
			      " ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?31)"
			      " ON CONFLICT (ref) DO NOTHING",
	[ST_PROJECT_UPDATE] = "UPDATE projects SET " PROJECT_SET ", version = version + 1"
			      " WHERE id = ?30",
	[ST_PROJECTS] = "SELECT " PROJECT_COLS " FROM projects p ORDER BY p.ref",
	[ST_LISTING_GET] = "SELECT " LISTING_COLS " FROM listings l"
			   " WHERE l.project_id = ?1 AND l.year = ?2",
	[ST_LISTING_INSERT] = "INSERT INTO listings (project_id, year, province, city, district,"
			      " annual_plan, m01, m02, m03, m04, m05, m06, m07, m08, m09, m10,"
			      " m11, m12) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
			      " ?12, ?13, ?14, ?15, ?16, ?17, ?18)"
			      " ON CONFLICT (project_id, year) DO NOTHING",
	[ST_LISTING_UPDATE] = "UPDATE listings SET province = ?3, city = ?4, district = ?5,"
			      " annual_plan = ?6, m01 = ?7, m02 = ?8, m03 = ?9, m04 = ?10,"
			      " m05 = ?11, m06 = ?12, m07 = ?13, m08 = ?14, m09 = ?15, m10 = ?16,"
			      " m11 = ?17, m12 = ?18, version = version + 1"
			      " WHERE project_id = ?1 AND year = ?2",
	[ST_LISTINGS_YEAR] = "SELECT p.ref, " LISTING_COLS " FROM listings l JOIN projects p"
			     " ON p.id = l.project_id WHERE l.year = ?1 ORDER BY p.ref, l.year",
	[ST_LISTINGS_ALL] = "SELECT p.ref, " LISTING_COLS " FROM listings l JOIN projects p"
			    " ON p.id = l.project_id ORDER BY p.ref, l.year",
	[ST_REPORT_GET] = "SELECT " REPORT_COLS " FROM reports r"
			  " WHERE r.project_id = ?1 AND r.month = ?2",
	[ST_REPORT_INSERT] = "INSERT INTO reports (project_id, month, invest, output, progress,"
			     " problems, status) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
			     " ON CONFLICT (project_id, month) DO NOTHING",
	[ST_REPORT_UPDATE] = "UPDATE reports SET invest = ?3, output = ?4, progress = ?5,"
			     " problems = ?6, status = ?7, version = version + 1"
			     " WHERE project_id = ?1 AND month = ?2",
	[ST_REPORTS] = "SELECT p.ref, " REPORT_COLS " FROM reports r JOIN projects p"
		       " ON p.id = r.project_id ORDER BY p.ref, r.month",
	[ST_TARGET_FIND] = "SELECT id, value, version FROM targets WHERE year = ?1 AND"
			   " measure = ?2 AND tier = ?3 AND section_id = ?4 AND"
			   " department_id = ?5 AND industrial = ?6 AND due = ?7",
	[ST_TARGET_INSERT] = "INSERT INTO targets (year, measure, tier, section_id,"
			     " department_id, industrial, due, value)"
			     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	[ST_TARGET_UPDATE] = "UPDATE targets SET value = ?2, version = version + 1 WHERE id = ?1",
	[ST_TARGETS_YEAR] = "SELECT id, year, measure, tier, section_id, department_id,"
			    " industrial, due, value, version FROM targets WHERE ?1 = 0 OR year = ?1"
			    " ORDER BY year, due, id",
	[ST_INDICATOR_GET] = "SELECT value, source, note, version FROM indicators"
			     " WHERE measure = ?1 AND unit_id = ?2 AND month = ?3",
	[ST_INDICATOR_INSERT] = "INSERT INTO indicators (measure, unit_id, month, value, source,"
				" note) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[ST_INDICATOR_UPDATE] = "UPDATE indicators SET value = ?4, source = ?5, note = ?6,"
				" version = version + 1 WHERE measure = ?1 AND unit_id = ?2"
				" AND month = ?3",
	[ST_INDICATORS_RANGE] = "SELECT measure, unit_id, month, value FROM indicators"
				" WHERE month >= ?1 AND month <= ?2 ORDER BY month, id",
	[ST_INDICATORS_EACH] = "SELECT measure, unit_id, month, value, source, note, version"
			       " FROM indicators WHERE ?1 IS NULL OR (month >= ?1 AND month <= ?2)"
			       " ORDER BY month, unit_id, measure",
	[ST_SETTING_GET] = "SELECT value FROM settings WHERE key = ?1",
	[ST_SETTING_PUT] = "INSERT INTO settings (key, value) VALUES (?1, ?2)"
			   " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
	[ST_SETTINGS] = "SELECT key, value FROM settings ORDER BY key",
	[ST_AUDIT_LAST] = "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1",
	[ST_AUDIT_INSERT] = "INSERT INTO audit (id, at, actor, action, entity, entity_key,"
			    " before, after, prev_hash, hash)"
			    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
	[ST_DS_PROJECTS] = "SELECT " PROJECT_COLS ", " LISTING_COLS " FROM listings l"
			   " JOIN projects p ON p.id = l.project_id WHERE l.year = ?1"
			   " ORDER BY l.project_id",
	/* The measures' columns only (store_load_dataset_for without
	 * DS_DETAILS; see col_project_core): the listing's columns come from the
	 * covering index listings_year_values (migration 3), already in project
	 * order, and its tiers as one number of TIER_BIT()s. */
	[ST_DS_PROJECTS_CORE] = "SELECT p.id, p.section_id, p.department_id, p.industrial,"
				" p.industry, p.planned_start, p.signed_on, p.filed_on,"
				" p.started_on, p.completed_on, p.production_on, p.capacity_on,"
				" p.land_on, CASE WHEN l.province <> 0 THEN 1 ELSE 0 END"
				" + CASE WHEN l.city <> 0 THEN 2 ELSE 0 END"
				" + CASE WHEN l.district <> 0 THEN 4 ELSE 0 END, l.annual_plan"
				" FROM listings l JOIN projects p ON p.id = l.project_id"
				" WHERE l.year = ?1 ORDER BY l.project_id",
	/* One month of reports, from the covering index reports_month_figures
	 * (h-bench1's migration) in its order; reports of projects not listed
	 * are skipped by the reader, and ST_DS_UNCOUNTED says which may not
	 * count (sqlite_dataset.c). */
	[ST_DS_REPORTS] = "SELECT r.project_id, r.invest, r.output FROM reports r"
			  " WHERE r.month = ?1 ORDER BY r.project_id",
	[ST_USER_VERSION] = "PRAGMA user_version",
	[ST_APPLICATION_ID] = "PRAGMA application_id",
	[ST_SETTING_DELETE] = "DELETE FROM settings WHERE key = ?1",
	/* ---- the report workflow (sqlite_workflow.c) ---- */
	[ST_REPORT_ROW_GET] = "SELECT " REPORT_ROW_COLS " FROM reports r WHERE r.project_id = ?1"
			      " AND r.month = ?2",
	[ST_REPORT_ROWS_MONTH] = "SELECT " REPORT_ROW_COLS " FROM reports r WHERE r.month = ?1"
				 " ORDER BY r.project_id",
	[ST_REPORT_VERIFY] = "UPDATE reports SET status = ?3, verified_by = ?4, verified_at = ?5,"
			     " return_reason = NULL, version = version + 1"
			     " WHERE project_id = ?1 AND month = ?2",
	[ST_REPORT_SUBMIT] = "UPDATE reports SET status = ?3, submitted_by = ?4, submitted_at = ?5,"
			     " version = version + 1 WHERE project_id = ?1 AND month = ?2",
	[ST_REPORT_RETURN] = "UPDATE reports SET status = ?3, return_reason = ?6, verified_by = ?4,"
			     " verified_at = ?5, version = version + 1"
			     " WHERE project_id = ?1 AND month = ?2",
	[ST_TARGET_GET] = "SELECT year, measure, tier, section_id, department_id, industrial, due,"
			  " value FROM targets WHERE id = ?1",
	[ST_TARGET_DELETE] = "DELETE FROM targets WHERE id = ?1",
	/* ---- accounts, sessions, tokens (sqlite_accounts.c, sqlite_account_admin.c) ---- */
	[ST_USER_INSERT] = "INSERT INTO users (username, role, unit_id, display_name, password_hash,"
			   " disabled, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[ST_USER_UPDATE] = "UPDATE users SET role = ?2, unit_id = ?3, display_name = ?4,"
			   " disabled = ?5, password_hash = COALESCE(?6, password_hash),"
			   " version = version + 1 WHERE id = ?1",
	[ST_USER_BY_NAME] = "SELECT " USER_COLS ", u.password_hash FROM users u"
			    " WHERE u.username = ?1",
	[ST_USER_BY_ID] = "SELECT " USER_COLS ", u.password_hash FROM users u WHERE u.id = ?1",
	[ST_USERS] = "SELECT " USER_COLS " FROM users u ORDER BY u.username",
	[ST_SESSION_INSERT] = "INSERT INTO sessions (user_id, token_hash, csrf, created_at,"
			      " expires_at) VALUES (?1, ?2, ?3, ?4, ?5)",
	[ST_SESSION_GET] = "SELECT " USER_COLS ", s.csrf, s.expires_at FROM sessions s JOIN users u"
			   " ON u.id = s.user_id WHERE s.token_hash = ?1 AND u.disabled = 0",
	[ST_SESSION_DELETE] = "DELETE FROM sessions WHERE token_hash = ?1",
	[ST_TOKEN_INSERT] = "INSERT INTO api_tokens (user_id, token_hash, created_at)"
			    " VALUES (?1, ?2, ?3)",
	[ST_TOKEN_GET] = "SELECT " USER_COLS " FROM api_tokens t JOIN users u ON u.id = t.user_id"
			 " WHERE t.token_hash = ?1 AND t.revoked = 0 AND u.disabled = 0",
	[ST_USER_SET_PASSWORD] = "UPDATE users SET password_hash = ?2, version = version + 1"
				 " WHERE id = ?1 AND version = ?3",
	[ST_USER_SESSIONS_END] = "DELETE FROM sessions WHERE user_id = ?1"
				 " AND (?2 IS NULL OR token_hash <> ?2)",
	[ST_USER_SESSIONS_LIVE] = "SELECT count(*) FROM sessions WHERE user_id = ?1"
				  " AND CAST(expires_at AS INTEGER) > ?2",
	[ST_USER_TOKENS] = "SELECT id, created_at, revoked FROM api_tokens WHERE user_id = ?1"
			   " ORDER BY id",
	[ST_TOKEN_REVOKED] = "SELECT revoked FROM api_tokens WHERE id = ?1 AND user_id = ?2",
	[ST_TOKENS_REVOKE] = "UPDATE api_tokens SET revoked = 1 WHERE user_id = ?1 AND revoked = 0"
			     " AND (?2 = 0 OR id = ?2) RETURNING id",
	/* ---- bulletins and contest rounds (sqlite_bulletins.c) ---- */
	[ST_BULLETIN_GET] = "SELECT " BULLETIN_COLS ", CASE WHEN ?2 = 1 THEN html END,"
			    " CASE WHEN ?3 = 1 THEN pdf END, CASE WHEN ?4 = 1 THEN xlsx END"
			    " FROM bulletins WHERE month = ?1 AND (?5 = 0 OR version = ?5)"
			    " AND district_id = ?6 ORDER BY version DESC LIMIT 1",
	[ST_BULLETIN_INSERT] = "INSERT INTO bulletins (month, version, reason, issue_no, issued_at,"
			       " issued_by, html, pdf, xlsx, district_id)"
			       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
	[ST_BULLETINS] = "SELECT " BULLETIN_COLS " FROM bulletins"
			 " ORDER BY month, district_id, version DESC",
	[ST_ROUND_GET] = "SELECT month, computed_at, weights, result, district_id FROM ranking_rounds"
			 " WHERE month = ?1 AND district_id = ?2",
	[ST_ROUND_INSERT] = "INSERT INTO ranking_rounds (month, computed_at, weights, result,"
			    " district_id) VALUES (?1, ?2, ?3, ?4, ?5)",
	[ST_ROUND_UPDATE] = "UPDATE ranking_rounds SET computed_at = ?2, weights = ?3, result = ?4"
			    " WHERE month = ?1 AND district_id = ?5",
	[ST_ROUNDS] = "SELECT month, computed_at, weights, result, district_id FROM ranking_rounds"
		      " ORDER BY month, district_id",
	/* ---- reading the audit trail (sqlite_audit_read.c) ---- */
	[ST_AUDIT_EACH] = "SELECT id, at, actor, action, entity, entity_key, before, after"
			  " FROM audit WHERE (?1 IS NULL OR entity = ?1)"
			  " AND (?2 IS NULL OR entity_key = ?2) AND action <> 'import'"
			  " ORDER BY id DESC",
	[ST_AUDIT_IMPORTS] = "SELECT id, at, actor, entity, entity_key, after FROM audit"
			     " WHERE action = 'import' ORDER BY id DESC",
	[ST_AUDIT_LATER] = "SELECT before FROM audit WHERE entity = ?1 AND entity_key = ?2"
			   " AND id > ?3 AND action <> 'import' ORDER BY id",
	[ST_AUDIT_MAX] = "SELECT max(id) FROM audit",
	/* ---- supervision items (sqlite_items.c) ---- */
	[ST_ITEM_GET] = "SELECT " ITEM_COLS " FROM items i WHERE i.id = ?1",
	[ST_ITEMS] = "SELECT " ITEM_COLS " FROM items i ORDER BY i.id",
	[ST_ITEM_FIND] = "SELECT i.id FROM items i WHERE i.project_id = ?1 AND i.title = ?2"
			 " AND i.raised_on = ?3 ORDER BY i.id LIMIT 1",
	[ST_ITEM_INSERT] = "INSERT INTO items (project_id, title, detail, category, owner_id, level,"
			   " raised_on, deadline, status, source, source_ref, raised_by, last_on,"
			   " level_deadline)"
			   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
	[ST_ITEM_UPDATE] = "UPDATE items SET title = ?2, detail = ?3, category = ?4, owner_id = ?5,"
			   " level = ?6, deadline = ?7, status = ?8, last_on = ?9,"
			   " level_deadline = ?11, version = version + 1 WHERE id = ?1"
			   " AND version = ?10",
	[ST_ITEM_STEP_INSERT] = "INSERT INTO item_steps (item_id, kind, on_day, at, actor, body,"
				" attachment, status, level, deadline, level_deadline)"
				" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
	[ST_ITEM_STEPS] = "SELECT " ITEM_STEP_COLS " FROM item_steps s WHERE s.item_id = ?1"
			  " ORDER BY s.id",
	[ST_ITEM_STEPS_ALL] = "SELECT " ITEM_STEP_COLS " FROM item_steps s"
			      " ORDER BY s.item_id, s.id",
	[ST_ITEM_PROJECTS] = "SELECT p.id, p.ref, p.name, p.leader, p.section_id, p.department_id"
			     " FROM projects p WHERE p.id IN (SELECT project_id FROM items)"
			     " ORDER BY p.id",
	[ST_ITEM_PROJECT] = "SELECT p.id, p.ref, p.name, p.leader, p.section_id, p.department_id"
			    " FROM projects p WHERE p.id = ?1",
	/* ---- the lead pool (sqlite_leads.c; h-leads) ---- */
	[ST_LEAD_GET] = "SELECT " LEAD_COLS " FROM leads l LEFT JOIN projects p"
			" ON p.id = l.project_id WHERE l.id = ?1",
	[ST_LEADS] = "SELECT " LEAD_COLS " FROM leads l LEFT JOIN projects p"
		     " ON p.id = l.project_id ORDER BY l.id",
	[ST_LEAD_INSERT] = "INSERT INTO leads (company, uscc, industry, amount, source, found_by,"
			   " followed_by, stage, reason, found_on, signed_on, project_id, last_on)"
			   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
	[ST_LEAD_UPDATE] = "UPDATE leads SET company = ?2, uscc = ?3, industry = ?4, amount = ?5,"
			   " source = ?6, found_by = ?7, followed_by = ?8, stage = ?9, reason = ?10,"
			   " found_on = ?11, signed_on = ?12, project_id = ?13, last_on = ?14,"
			   " version = version + 1 WHERE id = ?1 AND version = ?15",
	[ST_LEAD_LOG_INSERT] = "INSERT INTO lead_log (lead_id, kind, on_day, at, actor, body, stage)"
			       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[ST_LEAD_LOG] = "SELECT id, lead_id, kind, on_day, at, actor, body, stage FROM lead_log"
			" WHERE lead_id = ?1 ORDER BY id",
	/* h-talent: the signed leads the contest reads */
	[ST_LEAD_SIGNINGS] = "SELECT followed_by, signed_on, amount FROM leads"
			     " WHERE stage = 'signed' AND signed_on IS NOT NULL ORDER BY id",
	[ST_TALENTS] = "SELECT unit_id, month, count FROM talent_counts ORDER BY unit_id, month",
	[ST_TALENT_GET] = "SELECT count FROM talent_counts WHERE unit_id = ?1 AND month = ?2",
	[ST_TALENT_INSERT] = "INSERT INTO talent_counts (unit_id, month, count) VALUES (?1, ?2, ?3)",
	[ST_TALENT_UPDATE] = "UPDATE talent_counts SET count = ?3, version = version + 1"
			     " WHERE unit_id = ?1 AND month = ?2",
	/* ---- an import's batch entry (audit_batch.c) ---- */
	[ST_CHUNK_INSERT] = "INSERT INTO audit_chunks (entry, entity, seq, digest)"
			    " VALUES (?1, ?2, ?3, ?4)",
	/* An import's page cache (store_batch_begin), and SQLite's default. */
	[ST_CACHE_IMPORT] = "PRAGMA cache_size = -" BATCH_CACHE_KIB,
	[ST_CACHE_DEFAULT] = "PRAGMA cache_size = -2000",
	[ST_PROJECT_ID] = "SELECT id FROM projects WHERE ref = ?1",
	/* ---- the issued plan and its change requests (sqlite_changes.c) ---- */
	[ST_PLAN_ISSUE_GET] = "SELECT year, issued_at, issued_by FROM plan_issues WHERE year = ?1",
	[ST_PLAN_ISSUE_INSERT] = "INSERT INTO plan_issues (year, issued_at, issued_by)"
				 " VALUES (?1, ?2, ?3)",
	[ST_PLAN_ISSUES] = "SELECT year, issued_at, issued_by FROM plan_issues ORDER BY year",
	[ST_PROJECT_LOCK_YEAR] = "SELECT max(l.year) FROM listings l JOIN plan_issues i"
				 " ON i.year = l.year WHERE l.project_id = ?1",
	[ST_CHANGE_INSERT] = "INSERT INTO change_requests (project_id, year, kind, changes, reason,"
			     " status, proposed_by, proposed_at)"
			     " VALUES (?1, ?2, ?3, ?4, ?5, 'pending', ?6, ?7)",
	[ST_CHANGE_GET] = "SELECT " CHANGE_COLS " FROM change_requests c JOIN projects p"
			  " ON p.id = c.project_id WHERE c.id = ?1",
	[ST_CHANGES] = "SELECT " CHANGE_COLS " FROM change_requests c JOIN projects p"
		       " ON p.id = c.project_id WHERE (?1 IS NULL OR c.status = ?1)"
		       " AND (?2 IS NULL OR c.project_id = ?2) AND (?3 IS NULL OR c.year = ?3)"
		       " ORDER BY c.id DESC",
	[ST_CHANGE_DECIDE] = "UPDATE change_requests SET status = ?2, decided_by = ?3,"
			     " decided_at = ?4, decision_reason = ?5, version = version + 1"
			     " WHERE id = ?1",
	/* ---- the server's snapshot (sqlite_snapshot.c) ---- */
	[ST_READ_BEGIN] = "BEGIN DEFERRED", /* db.c: one snapshot on PostgreSQL too */
	[ST_SNAP_FIGURES] = "SELECT " REPORT_ROW_COLS " FROM reports r"
			    " ORDER BY r.project_id, r.month",
	[ST_SNAP_FIGURES_OF] = "SELECT " REPORT_ROW_COLS " FROM reports r"
			       " WHERE r.project_id = ?1 ORDER BY r.month",
	[ST_SNAP_LISTINGS] = "SELECT " LISTING_COLS " FROM listings l ORDER BY l.year, l.project_id",
	[ST_SNAP_CHANGES] = "SELECT entity, entity_key, action FROM audit WHERE id > ?1 ORDER BY id"
			    " LIMIT ?2",
	/* ---- ui14: the map's boundary (sqlite_map.c) ---- */
	[ST_MAP_BOUNDARY_GET] = "SELECT name, geojson, uploaded_by, uploaded_at, version"
				" FROM map_boundary WHERE id = 1",
	[ST_MAP_BOUNDARY_INSERT] = "INSERT INTO map_boundary (id, name, geojson, uploaded_by,"
				   " uploaded_at) VALUES (1, ?1, ?2, ?3, ?4)",
	[ST_MAP_BOUNDARY_UPDATE] = "UPDATE map_boundary SET name = ?1, geojson = ?2,"
				   " uploaded_by = ?3, uploaded_at = ?4, version = version + 1"
				   " WHERE id = 1",
	/* ---- visits: teams, site visits, the webhook outbox (sqlite_visits.c) ---- */
	[ST_VISITS] = "SELECT " VISIT_COLS " FROM visits v WHERE v.project_id = ?1"
		      " ORDER BY v.on_day, v.id",
	[ST_VISITS_ALL] = "SELECT " VISIT_COLS " FROM visits v ORDER BY v.on_day, v.id",
	[ST_VISIT_GET] = "SELECT " VISIT_COLS " FROM visits v WHERE v.id = ?1",
	[ST_VISIT_INSERT] = "INSERT INTO visits (project_id, on_day, kind, who, findings,"
			    " recorded_by, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[ST_TEAM_GET] = "SELECT t.id, t.project_id, t.name, t.members, t.version FROM teams t"
			" WHERE t.project_id = ?1",
	[ST_TEAMS] = "SELECT t.id, t.project_id, t.name, t.members, t.version FROM teams t"
		     " ORDER BY t.project_id",
	[ST_TEAM_INSERT] = "INSERT INTO teams (project_id, name, members) VALUES (?1, ?2, ?3)",
	[ST_TEAM_UPDATE] = "UPDATE teams SET name = ?2, members = ?3, version = version + 1"
			   " WHERE id = ?1 AND version = ?4",
	[ST_OUTBOX_ADD] = "INSERT INTO webhook_outbox (event_key, text, created_at)"
			  " VALUES (?1, ?2, ?3) ON CONFLICT (event_key) DO NOTHING",
	[ST_OUTBOX_NEXT] = "SELECT id, text, attempts FROM webhook_outbox"
			   " WHERE sent_at IS NULL AND next_at <= ?1 ORDER BY id LIMIT 1",
	[ST_OUTBOX_SENT] = "UPDATE webhook_outbox SET sent_at = ?2, attempts = attempts + 1,"
			   " last_error = NULL WHERE id = ?1",
	[ST_OUTBOX_FAILED] = "UPDATE webhook_outbox SET attempts = attempts + 1, next_at = ?2,"
			     " last_error = ?3 WHERE id = ?1",
	/* ---- element guarantees and demolition task books (sqlite_guarantees.c) ---- */
	[ST_SUPPLIES] = "SELECT " SUPPLY_COLS " FROM supplies s ORDER BY s.project_id, s.year,"
			" CASE s.element WHEN 'land' THEN 0 WHEN 'energy' THEN 1 ELSE 2 END,"
			" s.kind <> 'need', s.on_day, s.id",
	[ST_SUPPLY_PROJECTS] = "SELECT p.id, p.ref, p.name, p.section_id, p.department_id,"
			       " p.signed_on FROM projects p"
			       " WHERE p.id IN (SELECT project_id FROM supplies) ORDER BY p.ref",
	[ST_SUPPLY_FIND_NEED] = "SELECT " SUPPLY_COLS " FROM supplies s WHERE s.project_id = ?1"
				" AND s.year = ?2 AND s.element = ?3 AND s.kind = 'need'",
	[ST_SUPPLY_FIND_EVENT] = "SELECT " SUPPLY_COLS " FROM supplies s WHERE s.project_id = ?1"
				 " AND s.year = ?2 AND s.element = ?3 AND s.kind = ?4"
				 " AND s.on_day = ?5 AND s.doc_no = ?6",
	[ST_SUPPLY_INSERT] = "INSERT INTO supplies (project_id, year, element, kind, on_day, amount,"
			     " doc_no) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[ST_SUPPLY_UPDATE] = "UPDATE supplies SET on_day = ?2, amount = ?3, doc_no = ?4,"
			     " version = version + 1 WHERE id = ?1 AND version = ?5",
	[ST_DEMO_TASKS] = "SELECT " DEMO_TASK_COLS " FROM demolition_tasks t"
			  " ORDER BY t.year, t.section_id, t.name",
	[ST_DEMO_TASK_FIND] = "SELECT " DEMO_TASK_COLS " FROM demolition_tasks t"
			      " WHERE t.section_id = ?1 AND t.year = ?2 AND t.name = ?3",
	[ST_DEMO_TASK_INSERT] = "INSERT INTO demolition_tasks (section_id, year, name, measure,"
				" quantity, due) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[ST_DEMO_TASK_UPDATE] = "UPDATE demolition_tasks SET measure = ?2, quantity = ?3, due = ?4,"
				" version = version + 1 WHERE id = ?1 AND version = ?5",
	[ST_DEMO_REPORTS] = "SELECT r.id, r.task_id, r.on_day, r.done, r.version"
			    " FROM demolition_reports r ORDER BY r.task_id, r.on_day",
	[ST_DEMO_REPORT_FIND] = "SELECT r.id, r.task_id, r.on_day, r.done, r.version"
				" FROM demolition_reports r WHERE r.task_id = ?1 AND r.on_day = ?2",
	[ST_DEMO_REPORT_INSERT] = "INSERT INTO demolition_reports (task_id, on_day, done)"
				  " VALUES (?1, ?2, ?3)",
	[ST_DEMO_REPORT_UPDATE] = "UPDATE demolition_reports SET done = ?2, version = version + 1"
				  " WHERE id = ?1 AND version = ?3",
	/* ---- policy fulfilment and the working-day calendar (sqlite_funds.c; h-funds) ---- */
	[ST_WORKDAYS] = "SELECT day, kind, name FROM workdays ORDER BY day",
	[ST_WORKDAY_GET] = "SELECT day, kind, name FROM workdays WHERE day = ?1",
	[ST_WORKDAY_PUT] = "INSERT INTO workdays (day, kind, name) VALUES (?1, ?2, ?3)"
			   " ON CONFLICT (day) DO UPDATE SET kind = ?2, name = ?3",
	[ST_WORKDAY_DELETE] = "DELETE FROM workdays WHERE day = ?1",
	[ST_POLICIES] = "SELECT " POLICY_COLS " FROM policies ORDER BY id",
	[ST_POLICY_GET] = "SELECT " POLICY_COLS " FROM policies WHERE id = ?1",
	[ST_POLICY_BY_NAME] = "SELECT " POLICY_COLS " FROM policies WHERE name = ?1",
	[ST_POLICY_INSERT] = "INSERT INTO policies (name, kind, year, verify_days, consult_days,"
			     " pay_days, apply_owner_id, verify_owner_id, consult_owner_id,"
			     " pay_owner_id) VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
	[ST_POLICY_UPDATE] = "UPDATE policies SET name = ?2, kind = ?3, year = ?4, verify_days = ?5,"
			     " consult_days = ?6, pay_days = ?7, apply_owner_id = ?8,"
			     " verify_owner_id = ?9, consult_owner_id = ?10, pay_owner_id = ?11,"
			     " version = version + 1 WHERE id = ?1 AND version = ?12",
	[ST_APPLICATIONS] = "SELECT " APPLICATION_COLS " FROM applications ORDER BY id",
	[ST_APPLICATION_GET] = "SELECT " APPLICATION_COLS " FROM applications WHERE id = ?1",
	[ST_APPLICATION_FIND] = "SELECT id FROM applications WHERE uscc = ?1 AND policy_id = ?2"
				" AND applied_on = ?3",
	[ST_APPLICATION_INSERT] = "INSERT INTO applications (company, uscc, project_id, policy_id,"
				  " amount, applied_on, verified_on, consulted_on, approved,"
				  " rejected_on, reason, status) VALUES (?2, ?3, ?4, ?5, ?6, ?7,"
				  " ?8, ?9, ?10, ?11, ?12, ?13)",
	[ST_APPLICATION_UPDATE] = "UPDATE applications SET company = ?2, uscc = ?3, project_id = ?4,"
				  " policy_id = ?5, amount = ?6, applied_on = ?7, verified_on = ?8,"
				  " consulted_on = ?9, approved = ?10, rejected_on = ?11,"
				  " reason = ?12, status = ?13, version = version + 1"
				  " WHERE id = ?1 AND version = ?14",
	[ST_FUND_PAYMENTS] = "SELECT on_day, yuan FROM fund_payments WHERE application_id = ?1"
			     " ORDER BY on_day, id",
	[ST_FUND_PAYMENT_INSERT] = "INSERT INTO fund_payments (application_id, on_day, yuan)"
				   " VALUES (?1, ?2, ?3)",
	/* revenue sharing and industrial funds (sqlite_sharing.c) */
	[ST_RULES] = "SELECT " RULE_COLS " FROM sharing_rules ORDER BY id",
	[ST_RULE_GET] = "SELECT " RULE_COLS " FROM sharing_rules WHERE id = ?1",
	[ST_RULE_INSERT] = "INSERT INTO sharing_rules (name, attracted_by, landed_in, nth_from,"
			   " nth_to, valid_from, valid_to, street_permille)"
			   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	[ST_RULE_UPDATE] = "UPDATE sharing_rules SET name = ?1, attracted_by = ?2, landed_in = ?3,"
			   " nth_from = ?4, nth_to = ?5, valid_from = ?6, valid_to = ?7,"
			   " street_permille = ?8, version = version + 1 WHERE id = ?9",
	[ST_TAX_GET] = "SELECT id, tax, version FROM taxes WHERE project_id = ?1 AND year = ?2",
	[ST_TAX_INSERT] = "INSERT INTO taxes (project_id, year, tax) VALUES (?1, ?2, ?3)",
	[ST_TAX_UPDATE] = "UPDATE taxes SET tax = ?3, version = version + 1"
			  " WHERE project_id = ?1 AND year = ?2",
	[ST_TAXES] = "SELECT id, project_id, year, tax, version FROM taxes"
		     " ORDER BY project_id, year",
	[ST_FUND_GET] = "SELECT " FUND_COLS " FROM funds WHERE name = ?1",
	[ST_FUND_INSERT] = "INSERT INTO funds (name, manager, capital, registered_on, focus,"
			   " brought_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[ST_FUND_UPDATE] = "UPDATE funds SET manager = ?2, capital = ?3, registered_on = ?4,"
			   " focus = ?5, brought_by = ?6, version = version + 1 WHERE name = ?1",
	[ST_FUNDS] = "SELECT " FUND_COLS " FROM funds ORDER BY registered_on, name",
	[ST_FUNDS_RANGE] = "SELECT registered_on, capital, brought_by FROM funds"
			   " WHERE registered_on >= ?1 AND registered_on <= ?2",
	/* ---- leader linkage and named lists (sqlite_leaders.c) ---- */
	[ST_LEADER_LINKS] = "SELECT " LEADER_LINK_COLS " ORDER BY l.project_id, l.id",
	[ST_LEADER_LINK_INSERT] = "INSERT INTO project_leaders (project_id, user_id) VALUES (?1, ?2)",
	[ST_LEADER_LINK_DELETE] = "DELETE FROM project_leaders WHERE id = ?1",
	[ST_PROJECT_LEADER_GET] = "SELECT leader, version FROM projects WHERE id = ?1",
	[ST_PROJECT_LEADER_TEXT] = "UPDATE projects SET leader = ?2, version = version + 1"
				   " WHERE id = ?1 AND version = ?3",
	[ST_LISTS] = "SELECT l.id, l.name, l.version, (SELECT count(*) FROM project_list_members m"
		     " WHERE m.list_id = l.id) FROM project_lists l ORDER BY l.name",
	[ST_LIST_BY_NAME] = "SELECT id, name, version FROM project_lists WHERE name = ?1",
	[ST_LIST_INSERT] = "INSERT INTO project_lists (name) VALUES (?1)",
	[ST_LIST_UPDATE] = "UPDATE project_lists SET name = ?2, version = version + 1"
			   " WHERE id = ?1 AND version = ?3",
	[ST_LIST_DELETE] = "DELETE FROM project_lists WHERE id = ?1 AND version = ?2",
	[ST_LIST_MEMBERS] = "SELECT id, project_id FROM project_list_members WHERE list_id = ?1"
			    " ORDER BY project_id",
	[ST_LIST_MEMBER_INSERT] = "INSERT INTO project_list_members (list_id, project_id)"
				  " VALUES (?1, ?2)",
	[ST_LIST_MEMBER_DELETE] = "DELETE FROM project_list_members WHERE id = ?1",
	[ST_LIST_VERSION] = "SELECT name, version FROM project_lists WHERE id = ?1",
	[ST_LEADER_VISIT_GET] = "SELECT audit_id, seen_on, seen_at FROM leader_visits WHERE user_id = ?1",
	[ST_LEADER_VISIT_PUT] = "INSERT INTO leader_visits (user_id, audit_id, seen_on, seen_at)"
			 " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (user_id) DO UPDATE SET"
			 " audit_id = ?2, seen_on = ?3, seen_at = ?4",
	/* A project's ref for each entry of its record, reports and items. */
	[ST_CHANGES_AFTER] = "SELECT a.entity, CASE a.entity"
			     " WHEN 'item' THEN (SELECT p.ref FROM items i JOIN projects p"
			     "  ON p.id = i.project_id WHERE i.id = CAST(a.entity_key AS INTEGER))"
			     " WHEN 'item_step' THEN (SELECT p.ref FROM item_steps s JOIN items i"
			     "  ON i.id = s.item_id JOIN projects p ON p.id = i.project_id"
			     "  WHERE s.id = CAST(a.entity_key AS INTEGER))"
			     " WHEN 'report' THEN rtrim(rtrim(a.entity_key, '0123456789-'), '/')"
			     " ELSE a.entity_key END"
			     " FROM audit a WHERE a.id > ?1 AND a.action <> 'import'"
			     " AND a.entity IN ('project', 'report', 'item', 'item_step') ORDER BY a.id",
	[ST_SAVEPOINT] = "SAVEPOINT row_write",
	[ST_RELEASE] = "RELEASE row_write",
	[ST_ROLLBACK_TO] = "ROLLBACK TO row_write",
	/* ---- leader links of one project or user (h-bench1): an "?1 IS NULL OR"
	 * filter cannot use an index, and a projects import asked it per row ---- */
	[ST_LEADER_LINKS_PROJECT] = "SELECT " LEADER_LINK_COLS " WHERE l.project_id = ?1"
				    " ORDER BY l.project_id, l.id",
	[ST_LEADER_LINKS_USER] = "SELECT " LEADER_LINK_COLS " WHERE l.user_id = ?1"
				 " ORDER BY l.project_id, l.id",
	/* The month's reports that are not submitted or verified, from the
	 * partial index reports_month_uncounted: its WHERE, word for word, lets
	 * SQLite use it (h-bench1). */
	[ST_DS_UNCOUNTED] = "SELECT r.project_id, r.status FROM reports r WHERE r.month = ?1"
			    " AND r.status <> 'submitted' AND r.status <> 'verified'"
			    " ORDER BY r.project_id",
	/* every project's ref and id, for an import's first load (h-prov) */
	[ST_PROJECT_REFS] = "SELECT ref, id FROM projects",
	/* ---- h-multi: failed logins shared by every server (sqlite_multi.c),
	 * and PostgreSQL's advisory locks of the daily jobs and of the write
	 * transaction (SQLite never prepares these two) ---- */
	[ST_LOGIN_KEY_GET] = "SELECT fails, mark_ms, until_ms FROM login_failures"
			     " WHERE key_hash = ?1",
	[ST_LOGIN_KEY_PUT] = "INSERT INTO login_failures (key_hash, fails, mark_ms, until_ms,"
			     " expires_ms) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (key_hash)"
			     " DO UPDATE SET fails = excluded.fails, mark_ms = excluded.mark_ms,"
			     " until_ms = excluded.until_ms, expires_ms = excluded.expires_ms",
	[ST_LOGIN_KEY_DELETE] = "DELETE FROM login_failures WHERE key_hash = ?1",
	[ST_LOGIN_KEYS_PRUNE] = "DELETE FROM login_failures WHERE expires_ms <= ?1",
	[ST_JOB_LOCK] = "SELECT pg_try_advisory_lock(?1)",
	[ST_JOB_UNLOCK] = "SELECT pg_advisory_unlock(?1)",
};

int store_schema_version(void)
{
	return n_migrations;
}

enum bl_err store_fail(struct store *st, enum bl_err err, const char *fmt, ...)
{
	va_list ap;

	buf_reset(&st->err);
	va_start(ap, fmt);
	buf_vaddf(&st->err, fmt, ap);
	va_end(ap);
	return err;
}

enum bl_err db_fail(struct store *st, const char *what)
{
	enum db_fault fault = db_fault(st->db);

	store_fail(st, BL_EDB, "%s: %s", what, db_errmsg(st->db));
	if (fault == DBF_CONSTRAINT)
		return BL_ECONFLICT;
	/* Another writer got there first: not a fault of the database. SQLite
	 * still locked after its 5 s busy timeout: busy, no sooner free if
	 * asked again at once. PostgreSQL's serialization failure or deadlock:
	 * the whole transaction may be run again (store_conflicted). */
	if (fault == DBF_BUSY) {
		st->conflicted = store_is_pg(st);
		return BL_EBUSY;
	}
	return BL_EDB;
}

enum store_put store_last_put(const struct store *st)
{
	return st->last_put;
}

const char *store_errmsg(const struct store *st)
{
	return st->err.s;
}

const char *stmt_text(enum stmt_id id)
{
	return stmt_sql[id];
}

struct dbq *stmt_get(struct store *st, enum stmt_id id)
{
	struct dbq *s = st->stmts[id];

	if (s) {
		dbq_reset(s);
		dbq_clear(s);
		return s;
	}
	if (!(s = db_prepare_kept(st->db, stmt_sql[id]))) {
		db_fail(st, "prepare");
		return NULL;
	}
	st->stmts[id] = s;
	return s;
}

enum bl_err step_done(struct store *st, struct dbq *s, const char *what)
{
	int rc = dbq_step(s);
	enum bl_err err = BL_OK;

	if (rc != DB_DONE && rc != DB_ROW)
		err = db_fail(st, what);
	dbq_reset(s);
	return err;
}

void bind_str(struct dbq *s, int i, const char *v)
{
	if (v)
		dbq_bind_text_kept(s, i, v, -1);
	else
		dbq_bind_null(s, i);
}

void bind_day(struct dbq *s, int i, bl_day d)
{
	char tmp[11];

	if (d == DAY_NONE)
		dbq_bind_null(s, i);
	else
		dbq_bind_text(s, i, day_format(d, tmp), 10);
}

void bind_month(struct dbq *s, int i, bl_month m)
{
	char tmp[8];

	dbq_bind_text(s, i, month_format(m, tmp), 7);
}

void bind_amount(struct dbq *s, int i, int64_t v)
{
	if (v == AMOUNT_NONE)
		dbq_bind_null(s, i);
	else
		dbq_bind_i64(s, i, v);
}

void bind_id(struct dbq *s, int i, int64_t id)
{
	if (id)
		dbq_bind_i64(s, i, id);
	else
		dbq_bind_null(s, i);
}

char *col_str(struct dbq *s, int i)
{
	const unsigned char *t = (const unsigned char *)dbq_text(s, i);

	return t ? xstrdup((const char *)t) : NULL;
}

bl_day col_day(struct dbq *s, int i)
{
	const unsigned char *t = (const unsigned char *)dbq_text(s, i);
	bl_day d;

	if (!t || day_parse_iso((const char *)t, &d))
		return DAY_NONE;
	return d;
}

bl_month col_month(struct dbq *s, int i)
{
	const unsigned char *t = (const unsigned char *)dbq_text(s, i);
	bl_month m;

	if (!t || month_parse_iso((const char *)t, &m))
		return MONTH_NONE;
	return m;
}

int64_t col_amount(struct dbq *s, int i)
{
	if (dbq_is_null(s, i))
		return AMOUNT_NONE;
	return dbq_i64(s, i);
}

int64_t col_id(struct dbq *s, int i)
{
	return dbq_i64(s, i); /* NULL reads as 0 */
}

enum bl_err store_begin(struct store *st)
{
	struct dbq *s = stmt_get(st, ST_BEGIN);
	enum bl_err rc;

	if (!s)
		return BL_EDB;
	st->conflicted = 0;
	rc = store_write_lock(st);
	if (!rc)
		rc = step_done(st, s, "begin");
	if (rc) {
		store_write_unlock(st);
		return rc;
	}
	st->in_txn = 1;
	st->audit_loaded = 0;
	st->audit_dirty = 0;
	st->ref_id = 0;
	return BL_OK;
}

/* After a transaction: SQLite's default page cache again, if an import set
 * its own. */
static void cache_default(struct store *st)
{
	struct dbq *s;

	if (!st->cache_big)
		return;
	st->cache_big = 0;
	s = stmt_get(st, ST_CACHE_DEFAULT);
	if (s) {
		dbq_step(s);
		dbq_reset(s);
	}
}

enum bl_err store_commit(struct store *st)
{
	struct dbq *s = stmt_get(st, ST_COMMIT);
	enum bl_err rc;

	if (!s)
		return BL_EDB;
	if (st->batch)
		return store_fail(st, BL_EDB, "internal: an import batch was not ended");
	/* What the head will be, before the commit: a kill between the commit
	 * and its anchor line leaves it pending, not unrecorded (anchor.c). */
	if (st->audit_dirty)
		anchor_pending(st, st->audit_last_id, st->audit_last_hash);
	rc = step_done(st, s, "commit");
	if (rc)
		return rc;
	store_write_unlock(st);
	st->commits++;
	st->in_txn = 0;
	st->ref_id = 0;
	cache_default(st);
	/* The chain's new head, outside the file (anchor.c). */
	if (st->audit_dirty)
		anchor_append(st, st->audit_last_id, st->audit_last_hash);
	st->audit_dirty = 0;
	return BL_OK;
}

void store_rollback(struct store *st)
{
	int i;

	/* Reset every statement first so none holds the transaction open. */
	for (i = 0; i < ST__MAX; i++)
		if (st->stmts[i])
			dbq_reset(st->stmts[i]);
	for (i = 0; st->form_stmts && i < (int)(n_form_tables * FQ__MAX); i++)
		if (st->form_stmts[i])
			dbq_reset(st->form_stmts[i]);
	if (st->in_txn)
		db_exec(st->db, "ROLLBACK");
	store_write_unlock(st);
	batch_discard(st);
	cache_default(st);
	st->in_txn = 0;
	st->audit_loaded = 0;
	st->audit_dirty = 0;
	st->ref_id = 0;
}
