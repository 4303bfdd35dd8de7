/* routes.h — the route table and the one place that decides, before any
 * handler runs, whether a request is authenticated and allowed
 * (core/access.h). Row-level rules (a section's subtree) are applied by the
 * handlers with access_project_visible/editable. */
#ifndef BL_ROUTES_H
#define BL_ROUTES_H

#include "http/http.h"

typedef void (*http_handler)(struct http_req *rq, struct http_resp *rs);

enum route_flags {
	ROUTE_PUBLIC = 1,    /* no session needed */
	ROUTE_BIG_BODY = 2,  /* uploads: the larger body limit */
};

struct route {
	const char *method;
	const char *pattern;     /* "/api/v1/projects/:ref": ":x" captures a segment */
	http_handler fn;
	enum resource res;
	enum action act;
	unsigned flags;
};

/* Find the route of method and path; fills rq->captures. *allowed_other is set
 * when the path exists under another method (405). NULL when none. */
const struct route *route_find(const char *method, const char *path, struct http_req *rq,
			       int *path_known);

/* Let the request in or keep it out, from its headers alone (so nothing of
 * the body is read for a caller who may not call): authenticate (session
 * cookie + CSRF for writes, or a bearer token) and check the matrix. 0 when
 * admitted; else the error (401/403) is set on rs. Public routes pass. */
int route_admit(const struct route *r, struct http_req *rq, struct http_resp *rs);
/* Run an admitted request's handler, with the store's audit actor set. */
void route_run(const struct route *r, struct http_req *rq, struct http_resp *rs);

/* The handlers (one file per resource). */
void h_healthz(struct http_req *rq, struct http_resp *rs);
void h_session_login(struct http_req *rq, struct http_resp *rs);
void h_session_get(struct http_req *rq, struct http_resp *rs);
void h_session_logout(struct http_req *rq, struct http_resp *rs);
void h_session_password(struct http_req *rq, struct http_resp *rs);
void h_units_list(struct http_req *rq, struct http_resp *rs);
void h_projects_list(struct http_req *rq, struct http_resp *rs);
void h_projects_get(struct http_req *rq, struct http_resp *rs);
void h_projects_create(struct http_req *rq, struct http_resp *rs);
void h_projects_update(struct http_req *rq, struct http_resp *rs);
void h_measures(struct http_req *rq, struct http_resp *rs);
void h_targets_list(struct http_req *rq, struct http_resp *rs);
void h_targets_create(struct http_req *rq, struct http_resp *rs);
void h_targets_delete(struct http_req *rq, struct http_resp *rs);
void h_listings_list(struct http_req *rq, struct http_resp *rs);
void h_listings_put(struct http_req *rq, struct http_resp *rs);
void h_warnings_list(struct http_req *rq, struct http_resp *rs);
void h_reports_list(struct http_req *rq, struct http_resp *rs);
void h_reports_put(struct http_req *rq, struct http_resp *rs);
void h_reports_submit(struct http_req *rq, struct http_resp *rs);
void h_reports_verify(struct http_req *rq, struct http_resp *rs);
void h_reports_return(struct http_req *rq, struct http_resp *rs);
void h_users_list(struct http_req *rq, struct http_resp *rs);
void h_users_create(struct http_req *rq, struct http_resp *rs);
void h_users_get(struct http_req *rq, struct http_resp *rs);    /* res_users.c */
void h_users_patch(struct http_req *rq, struct http_resp *rs);  /* res_users.c */
void h_users_revoke(struct http_req *rq, struct http_resp *rs); /* res_users.c */
void h_audit_list(struct http_req *rq, struct http_resp *rs);
void h_settings_list(struct http_req *rq, struct http_resp *rs);     /* res_settings.c */
void h_settings_get(struct http_req *rq, struct http_resp *rs);
void h_settings_put(struct http_req *rq, struct http_resp *rs);
void h_settings_put_many(struct http_req *rq, struct http_resp *rs);
void h_settings_delete(struct http_req *rq, struct http_resp *rs);
void h_ranking(struct http_req *rq, struct http_resp *rs);
void h_ranking_history(struct http_req *rq, struct http_resp *rs);
void h_bulletins_list(struct http_req *rq, struct http_resp *rs);
void h_bulletins_get(struct http_req *rq, struct http_resp *rs);
void h_bulletins_issue(struct http_req *rq, struct http_resp *rs);
void h_periods(struct http_req *rq, struct http_resp *rs);   /* res_periods.c */
void h_indicators_list(struct http_req *rq, struct http_resp *rs); /* res_indicators.c */
void h_indicators_put(struct http_req *rq, struct http_resp *rs);
/* leader linkage (res_leaders.c, res_lists.c) */
void h_leaders_list(struct http_req *rq, struct http_resp *rs);
void h_leaders_page(struct http_req *rq, struct http_resp *rs);
void h_leaders_visit(struct http_req *rq, struct http_resp *rs);
void h_project_leaders_put(struct http_req *rq, struct http_resp *rs);
void h_lists_list(struct http_req *rq, struct http_resp *rs);
void h_lists_get(struct http_req *rq, struct http_resp *rs);
void h_lists_create(struct http_req *rq, struct http_resp *rs);
void h_lists_put(struct http_req *rq, struct http_resp *rs);
void h_lists_delete(struct http_req *rq, struct http_resp *rs);
void h_items_list(struct http_req *rq, struct http_resp *rs);     /* res_items.c */
/* revenue sharing and industrial funds (res_sharing.c) */
void h_taxes_list(struct http_req *rq, struct http_resp *rs);
void h_ledger(struct http_req *rq, struct http_resp *rs);
void h_ledger_rules(struct http_req *rq, struct http_resp *rs);
void h_ledger_rule_create(struct http_req *rq, struct http_resp *rs);
void h_ledger_rule_update(struct http_req *rq, struct http_resp *rs);
void h_funds_list(struct http_req *rq, struct http_resp *rs);
void h_funds_put(struct http_req *rq, struct http_resp *rs);
void h_items_get(struct http_req *rq, struct http_resp *rs);
void h_items_create(struct http_req *rq, struct http_resp *rs);
void h_items_patch(struct http_req *rq, struct http_resp *rs);    /* res_item_acts.c */
void h_items_reply(struct http_req *rq, struct http_resp *rs);
void h_items_answer(struct http_req *rq, struct http_resp *rs);
void h_items_resolve(struct http_req *rq, struct http_resp *rs);
void h_items_close(struct http_req *rq, struct http_resp *rs);
void h_items_reopen(struct http_req *rq, struct http_resp *rs);
void h_items_escalate(struct http_req *rq, struct http_resp *rs);
/* policy fulfilment (h-funds) */
void h_applications_list(struct http_req *rq, struct http_resp *rs); /* res_funds.c */
void h_applications_get(struct http_req *rq, struct http_resp *rs);
void h_applications_verify(struct http_req *rq, struct http_resp *rs);
void h_applications_consult(struct http_req *rq, struct http_resp *rs);
void h_applications_pay(struct http_req *rq, struct http_resp *rs);
void h_applications_reject(struct http_req *rq, struct http_resp *rs);
void h_applications_create(struct http_req *rq, struct http_resp *rs); /* res_funds_admin.c */
void h_policies_list(struct http_req *rq, struct http_resp *rs);
void h_policies_create(struct http_req *rq, struct http_resp *rs);
void h_calendar_list(struct http_req *rq, struct http_resp *rs);
void h_calendar_put(struct http_req *rq, struct http_resp *rs);
void h_calendar_delete(struct http_req *rq, struct http_resp *rs);
void h_inbox(struct http_req *rq, struct http_resp *rs);          /* res_inbox.c */
void h_import(struct http_req *rq, struct http_resp *rs);
void h_export(struct http_req *rq, struct http_resp *rs);   /* res_export.c */
void h_template(struct http_req *rq, struct http_resp *rs); /* res_export.c */    /* res_import.c */
void h_plans_get(struct http_req *rq, struct http_resp *rs);      /* res_changes.c */
void h_plans_issue(struct http_req *rq, struct http_resp *rs);
void h_changes_list(struct http_req *rq, struct http_resp *rs);
void h_changes_get(struct http_req *rq, struct http_resp *rs);
void h_changes_create(struct http_req *rq, struct http_resp *rs);
void h_changes_approve(struct http_req *rq, struct http_resp *rs);
/* visits (res_visits.c) */
void h_visits_list(struct http_req *rq, struct http_resp *rs);
void h_visits_create(struct http_req *rq, struct http_resp *rs);
void h_visits_get(struct http_req *rq, struct http_resp *rs);
void h_teams_get(struct http_req *rq, struct http_resp *rs);
void h_teams_put(struct http_req *rq, struct http_resp *rs);
void h_schedule(struct http_req *rq, struct http_resp *rs);
void h_changes_reject(struct http_req *rq, struct http_resp *rs);
void h_changes_withdraw(struct http_req *rq, struct http_resp *rs);
/* ui14 (issue #14 items 8, 10) */
void h_bulletins_readiness(struct http_req *rq, struct http_resp *rs); /* res_bulletins.c */
void h_map_boundary_get(struct http_req *rq, struct http_resp *rs);    /* res_map.c */
void h_map_boundary_put(struct http_req *rq, struct http_resp *rs);
/* element guarantees and demolition task books (res_guarantees.c) */
void h_supplies_list(struct http_req *rq, struct http_resp *rs);
void h_supplies_put(struct http_req *rq, struct http_resp *rs);
void h_demolition_list(struct http_req *rq, struct http_resp *rs);
void h_demolition_report(struct http_req *rq, struct http_resp *rs);

/* For the other resources (res_changes.c): the error of a refused act on
 * the plan (core/changes.h), with "fields", "year" and "request" when they
 * say more; and {year, issued, issued_at, issued_by} of year. */
struct change_result;
void resp_change_fail(struct http_resp *rs, struct store *st, const struct change_result *res);
json_t *api_plan_json(struct http_req *rq, int year);
/* The latest issued year whose list has the project, or null. */
json_t *api_lock_year(struct http_req *rq, int64_t project_id);

/* h-leads: the lead pool (res_leads.c, res_lead_acts.c) */
void h_leads_list(struct http_req *rq, struct http_resp *rs);
void h_leads_get(struct http_req *rq, struct http_resp *rs);
void h_leads_create(struct http_req *rq, struct http_resp *rs);
void h_leads_patch(struct http_req *rq, struct http_resp *rs);
void h_leads_advance(struct http_req *rq, struct http_resp *rs);
void h_leads_sign(struct http_req *rq, struct http_resp *rs);
void h_leads_drop(struct http_req *rq, struct http_resp *rs);
void h_leads_reopen(struct http_req *rq, struct http_resp *rs);
void h_leads_note(struct http_req *rq, struct http_resp *rs);
void h_leads_counts(struct http_req *rq, struct http_resp *rs);
void h_leads_talents(struct http_req *rq, struct http_resp *rs);

#endif
