/* res_items.c — /api/v1/items: supervision items (督办事项, DOMAIN.md §7). The
 * list (as of a day, filtered through io/scope_params.c's table), one item
 * with its timeline and the actions open to the caller, and raising one:
 * directly, from a site visit's note, or from a monthly report's 存在问题 in
 * one call. Who may do what is core/workflow.c's WF_ITEM table; the steps
 * after raising are res_item_acts.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/items_view.h"
#include "http/json_out.h"
#include "http/list_out.h"
#include "http/params.h"
#include "http/res_items_int.h"
#include "http/routes.h"
#include "io/json_items.h"
#include "io/parse.h"
#include "store/store_items.h"
#include "store/store_visits.h"
#include "store/store_workflow.h"
#include "util/xalloc.h"

#define LIST_LIMIT 100
#define LIST_MAX 1000

#define ITEMS_PARAMS                                                                       \
	(SP_BIT(SP_ASOF) | SP_BIT(SP_SECTION) | SP_BIT(SP_DEPARTMENT) | SP_BIT(SP_Q) |        \
	 SP_BIT(SP_OVERDUE) | SP_BIT(SP_LEVEL) | SP_BIT(SP_CATEGORY) | SP_BIT(SP_OWNER) |     \
	 SP_BIT(SP_STATE) | SP_BIT(SP_REF) | SP_PAGING)

/* GET /items?asof=&overdue=&level=&category=&owner=&state=&section=&department=
 * &q=&ref=&limit=&offset=: the items the caller may see, as of asof (today by
 * default), pending first, the earliest deadline first. */
void h_items_list(struct http_req *rq, struct http_resp *rs)
{
	static const struct list_param item_params[] = { { "ref", "项目编号" } };
	struct item_selection sel = { 0 };
	struct scope_query q;
	struct item_query iq;
	struct item_book b;
	int64_t limit, offset;
	json_t *doc;
	int xlsx;

	if (http_list_format(rq, rs, &xlsx) || http_scope_query(rq, rs, ITEMS_PARAMS, &q) ||
	    http_paging(rs, &q, LIST_LIMIT, LIST_MAX, &limit, &offset))
		return;
	if (item_book_load(rq->st, &b)) {
		resp_store_error(rs, rq->st, BL_EDB);
		return;
	}
	if (http_scope_resolve(rs, &b.units, &q))
		goto out;
	item_query_init(&iq, q.given & SP_BIT(SP_ASOF) ? q.sc.asof : scope_today());
	iq.overdue = q.overdue;
	iq.level = q.level;
	iq.category = q.category;
	iq.state = q.state;
	iq.owner_id = q.owner_id;
	iq.section_id = q.sc.section_id;
	iq.department_id = q.sc.department_id;
	iq.q = q.sc.q;
	if (q.ref) {
		size_t i;

		iq.project_id = -1; /* a ref no item's project has: none */
		for (i = 0; i < b.n_projects; i++)
			if (b.projects[i].ref && !strcmp(b.projects[i].ref, q.ref))
				iq.project_id = b.projects[i].id;
	}
	item_select(&b, &iq, &rq->actor, &sel);
	if (xlsx) { /* every item the filters select, as the list orders them */
		doc = item_list_json(&b, &sel, iq.asof, (int64_t)sel.n, 0);
		http_answer_xlsx(rq, rs, LK_ITEMS, json_incref(json_object_get(doc, "items")), NULL,
				 item_params, 1);
		json_decref(doc);
	} else {
		resp_json(rs, 200, item_list_json(&b, &sel, iq.asof, limit, offset));
	}
out:
	item_selection_release(&sel);
	item_book_release(&b);
}

/* ---- shared with res_item_acts.c ---- */

int item_ctx_load(struct http_req *rq, struct http_resp *rs, struct item_ctx *c)
{
	int64_t id;
	enum bl_err rc;

	memset(c, 0, sizeof(*c));
	item_init(&c->it);
	project_init(&c->p);
	c->today = scope_today();
	if (parse_int(rq->captures[0], &id) || id <= 0) {
		resp_not_found(rs, rq->captures[0]);
		return -1;
	}
	rc = store_item_get(rq->st, id, &c->it);
	if (!rc)
		rc = store_item_project(rq->st, c->it.project_id, &c->p);
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
	c->sight = workflow_item_sight(&rq->actor, &c->units, &c->p, c->it.owner_id);
	if (c->sight == WF_UNSEEN) {
		resp_not_found(rs, rq->captures[0]);
		return -1;
	}
	return 0;
}

void item_ctx_release(struct item_ctx *c)
{
	item_release(&c->it);
	project_release(&c->p);
	dataset_release(&c->units);
}

void item_refuse(struct http_resp *rs, const struct wf_request *q, enum wf_outcome o,
		 const char *what)
{
	const char *act = wf_action_keys[q->act];
	char msg[200], zh[200];

	switch (o) {
	case WFO_FORBIDDEN:
		snprintf(msg, sizeof(msg), "you may not %s this item (core/workflow.c: item)", act);
		resp_fail(rs, HE_FORBIDDEN, msg, "您无权对该事项进行此操作", NULL);
		break;
	case WFO_UNSEEN:
		resp_not_found(rs, what);
		break;
	case WFO_NEED_REASON:
		resp_fail(rs, HE_INVALID, "a text of 1-2000 characters is needed",
			  "须填写内容（1至2000字）", "text");
		break;
	case WFO_LOCKED:
		resp_fail(rs, HE_LOCKED, "the item is resolved or closed; the project office "
			  "reopens it first", "事项已办结或已关闭，如需继续办理请项目办重新打开",
			  "status");
		break;
	default:
		snprintf(msg, sizeof(msg), "the item is %s; %s does not apply to it",
			 q->from >= 0 && q->from < IS__MAX ? item_status_keys[q->from] : "new", act);
		snprintf(zh, sizeof(zh), "事项当前为“%s”，不能进行此操作",
			 q->from >= 0 && q->from < IS__MAX ? item_status_labels[q->from] : "新建");
		resp_fail(rs, HE_WRONG_STATUS, msg, zh, "status");
		break;
	}
}

static int add_step(void *ctx, const struct item_step *s)
{
	json_array_append_new(ctx, item_step_json(s));
	return 0;
}

json_t *item_detail_json(struct http_req *rq, struct http_resp *rs, const struct item_ctx *c)
{
	struct item_entry e;
	struct item_seen v;
	json_t *doc, *steps = json_array(), *acts = json_array();
	unsigned mask;
	int a;

	memset(&e, 0, sizeof(e));
	e.it = c->it;
	e.p = &c->p;
	memset(&v, 0, sizeof(v));
	v.e = &e;
	v.s = item_current(&c->it);
	v.overdue = item_overdue(&v.s, c->today);
	v.days_late = item_days_late(&v.s, c->today);
	v.days_left = item_pending(v.s.status) && !v.overdue ? (int64_t)v.s.deadline - c->today : 0;
	if (store_item_steps(rq->st, c->it.id, add_step, steps)) {
		json_decref(steps);
		json_decref(acts);
		resp_store_error(rs, rq->st, BL_EDB);
		return NULL;
	}
	mask = workflow_actions_now(WF_ITEM, rq->actor.role, c->sight, (int)c->it.status);
	for (a = 0; a < WA__MAX; a++)
		if (mask & (1u << a))
			json_array_append_new(acts, json_string(a == WA_SAVE ? "edit" :
								wf_action_keys[a]));
	doc = item_seen_json(&c->units, &v);
	json_object_set_new(doc, "asof", json_string(day_format(c->today, (char[11]){ 0 })));
	json_object_set_new(doc, "project", json_pack("{s:s, s:s, s:o, s:o}", "ref",
		c->p.ref ? c->p.ref : "", "name", c->p.name ? c->p.name : "", "section",
		item_unit_json(&c->units, c->p.section_id), "department",
		item_unit_json(&c->units, c->p.department_id)));
	json_object_set_new(doc, "steps", steps);
	json_object_set_new(doc, "actions", acts);
	return doc;
}

int item_day_field(struct http_resp *rs, json_t *body, const char *key, bl_day *out)
{
	json_t *v = json_object_get(body, key);
	const char *why;

	if (!v || json_is_null(v))
		return 0;
	why = json_is_string(v) ? parse_day(json_string_value(v), out) : "not a date";
	if (why) {
		resp_fail(rs, HE_INVALID, "a date such as 2024-06-30", "须为日期，如 2024-06-30",
			  key);
		return -1;
	}
	return 0;
}

/* A text field of body (absent or null: *out untouched); -1 after a 400. */
static int text_field(struct http_resp *rs, json_t *body, const char *key, size_t max,
		      int one_line, int may_clear, const char **out)
{
	json_t *v = json_object_get(body, key);
	const char *why;
	char msg[160];

	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v))
		why = "not a text";
	else if (may_clear && !*json_string_value(v))
		why = NULL;
	else
		why = item_text_problem(json_string_value(v), max, one_line);
	if (why) {
		snprintf(msg, sizeof(msg), "%s: %s", key, why);
		resp_fail(rs, HE_INVALID, msg, "内容不符合要求（长度、换行或编码）", key);
		return -1;
	}
	*out = json_string_value(v);
	return 0;
}

int item_change_from_json(struct http_resp *rs, json_t *body, const struct dataset *units,
			  struct item_change *ch)
{
	json_t *v;

	if (item_day_field(rs, body, "on", &ch->on) ||
	    item_day_field(rs, body, "deadline", &ch->deadline) ||
	    text_field(rs, body, "text", ITEM_TEXT_MAX, 0, 0, &ch->text) ||
	    text_field(rs, body, "attachment", ITEM_ATTACHMENT_MAX, 1, 0, &ch->attachment) ||
	    text_field(rs, body, "title", ITEM_TITLE_MAX, 1, 0, &ch->title) ||
	    text_field(rs, body, "detail", ITEM_TEXT_MAX, 0, 1, &ch->detail))
		return -1;
	v = json_object_get(body, "category");
	if (v && !json_is_null(v)) {
		ch->category = json_is_string(v) ? item_category_from_text(json_string_value(v)) : -1;
		if (ch->category < 0) {
			resp_fail(rs, HE_INVALID, "one of land, energy, funds, approval, demolition, "
				  "other (用地, 用能, 资金, 审批, 征拆, 其他)",
				  "类别应为用地、用能、资金、审批、征拆或其他", "category");
			return -1;
		}
	}
	v = json_object_get(body, "owner");
	if (v && !json_is_null(v)) {
		const struct unit *u = json_is_string(v) ?
			dataset_find_unit(units, json_string_value(v)) : NULL;

		if (!u) {
			resp_fail(rs, HE_INVALID, "no unit has this code or name",
				  "没有此代码或名称的单位", "owner");
			return -1;
		}
		ch->owner_id = u->id;
	}
	return 0;
}

/* ---- GET /items/:id ---- */

void h_items_get(struct http_req *rq, struct http_resp *rs)
{
	struct item_ctx c;
	json_t *doc;

	if (!item_ctx_load(rq, rs, &c)) {
		doc = item_detail_json(rq, rs, &c);
		if (doc)
			resp_json(rs, 200, doc);
	}
	item_ctx_release(&c);
}

/* ---- POST /items ---- */

/* The level given: a whole number 1–4 or its key or label; -1 after a 400. */
static int level_field(struct http_resp *rs, json_t *body, int *out)
{
	json_t *v = json_object_get(body, "level");
	int l = -1;

	if (!v || json_is_null(v))
		return 0;
	if (json_is_integer(v) && json_integer_value(v) >= ITEM_LEVEL_MIN &&
	    json_integer_value(v) <= ITEM_LEVEL_MAX)
		l = (int)json_integer_value(v);
	else if (json_is_string(v))
		l = item_level_from_text(json_string_value(v));
	if (l < 0) {
		resp_fail(rs, HE_INVALID, "a level from 1 to 4 (板块协调, 部门协调, 区领导协调, 区协调会)",
			  "层级应为1至4", "level");
		return -1;
	}
	*out = l;
	return 0;
}

/* visits: an item raised from a recorded visit ("from_visit": {"id", "note"},
 * res_visits.c): of the visit's project, raised on its day, the note (else
 * the visit's findings) as its detail, its source_ref "visit:ID"; -1 after a
 * 400. */
static int from_visit_id(struct http_req *rq, struct http_resp *rs, json_t *visit,
			 const struct project *p, struct item *it, const char **text)
{
	json_t *id = json_object_get(visit, "id"), *note = json_object_get(visit, "note");
	struct visit v;
	char ref[32];

	if (!json_is_integer(id) || store_visit_get(rq->st, json_integer_value(id), &v)) {
		resp_fail(rs, HE_INVALID, "from_visit.id: no such visit", "没有这条走访记录",
			  "from_visit");
		return -1;
	}
	if (v.project_id != p->id) {
		visit_release(&v);
		resp_fail(rs, HE_INVALID, "from_visit.id: the visit is of another project",
			  "该走访记录不属于此项目", "from_visit");
		return -1;
	}
	if (json_is_string(note) && !item_text_problem(json_string_value(note), ITEM_TEXT_MAX, 0))
		it->detail = xstrdup(json_string_value(note));
	else if (note && !json_is_null(note)) {
		visit_release(&v);
		resp_fail(rs, HE_INVALID, "a site visit's note of 1-2000 characters",
			  "须填写现场督办记录（1至2000字）", "from_visit");
		return -1;
	} else if (v.findings)
		it->detail = xstrdup(v.findings);
	snprintf(ref, sizeof(ref), "visit:%lld", (long long)v.id);
	it->source = ISRC_VISIT;
	it->source_ref = xstrdup(ref);
	it->raised_on = v.on;
	visit_release(&v);
	*text = it->detail;
	return 0;
}

/* What an item is raised from: a monthly report's 存在问题 ("from_report":
 * "YYYY-MM"), a site visit's note ("from_visit": {"on", "note"}), or the
 * title given. Fills the source and the defaults of title, detail and
 * raised_on; -1 after a 400. */
static int source_of(struct http_req *rq, struct http_resp *rs, json_t *body,
		     const struct project *p, struct item *it, const char **text)
{
	json_t *rep = json_object_get(body, "from_report"), *visit = json_object_get(body, "from_visit");
	struct report_row rr;
	bl_month month;
	char *title;

	*text = NULL;
	if (rep && !json_is_null(rep)) {
		if (http_month(rs, json_string_value(rep), &month))
			return -1;
		if (store_report_get(rq->st, p->id, month, &rr)) {
			resp_fail(rs, HE_INVALID, "the project has no report of that month",
				  "该项目没有这个月的月报", "from_report");
			return -1;
		}
		title = rr.r.problems ? item_title_from_text(rr.r.problems) : NULL;
		free(title);
		if (!title) {
			report_row_release(&rr);
			resp_fail(rs, HE_INVALID, "that month's report has no 存在问题 text",
				  "该月月报未填写存在问题", "from_report");
			return -1;
		}
		it->source = ISRC_REPORT;
		it->source_ref = xstrdup(json_string_value(rep));
		it->detail = xstrdup(rr.r.problems);
		report_row_release(&rr);
	} else if (visit && !json_is_null(visit)) {
		json_t *note = json_object_get(visit, "note");
		bl_day on = DAY_NONE;
		char day[11];

		if (!json_is_object(visit)) {
			resp_fail(rs, HE_INVALID, "from_visit: {\"on\": a date, \"note\": a text}",
				  "现场督办须给出日期和记录", "from_visit");
			return -1;
		}
		if (item_day_field(rs, visit, "on", &on))
			return -1;
		if (json_object_get(visit, "id"))
			return from_visit_id(rq, rs, visit, p, it, text);
		if (!json_is_string(note) ||
		    item_text_problem(json_string_value(note), ITEM_TEXT_MAX, 0)) {
			resp_fail(rs, HE_INVALID, "a site visit's note of 1-2000 characters",
				  "须填写现场督办记录（1至2000字）", "from_visit");
			return -1;
		}
		it->source = ISRC_VISIT;
		it->detail = xstrdup(json_string_value(note));
		if (on != DAY_NONE) {
			it->raised_on = on;
			it->source_ref = xstrdup(day_format(on, day));
		}
	} else {
		it->source = ISRC_DIRECT;
	}
	*text = it->detail;
	return 0;
}

/* The fields only the office sets when raising: a 403 naming one, and -1. */
static int office_only(struct http_resp *rs, json_t *body)
{
	static const char *const keys[] = { "level", "owner", "deadline" };
	size_t i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		json_t *v = json_object_get(body, keys[i]);

		if (v && !json_is_null(v)) {
			resp_fail(rs, HE_FORBIDDEN, "only the project office sets an item's level, "
				  "owner or deadline", "事项的层级、责任单位和办结时限由项目办确定",
				  keys[i]);
			return -1;
		}
	}
	return 0;
}

/* Fill it from body and the defaults; -1 after a 400 or 403. */
static int raise_fields(struct http_req *rq, struct http_resp *rs, json_t *body,
			struct item_ctx *c, int office)
{
	struct item_settings is;
	struct item_change ch;
	const char *text;

	item_change_init(&ch, c->today);
	if ((!office && office_only(rs, body)) ||
	    item_change_from_json(rs, body, &c->units, &ch) ||
	    level_field(rs, body, &c->it.level) ||
	    item_day_field(rs, body, "raised_on", &c->it.raised_on) ||
	    source_of(rq, rs, body, &c->p, &c->it, &text))
		return -1;
	if (c->it.raised_on == DAY_NONE)
		c->it.raised_on = c->today;
	if (c->it.raised_on > c->today) {
		resp_fail(rs, HE_INVALID, "an item is not raised on a day that has not come",
			  "提出日期不能晚于今天", "raised_on");
		return -1;
	}
	if (ch.detail) {
		free(c->it.detail);
		c->it.detail = *ch.detail ? xstrdup(ch.detail) : NULL;
	}
	c->it.title = ch.title ? xstrdup(ch.title) : item_title_from_text(text);
	if (!c->it.title) {
		resp_fail(rs, HE_INVALID, "title: missing", "须填写事项", "title");
		return -1;
	}
	c->it.category = ch.category >= 0 ? (enum item_category)ch.category
			 : item_guess_category(c->it.detail ? c->it.detail : c->it.title);
	c->it.owner_id = ch.owner_id ? ch.owner_id : c->p.section_id;
	item_settings_load(rq->st, &is, NULL, NULL);
	c->it.deadline = ch.deadline != DAY_NONE ? ch.deadline
			 : item_deadline_for(c->it.raised_on, c->it.level, &is);
	c->it.level_deadline = c->it.deadline;
	if (c->it.deadline < c->it.raised_on) {
		resp_fail(rs, HE_INVALID, "the deadline is before the day it is raised",
			  "办结时限不能早于提出日期", "deadline");
		return -1;
	}
	c->it.project_id = c->p.id;
	c->it.status = IS_OPEN;
	return 0;
}

/* POST /items {ref, title, detail, category, owner, level, deadline,
 * raised_on, from_report | from_visit}: 201 with the item. */
void h_items_create(struct http_req *rq, struct http_resp *rs)
{
	json_t *body = req_json(rq, rs), *ref, *doc;
	struct wf_request q = { WF_ITEM, WF_NONE, WA_SAVE, ROLE__MAX, WF_UNSEEN, NULL };
	struct item_step step;
	struct item_ctx c;
	enum wf_outcome o;
	enum bl_err rc;

	memset(&c, 0, sizeof(c));
	item_init(&c.it);
	project_init(&c.p);
	memset(&step, 0, sizeof(step));
	c.today = scope_today();
	if (!body)
		return;
	ref = json_object_get(body, "ref");
	if (!json_is_string(ref) || !*json_string_value(ref)) {
		resp_fail(rs, HE_INVALID, "ref: the project's ref is needed", "须给出项目编号", "ref");
		goto out;
	}
	if (http_begin(rq, rs))
		goto out;
	if (store_project_by_ref(rq->st, json_string_value(ref), &c.p)) {
		resp_not_found(rs, "ref");
		goto out;
	}
	if (store_units(rq->st, &c.units.units, &c.units.n_units)) {
		resp_store_error(rs, rq->st, BL_EDB);
		goto out;
	}
	dataset_index(&c.units);
	c.sight = workflow_item_sight(&rq->actor, &c.units, &c.p, 0);
	q.role = rq->actor.role;
	q.sight = c.sight;
	o = workflow_decide(&q, NULL, NULL);
	if (o != WFO_OK) {
		item_refuse(rs, &q, o, "ref");
		goto out;
	}
	if (raise_fields(rq, rs, body, &c, (workflow_def(WF_ITEM)->office_roles >>
					    rq->actor.role) & 1u))
		goto out;
	step.kind = IK_RAISE;
	step.on = c.it.raised_on;
	step.after = item_current(&c.it);
	rc = store_item_insert(rq->st, &c.it, &step);
	if (http_finish(rq, rs, rc))
		goto out;
	c.sight = workflow_item_sight(&rq->actor, &c.units, &c.p, c.it.owner_id);
	doc = item_detail_json(rq, rs, &c);
	if (doc)
		resp_json(rs, 201, doc);
out:
	store_rollback(rq->st); /* nothing to undo after http_finish */
	item_step_release(&step);
	item_ctx_release(&c);
	json_decref(body);
}
