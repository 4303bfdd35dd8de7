/* json_guarantees.c — element guarantees and demolition task books as JSON
 * (json_guarantees.h). */
#include "io/json_guarantees.h"

#include "core/targets.h"
#include "io/json_items.h"
#include "util/buf.h"

static json_t *day_json(bl_day d)
{
	char t[11];

	return d == DAY_NONE ? json_null() : json_string(day_format(d, t));
}

static json_t *figure_json(enum element e, const struct element_figure *f)
{
	char t[32];
	int64_t gap = f->need - f->supplied;
	json_t *o = json_object();

	json_object_set_new(o, "need", json_integer(f->need));
	json_object_set_new(o, "supplied", json_integer(f->supplied));
	json_object_set_new(o, "gap", json_integer(gap));
	json_object_set_new(o, "need_text", json_string(element_amount_text(e, f->need, t)));
	json_object_set_new(o, "supplied_text", json_string(element_amount_text(e, f->supplied, t)));
	json_object_set_new(o, "gap_text", json_string(element_amount_text(e, gap, t)));
	return o;
}

static json_t *total_json(const struct guarantee_total *t)
{
	json_t *o = json_object();
	int e;

	json_object_set_new(o, "projects", json_integer((json_int_t)t->n_projects));
	json_object_set_new(o, "waiting", json_integer((json_int_t)t->n_waiting));
	for (e = 0; e < EL__MAX; e++)
		json_object_set_new(o, element_keys[e], figure_json((enum element)e, &t->el[e]));
	return o;
}

static json_t *line_json(const struct guarantee_book *b, const struct guarantee_view *v,
			 const struct guarantee_line *l)
{
	const struct project *p = &v->projects[l->project];
	json_t *o = json_object(), *reasons = json_array();
	struct buf why = BUF_INIT;
	int e;

	json_object_set_new(o, "project_id", json_integer(p->id));
	json_object_set_new(o, "ref", json_string(p->ref ? p->ref : ""));
	json_object_set_new(o, "name", json_string(p->name ? p->name : ""));
	json_object_set_new(o, "section", item_unit_json(&b->units, p->section_id));
	json_object_set_new(o, "light", json_string(l->yellow ? "yellow" : "green"));
	for (e = 0; e < EL__MAX; e++) {
		json_t *f = figure_json((enum element)e, &l->el[e]);

		json_object_set_new(f, "since", day_json(l->since[e]));
		json_object_set_new(f, "waited", l->waited[e] < 0 ? json_null() :
				    json_integer(l->waited[e]));
		json_object_set_new(f, "yellow", json_boolean(l->yellow & (1u << e)));
		json_object_set_new(o, element_keys[e], f);
		if (!(l->yellow & (1u << e)))
			continue;
		guarantee_wait_reason(l, (enum element)e, b->wait_days, &why);
		json_array_append_new(reasons, json_string(why.s));
	}
	json_object_set_new(o, "reasons", reasons);
	buf_release(&why);
	return o;
}

static json_t *page_of(size_t n, int64_t limit, int64_t offset, size_t *from, size_t *to)
{
	*from = offset > 0 && (size_t)offset < n ? (size_t)offset : offset > 0 ? n : 0;
	*to = limit > 0 && (size_t)limit < n - *from ? *from + (size_t)limit : n;
	return json_array();
}

json_t *guarantees_json(const struct guarantee_book *b, const struct guarantee_query *q,
			const struct guarantee_view *v, int64_t limit, int64_t offset)
{
	json_t *o = json_object(), *scale = json_object(), *units = json_object(), *secs, *items;
	size_t i, from, to;
	char day[11];
	int e;

	json_object_set_new(o, "year", json_integer(q->year));
	json_object_set_new(o, "asof", json_string(day_format(q->asof, day)));
	json_object_set_new(o, "wait_days", json_integer(b->wait_days));
	for (e = 0; e < EL__MAX; e++) {
		json_object_set_new(scale, element_keys[e], json_integer(10000));
		json_object_set_new(units, element_keys[e], json_string(element_units[e]));
	}
	json_object_set_new(o, "scale", scale);
	json_object_set_new(o, "units", units);
	json_object_set_new(o, "overflow", json_boolean(v->g.overflow));
	json_object_set_new(o, "district", total_json(&v->g.district));
	secs = json_array();
	for (i = 0; i < v->g.n_sections; i++) {
		json_t *t = total_json(&v->g.sections[i]);

		json_object_set_new(t, "section", item_unit_json(&b->units, v->g.sections[i].unit_id));
		json_array_append_new(secs, t);
	}
	json_object_set_new(o, "sections", secs);
	json_object_set_new(o, "total", json_integer((json_int_t)v->g.n));
	json_object_set_new(o, "limit", json_integer(limit));
	json_object_set_new(o, "offset", json_integer(offset));
	json_object_set_new(o, "waiting", json_integer((json_int_t)v->g.district.n_waiting));
	items = page_of(v->g.n, limit, offset, &from, &to);
	for (i = from; i < to; i++)
		json_array_append_new(items, line_json(b, v, &v->g.lines[i]));
	json_object_set_new(o, "items", items);
	return o;
}

json_t *demolition_json(const struct guarantee_book *b, const struct guarantee_query *q,
			const struct demolition_board *d, int64_t limit, int64_t offset)
{
	json_t *o = json_object(), *by = json_object(), *items;
	size_t i, from, to;
	char day[11];
	int s;

	json_object_set_new(o, "year", json_integer(q->year));
	json_object_set_new(o, "asof", json_string(day_format(q->asof, day)));
	json_object_set_new(o, "total", json_integer((json_int_t)d->n));
	json_object_set_new(o, "limit", json_integer(limit));
	json_object_set_new(o, "offset", json_integer(offset));
	for (s = 0; s < TS__MAX; s++)
		json_object_set_new(by, target_status_keys[s], json_integer((json_int_t)d->by_status[s]));
	json_object_set_new(o, "by_status", by);
	items = page_of(d->n, limit, offset, &from, &to);
	for (i = from; i < to; i++) {
		const struct demolition_line *l = &d->v[i];
		json_t *t = json_object();

		json_object_set_new(t, "id", json_integer(l->t->id));
		json_object_set_new(t, "section", item_unit_json(&b->units, l->t->section_id));
		json_object_set_new(t, "year", json_integer(l->t->year));
		json_object_set_new(t, "name", json_string(l->t->name ? l->t->name : ""));
		json_object_set_new(t, "measure", json_string(demolition_measure_keys[l->t->measure]));
		json_object_set_new(t, "measure_label",
				    json_string(demolition_measure_labels[l->t->measure]));
		json_object_set_new(t, "quantity", json_integer(l->t->quantity));
		json_object_set_new(t, "due", day_json(l->t->due));
		json_object_set_new(t, "done", json_integer(l->e.done));
		json_object_set_new(t, "reported_on", day_json(l->e.reported_on));
		json_object_set_new(t, "expected", json_integer(l->e.expected));
		json_object_set_new(t, "status", json_string(target_status_keys[l->e.status]));
		json_object_set_new(t, "status_label", json_string(target_status_labels[l->e.status]));
		json_object_set_new(t, "version", json_integer(l->t->version));
		json_array_append_new(items, t);
	}
	json_object_set_new(o, "items", items);
	return o;
}
