/* json_measures.c — the measures as the JSON of INTERFACES.md "Measures
 * (JSON)": one builder for `ballast measures --format json` and
 * GET /api/v1/measures, so the two cannot drift. */
#include "io/json_measures.h"

/* The rates in the order of the JSON. */
static const enum measure_key rate_keys[] = {
	M_FILING_RATE, M_START_RATE_OF_FILED, M_INVESTMENT_COMPLETION, M_PRODUCTION_RATE,
	M_CAPACITY_RATE, M_START_RATE, M_DUE_START_ATTAINMENT,
};
#define N_RATES (sizeof(rate_keys) / sizeof(rate_keys[0]))


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

	for (i = 0; i < N_RATES; i++) {
		struct ratio r;

		measure_value(m, rate_keys[i], &r, NULL);
		json_object_set_new(o, measure_info[rate_keys[i]].key, ratio_json(r));
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

json_t *measures_doc_json(const struct scope *sc, const char *section_code,
			  const char *department_code, const struct measures *m,
			  const struct breakdown_rows *b)
{
	json_t *root = json_object(), *scope = json_object();
	char day[11];
	size_t i;

	json_object_set_new(root, "year", json_integer(sc->year));
	json_object_set_new(root, "asof", json_string(day_format(sc->asof, day)));
	json_object_set_new(scope, "tier",
			    sc->tier == TIER_ANY ? json_null() : json_string(tier_keys[sc->tier]));
	json_object_set_new(scope, "section", str_or_null(section_code));
	json_object_set_new(scope, "department", str_or_null(department_code));
	json_object_set_new(scope, "industrial", json_boolean(sc->industrial_only));
	json_object_set_new(root, "scope", scope);
	json_object_set_new(root, "projects", json_integer(m->projects));
	json_object_set_new(root, "measures", measures_json(m));
	if (b) {
		json_t *rows = json_array();

		for (i = 0; i < b->n; i++) {
			json_t *row = json_object();

			json_object_set_new(row, "key", json_string(b->rows[i].key));
			json_object_set_new(row, "name", json_string(b->rows[i].name));
			if (b->rows[i].asof != sc->asof)
				json_object_set_new(row, "asof",
						    json_string(day_format(b->rows[i].asof, day)));
			json_object_set_new(row, "projects", json_integer(b->rows[i].m.projects));
			json_object_set_new(row, "measures", measures_json(&b->rows[i].m));
			json_array_append_new(rows, row);
		}
		json_object_set_new(root, "breakdown", rows);
	}
	return root;
}
