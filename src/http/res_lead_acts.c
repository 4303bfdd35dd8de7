/* res_lead_acts.c — the writes of /api/v1/leads (h-leads): registering a
 * lead (POST /leads), the office's or the following unit's edit (PATCH),
 * advance, drop, reopen, a note or a visit on its log, and signing it into a
 * project. Each is one transaction: the lead read, the workflow table asked
 * (core/workflow.c WF_LEAD), the row and its log entry written with the
 * version re-checked (store_leads.h). */
#include <stdio.h>
#include <string.h>

#include "http/json_out.h"
#include "http/params.h"
#include "http/res_leads_int.h"
#include "http/routes.h"
#include "store/store_leads.h"
#include "util/xalloc.h"

/* The unit a body's field names (code or name); -1 after a 400. */
static int unit_field(struct http_resp *rs, json_t *body, const char *key,
		      const struct dataset *units, int64_t *out)
{
	json_t *v = json_object_get(body, key);
	const struct unit *u;

	if (!v || json_is_null(v))
		return 0;
	u = json_is_string(v) ? dataset_find_unit(units, json_string_value(v)) : NULL;
	if (!u) {
		resp_fail(rs, HE_INVALID, "no unit has this code or name", "没有此代码或名称的单位",
			  key);
		return -1;
	}
	*out = u->id;
	return 0;
}

static void take(char **dst, const char *s)
{
	if (!s)
		return;
	free(*dst);
	*dst = *s ? xstrdup(s) : NULL;
}

/* The body's lead fields over l: company, uscc, industry, amount_yuan,
 * source, found_by, followed_by, found_on. -1 after a 400. */
static int lead_from_json(struct http_resp *rs, json_t *body, const struct dataset *units,
			  struct lead *l)
{
	const char *company = NULL, *uscc = NULL, *industry = NULL, *source = NULL, *why, *field;
	json_t *v = json_object_get(body, "amount_yuan");

	if (lead_text_field(rs, body, "company", LEAD_COMPANY_MAX, 1, &company) ||
	    lead_text_field(rs, body, "uscc", 18, 1, &uscc) ||
	    lead_text_field(rs, body, "industry", 100, 1, &industry) ||
	    lead_text_field(rs, body, "source", 200, 1, &source) ||
	    unit_field(rs, body, "found_by", units, &l->found_by) ||
	    unit_field(rs, body, "followed_by", units, &l->followed_by) ||
	    lead_day_field(rs, body, "found_on", &l->found_on))
		return -1;
	take(&l->company, company);
	take(&l->uscc, uscc);
	take(&l->industry, industry);
	take(&l->source, source);
	if (v && json_is_null(v))
		l->amount = AMOUNT_NONE;
	else if (v && (!json_is_integer(v) || amount_problem(json_integer_value(v)))) {
		resp_fail(rs, HE_INVALID, "amount_yuan: whole yuan from 0 to 10^15",
			  "意向投资须为0至10^15之间的整数（元）", "amount_yuan");
		return -1;
	} else if (v)
		l->amount = json_integer_value(v);
	why = lead_check(l, units, &field);
	if (why) {
		resp_fail(rs, HE_INVALID, why, "线索信息不完整或不正确", field);
		return -1;
	}
	return 0;
}

/* The day of a step: today, or for the office any day that has come. */
static int step_day(struct http_req *rq, struct http_resp *rs, json_t *body, bl_day today,
		    bl_day *on)
{
	int office = (workflow_def(WF_LEAD)->office_roles >> rq->actor.role) & 1u;

	*on = today;
	if (lead_day_field(rs, body, "on", on))
		return -1;
	if (*on > today) {
		resp_fail(rs, HE_INVALID, "on: a day that has not come", "日期不能晚于今天", "on");
		return -1;
	}
	if (*on != today && !office) {
		resp_fail(rs, HE_FORBIDDEN, "only the project office records a step on another day",
			  "只有项目办可以补记其他日期的办理情况", "on");
		return -1;
	}
	return 0;
}

/* POST /leads {company, uscc, industry, amount_yuan, source, found_by,
 * followed_by, found_on, text}: 201 with the lead. A section user's lead is
 * found and followed by its own unit unless it names others in its subtree. */
void h_leads_create(struct http_req *rq, struct http_resp *rs)
{
	struct wf_request q = { WF_LEAD, WF_NONE, WA_SAVE, rq->actor.role, WF_UNSEEN, NULL };
	struct lead_log g = { 0 };
	struct lead_ctx c;
	json_t *body = req_json(rq, rs), *doc;
	const char *text = NULL;
	enum wf_outcome o;
	enum bl_err rc;

	memset(&c, 0, sizeof(c));
	lead_init(&c.l);
	c.today = scope_today();
	if (!body)
		return;
	rc = store_begin(rq->st);
	if (!rc)
		rc = store_units(rq->st, &c.units.units, &c.units.n_units);
	if (rc) {
		resp_store_error(rs, rq->st, rc);
		goto out;
	}
	dataset_index(&c.units);
	if (rq->actor.role == ROLE_SECTION)
		c.l.found_by = c.l.followed_by = rq->actor.unit_id;
	c.l.found_on = c.today;
	if (lead_from_json(rs, body, &c.units, &c.l) ||
	    lead_text_field(rs, body, "text", LEAD_TEXT_MAX, 0, &text))
		goto out;
	if (c.l.found_on > c.today) {
		resp_fail(rs, HE_INVALID, "found_on: a day that has not come", "日期不能晚于今天",
			  "found_on");
		goto out;
	}
	q.sight = workflow_lead_sight(&rq->actor, &c.units, &c.l);
	o = workflow_decide(&q, NULL, NULL);
	if (o != WFO_OK) {
		lead_refuse(rs, &q, o, "lead");
		goto out;
	}
	if (lead_unique(rq, rs, &c.units, &c.l, 0))
		goto out;
	g.kind = LK_FOUND;
	g.on = c.l.found_on;
	g.body = text ? xstrdup(text) : NULL;
	g.stage = LS_LEAD;
	rc = store_lead_insert(rq->st, &c.l, &g);
	if (http_finish(rq, rs, rc))
		goto out;
	c.sight = workflow_lead_sight(&rq->actor, &c.units, &c.l);
	c.details = access_lead_details(&rq->actor, &c.units, &c.l);
	doc = lead_detail_json(rq, rs, &c);
	if (doc)
		resp_json(rs, 201, doc);
out:
	store_rollback(rq->st);
	lead_log_release(&g);
	lead_ctx_release(&c);
	json_decref(body);
}

/* The log entry act makes, into g (its body the text, its stage to). */
static const char *log_of(enum wf_action act, json_t *body, enum lead_log_kind *kind)
{
	const char *k = json_string_value(json_object_get(body, "kind"));

	switch (act) {
	case WA_SAVE:
		*kind = LK_NOTE;
		return NULL;
	case WA_REPLY:
		*kind = k && lead_log_kind_from_text(k) == LK_VISIT ? LK_VISIT : LK_NOTE;
		return k && lead_log_kind_from_text(k) != LK_VISIT &&
		       lead_log_kind_from_text(k) != LK_NOTE ? "kind: note or visit (备注, 走访)"
							     : NULL;
	case WA_DROP:
		*kind = LK_DROP;
		return NULL;
	case WA_SIGN:
		*kind = LK_SIGN;
		return NULL;
	default:
		*kind = LK_STAGE;
		return NULL;
	}
}

/* Signing's own part: the project made and stored, l pointing at it. */
static int sign_project(struct http_req *rq, struct http_resp *rs, json_t *body,
			struct lead_ctx *c, bl_day on, struct lead_log *g)
{
	const char *ref = NULL, *name = NULL;
	const struct unit *finder = dataset_unit(&c->units, c->l.found_by);
	json_t *ind = json_object_get(body, "industrial");
	struct project p;
	int64_t id;
	char msg[300];
	enum bl_err rc;

	if (lead_text_field(rs, body, "ref", 64, 1, &ref) ||
	    lead_text_field(rs, body, "name", 200, 1, &name))
		return -1;
	if (!ref) {
		resp_fail(rs, HE_INVALID, "ref: the new project's reference is required",
			  "须填写新项目的项目编号", "ref");
		return -1;
	}
	if (!store_project_id(rq->st, ref, &id)) {
		snprintf(msg, sizeof(msg), "a project with ref %s exists already", ref);
		resp_fail(rs, HE_EXISTS, msg, "该项目编号已存在", "ref");
		return -1;
	}
	lead_project(&c->l, finder ? finder->kind : UNIT_DISTRICT, ref, name,
		     !ind || json_is_true(ind), on, &p);
	rc = store_project_put(rq->st, &p);
	if (rc) {
		project_release(&p);
		http_finish(rq, rs, rc);
		return -1;
	}
	c->l.project_id = p.id;
	free(c->l.project_ref);
	c->l.project_ref = xstrdup(ref);
	c->l.signed_on = on;
	g->body = xstrdup(ref);
	project_release(&p);
	return 0;
}

/* The part of act after the table allowed it: the lead's new fields. */
static int apply(struct http_req *rq, struct http_resp *rs, enum wf_action a, json_t *body,
		 struct lead_ctx *c, bl_day on, const char *text, struct lead_log *g)
{
	if (a == WA_SAVE) {
		if (rq->actor.role == ROLE_SECTION && (json_object_get(body, "followed_by") ||
						       json_object_get(body, "found_by"))) {
			resp_fail(rs, HE_FORBIDDEN, "only the project office reassigns a lead",
				  "只有项目办可以调整线索的发现或跟进单位", "followed_by");
			return -1;
		}
		if (lead_from_json(rs, body, &c->units, &c->l) ||
		    lead_unique(rq, rs, &c->units, &c->l, c->l.id))
			return -1;
		g->body = xstrdup(text ? text : "修改线索信息");
		return 0;
	}
	if (a == WA_DROP) {
		free(c->l.reason);
		c->l.reason = xstrdup(text);
	}
	if (a == WA_REOPEN) {
		free(c->l.reason);
		c->l.reason = NULL;
		if (lead_unique(rq, rs, &c->units, &c->l, c->l.id))
			return -1;
	}
	if (a == WA_SIGN)
		return sign_project(rq, rs, body, c, on, g);
	g->body = text ? xstrdup(text) : NULL;
	return 0;
}

static void act(struct http_req *rq, struct http_resp *rs, enum wf_action a, int created)
{
	struct wf_request q = { WF_LEAD, WF_NONE, a, rq->actor.role, WF_UNSEEN, NULL };
	struct lead_log g = { 0 };
	struct lead_ctx c;
	json_t *body = rq->body_len ? req_json(rq, rs) : json_object(), *doc;
	const char *text = NULL, *why;
	enum wf_outcome o;
	enum bl_err rc;
	bl_day on;
	int to;

	memset(&c, 0, sizeof(c));
	lead_init(&c.l);
	if (!body)
		return;
	rc = store_begin(rq->st);
	if (rc) {
		resp_store_error(rs, rq->st, rc);
		goto out;
	}
	if (lead_ctx_load(rq, rs, &c) ||
	    lead_text_field(rs, body, "text", LEAD_TEXT_MAX, 0, &text))
		goto out;
	q.from = (int)c.l.stage;
	q.sight = c.sight;
	q.reason = text;
	o = workflow_decide(&q, &to, NULL);
	if (o != WFO_OK) {
		lead_refuse(rs, &q, o, rq->captures[0]);
		goto out;
	}
	why = log_of(a, body, &g.kind);
	if (why) {
		resp_fail(rs, HE_INVALID, why, "记录类型应为备注或走访", "kind");
		goto out;
	}
	if (step_day(rq, rs, body, c.today, &on))
		goto out;
	if ((a == WA_SAVE || json_object_get(body, "version") || req_header(rq, "If-Match")) &&
	    version_check(rq, rs, body, c.l.version, lead_detail_json(rq, rs, &c)))
		goto out;
	g.on = on;
	g.stage = to == WF_UNCHANGED ? c.l.stage : (enum lead_stage)to;
	if (apply(rq, rs, a, body, &c, on, text, &g))
		goto out;
	rc = store_lead_step(rq->st, &c.l, &g);
	if (http_finish(rq, rs, rc))
		goto out;
	c.details = access_lead_details(&rq->actor, &c.units, &c.l);
	doc = lead_detail_json(rq, rs, &c);
	if (doc)
		resp_json(rs, created ? 201 : 200, doc);
out:
	store_rollback(rq->st); /* nothing to undo after http_finish */
	lead_log_release(&g);
	lead_ctx_release(&c);
	json_decref(body);
}

/* PATCH /leads/:id {version, company, uscc, industry, amount_yuan, source,
 * found_by, followed_by (the office), found_on, text} */
void h_leads_patch(struct http_req *rq, struct http_resp *rs)
{
	act(rq, rs, WA_SAVE, 0);
}

/* POST /leads/:id/advance {text, on}: 线索 → 洽谈 → 意向. */
void h_leads_advance(struct http_req *rq, struct http_resp *rs)
{
	act(rq, rs, WA_ADVANCE, 0);
}

/* POST /leads/:id/sign {ref, name, industrial, on, text}: from 意向; the
 * lead becomes project ref (reserve → signed on on). */
void h_leads_sign(struct http_req *rq, struct http_resp *rs)
{
	act(rq, rs, WA_SIGN, 0);
}

/* POST /leads/:id/drop {text: the reason, on} */
void h_leads_drop(struct http_req *rq, struct http_resp *rs)
{
	act(rq, rs, WA_DROP, 0);
}

/* POST /leads/:id/reopen {text, on}: the office takes a dropped lead back. */
void h_leads_reopen(struct http_req *rq, struct http_resp *rs)
{
	act(rq, rs, WA_REOPEN, 0);
}

/* POST /leads/:id/notes {kind: note|visit, text, on}: 201. */
void h_leads_note(struct http_req *rq, struct http_resp *rs)
{
	act(rq, rs, WA_REPLY, 1);
}
