/* json_funds.c — policies and fund applications as JSON (json_funds.h). */
#include "io/json_funds.h"

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

json_t *policy_json(const struct dataset *units, const struct policy *p)
{
	json_t *steps = json_array();
	int s;

	for (s = 0; s < FS__MAX; s++)
		json_array_append_new(steps, json_pack("{s:s, s:s, s:o, s:o}", "step",
			fund_step_keys[s], "label", fund_step_labels[s], "owner",
			item_unit_json(units, p->owner[s]), "limit_days",
			s == FS_APPLY ? json_null() : json_integer(p->limit[s])));
	return json_pack("{s:I, s:o, s:s, s:s, s:i, s:o, s:I}", "id", (json_int_t)p->id, "name",
			 text_json(p->name), "kind", policy_kind_keys[p->kind], "kind_label",
			 policy_kind_labels[p->kind], "year", p->year, "steps", steps, "version",
			 (json_int_t)p->version);
}

json_t *fund_seen_json(const struct fund_book *b, const struct fund_seen *v)
{
	const struct application *a = &v->e->a;
	const struct fund_clock *c = &v->clock;
	json_t *o = json_object(), *pays = json_array();
	size_t i;

	for (i = 0; i < a->n_payments && a->payments[i].on <= v->asof; i++)
		json_array_append_new(pays, json_pack("{s:o, s:I}", "on",
				day_json(a->payments[i].on), "yuan", (json_int_t)a->payments[i].yuan));
	json_object_set_new(o, "id", json_integer(a->id));
	json_object_set_new(o, "company", text_json(a->company));
	json_object_set_new(o, "uscc", text_json(a->uscc));
	json_object_set_new(o, "ref", v->e->p ? text_json(v->e->p->ref) : json_null());
	json_object_set_new(o, "project_name", v->e->p ? text_json(v->e->p->name) : json_null());
	json_object_set_new(o, "policy", json_pack("{s:I, s:s, s:s, s:s}", "id",
		(json_int_t)v->e->pol->id, "name", v->e->pol->name ? v->e->pol->name : "", "kind",
		policy_kind_keys[v->e->pol->kind], "kind_label",
		policy_kind_labels[v->e->pol->kind]));
	json_object_set_new(o, "amount_yuan", json_integer(a->amount));
	json_object_set_new(o, "approved_yuan", json_integer(v->s.status >= FST_CONSULTED &&
		v->s.status != FST_REJECTED ? a->approved : 0));
	json_object_set_new(o, "paid_yuan", json_integer(v->s.paid));
	json_object_set_new(o, "applied_on", day_json(a->applied_on));
	json_object_set_new(o, "verified_on", day_json(v->s.status >= FST_VERIFIED ?
							a->verified_on : DAY_NONE));
	json_object_set_new(o, "consulted_on", day_json(v->s.status >= FST_CONSULTED &&
		v->s.status != FST_REJECTED ? a->consulted_on : DAY_NONE));
	json_object_set_new(o, "rejected_on", day_json(v->s.status == FST_REJECTED ?
						       a->rejected_on : DAY_NONE));
	json_object_set_new(o, "reason", v->s.status == FST_REJECTED ? text_json(a->reason)
								      : json_null());
	json_object_set_new(o, "payments", pays);
	json_object_set_new(o, "status", json_string(fund_status_keys[v->s.status]));
	json_object_set_new(o, "status_label", json_string(fund_status_labels[v->s.status]));
	json_object_set_new(o, "pending_step", c->step >= 0 ? json_string(fund_step_keys[c->step])
							    : json_null());
	json_object_set_new(o, "pending_step_label", c->step >= 0 ?
			    json_string(fund_step_labels[c->step]) : json_null());
	json_object_set_new(o, "owner", c->step >= 0 ? item_unit_json(&b->units, c->owner)
						     : json_null());
	json_object_set_new(o, "since", day_json(c->since));
	json_object_set_new(o, "due", day_json(c->due));
	json_object_set_new(o, "used_days", json_integer(c->used));
	json_object_set_new(o, "limit_days", json_integer(c->limit));
	json_object_set_new(o, "overdue", json_boolean(v->overdue));
	json_object_set_new(o, "late_days", json_integer(c->late));
	json_object_set_new(o, "version", json_integer(a->version));
	return o;
}

json_t *fund_list_json(const struct fund_book *b, const struct fund_selection *sel, bl_day asof,
		       int64_t limit, int64_t offset)
{
	json_t *items = json_array();
	size_t i, end = sel->n;

	if (limit > 0 && offset >= 0 && (uint64_t)offset + (uint64_t)limit < end)
		end = (size_t)(offset + limit);
	for (i = offset > 0 ? (size_t)offset : 0; i < end; i++)
		json_array_append_new(items, fund_seen_json(b, &sel->v[i]));
	return json_pack("{s:o, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:o}", "asof", day_json(asof),
			 "total", (json_int_t)sel->n, "limit", (json_int_t)limit, "offset",
			 (json_int_t)offset, "overdue", (json_int_t)sel->overdue, "applied_yuan",
			 (json_int_t)sel->applied, "approved_yuan", (json_int_t)sel->approved,
			 "paid_yuan", (json_int_t)sel->paid, "items", items);
}
