/* res_measures.c — /api/v1/measures, /targets and /warnings: the same
 * documents as the CLI's --format json (io/json_*.c), for the same filters.
 * Measures and targets are district figures every role may read; warnings
 * name projects, so a section or department user sees only its own. Answers
 * are cached until the data changes. */
#include <stdlib.h>
#include <string.h>

#include "core/measures.h"
#include "core/targets.h"
#include "core/warnings.h"
#include "http/params.h"
#include "http/routes.h"
#include "io/json_measures.h"
#include "io/json_reports.h"
#include "util/xalloc.h"

void h_measures(struct http_req *rq, struct http_resp *rs)
{
	struct breakdown_rows rows = { NULL, 0 };
	struct buf key = BUF_INIT;
	struct scope_query q;
	struct dataset ds;
	struct measures m;
	int64_t gen;

	if (http_cached(rq, rs, &key, 0, &gen) ||
	    http_scope_query(rq, rs, MEASURES_PARAMS, &q))
		goto out;
	/* As the CLI: the measures read no report after asof's month, nor (mostly)
	 * the project details (store_load_dataset_for). */
	if (load_year_for(rq, rs, q.sc.year, day_month(q.sc.asof),
			  measures_doc_parts(&q.sc, (enum breakdown)q.by), &ds))
		goto out;
	if (!http_scope_resolve(rs, &ds, &q)) {
		measures_compute(&ds, &q.sc, &m);
		if (q.by != BY_NONE)
			measures_breakdown(&ds, &q.sc, (enum breakdown)q.by, &rows);
		http_answer(rq, rs, &key, gen, measures_doc_json(&ds, &q.sc, &m,
			    q.by != BY_NONE ? &rows : NULL, (enum breakdown)q.by));
		breakdown_rows_release(&rows);
	}
	dataset_release(&ds);
out:
	buf_release(&key);
}

void h_targets_list(struct http_req *rq, struct http_resp *rs)
{
	struct target_eval *ev;
	struct buf key = BUF_INIT;
	struct scope_query q;
	struct dataset ds;
	int64_t gen;
	size_t i;

	if (http_cached(rq, rs, &key, 0, &gen) || http_scope_query(rq, rs, SP_PERIOD, &q) ||
	    load_year_for(rq, rs, q.sc.year, day_month(q.sc.asof), DS_TARGETS, &ds))
		goto out;
	ev = xcalloc(ds.n_targets + 1, sizeof(*ev));
	for (i = 0; i < ds.n_targets; i++)
		target_evaluate(&ds, &ds.targets[i], q.sc.asof, &ev[i]);
	http_answer(rq, rs, &key, gen, targets_doc_json(&ds, q.sc.year, q.sc.asof, ev));
	free(ev);
	dataset_release(&ds);
out:
	buf_release(&key);
}

struct visible_ctx {
	const struct actor *a;
	const struct dataset *ds;
};

static int visible(void *ctx, const struct project *p)
{
	const struct visible_ctx *v = ctx;

	return access_project_visible(v->a, v->ds, p);
}

void h_warnings_list(struct http_req *rq, struct http_resp *rs)
{
	struct warning_settings ws;
	struct warning_list wl = { 0 };
	struct warning_view wv = { NULL, 0, { 0 }, { 0 } };
	struct visible_ctx vc;
	struct buf key = BUF_INIT;
	struct scope_query q;
	struct dataset ds;
	int64_t gen;

	if (http_cached(rq, rs, &key, 1, &gen) ||
	    http_scope_query(rq, rs, SP_PERIOD | SP_FILTERS | SP_BIT(SP_MIN), &q))
		goto out;
	/* A warning list is of the as-of date's year (DOMAIN.md §6). */
	if (load_year(rq, rs, day_year(q.sc.asof), &ds))
		goto out;
	if (!http_scope_resolve(rs, &ds, &q)) {
		http_warning_settings(rq, &ws);
		warnings_compute(&ds, &ws, q.sc.asof, &wl);
		vc.a = &rq->actor;
		vc.ds = &ds;
		warnings_select(&ds, &wl, &q.sc, (enum light)q.min, visible, &vc, &wv);
		http_answer(rq, rs, &key, gen, warnings_doc_json(&ds, q.sc.asof, q.sc.section_code,
								 (enum light)q.min, &wv));
		warning_view_release(&wv);
		warning_list_release(&wl);
	}
	dataset_release(&ds);
out:
	buf_release(&key);
}
