/* json_leads.c — the lead pool's JSON (json_leads.h). */
#include "io/json_leads.h"

#include "io/json_items.h"

static void set_str(json_t *o, const char *k, const char *v)
{
	json_object_set_new(o, k, v ? json_string(v) : json_null());
}

static void set_day(json_t *o, const char *k, bl_day d)
{
	char day[11];

	json_object_set_new(o, k, d == DAY_NONE ? json_null() : json_string(day_format(d, day)));
}

json_t *lead_json(const struct dataset *units, const struct lead *l, int details)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(l->id));
	set_str(o, "company", l->company);
	set_str(o, "industry", l->industry);
	json_object_set_new(o, "stage", json_string(lead_stage_keys[l->stage]));
	json_object_set_new(o, "stage_label", json_string(lead_stage_labels[l->stage]));
	json_object_set_new(o, "found_by", item_unit_json(units, l->found_by));
	json_object_set_new(o, "followed_by", item_unit_json(units, l->followed_by));
	set_day(o, "found_on", l->found_on);
	json_object_set_new(o, "version", json_integer(l->version));
	json_object_set_new(o, "details", json_boolean(details));
	if (!details)
		return o;
	set_str(o, "uscc", l->uscc);
	json_object_set_new(o, "amount_yuan", l->amount == AMOUNT_NONE ? json_null() :
			    json_integer(l->amount));
	set_str(o, "source", l->source);
	set_str(o, "reason", l->reason);
	set_day(o, "signed_on", l->signed_on);
	json_object_set_new(o, "project", l->project_id && l->project_ref ?
			    json_pack("{s:s}", "ref", l->project_ref) : json_null());
	set_day(o, "last_on", l->last_on);
	return o;
}

json_t *lead_log_json(const struct lead_log *g)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(g->id));
	json_object_set_new(o, "kind", json_string(lead_log_keys[g->kind]));
	json_object_set_new(o, "kind_label", json_string(lead_log_labels[g->kind]));
	set_day(o, "on", g->on);
	set_str(o, "at", g->at);
	set_str(o, "actor", g->actor);
	set_str(o, "body", g->body);
	json_object_set_new(o, "stage", json_string(lead_stage_keys[g->stage]));
	return o;
}

static json_t *count_json(const struct lead_count *c)
{
	return json_pack("{s:I, s:I, s:I, s:I, s:I}", "found", (json_int_t)c->found, "signed",
			 (json_int_t)c->signed_n, "signed_yuan", (json_int_t)c->signed_yuan,
			 "funds", (json_int_t)c->funds, "talents", (json_int_t)c->talents);
}

json_t *lead_counts_json(const struct dataset *units, const struct lead_period *p,
			 const struct lead_count *rows, size_t n)
{
	struct lead_count total = { 0 };
	json_t *arr = json_array(), *r;
	size_t i;

	for (i = 0; i < n; i++) {
		r = count_json(&rows[i]);
		json_object_set_new(r, "unit", item_unit_json(units, rows[i].unit_id));
		json_array_append_new(arr, r);
		/* The rows were summed with amount_add; their sum fits as well
		 * unless the table is absurd, and then it saturates. */
		amount_add(&total.found, rows[i].found);
		amount_add(&total.signed_n, rows[i].signed_n);
		amount_add(&total.signed_yuan, rows[i].signed_yuan);
		amount_add(&total.funds, rows[i].funds);
		amount_add(&total.talents, rows[i].talents);
	}
	return json_pack("{s:i, s:o, s:o, s:o}", "year", p->year, "month",
			 p->month ? json_integer(p->month) : json_null(), "rows", arr, "total",
			 count_json(&total));
}
