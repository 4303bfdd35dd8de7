/* res_changes.c — /api/v1/plans (a year's issued plan, 任务书: its state and
 * issuing it) and /api/v1/change-requests (proposing a change to an issued
 * plan, approving, rejecting, withdrawing it). The rules and the workflow
 * tables are core's (changes_store.c, workflow.c): these handlers read the
 * request, ask core, and answer. DOMAIN.md §3. */
#include <stdlib.h>
#include <string.h>

#include "core/changes.h"
#include "http/params.h"
#include "http/routes.h"
#include "io/json_changes.h"
#include "io/parse.h"
#include "store/store_changes.h"
#include "util/xalloc.h"

#define PAGE_DEFAULT 50
#define PAGE_MAX 1000

static const enum http_err outcome_errors[CO__MAX] = {
	[CO_OK] = HE_INTERNAL, [CO_FORBIDDEN] = HE_FORBIDDEN, [CO_NOT_FOUND] = HE_NOT_FOUND,
	[CO_INVALID] = HE_INVALID, [CO_NEED_REASON] = HE_INVALID,
	[CO_WRONG_STATUS] = HE_WRONG_STATUS, [CO_PLAN_ISSUED] = HE_PLAN_ISSUED,
	[CO_PLAN_OPEN] = HE_PLAN_OPEN, [CO_CHANGE_PENDING] = HE_CHANGE_PENDING,
	[CO_STALE] = HE_STALE, [CO_STORE] = HE_INTERNAL,
};

void resp_change_fail(struct http_resp *rs, struct store *st, const struct change_result *res)
{
	enum http_err e = outcome_errors[res->outcome];
	json_t *err, *fields;
	int f;

	if (res->outcome == CO_STORE) {
		resp_store_error(rs, st, res->rc);
		return;
	}
	err = http_error_json(e, res->msg, *res->msg_zh ? res->msg_zh : NULL, res->field);
	if (res->fields) {
		fields = json_array();
		for (f = 0; f < CF__MAX; f++)
			if (res->fields & CF_BIT(f))
				json_array_append_new(fields, json_string(change_field_keys[f]));
		json_object_set_new(err, "fields", fields);
	}
	if (res->year && (res->outcome == CO_PLAN_ISSUED || res->outcome == CO_PLAN_OPEN))
		json_object_set_new(err, "year", json_integer(res->year));
	if (res->other)
		json_object_set_new(err, "request", json_integer((json_int_t)res->other));
	resp_fail_doc(rs, e, json_pack("{s:o}", "error", err));
}

/* A year in the path: 1900–2999; else a 404 and -1. */
static int path_year(struct http_resp *rs, const char *s, int *year)
{
	int64_t y;

	if (parse_int(s, &y) || y < 1900 || y > 2999) {
		resp_not_found(rs, s);
		return -1;
	}
	*year = (int)y;
	return 0;
}

/* ---- the plan of a year ---- */

struct tally {
	const struct actor *a;
	const struct dataset *units;
	int64_t n[CR_STATUS__MAX];
};

/* Whether the caller sees the project of cr (access.c's row rules). */
static int sees(const struct actor *a, const struct dataset *units,
		const struct change_request *cr)
{
	struct project p;

	memset(&p, 0, sizeof(p));
	p.section_id = cr->section_id;
	p.department_id = cr->department_id;
	return access_project_visible(a, units, &p);
}

static int tally_one(void *ctx, const struct change_request *cr)
{
	struct tally *t = ctx;

	if (sees(t->a, t->units, cr))
		t->n[cr->status]++;
	return 0;
}

/* {year, issued, issued_at, issued_by, requests: {pending: n, …}} for the
 * caller: the requests it sees. NULL after a 500 on rs. */
static json_t *plan_state(struct http_req *rq, struct http_resp *rs, int year)
{
	struct change_filter f = { -1, 0, year };
	struct tally t;
	struct plan_issue pi;
	struct dataset units;
	json_t *j, *n;
	enum bl_err rc;
	int k;

	if (load_units(rq, rs, &units))
		return NULL;
	memset(&t, 0, sizeof(t));
	t.a = &rq->actor;
	t.units = &units;
	rc = store_plan_issue_get(rq->st, year, &pi);
	if (!rc || rc == BL_ENOTFOUND)
		rc = store_changes_each(rq->st, &f, tally_one, &t);
	dataset_release(&units);
	if (rc) {
		plan_issue_release(&pi);
		resp_store_error(rs, rq->st, rc);
		return NULL;
	}
	j = plan_issue_json(year, pi.issued_at ? &pi : NULL);
	n = json_object();
	for (k = 0; k < CR_STATUS__MAX; k++)
		json_object_set_new(n, change_status_keys[k], json_integer((json_int_t)t.n[k]));
	json_object_set_new(j, "requests", n);
	plan_issue_release(&pi);
	return j;
}

json_t *api_plan_json(struct http_req *rq, int year)
{
	struct plan_issue pi;
	json_t *j;

	if (store_plan_issue_get(rq->st, year, &pi))
		return plan_issue_json(year, NULL);
	j = plan_issue_json(year, &pi);
	plan_issue_release(&pi);
	return j;
}

json_t *api_lock_year(struct http_req *rq, int64_t project_id)
{
	int year;

	if (store_project_lock_year(rq->st, project_id, &year) || !year)
		return json_null();
	return json_integer(year);
}

/* GET /plans/:year */
void h_plans_get(struct http_req *rq, struct http_resp *rs)
{
	json_t *j;
	int year;

	if (path_year(rs, rq->captures[0], &year))
		return;
	j = plan_state(rq, rs, year);
	if (j)
		resp_json(rs, 200, j);
}

/* POST /plans/:year/issue: 201 with the issue; 409 plan_issued when it is. */
void h_plans_issue(struct http_req *rq, struct http_resp *rs)
{
	struct change_result res;
	struct plan_issue pi;
	int year;

	if (path_year(rs, rq->captures[0], &year))
		return;
	plan_issue_year(rq->st, year, &pi, &res);
	if (res.outcome == CO_PLAN_ISSUED)
		resp_fail_doc(rs, HE_PLAN_ISSUED, json_pack("{s:o, s:o}", "error",
			      http_error_json(HE_PLAN_ISSUED, res.msg, res.msg_zh, "year"),
			      "current", plan_issue_json(year, &pi)));
	else if (res.outcome)
		resp_change_fail(rs, rq->st, &res);
	else
		resp_json(rs, 201, plan_issue_json(year, &pi));
	plan_issue_release(&pi);
}

/* ---- change requests ---- */

/* A request with the actions the caller may take on it now, as the table
 * says ("actions": ["approve", "reject", …]). */
static json_t *request_json(const struct actor *a, const struct dataset *units,
			    const struct change_request *cr)
{
	json_t *j = change_request_json(cr), *can = json_array();
	struct project p;
	unsigned now;
	int k;

	memset(&p, 0, sizeof(p));
	p.section_id = cr->section_id;
	p.department_id = cr->department_id;
	now = workflow_actions_now(change_workflow(cr->kind), a->role,
				   workflow_report_sight(a, units, &p), (int)cr->status);
	for (k = WA_APPROVE; k <= WA_WITHDRAW; k++) /* a request is never proposed twice */
		if (now & (1u << k))
			json_array_append_new(can, json_string(wf_action_keys[k]));
	json_object_set_new(j, "actions", can);
	return j;
}

struct list_ctx {
	const struct actor *a;
	const struct dataset *units;
	int64_t limit, offset, total;
	json_t *items;
};

static int list_one(void *ctx, const struct change_request *cr)
{
	struct list_ctx *c = ctx;

	if (!sees(c->a, c->units, cr))
		return 0;
	if (c->total >= c->offset && c->total < c->offset + c->limit)
		json_array_append_new(c->items, request_json(c->a, c->units, cr));
	c->total++;
	return 0;
}

/* The filters status, project (a ref) and year of q; 0, or -1 after a 400. */
static int list_filter(struct http_req *rq, struct http_resp *rs, const struct dataset *units,
		       const struct scope_query *q, struct change_filter *f)
{
	struct project p;
	int bad;

	f->status = q->change_status;
	f->project_id = 0;
	f->year = q->given & SP_BIT(SP_YEAR) ? q->sc.year : 0;
	if (!q->project)
		return 0;
	bad = store_project_by_ref(rq->st, q->project, &p) != BL_OK;
	if (!bad) {
		bad = !access_project_visible(&rq->actor, units, &p);
		f->project_id = p.id;
		project_release(&p);
	}
	if (bad) {
		resp_fail(rs, HE_INVALID, "project: no project you can see has this ref",
			  "项目编号：没有您可查看的该项目", "project");
		return -1;
	}
	return 0;
}

/* GET /change-requests?status=&project=&year=&limit=&offset= */
void h_changes_list(struct http_req *rq, struct http_resp *rs)
{
	struct change_filter f;
	struct scope_query q;
	struct list_ctx c;
	struct dataset units;
	enum bl_err rc;

	memset(&c, 0, sizeof(c));
	if (http_scope_query(rq, rs, SP_BIT(SP_YEAR) | SP_BIT(SP_CHANGE_STATUS) |
			     SP_BIT(SP_PROJECT) | SP_PAGING, &q) ||
	    http_paging(rs, &q, PAGE_DEFAULT, PAGE_MAX, &c.limit, &c.offset) ||
	    load_units(rq, rs, &units))
		return;
	if (list_filter(rq, rs, &units, &q, &f))
		goto out;
	c.a = &rq->actor;
	c.units = &units;
	c.items = json_array();
	rc = store_changes_each(rq->st, &f, list_one, &c);
	if (rc) {
		json_decref(c.items);
		resp_store_error(rs, rq->st, rc);
		goto out;
	}
	resp_json(rs, 200, json_pack("{s:I, s:I, s:I, s:o}", "total", (json_int_t)c.total,
				     "limit", (json_int_t)c.limit, "offset", (json_int_t)c.offset,
				     "items", c.items));
out:
	dataset_release(&units);
}

/* The request of the path, if the caller sees it; -1 after a 404 or 500. */
static int path_request(struct http_req *rq, struct http_resp *rs, struct dataset *units,
			struct change_request *cr)
{
	int64_t id;
	enum bl_err rc;

	change_request_init(cr);
	if (parse_int(rq->captures[0], &id) || id < 1) {
		resp_not_found(rs, rq->captures[0]);
		return -1;
	}
	if (load_units(rq, rs, units))
		return -1;
	rc = store_change_get(rq->st, id, cr);
	if (rc == BL_ENOTFOUND || (!rc && !sees(&rq->actor, units, cr)))
		resp_not_found(rs, rq->captures[0]);
	else if (rc)
		resp_store_error(rs, rq->st, rc);
	else
		return 0;
	dataset_release(units);
	change_request_release(cr);
	return -1;
}

/* GET /change-requests/:id */
void h_changes_get(struct http_req *rq, struct http_resp *rs)
{
	struct change_request cr;
	struct dataset units;

	if (path_request(rq, rs, &units, &cr))
		return;
	resp_json(rs, 200, request_json(&rq->actor, &units, &cr));
	change_request_release(&cr);
	dataset_release(&units);
}

/* POST /change-requests {ref, year, changes: {field: value}, reason} */
void h_changes_create(struct http_req *rq, struct http_resp *rs)
{
	json_t *body = req_json(rq, rs), *year;
	struct change_request cr;
	struct change_result res;
	struct dataset units;
	const char *ref, *why, *field, *reason;

	if (!body)
		return;
	change_request_init(&cr);
	memset(&units, 0, sizeof(units));
	ref = json_string_value(json_object_get(body, "ref"));
	year = json_object_get(body, "year");
	reason = json_string_value(json_object_get(body, "reason"));
	if (!ref || !*ref) {
		resp_bad_request(rs, "ref", "ref: the project's ref (项目编号)");
		goto out;
	}
	if (year && !json_is_null(year) && (!json_is_integer(year) ||
	    json_integer_value(year) < 1900 || json_integer_value(year) > 2999)) {
		resp_bad_request(rs, "year", "year: 1900 to 2999, or absent for the project's "
				 "latest issued year");
		goto out;
	}
	cr.year = json_is_integer(year) ? (int)json_integer_value(year) : 0;
	why = change_values_from_json(json_object_get(body, "changes"), &cr.fields, &cr.to,
				      &field);
	if (why) {
		resp_bad_request(rs, field, why);
		goto out;
	}
	cr.reason = reason && *reason ? xstrdup(reason) : NULL;
	change_propose(rq->st, &rq->actor, ref, &cr, &res);
	if (res.outcome) {
		resp_change_fail(rs, rq->st, &res);
		goto out;
	}
	if (!load_units(rq, rs, &units))
		resp_json(rs, 201, request_json(&rq->actor, &units, &cr));
out:
	change_request_release(&cr);
	dataset_release(&units);
	json_decref(body);
}

/* POST /change-requests/:id/approve|reject|withdraw {reason} */
static void decide(struct http_req *rq, struct http_resp *rs, enum wf_action act)
{
	json_t *body = NULL;
	struct change_request cr, now;
	struct change_result res;
	struct dataset units;
	const char *reason = NULL;

	if (rq->body_len) {
		body = req_json(rq, rs);
		if (!body)
			return;
		reason = json_string_value(json_object_get(body, "reason"));
	}
	if (path_request(rq, rs, &units, &cr))
		goto out;
	change_decide(rq->st, &rq->actor, cr.id, act, reason, &now, &res);
	if (res.outcome)
		resp_change_fail(rs, rq->st, &res);
	else
		resp_json(rs, 200, request_json(&rq->actor, &units, &now));
	change_request_release(&now);
	change_request_release(&cr);
	dataset_release(&units);
out:
	json_decref(body);
}

void h_changes_approve(struct http_req *rq, struct http_resp *rs)
{
	decide(rq, rs, WA_APPROVE);
}

void h_changes_reject(struct http_req *rq, struct http_resp *rs)
{
	decide(rq, rs, WA_REJECT);
}

void h_changes_withdraw(struct http_req *rq, struct http_resp *rs)
{
	decide(rq, rs, WA_WITHDRAW);
}
