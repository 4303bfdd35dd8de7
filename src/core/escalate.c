/* escalate.c — the escalation run (escalate.h): read the pending items, ask
 * the rule (items.c) and the workflow table (WF_ITEM escalate, as the office)
 * for each, and append the steps in one transaction. */
#include "core/escalate.h"

#include <stdlib.h>
#include <string.h>

#include "core/workflow.h"
#include "store/store_items.h"
#include "util/buf.h"
#include "util/xalloc.h"

/* An item to move up and the state it moves to. */
struct due {
	struct item it;
	struct item_state to;
};

struct collect_ctx {
	bl_day asof;
	const struct item_settings *is;
	struct escalation_run *out;
	struct due *v;
	size_t n, alloc;
};

/* Count the pending items, and keep those the rule (item_escalation) moves
 * up on asof with their new state: the rule is asked here only. */
static int collect(void *ctx, const struct item *it)
{
	struct collect_ctx *c = ctx;
	struct item_state s = item_current(it), to;

	if (!item_pending(it->status))
		return 0;
	c->out->pending++;
	if (it->last_on != DAY_NONE && it->last_on > c->asof) {
		c->out->later++;
		return 0;
	}
	if (it->level >= ITEM_LEVEL_MAX) {
		c->out->top += item_overdue(&s, c->asof);
		return 0;
	}
	if (!item_escalation(&s, c->asof, c->is, &to))
		return 0;
	XGROW(c->v, c->alloc, c->n + 1);
	item_copy(&c->v[c->n].it, it);
	c->v[c->n++].to = to;
	return 0;
}

/* One item moved up as the office would by hand. */
static enum bl_err escalate_one(struct store *st, struct due *d, bl_day asof, struct buf *text,
				struct escalation_run *out)
{
	struct item_state from = item_current(&d->it);
	struct wf_request q = { WF_ITEM, (int)d->it.status, WA_ESCALATE, ROLE_ADMIN, WF_SEEN,
				NULL };
	struct item_step step;
	struct escalation *e;
	enum bl_err rc;

	escalation_text(text, &from, &d->to);
	q.reason = text->s;
	if (workflow_decide(&q, NULL, NULL) != WFO_OK)
		return BL_OK; /* the table says no: nothing to do here */
	memset(&step, 0, sizeof(step));
	step.kind = IK_ESCALATE;
	step.on = asof;
	step.body = xstrdup(text->s);
	step.after = d->to;
	rc = store_item_step(st, &d->it, &step);
	item_step_release(&step);
	if (rc)
		return rc;
	XGROW(out->v, out->alloc, out->n + 1);
	e = &out->v[out->n++];
	e->item_id = d->it.id;
	e->project_id = d->it.project_id;
	e->from = from.level;
	e->to = d->to.level;
	e->was_deadline = from.level_deadline;
	e->deadline = d->to.level_deadline;
	return BL_OK;
}

enum bl_err items_escalate(struct store *st, bl_day asof, const struct item_settings *is,
			   struct escalation_run *out)
{
	struct collect_ctx c;
	struct buf text = BUF_INIT;
	enum bl_err rc;
	size_t i;

	memset(out, 0, sizeof(*out));
	memset(&c, 0, sizeof(c));
	out->asof = asof;
	c.asof = asof;
	c.is = is;
	c.out = out;
	rc = store_begin(st);
	if (rc)
		return rc;
	rc = store_items_each(st, collect, &c);
	for (i = 0; !rc && i < c.n; i++)
		rc = escalate_one(st, &c.v[i], asof, &text, out);
	if (!rc)
		rc = store_commit(st);
	if (rc) {
		store_rollback(st);
		free(out->v);
		memset(out, 0, sizeof(*out));
		out->asof = asof;
	}
	for (i = 0; i < c.n; i++)
		item_release(&c.v[i].it);
	free(c.v);
	buf_release(&text);
	return rc;
}

void escalation_run_release(struct escalation_run *r)
{
	free(r->v);
	memset(r, 0, sizeof(*r));
}
