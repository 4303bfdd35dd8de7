/* funds_view.c — the fund book (funds_view.h): read once from the store,
 * selected as of a day, sorted overdue first. */
#include "core/funds_view.h"

#include <stdlib.h>
#include <string.h>

#include "store/store_funds.h"
#include "store/store_items.h"
#include "util/buf.h"
#include "util/xalloc.h"

static int take_policy(void *ctx, const struct policy *p)
{
	struct fund_book *b = ctx;

	b->policies = xrealloc(b->policies, (b->n_policies + 1) * sizeof(*b->policies));
	b->policies[b->n_policies] = *p;
	b->policies[b->n_policies++].name = xstrdup(p->name ? p->name : "");
	return 0;
}

static int take_application(void *ctx, const struct application *a)
{
	struct fund_book *b = ctx;

	b->v = xrealloc(b->v, (b->n + 1) * sizeof(*b->v));
	memset(&b->v[b->n], 0, sizeof(b->v[b->n]));
	application_copy(&b->v[b->n++].a, a);
	return 0;
}

const struct policy *fund_book_policy(const struct fund_book *b, int64_t id)
{
	size_t i;

	for (i = 0; i < b->n_policies; i++)
		if (b->policies[i].id == id)
			return &b->policies[i];
	return NULL;
}

int64_t fund_policy_named(const struct fund_book *b, const char *s)
{
	int64_t id = 0;
	size_t i;

	for (i = 0; s[i] >= '0' && s[i] <= '9' && i < 18; i++)
		id = id * 10 + (s[i] - '0');
	if (i && !s[i] && fund_book_policy(b, id))
		return id;
	for (i = 0; i < b->n_policies; i++)
		if (b->policies[i].name && !strcmp(b->policies[i].name, s))
			return b->policies[i].id;
	return -1;
}

static const struct project *book_project(const struct fund_book *b, int64_t id)
{
	size_t i;

	for (i = 0; id && i < b->n_projects; i++)
		if (b->projects[i].id == id)
			return &b->projects[i];
	return NULL;
}

/* Read each project an application names once. */
static enum bl_err load_projects(struct store *st, struct fund_book *b)
{
	enum bl_err rc = BL_OK;
	size_t i;

	for (i = 0; i < b->n && !rc; i++) {
		int64_t id = b->v[i].a.project_id;

		if (!id || book_project(b, id))
			continue;
		b->projects = xrealloc(b->projects, (b->n_projects + 1) * sizeof(*b->projects));
		rc = store_item_project(st, id, &b->projects[b->n_projects]);
		if (!rc)
			b->n_projects++;
	}
	return rc;
}

enum bl_err fund_book_load(struct store *st, struct fund_book *b)
{
	struct store_workcal w;
	enum bl_err rc;
	size_t i;

	memset(b, 0, sizeof(*b));
	rc = store_units(st, &b->units.units, &b->units.n_units);
	if (!rc)
		rc = store_policies_each(st, take_policy, b);
	if (!rc)
		rc = store_applications_each(st, take_application, b);
	if (!rc)
		rc = load_projects(st, b);
	if (!rc) {
		rc = store_workcal_load(st, &w);
		b->days = w.days;
		b->cal = w.cal;
	}
	if (rc) {
		fund_book_release(b);
		return rc;
	}
	dataset_index(&b->units);
	for (i = 0; i < b->n; i++) {
		b->v[i].pol = fund_book_policy(b, b->v[i].a.policy_id);
		b->v[i].p = book_project(b, b->v[i].a.project_id);
	}
	return BL_OK;
}

void fund_book_release(struct fund_book *b)
{
	struct store_workcal w = { b->cal, b->days, b->cal.n };
	size_t i;

	for (i = 0; i < b->n; i++)
		application_release(&b->v[i].a);
	free(b->v);
	for (i = 0; i < b->n_policies; i++)
		policy_release(&b->policies[i]);
	free(b->policies);
	for (i = 0; i < b->n_projects; i++)
		project_release(&b->projects[i]);
	free(b->projects);
	store_workcal_release(&w);
	dataset_release(&b->units);
	memset(b, 0, sizeof(*b));
}

void fund_query_init(struct fund_query *q, bl_day asof)
{
	memset(q, 0, sizeof(*q));
	q->asof = asof;
	q->step = -1;
}

static int cmp_seen(const void *x, const void *y)
{
	const struct fund_seen *a = x, *b = y;

	if (a->overdue != b->overdue)
		return b->overdue - a->overdue;
	if (a->clock.late != b->clock.late)
		return b->clock.late - a->clock.late;
	return a->e->a.id < b->e->a.id ? -1 : a->e->a.id > b->e->a.id;
}

static int selected(const struct fund_book *b, const struct fund_query *q,
		    const struct actor *who, const struct fund_seen *v)
{
	const struct fund_entry *e = v->e;

	if (who && !access_application_visible(who, &b->units, e->p, e->pol))
		return 0;
	if (q->policy_id && e->a.policy_id != q->policy_id)
		return 0;
	if (q->step >= 0 && v->s.pending != q->step)
		return 0;
	if (q->section_id && !(e->p && dataset_in_subtree(&b->units, e->p->section_id,
							  q->section_id)))
		return 0;
	return !q->overdue || v->overdue;
}

void fund_select(const struct fund_book *b, const struct fund_query *q, const struct actor *a,
		 struct fund_selection *out)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	out->v = xcalloc(b->n + 1, sizeof(*out->v));
	for (i = 0; i < b->n; i++) {
		struct fund_seen v = { &b->v[i], q->asof, { 0 }, { 0 }, 0 };

		if (!v.e->pol || !application_at(&v.e->a, q->asof, &v.s))
			continue;
		v.overdue = application_clock(&v.e->a, v.e->pol, &b->cal, q->asof, &v.clock) == 1;
		if (!selected(b, q, a, &v))
			continue;
		out->v[out->n++] = v;
		out->overdue += v.overdue;
		amount_add(&out->applied, v.e->a.amount);
		if (v.e->a.consulted_on <= q->asof)
			amount_add(&out->approved, v.e->a.approved);
		amount_add(&out->paid, v.s.paid);
	}
	qsort(out->v, out->n, sizeof(*out->v), cmp_seen);
}

void fund_selection_release(struct fund_selection *s)
{
	free(s->v);
	memset(s, 0, sizeof(*s));
}

size_t fund_project_overdue(const struct fund_book *b, int64_t project_id, bl_day asof,
			    struct fund_seen *worst)
{
	size_t i, n = 0;

	for (i = 0; i < b->n; i++) {
		struct fund_seen v = { &b->v[i], asof, { 0 }, { 0 }, 0 };

		if (!v.e->p || v.e->p->id != project_id || !v.e->pol ||
		    !application_at(&v.e->a, asof, &v.s) ||
		    application_clock(&v.e->a, v.e->pol, &b->cal, asof, &v.clock) != 1)
			continue;
		v.overdue = 1;
		if (!n++ || v.clock.late > worst->clock.late)
			*worst = v;
	}
	return n;
}

void fund_overdue_text(struct buf *out, const struct fund_book *b, const struct fund_seen *v)
{
	buf_reset(out);
	fund_overdue_append(out, b, v);
}

void fund_overdue_append(struct buf *out, const struct fund_book *b, const struct fund_seen *v)
{
	char day[11];

	buf_addf(out, "%s申请的%s%s环节超期未兑现：责任单位%s，自%s起已用%d个工作日，"
		 "时限%d个工作日，超期%d个工作日", v->e->a.company ? v->e->a.company : "",
		 v->e->pol->name, fund_step_labels[v->clock.step],
		 dataset_unit_name(&b->units, v->clock.owner, "（未定）"),
		 day_format(v->clock.since, day), v->clock.used, v->clock.limit, v->clock.late);
}
