/* routes.c — the route table and dispatch: find the route, authenticate (a
 * session cookie, with the CSRF token on every write, or a bearer token),
 * check the role's permission in core/access.c, then run the handler. This is
 * the one place a request is let in or kept out. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "http/auth.h"
#include "http/routes.h"
#include "util/xalloc.h"

#define API "/api/v1"

static const struct route routes[] = {
	{ "GET", "/healthz", h_healthz, RES_UNITS, ACT_READ, ROUTE_PUBLIC },
	{ "POST", API "/session", h_session_login, RES_UNITS, ACT_READ, ROUTE_PUBLIC },
	{ "GET", API "/session", h_session_get, RES_UNITS, ACT_READ, 0 },
	{ "DELETE", API "/session", h_session_logout, RES_UNITS, ACT_READ, 0 },
	{ "POST", API "/session/password", h_session_password, RES_UNITS, ACT_READ, 0 },
	{ "GET", API "/units", h_units_list, RES_UNITS, ACT_READ, 0 },
	{ "GET", API "/projects", h_projects_list, RES_PROJECTS, ACT_READ, 0 },
	{ "POST", API "/projects", h_projects_create, RES_PROJECTS, ACT_WRITE, 0 },
	{ "GET", API "/projects/:ref", h_projects_get, RES_PROJECTS, ACT_READ, 0 },
	{ "PUT", API "/projects/:ref", h_projects_update, RES_PROJECTS, ACT_WRITE, 0 },
	{ "PATCH", API "/projects/:ref", h_projects_update, RES_PROJECTS, ACT_WRITE, 0 },
	{ "GET", API "/measures", h_measures, RES_MEASURES, ACT_READ, 0 },
	{ "GET", API "/targets", h_targets_list, RES_TARGETS, ACT_READ, 0 },
	{ "POST", API "/targets", h_targets_create, RES_TARGETS, ACT_WRITE, 0 },
	{ "DELETE", API "/targets/:id", h_targets_delete, RES_TARGETS, ACT_WRITE, 0 },
	{ "GET", API "/listings", h_listings_list, RES_LISTINGS, ACT_READ, 0 },
	{ "PUT", API "/listings/:ref/:year", h_listings_put, RES_LISTINGS, ACT_WRITE, 0 },
	{ "GET", API "/warnings", h_warnings_list, RES_WARNINGS, ACT_READ, 0 },
	{ "GET", API "/reports", h_reports_list, RES_REPORTS, ACT_READ, 0 },
	{ "PUT", API "/reports/:ref/:month", h_reports_put, RES_REPORTS, ACT_WRITE, 0 },
	{ "POST", API "/reports/submit", h_reports_submit, RES_REPORTS, ACT_WRITE, 0 },
	{ "POST", API "/reports/:ref/:month/verify", h_reports_verify, RES_REPORTS, ACT_VERIFY, 0 },
	{ "POST", API "/reports/:ref/:month/return", h_reports_return, RES_REPORTS, ACT_VERIFY, 0 },
	{ "GET", API "/users", h_users_list, RES_USERS, ACT_READ, 0 },
	{ "POST", API "/users", h_users_create, RES_USERS, ACT_WRITE, 0 },
	{ "GET", API "/users/:name", h_users_get, RES_USERS, ACT_READ, 0 },
	{ "PATCH", API "/users/:name", h_users_patch, RES_USERS, ACT_WRITE, 0 },
	{ "DELETE", API "/users/:name/sessions", h_users_revoke, RES_USERS, ACT_WRITE, 0 },
	{ "GET", API "/audit", h_audit_list, RES_AUDIT, ACT_READ, 0 },
	{ "GET", API "/settings", h_settings_list, RES_SETTINGS, ACT_READ, 0 },
	{ "PUT", API "/settings", h_settings_put_many, RES_SETTINGS, ACT_WRITE, 0 },
	{ "GET", API "/settings/:key", h_settings_get, RES_SETTINGS, ACT_READ, 0 },
	{ "PUT", API "/settings/:key", h_settings_put, RES_SETTINGS, ACT_WRITE, 0 },
	{ "DELETE", API "/settings/:key", h_settings_delete, RES_SETTINGS, ACT_WRITE, 0 },
	{ "GET", API "/ranking", h_ranking, RES_MEASURES, ACT_READ, 0 },
	{ "GET", API "/ranking/history", h_ranking_history, RES_MEASURES, ACT_READ, 0 },
	{ "GET", API "/bulletins", h_bulletins_list, RES_BULLETINS, ACT_READ, 0 },
	{ "GET", API "/bulletins/:month", h_bulletins_get, RES_BULLETINS, ACT_READ, 0 },
	{ "POST", API "/bulletins/:month/issue", h_bulletins_issue, RES_BULLETINS, ACT_VERIFY, 0 },
	{ "GET", API "/periods", h_periods, RES_MEASURES, ACT_READ, 0 },
	{ "GET", API "/indicators", h_indicators_list, RES_INDICATORS, ACT_READ, 0 },
	{ "PUT", API "/indicators", h_indicators_put, RES_INDICATORS, ACT_WRITE, 0 },
	{ "GET", API "/items", h_items_list, RES_ITEMS, ACT_READ, 0 },
	{ "POST", API "/items", h_items_create, RES_ITEMS, ACT_WRITE, 0 },
	{ "GET", API "/items/:id", h_items_get, RES_ITEMS, ACT_READ, 0 },
	{ "PATCH", API "/items/:id", h_items_patch, RES_ITEMS, ACT_VERIFY, 0 },
	{ "POST", API "/items/:id/replies", h_items_reply, RES_ITEMS, ACT_WRITE, 0 },
	{ "POST", API "/items/:id/answer", h_items_answer, RES_ITEMS, ACT_WRITE, 0 },
	{ "POST", API "/items/:id/resolve", h_items_resolve, RES_ITEMS, ACT_VERIFY, 0 },
	{ "POST", API "/items/:id/close", h_items_close, RES_ITEMS, ACT_VERIFY, 0 },
	{ "POST", API "/items/:id/reopen", h_items_reopen, RES_ITEMS, ACT_VERIFY, 0 },
	{ "POST", API "/items/:id/escalate", h_items_escalate, RES_ITEMS, ACT_VERIFY, 0 },
	{ "GET", API "/inbox", h_inbox, RES_UNITS, ACT_READ, 0 },
	{ "GET", API "/plans/:year", h_plans_get, RES_PLANS, ACT_READ, 0 },
	{ "POST", API "/plans/:year/issue", h_plans_issue, RES_PLANS, ACT_VERIFY, 0 },
	{ "GET", API "/change-requests", h_changes_list, RES_CHANGES, ACT_READ, 0 },
	{ "POST", API "/change-requests", h_changes_create, RES_CHANGES, ACT_WRITE, 0 },
	{ "GET", API "/change-requests/:id", h_changes_get, RES_CHANGES, ACT_READ, 0 },
	{ "POST", API "/change-requests/:id/approve", h_changes_approve, RES_CHANGES, ACT_VERIFY,
	  0 },
	{ "POST", API "/change-requests/:id/reject", h_changes_reject, RES_CHANGES, ACT_VERIFY,
	  0 },
	{ "POST", API "/change-requests/:id/withdraw", h_changes_withdraw, RES_CHANGES,
	  ACT_WRITE, 0 },
	/* h-leads: the lead pool */
	{ "GET", API "/leads", h_leads_list, RES_LEADS, ACT_READ, 0 },
	{ "POST", API "/leads", h_leads_create, RES_LEADS, ACT_WRITE, 0 },
	{ "GET", API "/leads/counts", h_leads_counts, RES_LEADS, ACT_READ, 0 },
	{ "POST", API "/leads/talents", h_leads_talents, RES_LEADS, ACT_WRITE, 0 },
	{ "GET", API "/leads/:id", h_leads_get, RES_LEADS, ACT_READ, 0 },
	{ "PATCH", API "/leads/:id", h_leads_patch, RES_LEADS, ACT_WRITE, 0 },
	{ "POST", API "/leads/:id/advance", h_leads_advance, RES_LEADS, ACT_WRITE, 0 },
	{ "POST", API "/leads/:id/sign", h_leads_sign, RES_LEADS, ACT_WRITE, 0 },
	{ "POST", API "/leads/:id/drop", h_leads_drop, RES_LEADS, ACT_WRITE, 0 },
	{ "POST", API "/leads/:id/reopen", h_leads_reopen, RES_LEADS, ACT_VERIFY, 0 },
	{ "POST", API "/leads/:id/notes", h_leads_note, RES_LEADS, ACT_WRITE, 0 },
	{ "POST", API "/import/:kind", h_import, RES_IMPORT, ACT_WRITE, ROUTE_BIG_BODY },
	{ "GET", API "/export/:kind", h_export, RES_PROJECTS, ACT_READ, 0 },
	{ "GET", API "/templates/:kind", h_template, RES_UNITS, ACT_READ, 0 },
	/* ui14 (issue #14 items 8, 10): readiness before issuing; the map */
	{ "GET", API "/bulletins/:month/readiness", h_bulletins_readiness, RES_BULLETINS,
	  ACT_VERIFY, 0 },
	{ "GET", API "/map/boundary", h_map_boundary_get, RES_PROJECTS, ACT_READ, 0 },
	{ "PUT", API "/map/boundary", h_map_boundary_put, RES_SETTINGS, ACT_WRITE, ROUTE_BIG_BODY },
	/* visits: site visits, commando teams, the supervision schedule */
	{ "GET", API "/visits", h_visits_list, RES_VISITS, ACT_READ, 0 },
	{ "POST", API "/visits", h_visits_create, RES_VISITS, ACT_WRITE, 0 },
	{ "GET", API "/visits/:id", h_visits_get, RES_VISITS, ACT_READ, 0 },
	{ "GET", API "/teams/:ref", h_teams_get, RES_VISITS, ACT_READ, 0 },
	{ "PUT", API "/teams/:ref", h_teams_put, RES_VISITS, ACT_WRITE, 0 },
	{ "GET", API "/schedule", h_schedule, RES_VISITS, ACT_READ, 0 },
	/* element guarantees and demolition task books (DOMAIN.md §7) */
	{ "GET", API "/supplies", h_supplies_list, RES_SUPPLIES, ACT_READ, 0 },
	{ "POST", API "/supplies", h_supplies_put, RES_SUPPLIES, ACT_WRITE, 0 },
	{ "GET", API "/demolition", h_demolition_list, RES_DEMOLITION, ACT_READ, 0 },
	{ "POST", API "/demolition/:id/reports", h_demolition_report, RES_DEMOLITION, ACT_WRITE, 0 },
	/* policy fulfilment (h-funds) */
	{ "GET", API "/applications", h_applications_list, RES_APPLICATIONS, ACT_READ, 0 },
	{ "POST", API "/applications", h_applications_create, RES_APPLICATIONS, ACT_WRITE, 0 },
	{ "GET", API "/applications/:id", h_applications_get, RES_APPLICATIONS, ACT_READ, 0 },
	{ "POST", API "/applications/:id/verify", h_applications_verify, RES_APPLICATIONS,
	  ACT_WRITE, 0 },
	{ "POST", API "/applications/:id/consult", h_applications_consult, RES_APPLICATIONS,
	  ACT_WRITE, 0 },
	{ "POST", API "/applications/:id/pay", h_applications_pay, RES_APPLICATIONS, ACT_WRITE, 0 },
	{ "POST", API "/applications/:id/reject", h_applications_reject, RES_APPLICATIONS,
	  ACT_WRITE, 0 },
	{ "GET", API "/policies", h_policies_list, RES_POLICIES, ACT_READ, 0 },
	{ "POST", API "/policies", h_policies_create, RES_POLICIES, ACT_WRITE, 0 },
	{ "GET", API "/calendar", h_calendar_list, RES_CALENDAR, ACT_READ, 0 },
	{ "PUT", API "/calendar/:day", h_calendar_put, RES_CALENDAR, ACT_WRITE, 0 },
	{ "DELETE", API "/calendar/:day", h_calendar_delete, RES_CALENDAR, ACT_WRITE, 0 },
	/* revenue sharing and industrial funds (res_sharing.c) */
	{ "GET", API "/taxes", h_taxes_list, RES_TAXES, ACT_READ, 0 },
	{ "GET", API "/ledger", h_ledger, RES_LEDGER, ACT_READ, 0 },
	{ "GET", API "/ledger/rules", h_ledger_rules, RES_LEDGER, ACT_READ, 0 },
	{ "POST", API "/ledger/rules", h_ledger_rule_create, RES_LEDGER, ACT_WRITE, 0 },
	{ "PUT", API "/ledger/rules/:id", h_ledger_rule_update, RES_LEDGER, ACT_WRITE, 0 },
	{ "GET", API "/funds", h_funds_list, RES_FUNDS, ACT_READ, 0 },
	{ "POST", API "/funds", h_funds_put, RES_FUNDS, ACT_WRITE, 0 },
	/* leader linkage (领导挂钩) and named project lists */
	{ "GET", API "/leaders", h_leaders_list, RES_LEADERS, ACT_READ, 0 },
	{ "GET", API "/leaders/:name/projects", h_leaders_page, RES_LEADERS, ACT_READ, 0 },
	{ "POST", API "/leaders/:name/visit", h_leaders_visit, RES_LEADERS, ACT_READ, 0 },
	{ "PUT", API "/projects/:ref/leaders", h_project_leaders_put, RES_LEADERS, ACT_WRITE, 0 },
	{ "GET", API "/lists", h_lists_list, RES_LISTS, ACT_READ, 0 },
	{ "POST", API "/lists", h_lists_create, RES_LISTS, ACT_WRITE, 0 },
	{ "GET", API "/lists/:id", h_lists_get, RES_LISTS, ACT_READ, 0 },
	{ "PUT", API "/lists/:id", h_lists_put, RES_LISTS, ACT_WRITE, 0 },
	{ "DELETE", API "/lists/:id", h_lists_delete, RES_LISTS, ACT_WRITE, 0 },
};

/* Match path against pattern; captures point into copies kept in rq itself,
 * which lives as long as the request. */
static int match(const char *pattern, const char *path, struct http_req *rq)
{
	char (*segs)[HTTP_CAPTURE_MAX] = rq->capture_buf;
	int n = 0;

	while (*pattern && *path) {
		if (*pattern == ':') {
			const char *end = strchr(path, '/');
			size_t len = end ? (size_t)(end - path) : strlen(path);

			if (!len || len >= sizeof(segs[0]) || n >= HTTP_MAX_CAPTURES)
				return 0;
			memcpy(segs[n], path, len);
			segs[n][len] = '\0';
			rq->captures[n] = segs[n];
			n++;
			path += len;
			pattern = strchr(pattern, '/');
			if (!pattern)
				pattern = "";
			continue;
		}
		if (*pattern != *path)
			return 0;
		pattern++;
		path++;
	}
	return !*pattern && !*path;
}

const struct route *route_find(const char *method, const char *path, struct http_req *rq,
			       int *path_known)
{
	size_t i;

	*path_known = 0;
	for (i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
		if (!match(routes[i].pattern, path, rq))
			continue;
		if (!strcmp(routes[i].method, method))
			return &routes[i];
		*path_known = 1;
	}
	return NULL;
}

static int is_write(const char *method)
{
	return strcmp(method, "GET") && strcmp(method, "HEAD") && strcmp(method, "OPTIONS");
}

int route_admit(const struct route *r, struct http_req *rq, struct http_resp *rs)
{
	int via_token = 0;

	if (r->flags & ROUTE_PUBLIC)
		return 0;
	if (auth_identify(rq, &via_token, rs))
		return -1; /* 401 set */
	/* Sessions must prove the page is ours on every write; a bearer token is
	 * not sent by browsers on their own, so it needs none. */
	if (!via_token && is_write(rq->method) && auth_check_csrf(rq, rs))
		return -1; /* 403 set */
	if (!access_allows(rq->actor.role, r->res, r->act)) {
		resp_fail(rs, HE_FORBIDDEN, "your role may not do this",
			   "您的角色无权进行此操作", NULL);
		return -1;
	}
	return 0;
}

void route_run(const struct route *r, struct http_req *rq, struct http_resp *rs)
{
	struct buf name = BUF_INIT;

	/* The store's actor is set here, right before the handler, never when
	 * the headers arrive: the thread's connection serves other requests in
	 * between. */
	if (rq->authed) {
		if (!rq->actor_name) {
			buf_addf(&name, "user:%s", rq->actor.username);
			rq->actor_name = buf_detach(&name, NULL);
		}
		store_set_actor(rq->st, rq->actor_name);
	}
	r->fn(rq, rs);
	/* What a write committed is in the snapshot before the answer goes. */
	if (is_write(rq->method))
		http_after_write(rq);
}
