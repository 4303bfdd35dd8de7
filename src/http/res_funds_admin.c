/* res_funds_admin.c — entering a fund application (POST /applications), the
 * policies (/policies: the office keeps them) and the working-day calendar
 * (/calendar: the admin's), for policy fulfilment (政策兑现; h-funds). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/funds_view.h"
#include "core/items.h"
#include "http/params.h"
#include "http/routes.h"
#include "io/json_funds.h"
#include "io/parse.h"
#include "store/store_funds.h"
#include "util/xalloc.h"

static const char *str_of(json_t *body, const char *key)
{
	json_t *v = json_object_get(body, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

static int int_of(json_t *body, const char *key, int64_t *out)
{
	json_t *v = json_object_get(body, key);

	if (!json_is_integer(v))
		return -1;
	*out = json_integer_value(v);
	return 0;
}

static void invalid(struct http_resp *rs, const char *field, const char *why)
{
	char msg[600];

	snprintf(msg, sizeof(msg), "%.80s: %.500s", field, why);
	resp_fail(rs, HE_INVALID, msg, "字段不符合要求", field);
}

/* POST /applications {company, uscc, ref?, policy (id), amount_yuan,
 * applied_on}: 申领, by the department that receives the policy's
 * applications or the office. */
void h_applications_create(struct http_req *rq, struct http_resp *rs)
{
	struct application a;
	struct fund_result res;
	struct project p;
	json_t *body = req_json(rq, rs);
	const char *s;

	application_init(&a);
	project_init(&p);
	if (!body)
		return;
	a.company = str_of(body, "company") ? xstrdup(str_of(body, "company")) : NULL;
	a.uscc = str_of(body, "uscc") ? xstrdup(str_of(body, "uscc")) : NULL;
	if (int_of(body, "policy", &a.policy_id)) {
		invalid(rs, "policy", "a policy's id");
		goto out;
	}
	if (int_of(body, "amount_yuan", &a.amount)) {
		invalid(rs, "amount_yuan", "an amount in integer yuan");
		goto out;
	}
	s = str_of(body, "applied_on");
	if (!s || day_parse_iso(s, &a.applied_on) || a.applied_on > scope_today()) {
		invalid(rs, "applied_on", "a day YYYY-MM-DD, today or before");
		goto out;
	}
	s = str_of(body, "ref");
	if (s && *s) {
		if (store_project_by_ref(rq->st, s, &p)) {
			invalid(rs, "ref", "no project has this ref");
			goto out;
		}
		a.project_id = p.id;
	}
	fund_enter(rq->st, &rq->actor, &a, &res);
	if (res.outcome == WFO_FORBIDDEN)
		resp_fail(rs, HE_FORBIDDEN, res.msg, "您无权受理该政策的申请", NULL);
	else if (res.outcome == WFO_UNSEEN || res.err == BL_ENOTFOUND)
		invalid(rs, "policy", "no such policy");
	else if (res.err == BL_EINVAL)
		invalid(rs, res.field ? res.field : "body", res.msg);
	else if (res.err == BL_ECONFLICT)
		resp_fail(rs, HE_EXISTS, "this company already applied to this policy on that day",
			  "该企业当日已申请过该政策", "uscc");
	else if (res.err)
		resp_fail(rs, HE_INTERNAL, res.msg, "服务器内部错误", NULL);
	else
		resp_json(rs, 201, json_pack("{s:I, s:I, s:s}", "id", (json_int_t)a.id, "version",
					     (json_int_t)a.version, "status",
					     fund_status_keys[a.status]));
out:
	application_release(&a);
	project_release(&p);
	json_decref(body);
}

/* ---- policies ---- */

struct policy_list {
	struct dataset units;
	json_t *items;
};

static int add_policy(void *ctx, const struct policy *p)
{
	struct policy_list *l = ctx;

	json_array_append_new(l->items, policy_json(&l->units, p));
	return 0;
}

/* GET /policies: every policy (they are public). */
void h_policies_list(struct http_req *rq, struct http_resp *rs)
{
	struct policy_list l;
	size_t n;

	memset(&l, 0, sizeof(l));
	if (load_units(rq, rs, &l.units))
		return;
	l.items = json_array();
	if (store_policies_each(rq->st, add_policy, &l)) {
		resp_store_error(rs, rq->st, BL_EDB);
		json_decref(l.items);
	} else {
		n = json_array_size(l.items);
		resp_json(rs, 200, json_pack("{s:I, s:I, s:i, s:o}", "total", (json_int_t)n, "limit",
					     (json_int_t)n, "offset", 0, "items", l.items));
	}
	dataset_release(&l.units);
}

/* The body's policy into p: name, kind, year, limits {verify, consult, pay},
 * owners {apply, verify, consult, pay} (unit codes); -1 after a 400. */
static int policy_of(struct http_resp *rs, json_t *body, const struct dataset *units,
		     struct policy *p)
{
	json_t *limits = json_object_get(body, "limits"), *owners = json_object_get(body, "owners");
	const char *why, *field;
	int64_t v;
	int s;

	p->name = str_of(body, "name") ? xstrdup(str_of(body, "name")) : NULL;
	s = policy_kind_from_text(str_of(body, "kind"));
	p->kind = s < 0 ? POLICY_OTHER : (enum policy_kind)s;
	p->year = int_of(body, "year", &v) || v < 0 || v > 9999 ? 0 : (int)v;
	for (s = FS_VERIFY; s < FS__MAX; s++)
		p->limit[s] = int_of(limits, fund_step_keys[s], &v) || v < 0 || v > 9999 ? 0 : (int)v;
	for (s = 0; s < FS__MAX; s++) {
		const char *code = str_of(owners, fund_step_keys[s]);
		const struct unit *u = code ? dataset_find_unit(units, code) : NULL;

		p->owner[s] = u ? u->id : 0;
	}
	why = str_of(body, "kind") && policy_kind_from_text(str_of(body, "kind")) < 0
		      ? "not a policy kind" : policy_problem(p, &field);
	if (!why)
		return 0;
	invalid(rs, str_of(body, "kind") && policy_kind_from_text(str_of(body, "kind")) < 0 ?
		"kind" : field, why);
	return -1;
}

/* POST /policies {name, kind, year, limits, owners}: a new policy. */
void h_policies_create(struct http_req *rq, struct http_resp *rs)
{
	struct dataset units;
	struct policy p, old;
	json_t *body = req_json(rq, rs);
	enum bl_err rc;

	policy_init(&p);
	memset(&units, 0, sizeof(units));
	if (!body)
		return;
	if (load_units(rq, rs, &units) || policy_of(rs, body, &units, &p))
		goto out;
	rc = store_begin(rq->st);
	if (!rc && store_policy_by_name(rq->st, p.name, &old) == BL_OK) {
		policy_release(&old);
		store_rollback(rq->st);
		resp_fail(rs, HE_EXISTS, "a policy has this name already", "已有同名政策", "name");
		goto out;
	}
	if (!rc)
		rc = store_policy_put(rq->st, &p);
	if (http_finish(rq, rs, rc))
		goto out;
	resp_json(rs, 201, policy_json(&units, &p));
out:
	policy_release(&p);
	dataset_release(&units);
	json_decref(body);
}

/* ---- the calendar ---- */

static int add_day(void *ctx, const struct workcal_day *d)
{
	char day[11];

	json_array_append_new(ctx, json_pack("{s:s, s:s, s:s, s:i, s:s?}", "day",
		day_format(d->day, day), "kind", workcal_kind_keys[d->kind], "kind_label",
		workcal_kind_labels[d->kind], "weekday", day_weekday(d->day), "name", d->name));
	return 0;
}

/* GET /calendar: every listed day (holidays and make-up working days). */
void h_calendar_list(struct http_req *rq, struct http_resp *rs)
{
	json_t *items = json_array();
	size_t n;

	if (store_workdays_each(rq->st, add_day, items)) {
		json_decref(items);
		resp_store_error(rs, rq->st, BL_EDB);
		return;
	}
	n = json_array_size(items);
	resp_json(rs, 200, json_pack("{s:I, s:I, s:i, s:o}", "total", (json_int_t)n, "limit",
				     (json_int_t)n, "offset", 0, "items", items));
}

/* PUT /calendar/:day {kind: holiday|workday, name}; DELETE /calendar/:day. */
static void calendar_write(struct http_req *rq, struct http_resp *rs, int del)
{
	struct workcal_day d = { DAY_NONE, WC_HOLIDAY, NULL };
	json_t *body = NULL;
	const char *kind;
	enum bl_err rc;

	if (day_parse_iso(rq->captures[0], &d.day)) {
		invalid(rs, "day", "a day YYYY-MM-DD");
		return;
	}
	if (!del) {
		body = req_json(rq, rs);
		if (!body)
			return;
		kind = str_of(body, "kind");
		if (!kind || (strcmp(kind, "holiday") && strcmp(kind, "workday"))) {
			invalid(rs, "kind", "holiday or workday");
			goto out;
		}
		d.kind = strcmp(kind, "workday") ? WC_HOLIDAY : WC_WORKDAY;
		d.name = str_of(body, "name");
		if (d.name && item_text_problem(d.name, 50, 1)) {
			invalid(rs, "name", item_text_problem(d.name, 50, 1));
			goto out;
		}
	}
	rc = store_begin(rq->st);
	if (!rc)
		rc = del ? store_workday_delete(rq->st, d.day) : store_workday_put(rq->st, &d);
	if (rc == BL_ENOTFOUND) {
		store_rollback(rq->st);
		resp_not_found(rs, rq->captures[0]);
		goto out;
	}
	if (http_finish(rq, rs, rc))
		goto out;
	if (del)
		resp_json(rs, 200, json_pack("{s:s}", "day", rq->captures[0]));
	else
		resp_json(rs, 200, json_pack("{s:s, s:s, s:s?}", "day", rq->captures[0], "kind",
					     workcal_kind_keys[d.kind], "name", d.name));
out:
	json_decref(body);
}

void h_calendar_put(struct http_req *rq, struct http_resp *rs)
{
	calendar_write(rq, rs, 0);
}

void h_calendar_delete(struct http_req *rq, struct http_resp *rs)
{
	calendar_write(rq, rs, 1);
}
