/* json_sharing.c — revenue sharing and industrial funds as JSON
 * (json_sharing.h). */
#include "io/json_sharing.h"

#include "io/json_items.h"

static json_t *day_json(bl_day d)
{
	char t[11];

	return d == DAY_NONE ? json_null() : json_string(day_format(d, t));
}

static json_t *text_json(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *int_or_null(int64_t v)
{
	return v ? json_integer(v) : json_null();
}

json_t *sharing_rule_json(const struct dataset *units, const struct sharing_rule *r)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(r->id));
	json_object_set_new(o, "name", text_json(r->name));
	json_object_set_new(o, "builtin", json_boolean(r->id < 0));
	json_object_set_new(o, "attracted_by", json_string(attracted_keys[r->attracted_by]));
	json_object_set_new(o, "landed_in", item_unit_json(units, r->landed_in));
	json_object_set_new(o, "nth_from", json_integer(r->nth_from));
	json_object_set_new(o, "nth_to", int_or_null(r->nth_to));
	json_object_set_new(o, "valid_from", int_or_null(r->valid_from));
	json_object_set_new(o, "valid_to", int_or_null(r->valid_to));
	json_object_set_new(o, "street_permille", json_integer(r->street_permille));
	json_object_set_new(o, "district_permille", json_integer(1000 - r->street_permille));
	json_object_set_new(o, "version", json_integer(r->id < 0 ? 0 : r->version));
	return o;
}

static json_t *line_json(const struct sharing_data *d, const struct ledger_line *ln)
{
	json_t *o = json_object();

	json_object_set_new(o, "ref", json_string(ln->project->ref ? ln->project->ref : ""));
	json_object_set_new(o, "project_name", text_json(ln->project->name));
	json_object_set_new(o, "street", item_unit_json(&d->units, ln->street_id));
	json_object_set_new(o, "attracted_by",
			    json_string(attracted_keys[ln->project->attracted_by]));
	json_object_set_new(o, "landed_on", day_json(ln->landed_on));
	json_object_set_new(o, "year", json_integer(ln->year));
	json_object_set_new(o, "year_no", json_integer(ln->year_no));
	json_object_set_new(o, "tax", json_integer(ln->tax));
	json_object_set_new(o, "street_share", json_integer(ln->street));
	json_object_set_new(o, "district_share", json_integer(ln->district));
	json_object_set_new(o, "street_permille", json_integer(ln->rule->street_permille));
	json_object_set_new(o, "rule", json_pack("{s:I, s:s}", "id", (json_int_t)ln->rule->id,
						 "name", ln->rule->name ? ln->rule->name : ""));
	return o;
}

json_t *ledger_json(const struct sharing_data *d, const struct ledger *l, int year,
		    const char *street)
{
	json_t *o = json_object(), *items = json_array();
	size_t i;

	json_object_set_new(o, "year", year ? json_integer(year) : json_null());
	json_object_set_new(o, "street", text_json(street));
	json_object_set_new(o, "total", json_integer((json_int_t)l->n));
	json_object_set_new(o, "limit", json_integer((json_int_t)l->n));
	json_object_set_new(o, "offset", json_integer(0));
	json_object_set_new(o, "totals", json_pack("{s:I, s:I, s:I}", "tax", (json_int_t)l->tax,
						   "street", (json_int_t)l->street, "district",
						   (json_int_t)l->district));
	json_object_set_new(o, "unshared", json_integer((json_int_t)l->unshared));
	for (i = 0; i < l->n; i++)
		json_array_append_new(items, line_json(d, &l->lines[i]));
	json_object_set_new(o, "items", items);
	return o;
}

json_t *taxes_json(const struct sharing_data *d, int year,
		   int (*keep)(void *ctx, const struct project *p), void *ctx)
{
	json_t *o = json_object(), *items = json_array();
	size_t i;

	for (i = 0; i < d->n_taxes; i++) {
		const struct tax_record *t = &d->taxes[i];
		const struct project *p = sharing_project(d, t->project_id);
		json_t *x;

		if (!p || (year && t->year != year) || (keep && !keep(ctx, p)))
			continue;
		x = json_object();
		json_object_set_new(x, "ref", json_string(p->ref ? p->ref : ""));
		json_object_set_new(x, "project_name", text_json(p->name));
		json_object_set_new(x, "section", item_unit_json(&d->units, p->section_id));
		json_object_set_new(x, "year", json_integer(t->year));
		json_object_set_new(x, "year_no", json_integer(sharing_year_no(p, t->year)));
		json_object_set_new(x, "tax", json_integer(t->tax));
		json_object_set_new(x, "version", json_integer(t->version));
		json_array_append_new(items, x);
	}
	json_object_set_new(o, "total", json_integer((json_int_t)json_array_size(items)));
	json_object_set_new(o, "limit", json_integer((json_int_t)json_array_size(items)));
	json_object_set_new(o, "offset", json_integer(0));
	json_object_set_new(o, "items", items);
	return o;
}

json_t *fund_json(const struct dataset *units, const struct fund *f)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(f->id));
	json_object_set_new(o, "name", text_json(f->name));
	json_object_set_new(o, "manager", text_json(f->manager));
	json_object_set_new(o, "capital", json_integer(f->capital));
	json_object_set_new(o, "registered_on", day_json(f->registered_on));
	json_object_set_new(o, "focus", text_json(f->focus));
	json_object_set_new(o, "brought_by", item_unit_json(units, f->brought_by));
	json_object_set_new(o, "version", json_integer(f->version));
	return o;
}

json_t *funds_json(const struct dataset *units, const struct fund *f, size_t n, int year)
{
	json_t *o = json_object(), *items = json_array();
	int64_t capital = 0;
	size_t i, count = 0;

	for (i = 0; i < n; i++) {
		if (year && day_year(f[i].registered_on) != year)
			continue;
		count++;
		amount_add(&capital, f[i].capital);
		json_array_append_new(items, fund_json(units, &f[i]));
	}
	json_object_set_new(o, "year", year ? json_integer(year) : json_null());
	json_object_set_new(o, "total", json_integer((json_int_t)count));
	json_object_set_new(o, "limit", json_integer((json_int_t)count));
	json_object_set_new(o, "offset", json_integer(0));
	json_object_set_new(o, "count", json_integer((json_int_t)count));
	json_object_set_new(o, "capital", json_integer(capital));
	json_object_set_new(o, "items", items);
	return o;
}
