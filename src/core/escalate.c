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

struct collect_ctx {
	bl_day asof;
	struct escalation_run *out;
	struct item *v;
	size_t n, alloc;
};

/* Keep the pending items that are past their deadline on asof. */
static int collect(void *ctx, const struct item *it)
{
	struct collect_ctx *c = ctx;
	struct item_state s = item_current(it);

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
	if (it->level_deadline == DAY_NONE || c->asof <= it->level_deadline)
		return 0;
	XGROW(c->v, c->alloc, c->n + 1);
	item_copy(&c->v[c->n++], it);
	return 0;
}

/* One item moved up as the office would by hand. */
static enum bl_err escalate_one(struct store *st, struct item *it, bl_day asof,
				const struct item_settings *is, struct buf *text,
				struct escalation_run *out)
{
	struct item_state from = item_current(it), to;
	struct wf_request q = { WF_ITEM, (int)it->status, WA_ESCALATE, ROLE_ADMIN, WF_SEEN, NULL };
	struct item_step step;
	struct escalation *e;
	enum bl_err rc;

	if (!item_escalation(&from, asof, is, &to))
		return BL_OK;
	escalation_text(text, &from, &to);
	q.reason = text->s;
	if (workflow_decide(&q, NULL, NULL) != WFO_OK)
		return BL_OK; /* the table says no: nothing to do here */
	memset(&step, 0, sizeof(step));
	step.kind = IK_ESCALATE;
	step.on = asof;
	step.body = xstrdup(text->s);
	step.after = to;
	rc = store_item_step(st, it, &step);
	item_step_release(&step);
	if (rc)
		return rc;
	XGROW(out->v, out->alloc, out->n + 1);
	e = &out->v[out->n++];
	e->item_id = it->id;
	e->project_id = it->project_id;
	e->from = from.level;
	e->to = to.level;
	e->was_deadline = from.level_deadline;
	e->deadline = to.level_deadline;
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
	c.out = out;
	rc = store_begin(st);
	if (rc)
		return rc;
	rc = store_items_each(st, collect, &c);
	for (i = 0; !rc && i < c.n; i++)
		rc = escalate_one(st, &c.v[i], asof, is, &text, out);
	if (!rc)
		rc = store_commit(st);
	if (rc) {
		store_rollback(st);
		free(out->v);
		memset(out, 0, sizeof(*out));
		out->asof = asof;
	}
	for (i = 0; i < c.n; i++)
		item_release(&c.v[i]);
	free(c.v);
	buf_release(&text);
	return rc;
}

void escalation_run_release(struct escalation_run *r)
{
	free(r->v);
	memset(r, 0, sizeof(*r));
}
