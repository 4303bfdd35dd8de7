/* sqlite_forms.c — the audit form of every row ballast keeps: for each table,
 * how the JSON its writes record is rebuilt from the raw columns (so that a
 * value stored in another type or spelling differs too), and what an import
 * batch's digests are computed over. verify (sqlite_reconcile.c,
 * sqlite_batch_verify.c) and the audit trail's reader (sqlite_audit_read.c)
 * share it. Its statements are built from form_tables[] and cached per
 * connection (form_stmt), not in the statement table. */
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "util/secret.h"
#include "util/xalloc.h"

#define F(name, xf) { name, xf, 0 }
#define F_OPT(name) { name, XF_RAW, 1 }
#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct form_field unit_fields[] = {
	F("id", XF_RAW), F("code", XF_RAW), F("name", XF_RAW), F("kind", XF_RAW),
	F("parent_id", XF_ID0),
};
static const struct form_field project_fields[] = {
	F("id", XF_RAW), F("ref", XF_RAW), F("name", XF_RAW), F("code", XF_RAW),
	F("company", XF_RAW), F("uscc", XF_RAW), F("leader", XF_RAW), F("industry", XF_RAW),
	F("commando", XF_RAW), F("section_id", XF_ID0), F("department_id", XF_ID0),
	F("industrial", XF_RAW), F("attracted_by", XF_RAW), F("total_investment", XF_RAW),
	F("capacity", XF_RAW), F("land_mu_e4", XF_RAW), F("energy_tce_e4", XF_RAW),
	F("planned_start", XF_RAW), F("planned_completion", XF_RAW),
	F("planned_production", XF_RAW), F("signed_on", XF_RAW), F("filed_on", XF_RAW),
	F("started_on", XF_RAW), F("completed_on", XF_RAW), F("production_on", XF_RAW),
	F("capacity_on", XF_RAW), F("land_on", XF_RAW), F("permit_on", XF_RAW),
	F_OPT("lng_e6"), F_OPT("lat_e6"), /* ui14: the map */
	/* revenue sharing: absent from the forms written before it */
	{ "landed_on", XF_RAW, FORM_NULL_LEFT_OUT },
};
static const struct form_field listing_fields[] = {
	F("project_id", XF_RAW), F("year", XF_RAW), F("tiers", XF_TIERS),
	F("annual_plan", XF_RAW), F("month_plan", XF_MONTHS),
};
static const struct form_field report_fields[] = {
	F("project_id", XF_RAW), F("month", XF_RAW), F("invest", XF_RAW), F("output", XF_RAW),
	F("progress", XF_RAW), F("problems", XF_RAW), F("status", XF_RAW),
	/* The workflow's stamps: only transitions write them (report_json has none). */
	F_OPT("return_reason"), F_OPT("submitted_by"), F_OPT("submitted_at"),
	F_OPT("verified_by"), F_OPT("verified_at"),
};
static const struct form_field target_fields[] = {
	F("id", XF_RAW), F("year", XF_RAW), F("measure", XF_RAW), F("tier", XF_EMPTY_NULL),
	F("section_id", XF_RAW), F("department_id", XF_RAW), F("industrial", XF_RAW),
	F("due", XF_RAW), F("value", XF_RAW),
};
static const struct form_field value_fields[] = { F("value", XF_RAW) };
/* An indicator's figure with where it came from (schema 5). */
static const struct form_field indicator_fields[] = {
	F("value", XF_RAW), F("source", XF_RAW), F("note", XF_RAW),
};
static const struct form_field user_fields[] = {
	F("id", XF_RAW), F("username", XF_RAW), F("role", XF_RAW), F("unit_id", XF_ID0),
	F("display_name", XF_RAW), F("disabled", XF_RAW), F("created_at", XF_RAW),
	F("password_fingerprint", XF_FINGERPRINT),
};
static const struct form_field token_fields[] = {
	F("user_id", XF_RAW), F("hash_prefix", XF_PREFIX8), F("fingerprint", XF_FINGERPRINT),
	F("created_at", XF_RAW), F("revoked", XF_RAW),
};
static const struct form_field bulletin_fields[] = {
	F("month", XF_RAW), F("version", XF_RAW), F("reason", XF_RAW), F("issue_no", XF_RAW),
	F("issued_at", XF_RAW), F("issued_by", XF_RAW), F("html", XF_BLOB), F("pdf", XF_BLOB),
	F("xlsx", XF_BLOB),
};
/* ui14 (issue #14 item 10): the map's boundary, its text by digest
 * (sqlite_map.c boundary_json). */
static const struct form_field boundary_fields[] = {
	F("name", XF_RAW), F("geojson", XF_BLOB), F("uploaded_by", XF_RAW),
	F("uploaded_at", XF_RAW),
};
static const struct form_field round_fields[] = {
	F("computed_at", XF_RAW), F("weights", XF_JSON), F("result", XF_JSON),
};

/* Supervision items and their steps (schema 8, sqlite_items.c). */
static const struct form_field item_fields[] = {
	F("id", XF_RAW), F("project_id", XF_RAW), F("title", XF_RAW), F("detail", XF_RAW),
	F("category", XF_RAW), F("owner_id", XF_RAW), F("level", XF_RAW), F("raised_on", XF_RAW),
	F("deadline", XF_RAW), F("level_deadline", XF_RAW), F("status", XF_RAW),
	F("source", XF_RAW), F("source_ref", XF_RAW), F("raised_by", XF_RAW), F("last_on", XF_RAW),
};
static const struct form_field item_step_fields[] = {
	F("id", XF_RAW), F("item_id", XF_RAW), F("kind", XF_RAW), F("on", XF_RAW), F("at", XF_RAW),
	F("actor", XF_RAW), F("body", XF_RAW), F("attachment", XF_RAW), F("status", XF_RAW),
	F("level", XF_RAW), F("deadline", XF_RAW), F("level_deadline", XF_RAW),
};

/* visits: commando teams and site visits (sqlite_visits.c). */
static const struct form_field team_fields[] = {
	F("id", XF_RAW), F("project_id", XF_RAW), F("name", XF_RAW), F("members", XF_RAW),
};
static const struct form_field visit_fields[] = {
	F("id", XF_RAW), F("project_id", XF_RAW), F("on", XF_RAW), F("kind", XF_RAW),
	F("who", XF_RAW), F("findings", XF_RAW), F("recorded_by", XF_RAW),
	F("recorded_at", XF_RAW),
};

/* The issued plan (schema 6, sqlite_changes.c): a year's issue and the
 * change requests to it, whose proposed values are a JSON text. */
static const struct form_field plan_fields[] = {
	F("year", XF_RAW), F("issued_at", XF_RAW), F("issued_by", XF_RAW),
};
static const struct form_field change_fields[] = {
	F("id", XF_RAW), F("project_id", XF_RAW), F("year", XF_RAW), F("kind", XF_RAW),
	F("changes", XF_JSON), F("reason", XF_RAW), F("status", XF_RAW),
	F("proposed_by", XF_RAW), F("proposed_at", XF_RAW), F("decided_by", XF_RAW),
	F("decided_at", XF_RAW), F("decision_reason", XF_RAW),
};

/* Element guarantees and demolition task books (sqlite_guarantees.c). */
static const struct form_field supply_fields[] = {
	F("id", XF_RAW), F("project_id", XF_RAW), F("year", XF_RAW), F("element", XF_RAW),
	F("kind", XF_RAW), F("on", XF_RAW), F("amount", XF_RAW), F("doc_no", XF_RAW),
};
static const struct form_field demolition_task_fields[] = {
	F("id", XF_RAW), F("section_id", XF_RAW), F("year", XF_RAW), F("name", XF_RAW),
	F("measure", XF_RAW), F("quantity", XF_RAW), F("due", XF_RAW),
};
static const struct form_field demolition_report_fields[] = {
	F("id", XF_RAW), F("task_id", XF_RAW), F("on", XF_RAW), F("done", XF_RAW),
};

/* Policy fulfilment and the working-day calendar (h-funds, sqlite_funds.c). */
static const struct form_field workday_fields[] = { F("kind", XF_RAW), F("name", XF_RAW) };
static const struct form_field policy_fields[] = {
	F("id", XF_RAW), F("name", XF_RAW), F("kind", XF_RAW), F("year", XF_RAW),
	F("verify_days", XF_RAW), F("consult_days", XF_RAW), F("pay_days", XF_RAW),
	F("apply_owner_id", XF_RAW), F("verify_owner_id", XF_RAW),
	F("consult_owner_id", XF_RAW), F("pay_owner_id", XF_RAW),
};
static const struct form_field application_fields[] = {
	F("id", XF_RAW), F("company", XF_RAW), F("uscc", XF_RAW), F("project_id", XF_ID0),
	F("policy_id", XF_RAW), F("amount", XF_RAW), F("applied_on", XF_RAW),
	F("verified_on", XF_RAW), F("consulted_on", XF_RAW), F("approved", XF_RAW),
	F("rejected_on", XF_RAW), F("reason", XF_RAW), F("status", XF_RAW),
};
static const struct form_field payment_fields[] = {
	F("id", XF_RAW), F("application_id", XF_RAW), F("on", XF_RAW), F("yuan", XF_RAW),
};
/* The lead pool (h-leads, sqlite_leads.c). */
static const struct form_field lead_fields[] = {
	F("id", XF_RAW), F("company", XF_RAW), F("uscc", XF_RAW), F("industry", XF_RAW),
	F("amount", XF_RAW), F("source", XF_RAW), F("found_by", XF_RAW),
	F("followed_by", XF_RAW), F("stage", XF_RAW), F("reason", XF_RAW),
	F("found_on", XF_RAW), F("signed_on", XF_RAW), F("project_id", XF_ID0),
	F("last_on", XF_RAW),
};
static const struct form_field lead_log_fields[] = {
	F("id", XF_RAW), F("lead_id", XF_RAW), F("kind", XF_RAW), F("on", XF_RAW), F("at", XF_RAW),
	F("actor", XF_RAW), F("body", XF_RAW), F("stage", XF_RAW),
};
static const struct form_field talent_fields[] = { F("count", XF_RAW) };

/* Revenue sharing and industrial funds (sqlite_sharing.c). */
static const struct form_field rule_fields[] = {
	F("id", XF_RAW), F("name", XF_RAW), F("attracted_by", XF_RAW), F("landed_in", XF_ID0),
	F("nth_from", XF_RAW), F("nth_to", XF_RAW), F("valid_from", XF_RAW),
	F("valid_to", XF_RAW), F("street_permille", XF_RAW),
};
static const struct form_field tax_fields[] = {
	F("project_id", XF_RAW), F("year", XF_RAW), F("tax", XF_RAW),
};
static const struct form_field fund_fields[] = {
	F("id", XF_RAW), F("name", XF_RAW), F("manager", XF_RAW), F("capital", XF_RAW),
	F("registered_on", XF_RAW), F("focus", XF_RAW), F("brought_by", XF_ID0),
};

/* Leader linkage and named lists (sqlite_leaders.c). */
static const struct form_field leader_link_fields[] = {
	F("id", XF_RAW), F("project_id", XF_RAW), F("user_id", XF_RAW),
};
static const struct form_field list_fields[] = { F("id", XF_RAW), F("name", XF_RAW) };
static const struct form_field list_member_fields[] = {
	F("id", XF_RAW), F("list_id", XF_RAW), F("project_id", XF_RAW),
};
static const struct form_field leader_visit_fields[] = {
	F("user_id", XF_RAW), F("audit_id", XF_RAW), F("seen_on", XF_RAW), F("seen_at", XF_RAW),
};

/* The projects' ref as a row of another table names it (the audit key's
 * first part, read by key). */
#define REF_ID "(SELECT id FROM projects WHERE ref = ?1)"

/* The rows' audit keys are built in SQL exactly as the store's writes build
 * them (period_key, bulletin_audit_key, the ids as decimal text). */
const struct form_table form_tables[] = {
	{ "units", "unit", "SELECT code, id, id, code, name, kind, parent_id FROM units", "id",
	  unit_fields, N(unit_fields), " id code name kind parent_id version ", BP_UNIT,
	  1, " WHERE code = ?1" },
	{ "projects", "project",
	  "SELECT ref, id, id, ref, name, code, company, uscc, leader, industry, commando,"
	  " section_id, department_id, industrial, attracted_by, total_investment, capacity,"
	  " land_mu, energy_tce, planned_start, planned_completion, planned_production,"
	  " signed_on, filed_on, started_on, completed_on, production_on, capacity_on, land_on,"
	  " permit_on, lng_e6, lat_e6, landed_on FROM projects", "id",
	  project_fields, N(project_fields),
	  " id ref name code company uscc leader industry commando section_id department_id"
	  " industrial attracted_by total_investment capacity land_mu energy_tce planned_start"
	  " planned_completion planned_production signed_on filed_on started_on completed_on"
	  " production_on capacity_on land_on permit_on lng_e6 lat_e6 landed_on version ", BP_PROJECT, 1, " WHERE ref = ?1" },
	{ "listings", "listing",
	  "SELECT COALESCE(p.ref, '#' || l.project_id) || '/' || l.year, l.id, l.project_id,"
	  " l.year, l.province, l.city, l.district, l.annual_plan, l.m01, l.m02, l.m03, l.m04,"
	  " l.m05, l.m06, l.m07, l.m08, l.m09, l.m10, l.m11, l.m12"
	  " FROM listings l LEFT JOIN projects p ON p.id = l.project_id", "l.id",
	  listing_fields, N(listing_fields),
	  " id project_id year province city district annual_plan m01 m02 m03 m04 m05 m06 m07"
	  " m08 m09 m10 m11 m12 version ", BP_LISTING, 2,
	  " WHERE l.project_id = " REF_ID " AND l.year = ?2" },
	{ "reports", "report",
	  "SELECT COALESCE(p.ref, '#' || r.project_id) || '/' || r.month, r.id, r.project_id,"
	  " r.month, r.invest, r.output, r.progress, r.problems, r.status, r.return_reason,"
	  " r.submitted_by, r.submitted_at, r.verified_by, r.verified_at"
	  " FROM reports r LEFT JOIN projects p ON p.id = r.project_id", "r.id",
	  report_fields, N(report_fields),
	  " id project_id month invest output progress problems status version return_reason"
	  " submitted_by submitted_at verified_by verified_at ", BP_REPORT, 2,
	  " WHERE r.project_id = " REF_ID " AND r.month = ?2" },
	{ "targets", "target",
	  "SELECT CAST(id AS TEXT), id, id, year, measure, tier, section_id, department_id,"
	  " industrial, due, value FROM targets", "id",
	  target_fields, N(target_fields),
	  " id year measure tier section_id department_id industrial due value version ",
	  BP_NONE, 0, NULL },
	{ "indicators", "indicator",
	  "SELECT measure || '/' || unit_id || '/' || month, id, value, source, note"
	  " FROM indicators", "id",
	  indicator_fields, N(indicator_fields),
	  " id measure unit_id month value source note version ", BP_INDICATOR, 3,
	  " WHERE measure = ?1 AND unit_id = ?2 AND month = ?3" },
	{ "settings", "setting", "SELECT key, rowid, value FROM settings", "rowid",
	  value_fields, N(value_fields), " key value ", BP_NONE, 0, NULL },
	{ "users", "user",
	  "SELECT username, id, id, username, role, unit_id, display_name, disabled, created_at,"
	  " password_hash FROM users", "id",
	  user_fields, N(user_fields),
	  " id username role unit_id display_name password_hash disabled created_at version ",
	  BP_NONE, 0, NULL },
	{ "api_tokens", "api_token",
	  "SELECT CAST(id AS TEXT), id, user_id, token_hash, token_hash, created_at, revoked"
	  " FROM api_tokens", "id",
	  token_fields, N(token_fields), " id user_id token_hash created_at revoked ",
	  BP_NONE, 0, NULL },
	{ "bulletins", "bulletin",
	  /* district1: a district's keys carry its id in front ("7/2024-06") */
	  "SELECT CASE WHEN district_id > 0 THEN district_id || '/' ELSE '' END || month"
	  " || CASE WHEN version > 1 THEN '/v' || version ELSE '' END, id, month,"
	  " version, reason, issue_no, issued_at, issued_by, html, pdf, xlsx"
	  " FROM bulletins", "id",
	  bulletin_fields, N(bulletin_fields),
	  " id district_id month version issue_no issued_at issued_by reason html pdf xlsx ",
	  BP_NONE, 0, NULL },
	{ "map_boundary", "map_boundary",
	  "SELECT 'district', id, name, geojson, uploaded_by, uploaded_at FROM map_boundary", "id",
	  boundary_fields, N(boundary_fields), " id name geojson uploaded_by uploaded_at version ",
	  BP_NONE, 0, NULL },
	{ "ranking_rounds", "ranking_round",
	  "SELECT CASE WHEN district_id > 0 THEN district_id || '/' ELSE '' END || month, id,"
	  " computed_at, weights, result FROM ranking_rounds", "id",
	  round_fields, N(round_fields), " id district_id month computed_at weights result ",
	  BP_NONE, 0, NULL },
	{ "items", "item",
	  "SELECT CAST(id AS TEXT), id, id, project_id, title, detail, category, owner_id, level,"
	  " raised_on, deadline, level_deadline, status, source, source_ref, raised_by, last_on"
	  " FROM items", "id",
	  item_fields, N(item_fields),
	  " id project_id title detail category owner_id level raised_on deadline level_deadline"
	  " status source source_ref raised_by last_on version ", BP_NONE, 0, NULL },
	{ "item_steps", "item_step",
	  "SELECT CAST(id AS TEXT), id, id, item_id, kind, on_day, at, actor, body, attachment,"
	  " status, level, deadline, level_deadline FROM item_steps", "id",
	  item_step_fields, N(item_step_fields),
	  " id item_id kind on_day at actor body attachment status level deadline level_deadline ",
	  BP_NONE, 0, NULL },
	{ "plan_issues", "plan",
	  "SELECT CAST(year AS TEXT), year, year, issued_at, issued_by FROM plan_issues", "year",
	  plan_fields, N(plan_fields), " year issued_at issued_by ", BP_NONE, 0, NULL },
	{ "change_requests", "change_request",
	  "SELECT CAST(id AS TEXT), id, id, project_id, year, kind, changes, reason, status,"
	  " proposed_by, proposed_at, decided_by, decided_at, decision_reason"
	  " FROM change_requests", "id",
	  change_fields, N(change_fields),
	  " id project_id year kind changes reason status proposed_by proposed_at decided_by"
	  " decided_at decision_reason version ", BP_NONE, 0, NULL },
	/* visits */
	{ "teams", "team",
	  "SELECT CAST(id AS TEXT), id, id, project_id, name, members FROM teams", "id",
	  team_fields, N(team_fields), " id project_id name members version ", BP_NONE, 0, NULL },
	{ "visits", "visit",
	  "SELECT CAST(id AS TEXT), id, id, project_id, on_day, kind, who, findings, recorded_by,"
	  " recorded_at FROM visits", "id",
	  visit_fields, N(visit_fields),
	  " id project_id on_day kind who findings recorded_by recorded_at version ",
	  BP_NONE, 0, NULL },
	/* element guarantees and demolition task books */
	{ "supplies", "supply",
	  "SELECT CAST(id AS TEXT), id, id, project_id, year, element, kind, on_day, amount,"
	  " doc_no FROM supplies", "id",
	  supply_fields, N(supply_fields),
	  " id project_id year element kind on_day amount doc_no version ", BP_NONE, 0, NULL },
	{ "demolition_tasks", "demolition_task",
	  "SELECT CAST(id AS TEXT), id, id, section_id, year, name, measure, quantity, due"
	  " FROM demolition_tasks", "id",
	  demolition_task_fields, N(demolition_task_fields),
	  " id section_id year name measure quantity due version ", BP_NONE, 0, NULL },
	{ "demolition_reports", "demolition_report",
	  "SELECT CAST(id AS TEXT), id, id, task_id, on_day, done FROM demolition_reports", "id",
	  demolition_report_fields, N(demolition_report_fields),
	  " id task_id on_day done version ", BP_NONE, 0, NULL },
	/* policy fulfilment (h-funds) */
	{ "workdays", "workday", "SELECT day, rowid, kind, name FROM workdays", "rowid",
	  workday_fields, N(workday_fields), " day kind name ", BP_NONE, 0, NULL },
	{ "policies", "policy",
	  "SELECT CAST(id AS TEXT), id, id, name, kind, year, verify_days, consult_days, pay_days,"
	  " apply_owner_id, verify_owner_id, consult_owner_id, pay_owner_id FROM policies", "id",
	  policy_fields, N(policy_fields),
	  " id name kind year verify_days consult_days pay_days apply_owner_id verify_owner_id"
	  " consult_owner_id pay_owner_id version ", BP_NONE, 0, NULL },
	{ "applications", "application",
	  "SELECT CAST(id AS TEXT), id, id, company, uscc, project_id, policy_id, amount,"
	  " applied_on, verified_on, consulted_on, approved, rejected_on, reason, status"
	  " FROM applications", "id",
	  application_fields, N(application_fields),
	  " id company uscc project_id policy_id amount applied_on verified_on consulted_on"
	  " approved rejected_on reason status version ", BP_NONE, 0, NULL },
	{ "fund_payments", "fund_payment",
	  "SELECT CAST(id AS TEXT), id, id, application_id, on_day, yuan FROM fund_payments", "id",
	  payment_fields, N(payment_fields), " id application_id on_day yuan ", BP_NONE, 0, NULL },
	/* h-leads */
	{ "leads", "lead",
	  "SELECT CAST(id AS TEXT), id, id, company, uscc, industry, amount, source, found_by,"
	  " followed_by, stage, reason, found_on, signed_on, project_id, last_on FROM leads", "id",
	  lead_fields, N(lead_fields),
	  " id company uscc industry amount source found_by followed_by stage reason found_on"
	  " signed_on project_id last_on version ", BP_NONE, 0, NULL },
	{ "lead_log", "lead_log",
	  "SELECT CAST(id AS TEXT), id, id, lead_id, kind, on_day, at, actor, body, stage"
	  " FROM lead_log", "id",
	  lead_log_fields, N(lead_log_fields),
	  " id lead_id kind on_day at actor body stage ", BP_NONE, 0, NULL },
	{ "talent_counts", "talent_count",
	  "SELECT unit_id || '/' || month, id, count FROM talent_counts", "id",
	  talent_fields, N(talent_fields), " id unit_id month count version ", BP_NONE, 0, NULL },
	/* revenue sharing and industrial funds */
	{ "sharing_rules", "sharing_rule",
	  "SELECT CAST(id AS TEXT), id, id, name, attracted_by, landed_in, nth_from, nth_to,"
	  " valid_from, valid_to, street_permille FROM sharing_rules", "id",
	  rule_fields, N(rule_fields),
	  " id name attracted_by landed_in nth_from nth_to valid_from valid_to street_permille"
	  " version ", BP_NONE, 0, NULL },
	{ "taxes", "tax",
	  "SELECT COALESCE(p.ref, '#' || t.project_id) || '/' || t.year, t.id, t.project_id,"
	  " t.year, t.tax FROM taxes t LEFT JOIN projects p ON p.id = t.project_id", "t.id",
	  tax_fields, N(tax_fields), " id project_id year tax version ", BP_NONE, 2,
	  " WHERE t.project_id = " REF_ID " AND t.year = ?2" },
	{ "funds", "fund",
	  "SELECT name, id, id, name, manager, capital, registered_on, focus, brought_by"
	  " FROM funds", "id",
	  fund_fields, N(fund_fields),
	  " id name manager capital registered_on focus brought_by version ", BP_NONE, 1,
	  " WHERE name = ?1" },
	/* leader linkage and named lists */
	{ "project_leaders", "project_leader",
	  "SELECT CAST(id AS TEXT), id, id, project_id, user_id FROM project_leaders", "id",
	  leader_link_fields, N(leader_link_fields), " id project_id user_id ", BP_NONE, 0, NULL },
	{ "project_lists", "project_list",
	  "SELECT CAST(id AS TEXT), id, id, name FROM project_lists", "id",
	  list_fields, N(list_fields), " id name version ", BP_NONE, 0, NULL },
	{ "project_list_members", "project_list_member",
	  "SELECT CAST(id AS TEXT), id, id, list_id, project_id FROM project_list_members", "id",
	  list_member_fields, N(list_member_fields), " id list_id project_id ", BP_NONE, 0, NULL },
	{ "leader_visits", "leader_visit",
	  "SELECT CAST(user_id AS TEXT), user_id, user_id, audit_id, seen_on, seen_at"
	  " FROM leader_visits", "user_id", leader_visit_fields, N(leader_visit_fields),
	  " user_id audit_id seen_on seen_at ", BP_NONE, 0, NULL },
};
const size_t n_form_tables = N(form_tables);

/* Tables that are not the district's data: sessions (logins), the trail
 * itself and its import digests, the webhook outbox (delivery state), the
 * failed logins (the throttle's counts). */
const char *const form_not_data[] = { "sessions", "audit", "audit_chunks",
				       /* visits: what the notifier sent, not the district's data */
				       "webhook_outbox",
				       /* PostgreSQL's schema version (pg.c) */
				       "ballast_schema",
				       /* h-multi: failed logins, login state like sessions */
				       "login_failures", NULL };

const struct form_table *form_table_of(const char *entity)
{
	size_t i;

	for (i = 0; entity && i < n_form_tables; i++)
		if (!strcmp(form_tables[i].entity, entity))
			return &form_tables[i];
	return NULL;
}

/* ---- a row's form ---- */

static json_t *text_json(const char *s, int n)
{
	json_t *j = json_stringn(s, (size_t)n);

	/* Not UTF-8: a value that equals nothing the trail can hold. */
	return j ? j : json_string("\xef\xbf\xbd (not UTF-8)");
}

static json_t *column_json(struct dbq *s, int i)
{
	switch (dbq_type(s, i)) {
	case DBT_INTEGER:
		return json_integer(dbq_i64(s, i));
	case DBT_FLOAT:
		return json_real(dbq_double(s, i));
	case DBT_TEXT:
		return text_json(dbq_text(s, i), dbq_bytes(s, i));
	case DBT_BLOB:
		return json_sprintf("(a blob of %d bytes)", dbq_bytes(s, i));
	default:
		return json_null();
	}
}

static json_t *blob_digest(struct dbq *s, int i)
{
	unsigned char h[crypto_hash_sha256_BYTES];
	char hex[65];
	const void *p = dbq_blob(s, i);
	int n = dbq_bytes(s, i);

	crypto_hash_sha256(h, p ? p : (const void *)"", (unsigned long long)n);
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	return json_pack("{s:I, s:s}", "bytes", (json_int_t)n, "sha256", hex);
}

/* A listing's three tier columns from col: ["province", …]; a column that
 * holds neither 0 nor 1 shows as itself. */
static json_t *tiers_json(struct dbq *s, int col)
{
	json_t *v = json_array();
	int k;

	for (k = 0; k < TIER__MAX; k++, col++) {
		if (dbq_type(s, col) == DBT_INTEGER && dbq_i64(s, col) == 1)
			json_array_append_new(v, json_string(tier_keys[k]));
		else if (dbq_type(s, col) != DBT_INTEGER ||
			 dbq_i64(s, col) != 0)
			json_array_append_new(v, json_pack("{s:o}", tier_keys[k], column_json(s, col)));
	}
	return v;
}

/* Twelve month columns from col as an array; NULL when all are NULL. */
static json_t *months_json(struct dbq *s, int col)
{
	json_t *v;
	int k, any = 0;

	for (k = 0; k < 12; k++)
		any |= !dbq_is_null(s, col + k);
	if (!any)
		return NULL;
	v = json_array();
	for (k = 0; k < 12; k++)
		json_array_append_new(v, column_json(s, col + k));
	return v;
}

/* The value of field fd from column *col on (advanced past its columns). */
static json_t *field_json(const struct form_field *fd, struct dbq *s, int *col)
{
	int c = *col, type = dbq_type(s, c);
	char fp[SECRET_FINGERPRINT_HEX];
	json_t *v;

	*col += fd->xf == XF_TIERS ? TIER__MAX : fd->xf == XF_MONTHS ? 12 : 1;
	switch (fd->xf) {
	case XF_ID0:
		return type == DBT_NULL ? json_integer(0) : column_json(s, c);
	case XF_EMPTY_NULL:
		return type == DBT_TEXT && !dbq_bytes(s, c) ? json_null()
									  : column_json(s, c);
	case XF_JSON:
		v = type == DBT_TEXT ? json_loads(dbq_text(s, c),
						     JSON_DECODE_ANY, NULL) : NULL;
		return v ? v : column_json(s, c);
	case XF_BLOB:
		return blob_digest(s, c);
	case XF_FINGERPRINT:
		if (type == DBT_NULL)
			return json_null();
		secret_fingerprint(dbq_text(s, c), fp);
		return json_string(fp);
	case XF_PREFIX8:
		if (type != DBT_TEXT)
			return column_json(s, c);
		return text_json(dbq_text(s, c),
				 dbq_bytes(s, c) < 8 ? dbq_bytes(s, c) : 8);
	case XF_TIERS:
		return tiers_json(s, c);
	case XF_MONTHS:
		return months_json(s, c);
	default:
		return column_json(s, c);
	}
}

json_t *form_row(const struct form_table *t, struct dbq *s)
{
	json_t *o = json_object(), *v;
	int col = FORM_FIRST_FIELD;
	size_t f;

	for (f = 0; f < t->n_fields; f++) {
		const struct form_field *fd = &t->fields[f];

		v = field_json(fd, s, &col);
		if (v && fd->omit_null && json_is_null(v)) {
			json_decref(v);
			v = NULL;
		}
		if (v)
			json_object_set_new(o, fd->name, v);
	}
	return o;
}

/* ---- what an import's digests cover ---- */

json_t *form_as_written(const struct form_table *t, const json_t *stored, const json_t *back)
{
	json_t *x = json_object(), *v;
	size_t f;

	for (f = 0; f < t->n_fields; f++) {
		const struct form_field *fd = &t->fields[f];

		if (fd->omit_null == 1)
			continue;
		v = json_object_get(back, fd->name);
		if (!v)
			v = json_object_get(stored, fd->name);
		else if (json_is_null(v) && (fd->xf == XF_MONTHS ||
						    fd->omit_null == FORM_NULL_LEFT_OUT))
			v = NULL; /* no month plan (landing date) then: the form leaves it out */
		if (v)
			json_object_set(x, fd->name, v);
	}
	return x;
}

int form_field_is_put(const struct form_table *t, const char *name)
{
	size_t f;

	for (f = 0; f < t->n_fields; f++)
		if (!strcmp(t->fields[f].name, name))
			return t->fields[f].omit_null != 1;
	return 0;
}

/* v as a JSON string, escaped as the writes' forms escape it (audit.c j_text,
 * buf_add_json_str). */
static void text_of(struct buf *b, const char *v, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i;

	buf_addch(b, '"');
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)v[i];
		char esc[7] = "\\u00";

		switch (c) {
		case '"': buf_adds(b, "\\\""); break;
		case '\\': buf_adds(b, "\\\\"); break;
		case '\n': buf_adds(b, "\\n"); break;
		case '\r': buf_adds(b, "\\r"); break;
		case '\t': buf_adds(b, "\\t"); break;
		default:
			if (c >= 0x20) {
				buf_addch(b, (char)c);
				break;
			}
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
			buf_add(b, esc, 6);
		}
	}
	buf_addch(b, '"');
}

void form_text(struct buf *b, const json_t *v)
{
	const char *k;
	json_t *m;
	size_t i;

	switch (json_typeof(v)) {
	case JSON_OBJECT:
		buf_addch(b, '{');
		i = 0;
		json_object_foreach((json_t *)v, k, m) {
			if (i++)
				buf_addch(b, ',');
			text_of(b, k, strlen(k));
			buf_addch(b, ':');
			form_text(b, m);
		}
		buf_addch(b, '}');
		break;
	case JSON_ARRAY:
		buf_addch(b, '[');
		json_array_foreach(v, i, m) {
			if (i)
				buf_addch(b, ',');
			form_text(b, m);
		}
		buf_addch(b, ']');
		break;
	case JSON_STRING:
		text_of(b, json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER:
		buf_addf(b, "%lld", (long long)json_integer_value(v));
		break;
	case JSON_REAL:
		buf_addf(b, "%.17g", json_real_value(v));
		break;
	case JSON_TRUE:
		buf_adds(b, "true");
		break;
	case JSON_FALSE:
		buf_adds(b, "false");
		break;
	default:
		buf_adds(b, "null");
	}
}

void form_digest(const json_t *put, unsigned char d[BATCH_DIGEST])
{
	struct buf b = BUF_INIT;

	form_text(&b, put);
	crypto_generichash(d, BATCH_DIGEST, (const unsigned char *)b.s, b.len, NULL, 0);
	buf_release(&b);
}

/* ---- statements ---- */

struct dbq *form_stmt(struct store *st, const struct form_table *t, enum form_query q)
{
	size_t i = (size_t)(t - form_tables);
	struct dbq **slot;
	struct buf sql = BUF_INIT;

	if (i >= n_form_tables || (q == FQ_BY_KEY && !t->by_key))
		return NULL;
	if (!st->form_stmts)
		st->form_stmts = xcalloc(n_form_tables * FQ__MAX, sizeof(*st->form_stmts));
	slot = &st->form_stmts[i * FQ__MAX + q];
	if (*slot) {
		dbq_reset(*slot);
		dbq_clear(*slot);
		return *slot;
	}
	buf_adds(&sql, t->sql);
	if (q == FQ_ALL)
		buf_adds(&sql, " ORDER BY 1");
	else if (q == FQ_IDS)
		/* Column 2 is t->id in every form; by position, since PostgreSQL
		 * finds a bare "id" ambiguous where the list repeats it. */
		buf_addf(&sql, " WHERE %s BETWEEN ?1 AND ?2 ORDER BY 2", t->id);
	else
		buf_adds(&sql, t->by_key);
	if (!(*(slot) = db_prepare_kept(st->db, sql.s))) {
		db_fail(st, "prepare");
		*slot = NULL;
	}
	buf_release(&sql);
	return *slot;
}

void form_stmts_free(struct store *st)
{
	size_t i;

	for (i = 0; st->form_stmts && i < n_form_tables * FQ__MAX; i++)
		dbq_finalize(st->form_stmts[i]);
	free(st->form_stmts);
	st->form_stmts = NULL;
}

int form_bind_key(const struct form_table *t, struct dbq *s, const char *key)
{
	const char *first = strchr(key, '/'), *last = strrchr(key, '/');

	switch (t->key_parts) {
	case 1:
		dbq_bind_text(s, 1, key, -1);
		return 0;
	case 2: /* ref/period: a ref may hold '/', a period does not */
		if (!last)
			return -1;
		dbq_bind_text(s, 1, key, (int)(last - key));
		dbq_bind_text(s, 2, last + 1, -1);
		return 0;
	case 3: /* measure/unit/month */
		if (!first || first == last)
			return -1;
		dbq_bind_text(s, 1, key, (int)(first - key));
		dbq_bind_text(s, 2, first + 1, (int)(last - first - 1));
		dbq_bind_text(s, 3, last + 1, -1);
		return 0;
	default:
		return -1;
	}
}
