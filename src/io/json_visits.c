/* json_visits.c — teams, visits and the supervision schedule as JSON
 * (json_visits.h). */
#include "io/json_visits.h"

#include <string.h>

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *day_or_null(bl_day d)
{
	char day[11];

	return d == DAY_NONE ? json_null() : json_string(day_format(d, day));
}

json_t *visit_json(const struct visit *v, const struct project *p)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(v->id));
	json_object_set_new(o, "ref", str_or_null(p ? p->ref : NULL));
	json_object_set_new(o, "project_name", str_or_null(p ? p->name : NULL));
	json_object_set_new(o, "on", day_or_null(v->on));
	json_object_set_new(o, "kind", json_string(visit_kind_keys[v->kind]));
	json_object_set_new(o, "kind_label", json_string(visit_kind_labels[v->kind]));
	json_object_set_new(o, "who", str_or_null(v->who));
	json_object_set_new(o, "findings", str_or_null(v->findings));
	json_object_set_new(o, "recorded_by", str_or_null(v->recorded_by));
	json_object_set_new(o, "recorded_at", str_or_null(v->recorded_at));
	json_object_set_new(o, "version", json_integer(v->version));
	return o;
}

json_t *team_json(const struct team *t, int (*is_account)(void *ctx, const char *name),
		  void *ctx)
{
	json_t *o, *members;
	const char *line;

	if (!t)
		return json_null();
	o = json_object();
	members = json_array();
	for (line = t->members; line && *line;) {
		const char *nl = strchr(line, '\n');
		size_t n = nl ? (size_t)(nl - line) : strlen(line);
		json_t *name = json_stringn(line, n);

		if (n && name)
			json_array_append_new(members, json_pack("{s:o, s:b}", "name", name,
				"account", is_account && is_account(ctx, json_string_value(name))));
		else
			json_decref(name);
		line += n + (nl ? 1 : 0);
	}
	json_object_set_new(o, "id", json_integer(t->id));
	json_object_set_new(o, "name", str_or_null(t->name));
	json_object_set_new(o, "members", members);
	json_object_set_new(o, "version", json_integer(t->version));
	return o;
}

static json_t *entry_json(const struct dataset *ds, const struct schedule_entry *e)
{
	const struct project *p = &ds->projects[e->project];
	json_t *reasons = json_array();

	if (e->filed_not_started)
		json_array_append_new(reasons, json_string("filed_not_started"));
	if (e->red)
		json_array_append_new(reasons, json_string("red"));
	return json_pack("{s:s?, s:s?, s:I, s:b, s:b, s:o, s:b, s:o, s:o, s:I}",
			 "ref", p->ref, "name", p->name,
			 "total_investment", (json_int_t)p->total_investment,
			 "filed_not_started", e->filed_not_started, "red", e->red,
			 "reasons", reasons, "visited", e->visits > 0,
			 "visited_on", day_or_null(e->visited_on),
			 "visit_id", e->visit_id ? json_integer(e->visit_id) : json_null(),
			 "visits", (json_int_t)e->visits);
}

json_t *schedule_json(const struct dataset *ds, const struct schedule *s,
		      const struct schedule_settings *ss, bl_day asof)
{
	json_t *doc = json_object(), *sections = json_array(), *sec = NULL, *list = NULL;
	int64_t last_section = -1, total = 0, visited = 0;
	size_t i;

	for (i = 0; i < s->n; i++) {
		const struct schedule_entry *e = &s->v[i];
		const struct project *p = &ds->projects[e->project];

		if (!sec || p->section_id != last_section) {
			const struct unit *u = dataset_unit(ds, p->section_id);

			sec = json_pack("{s:s?, s:s?, s:I, s:I}", "code", u ? u->code : NULL,
					"name", u ? u->name : NULL, "total", (json_int_t)0,
					"visited", (json_int_t)0);
			list = json_array();
			json_object_set_new(sec, "projects", list);
			json_array_append_new(sections, sec);
			last_section = p->section_id;
			total = visited = 0;
		}
		json_array_append_new(list, entry_json(ds, e));
		json_object_set_new(sec, "total", json_integer(++total));
		visited += e->visits > 0;
		json_object_set_new(sec, "visited", json_integer(visited));
	}
	json_object_set_new(doc, "asof", day_or_null(asof));
	json_object_set_new(doc, "from", day_or_null(s->from));
	json_object_set_new(doc, "to", day_or_null(s->to));
	json_object_set_new(doc, "months", json_string(ss->even ? "even" : "odd"));
	json_object_set_new(doc, "threshold_yuan", json_integer(ss->threshold));
	json_object_set_new(doc, "total", json_integer((json_int_t)s->n));
	json_object_set_new(doc, "visited", json_integer((json_int_t)s->visited));
	json_object_set_new(doc, "not_visited", json_integer((json_int_t)(s->n - s->visited)));
	json_object_set_new(doc, "sections", sections);
	return doc;
}
