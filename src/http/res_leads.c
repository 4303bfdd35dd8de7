/* res_leads.c — /api/v1/leads: the shared lead pool (招商线索, issue #16;
 * h-leads). The list (every lead for every reader, the details only for
 * the following unit and the office: core/access.c access_lead_details),
 * one lead with its log, registering one (a duplicate company refused,
 * naming the unit already following it), the 双招双引 counts table and the
 * talents a unit reports. The moves of a lead are res_lead_acts.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/json_out.h"
#include "http/params.h"
#include "http/res_leads_int.h"
#include "http/routes.h"
#include "io/json_leads.h"
#include "io/parse.h"
#include "store/store_leads.h"
#include "store/store_sharing.h"
#include "util/xalloc.h"

#define LIST_LIMIT 100
#define LIST_MAX 1000
#define LEADS_PARAMS (SP_BIT(SP_SECTION) | SP_BIT(SP_INDUSTRY) | SP_BIT(SP_Q) | SP_BIT(SP_REF) | \
		      SP_PAGING)

/* Every lead, in id order. */
struct lead_book {
	struct lead *v;
	size_t n, alloc;
};

static int add_lead(void *ctx, const struct lead *l)
{
	struct lead_book *b = ctx;

	if (b->n == b->alloc) {
		b->alloc = b->alloc ? 2 * b->alloc : 64;
		b->v = xrealloc(b->v, b->alloc * sizeof(*b->v));
	}
	lead_copy(&b->v[b->n++], l);
	return 0;
}

static void book_release(struct lead_book *b)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		lead_release(&b->v[i]);
	free(b->v);
	memset(b, 0, sizeof(*b));
}

/* 1 when l passes the list's filters: the following unit in section's
 * subtree, the chain exactly, q in the company's name, ref the project it
 * became (the project's way back to its lead). */
static int lead_matches(const struct dataset *units, const struct lead *l,
			const struct scope_query *q)
{
	if (q->sc.section_id && !dataset_in_subtree(units, l->followed_by, q->sc.section_id))
		return 0;
	if (q->sc.industry && (!l->industry || strcmp(l->industry, q->sc.industry)))
		return 0;
	if (q->ref && (!l->project_ref || strcmp(l->project_ref, q->ref)))
		return 0;
	return !q->sc.q || (l->company && strstr(l->company, q->sc.q));
}

/* GET /leads?section=&industry=&q=&ref=&limit=&offset=: {total, limit, offset,
 * stages: {lead: n, …} (of every lead the filters select), items}. */
void h_leads_list(struct http_req *rq, struct http_resp *rs)
{
	struct lead_book b = { 0 };
	struct dataset units;
	struct scope_query q;
	json_t *items = json_array(), *stages = json_object();
	int64_t limit, offset, total = 0, per[LS__MAX] = { 0 };
	size_t i;
	int s;

	memset(&units, 0, sizeof(units));
	if (http_scope_query(rq, rs, LEADS_PARAMS, &q) ||
	    http_paging(rs, &q, LIST_LIMIT, LIST_MAX, &limit, &offset) ||
	    load_units(rq, rs, &units) || http_scope_resolve(rs, &units, &q))
		goto out;
	if (store_leads_each(rq->st, add_lead, &b)) {
		resp_store_error(rs, rq->st, BL_EDB);
		goto out;
	}
	for (i = 0; i < b.n; i++) {
		if (!lead_matches(&units, &b.v[i], &q))
			continue;
		per[b.v[i].stage]++;
		if (total >= offset && total < offset + limit)
			json_array_append_new(items, lead_json(&units, &b.v[i],
				access_lead_details(&rq->actor, &units, &b.v[i])));
		total++;
	}
	for (s = 0; s < LS__MAX; s++)
		json_object_set_new(stages, lead_stage_keys[s], json_integer(per[s]));
	resp_json(rs, 200, json_pack("{s:I, s:I, s:I, s:O, s:O}", "total", (json_int_t)total,
				     "limit", (json_int_t)limit, "offset", (json_int_t)offset,
				     "stages", stages, "items", items));
out:
	json_decref(items);
	json_decref(stages);
	book_release(&b);
	dataset_release(&units);
}

/* ---- shared with res_lead_acts.c ---- */

int lead_ctx_load(struct http_req *rq, struct http_resp *rs, struct lead_ctx *c)
{
	int64_t id;
	enum bl_err rc;

	memset(c, 0, sizeof(*c));
	lead_init(&c->l);
	c->today = scope_today();
	if (parse_int(rq->captures[0], &id) || id <= 0) {
		resp_not_found(rs, rq->captures[0]);
		return -1;
	}
	rc = store_lead_get(rq->st, id, &c->l);
	if (rc == BL_ENOTFOUND) {
		resp_not_found(rs, rq->captures[0]);
		return -1;
	}
	if (!rc)
		rc = store_units(rq->st, &c->units.units, &c->units.n_units);
	if (rc) {
		resp_store_error(rs, rq->st, rc);
		return -1;
	}
	dataset_index(&c->units);
	c->sight = workflow_lead_sight(&rq->actor, &c->units, &c->l);
	c->details = access_lead_details(&rq->actor, &c->units, &c->l);
	return 0;
}

void lead_ctx_release(struct lead_ctx *c)
{
	lead_release(&c->l);
	dataset_release(&c->units);
}

void lead_refuse(struct http_resp *rs, const struct wf_request *q, enum wf_outcome o,
		 const char *what)
{
	const char *act = wf_action_keys[q->act];
	int known = q->from >= 0 && q->from < LS__MAX;
	char msg[200], zh[200];

	switch (o) {
	case WFO_FORBIDDEN:
		snprintf(msg, sizeof(msg), "only the unit following the lead and the project "
			 "office may %s it (core/workflow.c: lead)", act);
		resp_fail(rs, HE_FORBIDDEN, msg, "只有跟进单位和项目办可以办理该线索", NULL);
		break;
	case WFO_UNSEEN:
		resp_not_found(rs, what);
		break;
	case WFO_NEED_REASON:
		resp_fail(rs, HE_INVALID, "a text of 1-2000 characters is needed",
			  "须填写内容（1至2000字）", "text");
		break;
	case WFO_LOCKED:
		snprintf(msg, sizeof(msg), "the lead is %s; it changes no more",
			 known ? lead_stage_keys[q->from] : "closed");
		resp_fail(rs, HE_LOCKED, msg, "线索已签约或已放弃，不能再修改", "stage");
		break;
	default:
		snprintf(msg, sizeof(msg), "the lead is at stage %s; %s does not apply to it",
			 known ? lead_stage_keys[q->from] : "new", act);
		snprintf(zh, sizeof(zh), "线索当前阶段为“%s”，不能进行此操作",
			 known ? lead_stage_labels[q->from] : "新建");
		resp_fail(rs, HE_WRONG_STATUS, msg, zh, "stage");
		break;
	}
}

int lead_unique(struct http_req *rq, struct http_resp *rs, const struct dataset *units,
		const struct lead *l, int64_t skip_id)
{
	struct lead_book b = { 0 };
	char msg[600], zh[600];
	size_t i;
	int rc = 0;

	if (store_leads_each(rq->st, add_lead, &b)) {
		resp_store_error(rs, rq->st, BL_EDB);
		return -1;
	}
	for (i = 0; i < b.n && !rc; i++) {
		const struct lead *o = &b.v[i];
		const char *unit = dataset_unit_name(units, o->followed_by, "?");

		if (o->id == skip_id || o->stage == LS_DROPPED || !lead_same_company(l, o))
			continue;
		snprintf(msg, sizeof(msg), "%s is already in the lead pool (lead %lld), followed "
			 "by %s", o->company, (long long)o->id, unit);
		snprintf(zh, sizeof(zh), "%s已在线索库中（线索%lld），由%s跟进", o->company,
			 (long long)o->id, unit);
		resp_fail(rs, HE_EXISTS, msg, zh, "company");
		rc = -1;
	}
	book_release(&b);
	return rc;
}

static int add_log(void *ctx, const struct lead_log *g)
{
	json_array_append_new(ctx, lead_log_json(g));
	return 0;
}

json_t *lead_detail_json(struct http_req *rq, struct http_resp *rs, const struct lead_ctx *c)
{
	json_t *doc = lead_json(&c->units, &c->l, c->details), *log, *acts = json_array();
	unsigned mask;
	int a;

	if (c->details) {
		log = json_array();
		if (store_lead_log(rq->st, c->l.id, add_log, log)) {
			json_decref(log);
			json_decref(acts);
			json_decref(doc);
			resp_store_error(rs, rq->st, BL_EDB);
			return NULL;
		}
		json_object_set_new(doc, "log", log);
	}
	mask = workflow_actions_now(WF_LEAD, rq->actor.role, c->sight, (int)c->l.stage);
	for (a = 0; a < WA__MAX; a++)
		if (mask & (1u << a))
			json_array_append_new(acts, json_string(a == WA_SAVE ? "edit" :
								a == WA_REPLY ? "note" :
								wf_action_keys[a]));
	json_object_set_new(doc, "actions", acts);
	return doc;
}

int lead_text_field(struct http_resp *rs, json_t *body, const char *key, size_t max,
		    int one_line, const char **out)
{
	json_t *v = json_object_get(body, key);
	const char *why;
	char msg[160];

	if (!v || json_is_null(v))
		return 0;
	why = json_is_string(v) ? lead_text_problem(json_string_value(v), max, one_line) :
	      "not a text";
	if (why) {
		snprintf(msg, sizeof(msg), "%s: %s", key, why);
		resp_fail(rs, HE_INVALID, msg, "内容不符合要求（长度、换行或编码）", key);
		return -1;
	}
	*out = json_string_value(v);
	return 0;
}

int lead_day_field(struct http_resp *rs, json_t *body, const char *key, bl_day *out)
{
	json_t *v = json_object_get(body, key);

	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v) || parse_day(json_string_value(v), out)) {
		resp_fail(rs, HE_INVALID, "a date such as 2024-06-30", "须为日期，如 2024-06-30",
			  key);
		return -1;
	}
	return 0;
}

/* ---- GET /leads/:id ---- */

void h_leads_get(struct http_req *rq, struct http_resp *rs)
{
	struct lead_ctx c;
	json_t *doc;

	if (!lead_ctx_load(rq, rs, &c)) {
		doc = lead_detail_json(rq, rs, &c);
		if (doc)
			resp_json(rs, 200, doc);
	}
	lead_ctx_release(&c);
}

/* ---- 双招双引 counts ---- */

/* GET /leads/counts?year=&month=: the table of core/leads.h lead_counts for
 * the year (or the month given), with its total. */
void h_leads_counts(struct http_req *rq, struct http_resp *rs)
{
	struct lead_book b = { 0 };
	struct talent_count *tc = NULL;
	struct fund_value *fv = NULL;
	struct lead_count *rows = NULL;
	struct lead_inputs in;
	struct lead_period p;
	struct scope_query q;
	struct dataset units;
	size_t n_tc = 0, n_fv = 0, n_rows = 0;

	memset(&units, 0, sizeof(units));
	if (http_scope_query(rq, rs, SP_BIT(SP_YEAR) | SP_BIT(SP_MONTH), &q) ||
	    load_units(rq, rs, &units))
		goto out;
	p.year = q.sc.year;
	p.month = 0;
	if (q.month != MONTH_NONE) {
		p.year = month_year(q.month);
		p.month = month_of_year(q.month);
	}
	if (store_leads_each(rq->st, add_lead, &b) || store_talents(rq->st, &tc, &n_tc) ||
	    store_fund_values(rq->st, p.year, &fv, &n_fv)) {
		resp_store_error(rs, rq->st, BL_EDB);
		goto out;
	}
	in = (struct lead_inputs){ b.v, b.n, tc, n_tc, fv, n_fv };
	if (lead_counts(&units, &in, &p, &rows, &n_rows)) {
		resp_fail(rs, HE_INTERNAL, "a sum of the counts is out of range",
			  "统计结果超出范围", NULL);
		goto out;
	}
	resp_json(rs, 200, lead_counts_json(&units, &p, rows, n_rows));
out:
	free(rows);
	free(fv);
	free(tc);
	book_release(&b);
	dataset_release(&units);
}

/* POST /leads/talents {unit, month, count}: the talents or teams a unit
 * introduced in a month (人才/团队, a figure it reports). A section user
 * reports for units of its subtree; the office for any. 200 with the row. */
void h_leads_talents(struct http_req *rq, struct http_resp *rs)
{
	json_t *body = req_json(rq, rs), *v;
	struct talent_count t = { 0 };
	struct dataset units;
	const struct unit *u;
	enum bl_err rc;

	memset(&units, 0, sizeof(units));
	if (!body)
		return;
	rc = store_begin(rq->st);
	if (!rc)
		rc = store_units(rq->st, &units.units, &units.n_units);
	if (rc) {
		resp_store_error(rs, rq->st, rc);
		goto out;
	}
	dataset_index(&units);
	v = json_object_get(body, "unit");
	u = json_is_string(v) ? dataset_find_unit(&units, json_string_value(v)) : NULL;
	if (!u) {
		resp_fail(rs, HE_INVALID, "no unit has this code or name", "没有此代码或名称的单位",
			  "unit");
		goto out;
	}
	if (rq->actor.role == ROLE_SECTION &&
	    !(rq->actor.unit_id && dataset_in_subtree(&units, u->id, rq->actor.unit_id))) {
		resp_fail(rs, HE_FORBIDDEN, "a section reports its own units' figures",
			  "板块只能填报本单位的数据", "unit");
		goto out;
	}
	if (http_month(rs, json_string_value(json_object_get(body, "month")), &t.month))
		goto out;
	v = json_object_get(body, "count");
	if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > 1000000) {
		resp_fail(rs, HE_INVALID, "count: a whole number from 0 to 1000000",
			  "人数须为0至1000000的整数", "count");
		goto out;
	}
	t.unit_id = u->id;
	t.count = json_integer_value(v);
	rc = store_talent_put(rq->st, &t);
	if (http_finish(rq, rs, rc))
		goto out;
	resp_json(rs, 200, json_pack("{s:s, s:s, s:I}", "unit", u->code, "month",
				     month_format(t.month, (char[8]){ 0 }), "count",
				     (json_int_t)t.count));
out:
	store_rollback(rq->st);
	dataset_release(&units);
	json_decref(body);
}
