/* json_changes.c — change requests and issued years to JSON, and a request's
 * proposed values from it. */
#include "io/json_changes.h"

#include <string.h>

#include "io/parse.h"

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

json_t *change_value_json(const struct change_values *v, enum change_field f)
{
	json_t *a;
	char tmp[11];
	int k;

	if (CF_DATES & CF_BIT(f))
		return v->day[f] == DAY_NONE ? json_null() : json_string(day_format(v->day[f], tmp));
	if (f == CF_TIERS) {
		a = json_array();
		for (k = 0; k < TIER__MAX; k++)
			if (v->tiers & TIER_BIT(k))
				json_array_append_new(a, json_string(tier_keys[k]));
		return a;
	}
	if (f == CF_ANNUAL_PLAN)
		return v->annual_plan == AMOUNT_NONE ? json_null()
						     : json_integer((json_int_t)v->annual_plan);
	if (!v->has_month_plan)
		return json_null();
	a = json_array();
	for (k = 0; k < 12; k++)
		json_array_append_new(a, json_integer((json_int_t)v->month_plan[k]));
	return a;
}

json_t *change_request_json(const struct change_request *cr)
{
	json_t *fields = json_array(), *changes = json_object();
	int f;

	for (f = 0; f < CF__MAX; f++) {
		if (!(cr->fields & CF_BIT(f)))
			continue;
		json_array_append_new(fields, json_string(change_field_keys[f]));
		json_object_set_new(changes, change_field_keys[f], json_pack("{s:s, s:o, s:o}",
			"label", change_field_labels[f],
			"from", change_value_json(&cr->from, (enum change_field)f),
			"to", change_value_json(&cr->to, (enum change_field)f)));
	}
	return json_pack("{s:I, s:o, s:o, s:i, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o,"
			 " s:o, s:o, s:o, s:I}",
			 "id", (json_int_t)cr->id, "ref", str_or_null(cr->ref),
			 "project_name", str_or_null(cr->project_name), "year", cr->year,
			 "kind", change_kind_keys[cr->kind], "kind_label",
			 change_kind_labels[cr->kind], "status", change_status_keys[cr->status],
			 "status_label", change_status_labels[cr->status], "fields", fields,
			 "changes", changes, "reason", str_or_null(cr->reason),
			 "proposed_by", str_or_null(cr->proposed_by),
			 "proposed_at", str_or_null(cr->proposed_at),
			 "decided_by", str_or_null(cr->decided_by),
			 "decided_at", str_or_null(cr->decided_at),
			 "decision_reason", str_or_null(cr->decision_reason),
			 "version", (json_int_t)cr->version);
}

static const char *tiers_from(json_t *v, unsigned *out)
{
	unsigned m;
	size_t i;

	*out = 0;
	if (json_is_string(v))
		return parse_tiers(json_string_value(v), out) ? "not tiers" : NULL;
	if (!json_is_array(v))
		return "a list of province, city, district (省, 市, 区)";
	for (i = 0; i < json_array_size(v); i++) {
		const char *s = json_string_value(json_array_get(v, i));

		if (!s || parse_tiers(s, &m))
			return "a list of province, city, district (省, 市, 区)";
		*out |= m;
	}
	return NULL;
}

static const char *amount_from(json_t *v, int64_t *out)
{
	if (!json_is_integer(v))
		return "an amount in whole yuan";
	*out = (int64_t)json_integer_value(v);
	return amount_problem(*out);
}

/* One field's proposed value. */
static const char *value_from(json_t *v, enum change_field f, struct change_values *to)
{
	const char *why;
	size_t k;

	if (CF_DATES & CF_BIT(f)) {
		if (json_is_null(v)) {
			to->day[f] = DAY_NONE;
			return NULL;
		}
		why = json_is_string(v) ? parse_day(json_string_value(v), &to->day[f])
					: "a date (YYYY-MM-DD) or null";
		return why;
	}
	if (f == CF_TIERS)
		return tiers_from(v, &to->tiers);
	if (f == CF_ANNUAL_PLAN) {
		to->annual_plan = AMOUNT_NONE;
		return json_is_null(v) ? NULL : amount_from(v, &to->annual_plan);
	}
	to->has_month_plan = 0;
	if (json_is_null(v))
		return NULL;
	if (!json_is_array(v) || json_array_size(v) != 12)
		return "twelve amounts in yuan, January first, or null";
	for (k = 0; k < 12; k++) {
		why = amount_from(json_array_get(v, k), &to->month_plan[k]);
		if (why)
			return why;
	}
	to->has_month_plan = 1;
	return NULL;
}

const char *change_values_from_json(json_t *changes, unsigned *fields,
				    struct change_values *to, const char **field)
{
	const char *key, *why;
	json_t *v;
	int f;

	*fields = 0;
	*field = "changes";
	if (!json_is_object(changes) || !json_object_size(changes))
		return "changes: an object of the fields to change and their new values";
	json_object_foreach(changes, key, v) {
		f = change_field_from_key(key);
		if (f < 0)
			return "changes: a field that a change request cannot change (planned_start, "
			       "planned_completion, planned_production, tiers, annual_plan_yuan, "
			       "month_plan_yuan, or an actual date such as started_on)";
		*field = change_field_keys[f];
		why = value_from(v, (enum change_field)f, to);
		if (why)
			return why;
		*fields |= CF_BIT(f);
	}
	*field = NULL;
	return NULL;
}

json_t *plan_issue_json(int year, const struct plan_issue *pi)
{
	return json_pack("{s:i, s:b, s:o, s:o}", "year", year, "issued", pi != NULL,
			 "issued_at", str_or_null(pi ? pi->issued_at : NULL),
			 "issued_by", str_or_null(pi ? pi->issued_by : NULL));
}
