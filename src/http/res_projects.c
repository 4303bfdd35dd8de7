/* res_projects.c — /api/v1/projects: the year's list with filters, sorting and
 * paging, one project with its listing, reports and warnings (both read from
 * the snapshot), and creating and changing projects with the version they
 * change (409 when stale). A section user sees and edits only its subtree; a
 * department only its projects. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/changes.h"
#include "core/measures.h"
#include "core/progress.h"
#include "core/warnings.h"
#include "http/json_out.h"
#include "http/json_rows.h"
#include "http/list_out.h"
#include "http/params.h"
#include "io/json_reports.h"
#include "http/routes.h"
#include "io/json_changes.h"
#include "store/store_accounts.h"
#include "store/store_leaders.h"
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
/* The snapshot's order of each sort that does not depend on the as-of day
 * (snap/snapshot.h); -1: sorted per request (cmp_rows). */
static const int sort_orders[SORT__MAX] = {
	PO_REF, PO_NAME, PO_TOTAL_INVESTMENT, PO_ANNUAL_PLAN, PO_PLANNED_START, -1, PO_SECTION,
	-1, -1, -1, -1,
};

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

/* 1 when project i of ds may be in sc by the snapshot's bitsets (cand NULL:
 * any). */
static int candidate(const uint64_t *cand, size_t i)
{
	return !cand || ((cand[i >> 6] >> (i & 63)) & 1u);
}

/* The visible projects sc selects, sorted as lq says: *n rows (the caller
 * frees them); lights (may be NULL: all green) are each project's. */
static struct row *select_rows(struct http_req *rq, const struct dataset *ds,
			       const struct scope_query *q, const enum light *lights,
			       struct listing_query *lq, size_t *n)
{
	struct row *rows = xcalloc(ds->n_projects + 1, sizeof(*rows));
	uint64_t *cand = snapshot_candidates(http_snapshot(rq), ds->year, &q->sc);
	size_t i;

	*n = 0;
	for (i = 0; i < ds->n_projects; i++) {
		if (candidate(cand, i) &&
		    access_project_visible(&rq->actor, ds, &ds->projects[i]) &&
		    scope_matches(ds, &q->sc, i)) {
			rows[*n].i = i;
			rows[*n].light = lights ? lights[i] : LIGHT_GREEN;
			project_progress(ds, i, q->sc.asof, &rows[*n].pp);
			(*n)++;
		}
	}
	free(cand);
	lq->ds = ds;
	qsort_r(rows, *n, sizeof(*rows), cmp_rows, lq);
	return rows;
}

/* The ref order regrouped by light, green first (a stable counting sort):
 * the order of cmp_rows by light, ascending. Caller frees. */
static uint32_t *light_order(const uint32_t *by_ref, size_t n, const enum light *lights)
{
	uint32_t *v = xmalloc((n ? n : 1) * sizeof(*v));
	size_t start[LIGHT__MAX + 1] = { 0 }, i;
	int l;

	for (i = 0; i < n; i++)
		start[(lights ? lights[by_ref[i]] : LIGHT_GREEN) + 1]++;
	for (l = 0; l < LIGHT__MAX; l++)
		start[l + 1] += start[l];
	for (i = 0; i < n; i++)
		v[start[lights ? lights[by_ref[i]] : LIGHT_GREEN]++] = by_ref[i];
	return v;
}

/* A page of the list: the indexes into the dataset shown, and how many
 * projects the list has in all. */
struct page {
	size_t *rows;
	size_t n, total;
};

/* Walk order (n indexes into ds, the sort's order ascending; backwards when
 * desc: the sorts it serves have no undefined key) and keep the projects the
 * caller sees and sc selects, the page [offset, offset+limit) of them. When
 * every project is kept (no filter, a caller who sees them all) the page is
 * read off the order directly; else only the projects the snapshot's bitsets
 * let through are tested (a section's or a tier's list skips the rest). */
static void walk(struct http_req *rq, const struct dataset *ds, const struct scope *sc,
		 const uint32_t *order, int desc, int64_t limit, int64_t offset,
		 struct page *pg)
{
	uint64_t *cand;
	size_t n = ds->n_projects, k;

	pg->rows = xcalloc((size_t)limit, sizeof(*pg->rows));
	pg->n = pg->total = 0;
	if (scope_selects_all(sc) && access_sees_every_project(&rq->actor)) {
		pg->total = n;
		for (k = (size_t)offset; k < n && pg->n < (size_t)limit; k++)
			pg->rows[pg->n++] = order[desc ? n - 1 - k : k];
		return;
	}
	cand = snapshot_candidates(http_snapshot(rq), ds->year, sc);
	for (k = 0; k < n; k++) {
		size_t i = order[desc ? n - 1 - k : k];

		if (!candidate(cand, i) ||
		    !access_project_visible(&rq->actor, ds, &ds->projects[i]) ||
		    !scope_matches(ds, sc, i))
			continue;
		if (pg->total >= (size_t)offset && pg->n < (size_t)limit)
			pg->rows[pg->n++] = i;
		pg->total++;
	}
	free(cand);
}

/* The page of the list: off the snapshot's order for a sort it keeps (or the
 * light's, regrouped from the ref order); else every row sorted (cmp_rows)
 * and the page cut from them. */
static void page_of(struct http_req *rq, const struct dataset *ds, const struct scope_query *q,
		    const enum light *lights, struct listing_query *lq, int64_t limit,
		    int64_t offset, struct page *pg)
{
	int f = lq->sort_field;
	const uint32_t *order = snapshot_order(http_snapshot(rq), ds->year,
					       sort_orders[f] >= 0 ? (enum project_order)sort_orders[f]
								   : PO_REF);
	uint32_t *by_light = NULL;
	struct row *rows;
	size_t n, i;

	if (f == SORT_LIGHT && order)
		order = by_light = light_order(order, ds->n_projects, lights);
	if (sort_orders[f] >= 0 || f == SORT_LIGHT) {
		if (order)
			walk(rq, ds, &q->sc, order, lq->desc, limit, offset, pg);
		free(by_light);
		return;
	}
	rows = select_rows(rq, ds, q, lights, lq, &n);
	pg->rows = xcalloc((size_t)limit, sizeof(*pg->rows));
	pg->n = 0;
	pg->total = n;
	for (i = (size_t)offset; i < n && pg->n < (size_t)limit; i++)
		pg->rows[pg->n++] = rows[i].i;
	free(rows);
}

/* The JSON page as text (json_rows.h): {"year", "plan", "total", "limit",
 * "offset", "items"}; each row's light from lights, else worked out for the
 * page's rows alone. */
static void page_text(struct http_req *rq, const struct dataset *ds, const struct scope_query *q,
		      const struct warning_settings *ws, const enum light *lights,
		      const struct page *pg, int64_t limit, int64_t offset, struct buf *out)
{
	json_t *pj = api_plan_json(rq, q->sc.year);
	char *plan = json_dumps(pj, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15) |
				JSON_ENCODE_ANY);
	enum light *mine = NULL;
	size_t i;

	json_decref(pj);
	if (!lights) {
		mine = xcalloc(pg->n + 1, sizeof(*mine));
		warnings_lights_of(ds, ws, q->sc.asof, pg->rows, pg->n, mine);
	}
	buf_addf(out, "{\"year\":%d,\"plan\":%s,\"total\":%zu,\"limit\":%lld,\"offset\":%lld,"
		 "\"items\":[", q->sc.year, plan ? plan : "null", pg->total, (long long)limit,
		 (long long)offset);
	for (i = 0; i < pg->n; i++) {
		size_t k = pg->rows[i];
		enum light l = lights ? lights[k] : mine ? mine[i] : LIGHT_GREEN;

		if (i)
			buf_addch(out, ',');
		api_project_text(out, ds, k, l,
				 access_project_editable(&rq->actor, ds, &ds->projects[k]), q->sc.asof);
	}
	buf_adds(out, "]}");
	free(plan);
	free(mine);
}

/* GET /projects?year&asof&FILTERS&sort&limit&offset[&format=xlsx]: a page of
 * the list, or (xlsx) every row of it as a spreadsheet. From the snapshot:
 * lights are worked out for the page only, unless the list filters or sorts
 * by them. */
void h_projects_list(struct http_req *rq, struct http_resp *rs)
{
	static const struct list_param extra[] = { { "sort", "排序" } };
	struct scope_query q;
	struct listing_query lq;
	struct warning_settings ws;
	enum light *lights = NULL;
	struct dataset ds;
	struct page pg = { NULL, 0, 0 };
	struct buf key = BUF_INIT, body = BUF_INIT;
	int64_t limit, offset, gen;
	int xlsx;
	size_t i;

	memset(&ds, 0, sizeof(ds));
	if (http_list_format(rq, rs, &xlsx) ||
	    (!xlsx && http_cached(rq, rs, &key, 1, &gen)) ||
	    http_scope_query(rq, rs, SP_PERIOD | SP_FILTERS | SP_PAGING, &q) ||
	    http_paging(rs, &q, PAGE_DEFAULT, PAGE_MAX, &limit, &offset) ||
	    sort_param(rq, rs, &lq) || load_year(rq, rs, q.sc.year, &ds) ||
	    http_scope_resolve(rs, &ds, &q) || http_warning_settings(rq, rs, &ws))
		goto out;
	if ((q.sc.light >= 0 || lq.sort_field == SORT_LIGHT || xlsx)) {
		lights = xcalloc(ds.n_projects + 1, sizeof(*lights));
		warnings_lights(&ds, &ws, q.sc.asof, lights);
	}
	q.sc.lights = lights;
	if (xlsx) { /* every row, as JSON values, into the spreadsheet */
		size_t n;
		struct row *rows = select_rows(rq, &ds, &q, lights, &lq, &n);
		json_t *items = json_array();

		for (i = 0; i < n; i++)
			json_array_append_new(items, api_project_json(&ds, rows[i].i, rows[i].light,
				access_project_editable(&rq->actor, &ds, &ds.projects[rows[i].i]),
				q.sc.asof));
		http_answer_xlsx(rq, rs, LK_PROJECTS, items, &q, extra, 1);
		free(rows);
		goto out;
	}
	page_of(rq, &ds, &q, lights, &lq, limit, offset, &pg);
	page_text(rq, &ds, &q, &ws, lights, &pg, limit, offset, &body);
	http_answer_text(rq, rs, &key, gen, &body);
out:
	free(pg.rows);
	free(lights);
	dataset_release(&ds);
	buf_release(&body);
	buf_release(&key);
}

void h_projects_get(struct http_req *rq, struct http_resp *rs)
{
	const struct snapshot *snap = http_snapshot(rq);
	struct warning_settings ws;
	struct warning_list wl = { 0 };
	const struct project *p;
	struct scope_query q;
	struct dataset ds;
	json_t *j, *warns;
	long i;
	size_t w;

	if (http_scope_query(rq, rs, SP_PERIOD, &q) || load_year(rq, rs, q.sc.year, &ds))
		return;
	p = snapshot_project(snap, rq->captures[0]);
	i = p ? snapshot_index(snap, q.sc.year, p->id) : -1;
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
	if (http_warning_settings(rq, rs, &ws)) {
		dataset_release(&ds);
		return;
	}
	warnings_compute_one(&ds, &ws, q.sc.asof, (size_t)i, &wl);
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
	json_object_set_new(j, "leaders", api_project_leaders(rq, ds.projects[i].id));
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

/* Whether the caller may write this project at all, before its fields are
 * read: old is the stored row (NULL: none), update_ref the path's ref (NULL:
 * a create). A project the caller cannot see does not exist for them (404); a
 * create of a stored ref is 409 exists; a project outside their unit 403; a
 * stale version 409. 0 to go on, else the answer is set. */
static int save_admissible(struct http_req *rq, struct http_resp *rs, json_t *body,
			   const struct dataset *units, const struct project *old,
			   const char *update_ref)
{
	if (update_ref && (!old || !access_project_visible(&rq->actor, units, old))) {
		resp_not_found(rs, update_ref);
		return -1;
	}
	if (!update_ref && old) {
		resp_fail(rs, HE_EXISTS, "a project with this ref exists", "项目编号已存在", "ref");
		return -1;
	}
	if (old && !access_project_editable(&rq->actor, units, old)) {
		resp_fail(rs, HE_FORBIDDEN, "this project is outside your unit",
			  "该项目不属于您的单位", NULL);
		return -1;
	}
	return old && version_check(rq, rs, body, old->version, api_project_stored(units, old));
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
	struct leader_pick pk;
	json_t *body = req_json(rq, rs);
	const char *ref;
	enum bl_err rc;
	int found, given = 0;

	if (!body)
		return;
	memset(&units, 0, sizeof(units));
	memset(&pk, 0, sizeof(pk));
	project_init(&old);
	change_request_init(&pending);
	ref = path_ref ? path_ref : json_string_value(json_object_get(body, "ref"));
	if (!ref || !*ref || strlen(ref) > 64) {
		resp_bad_request(rs, "ref", "a project needs a ref (项目编号) of at most 64 characters");
		goto out;
	}
	if (http_begin(rq, rs))
		goto out;
	rc = store_project_by_ref(rq->st, ref, &old);
	if (rc && rc != BL_ENOTFOUND) {
		resp_store_error(rs, rq->st, rc);
		goto out;
	}
	found = rc == BL_OK;
	if (load_units(rq, rs, &units))
		goto out;
	if (save_admissible(rq, rs, body, &units, found ? &old : NULL, path_ref ? ref : NULL))
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
	if (api_project_leader_field(rq, rs, body, &p, found, &pk, &given) ||
	    (found && guard(rq, rs, body, &units, &old, &p, &pending))) {
		project_release(&p);
		goto out;
	}
	/* The row and its leader links (as the import writes them) at once. */
	rc = store_project_put(rq->st, &p);
	if (!rc && given)
		rc = store_project_leaders_set(rq->st, p.id, pk.ids, pk.n, NULL, 0, NULL);
	if (!http_finish(rq, rs, rc)) {
		json_t *j = saved_json(&units, &p, &pending);

		json_object_set_new(j, "leaders", api_project_leaders(rq, p.id));
		resp_json(rs, found ? 200 : 201, j);
	}
	project_release(&p);
	change_request_release(&pending);
out:
	store_rollback(rq->st); /* nothing to undo after http_finish */
	leader_pick_release(&pk);
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
