/* res_inbox.c — GET /api/v1/inbox: what needs the caller now (core/inbox.h),
 * most urgent first, as {asof, total, limit, offset, counts, items}. The
 * header's count is its total. */
#include <stdlib.h>
#include <string.h>

#include "core/inbox.h"
#include "http/params.h"
#include "http/routes.h"
#include "io/json_items.h"
#include "store/store_leaders.h"
#include "store/store_workflow.h"
#include "util/xalloc.h"

#define LIST_LIMIT 50
#define LIST_MAX 500

struct reports_ctx {
	struct inbox_report *v;
	size_t n, alloc;
};

static int take_report(void *ctx, const struct report_row *rr)
{
	struct reports_ctx *c = ctx;

	XGROW(c->v, c->alloc, c->n + 1);
	c->v[c->n].project_id = rr->r.project_id;
	c->v[c->n].month = rr->r.month;
	c->v[c->n].status = rr->r.status;
	c->n++;
	return 0;
}

static json_t *entry_json(const struct inbox *ib, const struct item_book *b, size_t i)
{
	const struct inbox_entry *e = &ib->v[i];
	json_t *o = json_pack("{s:s, s:s, s:s}", "kind", inbox_kind_keys[e->kind], "kind_label",
			      inbox_kind_labels[e->kind], "text", e->text ? e->text : "");
	char mon[8];

	json_object_set_new(o, "ref", e->p && e->p->ref ? json_string(e->p->ref) : json_null());
	json_object_set_new(o, "project_name",
			    e->p && e->p->name ? json_string(e->p->name) : json_null());
	json_object_set_new(o, "month", e->month == MONTH_NONE ? json_null()
				: json_string(month_format(e->month, mon)));
	json_object_set_new(o, "count", json_integer((json_int_t)e->count));
	json_object_set_new(o, "days", json_integer(e->days));
	json_object_set_new(o, "item", e->item ? item_seen_json(&b->units, e->item) : json_null());
	return o;
}

/* GET /inbox[?asof=D&limit=&offset=] */
void h_inbox(struct http_req *rq, struct http_resp *rs)
{
	struct inbox_input in;
	struct reports_ctx rc = { NULL, 0, 0 };
	struct warning_settings ws;
	struct scope_query q;
	struct item_book b;
	struct dataset ds;
	struct inbox ib;
	int64_t *lead = NULL;
	json_t *items, *counts;
	int64_t limit, offset;
	bl_day today;
	int k;
	size_t i;

	if (http_scope_query(rq, rs, SP_BIT(SP_ASOF) | SP_PAGING, &q) ||
	    http_paging(rs, &q, LIST_LIMIT, LIST_MAX, &limit, &offset))
		return;
	today = q.given & SP_BIT(SP_ASOF) ? q.sc.asof : scope_today();
	if (item_book_load(rq->st, &b)) {
		resp_store_error(rs, rq->st, BL_EDB);
		return;
	}
	if (load_year_for(rq, rs, day_year(today), day_month(today), DS_ALL, &ds)) {
		item_book_release(&b);
		return;
	}
	for (k = 2; k >= 0; k--)
		store_reports_month(rq->st, day_month(today) - k, take_report, &rc);
	if (http_warning_settings(rq, rs, &ws)) {
		free(rc.v);
		dataset_release(&ds);
		item_book_release(&b);
		return;
	}
	memset(&in, 0, sizeof(in));
	/* a leader's projects are those linked to the account (领导挂钩) */
	if (rq->actor.role == ROLE_LEADER)
		store_leader_project_ids(rq->st, rq->actor.user_id, &lead, &in.n_leader_projects);
	in.leader_projects = lead;
	in.a = &rq->actor;
	in.today = today;
	in.items = &b;
	in.ds = &ds;
	in.ws = &ws;
	in.reports = rc.v;
	in.n_reports = rc.n;
	inbox_build(&in, &ib);
	items = json_array();
	for (i = (size_t)offset; i < ib.n && (int64_t)(i - (size_t)offset) < limit; i++)
		json_array_append_new(items, entry_json(&ib, &b, i));
	counts = json_object();
	for (k = 0; k < IB__MAX; k++)
		json_object_set_new(counts, inbox_kind_keys[k], json_integer((json_int_t)ib.counts[k]));
	resp_json(rs, 200, json_pack("{s:s, s:I, s:I, s:I, s:o, s:o}", "asof",
				     day_format(today, (char[11]){ 0 }), "total", (json_int_t)ib.n,
				     "limit", (json_int_t)limit, "offset", (json_int_t)offset,
				     "counts", counts, "items", items));
	inbox_release(&ib);
	free(lead);
	free(rc.v);
	dataset_release(&ds);
	item_book_release(&b);
}
