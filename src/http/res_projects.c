/* res_projects.c — /api/v1/projects: the year's list with filters, sorting and
 * paging, one project with its listing, reports and warnings (both read from
 * the snapshot), and creating and changing projects with the version they
 * change (409 when stale). A section user sees and edits only its subtree; a
 * department only its projects. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/measures.h"
#include "core/warnings.h"
#include "http/json_out.h"
#include "http/json_rows.h"
#include "http/params.h"
#include "http/routes.h"
#include "store/store_accounts.h"
#include "util/xalloc.h"

#define PAGE_DEFAULT 50
#define PAGE_MAX 1000

enum sort_field { SORT_REF, SORT_NAME, SORT_INVESTMENT, SORT_PLAN, SORT_START, SORT_LIGHT,
		  SORT_SECTION, SORT__MAX };
static const char *const sort_keys[SORT__MAX] = {
	"ref", "name", "total_investment", "annual_plan", "planned_start", "light", "section",
};
/* The snapshot's order of each sort (snap/snapshot.h); the light, which
 * depends on the as-of date, is sorted here from the ref order. */
static const enum project_order sort_orders[SORT__MAX] = {
	PO_REF, PO_NAME, PO_TOTAL_INVESTMENT, PO_ANNUAL_PLAN, PO_PLANNED_START, PO_REF, PO_SECTION,
};

/* The sort of ?sort= (a key, "-" first for descending) into *field and
 * *desc; a 400 and -1 when it names none. */
static int parse_sort(struct http_req *rq, struct http_resp *rs, int *field, int *desc)
{
	const char *sort = req_query(rq, "sort");
	int k;

	*field = SORT_REF;
	*desc = 0;
	if (!sort)
		return 0;
	*desc = sort[0] == '-';
	for (k = 0; k < SORT__MAX; k++)
		if (!strcmp(sort + *desc, sort_keys[k])) {
			*field = k;
			return 0;
		}
	resp_bad_request(rs, "sort", "sort by ref, name, total_investment, annual_plan, "
			 "planned_start, light or section (prefix - for descending)");
	return -1;
}

/* The ref order regrouped by light, green first (a stable counting sort):
 * the light order, ascending. Caller frees. */
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

/* Walk order (n indexes into ds; backwards when desc) and keep the
 * projects the caller sees and q selects, the page [offset, offset+limit)
 * of them in rows. When every project is kept (no filter, a caller who sees
 * them all) the page is read off the order directly. */
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
	/* Only the projects the snapshot's bitsets let through can match: a
	 * section's or a tier's list skips the rest with a bit test. */
	cand = snapshot_candidates(http_snapshot(rq), ds->year, sc);
	for (k = 0; k < n; k++) {
		size_t i = order[desc ? n - 1 - k : k];

		if (cand && !((cand[i >> 6] >> (i & 63)) & 1u))
			continue;
		if (!access_project_visible(&rq->actor, ds, &ds->projects[i]) ||
		    !scope_matches(ds, sc, i))
			continue;
		if (pg->total >= (size_t)offset && pg->n < (size_t)limit)
			pg->rows[pg->n++] = i;
		pg->total++;
	}
	free(cand);
}

/* GET /projects: the year's list, filtered, sorted and paged, from the
 * snapshot's orders; lights are worked out for the page only, unless the
 * list filters or sorts by them. */
void h_projects_list(struct http_req *rq, struct http_resp *rs)
{
	struct scope_query q;
	struct warning_settings ws;
	enum light *lights = NULL;
	struct dataset ds;
	struct page pg = { NULL, 0, 0 };
	struct buf key = BUF_INIT;
	const uint32_t *order;
	uint32_t *by_light = NULL;
	struct buf body = BUF_INIT;
	int64_t limit, offset, gen;
	int field, desc, ws_ok;
	size_t i;

	memset(&ds, 0, sizeof(ds));
	if (http_cached(rq, rs, &key, 1, &gen) ||
	    http_scope_query(rq, rs, SP_PERIOD | SP_FILTERS, &q) ||
	    parse_paging(rq, rs, PAGE_DEFAULT, PAGE_MAX, &limit, &offset) ||
	    parse_sort(rq, rs, &field, &desc) || load_year(rq, rs, q.sc.year, &ds))
		goto out;
	if (http_scope_resolve(rs, &ds, &q))
		goto out;
	ws_ok = http_warning_settings(rq, &ws) == 0;
	if (ws_ok && (q.sc.light >= 0 || field == SORT_LIGHT)) {
		lights = xcalloc(ds.n_projects + 1, sizeof(*lights));
		warnings_lights(&ds, &ws, q.sc.asof, lights);
	}
	q.sc.lights = lights;
	order = snapshot_order(http_snapshot(rq), q.sc.year, sort_orders[field]);
	if (order && field == SORT_LIGHT)
		order = by_light = light_order(order, ds.n_projects, lights);
	if (order)
		walk(rq, &ds, &q.sc, order, desc, limit, offset, &pg);
	/* {"year", "total", "limit", "offset", "items"} as text (json_rows.h) */
	buf_addf(&body, "{\"year\":%d,\"total\":%zu,\"limit\":%lld,\"offset\":%lld,\"items\":[",
		 q.sc.year, pg.total, (long long)limit, (long long)offset);
	for (i = 0; i < pg.n; i++) {
		size_t k = pg.rows[i];
		enum light l = lights ? lights[k] : ws_ok ? warnings_light(&ds, &ws, q.sc.asof, k)
							  : LIGHT_GREEN;

		if (i)
			buf_addch(&body, ',');
		api_project_text(&body, &ds, k, l,
				 access_project_editable(&rq->actor, &ds, &ds.projects[k]), q.sc.asof);
	}
	buf_adds(&body, "]}");
	http_answer_text(rq, rs, &key, gen, &body);
out:
	buf_release(&body);
	free(pg.rows);
	free(by_light);
	free(lights);
	dataset_release(&ds);
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
	if (http_warning_settings(rq, &ws) == 0)
		warnings_compute_one(&ds, &ws, q.sc.asof, (size_t)i, &wl);
	j = api_project_json(&ds, (size_t)i, wl.lights ? wl.lights[i] : LIGHT_GREEN,
			 access_project_editable(&rq->actor, &ds, &ds.projects[i]), q.sc.asof);
	warns = json_array();
	for (w = 0; w < wl.n; w++)
		if (wl.items[w].project == (size_t)i)
			json_array_append_new(warns, json_pack("{s:s, s:s, s:s}", "rule",
				warning_rule_keys[wl.items[w].rule], "level",
				light_keys[wl.items[w].level], "reason", wl.items[w].reason));
	json_object_set_new(j, "warnings", warns);
	json_object_set_new(j, "monthly", api_project_monthly(&ds, (size_t)i));
	resp_json(rs, 200, j);
	warning_list_release(&wl);
	dataset_release(&ds);
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
	json_t *body = req_json(rq, rs);
	const char *ref;
	enum bl_err rc;
	int found;

	if (!body)
		return;
	memset(&units, 0, sizeof(units));
	project_init(&old);
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
	rc = store_project_put(rq->st, &p);
	if (!http_finish(rq, rs, rc))
		resp_json(rs, found ? 200 : 201, api_project_stored(&units, &p));
	project_release(&p);
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
