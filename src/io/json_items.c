/* json_items.c — supervision items as JSON (json_items.h). */
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

json_t *item_unit_json(const struct dataset *units, int64_t id)
{
	const struct unit *u = id ? dataset_unit(units, id) : NULL;

	if (!u)
		return json_null();
	return json_pack("{s:s, s:s, s:s}", "code", u->code ? u->code : "", "name",
			 u->name ? u->name : "", "kind", unit_kind_keys[u->kind]);
}

json_t *item_seen_json(const struct dataset *units, const struct item_seen *v)
{
	const struct item *it = &v->e->it;
	const struct project *p = v->e->p;
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(it->id));
	json_object_set_new(o, "ref", json_string(p->ref ? p->ref : ""));
	json_object_set_new(o, "project_name", text_json(p->name));
	json_object_set_new(o, "section", item_unit_json(units, p->section_id));
	json_object_set_new(o, "title", text_json(it->title));
	json_object_set_new(o, "detail", text_json(it->detail));
	json_object_set_new(o, "category", json_string(item_category_keys[it->category]));
	json_object_set_new(o, "category_label", json_string(item_category_labels[it->category]));
	json_object_set_new(o, "owner", item_unit_json(units, it->owner_id));
	json_object_set_new(o, "level", json_integer(v->s.level));
	json_object_set_new(o, "level_label", json_string(
		v->s.level >= ITEM_LEVEL_MIN && v->s.level <= ITEM_LEVEL_MAX ?
		item_level_labels[v->s.level] : ""));
	json_object_set_new(o, "raised_on", day_json(it->raised_on));
	json_object_set_new(o, "deadline", day_json(v->s.deadline));
	json_object_set_new(o, "level_deadline", day_json(v->s.level_deadline));
	json_object_set_new(o, "status", json_string(item_status_keys[v->s.status]));
	json_object_set_new(o, "status_label", json_string(item_status_labels[v->s.status]));
	json_object_set_new(o, "pending", json_boolean(item_pending(v->s.status)));
	json_object_set_new(o, "overdue", json_boolean(v->overdue));
	json_object_set_new(o, "days_late", json_integer(v->days_late));
	json_object_set_new(o, "days_left", json_integer(v->days_left));
	json_object_set_new(o, "source", json_string(item_source_keys[it->source]));
	json_object_set_new(o, "source_label", json_string(item_source_labels[it->source]));
	json_object_set_new(o, "source_ref", text_json(it->source_ref));
	json_object_set_new(o, "raised_by", text_json(it->raised_by));
	json_object_set_new(o, "version", json_integer(it->version));
	return o;
}

json_t *item_list_json(const struct item_book *b, const struct item_selection *sel,
		       bl_day asof, int64_t limit, int64_t offset)
{
	json_t *items = json_array(), *by = json_object();
	size_t i, end = sel->n;
	int l;

	if (limit > 0 && offset >= 0 && (uint64_t)offset + (uint64_t)limit < end)
		end = (size_t)(offset + limit);
	for (i = offset > 0 ? (size_t)offset : 0; i < end; i++)
		json_array_append_new(items, item_seen_json(&b->units, &sel->v[i]));
	for (l = ITEM_LEVEL_MIN; l <= ITEM_LEVEL_MAX; l++)
		json_object_set_new(by, item_level_keys[l], json_integer((json_int_t)sel->by_level[l]));
	return json_pack("{s:o, s:I, s:I, s:I, s:I, s:I, s:o, s:o}", "asof", day_json(asof),
			 "total", (json_int_t)sel->n, "limit", (json_int_t)limit, "offset",
			 (json_int_t)offset, "pending", (json_int_t)sel->pending, "overdue",
			 (json_int_t)sel->overdue, "overdue_by_level", by, "items", items);
}

json_t *item_step_json(const struct item_step *s)
{
	int l = s->after.level;

	return json_pack("{s:I, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:s, s:s, s:i, s:s, s:o, s:o}",
			 "id", (json_int_t)s->id, "kind", item_step_keys[s->kind], "kind_label",
			 item_step_labels[s->kind], "on", day_json(s->on), "at", text_json(s->at),
			 "actor", text_json(s->actor), "text", text_json(s->body), "attachment",
			 text_json(s->attachment), "status", item_status_keys[s->after.status],
			 "status_label", item_status_labels[s->after.status], "level", l,
			 "level_label", l >= ITEM_LEVEL_MIN && l <= ITEM_LEVEL_MAX ?
			 item_level_labels[l] : "", "deadline", day_json(s->after.deadline),
			 "level_deadline", day_json(s->after.level_deadline));
}

json_t *escalation_json(const struct escalation_run *r, const struct item_book *b)
{
	json_t *items = json_array();
	size_t i;

	for (i = 0; i < r->n; i++) {
		const struct escalation *e = &r->v[i];
		const struct item_entry *en = b ? item_book_find(b, e->item_id) : NULL;

		json_array_append_new(items, json_pack("{s:I, s:o, s:o, s:i, s:i, s:o, s:o}",
			"id", (json_int_t)e->item_id, "ref",
			en && en->p->ref ? json_string(en->p->ref) : json_null(), "title",
			en ? text_json(en->it.title) : json_null(), "from", e->from, "to", e->to,
			"was_deadline", day_json(e->was_deadline), "deadline", day_json(e->deadline)));
	}
	return json_pack("{s:o, s:I, s:I, s:I, s:I, s:o}", "asof", day_json(r->asof),
			 "escalated", (json_int_t)r->n, "pending", (json_int_t)r->pending,
			 "at_top", (json_int_t)r->top, "later", (json_int_t)r->later, "items", items);
}
