/* res_measures.c — /api/v1/measures, /targets and /warnings: the same
 * documents as the CLI's --format json (io/json_*.c), for the same filters.
 * Targets are district figures every role may read; measures and warnings
 * are of the projects the caller sees. Answers
 * are cached until the data changes. include_drafts=1 is the project office's
 * labelled preview with pending drafts. A section or department user's
 * measures are of the projects it sees (access_scope_narrow), so each number
 * matches the list it opens. */
#include <stdlib.h>
#include <string.h>

#include "core/measures.h"
#include "core/targets.h"
#include "core/warnings.h"
#include "core/workflow.h"
#include "http/list_out.h"
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
static int drafts_param(struct http_req *rq, struct http_resp *rs,
			const struct scope_query *q, unsigned *parts)
{
	const struct workflow_def *d = workflow_def(WF_REPORT);

	if (!q->include_drafts)
		return 0;
	if ((unsigned)rq->actor.role >= ROLE__MAX || !(d->office_roles & (1u << rq->actor.role))) {
		resp_fail(rs, HE_FORBIDDEN, "only the project office (coordinator, admin) may "
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
	struct breakdown_rows rows = { NULL, 0 };
	struct buf key = BUF_INIT, text = BUF_INIT;
	struct scope_query q;
	struct dataset ds;
	struct measures m;
	unsigned parts = 0;
	int64_t gen;

	if (http_scope_query(rq, rs, MEASURES_PARAMS | SP_BIT(SP_INCLUDE_DRAFTS), &q) ||
	    drafts_param(rq, rs, &q, &parts) || http_cached(rq, rs, &key, 1, &gen))
		goto out;
	/* As the CLI: the measures read no report after asof's month, nor (mostly)
	 * the project details (store_load_dataset_for). */
	if (load_year_for(rq, rs, q.sc.year, day_month(q.sc.asof),
			  measures_doc_parts(&q.sc, (enum breakdown)q.by) | parts, &ds))
		goto out;
	if (!http_scope_resolve(rs, &ds, &q)) {
		/* A section's or department's figures are its own (issue #14). */
		access_scope_narrow(&rq->actor, &ds, &q.sc);
		measures_compute_by(&ds, &q.sc, (enum breakdown)q.by, &m, &rows);
		measures_doc_text(&text, &ds, &q.sc, &m, q.by != BY_NONE ? &rows : NULL,
				  (enum breakdown)q.by);
		if (parts & DS_DRAFTS) { /* drafts_label, on the text: before its last } */
			buf_truncate(&text, text.len - 1);
			buf_adds(&text, ",\"includes_drafts\":true}");
		}
		http_answer_text(rq, rs, &key, gen, &text);
		breakdown_rows_release(&rows);
	}
	dataset_release(&ds);
out:
	buf_release(&text);
	buf_release(&key);
}

void h_targets_list(struct http_req *rq, struct http_resp *rs)
{
	struct target_eval *ev;
	struct buf key = BUF_INIT;
	struct scope_query q;
	struct dataset ds;
	unsigned parts = DS_TARGETS;
	json_t *doc;
	int64_t gen = 0;
	size_t i;
	int xlsx;

	if (http_list_format(rq, rs, &xlsx) ||
	    http_scope_query(rq, rs, SP_PERIOD | SP_BIT(SP_INCLUDE_DRAFTS) | SP_BIT(SP_CHECK), &q) ||
	    drafts_param(rq, rs, &q, &parts) || (!xlsx && http_cached(rq, rs, &key, 0, &gen)) ||
	    load_year_for(rq, rs, q.sc.year, day_month(q.sc.asof), parts, &ds))
		goto out;
	ev = xcalloc(ds.n_targets + 1, sizeof(*ev));
	for (i = 0; i < ds.n_targets; i++)
		target_evaluate(&ds, &ds.targets[i], q.sc.asof, &ev[i]);
	doc = drafts_label(targets_doc_json(&ds, q.sc.year, q.sc.asof, ev), parts);
	if (q.check) {
		struct book_check bc;

		/* DOMAIN.md §5: where the task books do not add up ([] when they do). */
		targets_check_books(&ds, &bc);
		json_object_set_new(doc, "check", book_check_json(&ds, &bc));
		book_check_release(&bc);
	}
	if (xlsx) {
		http_answer_xlsx(rq, rs, LK_TARGETS, json_incref(json_object_get(doc, "targets")), &q,
				 NULL, 0);
		json_decref(doc);
	} else {
		http_answer(rq, rs, &key, gen, doc);
	}
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
	unsigned parts = 0;
	int64_t gen = 0;
	json_t *doc;
	int xlsx;

	if (http_list_format(rq, rs, &xlsx) ||
	    http_scope_query(rq, rs, SP_PERIOD | SP_FILTERS | SP_BIT(SP_MIN) | SP_BIT(SP_RULE) |
			     SP_BIT(SP_INCLUDE_DRAFTS), &q) ||
	    drafts_param(rq, rs, &q, &parts) || (!xlsx && http_cached(rq, rs, &key, 1, &gen)))
		goto out;
	/* A warning list is of the as-of date's year (DOMAIN.md §6). */
	if (load_year_for(rq, rs, day_year(q.sc.asof), month_from_ym(day_year(q.sc.asof), 12),
			  DS_ALL | parts, &ds))
		goto out;
	if (!http_scope_resolve(rs, &ds, &q) && !http_warning_settings(rq, rs, &ws)) {
		warnings_compute(&ds, &ws, q.sc.asof, &wl);
		vc.a = &rq->actor;
		vc.ds = &ds;
		warnings_select(&ds, &wl, &q.sc, (enum light)q.min, visible, &vc, &wv);
		warning_view_keep_rule(&wv, q.rule);
		doc = drafts_label(warnings_doc_json(&ds, q.sc.asof, q.sc.section_code,
						     (enum light)q.min, &wv), parts);
		if (xlsx) {
			q.sc.year = ds.year;
			http_answer_xlsx(rq, rs, LK_WARNINGS,
					 json_incref(json_object_get(doc, "warnings")), &q, NULL, 0);
			json_decref(doc);
		} else {
			http_answer(rq, rs, &key, gen, doc);
		}
		warning_view_release(&wv);
		warning_list_release(&wl);
	}
	dataset_release(&ds);
out:
	buf_release(&key);
}
