/* json_measures.c — the measures as the JSON of INTERFACES.md "Measures
 * (JSON)": one builder for `ballast measures --format json` and
 * GET /api/v1/measures, so the two cannot drift. */
#include "io/json_measures.h"

#include <stdlib.h>
#include <string.h>

#include "core/targets.h"
#include "io/json_reports.h"
#include "io/scope_params.h"
#include "store/store.h"
#include "util/xalloc.h"

json_t *ratio_json(struct ratio r)
{
	json_t *o = json_object();

	json_object_set_new(o, "num", json_integer(r.num));
	json_object_set_new(o, "den", json_integer(r.den));
	/* 4 decimals from exact integer rounding; the double only carries it */
	json_object_set_new(o, "value", r.den ? json_real((double)ratio_scaled(r, 10000) / 10000.0)
					      : json_null());
	return o;
}

static json_t *half_days_json(int64_t x2)
{
	if (x2 % 2 == 0)
		return json_integer(x2 / 2);
	return json_real((double)x2 / 2.0);
}

json_t *measures_json(const struct measures *m)
{
	json_t *o = json_object(), *lts = json_object();
	size_t i;

	for (i = 0; i < N_MEASURE_RATES; i++) {
		struct ratio r;

		measure_value(m, measure_rates[i], &r, NULL);
		json_object_set_new(o, measure_info[measure_rates[i]].key, ratio_json(r));
	}
	json_object_set_new(o, "new_starts", json_integer(m->new_starts));
	json_object_set_new(o, "completions", json_integer(m->completions));
	json_object_set_new(o, "investment_yuan", json_integer(m->investment_yuan));
	json_object_set_new(o, "annual_plan_yuan", json_integer(m->annual_plan_yuan));
	json_object_set_new(lts, "count", json_integer(m->land_to_start_count));
	json_object_set_new(lts, "median_days", m->land_to_start_count
							? half_days_json(m->land_to_start_median_x2)
							: json_null());
	json_object_set_new(lts, "max_days", m->land_to_start_count
						     ? json_integer(m->land_to_start_max)
						     : json_null());
	json_object_set_new(o, "land_to_start", lts);
	return o;
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *scope_json(const struct scope *sc)
{
	json_t *o = json_object();
	char tmp[16];
	int p;

	json_object_set_new(o, "tier",
			    sc->tier == TIER_ANY ? json_null() : json_string(tier_keys[sc->tier]));
	json_object_set_new(o, "section", str_or_null(sc->section_code));
	json_object_set_new(o, "department", str_or_null(sc->department_code));
	json_object_set_new(o, "industrial", json_boolean(sc->industrial_only));
	/* the lists' filters, only when set */
	for (p = SP_INDUSTRY; p <= SP_Q; p++) {
		const char *v = scope_param_value(sc, (enum scope_param)p, 0, tmp, sizeof(tmp));

		if (v)
			json_object_set_new(o, scope_params[p].key, json_string(v));
	}
	return o;
}

static json_t *pace_json(const struct scope *sc, const struct measures *m)
{
	struct pace pc;
	json_t *o;

	measures_pace(sc, m, &pc);
	o = ratio_json(pc.elapsed);
	json_object_set_new(o, "investment", ratio_json(pc.investment));
	json_object_set_new(o, "points", pc.points == AMOUNT_NONE ? json_null()
				: json_real((double)pc.points / 10.0));
	return o;
}

/* {measure key: the target its figure of sc is compared with} (target_choose),
 * evaluated at sc->asof; measures without one are left out. */
static json_t *targets_json(const struct dataset *ds, const struct scope *sc)
{
	json_t *o = json_object();
	int k;

	if (scope_is_narrowed(sc))
		return o;
	for (k = 0; k < M_FIRST_INDICATOR; k++) {
		const struct target *t = target_choose(ds, sc, (enum measure_key)k);
		struct target_eval ev;

		if (!t)
			continue;
		target_evaluate(ds, t, sc->asof, &ev);
		json_object_set_new(o, measure_info[k].key, target_eval_json(ds, t, &ev));
	}
	return o;
}

static json_t *rank_json(int rank)
{
	return rank ? json_integer(rank) : json_null();
}

/* The rows of a section breakdown ranked as the contest's measures (DOMAIN.md
 * §7): start rate, investment completion and new starts ÷ task book. */
static void rank_sections(const struct dataset *ds, const struct breakdown_rows *b,
			  json_t *rows)
{
	struct ratio *r = xcalloc(3 * b->n + 1, sizeof(*r));
	int *rank = xcalloc(3 * b->n + 1, sizeof(*rank));
	size_t i, n = b->n;

	for (i = 0; i < n; i++) {
		int64_t task = target_task_book(ds, b->rows[i].unit_id);

		r[i] = b->rows[i].m.start_rate;
		r[n + i] = b->rows[i].m.investment_completion;
		r[2 * n + i] = (struct ratio){ b->rows[i].m.new_starts, task > 0 ? task : 0 };
		json_object_set_new(json_array_get(rows, i), "task_book",
				    task >= 0 ? ratio_json(r[2 * n + i]) : json_null());
	}
	ratios_rank(r, n, rank);
	ratios_rank(r + n, n, rank + n);
	ratios_rank(r + 2 * n, n, rank + 2 * n);
	for (i = 0; i < n; i++)
		json_object_set_new(json_array_get(rows, i), "rank",
				    json_pack("{s:o, s:o, s:o}", "start_rate", rank_json(rank[i]),
					      "investment_completion", rank_json(rank[n + i]),
					      "task_book", rank_json(rank[2 * n + i])));
	free(r);
	free(rank);
}

/* Row i of breakdown b as JSON, with what its own scope adds: the pace of a
 * month, the targets of a tier, section or department. */
static json_t *row_json(const struct dataset *ds, const struct scope *sc,
			const struct breakdown_rows *b, size_t i, enum breakdown by,
			const int64_t plans[13])
{
	const struct breakdown_row *r = &b->rows[i];
	json_t *row = json_object();
	struct scope rs = *sc;
	char day[11];
	int t;

	json_object_set_new(row, "key", json_string(r->key));
	json_object_set_new(row, "name", json_string(r->name));
	if (r->asof != sc->asof)
		json_object_set_new(row, "asof", json_string(day_format(r->asof, day)));
	json_object_set_new(row, "projects", json_integer(r->m.projects));
	json_object_set_new(row, "measures", measures_json(&r->m));
	if (by == BY_MONTH) {
		json_t *pace;

		rs.asof = r->asof;
		pace = pace_json(&rs, &r->m);
		json_object_set_new(pace, "plan_yuan",
				    json_integer(plans[pace_months(rs.year, rs.asof)]));
		json_object_set_new(row, "pace", pace);
		return row;
	}
	if (by == BY_TIER) {
		for (t = 0; t < TIER__MAX && strcmp(r->key, tier_keys[t]); t++)
			;
		rs.tier = t;
	} else if (by == BY_SECTION && r->unit_id) {
		rs.section_id = r->unit_id;
	} else if (by == BY_DEPARTMENT && r->unit_id) {
		rs.department_id = r->unit_id;
	} else {
		return row;
	}
	json_object_set_new(row, "targets", targets_json(ds, &rs));
	return row;
}

json_t *measures_doc_json(const struct dataset *ds, const struct scope *sc,
			  const struct measures *m, const struct breakdown_rows *b,
			  enum breakdown by)
{
	json_t *root = json_object(), *rows;
	int64_t plans[13] = { 0 };
	char day[11];
	size_t i;

	json_object_set_new(root, "year", json_integer(sc->year));
	json_object_set_new(root, "asof", json_string(day_format(sc->asof, day)));
	json_object_set_new(root, "scope", scope_json(sc));
	json_object_set_new(root, "projects", json_integer(m->projects));
	json_object_set_new(root, "measures", measures_json(m));
	json_object_set_new(root, "pace", pace_json(sc, m));
	json_object_set_new(root, "targets", targets_json(ds, sc));
	if (!b)
		return root;
	rows = json_array();
	if (by == BY_MONTH) /* each month's plan to date, in one pass */
		measures_plan_by_month(ds, sc, plans);
	for (i = 0; i < b->n; i++)
		json_array_append_new(rows, row_json(ds, sc, b, i, by, plans));
	if (by == BY_SECTION)
		rank_sections(ds, b, rows);
	json_object_set_new(root, "breakdown", rows);
	return root;
}

unsigned measures_doc_parts(const struct scope *sc, enum breakdown by)
{
	return DS_TARGETS | (by == BY_MONTH || (sc->q && *sc->q) ? DS_DETAILS : 0);
}
