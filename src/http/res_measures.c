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
	struct project_filter f;
	struct breakdown_rows rows = { NULL, 0 };
	struct buf key = BUF_INIT;
	struct dataset ds;
	struct measures m;
	struct scope sc;
	const char *by = req_query(rq, "by");
	int64_t gen;
	int b = BY_NONE;

	if (http_cached(rq, rs, &key, 0, &gen))
		goto out;
	if (parse_project_filter(rq, rs, &f))
		goto out;
	if (by && *by) {
		b = breakdown_from_key(by);
		if (b < 0) {
			resp_bad_request(rs, "by", "by is one of tier, section, department, month, "
					 "industry");
			goto out;
		}
	}
	/* As the CLI: the measures read no report after asof's month, nor the
	 * project details (store_load_dataset_for). */
	if (load_year_for(rq, rs, f.year, day_month(f.asof), 0, &ds))
		goto out;
	if (!filter_resolve(rs, &ds, &f)) {
		scope_init(&sc, f.year, f.asof);
		sc.tier = f.tier;
		sc.section_id = f.section_id;
		sc.department_id = f.department_id;
		sc.industrial_only = f.industrial_only;
		measures_compute(&ds, &sc, &m);
		if (b != BY_NONE)
			measures_breakdown(&ds, &sc, (enum breakdown)b, &rows);
		http_answer(rq, rs, &key, gen, measures_doc_json(&sc, f.section, f.department, &m,
							    b != BY_NONE ? &rows : NULL));
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
	struct dataset ds;
	bl_day asof;
	int64_t gen;
	int year;
	size_t i;

	if (http_cached(rq, rs, &key, 0, &gen) || parse_year_asof(rq, rs, &year, &asof) ||
	    load_year_for(rq, rs, year, day_month(asof), DS_TARGETS, &ds))
		goto out;
	ev = xcalloc(ds.n_targets + 1, sizeof(*ev));
	for (i = 0; i < ds.n_targets; i++)
		target_evaluate(&ds, &ds.targets[i], asof, &ev[i]);
	http_answer(rq, rs, &key, gen, targets_doc_json(&ds, year, asof, ev));
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
	struct project_filter f;
	struct warning_settings ws;
	struct warning_list wl = { 0 };
	struct warning_view wv = { NULL, 0, { 0 }, { 0 } };
	struct visible_ctx vc;
	struct buf key = BUF_INIT;
	struct dataset ds;
	const char *min_s = req_query(rq, "min");
	enum light min = LIGHT_YELLOW;
	int64_t gen;

	if (http_cached(rq, rs, &key, 1, &gen) || parse_project_filter(rq, rs, &f))
		goto out;
	if (min_s && !strcmp(min_s, "red")) {
		min = LIGHT_RED;
	} else if (min_s && strcmp(min_s, "yellow")) {
		resp_bad_request(rs, "min", "min is yellow or red");
		goto out;
	}
	if (load_year(rq, rs, day_year(f.asof), &ds))
		goto out;
	if (!filter_resolve(rs, &ds, &f)) {
		http_warning_settings(rq, &ws);
		warnings_compute(&ds, &ws, f.asof, &wl);
		vc.a = &rq->actor;
		vc.ds = &ds;
		warnings_select(&ds, &wl, f.section_id, min, visible, &vc, &wv);
		http_answer(rq, rs, &key, gen, warnings_doc_json(&ds, f.asof, f.section, min, &wv));
		warning_view_release(&wv);
		warning_list_release(&wl);
	}
	dataset_release(&ds);
out:
	buf_release(&key);
}
