/* res_funds.c — /api/v1/applications, /api/v1/policies and /api/v1/calendar:
 * policy fulfilment (政策兑现, DOMAIN.md §7; h-funds). The list of
 * applications as of a day (filters through io/scope_params.c's table), one
 * with its timeline and the steps open to the caller, entering one and
 * making its steps (core/funds_act.c asks core/workflow.c's WF_FUND), the
 * policies, and the working-day calendar an admin edits. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/funds_view.h"
#include "http/json_out.h"
#include "http/list_out.h"
#include "http/params.h"
#include "http/routes.h"
#include "io/json_funds.h"
#include "io/json_items.h"
#include "io/parse.h"
#include "store/store_funds.h"
#include "util/xalloc.h"

#define LIST_LIMIT 100
#define LIST_MAX 1000

#define APPLICATIONS_PARAMS                                                               \
	(SP_BIT(SP_ASOF) | SP_BIT(SP_SECTION) | SP_BIT(SP_OVERDUE) | SP_BIT(SP_POLICY) |     \
	 SP_BIT(SP_STEP) | SP_PAGING)

/* GET /applications?asof=&overdue=&section=&policy=&step=&limit=&offset=&format=:
 * the applications the caller may see as of asof (today by default),
 * overdue first. */
void h_applications_list(struct http_req *rq, struct http_resp *rs)
{
	struct fund_selection sel = { 0 };
	struct scope_query q;
	struct fund_query fq;
	struct fund_book b;
	int64_t limit, offset;
	json_t *doc;
	int xlsx;

	if (http_list_format(rq, rs, &xlsx) || http_scope_query(rq, rs, APPLICATIONS_PARAMS, &q) ||
	    http_paging(rs, &q, LIST_LIMIT, LIST_MAX, &limit, &offset))
		return;
	if (fund_book_load(rq->st, &b)) {
		resp_store_error(rs, rq->st, BL_EDB);
		return;
	}
	if (http_scope_resolve(rs, &b.units, &q))
		goto out;
	fund_query_init(&fq, q.given & SP_BIT(SP_ASOF) ? q.sc.asof : scope_today());
	fq.overdue = q.overdue;
	fq.step = q.step;
	fq.section_id = q.sc.section_id;
	if (q.policy)
		fq.policy_id = fund_policy_named(&b, q.policy);
	fund_select(&b, &fq, &rq->actor, &sel);
	if (xlsx) {
		static const struct list_param extra[] = { { "policy", "政策" }, { "step", "待办环节" } };

		doc = fund_list_json(&b, &sel, fq.asof, (int64_t)sel.n, 0);
		http_answer_xlsx(rq, rs, LK_APPLICATIONS, json_incref(json_object_get(doc, "items")),
				 NULL, extra, 2);
		json_decref(doc);
	} else {
		resp_json(rs, 200, fund_list_json(&b, &sel, fq.asof, limit, offset));
	}
out:
	fund_selection_release(&sel);
	fund_book_release(&b);
}

/* The application of the path's first capture in b as the caller sees it
 * (404 otherwise). */
static const struct fund_entry *entry_of(struct http_req *rq, struct http_resp *rs,
					 const struct fund_book *b)
{
	int64_t id;
	size_t i;

	if (!parse_int(rq->captures[0], &id))
		for (i = 0; i < b->n; i++)
			if (b->v[i].a.id == id && b->v[i].pol &&
			    access_application_visible(&rq->actor, &b->units, b->v[i].p, b->v[i].pol))
				return &b->v[i];
	resp_not_found(rs, rq->captures[0]);
	return NULL;
}

/* The timeline: each step taken, in order, with its day and amount. */
static json_t *timeline(const struct application *a)
{
	json_t *t = json_array();
	char day[11];
	size_t i;

#define STEP(key, label, d, yuan, text)                                                    \
	json_array_append_new(t, json_pack("{s:s, s:s, s:s, s:I, s:s?}", "step", key, "label", \
		label, "on", day_format(d, day), "amount_yuan", (json_int_t)(yuan), "reason", text))
	STEP("apply", "申领", a->applied_on, a->amount, NULL);
	if (a->verified_on != DAY_NONE)
		STEP("verify", "核实", a->verified_on, 0, NULL);
	if (a->consulted_on != DAY_NONE)
		STEP("consult", "会商", a->consulted_on, a->approved, NULL);
	for (i = 0; i < a->n_payments; i++)
		STEP("pay", "拨付", a->payments[i].on, a->payments[i].yuan, NULL);
	if (a->rejected_on != DAY_NONE)
		STEP("reject", "不予支持", a->rejected_on, 0, a->reason);
#undef STEP
	return t;
}

/* One application now (its state today), its policy, timeline and the
 * steps the caller may make. New reference. */
static json_t *detail(struct http_req *rq, const struct fund_book *b, const struct fund_entry *e)
{
	struct fund_seen v = { e, scope_today(), { 0 }, { 0 }, 0 };
	enum wf_sight sight;
	json_t *doc, *acts = json_array();
	unsigned mask;
	int k;

	if (!application_at(&e->a, v.asof, &v.s)) { /* applied for after today */
		v.asof = e->a.applied_on;
		application_at(&e->a, v.asof, &v.s);
	}
	v.overdue = application_clock(&e->a, e->pol, &b->cal, v.asof, &v.clock) == 1;
	sight = workflow_fund_sight(&rq->actor, &b->units, e->p, e->pol, (int)e->a.status);
	mask = workflow_actions_now(WF_FUND, rq->actor.role, sight, (int)e->a.status);
	for (k = 0; k < WA__MAX; k++)
		if ((mask & (1u << k)) && k != WA_SAVE)
			json_array_append_new(acts, json_string(wf_action_keys[k]));
	doc = fund_seen_json(b, &v);
	json_object_set_new(doc, "asof", json_string(day_format(v.asof, (char[11]){ 0 })));
	json_object_set_new(doc, "policy_detail", policy_json(&b->units, e->pol));
	json_object_set_new(doc, "timeline", timeline(&e->a));
	json_object_set_new(doc, "actions", acts);
	return doc;
}

/* GET /applications/:id */
void h_applications_get(struct http_req *rq, struct http_resp *rs)
{
	const struct fund_entry *e;
	struct fund_book b;

	if (fund_book_load(rq->st, &b)) {
		resp_store_error(rs, rq->st, BL_EDB);
		return;
	}
	e = entry_of(rq, rs, &b);
	if (e)
		resp_json(rs, 200, detail(rq, &b, e));
	fund_book_release(&b);
}

/* The answer to a refused or failed step. */
static void refuse(struct http_resp *rs, const struct fund_result *res, const char *what)
{
	switch (res->outcome) {
	case WFO_FORBIDDEN:
		resp_fail(rs, HE_FORBIDDEN, res->msg, "您无权对该申请进行此操作", NULL);
		return;
	case WFO_UNSEEN:
		resp_not_found(rs, what);
		return;
	case WFO_NEED_REASON:
		resp_fail(rs, HE_INVALID, res->msg, "须填写原因（1至2000字）", "reason");
		return;
	case WFO_LOCKED:
		resp_fail(rs, HE_LOCKED, res->msg, "已拨付或不予支持的申请不能修改", "status");
		return;
	case WFO_WRONG_STATUS:
		resp_fail(rs, HE_WRONG_STATUS, res->msg, "申请当前的状态不能进行此环节", "status");
		return;
	default:
		break;
	}
	if (res->err == BL_EINVAL)
		resp_fail(rs, HE_INVALID, res->msg, "金额、日期或原因不符合要求", res->field);
	else if (res->err == BL_ECONFLICT)
		resp_fail(rs, HE_STALE, res->msg, "该申请已被他人修改，请刷新后重试", "version");
	else if (res->err == BL_ENOTFOUND)
		resp_not_found(rs, what);
	else
		resp_fail(rs, HE_INTERNAL, res->msg, "服务器内部错误", NULL);
}

/* "on" of body (today when absent): a future day is refused; a day other
 * than today is the office's to give. -1 after the answer. */
static int day_of(struct http_req *rq, struct http_resp *rs, json_t *body, bl_day *on)
{
	json_t *v = json_object_get(body, "on");
	bl_day today = scope_today();

	*on = today;
	if (v && !json_is_null(v) && (!json_is_string(v) || day_parse_iso(json_string_value(v), on))) {
		resp_fail(rs, HE_INVALID, "on: not a day YYYY-MM-DD", "日期格式应为YYYY-MM-DD", "on");
		return -1;
	}
	if (*on > today) {
		resp_fail(rs, HE_INVALID, "on: a day that has not come", "日期不能晚于今天", "on");
		return -1;
	}
	if (*on != today && rq->actor.role != ROLE_ADMIN && rq->actor.role != ROLE_COORDINATOR) {
		resp_fail(rs, HE_FORBIDDEN, "on: only the project office records a step on "
			  "another day than today", "只有项目办可以补录以往日期的环节", "on");
		return -1;
	}
	return 0;
}

/* An integer member in yuan (absent: 0); -1 after a 400. */
static int yuan_of(struct http_resp *rs, json_t *body, const char *key, int64_t *out)
{
	json_t *v = json_object_get(body, key);

	*out = 0;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_integer(v) || amount_problem(json_integer_value(v))) {
		resp_fail(rs, HE_INVALID, "an amount in integer yuan, 0 or more", "金额应为整数（元）",
			  key);
		return -1;
	}
	*out = json_integer_value(v);
	return 0;
}

/* The version the step is made at: body's, or If-Match's; 0 when neither. */
static int64_t version_of(struct http_req *rq, json_t *body)
{
	const char *h = req_header(rq, "If-Match");
	int64_t v = 0;

	if (json_is_integer(json_object_get(body, "version")))
		return json_integer_value(json_object_get(body, "version"));
	if (h && !parse_int(h[0] == '"' ? h + 1 : h, &v))
		return v;
	return 0;
}

static void step(struct http_req *rq, struct http_resp *rs, int act)
{
	struct fund_change c = { DAY_NONE, 0, NULL };
	const struct fund_entry *e;
	struct fund_result res;
	struct fund_book b;
	json_t *body = rq->body_len ? req_json(rq, rs) : json_object();
	int64_t id = 0;

	if (!body)
		return;
	if (parse_int(rq->captures[0], &id) || id <= 0) {
		resp_not_found(rs, rq->captures[0]);
		goto out;
	}
	if (day_of(rq, rs, body, &c.on) || yuan_of(rs, body, "amount_yuan", &c.yuan))
		goto out;
	if (json_is_string(json_object_get(body, "reason")))
		c.reason = json_string_value(json_object_get(body, "reason"));
	fund_step(rq->st, &rq->actor, id, version_of(rq, body), act, &c, NULL, &res);
	if (res.outcome != WFO_OK || res.err) {
		refuse(rs, &res, rq->captures[0]);
		goto out;
	}
	if (fund_book_load(rq->st, &b)) {
		resp_store_error(rs, rq->st, BL_EDB);
		goto out;
	}
	e = entry_of(rq, rs, &b);
	if (e)
		resp_json(rs, 200, detail(rq, &b, e));
	fund_book_release(&b);
out:
	json_decref(body);
}

void h_applications_verify(struct http_req *rq, struct http_resp *rs)
{
	step(rq, rs, WA_VERIFY);
}

void h_applications_consult(struct http_req *rq, struct http_resp *rs)
{
	step(rq, rs, WA_CONSULT);
}

void h_applications_pay(struct http_req *rq, struct http_resp *rs)
{
	step(rq, rs, WA_PAY);
}

void h_applications_reject(struct http_req *rq, struct http_resp *rs)
{
	step(rq, rs, WA_REJECT);
}
