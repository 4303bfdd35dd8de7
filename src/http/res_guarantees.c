/* res_guarantees.c — /api/v1/supplies and /api/v1/demolition (DOMAIN.md §7):
 * the element guarantees (要素保障: need against supplied per section and
 * project, who waits) and the demolition task books (征拆任务书) as of a day,
 * each also as XLSX; recording a need or a supply event, and a demolition
 * progress report. Rows are the caller's by core/access.c: supplies as their
 * projects, demolition tasks by section subtree. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/guarantees_view.h"
#include "http/list_out.h"
#include "http/params.h"
#include "http/routes.h"
#include "io/json_guarantees.h"
#include "io/parse.h"
#include "store/store_guarantees.h"
#include "util/xalloc.h"

#define LIST_LIMIT 100
#define LIST_MAX 1000

#define SUPPLIES_PARAMS (SP_PERIOD | SP_BIT(SP_SECTION) | SP_BIT(SP_DEPARTMENT) | SP_PAGING)
#define DEMOLITION_PARAMS (SP_PERIOD | SP_BIT(SP_SECTION) | SP_PAGING)

/* The query, paging and book of a list; -1 after the response is set. */
static int list_begin(struct http_req *rq, struct http_resp *rs, sp_set accept,
		      struct scope_query *q, struct guarantee_book *b, struct guarantee_query *gq,
		      int64_t *limit, int64_t *offset)
{
	if (http_scope_query(rq, rs, accept, q) ||
	    http_paging(rs, q, LIST_LIMIT, LIST_MAX, limit, offset))
		return -1;
	if (guarantee_book_load(rq->st, b)) {
		resp_store_error(rs, rq->st, BL_EDB);
		return -1;
	}
	if (http_scope_resolve(rs, &b->units, q)) {
		guarantee_book_release(b);
		return -1;
	}
	memset(gq, 0, sizeof(*gq));
	gq->year = q->sc.year;
	gq->asof = q->sc.asof;
	gq->section_id = q->sc.section_id;
	gq->department_id = q->sc.department_id;
	return 0;
}

/* GET /supplies?year=&asof=&section=&department=&limit=&offset=: the
 * district's and each section's need, supplied and gap per element, and the
 * projects' lines (a page of them); format=xlsx: the section matrix with the
 * district's row last. */
void h_supplies_list(struct http_req *rq, struct http_resp *rs)
{
	struct guarantee_book b;
	struct guarantee_query gq;
	struct guarantee_view v;
	struct scope_query q;
	int64_t limit, offset;
	json_t *doc, *rows, *total;
	int xlsx;

	if (http_list_format(rq, rs, &xlsx) ||
	    list_begin(rq, rs, SUPPLIES_PARAMS, &q, &b, &gq, &limit, &offset))
		return;
	guarantee_view_make(&b, &gq, &rq->actor, &v);
	doc = guarantees_json(&b, &gq, &v, limit, offset);
	if (xlsx) {
		rows = json_deep_copy(json_object_get(doc, "sections"));
		total = json_deep_copy(json_object_get(doc, "district"));
		json_object_set_new(total, "section", json_pack("{s:s}", "name", "合计"));
		json_array_append_new(rows, total);
		http_answer_xlsx(rq, rs, LK_SUPPLIES, rows, &q, NULL, 0);
		json_decref(doc);
	} else {
		resp_json(rs, 200, doc);
	}
	guarantee_view_release(&v);
	guarantee_book_release(&b);
}

/* GET /demolition?year=&asof=&section=&limit=&offset=: the year's tasks the
 * caller sees with done, pace and status at asof; format=xlsx: all of them. */
void h_demolition_list(struct http_req *rq, struct http_resp *rs)
{
	struct demolition_board d;
	struct guarantee_book b;
	struct guarantee_query gq;
	struct scope_query q;
	int64_t limit, offset;
	json_t *doc;
	int xlsx;

	if (http_list_format(rq, rs, &xlsx) ||
	    list_begin(rq, rs, DEMOLITION_PARAMS, &q, &b, &gq, &limit, &offset))
		return;
	demolition_board_make(&b, &gq, &rq->actor, &d);
	if (xlsx) {
		doc = demolition_json(&b, &gq, &d, (int64_t)d.n, 0);
		http_answer_xlsx(rq, rs, LK_DEMOLITION, json_incref(json_object_get(doc, "items")),
				 &q, NULL, 0);
		json_decref(doc);
	} else {
		resp_json(rs, 200, demolition_json(&b, &gq, &d, limit, offset));
	}
	demolition_board_release(&d);
	guarantee_book_release(&b);
}

/* ---- writes ---- */

/* A text member of body, NULL when absent or null; -1 (400) when not text. */
static int text_field(struct http_resp *rs, json_t *body, const char *k, const char **out)
{
	json_t *v = json_object_get(body, k);

	*out = NULL;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v)) {
		resp_fail(rs, HE_INVALID, "must be text", "须为文本", k);
		return -1;
	}
	*out = json_string_value(v);
	return 0;
}

/* A day member (required or not); -1 after a 400. */
static int day_field(struct http_resp *rs, json_t *body, const char *k, int required,
		     bl_day *out)
{
	const char *s;

	*out = DAY_NONE;
	if (text_field(rs, body, k, &s))
		return -1;
	if (!s && !required)
		return 0;
	if (!s || parse_day(s, out)) {
		resp_fail(rs, HE_INVALID, "a date such as 2024-03-05 is needed",
			  "须为日期，如 2024-03-05", k);
		return -1;
	}
	return 0;
}

/* A decimal amount with at most 4 decimals (text or a whole number) as
 * ten-thousandths; -1 after a 400. */
static int amount_field(struct http_resp *rs, json_t *body, int64_t *out)
{
	json_t *v = json_object_get(body, "amount");
	const char *why = NULL;

	if (json_is_integer(v) && json_integer_value(v) <= AMOUNT_MAX / 10000)
		*out = json_integer_value(v) * 10000;
	else if (json_is_string(v))
		why = parse_decimal(json_string_value(v), 4, out);
	else
		why = "a number with at most 4 decimals is needed";
	if (!why)
		why = amount_problem(*out);
	if (why) {
		resp_fail(rs, HE_INVALID, why, "数量须为不小于0、最多4位小数的数", "amount");
		return -1;
	}
	return 0;
}

/* The version the body says it changes, when a stored row is changed: 0, or
 * -1 after a 428 (absent) or 409 (another). */
static int version_check(struct http_resp *rs, json_t *body, int64_t stored)
{
	json_t *v = json_object_get(body, "version");

	if (!json_is_integer(v)) {
		resp_fail(rs, HE_VERSION_REQUIRED, NULL, NULL, "version");
		return -1;
	}
	if (json_integer_value(v) != stored) {
		resp_fail(rs, HE_STALE, "stale: changed since you read it", "已被他人修改，请刷新后重试",
			  "version");
		return -1;
	}
	return 0;
}

/* The supply row of body (but its project) into *s; -1 after a 400. */
static int supply_of(struct http_resp *rs, json_t *body, struct supply *s)
{
	const char *el, *kind, *doc;
	json_t *year = json_object_get(body, "year");
	int e, k;

	if (text_field(rs, body, "element", &el) || text_field(rs, body, "kind", &kind) ||
	    text_field(rs, body, "doc_no", &doc))
		return -1;
	e = element_from_text(el);
	k = supply_kind_from_text(kind);
	if (e < 0 || k < 0) {
		resp_fail(rs, HE_INVALID, e < 0 ? "element: land, energy or funding" :
			  "kind: need, land_grant, energy_approval, loan, bond, fiscal or other",
			  e < 0 ? "要素须为 用地、用能 或 资金" : "类型须为 需求 或一种供给", e < 0 ? "element" : "kind");
		return -1;
	}
	s->element = (enum element)e;
	s->kind = (enum supply_kind)k;
	if (!json_is_integer(year)) {
		resp_fail(rs, HE_INVALID, "a year is needed", "须给出年度", "year");
		return -1;
	}
	s->year = (int)json_integer_value(year);
	if (day_field(rs, body, "on", s->kind != SK_NEED, &s->on) || amount_field(rs, body, &s->amount))
		return -1;
	if (doc && strlen(doc) > 200) {
		resp_fail(rs, HE_INVALID, "at most 200 bytes", "文号过长", "doc_no");
		return -1;
	}
	s->doc_no = doc && *doc ? xstrdup(doc) : NULL;
	return 0;
}

/* The units of the store, indexed, into *ds; -1 after a 500. */
static int units_of(struct http_req *rq, struct http_resp *rs, struct dataset *ds)
{
	memset(ds, 0, sizeof(*ds));
	if (store_units(rq->st, &ds->units, &ds->n_units)) {
		resp_store_error(rs, rq->st, BL_EDB);
		return -1;
	}
	dataset_index(ds);
	return 0;
}

/* POST /supplies {ref, year, element, kind, on, amount, doc_no, version}: a
 * project's need for a year (kind need) or a supply event, upserted by its
 * key; changing a stored row needs its version. A section user records its
 * own projects' (404 for a project it cannot see). 201 new, 200 changed or
 * unchanged, with {supply}. */
void h_supplies_put(struct http_req *rq, struct http_resp *rs)
{
	json_t *body = req_json(rq, rs);
	struct supply s, old;
	struct project p;
	struct dataset ds;
	const char *ref;
	const char *why;
	enum bl_err rc;
	char day[11];

	supply_init(&s);
	supply_init(&old);
	project_init(&p);
	memset(&ds, 0, sizeof(ds));
	if (!body)
		return;
	if (text_field(rs, body, "ref", &ref) || supply_of(rs, body, &s))
		goto out;
	if (!ref) {
		resp_fail(rs, HE_INVALID, "ref: the project's ref is needed", "须给出项目编号", "ref");
		goto out;
	}
	why = supply_problem(&s);
	if (why) {
		resp_fail(rs, HE_INVALID, why, "要素、类型、日期或数量不符合要求", "kind");
		goto out;
	}
	rc = store_begin(rq->st);
	if (rc) {
		resp_store_error(rs, rq->st, rc);
		goto out;
	}
	if (units_of(rq, rs, &ds))
		goto out;
	if (store_project_by_ref(rq->st, ref, &p) || !access_project_visible(&rq->actor, &ds, &p)) {
		resp_not_found(rs, "ref");
		goto out;
	}
	s.project_id = p.id;
	rc = store_supply_find(rq->st, &s, &old);
	if (rc && rc != BL_ENOTFOUND) {
		resp_store_error(rs, rq->st, rc);
		goto out;
	}
	if (!rc && version_check(rs, body, old.version))
		goto out;
	rc = store_supply_put(rq->st, &s);
	if (http_finish(rq, rs, rc))
		goto out;
	resp_json(rs, store_last_put(rq->st) == PUT_INSERTED ? 201 : 200,
		  json_pack("{s:{s:I, s:s, s:i, s:s, s:s, s:o, s:I, s:s?, s:I}}", "supply", "id",
			    (json_int_t)s.id, "ref", p.ref, "year", s.year, "element",
			    element_keys[s.element], "kind", supply_kind_keys[s.kind], "on",
			    s.on == DAY_NONE ? json_null() : json_string(day_format(s.on, day)),
			    "amount", (json_int_t)s.amount, "doc_no", s.doc_no, "version",
			    (json_int_t)s.version));
out:
	store_rollback(rq->st); /* nothing to undo after http_finish */
	supply_release(&s);
	supply_release(&old);
	project_release(&p);
	dataset_release(&ds);
	json_decref(body);
}

/* POST /demolition/:id/reports {on, done, version}: what the task's section
 * has done so far on day on, upserted by (task, on); changing a stored
 * report needs its version. A section user reports its subtree's tasks
 * (404 for another's). 201 new, 200 changed or unchanged. */
void h_demolition_report(struct http_req *rq, struct http_resp *rs)
{
	json_t *body = req_json(rq, rs), *done;
	struct demolition_task t;
	struct demolition_report r = { 0 }, old;
	struct guarantee_book b;
	const struct demolition_task *tp;
	const char *why;
	int64_t id = parse_id(rq->captures[0]);
	enum bl_err rc;
	char day[11];

	memset(&b, 0, sizeof(b));
	demolition_task_init(&t);
	if (!body)
		return;
	rc = store_begin(rq->st);
	if (rc) {
		resp_store_error(rs, rq->st, rc);
		goto out;
	}
	if (guarantee_book_load(rq->st, &b)) {
		resp_store_error(rs, rq->st, BL_EDB);
		goto out;
	}
	tp = id > 0 ? guarantee_book_task(&b, id) : NULL;
	if (!tp || !access_demolition_visible(&rq->actor, &b.units, tp->section_id)) {
		resp_not_found(rs, rq->captures[0]);
		goto out;
	}
	if (!access_demolition_reportable(&rq->actor, &b.units, tp->section_id)) {
		resp_fail(rs, HE_FORBIDDEN, NULL, NULL, NULL);
		goto out;
	}
	done = json_object_get(body, "done");
	if (day_field(rs, body, "on", 1, &r.on))
		goto out;
	if (!json_is_integer(done)) {
		resp_fail(rs, HE_INVALID, "done: a whole number is needed", "累计完成须为整数", "done");
		goto out;
	}
	r.done = json_integer_value(done);
	r.task_id = tp->id;
	why = demolition_report_problem(tp, &r);
	if (why) {
		resp_fail(rs, HE_INVALID, why, "填报日期或累计完成不符合要求",
			  r.on == DAY_NONE || r.done >= 0 ? "on" : "done");
		goto out;
	}
	rc = store_demolition_report_find(rq->st, tp->id, r.on, &old);
	if (rc && rc != BL_ENOTFOUND) {
		resp_store_error(rs, rq->st, rc);
		goto out;
	}
	if (!rc && version_check(rs, body, old.version))
		goto out;
	rc = store_demolition_report_put(rq->st, &r);
	if (http_finish(rq, rs, rc))
		goto out;
	resp_json(rs, store_last_put(rq->st) == PUT_INSERTED ? 201 : 200,
		  json_pack("{s:{s:I, s:I, s:s, s:I, s:I}}", "report", "id", (json_int_t)r.id,
			    "task_id", (json_int_t)r.task_id, "on", day_format(r.on, day), "done",
			    (json_int_t)r.done, "version", (json_int_t)r.version));
out:
	store_rollback(rq->st);
	guarantee_book_release(&b);
	demolition_task_release(&t);
	json_decref(body);
}
