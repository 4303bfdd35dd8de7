/* ranking_json.c — contest rounds to and from JSON with jansson. Scores are
 * hundredths of a point in core; here they become numbers with two decimals. */
#include "report/ranking_json.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/xalloc.h"

static const char *const role_keys[3] = { "leader", "red_flag", "talk" };

json_t *contest_weights_json(const struct contest_weights *w)
{
	json_t *o = json_object();
	int k;

	for (k = 0; k < CP__MAX; k++)
		json_object_set_new(o, contest_part_keys[k], json_integer(w->w[k]));
	return o;
}

static json_t *ratio_json(struct ratio r)
{
	json_t *o = json_object();

	json_object_set_new(o, "num", json_integer(r.num));
	json_object_set_new(o, "den", json_integer(r.den));
	json_object_set_new(o, "value", r.den ? json_real((double)ratio_scaled(r, 10000) / 10000.0)
					      : json_null());
	return o;
}

static json_t *hundredths(int64_t v)
{
	return json_real((double)v / 100.0);
}

static json_t *entry_json(const struct contest_entry *e)
{
	json_t *o = json_object(), *pts = json_object(), *roles = json_array();
	int k;

	json_object_set_new(o, "rank", e->ranked ? json_integer(e->rank) : json_null());
	json_object_set_new(o, "code", json_string(e->code ? e->code : ""));
	json_object_set_new(o, "name", json_string(e->name ? e->name : ""));
	json_object_set_new(o, "projects", json_integer(e->projects));
	json_object_set_new(o, "start_rate", ratio_json(e->start_rate));
	json_object_set_new(o, "investment_completion", ratio_json(e->investment_completion));
	json_object_set_new(o, "new_starts", json_integer(e->new_starts));
	json_object_set_new(o, "new_starts_task", e->task_new_starts >= 0
							   ? json_integer(e->task_new_starts)
							   : json_null());
	json_object_set_new(o, "red_projects", json_integer(e->red_projects));
	json_object_set_new(o, "overdue_item_projects", json_integer(e->overdue_item_projects));
	/* h-talent: the section's signed lead investment over the district's */
	json_object_set_new(o, "signed_investment",
			    ratio_json((struct ratio){ e->signed_yuan, e->signed_yuan_all }));
	for (k = 0; k < CP__MAX; k++)
		json_object_set_new(pts, contest_part_keys[k], hundredths(e->points[k]));
	json_object_set_new(o, "points", pts);
	json_object_set_new(o, "score", e->ranked ? hundredths(e->score) : json_null());
	for (k = 0; k < 3; k++)
		if (e->roles & (1u << k))
			json_array_append_new(roles, json_string(role_keys[k]));
	json_object_set_new(o, "roles", roles);
	return o;
}

json_t *contest_round_json(const struct contest_round *r)
{
	json_t *o = json_object(), *list = json_array(), *by_role[3];
	char m[8], d[11];
	size_t i;
	int k;

	for (k = 0; k < 3; k++)
		by_role[k] = json_array();
	json_object_set_new(o, "month", json_string(month_format(r->month, m)));
	json_object_set_new(o, "asof", json_string(day_format(r->asof, d)));
	json_object_set_new(o, "weights", contest_weights_json(&r->weights));
	for (i = 0; i < r->n; i++) {
		const struct contest_entry *e = &r->entries[i];

		json_array_append_new(list, entry_json(e));
		for (k = 0; k < 3; k++)
			if (e->roles & (1u << k))
				json_array_append_new(by_role[k], json_string(e->code ? e->code : ""));
	}
	json_object_set_new(o, "sections", list);
	json_object_set_new(o, "leader", json_array_size(by_role[0])
						 ? json_incref(json_array_get(by_role[0], 0))
						 : json_null());
	json_decref(by_role[0]);
	json_object_set_new(o, "red_flag", by_role[1]);
	json_object_set_new(o, "talk", by_role[2]);
	return o;
}

json_t *contest_round_json_changes(const struct contest_round *r,
				   const struct contest_round *prev)
{
	json_t *doc = contest_round_json(r), *list = json_object_get(doc, "sections");
	char mon[8];
	size_t i;

	json_object_set_new(doc, "previous_round",
			    prev->n ? json_string(month_format(prev->month, mon)) : json_null());
	for (i = 0; i < r->n && i < json_array_size(list); i++) {
		const struct contest_entry *e = &r->entries[i];
		const struct contest_entry *p = contest_find(prev, e->unit_id);

		json_object_set_new(json_array_get(list, i), "change",
				    p && p->ranked && e->ranked ? json_integer(p->rank - e->rank)
								: json_null());
	}
	return doc;
}

char *ranking_json_text(const json_t *j)
{
	char *s = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
	char *copy;

	if (!s)
		return xstrdup("null");
	copy = xstrdup(s);
	free(s);
	return copy;
}

int ranking_json_roles(const char *result, char *out[3])
{
	json_t *root = json_loads(result, 0, NULL), *list, *e;
	struct buf b[3] = { BUF_INIT, BUF_INIT, BUF_INIT };
	size_t i, r;
	int k;

	for (k = 0; k < 3; k++)
		out[k] = NULL;
	list = root ? json_object_get(root, "sections") : NULL;
	if (!json_is_array(list)) {
		json_decref(root);
		return -1;
	}
	json_array_foreach(list, i, e) {
		json_t *roles = json_object_get(e, "roles"), *role;
		const char *name = json_string_value(json_object_get(e, "name"));

		json_array_foreach(roles, r, role)
			for (k = 0; k < 3; k++)
				if (json_is_string(role) && !strcmp(json_string_value(role), role_keys[k]))
					buf_addf(&b[k], "%s%s", b[k].len ? "、" : "", name ? name : "?");
	}
	for (k = 0; k < 3; k++)
		out[k] = buf_detach(&b[k], NULL);
	json_decref(root);
	return 0;
}

/* The unit of ds with this code, or NULL. */
static const struct unit *unit_by_code(const struct dataset *ds, const char *code)
{
	size_t i;

	for (i = 0; code && i < ds->n_units; i++)
		if (ds->units[i].code && !strcmp(ds->units[i].code, code))
			return &ds->units[i];
	return NULL;
}

int ranking_json_parse(const char *result, const struct dataset *ds, struct contest_round *out)
{
	json_t *root = json_loads(result, 0, NULL), *list, *e;
	const char *month;
	size_t i;

	memset(out, 0, sizeof(*out));
	list = root ? json_object_get(root, "sections") : NULL;
	month = root ? json_string_value(json_object_get(root, "month")) : NULL;
	if (!json_is_array(list) || !month || month_parse_iso(month, &out->month)) {
		json_decref(root);
		memset(out, 0, sizeof(*out));
		return -1;
	}
	out->entries = xcalloc(json_array_size(list) + 1, sizeof(*out->entries));
	json_array_foreach(list, i, e) {
		const struct unit *u = unit_by_code(ds, json_string_value(json_object_get(e, "code")));
		json_t *rank = json_object_get(e, "rank"), *score = json_object_get(e, "score");
		struct contest_entry *c;

		if (!u)
			continue; /* a unit no longer there */
		c = &out->entries[out->n++];
		c->unit_id = u->id;
		c->code = u->code;
		c->name = u->name;
		c->task_new_starts = -1;
		c->ranked = json_is_integer(rank);
		c->rank = c->ranked ? (int)json_integer_value(rank) : 0;
		if (json_is_number(score)) {
			double v = json_number_value(score) * 100.0;

			c->score = (int64_t)(v < 0 ? v - 0.5 : v + 0.5);
		}
		out->n_ranked += (size_t)c->ranked;
	}
	json_decref(root);
	return 0;
}
