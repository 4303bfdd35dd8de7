/* json_reports.c — targets and warnings as JSON documents, one builder for
 * `ballast targets|warnings --format json` and the API. */
#include <stdlib.h>
#include <string.h>

#include "core/demolition_target.h"

#include "io/json_reports.h"

/* The same for JSON: rates as a fraction to 4 decimals, money integer yuan. */
static json_t *value_json(enum measure_key k, int64_t v)
{
	if (measure_info[k].kind == MK_RATE)
		return json_real((double)v / 10000.0);
	return json_integer(v);
}

static const char *const kind_keys[] = { "rate", "count", "money" };

static int computed_rate(enum measure_key k)
{
	return measure_info[k].kind == MK_RATE && !measure_info[k].indicator;
}

static json_t *scope_json(const struct dataset *ds, const struct target *t)
{
	json_t *scope = json_object();
	const char *code;

	json_object_set_new(scope, "tier", t->tier == TIER_ANY ? json_null()
							 : json_string(tier_keys[t->tier]));
	code = dataset_unit_code(ds, t->section_id, NULL);
	json_object_set_new(scope, "section", code ? json_string(code) : json_null());
	code = dataset_unit_code(ds, t->department_id, NULL);
	json_object_set_new(scope, "department", code ? json_string(code) : json_null());
	json_object_set_new(scope, "industrial", json_boolean(t->industrial));
	return scope;
}

/* h-demotarget: a demolition target's drill-down, the tasks its actual sums:
 * [{id, section, name, quantity, due, done, reported_on}] at the day judged. */
static json_t *demolition_tasks_json(const struct dataset *ds, const struct target *t,
				     bl_day on)
{
	struct demolition_share *sh;
	json_t *list = json_array();
	int64_t total;
	size_t i, n = demolition_target_shares(ds, t, on, &sh, &total);
	char day[11], rep[11];

	for (i = 0; i < n; i++) {
		const struct demolition_task *k = sh[i].task;
		const char *code = dataset_unit_code(ds, k->section_id, NULL);

		json_array_append_new(list, json_pack("{s:I, s:o, s:s, s:I, s:s, s:I, s:o}",
			"id", (json_int_t)k->id, "section", code ? json_string(code) : json_null(),
			"name", k->name ? k->name : "", "quantity", (json_int_t)k->quantity,
			"due", day_format(k->due, day), "done", (json_int_t)sh[i].done,
			"reported_on", sh[i].has_report
				? json_string(day_format(sh[i].reported_on, rep)) : json_null()));
	}
	free(sh);
	return list;
}

json_t *target_eval_json(const struct dataset *ds, const struct target *t,
		    const struct target_eval *e)
{
	json_t *o = json_object();
	char day[11], mon[8];

	json_object_set_new(o, "id", json_integer(t->id));
	json_object_set_new(o, "measure", json_string(measure_info[t->measure].key));
	json_object_set_new(o, "label", json_string(measure_info[t->measure].label_zh));
	json_object_set_new(o, "kind", json_string(kind_keys[measure_info[t->measure].kind]));
	json_object_set_new(o, "scope", scope_json(ds, t));
	json_object_set_new(o, "due", json_string(day_format(t->due, day)));
	json_object_set_new(o, "value", value_json(t->measure, t->value));
	json_object_set_new(o, "judged_on", json_string(day_format(e->judged_on, day)));
	json_object_set_new(o, "actual", e->has_actual ? value_json(t->measure, e->actual)
						       : json_null());
	if (computed_rate(t->measure)) {
		json_t *r = json_object();

		json_object_set_new(r, "num", json_integer(e->rate.num));
		json_object_set_new(r, "den", json_integer(e->rate.den));
		json_object_set_new(o, "ratio", r);
	}
	json_object_set_new(o, "expected", value_json(t->measure, e->expected));
	if (measure_info[t->measure].indicator)
		json_object_set_new(o, "indicator_month",
				    e->indicator_month == MONTH_NONE
					    ? json_null()
					    : json_string(month_format(e->indicator_month, mon)));
	if (demolition_measure_of(t->measure) >= 0)
		json_object_set_new(o, "tasks", demolition_tasks_json(ds, t, e->judged_on));
	json_object_set_new(o, "status", json_string(target_status_keys[e->status]));
	json_object_set_new(o, "status_label", json_string(target_status_labels[e->status]));
	return o;
}

json_t *measures_table_json(void)
{
	json_t *list = json_array();
	int k;

	for (k = 0; k < MEASURE__MAX; k++)
		json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:s, s:b}", "key",
			measure_info[k].key, "label", measure_info[k].label_zh, "label_en",
			measure_info[k].label_en, "kind", kind_keys[measure_info[k].kind],
			"indicator", measure_info[k].indicator));
	return list;
}


json_t *book_check_json(const struct dataset *ds, const struct book_check *c)
{
	json_t *list = json_array();
	char day[11];
	size_t i, k;

	for (i = 0; i < c->n; i++) {
		const struct book_gap *g = &c->gaps[i];
		const struct target *t = &ds->targets[g->total];
		json_t *o = json_object(), *without = json_array();
		int64_t diff = 0;

		amount_add(&diff, g->sum);
		amount_add(&diff, -t->value);
		for (k = 0; k < g->n_without; k++)
			json_array_append_new(without, json_string(dataset_unit_code(ds, g->without[k], "")));
		json_object_set_new(o, "id", json_integer(t->id));
		json_object_set_new(o, "measure", json_string(measure_info[t->measure].key));
		json_object_set_new(o, "label", json_string(measure_info[t->measure].label_zh));
		json_object_set_new(o, "scope", scope_json(ds, t));
		json_object_set_new(o, "due", json_string(day_format(t->due, day)));
		json_object_set_new(o, "value", value_json(t->measure, t->value));
		json_object_set_new(o, "books_sum", value_json(t->measure, g->sum));
		json_object_set_new(o, "difference", value_json(t->measure, diff));
		json_object_set_new(o, "books", json_integer((json_int_t)g->n_books));
		json_object_set_new(o, "without", without);
		json_array_append_new(list, o);
	}
	return list;
}

json_t *targets_doc_json(const struct dataset *ds, int year, bl_day asof,
			 const struct target_eval *ev)
{
	json_t *root = json_object(), *list = json_array();
	char day[11];
	size_t i;

	json_object_set_new(root, "year", json_integer(year));
	json_object_set_new(root, "asof", json_string(day_format(asof, day)));
	for (i = 0; i < ds->n_targets; i++)
		json_array_append_new(list, target_eval_json(ds, &ds->targets[i], &ev[i]));
	json_object_set_new(root, "targets", list);
	json_object_set_new(root, "measures", measures_table_json());
	return root;
}

json_t *warning_params_json(const struct warning *w)
{
	json_t *o = json_object();
	size_t i;

	for (i = 0; i < w->n_params; i++)
		json_object_set_new(o, w->params[i].name, json_string(w->params[i].value));
	return o;
}

json_t *warnings_doc_json(const struct dataset *ds, bl_day asof, const char *section_code,
			  enum light min, const struct warning_view *wv)
{
	json_t *root = json_object(), *counts = json_object(), *shown = json_object();
	json_t *lt = json_object(), *list = json_array();
	size_t i, red = 0;
	char day[11];
	int k;

	for (i = 0; i < wv->n; i++)
		red += wv->v[i].w->level == LIGHT_RED;
	json_object_set_new(root, "year", json_integer(ds->year));
	json_object_set_new(root, "asof", json_string(day_format(asof, day)));
	json_object_set_new(root, "section", section_code ? json_string(section_code) : json_null());
	json_object_set_new(root, "min", json_string(light_keys[min]));
	/* counts: what exists in the scope; shown: what this list has (min). */
	json_object_set_new(counts, "red", json_integer((json_int_t)wv->counts[LIGHT_RED]));
	json_object_set_new(counts, "yellow", json_integer((json_int_t)wv->counts[LIGHT_YELLOW]));
	json_object_set_new(root, "counts", counts);
	json_object_set_new(shown, "red", json_integer((json_int_t)red));
	json_object_set_new(shown, "yellow", json_integer((json_int_t)(wv->n - red)));
	json_object_set_new(root, "shown", shown);
	for (k = 0; k < LIGHT__MAX; k++)
		json_object_set_new(lt, light_keys[k], json_integer((json_int_t)wv->lights[k]));
	json_object_set_new(root, "lights", lt);
	for (i = 0; i < wv->n; i++) {
		const struct project *p = wv->v[i].p;
		const struct warning *w = wv->v[i].w;
		json_t *o = json_object();

		json_object_set_new(o, "ref", json_string(p->ref ? p->ref : ""));
		json_object_set_new(o, "name", json_string(p->name ? p->name : ""));
		json_object_set_new(o, "section", json_string(dataset_unit_code(ds, p->section_id, "")));
		json_object_set_new(o, "section_name",
				    json_string(dataset_unit_name(ds, p->section_id, "")));
		json_object_set_new(o, "rule", json_string(warning_rule_keys[w->rule]));
		json_object_set_new(o, "rule_label", json_string(warning_rule_labels[w->rule]));
		json_object_set_new(o, "level", json_string(light_keys[w->level]));
		json_object_set_new(o, "reason", json_string(w->reason));
		json_object_set_new(o, "reason_code", json_string(w->code ? w->code : ""));
		json_object_set_new(o, "reason_params", warning_params_json(w));
		json_array_append_new(list, o);
	}
	json_object_set_new(root, "warnings", list);
	return root;
}
