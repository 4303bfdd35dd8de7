/* res_projects.c — /api/v1/projects: the year's list with filters, sorting and
 * paging, one project with its listing, reports and warnings, and creating and
 * changing projects with the version they change (409 when stale). A section
 * user sees and edits only its subtree; a department only its projects. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/changes.h"
#include "core/measures.h"
#include "core/progress.h"
#include "core/warnings.h"
#include "http/json_out.h"
#include "http/list_out.h"
#include "http/params.h"
#include "io/json_reports.h"
#include "http/routes.h"
#include "io/json_changes.h"
#include "store/store_accounts.h"
#include "util/xalloc.h"

#define PAGE_DEFAULT 50
#define PAGE_MAX 1000

struct row {
	size_t i;          /* index in ds */
	enum light light;
	struct project_progress pp; /* against the plan, as of asof */
};

struct listing_query {
	const struct dataset *ds;
	int sort_field;
	int desc;
};

enum sort_field { SORT_REF, SORT_NAME, SORT_INVESTMENT, SORT_PLAN, SORT_START, SORT_LIGHT,
		  SORT_SECTION, SORT_INVEST_TO_DATE, SORT_COMPLETION, SORT_PACE_GAP,
		  SORT_LAST_REPORT, SORT__MAX };
static const char *const sort_keys[SORT__MAX] = {
	"ref", "name", "total_investment", "annual_plan", "planned_start", "light", "section",
	"invest_to_date", "completion", "pace_gap", "last_report",
};
#define SORT_HELP "sort by ref, name, total_investment, annual_plan, planned_start, light, " \
	"section, invest_to_date, completion, pace_gap or last_report (prefix - for descending)"

static int cmp_i64(int64_t a, int64_t b)
{
	return (a > b) - (a < b);
}

/* 1 when row r has no value to sort by under field f. */
static int undefined_key(int f, const struct row *r)
{
	switch (f) {
	case SORT_COMPLETION: return !r->pp.completion.den;
	case SORT_PACE_GAP: return r->pp.gap_tenths == AMOUNT_NONE;
	case SORT_LAST_REPORT: return r->pp.last_report == MONTH_NONE;
	default: return 0;
	}
}

static int cmp_rows(const void *pa, const void *pb, void *ctx)
{
	const struct listing_query *sort_ctx = ctx;
	const struct row *a = pa, *b = pb;
	const struct dataset *ds = sort_ctx->ds;
	const struct project *p = &ds->projects[a->i], *q = &ds->projects[b->i];
	int c = 0, na, nb;

	/* An undefined figure (no plan, no report) sorts last either way. */
	na = undefined_key(sort_ctx->sort_field, a);
	nb = undefined_key(sort_ctx->sort_field, b);
	if (na != nb)
		return na - nb;
	switch (sort_ctx->sort_field) {
	case SORT_NAME: c = strcmp(p->name, q->name); break;
	case SORT_INVESTMENT: c = cmp_i64(p->total_investment, q->total_investment); break;
	case SORT_PLAN: c = cmp_i64(ds->listings[a->i].annual_plan, ds->listings[b->i].annual_plan);
		break;
	case SORT_START: c = cmp_i64(p->planned_start, q->planned_start); break;
	case SORT_LIGHT: c = cmp_i64(a->light, b->light); break;
	case SORT_SECTION: c = cmp_i64(p->section_id, q->section_id); break;
	case SORT_INVEST_TO_DATE: c = cmp_i64(a->pp.invest_to_date, b->pp.invest_to_date); break;
	case SORT_COMPLETION: c = na ? 0 : ratio_cmp(a->pp.completion, b->pp.completion); break;
	case SORT_PACE_GAP: c = na ? 0 : cmp_i64(a->pp.gap_tenths, b->pp.gap_tenths); break;
	case SORT_LAST_REPORT: c = cmp_i64(a->pp.last_report, b->pp.last_report); break;
	default: break;
	}
	if (!c)
		c = strcmp(p->ref, q->ref);
	return sort_ctx->desc ? -c : c;
}

/* The sort field named by ?sort= into lq (none: by ref); -1 after a 400. */
static int sort_param(struct http_req *rq, struct http_resp *rs, struct listing_query *lq)
{
	const char *sort = req_query(rq, "sort");
	int k;

	memset(lq, 0, sizeof(*lq));
	if (!sort)
		return 0;
	lq->desc = sort[0] == '-';
	lq->sort_field = -1;
	for (k = 0; k < SORT__MAX; k++)
		if (!strcmp(sort + lq->desc, sort_keys[k]))
			lq->sort_field = k;
	if (lq->sort_field < 0) {
		resp_bad_request(rs, "sort", SORT_HELP);
		return -1;
	}
	return 0;
}

/* The visible projects sc selects, sorted as lq says: *n rows (the caller
 * frees them). */
static struct row *select_rows(struct http_req *rq, const struct dataset *ds,
			       const struct scope_query *q, const struct warning_list *wl,
			       struct listing_query *lq, size_t *n)
{
	struct row *rows = xcalloc(ds->n_projects + 1, sizeof(*rows));
	size_t i;

	*n = 0;
	for (i = 0; i < ds->n_projects; i++) {
		if (access_project_visible(&rq->actor, ds, &ds->projects[i]) &&
		    scope_matches(ds, &q->sc, i)) {
			rows[*n].i = i;
			rows[*n].light = wl->lights ? wl->lights[i] : LIGHT_GREEN;
			project_progress(ds, i, q->sc.asof, &rows[*n].pp);
			(*n)++;
		}
	}
	lq->ds = ds;
	qsort_r(rows, *n, sizeof(*rows), cmp_rows, lq);
	return rows;
}

/* GET /projects?year&asof&FILTERS&sort&limit&offset[&format=xlsx]: a page of
 * the list, or (xlsx) every row of it as a spreadsheet. */
void h_projects_list(struct http_req *rq, struct http_resp *rs)
{
	static const struct list_param extra[] = { { "sort", "排序" } };
	struct scope_query q;
	struct listing_query lq;
	struct warning_settings ws;
	struct warning_list wl = { 0 };
	struct dataset ds;
	struct row *rows;
	struct buf key = BUF_INIT;
	int64_t limit, offset, gen;
	size_t n = 0, i;
	json_t *items;
	int xlsx;

	if (http_list_format(rq, rs, &xlsx) ||
	    (!xlsx && http_cached(rq, rs, &key, 1, &gen)) ||
	    http_scope_query(rq, rs, SP_PERIOD | SP_FILTERS | SP_PAGING, &q) ||
	    http_paging(rs, &q, PAGE_DEFAULT, PAGE_MAX, &limit, &offset) ||
	    sort_param(rq, rs, &lq) || load_year(rq, rs, q.sc.year, &ds))
		goto out;
	if (http_scope_resolve(rs, &ds, &q)) {
		dataset_release(&ds);
		goto out;
	}
	if (http_warning_settings(rq, &ws) == 0)
		warnings_compute(&ds, &ws, q.sc.asof, &wl);
	q.sc.lights = wl.lights;
	rows = select_rows(rq, &ds, &q, &wl, &lq, &n);
	if (xlsx) {
		offset = 0;
		limit = (int64_t)n;
	}
	items = json_array();
	for (i = (size_t)offset; i < n && i < (size_t)(offset + limit); i++)
		json_array_append_new(items, api_project_json(&ds, rows[i].i, rows[i].light,
							  access_project_editable(&rq->actor, &ds,
										  &ds.projects[rows[i].i]),
							  q.sc.asof));
	if (xlsx)
		http_answer_xlsx(rq, rs, LK_PROJECTS, items, &q, extra, 1);
	else
		http_answer(rq, rs, &key, gen, json_pack("{s:i, s:o, s:I, s:I, s:I, s:o}", "year",
			    q.sc.year, "plan", api_plan_json(rq, q.sc.year), "total", (json_int_t)n,
			    "limit", (json_int_t)limit, "offset", (json_int_t)offset, "items", items));
	free(rows);
	warning_list_release(&wl);
	dataset_release(&ds);
out:
	buf_release(&key);
}

/* The index of ref in ds, or -1. */
static long find_ref(const struct dataset *ds, const char *ref)
{
	size_t i;

	for (i = 0; i < ds->n_projects; i++)
		if (!strcmp(ds->projects[i].ref, ref))
			return (long)i;
	return -1;
}

void h_projects_get(struct http_req *rq, struct http_resp *rs)
{
	struct warning_settings ws;
	struct warning_list wl = { 0 };
	struct scope_query q;
	struct dataset ds;
	json_t *j, *warns;
	long i;
	size_t w;

	if (http_scope_query(rq, rs, SP_PERIOD, &q) || load_year(rq, rs, q.sc.year, &ds))
		return;
	i = find_ref(&ds, rq->captures[0]);
	if (i < 0) {
		dataset_release(&ds);
		api_project_unlisted(rq, rs, rq->captures[0], q.sc.asof);
		return;
	}
	if (!access_project_visible(&rq->actor, &ds, &ds.projects[i])) {
		dataset_release(&ds);
		resp_not_found(rs, rq->captures[0]);
		return;
	}
	if (http_warning_settings(rq, &ws) == 0)
		warnings_compute(&ds, &ws, q.sc.asof, &wl);
	j = api_project_json(&ds, (size_t)i, wl.lights ? wl.lights[i] : LIGHT_GREEN,
			 access_project_editable(&rq->actor, &ds, &ds.projects[i]), q.sc.asof);
	warns = json_array();
	for (w = 0; w < wl.n; w++)
		if (wl.items[w].project == (size_t)i)
			json_array_append_new(warns, json_pack("{s:s, s:s, s:s, s:s, s:o}", "rule",
				warning_rule_keys[wl.items[w].rule], "level",
				light_keys[wl.items[w].level], "reason", wl.items[w].reason,
				"reason_code", wl.items[w].code ? wl.items[w].code : "",
				"reason_params", warning_params_json(&wl.items[w])));
	json_object_set_new(j, "warnings", warns);
	json_object_set_new(j, "monthly", api_project_monthly(&ds, (size_t)i));
	json_object_set_new(j, "plan_locked_year", api_lock_year(rq, ds.projects[i].id));
	resp_json(rs, 200, j);
	warning_list_release(&wl);
	dataset_release(&ds);
}

/* DOMAIN.md §3, the issued plan (core/changes_store.c): an edit of a project
 * on an issued year's list may not move its planned dates (409 plan_issued),
 * and the actual dates a section user enters there become a pending request
 * (body "reason" its note) instead of being written. 0 to go on. */
static int guard(struct http_req *rq, struct http_resp *rs, json_t *body,
		 const struct dataset *units, const struct project *old, struct project *p,
		 struct change_request *pending)
{
	struct change_result res;

	plan_guard_project(rq->st, &rq->actor, units, old, p,
			   json_string_value(json_object_get(body, "reason")), pending, &res);
	if (!res.outcome)
		return 0;
	resp_change_fail(rs, rq->st, &res);
	return -1;
}

/* The project as stored, and the request of the actual dates it left
 * pending ("pending_change"), if any. */
static json_t *saved_json(const struct dataset *units, const struct project *p,
			  const struct change_request *pending)
{
	json_t *j = api_project_stored(units, p);

	if (pending->id)
		json_object_set_new(j, "pending_change", change_request_json(pending));
	return j;
}

/* Create (ref from the body) or update (ref from the path, version required).
 * The row is read, its version compared and the new row written in one
 * transaction (BEGIN IMMEDIATE holds the write lock), so two editors holding
 * the same version cannot both succeed: the second one reads the first one's
 * row and gets 409. */
static void save(struct http_req *rq, struct http_resp *rs, const char *path_ref)
{
	struct dataset units;
	struct project p, old;
	struct change_request pending;
	json_t *body = req_json(rq, rs);
	const char *ref;
	enum bl_err rc;
	int found;

	if (!body)
		return;
	memset(&units, 0, sizeof(units));
	project_init(&old);
	change_request_init(&pending);
	ref = path_ref ? path_ref : json_string_value(json_object_get(body, "ref"));
	if (!ref || !*ref || strlen(ref) > 64) {
		resp_bad_request(rs, "ref", "a project needs a ref (项目编号) of at most 64 characters");
		goto out;
	}
	rc = store_begin(rq->st);
	if (rc) {
		resp_store_error(rs, rq->st, rc);
		goto out;
	}
	rc = store_project_by_ref(rq->st, ref, &old);
	if (rc && rc != BL_ENOTFOUND) {
		resp_store_error(rs, rq->st, rc);
		goto out;
	}
	found = rc == BL_OK;
	if (load_units(rq, rs, &units))
		goto out;
	/* A project the caller cannot see does not exist for them (404). */
	if (path_ref && (!found || !access_project_visible(&rq->actor, &units, &old))) {
		resp_not_found(rs, ref);
		goto out;
	}
	if (!path_ref && found) {
		resp_fail(rs, HE_EXISTS, "a project with this ref exists", "项目编号已存在", "ref");
		goto out;
	}
	if (found && !access_project_editable(&rq->actor, &units, &old)) {
		resp_fail(rs, HE_FORBIDDEN, "this project is outside your unit",
			   "该项目不属于您的单位", NULL);
		goto out;
	}
	if (found && version_check(rq, rs, body, old.version, api_project_stored(&units, &old)))
		goto out;
	project_copy(&p, &old);
	free(p.ref);
	p.ref = xstrdup(ref);
	if (api_project_from_json(rs, body, &units, &p) ||
	    (!found && !p.section_id && (resp_bad_request(rs, "section", "a section is required"), 1))) {
		project_release(&p);
		goto out;
	}
	if (!access_project_editable(&rq->actor, &units, &p)) {
		resp_fail(rs, HE_FORBIDDEN, "the section is outside your unit",
			   "所选板块不属于您的单位", "section");
		project_release(&p);
		goto out;
	}
	if (found && guard(rq, rs, body, &units, &old, &p, &pending)) {
		project_release(&p);
		goto out;
	}
	rc = store_project_put(rq->st, &p);
	if (!http_finish(rq, rs, rc))
		resp_json(rs, found ? 200 : 201, saved_json(&units, &p, &pending));
	project_release(&p);
	change_request_release(&pending);
out:
	store_rollback(rq->st); /* nothing to undo after http_finish */
	project_release(&old);
	dataset_release(&units);
	json_decref(body);
}

void h_projects_create(struct http_req *rq, struct http_resp *rs)
{
	save(rq, rs, NULL);
}

void h_projects_update(struct http_req *rq, struct http_resp *rs)
{
	save(rq, rs, rq->captures[0]);
}
