/* res_plans.c — /api/v1/listings (a project on a year's list: tiers, annual
 * plan, month-by-month plan) and writing /api/v1/targets (create, change the
 * value, delete). The project office sets these; everyone reads them. */
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/changes.h"
#include "core/demolition_target.h"
#include "core/targets.h"
#include "http/json_out.h"
#include "http/params.h"
#include "http/routes.h"
#include "io/parse.h"
#include "store/store_workflow.h"
#include "util/xalloc.h"

/* GET /listings?year=Y[&filters]: the year's listings of the projects the
 * caller sees that the filters select. */
void h_listings_list(struct http_req *rq, struct http_resp *rs)
{
	struct warning_list wl = { 0 };
	struct scope_query q;
	struct dataset ds;
	json_t *items;
	size_t i;

	if (http_scope_query(rq, rs, SP_PERIOD | SP_FILTERS, &q) ||
	    load_year(rq, rs, q.sc.year, &ds))
		return;
	if (http_scope_resolve(rs, &ds, &q) || http_scope_lights(rq, rs, &ds, &q, &wl))
		goto out;
	items = json_array();
	for (i = 0; i < ds.n_projects; i++)
		if (access_project_visible(&rq->actor, &ds, &ds.projects[i]) &&
		    scope_matches(&ds, &q.sc, i))
			json_array_append_new(items, api_listing_json(ds.projects[i].ref,
								  &ds.listings[i]));
	resp_json(rs, 200, json_pack("{s:i, s:o, s:o}", "year", q.sc.year, "plan",
				     api_plan_json(rq, q.sc.year), "items", items));
	warning_list_release(&wl);
out:
	dataset_release(&ds);
}

/* The tiers as the import and the filters read them (province or 省, …). */
static int tiers_from_json(struct http_resp *rs, json_t *v, unsigned *out)
{
	unsigned m;
	size_t i;

	*out = 0;
	for (i = 0; json_is_array(v) && i < json_array_size(v); i++) {
		const char *s = json_string_value(json_array_get(v, i));

		if (s && !parse_tiers(s, &m))
			*out |= m;
	}
	if (!*out) {
		resp_bad_request(rs, "tiers", "tiers: a list of province, city, district");
		return -1;
	}
	return 0;
}

static int month_plan_from_json(struct http_resp *rs, json_t *v, struct listing *l)
{
	int64_t sum = 0;
	int m;

	l->has_month_plan = 0;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_array(v) || json_array_size(v) != 12) {
		resp_bad_request(rs, "month_plan_yuan", "twelve amounts in yuan, January first");
		return -1;
	}
	for (m = 0; m < 12; m++) {
		json_t *x = json_array_get(v, (size_t)m);

		if (!json_is_integer(x) || amount_problem((int64_t)json_integer_value(x))) {
			resp_bad_request(rs, "month_plan_yuan", "amounts in whole yuan from 0 to "
					 "10^15");
			return -1;
		}
		l->month_plan[m] = (int64_t)json_integer_value(x);
		amount_add(&sum, l->month_plan[m]); /* each ≤ AMOUNT_MAX: cannot overflow */
	}
	l->has_month_plan = 1;
	if (l->annual_plan == AMOUNT_NONE)
		l->annual_plan = sum;
	if (sum != l->annual_plan) {
		resp_fail(rs, HE_INVALID, "the month-by-month plan must add up to the annual plan",
			   "分月计划之和须等于年度计划", "month_plan_yuan");
		return -1;
	}
	return 0;
}

/* PUT /listings/:ref/:year {tiers, annual_plan_yuan, month_plan_yuan, version} */
void h_listings_put(struct http_req *rq, struct http_resp *rs)
{
	json_t *body = req_json(rq, rs), *v;
	struct change_result res;
	struct listing l, old;
	struct project p;
	int64_t year;
	enum bl_err rc;
	int found;

	if (!body)
		return;
	project_init(&p);
	if (parse_int(rq->captures[1], &year) || year < 1900 || year > 2999) {
		resp_bad_request(rs, "year", "year is not a year");
		goto out;
	}
	/* Read, version check and write in one transaction (no lost update). */
	if (http_begin(rq, rs))
		goto out;
	if (store_project_by_ref(rq->st, rq->captures[0], &p)) {
		resp_not_found(rs, rq->captures[0]);
		goto out;
	}
	memset(&l, 0, sizeof(l));
	l.project_id = p.id;
	l.year = (int)year;
	rc = store_listing_get(rq->st, p.id, l.year, &old);
	if (rc && rc != BL_ENOTFOUND) {
		resp_store_error(rs, rq->st, rc);
		goto out;
	}
	found = rc == BL_OK;
	if (found && version_check(rq, rs, body, old.version, api_listing_json(p.ref, &old)))
		goto out;
	v = json_object_get(body, "annual_plan_yuan");
	l.annual_plan = AMOUNT_NONE;
	if (v && !json_is_null(v)) {
		if (!json_is_integer(v) || amount_problem((int64_t)json_integer_value(v))) {
			resp_bad_request(rs, "annual_plan_yuan", "an amount in whole yuan from 0 to "
					 "10^15");
			goto out;
		}
		l.annual_plan = (int64_t)json_integer_value(v);
	}
	if (tiers_from_json(rs, json_object_get(body, "tiers"), &l.tiers) ||
	    month_plan_from_json(rs, json_object_get(body, "month_plan_yuan"), &l))
		goto out;
	/* DOMAIN.md §3: an issued year's listing changes by change request. */
	plan_guard_listing(rq->st, found ? &old : NULL, &l, &res);
	if (res.outcome) {
		resp_change_fail(rs, rq->st, &res);
		goto out;
	}
	rc = store_listing_put(rq->st, &l);
	if (!http_finish(rq, rs, rc))
		resp_json(rs, found ? 200 : 201, api_listing_json(p.ref, &l));
out:
	store_rollback(rq->st); /* nothing to undo after http_finish */
	project_release(&p);
	json_decref(body);
}

static int64_t unit_of(const struct dataset *units, json_t *v, int *bad)
{
	const char *code = json_string_value(v);
	size_t i;

	*bad = 0;
	if (!v || json_is_null(v))
		return 0;
	for (i = 0; code && i < units->n_units; i++)
		if (!strcmp(units->units[i].code, code))
			return units->units[i].id;
	*bad = 1;
	return 0;
}

static int target_value(struct http_resp *rs, json_t *v, struct target *t)
{
	const char *why = NULL;

	if (json_is_integer(v) && measure_info[t->measure].kind != MK_RATE) {
		t->value = (int64_t)json_integer_value(v);
	} else if (json_is_string(v) && measure_info[t->measure].kind == MK_RATE) {
		why = parse_rate(json_string_value(v), &t->value);
	} else if (json_is_number(v) && measure_info[t->measure].kind == MK_RATE) {
		char tmp[64];

		snprintf(tmp, sizeof(tmp), "%.4f", json_number_value(v));
		why = parse_rate(tmp, &t->value);
	} else {
		why = "a rate (0.85 or \"85%\"), a count, or whole yuan";
	}
	if (!why)
		why = target_value_problem(t->measure, t->value);
	if (why) {
		resp_bad_request(rs, "value", why);
		return -1;
	}
	return 0;
}

/* POST /targets {year, measure, tier, section, department, industrial, due, value} */
void h_targets_create(struct http_req *rq, struct http_resp *rs)
{
	json_t *body = req_json(rq, rs);
	struct dataset units;
	struct target t;
	const char *measure, *tier, *due, *field = NULL;
	json_t *year;
	enum bl_err rc;
	int m, k, bad1, bad2;

	if (!body)
		return;
	memset(&t, 0, sizeof(t));
	memset(&units, 0, sizeof(units));
	measure = json_string_value(json_object_get(body, "measure"));
	tier = json_string_value(json_object_get(body, "tier"));
	due = json_string_value(json_object_get(body, "due"));
	m = measure ? measure_from_key(measure) : -1;
	year = json_object_get(body, "year");
	/* Range-checked before the cast: 4294969320 is not 2024. */
	t.year = json_is_integer(year) && json_integer_value(year) >= 1900 &&
			 json_integer_value(year) <= 2999
		 ? (int)json_integer_value(year)
		 : 0;
	t.tier = TIER_ANY;
	for (k = 0; tier && k < TIER__MAX; k++)
		if (!strcmp(tier, tier_keys[k]))
			t.tier = k;
	if (m < 0)
		field = "measure";
	else if (t.year < 1900 || t.year > 2999)
		field = "year";
	else if (tier && *tier && t.tier == TIER_ANY)
		field = "tier";
	else if (!due || parse_day(due, &t.due) || day_year(t.due) != t.year)
		field = "due";
	if (field) {
		resp_bad_request(rs, field, "a target needs year, a measure key, an optional tier, "
				 "and a due date within the year");
		goto out;
	}
	t.measure = (enum measure_key)m;
	t.industrial = json_is_true(json_object_get(body, "industrial"));
	if (load_units(rq, rs, &units))
		goto out;
	t.section_id = unit_of(&units, json_object_get(body, "section"), &bad1);
	t.department_id = unit_of(&units, json_object_get(body, "department"), &bad2);
	if (bad1 || bad2) {
		resp_bad_request(rs, bad1 ? "section" : "department", "no unit has this code");
		goto out;
	}
	if (target_value(rs, json_object_get(body, "value"), &t))
		goto out;
	if (demolition_target_problem(&t, &field)) { /* h-demotarget */
		resp_bad_request(rs, field, demolition_target_problem(&t, &field));
		goto out;
	}
	rc = store_begin(rq->st);
	if (!rc)
		rc = store_target_put(rq->st, &t);
	if (!http_finish(rq, rs, rc))
		resp_json(rs, 201, json_pack("{s:I, s:I}", "id", (json_int_t)t.id, "version",
					     (json_int_t)t.version));
out:
	dataset_release(&units);
	json_decref(body);
}

void h_targets_delete(struct http_req *rq, struct http_resp *rs)
{
	int64_t id;
	enum bl_err rc;

	if (parse_int(rq->captures[0], &id) || id < 1) {
		resp_not_found(rs, rq->captures[0]);
		return;
	}
	rc = store_begin(rq->st);
	if (!rc)
		rc = store_target_delete(rq->st, id);
	if (http_finish(rq, rs, rc)) {
		return;
	}
	resp_json(rs, 200, json_pack("{s:b}", "deleted", 1));
}
