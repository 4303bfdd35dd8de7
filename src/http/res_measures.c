/* res_measures.c — /api/v1/measures, /targets and /warnings: the CLI's
 * --format json documents (io/json_*.c) for the same filters, cached until the
 * data changes; warnings only of the projects the caller sees. include_drafts=1
 * is the project office's labelled preview with pending drafts. */
#include <stdlib.h>
#include <string.h>

#include "core/measures.h"
#include "core/targets.h"
#include "core/warnings.h"
#include "core/workflow.h"
#include "http/params.h"
#include "http/routes.h"
#include "io/json_measures.h"
#include "io/json_reports.h"
#include "util/xalloc.h"

/* include_drafts=1 (DOMAIN.md §3): the project office's second view of the
 * figures, counting pending drafts, labelled "includes_drafts": true. Only
 * the office of the report workflow (coordinator, admin) may ask: 403 for
 * the others, before any cached answer. *parts gains DS_DRAFTS; -1 after
 * setting the refusal on rs. */
static int drafts_param(struct http_req *rq, struct http_resp *rs, unsigned *parts)
{
	const char *v = req_query(rq, "include_drafts");
	const struct workflow_def *d = workflow_def(WF_REPORT);

	if (!v || !*v || !strcmp(v, "0") || !strcmp(v, "false"))
		return 0;
	if (strcmp(v, "1") && strcmp(v, "true")) {
		resp_bad_request(rs, "include_drafts", "include_drafts is 1 or 0");
		return -1;
	}
	if ((unsigned)rq->actor.role >= ROLE__MAX || !(d->office_roles & (1u << rq->actor.role))) {
		resp_error(rs, 403, "forbidden", "only the project office (coordinator, admin) may "
			   "see the figures with pending drafts", "仅项目办可查看含草稿的预览数字",
			   "include_drafts");
		return -1;
	}
	*parts |= DS_DRAFTS;
	return 0;
}

/* Label a document of the view with drafts. */
static json_t *drafts_label(json_t *doc, unsigned parts)
{
	if (parts & DS_DRAFTS)
		json_object_set_new(doc, "includes_drafts", json_true());
	return doc;
}

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
	unsigned parts = 0;

	if (drafts_param(rq, rs, &parts) || http_cached(rq, rs, &key, 0, &gen))
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
	if (load_year_for(rq, rs, f.year, day_month(f.asof), parts, &ds))
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
		http_answer(rq, rs, &key, gen,
			    drafts_label(measures_doc_json(&sc, f.section, f.department, &m,
							   b != BY_NONE ? &rows : NULL), parts));
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
	unsigned parts = DS_TARGETS;
	const char *check = req_query(rq, "check");
	json_t *doc;

	if (drafts_param(rq, rs, &parts) || http_cached(rq, rs, &key, 0, &gen) ||
	    parse_year_asof(rq, rs, &year, &asof) ||
	    load_year_for(rq, rs, year, day_month(asof), parts, &ds))
		goto out;
	ev = xcalloc(ds.n_targets + 1, sizeof(*ev));
	for (i = 0; i < ds.n_targets; i++)
		target_evaluate(&ds, &ds.targets[i], asof, &ev[i]);
	doc = drafts_label(targets_doc_json(&ds, year, asof, ev), parts);
	if (check && *check && strcmp(check, "0")) {
		struct book_check bc;

		/* DOMAIN.md §5: where the task books do not add up ([] when they do). */
		targets_check_books(&ds, &bc);
		json_object_set_new(doc, "check", book_check_json(&ds, &bc));
		book_check_release(&bc);
	}
	http_answer(rq, rs, &key, gen, doc);
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
	unsigned parts = DS_ALL;

	if (drafts_param(rq, rs, &parts) || http_cached(rq, rs, &key, 1, &gen) ||
	    parse_project_filter(rq, rs, &f))
		goto out;
	if (min_s && !strcmp(min_s, "red")) {
		min = LIGHT_RED;
	} else if (min_s && strcmp(min_s, "yellow")) {
		resp_bad_request(rs, "min", "min is yellow or red");
		goto out;
	}
	if (load_year_for(rq, rs, day_year(f.asof), month_from_ym(day_year(f.asof), 12), parts,
			  &ds))
		goto out;
	if (!filter_resolve(rs, &ds, &f)) {
		http_warning_settings(rq, &ws);
		warnings_compute(&ds, &ws, f.asof, &wl);
		vc.a = &rq->actor;
		vc.ds = &ds;
		warnings_select(&ds, &wl, f.section_id, min, visible, &vc, &wv);
		http_answer(rq, rs, &key, gen,
			    drafts_label(warnings_doc_json(&ds, f.asof, f.section, min, &wv), parts));
		warning_view_release(&wv);
		warning_list_release(&wl);
	}
	dataset_release(&ds);
out:
	buf_release(&key);
}
